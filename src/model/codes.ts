/**
 * Codes used in state and in the move log, with their names as written to moves.csv.
 * Exhaustive tables keyed by these names make the compiler refuse a new code until every
 * table handles it.
 */

/** Why a household moves out (or moves internally). Order = code. */
export const REASONS = [
  'space',
  'garden',
  'ownership',
  'partnership',
  'dissatisfaction',
  'safety',
  'stigma',
  'job',
  'death',
  'other',
  'demolition',
  // reasons that apply only to internal moves and formations
  'swap',
  'childLeftHome',
  'breakup',
  'neighbours',
] as const;
export type Reason = (typeof REASONS)[number];
export const R = Object.fromEntries(REASONS.map((r, i) => [r, i])) as { [K in Reason]: number };
/** The reasons a move-out can carry. */
export const EXIT_REASONS = REASONS.slice(0, 11) as readonly Reason[];

/** Letting channels, the `reason` of an `in` move. */
export const CHANNELS = ['municipal', 'flexible', 'internal', 'external', 'sale', 'relocation', 'region'] as const;
export type Channel = (typeof CHANNELS)[number];
export const CH = Object.fromEntries(CHANNELS.map((c, i) => [c, i])) as { [K in Channel]: number };

/** Kinds of move in moves.csv. */
export const KINDS = ['in', 'out', 'internal', 'formed'] as const;
export type Kind = (typeof KINDS)[number];
export const K = { in: 0, out: 1, internal: 2, formed: 3 } as const;

/** Official list status, least to most severe. */
export const LIST_STATUS_NAMES = ['none', 'prevention', 'udsat', 'ghetto', 'hard'] as const;
