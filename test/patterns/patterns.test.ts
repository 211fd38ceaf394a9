/**
 * Pattern-oriented validation (docs/sources.md, P1-P6): every preset, 20 replications, each pattern
 * computed from the run's move log and metrics exactly as `npm run calibrate` prints it.
 * Needs the compiled engine (worker threads): `npm test` builds first.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { calibrate } from '../../src/tools/calibrate.js';
import type { PatternResult } from '../../src/analysis/patterns.js';

let results: Record<string, PatternResult[]> = {};

beforeAll(async () => {
  results = await calibrate({ replications: 20, workers: 2 });
}, 600_000);

const PRESETS = ['average', 'aeblehaven-like', 'egedalsvaenge-like', 'ringparken-like'];

describe('the default model reproduces the patterns of the report and Danish statistics', () => {
  it('runs every preset', () => {
    expect(Object.keys(results).sort()).toEqual([...PRESETS].sort());
  });
  for (const preset of PRESETS) {
    for (const id of ['P1', 'P2', 'P3', 'P4']) {
      it(`${preset}: ${id}`, () => {
        const p = results[preset]!.find((r) => r.id === id)!;
        expect(p, `${id} missing`).toBeDefined();
        expect(p.pass, `${p.title}: ${p.value.mean} (${p.detail ?? ''}); target ${p.target}`).toBe(true);
      });
    }
  }
  for (const id of ['P5', 'P6']) {
    it(`average: ${id}`, () => {
      const p = results.average!.find((r) => r.id === id)!;
      expect(p.pass, `${p.title}: ${p.value.mean} (${p.detail ?? ''}); target ${p.target}`).toBe(true);
    });
  }
});
