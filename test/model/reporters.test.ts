/**
 * The reporters (src/model/reporters.ts): `fillMetrics`, which the step uses, writes exactly what
 * each metric's declared `value` gives, also for the metrics it copies without calling `value`.
 */
import { describe, expect, it } from 'vitest';
import { NCENSUS } from '../../src/model/census.js';
import { METRICS, type MetricInput, NMETRIC, fillMetrics } from '../../src/model/reporters.js';
import { makeRng } from '../../src/model/rng.js';
import { NFLOW } from '../../src/model/flows.js';

/** Two rows of census and flow entries with random whole and fractional values, reading the second. */
function input(seed: number): MetricInput {
  const rng = makeRng(seed, 'reporters-test');
  const census = Float64Array.from({ length: 2 * NCENSUS }, () => (rng() < 0.5 ? Math.floor(rng() * 500) : rng() * 1e6));
  const flows = Float64Array.from({ length: 2 * NFLOW }, () => Math.floor(rng() * 40));
  return {
    census,
    co: NCENSUS,
    flows,
    fo: NFLOW,
    image: rng(),
    problems: rng() * 2,
    crime: 0.5 + rng(),
    status: Math.floor(rng() * 5),
    regionalIncome: 250_000 + rng() * 1e5,
  };
}

describe('fillMetrics', () => {
  it('writes METRICS[k].value(x) for every metric, at the offset given', () => {
    for (const seed of [1, 2, 3]) {
      const x = input(seed);
      const out = new Float64Array(NMETRIC + 5).fill(-7);
      fillMetrics(out, 5, x);
      expect(Array.from(out.subarray(0, 5))).toEqual([-7, -7, -7, -7, -7]);
      for (let k = 0; k < NMETRIC; k++) expect(Object.is(out[5 + k], METRICS[k]!.value(x)), METRICS[k]!.name).toBe(true);
    }
  });

  it('copies most metrics from the census or flow row (the rest call their value)', () => {
    const copied = METRICS.filter((m) => m.entry).length;
    expect(copied).toBeGreaterThan(NMETRIC / 2);
    expect(copied).toBeLessThan(NMETRIC);
    // a copied metric reads the row the input points at, not the first
    const x = input(4);
    const m = METRICS.findIndex((d) => d.entry?.row === 'census');
    const out = new Float64Array(NMETRIC);
    fillMetrics(out, 0, x);
    expect(out[m]).toBe(x.census[NCENSUS + METRICS[m]!.entry!.index]);
    const f = METRICS.findIndex((d) => d.entry?.row === 'flows');
    expect(out[f]).toBe(x.flows[NFLOW + METRICS[f]!.entry!.index]);
  });
});
