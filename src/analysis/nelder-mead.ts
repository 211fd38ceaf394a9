/**
 * Nelder-Mead minimisation in the unit box [0, 1]^k: the derivative-free method `nabolag
 * calibrate` fits scenario parameters with (each parameter rescaled from its range [lo, hi] to
 * [0, 1], so that one tolerance and one initial step fit all of them). Pure: no I/O, no
 * randomness; the same function and start give the same steps, evaluations and result.
 *
 * The method (Nelder & Mead 1965, with the coefficients and the order of tests of Lagarias,
 * Reeds, Wright & Wright 1998, "Convergence properties of the Nelder-Mead simplex method in low
 * dimensions", SIAM J. Optim. 9, 112-147, as MATLAB's fminsearch and SciPy take them): a simplex
 * of k + 1 points, sorted by value; each iteration tries the worst point reflected through the
 * centroid of the others (coefficient 1), expands it (2) when it is the new best, contracts it
 * outside or inside (1/2) when it is no better than the second worst, and otherwise shrinks every
 * point halfway towards the best.
 *
 * Bounds: every trial point is clamped into the box (each coordinate to [0, 1]) before it is
 * evaluated, so the function is only ever asked about points inside the box, and a minimum on
 * the boundary is reached exactly. (Clamping, not reflecting: a reflected point would fold the
 * function onto itself at the boundary and give the simplex values of points it did not ask
 * for.) Shrink steps stay inside the box by convexity.
 *
 * The start: the simplex is `x0` (clamped) and, for each coordinate i, `x0` moved by `step`
 * along i (up, or down when up would leave the box). A value that is not a number (NaN) counts
 * as +Infinity, worse than any other. A point evaluated once is not evaluated again (its value is
 * kept), so `evaluations` counts distinct points.
 *
 * A descent ends when the simplex has shrunk to the resolution asked for: every point within
 * `xTol` of the best in every coordinate. (Not also when the values agree within a tolerance, as
 * SciPy and fminsearch ask: the values of a noisy function, such as an ensemble mean, never
 * agree, and the search would spend its whole budget on the noise at the minimum.) Clamping can
 * flatten the simplex against a bound (its points all on one face, a direction lost), so a
 * descent that ended so is restarted from its best point with a fresh simplex, as Press et al.
 * (Numerical Recipes, 10.5) recommend, for as long as a restart improves the best value by more
 * than `fTol` (at most NM_MAX_RESTARTS times). Everything stops when `maxEvals` evaluations are
 * used, or after `maxIterations` iterations in all (a guard: an iteration whose trial points were
 * all evaluated before costs nothing).
 */

/** Reflection, expansion, contraction and shrink coefficients (Lagarias et al. 1998, the standard values). */
export const NM_REFLECT = 1;
export const NM_EXPAND = 2;
export const NM_CONTRACT = 0.5;
export const NM_SHRINK = 0.5;

/** Defaults, in unit-box coordinates: the initial step a quarter of each range; stop at a thousandth of it. Assumptions. */
export const NM_DEFAULT_STEP = 0.25;
export const NM_DEFAULT_XTOL = 1e-3;
export const NM_DEFAULT_FTOL = 1e-4;
export const NM_DEFAULT_MAX_ITERATIONS = 10_000;
/**
 * Most restarts after the first descent (module comment): enough for a simplex that collapsed
 * against a bound to recover its lost direction, few enough to bound the cost. Assumption.
 */
export const NM_MAX_RESTARTS = 3;

export interface NelderMeadOptions {
  /** Most distinct points evaluated (at least k + 1, the initial simplex). */
  maxEvals: number;
  /** Initial step along each coordinate (default NM_DEFAULT_STEP). */
  step?: number;
  /** A descent ends when every simplex point is within this of the best in every coordinate (default NM_DEFAULT_XTOL). */
  xTol?: number;
  /** A restart must improve the best value by more than this to be followed by another (default NM_DEFAULT_FTOL). */
  fTol?: number;
  /** Most iterations (default NM_DEFAULT_MAX_ITERATIONS). */
  maxIterations?: number;
}

export type NelderMeadStop = 'tolerance' | 'max-evals' | 'iterations';

export interface NelderMeadResult {
  /** The best point found (unit box). */
  x: number[];
  /** Its value. */
  f: number;
  /** Distinct points evaluated. */
  evaluations: number;
  iterations: number;
  /** Descents after the first (module comment). */
  restarts: number;
  stop: NelderMeadStop;
}

/** A function of a unit-box point; may be asynchronous (an ensemble run). */
export type Objective = (x: number[]) => number | Promise<number>;

const clamp01 = (v: number): number => (v < 0 ? 0 : v > 1 ? 1 : v);
const clampPoint = (x: readonly number[]): number[] => x.map(clamp01);
/** Values compared: NaN is worse than anything. */
const rank = (v: number): number => (Number.isNaN(v) ? Infinity : v);

