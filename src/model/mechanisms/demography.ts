/**
 * Demography: deaths (Gompertz), births (by the mother's age, the number of children,
 * partnership and crowding), children aged 18+ leaving home (some seek their own flat in the
 * estate), partnership formation (the partner moves in, or the household moves out to the
 * partner) and break-up (the partner leaves; sometimes the household moves out too).
 *
 * Ageing costs nothing: ages are derived from birth months.
 */
import { touch } from '../census.js';
import { R } from '../codes.js';
import { refreshIncome } from '../population.js';
import { type Rng, monthly } from '../rng.js';
import { MAX_CHILDREN, Status, isResourceStrongHousehold } from '../state.js';
import { F, NFLOW, type World, moveOut, removeChild } from '../world.js';
import type { Scenario } from '../../scenario/schema.js';

/** Monthly probabilities precomputed once per run. */
export interface DemographyTables {
  /** Monthly death probability by age in whole years (0-120). */
  death: Float64Array;
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
  return {
    death,
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

/** Apply one month of demography to every household. */
export function applyDemography(w: World, t: DemographyTables, rng: Rng): void {
  const h = w.hh;
  const m = w.month;
  const sc = w.scenario;
  const flows = w.flows;
  const used = h.used;
  for (let i = 0; i < used; i++) {
    if (!h.alive[i]) continue;
    const e = w.flats.estate[h.flat[i]!]!;
    const row = e * NFLOW;
    // deaths
    if (h.adults[i] === 2 && rng() < t.death[ageYears(m, h.birth2[i]!)]!) {
      touch(w, i);
      h.adults[i] = 1;
      flows[row + F.deaths]++;
      refreshIncome(sc, h, i);
    }
    if (rng() < t.death[ageYears(m, h.birth1[i]!)]!) {
      flows[row + F.deaths]++;
      if (h.adults[i] === 2) {
        touch(w, i);
        h.birth1[i] = h.birth2[i]!;
        h.status1[i] = h.status2[i]!;
        h.edu1[i] = h.edu2[i]!;
        h.female1[i] = 1 - h.female1[i]!;
        h.adults[i] = 1;
        refreshIncome(sc, h, i);
      } else {
        moveOut(w, i, R.death);
        continue;
      }
    }
    // births: the mother is adult 1 if female, else adult 2 (partners are of opposite sex)
    const motherBirth = h.female1[i] ? h.birth1[i]! : h.adults[i] === 2 ? h.birth2[i]! : 0;
    const nKids = h.nChildren[i]!;
    if ((h.female1[i] || h.adults[i] === 2) && nKids < MAX_CHILDREN) {
      const ma = ageYears(m, motherBirth);
      if (ma >= 15 && ma <= 50) {
        let p = t.birth[ma]! * t.parity[Math.min(nKids, t.parity.length - 1)]!;
        if (h.adults[i] === 1) p *= t.single;
        if (h.adults[i]! + nKids > w.flats.rooms[h.flat[i]!]!) p *= t.crowding; // more persons than rooms
        if (rng() < p) {
          touch(w, i);
          h.childBirth[i * MAX_CHILDREN + nKids] = m;
          h.nChildren[i] = nKids + 1;
          flows[row + F.births]++;
        }
      }
    }
    // children aged 18+ leave home
    const base = i * MAX_CHILDREN;
    for (let k = h.nChildren[i]! - 1; k >= 0; k--) {
      if (m - h.childBirth[base + k]! >= 216 && rng() < t.childLeave) {
        const birth = h.childBirth[base + k]!;
        touch(w, i);
        removeChild(h, i, k);
        flows[row + F.childrenLeftHome]++;
        if (rng() < t.childStays)
          w.seekers[e]!.push({
            estate: e,
            birth,
            female: rng() < 0.5 ? 1 : 0,
            status: isResourceStrongHousehold(h, i) ? (rng() < 0.6 ? Status.student : Status.employed) : rng() < 0.5 ? Status.student : Status.outside,
            edu: h.edu1[i]!,
            origin: h.origin[i]!,
            since: m,
            reason: R.childLeftHome,
          });
      }
    }
    // partnership formation and break-up
    if (h.adults[i] === 1) {
      const a = ageYears(m, h.birth1[i]!);
      if (a >= 20 && a <= 55 && rng() < t.partnership) {
        if (rng() < t.partnerMovesOut) {
          moveOut(w, i, R.partnership);
          continue;
        }
        touch(w, i);
        h.adults[i] = 2;
        h.birth2[i] = h.birth1[i]! + Math.round((rng() - 0.5) * 72);
        h.edu2[i] = h.edu1[i]!;
        h.status2[i] = rng() < 0.65 ? Status.employed : Status.outside;
        refreshIncome(sc, h, i);
        flows[row + F.partnersMovedIn]++;
      }
    } else if (rng() < t.breakup) {
      if (rng() < t.breakupLeaves) {
        moveOut(w, i, R.partnership);
        continue;
      }
      // adult 2 leaves; the household stays with adult 1 and the children
      touch(w, i);
      flows[row + F.partnersMovedOut]++;
      if (rng() < t.breakupForms)
        w.seekers[e]!.push({ estate: e, birth: h.birth2[i]!, female: 1 - h.female1[i]!, status: h.status2[i]!, edu: h.edu2[i]!, origin: h.origin[i]!, since: m, reason: R.breakup });
      h.adults[i] = 1;
      refreshIncome(sc, h, i);
    }
  }
}
