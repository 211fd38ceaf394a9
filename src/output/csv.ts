/**
 * effects.csv: the paired effects of a comparison at the horizon (a public contract, like
 * metrics.csv and moves.csv, whose rows engine/tables.ts formats).
 */
import type { Comparison } from '../analysis/compare.js';
import { fmt } from '../engine/tables.js';

/**
 * `differenceP5`, `differenceP95`: the 5-95% spread of the per-replication differences (how much
 * single runs vary); `ciLow`, `ciHigh`: the 95% confidence interval of the mean difference
 * (t-based; whether the effect is there; empty with one replication).
 */
export const EFFECTS_HEADER = [
  'variant',
  'estate',
  'metric',
  'unit',
  'year',
  'baseline',
  'variantValue',
  'difference',
  'differenceP5',
  'differenceP95',
  'ciLow',
  'ciHigh',
];

/** effects.csv: paired effects at the horizon, one row per variant, estate and metric. */
export function effectsRows(c: Pick<Comparison, 'effects'>): string {
  const q = (s: string) => (/[",]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return (
    c.effects
      .map((e) =>
        [
          e.variant,
          e.row,
          e.metric,
          q(e.unit),
          e.year,
          fmt(e.baseline, 6),
          fmt(e.value, 6),
          fmt(e.difference, 6),
          fmt(e.p5, 6),
          fmt(e.p95, 6),
          fmt(e.ciLow, 6),
          fmt(e.ciHigh, 6),
        ].join(','),
      )
      .join('\n') + '\n'
  );
}
