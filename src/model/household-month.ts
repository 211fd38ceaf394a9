/**
 * The household-month step: every household's month of demography, the elevator, social life
 * and the housing career, in one pass over the households.
 *
 * Each household has at most one event a month (competing risks): the mechanisms list its
 * possible events with their monthly probabilities (events.ts), and one uniform draw `u` picks
 * the event whose interval holds it, or none. Certain changes come first: adults who reach
 * the retirement age retire, and households who have waited too long on the internal list
 * leave (ties grow too, but are computed when read: social.ts `tiesNow`).
 *
 * Most households have no event in a given month, and working out all their probabilities
 * would cost most of the run. So each household carries an upper bound of its total
 * probability that holds for up to `BOUND_WINDOW_MONTHS` months as long as the household does
 * not change (`bounds` in the world): `base + mult x (areaDiss + family x areaFamily)`, where
 * the area terms are this month's largest area factors. When `u` is above the bound, nothing
 * can happen and the household is skipped; otherwise its events are worked out exactly, and
 * the same `u` decides. The result is the same as working out every household every month
 * (`check` mode does that, and asserts the bound; tests compare both).
 *
 * A bound is recomputed when it expires, after an event, when the household moves or joins
 * the internal list (world.ts), and for everyone when a lever or the estate's offer changes
 * the parameters it was computed from (the key declared in mechanisms/index.ts). It expires before a certain change (retirement, giving
 * up on the list) and before the household's census entry is due (an age threshold), so
 * those happen in their month. A household that needs a new bound at the start of its month
 * (it expired, or the household retired) gets it from that month on, and its events are
 * worked out only when `u` is below it (about half of the households worked out were of this
 * kind, nearly all with `u` above the new bound).
 */
import { censusDue, recount } from './census.js';
import { EV, newEvents, pickEvent, resetEvents } from './events.js';
import { applyCareerEvent, careerBound, careerEvents, listGiveUp, listGiveUpMonth } from './mechanisms/career.js';
import { applyDemographyEvent, demographyBound, demographyEvents } from './mechanisms/demography.js';
import { applyElevatorEvent, elevatorBound, elevatorEvents, nextRetirement, retire } from './mechanisms/elevator.js';
import { type SocialRates, applySocialEvent, socialEvents, tiesNow } from './mechanisms/social.js';
import { type HouseholdMonthContext, KEY_WIDTH, updateBoundsKey } from './mechanisms/index.js';
import type { StreamRng } from './rng.js';
import { NONE, H, B } from './state.js';
import type { HazardBounds } from './caches.js';
import type { World } from './world.js';

/**
 * Longest time a household's bound is used before it is recomputed (months). Longer windows
 * mean fewer recomputations but looser bounds (ages are taken at their worst over the window,
 * the early-stay factor at its highest); 60 and 120 measured alike.
 */
export const BOUND_WINDOW_MONTHS = 60;

export function newHazardBounds(capacity: number): HazardBounds {
  return {
    base: new Float64Array(capacity),
    mult: new Float64Array(capacity),
    family: new Uint8Array(capacity),
    until: new Int32Array(capacity).fill(NONE),
    key: new Float64Array(0),
    thr: new Float64Array(capacity),
    cap0: -1,
    cap1: -1,
    cand: new Int32Array(capacity),
    candU: new Float64Array(capacity),
    sink: 0,
  };
}

/**
 * Household i's bound with the area terms `a0` (dissatisfaction) and `a1` (safety and stigma,
 * for families): this month's terms, or their caps.
 */
const boundWith = (b: HazardBounds, i: number, a0: number, a1: number): number => b.base[i]! + b.mult[i]! * (a0 + b.family[i]! * a1);

/** Relative and absolute slack on the bound, for rounding (the bound is computed in another order). */
const SLACK_REL = 1e-9;
const SLACK_ABS = 1e-12;

const ev = newEvents();

