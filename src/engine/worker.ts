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
import { pack } from './transfer.js';
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
}

const scenario = (workerData as WorkerStart | null)?.scenario;

parentPort?.on('message', (t: Task) => {
  try {
    if (!scenario) throw new Error('worker started without a scenario (internal error)');
    if (t.warmUp) warmUp(scenario);
    const r = simulate(scenario, t.replication, t.seed, { maps: t.maps });
    const { packed, transfer } = pack(r);
    parentPort!.postMessage({ ok: true, result: packed }, transfer);
  } catch (e) {
    parentPort!.postMessage({ ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
});
