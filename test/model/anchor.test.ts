/**
 * Anchoring (src/model/anchor.ts): the solver's pieces exactly, and on a small estate that the
 * solved values hold it where it starts much better than the first guess, deterministically and
 * once per estate and parameter set.
 */
import { describe, expect, it } from 'vitest';
import { ANCHOR_ATTRACTIVENESS_LIMIT, ANCHOR_NOISE_Z, anchorScenario, held, solve3, splitCoordinate } from '../../src/model/anchor.js';
import { scenario } from '../helpers/scenario.js';

describe('the solver', () => {
  it('solve3 solves a 3x3 system (with pivoting) and refuses a singular one', () => {
    const J = [
      [0, 2, 1],
      [1, 1, 0],
      [3, 0, 1],
    ];
    const x = solve3(J, [5, 3, 6])!;
    // check J x = b
    expect(J.map((row) => row.reduce((q, v, j) => q + v * x[j]!, 0))).toEqual([expect.closeTo(5, 12), expect.closeTo(3, 12), expect.closeTo(6, 12)]);
    expect(
      solve3(
        [
          [1, 2, 3],
          [2, 4, 6],
          [0, 1, 1],
        ],
        [1, 2, 3],
      ),
    ).toBeNull();
  });

  it('the search coordinate is attractiveness up to its limit, then attachment', () => {
    expect(splitCoordinate(1.5)).toEqual({ attractiveness: 1.5, attachment: 1 });
    expect(splitCoordinate(-ANCHOR_ATTRACTIVENESS_LIMIT)).toEqual({ attractiveness: -ANCHOR_ATTRACTIVENESS_LIMIT, attachment: 1 });
    const below = splitCoordinate(-ANCHOR_ATTRACTIVENESS_LIMIT - 2);
    expect(below.attractiveness).toBe(-ANCHOR_ATTRACTIVENESS_LIMIT);
    expect(below.attachment).toBeCloseTo(Math.exp(-1), 12);
    const above = splitCoordinate(ANCHOR_ATTRACTIVENESS_LIMIT + 2);
    expect(above.attachment).toBeCloseTo(Math.exp(1), 12);
    expect(splitCoordinate(-100).attachment).toBe(0.05);
  });
});

describe('held: when the search stops', () => {
  const start = [0.5, 0.2, 0.1];
  it('a drift within ANCHOR_TOLERANCE of its bound is held, whatever the noise', () => {
    // bounds: 0.03 for the share; 10% of the families' start over their weight 0.5 (0.04, 0.02); tolerance 0.15 of them
    expect(held([0.0044, 0.0059, 0.0029], [0, 0, 0], start)).toBe(true);
    expect(held([0.0046, 0, 0], [0, 0, 0], start)).toBe(false);
    expect(held([0, 0.0061, 0], [0, 0, 0], start)).toBe(false);
    expect(held([0, 0, -0.0031], [0, 0, 0], start)).toBe(false);
  });
  it('a larger drift is held when it is within ANCHOR_NOISE_Z standard errors of zero', () => {
    expect(ANCHOR_NOISE_Z).toBe(2);
    expect(held([0.012, -0.008, 0.004], [0.0061, 0.0041, 0.0021], start)).toBe(true);
    expect(held([0.012, -0.008, 0.004], [0.0059, 0.0041, 0.0021], start)).toBe(false);
  });
});

describe('anchorScenario', () => {
  const own = (over: Record<string, unknown> = {}) =>
    scenario({ name: 'own', years: 15, replications: 2, estates: [{ name: 'own', flats: 300, population: { resourceStrongShare: 0.4 } }], ...over });

  it('solves values that hold the estate far better than the first guess, within 3 points', () => {
    const { scenario: sc, anchors } = anchorScenario(own());
    expect(anchors).toHaveLength(1);
    const a = anchors[0]!;
    const worst = (d: typeof a.driftBefore) => Math.max(Math.abs(d.resourceStrongShare), Math.abs(d.otherFamilies), Math.abs(d.resourceStrongFamilies));
    expect(Math.abs(a.driftBefore.resourceStrongShare)).toBeGreaterThan(0.02);
    expect(Math.abs(a.driftAfter.resourceStrongShare)).toBeLessThan(0.03);
    expect(worst(a.driftAfter)).toBeLessThan(worst(a.driftBefore));
    // the scenario carries the solved values, marked as solved
    const e = sc.estates[0]!;
    expect(e.anchor).toBe(false);
    expect(e.attractiveness).toBe(a.attractiveness);
    expect(e.attachment).toBe(a.attachment);
    expect(e.applicants.familyShare).toBe(a.applicantFamilyShare);
    expect(e.applicants.strongFamilyShare).toBe(a.applicantStrongFamilyShare);
    // anchoring the result again changes nothing
    expect(anchorScenario(sc)).toEqual({ scenario: sc, anchors: [] });
  });

  it('depends only on the estate and the parameters: not on the name, seed, replications, years or levers', () => {
    const a = anchorScenario(own()).anchors[0]!;
    const b = anchorScenario(own({ name: 'other', seed: 99, replications: 5, years: 4, policies: [{ lever: 'extension', from: 2027 }] })).anchors[0]!;
    expect(b).toBe(a); // solved once: the same record
    const c = anchorScenario(own({ spiral: { imageOnApplicants: 5 } })).anchors[0]!;
    expect(c).not.toBe(a);
  });

  it('leaves estates with anchor: false, and Schelling scenarios, as written', () => {
    const off = own({ estates: [{ name: 'own', flats: 300, anchor: false, attractiveness: -1.5 }] });
    const r = anchorScenario(off);
    expect(r.anchors).toEqual([]);
    expect(r.scenario).toBe(off);
    expect(r.scenario.estates[0]!.attractiveness).toBe(-1.5);
  });
});
