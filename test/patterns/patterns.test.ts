/**
 * Pattern-oriented validation (docs/sources.md, P1-P7): every preset, 20 replications, each pattern
 * computed from the run's move log and metrics exactly as `npm run calibrate` prints it.
 * Needs the compiled engine (worker threads): `npm test` builds first.
 *
 * The pattern the model misses today (issue 23) is an expected failure (`it.fails`): P7 (21.5-22.5%
 * of the tenancies ended by a move-out after year 10 lasted 2-5 years against over 30%, a figure
 * for the whole sector, which LBF's figures for family dwellings rule out for hazards that do not
 * rise with the stay: docs/ODD.md, "Stay lengths"). When the model reproduces it, its test fails:
 * move it out of `MISSED` then.
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
 * Patterns the model misses today (issue 23): a pattern id (every preset) or preset:id. Until
 * 0.2.14 P1 and P4 were missed in ringparken-like too (39.6% of its leaving resource-strong
 * families had stayed 2 years or less; partnership 17% of their exits, after dissatisfaction,
 * safety and stigma's 21%); since the break-ups and other reasons were refitted (0.2.15) it holds
 * both (41.6%; 27/24/22%): fitted to them, they are not evidence (docs/ODD.md, "What was fitted").
 */
const MISSED = new Set(['P7']);
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
