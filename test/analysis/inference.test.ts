/**
 * Inference on paired differences (src/analysis/inference.ts): Student's t against tabled values,
 * the confidence interval of a mean by hand, and the replications needed to detect an effect.
 */
import { describe, expect, it } from 'vitest';
import { incompleteBeta, meanInterval, replicationsToDetect, studentTCdf, studentTQuantile } from '../../src/analysis/inference.js';

describe("Student's t", () => {
  it('its 97.5% quantile matches the tables', () => {
    const table: [number, number][] = [
      [1, 12.7062],
      [2, 4.3027],
      [5, 2.5706],
      [9, 2.2622],
      [19, 2.093],
      [29, 2.0452],
      [1000, 1.9623],
    ];
    for (const [df, q] of table) expect(studentTQuantile(0.975, df), `df ${df}`).toBeCloseTo(q, 3);
    expect(studentTQuantile(0.95, 10)).toBeCloseTo(1.8125, 3);
  });

  it('its distribution function is symmetric and the incomplete beta has its known values', () => {
    expect(studentTCdf(0, 7)).toBeCloseTo(0.5, 12);
    expect(studentTCdf(-2, 7) + studentTCdf(2, 7)).toBeCloseTo(1, 12);
    expect(incompleteBeta(0.5, 2, 2)).toBeCloseTo(0.5, 12);
    expect(incompleteBeta(0.3, 1, 1)).toBeCloseTo(0.3, 12);
    expect(incompleteBeta(0.4, 2, 3)).toBeCloseTo(0.5248, 4);
  });

  it('gives NaN outside its domain', () => {
    expect(studentTQuantile(0.4, 5)).toBeNaN();
    expect(studentTQuantile(0.975, 0)).toBeNaN();
  });
});

describe('meanInterval', () => {
  it('is mean ± t(0.975, n - 1) × sd / √n', () => {
    const v = [1, 2, 3, 4, 5];
    const r = meanInterval(v);
    const half = 2.7764451 * (Math.sqrt(2.5) / Math.sqrt(5));
    expect(r.mean).toBe(3);
    expect(r.sd).toBeCloseTo(Math.sqrt(2.5), 12);
    expect(r.low).toBeCloseTo(3 - half, 6);
    expect(r.high).toBeCloseTo(3 + half, 6);
  });

  it('narrows with more replications while the spread of single runs does not', () => {
    const draws = (n: number) => Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 1 : -1) + 0.5);
    const few = meanInterval(draws(10));
    const many = meanInterval(draws(1000));
    expect(many.high - many.low).toBeLessThan((few.high - few.low) / 5);
    expect(few.low).toBeLessThan(0);
    expect(many.low).toBeGreaterThan(0);
  });

  it('has no interval for fewer than two values', () => {
    expect(meanInterval([4])).toMatchObject({ n: 1, mean: 4, low: NaN, high: NaN });
    expect(meanInterval([]).mean).toBeNaN();
  });
});

describe('replicationsToDetect', () => {
  it('is the least n with (t_0.975,n-1 + t_0.8,n-1) sd / sqrt(n) <= effect, above the normal approximation for small n', () => {
    // a Monte Carlo of the paired t-test (an outside review): 4 replications at sd 0.005 have 76%
    // power, 10 at sd 0.01 80%, 38 at sd 0.0212 81%; the normal approximation said 2, 8 and 36
    expect(replicationsToDetect(0.005, 0.01)).toBe(5);
    expect(replicationsToDetect(0.01, 0.01)).toBe(10);
    expect(replicationsToDetect(0.0212, 0.01)).toBe(38);
    expect(replicationsToDetect(0.02, 0.01)).toBe(34);
    expect(replicationsToDetect(0, 0.01)).toBe(2);
    expect(replicationsToDetect(0.01, 0)).toBeNaN();
    expect(replicationsToDetect(Number.POSITIVE_INFINITY, 0.01)).toBeNaN();
    // the defining inequality holds at n and fails at n - 1
    for (const sd of [0.004, 0.013, 0.03]) {
      const n = replicationsToDetect(sd, 0.01);
      const reach = (k: number) => ((studentTQuantile(0.975, k - 1) + studentTQuantile(0.8, k - 1)) * sd) / Math.sqrt(k);
      expect(reach(n)).toBeLessThanOrEqual(0.01);
      if (n > 2) expect(reach(n - 1)).toBeGreaterThan(0.01);
    }
  });
});
