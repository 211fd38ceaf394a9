/**
 * The initial draw (src/model/population.ts): the head ages (`headAge`: uniform over a type's
 * range without weights, by band weight within the range with them) and the children per family
 * (`childrenScale`); anchoring gives both.
 */
import { describe, expect, it } from 'vitest';
import { countChildren } from '../../src/model/anchor.js';
import { DRAWN_CHILDREN_PER_FAMILY, HEAD_AGE_BANDS, childrenScale, headAge } from '../../src/model/population.js';
import { aleaSeed, aleaStep } from '../../src/model/rng.js';
import { initialWorld } from '../../src/model/simulate.js';
import { scenario } from '../helpers/scenario.js';

const weights = (band: number, w = 1): number[] => Array.from({ length: HEAD_AGE_BANDS }, (_, b) => (b === band ? w : 0));

describe('headAge', () => {
  it('without weights is one uniform draw over the range, as the draw always was', () => {
    const a = aleaSeed('t');
    const b = aleaSeed('t');
    for (let k = 0; k < 100; k++) expect(headAge(a, undefined, 25, 60)).toBe(25 + aleaStep(b) * 35);
  });

  it('with weights keeps to the weighted bands inside the range', () => {
    const g = aleaSeed('t');
    // all weight on band 4 (38-42): every age there
    for (let k = 0; k < 200; k++) {
      const age = headAge(g, weights(4), 18, 60);
      expect(age).toBeGreaterThanOrEqual(38);
      expect(age).toBeLessThan(43);
    }
    // a band cut by the range: band 8 is 58-62, the range ends at 60
    for (let k = 0; k < 200; k++) {
      const age = headAge(g, weights(8), 25, 60);
      expect(age).toBeGreaterThanOrEqual(58);
      expect(age).toBeLessThan(60);
    }
  });

  it('weighs each band by its weight times the years of it inside the range', () => {
    // bands 1 (23-27) and 2 (28-32) with equal weights, range from 25: 3 years of band 1, 5 of band 2
    const w = weights(1);
    w[2] = 1;
    const g = aleaSeed('share');
    let inFirst = 0;
    const n = 20_000;
    for (let k = 0; k < n; k++) if (headAge(g, w, 25, 60) < 28) inFirst++;
    expect(inFirst / n).toBeCloseTo(3 / 8, 1);
  });

  it('falls back to uniform where no weighted band is inside the range', () => {
    const a = aleaSeed('t');
    const b = aleaSeed('t');
    expect(headAge(a, weights(0), 60, 86)).toBe(60 + aleaStep(b) * 26);
  });
});

describe('children per family at the start (population.childrenPerFamily)', () => {
  it("childrenScale is the factor on the draw's 0.6, 0.3 and 0.15 that gives the mean, within what they allow", () => {
    expect(DRAWN_CHILDREN_PER_FAMILY).toBeCloseTo(2.05, 12);
    expect(childrenScale(undefined)).toBe(1);
    expect(childrenScale(2.05)).toBeCloseTo(1, 12);
    expect(childrenScale(1.525)).toBeCloseTo(0.5, 12);
    expect(childrenScale(1)).toBe(0);
    expect(childrenScale(2.75)).toBeCloseTo(1 / 0.6, 12);
    expect(childrenScale(3)).toBeCloseTo(1 / 0.6, 12);
  });

  it("the residents drawn in five-room flats (no room limit) have that mean; without it the applicants' 2.05", () => {
    const drawn = (children?: number) => {
      const population = { resourceStrongShare: 0.4, familyShare: 0.9, ...(children === undefined ? {} : { childrenPerFamily: children }) };
      const sc = scenario({ estates: [{ name: 'big', flats: 3000, anchor: false, rooms: { r1: 0, r2: 0, r3: 0, r4: 0, r5: 1 }, population }] });
      const n = [0, 0];
      countChildren(initialWorld(sc, 7), n);
      expect(n[0]).toBeGreaterThan(2000);
      return n[1]! / n[0]!;
    };
    // about 2,500 families: a standard error of about 0.015
    expect(drawn()).toBeCloseTo(2.05, 1);
    expect(drawn(1.5)).toBeCloseTo(1.5, 1);
    expect(drawn(2.6)).toBeCloseTo(2.6, 1);
  });
});
