/**
 * Worker thread: runs the replications it is sent, of the scenario it was last sent, and posts
 * back each one's digest (model/digest.ts) and, when asked, its rows of metrics.csv and moves.csv.
 *
 * A worker outlives the ensemble it was started for (ensemble.ts keeps a pool): the model code
 * V8 compiled for one scenario serves the next, and compiling it costs a thread more CPU time
 * than dozens of replications of the default scenario take to run.
 *
 * The scenario comes once per ensemble, not with every task: a scenario object copied anew
 * for each replication made the thread's compiled code meet new objects every time, and two
 * workers spent about 10-15% more CPU time on the same replications than two processes running
 * them in-process (bench/RESULTS.md).
 */
import { parentPort } from 'node:worker_threads';
import { type Steps, drain, replicationSteps, simulate } from '../model/simulate.js';
import { telling } from './work.js';
import { type TrialJob, type TrialPart, trialPartSteps } from '../model/anchor.js';
import type { Scenario } from '../scenario/schema.js';
import { type ReplicationDigest, digest, digestTransfer } from '../model/digest.js';
import { type TableFormat, tableChunks } from './tables.js';
import { noteWorldBuilt, threadWarm, warmUp } from './warmup.js';

/** The scenario the next tasks are for (`id` names it in the tasks). */
export interface ScenarioMessage {
  kind: 'scenario';
  id: number;
  scenario: Scenario;
}

export interface Task {
  kind: 'task';
  /** The `id` of the scenario message it belongs to. */
  scenario: number;
  replication: number;
  seed: number;
  maps: boolean;
  /** Run the warm-up first (the first task of a worker that will run several; warmup.ts), unless the worker is warm already. */
  warmUp: boolean;
  /** Format the replication's CSV rows here, as this says (ensemble.ts `tables`), or not. */
  tables: TableFormat | null;
  /** Post the steps done of the replication (a `steps` reply) at most this often (ms) while it runs; null: only the result. */
  stepsEveryMs: number | null;
}

/** Replication r of a trial of the anchoring's search (model/anchor.ts `TrialJob`, its scenario the one last sent). */
export interface AnchorTask extends Omit<TrialJob, 'trial'> {
  kind: 'anchor';
  scenario: number;
  r: number;
}

export type WorkerMessage = ScenarioMessage | Task | AnchorTask;

/** A finished replication's digest (and its CSV rows when asked for), a trial's part, or why it failed. */
export type WorkerReply =
  | { ok: true; digest: ReplicationDigest; tables: { metrics: Uint8Array; moves: Uint8Array | null } | null }
  | { ok: true; steps: { replication: number; done: number } }
  | { ok: true; anchor: { r: number; parts: TrialPart[] } }
  | { ok: false; error: string };

/**
 * Detach an ArrayBuffer, once, before the thread compiles any of the model. V8 compiles
 * typed-array reads on the assumption that no ArrayBuffer has ever been detached in the thread,
 * and throws away every function compiled on it when the first one is (a "protector"). A worker
 * detaches buffers when it transfers its first replication's digest (`digestTransfer`), by which time it
 * has compiled much of the model: about 45 functions, the household step among them, were
 * thrown away and compiled again in every worker (`node --trace-deopt`: "code dependencies").
 * Detached first, they are compiled once, with the check for detached buffers they would get
 * anyway (bench/RESULTS.md).
 */
export function detachOnce(): ArrayBuffer {
  const b = new ArrayBuffer(8);
  structuredClone(b, { transfer: [b] });
  return b;
}
detachOnce();

/**
 * `drain` (what `simulate` does), telling `tell` the steps done at most every `everyMs`: the same
 * result, and the progress of a long replication (a national one takes minutes) for the console.
 */
export function drainTelling<T>(steps: Steps<T>, everyMs: number, tell: (done: number) => void): T {
  return drain(telling(steps, everyMs, tell));
}

let current: ScenarioMessage | null = null;

parentPort?.on('message', (msg: WorkerMessage) => {
  if (msg.kind === 'scenario') {
    current = msg;
    return;
  }
  try {
    if (!current || current.id !== msg.scenario) throw new Error(`task for scenario ${msg.scenario} before that scenario was sent (internal error)`);
    const scenario = current.scenario;
    if (msg.kind === 'anchor') {
      const { kind: _, scenario: __, r, ...job } = msg;
      const reply: WorkerReply = { ok: true, anchor: { r, parts: drain(trialPartSteps({ ...job, trial: scenario }, r)) } };
      parentPort!.postMessage(reply);
      return;
    }
    if (msg.warmUp && !threadWarm()) warmUp(scenario);
    const r =
      msg.stepsEveryMs === null
        ? simulate(scenario, msg.replication, msg.seed, { maps: msg.maps })
        : drainTelling(replicationSteps(scenario, msg.replication, msg.seed, { maps: msg.maps }), msg.stepsEveryMs, (done) => {
            const reply: WorkerReply = { ok: true, steps: { replication: msg.replication, done } };
            parentPort!.postMessage(reply);
          });
    noteWorldBuilt();
    const tables = msg.tables ? tableChunks(r, scenario.startYear, msg.tables) : null;
    // only the digest goes back: the full result stays here and is dropped
    const d = digest(r);
    const transfer = digestTransfer(d);
    if (tables) transfer.push(tables.metrics.buffer as ArrayBuffer, ...(tables.moves ? [tables.moves.buffer as ArrayBuffer] : []));
    const reply: WorkerReply = { ok: true, digest: d, tables };
    parentPort!.postMessage(reply, transfer);
  } catch (e) {
    parentPort!.postMessage({ ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
});
