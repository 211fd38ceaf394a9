/**
 * CSV writers (src/engine/tables.ts, src/output/csv.ts): number formatting and the rows of metrics.csv and
 * moves.csv, on hand-made results with known text.
 */
import { describe, expect, it } from 'vitest';
import { CH, K, LIST_STATUS_NAMES, R } from '../../src/model/codes.js';
import { METRIC_INDEX, NMETRIC } from '../../src/model/reporters.js';
import type { ReplicationResult } from '../../src/model/simulate.js';
import { MoveLog } from '../../src/model/flows.js';
import { makeRng } from '../../src/model/rng.js';
import { CsvText, METRICS_HEADER, MOVES_HEADER, fmt, metricsRows, movesRows } from '../../src/engine/tables.js';

describe('fmt', () => {
  it('at most `digits` decimals, no trailing zeros', () => {
    expect(fmt(1.23456789, 6)).toBe('1.234568');
    expect(fmt(0.5, 6)).toBe('0.5');
    expect(fmt(2, 6)).toBe('2');
    expect(fmt(1.5, 2)).toBe('1.5');
    expect(fmt(1.005, 4)).toBe('1.005');
    expect(fmt(123456, 0)).toBe('123456');
    expect(fmt(0.0000004, 6)).toBe('0');
    expect(fmt(0.0000006, 6)).toBe('0.000001');
  });

  it('whole numbers round half up (Math.round)', () => {
    expect(fmt(2.5, 0)).toBe('3');
    expect(fmt(2.4999, 0)).toBe('2');
    expect(fmt(-2.5, 0)).toBe('-2');
  });

  it('no "-0"; non-finite numbers are empty cells', () => {
    expect(fmt(-0, 0)).toBe('0');
    expect(fmt(-0, 6)).toBe('0');
    expect(fmt(-0.0000001, 6)).toBe('0');
    expect(fmt(-0.4, 0)).toBe('0');
    expect(fmt(NaN, 6)).toBe('');
    expect(fmt(Infinity, 0)).toBe('');
    expect(fmt(-Infinity, 2)).toBe('');
  });
});

/** What `fmt` wrote before it cut trailing zeros off itself (the reference it must equal). */
const fmtByNumber = (v: number, digits: number): string => {
  if (!Number.isFinite(v)) return '';
  const s = digits === 0 ? String(Math.round(v)) : String(Number(v.toFixed(digits)));
  return s === '-0' ? '0' : s;
};

describe('fmt equals String(Number(v.toFixed(digits)))', () => {
  it('on 200,000 numbers of every size and sign, with 0 to 8 decimals', () => {
    const rng = makeRng(7, 'fmt');
    for (let k = 0; k < 200_000; k++) {
      const mag = Math.pow(10, Math.floor(rng() * 24) - 9); // 1e-9 .. 1e14
      let v = (rng() - 0.5) * 2 * mag;
      if (k % 7 === 0) v = Math.round(v * 1000) / 1000; // short decimals, ties and whole numbers
      if (k % 11 === 0) v = Math.round(v);
      const digits = k % 9;
      expect(fmt(v, digits), `fmt(${v}, ${digits})`).toBe(fmtByNumber(v, digits));
    }
  });

  it('at the edges: near 1e9, halves, tiny and negative zeros', () => {
    for (const v of [
      999999999.9999999,
      999999999.99999,
      -999999999.1234568,
      1e9 + 0.5,
      0.1 + 0.2,
      1 - 1e-7,
      -1e-7,
      5e-7,
      4.9999999e-7,
      0.0000015,
      123456.0000004,
      -0.5,
      2.675,
      1.0000005,
    ])
      for (let d = 0; d <= 8; d++) expect(fmt(v, d), `fmt(${v}, ${d})`).toBe(fmtByNumber(v, d));
  });
});

describe('CsvText', () => {
  it('writes numbers as String does: whole numbers of every size and sign, fractions, -0, non-finite', () => {
    const rng = makeRng(3, 'csvtext');
    const values = [
      0,
      -0,
      1,
      -1,
      9,
      10,
      99,
      100,
      2147483647,
      2147483648,
      -2147483648,
      -2147483649,
      4294967295,
      1e15 - 1,
      1e15,
      1e21,
      1e22,
      0.5,
      -0.25,
      1e-7,
      NaN,
      Infinity,
      -Infinity,
    ];
    for (let k = 0; k < 20_000; k++) values.push(Math.floor((rng() - 0.5) * Math.pow(10, 1 + (k % 16))));
    const t = new CsvText();
    for (const v of values) {
      t.num(v);
      t.char(44);
    }
    expect(t.toString()).toBe(values.map((v) => String(v) + ',').join(''));
  });

  it('writes text as UTF-8 and gives it back unchanged, across its growth', () => {
    const parts = ['east', 'Østerbro/2', 'Gellerupparken', 'Æblehaven — syd', 'emoji 🏠 ok', ''];
    const t = new CsvText();
    let want = '';
    for (let k = 0; k < 10_000; k++) {
      const p = parts[k % parts.length]!;
      t.text(p);
      t.char(10);
      want += p + '\n';
    }
    expect(t.toString()).toBe(want);
  });
});

/** A hand-made result of 13 months. */
function result(log: MoveLog, value: (m: number, k: number) => number, rowNames = ['east'], startCohort = new Int32Array(0)): ReplicationResult {
  const months = 13;
  const metrics = new Float64Array((months + 1) * rowNames.length * NMETRIC);
  for (let m = 0; m <= months; m++)
    for (let r = 0; r < rowNames.length; r++) for (let k = 0; k < NMETRIC; k++) metrics[(m * rowNames.length + r) * NMETRIC + k] = value(m, k);
  return { replication: 2, seed: 99, rowNames, months, metrics, log, startCohort, maps: [] };
}