/**
 * Recompute household i's bound for the months from `m1` to the end of its window. `censusDue`
 * is the month its census entry is next due (the window ends before it).
 */
export function computeBound(w: World, k: HouseholdMonthContext, i: number, m1: number, censusDue: number): void {
  const sc = w.scenario;
  const b = w.bounds;
  const e = w.flats.estate[w.hh.i32[i * H.stride + H.flat]!]!;
  let m2 = m1 + BOUND_WINDOW_MONTHS - 1;
  if (sc.elevator.enabled) m2 = Math.min(m2, nextRetirement(w, k.elev[e]!, i) - 1);
  if (sc.career.enabled) m2 = Math.min(m2, listGiveUpMonth(w, i) - 1);
  m2 = Math.min(m2, censusDue - 1);
  b.until[i] = m2;
  if (m2 < m1) return; // a certain change in month m1: the household is worked out then anyway
  let base = 0;
  if (sc.demography.enabled) base += demographyBound(w, k.dem, i, m1, m2);
  if (sc.elevator.enabled) base += elevatorBound(w, k.elev[e]!, i, m2);
  if (sc.social.enabled) base += w.hh.u8[i * B.stride + B.volunteer] ? k.soc.volunteerStop : k.soc.volunteerStart * w.eff[e]!.volunteerFactor;
  let mult = 0;
  let family = 0;
  if (sc.career.enabled) {
    careerBound(w, k.career, i, m1, m2);
    base += k.career.boundBase;
    mult = k.career.boundMult;
    family = k.career.boundFamily ? 1 : 0;
  }
  b.base[i] = base * (1 + SLACK_REL) + SLACK_ABS;
  b.mult[i] = mult * (1 + SLACK_REL);
  b.family[i] = family;
  b.thr[i] = boundWith(b, i, b.cap0, b.cap1);
}

/**
 * How far above this month's area terms their caps are set when they are reset, and how far
 * the terms may fall below them before they are reset again (a numerical choice: with no
 * effect on results, it trades resets, each a pass over the households, against households
 * the first pass lets through for pass 2 to turn away).
 */
const CAP_HEADROOM = 1.25;

/** Reset the caps of the area terms when this month's terms exceed them or have fallen well below them. */
function updateCaps(w: World, q0: number, q1: number): void {
  const b = w.bounds;
  if (q0 <= b.cap0 && q1 <= b.cap1 && q0 * CAP_HEADROOM * CAP_HEADROOM >= b.cap0 && q1 * CAP_HEADROOM * CAP_HEADROOM >= b.cap1) return;
  b.cap0 = q0 * CAP_HEADROOM;
  b.cap1 = q1 * CAP_HEADROOM;
  for (let i = 0; i < w.hh.used; i++) b.thr[i] = boundWith(b, i, b.cap0, b.cap1);
}

/** Each estate's monthly tie step under the levers in force (0 when social life is off). */
export function tieSteps(w: World, soc: SocialRates): Float64Array {
  const on = w.scenario.social.enabled;
  return Float64Array.from(w.eff, (x) => (on ? soc.tieStep * x.tieFactor : 0));
}

