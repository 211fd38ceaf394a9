/**
 * Policy levers: each month, the levers in force set the effective parameters of each estate
 * (`World.eff`). A lever acts only through the mechanism the report describes; its kind is
 * checked exhaustively here, so a new kind in the schema does not compile until it is handled.
 */
import type { Policy } from '../scenario/policies.js';
import { GROUPS } from '../scenario/policies.js';
import type { EstateEffective, World } from './world.js';

/** Group codes for the extension lever: 0 = none, then 1 + index in GROUPS. */
export const groupCode = (g: (typeof GROUPS)[number]): number => 1 + GROUPS.indexOf(g);

/** Whether a household belongs to an extension group. */
export function groupMatches(code: number, strong: boolean, family: boolean): boolean {
  switch (GROUPS[code - 1]) {
    case 'resourceStrongFamilies':
      return strong && family;
    case 'resourceStrong':
      return strong;
    case 'families':
      return family;
    case 'all':
      return true;
    default:
      return false;
  }
}

/** Calendar year of simulated month m (month 1 is January of startYear; month 0 is the start). */
export const yearOfMonth = (startYear: number, m: number): number => startYear + Math.floor(Math.max(0, m - 1) / 12);

/** Is the lever in force in month m? */
export function inForce(p: Policy, startYear: number, m: number): boolean {
  const y = yearOfMonth(startYear, m);
  return m >= 1 && y >= p.from && (p.until === undefined || y < p.until);
}

const baseEffective = (w: World): EstateEffective => ({
  municipalShare: w.scenario.letting.municipalShare,
  bans: 'auto',
  imageBoost: w.scenario.spiral.imageBoost,
  programmeBoost: 1,
  extensionFactor: 1,
  extensionGroup: 0,
});

type Apply<K extends Policy['lever']> = (e: EstateEffective, p: Extract<Policy, { lever: K }>) => void;
const APPLY: { [K in Policy['lever']]: Apply<K> } = {
  extension: (e, p) => {
    e.extensionGroup = groupCode(p.group);
    e.extensionFactor = p.factor;
  },
  municipalAllocation: (e, p) => {
    e.municipalShare = p.share;
    if (p.bans !== undefined) e.bans = p.bans ? 'on' : 'off';
  },
  imageWork: (e, p) => {
    e.imageBoost += p.boost;
  },
  programme: (e, p) => {
    e.programmeBoost *= p.boost;
  },
};

/** Recompute `w.eff` for month m. Levers apply in the order listed in the scenario. */
export function applyLevers(w: World, m: number): void {
  const sc = w.scenario;
  for (let e = 0; e < w.nEstates; e++) w.eff[e] = baseEffective(w);
  for (const p of sc.policies) {
    if (!inForce(p, sc.startYear, m)) continue;
    for (let e = 0; e < w.nEstates; e++) {
      if (p.estate !== undefined && p.estate !== w.estateSpec[e]) continue;
      (APPLY[p.lever] as Apply<typeof p.lever>)(w.eff[e]!, p as never);
    }
  }
}
