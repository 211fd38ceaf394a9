/**
 * The income the list's criterion 4 counts (population.ts `countedIncome`, census.ts
 * `incomeTable` and `countHousehold`). By default (`elevator.incomeCounted: benefitRules`) an
 * adult outside the labour market counts the cash benefit the rules give it (2016 rates: under 30
 * 84,828 kr, from 30 131,616 kr, with children under 18 174,900 kr) and nothing when its partner
 * is employed; every other status its full income; the household's own income (`adultIncome`, used
 * for buying a home) is unchanged. Under `share` (as versions before 0.2.20 counted) an adult outside
 * work counts `elevator.incomeOutsideTaxableShare` of `elevator.incomeOutside`. And what the rules
 * give on the presets: ringparken-like near the real Ringparken's 57.7% (2019; it did not meet the
 * criterion), the average estate above the prevention areas' 65% (docs/ODD.md 7.4).
 */
import { describe, expect, it } from 'vitest';
import { C, NCENSUS, countHousehold, incomeTable } from '../../src/model/census.js';
import { METRIC_INDEX, NMETRIC } from '../../src/model/reporters.js';
import { OutsideCase, adultIncome, countedIncome } from '../../src/model/population.js';
import type { ReplicationResult } from '../../src/model/simulate.js';
import { UDSAT_INCOME_RATIO } from '../../src/model/classification.js';
import { loadScenario } from '../../src/scenario/load.js';
import { simulateAll } from '../helpers/ensemble.js';
import { emptyWorld, place, tinyWorld } from '../helpers/world.js';

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
  const share = (x: number) => ({ ...sc, elevator: { ...sc.elevator, incomeCounted: 'share' as const, incomeOutsideTaxableShare: x } });

  it('by default an adult outside work counts the cash benefit of its case, every other status its full income', () => {
    expect(sc.elevator.incomeCounted).toBe('benefitRules');
    expect(countedIncome(sc, OUTSIDE, BASIC, OutsideCase.partnerEmployed)).toBe(0);
    expect(countedIncome(sc, OUTSIDE, BASIC, OutsideCase.under30)).toBe(84_828);
    expect(countedIncome(sc, OUTSIDE, HIGHER, OutsideCase.from30)).toBe(131_616);
    expect(countedIncome(sc, OUTSIDE, VOCATIONAL, OutsideCase.withChildren)).toBe(174_900);
    expect(countedIncome(sc, EMPLOYED, BASIC)).toBe(390_000 * 0.85);
    expect(countedIncome(sc, EMPLOYED, VOCATIONAL, OutsideCase.partnerEmployed)).toBe(390_000);
    expect(countedIncome(sc, EMPLOYED, HIGHER)).toBe(390_000 * 1.3);
    expect(countedIncome(sc, STUDENT, VOCATIONAL)).toBe(95_000);
    expect(countedIncome(sc, RETIRED, BASIC)).toBe(190_000);
  });

  it('follows the rates the scenario gives', () => {
    const rates = { ...sc, elevator: { ...sc.elevator, cashBenefitUnder30: 1, cashBenefitFrom30: 2, cashBenefitWithChildren: 3 } };
    expect([0, 1, 2, 3].map((c) => countedIncome(rates, OUTSIDE, BASIC, c))).toEqual([0, 1, 2, 3]);
  });

  it('under `share`: outside work counts that share of 165,000 kr whatever the household, every other status in full', () => {
    expect(countedIncome(share(0.7), OUTSIDE, BASIC, OutsideCase.partnerEmployed)).toBe(165_000 * 0.7);
    expect(countedIncome(share(0.7), OUTSIDE, HIGHER, OutsideCase.withChildren)).toBe(165_000 * 0.7);
    expect(countedIncome(share(1), OUTSIDE, VOCATIONAL)).toBe(165_000);
    expect(countedIncome(share(0), OUTSIDE, VOCATIONAL)).toBe(0);
    expect(countedIncome(share(0.7), EMPLOYED, BASIC)).toBe(390_000 * 0.85);
    expect(countedIncome(share(0.7), STUDENT, VOCATIONAL)).toBe(95_000);
    expect(countedIncome(share(0.7), RETIRED, BASIC)).toBe(190_000);
  });

  it("the household's own income keeps the full benefit", () => {
    expect(adultIncome(sc, OUTSIDE, BASIC)).toBe(165_000);
    expect(adultIncome(share(0.7), OUTSIDE, BASIC)).toBe(165_000);
  });

  it("the census's table is countedIncome by status x education, then by the outside adult's case", () => {
    const t = incomeTable(tinyWorld(1));
    expect(t[EMPLOYED * 3 + HIGHER]).toBe(390_000 * 1.3);
    expect(Array.from(t.slice(12))).toEqual([0, 84_828, 131_616, 174_900]);
    const s = incomeTable(tinyWorld(1, { elevator: { incomeCounted: 'share', incomeOutsideTaxableShare: 0.7 } }));
    expect(Array.from(s.slice(12))).toEqual([1, 1, 1, 1].map(() => 165_000 * 0.7));
  });

  it("the census counts each household's adults by their case: the partner's work, the children under 18, the age", () => {
    const counted = (spec: Parameters<typeof place>[2]) => {
      const w = emptyWorld(10);
      const i = place(w, 0, spec);
      const out = new Float64Array(NCENSUS);
      countHousehold(w, i, out, 1, w.month, incomeTable(w));
      return [out[C.income15to64ExclStudents], out[C.persons15to64ExclStudents]];
    };
    expect(counted({ age: 25, status1: OUTSIDE })).toEqual([84_828, 1]);
    expect(counted({ age: 45, status1: OUTSIDE })).toEqual([131_616, 1]);
    expect(counted({ age: 25, status1: OUTSIDE, children: [3] })).toEqual([174_900, 1]);
    // a child of 18 or more is not one the benefit is raised for (and counts as a student)
    expect(counted({ age: 50, status1: OUTSIDE, children: [19] })).toEqual([131_616, 1]);
    // the employed partner's income is deducted from the benefit: nothing is left
    expect(counted({ age: 45, age2: 45, status1: OUTSIDE, status2: EMPLOYED })).toEqual([390_000, 2]);
    expect(counted({ age: 45, age2: 45, status1: EMPLOYED, status2: OUTSIDE, children: [5] })).toEqual([390_000, 2]);
    // both outside: each their own rate
    expect(counted({ age: 45, age2: 28, status1: OUTSIDE, status2: OUTSIDE })).toEqual([131_616 + 84_828, 2]);
    // a partner who is a student does not remove the benefit
    expect(counted({ age: 45, age2: 45, status1: OUTSIDE, status2: STUDENT })).toEqual([131_616, 1]);
  });
});

