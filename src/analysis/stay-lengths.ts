/**
 * How many ended tenancies can have lasted between two lengths, given a move-out rate and the
 * residents' seniority: the bound behind P7's discussion in docs/ODD.md ("Stay lengths").
 *
 * In a stationary estate, tenancies begin and end at the same rate. If S(t) is the share of new
 * tenancies still running after t years:
 *
 *   mean length             E[T] = ∫ S(t) dt = 1 / moveOutRate
 *   residents over L years  ∫_L^∞ S(t) dt / E[T]             (the residents' seniority)
 *   ended within [a, b]     S(a) − S(b)                       (the share P7 counts, a = 2, b = 5)
 *
 * The lengths are taken to be a mixture of exponential lengths, S(t) = Σ w_k exp(−r_k t): a hazard
 * that never rises with the length of the stay (cumulative inertia: the longer a household has
 * stayed, the less it moves), the mobile and the settled each at their own rate. Over a grid of
 * rates, the largest share ended within [a, b] subject to the two figures is a linear programme in
 * the weights with three equalities (the weights sum to 1, the mean, the seniority), so its optimum
 * has at most three rates with weight (Carathéodory): every triple of grid rates is solved for its
 * weights, and the best non-negative solution is kept. A hazard that peaks later in the stay can
 * put more there; the bound says how much more the data would need from such a peak. Pure; no I/O.
 */

/** The largest share, and the mixture that reaches it (rates per year, weights summing to 1). */
export interface StayBound {
  share: number;
  rates: number[];
  weights: number[];
}

export interface StayBoundInput {
  /** Move-outs per household and year (LBF 2019, family dwellings: 0.104). */
  moveOutRate: number;
  /** Share of the residents who have lived in their dwelling over `seniorityYears` (LBF: 0.10). */
  overShare: number;
  /** Seniority threshold, years (LBF: 25). */
  seniorityYears?: number;
  /** The band of lengths counted, years (P7: 2 to 5). */
  from?: number;
  to?: number;
}

/** Grid of rates per year, log-spaced from 0.002 (a 500-year mean) to 5 (under 3 months). */
const GRID = Array.from({ length: 240 }, (_, k) => 0.002 * (5 / 0.002) ** (k / 239));

/**
 * The largest share of ended tenancies with a length in [from, to] years over mixtures of
 * exponential lengths meeting the move-out rate and the seniority, or undefined when no mixture
 * meets them (a seniority below the single exponential's, which every mixture exceeds).
 */
export function maxEndedShare(input: StayBoundInput): StayBound | undefined {
  const { moveOutRate, overShare, seniorityYears = 25, from = 2, to = 5 } = input;
  const mean = 1 / moveOutRate;
  const n = GRID.length;
  // Each rate's column of the three equalities, and its share ended within the band.
  const inv = GRID.map((r) => 1 / r);
  const tail = GRID.map((r) => Math.exp(-seniorityYears * r) / r);
  const band = GRID.map((r) => Math.exp(-from * r) - Math.exp(-to * r));
  let best: StayBound | undefined;
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++)
      for (let k = j + 1; k < n; k++) {
        const w = solve3(inv[i]!, inv[j]!, inv[k]!, tail[i]!, tail[j]!, tail[k]!, mean, overShare * mean);
        if (!w || w[0] < -1e-12 || w[1] < -1e-12 || w[2] < -1e-12) continue;
        // Nearly dependent columns solve inexactly: keep only mixtures that meet both figures.
        const m = w[0] * inv[i]! + w[1] * inv[j]! + w[2] * inv[k]!;
        const t = w[0] * tail[i]! + w[1] * tail[j]! + w[2] * tail[k]!;
        if (Math.abs(m - mean) > 1e-6 * mean || Math.abs(t - overShare * mean) > 1e-6 * mean) continue;
        const share = w[0] * band[i]! + w[1] * band[j]! + w[2] * band[k]!;
        if (!best || share > best.share) best = { share, rates: [GRID[i]!, GRID[j]!, GRID[k]!], weights: w };
      }
  return best;
}

/**
 * Weights (x, y, z) with x + y + z = 1, p1·x + p2·y + p3·z = m and q1·x + q2·y + q3·z = t, by
 * Cramer's rule; undefined when the three columns are (nearly) dependent.
 */
function solve3(p1: number, p2: number, p3: number, q1: number, q2: number, q3: number, m: number, t: number): [number, number, number] | undefined {
  // det of [1 1 1; p1 p2 p3; q1 q2 q3], and the same with column c replaced by (1, m, t).
  const det = p2 * q3 - p3 * q2 - (p1 * q3 - p3 * q1) + (p1 * q2 - p2 * q1);
  if (!(Math.abs(det) > 1e-12 * (Math.abs(p1 * q2) + Math.abs(p2 * q3) + Math.abs(p3 * q1)))) return undefined;
  const d1 = p2 * q3 - p3 * q2 - (m * q3 - p3 * t) + (m * q2 - p2 * t);
  const d2 = m * q3 - p3 * t - (p1 * q3 - p3 * q1) + (p1 * t - m * q1);
  const d3 = p2 * t - m * q2 - (p1 * t - m * q1) + (p1 * q2 - p2 * q1);
  return [d1 / det, d2 / det, d3 / det];
}
