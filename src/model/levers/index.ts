/**
 * Policy levers: each month the levers in force set the effective parameters of each estate
 * (`World.eff`), and a lever that changes the estate itself (flats, gardens, sales,
 * demolition) does so in its first month. The table below is exhaustive over the lever kinds
 * of the schema, so a new kind does not compile until it has a module.
 */
import { inForce, yearOfMonth } from '../calendar.js';
import type { Policy } from '../../scenario/policies.js';
import type { EstateLayout } from '../layout.js';
import type { EstateEffective, World } from '../world.js';
import { demolition, divideEstate, gardens, largerFlats, ownership, upgradeRename } from './physical.js';
import {
  almenBoligPlus,
  extension,
  facilities,
  flexibleLetting,
  imageWork,
  internalList,
  municipalAllocation,
  programme,
  renovation,
  socialActivities,
  vulnerableWork,
} from './simple.js';
import type { LeverModule } from './types.js';

export { groupCode, groupMatches } from './groups.js';

export const LEVERS: { [K in Policy['lever']]: LeverModule<K> } = {
  largerFlats,
  internalList,
  gardens,
  renovation,
  ownership,
  almenBoligPlus,
  socialActivities,
  vulnerableWork,
  municipalAllocation,
  flexibleLetting,
  facilities,
  imageWork,
  divideEstate,
  upgradeRename,
  demolition,
  programme,
  extension,
};

const moduleOf = (p: Policy) => LEVERS[p.lever] as LeverModule<Policy['lever']>;

/** Does the lever apply to estate e (by its spec index)? */
const appliesTo = (w: World, p: Policy, e: number): boolean => p.estate === undefined || p.estate === w.layout.estateSpec[e];

/** The parameters of an estate with no lever in force. */
export function baseEffective(w: World): EstateEffective {
  const sc = w.scenario;
  const L = sc.letting;
  return {
    municipalShare: L.municipalShare,
    bans: 'auto',
    flexibleShare: L.flexibleShare,
    combinedLetting: L.combinedLetting,
    internalList: L.internalList,
    internalShare: L.internalShare,
    familyPriorityLarge: L.familyPriorityLarge,
    swapAnnual: L.swapAnnual,
    imageBoost: sc.spiral.imageBoost,
    programmeBoost: 1,
    hazardFactor: 1,
    gardenFactor: 1,
    volunteerFactor: 1,
    tieFactor: 1,
    vulnerableFactor: 1,
    crimeFactor: 1,
    rentFactor: 1,
    unitPrice: sc.region.housePrice,
    firstRight: true,
    extensionFactor: 1,
    extensionGroup: 0,
  };
}

/** Flats to reserve per estate spec for levers that build (indexed by estate). */
export function reservedFlats(scenario: World['scenario'], layout: Pick<EstateLayout, 'estateSpec' | 'nEstates'>): number[] {
  const out = new Array<number>(layout.nEstates).fill(0);
  for (const p of scenario.policies) {
    const r = moduleOf(p).reserveFlats?.(p as never) ?? 0;
    if (r === 0) continue;
    for (let e = 0; e < layout.nEstates; e++) if (p.estate === undefined || p.estate === layout.estateSpec[e]) out[e]! += r;
  }
  return out;
}

/** Recompute `w.eff` for month m and make the physical changes of levers starting now. */
export function applyLevers(w: World, m: number): void {
  const sc = w.scenario;
  for (let e = 0; e < w.layout.nEstates; e++) w.eff[e] = baseEffective(w);
  for (const p of sc.policies) {
    const mod = moduleOf(p);
    const on = inForce(p, sc.startYear, m);
    const starting = on && !inForce(p, sc.startYear, m - 1);
    const yearsSinceEnd = p.until === undefined ? -1 : yearOfMonth(sc.startYear, m) - p.until;
    for (let e = 0; e < w.layout.nEstates; e++) {
      if (!appliesTo(w, p, e)) continue;
      if (on) mod.effective?.(w.eff[e]!, p as never, w, e);
      else if (m >= 1 && yearsSinceEnd >= 0) mod.after?.(w.eff[e]!, p as never, yearsSinceEnd);
      if (starting) mod.start?.(w, p as never, e);
    }
  }
}
