/**
 * The waiting queue (src/model/queue.ts) keeps the order an array with `splice` and `shift`
 * would keep: a random sequence of pushes, removals near the front and shifts, done on both,
 * leaves the same entries in the same order at every step (compaction included).
 */
import { describe, expect, it } from 'vitest';
import { Queue } from '../../src/model/queue.js';
import { makeRng } from '../../src/model/rng.js';

describe('Queue', () => {
  it('behaves as an array with splice and shift, through many operations and compactions', () => {
    const rng = makeRng(4, 'queue-test');
    const q = new Queue<number>();
    const a: number[] = [];
    let next = 0;
    let removedNearFront = 0;
    for (let step = 0; step < 20_000; step++) {
      const r = rng();
      if (r < 0.45 || a.length === 0) {
        q.push(next);
        a.push(next++);
      } else if (r < 0.8) {
        const k = Math.min(a.length - 1, Math.floor(rng() * 5));
        expect(q.removeAt(k)).toBe(a.splice(k, 1)[0]);
        removedNearFront++;
      } else {
        expect(q.shift()).toBe(a.shift());
      }
      expect(q.length).toBe(a.length);
      if (a.length > 0) expect(q.at(0)).toBe(a[0]);
      if (step % 997 === 0) expect(q.toArray()).toEqual(a);
    }
    expect(q.toArray()).toEqual(a);
    expect(removedNearFront).toBeGreaterThan(5000);
  });

  it('refuses to remove what is not there', () => {
    const q = new Queue<string>();
    expect(() => q.shift()).toThrow(/empty/);
    q.push('a');
    expect(() => q.removeAt(1)).toThrow(/no entry 1/);
    expect(q.removeAt(0)).toBe('a');
    expect(q.length).toBe(0);
  });
});
