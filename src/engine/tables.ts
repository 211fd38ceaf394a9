/**
 * The rows of metrics.csv and moves.csv of one replication, as UTF-8 text, formatted where the
 * replication ran (on its worker thread) so that the ensemble can stream them to the files in
 * replication order (a public contract: add columns freely, rename or remove none without a note
 * in CHANGELOG.md). Numbers are written with a fixed number of decimals per metric, so the same
 * run gives byte-identical files.
 */
import { CHANNELS, KINDS, LIST_STATUS_NAMES, REASONS } from '../model/codes.js';
import { yearOfMonth } from '../model/calendar.js';
import { METRICS, NMETRIC } from '../model/reporters.js';
import type { ReplicationResult } from '../model/simulate.js';

/** Format a number with at most `digits` decimals, no trailing zeros, no "-0". */
export function fmt(v: number, digits: number): string {
  if (!Number.isFinite(v)) return '';
  // whole numbers (most cells: counts) print as they are (String(-0) is "0")
  if (Number.isInteger(v)) return String(v);
  if (digits === 0) return String(Math.round(v));
  const s = v.toFixed(digits);
  // below 1e9 with at most 6 decimals the rounded text has at most 15 significant digits,
  // which a double holds exactly: its shortest form, String(Number(s)), is s without trailing
  // zeros (cheaper to get by cutting them off; a test compares both ways)
  if (digits <= 6 && v < 1e9 && v > -1e9) return trimZeros(s);
  const t = String(Number(s));
  return t === '-0' ? '0' : t;
}

/** A decimal text (with a point) without its trailing zeros, nor a point left bare, nor "-0". */
function trimZeros(s: string): string {
  let end = s.length;
  while (s.charCodeAt(end - 1) === 48) end--; // '0'
  if (s.charCodeAt(end - 1) === 46) end--; // '.'
  const t = end === s.length ? s : s.slice(0, end);
  return t === '-0' ? '0' : t;
}

/**
 * CSV text built as UTF-8 bytes, whole numbers written digit by digit: V8 turns a number that is
 * not in its small cache into text at about five times the cost, and moves.csv and metrics.csv
 * are mostly such numbers (they took an eighth of a 64-replication run's time). `toString`
 * gives the text; it equals what `String` and `Array.prototype.join` would have made (tests).
 */
export class CsvText {
  private buf = new Uint8Array(1 << 16);
  private n = 0;

  private room(k: number): void {
    if (this.n + k <= this.buf.length) return;
    const b = new Uint8Array(Math.max(this.buf.length * 2, this.n + k));
    b.set(this.buf.subarray(0, this.n));
    this.buf = b;
  }

  /** One character of code below 128 (a comma, a newline). */
  char(code: number): void {
    this.room(1);
    this.buf[this.n++] = code;
  }

  /** A number as `String(v)` writes it (whole numbers within 32 bits digit by digit). */
  num(v: number): void {
    if (!Number.isInteger(v)) {
      this.text(String(v));
      return;
    }
    let x = v;
    if (x < 0) {
      this.char(45); // '-'
      x = -x;
    }
    if (x > 0x7fffffff) {
      this.text(String(x));
      return;
    }
    // in 32-bit integers, where dividing by 10 is a multiplication
    let y = x | 0;
    let digits = 1;
    for (let z = y; z >= 10; z = (z / 10) | 0) digits++; // (a power of ten above 2^31 would leave 32-bit integers)
    this.room(digits);
    let q = this.n + digits;
    this.n = q;
    do {
      const z = (y / 10) | 0;
      this.buf[--q] = 48 + y - z * 10;
      y = z;
    } while (y > 0);
  }

  /** A text, encoded as UTF-8. */
  text(s: string): void {
    this.room(s.length * 3); // UTF-8 takes at most 3 bytes per UTF-16 unit
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c >= 128) {
        this.n += utf8.encodeInto(s.slice(i), this.buf.subarray(this.n)).written;
        return;
      }
      this.buf[this.n++] = c;
    }
  }

  toString(): string {
    return utf8Text.decode(this.buf.subarray(0, this.n));
  }

  /** The bytes written, in an array of their own (a worker thread can transfer it). */
  bytes(): Uint8Array {
    return this.buf.slice(0, this.n);
  }
}

const utf8 = new TextEncoder();
const utf8Text = new TextDecoder();
const COMMA = 44;
const NEWLINE = 10;

export const METRICS_HEADER = ['replication', 'seed', 'month', 'year', 'estate', ...METRICS.map((m) => m.name), 'listStatus'];

/**
 * The columns metrics.csv has after `listStatus` in a run of Schelling scenarios (one row per
 * step), from the mechanism's neighbour counts: not in METRICS, so that a housing scenario's
 * metrics.csv keeps its columns. Digits as the shares of METRICS.
 */
export const SCHELLING_COLUMNS = [
  {
    name: 'similarShare',
    unit: 'share',
    description: 'Schelling scenarios: same-group neighbours over all neighbours, summed over the households (NetLogo\'s "% similar"), at the end of the step.',
  },
  {
    name: 'unhappyShare',
    unit: 'share',
    description:
      'Schelling scenarios: households with fewer neighbours of their own group than they want (they would move at the next step), over all households, at the end of the step.',
  },
] as const;
const SCHELLING_DIGITS = 6;

/** The header of metrics.csv: with the Schelling columns when a scenario of the run is a Schelling one. */
export const metricsHeader = (schelling: boolean): string[] => (schelling ? [...METRICS_HEADER, ...SCHELLING_COLUMNS.map((c) => c.name)] : METRICS_HEADER);
const STATUS_COL = METRICS.findIndex((m) => m.name === 'listStatusCode');
const DIGITS = Int32Array.from(METRICS, (m) => m.digits);

