/**
 * The workers and simulation time a study's manifest.json gives (`timing`): one tally for the
 * sweep, the sensitivity analysis and the calibration (src/output/study.ts `EnsembleTally`), so
 * the three cannot count them differently.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EnsembleTally } from '../../src/output/study.js';

describe('EnsembleTally', () => {
  it('keeps the most workers any ensemble used, at least those chosen, and sums the simulation time', () => {
    const t = new EnsembleTally(1);
    expect([t.workers, t.simulateMs]).toEqual([1, 0]);
    // the ensemble that anchors the base scenario runs on more workers, the others on those chosen
    t.add({ simulateMs: 1200.5, workers: 2 });
    t.add({ simulateMs: 300.25, workers: 1 });
    t.add({ simulateMs: 0, workers: 1 });
    expect([t.workers, t.simulateMs]).toEqual([2, 1500.75]);
    const none = new EnsembleTally(4);
    none.add({ simulateMs: 10, workers: 1 });
    expect(none.workers).toBe(4);
  });

  it('is what the sweep, the sensitivity analysis and the calibration count with (no tally of their own)', () => {
    for (const file of ['src/output/study.ts', 'src/output/calibration.ts']) {
      const src = readFileSync(file, 'utf8');
      expect(src, file).not.toMatch(/(?<!this\.)simulateMs \+= /);
      expect(src, file).not.toMatch(/Math\.max\(used/);
    }
    expect(readFileSync('src/output/calibration.ts', 'utf8')).toMatch(/new EnsembleTally\(/);
    expect(readFileSync('src/output/study.ts', 'utf8').match(/new EnsembleTally\(/g)).toHaveLength(2);
  });
});
