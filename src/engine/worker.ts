/** Worker thread: runs replications it is sent and posts the results back. */
import { parentPort } from 'node:worker_threads';
import { simulate } from '../model/simulate.js';
import type { Scenario } from '../scenario/schema.js';
import { pack } from './transfer.js';
import { warmUp } from './warmup.js';

export interface Task {
  scenario: Scenario;
  replication: number;
  seed: number;
  maps: boolean;
  /** Run the warm-up first (the first task of a worker that will run several; warmup.ts). */
  warmUp: boolean;
}

parentPort?.on('message', (t: Task) => {
  try {
    if (t.warmUp) warmUp(t.scenario);
    const r = simulate(t.scenario, t.replication, t.seed, { maps: t.maps });
    const { packed, transfer } = pack(r);
    parentPort!.postMessage({ ok: true, result: packed }, transfer);
  } catch (e) {
    parentPort!.postMessage({ ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
});
