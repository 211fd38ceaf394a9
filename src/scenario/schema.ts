/**
 * The scenario schema: the single source of truth for what a scenario file may contain, its
 * defaults, units and sources. `Scenario` (the resolved type) is inferred from it; the JSON
 * Schema in `scenarios/schema.json` and the parameter reference in `docs/parameters.md` are
 * generated from it (`npm run schema`), and tests fail if either is stale.
 *
 * Sources are cited by short name; docs/ODD.md lists them in full. Abbreviations:
 *  - CFBU2019: the seed report "Fra fraflytning til fastholdelse" (Center for Boligsocial Udvikling).
 *  - Larsen2017: Larsen, Glad & Avlund 2017 (CFBU), cited in the report (F1).
 *  - Foldgast2018: Foldgast, Glad & Larsen 2018 (CFBU survey of 716 families who left).
 *  - ABL: almenboligloven (social housing act), with section numbers.
 *  - LBF: Landsbyggefonden statistics. DST: Statistics Denmark.
 */
import { arr, bool, int, num, obj, oneOf, opt, share, str, type Infer } from './dsl.js';
import { policySchema } from './policies.js';

/** Most policies in one scenario (the shipped packages have a handful). */
export const MAX_POLICIES = 200;

const annual = (d: number, description: string, source: string) => num({ default: d, min: 0, max: 1, unit: 'probability per year', description, source });
const factor = (d: number, description: string, source: string, max = 20) =>
  num({ default: d, min: 0, max, unit: 'multiplier (1 = no effect)', description, source });

export const roomMixSchema = obj(
  {
    r1: share({ default: 0.08, description: 'Share of flats with 1 room.', source: 'assumption, giving LBF 2023 sector mean 2.7 rooms' }),
    r2: share({ default: 0.3, description: 'Share of flats with 2 rooms.', source: 'assumption, giving LBF 2023 sector mean 2.7 rooms' }),
    r3: share({ default: 0.4, description: 'Share of flats with 3 rooms.', source: 'assumption, giving LBF 2023 sector mean 2.7 rooms' }),
    r4: share({ default: 0.18, description: 'Share of flats with 4 rooms.', source: 'assumption; CFBU2019: the largest flats are scarce' }),
    r5: share({ default: 0.04, description: 'Share of flats with 5 rooms.', source: 'assumption; CFBU2019: the largest flats are scarce' }),
  },
  { description: 'Mix of flat sizes (rooms, Danish counting: living room included). Shares must add up to 1.' },
);

