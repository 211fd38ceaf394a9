/**
 * Anchoring (src/model/anchor.ts): the solver's pieces exactly, and on a small estate that the
 * solved values hold it where it starts much better than the first guess, deterministically and
 * once per estate and parameter set.
 */
import { describe, expect, it } from 'vitest';
import {
  ANCHOR_ATTRACTIVENESS_LIMIT,
  ANCHOR_NOISE_Z,
  ANCHOR_STRONG_FAMILY_LIMIT,
  START_FIELDS,
  anchorKey,
  anchorScenario,
  anchorSeeds,
  countCouples,
  countChildren,
  countEducation,
  countGrownChildren,
  countHeadAges,
  countLifted,
  countStudents,
  held,
  nextChildrenPerFamily,
  solveLinear,
  splitCoordinate,
  splitFamilyCoordinate,
} from '../../src/model/anchor.js';
import { HEAD_AGE_BANDS, HEAD_AGE_BAND_YEARS, HEAD_AGE_FROM, residentFamilyShares } from '../../src/model/population.js';
import { METRIC_INDEX, NMETRIC } from '../../src/model/reporters.js';
import { initialWorld, simulate } from '../../src/model/simulate.js';
import { scenario } from '../helpers/scenario.js';

describe('the solver', () => {
  it('solveLinear solves an n x n system (with pivoting) and refuses a singular one', () => {
    const J = [
      [0, 2, 1],
      [1, 1, 0],
      [3, 0, 1],
    ];
    const x = solveLinear(J, [5, 3, 6])!;
    // check J x = b
    expect(J.map((row) => row.reduce((q, v, j) => q + v * x[j]!, 0))).toEqual([expect.closeTo(5, 12), expect.closeTo(3, 12), expect.closeTo(6, 12)]);
    // exactly: 2x2 (the example), 4x4 with a zero first pivot, 1x1
    expect(
      solveLinear(
        [
          [2, 1],
          [1, 3],
        ],
        [3, 5],
      ),
    ).toEqual([expect.closeTo(0.8, 14), expect.closeTo(1.4, 14)]);
    const A4 = [
      [0, 1, 0, 0],
      [1, 0, 0, 2],
      [0, 0, 4, 0],
      [1, 1, 1, 1],
    ];
    const x4 = solveLinear(A4, [1, 5, 8, 7])!;
    expect(x4).toEqual([expect.closeTo(3, 12), expect.closeTo(1, 12), expect.closeTo(2, 12), expect.closeTo(1, 12)]);
    expect(solveLinear([[4]], [2])).toEqual([0.5]);
    // the input is not changed
    expect(A4[0]).toEqual([0, 1, 0, 0]);
    expect(
      solveLinear(
        [
          [1, 2, 3],
          [2, 4, 6],
          [0, 1, 1],
        ],
        [1, 2, 3],
      ),
    ).toBeNull();
    expect(
      solveLinear(
        [
          [0, 0],
          [0, 0],
        ],
        [1, 1],
      ),
    ).toBeNull();
  });

  it('solveLinear agrees with A x = b on random well-conditioned systems up to 6 x 6', () => {
    let seed = 7;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648 - 0.5;
    };
    for (let n = 1; n <= 6; n++)
      for (let t = 0; t < 20; t++) {
        // diagonally dominant: never singular
        const A = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => rnd() + (i === j ? n : 0)));
        const b = Array.from({ length: n }, rnd);
        const x = solveLinear(A, b)!;
        for (const [i, row] of A.entries()) expect(row.reduce((q, v, j) => q + v * x[j]!, 0)).toBeCloseTo(b[i]!, 10);
      }
  });

  it("the family coordinate is the resource-strong applicants' share, and beyond its limit lowers the start's", () => {
    const L = Math.log(ANCHOR_STRONG_FAMILY_LIMIT / (1 - ANCHOR_STRONG_FAMILY_LIMIT));
    expect(ANCHOR_STRONG_FAMILY_LIMIT).toBe(0.95);
    expect(splitFamilyCoordinate(0, 0.36, false)).toEqual({ applicants: 0.5, start: undefined });
    const at0 = splitFamilyCoordinate(0, 0.36, true);
    expect(at0.applicants).toBe(0.5);
    expect(at0.start).toBeCloseTo(0.348269, 6); // logistic(logit 0.36 - ln(1 + e^-L))
    // far below the limit the start is as given; far beyond it one log-odds lower per unit
    expect(splitFamilyCoordinate(-5, 0.36, true).start).toBeCloseTo(0.36, 3);
    const far = splitFamilyCoordinate(L + 10, 0.36, true);
    expect(Math.log(far.start! / (1 - far.start!))).toBeCloseTo(Math.log(0.36 / 0.64) - 10, 3);
    // monotone: a higher z never raises the start nor lowers the applicants' share
    let prev = splitFamilyCoordinate(-6, 0.36, true);
    for (let z = -5.9; z < 10; z += 0.1) {
      const cur = splitFamilyCoordinate(z, 0.36, true);
      expect(cur.start!).toBeLessThan(prev.start!);
      expect(cur.applicants).toBeGreaterThan(prev.applicants);
      prev = cur;
    }
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

  it("the next children per family scales the draw's part above the first child by how the realised part ended against how it started", () => {
    // 2.05 before the room limit started at 1.93 and ended at 1.74: 1 + 1.05 x 0.74 / 0.93
    expect(nextChildrenPerFamily(2.05, 1.93, 1.74)).toBeCloseTo(1.835484, 6);
    expect(nextChildrenPerFamily(1.8, 1.7, 1.7)).toBeCloseTo(1.8, 12);
    // within the field's range (1 to 2.75); unchanged where the start had no child beyond the first to scale
    expect(nextChildrenPerFamily(2.5, 1.2, 2.2)).toBe(2.75);
    expect(nextChildrenPerFamily(1.5, 1.5, 0.9)).toBe(1);
    expect(nextChildrenPerFamily(1.3, 1.005, 1.5)).toBe(1.3);
  });
});

