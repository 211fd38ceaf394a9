/**
 * metrics.csv and moves.csv written while the replications run (src/output/pipeline.ts
 * `openTables`, ensemble.ts `tables`): the rows of each replication are formatted where it ran
 * (on a worker thread, or this one) and written in replication order as soon as possible; the
 * files equal those formatted from the results afterwards, and a failure leaves nothing behind.
 */
import { mkdtempSync, readFileSync, readdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareToDirectory, openTables, runToDirectory } from '../../src/output/pipeline.js';
import { mkdirSync } from 'node:fs';
import { METRICS_HEADER, MOVES_HEADER, metricsRows, movesRows } from '../../src/engine/tables.js';
import { scenario } from '../helpers/scenario.js';
import { simulateAll } from '../helpers/ensemble.js';

const tmp = mkdtempSync(join(tmpdir(), 'nabolag-tables-'));
const small = (name: string, over: Record<string, unknown> = {}) => scenario({ name, years: 2, replications: 5, seed: 11, estates: [{ flats: 150 }], ...over });
const read = (dir: string, f: string) => readFileSync(join(dir, f), 'utf8');

describe('tables written during the run', () => {
  it('equal the rows formatted from the results, on one thread and on two workers', async () => {
    const sc = small('tables');
    const one = await runToDirectory(sc, join(tmp, 'one'), { workers: 1 });
    const two = await runToDirectory(sc, join(tmp, 'two'), { workers: 2 });
    expect(two.ensembles[0]!.workers).toBe(2);
    expect(one.ensembles[0]!.replications.map((d) => d.replication)).toEqual([0, 1, 2, 3, 4]);
    const rs = simulateAll(sc);
    const metrics = METRICS_HEADER.join(',') + '\n' + rs.map((r) => metricsRows(r, sc.startYear)).join('');
    const moves = MOVES_HEADER.join(',') + '\n' + rs.map((r) => movesRows(r, sc.startYear)).join('');
    for (const dir of [one.outDir, two.outDir]) {
      expect(read(dir, 'metrics.csv')).toBe(metrics);
      expect(read(dir, 'moves.csv')).toBe(moves);
    }
    expect(one.files.slice(0, 2)).toEqual(['metrics.csv', 'moves.csv']);
  });

  it('a comparison: the scenario column first, scenarios one after another, the same on two workers', async () => {
    const base = small('base');
    const variant = small('variant', { estates: [{ flats: 150, population: { resourceStrongShare: 0.7 } }] });
    const one = await compareToDirectory(base, [variant], join(tmp, 'cmp1'), { workers: 1 });
    const two = await compareToDirectory(base, [variant], join(tmp, 'cmp2'), { workers: 2 });
    const want = (rows: (r: ReturnType<typeof simulateAll>[0], y: number, p: string) => string, header: string[]) =>
      ['scenario', ...header].join(',') +
      '\n' +
      one.ensembles.flatMap((e) => simulateAll(e.scenario).map((r) => rows(r, base.startYear, e.scenario.name))).join('');
    for (const dir of [one.outDir, two.outDir]) {
      expect(read(dir, 'metrics.csv')).toBe(want(metricsRows, METRICS_HEADER));
      expect(read(dir, 'moves.csv')).toBe(want(movesRows, MOVES_HEADER));
    }
    expect(read(one.outDir, 'metrics.csv').split('\n')[1]!.startsWith('base,0,')).toBe(true);
  });

  it('without the move log, no moves.csv', async () => {
    const r = await runToDirectory(small('nomoves', { output: { moves: false } }), join(tmp, 'nomoves'), { workers: 2 });
    expect(existsSync(join(r.outDir, 'moves.csv'))).toBe(false);
    expect(r.files).not.toContain('moves.csv');
  });

  it('a failure during the run leaves no output folder and no partial one', async () => {
    const parent = join(tmp, 'fail');
    const before = existsSync(parent) ? readdirSync(parent) : [];
    const boom = (done: number) => {
      if (done === 3) throw new Error('stopped after 3');
    };
    await expect(runToDirectory(small('fail'), join(parent, 'out'), { workers: 1, onProgress: boom })).rejects.toThrow('stopped after 3');
    await expect(runToDirectory(small('fail'), join(parent, 'out'), { workers: 2, onProgress: boom })).rejects.toThrow('stopped after 3');
    // the folder above the output folder, made by the run, is removed again when left empty
    expect(existsSync(parent) ? readdirSync(parent) : []).toEqual(before);
    if (before.length === 0) expect(existsSync(parent)).toBe(false);
  });

  it('rows arriving out of order are written in replication order; closing early is an error', () => {
    const dir = join(tmp, 'order');
    mkdirSync(dir);
    const t = openTables(dir, [small('a', { replications: 3 }), small('b', { replications: 2 })]);
    const bytes = (s: string) => new TextEncoder().encode(s);
    const put = (k: number, i: number) => t.sink(k).put(i, bytes(`m${k}${i}\n`), bytes(`v${k}${i}\n`));
    expect(t.sink(0).format).toEqual({ prefix: 'a', moves: true, schelling: false });
    put(1, 1);
    put(0, 2);
    put(0, 0);
    expect(() => t.close()).toThrow("4 replications' rows were not written");
    t.abort();
    const u = openTables(dir, [small('a', { replications: 3 }), small('b', { replications: 2 })]);
    const put2 = (k: number, i: number) => u.sink(k).put(i, bytes(`m${k}${i}\n`), bytes(`v${k}${i}\n`));
    for (const [k, i] of [
      [1, 1],
      [0, 2],
      [0, 0],
      [1, 0],
      [0, 1],
    ] as const)
      put2(k, i);
    expect(u.close()).toEqual(['metrics.csv', 'moves.csv']);
    expect(read(dir, 'metrics.csv')).toBe(['scenario', ...METRICS_HEADER].join(',') + '\nm00\nm01\nm02\nm10\nm11\n');
    expect(read(dir, 'moves.csv')).toBe(['scenario', ...MOVES_HEADER].join(',') + '\nv00\nv01\nv02\nv10\nv11\n');
  });
});