export const populationSchema = obj(
  {
    occupancy: share({
      default: 1,
      description:
        'Share of flats occupied at the start (ignored when `households` is given). Letting fills every vacancy within a month or two, so a start with empty flats is not the steady state: its household counts rise by the empty share in the first months.',
      source:
        "the model's own steady state (measured: 0-1 of 1,000 flats empty at the end of each month from month 2 on, in the presets); the sector's vacancy is low (LBF). Until 0.2.8 the default was 0.98: every count rose 2% in the first month",
    }),
    households: opt(
      int({
        min: 0,
        max: 2_000_000,
        unit: 'households',
        description: 'Number of households at the start; must not exceed the number of flats.',
        source: 'user input',
      }),
    ),
    resourceStrongShare: share({
      default: 0.52,
      description:
        "Share of residents aged 22-59 who are resource-strong (in work or education, or living with someone who is) at the start: each household is drawn resource-strong with this probability, so a replication's start is close to it, not set exactly (in 150 flats at 25% one replication started at 14%, another at 28%; the mean of many is near it); the report gives the start as run.",
      source: 'CFBU2019 F3: 52% on average in estates with a social master plan',
    }),
    familyShare: share({
      default: 0.36,
      description: 'Share of households with children under 18 at the start.',
      source: 'assumption (family estates; sector 10% single parents, sources.md)',
    }),
    seniorShare: share({ default: 0.18, description: 'Share of households whose head is 60 or older.', source: 'assumption' }),
    strongFamilyShare: opt(
      share({
        description:
          'Share of families with children among the households drawn resource-strong at the start; the others get the family share that keeps all families at `familyShare`. Left out: with `anchor` on, solved with (and equal to) `applicants.strongFamilyShare`, so that the start is consistent with the applicant mix and the number of resource-strong families is stationary; with `anchor` off, `familyShare` (no difference between the two).',
        source: 'user input; solved by anchoring',
      }),
    ),
    nonWesternShare: share({
      default: 0.45,
      description: 'Share of households of non-western origin (immigrants and descendants).',
      source: 'assumption; CFBU2019 F4: two thirds of resource-strong families in master-plan estates have a non-Danish background',
    }),
    westernShare: share({ default: 0.05, description: 'Share of households of western non-Danish origin.', source: 'assumption' }),
    basicEducationShareStrong: share({
      default: 0.25,
      description:
        'Share of adults with only basic education among resource-strong households: applicants, and residents at the start where `basicEducationStartStrong` is not given or solved.',
      source: 'assumption',
    }),
    basicEducationShareWeak: share({
      default: 0.62,
      description:
        'Share of adults with only basic education among other households: applicants, and residents at the start where `basicEducationStartWeak` is not given or solved.',
      source: 'assumption',
    }),
    vulnerableShare: share({ default: 0.06, description: 'Share of households with heavy social problems.', source: 'assumption' }),
    meanStayYears: num({
      default: 7,
      min: 0.1,
      max: 60,
      unit: 'years',
      description: "Mean time the initial households have already lived in the estate (exponential, capped by the adult's age).",
      source:
        "assumption; LBF Temastatistik 2020:9: residents of family dwellings have lived in their dwelling over 10 years on average, 10% over 25 years (an exponential of mean 11 matches; not the default because P5's exit sign then flipped, docs/ODD.md, 'Stay lengths')",
    }),
    familyNearbyShare: share({
      default: 0.3,
      description: 'Share of households with family living in or near the estate.',
      source: 'assumption; CFBU2019: family nearby is a strong reason to move in and stay',
    }),
    volunteerShare: share({ default: 0.08, description: 'Share of households with an active volunteer at the start.', source: 'assumption' }),
    wantsGardenShare: share({
      default: 0.55,
      description: 'Share of families with children who wish for a garden.',
      source: 'Foldgast2018: garden among the main wishes of leavers (assumption for the share)',
    }),
    wantsOwnShare: share({
      default: 0.45,
      description: 'Share of resource-strong households who wish to own their home.',
      source: 'Foldgast2018: owning among the main wishes (assumption for the share)',
    }),
    strongCouplesBothActive: opt(
      share({
        description:
          'Of the resource-strong households of two adults under 60 at the start, the share in which both are in work or education (in the others one is). Left out: with `anchor` on, solved as the share the baseline sustains (measured at the end of the anchoring trials), so that the share of adults outside work does not drift from its start; with `anchor` off, each second adult is in work or education with chance 0.72 and the first always is.',
        source: 'user input; solved by anchoring',
      }),
    ),
    strongCouplesFirstActive: opt(
      share({
        description:
          'Of the resource-strong households of two adults under 60 at the start in which only one is in work or education, the share in which it is the first adult (the head). Left out: as `strongCouplesBothActive`.',
        source: 'user input; solved by anchoring',
      }),
    ),
    strongStudentShareUnder27: opt(
      share({
        description:
          'Of the adults under 27 in work or education in the resource-strong households at the start, the share who are students (the others are employed). Left out: with `anchor` on, solved as the share the baseline sustains (measured at the end of the anchoring trials), so that students and employed do not drift from their start; with `anchor` off, 0.5 of first adults and 0.4 of second adults.',
        source: 'user input; solved by anchoring',
      }),
    ),
    strongStudentShare27to59: opt(
      share({
        description:
          'Of the adults aged 27-59 in work or education in the resource-strong households at the start, the share who are students. Left out: as `strongStudentShareUnder27`; with `anchor` off, 0.06 of first adults and none of second adults.',
        source: 'user input; solved by anchoring',
      }),
    ),
    childrenPerFamily: opt(
      num({
        min: 1,
        max: 2.75,
        unit: 'persons per household',
        description:
          "Mean number of children per family with children drawn at the start, before the room limit (a family is drawn with at most one person more than its flat's rooms, which lowers the realised mean; its children are drawn under 18). Left out: with `anchor` on, solved so that the children under 18 per family end the anchoring trials where they start; with `anchor` off, 2.05 (the draw of every newcomer family: 1 + B(0.6) + B(0.3) + B(0.15)).",
        source: 'user input; solved by anchoring',
      }),
    ),
    grownChildrenPerFamily: opt(
      num({
        min: 0,
        max: 6,
        unit: 'persons per household',
        description:
          'Grown children (18 or more) still living at home, per family with children under 18 whose head is 36-64, at the start. Left out: with `anchor` on, solved as the number the baseline sustains (measured at the end of the anchoring trials), so that the grown children at home (counted as adults in education) do not build up from none; with `anchor` off, none.',
        source: 'user input; solved by anchoring',
      }),
    ),
    grownChildrenPerOther: opt(
      num({
        min: 0,
        max: 6,
        unit: 'persons per household',
        description: 'As `grownChildrenPerFamily`, per other household (no child under 18) whose head is 36-64.',
        source: 'user input; solved by anchoring',
      }),
    ),
    earlyRetiredShare: opt(
      share({
        description:
          'Of the adults from 60 up to the retirement age at the start who are not employed, the share retired (early retirement, disability pension); the others are outside the labour market. Left out: with `anchor` on, solved as the share the baseline sustains (measured at the end of the anchoring trials: no one retires before the retirement age in the model, so only such in-movers are); with `anchor` off, 0.5.',
        source: 'user input; solved by anchoring',
      }),
    ),
    headAgesSingle: opt(
      arr(num({ min: 0, max: 1e9, unit: 'weight', description: 'Relative weight of a head-age band', source: 'user input; solved by anchoring' }), {
        minItems: 17,
        maxItems: 17,
        description:
          "Relative weights of the head's age in 17 bands of 5 years (18-22, 23-27, ..., 98-102) of the households of one adult without children under 18 at the start; each household type keeps its range (singles 18-59, young or not, seniors 60 and over, as `seniorShare` says). Left out: with `anchor` on, solved as the ages the baseline sustains (measured at the end of the anchoring trials), so that the estate does not age or grow younger from its start; with `anchor` off, uniform within each type's range (young singles 18-29, singles 25-59, seniors 60-85).",
      }),
    ),
    headAgesCouple: opt(
      arr(num({ min: 0, max: 1e9, unit: 'weight', description: 'Relative weight of a head-age band', source: 'user input; solved by anchoring' }), {
        minItems: 17,
        maxItems: 17,
        description: 'As `headAgesSingle`, for the households of two adults without children under 18 (couples 25-59, senior couples 60 and over).',
      }),
    ),
    headAgesFamily: opt(
      arr(num({ min: 0, max: 1e9, unit: 'weight', description: 'Relative weight of a head-age band', source: 'user input; solved by anchoring' }), {
        minItems: 17,
        maxItems: 17,
        description:
          "As `headAgesSingle`, for the families with children under 18 (heads 21-59; the oldest child 21-38 years younger than the head, under 18). With `anchor` off: the oldest child's age uniform under 18, the head 21-38 years older, at most 59.",
      }),
    ),
    liftedShare: opt(
      share({
        description:
          'Of the resource-strong households at the start, the share lifted into work or education within the last `elevator.liftedMonths` (they leave more often for a while, `elevator.liftedExitFactor`), since a time drawn uniformly over those months and their stay. Left out: with `anchor` on, solved as the share the baseline sustains (measured at the end of the anchoring trials), so that their exits do not start from none; with `anchor` off, none.',
        source: 'user input; solved by anchoring',
      }),
    ),
    basicEducationStartStrong: opt(
      share({
        description:
          "Share of adults with only basic education among the resource-strong households at the start (the applicants draw `basicEducationShareStrong`). Left out: with `anchor` on, solved as the share the baseline sustains (measured at the end of the anchoring trials): many of the resource-strong residents of a weak estate are residents lifted into work, with the education of the households they were, and a start at the applicants' share drifted (an estate of 1,200 flats at 30% rose from 50% to 63% of its 30-59-year-olds with basic education in 15 years, and onto the list, until 0.2.18); with `anchor` off, `basicEducationShareStrong`.",
        source: 'user input; solved by anchoring',
      }),
    ),
    basicEducationStartWeak: opt(
      share({
        description:
          'Share of adults with only basic education among the other households at the start (the applicants draw `basicEducationShareWeak`). Left out: with `anchor` on, solved as the share the baseline sustains (measured at the end of the anchoring trials); with `anchor` off, `basicEducationShareWeak`.',
        source: 'user input; solved by anchoring',
      }),
    ),
  },
  { description: 'Who lives in the estate at the start. Households are drawn at random to match these shares.' },
);