describe("residentFamilyShares: the start's families of each draw", () => {
  const pop = (over: Record<string, unknown>) => scenario({ estates: [{ name: 'e', flats: 10, population: over }] }).estates[0]!.population;
  it('without strongFamilyShare both draws have familyShare', () => {
    expect(residentFamilyShares(pop({ familyShare: 0.36 }))).toEqual({ strong: 0.36, other: 0.36 });
  });
  it('with it the others take the rest, so all families stay at familyShare; within [0, 0.98]', () => {
    const r = residentFamilyShares(pop({ familyShare: 0.36, resourceStrongShare: 0.4, strongFamilyShare: 0.3 }));
    expect(r.strong).toBe(0.3);
    expect(r.other).toBeCloseTo(0.4, 12); // (0.36 - 0.4 x 0.3) / 0.6
    expect(0.4 * r.strong + 0.6 * r.other).toBeCloseTo(0.36, 12);
    expect(residentFamilyShares(pop({ familyShare: 0.36, resourceStrongShare: 0.8, strongFamilyShare: 0.9 })).other).toBe(0);
    expect(residentFamilyShares(pop({ familyShare: 0.9, resourceStrongShare: 0.5, strongFamilyShare: 0 })).other).toBe(0.98);
    expect(residentFamilyShares(pop({ familyShare: 0.36, resourceStrongShare: 1, strongFamilyShare: 0.2 }))).toEqual({ strong: 0.2, other: 0.36 });
  });
});

describe('held: when the search stops', () => {
  const start = [0.5, 0.2, 0.1, 0.25];
  it('a drift within ANCHOR_TOLERANCE of its bound is held, whatever the noise', () => {
    // bounds: 0.03 for the share; 10% of the families' start over their weight 0.5 (0.04, 0.02); tolerance 0.15 of them
    expect(held([0.0044, 0.0059, 0.0029], [0, 0, 0], start)).toBe(true);
    expect(held([0.0046, 0, 0], [0, 0, 0], start)).toBe(false);
    expect(held([0, 0.0061, 0], [0, 0, 0], start)).toBe(false);
    expect(held([0, 0, -0.0031], [0, 0, 0], start)).toBe(false);
    // the retired adults per household: 10% of 0.25 over the weight 0.5, 0.15 of it
    expect(held([0, 0, 0, 0.0074], [0, 0, 0, 0], start)).toBe(true);
    expect(held([0, 0, 0, -0.0076], [0, 0, 0, 0], start)).toBe(false);
  });
  it('a larger drift is held when it is within ANCHOR_NOISE_Z standard errors of zero', () => {
    expect(ANCHOR_NOISE_Z).toBe(2);
    expect(held([0.012, -0.008, 0.004], [0.0061, 0.0041, 0.0021], start)).toBe(true);
    expect(held([0.012, -0.008, 0.004], [0.0059, 0.0041, 0.0021], start)).toBe(false);
  });
});

