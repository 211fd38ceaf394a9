/**
 * Social life (src/model/mechanisms/social.ts): neighbour ties, volunteering, and the factor
 * by which they (with family nearby and children's friendships) lower move-out hazards.
 * Frozen parameters (test/helpers/scenario.ts). "Pinned" values were observed once and
 * written down to detect unintended changes; change them only on purpose.
 */
import { describe, expect, it } from 'vitest';
import { applyCareer, careerContext, estateOffer } from '../../../src/model/mechanisms/career.js';
import { applySocial, socialFactor, socialRates, tiesIn, tiesNow, untied } from '../../../src/model/mechanisms/social.js';
import { makeRng, monthly } from '../../../src/model/rng.js';
import { alive, emptyWorld, flow, place, tinyWorld, syntheticWorld } from '../../helpers/world.js';
import { B, H } from '../../../src/model/state.js';

describe('socialRates', () => {
  it('tie step and monthly volunteering rates', () => {
    const sc = tinyWorld(1).scenario;
    const r = socialRates(sc);
    expect(r.tieStep).toBe(1 - Math.exp(-sc.social.tieGrowthPerYear / 12));
    expect(r.volunteerStart).toBe(monthly(sc.social.volunteerStartAnnual));
    expect(r.volunteerStop).toBe(monthly(sc.social.volunteerStopAnnual));
    // pinned (frozen tieGrowthPerYear 0.3)
    expect(r.tieStep).toBeCloseTo(0.02469009, 8);
  });
});

describe('tiesIn: the ties of a month without storing them', () => {
  it('gives what tiesNow gives, leaves the stored ties alone, and the stored value for an earlier month', () => {
    const w = emptyWorld(2, [3]);
    const a = place(w, 0, { ties: 0.2 });
    const b = place(w, 1, { ties: 0.2 });
    const h = w.hh;
    h.i32[a * H.stride + H.tiesAt] = 10;
    h.i32[b * H.stride + H.tiesAt] = 10;
    const step = 0.03;
    const read = tiesIn(h, a, 17, step);
    expect(h.i32[a * H.stride + H.tiesAt]).toBe(10);
    expect(h.f32[a * H.stride + H.ties]).toBe(Math.fround(0.2));
    expect(read).toBe(tiesNow(h, b, 17, step));
    expect(read).toBe(Math.fround(1 - (1 - Math.fround(0.2)) * Math.pow(1 - step, 7)));
    // b is now stored as of month 17: earlier months read the stored value
    expect(tiesIn(h, b, 12, step)).toBe(h.f32[b * H.stride + H.ties]);
  });
});

describe('untied: Math.pow(1 - step, months) from a table', () => {
  it('gives the numbers Math.pow gives, for every gap up to 2,400 months and steps that change between calls', () => {
    const steps = [0.02469009, 0.03, 1 / 3, 0.0125];
    for (let d = 0; d <= 2400; d++) for (const step of steps) expect(untied(step, d)).toBe(Math.pow(1 - step, d));
    for (let d = 2400; d >= 0; d -= 7) for (const step of steps) expect(untied(step, d)).toBe(Math.pow(1 - step, d));
  });
});

describe('tiesIn: the growth factor from a table', () => {
  it('equals 1 - (1 - ties) x Math.pow(1 - step, months) for gaps up to 2,400 months and steps that change', () => {
    const w = emptyWorld(1, [3]);
    const a = place(w, 0, { ties: 0.1 });
    const h = w.hh;
    const rng = makeRng(5, 'ties');
    for (let k = 0; k < 20_000; k++) {
      const step = [0.02469009, 0.03, 0.0125, 1 / 3][k % 4]!;
      const ties = Math.fround(rng());
      const at = Math.floor(rng() * 100) - 50;
      const gap = k % 50 === 0 ? 2400 - (k % 7) : Math.floor(rng() * 400);
      h.f32[a * H.stride + H.ties] = ties;
      h.i32[a * H.stride + H.tiesAt] = at;
      expect(tiesIn(h, a, at + gap, step)).toBe(gap === 0 ? ties : Math.fround(1 - (1 - ties) * Math.pow(1 - step, gap)));
    }
  });
});

describe('applySocial', () => {
  it('ties grow towards 1: after a year from 0 they are 1 - exp(-tieGrowthPerYear)', () => {
    const w = emptyWorld(3, [3], { social: { tieGrowthPerYear: 0.3 } });
    const a = place(w, 0, { ties: 0 });
    const b = place(w, 1, { ties: 0.9 });
    const r = socialRates(w.scenario);
    const rng = makeRng(1, 'social');
    for (let m = 1; m <= 12; m++) {
      w.month = m;
      applySocial(w, r, rng);
    }
    expect(w.hh.f32[a * H.stride + H.ties]).toBeCloseTo(1 - Math.exp(-0.3), 6);
    expect(w.hh.f32[b * H.stride + H.ties]).toBeCloseTo(1 - 0.1 * Math.exp(-0.3), 6);
    for (let m = 13; m <= 600; m++) {
      w.month = m;
      applySocial(w, r, rng);
    }
    expect(w.hh.f32[a * H.stride + H.ties]!).toBeLessThanOrEqual(1);
    expect(w.hh.f32[a * H.stride + H.ties]!).toBeGreaterThan(0.999);
  });

  it('households start volunteering at the start rate and stop at the stop rate', () => {
    const w = emptyWorld(2, [3], { social: { volunteerStartAnnual: 1, volunteerStopAnnual: 0 } });
    const a = place(w, 0, { volunteer: 0 });
    applySocial(w, socialRates(w.scenario), makeRng(1, 'social'));
    expect(w.hh.u8[a * B.stride + B.volunteer]).toBe(1);
    const w2 = emptyWorld(2, [3], { social: { volunteerStartAnnual: 0, volunteerStopAnnual: 1 } });
    const b = place(w2, 0, { volunteer: 1 });
    const c = place(w2, 1, { volunteer: 0 });
    applySocial(w2, socialRates(w2.scenario), makeRng(1, 'social'));
    expect(w2.hh.u8[b * B.stride + B.volunteer]).toBe(0);
    expect(w2.hh.u8[c * B.stride + B.volunteer]).toBe(0);
  });
});

