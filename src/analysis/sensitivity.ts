/**
 * Global sensitivity analysis: designs (which parameter values to run) and indices (what the
 * outcomes at those values say), for Morris elementary effects and Sobol indices. Pure
 * functions: no I/O, randomness passed in (an `Rng`, model/rng.ts), nothing runs a model here.
 *
 * Every design is drawn in the unit cube [0, 1]^k and mapped to the parameters' ranges
 * linearly (`scale`): each parameter is taken as uniform on its range [lo, hi].
 *
 * Morris (Morris 1991; trajectories as in Campolongo, Cariboni & Saltelli 2007, without their
 * selection of the most spread trajectories): each trajectory starts at a random point of a grid
 * of `p` levels per parameter {0, 1/(p-1), …, 1} and moves one parameter at a time, in a random
 * order, by the step Δ = p / (2(p-1)) (up or down at random), so k parameters take k + 1 runs.
 * With p even, every level reached is on the grid and each level is used equally often. The
 * elementary effect of parameter i is EE_i = (y(after) − y(before)) / (±Δ), the change of the
 * outcome per unit of the scaled parameter: per the parameter's whole range. So for y = Σ c_i x_i
 * with x_i on [lo_i, hi_i], EE_i = c_i (hi_i − lo_i) exactly. Over the r trajectories,
 * μ = mean EE, μ* = mean |EE| (Campolongo et al. 2007; ranks importance), σ = standard
 * deviation of EE (n − 1 denominator; non-linearity or interactions).
 *
 * Sobol (Saltelli et al. 2010, "Variance based sensitivity analysis of model output", Computer
 * Physics Communications 181, 259-270): two independent base samples A and B (N rows each) and,
 * for each parameter i, AB_i = A with column i taken from B; N (k + 2) runs. With f the outcome
 * and V the variance of f over the rows of A and B together (population variance, as SALib):
 *   first order  S1_i = mean_j (f(B)_j − m) (f(AB_i)_j − f(A)_j) / V  (Saltelli 2010, Table 2 (b))
 *   total order  ST_i = mean_j (f(A)_j − f(AB_i)_j)^2 / (2V)           (Jansen 1999; Table 2 (f))
 * where m is the mean of f over A and B: subtracting it leaves the estimator's expectation as it
 * is (the mean of f(AB_i) − f(A) is 0) but removes the term m (f(AB_i) − f(A)), whose noise
 * swamps S1 when the outcome's mean is large against its spread (a share of 0.55 that moves by
 * a few points: without it, S1 came out at −2.3 to 1.5 for 32 rows; SALib standardises the
 * outputs for the same reason). The base samples are seeded pseudo-random uniform numbers (not a low-discrepancy sequence):
 * the estimators are unbiased for them and their bootstrap intervals are honest, at the price
 * of needing more rows than a Sobol sequence for the same precision. The 95% intervals are
 * percentile bootstrap intervals: the rows j (each with its A, B and AB_i values) are resampled
 * with replacement `resamples` times and the 2.5th and 97.5th percentiles of the re-estimated
 * indices taken.
 */
import type { Rng } from '../model/rng.js';
import { percentile } from './summary.js';

/** A parameter varied: its name (a scenario path) and range. */
export interface ParamRange {
  name: string;
  lo: number;
  hi: number;
}

/** A point of the unit cube mapped onto the parameters' ranges. */
export function scale(unit: readonly number[], params: readonly ParamRange[]): number[] {
  return unit.map((u, i) => params[i]!.lo + u * (params[i]!.hi - params[i]!.lo));
}

// ---------------------------------------------------------------------------------------------
// Morris
// ---------------------------------------------------------------------------------------------

/** Grid levels of the Morris design (`p`): 4, the common choice (Saltelli et al. 2008, Global Sensitivity Analysis: The Primer, 3.3). */
export const MORRIS_LEVELS = 4;

/** Morris step in the unit cube for p levels: Δ = p / (2(p − 1)). */
export const morrisDelta = (p: number): number => p / (2 * (p - 1));

export interface MorrisDesign {
  /** Levels per parameter. */
  levels: number;
  /** Step in the unit cube. */
  delta: number;
  trajectories: number;
  /** (k + 1) points per trajectory, trajectory by trajectory, in the unit cube. */
  points: number[][];
  /** For point t(k+1)+s (s ≥ 1): the parameter changed from the point before it, and by +Δ or −Δ (sign). */
  moved: { param: number; sign: number }[];
}

