/**
 * Official classification, once a year per area (an estate, or a section once the estate is
 * divided): the four criteria and the non-western share from the simulated residents, and
 * the list status under the scenario's rule set (see classification.ts for the rules). The
 * status feeds back: stigma for families with children (career.ts), the allocation bans,
 * flexible letting and the cash-benefit rule (letting.ts), and the image (spiral.ts).
 */
import { type AreaYearCounts, type ListStatus, LIST_STATUSES, classifyYear } from '../classification.js';
import { C, NCENSUS, sumSections } from '../census.js';
import { type World, areaGroups, spreadArea } from '../world.js';

/** The classification input for census row `row`, with the crime index of section `section`. */
export function yearCounts(w: World, census: Float64Array, row: number, section: number): AreaYearCounts {
  const o = row * NCENSUS;
  return {
    residents: census[o + C.residents]!,
    persons18to64: census[o + C.persons18to64]!,
    outsideWorkEdu18to64: census[o + C.outside18to64]!,
    persons30to59: census[o + C.persons30to59]!,
    basicEduOnly30to59: census[o + C.basic30to59]!,
    persons15to64ExclStudents: census[o + C.persons15to64ExclStudents]!,
    incomeSum15to64ExclStudents: census[o + C.income15to64ExclStudents]!,
    expectedConvictionsRatio: w.area.crime[section]!,
    nonWestern: Math.min(census[o + C.nonWesternPersons]!, census[o + C.residents]!),
  };
}

const scratch = new Float64Array(NCENSUS);

/**
 * Classify every area. `previous` holds last year's counts per area, keyed by the area's
 * first section and its size (a divided estate starts its sections' history afresh).
 */
export function applyClassification(w: World, census: Float64Array, previous: Map<string, AreaYearCounts>): void {
  const sc = w.scenario;
  const a = w.area;
  for (const [from, to] of areaGroups(w)) {
    sumSections(census, from, to, scratch, 0);
    const key = `${from}:${to}`;
    const cur = yearCounts(w, scratch, 0, from);
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
    spreadArea(a, from, to);
  }
}
