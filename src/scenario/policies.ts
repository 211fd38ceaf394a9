/**
 * Policy levers as dated interventions: `{ lever, from, until?, estate?, ...size }`. Each
 * lever kind has its schema here and its module in src/model/levers/ saying how it acts —
 * always through the mechanism the report describes (docs/ODD.md, "Policy levers").
 */
import { bool, int, num, obj, oneOf, opt, share, tagged, type Infer } from './dsl.js';

const when = {
  from: int({ min: 1900, max: 2200, unit: 'calendar year', description: 'Year the lever takes effect (from January).', source: 'user input' }),
  until: opt(
    int({ min: 1900, max: 2200, unit: 'calendar year', description: 'Year the lever stops (from January); absent = to the end.', source: 'user input' }),
  ),
  estate: opt(
    int({
      min: 0,
      max: 100_000,
      unit: 'estate index',
      description: 'Apply only to this estate: its number (0-based, in the order of `estates`) or its name (`estate: Nord`); absent = all estates.',
      source: 'user input',
      orName: "an estate's name",
    }),
  ),
};

export const GROUPS = ['resourceStrongFamilies', 'resourceStrong', 'families', 'all'] as const;

const lever = <F extends Parameters<typeof obj>[0]>(fields: F, description: string) => obj({ ...when, ...fields }, { description, required: ['from'] });

