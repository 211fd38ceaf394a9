/**
 * Demography: deaths (Gompertz), births (by the mother's age, the number of children,
 * partnership and crowding), children aged 18+ leaving home (some seek their own flat in the
 * estate), partnership formation (the partner moves in, or the household moves out to the
 * partner) and break-up (the partner leaves; sometimes the household moves out too).
 *
 * Each is an event with a monthly probability (`demographyEvents`), competing with the other
 * mechanisms' events in the household-month step (household-month.ts); `applyDemographyEvent`
 * carries it out. `demographyBound` is an upper bound of the probabilities over a window of
 * months, which lets the step skip households that cannot have an event.
 *
 * Ageing costs nothing: ages are derived from birth months.
 */
import { touch } from '../census.js';
import { R } from '../codes.js';
import { EV, type Events, addEvent, newEvents, pickEvent, resetEvents } from '../events.js';
import { refreshIncome } from '../population.js';
import { type Rng, monthly } from '../rng.js';
import { MAX_CHILDREN, Status, isResourceStrongHousehold, H, B } from '../state.js';
import { F, NFLOW } from '../flows.js';
import { type World, removeChild } from '../world.js';
import { moveOut } from '../occupancy.js';
import type { Scenario } from '../../scenario/schema.js';

/** Monthly probabilities precomputed once per run. */
export interface DemographyTables {
  /** Monthly death probability by age in whole years (0-120). */
  death: Float64Array;
  /** Whether `death` never falls with age (so its largest over a span of ages is at the oldest: `maxOver`). */
  deathRises: boolean;
  /** Monthly birth probability by mother's age in whole years (0-60), before multipliers. */
  birth: Float64Array;
  parity: number[];
  crowding: number;
  single: number;
  childLeave: number;
  childStays: number;
  partnership: number;
  partnerMovesOut: number;
  breakup: number;
  breakupLeaves: number;
  breakupForms: number;
}

export function demographyTables(sc: Scenario): DemographyTables {
  const d = sc.demography;
  const death = new Float64Array(121);
  for (let a = 0; a <= 120; a++) death[a] = monthly(Math.min(1, d.mortalityA * Math.exp(d.mortalityB * a)));
  const birth = new Float64Array(61);
  for (let a = 15; a <= 50; a++) {
    const z = (a - d.fertilityPeakAge) / d.fertilitySpread;
    birth[a] = monthly(Math.min(0.95, d.fertilityPeak * Math.exp(-0.5 * z * z)));
  }
  let deathRises = true;
  for (let a = 1; a <= 120; a++) if (!(death[a]! >= death[a - 1]!)) deathRises = false;
  return {
    death,
    deathRises,
    birth,
    parity: d.fertilityByChildren,
    crowding: d.crowdingBirthFactor,
    single: d.singleBirthFactor,
    childLeave: monthly(d.childLeaveAnnual),
    childStays: d.childStaysInEstateShare,
    partnership: monthly(d.partnershipAnnual),
    partnerMovesOut: d.partnerMovesOutShare,
    breakup: monthly(d.breakupAnnual),
    breakupLeaves: d.breakupHouseholdLeavesShare,
    breakupForms: d.breakupFormsHouseholdShare,
  };
}

const ageYears = (month: number, birth: number): number => Math.min(120, Math.max(0, Math.floor((month - birth) / 12)));

/** The mother's birth month (adult 1 if female, else adult 2; partners are of opposite sex), or NaN. */
const motherBirth = (w: World, i: number): number => {
  const h = w.hh;
  return h.u8[i * B.stride + B.female1] ? h.i32[i * H.stride + H.birth1]! : h.u8[i * B.stride + B.adults] === 2 ? h.i32[i * H.stride + H.birth2]! : NaN;
};

/** The household's multiplier on the birth table: parity, single mother, crowding (0 with 6 children). */
function birthFactor(w: World, t: DemographyTables, i: number): number {
  const h = w.hh;
  const nKids = h.u8[i * B.stride + B.nChildren]!;
  if (nKids >= MAX_CHILDREN) return 0;
  let f = t.parity[Math.min(nKids, t.parity.length - 1)]!;
  const adults = h.u8[i * B.stride + B.adults]!;
  if (adults === 1) f *= t.single;
  if (adults + nKids > w.flats.rooms[h.i32[i * H.stride + H.flat]!]!) f *= t.crowding; // more persons than rooms
  return f;
}

