/**
 * The digest of a replication: what the summary, the comparison, the charts, the report and
 * the patterns read of it, and nothing more. A replication's full result (every month's
 * metrics, the whole move log) is reduced to its digest right where it ran, and dropped: an
 * ensemble keeps one digest per replication, so its memory grows by the digest's size per
 * replication (about 4.4 kB for the default scenario, 15 years; docs/performance.md) instead
 * of by the full result's (0.2 MB). metrics.csv and moves.csv, which need every month and move,
 * are written from the full result before it is dropped (output/pipeline.ts `openTables`).
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

/**
 * Ended tenancies by length (pattern P7; LBF 2019: over 30% of ended tenancies had lasted 2-5
 * years), in months: a tenancy is in band b when its length is at most TENANCY_BAND_MONTHS[b]
 * (and above the band before): 2 years or less, over 2 to 5 years, over 5 to 10, over 10.
 */
export const TENANCY_BAND_MONTHS = [24, 60, 120, Infinity] as const;
/** Names of the tenancy bands (`TENANCY_BAND_MONTHS`). */
export const TENANCY_BAND_NAMES = ['2 years or less', '2-5 years', '5-10 years', 'over 10 years'] as const;
/** Number of tenancy bands. */
export const NTENANCY = TENANCY_BAND_MONTHS.length;
/**
 * Ended tenancies are counted in the window after this month as well (`ReplicationDigest.tenancies`):
 * the longest finite band (10 years), so that no band's count depends on the lengths drawn for the
 * tenancies running at the start.
 */
export const TENANCY_WINDOW_MONTHS = 120;
/**
 * Ended tenancies of at most this many months are not counted (LBF Temastatistik 2020:7 leaves
 * out move-outs from dwellings let for at most one month).
 */
export const TENANCY_MIN_MONTHS = 1;

/** Move-outs of resource-strong families with children, from the move log. */
export interface LeaverCounts {
  /** Move-outs counted (0 when the log was off). */
  leavers: number;
  /** Of them, with a stay of at most SHORT_STAY_MONTHS months. */
  short: number;
  /**
   * The resource-strong families with children living in the estates at month 0 (the residents
   * when the run, and its levers, began: pattern P5), followed by identity (`startCohort`).
   */
  residentCohort: number;
  /** Of them, those who moved out during the run, whatever they were by then (a family whose children grew up leaves as a resident too). */
  residentAtStart: number;
  /** The months in which those residents moved out, summed (their time in the run until leaving: the exposure of the leavers among them, pattern P5). */
  residentAtStartMonths: number;
  /** Counts by stay in 1-year bins: bin b holds stays in (12b, 12(b+1)] months (0 months in bin 0); as long as the last bin used. */
  stayBins: Int32Array;
  /** Counts by exit reason (REASONS index). */
  reasons: Int32Array;
}

/**
 * The yearly values of every row and metric, column by column (a column: one row and metric,
 * years 0..years), each column in the smallest array that holds its values exactly: none when
 * all are 0, bytes, 16-bit or 32-bit integers when all are such integers (counts: most metrics),
 * else doubles. Of the 67 columns of a default replication, 12 are all 0, 45 small integers and
 * 10 doubles (shares and levels): about a quarter of the bytes of doubles throughout. All the
 * arrays are views of one buffer, the digest's (`pack`).
 */
export interface YearlyColumns {
  /** Per column (row x NMETRIC + metric): its array (`COLUMN` code) in the low 3 bits, its offset there above them. */
  index: Int32Array;
  f64: Float64Array;
  i32: Int32Array;
  u16: Uint16Array;
  u8: Uint8Array;
}

