/**
 * Determinism: the same scenario and seed give identical metrics and move logs; a different
 * seed gives different ones; and the ensemble output does not depend on the number of worker
 * threads.
 *
 * The worker comparison runs the compiled engine in dist/ for both worker counts (workers
 * always run dist/src/engine/worker.js, so comparing against the TypeScript sources would
 * compare two builds). It needs `npm run build` first.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { replicationSeed } from '../../src/model/rng.js';
import { type ReplicationResult, simulate } from '../../src/model/simulate.js';
import { F, type MoveLog } from '../../src/model/flows.js';
import { METRIC_INDEX, NMETRIC } from '../../src/model/reporters.js';
import { scenario } from '../helpers/scenario.js';
import { captureTables } from '../helpers/ensemble.js';

type EnsembleModule = typeof import('../../src/engine/ensemble.js');
type CsvModule = typeof import('../../src/engine/tables.js');

const sc = scenario({
  name: 'determinism',
  years: 4,
  replications: 5,
  seed: 42,
  estates: [{ flats: 250, ownerShare: 0.05 }],
  letting: { swapAnnual: 0.5, swapMinYears: 0 },
  output: { moves: true, mapEveryYears: 1 },
});

const LOG_COLUMNS = ['month', 'uid', 'kind', 'reason', 'stay', 'strong', 'family', 'from', 'to', 'estate'] as const;

/** The used part of every column of a move log, as plain arrays. */
function logColumns(L: MoveLog): Record<string, number[]> {
  return Object.fromEntries(LOG_COLUMNS.map((c) => [c, Array.from(L[c].subarray(0, L.size))]));
}

function sameBytes(a: ArrayBufferView, b: ArrayBufferView): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

describe('simulate is a function of scenario and seed', () => {
  let a: ReplicationResult;
  let b: ReplicationResult;
  let c: ReplicationResult;
  beforeAll(() => {
    a = simulate(sc, 0, 12345);
    b = simulate(sc, 0, 12345);
    c = simulate(sc, 0, 12346);
  });

  it('same seed: identical metrics (bit for bit) and move logs', () => {
    expect(a.metrics.length).toBe(b.metrics.length);
    expect(sameBytes(a.metrics, b.metrics)).toBe(true);
    expect(a.log.size).toBeGreaterThan(100);
    expect(b.log.size).toBe(a.log.size);
    expect(logColumns(b.log)).toEqual(logColumns(a.log));
    expect(b.maps.map((m) => Array.from(m.types))).toEqual(a.maps.map((m) => Array.from(m.types)));
  });

  it('different seed: different metrics and move logs', () => {
    expect(sameBytes(a.metrics, c.metrics)).toBe(false);
    expect(logColumns(c.log)).not.toEqual(logColumns(a.log));
  });

  it('the replication number does not change the run (only the seed does)', () => {
    const d = simulate(sc, 3, 12345);
    expect(sameBytes(a.metrics, d.metrics)).toBe(true);
    expect(logColumns(d.log)).toEqual(logColumns(a.log));
  });

  it("recording only some months (anchoring) changes no other row, nor the run: the flows each month are the rows' flows", () => {
    const rowWidth = a.rowNames.length * NMETRIC;
    const moveIns: number[] = [];
    const d = simulate(sc, 0, 12345, { recordMonth: (m) => m === 0 || m % 12 === 0, atMonth: (w) => moveIns.push(w.flows[F.moveIns]!) });
    expect(logColumns(d.log)).toEqual(logColumns(a.log));
    for (let m = 0; m <= a.months; m++) {
      const row = d.metrics.subarray(m * rowWidth, (m + 1) * rowWidth);
      if (m % 12 === 0) expect(sameBytes(row, a.metrics.subarray(m * rowWidth, (m + 1) * rowWidth))).toBe(true);
      else expect(row.every((x) => x === 0)).toBe(true);
    }
    expect(moveIns).toEqual(Array.from({ length: a.months }, (_, k) => a.metrics[(k + 1) * rowWidth + METRIC_INDEX.moveIns!]!));
  });

  it('replication seeds are stable and distinct', () => {
    const seeds = Array.from({ length: 50 }, (_, i) => replicationSeed(42, i));
    expect(new Set(seeds).size).toBe(50);
    expect(replicationSeed(42, 0)).toBe(replicationSeed(42, 0));
    expect(replicationSeed(42, 0)).not.toBe(replicationSeed(43, 0));
  });
});

