/**
 * The slices of `--shard k/n` (engine/shard.ts): contiguous blocks that cover every item once,
 * in order, their sizes differing by at most one.
 */
import { describe, expect, it } from 'vitest';
import { shardSlice } from '../../src/engine/shard.js';

describe('shardSlice', () => {
  it('covers items 0..N-1 once, in shard order, in blocks whose sizes differ by at most one', () => {
    for (const total of [1, 2, 3, 5, 10, 17, 100, 1001])
      for (let n = 1; n <= Math.min(total, 12); n++) {
        const slices = Array.from({ length: n }, (_, i) => shardSlice(total, { k: i + 1, n }));
        expect(slices[0]!.from).toBe(0);
        expect(slices.at(-1)!.to).toBe(total);
        for (let i = 1; i < n; i++) expect(slices[i]!.from).toBe(slices[i - 1]!.to);
        const sizes = slices.map((s) => s.to - s.from);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
        expect(Math.min(...sizes)).toBeGreaterThan(0);
      }
  });

  it('5 replications in 3 shards: 0, 1-2, 3-4', () => {
    expect([1, 2, 3].map((k) => shardSlice(5, { k, n: 3 }))).toEqual([
      { from: 0, to: 1 },
      { from: 1, to: 3 },
      { from: 3, to: 5 },
    ]);
  });
});
