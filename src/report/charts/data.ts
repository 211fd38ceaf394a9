/**
 * The scenarios of the results and the points the charts draw: trajectories of stocks at
 * 1 January of each year, flows summed over each calendar year, rounded for embedding.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Results } from '../../output/pipeline.js';
import type { Ensemble } from '../../engine/ensemble.js';
import type { Summary } from '../../analysis/summary.js';
import { type ReplicationDigest, total, yearly } from '../../model/digest.js';
import { type Lang, texts } from '../i18n.js';

/** One chart of the report. */
export interface ChartDef {
  /** File name stem and DOM id: letters, digits and `-`. */
  id: string;
  /** Section heading in the report. */
  heading: string;
  /** Plain-language caption (also the spec's `description`). */
  caption: string;
  spec: TopLevelSpec;
}

/** One scenario of the results, with what the charts need. */
export interface ScenarioData {
  name: string;
  description: string;
  ensemble: Ensemble;
  summary: Summary;
  /** The metric row charts read (the estate, or "region"). */
  row: string;
  rowIndex: number;
}

/** Most estates of a region the list charts draw and the findings name one by one (beyond it, the region's row, or a count). */
export const ESTATE_SERIES_MAX = 6;

/** The same scenario read at another metric row (an estate of a region). */
export const atRow = (sd: ScenarioData, rowIndex: number): ScenarioData => ({ ...sd, row: sd.summary.rows[rowIndex]!, rowIndex });

/** A region's estate rows (every row but the last, the sum row "region"); none for a single estate. */
export const estateRows = (sd: ScenarioData): number[] => (sd.summary.rows.length > 1 ? sd.summary.rows.slice(0, -1).map((_, i) => i) : []);

/**
 * The series the list charts draw: a region is classified estate by estate (almenboligloven
 * § 61 a), and its sum row carries only its worst estate's status and criteria pooled over
 * estates no law classifies together; so each estate of a region is a series of its own (named
 * by the estate, or "scenario: estate" in a comparison). A single estate, or a region of more
 * than ESTATE_SERIES_MAX estate rows, is drawn as the scenarios are.
 */
export function estateSeries(sds: ScenarioData[]): { series: ScenarioData[]; perEstate: boolean } {
  const rows = estateRows(sds[0]!).length;
  if (rows < 2 || rows > ESTATE_SERIES_MAX) return { series: sds, perEstate: false };
  const series = sds.flatMap((sd) =>
    estateRows(sd).map((i) => {
      const at = atRow(sd, i);
      return { ...at, name: sds.length > 1 ? `${sd.name}: ${at.row}` : at.row };
    }),
  );
  return { series, perEstate: true };
}

/** Round for embedding: 6 significant digits, NaN/Infinity as null (JSON has no NaN). */
export const r6 = (v: number): number | null => (Number.isFinite(v) ? Number(v.toPrecision(6)) : null);

/** The scenarios of the results in order (baseline first), with their summaries. */
export function scenarioData(results: Results): ScenarioData[] {
  return results.ensembles.map((ensemble, i) => {
    const name = ensemble.scenario.name;
    const summary = results.comparison?.summaries[name] ?? (i === 0 ? results.summary : undefined);
    if (!summary) throw new Error(`charts: no summary for scenario "${name}"`);
    const rowIndex = summary.rows.length - 1;
    return { name, description: ensemble.scenario.description, ensemble, summary, row: summary.rows[rowIndex]!, rowIndex };
  });
}

/** Sum of a flow metric over all simulated months of one replication. */
export const flowTotal = (res: ReplicationDigest, r: number, k: number): number => total(res, r, k);

/** Value at the end of each simulated year (stocks and levels), or the initial state for index 0. */
export function yearEnds(res: ReplicationDigest, r: number, k: number, nYears: number): number[] {
  const out: number[] = [];
  for (let y = 0; y <= nYears; y++) out.push(yearly(res, r, k, y));
  return out;
}

export interface BandPoint {
  scenario: string;
  /** Year on the axis. */
  year: number;
  /** Tooltip text for the time point. */
  when: string;
  mean: number | null;
  p5: number | null;
  p95: number | null;
}

/** Trajectory of a stock/level/share at 1 January of each year (initial state first). */
export function stockPoints(sd: ScenarioData, name: string, lang: Lang = 'en'): BandPoint[] {
  const t = texts(lang).chart;
  const ms = sd.summary.metrics[sd.row]![name]!;
  const start = sd.summary.startYear;
  const pts: BandPoint[] = [
    { scenario: sd.name, year: start, when: t.initial(start), mean: r6(ms.initial.mean), p5: r6(ms.initial.p5), p95: r6(ms.initial.p95) },
  ];
  for (const b of ms.byYear) pts.push({ scenario: sd.name, year: b.year + 1, when: t.endOf(b.year), mean: r6(b.mean), p5: r6(b.p5), p95: r6(b.p95) });
  return pts;
}

/** Flow summed over each calendar year. */
export function flowPoints(sd: ScenarioData, name: string): BandPoint[] {
  return sd.summary.metrics[sd.row]![name]!.byYear.map((b) => ({
    scenario: sd.name,
    year: b.year,
    when: `${b.year}`,
    mean: r6(b.mean),
    p5: r6(b.p5),
    p95: r6(b.p95),
  }));
}

/** First and last year on the 1-January axis. */
export const stockDomain = (sds: ScenarioData[]): [number, number] => {
  const s = sds[0]!.summary;
  return [s.startYear, s.startYear + s.years.length];
};
export const flowDomain = (sds: ScenarioData[]): [number, number] => {
  const s = sds[0]!.summary;
  return [s.startYear, s.years[s.years.length - 1] ?? s.startYear];
};
