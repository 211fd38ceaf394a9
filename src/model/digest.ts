/**
 * The digest of a replication: what the summary, the comparison, the charts, the report and
 * the patterns read of it, and nothing more. A replication's full result (every month's
 * metrics, the whole move log) is reduced to its digest right where it ran, and dropped: an
 * ensemble keeps one digest per replication, so its memory grows by the digest's size per
 * replication (about 9.5 kB for the default scenario, 15 years; docs/performance.md) instead
 * of by the full result's. metrics.csv and moves.csv, which need every month and move, are
 * written from the full result before it is dropped (engine/pipeline.ts `openTables`).
 *
 * Plain data of typed arrays, so that a worker thread can transfer it (`digestTransfer`).
 * Every number is computed exactly as the consumers computed it from the full result, in the
 * same order of summation, so that their outputs stay byte-identical.
 */
import { K, REASONS } from './codes.js';
import { METRICS, NMETRIC } from './reporters.js';
import type { MapSnapshot, ReplicationResult } from './simulate.js';

/** A leaving household's stay is short at 24 months or less (pattern P1, the report's mark). */
export const SHORT_STAY_MONTHS = 24;

/** Move-outs of resource-strong families with children, from the move log. */
export interface LeaverCounts {
  /** Move-outs counted (0 when the log was off). */
  leavers: number;
  /** Of them, with a stay of at most SHORT_STAY_MONTHS months. */
  short: number;
  /** Counts by stay in 1-year bins: bin b holds stays in (12b, 12(b+1)] months (0 months in bin 0); as long as the last bin used. */
  stayBins: Int32Array;
  /** Counts by exit reason (REASONS index). */
  reasons: Int32Array;
}

export interface ReplicationDigest {
  replication: number;
  seed: number;
  /** Names of the metric rows (as `ReplicationResult.rowNames`). */
  rowNames: string[];
  /** Months (steps) simulated. */
  months: number;
  /** Simulated years, counting a last partial one: ceil(months / 12). */
  years: number;
  /**
   * (years + 1) x rows x NMETRIC values: index 0 is month 0; index y (1..years) is the value
   * of year y as `yearValue` gives it (stocks, shares and levels at the end of the year or the
   * last month, flows summed over the year's months).
   */
  yearly: Float64Array;
  /** rows x NMETRIC: each metric summed over months 1..months, in month order (flow totals, mean stocks). */
  totals: Float64Array;
  /** Whether the replication kept its move log (output.moves); `leavers` is empty without it. */
  moveLog: boolean;
  leavers: LeaverCounts;
  /** Estate map snapshots (the first replication, when asked), as in the full result. */
  maps: MapSnapshot[];
  /** Flat geometry for the map (the first replication, when maps were asked). */
  geometry?: ReplicationResult['geometry'];
}

/** Value of metric k for row r in year y (1-based) of one replication's full result. */
export function yearValue(res: ReplicationResult, nRows: number, r: number, k: number, y: number): number {
  const kind = METRICS[k]!.kind;
  const at = (m: number) => res.metrics[(m * nRows + r) * NMETRIC + k]!;
  if (kind !== 'flow') return at(Math.min(res.months, y * 12));
  let s = 0;
  for (let m = (y - 1) * 12 + 1; m <= Math.min(res.months, y * 12); m++) s += at(m);
  return s;
}

/** Reduce a replication's full result to its digest. */
export function digest(res: ReplicationResult): ReplicationDigest {
  const nRows = res.rowNames.length;
  const years = Math.ceil(res.months / 12);
  const yearly = new Float64Array((years + 1) * nRows * NMETRIC);
  const totals = new Float64Array(nRows * NMETRIC);
  for (let r = 0; r < nRows; r++)
    for (let k = 0; k < NMETRIC; k++) {
      yearly[r * NMETRIC + k] = res.metrics[r * NMETRIC + k]!;
      for (let y = 1; y <= years; y++) yearly[(y * nRows + r) * NMETRIC + k] = yearValue(res, nRows, r, k, y);
      let s = 0;
      for (let m = 1; m <= res.months; m++) s += res.metrics[(m * nRows + r) * NMETRIC + k]!;
      totals[r * NMETRIC + k] = s;
    }
  const d: ReplicationDigest = {
    replication: res.replication,
    seed: res.seed,
    rowNames: res.rowNames,
    months: res.months,
    years,
    yearly,
    totals,
    moveLog: res.log.enabled,
    leavers: leaverCounts(res),
    maps: res.maps,
  };
  if (res.geometry) d.geometry = res.geometry;
  return d;
}

function leaverCounts(res: ReplicationResult): LeaverCounts {
  const L = res.log;
  const bins: number[] = [];
  const reasons = new Int32Array(REASONS.length);
  let leavers = 0;
  let short = 0;
  for (let i = 0; i < L.size; i++) {
    if (L.kind[i] !== K.out || L.strong[i] !== 1 || L.family[i] !== 1) continue;
    const stay = L.stay[i]!;
    const b = Math.max(0, Math.ceil(stay / 12) - 1);
    while (bins.length <= b) bins.push(0);
    bins[b]!++;
    leavers++;
    if (stay <= SHORT_STAY_MONTHS) short++;
    const r = L.reason[i]!;
    if (r < reasons.length) reasons[r]!++;
  }
  return { leavers, short, stayBins: Int32Array.from(bins), reasons };
}

/** Value of metric k for row r in year y of a digest (0: month 0; `ReplicationDigest.yearly`). */
export const yearly = (d: ReplicationDigest, r: number, k: number, y: number): number => d.yearly[(y * d.rowNames.length + r) * NMETRIC + k]!;

/** Metric k of row r summed over months 1..months (`ReplicationDigest.totals`). */
export const total = (d: ReplicationDigest, r: number, k: number): number => d.totals[r * NMETRIC + k]!;

/** The buffers of a digest a worker thread can transfer instead of copying (not the geometry, which may share the world's). */
export function digestTransfer(d: ReplicationDigest): ArrayBuffer[] {
  return [d.yearly.buffer as ArrayBuffer, d.totals.buffer as ArrayBuffer, d.leavers.stayBins.buffer as ArrayBuffer, d.leavers.reasons.buffer as ArrayBuffer, ...d.maps.map((m) => m.types.buffer as ArrayBuffer)];
}

/** Bytes a digest holds in its typed arrays (maps and geometry included). */
export function digestBytes(d: ReplicationDigest): number {
  let n = d.yearly.byteLength + d.totals.byteLength + d.leavers.stayBins.byteLength + d.leavers.reasons.byteLength;
  for (const m of d.maps) n += m.types.byteLength;
  if (d.geometry) for (const a of Object.values(d.geometry)) n += a.byteLength;
  return n;
}
