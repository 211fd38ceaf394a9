/**
 * The household record layout (src/model/state.ts): the 32-bit fields and the byte fields of a
 * record must not overlap, and all must lie inside the record.
 */
import { describe, expect, it } from 'vitest';
import { B, H, MAX_CHILDREN, allocHouseholds } from '../../src/model/state.js';

/**
 * Every field of the record, with its width (the `Record` types make the compiler refuse a
 * field of `H` or `B` left out here: the enums exist only at compile time).
 */
const WORD_FIELDS: Record<Exclude<keyof typeof H, 'stride'>, [offset: number, words: number]> = {
  flat: [H.flat, 1],
  uid: [H.uid, 1],
  birth1: [H.birth1, 1],
  birth2: [H.birth2, 1],
  movedIn: [H.movedIn, 1],
  flatSince: [H.flatSince, 1],
  liftedAt: [H.liftedAt, 1],
  listedAt: [H.listedAt, 1],
  child0: [H.child0, MAX_CHILDREN],
  income: [H.income, 1],
  ties: [H.ties, 1],
  tiesAt: [H.tiesAt, 1],
};
const BYTE_FIELDS: Record<Exclude<keyof typeof B, 'stride'>, number> = {
  free: B.free,
  adults: B.adults,
  status1: B.status1,
  status2: B.status2,
  edu1: B.edu1,
  edu2: B.edu2,
  female1: B.female1,
  nChildren: B.nChildren,
  origin: B.origin,
  familyNearby: B.familyNearby,
  volunteer: B.volunteer,
  vulnerable: B.vulnerable,
  wantsGarden: B.wantsGarden,
  wantsOwn: B.wantsOwn,
  listReason: B.listReason,
  group: B.group,
};

describe('household records', () => {
  it('32-bit fields and byte fields do not overlap and fit in the record', () => {
    const words = new Set<number>();
    for (const [o, n] of Object.values(WORD_FIELDS)) {
      for (let j = 0; j < n; j++) {
        expect(words.has(o + j)).toBe(false);
        words.add(o + j);
      }
    }
    const lastWordByte = (Math.max(...words) + 1) * 4;
    const bytes = Object.values(BYTE_FIELDS);
    expect(new Set(bytes).size).toBe(bytes.length);
    expect(Math.min(...bytes)).toBeGreaterThanOrEqual(lastWordByte);
    expect(Math.max(...bytes)).toBeLessThan(B.stride);
    expect(B.stride).toBe(H.stride * 4);
    expect(lastWordByte).toBeLessThanOrEqual(B.stride);
  });
  it('a new record: no flat, not listed, not lifted, free', () => {
    const h = allocHouseholds(3);
    for (let i = 0; i < 3; i++) {
      expect(h.i32[i * H.stride + H.flat]).toBe(-1);
      expect(h.i32[i * H.stride + H.listedAt]).toBe(-1);
      expect(h.i32[i * H.stride + H.liftedAt]).toBeLessThan(-100_000);
      expect(h.u8[i * B.stride + B.free]).toBe(1);
      expect(h.alive[i]).toBe(0);
    }
  });
});