export const applicantsSchema = obj(
  {
    nonWesternShare: opt(
      share({
        description:
          "Share of non-western households among external applicants. Left out: the residents' share at the start (`population.nonWesternShare`), so that the waiting list keeps the mix the estate is given (with a fixed 0.45, until 0.2.18, an estate given 65% fell to 49% in 15 years).",
        source: 'assumption (as the resident mix)',
      }),
    ),
    familyNearbyShare: share({ default: 0.3, description: 'Share of applicants with family in or near the estate.', source: 'assumption' }),
    familyShare: share({
      default: 0.5,
      description:
        'Share of families with children among external applicants who are not resource-strong (`strongFamilyShare`: among those who are), before fitting to the room mix (as population.familyShare is for residents).',
      source:
        'assumption: families are over-represented among applicants for family dwellings. With `anchor` on (the default) the share is solved at load so that the number of families is stationary in the baseline, and this value is only the starting point',
    }),
    strongFamilyShare: share({
      default: 0.5,
      description:
        'Share of families with children among resource-strong external applicants (`familyShare` is that among the others), before fitting to the room mix. With `anchor` on it is solved so that the number of resource-strong families is stationary in the baseline.',
      source: 'assumption (as familyShare); solved by anchoring',
    }),
    seniorShare: opt(
      share({
        description:
          'Share of households whose head is 60 or older among external applicants, before fitting to the room mix. Left out: `population.seniorShare`. With `anchor` on it is solved so that the number of retired adults is stationary in the baseline, and this value is only the starting point.',
        source: 'assumption (as population.seniorShare); solved by anchoring',
      }),
    ),
    vulnerableShare: share({
      default: 0.02,
      description: 'Share of external applicants with heavy social problems.',
      source: 'assumption (most are housed by municipal allocation instead)',
    }),
  },
  {
    description: 'The external waiting list: who applies for a vacancy.',
    removed: {
      resourceStrongShare:
        'the resource-strong share of applicants now follows from the region (`region.applicantStrongShare`), the estate\'s image and its attractiveness. With `anchor: true` (the default) the attractiveness is solved so that the estate as given is stationary; to set it by hand, write `anchor: false` and `attractiveness` (log-odds, 0 = a typical estate). See docs/ODD.md, "Anchoring".',
    },
  },
);

export const estateSchema = obj(
  {
    name: str({
      default: 'estate',
      minLength: 1,
      pattern: '^[A-Za-z0-9æøåÆØÅ _-][A-Za-z0-9æøåÆØÅ _.-]*$',
      patternText: 'letters, digits, spaces, "_", "-" and ".", not starting with "."',
      description:
        'Name of the estate, used in outputs. Letters, digits, spaces, `_`, `-` and `.`, not starting with `.`. Every output row needs its own name: estates with copies give rows name-1, name-2, ..., no two rows may share a name, and `region` (in any case: `Region` too) is reserved for the row that sums a region.',
    }),
    copies: int({
      default: 1,
      min: 1,
      max: 2000,
      unit: 'estates',
      description: 'Number of identical estates of this kind in the region (named name-1, name-2, ...).',
      source: 'user input',
    }),
    flats: int({
      default: 1000,
      min: 10,
      max: 2_000_000,
      unit: 'flats',
      description: 'Number of flats in the estate.',
      source: 'user input; CFBU2019 estates have about 500-1,500 flats',
    }),
    sections: int({
      default: 4,
      min: 1,
      max: 500,
      unit: 'sections',
      description: 'Number of named sub-areas (sections) the estate is divided into.',
      source: 'assumption',
    }),
    floors: int({ default: 4, min: 1, max: 20, unit: 'storeys', description: 'Storeys per building.', source: 'assumption (typical 1960-70s estates)' }),
    flatsPerLanding: int({ default: 2, min: 1, max: 8, unit: 'flats', description: 'Flats per stairwell per storey.', source: 'assumption' }),
    stairwellsPerBuilding: int({ default: 4, min: 1, max: 40, unit: 'stairwells', description: 'Stairwells per building.', source: 'assumption' }),
    rooms: roomMixSchema,
    gardenShareOfGroundFloor: share({
      default: 0.25,
      description: 'Share of ground-floor flats with a private garden.',
      source: 'assumption; CFBU2019: ground-floor flats with gardens are hard to get',
    }),
    ownerShare: share({ default: 0, description: 'Share of flats that are owner-occupied.', source: 'assumption (pure social estate)' }),
    coopShare: share({ default: 0, description: 'Share of flats that are co-operative (andelsbolig).', source: 'assumption (pure social estate)' }),
    rentBase: num({
      default: 1600,
      min: 0,
      max: 50_000,
      unit: 'kr per month',
      description: 'Rent of a flat: fixed part.',
      source: 'LBF 2021: about 5,500 kr a month for 79 m² (split into fixed and per-room parts is an assumption)',
    }),
    rentPerRoom: num({
      default: 1300,
      min: 0,
      max: 50_000,
      unit: 'kr per month per room',
      description: 'Rent of a flat: part per room.',
      source: 'LBF 2021 (see rentBase)',
    }),
    population: populationSchema,
    applicants: applicantsSchema,
    image: opt(
      share({
        description:
          "Image (reputation) of the estate at the start: 0 = worst, 1 = best. Left out: the image its composition implies (the spiral's target). The reference every image is compared with is the region's (`region.image`).",
        source: 'user input; assumption',
      }),
    ),
    anchor: bool({
      default: true,
      description:
        "Anchor the estate: solve, at load, the attractiveness and the applicants' family and senior shares that keep the estate as given (its resource-strong share, its families and its retired adults) stationary in the baseline without levers. Off: `attractiveness` and `applicants.familyShare`, `strongFamilyShare` and `seniorShare` are used as written, and the estate drifts to whatever they imply.",
    }),
    attachment: num({
      default: 1,
      min: 0.05,
      max: 20,
      unit: 'factor',
      description:
        "Labour-market attachment of the estate's adults: a multiplier on their rates into work and education (`elevator`), for residents and in-movers alike (1 = as `elevator` says). With `anchor` on it is solved only where the attractiveness alone cannot hold the estate (beyond ±3 log-odds): an estate whose residents' own job finding would lift it above its share even with no resource-strong applicants, or the reverse.",
      source: 'solved by anchoring; assumption (1) when anchor is off',
    }),
    attractiveness: num({
      default: 0,
      min: -8,
      max: 8,
      unit: 'log-odds',
      description:
        'How much more (positive) or less (negative) than at a typical estate of the region the resource-strong applicants want this estate, beyond its image: location, architecture, schools. Solved when `anchor` is on (this value is then ignored); used as written when `anchor: false`.',
      source: 'solved by anchoring; assumption (0 = a typical estate) when anchor is off',
    }),
    consecutiveListYears: int({
      default: 0,
      min: 0,
      max: 20,
      unit: 'years',
      description: 'Years in a row the estate has already been a ghetto/parallel-society area before the start (for the hard-ghetto rule).',
      source: 'user input; CFBU2019 F5 for the presets',
    }),
  },
  { description: 'One estate (boligafdeling or area): its buildings, flats, residents and applicants.' },
);