describe('runEnsemble: workers do not change the output', () => {
  let ensemble: EnsembleModule;
  let csv: CsvModule;
  beforeAll(async () => {
    const worker = resolve('dist/src/engine/worker.js');
    if (!existsSync(worker)) throw new Error('dist/src/engine/worker.js is missing: run `npm run build` before this test');
    ensemble = (await import(pathToFileURL(resolve('dist/src/engine/ensemble.js')).href)) as EnsembleModule;
    csv = (await import(pathToFileURL(resolve('dist/src/engine/tables.js')).href)) as CsvModule;
  });

  it('workers 1 and 2 give byte-identical metricsRows and movesRows, and equal digests', async () => {
    const t1 = captureTables();
    const t2 = captureTables();
    const one = await ensemble.runEnsemble(sc, { workers: 1, tables: t1.sink });
    const two = await ensemble.runEnsemble(sc, { workers: 2, tables: t2.sink });
    expect(one.workers).toBe(1);
    expect(two.workers).toBe(2);
    expect(two.seeds).toEqual(one.seeds);
    expect(one.seeds).toEqual(Array.from({ length: 5 }, (_, i) => replicationSeed(42, i)));
    const m1 = t1.metrics();
    const v1 = t1.moves();
    expect(m1.length).toBeGreaterThan(1000);
    expect(v1.length).toBeGreaterThan(1000);
    expect(t2.metrics() === m1).toBe(true);
    expect(t2.moves() === v1).toBe(true);
    // the rows equal those formatted from the replications run alone (on the anchored scenario
    // the ensemble ran: the same anchor on both numbers of workers)
    expect(two.scenario).toEqual(one.scenario);
    const alone = one.seeds.map((seed, i) => simulate(one.scenario, i, seed, { maps: i === 0 }));
    expect(alone.map((r: ReplicationResult) => csv.metricsRows(r, sc.startYear)).join('') === m1).toBe(true);
    expect(alone.map((r: ReplicationResult) => csv.movesRows(r, sc.startYear)).join('') === v1).toBe(true);
    // digests come back in replication order, each with its own seed, the same from workers
    expect(two.replications.map((r) => r.replication)).toEqual([0, 1, 2, 3, 4]);
    expect(two.replications.map((r) => r.seed)).toEqual(one.seeds);
    expect(two.replications).toEqual(one.replications);
    // the first replication carries the map snapshots, also from a worker
    expect(two.replications[0]!.maps.length).toBe(alone[0]!.maps.length);
    expect(two.replications[0]!.maps.length).toBeGreaterThan(0);
  });

  /** The rows an ensemble writes (metrics, then moves, per replication). */
  const rows = async (s: typeof sc, opts: Parameters<EnsembleModule['runEnsemble']>[1] = {}): Promise<string> => {
    const t = captureTables();
    await ensemble.runEnsemble(s, { ...opts, tables: t.sink });
    return t.text();
  };

  it('a pool kept between ensembles gives each scenario the results it gives on one thread, also after a failed ensemble', async () => {
    const other = scenario({ ...sc, name: 'other', seed: 7, replications: 3, estates: [{ flats: 120 }] });
    const oneA = await rows(sc, { workers: 1 });
    const oneB = await rows(other, { workers: 1 });
    await ensemble.closeWorkers();
    expect(ensemble.keptWorkerIds()).toEqual([]);
    expect((await rows(sc, { workers: 2 })) === oneA).toBe(true);
    const ids = ensemble.keptWorkerIds();
    expect(ids.length).toBe(2);
    expect((await rows(other, { workers: 2 })) === oneB).toBe(true);
    expect(ensemble.keptWorkerIds()).toEqual(ids); // the same threads ran the second scenario
    // a failure ends the pool; the next ensemble starts a new one and is right
    const boom = (done: number) => {
      if (done === 2) throw new Error('stopped after 2');
    };
    await expect(ensemble.runEnsemble(other, { workers: 2, onProgress: boom })).rejects.toThrow('stopped after 2');
    expect(ensemble.keptWorkerIds()).toEqual([]);
    expect((await rows(sc, { workers: 2 })) === oneA).toBe(true);
    // a pool of another size replaces the kept one
    const before = ensemble.keptWorkerIds();
    await ensemble.runEnsemble(other, { workers: 3 });
    expect(ensemble.keptWorkerIds().length).toBe(3);
    expect(ensemble.keptWorkerIds().some((t) => before.includes(t))).toBe(false);
    await ensemble.closeWorkers();
  });

  it('ensembles running at the same time do not share workers, and each is right', async () => {
    const other = scenario({ ...sc, name: 'other', seed: 9, replications: 4, estates: [{ flats: 150 }] });
    const oneA = await rows(sc, { workers: 1 });
    const oneB = await rows(other, { workers: 1 });
    const [a, b] = await Promise.all([rows(sc, { workers: 2 }), rows(other, { workers: 2 })]);
    expect(a === oneA).toBe(true);
    expect(b === oneB).toBe(true);
    expect(ensemble.keptWorkerIds().length).toBe(2); // the second one's own workers are gone
    await ensemble.closeWorkers();
  });

  it('workers ended while an ensemble runs on them end it with an error, not a wait', async () => {
    let closing: Promise<void> | undefined;
    const run = ensemble.runEnsemble(sc, {
      workers: 2,
      onProgress: (done) => {
        if (done === 1) closing = ensemble.closeWorkers();
      },
    });
    await expect(run).rejects.toThrow('a worker thread stopped');
    await closing;
    expect(ensemble.keptWorkerIds()).toEqual([]);
    const oneA = await rows(sc, { workers: 1 });
    const again = await rows(sc, { workers: 2 });
    expect(again === oneA).toBe(true);
    await ensemble.closeWorkers();
  });
});