/** Minimise `f` over [0, 1]^k from `x0` (module comment). */
export async function nelderMead(f: Objective, x0: readonly number[], opts: NelderMeadOptions): Promise<NelderMeadResult> {
  const k = x0.length;
  if (k === 0) throw new Error('nelderMead: no coordinates');
  if (!(opts.maxEvals >= k + 1)) throw new Error(`nelderMead: maxEvals ${opts.maxEvals} is less than the ${k + 1} points of the initial simplex`);
  const step = opts.step ?? NM_DEFAULT_STEP;
  const xTol = opts.xTol ?? NM_DEFAULT_XTOL;
  const fTol = opts.fTol ?? NM_DEFAULT_FTOL;
  const maxIterations = opts.maxIterations ?? NM_DEFAULT_MAX_ITERATIONS;

  const seen = new Map<string, number>();
  let evaluations = 0;
  /** The value at a point (clamped), from memory when it was evaluated before; null when the budget is spent. */
  const value = async (x: number[]): Promise<number | null> => {
    const key = x.join(',');
    const known = seen.get(key);
    if (known !== undefined) return known;
    if (evaluations >= opts.maxEvals) return null;
    evaluations++;
    const v = rank(await f([...x]));
    seen.set(key, v);
    return v;
  };

  type Vertex = { x: number[]; f: number };
  let iterations = 0;
  /** One descent from `from`: its best vertex, and why it stopped. */
  const descend = async (from: number[]): Promise<{ best: Vertex; stop: NelderMeadStop } | null> => {
    const simplex: Vertex[] = [];
    const points = [from];
    for (let i = 0; i < k; i++) {
      const p = [...from];
      p[i] = p[i]! + step <= 1 ? p[i]! + step : p[i]! - step;
      points.push(clampPoint(p));
    }
    for (const p of points) {
      const v = await value(p);
      if (v === null) break;
      simplex.push({ x: p, f: v });
    }
    // stable: equal values keep their order (the earlier point first)
    const sort = () => simplex.sort((a, b) => a.f - b.f);
    sort();
    if (simplex.length < k + 1) return simplex.length ? { best: simplex[0]!, stop: 'max-evals' } : null;
    const small = (): boolean => {
      const best = simplex[0]!;
      for (let j = 1; j <= k; j++) {
        const v = simplex[j]!;
        for (let i = 0; i < k; i++) if (Math.abs(v.x[i]! - best.x[i]!) > xTol) return false;
      }
      return true;
    };
    /** c + t (d − c), clamped into the box. */
    const along = (c: number[], d: number[], t: number): number[] => clampPoint(c.map((ci, i) => ci + t * (d[i]! - ci)));
    const end = (stop: NelderMeadStop) => {
      sort();
      return { best: simplex[0]!, stop };
    };
    for (;;) {
      if (small()) return end('tolerance');
      if (iterations >= maxIterations) return end('iterations');
      iterations++;
      const worst = simplex[k]!;
      const centroid = new Array<number>(k).fill(0);
      for (let j = 0; j < k; j++) for (let i = 0; i < k; i++) centroid[i]! += simplex[j]!.x[i]! / k;
      const xr = along(centroid, worst.x, -NM_REFLECT);
      const fr = await value(xr);
      if (fr === null) return end('max-evals');
      if (fr < simplex[0]!.f) {
        const xe = along(centroid, worst.x, -NM_REFLECT * NM_EXPAND);
        const fe = await value(xe);
        simplex[k] = fe !== null && fe < fr ? { x: xe, f: fe } : { x: xr, f: fr };
        if (fe === null) return end('max-evals');
      } else if (fr < simplex[k - 1]!.f) {
        simplex[k] = { x: xr, f: fr };
      } else {
        const outside = fr < worst.f;
        const xc = outside ? along(centroid, worst.x, -NM_REFLECT * NM_CONTRACT) : along(centroid, worst.x, NM_CONTRACT);
        const fc = await value(xc);
        if (fc === null) return end('max-evals');
        if (outside ? fc <= fr : fc < worst.f) simplex[k] = { x: xc, f: fc };
        else {
          const best = simplex[0]!;
          for (let j = 1; j <= k; j++) {
            const xs = clampPoint(best.x.map((b, i) => b + NM_SHRINK * (simplex[j]!.x[i]! - b)));
            const fs = await value(xs);
            if (fs === null) return end('max-evals');
            simplex[j] = { x: xs, f: fs };
          }
        }
      }
      sort();
    }
  };

  // descents from x0, then restarts from the best point while they improve it
  let best: Vertex | undefined;
  let stop: NelderMeadStop = 'tolerance';
  let restarts = 0;
  for (let from = clampPoint(x0); ; ) {
    const r = await descend(from);
    if (r === null) break;
    const improved = best === undefined || (r.best.f < best.f && !(best.f - r.best.f <= fTol));
    if (best === undefined || r.best.f < best.f) best = r.best;
    stop = r.stop;
    if (stop !== 'tolerance' || !improved || restarts >= NM_MAX_RESTARTS) break;
    restarts++;
    from = [...best.x];
  }
  return { x: [...best!.x], f: best!.f, evaluations, iterations, restarts, stop };
}
