/**
 * Shards: a command's work cut into n deterministic slices (`--shard k/n`), so that n processes,
 * on one machine or the tasks of a cluster's job array, each run one slice and `nabolag merge`
 * joins them into the files one process would have written (output/merge.ts).
 *
 * The work is a list of items in a fixed order (the replications of `run` and `compare`, the
 * points of a sweep, the sample points of a sensitivity analysis), and shard k holds a
 * contiguous block of it: items floor((k - 1) N / n) to floor(k N / n) - 1 of N. Contiguous
 * blocks, not every n-th item, so that each shard's rows of metrics.csv are one piece of the
 * whole file and merging is a concatenation in shard order. Block sizes differ by at most one.
 */

/** Shard k (1-based) of n. */
export interface Shard {
  k: number;
  n: number;
}

/** The items shard k of n holds, of `total`: indices `from` (0-based) to `to` - 1. */
export function shardSlice(total: number, s: Shard): { from: number; to: number } {
  return { from: Math.floor(((s.k - 1) * total) / s.n), to: Math.floor((s.k * total) / s.n) };
}
