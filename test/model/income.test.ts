/**
 * The income the list's criterion 4 counts (population.ts `countedIncome`, census.ts
 * `incomeTable`): an adult outside the labour market counts `elevator.incomeOutsideTaxableShare`
 * of `elevator.incomeOutside`, every other status its full income; the household's own income
 * (`adultIncome`, used for buying a home) is unchanged. The default 1 counts it all (the results
 * of earlier versions). And what 0.65 does on the presets (issue 23, part 4): ringparken-like, a
 * hard ghetto at about 68% outside work, meets the income criterion in most years, while the
 * average estate (about 57% outside work) does not; at 1 ringparken-like never meets it. (At 0.7
 * its ratio sits at the threshold: 0.553, below it in 45% of the years on 10 replications, 65-76%
 * in earlier versions; docs/ODD.md 7.4.)
 */
import { describe, expect, it } from 'vitest';
import { incomeTable } from '../../src/model/census.js';
import { METRIC_INDEX, NMETRIC } from '../../src/model/reporters.js';
import { adultIncome, countedIncome } from '../../src/model/population.js';
import type { ReplicationResult } from '../../src/model/simulate.js';
import { UDSAT_INCOME_RATIO } from '../../src/model/classification.js';
import { loadScenario } from '../../src/scenario/load.js';
import { simulateAll } from '../helpers/ensemble.js';
import { tinyWorld } from '../helpers/world.js';

// status codes (state.ts Status) and education codes (state.ts Edu)
const EMPLOYED = 0;
const STUDENT = 1;
const OUTSIDE = 2;
const RETIRED = 3;
const BASIC = 0;
const VOCATIONAL = 1;
const HIGHER = 2;

describe('the income the criterion counts', () => {
  const sc = tinyWorld(1).scenario;

  const at = (share: number) => ({ ...sc, elevator: { ...sc.elevator, incomeOutsideTaxableShare: share } });

  it('with the defaults every status counts its full income, outside work 165,000 kr', () => {
    expect(sc.elevator.incomeOutsideTaxableShare).toBe(1);
    expect(countedIncome(sc, OUTSIDE, BASIC)).toBe(165_000);
    expect(countedIncome(sc, EMPLOYED, BASIC)).toBe(390_000 * 0.85);
    expect(countedIncome(sc, EMPLOYED, VOCATIONAL)).toBe(390_000);
    expect(countedIncome(sc, EMPLOYED, HIGHER)).toBe(390_000 * 1.3);
    expect(countedIncome(sc, STUDENT, VOCATIONAL)).toBe(95_000);
    expect(countedIncome(sc, RETIRED, BASIC)).toBe(190_000);
  });

  it('at 0.7: outside work counts 70% of 165,000 kr whatever the education, every other status in full', () => {
    expect(countedIncome(at(0.7), OUTSIDE, BASIC)).toBe(165_000 * 0.7);
    expect(countedIncome(at(0.7), OUTSIDE, HIGHER)).toBe(165_000 * 0.7);
    expect(countedIncome(at(0.7), EMPLOYED, BASIC)).toBe(390_000 * 0.85);
    expect(countedIncome(at(0.7), STUDENT, VOCATIONAL)).toBe(95_000);
    expect(countedIncome(at(0.7), RETIRED, BASIC)).toBe(190_000);
  });

  it("the household's own income keeps the full benefit", () => {
    expect(adultIncome(at(0.7), OUTSIDE, BASIC)).toBe(165_000);
  });

  it('follows the parameter: 0 counts nothing outside work, 1 counts it all', () => {
    expect(countedIncome(at(0), OUTSIDE, VOCATIONAL)).toBe(0);
    expect(countedIncome(at(1), OUTSIDE, VOCATIONAL)).toBe(165_000);
    expect(countedIncome(at(0.5), EMPLOYED, VOCATIONAL)).toBe(390_000);
  });

  it("the census's table is countedIncome by status x education", () => {
    const t = incomeTable(tinyWorld(1, { elevator: { incomeOutsideTaxableShare: 0.7 } }));
    expect(t[OUTSIDE * 3 + BASIC]).toBe(165_000 * 0.7);
    expect(t[EMPLOYED * 3 + HIGHER]).toBe(390_000 * 1.3);
    expect(incomeTable(tinyWorld(1))[OUTSIDE * 3 + VOCATIONAL]).toBe(165_000);
  });
});

/** Share of the years 2027-2040 (each December's census) whose income ratio is below 55%, over all replications. */
function yearsBelow(results: ReplicationResult[]): number {
  let below = 0;
  let n = 0;
  for (const r of results) {
    const rows = r.rowNames.length;
    for (let year = 2027; year <= 2040; year++) {
      const month = (year - 2026) * 12 + 11;
      const v = r.metrics[month * rows * NMETRIC + METRIC_INDEX.incomeRatio!]!;
      n++;
      if (v < UDSAT_INCOME_RATIO) below++;
    }
  }
  return below / n;
}

describe('the income criterion on the presets (3 replications of 15 years)', () => {
  const run = (file: string, share: number) => {
    const sc = loadScenario(file);
    return simulateAll({ ...sc, replications: 3, elevator: { ...sc.elevator, incomeOutsideTaxableShare: share } });
  };

  it('at 0.65 ringparken-like (about 68% outside work) meets it in most years', () => {
    expect(yearsBelow(run('scenarios/presets/ringparken-like.yaml', 0.65))).toBeGreaterThan(0.5);
  }, 120_000);

  it('at 0.65 the average estate (about 57% outside work) meets it in no year', () => {
    expect(yearsBelow(run('scenarios/presets/average.yaml', 0.65))).toBe(0);
  }, 120_000);

  it('at the default 1 ringparken-like meets it in no year (the gap issue 23 names)', () => {
    expect(yearsBelow(run('scenarios/presets/ringparken-like.yaml', 1))).toBe(0);
  }, 120_000);
});
