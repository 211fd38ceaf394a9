/**
 * The baseline's drift (analysis/drift.ts): read from a summary's metrics, row by row, against
 * the thresholds, and the command line's warning line.
 */
import { describe, expect, it } from 'vitest';
import { DRIFT_FAMILIES_RELATIVE, DRIFT_SHARE_POINTS, driftWarning, summaryDrifts } from '../../src/analysis/drift.js';
import type { Summary } from '../../src/analysis/summary.js';

/** A metric going from `a` at month 0 to `b` at the horizon. */
const m = (a: number, b: number) => ({
  unit: '',
  kind: 'stock',
  description: '',
  initial: { mean: a, p5: a, p95: a },
  byYear: [
    { year: 2026, mean: (a + b) / 2, p5: 0, p95: 0 },
    { year: 2027, mean: b, p5: b, p95: b },
  ],
});

describe('summaryDrifts', () => {
  const metrics: Summary['metrics'] = {
    held: { resourceStrongShare: m(0.4, 0.4 + DRIFT_SHARE_POINTS * 0.9), familiesWithChildren: m(200, 200 * (1 - DRIFT_FAMILIES_RELATIVE * 0.9)) },
    weak: { resourceStrongShare: m(0.3, 0.25), familiesWithChildren: m(200, 200), resourceStrongFamilies: m(40, 30) },
  };

  it('lists each row beyond a threshold, in row order, and none within them', () => {
    expect(summaryDrifts(['held', 'weak'], metrics)).toEqual([
      { row: 'weak', metric: 'resourceStrongShare', from: 0.3, to: 0.25 },
      { row: 'weak', metric: 'resourceStrongFamilies', from: 40, to: 30 },
    ]);
    expect(summaryDrifts(['held'], metrics)).toEqual([]);
    // a row the summary does not have is skipped
    expect(summaryDrifts(['nowhere'], metrics)).toEqual([]);
  });

  it("the command line's warning names the row, the metric, from, to, the horizon and the threshold; nothing when it holds", () => {
    const w = driftWarning(summaryDrifts(['weak'], metrics), 2041, (x) => x);
    expect(w).toBe(
      'warning: the baseline drifts — weak: resourceStrongShare 30% → 25% by 2041 (more than 3 points); weak: resourceStrongFamilies 40 → 30 by 2041 (more than 10%). Effects are differences from a moving baseline (docs/ODD.md, "Anchoring").\n',
    );
    expect(driftWarning([], 2041, (x) => x)).toBe('');
  });
});
