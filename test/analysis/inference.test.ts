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
  it('follows ((z_0.975 + z_0.8) sd / effect)^2', () => {
    expect(replicationsToDetect(0.01, 0.01)).toBe(8);
    expect(replicationsToDetect(0.02, 0.01)).toBe(32);
    expect(replicationsToDetect(0, 0.01)).toBe(2);
    expect(replicationsToDetect(0.01, 0)).toBeNaN();
  });
});