export const regionSchema = obj(
  {
    meanIncome15to64: num({
      default: 330_000,
      min: 10_000,
      max: 5_000_000,
      unit: 'kr per year',
      description: 'Average gross income of residents aged 15-64 (students excluded) in the region, the yardstick of the income criterion.',
      source: 'assumption near DST national level',
    }),
    housePrice: num({
      default: 2_400_000,
      min: 0,
      max: 100_000_000,
      unit: 'kr',
      description: 'Price of a typical family house in the region.',
      source: 'assumption near DST national level',
    }),
    seekInRegionShare: share({
      default: 0.25,
      description:
        'In a region of several estates: share of households leaving for space, garden, dissatisfaction, safety, stigma or other reasons who apply for a flat in another estate of the region (the rest leave the region).',
      source: 'assumption',
    }),
    image: share({
      default: 0.5,
      description:
        "Image of a typical estate of the region: the reference against which an estate's image draws or repels resource-strong applicants and makes residents dissatisfied.",
      source: 'assumption (the middle of the 0-1 scale)',
    }),
    applicantStrongShare: share({
      default: 0.55,
      description:
        'Share of resource-strong households among the waiting-list applicants of a typical estate of the region (image at `region.image`, attractiveness 0), before they decline offers.',
      source: "assumption (about half of the sector's adults 22-59 are in work or education; in-movers are weaker than stayers: Andersson & Bråmå 2004)",
    }),
    outsideShare18to64: share({
      default: 0.25,
      description: "Share of the region's residents aged 18-64 outside work or education: the composition at which the image target is `region.image`.",
      source: 'assumption near the national level (DST; the list criterion is 40%, § 61 a)',
    }),
    nonWesternShare: share({
      default: 0.1,
      description: "Share of the region's residents who are non-western immigrants or descendants: the reference of the image target.",
      source: 'assumption near the national level (DST: about 9-10% in the 2020s)',
    }),
    maxPriceToIncome: num({
      default: 5,
      min: 0.5,
      max: 20,
      unit: 'price / yearly household income',
      description: 'Largest house price a household can finance, as a multiple of its yearly gross income.',
      source: 'assumption (Danish lending practice of about 4-5x income)',
    }),
  },
  { description: 'The regional housing market and its incomes.' },
);

export const demographySchema = obj(
  {
    enabled: bool({ default: true, description: 'Ageing, births, deaths, children leaving home and partnership change.' }),
    mortalityA: num({
      default: 0.00003,
      min: 0,
      max: 1,
      unit: 'probability per year at age 0 (Gompertz)',
      description: 'Gompertz mortality level.',
      source: 'assumption fitted by eye to DST life tables (about 1% at 70, 6% at 85)',
    }),
    mortalityB: num({
      default: 0.092,
      min: 0,
      max: 1,
      unit: 'per year of age',
      description: 'Gompertz mortality slope.',
      source: 'assumption (see mortalityA)',
    }),
    fertilityPeak: annual(
      0.21,
      'Yearly probability of a birth for a woman at the peak fertility age (30), before the adjustments below.',
      'calibrated so that a woman who lives with a partner from her mid-twenties (single women: singleBirthFactor) has about 1.6 children over ages 15-50 with the parity multipliers below (DST total fertility rate 1.5-1.7); 0.11 gave only about 0.85',
    ),
    fertilityPeakAge: num({ default: 30, min: 15, max: 50, unit: 'years', description: 'Age of peak fertility.', source: 'DST (mean age at birth about 31)' }),
    fertilitySpread: num({
      default: 5.5,
      min: 1,
      max: 20,
      unit: 'years',
      description: 'Spread (standard deviation) of fertility by age.',
      source: 'assumption',
    }),
    fertilityByChildren: arr(num({ min: 0, max: 5, unit: 'multiplier', description: 'Birth multiplier', source: 'assumption (parity progression)' }), {
      default: [0.7, 1.2, 0.45, 0.25],
      minItems: 1,
      maxItems: 8,
      description: 'Birth multipliers for 0, 1, 2, 3+ children already (last entry used beyond). Source: assumption (parity progression, DST).',
    }),
    crowdingBirthFactor: factor(
      0.45,
      'Birth multiplier when the household already has more persons than rooms.',
      'CFBU2019 quote: "if I had one more room, the next child would be on the way" (size is an assumption)',
    ),
    singleBirthFactor: factor(0.15, 'Birth multiplier for a woman without a partner.', 'assumption'),
    childLeaveAnnual: annual(0.22, 'Yearly probability that a child aged 18 or more leaves home.', 'assumption (DST: most leave home at 18-24)'),
    childStaysInEstateShare: share({
      default: 0.25,
      description: 'Share of children leaving home who seek their own flat in the estate (the "coming middle class").',
      source: 'assumption; CFBU2019 closing chapter',
    }),
    partnershipAnnual: annual(
      0.1,
      'Yearly probability that a single adult aged 20-55 forms a partnership.',
      'assumption, calibrated (P4: partnership second among the reasons of leaving resource-strong families, Foldgast2018 23%)',
    ),
    partnerMovesOutShare: share({
      default: 0.45,
      description: 'Share of new partnerships where the household moves out to live with the partner (else the partner moves in).',
      source: 'assumption; Larsen2017: moving in with a partner is among the strongest predictors of moving',
    }),
    breakupAnnual: annual(
      0.065,
      'Yearly probability that a couple separates.',
      "assumption (DST divorce rates; cohabiting couples separate more often), calibrated (P4: 0.045 gave partnership 21-22% of resource-strong families' exits against the survey's 23%, tied with dissatisfaction in average; 0.05 gave 17-19% in every preset from 0.2.8 to 0.2.14, and ringparken-like's came after its dissatisfaction, safety and stigma; 0.065 with breakupHouseholdLeavesShare 0.9 gives 24-25%, 0.2.15). A fit, not a demographic rate: it is several times the yearly divorce rate of married couples (DST's divorce statistics; not yet in docs/sources.md), and partnership is then a third of all households' move-outs (docs/ODD.md, 7.6)",
    ),
    breakupHouseholdLeavesShare: share({
      default: 0.9,
      description: 'Share of break-ups after which the remaining household also moves out (it cannot pay or needs another flat).',
      source:
        'assumption; Foldgast2018: divorce or new partner is the second most common reason to leave (23%); calibrated (P4, with breakupAnnual: 0.7 until 0.2.14)',
    }),
    breakupFormsHouseholdShare: share({
      default: 0.15,
      description: 'Share of break-ups where the leaving partner seeks a flat in the estate.',
      source: 'assumption',
    }),
  },
  { description: 'Demography: deaths, births, children leaving home, partnerships.' },
);

