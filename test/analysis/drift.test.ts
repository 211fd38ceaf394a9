/**
 * The baseline's drift (analysis/drift.ts): read from a summary's metrics, row by row, against
 * the thresholds, and the command line's warning line.
 */
import { describe, expect, it } from 'vitest';
import {
  DRIFT_FAMILIES_RELATIVE,
  DRIFT_SHARE_POINTS,
  DRIFT_WARNING_ITEMS,
  type RowDrift,
  driftNoiseFactor,
  driftSe,
  driftWarning,
  summaryDrifts,
} from '../../src/analysis/drift.js';
import type { Summary } from '../../src/analysis/summary.js';

/** A metric going from `a` at month 0 to `b` at the horizon. */
const m = (a: number, b: number) => ({
  unit: '',
  kind: 'stock',
  description: '',
  initial: { mean: a, p5: a, p95: a },
  byYear: [
    { year: 2026, mean: (a + b) / 2, p5: 0, p95: 0 },
    { year: 2027, mean: b, p5: b, p95: b },
  ],
});

/** The replications' values of a metric like `m`'s: at month 0, half-way in the first year, then at the horizon. */
const path = (initial: number[], end: number[]) => ({ initial, byYear: [initial.map((v, i) => (v + end[i]!) / 2), end] });

/** A metric at `a` at month 0 and at the end of each year the means `years` (from 2026). */
const along = (a: number, years: number[]) => ({
  unit: '',
  kind: 'stock',
  description: '',
  initial: { mean: a, p5: a, p95: a },
  byYear: years.map((mean, y) => ({ year: 2026 + y, mean, p5: mean, p95: mean })),
});