/**
 * The metrics.csv rows of one replication (no header); with `prefix`, each row starts with it
 * as a first cell (the scenario column of comparisons).
 */
export function metricsRows(res: ReplicationResult, startYear: number, prefix: string | null = null, schelling = res.schelling !== undefined): string {
  const t = new CsvText();
  writeMetricsRows(t, res, startYear, prefix, schelling);
  return t.toString();
}

/** `schelling`: write the Schelling columns (empty cells for a replication without them). */
function writeMetricsRows(t: CsvText, res: ReplicationResult, startYear: number, prefix: string | null, schelling: boolean): void {
  const nRows = res.rowNames.length;
  const trace = res.schelling;
  for (let m = 0; m <= res.months; m++) {
    const year = yearOfMonth(startYear, m);
    for (let r = 0; r < nRows; r++) {
      const o = (m * nRows + r) * NMETRIC;
      if (prefix !== null) {
        t.text(prefix);
        t.char(COMMA);
      }
      t.num(res.replication);
      t.char(COMMA);
      t.num(res.seed);
      t.char(COMMA);
      t.num(m);
      t.char(COMMA);
      t.num(year);
      t.char(COMMA);
      t.text(res.rowNames[r]!);
      for (let k = 0; k < NMETRIC; k++) {
        t.char(COMMA);
        const v = res.metrics[o + k]!;
        // whole numbers (most cells: counts) as `fmt` writes them, without making a text first
        if (Number.isInteger(v)) t.num(v);
        else t.text(fmt(v, DIGITS[k]!));
      }
      t.char(COMMA);
      t.text(LIST_STATUS_NAMES[res.metrics[o + STATUS_COL]!] ?? '');
      if (schelling) {
        t.char(COMMA);
        if (trace) t.text(fmt(trace.similar[m]!, SCHELLING_DIGITS));
        t.char(COMMA);
        if (trace) t.text(fmt(trace.unhappy[m]!, SCHELLING_DIGITS));
      }
      t.char(NEWLINE);
    }
  }
}

export const MOVES_HEADER = [
  'replication',
  'month',
  'year',
  'household',
  'kind',
  'reason',
  'stayMonths',
  'resourceStrong',
  'familyWithChildren',
  'fromFlat',
  'toFlat',
  'estate',
  'strongFamilyAtStart',
];

/** The header of moves.csv: with `group` (the mover's group, 0-based) when a scenario of the run is a Schelling one. */
export const movesHeader = (schelling: boolean): string[] => (schelling ? [...MOVES_HEADER, 'group'] : MOVES_HEADER);

/** The moves.csv rows of one replication (no header); `prefix` as in `metricsRows`. */
export function movesRows(res: ReplicationResult, startYear: number, prefix: string | null = null, schelling = res.schelling !== undefined): string {
  const t = new CsvText();
  writeMovesRows(t, res, startYear, prefix, schelling);
  return t.toString();
}

function writeMovesRows(t: CsvText, res: ReplicationResult, startYear: number, prefix: string | null, schelling: boolean): void {
  const L = res.log;
  const group = L.group;
  const cohort = new Set(res.startCohort);
  for (let k = 0; k < L.size; k++) {
    const kind = L.kind[k]!;
    const month = L.month[k]!;
    const from = L.from[k]!;
    const to = L.to[k]!;
    if (prefix !== null) {
      t.text(prefix);
      t.char(COMMA);
    }
    t.num(res.replication);
    t.char(COMMA);
    t.num(month);
    t.char(COMMA);
    t.num(yearOfMonth(startYear, month));
    t.char(COMMA);
    t.num(L.uid[k]!);
    t.char(COMMA);
    t.text(KINDS[kind] ?? '');
    t.char(COMMA);
    t.text((kind === 0 ? CHANNELS[L.reason[k]!] : REASONS[L.reason[k]!]) ?? '');
    t.char(COMMA);
    t.num(L.stay[k]!);
    t.char(COMMA);
    t.num(L.strong[k]!);
    t.char(COMMA);
    t.num(L.family[k]!);
    t.char(COMMA);
    if (from >= 0) t.num(from);
    t.char(COMMA);
    if (to >= 0) t.num(to);
    t.char(COMMA);
    t.text(res.rowNames[L.estate[k]!] ?? '');
    t.char(COMMA);
    t.num(cohort.has(L.uid[k]!) ? 1 : 0);
    if (schelling) {
      t.char(COMMA);
      if (group) t.num(group[k]!);
    }
    t.char(NEWLINE);
  }
}

/** How a replication's rows are wanted: the first cell of each row (or none), and whether moves.csv is written. */
export interface TableFormat {
  prefix: string | null;
  moves: boolean;
  /** Whether the files have the Schelling columns (`metricsHeader`, `movesHeader`); absent: false. */
  schelling?: boolean;
}

/** One replication's rows of metrics.csv and (when wanted) moves.csv, as UTF-8 bytes. */
export function tableChunks(res: ReplicationResult, startYear: number, f: TableFormat): { metrics: Uint8Array; moves: Uint8Array | null } {
  const t = new CsvText();
  writeMetricsRows(t, res, startYear, f.prefix, f.schelling === true);
  const metrics = t.bytes();
  if (!f.moves) return { metrics, moves: null };
  const v = new CsvText();
  writeMovesRows(v, res, startYear, f.prefix, f.schelling === true);
  return { metrics, moves: v.bytes() };
}
