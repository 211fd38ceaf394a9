/**
 * Comparing scenarios with common random numbers: every scenario runs on the same
 * replication seeds, so replication i of a variant and of the baseline share their random
 * streams; the difference variant − baseline is taken per replication (paired) before the
 * mean, the 5-95% band and, at the horizon, the confidence interval of the mean are computed.
 * Pure computation on ensembles (no I/O).
 */
import { LIST_STATUS_NAMES } from '../model/codes.js';
import { METRICS, NMETRIC, yearlyUnit } from '../model/reporters.js';
import type { Ensemble } from '../engine/ensemble.js';
import { yearly } from '../model/digest.js';
import { meanInterval } from './inference.js';
import { type Summary, type YearBand, band, summarize } from './summary.js';

export interface Effect {
  variant: string;
  row: string;
  metric: string;
  unit: string;
  year: number;
  baseline: number;
  value: number;
  difference: number;
  /** 5th and 95th percentile of the per-replication differences: how much single runs vary. */
  p5: number;
  p95: number;
  /** 95% confidence interval of the mean difference (t-based): whether the effect is there; NaN with one replication. */
  ciLow: number;
  ciHigh: number;
  /** Standard deviation of the per-replication differences. */
  sd: number;
  /**
   * Of `listStatusCode` only (a code, whose mean over replications is no status): how many
   * replications of the baseline and of the variant have each list status at the horizon, by
   * code (index into LIST_STATUS_NAMES).
   */
  statuses?: { baseline: number[]; value: number[] };
}

/** How many of the replications have each list status (by code) in year y of row r (metric k, listStatusCode). */
export function statusCounts(replications: Ensemble['replications'], r: number, k: number, y: number): number[] {
  const counts = LIST_STATUS_NAMES.map(() => 0);
  for (const res of replications) {
    const c = Math.round(yearly(res, r, k, y));
    if (c >= 0 && c < counts.length) counts[c]!++;
  }
  return counts;
}

/** The most common list status of the counts (`statusCounts`); a tie goes to the more severe (higher code). */
export function modalStatus(counts: readonly number[]): (typeof LIST_STATUS_NAMES)[number] {
  let best = 0;
  counts.forEach((c, i) => {
    if (c >= counts[best]!) best = i;
  });
  return LIST_STATUS_NAMES[best]!;
}

export interface Comparison {
  baseline: string;
  variants: string[];
  replications: number;
  seeds: number[];
  startYear: number;
  years: number[];
  rows: string[];
  summaries: Record<string, Summary>;
  /** variant -> row -> metric -> paired difference by year */
  differences: Record<string, Record<string, Record<string, { unit: string; byYear: YearBand[] }>>>;
  /** Effects at the horizon (last year), for every variant, row and metric. */
  effects: Effect[];
}

/** Paired differences of each variant against the baseline. Ensembles must share seeds and rows. */
export function compareEnsembles(baseline: Ensemble, variants: Ensemble[]): Comparison {
  const b = baseline.replications;
  const nRows = b[0]!.rowNames.length;
  const rows = b[0]!.rowNames;
  const startYear = baseline.scenario.startYear;
  const nYears = b[0]!.years;
  const years = Array.from({ length: nYears }, (_, y) => startYear + y);
  const summaries: Record<string, Summary> = { [baseline.scenario.name]: summarize(baseline.scenario.name, startYear, b) };
  const differences: Comparison['differences'] = {};
  const effects: Effect[] = [];
  for (const v of variants) {
    const name = v.scenario.name;
    summaries[name] = summarize(name, startYear, v.replications);
    const byRow: Record<string, Record<string, { unit: string; byYear: YearBand[] }>> = {};
    for (let r = 0; r < nRows; r++) {
      const byMetric: Record<string, { unit: string; byYear: YearBand[] }> = {};
      for (let k = 0; k < NMETRIC; k++) {
        const m = METRICS[k]!;
        let lastDiffs: number[] = [];
        const byYear = years.map((year, y) => {
          const diffs = v.replications.map((res, i) => yearly(res, r, k, y + 1) - yearly(b[i]!, r, k, y + 1));
          lastDiffs = diffs;
          return { year, ...band(diffs) };
        });
        const ci = meanInterval(lastDiffs);
        byMetric[m.name] = { unit: yearlyUnit(m), byYear };
        const last = byYear[byYear.length - 1]!;
        const sb = summaries[baseline.scenario.name]!.metrics[rows[r]!]![m.name]!.byYear[nYears - 1]!;
        const sv = summaries[name]!.metrics[rows[r]!]![m.name]!.byYear[nYears - 1]!;
        effects.push({
          variant: name,
          row: rows[r]!,
          metric: m.name,
          unit: yearlyUnit(m),
          year: last.year,
          baseline: sb.mean,
          value: sv.mean,
          difference: last.mean,
          p5: last.p5,
          p95: last.p95,
          ciLow: ci.low,
          ciHigh: ci.high,
          sd: ci.sd,
          ...(m.name === 'listStatusCode' ? { statuses: { baseline: statusCounts(b, r, k, nYears), value: statusCounts(v.replications, r, k, nYears) } } : {}),
        });
      }
      byRow[rows[r]!] = byMetric;
    }
    differences[name] = byRow;
  }
  return {
    baseline: baseline.scenario.name,
    variants: variants.map((v) => v.scenario.name),
    replications: b.length,
    seeds: baseline.seeds,
    startYear,
    years,
    rows,
    summaries,
    differences,
    effects,
  };
}
