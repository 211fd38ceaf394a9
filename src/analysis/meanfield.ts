/**
 * The mean field of an estate's turnover: the aggregate Markov chain of one flat, whose states
 * are "vacant" and "occupied by a household of type k", solved for its stationary distribution
 * with mathjs (matrix algebra; imported only when asked, it costs about 0.9 s to load).
 *
 * Each month a household of type k leaves with probability q_k = 1 - exp(-h_k), h_k its monthly
 * exit hazard; a vacant flat is let with probability v, to a household of type j with probability
 * a_j (the in-movers' mix). In the long run the share of type k among households is
 *
 *   p_k = (a_k / q_k) / sum_j (a_j / q_j),
 *
 * whatever v; for two types where A leaves at f times the others' hazard this is the
 * p = a / (a + (1 - a) f) of docs/ODD.md ("Anchoring", mean field), which anchoring uses in closed
 * form for its first slopes (the model layer cannot wait for mathjs). test/analysis/meanfield.test.ts
 * checks the simulation against this solver in a reduced configuration (issue 23, part 7).
 */

export interface TurnoverChain {
  /** Monthly exit hazard of each household type (events per month, ≥ 0). */
  exitHazards: readonly number[];
  /** Share of each type among in-movers (non-negative, summing to 1). */
  inShares: readonly number[];
  /** Probability that a vacant flat is let in a month (0 < v ≤ 1). Default 1. */
  letting?: number;
}

export interface TurnoverSteadyState {
  /** Long-run share of each type among households. */
  shares: number[];
  /** Long-run share of flats vacant. */
  vacant: number;
}

/**
 * The stationary distribution π of a Markov chain with transition matrix P (rows sum to 1):
 * π (P − I) = 0 with Σ π = 1, one equation of the first replaced by the normalisation, solved by
 * mathjs' LU decomposition.
 *
 * @example await stationary([[0.9, 0.1], [0.5, 0.5]]) // [0.8333…, 0.1666…]
 */
export async function stationary(P: readonly (readonly number[])[]): Promise<number[]> {
  const n = P.length;
  if (n === 0 || P.some((row) => row.length !== n)) throw new Error('stationary: P must be a non-empty square matrix');
  for (const row of P) {
    const sum = row.reduce((s, x) => s + x, 0);
    if (row.some((x) => !(x >= 0)) || Math.abs(sum - 1) > 1e-9) throw new Error('stationary: every row of P must be probabilities summing to 1');
  }
  const math = await import('mathjs');
  // (P − I)ᵀ πᵀ = 0, its last row replaced by Σ π = 1
  const A = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => P[j]![i]! - (i === j ? 1 : 0)));
  A[n - 1] = Array.from({ length: n }, () => 1);
  const b = Array.from({ length: n }, (_, i) => (i === n - 1 ? 1 : 0));
  const x = math.lusolve(A, b) as number[][];
  return x.map((r) => r[0]!);
}

/** The chain of one flat: state 0 vacant, state 1 + k occupied by type k (see the module's comment). */
export function turnoverMatrix(chain: TurnoverChain): number[][] {
  const { exitHazards: h, inShares: a } = chain;
  const v = chain.letting ?? 1;
  if (h.length === 0 || h.length !== a.length) throw new Error('turnoverMatrix: exitHazards and inShares must have the same, non-zero length');
  if (h.some((x) => !(x >= 0))) throw new Error('turnoverMatrix: exit hazards must be ≥ 0');
  if (a.some((x) => !(x >= 0)) || Math.abs(a.reduce((s, x) => s + x, 0) - 1) > 1e-9) throw new Error('turnoverMatrix: inShares must be ≥ 0 and sum to 1');
  if (!(v > 0 && v <= 1)) throw new Error('turnoverMatrix: letting must be in (0, 1]');
  const n = h.length + 1;
  const P = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  P[0]![0] = 1 - v;
  for (let j = 0; j < a.length; j++) P[0]![1 + j] = v * a[j]!;
  for (let k = 0; k < h.length; k++) {
    const q = 1 - Math.exp(-h[k]!);
    P[1 + k]![0] = q;
    P[1 + k]![1 + k] = 1 - q;
  }
  return P;
}

/** The long-run composition of the chain (module comment), solved with mathjs. */
export async function turnoverSteadyState(chain: TurnoverChain): Promise<TurnoverSteadyState> {
  const pi = await stationary(turnoverMatrix(chain));
  const occupied = 1 - pi[0]!;
  return { shares: pi.slice(1).map((p) => p / occupied), vacant: pi[0]! };
}
