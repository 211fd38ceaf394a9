/**
 * Official classification, once a year per area: the whole, physically contiguous estate
 * (almenboligloven § 61 a), also when it is divided into named sections; each section only when
 * it was divided into physically separate areas (world.ts `classificationGroups`): the four criteria and the non-western share from the simulated residents, and
 * the list status under the scenario's rule set (see classification.ts for the rules). The
 * status feeds back: stigma for families with children (career.ts), the allocation bans,
 * flexible letting and the cash-benefit rule (letting.ts), and the image (spiral.ts).
 */
import { type AreaYearCounts, type ListStatus, LIST_STATUSES, classifyYear } from '../classification.js';
import { C, NCENSUS, sumSections } from '../census.js';
import { DIVIDED, classificationGroups } from '../layout.js';
import type { World } from '../world.js';
import { spreadArea, spreadClassification } from '../area.js';

/** The classification input for census row `row`, with the crime index `crime` (1 = the national conviction rate). */
export function yearCounts(census: Float64Array, row: number, crime: number): AreaYearCounts {
  const o = row * NCENSUS;
  return {
    residents: census[o + C.residents]!,
    persons18to64: census[o + C.persons18to64]!,
    outsideWorkEdu18to64: census[o + C.outside18to64]!,
    persons30to59: census[o + C.persons30to59]!,
    basicEduOnly30to59: census[o + C.basic30to59]!,
    persons15to64ExclStudents: census[o + C.persons15to64ExclStudents]!,
    incomeSum15to64ExclStudents: census[o + C.income15to64ExclStudents]!,
    expectedConvictionsRatio: crime,
    nonWestern: Math.min(census[o + C.nonWesternPersons]!, census[o + C.residents]!),
  };
}

const scratch = new Float64Array(NCENSUS);

/**
 * The crime index of the classification area [from, to): the spiral's, which is one value for
 * an undivided estate; for one divided into named sections (each its own spiral area) the mean
 * of its sections' indices weighted by their residents.
 */
function areaCrime(w: World, census: Float64Array, from: number, to: number): number {
  const crime = w.area.crime;
  if (w.layout.divided[w.layout.sectionEstate[from]!] !== DIVIDED.named || to - from < 2) return crime[from]!;
  let num = 0;
  let den = 0;
  for (let s = from; s < to; s++) {
    const residents = census[s * NCENSUS + C.residents]!;
    num += residents * crime[s]!;
    den += residents;
  }
  return den > 0 ? num / den : crime[from]!;
}

/**
 * Classify every area. `previous` holds last year's counts per area, keyed by the area's
 * first section and its size (sections that become physically separate areas start their
 * history afresh; an estate divided into named sections keeps its own).
 */
export function applyClassification(w: World, census: Float64Array, previous: Map<string, AreaYearCounts>): void {
  const sc = w.scenario;
  const a = w.area;
  for (const [from, to] of classificationGroups(w.layout)) {
    sumSections(census, from, to, scratch, 0);
    const key = `${from}:${to}`;
    const cur = yearCounts(scratch, 0, areaCrime(w, census, from, to));
    const r = classifyYear({ consecutiveGhettoYears: a.consecutiveGhettoYears[from]! }, cur, previous.get(key) ?? null, {
      ruleSet: sc.classification.ruleSet,
      regionalMeanIncome15to64: sc.region.meanIncome15to64,
      minResidents: sc.classification.minResidents,
    });
    previous.set(key, cur);
    a.status[from] = LIST_STATUSES.indexOf(r.status as ListStatus);
    a.consecutiveGhettoYears[from] = r.consecutiveGhettoYears;
    a.outsideShare[from] = r.criteria.outsideWorkShare18to64;
    a.basicShare[from] = r.criteria.basicEducationShare30to59;
    a.incomeRatio[from] = r.criteria.incomeRatio;
    a.convictionRatio[from] = r.criteria.convictionRatio;
    a.nonWesternShare[from] = r.criteria.nonWesternShare;
    // an estate in named sections: one area on the list, but each section keeps its own spiral state
    if (w.layout.divided[w.layout.sectionEstate[from]!] === DIVIDED.named) spreadClassification(a, from, to);
    else spreadArea(a, from, to);
  }
}
