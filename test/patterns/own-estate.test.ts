/**
 * The baseline holds its demography (issue 23, "done when", and part 5): an own estate of 600
 * flats at 30%, 40% and 65% resource-strong with nothing else set (40 replications, OWN_REPS), and
 * every preset (20), anchored as a run anchors them, run without levers for 15 years. Month 180 against month
 * 0 (means over the replications): the resource-strong share of adults 22-59 moves at most 3
 * points; families with children, resource-strong families and retired adults at most 10%
 * (relative); and the share of adults 18-64 outside work or education (list criterion 1, which the
 * anchoring does not search on: the resource-strong couples' start holds it) at most 3 points,
 * the two shares at the end of every year too. Each bound is its own test, whose message carries
 * the measured value; the largest drift of each at any year's end is printed (the families and
 * the retired adults swing in the first years and come back by year 15: not bounded here, a known
 * limitation). The figures are in docs/ODD.md ("Anchoring", what it holds).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { METRIC_INDEX, NMETRIC } from '../../src/model/reporters.js';
import { loadScenario } from '../../src/scenario/load.js';
import type { Scenario } from '../../src/scenario/schema.js';
import { simulateAll } from '../helpers/ensemble.js';
import { validated } from '../helpers/scenario.js';

const REPS = 20;
/**
 * Replications of the own estates of 600 flats: as many simulated households as the presets' 20
 * of 1,000 flats, so that their means are about as noisy. On 20 the mean retired adults of a
 * 600-flat estate have a standard error of about 4% (the bound is 10%): the own 30% estate's first
 * 20 replications read +11% where 60 read +2.9% (0.2.16; nabolag run -n 60).
 */
const OWN_REPS = 40;
const YEARS = 15;
const MONTHS = YEARS * 12;

const own = (share: number): Scenario =>
  validated({ name: `own-${share}`, years: YEARS, replications: OWN_REPS, estates: [{ name: 'own', flats: 600, population: { resourceStrongShare: share } }] });
const preset = (name: string): Scenario => ({ ...loadScenario(`scenarios/presets/${name}.yaml`), years: YEARS, replications: REPS, policies: [] });

const CASES: [string, () => Scenario][] = [
  ['own estate, 600 flats, 30%', () => own(0.3)],
  ['own estate, 600 flats, 40%', () => own(0.4)],
  ['own estate, 600 flats, 65%', () => own(0.65)],
  ['average', () => preset('average')],
  ['ringparken-like', () => preset('ringparken-like')],
  ['aeblehaven-like', () => preset('aeblehaven-like')],
  ['egedalsvaenge-like', () => preset('egedalsvaenge-like')],
];

const KEYS = ['resourceStrongShare', 'familiesWithChildren', 'resourceStrongFamilies', 'retiredAdults', 'outsideWorkShare18to64'] as const;
type Key = (typeof KEYS)[number];
interface Measured {
  start: Record<Key, number>;
  end: Record<Key, number>;
  /** The mean at each year's end (December), years 1 to YEARS. */
  years: Record<Key, number>[];
}

/** Means over the replications of the first row (the estate) at month 0, at each year's end and at the last month. */
function measure(sc: Scenario): Measured {
  const runs = simulateAll(sc);
  const mean = (m: number, key: Key) => runs.reduce((s, r) => s + r.metrics[m * r.rowNames.length * NMETRIC + METRIC_INDEX[key]!]!, 0) / runs.length;
  const at = (m: number) => Object.fromEntries(KEYS.map((k) => [k, mean(m, k)])) as Record<Key, number>;
  return { start: at(0), end: at(MONTHS), years: Array.from({ length: YEARS }, (_, y) => at(12 * (y + 1))) };
}

/** The year (1 to YEARS) whose mean is furthest from month 0, and that distance (points for a share, relative for a count). */
function largest(m: Measured, key: Key, relative: boolean): { year: number; d: number } {
  let best = { year: 0, d: 0 };
  m.years.forEach((v, y) => {
    const d = relative ? (v[key] - m.start[key]) / m.start[key] : v[key] - m.start[key];
    if (Math.abs(d) > Math.abs(best.d)) best = { year: y + 1, d };
  });
  return best;
}

const measured = new Map<string, Measured>();

describe('the baseline holds its demography over 15 years (20 replications)', () => {
  // 7 estates x 20 replications of 15 years, and their anchoring: about 100 s on an idle 2-core machine
  beforeAll(() => {
    for (const [name, make] of CASES) measured.set(name, measure(make()));
    for (const [name, m] of measured) {
      const rel = (k: Key) => `${Math.round(m.start[k])} -> ${Math.round(m.end[k])} (${((100 * (m.end[k] - m.start[k])) / m.start[k]).toFixed(0)}%)`;
      const path = (k: Key, relative: boolean) => {
        const l = largest(m, k, relative);
        return `${relative ? `${(100 * l.d).toFixed(0)}%` : `${(100 * l.d).toFixed(1)} points`} in year ${l.year}`;
      };
      console.log(
        `${name}: share ${m.start.resourceStrongShare.toFixed(3)} -> ${m.end.resourceStrongShare.toFixed(3)}; families ${rel('familiesWithChildren')}; resource-strong families ${rel('resourceStrongFamilies')}; retired adults ${rel('retiredAdults')}; outside work ${m.start.outsideWorkShare18to64.toFixed(3)} -> ${m.end.outsideWorkShare18to64.toFixed(3)}`,
      );
      // the largest drift at any year's end (the bounds below hold the shares there too; the
      // families' and retired adults' swing in the first years is a known limitation: docs/ODD.md)
      console.log(
        `${name}, largest: share ${path('resourceStrongShare', false)}; outside work ${path('outsideWorkShare18to64', false)}; families ${path('familiesWithChildren', true)}; resource-strong families ${path('resourceStrongFamilies', true)}; retired adults ${path('retiredAdults', true)}`,
      );
    }
  }, 1_200_000);

  for (const [name] of CASES) {
    describe(name, () => {
      it('the resource-strong share moves at most 3 points', () => {
        const m = measured.get(name)!;
        const d = m.end.resourceStrongShare - m.start.resourceStrongShare;
        expect(Math.abs(d), `drift ${(100 * d).toFixed(1)} points`).toBeLessThanOrEqual(0.03);
      });
      it('the resource-strong share and the share outside work stay within 3 points at the end of every year', () => {
        const m = measured.get(name)!;
        for (const key of ['resourceStrongShare', 'outsideWorkShare18to64'] as const) {
          const l = largest(m, key, false);
          expect(Math.abs(l.d), `${key}: ${(100 * l.d).toFixed(1)} points in year ${l.year}`).toBeLessThanOrEqual(0.03);
        }
      });
      it('the share of adults 18-64 outside work moves at most 3 points', () => {
        const m = measured.get(name)!;
        const d = m.end.outsideWorkShare18to64 - m.start.outsideWorkShare18to64;
        expect(Math.abs(d), `drift ${(100 * d).toFixed(1)} points`).toBeLessThanOrEqual(0.03);
      });
      for (const [key, label] of [
        ['familiesWithChildren', 'families with children'],
        ['resourceStrongFamilies', 'resource-strong families'],
        ['retiredAdults', 'retired adults'],
      ] as const)
        it(`${label} move at most 10%`, () => {
          const m = measured.get(name)!;
          const d = (m.end[key] - m.start[key]) / m.start[key];
          expect(Math.abs(d), `drift ${(100 * d).toFixed(1)}%`).toBeLessThanOrEqual(0.1);
        });
    });
  }
});