/** Where a column's values are (`YearlyColumns.index`, low 3 bits). */
export const COLUMN = { zero: 0, u8: 1, u16: 2, i32: 3, f64: 4 } as const;

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
   * For every row and metric, years + 1 values (read them with `yearly`): index 0 is month 0;
   * index y (1..years) is the value of year y as `yearValue` gives it (stocks, shares and
   * levels at the end of the year or the last month, flows summed over the year's months).
   */
  yearly: YearlyColumns;
  /** rows x NMETRIC: each metric summed over months 1..months, in month order (flow totals, mean stocks). */
  totals: Float64Array;
  /** Whether the replication kept its move log (output.moves); `leavers` counts nothing without it. */
  moveLog: boolean;
  leavers: LeaverCounts;
  /**
   * Ended tenancies of every household in every estate, from the move log (all 0 without it), by
   * length band (`TENANCY_BAND_MONTHS`): indices 0..NTENANCY-1 count the tenancies that began
   * after month 0, NTENANCY..2 NTENANCY-1 those already running at month 0 (their length includes
   * the time lived there before the start, drawn from `population.meanStayYears`), and
   * 2 NTENANCY..3 NTENANCY-1 every tenancy (of either kind) that ended after month
   * `TENANCY_WINDOW_MONTHS`: in that window every band is fully observed (a tenancy ending there
   * that lasted 10 years or less began after the start; one running at the start is over 10
   * years whatever was drawn for it), so it is a year's ended tenancies as LBF counts them, free
   * of the censoring that makes tenancies begun after the start look short. A tenancy is
   * one household's occupation of one flat, its length counted from the month it took the flat
   * (`tenancyCounts`). As in LBF's count of ended tenancies (Temastatistik 2020:7), only
   * tenancies ended by the household leaving the estate are counted, not those ended by a move
   * to another flat of the estate (internal move or swap: a new tenancy begins), and not those
   * of at most `TENANCY_MIN_MONTHS` month.
   */
  tenancies: Int32Array;
  /** Estate map snapshots (the first replication, when asked), as in the full result. */
  maps: MapSnapshot[];
  /** Flat geometry for the map (the first replication, when maps were asked). */
  geometry?: ReplicationResult['geometry'];
  /** Schelling scenarios: the shares by step and the grid snapshots (as in the full result). */
  schelling?: ReplicationResult['schelling'];
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
  // read once: the first replication's result has another shape (its geometry), and code
  // compiled for one shape reading the other is thrown away
  const metrics = res.metrics;
  const months = res.months;
  const nRows = res.rowNames.length;
  const years = Math.ceil(months / 12);
  const nCols = nRows * NMETRIC;
  const values = new Float64Array(nCols * (years + 1)); // column by column
  const totals = new Float64Array(nCols);
  yearsAndTotals(metrics, months, nCols, years, values, totals);
  const leavers = leaverCounts(res);
  const packed = pack(values, nCols, years + 1, totals, leavers.reasons, leavers.stayBins, tenancyCounts(res));
  const d: ReplicationDigest = {
    replication: res.replication,
    seed: res.seed,
    rowNames: res.rowNames,
    months: res.months,
    years,
    yearly: packed.yearly,
    totals: packed.totals,
    moveLog: res.log.enabled,
    leavers: { ...leavers, reasons: packed.reasons, stayBins: packed.stayBins },
    tenancies: packed.tenancies,
    maps: res.maps,
    // always present (undefined but in the first replication), so that every digest has one shape
    geometry: res.geometry,
    schelling: res.schelling,
  };
  return d;
}

/**
 * Each column's month 0 and yearly values into `values` (column by column) and its sum over
 * months 1..months into `totals`, summed as `yearValue` and the consumers sum: from 0, month
 * by month.
 */
function yearsAndTotals(metrics: Float64Array, months: number, nCols: number, years: number, values: Float64Array, totals: Float64Array): void {
  for (let col = 0; col < nCols; col++) {
    const flow = METRICS[col % NMETRIC]!.kind === 'flow';
    const c = col * (years + 1);
    values[c] = metrics[col]!;
    for (let y = 1; y <= years; y++) {
      const end = Math.min(months, y * 12);
      if (!flow) {
        values[c + y] = metrics[end * nCols + col]!;
        continue;
      }
      let s = 0;
      for (let m = (y - 1) * 12 + 1; m <= end; m++) s += metrics[m * nCols + col]!;
      values[c + y] = s;
    }
    let s = 0;
    for (let m = 1; m <= months; m++) s += metrics[m * nCols + col]!;
    totals[col] = s;
  }
}

