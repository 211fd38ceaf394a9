import { describe, expect, it } from 'vitest';
import { maxEndedShare } from '../../src/analysis/stay-lengths.js';
import { makeRng } from '../../src/model/rng.js';

/** A mixture's figures: move-out rate, residents over 25 years, share ended at 2-5 years. */
function figures(rates: number[], weights: number[]) {
  let mean = 0;
  let tail = 0;
  let band = 0;
  rates.forEach((r, k) => {
    mean += weights[k]! / r;
    tail += (weights[k]! * Math.exp(-25 * r)) / r;
    band += weights[k]! * (Math.exp(-2 * r) - Math.exp(-5 * r));
  });
  return { moveOutRate: 1 / mean, overShare: tail / mean, band };
}

describe('maxEndedShare: the most ended tenancies at 2-5 years that a move-out rate and a seniority allow', () => {
  it("with LBF's figures for family dwellings (10.4% a year, 10% over 25 years) it is 22.6%, short of P7's 30%", () => {
    const b = maxEndedShare({ moveOutRate: 0.104, overShare: 0.1 })!;
    expect(b.share).toBeCloseTo(0.2256, 3);
    // The mixture it returns meets both figures and has that share.
    const f = figures(b.rates, b.weights);
    expect(f.moveOutRate).toBeCloseTo(0.104, 6);
    expect(f.overShare).toBeCloseTo(0.1, 6);
    expect(f.band).toBeCloseTo(b.share, 9);
    expect(b.weights.reduce((s, w) => s + w, 0)).toBeCloseTo(1, 9);
  });

  it('a higher move-out rate or a longer tail of seniority allows more, never above one exponential length at its best (32.6%)', () => {
    const lbf = maxEndedShare({ moveOutRate: 0.104, overShare: 0.1 })!.share;
    expect(maxEndedShare({ moveOutRate: 0.128, overShare: 0.1 })!.share).toBeGreaterThan(lbf);
    expect(maxEndedShare({ moveOutRate: 0.104, overShare: 0.15 })!.share).toBeGreaterThan(lbf);
    const r = Math.log(5 / 2) / 3;
    const single = Math.exp(-2 * r) - Math.exp(-5 * r);
    for (const moveOutRate of [0.08, 0.104, 0.14, 0.3, 0.5])
      expect(maxEndedShare({ moveOutRate, overShare: 0.15 })?.share ?? 0).toBeLessThanOrEqual(single + 1e-12);
  });

  it('no mixture has fewer residents over 25 years than one exponential length with the same mean (7.4% at 10.4%)', () => {
    expect(maxEndedShare({ moveOutRate: 0.104, overShare: 0.06 })).toBeUndefined();
    expect(maxEndedShare({ moveOutRate: 0.104, overShare: 0.08 })).toBeDefined();
  });

  it("is at least the share of any mixture that meets the same figures (up to the grid's resolution)", () => {
    // Rates at least 1.5 times apart: a mixture of nearly equal rates is nearly one exponential
    // length, on the edge of what mixtures can meet, which a grid of rates reaches only roughly.
    const rng = makeRng(7, 'stay-lengths');
    const draw = (k: number): number[] => {
      for (;;) {
        const rates = Array.from({ length: k }, () => 0.01 * 100 ** rng()).sort((a, b) => a - b);
        if (rates.every((r, i) => i === 0 || r >= 1.5 * rates[i - 1]!)) return rates;
      }
    };
    for (let trial = 0; trial < 40; trial++) {
      const rates = draw(2 + Math.floor(rng() * 3));
      const raw = rates.map(() => rng());
      const sum = raw.reduce((s, w) => s + w, 0);
      const f = figures(
        rates,
        raw.map((w) => w / sum),
      );
      const b = maxEndedShare({ moveOutRate: f.moveOutRate, overShare: f.overShare });
      expect(b, `mixture ${trial}`).toBeDefined();
      expect(b!.share, `mixture ${trial}`).toBeGreaterThanOrEqual(f.band - 0.005);
    }
  });
});
