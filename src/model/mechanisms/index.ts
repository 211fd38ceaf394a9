/**
 * The mechanisms' contract: one table, in the order of the monthly step, saying for each
 * mechanism what it does to whom, its events, whether it carries a hazard bound, and which of
 * an estate's effective parameters (`EstateEffective`, set by the levers) it reads.
 *
 * Two things are derived from the table, so that they cannot drift from it:
 *  - the key of the hazard bounds (`BOUND_KEY`): the effective parameters read by the
 *    mechanisms that have a bound. When one of them changes (a lever starts or ends), every
 *    household's bound is recomputed (household-month.ts). A mechanism that reads a parameter
 *    it does not declare fails `test/model/contract.test.ts`, which changes each undeclared
 *    parameter and checks that no bound and no event probability moves.
 *  - the reference step (reference-step.ts): a plain loop over the households and, for each,
 *    over the household mechanisms of this table, in this order.
 */
import { EV, type Events } from '../events.js';
import type { EstateEffective, World } from '../world.js';
import { type CareerContext, type EstateOffer, applyCareerEvent, careerContext, careerEvents } from './career.js';
import { type DemographyTables, applyDemographyEvent, demographyEvents } from './demography.js';
import { type ElevatorRates, applyElevatorEvent, elevatorEvents, elevatorRates } from './elevator.js';
import { type SocialRates, applySocialEvent, socialEvents } from './social.js';

/** What the household mechanisms need in a month (built by simulate.ts from the scenario and `World.eff`). */
export interface HouseholdMonthContext {
  dem: DemographyTables;
  soc: SocialRates;
  /** Elevator rates per estate (programmes differ). */
  elev: ElevatorRates[];
  career: CareerContext;
  /** Work out every household exactly and assert its bound (tests; slow). */
  check: boolean;
}

/**
 * This month's context from the levers' effective parameters (`w.eff`) and the estate's offer:
 * the elevator's rates per estate (programmes differ) and the career's context.
 */
export function householdMonthContext(w: World, dem: DemographyTables, soc: SocialRates, offer: EstateOffer, check: boolean): HouseholdMonthContext {
  const sc = w.scenario;
  // a loop, not `w.eff.map`: the array `map` returns made the compiled household step see
  // another shape and be compiled again (bench/RESULTS.md)
  const elev: ElevatorRates[] = [];
  for (let e = 0; e < w.layout.nEstates; e++) elev.push(elevatorRates(sc, w.eff[e]!.programmeBoost, sc.estates[w.layout.estateSpec[e]!]!.attachment));
  return { dem, soc, elev, career: careerContext(w, offer), check };
}

/** How a mechanism acts. */
export type Applies =
  /** an event among a household's competing risks, drawn in the one pass over the households (household-month.ts) */
  | 'household event'
  /** a pass over the estate after the households' month (vacancies, area indices, the grid) */
  | 'monthly pass'
  /** once a year, in December */
  | 'yearly pass';

export interface MechanismContract {
  name: string;
  /** The module that implements it. */
  module: string;
  /** Its place in the monthly step (docs/ODD.md "Process overview and scheduling"). */
  step: string;
  applies: Applies;
  /** Whether the mechanism is on in the scenario. */
  enabled: (w: World) => boolean;
  /** Its event codes (household events only). */
  events: readonly EV[];
  /** Whether it contributes to a household's hazard bound (household-month.ts `computeBound`). */
  bound: boolean;
  /** The effective parameters it reads: its events and bound, and the rates built for it each month. */
  reads: readonly (keyof EstateEffective)[];
  /** Household events only: add household i's events in month m, in estate e. */
  addEvents?: (w: World, k: HouseholdMonthContext, i: number, m: number, e: number, ev: Events) => void;
  /** Household events only: carry out the picked event (`v`: where the draw fell in its interval). */
  apply?: (w: World, k: HouseholdMonthContext, i: number, e: number, code: number, v: number, swapSeekers: number[]) => void;
}