describe('socialFactor', () => {
  // no tie growth: the ties are those placed
  const social = { tieEffect: 1, familyNearbyFactor: 0.75, volunteerFactor: 0.6, childFriendsFactor: 0.85, tieGrowthPerYear: 0 };
  const w = emptyWorld(30, [4], { social });
  const f = (spec: Parameters<typeof place>[2]) => {
    const flat = alive(w).length;
    return socialFactor(w, place(w, flat, spec));
  };

  it('exact multipliers for each kind of tie', () => {
    expect(f({ ties: 0 })).toBe(1);
    expect(f({ ties: 0.5 })).toBeCloseTo(Math.exp(-0.5), 7);
    expect(f({ ties: 0, familyNearby: 1 })).toBe(0.75);
    expect(f({ ties: 0, volunteer: 1 })).toBe(0.6);
    expect(f({ ties: 0, children: [10], stayMonths: 24 })).toBe(0.85);
    expect(f({ ties: 0, children: [10, 12], stayMonths: 24 })).toBe(0.85); // once, not per child
    expect(f({ ties: 1, familyNearby: 1, volunteer: 1, children: [8], stayMonths: 60 })).toBeCloseTo(Math.exp(-1) * 0.75 * 0.6 * 0.85, 7);
  });

  it("children's friendships count only for school-age children (6-17) after more than a year", () => {
    expect(f({ ties: 0, children: [5], stayMonths: 24 })).toBe(1);
    expect(f({ ties: 0, children: [18], stayMonths: 24 })).toBe(1);
    expect(f({ ties: 0, children: [10], stayMonths: 12 })).toBe(1);
    expect(f({ ties: 0, children: [10], stayMonths: 13 })).toBe(0.85);
  });
});

describe('ties make households stay', () => {
  /** Move-outs in one month of n households with full ties and n without, for the one hazard `career` switches on. */
  function tiedAndLoose(career: Record<string, number>): { outTied: number; outLoose: number } {
    const n = 4000;
    const w = emptyWorld(2 * n, [2], {
      social: { tieEffect: 1, familyNearbyFactor: 1, volunteerFactor: 1, childFriendsFactor: 1 },
      career: { otherAnnual: 0, jobAnnual: 0, dissatisfactionAnnual: 0, earlyBoost: 0, ...career },
      letting: { swapAnnual: 0 },
    });
    const tied = new Set<number>();
    for (let f = 0; f < 2 * n; f++) {
      const i = place(w, f, { age: 40, ties: f % 2 ? 1 : 0, stayMonths: 120 });
      if (f % 2) tied.add(w.hh.i32[i * H.stride + H.uid]!);
    }
    applyCareer(w, careerContext(w, estateOffer(w)), makeRng(8, 'career'), []);
    let outTied = 0;
    let outLoose = 0;
    const L = w.log;
    for (let k = 0; k < L.size; k++)
      if (tied.has(L.uid[k]!)) outTied++;
      else outLoose++;
    expect(outTied + outLoose).toBe(flow(w, 'moveOuts'));
    return { outTied, outLoose };
  }

  it('households with full ties leave about exp(-tieEffect) times as often as those without', () => {
    const { outTied, outLoose } = tiedAndLoose({ dissatisfactionAnnual: 0.5 });
    expect(outLoose).toBeGreaterThan(150);
    expect(outTied / outLoose).toBeGreaterThan(0.25);
    expect(outTied / outLoose).toBeLessThan(0.5);
  });

  it('but as often for other reasons (health, a life event), which ties do not change', () => {
    const { outTied, outLoose } = tiedAndLoose({ otherAnnual: 0.5 });
    expect(outLoose).toBeGreaterThan(150);
    expect(outTied / outLoose).toBeGreaterThan(0.85);
    expect(outTied / outLoose).toBeLessThan(1.15);
  });
});

describe('pinned: one year of social life in a 120-flat estate (seed 5, frozen parameters, synthetic population)', () => {
  it('volunteers and mean ties', () => {
    const w = syntheticWorld(5);
    const r = socialRates(w.scenario);
    const rng = makeRng(5, 'social');
    const snapshot = () => {
      const hs = alive(w);
      return {
        volunteers: hs.filter((i) => w.hh.u8[i * B.stride + B.volunteer]).length,
        meanTies: Number((hs.reduce((s, i) => s + w.hh.f32[i * H.stride + H.ties]!, 0) / hs.length).toFixed(6)),
      };
    };
    const before = snapshot();
    for (let m = 1; m <= 12; m++) {
      w.month = m;
      applySocial(w, r, rng);
    }
    expect({ before, after: snapshot() }).toEqual({ before: { volunteers: 14, meanTies: 0.499125 }, after: { volunteers: 16, meanTies: 0.628942 } });
  });
});