describe('anchorSeeds: a smaller estate gets more seeds, so its trials are as precise', () => {
  it('24 from 1,000 flats up, proportionally more below, at most 64', () => {
    expect([4000, 1000, 800, 600, 400, 250, 100, 10].map(anchorSeeds)).toEqual([24, 24, 30, 40, 60, 64, 64, 64]);
  });
});

describe('anchorScenario', () => {
  const own = (over: Record<string, unknown> = {}) =>
    scenario({ name: 'own', years: 15, replications: 2, estates: [{ name: 'own', flats: 300, population: { resourceStrongShare: 0.4 } }], ...over });

  it('solves values that hold the estate far better than the first guess, within 3 points', () => {
    // at 20% the first guess drifts by about 8 points (at 30% by 1)
    const { scenario: sc, anchors } = anchorScenario(own({ estates: [{ name: 'own', flats: 300, population: { resourceStrongShare: 0.2 } }] }));
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
    expect(e.applicants.seniorShare).toBe(a.applicantSeniorShare);
    // the start's split of families was not given: solved with the resource-strong applicants' (splitFamilyCoordinate)
    expect(e.population.strongFamilyShare).toBe(a.residentStrongFamilyShare);
    expect(a.residentStrongFamilyShare).toBeLessThan(e.population.familyShare);
    // the retired adults are held too (within the search's bound, 10% of their start per household, over its weight 0.5)
    expect(Math.abs(a.driftAfter.retired)).toBeLessThan(0.2 * a.start.retired);
    // anchoring the result again changes nothing
    expect(anchorScenario(sc)).toEqual({ scenario: sc, anchors: [] });
  });

  it('holds an estate whose resource-strong residents come from its own job finding, not its applicants, through the attachment', () => {
    // 400 flats at 25%: about 1% of in-movers are resource-strong, and the share rises by residents
    // lifted into work, which only the attachment acts on (docs/ODD.md, "A search that stuck")
    const a = anchorScenario(own({ estates: [{ name: 'own', flats: 400, population: { resourceStrongShare: 0.25 } }] })).anchors[0]!;
    expect(a.converged).toBe(true);
    expect(a.attractiveness).toBe(-ANCHOR_ATTRACTIVENESS_LIMIT);
    expect(a.attachment).toBeLessThan(0.9);
    expect(Math.abs(a.driftAfter.resourceStrongShare)).toBeLessThan(0.015);
    expect(Math.abs(a.driftAfter.otherFamilies)).toBeLessThan(0.1 * a.start.otherFamilies);
  }, 60_000);

  it('depends only on the estate and the parameters: not on the name, seed, replications, years or levers', () => {
    const a = anchorScenario(own()).anchors[0]!;
    const b = anchorScenario(own({ name: 'other', seed: 99, replications: 5, years: 4, policies: [{ lever: 'extension', from: 2027 }] })).anchors[0]!;
    expect(b).toBe(a); // solved once: the same record
    const c = anchorScenario(own({ spiral: { imageOnApplicants: 5 } })).anchors[0]!;
    expect(c).not.toBe(a);
  });

  it("keeps a start's split of families the user gives, and solves only the applicants' share", () => {
    const given = own({ estates: [{ name: 'own', flats: 300, population: { resourceStrongShare: 0.4, strongFamilyShare: 0.3 } }] });
    const { scenario: sc, anchors } = anchorScenario(given);
    const a = anchors[0]!;
    expect(a.residentStrongFamilyShare).toBe(0.3);
    expect(sc.estates[0]!.population.strongFamilyShare).toBe(0.3);
    expect(sc.estates[0]!.applicants.strongFamilyShare).toBe(a.applicantStrongFamilyShare);
    // given or solved are different keys, even where the values agree
    expect(anchorKey(given, given.estates[0]!)).not.toBe(anchorKey(own(), own().estates[0]!));
  });

  it('starts the resource-strong couples as the baseline ends them, so the share of adults outside work holds', () => {
    // 1,000 flats: about 190 such couples per replication, a standard error of about 0.013 on a share over 8
    const { scenario: sc, anchors } = anchorScenario(own({ estates: [{ name: 'own', flats: 1000, population: { resourceStrongShare: 0.4 } }] }));
    const a = anchors[0]!;
    const p = sc.estates[0]!.population;
    expect(p.strongCouplesBothActive).toBe(a.residentCouplesBothActive);
    expect(p.strongCouplesFirstActive).toBe(a.residentCouplesFirstActive);
    // far from the draw's own assumption (the first adult always active, the second in 72% of couples)
    expect(a.residentCouplesBothActive).toBeLessThan(0.5);
    expect(a.residentCouplesFirstActive).toBeLessThan(0.7);
    // a fixed point: a baseline started from them ends them where it starts
    const start = [0, 0, 0];
    const end = [0, 0, 0];
    const outside = [0, 0];
    const reps = 8;
    for (let r = 0; r < reps; r++) {
      countCouples(initialWorld(sc, 500 + r), start);
      const res = simulate(sc, r, 500 + r, { atEnd: (w) => countCouples(w, end) });
      const at = (m: number) => res.metrics[m * NMETRIC + METRIC_INDEX.outsideWorkShare18to64!]!;
      outside[0]! += at(0) / reps;
      outside[1]! += at(res.months) / reps;
    }
    const both = (n: number[]) => n[0]! / (n[0]! + n[1]! + n[2]!);
    const first = (n: number[]) => n[1]! / (n[1]! + n[2]!);
    expect(Math.abs(both(start) - a.residentCouplesBothActive)).toBeLessThan(0.05);
    expect(Math.abs(both(end) - a.residentCouplesBothActive)).toBeLessThan(0.05);
    expect(Math.abs(first(end) - a.residentCouplesFirstActive)).toBeLessThan(0.08);
    // with the draw's own assumption it rose about 5 points in 8 years (the default estate)
    expect(Math.abs(outside[1]! - outside[0]!)).toBeLessThan(0.03);
  });

  it("starts the students, children per family, grown children at home, early retired, recently lifted, education and the heads' ages as the baseline ends them", () => {
    // 1,000 flats at 40%, 8 replications: each measured at the start (month 0) and the end (year 15)
    const { scenario: sc, anchors } = anchorScenario(own({ estates: [{ name: 'own', flats: 1000, population: { resourceStrongShare: 0.4 } }] }));
    const a = anchors[0]!;
    const p = sc.estates[0]!.population;
    for (const k of START_FIELDS) expect(p[k], k).toEqual(a.residentStart[k]);
    // far from the draw's own assumptions: students 6% of first adults of 27-59, no grown child
    // at home, half of those of 60-64 not in work retired, no one lifted
    expect(a.residentStart.strongStudentShare27to59).toBeGreaterThan(0.09);
    expect(a.residentStart.grownChildrenPerOther).toBeGreaterThan(0.1);
    expect(a.residentStart.earlyRetiredShare).toBeLessThan(0.3);
    expect(a.residentStart.liftedShare).toBeGreaterThan(0.15);
    // and fewer children per family than the applicants' draw (2.05 before the room limit)
    expect(a.residentStart.childrenPerFamily).toBeLessThan(1.95);
    // and more resource-strong adults with basic education only than the applicants' 25%: many were lifted into work
    expect(a.residentStart.basicEducationStartStrong).toBeGreaterThan(0.3);
    const measure = (w: Parameters<typeof countStudents>[0], n: number[][]) => {
      countStudents(w, n[0]!);
      countGrownChildren(w, n[1]!);
      countLifted(w, n[2]!);
      countHeadAges(w, n[3]!);
      countChildren(w, n[4]!);
      countEducation(w, n[5]!);
    };
    const fresh = () => [new Array(6).fill(0), new Array(4).fill(0), [0, 0], new Array(3 * HEAD_AGE_BANDS).fill(0), [0, 0], [0, 0, 0, 0]];
    const start = fresh();
    const end = fresh();
    for (let r = 0; r < 8; r++) {
      measure(initialWorld(sc, 500 + r), start);
      simulate(sc, r, 500 + r, { atEnd: (w) => measure(w, end) });
    }
    const shares = (n: number[][]) => [
      n[0]![3]! / n[0]![2]!,
      n[1]![3]! / n[1]![2]!,
      n[0]![5]! / n[0]![4]!,
      n[2]![1]! / n[2]![0]!,
      n[4]![1]! / n[4]![0]!,
      n[5]![1]! / n[5]![0]!,
      n[5]![3]! / n[5]![2]!,
    ];
    // a fixed point: the baseline started from them ends them where it starts (students 27-59,
    // grown children in other households, early retired, lifted, children under 18 per family),
    // within the noise of 8 runs
    const [s, e] = [shares(start), shares(end)];
    // children per family within 3% (drawn as applicants, as until 0.2.12, they fell 10%: 1.93 to 1.74 in the average preset)
    expect(Math.abs(s[4]! / e[4]! - 1), 'children per family').toBeLessThan(0.03);
    expect(Math.abs(s[0]! - e[0]!)).toBeLessThan(0.04);
    expect(Math.abs(s[1]! - e[1]!)).toBeLessThan(0.06);
    expect(Math.abs(s[2]! - e[2]!)).toBeLessThan(0.1);
    expect(Math.abs(s[3]! - e[3]!)).toBeLessThan(0.06);
    // basic education only among the adults of resource-strong and of other households, within 2 and 6
    // points: settled by the short trials before the search and then held (SETTLED_BEFORE_SEARCH),
    // so at the composition of those trials, not of the solution (others: 4.6 points off here);
    // started at the applicants' 25% and 62% instead, an own estate at 30% rose 13 points of its
    // 30-59-year-olds in 15 years
    expect(Math.abs(s[5]! - e[5]!), 'basic education, resource-strong').toBeLessThan(0.02);
    expect(Math.abs(s[6]! - e[6]!), 'basic education, others').toBeLessThan(0.06);
    // the heads' mean age of the families within a year of the end's (with the draw's own ranges
    // the families' heads started about 4 years younger), of all households within 1.5 years. Not
    // of the households of one and of two adults apart: how many seniors live alone is the type
    // mix's, not solved (singles start about 3.5 years younger, couples about 3 older), and it
    // moves the mean of all households too (0.4 years until 0.2.11; 1.0 since families with a head
    // over 55.9 are drawn with a child under 18, as they should be: docs/ODD.md, Initialization)
    const meanAge = (n: number[], kinds: number[]) => {
      const part = n.map((x, k) => (kinds.includes(Math.floor(k / HEAD_AGE_BANDS)) ? x : 0));
      return part.reduce((q, x, k) => q + x * (HEAD_AGE_FROM + ((k % HEAD_AGE_BANDS) + 0.5) * HEAD_AGE_BAND_YEARS), 0) / part.reduce((q, x) => q + x, 0);
    };
    expect(Math.abs(meanAge(start[3]!, [2]) - meanAge(end[3]!, [2])), 'families').toBeLessThan(1);
    expect(Math.abs(meanAge(start[3]!, [0, 1, 2]) - meanAge(end[3]!, [0, 1, 2])), 'all households').toBeLessThan(1.5);
  });

  it('keeps the couples the user gives', () => {
    const given = own({
      estates: [{ name: 'own', flats: 300, population: { resourceStrongShare: 0.4, strongCouplesBothActive: 0.7, strongCouplesFirstActive: 0.5 } }],
    });
    const { scenario: sc, anchors } = anchorScenario(given);
    expect(anchors[0]!.residentCouplesBothActive).toBe(0.7);
    expect(anchors[0]!.residentCouplesFirstActive).toBe(0.5);
    expect(sc.estates[0]!.population.strongCouplesBothActive).toBe(0.7);
  });

  it('leaves estates with anchor: false, and Schelling scenarios, as written', () => {
    const off = own({ estates: [{ name: 'own', flats: 300, anchor: false, attractiveness: -1.5 }] });
    const r = anchorScenario(off);
    expect(r.anchors).toEqual([]);
    expect(r.scenario).toBe(off);
    expect(r.scenario.estates[0]!.attractiveness).toBe(-1.5);
  });
});