/** Monthly birth probability for the household at the mother's age in years `ma`. */
function birthProb(w: World, t: DemographyTables, i: number, ma: number): number {
  if (ma < 15 || ma > 50) return 0;
  return t.birth[ma]! * birthFactor(w, t, i);
}

/** Number of children aged 18+ (in month m) still at home. */
export function grownChildren(w: World, i: number, m: number): number {
  const h = w.hh;
  const base = i * H.stride + H.child0;
  let n = 0;
  // counted without a branch: a branch first taken after V8 has optimised this function (no
  // child has turned 18 yet) throws the optimised code away (bench/RESULTS.md)
  for (let k = 0; k < h.u8[i * B.stride + B.nChildren]!; k++) n += m - h.i32[base + k]! >= 216 ? 1 : 0;
  return n;
}

/** Household i's demographic events in month m, with their monthly probabilities. */
export function demographyEvents(w: World, t: DemographyTables, i: number, m: number, ev: Events): void {
  const h = w.hh;
  const two = h.u8[i * B.stride + B.adults] === 2;
  if (two) addEvent(ev, EV.death2, t.death[ageYears(m, h.i32[i * H.stride + H.birth2]!)]!);
  addEvent(ev, EV.death1, t.death[ageYears(m, h.i32[i * H.stride + H.birth1]!)]!);
  const mb = motherBirth(w, i);
  // biome-ignore lint/suspicious/noSelfCompare: a NaN test on the hot path (no mother: NaN)
  if (mb === mb) addEvent(ev, EV.birth, birthProb(w, t, i, ageYears(m, mb)));
  addEvent(ev, EV.childLeaves, grownChildren(w, i, m) * t.childLeave);
  if (!two) {
    const a = ageYears(m, h.i32[i * H.stride + H.birth1]!);
    if (a >= 20 && a <= 55) addEvent(ev, EV.partnership, t.partnership);
  } else addEvent(ev, EV.breakup, t.breakup);
}

/**
 * The largest of a table's values at the ages (years) reached from month m1 to month m2 (and 0).
 * Of a table that never falls with age (`rises`), the value at the oldest age: the same number,
 * without the loop (the bounds of every household read the death table twice).
 */
function maxOver(tab: Float64Array, birth: number, m1: number, m2: number, rises: boolean): number {
  const end = Math.min(ageYears(m2, birth), tab.length - 1);
  if (rises) return ageYears(m1, birth) <= end ? Math.max(0, tab[end]!) : 0;
  let p = 0;
  for (let a = ageYears(m1, birth); a <= end; a++) p = Math.max(p, tab[a]!);
  return p;
}

/**
 * An upper bound of the total of household i's demographic probabilities in every month from
 * m1 to m2, as long as the household does not change: each age-dependent probability is taken
 * at its largest over the ages reached.
 */
export function demographyBound(w: World, t: DemographyTables, i: number, m1: number, m2: number): number {
  const h = w.hh;
  const two = h.u8[i * B.stride + B.adults] === 2;
  let p = maxOver(t.death, h.i32[i * H.stride + H.birth1]!, m1, m2, t.deathRises);
  if (two) p += maxOver(t.death, h.i32[i * H.stride + H.birth2]!, m1, m2, t.deathRises) + t.breakup;
  const mb = motherBirth(w, i);
  // biome-ignore lint/suspicious/noSelfCompare: a NaN test on the hot path (no mother: NaN)
  if (mb === mb) {
    // the birth table is 0 outside the ages 15-50
    const f = birthFactor(w, t, i);
    if (f > 0) p += f * maxOver(t.birth, mb, m1, m2, false);
  }
  p += grownChildren(w, i, m2) * t.childLeave;
  if (!two && ageYears(m2, h.i32[i * H.stride + H.birth1]!) >= 20 && ageYears(m1, h.i32[i * H.stride + H.birth1]!) <= 55) p += t.partnership;
  return p;
}

/**
 * Carry out demographic event `code` for household i; `v` is uniform in [0, 1) (where the
 * month's draw fell within the event) and decides the first detail; `rng` draws the rest.
 */
