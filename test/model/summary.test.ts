/**
 * The ensemble summary (src/analysis/summary.ts): percentiles (R type 7), mean and 5-95% band,
 * the value of a metric in a year (stocks at the end of the year, flows summed), on hand-made
 * results with known answers.
 */
import { describe, expect, it } from 'vitest';
import { band, percentile, summarize, yearValue } from '../../src/analysis/summary.js';
import { METRICS, METRIC_INDEX, NMETRIC } from '../../src/model/reporters.js';
import type { ReplicationResult } from '../../src/model/simulate.js';
import { MoveLog } from '../../src/model/flows.js';
import { digest, total, yearly } from '../../src/model/digest.js';
import { K, R } from '../../src/model/codes.js';
import { compareEnsembles } from '../../src/analysis/compare.js';
import type { Ensemble } from '../../src/engine/ensemble.js';
import type { Scenario } from '../../src/scenario/schema.js';

/** A hand-made result: value(m, r, k) for every month, row and metric. */
function result(months: number, rowNames: string[], value: (m: number, r: number, k: number) => number, replication = 0): ReplicationResult {
  const metrics = new Float64Array((months + 1) * rowNames.length * NMETRIC);
  for (let m = 0; m <= months; m++)
    for (let r = 0; r < rowNames.length; r++) for (let k = 0; k < NMETRIC; k++) metrics[(m * rowNames.length + r) * NMETRIC + k] = value(m, r, k);
  return { replication, seed: 100 + replication, rowNames, months, metrics, log: new MoveLog(true), startCohort: new Int32Array(0), maps: [] };
}

/** An ensemble of the hand-made results, as compareEnsembles reads it (name and start year; the rest unread). */
const ensembleOf = (reps: ReplicationResult[], name = 'test'): Ensemble => ({
  scenario: { name, startYear: 2030 } as Scenario,
  seeds: reps.map((r) => r.seed),
  replications: reps.map(digest),
  simulateMs: 0,
  workers: 1,
  anchors: [],
});

const H = METRIC_INDEX.households!;
const IN = METRIC_INDEX.moveIns!;
const SHARE = METRIC_INDEX.resourceStrongShare!;

describe('percentile (linear interpolation, R type 7)', () => {
  it('known values', () => {
    const s = [1, 2, 3, 4];
    expect(percentile(s, 0)).toBe(1);
    expect(percentile(s, 1)).toBe(4);
    expect(percentile(s, 0.5)).toBe(2.5);
    expect(percentile(s, 0.05)).toBeCloseTo(1.15, 12);
    expect(percentile(s, 0.95)).toBeCloseTo(3.85, 12);
    expect(percentile([7], 0.05)).toBe(7);
    expect(percentile([], 0.5)).toBeNaN();
  });
});

describe('band', () => {
  it('mean and 5-95% band of unsorted values, sorted as numbers', () => {
    expect(band([3, 1, 2])).toEqual({ mean: 2, p5: 1.1, p95: 2.9 });
    const b = band([10, 9, 100]); // numeric order 9, 10, 100 (not "10" < "100" < "9")
    expect(b.p5).toBeCloseTo(9.1, 12);
    expect(b.p95).toBeCloseTo(91, 12);
    expect(b.mean).toBeCloseTo(119 / 3, 12);
    expect(band([5, 5, 5])).toEqual({ mean: 5, p5: 5, p95: 5 });
    const e = band([]);
    expect(e.mean).toBeNaN();
  });
});

describe('yearValue', () => {
  // households = 1000 + m; moveIns = m (so year sums are known); every other metric = r
  const res = result(30, ['a', 'b'], (m, r, k) => (k === H ? 1000 + m + 100 * r : k === IN ? m : r));

  it('stocks and shares at the end of the year; flows summed over its months', () => {
    expect(METRICS[H]!.kind).toBe('stock');
    expect(METRICS[IN]!.kind).toBe('flow');
    expect(yearValue(res, 2, 0, H, 1)).toBe(1012);
    expect(yearValue(res, 2, 1, H, 2)).toBe(1124);
    expect(yearValue(res, 2, 0, IN, 1)).toBe(78); // 1 + ... + 12
    expect(yearValue(res, 2, 0, IN, 2)).toBe(222); // 13 + ... + 24
    expect(yearValue(res, 2, 1, SHARE, 1)).toBe(1);
  });

  it('a partial last year: the last month for stocks, the months there are for flows', () => {
    expect(yearValue(res, 2, 0, H, 3)).toBe(1030);
    expect(yearValue(res, 2, 0, IN, 3)).toBe(25 + 26 + 27 + 28 + 29 + 30);
  });
});

