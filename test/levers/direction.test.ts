/**
 * Direction tests: each lever, on a small estate under common random numbers, moves the
 * metrics it acts on in the direction the report describes. Baseline and variant run on the
 * same replication seeds; the test compares paired totals over the replications.
 */
import { describe, expect, it } from 'vitest';
import { validate } from '../../src/scenario/dsl.js';
import { type Scenario, scenarioSchema } from '../../src/scenario/schema.js';
import type { Policy } from '../../src/scenario/policies.js';
import type { ReplicationResult } from '../../src/model/simulate.js';
import { CH, K } from '../../src/model/codes.js';
import { simulateAll } from '../helpers/ensemble.js';
import { at, inStrongShare, mean, sum } from '../helpers/levers.js';

const REPS = 8;

function scenario(over: Record<string, unknown> = {}, policies: unknown[] = []): Scenario {
  const { value, issues } = validate(
    scenarioSchema,
    { name: 'lever-test', years: 8, replications: REPS, seed: 11, estates: [{ name: 'e', flats: 500 }], policies, ...over },
    'direction.test',
  );
  if (issues.length) throw new Error(issues.map((i) => i.message).join('\n'));
  return value as Scenario;
}

/** Full results (the tests read months and moves), run as an ensemble runs them. */
async function pair(policies: Partial<Policy>[], over: Record<string, unknown> = {}): Promise<{ base: ReplicationResult[]; lever: ReplicationResult[] }> {
  return { base: simulateAll(scenario(over)), lever: simulateAll(scenario(over, policies)) };
}

const FROM = 13; // the levers below start in 2027 = month 13

