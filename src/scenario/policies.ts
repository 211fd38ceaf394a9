/**
 * Policy levers as dated interventions: `{ lever, from, until?, ...size }`. Each lever kind has
 * its own schema here and its own module in src/model/levers/ that says how it acts.
 */
import { bool, int, num, obj, oneOf, opt, share, tagged, type Infer } from './dsl.js';

const when = {
  from: int({ min: 1900, max: 2200, unit: 'calendar year', description: 'Year the lever takes effect (from January).', source: 'user input' }),
  until: opt(int({ min: 1900, max: 2200, unit: 'calendar year', description: 'Year the lever stops (from January); absent = to the end.', source: 'user input' })),
  estate: opt(
    int({ min: 0, max: 100_000, unit: 'estate index', description: 'Apply only to this estate (0-based, in the order of `estates`); absent = all estates.', source: 'user input' }),
  ),
};

export const GROUPS = ['resourceStrongFamilies', 'resourceStrong', 'families', 'all'] as const;

export const policySchema = tagged(
  'lever',
  {
    extension: obj(
      {
        ...when,
        group: oneOf(GROUPS, { default: 'resourceStrongFamilies', description: 'Whose stay is extended.' }),
        factor: num({
          default: 0.5,
          min: 0,
          max: 1,
          unit: 'multiplier on move-out hazards',
          description: 'Multiplier on the voluntary move-out hazards of the group (0.5 roughly doubles the expected stay).',
          source: 'CFBU2019 closing idea "forlængelse" (size is the experiment)',
        }),
      },
      { description: 'Extension ("forlængelse"): lengthen the stay of a chosen group by damping its voluntary move-out hazards.', required: ['from'] },
    ),
    municipalAllocation: obj(
      {
        ...when,
        share: share({ default: 0.1, description: 'Share of vacant family dwellings the municipality allocates while the lever is on.', source: 'DOMAIN-FACTS: 10% of lettings in 2021 outside listed areas' }),
        bans: opt(bool({ description: 'Force the allocation bans on (true) or off (false) regardless of list status.' })),
      },
      { description: 'Allocation limits: cap or raise the municipal allocation share, and bans.', required: ['from'] },
    ),
    imageWork: obj(
      {
        ...when,
        boost: num({ default: 0.1, min: -1, max: 1, unit: 'image', description: 'Shift of the image target while the lever is on.', source: 'assumption; CFBU2019 media work and ambassadors' }),
      },
      { description: 'Media work, ambassadors and facilities that draw outsiders: raise the image target.', required: ['from'] },
    ),
    programme: obj(
      {
        ...when,
        boost: num({ default: 1.5, min: 0, max: 10, unit: 'multiplier', description: 'Multiplier on the rates into work and education.', source: 'assumption; CFBU2019: social-housing programmes lift people' }),
      },
      { description: 'Social-housing programme (boligsocial helhedsplan): raises the rates into work and education.', required: ['from'] },
    ),
  },
  { description: 'A dated intervention.' },
);

export type Policy = Infer<typeof policySchema>;
export type LeverKind = Policy['lever'];