/** The smallest array that holds every value of a column exactly. */
function columnKind(v: Float64Array, from: number, to: number): number {
  let kind: number = COLUMN.zero;
  for (let i = from; i < to; i++) {
    const x = v[i]!;
    // -0 and NaN are not integers here: doubles keep them as they are
    if (!Number.isInteger(x) || Object.is(x, -0)) return COLUMN.f64;
    if (x === 0) continue;
    const k = x > 0 && x < 0x100 ? COLUMN.u8 : x > 0 && x < 0x10000 ? COLUMN.u16 : x >= -0x80000000 && x < 0x80000000 ? COLUMN.i32 : COLUMN.f64;
    if (k === COLUMN.f64) return k;
    if (k > kind) kind = k;
  }
  return kind;
}

/**
 * The digest's numbers in one buffer (one allocation and one transfer per replication, not
 * one per array): the yearly columns (`nCols` of `len` values, given one after another in
 * `v`, each in the smallest array that holds it), the totals and the leavers' counts. Parts in
 * order of element size, so that each is aligned.
 */
function pack(v: Float64Array, nCols: number, len: number, totals: Float64Array, reasons: Int32Array, stayBins: Int32Array, tenancies: Int32Array) {
  const kinds = new Uint8Array(nCols);
  const count = [0, 0, 0, 0, 0];
  for (let c = 0; c < nCols; c++) {
    kinds[c] = columnKind(v, c * len, (c + 1) * len);
    count[kinds[c]!]!++;
  }
  const f64At = 0;
  const totalsAt = f64At + count[COLUMN.f64]! * len * 8;
  const indexAt = totalsAt + totals.length * 8;
  const i32At = indexAt + nCols * 4;
  const reasonsAt = i32At + count[COLUMN.i32]! * len * 4;
  const binsAt = reasonsAt + reasons.length * 4;
  const tenanciesAt = binsAt + stayBins.length * 4;
  const u16At = tenanciesAt + tenancies.length * 4;
  const u8At = u16At + count[COLUMN.u16]! * len * 2;
  const buffer = new ArrayBuffer(u8At + count[COLUMN.u8]! * len);
  const yearly: YearlyColumns = {
    index: new Int32Array(buffer, indexAt, nCols),
    f64: new Float64Array(buffer, f64At, count[COLUMN.f64]! * len),
    i32: new Int32Array(buffer, i32At, count[COLUMN.i32]! * len),
    u16: new Uint16Array(buffer, u16At, count[COLUMN.u16]! * len),
    u8: new Uint8Array(buffer, u8At, count[COLUMN.u8]! * len),
  };
  const next = [0, 0, 0, 0, 0];
  for (let c = 0; c < nCols; c++) {
    const kind = kinds[c]!;
    const o = next[kind]!;
    next[kind] = o + len;
    yearly.index[c] = o * 8 + kind;
    if (kind === COLUMN.zero) continue;
    const a = kind === COLUMN.u8 ? yearly.u8 : kind === COLUMN.u16 ? yearly.u16 : kind === COLUMN.i32 ? yearly.i32 : yearly.f64;
    for (let y = 0; y < len; y++) a[o + y] = v[c * len + y]!;
  }
  const out = {
    yearly,
    totals: new Float64Array(buffer, totalsAt, totals.length),
    reasons: new Int32Array(buffer, reasonsAt, reasons.length),
    stayBins: new Int32Array(buffer, binsAt, stayBins.length),
    tenancies: new Int32Array(buffer, tenanciesAt, tenancies.length),
  };
  out.totals.set(totals);
  out.reasons.set(reasons);
  out.stayBins.set(stayBins);
  out.tenancies.set(tenancies);
  return out;
}

function leaverCounts(res: ReplicationResult): LeaverCounts {
  const L = res.log;
  const bins: number[] = [];
  const reasons = new Int32Array(REASONS.length);
  let leavers = 0;
  let short = 0;
  let residentAtStart = 0;
  let residentAtStartMonths = 0;
  // the month-0 cohort by identity: a household of it counts once, when it first moves out
  const cohort = new Set(res.startCohort);
  for (let i = 0; i < L.size; i++) {
    if (L.kind[i] !== K.out || !cohort.delete(L.uid[i]!)) continue;
    residentAtStart++;
    residentAtStartMonths += L.month[i]!;
  }
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
  return { leavers, short, residentCohort: res.startCohort.length, residentAtStart, residentAtStartMonths, stayBins: Int32Array.from(bins), reasons };
}

