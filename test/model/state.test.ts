/**
 * The household record layout (src/model/state.ts): the 32-bit fields and the byte fields of a
 * record must not overlap, and all must lie inside the record.
 */
import { describe, expect, it } from 'vitest';
import { B, H, HB, HW, MAX_CHILDREN, allocHouseholds } from '../../src/model/state.js';

describe('household records', () => {
  it('32-bit fields and byte fields do not overlap and fit in the record', () => {
    const words = new Set<number>();
    for (const [k, o] of Object.entries(H)) {
      const n = k === 'child0' ? MAX_CHILDREN : 1;
      for (let j = 0; j < n; j++) {
        expect(words.has(o + j)).toBe(false);
        words.add(o + j);
      }
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
      expect(h.i32[i * HW + H.liftedAt]).toBeLessThan(-100_000);
      expect(h.u8[i * HB + B.free]).toBe(1);
      expect(h.alive[i]).toBe(0);
    }
  });
});