export function applyDemographyEvent(w: World, t: DemographyTables, i: number, code: number, v: number, rng: Rng): void {
  const h = w.hh;
  const m = w.month;
  const sc = w.scenario;
  const e = w.flats.estate[h.i32[i * H.stride + H.flat]!]!;
  const row = e * NFLOW;
  const flows = w.flows;
  switch (code) {
    case EV.death2:
      touch(w, i);
      h.u8[i * B.stride + B.adults] = 1;
      flows[row + F.deaths]++;
      refreshIncome(sc, h, i);
      return;
    case EV.death1:
      flows[row + F.deaths]++;
      if (h.u8[i * B.stride + B.adults] === 2) {
        // the survivor becomes adult 1
        touch(w, i);
        h.i32[i * H.stride + H.birth1] = h.i32[i * H.stride + H.birth2]!;
        h.u8[i * B.stride + B.status1] = h.u8[i * B.stride + B.status2]!;
        h.u8[i * B.stride + B.edu1] = h.u8[i * B.stride + B.edu2]!;
        h.u8[i * B.stride + B.female1] = 1 - h.u8[i * B.stride + B.female1]!;
        h.u8[i * B.stride + B.adults] = 1;
        refreshIncome(sc, h, i);
      } else moveOut(w, i, R.death);
      return;
    case EV.birth: {
      touch(w, i);
      const nKids = h.u8[i * B.stride + B.nChildren]!;
      h.i32[i * H.stride + H.child0 + nKids] = m;
      h.u8[i * B.stride + B.nChildren] = nKids + 1;
      flows[row + F.births]++;
      return;
    }
    case EV.childLeaves: {
      // which grown child: the v-th share of them
      let pick = Math.floor(v * grownChildren(w, i, m));
      const base = i * H.stride + H.child0;
      let k = 0;
      for (; k < h.u8[i * B.stride + B.nChildren]!; k++) if (m - h.i32[base + k]! >= 216 && pick-- === 0) break;
      const birth = h.i32[base + k]!;
      touch(w, i);
      removeChild(h, i, k);
      flows[row + F.childrenLeftHome]++;
      if (rng() < t.childStays)
        w.queues.seekers[e]!.push({
          estate: e,
          birth,
          female: rng() < 0.5 ? 1 : 0,
          status: isResourceStrongHousehold(h, i) ? (rng() < 0.6 ? Status.student : Status.employed) : rng() < 0.5 ? Status.student : Status.outside,
          edu: h.u8[i * B.stride + B.edu1]!,
          origin: h.u8[i * B.stride + B.origin]!,
          since: m,
          reason: R.childLeftHome,
        });
      return;
    }
    case EV.partnership:
      if (v < t.partnerMovesOut) {
        moveOut(w, i, R.partnership);
        return;
      }
      touch(w, i);
      h.u8[i * B.stride + B.adults] = 2;
      h.i32[i * H.stride + H.birth2] = h.i32[i * H.stride + H.birth1]! + Math.round((rng() - 0.5) * 72);
      h.u8[i * B.stride + B.edu2] = h.u8[i * B.stride + B.edu1]!;
      h.u8[i * B.stride + B.status2] = rng() < 0.65 ? Status.employed : Status.outside;
      refreshIncome(sc, h, i);
      flows[row + F.partnersMovedIn]++;
      return;
    case EV.breakup:
      if (v < t.breakupLeaves) {
        moveOut(w, i, R.partnership);
        return;
      }
      // adult 2 leaves; the household stays with adult 1 and the children
      touch(w, i);
      flows[row + F.partnersMovedOut]++;
      if (rng() < t.breakupForms)
        w.queues.seekers[e]!.push({
          estate: e,
          birth: h.i32[i * H.stride + H.birth2]!,
          female: 1 - h.u8[i * B.stride + B.female1]!,
          status: h.u8[i * B.stride + B.status2]!,
          edu: h.u8[i * B.stride + B.edu2]!,
          origin: h.u8[i * B.stride + B.origin]!,
          since: m,
          reason: R.breakup,
        });
      h.u8[i * B.stride + B.adults] = 1;
      refreshIncome(sc, h, i);
      return;
  }
}

const scratch = newEvents();

/**
 * One month of demography alone, for every household (the model runs it inside the
 * household-month step; this is for looking at the mechanism on its own): one draw per
 * household from `rng` picks at most one event.
 */
export function applyDemography(w: World, t: DemographyTables, rng: Rng): void {
  const h = w.hh;
  const used = h.used;
  for (let i = 0; i < used; i++) {
    if (!h.alive[i]) continue;
    resetEvents(scratch);
    demographyEvents(w, t, i, w.month, scratch);
    const code = pickEvent(scratch, rng());
    if (code >= 0) applyDemographyEvent(w, t, i, code, scratch.v, rng);
  }
}