/** The band (index into `TENANCY_BAND_MONTHS`) of a tenancy of `months` months. */
export function tenancyBand(months: number): number {
  let b = 0;
  while (months > TENANCY_BAND_MONTHS[b]!) b++;
  return b;
}

/**
 * Ended tenancies by length band (`ReplicationDigest.tenancies`), from the move log in its
 * order: the tenancies ended by a move-out (`out`) after more than `TENANCY_MIN_MONTHS` month.
 * A household's current tenancy began when it moved in (`in`), was formed in the estate
 * (`formed`) or moved within it (`internal`); a household with none of these before its move
 * has lived in its flat since before the start, for the logged stay (its `movedIn` and
 * `flatSince` are equal at month 0). The logged stay itself is not the tenancy's length after
 * an internal move (it counts from moving into the estate) nor for a grown child's household
 * (from the child's birth).
 */
function tenancyCounts(res: ReplicationResult): Int32Array {
  const L = res.log;
  const out = new Int32Array(3 * NTENANCY);
  const since = new Map<number, number>();
  for (let i = 0; i < L.size; i++) {
    const kind = L.kind[i]!;
    const uid = L.uid[i]!;
    const month = L.month[i]!;
    if (kind === K.in || kind === K.formed) {
      since.set(uid, month);
      continue;
    }
    if (kind === K.internal) {
      // a move within the estate: LBF does not count it as a move-out; a new tenancy begins
      since.set(uid, month);
      continue;
    }
    const start = since.get(uid) ?? month - L.stay[i]!;
    since.delete(uid);
    if (month - start <= TENANCY_MIN_MONTHS) continue;
    const band = tenancyBand(month - start);
    out[(start > 0 ? 0 : NTENANCY) + band]!++;
    if (month > TENANCY_WINDOW_MONTHS) out[2 * NTENANCY + band]!++;
  }
  return out;
}

/** Value of metric k for row r in year y of a digest (0: month 0; `ReplicationDigest.yearly`). */
export function yearly(d: ReplicationDigest, r: number, k: number, y: number): number {
  const cols = d.yearly;
  const code = cols.index[r * NMETRIC + k]!;
  const kind = code & 7;
  if (kind === COLUMN.zero) return 0;
  const i = (code >>> 3) + y;
  return kind === COLUMN.u8 ? cols.u8[i]! : kind === COLUMN.u16 ? cols.u16[i]! : kind === COLUMN.i32 ? cols.i32[i]! : cols.f64[i]!;
}

/** Metric k of row r summed over months 1..months (`ReplicationDigest.totals`). */
export const total = (d: ReplicationDigest, r: number, k: number): number => d.totals[r * NMETRIC + k]!;

/** The buffers of a digest a worker thread can transfer instead of copying: its numbers' and its maps' (not the geometry, which may share the world's). */
export function digestTransfer(d: ReplicationDigest): ArrayBuffer[] {
  const all = [
    d.yearly.index.buffer,
    d.totals.buffer,
    d.leavers.stayBins.buffer,
    d.leavers.reasons.buffer,
    d.tenancies.buffer,
    ...d.maps.map((m) => m.types.buffer),
    ...(d.schelling ? [d.schelling.similar.buffer, d.schelling.unhappy.buffer, d.schelling.gridSteps.buffer, d.schelling.grids.buffer] : []),
  ] as ArrayBuffer[];
  return [...new Set(all)];
}

/** Bytes a digest holds in its buffers (maps and geometry included). */
export function digestBytes(d: ReplicationDigest): number {
  const buffers = new Set<ArrayBufferLike>([
    d.yearly.index.buffer,
    d.totals.buffer,
    d.leavers.stayBins.buffer,
    d.leavers.reasons.buffer,
    d.tenancies.buffer,
    ...d.maps.map((m) => m.types.buffer),
  ]);
  if (d.geometry) for (const a of Object.values(d.geometry)) buffers.add(a.buffer);
  if (d.schelling) for (const a of [d.schelling.similar, d.schelling.unhappy, d.schelling.gridSteps, d.schelling.grids]) buffers.add(a.buffer);
  let n = 0;
  for (const b of buffers) n += b.byteLength;
  return n;
}