export const elevatorSchema = obj(
  {
    enabled: bool({ default: true, description: 'Transitions in and out of work and education.' }),
    outsideToEmployed: annual(
      0.045,
      'Yearly probability that an adult aged 18-64 outside the labour market gets a job.',
      "assumption; CFBU2019 elevator effect; calibrated (P2: with employedToOutside the residents' own labour-market balance stays near the estate's, so the composition is kept static by who moves in and out)",
    ),
    outsideToStudent: annual(0.025, 'Yearly probability that an adult outside the labour market starts education.', 'assumption'),
    studentToEmployed: annual(0.22, 'Yearly probability that a student finishes and gets a job.', 'assumption'),
    studentToOutside: annual(0.04, 'Yearly probability that a student drops out of education into no work.', 'assumption'),
    employedToOutside: annual(
      0.065,
      'Yearly probability that an employed adult loses work and stays outside the labour market.',
      'assumption (weak labour-market attachment of low-educated residents), calibrated (P2)',
    ),
    programmeBoost: factor(
      1,
      'Multiplier on the rates into work and education from social-housing programmes (1 = none beyond the baseline).',
      'CFBU2019: the programmes lift people (size is an assumption)',
    ),
    retirementAge: int({
      default: 65,
      min: 55,
      max: 75,
      unit: 'years',
      description: 'Age at which adults retire.',
      source: 'Danish pension age 2026 is 67; 65 approximates early retirement (assumption)',
    }),
    basicEducationFactor: factor(
      0.5,
      'Multiplier on the rates into work and education for adults with only basic education.',
      'assumption (DST: employment rates are lowest among those with only basic education)',
    ),
    higherEducationFactor: factor(1.5, 'Multiplier on the rates into work and education for adults with higher education.', 'assumption'),
    liftedExitFactor: factor(
      6,
      'Move-out hazard multiplier for a household recently lifted into resource-strong status.',
      'Andersson & Bråmå 2004: those lifted leave once they have other options; size calibrated (P2: elevator exits about 17% of move-outs)',
    ),
    liftedMonths: int({
      default: 48,
      min: 0,
      max: 240,
      unit: 'months',
      description: 'How long the lifted multiplier lasts.',
      source: 'assumption, calibrated (P2)',
    }),
    incomeEmployed: num({
      default: 390_000,
      min: 0,
      max: 5_000_000,
      unit: 'kr per year per adult',
      description: 'Gross income of an employed adult.',
      source: 'assumption near DST median wage income',
    }),
    incomeStudent: num({
      default: 95_000,
      min: 0,
      max: 5_000_000,
      unit: 'kr per year per adult',
      description: 'Gross income of a student (SU and jobs).',
      source: 'assumption (SU rates)',
    }),
    incomeOutside: num({
      default: 165_000,
      min: 0,
      max: 5_000_000,
      unit: 'kr per year per adult',
      description: 'Gross income of an adult outside the labour market (benefits).',
      source: 'assumption (kontanthjælp rates)',
    }),
    incomeCounted: oneOf(['benefitRules', 'share'] as const, {
      default: 'benefitRules',
      description:
        "How the list's income criterion counts an adult outside the labour market (the criterion is the mean taxable gross income of residents 15-64, students excluded): `benefitRules` counts the cash benefit the rules give (`cashBenefitUnder30`, `cashBenefitFrom30`, `cashBenefitWithChildren`), and nothing where the partner is employed (the spouse's income is deducted from the benefit); `share` counts `incomeOutsideTaxableShare` of `incomeOutside` whatever the household, as versions before 0.2.20 did. Used only for the criterion.",
      source:
        "lov om aktiv socialpolitik § 25 (rates; the spouse's income deducted), bm.dk 'Satser for 2016'; the 225-hour rule and benefits other than cash benefit (unemployment, sickness, early retirement under 60, which the model's 'outside' also holds) are left out: assumption (docs/ODD.md 7.4; sources.md 'The income criterion')",
    }),
    cashBenefitUnder30: num({
      default: 84_828,
      min: 0,
      max: 5_000_000,
      unit: 'kr per year per adult',
      description:
        'Cash benefit of an adult outside the labour market under 30 without children (living away from home), as the income criterion counts it under `incomeCounted: benefitRules`.',
      source: 'bm.dk, Satser for 2016: 7,069 kr a month (uddannelseshjælp, living away from home)',
    }),
    cashBenefitFrom30: num({
      default: 131_616,
      min: 0,
      max: 5_000_000,
      unit: 'kr per year per adult',
      description:
        'Cash benefit of an adult outside the labour market aged 30 or more without children, as the income criterion counts it under `incomeCounted: benefitRules`.',
      source: 'bm.dk, Satser for 2016: 10,968 kr a month (kontanthjælp, 30 and over)',
    }),
    cashBenefitWithChildren: num({
      default: 174_900,
      min: 0,
      max: 5_000_000,
      unit: 'kr per year per adult',
      description:
        'Cash benefit of an adult outside the labour market with children under 18 at home, at any age, as the income criterion counts it under `incomeCounted: benefitRules`.',
      source: 'bm.dk, Satser for 2016: 14,575 kr a month (kontanthjælp, 30 and over with children); used under 30 too: assumption',
    }),
    incomeOutsideTaxableShare: share({
      default: 1,
      description:
        "Under `incomeCounted: share` only: the share of `incomeOutside` that the list's income criterion counts for every adult outside the labour market. 1 counts it all, as versions before 0.2.20 did by default.",
      source:
        "assumption; 0.7 (115,500 kr counted) made ringparken-like meet the criterion in most years, as the benefit rules (the default since 0.2.20) do not (docs/ODD.md 7.4; sources.md 'The income criterion')",
    }),
    incomeRetired: num({
      default: 190_000,
      min: 0,
      max: 5_000_000,
      unit: 'kr per year per adult',
      description: 'Gross income of a retired adult.',
      source: 'assumption (folkepension)',
    }),
  },
  { description: 'The elevator effect: moves into work or education, and out of them.' },
);

