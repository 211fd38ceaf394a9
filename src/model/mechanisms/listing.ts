/**
 * Official classification, once a year per estate: the four criteria and the non-western
 * share from the simulated residents, and the list status under the scenario's rule set
 * (see classification.ts for the rules). The status feeds back: stigma for families with
 * children (career.ts), the allocation bans, flexible letting and the cash-benefit rule
 * (letting.ts), and the image (spiral.ts).
 */
import { type AreaYearCounts, type ListStatus, LIST_STATUSES, classifyYear } from '../classification.js';
import { C, NCENSUS } from '../census.js';
import type { World } from '../world.js';

/** The classification input for estate e from a census. */
export function yearCounts(w: World, census: Float64Array, e: number): AreaYearCounts {
  const o = e * NCENSUS;
  return {
    residents: census[o + C.residents]!,
    persons18to64: census[o + C.persons18to64]!,
    outsideWorkEdu18to64: census[o + C.outside18to64]!,
    persons30to59: census[o + C.persons30to59]!,
    basicEduOnly30to59: census[o + C.basic30to59]!,
    persons15to64ExclStudents: census[o + C.persons15to64ExclStudents]!,
    incomeSum15to64ExclStudents: census[o + C.income15to64ExclStudents]!,
    expectedConvictionsRatio: w.area.crime[e]!,
    nonWestern: Math.min(census[o + C.nonWesternPersons]!, census[o + C.residents]!),
  };
}

/** Classify every estate; `previous[e]` holds last year's counts and is updated. */
export function applyClassification(w: World, census: Float64Array, previous: (AreaYearCounts | null)[]): void {
  const sc = w.scenario;
  const a = w.area;
  for (let e = 0; e < w.nEstates; e++) {
    const cur = yearCounts(w, census, e);
    const r = classifyYear({ consecutiveGhettoYears: a.consecutiveGhettoYears[e]! }, cur, previous[e] ?? null, {
      ruleSet: sc.classification.ruleSet,
      regionalMeanIncome15to64: sc.region.meanIncome15to64,
      minResidents: sc.classification.minResidents,
    });
    previous[e] = cur;
    a.status[e] = LIST_STATUSES.indexOf(r.status as ListStatus);
    a.consecutiveGhettoYears[e] = r.consecutiveGhettoYears;
    a.outsideShare[e] = r.criteria.outsideWorkShare18to64;
    a.basicShare[e] = r.criteria.basicEducationShare30to59;
    a.incomeRatio[e] = r.criteria.incomeRatio;
    a.convictionRatio[e] = r.criteria.convictionRatio;
    a.nonWesternShare[e] = r.criteria.nonWesternShare;
  }
}
