/**
 * CSV writers for metrics.csv and moves.csv (a public contract: add columns freely, rename or
 * remove none without a note in the README's changelog). Numbers are written with a fixed
 * number of decimals per metric, so the same run gives byte-identical files.
 */
import { CHANNELS, KINDS, LIST_STATUS_NAMES, REASONS } from '../model/codes.js';
import { yearOfMonth } from '../model/levers/index.js';
import { METRICS, NMETRIC } from '../model/reporters.js';
import type { ReplicationResult } from '../model/simulate.js';

/** Format a number with at most `digits` decimals, no trailing zeros, no "-0". */
export function fmt(v: number, digits: number): string {
  if (!Number.isFinite(v)) return '';
  const s = digits === 0 ? String(Math.round(v)) : String(Number(v.toFixed(digits)));
  return s === '-0' ? '0' : s;
}

export const METRICS_HEADER = ['replication', 'seed', 'month', 'year', 'estate', ...METRICS.map((m) => m.name), 'listStatus'];
const STATUS_COL = METRICS.findIndex((m) => m.name === 'listStatusCode');

/** The metrics.csv rows of one replication (no header). */
export function metricsRows(res: ReplicationResult, startYear: number): string {
  const nRows = res.rowNames.length;
  const out: string[] = [];
  for (let m = 0; m <= res.months; m++) {
    const year = yearOfMonth(startYear, m);
    for (let r = 0; r < nRows; r++) {
      const o = (m * nRows + r) * NMETRIC;
      const cells: string[] = [String(res.replication), String(res.seed), String(m), String(year), res.rowNames[r]!];
      for (let k = 0; k < NMETRIC; k++) cells.push(fmt(res.metrics[o + k]!, METRICS[k]!.digits));
      cells.push(LIST_STATUS_NAMES[res.metrics[o + STATUS_COL]!] ?? '');
      out.push(cells.join(','));
    }
  }
  return out.join('\n') + '\n';
}

export const MOVES_HEADER = ['replication', 'month', 'year', 'household', 'kind', 'reason', 'stayMonths', 'resourceStrong', 'familyWithChildren', 'fromFlat', 'toFlat', 'estate'];

/** The moves.csv rows of one replication (no header). */
export function movesRows(res: ReplicationResult, startYear: number): string {
  const L = res.log;
  const out: string[] = new Array(L.size);
  for (let k = 0; k < L.size; k++) {
    const kind = L.kind[k]!;
    const reason = kind === 0 ? CHANNELS[L.reason[k]!] : REASONS[L.reason[k]!];
    const from = L.from[k]!;
    const to = L.to[k]!;
    out[k] = [
      res.replication,
      L.month[k],
      yearOfMonth(startYear, L.month[k]!),
      L.uid[k],
      KINDS[kind],
      reason,
      L.stay[k],
      L.strong[k],
      L.family[k],
      from < 0 ? '' : from,
      to < 0 ? '' : to,
      res.rowNames[L.estate[k]!] ?? '',
    ].join(',');
  }
  return L.size > 0 ? out.join('\n') + '\n' : '';
}

export const EFFECTS_HEADER = ['variant', 'estate', 'metric', 'unit', 'year', 'baseline', 'variantValue', 'difference', 'differenceP5', 'differenceP95'];

/** effects.csv: paired effects at the horizon, one row per variant, estate and metric. */
export function effectsRows(c: { effects: { variant: string; row: string; metric: string; unit: string; year: number; baseline: number; value: number; difference: number; p5: number; p95: number }[] }): string {
  const q = (s: string) => (/[",]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return c.effects.map((e) => [e.variant, e.row, e.metric, q(e.unit), e.year, fmt(e.baseline, 6), fmt(e.value, 6), fmt(e.difference, 6), fmt(e.p5, 6), fmt(e.p95, 6)].join(',')).join('\n') + '\n';
}
