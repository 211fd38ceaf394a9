/**
 * The Nelder-Mead minimiser of `nabolag calibrate` (src/analysis/nelder-mead.ts) on functions
 * whose minimum is known: a quadratic bowl, the Rosenbrock function mapped onto the unit box, a
 * minimum outside the box (found on its boundary, exactly), a flat step function; and its
 * bookkeeping: the evaluation budget, points not evaluated twice, the same steps every time.
 */
import { describe, expect, it } from 'vitest';
import { nelderMead } from '../../src/analysis/nelder-mead.js';

/** (x − a)ᵀ diag(w) (x − a): minimum 0 at a. */
const bowl = (a: number[], w: number[]) => (x: number[]) => x.reduce((s, xi, i) => s + w[i]! * (xi - a[i]!) ** 2, 0);

/** Rosenbrock on [-2, 2]²: (1 − X)² + 100 (Y − X²)², minimum 0 at X = Y = 1, which is u = (0.75, 0.75). */
const rosenbrock = ([u, v]: number[]) => {
  const X = -2 + 4 * u!;
  const Y = -2 + 4 * v!;
  return (1 - X) ** 2 + 100 * (Y - X * X) ** 2;
};

describe('nelderMead in the unit box', () => {
  it('finds the minimum of a quadratic in three dimensions within the stopping tolerance', async () => {
    const a = [0.2, 0.7, 0.55];
    const r = await nelderMead(bowl(a, [1, 4, 0.5]), [0.5, 0.5, 0.5], { maxEvals: 500, xTol: 1e-6, fTol: 1e-12 });
    expect(r.stop).toBe('tolerance');
    for (let i = 0; i < 3; i++) expect(Math.abs(r.x[i]! - a[i]!)).toBeLessThan(1e-4);
    expect(r.f).toBeLessThan(1e-8);
    expect(r.evaluations).toBeLessThan(500);
  });

  it('finds the Rosenbrock minimum (the bent valley) from the far corner of the box', async () => {
    const r = await nelderMead(rosenbrock, [0.1, 0.9], { maxEvals: 2000, xTol: 1e-8, fTol: 1e-14 });
    expect(r.stop).toBe('tolerance');
    expect(Math.abs(r.x[0]! - 0.75)).toBeLessThan(1e-4);
    expect(Math.abs(r.x[1]! - 0.75)).toBeLessThan(1e-4);
    expect(r.f).toBeLessThan(1e-8);
  });

  it('a minimum outside the box ends on its boundary, exactly, and the function is never asked outside', async () => {
    const asked: number[][] = [];
    const f = (x: number[]) => {
      asked.push(x);
      return bowl([1.4, 0.3], [1, 1])(x);
    };
    const r = await nelderMead(f, [0.5, 0.5], { maxEvals: 400, xTol: 1e-7, fTol: 1e-14 });
    expect(r.x[0]).toBe(1);
    expect(Math.abs(r.x[1]! - 0.3)).toBeLessThan(1e-5);
    // the first descent flattens against x = 1 and stops short; a restart recovers the lost direction
    expect(r.restarts).toBeGreaterThanOrEqual(1);
    for (const x of asked) for (const v of x) expect(v >= 0 && v <= 1).toBe(true);
  });

  it('one dimension, start on the upper bound: the first step goes down', async () => {
    const asked: number[][] = [];
    const r = await nelderMead(
      (x) => {
        asked.push(x);
        return (x[0]! - 0.3) ** 2;
      },
      [1],
      { maxEvals: 100 },
    );
    expect(asked.slice(0, 2)).toEqual([[1], [0.75]]);
    expect(Math.abs(r.x[0]! - 0.3)).toBeLessThan(1e-3);
    expect(r.stop).toBe('tolerance');
  });

  it('uses at most maxEvals distinct evaluations and says so', async () => {
    let calls = 0;
    const r = await nelderMead(
      (x) => {
        calls++;
        return rosenbrock(x);
      },
      [0.1, 0.9],
      { maxEvals: 12 },
    );
    expect(r.stop).toBe('max-evals');
    expect(r.evaluations).toBe(12);
    expect(calls).toBe(12);
  });

  it('never evaluates a point twice, and NaN counts as the worst value', async () => {
    const keys = new Set<string>();
    const r = await nelderMead(
      (x) => {
        const key = x.join(',');
        expect(keys.has(key)).toBe(false);
        keys.add(key);
        return x[0]! > 0.8 ? NaN : bowl([0.6, 0.6], [1, 1])(x);
      },
      [0.9, 0.1],
      { maxEvals: 300 },
    );
    expect(Math.abs(r.x[0]! - 0.6)).toBeLessThan(2e-3);
    expect(Math.abs(r.x[1]! - 0.6)).toBeLessThan(2e-3);
    expect(r.evaluations).toBe(keys.size);
  });

  it('stops on a flat step function once the simplex is within xTol (values equal)', async () => {
    const r = await nelderMead((x) => Math.floor(x[0]! * 4) + Math.floor(x[1]! * 4), [0.6, 0.6], { maxEvals: 500 });
    expect(r.stop).toBe('tolerance');
    expect(r.f).toBe(0);
    expect(r.x[0]! < 0.25 && r.x[1]! < 0.25).toBe(true);
  });

  it('a rough (noisy) function: stops once the simplex is within xTol, not when the values agree (they never do)', async () => {
    // a bowl with deterministic noise of ±0.002 that changes at every step of 1e-6, like an ensemble mean under common random numbers
    const rough = ([u, v]: number[]) => (u! - 0.4) ** 2 + (v! - 0.7) ** 2 + 0.002 * Math.sin(1e7 * u! + 3e6 * v!);
    const r = await nelderMead(rough, [0.5, 0.5], { maxEvals: 1000, xTol: 0.01 });
    expect(r.stop).toBe('tolerance');
    expect(r.evaluations).toBeLessThan(100);
    // within the noise's reach of the minimum: (x − a)² of 0.004 is |x − a| of 0.063
    expect(Math.hypot(r.x[0]! - 0.4, r.x[1]! - 0.7)).toBeLessThan(0.07);
  });

  it('is deterministic: the same points in the same order, the same result', async () => {
    const trace = async () => {
      const asked: number[][] = [];
      const r = await nelderMead(
        async (x) => {
          asked.push(x);
          return rosenbrock(x);
        },
        [0.3, 0.2],
        { maxEvals: 150 },
      );
      return { asked, r };
    };
    const a = await trace();
    const b = await trace();
    expect(b).toEqual(a);
  });

  it('refuses a budget smaller than the initial simplex', async () => {
    await expect(nelderMead(() => 0, [0.5, 0.5], { maxEvals: 2 })).rejects.toThrow('initial simplex');
  });
});