/** One month for every household (see the top of this file). `swapSeekers` collects this month's swap seekers. */
export function householdMonth(w: World, k: HouseholdMonthContext, rng: StreamRng, swapSeekers: number[]): void {
  const sc = w.scenario;
  const h = w.hh;
  const m = w.month;
  const b = w.bounds;
  const check = k.check;
  const demOn = sc.demography.enabled;
  const elOn = sc.elevator.enabled;
  const socOn = sc.social.enabled;
  const carOn = sc.career.enabled;
  // a change of the parameters the bounds were computed from invalidates them all
  if (b.key.length !== w.layout.nEstates * KEY_WIDTH) b.key = new Float64Array(w.layout.nEstates * KEY_WIDTH).fill(NaN);
  if (updateBoundsKey(w, k.career.offer.ownerFlats, b.key)) b.until.fill(NONE);
  // this month's largest area factors (over all sections)
  const af = k.career.af;
  let gd = 0;
  let gs = 0;
  let gt = 0;
  for (let s = 0; s < af.dissatisfaction.length; s++) {
    gd = Math.max(gd, af.dissatisfaction[s]!);
    gs = Math.max(gs, af.safety[s]!);
    gt = Math.max(gt, af.stigma[s]!);
  }
  const r = k.career.r;
  const q0 = carOn ? r.dissatisfaction * gd * (1 + SLACK_REL) : 0;
  const q1 = carOn ? (r.safety * gs + r.stigma * gt) * (1 + SLACK_REL) : 0;
  updateCaps(w, q0, q1);
  // ties: a change of an estate's tie step (a lever) first brings its households' ties up to
  // date at the old step (one pass over the households, in the rare months it happens)
  const steps = tieSteps(w, k.soc);
  let stepChanged = false;
  for (let e = 0; e < w.layout.nEstates; e++) if (steps[e] !== w.tieStep[e]) stepChanged = true;
  if (stepChanged) {
    for (let i = 0; i < h.used; i++) {
      if (!h.alive[i]) continue;
      const e = w.flats.estate[h.i32[i * H.stride + H.flat]!]!;
      if (steps[e] !== w.tieStep[e]) tiesNow(h, i, m - 1, w.tieStep[e]!);
    }
    w.tieStep.set(steps);
  }
  const nc = skimHouseholds(w, rng, check, q0, q1);
  const estateOf = w.flats.estate;
  const i32 = h.i32;
  const u8 = h.u8;
  const alive = h.alive;
  const until = b.until;
  const counted = w.census.countedAt;
  const next = w.census.next;
  const cand = b.cand;
  const candU = b.candU;
  // pass 2: the others, worked out exactly, in the same order (their data read a few
  // households ahead, so that the memory reads overlap)
  for (let c = 0; c < nc; c++) {
    if (c + PREFETCH < nc) b.sink ^= readAhead(w, cand[c + PREFETCH]!);
    const i = cand[c]!;
    const u = candU[c]!;
    const valid = m <= until[i]!;
    // certain changes, then the events
    const e = estateOf[i32[i * H.stride + H.flat]!]!;
    let changed = !valid;
    if (elOn) {
      const s1 = u8[i * B.stride + B.status1];
      const s2 = u8[i * B.stride + B.status2];
      retire(w, k.elev[e]!, i, m);
      if (u8[i * B.stride + B.status1] !== s1 || u8[i * B.stride + B.status2] !== s2) changed = true;
    }
    if (carOn && listGiveUp(w, i, m)) continue;
    // a household that needs a new bound anyway (expired, or changed by retiring) gets it now,
    // from this month on: when its draw is above it, nothing can happen and its events need
    // not be worked out (the same draw decides as it would have)
    let fresh = Infinity;
    if (changed) {
      const due = counted[i] === NONE || next[i]! <= m;
      computeBound(w, k, i, m, due ? censusDue(w, i, m) : next[i]!);
      if (m <= until[i]!) {
        fresh = boundWith(b, i, q0, q1);
        if (u >= fresh && !check) {
          if (due) recount(w, i);
          continue;
        }
      }
    }
    const bound = valid && !changed ? boundWith(b, i, q0, q1) : fresh;
    resetEvents(ev);
    if (demOn) demographyEvents(w, k.dem, i, m, ev);
    if (elOn) elevatorEvents(w, k.elev[e]!, i, m, ev);
    if (socOn) socialEvents(w, k.soc, w.eff[e]!.volunteerFactor, i, ev);
    // the career events come last in the list: when the draw falls in an earlier event's
    // interval they cannot change the pick, unless the events could add up to more than 1
    // (then all are scaled: events.ts `pickEvent`)
    let code = -1;
    if (!check && bound <= 1) code = pickEvent(ev, u);
    if (code < 0) {
      if (carOn) careerEvents(w, k.career, i, m, ev);
      if (check && ev.total > bound) throw new Error(`hazard bound too low in month ${m} for household ${h.i32[i * H.stride + H.uid]}: ${ev.total} > ${bound}`);
      code = pickEvent(ev, u);
    }
    if (code >= 0) {
      if (code < EV.status1) applyDemographyEvent(w, k.dem, i, code, ev.v, w.rngs.demography);
      else if (code < EV.volunteer) applyElevatorEvent(w, k.elev[e]!, i, code, ev.v);
      else if (code < EV.moveOut) applySocialEvent(w, i);
      else applyCareerEvent(w, k.career, i, code, ev.v, w.rngs.career, swapSeekers);
    }
    if (!alive[i]) continue;
    if (counted[i] === NONE || next[i]! <= m) recount(w, i);
    if (code >= 0 || until[i] === NONE) computeBound(w, k, i, m + 1, next[i]!);
  }
}

