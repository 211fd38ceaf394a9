/** Worker thread: runs replications it is sent and posts the results back. */
import { parentPort } from 'node:worker_threads';
import { simulate } from '../model/simulate.js';
import type { Scenario } from '../scenario/schema.js';
import { pack } from './transfer.js';

export interface Task {
  scenario: Scenario;
  replication: number;
  seed: number;
  maps: boolean;
}

parentPort?.on('message', (t: Task) => {
  try {
    const r = simulate(t.scenario, t.replication, t.seed, { maps: t.maps });
    const { packed, transfer } = pack(r);
    parentPort!.postMessage({ ok: true, result: packed }, transfer);
  } catch (e) {
    parentPort!.postMessage({ ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
});
