import { describe, expect, it } from 'vitest';
import {
  ANCHOR_WARN_PART,
  MOVE_OUT_RATE_FAMILY,
  MOVE_OUT_RATE_NOTE_FACTOR,
  MOVE_OUT_RATE_PLAUSIBLE_MAX,
  highTurnover,
  anchorLimitNote,
  anchorWarning,
  moveOutRate,
  turnoverWarning,
} from '../../src/analysis/plausibility.js';
import type { MetricSummary, Summary } from '../../src/analysis/summary.js';
import type { Anchor } from '../../src/model/anchor.js';

const band = (mean: number) => ({ mean, p5: mean, p95: mean });
const metric = (initial: number, byYear: number[]): MetricSummary => ({
  unit: 'count',
  kind: 'stock',
  description: '',
  initial: band(initial),
  byYear: byYear.map((v, i) => ({ year: 2026 + i, ...band(v) })),
});

/** A summary of one estate: households at month 0 and each December, move-outs summed over each year. */
const summaryOf = (households: number[], moveOuts: number[]): Summary => ({
  scenario: 'mine',
  replications: 4,
  drifts: [],
  startYear: 2026,
  years: moveOuts.map((_, i) => 2026 + i),
  rows: ['estate'],
  metrics: { estate: { households: metric(households[0]!, households.slice(1)), moveOuts: metric(0, moveOuts) } },
});