export const careerSchema = obj(
  {
    enabled: bool({ default: true, description: 'Move-out hazards of the housing career and temporariness.' }),
    spaceAnnual: annual(
      0.09,
      'Yearly hazard of moving for space per person above the number of rooms (households with children).',
      'Foldgast2018: 28% left mainly because the flat was too small and wanted house and garden (size calibrated, P4: space, familyMoreRoom, garden and ownership lowered together by 0.6 when their share was 41-44% of family exits)',
    ),
    familyMoreRoomAnnual: annual(
      0.06,
      'Yearly hazard for a family with children who has as many rooms as persons but wants one more room.',
      'CFBU2019: families in 3-room flats want one more room (size calibrated, P4)',
    ),
    gardenAnnual: annual(0.06, 'Yearly hazard of moving for a garden (families with children who want one and lack it).', 'Foldgast2018 (size calibrated, P4)'),
    ownershipAnnual: annual(
      0.06,
      'Yearly hazard of moving to own for households who want to and can finance a house.',
      'Foldgast2018; Vacher 2008 (size calibrated, P4)',
    ),
    jobAnnual: annual(0.015, 'Yearly hazard of moving away for a job, per employed household.', 'assumption'),
    dissatisfactionAnnual: annual(
      0.011,
      'Yearly hazard of moving out of dissatisfaction with the flat, social life or institutions, at reference social problems.',
      'Foldgast2018: 20% (calibrated, P4: 0.015 put dissatisfaction, safety and stigma at 25% in ringparken-like, above partnership; 0.013 put them above partnership in aeblehaven-like once the other reasons no longer took the early-stay factor)',
    ),
    safetyAnnual: annual(
      0.01,
      'Yearly hazard of families with children moving for crime and worry for the children, at crime level 1.',
      'CFBU2019 interviews; Skifter Andersen 2008 (size calibrated, P4: safety counts with dissatisfaction, 20% in Foldgast2018)',
    ),
    stigmaAnnual: annual(
      0.005,
      'Yearly hazard of families with children moving because of the stigma of a listed area.',
      'CFBU2019: the 2018 rules make families fear their children are stamped (size calibrated, P4 for the listed presets: stigma counts with dissatisfaction, 20% in Foldgast2018)',
    ),
    otherAnnual: annual(
      0.025,
      'Yearly hazard of moving out for other reasons (health, a life event, moving nearer family), which neither the stage of the stay (early-stay factor) nor the ties to the neighbours change.',
      "fitted to LBF Temastatistik 2020:9 (residents of family dwellings have lived in their dwelling over 10 years on average, 10% over 25 years; test/patterns/seniority.test.ts) and to P3 and P1 together with breakupAnnual and earlyBoost (0.2.15: 0.035 until then, when the presets' households had lived in their flat 9.0-9.5 years after 40 years, a year under LBF; docs/ODD.md, 7.6)",
    ),
    weakCareerFactor: factor(
      0.3,
      'Multiplier on the space and garden hazards for households not resource-strong (they rarely can pay for the next step; ownership needs an income that can finance a house anyway).',
      'assumption; Larsen2017: the most resource-strong families move most',
    ),
    earlyBoost: factor(
      11.5,
      'Extra hazard early in a stay, at its largest: multiplier 1 + earlyBoost·(1 − exp(−years/earlyRiseYears))·exp(−years/earlyYears).',
      'CFBU2019 F1: half of resource-strong leaving families stayed 2 years or less (calibrated, P1, with the career hazards lowered for P4, and raised from 10 in 0.2.15 with the longer stays of career.otherAnnual 0.025: with the defaults 1x at moving in, 4.5x at 6 months, 5.4x at its peak after 1.1 years, 4.7x after two, 1.9x after five)',
    ),
    earlyYears: num({
      default: 2,
      min: 0.1,
      max: 20,
      unit: 'years',
      description: 'Time scale over which the early-stay hazard fades.',
      source:
        'calibrated (P1, with earlyBoost and earlyRiseYears); P7 (LBF: over 30% of ended tenancies lasted 2-5 years) moved towards its target with it but is still missed',
    }),
    earlyRiseYears: num({
      default: 1,
      min: 0,
      max: 20,
      unit: 'years',
      description:
        'Time scale over which the early-stay hazard builds up after moving in (a household has just met its housing need; it moves on when the stage it came for is over); 0 = highest at moving in.',
      source:
        'assumption (SEED-DIGEST: renting is seen as a stage of the housing career, Vacher 2008); its size calibrated with earlyBoost and earlyYears (P1). With 0 (highest at moving in) 47-52% of the tenancies ending after year 10 had lasted 2 years or less, against 34-42% with 1',
    }),
    internalListPatience: int({
      default: 4,
      min: 0,
      max: 120,
      unit: 'months',
      description: 'How long a household whose need the estate can meet waits on the internal list before it leaves instead.',
      source: 'assumption; CFBU2019: two families got a garden flat via the internal list and postponed buying; calibrated (P1)',
    }),
  },
  { description: 'Housing career and temporariness: why households move out, and when they move internally instead.' },
);

export const socialSchema = obj(
  {
    enabled: bool({ default: true, description: "Neighbour ties, family nearby, volunteering and children's friendships." }),
    tieGrowthPerYear: num({
      default: 0.3,
      min: 0,
      max: 5,
      unit: 'per year',
      description: 'Rate at which neighbour ties approach 1: each month ties += (1 - exp(-rate/12)) · (1 - ties).',
      source: 'assumption',
    }),
    tieEffect: num({
      default: 1.5,
      min: 0,
      max: 10,
      unit: 'log-hazard per unit of ties',
      description: 'Move-out hazards are multiplied by exp(-tieEffect · ties).',
      source: 'assumption; Skifter Andersen 2008: ties in the area make people stay; calibrated (P1)',
    }),
    familyNearbyFactor: factor(0.75, 'Hazard multiplier for households with family nearby.', 'CFBU2019 interviews (size is an assumption)'),
    volunteerFactor: factor(
      0.75,
      'Hazard multiplier for households with a volunteer.',
      'CFBU2019: "it helped me to volunteer; I see it as home now" (size is an assumption)',
    ),
    volunteerStartAnnual: annual(0.03, 'Yearly probability that a household starts volunteering.', 'assumption'),
    volunteerStopAnnual: annual(0.15, 'Yearly probability that a volunteer stops.', 'assumption'),
    childFriendsFactor: factor(
      0.85,
      'Hazard multiplier for families whose school-age children (6-17) have lived here over a year.',
      "CFBU2019: children's friendships weigh heavily (size is an assumption)",
    ),
  },
  { description: 'Social life: what makes households stay.' },
);

