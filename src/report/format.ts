/**
 * Numbers in words: metric values in their unit, bands, paired differences and their intervals,
 * percentages and whole numbers, as the findings, the effects table and the charts' captions
 * print them.
 */
import type { Band } from '../analysis/summary.js';
import { isPercent, metric, metricUnit } from './charts/labels.js';

/** A metric value in its unit: shares in percent, counts whole, indices with two decimals. */
export function fmtValue(name: string, v: number): string {
  if (!Number.isFinite(v)) return 'n/a';
  if (isPercent(name)) return `${Math.round(v * 100)}%`;
  const m = metric(name);
  if (m.kind === 'stock' || m.kind === 'flow' || m.digits === 0) return fmtInt(v);
  return v.toFixed(2);
}

/** Mean with its 5-95% band, e.g. "47% (44-50%)" or "235 (220-250)". */
export function fmtBand(name: string, b: Band): string {
  const pct = isPercent(name);
  const strip = (s: string) => (pct ? s.replace('%', '') : s);
  const sep = b.p5 < 0 || b.p95 < 0 ? ' to ' : '-';
  return `${fmtValue(name, b.mean)} (${strip(fmtValue(name, b.p5))}${sep}${fmtValue(name, b.p95)})`;
}

/** A formatted number with its sign: "+" above 0, "−" below; a value that rounds to zero is written without one ("0.0", not "−0.0"). */
const signed = (s: string, v: number): string => {
  if (/^-?[0.]+$/.test(s)) return s.replace(/^-/, '');
  return v > 0 && !s.startsWith('-') ? `+${s}` : s.replace(/^-/, '−');
};

/** A difference band: mean and 5th/95th percentiles of the paired differences. */
export type DiffBand = { difference: number; p5: number; p95: number };

/**
 * Number formatter for differences: percentage points with one decimal for shares; counts
 * whole from 10 and with one decimal below; three decimals for indices and ratios.
 */
export function diffNumber(name: string): (v: number) => string {
  if (isPercent(name)) return (v) => signed((v * 100).toFixed(1), v);
  const m = metric(name);
  if (m.kind === 'stock' || m.kind === 'flow') return (v) => signed(v.toFixed(Math.abs(v) < 9.95 ? 1 : 0), v);
  return (v) => signed(v.toFixed(3), v);
}

/** A paired difference in its unit, e.g. "+6.0 percentage points" or "+25 households". */
export function fmtDiff(name: string, d: DiffBand): string {
  if (!Number.isFinite(d.difference)) return 'n/a';
  const n = diffNumber(name)(d.difference);
  if (isPercent(name)) return `${n} percentage points`;
  const m = metric(name);
  return m.kind === 'stock' || m.kind === 'flow' ? `${n} ${metricUnit(name)}` : n;
}

/** The confidence interval of the mean difference, e.g. "+4.9 to +5.6". */
export function fmtCi(name: string, e: { ciLow: number; ciHigh: number }): string {
  const num = diffNumber(name);
  return Number.isFinite(e.ciLow) && Number.isFinite(e.ciHigh) ? `${num(e.ciLow)} to ${num(e.ciHigh)}` : 'n/a';
}

/** The difference band, e.g. "5-95%: +4.1 to +7.9". */
export function fmtDiffBand(name: string, d: DiffBand): string {
  const num = diffNumber(name);
  if (!Number.isFinite(d.p5) || !Number.isFinite(d.p95)) return '5-95%: n/a';
  return `5-95%: ${num(d.p5)} to ${num(d.p95)}`;
}

export const pct = (v: number): string => (Number.isFinite(v) ? `${Math.round(v * 100)}%` : 'n/a');
export const pctBand = (b: Band): string => `${pct(b.mean)} (${pct(b.p5).replace('%', '')}-${pct(b.p95)})`;

/** Whole number with thousands separators (locale-independent), e.g. 1234.6 → "1,235". */
export function fmtInt(v: number): string {
  if (!Number.isFinite(v)) return 'n/a';
  const s = String(Math.round(Math.abs(v))).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (v < 0 && Math.round(Math.abs(v)) !== 0 ? '-' : '') + s;
}
