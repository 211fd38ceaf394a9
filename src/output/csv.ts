/**
 * effects.csv: the paired effects of a comparison at the horizon (a public contract, like
 * metrics.csv and moves.csv, whose rows engine/tables.ts formats).
 */
import { type Comparison, modalStatus } from '../analysis/compare.js';
import { fmt } from '../engine/tables.js';
import { LIST_STATUS_NAMES } from '../model/codes.js';

/** `Share` and a list status's name with a capital: `ShareUdsat`. */
const shareColumn = (name: string) => `Share${name[0]!.toUpperCase()}${name.slice(1)}`;

/**
 * `differenceP5`, `differenceP95`: the 5-95% spread of the per-replication differences (how much
 * single runs vary); `ciLow`, `ciHigh`: the 95% confidence interval of the mean difference
 * (t-based; whether the effect is there; empty with one replication). The columns from
 * `baselineStatus` on are filled in the `listStatusCode` rows only (empty elsewhere): the list
 * status of most replications of each side at the horizon, and the share of replications in
 * each status, since the mean of the codes in `baseline`, `variantValue` and `difference` (kept
 * for the scripts that read them) is no status.
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
  'baselineStatus',
  'variantStatus',
  ...LIST_STATUS_NAMES.map((n) => `baseline${shareColumn(n)}`),
  ...LIST_STATUS_NAMES.map((n) => `variant${shareColumn(n)}`),
];

/** The empty status cells of a row of any metric but listStatusCode. */
const NO_STATUS = ','.repeat(2 + 2 * LIST_STATUS_NAMES.length);

/** The status cells of a listStatusCode row: both modal statuses, then each side's shares. */
function statusCells(s: { baseline: number[]; value: number[] } | undefined): string {
  if (!s) return NO_STATUS;
  const shares = (counts: number[]) => {
    const n = counts.reduce((a, b) => a + b, 0);
    return counts.map((c) => (n > 0 ? fmt(c / n, 6) : ''));
  };
  return ',' + [modalStatus(s.baseline), modalStatus(s.value), ...shares(s.baseline), ...shares(s.value)].join(',');
}

/** effects.csv: paired effects at the horizon, one row per variant, estate and metric. */
export function effectsRows(c: Pick<Comparison, 'effects'>): string {
  const q = (s: string) => (/[",]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return (
    c.effects
      .map(
        (e) =>
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
          ].join(',') + statusCells(e.statuses),
      )
      .join('\n') + '\n'
  );
}
