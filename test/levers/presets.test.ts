/**
 * Lever directions on every preset: the levers whose direction the report describes move their
 * metrics that way on each of the four preset estates too (weak and strong, listed and not), not
 * only on the small estate of direction.test.ts. Each preset runs as shipped (anchored), over 8
 * years on 16 paired replications, with the lever from 2027; baseline and lever share the seeds.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReplicationResult } from '../../src/model/simulate.js';
import { loadScenario } from '../../src/scenario/load.js';
import type { Policy } from '../../src/scenario/policies.js';
import type { Scenario } from '../../src/scenario/schema.js';
import { simulateAll } from '../helpers/ensemble.js';
import { at, inStrongShare, mean, sum } from '../helpers/levers.js';
import { SCENARIOS } from '../helpers/scenario.js';

const PRESETS = ['average', 'ringparken-like', 'aeblehaven-like', 'egedalsvaenge-like'];
/** 16: with 8, two checks whose effect is small against the noise of a preset (image work on the in-movers of egedalsvaenge-like, merged flats on the space exits of aeblehaven-like) went the wrong way on some seeds, and the right way over 32. */
const REPS = 16;
/** The levers below start in January 2027 = month 13 (the presets start in 2026). */
const FROM = 13;

type Runs = { base: ReplicationResult[]; lever: ReplicationResult[] };