/**
 * Pass 1 of the step: every household draws its uniform, and those whose bound rules out an
 * event are done (a bound expires before the household's census entry is due). The others are
 * listed in `bounds.cand` with their draws; returns how many. The draw is compared first with
 * the bound with the area terms at their caps (`bounds.thr`, one number), and only when it is
 * below that with the month's own bound (three more numbers to read).
 */
function skimHouseholds(w: World, rng: StreamRng, check: boolean, q0: number, q1: number): number {
  const m = w.month;
  const b = w.bounds;
  const alive = w.hh.alive;
  const until = b.until;
  const thr = b.thr;
  const used = w.hh.used;
  const cand = b.cand;
  const candU = b.candU;
  // the generator's steps (rng.ts `aleaStep`) on local copies of its state: the same numbers
  // as calling `rng()`, without reading and writing the state once per household. `* 1` (the
  // same value): read as they are, V8 kept the copies as boxed numbers and allocated a new
  // 16-byte number for every household every month (19 MB of the 36 MB a 10,000-flat run
  // allocated: the inspector's sampling heap profiler); multiplied by 1 they are not (why V8
  // boxed them is not established: bench/RESULTS.md)
  const g = rng.state;
  let s0 = g.s0 * 1;
  let s1 = g.s1 * 1;
  let s2 = g.s2 * 1;
  let c = g.c;
  let nc = 0;
  for (let i = 0; i < used; i++) {
    if (!alive[i]) continue;
    // rng.ts's constants written out: read from that module (imported, even copied into locals
    // first) the first pass took 92 M instead of 6 M instructions in a 10k-household run (callgrind)
    const t = 2091639 * s0 + c * 2.3283064365386963e-10;
    s0 = s1;
    s1 = s2;
    c = t | 0;
    s2 = t - c;
    const u = s2;
    if (m <= until[i]! && !check && (u >= thr[i]! || u >= boundWith(b, i, q0, q1))) continue;
    cand[nc] = i;
    candU[nc++] = u;
  }
  g.s0 = s0;
  g.s1 = s1;
  g.s2 = s2;
  g.c = c;
  return nc;
}

/** How many candidates ahead pass 2 reads a household's data. */
const PREFETCH = 6;

/**
 * Read household i's record, its flat's fields and its census entries, and return a value
 * that depends on them (so the reads are not optimised away). Reading them a few households
 * ahead lets the processor fetch them from memory while it works on the others.
 */
function readAhead(w: World, i: number): number {
  const h = w.hh;
  const f = h.i32[i * H.stride + H.flat]!;
  const fl = w.flats;
  return (
    h.i32[i * H.stride]! ^
    h.alive[i]! ^
    fl.estate[f]! ^
    fl.section[f]! ^
    fl.rooms[f]! ^
    fl.garden[f]! ^
    fl.tenure[f]! ^
    w.census.next[i]! ^
    w.census.countedAt[i]!
  );
}
