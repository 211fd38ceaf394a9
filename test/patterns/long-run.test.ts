/**
 * The baseline over 50 years (issue 23, part 5: demography "bounded over 50"): an own estate of
 * 600 flats at 40% resource-strong with nothing else set, and the average preset, anchored as a
 * run anchors them (for 15 years), run without levers for 50 years, 20 replications (on 10 the
 * start's own noise, about 3% of the retired adults, decided their bound). At every
 * 5th year's end (means over the replications) the resource-strong share stays within 5 points of
 * month 0, and families with children, resource-strong families and retired adults within 25%
 * (relative). The anchor holds 15 years (own-estate.test.ts holds those to 3 points and 10%);
 * these wider bounds say that nothing runs away after them. Until the heads' ages at the start
 * were solved (0.2.10) the retired adults rose 18-26% by year 50. Until 0.2.7 (the other reasons for
 * moving cut by the ties, docs/ODD.md 7.6) the retired adults rose 55-65% by year 40 and the
 * families fell 16-23%: both failed. The figures printed are in docs/ODD.md ("Over 50 years").
 */
import { describe, expect, it } from 'vitest';
import { METRIC_INDEX, NMETRIC } from '../../src/model/reporters.js';
import { loadScenario } from '../../src/scenario/load.js';
import type { Scenario } from '../../src/scenario/schema.js';
import { simulateAll } from '../helpers/ensemble.js';
import { validated } from '../helpers/scenario.js';

const REPS = 20;
const YEARS = 50;
const SHARE_BOUND = 0.05;
const COUNT_BOUND = 0.25;

const CASES: [string, () => Scenario][] = [
  [
    'own estate, 600 flats, 40%',
    () => validated({ name: 'own-40', years: YEARS, replications: REPS, estates: [{ name: 'own', flats: 600, population: { resourceStrongShare: 0.4 } }] }),
  ],
  ['average', () => ({ ...loadScenario('scenarios/presets/average.yaml'), years: YEARS, replications: REPS, policies: [] })],
];

const COUNTS = ['familiesWithChildren', 'resourceStrongFamilies', 'retiredAdults'] as const;
const SHOWN = ['resourceStrongShare', ...COUNTS, 'outsideWorkShare18to64'] as const;

/**
 * Bounds missed today (issue 23), expected to fail: none. In 0.2.10 before the heads' ages were
 * solved the average preset's retired adults rose 26% by year 50 (the start's adults were younger
 * than the baseline's: docs/ODD.md, "Over 50 years"); since, they hold within a few per cent.
 */
const MISSED = new Set<string>([]);

/** Means over the replications at each year's end of the first row, per run: computed once per case, when its first test asks. */
const cache = new Map<string, (year: number, key: string) => number>();
function means(name: string, make: () => Scenario): (year: number, key: string) => number {
  let m = cache.get(name);
  if (!m) {
    const runs = simulateAll(make());
    m = (year, key) => runs.reduce((s, r) => s + r.metrics[year * 12 * r.rowNames.length * NMETRIC + METRIC_INDEX[key]!]!, 0) / runs.length;
    for (const key of SHOWN)
      console.log(
        `${name}, ${key}: ${[0, 5, 15, 30, 50].map((y) => m!(y, key).toFixed(key.endsWith('Share') || key.endsWith('18to64') ? 3 : 0)).join(' → ')} (years 0, 5, 15, 30, 50)`,
      );
    cache.set(name, m);
  }
  return m;
}

const MARKS = Array.from({ length: YEARS / 5 + 1 }, (_, k) => 5 * k);

describe(`the baseline over ${YEARS} years stays bounded (${REPS} replications, every 5th year)`, () => {
  for (const [name, make] of CASES) {
    it(`${name}: the resource-strong share within ${100 * SHARE_BOUND} points`, () => {
      const mean = means(name, make);
      const share0 = mean(0, 'resourceStrongShare');
      for (const y of MARKS) expect(Math.abs(mean(y, 'resourceStrongShare') - share0), `year ${y}`).toBeLessThanOrEqual(SHARE_BOUND);
    }, 120_000);
    for (const key of COUNTS) {
      const check = () => {
        const mean = means(name, make);
        const c0 = mean(0, key);
        for (const y of MARKS) expect(Math.abs(mean(y, key) / c0 - 1), `year ${y}`).toBeLessThanOrEqual(COUNT_BOUND);
      };
      const title = `${name}: ${key} within ${100 * COUNT_BOUND}%`;
      if (MISSED.has(`${name}/${key}`)) it.fails(`${title} (missed today, issue 23)`, check, 120_000);
      else it(title, check, 120_000);
    }
  }
});