describe('summarize', () => {
  // three replications: households 1000 + m + 10 x rep; moveIns 1 + rep each month
  const reps = [0, 1, 2].map((rep) => result(18, ['estate'], (m, _r, k) => (k === H ? 1000 + m + 10 * rep : k === IN ? (m === 0 ? 0 : 1 + rep) : 0), rep));
  const s = summarize('test', 2030, reps.map(digest));

  it('years, rows, replications', () => {
    expect(s.scenario).toBe('test');
    expect(s.replications).toBe(3);
    expect(s.startYear).toBe(2030);
    expect(s.years).toEqual([2030, 2031]);
    expect(s.rows).toEqual(['estate']);
    expect(Object.keys(s.metrics.estate!)).toEqual(METRICS.map((m) => m.name));
  });

  it('mean and band per year over replications; the initial state', () => {
    const h = s.metrics.estate!.households!;
    expect(h.kind).toBe('stock');
    expect(h.initial).toEqual(band([1000, 1010, 1020]));
    expect(h.byYear[0]).toEqual({ year: 2030, ...band([1012, 1022, 1032]) });
    expect(h.byYear[0]!.mean).toBe(1022);
    expect(h.byYear[1]).toEqual({ year: 2031, ...band([1018, 1028, 1038]) });
    const ins = s.metrics.estate!.moveIns!;
    expect(ins.byYear.map((y) => y.mean)).toEqual([24, 12]); // 12 x (1, 2, 3) averaged; 6 months in 2031
    expect(ins.byYear[0]!.p5).toBeCloseTo(12 + 0.1 * 12, 12);
    expect(ins.byYear[0]!.p95).toBeCloseTo(24 + 0.9 * 12, 12);
  });

  it("gives a flow's unit per year, as its values are summed over the year; a stock's as it is", () => {
    expect(s.metrics.estate!.moveIns!.unit).toBe('households per year');
    expect(s.metrics.estate!.births!.unit).toBe('persons per year');
    expect(s.metrics.estate!.households!.unit).toBe(METRICS[H]!.unit);
    // the same in a comparison's effects (effects.csv)
    const c = compareEnsembles(ensembleOf(reps), [ensembleOf(reps, 'variant')]);
    expect(c.effects.find((e) => e.metric === 'moveIns')!.unit).toBe('households per year');
    expect(c.differences.variant!.estate!.moveIns!.unit).toBe('households per year');
  });
});

describe('digest', () => {
  const log = new MoveLog(true);
  // resource-strong families with children leaving after 0, 12, 13, 24, 25 and 130 months
  for (const [stay, reason] of [
    [0, R.space],
    [12, R.space],
    [13, R.partnership],
    [24, R.garden],
    [25, R.stigma],
    [130, R.death],
  ] as const)
    log.push(5, 1, K.out, reason, stay, true, true, 0, -1, 0);
  log.push(5, 2, K.out, R.space, 3, false, true, 0, -1, 0); // not resource-strong
  log.push(5, 3, K.out, R.space, 3, true, false, 0, -1, 0); // no children
  log.push(5, 4, K.in, 0, 3, true, true, -1, 0, 0); // moving in
  const res = { ...result(30, ['a', 'b'], (m, r, k) => m * 1000 + r * 100 + k), log };
  const d = digest(res);

  it('month 0 and each year as yearValue gives it, for every row and metric', () => {
    expect(d.years).toBe(3);
    expect(d.yearly.index.length).toBe(2 * NMETRIC);
    for (let r = 0; r < 2; r++)
      for (let k = 0; k < NMETRIC; k++) {
        expect(yearly(d, r, k, 0)).toBe(r * 100 + k);
        for (let y = 1; y <= 3; y++) expect(yearly(d, r, k, y)).toBe(yearValue(res, 2, r, k, y));
      }
  });

  it('keeps every value exactly in the smallest array that holds its column', () => {
    // per metric: zeros, small and large counts, negative integers, fractions, -0 and NaN, huge integers
    const kinds = [
      () => 0,
      (m: number) => m % 7,
      (m: number) => m * 1000,
      (m: number) => -m * 100_000,
      (m: number) => m / 3,
      () => -0,
      (m: number) => (m === 5 ? NaN : 1),
      (m: number) => m * 2 ** 40,
    ];
    const mixed = result(30, ['a', 'b'], (m, r, k) => kinds[(k + r) % kinds.length]!(m));
    const p = digest(mixed);
    for (let r = 0; r < 2; r++)
      for (let k = 0; k < NMETRIC; k++) {
        expect(yearly(p, r, k, 0)).toBe(mixed.metrics[r * NMETRIC + k]);
        for (let y = 1; y <= 3; y++) expect(yearly(p, r, k, y)).toBe(yearValue(mixed, 2, r, k, y));
      }
    const cols = p.yearly;
    expect(cols.u8.length + cols.u16.length + cols.i32.length + cols.f64.length).toBeLessThan(2 * NMETRIC * 4);
    expect(cols.u8.length).toBeGreaterThan(0);
    expect(cols.u16.length).toBeGreaterThan(0);
    expect(cols.i32.length).toBeGreaterThan(0);
    expect(cols.f64.length).toBeGreaterThan(0);
  });

  it('each metric summed over months 1..end', () => {
    // sum over m = 1..30 of (1000 m + 100 r + k)
    expect(total(d, 1, H)).toBe(1000 * 465 + 30 * (100 + H));
  });

  it('stays and exit reasons of leaving resource-strong families with children', () => {
    expect(d.moveLog).toBe(true);
    expect(d.leavers.leavers).toBe(6);
    expect(d.leavers.short).toBe(4); // 24 months or less
    expect(Array.from(d.leavers.stayBins)).toEqual([2, 2, 1, 0, 0, 0, 0, 0, 0, 0, 1]); // (12b, 12(b+1)], 0 in bin 0
    expect(d.leavers.reasons[R.space]).toBe(2);
    expect(d.leavers.reasons[R.partnership]).toBe(1);
    expect(d.leavers.reasons[R.death]).toBe(1);
  });
});
