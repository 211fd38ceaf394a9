/**
 * The household record layout (src/model/state.ts): the 32-bit fields and the byte fields of a
 * record must not overlap, and all must lie inside the record.
 */
import { describe, expect, it } from 'vitest';
import { B, F, H, HB, HF, HW, MAX_CHILDREN, allocHouseholds } from '../../src/model/state.js';

describe('household records', () => {
  it('32-bit, 64-bit and byte fields do not overlap and fit in the record', () => {
    const words = new Set<number>();
    const take = (w: number) => {
      expect(words.has(w)).toBe(false);
      words.add(w);
    };
    for (const [k, o] of Object.entries(H)) {
      const n = k === 'child0' ? MAX_CHILDREN : 1;
      for (let j = 0; j < n; j++) take(o + j);
    }
    for (const o of Object.values(F)) {
      expect(o).toBeLessThan(HF);
      take(2 * o);
      take(2 * o + 1);
    }
    const lastWordByte = (Math.max(...words) + 1) * 4;
    const bytes = Object.values(B);
    expect(new Set(bytes).size).toBe(bytes.length);
    expect(Math.min(...bytes)).toBeGreaterThanOrEqual(lastWordByte);
    expect(Math.max(...bytes)).toBeLessThan(HB);
    expect(HB).toBe(HW * 4);
  });
  it('a new record: no flat, not listed, not lifted, free', () => {
    const h = allocHouseholds(3);
    for (let i = 0; i < 3; i++) {
      expect(h.i32[i * HW + H.flat]).toBe(-1);
      expect(h.i32[i * HW + H.listedAt]).toBe(-1);
      expect(h.i32[i * HW + H.censusAt]).toBe(-1);
      expect(h.i32[i * HW + H.liftedAt]).toBeLessThan(-100_000);
      expect(h.u8[i * HB + B.free]).toBe(1);
      expect(h.alive[i]).toBe(0);
    }
  });
});