/** Share of the years 2027-2040 (each December's census) whose income ratio is below `threshold` (55%), over all replications. */
function yearsBelow(results: ReplicationResult[], threshold = UDSAT_INCOME_RATIO): number {
  let below = 0;
  let n = 0;
  for (const r of results) {
    const rows = r.rowNames.length;
    for (let year = 2027; year <= 2040; year++) {
      const month = (year - 2026) * 12 + 11;
      const v = r.metrics[month * rows * NMETRIC + METRIC_INDEX.incomeRatio!]!;
      n++;
      if (v < threshold) below++;
    }
  }
  return below / n;
}

describe('the income criterion on the presets (3 replications of 15 years)', () => {
  const ratio = (results: ReplicationResult[]) => {
    let sum = 0;
    let n = 0;
    for (const r of results)
      for (let year = 2027; year <= 2040; year++) {
        sum += r.metrics[((year - 2026) * 12 + 11) * r.rowNames.length * NMETRIC + METRIC_INDEX.incomeRatio!]!;
        n++;
      }
    return sum / n;
  };
  const run = (file: string, elevator: Record<string, unknown> = {}) => {
    const sc = loadScenario(file);
    return simulateAll({ ...sc, replications: 3, elevator: { ...sc.elevator, ...elevator } });
  };

  it('under the benefit rules ringparken-like (about 67% outside work) is near the real Ringparken (57.7% in 2019, not met)', () => {
    const r = run('scenarios/presets/ringparken-like.yaml');
    expect(ratio(r)).toBeGreaterThan(0.55);
    expect(ratio(r)).toBeLessThan(0.62);
  }, 120_000);

  it('under the benefit rules the average estate (about 56% outside work) is above the prevention areas’ 65% in every year', () => {
    expect(ratio(run('scenarios/presets/average.yaml'))).toBeGreaterThan(0.65);
    expect(yearsBelow(run('scenarios/presets/average.yaml'), 0.65)).toBe(0);
  }, 120_000);

  it('counting the full benefit (`share` at 1, before 0.2.20) ringparken-like meets it in no year and is far above the real one', () => {
    const r = run('scenarios/presets/ringparken-like.yaml', { incomeCounted: 'share', incomeOutsideTaxableShare: 1 });
    expect(yearsBelow(r)).toBe(0);
    expect(ratio(r)).toBeGreaterThan(0.63);
  }, 120_000);
});
