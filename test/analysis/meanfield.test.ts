/**
 * The mean field (src/analysis/meanfield.ts): the mathjs solver exactly on chains whose answer is
 * known, and the analytic cross-check of issue 23 (part 7): in a reduced configuration — household
 * types fixed (no demography, no elevator), one exit hazard, the extension lever's factor f on
 * resource-strong households, one letting channel (the waiting list) — the long-run simulated
 * share of resource-strong households equals the mean field's p = a'/(a' + (1 - a') f) within
 * 1.5 points, a' the realised share of resource-strong in-movers.
 */
import { describe, expect, it } from 'vitest';
import { stationary, turnoverMatrix, turnoverSteadyState } from '../../src/analysis/meanfield.js';
import { K } from '../../src/model/codes.js';
import { monthly, replicationSeed } from '../../src/model/rng.js';
import { initialWorld, simulate } from '../../src/model/simulate.js';
import { isResourceStrongHousehold } from '../../src/model/state.js';
import { scenario } from '../helpers/scenario.js';

describe('the solver', () => {
  it('solves a two-state chain exactly', async () => {
    const pi = await stationary([
      [0.9, 0.1],
      [0.5, 0.5],
    ]);
    expect(pi[0]).toBeCloseTo(5 / 6, 12);
    expect(pi[1]).toBeCloseTo(1 / 6, 12);
  });

  it('gives p = a / (a + (1 - a) f) for two types, whatever the letting rate', async () => {
    for (const [a, f, v] of [
      [0.3, 0.5, 1],
      [0.55, 0.25, 0.4],
      [0.1, 2, 0.05],
    ] as const) {
      const h = 0.02;
      const qA = 1 - Math.exp(-f * h);
      const qO = 1 - Math.exp(-h);
      const exact = a / qA / (a / qA + (1 - a) / qO);
      const s = await turnoverSteadyState({ exitHazards: [f * h, h], inShares: [a, 1 - a], letting: v });
      expect(s.shares[0]).toBeCloseTo(exact, 12);
      expect(s.shares[0]! + s.shares[1]!).toBeCloseTo(1, 12);
      // for small hazards, the closed form of docs/ODD.md
      expect(s.shares[0]).toBeCloseTo(a / (a + (1 - a) * f), 2);
    }
  });

  it('refuses what is not a chain', async () => {
    await expect(stationary([[0.5, 0.4]])).rejects.toThrow(/square/);
    await expect(
      stationary([
        [0.5, 0.4],
        [0.5, 0.5],
      ]),
    ).rejects.toThrow(/summing to 1/);
    expect(() => turnoverMatrix({ exitHazards: [0.1], inShares: [0.5, 0.5] })).toThrow(/same/);
    expect(() => turnoverMatrix({ exitHazards: [0.1, 0.1], inShares: [0.5, 0.6] })).toThrow(/sum to 1/);
    expect(() => turnoverMatrix({ exitHazards: [0.1, 0.1], inShares: [0.5, 0.5], letting: 0 })).toThrow(/letting/);
  });
});

/** Yearly probability of the one exit hazard of the reduced configuration. */
const EXIT_ANNUAL = 0.25;
const YEARS = 40;
/** Months before the in-movers and the share are measured (the start relaxes: 1 / (f x hazard) ≈ 16 years at f = 0.25). */
const SETTLE_MONTHS = 240;

function reduced(f: number) {
  return scenario({
    name: 'reduced',
    years: YEARS,
    replications: 2,
    seed: 5,
    estates: [{ name: 'reduced', flats: 1500, anchor: false, population: { resourceStrongShare: 0.5 } }],
    demography: { enabled: false },
    elevator: { enabled: false },
    social: { enabled: false },
    spiral: { enabled: false },
    career: {
      spaceAnnual: 0,
      familyMoreRoomAnnual: 0,
      gardenAnnual: 0,
      ownershipAnnual: 0,
      jobAnnual: 0,
      dissatisfactionAnnual: 0,
      safetyAnnual: 0,
      stigmaAnnual: 0,
      otherAnnual: EXIT_ANNUAL,
      earlyBoost: 0,
    },
    letting: { municipalShare: 0, internalList: false },
    policies: [{ lever: 'extension', group: 'resourceStrong', factor: f, from: 2026 }],
  });
}

/**
 * One replication: the mean share of resource-strong households after SETTLE_MONTHS (the stock
 * from the initial world, then the move log month by month) and the share of resource-strong
 * households among the in-movers over the same months.
 */
function measure(f: number, replication: number): { share: number; inShare: number; moveOuts: Record<string, number> } {
  const sc = reduced(f);
  const seed = replicationSeed(sc.seed, replication);
  const w0 = initialWorld(sc, seed);
  let n = 0;
  let nA = 0;
  for (let flat = 0; flat < w0.flats.n; flat++) {
    const i = w0.flats.occupant[flat]!;
    if (i < 0) continue;
    n++;
    if (isResourceStrongHousehold(w0.hh, i)) nA++;
  }
  const r = simulate(sc, replication, seed);
  const log = r.log;
  let j = 0;
  let sum = 0;
  let months = 0;
  let ins = 0;
  let insA = 0;
  const kinds: Record<string, number> = {};
  for (let m = 1; m <= r.months; m++) {
    for (; j < log.size && log.month[j]! <= m; j++) {
      const kind = log.kind[j]!;
      kinds[kind] = (kinds[kind] ?? 0) + 1;
      const d = kind === K.in ? 1 : kind === K.out ? -1 : 0;
      n += d;
      if (log.strong[j]) nA += d;
      if (kind === K.in && m > SETTLE_MONTHS) {
        ins++;
        if (log.strong[j]) insA++;
      }
    }
    if (m > SETTLE_MONTHS) {
      sum += nA / n;
      months++;
    }
  }
  return { share: sum / months, inShare: insA / ins, moveOuts: kinds };
}

describe('the simulation against the mean field (reduced configuration)', () => {
  it.each([1, 0.5, 0.25])('extension factor %s: the long-run share within 1.5 points of a / (a + (1 - a) f)', async (f) => {
    const runs = [measure(f, 0), measure(f, 1)];
    // only the one exit and the one channel happen: households move in and out, nothing else
    for (const r of runs) expect(Object.keys(r.moveOuts).sort()).toEqual([String(K.in), String(K.out)].sort());
    const share = (runs[0]!.share + runs[1]!.share) / 2;
    const a = (runs[0]!.inShare + runs[1]!.inShare) / 2;
    const h = -Math.log(1 - monthly(EXIT_ANNUAL));
    const mf = await turnoverSteadyState({ exitHazards: [f * h, h], inShares: [a, 1 - a] });
    expect(Math.abs(share - mf.shares[0]!)).toBeLessThan(0.015);
  });
});