describe('the move-out rate a run had, and the warning when no Danish estate has it', () => {
  it('is each year’s move-outs over the households at its start, averaged over the years, without those demolition displaced', () => {
    // 100 households, then 200: 10/100 and 30/200
    expect(moveOutRate(summaryOf([100, 200, 200], [10, 30]), 'estate')).toBeCloseTo((0.1 + 0.15) / 2, 12);
    const demolished = summaryOf([100, 100, 40], [10, 70]);
    demolished.metrics.estate!.exitsDemolition = metric(0, [0, 60]);
    expect(moveOutRate(demolished, 'estate')).toBeCloseTo((0.1 + 0.1) / 2, 12);
    expect(turnoverWarning([demolished])).toBe('');
    expect(moveOutRate(summaryOf([100, 100], [10]), 'nowhere')).toBeNaN();
  });

  it("warns above youth housing's 40% a year, naming the scenario, the row and the rate, and not at LBF's 10%", () => {
    expect(turnoverWarning([summaryOf([100, 100], [10])])).toBe('');
    // at 40% itself, no warning (a note: below)
    expect(turnoverWarning([summaryOf([100, 100], [100 * MOVE_OUT_RATE_PLAUSIBLE_MAX])])).not.toContain('warning:');
    const w = turnoverWarning([summaryOf([100, 100], [10]), { ...summaryOf([100, 100, 100], [80, 90]), scenario: 'wild' }]);
    expect(w).toMatch(
      /^warning: households moved out at a rate no part of the Danish social housing stock has — scenario "wild", estate "estate": 85% a year \(LBF 2019/,
    );
    expect(w).not.toContain('"mine"');
    expect(w.endsWith('\n')).toBe(true);
  });

  it('notes a rate above twice a family estate’s (LBF: 10.4%) up to youth housing’s, apart from the warning', () => {
    // 20% is under 2 x 10.4%; 25% is over it; 85% is beyond youth housing's 40% (the warning)
    expect(turnoverWarning([summaryOf([100, 100], [20])])).toBe('');
    const n = turnoverWarning([summaryOf([100, 100], [25])]);
    expect(n).toMatch(
      /^note: households moved out at more than 2 times the rate of Danish family housing — scenario "mine", estate "estate": 25% a year \(LBF 2019: 10\.4%/,
    );
    expect(n).not.toContain('warning:');
    expect(n.endsWith('\n')).toBe(true);
    const both = turnoverWarning([summaryOf([100, 100], [25]), { ...summaryOf([100, 100, 100], [80, 90]), scenario: 'wild' }]);
    expect(
      both
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split(':')[0]),
    ).toEqual(['warning', 'note']);
    expect(highTurnover([summaryOf([100, 100], [25])])).toEqual([{ scenario: 'mine', row: 'estate', rate: 0.25, level: 'high' }]);
    expect(MOVE_OUT_RATE_NOTE_FACTOR * MOVE_OUT_RATE_FAMILY).toBeCloseTo(0.208, 12);
  });
});

describe('the warning for an anchor that did not hold its estate', () => {
  const shares = (rs: number, other: number, strong: number, retired: number) => ({
    resourceStrongShare: rs,
    otherFamilies: other,
    resourceStrongFamilies: strong,
    retired,
  });
  const anchor = (converged: boolean): Anchor =>
    ({
      estate: 'e',
      converged,
      trials: 10,
      start: shares(0.25, 0.25, 0.08, 0.2),
      driftBefore: shares(0.1, 0, 0, 0),
      driftAfter: shares(0.028, -0.04, 0.004, -0.03),
    }) as unknown as Anchor;

  it('is empty when every anchor held', () => {
    expect(anchorWarning([anchor(true)])).toBe('');
    expect(anchorWarning([])).toBe('');
  });

  it('is empty for a search that stopped with every drift within half its bound, and names one beyond it, a share or a count', () => {
    const small = { ...anchor(false), attractiveness: 1.2, attachment: 1, driftAfter: shares(0.0149, -0.0124, 0.0039, 0.0099) } as Anchor;
    expect(ANCHOR_WARN_PART).toBe(0.5);
    expect(anchorWarning([small])).toBe('');
    expect(anchorWarning([{ ...small, driftAfter: shares(-0.0151, 0, 0, 0) } as Anchor])).toContain('resource-strong share drifted −1.5 points');
    expect(anchorWarning([{ ...small, driftAfter: shares(0, 0, 0, 0.0101) } as Anchor])).toContain('retired adults +5%');
    expect(anchorWarning([{ ...small, driftAfter: shares(0, 0, -0.0041, 0) } as Anchor])).toContain('resource-strong families −5%');
    // a drift that rounds to zero has no sign
    const zero = anchorWarning([{ ...small, driftAfter: shares(-0.0151, -0.0001, -0.0001, 0) } as Anchor]);
    expect(zero).toContain('other families 0%, resource-strong families 0%');
    expect(zero).not.toContain('−0%');
    // from none or almost none: per household from and to, not "+4492%"
    const few = anchorWarning([{ ...small, start: shares(0, 0.5, 0, 0.001), driftAfter: shares(0, 0, 0, 0.0449) } as Anchor]);
    expect(few).toContain('resource-strong families 0.000 → 0.000 per household, retired adults 0.001 → 0.046 per household');
  });

  it('names the estate, why the search stopped and every drift left: the share in points, the families and retired adults relative to their start', () => {
    expect(anchorWarning([{ ...anchor(false), attractiveness: 1.2, attachment: 1 } as Anchor])).toBe(
      'warning: anchoring stopped before it held the estate — estate "e": the search used its 10 trials; with the solved values the resource-strong share drifted +2.8 points, other families −16%, resource-strong families +5%, retired adults −15% over the 15 years of its trials (it aims at 15% of the bounds, 3 points and 10%). The baseline may drift by as much (the report\'s appendix; docs/ODD.md, "Anchoring").\n',
    );
    expect(anchorWarning([{ ...anchor(false), attractiveness: 3, attachment: 20 } as Anchor])).toContain(
      'the search reached its limits (attractiveness +3, attachment 20.00)',
    );
    // an estate of a region, solved with the others
    expect(anchorWarning([{ ...anchor(false), attractiveness: 1.2, attachment: 1, together: ['A', 'C'] } as Anchor])).toContain(
      'estate "e" (solved together with "A", "C"): the search used its 10 trials',
    );
  });

  it('notes an estate held only at the lowest attractiveness (levers through who moves in have little to act on), not one at the highest', () => {
    const at = (attractiveness: number, estate = 'e') => ({ ...anchor(true), estate, attractiveness, attachment: 1 }) as Anchor;
    expect(anchorLimitNote([at(-2.9), at(3)])).toBe('');
    expect(anchorLimitNote([at(-3)])).toBe(
      'note: anchoring holds estate "e" only at the lowest attractiveness (−3): almost no resource-strong households apply there, so levers that act through who moves in (flexible letting, image work, allocation limits) have little to act on, and their effects say as much about this limit of the model as about the estate (the report\'s Findings; docs/ODD.md, "Anchoring").\n',
    );
    expect(anchorLimitNote([at(-3), at(1, 'f'), at(-3, 'g')])).toMatch(/^note: anchoring holds estates "e", "g" only/);
  });
});