/** Each lever with the direction it must move its metrics (the same levers and sizes as direction.test.ts). */
const CHECKS: { name: string; policies: Partial<Policy>[]; check: (r: Runs) => void; reps?: number }[] = [
  {
    name: 'larger flats (merge) cut crowding, and crowding exits while the merged flats are let',
    policies: [{ lever: 'largerFlats', from: 2027, mode: 'merge', count: 40, rooms: 4 }],
    // a small effect against the noise of a preset's space exits: in 2028-2029, on 160
    // replications (seed 11), 1236/1479, 996/1034, 1313/1387 and 1483/1751 (lever/baseline;
    // average, ringparken-like, aeblehaven-like, egedalsvaenge-like): −4% to −16%, the effect of
    // 2028 (−19% in aeblehaven-like) partly undone in 2029 by the new households in the small flats
    // the movers free. On 48 replications aeblehaven-like's went the wrong way (414/405), as did
    // one preset or another on 16 as the defaults changed. In ringparken-like it is smallest: few
    // of its families are resource-strong, and the others rarely leave for space. (The designation
    // itself raises space exits in 2027, +13-30%: designated tenants go first on the internal list.)
    reps: 160,
    // space exits: in 2028-2029 (see direction.test.ts for why not later)
    check: ({ base, lever }) => {
      expect(mean(lever, 'crowdedFamilies', 49)).toBeLessThan(mean(base, 'crowdedFamilies', 49));
      expect(sum(lever, 'exitsSpace', 25, 48)).toBeLessThan(sum(base, 'exitsSpace', 25, 48));
    },
  },
  {
    name: 'the internal list with swaps gives more internal moves',
    policies: [{ lever: 'internalList', from: 2027, enabled: true, share: 0.5, familyPriorityLarge: true, swapAnnual: 0.2 }],
    check: ({ base, lever }) => expect(sum(lever, 'internalMoves', FROM)).toBeGreaterThan(sum(base, 'internalMoves', FROM)),
  },
  {
    name: 'gardens lower garden exits',
    policies: [{ lever: 'gardens', from: 2027, privateGardens: 1, wishSatisfied: 0.5 }],
    check: ({ base, lever }) => expect(sum(lever, 'exitsGarden', FROM)).toBeLessThan(sum(base, 'exitsGarden', FROM)),
  },
  {
    name: 'ownership options lower ownership exits',
    policies: [{ lever: 'ownership', from: 2027, units: 60, price: 1_000_000, firstRight: true }],
    check: ({ base, lever }) => expect(sum(lever, 'exitsOwnership', FROM)).toBeLessThan(sum(base, 'exitsOwnership', FROM)),
  },
  {
    name: 'social activities lower move-outs',
    policies: [{ lever: 'socialActivities', from: 2027, volunteering: 4, ties: 2 }],
    check: ({ base, lever }) => expect(sum(lever, 'moveOuts', FROM)).toBeLessThan(sum(base, 'moveOuts', FROM)),
  },
  {
    name: 'work with vulnerable residents lowers social problems',
    policies: [{ lever: 'vulnerableWork', from: 2027, effect: 0.5 }],
    check: ({ base, lever }) => expect(mean(lever, 'socialProblems', 37)).toBeLessThan(mean(base, 'socialProblems', 37)),
  },
  {
    name: 'capping municipal allocation at 10% raises the resource-strong share of in-movers',
    policies: [{ lever: 'municipalAllocation', from: 2027, share: 0.1 }],
    check: ({ base, lever }) => expect(inStrongShare(lever, FROM)).toBeGreaterThan(inStrongShare(base, FROM)),
  },
  {
    // a listed or prevention area lets every vacancy flexibly already (ABL § 60, mandatory): there
    // the lever changes nothing
    name: 'flexible letting raises the resource-strong share of in-movers where it is not mandatory already',
    policies: [{ lever: 'flexibleLetting', from: 2027, share: 0.8, combinedLetting: false }],
    check: ({ base, lever }) => {
      const months = base.flatMap((r) => Array.from({ length: r.months - FROM + 1 }, (_, k) => at(r, 'listStatusCode', FROM - 1 + k)));
      if (months.every((s) => s >= 1)) expect(inStrongShare(lever, FROM)).toBe(inStrongShare(base, FROM));
      else expect(inStrongShare(lever, FROM)).toBeGreaterThan(inStrongShare(base, FROM));
    },
  },
  {
    name: 'facilities raise the image',
    policies: [{ lever: 'facilities', from: 2027, image: 0.1, crime: 0.2 }],
    check: ({ base, lever }) => expect(mean(lever, 'image', 37)).toBeGreaterThan(mean(base, 'image', 37)),
  },
  {
    name: 'image work raises the image and the resource-strong share of in-movers',
    policies: [{ lever: 'imageWork', from: 2027, boost: 0.2 }],
    check: ({ base, lever }) => {
      expect(mean(lever, 'image', 37)).toBeGreaterThan(mean(base, 'image', 37));
      expect(inStrongShare(lever, FROM)).toBeGreaterThan(inStrongShare(base, FROM));
    },
  },
  {
    name: 'a social programme lifts more households into work',
    policies: [{ lever: 'programme', from: 2027, boost: 2 }],
    check: ({ base, lever }) => expect(sum(lever, 'lifted', FROM)).toBeGreaterThan(sum(base, 'lifted', FROM)),
  },
  {
    name: 'extension lowers the exits of resource-strong families and raises the resource-strong share',
    policies: [{ lever: 'extension', from: 2027, group: 'resourceStrongFamilies', factor: 0.3 }],
    check: ({ base, lever }) => {
      expect(sum(lever, 'outResourceStrongFamilies', FROM)).toBeLessThan(sum(base, 'outResourceStrongFamilies', FROM));
      expect(mean(lever, 'resourceStrongShare', 60)).toBeGreaterThan(mean(base, 'resourceStrongShare', 60));
    },
  },
];

function preset(name: string, policies: Partial<Policy>[] = [], reps = REPS): Scenario {
  const sc = loadScenario(join(SCENARIOS, 'presets', `${name}.yaml`));
  return { ...sc, years: 8, replications: reps, seed: 11, policies: [...sc.policies, ...(policies as Policy[])] };
}

/**
 * Directions not reproduced today (issue 23), as `preset: check name`: expected failures, so that a
 * model that reproduces one fails its test (move it out then). None today.
 */
const MISSED = new Set<string>();

describe.each(PRESETS)('lever directions on the preset %s', (name) => {
  const base = simulateAll(preset(name));
  for (const c of CHECKS) {
    const run = () =>
      c.reps
        ? c.check({ base: simulateAll(preset(name, [], c.reps)), lever: simulateAll(preset(name, c.policies, c.reps)) })
        : c.check({ base, lever: simulateAll(preset(name, c.policies)) });
    if (MISSED.has(`${name}: ${c.name}`)) it.fails(`${c.name} (not reproduced today, issue 23)`, run);
    else it(c.name, run);
  }
});
