/**
 * The ensemble summary: for every row (estate or region), metric and simulated year, the
 * mean and the 5th and 95th percentiles over replications. Stocks, shares and levels are
 * taken at the end of the year (December); flows are summed over the year. `initial` holds
 * month 0.
 */
import { METRICS, NMETRIC, yearlyUnit } from '../model/reporters.js';
import { type ReplicationDigest, yearly } from '../model/digest.js';
import { DRIFT_METRICS, type DriftPath, type RowDrift, summaryDrifts } from './drift.js';

export { yearValue } from '../model/digest.js';

export interface Band {
  mean: number;
  p5: number;
  p95: number;
}

export interface YearBand extends Band {
  year: number;
}

export interface MetricSummary {
  unit: string;
  kind: string;
  description: string;
  initial: Band;
  byYear: YearBand[];
}

export interface Summary {
  scenario: string;
  replications: number;
  /**
   * Rows and metrics whose mean moves from month 0, at the end of any year, by more than the
   * thresholds of analysis/drift.ts (3 points of the resource-strong share or of the share outside
   * work, 10% of the families with children, of the resource-strong families or of the retired
   * adults); empty when the estate holds. Without levers: the baseline drifts.
   */
  drifts: RowDrift[];
  startYear: number;
  years: number[];
  rows: string[];
  /** rows -> metric -> summary */
  metrics: Record<string, Record<string, MetricSummary>>;
}

/** Percentile with linear interpolation between order statistics (R type 7). */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  if (n === 1) return sorted[0]!;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** Mean and 5-95% band of values. */
export function band(values: number[]): Band {
  const s = Float64Array.from(values).sort();
  let sum = 0;
  for (const v of values) sum += v;
  return { mean: values.length ? sum / values.length : NaN, p5: percentile(s, 0.05), p95: percentile(s, 0.95) };
}

export function summarize(name: string, startYear: number, results: ReplicationDigest[]): Summary {
  const first = results[0]!;
  const nRows = first.rowNames.length;
  const nYears = first.years;
  const years = Array.from({ length: nYears }, (_, y) => startYear + y);
  const metrics: Summary['metrics'] = {};
  // each replication's own values of the drift metrics, so that a drift within the replications'
  // noise is not reported (the same values the bands are made of)
  const samples: Record<string, Record<string, DriftPath>> = {};
  const drifting = new Set<string>(DRIFT_METRICS);
  for (let r = 0; r < nRows; r++) {
    const row: Record<string, MetricSummary> = {};
    const paths: Record<string, DriftPath> = {};
    for (let k = 0; k < NMETRIC; k++) {
      const m = METRICS[k]!;
      const initialValues = results.map((res) => yearly(res, r, k, 0));
      const yearValues = years.map((_, y) => results.map((res) => yearly(res, r, k, y + 1)));
      const byYear = years.map((year, y) => ({ year, ...band(yearValues[y]!) }));
      row[m.name] = { unit: yearlyUnit(m), kind: m.kind, description: m.description, initial: band(initialValues), byYear };
      if (drifting.has(m.name)) paths[m.name] = { initial: initialValues, byYear: yearValues };
    }
    metrics[first.rowNames[r]!] = row;
    samples[first.rowNames[r]!] = paths;
  }
  return {
    scenario: name,
    replications: results.length,
    drifts: summaryDrifts(first.rowNames, metrics, samples),
    startYear,
    years,
    rows: first.rowNames,
    metrics,
  };
}