export const spiralSchema = obj(
  {
    enabled: bool({ default: true, description: 'Image, social problems and crime respond to the composition and feed back.' }),
    imageFallPerMonth: share({ default: 0.08, description: 'Monthly rate at which the image moves down towards its target.', source: 'assumption' }),
    imageRisePerMonth: share({
      default: 0.008,
      description: 'Monthly rate at which the image moves up towards its target (slower: the image sticks).',
      source: 'Andersen 2004 via CFBU2019: a bad reputation sticks (size is an assumption)',
    }),
    problemsAdjustPerMonth: share({
      default: 0.1,
      description: 'Monthly rate at which social problems and crime move towards their targets.',
      source: 'assumption',
    }),
    imageFromOutside: num({
      default: 0.7,
      min: 0,
      max: 5,
      unit: 'image per unit share',
      description: "Image target falls by this much per unit share of adults 18-64 outside work or education above the region's (`region.outsideShare18to64`).",
      source: 'assumption',
    }),
    imageFromNonWestern: num({
      default: 0.25,
      min: 0,
      max: 5,
      unit: 'image per unit share',
      description: "Image target falls by this much per unit share of non-western residents above the region's (`region.nonWesternShare`).",
      source: 'Andersen 2008 via CFBU2019 (size is an assumption)',
    }),
    imageFromCrime: num({
      default: 0.15,
      min: 0,
      max: 5,
      unit: 'image per unit of crime',
      description: 'Image target falls by this much per unit of the crime index above the national level (1).',
      source: 'assumption',
    }),
    imageFromListing: num({
      default: 0.08,
      min: 0,
      max: 1,
      unit: 'image',
      description: 'Image target falls by this much while the area is on a list.',
      source: 'CFBU2019: residents feel stamped by the address (size is an assumption)',
    }),
    imageBoost: num({
      default: 0,
      min: -1,
      max: 1,
      unit: 'image',
      description: 'Permanent shift of the image target (programmes, media work).',
      source: 'assumption (0 = none)',
    }),
    imageOnApplicants: num({
      default: 8,
      min: 0,
      max: 40,
      unit: 'log-odds per unit of image',
      description: "Effect of the image (relative to the region's, `region.image`) on the log-odds that a waiting-list applicant is resource-strong.",
      source:
        'CFBU2019: image matters more for moving in than for staying (the direction, P5); the size is an assumption, set so that after a 3-year shock the default spiral leaves at least 1.5x the damage the spiral-off estate keeps (docs/ODD.md, "Where the estate tips"): a sensitivity analysis should span 0-16, where the estate tips after a shock from about 12-16 (k = 1.5-2 in that section)',
    }),
    imageOnStaying: num({
      default: 1,
      min: 0,
      max: 40,
      unit: 'log-hazard per unit of image',
      description: "Effect of the image (below the region's, `region.image`) on the dissatisfaction hazard of residents.",
      source:
        "CFBU2019 (acts on staying less than imageOnApplicants on moving in, P5); the size is an assumption, set with imageOnApplicants (the shock's lasting damage) and so that the presets' exits for dissatisfaction, safety and stigma stay below those for partnership, as in the survey (P4, Foldgast et al. 2018); a sensitivity analysis should span 0-2",
    }),
    crimeFromOutsideYoung: num({
      default: 6,
      min: 0,
      max: 50,
      unit: 'crime index per unit share',
      description: 'Crime index (1 = national conviction rate) per unit share of residents who are men aged 18-29 outside work or education.',
      source: 'assumption',
    }),
    crimeFromVulnerable: num({
      default: 8,
      min: 0,
      max: 50,
      unit: 'crime index per unit share',
      description: 'Crime index per unit share of vulnerable households.',
      source: 'assumption',
    }),
    crimeBase: num({
      default: 0.55,
      min: 0,
      max: 10,
      unit: 'crime index',
      description: 'Crime index of an estate with no vulnerable households and no young men outside work.',
      source: 'assumption',
    }),
    problemsFromVulnerable: num({
      default: 3,
      min: 0,
      max: 50,
      unit: 'problems index per unit share',
      description: 'Social problems index per unit share of vulnerable households.',
      source: 'assumption',
    }),
    problemsFromOutside: num({
      default: 0.8,
      min: 0,
      max: 50,
      unit: 'problems index per unit share',
      description: 'Social problems index per unit share of adults 18-64 outside work or education.',
      source: 'assumption',
    }),
  },
  { description: 'The negative spiral: image, social problems and crime.' },
);

export const lettingSchema = obj(
  {
    municipalShare: share({
      default: 0.25,
      description: 'Share of vacant family dwellings the municipality allocates (every 4th by default).',
      source: 'ABL § 59: every 4th vacant family dwelling',
    }),
    municipalStrongShare: share({
      default: 0.12,
      description: 'Share of resource-strong households among municipal allocations.',
      source: 'assumption (allocations house people in acute need)',
    }),
    municipalVulnerableShare: share({
      default: 0.2,
      description: 'Share of households with heavy social problems among municipal allocations.',
      source: 'assumption; CFBU2019: many residents with heavy problems are still allocated',
    }),
    bansWhenListed: bool({
      default: true,
      description: 'Apply the bans on municipal allocation of certain groups into listed (udsat) areas.',
      source: 'ABL § 59 stk. 6',
    }),
    bannedShareOfWeak: share({
      default: 0.6,
      description:
        'Share of the municipal allocations not resource-strong who belong to the banned groups (6 months on cash-type, unemployment or sickness benefits, disability pension, non-EU citizens, recent prison release).',
      source: 'assumption; groups from ABL § 59 stk. 6',
    }),
    flexibleShare: share({
      default: 0,
      description: 'Share of waiting-list vacancies let by flexible criteria (work or education) outside listed areas.',
      source: 'ABL § 60 (0 by default; mandatory in listed areas)',
    }),
    flexibleFindShare: share({
      default: 0.4,
      description:
        "Share of flexible lettings (mandatory or by agreement) whose first round, among the month's `offersPerMonth` applicants, looks for applicants in work or education at all; for the others the vacancy is let as an ordinary one (the waiting list holds no one who meets the criteria and wants the flat, or the letting does not apply them). 1: every flexible letting looks first.",
      source:
        "calibrated to one external figure: Aarhus' flexible letting in its udsatte areas raised the share of residents in work or education by 3.05 percentage points over 2013-2016 against comparable areas (Det Boligsociale Fællessekretariat and Aarhus Kommune 2017, 'Evaluering af fleksibel udlejning'; fs-aarhus.dk), an effect the evaluation calls small; at 0.4 a flexible letting of every waiting-list vacancy for 3 years lowers the share of 18-64-year-olds outside work by 2.7 (average) and 3.0 points (ringparken-like), with the list's rules off; at 1 (before 0.2.16) by 7.5 and 9.1. Assumes Aarhus let every waiting-list family vacancy of those areas flexibly (its 2018 strategy gives the employed, then students, priority to every vacant family dwelling); if it let half, about 0.8. Not one of the patterns P1-P7; a sensitivity analysis should span 0.2-1",
    }),
    internalList: bool({
      default: true,
      description: 'Whether the internal waiting list (oprykning) is used.',
      source: 'ABL; since 2019 every 2nd waiting-list vacancy',
    }),
    internalShare: share({
      default: 0.5,
      description: 'Share of waiting-list vacancies offered to the internal list first.',
      source: 'sources.md: every 2nd waiting-list vacancy since July 2019',
    }),
    familyPriorityLarge: bool({
      default: false,
      description: 'Families with children get priority to flats of 4+ rooms on the internal list.',
      source: 'CFBU2019 lever (off by default)',
    }),
    combinedLetting: bool({
      default: false,
      description: 'Combined letting: reject applicants on cash benefits where 40%+ of adults 18-64 are outside work or education.',
      source: 'ABL § 51 b',
    }),
    cashBenefitShareOfWeak: share({
      default: 0.55,
      description: 'Share of applicants outside the labour market who are on cash-type benefits (rejected by combined letting).',
      source: 'assumption',
    }),
    offersPerMonth: int({
      default: 4,
      min: 1,
      max: 50,
      unit: 'offers',
      description: 'Applicants a vacancy is offered to per month before it waits a month.',
      source: 'assumption',
    }),
    weakAcceptance: share({ default: 0.95, description: 'Probability that an applicant who is not resource-strong accepts an offer.', source: 'assumption' }),
    strongAcceptance: share({
      default: 0.85,
      description: 'Probability that a resource-strong applicant accepts an offer (the image acts on who applies, not on acceptance).',
      source: 'assumption',
    }),
    swapAnnual: annual(
      0.02,
      'Yearly probability that an over-housed household (two or more rooms more than persons) seeks a swap with a crowded family.',
      'ABL (almenlejeloven § 69) rules; rate is an assumption',
    ),
    rentElasticity: num({
      default: 3,
      min: 0,
      max: 50,
      unit: 'elasticity',
      description:
        "How fast acceptance of an offer falls when the rent is above the ordinary rent for the flat's size: acceptance × (ordinary / rent)^elasticity.",
      source: 'assumption; CFBU 2019: expensive new roof-top flats were hard to let',
    }),
    rehousingShare: share({
      default: 0.34,
      description: 'Share of vacancies in the region the municipality may claim to rehouse households displaced by demolition.',
      source: 'sources.md: up to every 3rd vacancy for rehousing',
    }),
    relocationSimilarity: num({
      default: 0.1,
      min: 0.001,
      max: 10,
      unit: 'share points',
      description:
        "A displaced household accepts a flat in an estate whose share of adults outside work (list criterion 1) differs by d from its old estate's with probability exp(-d / relocationSimilarity).",
      source: 'assumption; Jepsen & Nielsen 2018: relocated residents cluster in similar estates',
    }),
    rehousingPatience: int({
      default: 12,
      min: 0,
      max: 120,
      unit: 'months',
      description:
        'How long a household displaced by demolition, or leaving one estate for another in the region, waits for a flat there before it leaves the region for good.',
      source: 'assumption',
    }),
    swapMinYears: num({
      default: 3,
      min: 0,
      max: 20,
      unit: 'years',
      description: 'Minimum tenancy before a swap may be granted.',
      source: 'almenlejeloven § 69',
    }),
  },
  { description: 'Letting: the channels through which vacancies are filled, in their legal order.' },
);

