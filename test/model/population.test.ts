/**
 * The initial draw's head ages (src/model/population.ts `headAge`): uniform over a type's range
 * without weights, by band weight within the range with them (anchoring gives them).
 */
import { describe, expect, it } from 'vitest';
import { HEAD_AGE_BANDS, headAge } from '../../src/model/population.js';
import { aleaSeed, aleaStep } from '../../src/model/rng.js';

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