/** The mechanisms in the order of the monthly step. */
export const MECHANISMS: readonly MechanismContract[] = [
  {
    name: 'demography',
    module: 'mechanisms/demography.ts',
    step: '2-5 households',
    applies: 'household event',
    enabled: (w) => w.scenario.demography.enabled,
    events: [EV.death2, EV.death1, EV.birth, EV.childLeaves, EV.partnership, EV.breakup],
    bound: true,
    reads: [],
    addEvents: (w, k, i, m, _e, ev) => demographyEvents(w, k.dem, i, m, ev),
    apply: (w, k, i, _e, code, v) => applyDemographyEvent(w, k.dem, i, code, v, w.rngs.demography),
  },
  {
    name: 'elevator',
    module: 'mechanisms/elevator.ts',
    step: '2-5 households',
    applies: 'household event',
    enabled: (w) => w.scenario.elevator.enabled,
    events: [EV.status1, EV.status2],
    bound: true,
    // the programme lever raises the rates into work and education (simulate.ts builds `elev` from it)
    reads: ['programmeBoost'],
    addEvents: (w, k, i, m, e, ev) => elevatorEvents(w, k.elev[e]!, i, m, ev),
    apply: (w, k, i, e, code, v) => applyElevatorEvent(w, k.elev[e]!, i, code, v),
  },
  {
    name: 'social life',
    module: 'mechanisms/social.ts',
    step: '2-5 households',
    applies: 'household event',
    enabled: (w) => w.scenario.social.enabled,
    events: [EV.volunteer],
    bound: true,
    // ties grow at the tie step times `tieFactor`; the career's bound reads the ties
    reads: ['volunteerFactor', 'tieFactor'],
    addEvents: (w, k, i, _m, e, ev) => socialEvents(w, k.soc, w.eff[e]!.volunteerFactor, i, ev),
    apply: (w, _k, i) => applySocialEvent(w, i),
  },
  {
    name: 'housing career',
    module: 'mechanisms/career.ts',
    step: '2-5 households',
    applies: 'household event',
    enabled: (w) => w.scenario.career.enabled,
    events: [EV.moveOut, EV.swapSeek],
    bound: true,
    // (and the estate's offer: units to buy, large flats, gardens; see BOUND_KEY)
    reads: ['hazardFactor', 'gardenFactor', 'extensionFactor', 'extensionGroup', 'swapAnnual', 'unitPrice', 'internalList', 'firstRight'],
    addEvents: (w, k, i, m, _e, ev) => careerEvents(w, k.career, i, m, ev),
    apply: (w, k, i, _e, code, v, swapSeekers) => applyCareerEvent(w, k.career, i, code, v, w.rngs.career, swapSeekers),
  },
  {
    name: 'letting',
    module: 'mechanisms/letting.ts',
    step: '6 letting',
    applies: 'monthly pass',
    enabled: () => true,
    events: [],
    bound: false,
    reads: [
      'municipalShare',
      'bans',
      'flexibleShare',
      'combinedLetting',
      'internalList',
      'internalShare',
      'familyPriorityLarge',
      'rentFactor',
      'unitPrice',
      'firstRight',
    ],
  },
  {
    name: 'negative spiral',
    module: 'mechanisms/spiral.ts',
    step: '8 spiral',
    applies: 'monthly pass',
    enabled: (w) => w.scenario.spiral.enabled,
    events: [],
    bound: false,
    reads: ['imageBoost', 'vulnerableFactor', 'crimeFactor'],
  },
  {
    name: 'list classification',
    module: 'mechanisms/listing.ts',
    step: '9 classification',
    applies: 'yearly pass',
    enabled: () => true,
    events: [],
    bound: false,
    reads: [],
  },
  {
    name: 'Schelling',
    module: 'mechanisms/schelling.ts',
    step: '1-9 replaced (a scenario with a schelling section)',
    applies: 'monthly pass',
    enabled: (w) => w.scenario.schelling !== undefined,
    events: [],
    bound: false,
    reads: [],
  },
];

/** The household mechanisms, in the order their events are listed (the career last: household-month.ts says why). */
export const HOUSEHOLD_MECHANISMS = MECHANISMS.filter((c) => c.applies === 'household event');

/**
 * The effective parameters a household's bound depends on (besides the household itself):
 * those read by the mechanisms with a bound. The key of the bounds is these values per estate,
 * and one more: whether the estate offers units to buy (the ownership lever's offer).
 */
export const BOUND_KEY: readonly (keyof EstateEffective)[] = [...new Set(MECHANISMS.filter((c) => c.bound).flatMap((c) => c.reads))];

/** Numbers in the bounds' key per estate. */
export const KEY_WIDTH = BOUND_KEY.length + 1;

/**
 * Write the bounds' key into `key` (KEY_WIDTH numbers per estate): the `BOUND_KEY` values of
 * each estate and whether it offers units to buy. Returns true if it differs from what was there.
 */
export function updateBoundsKey(w: World, ownerFlats: ArrayLike<number>, key: Float64Array): boolean {
  let changed = false;
  for (let e = 0; e < w.layout.nEstates; e++) {
    const x = w.eff[e]!;
    const o = e * KEY_WIDTH;
    for (let j = 0; j <= BOUND_KEY.length; j++) {
      const v = j < BOUND_KEY.length ? Number(x[BOUND_KEY[j]!]) : ownerFlats[e]! > 0 ? 1 : 0;
      if (key[o + j] !== v) {
        key[o + j] = v;
        changed = true;
      }
    }
  }
  return changed;
}
