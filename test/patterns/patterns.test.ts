/**
 * Pattern-oriented validation (docs/sources.md, P1-P7): every preset, 20 replications, each pattern
 * computed from the run's move log and metrics exactly as `npm run calibrate` prints it.
 * Needs the compiled engine (worker threads): `npm test` builds first.
 *
 * The patterns the model misses today (issue 23) are expected failures (`it.fails`): P1 and P4 in
 * ringparken-like (see MISSED) and P7 (22.1-23.0% of the tenancies ended by a move-out after
 * year 10 lasted 2-5 years against over 30%, a figure for the whole sector, which LBF's figures
 * for family dwellings rule out for hazards that do not rise with the stay: docs/ODD.md, "Stay
 * lengths"). When the model reproduces one, its test fails: move it out of `MISSED` then.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { calibrate } from '../../src/tools/calibrate.js';
import type { PatternResult } from '../../src/analysis/patterns.js';

let results: Record<string, PatternResult[]> = {};

beforeAll(async () => {
  results = await calibrate({ replications: 20, workers: 2 });
}, 600_000);

const PRESETS = ['average', 'aeblehaven-like', 'egedalsvaenge-like', 'ringparken-like'];

/**
 * Patterns the model misses today (issue 23): a pattern id (every preset) or preset:id. P1 is
 * missed in ringparken-like, at its edge: 39.6% of its leaving resource-strong families stayed 2
 * years or less (band 39.0-40.3%) against 40-60% (40.1% with 16 anchoring seeds, 38.7% in 0.2.12:
 * it moves with the anchor's solved values, no parameter was fitted to it); 43.7% in the average
 * preset, 45.2-47.8% in the other two, to which with the average the early-stay factor was
 * calibrated. P4's order is missed in ringparken-like: career 26%, partnership 17%,
 * dissatisfaction, safety and stigma 21%.
 */
const MISSED = new Set(['P7', 'ringparken-like:P1', 'ringparken-like:P4']);
const missed = (preset: string, id: string) => MISSED.has(id) || MISSED.has(`${preset}:${id}`);

const check = (preset: string, id: string) => () => {
  const p = results[preset]!.find((r) => r.id === id)!;
  expect(p, `${id} missing`).toBeDefined();
  expect(p.pass, `${p.title}: ${p.value.mean} (${p.detail ?? ''}); target ${p.target}`).toBe(true);
};

describe('the default model reproduces the patterns of the report and Danish statistics', () => {
  it('runs every preset', () => {
    expect(Object.keys(results).sort()).toEqual([...PRESETS].sort());
  });
  for (const preset of PRESETS) {
    for (const id of ['P1', 'P2', 'P3', 'P4', 'P7']) {
      if (missed(preset, id)) it.fails(`${preset}: ${id} (missed today, issue 23)`, check(preset, id));
      else it(`${preset}: ${id}`, check(preset, id));
    }
  }
  for (const id of ['P5', 'P6']) {
    if (missed('average', id)) it.fails(`average: ${id} (missed today, issue 23)`, check('average', id));
    else it(`average: ${id}`, check('average', id));
  }
  it('every band is a real band: the 5-95% bootstrap band of the checked value, not a point', () => {
    for (const preset of PRESETS)
      for (const p of results[preset]!) {
        expect(p.value.p5, `${preset} ${p.id}`).toBeLessThanOrEqual(p.value.mean);
        expect(p.value.p95, `${preset} ${p.id}`).toBeGreaterThanOrEqual(p.value.mean);
        if (p.id !== 'P6') expect(p.value.p95 - p.value.p5, `${preset} ${p.id}`).toBeGreaterThan(0);
      }
  });
});