describe('metricsRows', () => {
  const H = METRIC_INDEX.households!;
  const SHARE = METRIC_INDEX.resourceStrongShare!;
  const STATUS = METRIC_INDEX.listStatusCode!;
  const res = result(new MoveLog(true), (m, k) => (k === H ? 500 + m : k === SHARE ? 1 / 3 : k === STATUS ? (m >= 12 ? 2 : 0) : 0));
  const text = metricsRows(res, 2026);
  const lines = text.trimEnd().split('\n');
  const col = (name: string) => METRICS_HEADER.indexOf(name);

  it('one row per month (and row), as many cells as the header, ending in a newline', () => {
    expect(text.endsWith('\n')).toBe(true);
    expect(lines.length).toBe(14);
    for (const l of lines) expect(l.split(',').length).toBe(METRICS_HEADER.length);
    expect(METRICS_HEADER.slice(0, 5)).toEqual(['replication', 'seed', 'month', 'year', 'estate']);
    expect(METRICS_HEADER.at(-1)).toBe('listStatus');
    expect(METRICS_HEADER.length).toBe(5 + NMETRIC + 1);
  });

  it('cells: replication, seed, month, calendar year, estate, formatted metrics, status name', () => {
    const c0 = lines[0]!.split(',');
    expect(c0.slice(0, 5)).toEqual(['2', '99', '0', '2026', 'east']);
    expect(c0[col('households')]).toBe('500');
    expect(c0[col('resourceStrongShare')]).toBe('0.333333');
    expect(c0[col('listStatus')]).toBe('none');
    const c12 = lines[12]!.split(',');
    expect(c12.slice(2, 4)).toEqual(['12', '2026']); // month 12 is December of the first year
    expect(c12[col('listStatus')]).toBe(LIST_STATUS_NAMES[2]);
    const c13 = lines[13]!.split(',');
    expect(c13.slice(2, 4)).toEqual(['13', '2027']);
    expect(c13[col('households')]).toBe('513');
  });

  it('several rows per month (estates and region), in row order', () => {
    const r2 = result(new MoveLog(true), () => 1, ['a', 'b', 'region']);
    const names = metricsRows(r2, 2026)
      .trimEnd()
      .split('\n')
      .slice(0, 6)
      .map((l) => l.split(',')[4]);
    expect(names).toEqual(['a', 'b', 'region', 'a', 'b', 'region']);
  });
});

describe('movesRows', () => {
  it('one row per move: channel as reason for in, exit reason for out, empty flats where none; 1 for a household of the month-0 cohort', () => {
    const log = new MoveLog(true);
    log.push(1, 17, K.in, CH.municipal, 0, true, false, -1, 4, 0);
    log.push(12, 18, K.out, R.space, 30, true, true, 5, -1, 0);
    log.push(13, 19, K.internal, R.swap, 40, false, true, 6, 7, 0);
    log.push(25, 20, K.formed, R.childLeftHome, 0, false, false, -1, 8, 0);
    expect(
      movesRows(
        result(log, () => 0, ['east'], Int32Array.from([18, 19])),
        2026,
      ),
    ).toBe(
      [
        '2,1,2026,17,in,municipal,0,1,0,,4,east,0',
        '2,12,2026,18,out,space,30,1,1,5,,east,1',
        '2,13,2027,19,internal,swap,40,0,1,6,7,east,1',
        '2,25,2028,20,formed,childLeftHome,0,0,0,,8,east,0',
      ].join('\n') + '\n',
    );
    expect(MOVES_HEADER).toEqual([
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
    ]);
  });

  it('estate names outside ASCII are written as they are', () => {
    const log = new MoveLog(true);
    log.push(3, 5, K.out, R.garden, 12, false, true, 9, -1, 1);
    const text = movesRows(
      result(log, () => 0, ['Østerbro', 'Æblehaven/2']),
      2026,
    );
    expect(text).toBe('2,3,2026,5,out,garden,12,0,1,9,,Æblehaven/2,0\n');
    const metrics = metricsRows(
      result(new MoveLog(true), () => 0.125, ['Østerbro']),
      2026,
    );
    const cells = metrics.split('\n')[0]!.split(',');
    expect(cells.slice(0, 5)).toEqual(['2', '99', '0', '2026', 'Østerbro']);
    expect(cells[METRICS_HEADER.indexOf('resourceStrongShare')]).toBe('0.125');
  });

  it('an empty log gives no text (not a blank line)', () => {
    expect(
      movesRows(
        result(new MoveLog(true), () => 0),
        2026,
      ),
    ).toBe('');
  });

  it('a disabled log records nothing', () => {
    const log = new MoveLog(false);
    log.push(1, 1, K.in, CH.external, 0, true, false, -1, 0, 0);
    expect(log.size).toBe(0);
  });

  it('the log grows past its initial capacity', () => {
    const log = new MoveLog(true, 2);
    for (let k = 0; k < 50; k++) log.push(1, k, K.out, R.other, k, false, false, k, -1, 0);
    expect(log.size).toBe(50);
    expect(
      movesRows(
        result(log, () => 0),
        2026,
      )
        .trimEnd()
        .split('\n')
        .at(-1),
    ).toBe('2,1,2026,49,out,other,49,0,0,49,,east,0');
  });
});