describe('summaryDrifts', () => {
  const metrics: Summary['metrics'] = {
    held: { resourceStrongShare: m(0.4, 0.4 + DRIFT_SHARE_POINTS * 0.9), familiesWithChildren: m(200, 200 * (1 - DRIFT_FAMILIES_RELATIVE * 0.9)) },
    weak: { resourceStrongShare: m(0.3, 0.25), familiesWithChildren: m(200, 200), resourceStrongFamilies: m(40, 30) },
  };

  it('lists each row beyond a threshold, in row order, and none within them', () => {
    expect(summaryDrifts(['held', 'weak'], metrics)).toEqual([
      { row: 'weak', metric: 'resourceStrongShare', from: 0.3, to: 0.25 },
      { row: 'weak', metric: 'resourceStrongFamilies', from: 40, to: 30 },
    ]);
    expect(summaryDrifts(['held'], metrics)).toEqual([]);
    // a row the summary does not have is skipped
    expect(summaryDrifts(['nowhere'], metrics)).toEqual([]);
  });

  it("the command line's warning names the row, the metric, from, to, the horizon and the threshold; nothing when it holds", () => {
    const w = driftWarning(summaryDrifts(['weak'], metrics), 2041, (x) => x);
    expect(w).toBe(
      'warning: the baseline drifts — weak: resourceStrongShare 30% → 25% by 2041 (more than 3 points); weak: resourceStrongFamilies 40 → 30 by 2041 (more than 10%). Effects are differences from a moving baseline (docs/ODD.md, "Anchoring").\n',
    );
    expect(driftWarning([], 2041, (x) => x)).toBe('');
  });

  it("one replication: no drift is claimed, since nothing tells it from that run's chance; it says what moved and asks for more", () => {
    const w = driftWarning(summaryDrifts(['weak'], metrics), 2041, (x) => x, 15, false, 1);
    expect(w).toBe(
      "warning: the baseline is not shown to hold — in its one replication weak: resourceStrongShare 30% → 25% by 2041 (more than 3 points); weak: resourceStrongFamilies 40 → 30 by 2041 (more than 10%). One replication cannot tell a drift from that run's chance (it has no interval): run 10 or more (-n 10) to tell.\n",
    );
    expect(w).not.toContain('drifts —');
    expect(driftWarning(summaryDrifts(['weak'], metrics), 2041, (x) => x, 15, true, 1)).toMatch(
      /^warning: the estate, with the scenario's levers, is not shown to hold/,
    );
  });

  it('names at most DRIFT_WARNING_ITEMS drifts, the largest against their thresholds, and counts the rest', () => {
    // many copies of one estate, each drifting a little beyond 10% by its own noise, and one large drift
    const many: RowDrift[] = Array.from({ length: 20 }, (_, i) => ({
      row: `A-${i + 1}`,
      metric: 'familiesWithChildren',
      from: 100,
      to: 111 + (i === 7 ? 1 : 0),
    }));
    many.push({ row: 'B', metric: 'resourceStrongShare', from: 0.6, to: 0.5 });
    const w = driftWarning(many, 2041, (x) => x);
    expect(DRIFT_WARNING_ITEMS).toBe(6);
    expect(w.match(/: familiesWithChildren|: resourceStrongShare/g)).toHaveLength(6);
    expect(w).toContain('B: resourceStrongShare 60% → 50%');
    expect(w).toContain('A-8: familiesWithChildren 100 → 112');
    expect(w).toContain('and 15 more, in 15 rows');
  });

  it('gives a small count a decimal, so that its drift shows', () => {
    expect(driftWarning([{ row: 'tiny', metric: 'familiesWithChildren', from: 4.4, to: 3.9 }], 2041, (x) => x)).toContain(
      'tiny: familiesWithChildren 4.4 → 3.9 by 2041',
    );
    expect(driftWarning([{ row: 'e', metric: 'familiesWithChildren', from: 44, to: 39 }], 2041, (x) => x)).toContain('e: familiesWithChildren 44 → 39 by 2041');
  });

  it('a run with levers: the estate drifts with them, not a baseline; a long run says the estate ages, drift shown or not', () => {
    const w = driftWarning(summaryDrifts(['weak'], metrics), 2041, (x) => x, 15, true);
    expect(w).toMatch(/^warning: the estate drifts, with the scenario's levers — weak: resourceStrongShare 30% → 25% by 2041/);
    expect(w).toContain('nabolag compare');
    expect(w).not.toContain('baseline');
    const long = 'Anchoring holds an estate over 15 years; after them the model';
    expect(driftWarning(summaryDrifts(['weak'], metrics), 2056, (x) => x, 30)).toContain(long);
    expect(driftWarning([], 2056, (x) => x, 30)).toMatch(new RegExp(`^note: ${long}`));
    expect(driftWarning([], 2041, (x) => x, 15)).toBe('');
  });

  it('reads the share of adults outside work in points, as the resource-strong share', () => {
    const outside: Summary['metrics'] = {
      steady: { resourceStrongShare: m(0.5, 0.5), outsideWorkShare18to64: m(0.52, 0.52 + DRIFT_SHARE_POINTS * 0.9) },
      sliding: { resourceStrongShare: m(0.5, 0.5), outsideWorkShare18to64: m(0.52, 0.58) },
    };
    expect(summaryDrifts(['steady', 'sliding'], outside)).toEqual([{ row: 'sliding', metric: 'outsideWorkShare18to64', from: 0.52, to: 0.58 }]);
    expect(driftWarning(summaryDrifts(['sliding'], outside), 2041, (x) => x)).toContain(
      'sliding: outsideWorkShare18to64 52% → 58% by 2041 (more than 3 points)',
    );
  });
});

describe('a drift within the noise of the replications is not reported', () => {
  const metrics: Summary['metrics'] = { weak: { resourceStrongShare: m(0.36, 0.4) } };

  it('the standard error of the mean drift is that of the replications own drifts', () => {
    // drifts 0.01 and 0.07: mean 0.04, sd 0.0424, se 0.03
    expect(driftSe({ initial: [0.36, 0.36], end: [0.37, 0.43] })).toBeCloseTo(0.03, 12);
    // relative to a scale (the families' month-0 mean): drifts -20 and -10 of 100
    expect(driftSe({ initial: [100, 100], end: [80, 90] }, 100)).toBeCloseTo(0.05, 12);
    expect(driftSe({ initial: [0.3], end: [0.4] })).toBeUndefined();
  });

  it('the factor is t at 97.5% with n - 1 degrees of freedom for one year; for several, at the level shared among them (Bonferroni)', () => {
    expect(driftNoiseFactor(2)).toBeCloseTo(12.706, 3);
    expect(driftNoiseFactor(10)).toBeCloseTo(2.262, 3);
    // 30 years: each at 1 - 0.05 / 30, two-sided
    expect(driftNoiseFactor(6, 30)).toBeCloseTo(6.14, 2);
    expect(driftNoiseFactor(20, 15)).toBeCloseTo(3.35, 2);
  });

  it('one year beyond its bound among 30, at t = 2.6 (clear of the noise on its own), is not reported', () => {
    // six replications: year 9 at -3.3 points (se 1.26), every other year within -2.8
    const years = Array.from({ length: 30 }, (_, y) => (y === 8 ? 0.407 : 0.42));
    const ms: Summary['metrics'] = { e: { resourceStrongShare: along(0.44, years) } };
    const spread = [-0.0309, 0.0309, -0.0154, 0.0154, 0, 0];
    const initial = [0.44, 0.44, 0.44, 0.44, 0.44, 0.44];
    const byYear = years.map((mean) => spread.map((d) => mean + d));
    const se = driftSe({ initial, end: byYear[8]! })!;
    expect(0.033 / se).toBeGreaterThan(driftNoiseFactor(6));
    expect(summaryDrifts(['e'], ms, { e: { resourceStrongShare: { initial, byYear } } })).toEqual([]);
  });

  it('the retired adults are read as the families are, relative to their start', () => {
    const ms: Summary['metrics'] = { e: { retiredAdults: along(100, [105, 118, 130]) } };
    expect(summaryDrifts(['e'], ms)).toEqual([{ row: 'e', metric: 'retiredAdults', from: 100, to: 130 }]);
  });

  it('the residents too, relative to their start: 21% up is reported, 8% is not', () => {
    // a start drawn with fewer persons than the baseline keeps (childrenPerFamily 1, familyShare 0.6)
    const ms: Summary['metrics'] = { up: { residents: along(655, [690, 760, 796]) }, held: { residents: along(655, [670, 700, 707]) } };
    expect(summaryDrifts(['up', 'held'], ms)).toEqual([{ row: 'up', metric: 'residents', from: 655, to: 796 }]);
  });

  it('a 4-point drift over 2 replications that disagree (se 3 points) is not reported; one they agree on is, with its se', () => {
    expect(summaryDrifts(['weak'], metrics, { weak: { resourceStrongShare: path([0.36, 0.36], [0.37, 0.43]) } })).toEqual([]);
    const d = summaryDrifts(['weak'], metrics, { weak: { resourceStrongShare: path([0.36, 0.36], [0.3995, 0.4005]) } });
    expect(d).toEqual([{ row: 'weak', metric: 'resourceStrongShare', from: 0.36, to: 0.4, se: expect.closeTo(0.0005, 12) }]);
    // the two years of the run read together: t at 1 - 0.05 / 2 for each
    expect(0.04).toBeGreaterThan(driftNoiseFactor(2, 2) * d[0]!.se!);
    // four replications with the same spread as the two that disagreed: se 1.7 points, t 3.18: noise
    const four = path([0.36, 0.36, 0.36, 0.36], [0.37, 0.43, 0.37, 0.43]);
    expect(summaryDrifts(['weak'], metrics, { weak: { resourceStrongShare: four } })).toEqual([]);
  });

  it('one replication: the drift is judged on its value alone, without se', () => {
    expect(summaryDrifts(['weak'], metrics, { weak: { resourceStrongShare: path([0.36], [0.4]) } })).toEqual([
      { row: 'weak', metric: 'resourceStrongShare', from: 0.36, to: 0.4 },
    ]);
  });
});

describe('every year is read, not only the horizon', () => {
  it('a baseline that leaves its start and comes back by the horizon is a drift, with the year and the mean of its largest', () => {
    const hump: Summary['metrics'] = { e: { familiesWithChildren: along(200, [210, 230, 226, 205, 201]), resourceStrongShare: along(0.4, [0.41, 0.42, 0.4]) } };
    expect(summaryDrifts(['e'], hump)).toEqual([{ row: 'e', metric: 'familiesWithChildren', from: 200, to: 201, peakYear: 2027, peak: 230 }]);
    expect(driftWarning(summaryDrifts(['e'], hump), 2031, (x) => x)).toContain(
      'e: familiesWithChildren 200 → 201 by 2031, 230 at the end of 2027 (more than 10%)',
    );
  });

  it('the largest drift is reported, the horizon when it is the largest (without a year), the later year of a tie', () => {
    const going: Summary['metrics'] = { e: { resourceStrongShare: along(0.4, [0.44, 0.45, 0.46]) } };
    expect(summaryDrifts(['e'], going)).toEqual([{ row: 'e', metric: 'resourceStrongShare', from: 0.4, to: 0.46 }]);
    const tie: Summary['metrics'] = { e: { resourceStrongShare: along(0.4, [0.45, 0.35, 0.4]) } };
    expect(summaryDrifts(['e'], tie)).toEqual([{ row: 'e', metric: 'resourceStrongShare', from: 0.4, to: 0.4, peakYear: 2027, peak: 0.35 }]);
  });

  it('no year is named when the horizon is about as far (within half the threshold of the largest drift)', () => {
    const still: Summary['metrics'] = { e: { familiesWithChildren: along(177, [170, 160, 150.4, 150]) } };
    expect(summaryDrifts(['e'], still)).toEqual([{ row: 'e', metric: 'familiesWithChildren', from: 177, to: 150 }]);
    const back: Summary['metrics'] = { e: { familiesWithChildren: along(100, [140, 120]) } };
    expect(summaryDrifts(['e'], back)).toEqual([{ row: 'e', metric: 'familiesWithChildren', from: 100, to: 120, peakYear: 2026, peak: 140 }]);
  });

  it("a year's drift within the noise of that year's values is passed over for a smaller one clear of it", () => {
    const ms: Summary['metrics'] = { e: { resourceStrongShare: along(0.4, [0.45, 0.44]) } };
    // year 1: +5 points but the two replications disagree (+1 and +9); year 2: +4 points, agreed on
    const d = summaryDrifts(['e'], ms, {
      e: {
        resourceStrongShare: {
          initial: [0.4, 0.4],
          byYear: [
            [0.41, 0.49],
            [0.439, 0.441],
          ],
        },
      },
    });
    expect(d).toEqual([{ row: 'e', metric: 'resourceStrongShare', from: 0.4, to: 0.44, se: expect.closeTo(0.001, 12) }]);
    // both within the noise: none
    expect(
      summaryDrifts(['e'], ms, {
        e: {
          resourceStrongShare: {
            initial: [0.4, 0.4],
            byYear: [
              [0.41, 0.49],
              [0.41, 0.47],
            ],
          },
        },
      }),
    ).toEqual([]);
  });
});

describe('a region of many estates: the noise is read for its rows together', () => {
  it('the factor shares the level among years and rows (Bonferroni)', () => {
    expect(driftNoiseFactor(10, 10, 601)).toBeCloseTo(9.029, 2);
    expect(driftNoiseFactor(10, 10, 1)).toBe(driftNoiseFactor(10, 10));
  });

  it("a count's replications that agree exactly are not a drift without noise: the rounding's is its floor", () => {
    // two replications, both +29 families of 163: a sample standard deviation of 0
    expect(driftSe({ initial: [163, 162], end: [192, 191] }, 163, 1)).toBeCloseTo(1 / Math.sqrt(6) / 163 / Math.sqrt(2), 12);
    // a share has no such step
    expect(driftSe({ initial: [0.4, 0.41], end: [0.45, 0.46] }, 1, 0)).toBeCloseTo(0, 12);
  });

  it('one estate of 600 drifting clear of its own noise alone is not reported among them; alone it is', () => {
    // six replications, retired adults 170 → 196 (+15%), each replication's drift 26 ± 2
    const initial = [170, 170, 170, 170, 170, 170];
    const end = [194, 198, 196, 194, 198, 196];
    const drifting = { retiredAdults: m(170, 196) };
    const held = { retiredAdults: m(170, 170) };
    const paths = { retiredAdults: path(initial, end) };
    const alone = summaryDrifts(['estate-1'], { 'estate-1': drifting }, { 'estate-1': paths });
    expect(alone.map((d) => d.row)).toEqual(['estate-1']);
    const rows = Array.from({ length: 600 }, (_, i) => `estate-${i + 1}`);
    const metrics = Object.fromEntries(rows.map((r, i) => [r, i === 0 ? drifting : held]));
    const samples = Object.fromEntries(rows.map((r, i) => [r, i === 0 ? paths : { retiredAdults: path(initial, initial) }]));
    // t = 26 / (1.79 / √6) = 35.6: clear of the noise for 2 years of 600 rows too (t with 5 degrees of freedom at 1 - 0.05 / 2,400)
    const se = driftSe({ initial, end }, 170, 1)!;
    expect(26 / 170 / se).toBeGreaterThan(driftNoiseFactor(6, 2, 600));
    expect(summaryDrifts(rows, metrics, samples).map((d) => d.row)).toEqual(['estate-1']);
    // a drift less clear (each replication's drift 26 ± 12: t = 5.8) is reported alone and not among 600
    const noisy = { retiredAdults: path(initial, [184, 208, 196, 184, 208, 196]) };
    expect(summaryDrifts(['estate-1'], { 'estate-1': drifting }, { 'estate-1': noisy }).map((d) => d.row)).toEqual(['estate-1']);
    expect(summaryDrifts(rows, metrics, { ...samples, 'estate-1': noisy })).toEqual([]);
  });
});