/** r Morris trajectories for k parameters on p levels (p even, at least 2). */
export function morrisDesign(k: number, r: number, rng: Rng, p = MORRIS_LEVELS): MorrisDesign {
  if (p < 2 || p % 2 !== 0) throw new Error(`Morris levels must be even and at least 2, got ${p}`);
  const delta = morrisDelta(p);
  // a start level l/(p-1) can move up by Δ when l ≤ p/2 − 1 (Δ = (p/2)/(p − 1))
  const lowLevels = p / 2;
  const points: number[][] = [];
  const moved: { param: number; sign: number }[] = [];
  for (let t = 0; t < r; t++) {
    const x: number[] = [];
    const signs: number[] = [];
    for (let i = 0; i < k; i++) {
      const low = Math.floor(rng() * lowLevels) / (p - 1);
      const up = rng() < 0.5;
      signs.push(up ? 1 : -1);
      x.push(up ? low : Math.round((low + delta) * (p - 1)) / (p - 1));
    }
    // a random order of the parameters (Fisher-Yates)
    const order = Array.from({ length: k }, (_, i) => i);
    for (let i = k - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    points.push(x.slice());
    moved.push({ param: -1, sign: 0 });
    for (const i of order) {
      x[i] = x[i]! + signs[i]! * delta;
      // exact grid values (no drift from adding and subtracting Δ)
      x[i] = Math.round(x[i]! * (p - 1)) / (p - 1);
      points.push(x.slice());
      moved.push({ param: i, sign: signs[i]! });
    }
  }
  return { levels: p, delta, trajectories: r, points, moved };
}

export interface MorrisIndex {
  /** Mean of |EE|. */
  muStar: number;
  /** Standard deviation of EE (n − 1; NaN with one trajectory). */
  sigma: number;
  /** Mean of EE. */
  mu: number;
  /** The elementary effects, one per trajectory. */
  effects: number[];
}

/**
 * Morris indices per parameter from the outcomes `y` at the design's points (in order). `ran`
 * maps a parameter's unit-cube value to the unit-cube value of what was run, where that differs
 * (a whole-number field, rounded: a step of Δ = 2/3 of 2027:2031 runs 2028 and 2031, 3/4 of the
 * range): each elementary effect is then divided by the step run, not by Δ, so that μ* stays
 * |c| x range for a linear outcome; a step that rounding cancels measures nothing and is left out
 * (an index with none is NaN).
 */
export function morrisIndices(design: MorrisDesign, k: number, y: readonly number[], ran?: (param: number, u: number) => number): MorrisIndex[] {
  if (y.length !== design.points.length) throw new Error(`Morris: ${y.length} outcomes for ${design.points.length} points`);
  const effects: number[][] = Array.from({ length: k }, () => []);
  for (let t = 0; t < design.trajectories; t++) {
    for (let s = 1; s <= k; s++) {
      const at = t * (k + 1) + s;
      const m = design.moved[at]!;
      const step = ran ? ran(m.param, design.points[at]![m.param]!) - ran(m.param, design.points[at - 1]![m.param]!) : m.sign * design.delta;
      if (step !== 0) effects[m.param]!.push((y[at]! - y[at - 1]!) / step);
    }
  }
  return effects.map((ee) => {
    const n = ee.length;
    let sum = 0;
    let abs = 0;
    for (const e of ee) {
      sum += e;
      abs += Math.abs(e);
    }
    const mu = sum / n;
    let ss = 0;
    for (const e of ee) ss += (e - mu) ** 2;
    return { muStar: abs / n, sigma: n > 1 ? Math.sqrt(ss / (n - 1)) : NaN, mu, effects: ee };
  });
}

// ---------------------------------------------------------------------------------------------
// Sobol (Saltelli sampling)
// ---------------------------------------------------------------------------------------------

/** Bootstrap resamples for the Sobol intervals (enough for stable 2.5/97.5 percentiles; SALib's default is 100). */
export const SOBOL_RESAMPLES = 1000;

export interface SobolDesign {
  /** Base rows N. */
  n: number;
  /**
   * N (k + 2) points in the unit cube, row by row: A_j, AB_1j, …, AB_kj, B_j (SALib's order),
   * so point j(k+2) is A_j, j(k+2)+1+i is AB_ij and j(k+2)+k+1 is B_j.
   */
  points: number[][];
}

/** Saltelli's design for k parameters on N base rows, from seeded uniform numbers. */
export function sobolDesign(k: number, n: number, rng: Rng): SobolDesign {
  const points: number[][] = [];
  for (let j = 0; j < n; j++) {
    const a = Array.from({ length: k }, () => rng());
    const b = Array.from({ length: k }, () => rng());
    points.push(a);
    for (let i = 0; i < k; i++) {
      const ab = a.slice();
      ab[i] = b[i]!;
      points.push(ab);
    }
    points.push(b);
  }
  return { n, points };
}

export interface SobolIndex {
  S1: number;
  S1Low: number;
  S1High: number;
  ST: number;
  STLow: number;
  STHigh: number;
}

/** S1 and ST of every parameter from rows `rows` (indices into 0..N−1, repeats allowed). */
function sobolEstimate(y: readonly number[], k: number, rows: ArrayLike<number>, out: { s1: Float64Array; st: Float64Array }): void {
  const w = k + 2;
  const n = rows.length;
  // V over A and B together (2n values), population variance
  let sum = 0;
  for (let q = 0; q < n; q++) {
    const j = rows[q]!;
    sum += y[j * w]! + y[j * w + k + 1]!;
  }
  const mean = sum / (2 * n);
  let ss = 0;
  for (let q = 0; q < n; q++) {
    const j = rows[q]!;
    ss += (y[j * w]! - mean) ** 2 + (y[j * w + k + 1]! - mean) ** 2;
  }
  const v = ss / (2 * n);
  for (let i = 0; i < k; i++) {
    let first = 0;
    let total = 0;
    for (let q = 0; q < n; q++) {
      const j = rows[q]!;
      const fa = y[j * w]!;
      const fab = y[j * w + 1 + i]!;
      const fb = y[j * w + k + 1]!;
      first += (fb - mean) * (fab - fa);
      total += (fa - fab) ** 2;
    }
    out.s1[i] = first / n / v;
    out.st[i] = total / (2 * n) / v;
  }
}

/**
 * Sobol indices per parameter from the outcomes `y` at a `sobolDesign`'s points (in order), with
 * percentile bootstrap 95% intervals from `resamples` resamples of the rows drawn with `rng`.
 * A constant outcome (V = 0) gives NaN indices.
 */
export function sobolIndices(k: number, y: readonly number[], rng: Rng, resamples = SOBOL_RESAMPLES): SobolIndex[] {
  const w = k + 2;
  if (y.length % w !== 0 || y.length === 0) throw new Error(`Sobol: ${y.length} outcomes is not N (k + 2) for k = ${k}`);
  const n = y.length / w;
  const all = Int32Array.from({ length: n }, (_, j) => j);
  const point = { s1: new Float64Array(k), st: new Float64Array(k) };
  sobolEstimate(y, k, all, point);
  const bootS1: Float64Array[] = Array.from({ length: k }, () => new Float64Array(resamples));
  const bootST: Float64Array[] = Array.from({ length: k }, () => new Float64Array(resamples));
  const rows = new Int32Array(n);
  const est = { s1: new Float64Array(k), st: new Float64Array(k) };
  for (let b = 0; b < resamples; b++) {
    for (let q = 0; q < n; q++) rows[q] = Math.floor(rng() * n);
    sobolEstimate(y, k, rows, est);
    for (let i = 0; i < k; i++) {
      bootS1[i]![b] = est.s1[i]!;
      bootST[i]![b] = est.st[i]!;
    }
  }
  const interval = (xs: Float64Array): [number, number] => {
    if (xs.some((x) => Number.isNaN(x))) return [NaN, NaN];
    const s = xs.slice().sort();
    return [percentile(s, 0.025), percentile(s, 0.975)];
  };
  return Array.from({ length: k }, (_, i) => {
    const [S1Low, S1High] = resamples > 0 ? interval(bootS1[i]!) : [NaN, NaN];
    const [STLow, STHigh] = resamples > 0 ? interval(bootST[i]!) : [NaN, NaN];
    return { S1: point.s1[i]!, S1Low, S1High, ST: point.st[i]!, STLow, STHigh };
  });
}

// ---------------------------------------------------------------------------------------------
// Latin hypercube (sweep --design lhs)
// ---------------------------------------------------------------------------------------------

/**
 * K points of a Latin hypercube in [0, 1]^k (McKay, Beckman & Conover 1979): each parameter's
 * range cut into K equal strata, each stratum used once, a uniform point within it, the strata
 * paired across parameters by independent random permutations.
 */
export function latinHypercube(k: number, count: number, rng: Rng): number[][] {
  const cols: number[][] = [];
  for (let i = 0; i < k; i++) {
    const perm = Array.from({ length: count }, (_, j) => j);
    for (let j = count - 1; j > 0; j--) {
      const q = Math.floor(rng() * (j + 1));
      [perm[j], perm[q]] = [perm[q]!, perm[j]!];
    }
    cols.push(perm.map((s) => (s + rng()) / count));
  }
  return Array.from({ length: count }, (_, j) => cols.map((c) => c[j]!));
}
