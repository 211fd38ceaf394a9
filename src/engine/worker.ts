/**
 * Worker thread: runs the replications it is sent, of the one scenario it was started with, and
 * posts the results back.
 *
 * The scenario comes once, in `workerData`, not with every task: a scenario object copied anew
 * for each replication made the thread's compiled code meet new objects every time, and two
 * workers spent about 10-15% more CPU time on the same replications than two processes running
 * them in-process (bench/RESULTS.md, 0.2.2).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { simulate } from '../model/simulate.js';
import type { Scenario } from '../scenario/schema.js';
import { type Packed, pack } from './transfer.js';
import { type TableFormat, tableChunks } from '../output/csv.js';
import { warmUp } from './warmup.js';

/** What a worker is started with. */
export interface WorkerStart {
  scenario: Scenario;
}

export interface Task {
  replication: number;
  seed: number;
  maps: boolean;
  /** Run the warm-up first (the first task of a worker that will run several; warmup.ts). */
  warmUp: boolean;
  /** Format the replication's CSV rows here, as this says (ensemble.ts `tables`), or not. */
  tables: TableFormat | null;
}

/** A finished replication (its CSV rows when asked for), or why it failed. */
export type WorkerReply = { ok: true; result: Packed; tables: { metrics: Uint8Array; moves: Uint8Array | null } | null } | { ok: false; error: string };

const scenario = (workerData as WorkerStart | null)?.scenario;

parentPort?.on('message', (t: Task) => {
  try {
    if (!scenario) throw new Error('worker started without a scenario (internal error)');
    if (t.warmUp) warmUp(scenario);
    const r = simulate(scenario, t.replication, t.seed, { maps: t.maps });
    const tables = t.tables ? tableChunks(r, scenario.startYear, t.tables) : null;
    const { packed, transfer } = pack(r);
    if (tables) transfer.push(tables.metrics.buffer as ArrayBuffer, ...(tables.moves ? [tables.moves.buffer as ArrayBuffer] : []));
    const reply: WorkerReply = { ok: true, result: packed, tables };
    parentPort!.postMessage(reply, transfer);
  } catch (e) {
    parentPort!.postMessage({ ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
});
