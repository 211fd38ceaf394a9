/**
 * The incremental census (src/model/census.ts) against a full recount: for every scenario
 * file that ships with the project (the default, the presets, one file per lever, the
 * packages and the regions), under two seeds, the counts kept up to date as households
 * change must equal, month by month, the counts taken from scratch. `simulate` with
 * `checkCensus` throws at the first month and entry that differ.
 *
 * A last case shows that the check can fail: a household changed without `touch` leaves
 * the incremental counts behind.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { C, type CensusName, NCENSUS, censusDue, countHousehold, readCensus, refreshDue, takeCensus } from '../../src/model/census.js';
import { initialWorld, simulate } from '../../src/model/simulate.js';
import { Status } from '../../src/model/state.js';
import { loadScenario } from '../../src/scenario/load.js';
import { SCENARIOS, shippedScenarioFiles } from '../helpers/scenario.js';
import { B, H } from '../../src/model/state.js';

const root = SCENARIOS;
const files = shippedScenarioFiles();

describe('incremental census equals a full recount every month', () => {
  it('covers every lever file', () => {
    expect(files.filter((f) => f.startsWith('levers/')).length).toBeGreaterThanOrEqual(17);
  });
  for (const f of files) {
    it(f, () => {
      const sc = loadScenario(join(root, f));
      for (const seed of [3, 11]) expect(() => simulate(sc, 0, seed, { checkCensus: true })).not.toThrow();
    });
  }

  it('detects a change made behind its back', () => {
    const sc = loadScenario(join(root, 'default.yaml'));
    const w = initialWorld(sc, 5);
    const h = w.hh;
    let i = 0;
    while (!(h.alive[i] && h.u8[i * B.stride + B.status1] === Status.outside && h.u8[i * B.stride + B.adults] === 1)) i++;
    h.u8[i * B.stride + B.status1] = Status.employed; // no touch: the census does not see this
    w.month = 1;
    refreshDue(w);
    const live = new Float64Array(w.layout.sectionNames.length * NCENSUS);
    const full = new Float64Array(live.length);
    readCensus(w, live);
    takeCensus(w, full);
    const s = w.flats.section[h.i32[i * H.stride + H.flat]!]!;
    expect(full[s * NCENSUS + C.employed]! - live[s * NCENSUS + C.employed]!).toBe(1);
  });
});

describe('censusDue', () => {
  it('is the month countHousehold reports, for every household of a run at many months', () => {
    const sc = loadScenario(join(root, 'default.yaml'));
    const w = initialWorld(sc, 9);
    const h = w.hh;
    const scratch = new Float64Array(w.layout.sectionNames.length * NCENSUS);
    let compared = 0;
    for (const m of [0, 7, 61, 200, 433]) {
      for (let i = 0; i < h.used; i++) {
        if (!h.alive[i]) continue;
        expect(censusDue(w, i, m)).toBe(countHousehold(w, i, scratch, 1, m, w.census.income));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(4000);
  });
});

describe('census entries', () => {
  it('are the positions 0 to NCENSUS - 1, each once', () => {
    // a Record over the entries' names: the compiler refuses one left out
    const at: Record<CensusName, number> = {
      households: C.households,
      residents: C.residents,
      adults22to59: C.adults22to59,
      resourceStrongAdults22to59: C.resourceStrongAdults22to59,
      familiesWithChildren: C.familiesWithChildren,
      resourceStrongFamilies: C.resourceStrongFamilies,
      persons18to64: C.persons18to64,
      outside18to64: C.outside18to64,
      persons30to59: C.persons30to59,
      basic30to59: C.basic30to59,
      persons15to64ExclStudents: C.persons15to64ExclStudents,
      income15to64ExclStudents: C.income15to64ExclStudents,
      nonWesternPersons: C.nonWesternPersons,
      youngMenOutside: C.youngMenOutside,
      vulnerableHouseholds: C.vulnerableHouseholds,
      crowdedFamilies: C.crowdedFamilies,
      children: C.children,
      seniorHouseholds: C.seniorHouseholds,
      onInternalList: C.onInternalList,
      stayMonthsSum: C.stayMonthsSum,
      employed: C.employed,
      students: C.students,
      outside: C.outside,
      retired: C.retired,
      occupiedFlats: C.occupiedFlats,
      activeFlats: C.activeFlats,
      movedInSum: C.movedInSum,
    };
    expect(Object.values(at).sort((a, b) => a - b)).toEqual(Array.from({ length: NCENSUS }, (_, k) => k));
  });
});