describe('policy levers move their metrics in the direction the report describes', () => {
  it('larger flats (merge) make large flats out of small ones and cut crowding exits of families', async () => {
    // a smaller effect than most: more replications, so that noise does not hide it
    const reps = 32;
    const { base, lever } = await pair([{ lever: 'largerFlats', from: 2027, mode: 'merge', count: 40, rooms: 4 }], { replications: reps });
    expect(sum(lever, 'flatsMerged')).toBeGreaterThan(reps * 20);
    expect(mean(lever, 'flats', 60)).toBeLessThan(mean(base, 'flats', 60));
    // fewer crowded families once the merges are done (from 2030)
    expect(mean(lever, 'crowdedFamilies', 49)).toBeLessThan(mean(base, 'crowdedFamilies', 49));
    // and fewer families leave for lack of space while the merged flats are let (2028-2029: -40%
    // and -24% with 32 replications). Later the space exits are back at the baseline's (2030-2033:
    // 534 against 544): the small flats the movers free go to new households, who leave most
    // often a year or two into their stay (the early-stay factor), some of them for space.
    expect(sum(lever, 'exitsSpace', 25, 48)).toBeLessThan(sum(base, 'exitsSpace', 25, 48));
  });

  it('new large flats with a rent above the local level are let more slowly than at the ordinary rent', async () => {
    const cheap = await pair([{ lever: 'largerFlats', from: 2027, mode: 'build', count: 40, rooms: 5 }]);
    const dear = await pair([{ lever: 'largerFlats', from: 2027, mode: 'build', count: 40, rooms: 5, rent: 16_000 }]);
    expect(mean(cheap.lever, 'flats', 14)).toBeCloseTo(500 + 40, 5);
    expect(mean(dear.lever, 'vacantFlats', FROM)).toBeGreaterThan(mean(cheap.lever, 'vacantFlats', FROM));
  });

  it('the internal list with family priority and swaps by life phase gives more internal moves and swaps', async () => {
    const { base, lever } = await pair([{ lever: 'internalList', from: 2027, enabled: true, share: 0.5, familyPriorityLarge: true, swapAnnual: 0.2 }], {
      letting: { swapAnnual: 0 },
    });
    expect(sum(lever, 'swaps', FROM)).toBeGreaterThan(sum(base, 'swaps', FROM));
    expect(sum(lever, 'internalMoves', FROM)).toBeGreaterThan(sum(base, 'internalMoves', FROM));
  });

  it('switching the internal list off turns internal moves into exits', async () => {
    const { base, lever } = await pair([{ lever: 'internalList', from: 2027, enabled: false, share: 0.5, familyPriorityLarge: false, swapAnnual: 0 }]);
    expect(sum(lever, 'internalMoves', FROM + 1)).toBeLessThan(sum(base, 'internalMoves', FROM + 1));
    expect(sum(lever, 'exitsSpace', FROM) + sum(lever, 'exitsGarden', FROM)).toBeGreaterThan(sum(base, 'exitsSpace', FROM) + sum(base, 'exitsGarden', FROM));
  });

  it('gardens lower the exits of families who want a garden', async () => {
    const { base, lever } = await pair([{ lever: 'gardens', from: 2027, privateGardens: 1, wishSatisfied: 0.5 }]);
    expect(sum(lever, 'exitsGarden', FROM)).toBeLessThan(sum(base, 'exitsGarden', FROM));
  });

  it('renovation disrupts while the works last and binds residents afterwards', async () => {
    const { base, lever } = await pair([{ lever: 'renovation', from: 2027, until: 2029, disruption: 2, attachment: 0.7, attachmentYears: 10 }]);
    expect(sum(lever, 'moveOuts', 13, 36)).toBeGreaterThan(sum(base, 'moveOuts', 13, 36));
    expect(sum(lever, 'moveOuts', 49)).toBeLessThan(sum(base, 'moveOuts', 49));
  });

  it('ownership options sell units, and residents who want to own buy in the estate instead of leaving', async () => {
    const { base, lever } = await pair([{ lever: 'ownership', from: 2027, units: 60, price: 1_000_000, firstRight: true }]);
    expect(sum(lever, 'unitsSold')).toBe(REPS * 60);
    expect(sum(lever, 'lettingsSale')).toBeGreaterThan(0);
    expect(sum(lever, 'exitsOwnership', FROM)).toBeLessThan(sum(base, 'exitsOwnership', FROM));
  });

  it('AlmenBolig+ and social activities lower move-outs through volunteering and ties', async () => {
    for (const p of [
      { lever: 'almenBoligPlus' as const, from: 2027, rentDiscount: 0.1, engagement: 3 },
      { lever: 'socialActivities' as const, from: 2027, volunteering: 4, ties: 2 },
    ]) {
      const { base, lever } = await pair([p]);
      expect(sum(lever, 'moveOuts', FROM), p.lever).toBeLessThan(sum(base, 'moveOuts', FROM));
    }
  });

  it('work with vulnerable residents lowers social problems and crime', async () => {
    const { base, lever } = await pair([{ lever: 'vulnerableWork', from: 2027, effect: 0.5 }]);
    expect(mean(lever, 'crime', 37)).toBeLessThan(mean(base, 'crime', 37));
    expect(mean(lever, 'socialProblems', 37)).toBeLessThan(mean(base, 'socialProblems', 37));
  });

  it('municipal allocation of 10% instead of 25% raises the resource-strong share of in-movers', async () => {
    const { base, lever } = await pair([{ lever: 'municipalAllocation', from: 2027, share: 0.1 }]);
    expect(sum(lever, 'lettingsMunicipal', FROM)).toBeLessThan(sum(base, 'lettingsMunicipal', FROM));
    expect(inStrongShare(lever)).toBeGreaterThan(inStrongShare(base));
  });

  it('flexible letting raises the resource-strong share of in-movers', async () => {
    const { base, lever } = await pair([{ lever: 'flexibleLetting', from: 2027, share: 0.8, combinedLetting: false }]);
    expect(sum(lever, 'lettingsFlexible', FROM)).toBeGreaterThan(0);
    expect(inStrongShare(lever)).toBeGreaterThan(inStrongShare(base));
  });

  it('facilities raise the image and lower crime', async () => {
    const { base, lever } = await pair([{ lever: 'facilities', from: 2027, image: 0.1, crime: 0.2 }]);
    expect(mean(lever, 'image', 37)).toBeGreaterThan(mean(base, 'image', 37));
    expect(mean(lever, 'crime', 37)).toBeLessThan(mean(base, 'crime', 37));
  });

  const imageWork = async () => {
    const { base, lever } = await pair([{ lever: 'imageWork', from: 2027, boost: 0.2 }]);
    const exitRate = (rs: ReplicationResult[]) => sum(rs, 'outResourceStrongFamilies', FROM) / mean(rs, 'resourceStrongFamilies', FROM);
    return { base, lever, rise: inStrongShare(lever) / inStrongShare(base) - 1, fall: 1 - exitRate(lever) / exitRate(base) };
  };

  // Its effect on staying is not checked here. The image acts on staying through the
  // dissatisfaction hazard only (mechanisms/career.ts), and it rises slowly (a reputation sticks,
  // P6), so on this estate the dissatisfaction exits fall by about as much as their noise over 8
  // replications (354 against 352 on these seeds). The exit rate of all resource-strong families is
  // no test of it either: it also counts the newcomers image work brings, who leave more often early
  // in their stay (it rises by 0.3-1% over 8-32 replications). P5 (test/patterns) compares the
  // residents' exit rate, on the average preset over 20 replications.
  it('image work raises the image and the resource-strong share of in-movers', async () => {
    const { base, lever, rise } = await imageWork();
    expect(mean(lever, 'image', 37)).toBeGreaterThan(mean(base, 'image', 37));
    expect(rise).toBeGreaterThan(0.02);
  });

  // P5 on this estate (the in-mover effect at least twice the exit effect), with the exit rate of
  // all resource-strong families: test/patterns checks P5 on the average preset with the residents'.
  it('image work raises the resource-strong share of in-movers more than twice as much as it lowers the exit rate of resource-strong families (P5)', async () => {
    const { rise, fall } = await imageWork();
    expect(rise).toBeGreaterThan(2 * fall);
  });

  it('an upgrade with renaming lifts the image at once, more when renovation comes with it', async () => {
    const alone = await pair([{ lever: 'upgradeRename', from: 2027, jump: 0.2 }]);
    const withWorks = await pair([
      { lever: 'renovation', from: 2027, until: 2028, disruption: 1, attachment: 1, attachmentYears: 0 },
      { lever: 'upgradeRename', from: 2027, jump: 0.2 },
    ]);
    const jump = (p: { base: ReplicationResult[]; lever: ReplicationResult[] }) => mean(p.lever, 'image', 13, 13) - mean(p.base, 'image', 13, 13);
    expect(jump(alone)).toBeGreaterThan(0.05);
    expect(jump(withWorks)).toBeGreaterThan(jump(alone) * 1.5);
  });

  it('a social programme lifts residents into work: fewer adults outside work, more lifted households', async () => {
    const { base, lever } = await pair([{ lever: 'programme', from: 2027, boost: 2 }]);
    expect(sum(lever, 'lifted', FROM)).toBeGreaterThan(sum(base, 'lifted', FROM));
    expect(mean(lever, 'outsideWorkShare18to64', 49)).toBeLessThan(mean(base, 'outsideWorkShare18to64', 49));
  });

  it('extension lengthens the stay of resource-strong families and raises the resource-strong share', async () => {
    const { base, lever } = await pair([{ lever: 'extension', from: 2027, group: 'resourceStrongFamilies', factor: 0.3 }]);
    const stays = (rs: ReplicationResult[]) => {
      const v: number[] = [];
      for (const r of rs)
        for (let k = 0; k < r.log.size; k++)
          if (r.log.kind[k] === K.out && r.log.strong[k] && r.log.family[k] && r.log.month[k]! >= FROM) v.push(r.log.stay[k]!);
      v.sort((a, b) => a - b);
      return v[Math.floor(v.length / 2)]!;
    };
    expect(stays(lever)).toBeGreaterThan(stays(base));
    expect(sum(lever, 'outResourceStrongFamilies', FROM)).toBeLessThan(sum(base, 'outResourceStrongFamilies', FROM));
    expect(mean(lever, 'resourceStrongShare', 60)).toBeGreaterThan(mean(base, 'resourceStrongShare', 60));
  });

  it('dividing a listed estate into named sections leaves it on the list (§ 61 a: the contiguous area); physically separate sections under 1,000 residents leave it', async () => {
    const over = {
      classification: { ruleSet: '2018' },
      estates: [
        {
          name: 'e',
          flats: 1000,
          sections: 4,
          consecutiveListYears: 3,
          image: 0.25,
          population: { resourceStrongShare: 0.38, nonWesternShare: 0.62, basicEducationShareWeak: 0.85, basicEducationShareStrong: 0.45 },
        },
      ],
    };
    const named = await pair([{ lever: 'divideEstate', from: 2027 }], over);
    const separate = simulateAll(scenario(over, [{ lever: 'divideEstate', from: 2027, physicallySeparate: true }]));
    for (const r of named.base) expect(at(r, 'listStatusCode', 0)).toBe(4);
    // the first classification after the division (December 2027, month 24): named sections stay
    // one area, as listed as without the division; separate sections of about 500 residents are not classified
    for (let i = 0; i < REPS; i++) {
      expect(at(named.lever[i]!, 'listStatusCode', 24)).toBe(at(named.base[i]!, 'listStatusCode', 24));
      expect(at(separate[i]!, 'listStatusCode', 24)).toBe(0);
    }
    // over the following years (means of the status code: 2.6 without the division, 2.7 with named sections)
    expect(mean(named.lever, 'listStatusCode', 37)).toBeGreaterThan(mean(named.base, 'listStatusCode', 37) - 0.5);
    expect(mean(separate, 'listStatusCode', 37)).toBe(0);
  });

  it('demolition in a region of two estates removes flats and rehouses displaced households, more often in the similar estate', async () => {
    const estates = [
      { name: 'A', flats: 500, population: { resourceStrongShare: 0.35 } },
      { name: 'B', flats: 500, population: { resourceStrongShare: 0.4 } },
      { name: 'C', flats: 500, population: { resourceStrongShare: 0.75 } },
    ];
    const { base, lever } = await pair([{ lever: 'demolition', from: 2027, estate: 0, flats: 150 }], { estates });
    expect(mean(lever, 'flats', 14, undefined, 3)).toBe(1500 - 150);
    expect(sum(base, 'exitsDemolition', 1, undefined, 3)).toBe(0);
    expect(sum(lever, 'exitsDemolition', 1, undefined, 0)).toBeGreaterThan(REPS * 120);
    // where the relocated went: count `in` moves with reason relocation by destination estate
    const dest = [0, 0, 0];
    for (const r of lever) for (let k = 0; k < r.log.size; k++) if (r.log.kind[k] === K.in && r.log.reason[k] === CH.relocation) dest[r.log.estate[k]!]!++;
    expect(dest[0]! + dest[1]! + dest[2]!).toBeGreaterThan(0);
    // relocated households cluster in estates like the one they left (B is like A; C is not)
    expect(dest[1]!).toBeGreaterThan(dest[2]!);
  });
});
