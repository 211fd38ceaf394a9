/**
 * The world of one replication, as data: a composition of small state structures, each a type
 * in its own module — the layout (layout.ts), flats and households (state.ts), the areas
 * (area.ts), the queues (waiting.ts), the letting counters (letting-state.ts), the stock's
 * changes (stock.ts), the month's flows and the move log (flows.ts), the caches (caches.ts) —
 * and the random streams. Types and plain helpers only: the operations that change occupancy
 * (moving in, out and internally) are in occupancy.ts, and the mechanisms in mechanisms/.
 * None of these modules imports a mechanism, so that every module may depend on them.
 */
import type { AreaState } from './area.js';
import type { HazardBounds, LiveCensus } from './caches.js';
import type { MoveLog } from './flows.js';
import type { EstateLayout } from './layout.js';
import type { LettingCounters } from './letting-state.js';
import type { StreamRng } from './rng.js';
import { type Flats, type Households, H, B, get8, set8 } from './state.js';
import type { StockChanges } from './stock.js';
import type { Queues } from './waiting.js';
import type { Scenario } from '../scenario/schema.js';

/** Parameters in force this month for one estate, after the levers (see levers/index.ts). */
export interface EstateEffective {
  municipalShare: number;
  bans: 'auto' | 'on' | 'off';
  flexibleShare: number;
  combinedLetting: boolean;
  internalList: boolean;
  internalShare: number;
  familyPriorityLarge: boolean;
  /** Yearly probability that an over-housed household seeks a swap. */
  swapAnnual: number;
  imageBoost: number;
  programmeBoost: number;
  /** Multiplier on all voluntary move-out hazards (renovation disruption or attachment). */
  hazardFactor: number;
  /** Multiplier on the garden hazard (community and allotment gardens). */
  gardenFactor: number;
  /** Multipliers on volunteering start and tie growth. */
  volunteerFactor: number;
  tieFactor: number;
  /** Multiplier on the problems and crime caused by vulnerable households. */
  vulnerableFactor: number;
  /** Multiplier on the crime index target. */
  crimeFactor: number;
  /** Multiplier on rents (AlmenBolig+ discount). */
  rentFactor: number;
  /** Price of an owner-occupied unit in the estate, kr (ownership lever; else the regional price). */
  unitPrice: number;
  /** Residents have the first right to buy units in the estate. */
  firstRight: boolean;
  /** Extension multiplier on voluntary hazards, by group code (0 none, see levers). */
  extensionFactor: number;
  extensionGroup: number;
}

export interface World {
  scenario: Scenario;
  month: number;
  /** The estates and sections, and how each is divided. */
  layout: EstateLayout;
  flats: Flats;
  /** The households (with their slot registry: `used`, `freeSlots`, `nextUid`). */
  hh: Households;
  area: AreaState;
  /** Each estate's parameters in force this month, after the levers. */
  eff: EstateEffective[];
  queues: Queues;
  letting: LettingCounters;
  stock: StockChanges;
  /** This month's flows: nEstates x NFLOW. */
  flows: Float64Array;
  log: MoveLog;
  /** The incremental census (census.ts): every change to a household goes through touch/recount. */
  census: LiveCensus;
  /** Each household's bound of its monthly event probability (household-month.ts); NONE in `until` forces a recount. */
  bounds: HazardBounds;
  /** Each estate's monthly tie step in force (social.ts `tiesNow`), kept by the household step. */
  tieStep: Float64Array;
  rngs: Record<'households' | 'demography' | 'elevator' | 'social' | 'career' | 'letting' | 'schelling' | 'levers', StreamRng>;
}

/** Remove child k of household i (swap-remove). */
export function removeChild(h: Households, i: number, k: number): void {
  const base = i * H.stride + H.child0;
  const last = get8(h, i, B.nChildren) - 1;
  h.i32[base + k] = h.i32[base + last]!;
  set8(h, i, B.nChildren, last);
}