export const classificationSchema = obj(
  {
    ruleSet: oneOf(['2018', '2021'] as const, {
      default: '2021',
      description: 'Which rules classify the area: 2018 (ghetto lists) or 2021 (parallel societies, prevention areas).',
      source: 'ABL § 61 a (L 38 of 2018; 2021 amendment)',
    }),
    minResidents: int({ default: 1000, min: 0, max: 1_000_000, unit: 'residents', description: 'Smallest area that is classified.', source: 'ABL § 61 a' }),
    listStigmaFactor: factor(
      1,
      'Multiplier on the stigma hazard (families with children) while the area is listed; 0 switches stigma off.',
      'CFBU2019 (see career.stigmaAnnual)',
    ),
  },
  { description: 'Official classification of the area each year.' },
);

export const schellingSchema = obj(
  {
    width: int({ default: 40, min: 2, max: 4000, unit: 'cells', description: 'Grid width.', source: 'ABMFrameworksComparison spec' }),
    height: int({ default: 40, min: 2, max: 4000, unit: 'cells', description: 'Grid height.', source: 'ABMFrameworksComparison spec' }),
    agents: int({
      default: 1000,
      min: 1,
      max: 16_000_000,
      unit: 'agents',
      description: 'Number of agents (divided equally among the groups).',
      source: 'ABMFrameworksComparison spec',
    }),
    groups: int({
      default: 2,
      min: 2,
      max: 4,
      unit: 'groups',
      description: 'Number of groups, of equal size (NetLogo Segregation has 2; the studio offers up to 4).',
      source: 'Schelling 1971 (two groups); assumption for 3-4',
    }),
    radius: int({ default: 1, min: 1, max: 20, unit: 'cells (Chebyshev)', description: 'Neighbourhood radius.', source: 'ABMFrameworksComparison spec' }),
    minSimilar: int({
      default: 3,
      min: 0,
      max: 1000,
      unit: 'neighbours',
      description: 'An agent is happy with at least this many same-group neighbours (used when similarWanted is absent).',
      source: 'ABMFrameworksComparison spec',
    }),
    similarWanted: opt(
      share({
        description: 'If given, an agent is happy when at least this share of its neighbours is of its group (NetLogo style).',
        source: 'Schelling 1971; NetLogo Segregation model',
      }),
    ),
    periodic: bool({ default: false, description: 'Whether the grid wraps around.' }),
    steps: opt(
      int({
        min: 1,
        max: 100_000,
        unit: 'steps (months)',
        description: 'If given, run exactly this many steps (one step is one sweep and one month) instead of `years` x 12.',
        source: 'ABMFrameworksComparison spec (20 steps)',
      }),
    ),
  },
  { description: "Schelling's segregation model on a grid estate (one flat per cell). When present, the other mechanisms are off and one step is one sweep." },
);

export const scenarioSchema = obj(
  {
    name: str({
      default: 'scenario',
      minLength: 1,
      pattern: '^[A-Za-z0-9_-][A-Za-z0-9_.-]*$',
      patternText: 'letters A-Z, digits, "_", "-" and ".", not starting with "."',
      description:
        "Name of the scenario, used in outputs (the `scenario` column of a comparison, summary.json, the report); a safe file name: letters A-Z, digits, `_`, `-` and `.`, not starting with `.` (never `.` or `..`, no `/` or `\\`). Absent: the file's base name made safe.",
    }),
    description: str({ default: '', description: 'What the scenario is about, in plain words.' }),
    language: opt(
      oneOf(['en', 'da'], {
        description:
          'Language of the report (headings, sentences, chart titles and axes): `en` English or `da` Danish. Absent: English. The `--lang` option overrides it.',
      }),
    ),
    startYear: int({
      default: 2026,
      min: 1900,
      max: 2200,
      unit: 'calendar year',
      description: 'Calendar year of the first simulated month.',
      source: 'user input',
    }),
    years: int({ default: 15, min: 1, max: 200, unit: 'years', description: 'Years to simulate.', source: 'user input' }),
    replications: int({
      default: 10,
      min: 1,
      max: 100_000,
      unit: 'replications',
      description: 'Replications (independent random runs) in the ensemble.',
      source: 'user input',
    }),
    seed: int({
      default: 1,
      min: 0,
      max: 4_294_967_295,
      unit: 'seed',
      description: 'Base random seed; replication i uses a seed derived from it and i.',
      source: 'user input',
    }),
    region: regionSchema,
    estates: arr(estateSchema, { default: [{}], minItems: 1, maxItems: 1000, description: 'The estates of the region (most scenarios have one).' }),
    demography: demographySchema,
    elevator: elevatorSchema,
    career: careerSchema,
    social: socialSchema,
    spiral: spiralSchema,
    letting: lettingSchema,
    classification: classificationSchema,
    policies: arr(policySchema, { default: [], maxItems: MAX_POLICIES, description: `Dated interventions (policy levers), at most ${MAX_POLICIES}.` }),
    schelling: opt(schellingSchema),
    output: obj(
      {
        moves: bool({ default: true, description: 'Write moves.csv (one row per move). Turn off for very large runs.' }),
        mapEveryYears: int({
          default: 1,
          min: 0,
          max: 100,
          unit: 'years',
          description: 'Record the estate map (household type per flat) every this many years for the first replication (0 = never).',
          source: 'user input',
        }),
      },
      { description: 'What the run writes.' },
    ),
  },
  { description: 'A nabolag scenario: an estate (or a region of estates), its residents, the model parameters and policy levers.' },
);

export type Scenario = Infer<typeof scenarioSchema>;
export type EstateSpec = Infer<typeof estateSchema>;
export type SchellingSpec = Infer<typeof schellingSchema>;