export const policySchema = tagged(
  'lever',
  {
    largerFlats: lever(
      {
        mode: oneOf(['merge', 'build'] as const, {
          default: 'merge',
          description: 'merge: join pairs of small neighbouring flats into large ones; build: add new large flats.',
        }),
        count: int({ default: 30, min: 1, max: 100_000, unit: 'large flats', description: 'Number of large flats made.', source: 'user input' }),
        rooms: int({
          default: 4,
          min: 3,
          max: 5,
          unit: 'rooms',
          description: 'Rooms of each new flat (merging two flats gives at most their sum).',
          source: 'user input',
        }),
        rent: opt(
          num({
            min: 0,
            max: 100_000,
            unit: 'kr per month',
            description: "Rent of each new flat; absent = the estate's ordinary rent for its size.",
            source: 'user input',
          }),
        ),
      },
      'Larger flats: merge small flats or build new large ones (CFBU 2019). Take-up falls when the rent is above what local applicants pay (letting.rentElasticity).',
    ),
    internalList: lever(
      {
        enabled: bool({ default: true, description: 'Whether the internal waiting list is used.' }),
        share: share({
          default: 0.5,
          description: 'Share of waiting-list vacancies offered to the internal list first.',
          source: 'sources.md: every 2nd since 2019',
        }),
        familyPriorityLarge: bool({ default: true, description: 'Families with children first to flats of 4+ rooms.' }),
        swapAnnual: share({
          default: 0.05,
          unit: 'probability per year',
          description: 'Yearly probability that an over-housed household seeks a swap (swaps by life phase).',
          source: 'assumption',
        }),
      },
      'Internal waiting list, family priority to large flats and swaps by life phase (CFBU 2019).',
    ),
    gardens: lever(
      {
        privateGardens: share({ default: 0.5, description: 'Share of ground-floor flats without a garden that get a private garden.', source: 'user input' }),
        wishSatisfied: share({
          default: 0.3,
          description: 'Share of the garden wish met by allotment and community gardens (lowers the garden hazard).',
          source: 'assumption; CFBU 2019 lever',
        }),
      },
      'Gardens: private gardens for ground-floor flats; allotment and community gardens (CFBU 2019).',
    ),
    renovation: lever(
      {
        disruption: num({
          default: 1.5,
          min: 1,
          max: 10,
          unit: 'hazard multiplier',
          description: 'Multiplier on voluntary move-out hazards while the works last (from .. until).',
          source: 'assumption; CFBU 2019: big works can push families out',
        }),
        attachment: num({
          default: 0.85,
          min: 0,
          max: 1,
          unit: 'hazard multiplier',
          description: 'Multiplier on voluntary move-out hazards after the works, from the right to alter and resident involvement.',
          source: 'assumption; CFBU 2019: råderet and involvement give a feeling of ownership',
        }),
        attachmentYears: int({
          default: 10,
          min: 0,
          max: 100,
          unit: 'years',
          description: 'How long the attachment effect lasts after the works.',
          source: 'assumption',
        }),
      },
      'Renovation with the right to alter and resident involvement: disruption while the works last (`from` to `until`), attachment after. Give `until`: without it the works last to the end of the run and the attachment never begins (nabolag warns).',
    ),
    ownership: lever(
      {
        units: int({
          default: 50,
          min: 1,
          max: 1_000_000,
          unit: 'flats',
          description: 'Number of social flats sold (each as it falls vacant) as owner-occupied.',
          source: 'user input',
        }),
        price: num({
          default: 1_500_000,
          min: 0,
          max: 100_000_000,
          unit: 'kr',
          description: 'Price of a unit; residents who want to own and can finance it may buy in the estate.',
          source: 'assumption',
        }),
        firstRight: bool({ default: true, description: 'Residents have the first right to buy (internal list before outside buyers).' }),
      },
      "Ownership options: sale of units, residents' first right (CFBU 2019; Gellerupparken, Ny Ringby 2025).",
    ),
    almenBoligPlus: lever(
      {
        rentDiscount: share({ default: 0.1, description: 'Rent reduction from self-management (less service).', source: 'assumption; AlmenBolig+ principles' }),
        engagement: num({ default: 1.5, min: 0, max: 10, unit: 'multiplier', description: 'Multiplier on volunteering and tie growth.', source: 'assumption' }),
      },
      'AlmenBolig+ principles: more self-determination, less service (CFBU 2019).',
    ),
    socialActivities: lever(
      {
        volunteering: num({
          default: 2,
          min: 0,
          max: 20,
          unit: 'multiplier',
          description: 'Multiplier on the rate at which households start volunteering.',
          source: 'assumption; CFBU 2019',
        }),
        ties: num({ default: 1.3, min: 0, max: 10, unit: 'multiplier', description: 'Multiplier on the growth of neighbour ties.', source: 'assumption' }),
      },
      'Social activities and volunteering: festivals, clubs, homework cafés (CFBU 2019).',
    ),
    vulnerableWork: lever(
      {
        effect: share({
          default: 0.3,
          description: 'Share by which the social problems and crime caused by vulnerable households are reduced.',
          source: 'assumption; CFBU 2019: social caretakers, crime prevention',
        }),
      },
      'Work with vulnerable residents (social caretakers, crime prevention).',
    ),
    municipalAllocation: lever(
      {
        share: share({
          default: 0.1,
          description: 'Share of vacant family dwellings the municipality allocates while the lever is on.',
          source: 'sources.md: 10% of lettings in 2021 outside listed areas',
        }),
        bans: opt(bool({ description: 'Force the allocation bans on (true) or off (false) regardless of list status.' })),
      },
      'Allocation limits: cap or raise the municipal allocation share, and bans (ABL § 59).',
    ),
    flexibleLetting: lever(
      {
        share: share({
          default: 0.5,
          description:
            'Share of waiting-list vacancies let by flexible criteria (work or education first); of these, `letting.flexibleFindShare` look for such applicants at all.',
          source: 'ABL § 60',
        }),
        combinedLetting: bool({
          default: false,
          description: 'Also use combined letting (reject applicants on cash benefits where 40%+ are outside work).',
          source: 'ABL § 51 b',
        }),
      },
      'Flexible and combined letting (ABL §§ 60, 51 b).',
    ),
    facilities: lever(
      {
        image: num({
          default: 0.05,
          min: -1,
          max: 1,
          unit: 'image',
          description: 'Shift of the image target from facilities that draw outsiders.',
          source: 'assumption; CFBU 2019, Jacobs 1961',
        }),
        crime: share({ default: 0.1, description: 'Share by which crime falls ("eyes on the street").', source: 'assumption; Jacobs 1961' }),
      },
      'Facilities and offers that draw outsiders: café, sports, playgrounds (CFBU 2019).',
    ),
    imageWork: lever(
      {
        boost: num({
          default: 0.1,
          min: -1,
          max: 1,
          unit: 'image',
          description: 'Shift of the image target while the lever is on.',
          source: 'assumption; CFBU 2019 media work and ambassadors',
        }),
      },
      'Media work and ambassadors: raise the image target (CFBU 2019).',
    ),
    divideEstate: lever(
      {
        physicallySeparate: bool({
          default: false,
          description:
            'Whether the sections become physically separate areas (e.g. split by new roads or demolition between them). Only then is each section classified on its own (one under 1,000 residents is not classified at all); by default the list classification keeps the whole estate, the physically contiguous area of almenboligloven § 61 a, however its sections are named.',
          source: 'almenboligloven § 61 a stk. 1 (docs/sources.md, "Official area classifications"): an area is physically contiguous social housing',
        }),
      },
      'Dividing the estate into smaller named units (Vollsmose; Ny Ringby 2025): from then on each section keeps its own image (CFBU 2019: stigma attaches to the whole estate as one place). The list classification stays with the whole, physically contiguous estate (almenboligloven § 61 a) unless `physicallySeparate` is set.',
    ),
    upgradeRename: lever(
      {
        jump: num({
          default: 0.1,
          min: 0,
          max: 1,
          unit: 'image',
          description: 'Immediate rise of the image at the start (halved unless renovation or vulnerable work is on at the same time).',
          source: 'assumption; CFBU 2019: only together with physical and social work',
        }),
      },
      'Architectural upgrade and renaming (CFBU 2019).',
    ),
    demolition: lever(
      {
        flats: int({
          default: 100,
          min: 1,
          max: 1_000_000,
          unit: 'flats',
          description: 'Number of flats demolished at the start (whole stairwells, most crowded buildings first).',
          source: 'user input; ABL § 168 a',
        }),
      },
      "Demolition with relocation: residents are rehoused in vacancies of the region's estates (preferring similar estates) or leave (Jepsen & Nielsen 2018).",
    ),
    programme: lever(
      {
        boost: num({
          default: 1.5,
          min: 0,
          max: 10,
          unit: 'multiplier',
          description: 'Multiplier on the rates into work and education.',
          source: 'assumption; CFBU 2019: social-housing programmes lift people',
        }),
      },
      'Social-housing programme (boligsocial helhedsplan): raises the rates into work and education.',
    ),
    extension: lever(
      {
        group: oneOf(GROUPS, { default: 'resourceStrongFamilies', description: 'Whose stay is extended.' }),
        factor: num({
          default: 0.5,
          min: 0,
          max: 1,
          unit: 'multiplier on move-out hazards',
          description: 'Multiplier on the voluntary move-out hazards of the group (0.5 roughly doubles the expected stay).',
          source: 'CFBU 2019 closing idea "forlængelse" (size is the experiment)',
        }),
      },
      'Extension ("forlængelse"): lengthen the stay of a chosen group by damping its voluntary move-out hazards.',
    ),
  },
  {
    description: 'A dated intervention.',
    // the levers' Danish names (the studio's, and the report's words), offered as "did you mean"
    aliases: {
      forlængelse: 'extension',
      'boligsocial helhedsplan': 'programme',
      helhedsplan: 'programme',
      'større boliger': 'largerFlats',
      sammenlægning: 'largerFlats',
      'intern venteliste': 'internalList',
      haver: 'gardens',
      renovering: 'renovation',
      råderet: 'renovation',
      ejerboliger: 'ownership',
      'almenbolig+': 'almenBoligPlus',
      'almenbolig plus': 'almenBoligPlus',
      'sociale aktiviteter': 'socialActivities',
      'indsats for udsatte beboere': 'vulnerableWork',
      'kommunal anvisning': 'municipalAllocation',
      'fleksibel udlejning': 'flexibleLetting',
      'kombineret udlejning': 'flexibleLetting',
      faciliteter: 'facilities',
      imagearbejde: 'imageWork',
      'opdeling af afdelingen': 'divideEstate',
      'opgradering og nyt navn': 'upgradeRename',
      nedrivning: 'demolition',
    },
  },
);

export type Policy = Infer<typeof policySchema>;
export type LeverKind = Policy['lever'];
