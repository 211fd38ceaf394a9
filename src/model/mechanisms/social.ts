/**
 * Social life: neighbour ties grow with time in the estate (saturating towards 1), and
 * households start and stop volunteering. Their effect on move-out hazards is applied in
 * career.ts through `socialFactor`.
 */
import { EV, type Events, addEvent, newEvents, pickEvent, resetEvents } from '../events.js';
import { type Rng, monthly } from '../rng.js';
import { H, B, type Households } from '../state.js';
import type { World } from '../world.js';
import type { Scenario } from '../../scenario/schema.js';

export interface SocialRates {
  tieStep: number;
  volunteerStart: number;
  volunteerStop: number;
}

export function socialRates(sc: Scenario): SocialRates {
  const s = sc.social;
  return {
    tieStep: 1 - Math.exp(-s.tieGrowthPerYear / 12),
    volunteerStart: monthly(s.volunteerStartAnnual),
    volunteerStop: monthly(s.volunteerStopAnnual),
  };
}

/** Household i's volunteering event: start (at the start rate, times the lever factor) or stop. */
export function socialEvents(w: World, r: SocialRates, volunteerFactor: number, i: number, ev: Events): void {
  addEvent(ev, EV.volunteer, w.hh.u8[i * B.stride + B.volunteer] ? r.volunteerStop : r.volunteerStart * volunteerFactor);
}

/** Carry out the volunteering event: start or stop. */
export function applySocialEvent(w: World, i: number): void {
  w.hh.u8[i * B.stride + B.volunteer] = w.hh.u8[i * B.stride + B.volunteer] ? 0 : 1;
}

const scratch = newEvents();

/**
 * One month of social life alone, for every household (the model runs it inside the
 * household-month step): ties grow (certain), then one draw per household from `rng` decides
 * whether it starts or stops volunteering.
 */
export function applySocial(w: World, r: SocialRates, rng: Rng): void {
  const h = w.hh;
  for (let i = 0; i < h.used; i++) {
    if (!h.alive[i]) continue;
    const eff = w.eff[w.flats.estate[h.i32[i * H.stride + H.flat]!]!]!;
    tiesNow(h, i, w.month, r.tieStep * eff.tieFactor);
    resetEvents(scratch);
    socialEvents(w, r, eff.volunteerFactor, i, scratch);
    if (pickEvent(scratch, rng()) >= 0) applySocialEvent(w, i);
  }
}

/**
 * Household i's neighbour ties in month m. Ties grow every month by `step` (the estate's tie
 * step: `1 − exp(−social.tieGrowthPerYear / 12)` times the levers' tie multiplier) of what is
 * missing to 1, so after k months at the same step they are `1 − (1 − t) (1 − step)^k`: they are
 * stored with the month they refer to and brought up to date when read, instead of every month.
 */
export function tiesNow(h: Households, i: number, m: number, step: number): number {
  const r = i * H.stride;
  if (m > h.i32[r + H.tiesAt]!) {
    h.f32[r + H.ties] = tiesIn(h, i, m, step);
    h.i32[r + H.tiesAt] = m;
  }
  return h.f32[r + H.ties]!;
}

/**
 * Household i's ties in month m as `tiesNow` gives them, without storing them (so a bound can
 * read them without changing what later reads compute). For a month before the one they are
 * stored for, the stored value.
 */
export function tiesIn(h: Households, i: number, m: number, step: number): number {
  const r = i * H.stride;
  const at = h.i32[r + H.tiesAt]!;
  if (m <= at) return h.f32[r + H.ties]!;
  return Math.fround(1 - (1 - h.f32[r + H.ties]!) * untied(step, m - at));
}

/**
 * `Math.pow(1 - step, months)`, the share of the way to full ties not yet grown after `months`
 * months, from a table of `Math.pow`'s own values (so the same numbers): the household step
 * asks for it about once per 25 household-months, and `Math.pow` costs some 400 instructions.
 */
export function untied(step: number, months: number): number {
  if (step !== untiedStep || months >= untiedTable.length) untiedFor(step, months);
  return untiedTable[months]!;
}

let untiedStep = NaN;
let untiedTable: Float64Array = new Float64Array(0);
/** The tables made so far, per tie step (a lever may give an estate its own). */
const untiedTables = new Map<number, Float64Array>();

function untiedFor(step: number, months: number): void {
  let t = untiedTables.get(step);
  if (!t || months >= t.length) {
    t = new Float64Array(Math.max(months + 1, 2 * (t?.length ?? 0), 256));
    for (let d = 0; d < t.length; d++) t[d] = Math.pow(1 - step, d);
    untiedTables.set(step, t);
  }
  untiedStep = step;
  untiedTable = t;
}

/**
 * Multiplier on voluntary move-out hazards from social life: ties, family nearby,
 * volunteering and school-age children who have lived here over a year.
 */
export function socialFactor(w: World, i: number): number {
  const h = w.hh;
  let schoolAge = false;
  const base = i * H.stride + H.child0;
  for (let k = 0; k < h.u8[i * B.stride + B.nChildren]!; k++) {
    const a = w.month - h.i32[base + k]!;
    if (a >= 72 && a < 216) schoolAge = true;
  }
  return socialMultiplier(
    w.scenario.social,
    tiesNow(h, i, w.month, w.tieStep[w.flats.estate[h.i32[i * H.stride + H.flat]!]!]!),
    h.u8[i * B.stride + B.familyNearby]!,
    h.u8[i * B.stride + B.volunteer]!,
    schoolAge && w.month - h.i32[i * H.stride + H.movedIn]! > 12,
  );
}

/** The social-life multiplier from its inputs (the one definition; career.ts calls it in its loop). */
export function socialMultiplier(
  s: { tieEffect: number; familyNearbyFactor: number; volunteerFactor: number; childFriendsFactor: number },
  ties: number,
  familyNearby: number,
  volunteer: number,
  childFriends: boolean,
): number {
  let f = Math.exp(-s.tieEffect * ties);
  if (familyNearby) f *= s.familyNearbyFactor;
  if (volunteer) f *= s.volunteerFactor;
  if (childFriends) f *= s.childFriendsFactor;
  return f;
}
