/**
 * Running the replications of a scenario: on the calling thread, or spread over worker
 * threads. Replication i always uses `replicationSeed(baseSeed, i)` and results come back in
 * replication order, so the output is identical whatever the number of workers.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { type Offload, type Steps, replicationSteps } from '../model/simulate.js';
import { type ReplicationDigest, digest } from '../model/digest.js';
import { replicationSeed } from '../model/rng.js';
import { type Anchor, type AnchorStore, type TrialJob, type TrialOffload, type TrialPart, anchorSteps } from '../model/anchor.js';
import type { Scenario } from '../scenario/schema.js';
import type { AnchorTask, ScenarioMessage, Task, WorkerReply } from './worker.js';
import { type TableFormat, tableChunks } from './tables.js';
import { noteWorldBuilt, threadWarm, wantsWarmUp, warmUp } from './warmup.js';
import { replicationFlatMonths, replicationStepCount, telling } from './work.js';

export interface EnsembleOptions {
  /** Worker threads; 1 = run on this thread. Default: `autoWorkers` (all cores when the work pays for them). */
  workers?: number;
  /**
   * Worker threads for the trials of anchoring an estate whose anchor is not stored (1: on this
   * thread). Default: `workers` when given, else all cores. The command line gives the number
   * asked for with --workers, else all cores.
   */
  anchorWorkers?: number;
  /**
   * Called after each finished replication with the number done so far, and while replications
   * that take longer than `STEPS_EVERY_MS` run, at most that often, with the part of them done
   * added (a fraction: 2.35 is two done and a third of one or so): a national replication takes
   * minutes, and the console's estimate of the time left waits for work done.
   */
  onProgress?: (done: number, total: number) => void;
  /**
   * Where each replication's rows of metrics.csv and moves.csv go, as soon as it is done (in
   * the order replications finish; `put` puts them in order). On worker threads the rows are
   * formatted there, beside the replication, instead of all on this thread at the end.
   */
  tables?: TableSink;
  /**
   * Stops the run: `runEnsemble` then rejects with an error named 'AbortError'. On this thread
   * the replications stop at their next pause (`YIELD_EVERY_MS`); worker threads are ended at
   * once.
   */
  signal?: AbortSignal;
  /**
   * The scenario whose anchors the estates take (model/anchor.ts `anchorSteps`): a comparison's
   * baseline, a sweep's or a sensitivity analysis's base scenario. Left out: the scenario's own.
   */
  anchorFrom?: Scenario;
  /** Where solved anchors are looked up and kept (default: the one set by `useAnchorStore`, else this process's memory). */
  anchorStore?: AnchorStore;
  /**
   * Run only replications `from` to `to` - 1 (a shard of the ensemble, engine/shard.ts), each on
   * the seed it has in the whole ensemble; `Ensemble.replications` then holds their digests alone
   * and `tables.put` is given the index within the slice. Default: all of them.
   */
  only?: { from: number; to: number };
}

/** The anchor store runs use when they are given none (undefined: the model's in-process store). */
let defaultAnchorStore: AnchorStore | undefined;

/**
 * Set the anchor store of every later run in this process that is given none: the command line
 * sets one kept on disk (output/anchor-store.ts), so a scenario's anchor is solved once, not on
 * every run. Results do not depend on it: an anchor is a pure function of its key.
 */
export function useAnchorStore(store: AnchorStore | undefined): void {
  defaultAnchorStore = store;
}

/**
 * Work, in milliseconds, after which replications running on this thread pause for the event
 * loop (a macrotask), so that signal handlers, progress and an abort can run while a large
 * scenario runs: a replication of the national one takes 7-8 s (bench/RESULTS.md). Checked after each step of
 * a replication (model/simulate.ts `replicationSteps`: an estate of the world built, a month).
 */
export const YIELD_EVERY_MS = 50;

/** How often a running replication tells its progress (`EnsembleOptions.onProgress`), in ms. */
export const STEPS_EVERY_MS = 1000;

/**
 * The replications done, with the parts done of those running (`running`: replication -> its
 * steps done; each part the months simulated of all, below 1; engine/work.ts
 * `replicationStepCount`): what `EnsembleOptions.onProgress` is told.
 */
export function partialDone(done: number, running: ReadonlyMap<number, number>, perReplication: { world: number; months: number }): number {
  let part = 0;
  for (const steps of running.values()) part += Math.min(0.99, Math.max(0, steps - perReplication.world) / perReplication.months);
  return done + part;
}

/** The error a run stopped by its signal rejects with. */
export function abortError(signal: AbortSignal): Error {
  const e = new Error('the run was stopped', { cause: signal.reason });
  e.name = 'AbortError';
  return e;
}

/** A macrotask: lets timers, I/O and signal handlers run before the next step. */
const macrotask = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Receives a replication's CSV rows (UTF-8 bytes), formatted as `format` says. */
export interface TableSink {
  format: TableFormat;
  put(replication: number, metrics: Uint8Array, moves: Uint8Array | null): void;
}

export interface Ensemble {
  scenario: Scenario;
  seeds: number[];
  /**
   * Each replication's digest, in replication order: the full results are reduced where they
   * ran and dropped, so that an ensemble's memory does not grow with them (model/digest.ts).
   * With `EnsembleOptions.only`, the digests of the replications run (`seeds` holds all seeds).
   */
  replications: ReplicationDigest[];
  simulateMs: number;
  workers: number;
  /** The estates anchored before the run (model/anchor.ts): solved values, drifts, time. `scenario` holds the solved values. */
  anchors: Anchor[];
}

/** The compiled worker script (dist/src/engine/worker.js), also when running from sources. */
function workerUrl(): URL {
  const here = new URL(import.meta.url);
  if (here.pathname.endsWith('.js')) return new URL('./worker.js', here);
  const root = new URL('../../', here);
  const built = new URL('dist/src/engine/worker.js', root);
  if (!existsSync(fileURLToPath(built))) throw new Error('worker threads need the compiled engine: run `npm run build` first');
  return built;
}

export const defaultWorkers = (): number => Math.max(1, availableParallelism());

/**
 * Simulated flat-months a worker thread must have before it pays for itself. A worker spends
 * about a second of CPU loading and compiling the model before its first replication runs at
 * full speed, and on a machine with few cores that compiling competes with the replications:
 * on the 2-core development machine, 10 replications of the default scenario (1.8 million
 * flat-months) took 0.8 s in-process and 1.6 s on two workers, 64 took 2.4 s and 2.7 s, and
 * 256 took 6.8 s and 5.7 s (medians of six; bench/RESULTS.md). Two workers start to pay at
 * about 19 million flat-months, about 10 million each. (assumption beyond that machine)
 */
export const FLAT_MONTHS_PER_WORKER = 10_000_000;

/** Flat-months the replications of a scenario simulate: flats (copies included) x months x replications. */
export const ensembleFlatMonths = (sc: Scenario): number => replicationFlatMonths(sc) * sc.replications;

/**
 * Workers used when none are asked for: one per core, but no more than the replications and
 * no more than the work pays for (`FLAT_MONTHS_PER_WORKER` each); one runs on this thread.
 */
export function autoWorkers(sc: Scenario, cores = defaultWorkers()): number {
  return autoWorkersFor([sc], cores);
}

/**
 * Workers for several ensembles run one after another (the scenarios of a `compare`): as
 * `autoWorkers`, on the work of all of them together, since the kept pool (below) starts and
 * compiles its workers once for all of them. On the 2-core development machine, `nabolag compare`
 * of the default scenario and the three packages (`--no-report`, 4 rounds alternating): 32
 * replications each (23 million flat-months together, 5.8 million each) 6.38-7.27 s on one
 * thread and 6.15-6.65 s on two workers, 48 replications 8.34-8.84 s and 6.74-7.40 s; 16
 * replications (11.5 million together) were faster on one thread (3.15-3.65 s against 3.98-4.21 s).
 */
export function autoWorkersFor(scenarios: Scenario[], cores = defaultWorkers()): number {
  const work = scenarios.reduce((sum, sc) => sum + ensembleFlatMonths(sc), 0);
  const replications = Math.max(0, ...scenarios.map((sc) => sc.replications));
  return Math.max(1, Math.min(cores, replications, Math.floor(work / FLAT_MONTHS_PER_WORKER)));
}

/**
 * Run all replications of a scenario, after anchoring its estates (model/anchor.ts; the
 * replications run the scenario with the solved values).
 */
export async function runEnsemble(given: Scenario, opts: EnsembleOptions = {}): Promise<Ensemble> {
  if (opts.signal?.aborted) throw abortError(opts.signal);
  const from = opts.only?.from ?? 0;
  const to = opts.only?.to ?? given.replications;
  if (!(Number.isInteger(from) && Number.isInteger(to) && 0 <= from && from <= to && to <= given.replications))
    throw new Error(`internal error: replications ${from} to ${to} are not within the ${given.replications} of the scenario`);
  const n = to - from;
  // Anchoring an estate (when its anchor is not stored) runs trials of ANCHOR_SEEDS replications
  // of 15 years, several million flat-months each and tens of millions in all: worth a worker per
  // core (`anchorWorkers`: --workers, else all cores), as the replications that follow often are
  // not (`autoWorkers`). The workers then run those replications too, warm by then. The results
  // are the same on any number (model/anchor.ts `runTrial`). On the 2-core development machine an
  // own estate of 1,000 flats whose search takes 6 trials anchored 0.8 times as long, one of 2-3
  // trials as long as on this thread (bench/RESULTS.md).
  const anchorWorkers = opts.anchorWorkers ?? opts.workers ?? defaultWorkers();
  let anchoredOnWorkers = false;
  const offload =
    anchorWorkers > 1
      ? (o: Offload) => {
          if (o.kind !== 'anchor-trial') return undefined;
          anchoredOnWorkers = true;
          return trialOnWorkers((o as TrialOffload).job, anchorWorkers, opts.signal);
        }
      : undefined;
  const { scenario: sc, anchors } = await runSteps(
    anchorSteps(given, () => performance.now(), opts.anchorStore ?? defaultAnchorStore, opts.anchorFrom),
    opts.signal,
    undefined,
    offload,
  );
  // workers warm from anchoring are used, as many as it used at least (anchoring changes no
  // field the number of workers depends on)
  const asked = opts.workers ?? autoWorkers(sc);
  const workers = Math.max(1, Math.min(anchoredOnWorkers ? Math.max(asked, anchorWorkers) : asked, n));
  const seeds = Array.from({ length: sc.replications }, (_, i) => replicationSeed(sc.seed, i));
  const t0 = performance.now();
  const replications: ReplicationDigest[] = new Array(n);
  const signal = opts.signal;
  if (signal?.aborted) throw abortError(signal);
  if (workers === 1) {
    if (wantsWarmUp(sc, n) && !threadWarm()) warmUp(sc);
    const clock = { paused: performance.now() };
    const perReplication = replicationStepCount(sc);
    for (let j = 0; j < n; j++) {
      const i = from + j;
      const steps = replicationSteps(sc, i, seeds[i]!, { maps: i === 0 });
      const told = opts.onProgress ? telling(steps, STEPS_EVERY_MS, (k) => opts.onProgress!(partialDone(j, new Map([[i, k]]), perReplication), n)) : steps;
      const r = await runSteps(told, signal, clock);
      noteWorldBuilt();
      replications[j] = digest(r);
      if (opts.tables) {
        const c = tableChunks(r, sc.startYear, opts.tables.format);
        opts.tables.put(j, c.metrics, c.moves);
      }
      opts.onProgress?.(j + 1, n);
      if (signal?.aborted) throw abortError(signal);
    }
  } else {
    await runOnWorkers(sc, seeds, from, n, workers, replications, opts);
  }
  return { scenario: sc, seeds, replications, simulateMs: performance.now() - t0, workers, anchors };
}

/**
 * Drive steps on this thread, pausing for the event loop once YIELD_EVERY_MS have passed since
 * `clock.paused` (and stopping if `signal` is aborted). One clock across several runs of steps
 * (the replications of an ensemble) keeps the pauses evenly spaced.
 */
async function runSteps<T>(
  steps: Steps<T>,
  signal: AbortSignal | undefined,
  clock = { paused: performance.now() },
  offload?: (o: Offload) => Promise<unknown> | undefined,
): Promise<T> {
  // what the steps offer to have run elsewhere (simulate.ts `Offload`), answered when `offload` takes it
  let answer: unknown;
  for (;;) {
    const step = steps.next(answer);
    answer = undefined;
    if (step.done) return step.value;
    const work = step.value && offload?.(step.value);
    if (work) {
      answer = await work;
      clock.paused = performance.now();
      continue;
    }
    if (performance.now() - clock.paused >= YIELD_EVERY_MS) {
      await macrotask();
      if (signal?.aborted) throw abortError(signal);
      clock.paused = performance.now();
    }
  }
}

/**
 * Whether worker threads should have V8 compile their optimised code on its background threads
 * (V8's default) rather than on the worker's own thread. A thread starting on the model spends
 * more CPU compiling it (about 1-2 s) than 32 replications of the default scenario take to run.
 * Compiled in the background, that work runs beside the replications; with a worker on every
 * core there is no idle core for it, and the workers meanwhile run the model's slow, not yet
 * optimised code for longer. Compiled on the worker's own thread, the code is ready as soon as
 * it is asked for. On the 2-core development machine, `nabolag run … -w 2` took 3.06 s instead
 * of 3.52 s for 64 replications of the default scenario and 2.85-3.23 s instead of 4.26-4.76 s
 * for 8 replications of a 10,000-flat estate (alternating runs; bench/RESULTS.md). With
 * fewer workers than cores the spare core compiles, as V8 does by default. Results do not
 * depend on it.
 */
export const compileInBackground = (workers: number, cores: number): boolean => workers < cores;

/**
 * The worker threads kept between ensembles (a run of `compare` or `calibrate` runs several):
 * each has compiled the model by the end of its first ensemble, and the next ensemble on a pool
 * of the same size uses them instead of starting and compiling new ones. One ensemble uses the
 * kept pool at a time; one started while another runs on it gets workers of its own, ended when
 * it is done. Idle workers do not keep the process alive (`unref`); `closeWorkers` ends them.
 */
let pool: Worker[] | null = null;
let poolInUse = false;
/** Names each ensemble's scenario in the tasks sent to its workers. */
let scenarioIds = 0;

/** End the kept worker threads (the next ensemble on workers starts new ones). */
export async function closeWorkers(): Promise<void> {
  const old = pool;
  pool = null;
  if (old) await Promise.all(old.map((w) => w.terminate()));
}

/** Thread ids of the kept workers (none when there is no pool). */
export const keptWorkerIds = (): number[] => (pool ? pool.map((w) => w.threadId) : []);

function startWorkers(n: number): Worker[] {
  const url = workerUrl();
  // read by V8 when a thread's engine starts, so it applies to the workers started below (and
  // not to this thread); set each time, as an earlier pool may have set it otherwise
  setFlagsFromString(compileInBackground(n, defaultWorkers()) ? '--concurrent-recompilation' : '--no-concurrent-recompilation');
  return Array.from({ length: n }, () => new Worker(url));
}

/** Workers for one ensemble: the kept pool (of `n` workers) when no other ensemble uses it, else `n` of its own. */
async function acquireWorkers(n: number): Promise<{ workers: Worker[]; kept: boolean }> {
  if (poolInUse) return { workers: startWorkers(n), kept: false };
  poolInUse = true;
  if (!pool || pool.length !== n) {
    await closeWorkers();
    pool = startWorkers(n);
  }
  return { workers: pool, kept: true };
}

/** Replications `from` to `from + count - 1` on worker threads; digest j of `replications` is replication `from + j`. */
async function runOnWorkers(
  sc: Scenario,
  seeds: number[],
  from: number,
  count: number,
  nWorkers: number,
  replications: ReplicationDigest[],
  opts: EnsembleOptions,
): Promise<void> {
  const { onProgress, tables } = opts;
  const warm = wantsWarmUp(sc, Math.ceil(count / nWorkers));
  let done = 0;
  // the steps done of the replications running, by replication
  const running = new Map<number, number>();
  const perReplication = replicationStepCount(sc);
  await onWorkers(
    nWorkers,
    sc,
    count,
    (j, id, first): Task => ({
      kind: 'task',
      scenario: id,
      replication: from + j,
      seed: seeds[from + j]!,
      maps: from + j === 0,
      // a worker's first task of the ensemble warms up when it is likely to run more than one
      warmUp: first && warm,
      tables: tables?.format ?? null,
      stepsEveryMs: onProgress ? STEPS_EVERY_MS : null,
    }),
    (msg) => {
      if ('steps' in msg) {
        running.set(msg.steps.replication, msg.steps.done);
        onProgress?.(partialDone(done, running, perReplication), count);
        return;
      }
      if (!('digest' in msg)) throw new Error('internal error: a worker answered a replication with something else');
      const d = msg.digest;
      replications[d.replication - from] = d;
      running.delete(d.replication);
      if (tables && msg.tables) tables.put(d.replication - from, msg.tables.metrics, msg.tables.moves);
      onProgress?.(partialDone(++done, running, perReplication), count);
    },
    'the replications',
    opts.signal,
  );
}

/**
 * The replications of an anchoring trial (model/anchor.ts `TrialOffload`) on worker threads,
 * each kept at its index: the trial sums them in that order, so it is the same as on this
 * thread. (This thread taking tasks too, beside one worker fewer, was slower on the 2-core
 * development machine: bench/RESULTS.md.)
 */
async function trialOnWorkers(job: TrialJob, nWorkers: number, signal: AbortSignal | undefined): Promise<TrialPart[][]> {
  const parts: TrialPart[][] = new Array(job.draws);
  const { trial, ...rest } = job;
  await onWorkers(
    nWorkers,
    trial,
    job.draws,
    (r, id): AnchorTask => ({ kind: 'anchor', scenario: id, ...rest, r }),
    (msg) => {
      if (!('anchor' in msg)) throw new Error('internal error: a worker answered an anchoring trial with something else');
      parts[msg.anchor.r] = msg.anchor.parts;
    },
    'the anchoring trial',
    signal,
  );
  return parts;
}

type OkReply = Extract<WorkerReply, { ok: true }>;

/**
 * `count` tasks on `nWorkers` worker threads (the kept pool when no other ensemble uses it):
 * `sc` is sent first, then task `taskOf(j, …)` for j = 0 to count - 1, one at a time to each
 * worker as it finishes its last; `accept` takes each answer. A failed task, an error thrown by
 * `accept`, a worker that stops, or `signal` ends it all with that error; `what` names the work
 * in the messages.
 */
async function onWorkers(
  nWorkers: number,
  sc: Scenario,
  count: number,
  taskOf: (j: number, scenarioId: number, first: boolean) => Task | AnchorTask,
  accept: (msg: OkReply) => void,
  what: string,
  signal: AbortSignal | undefined,
): Promise<void> {
  const { workers, kept } = await acquireWorkers(nWorkers);
  const id = ++scenarioIds;
  const scenarioMessage: ScenarioMessage = { kind: 'scenario', id, scenario: sc };
  const handlers: { w: Worker; message: (msg: WorkerReply) => void; error: (e: Error) => void; exit: (code: number) => void }[] = [];
  let onAbort: (() => void) | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      let next = 0;
      let done = 0;
      let ended = false;
      const finish = (err?: Error) => {
        if (ended) return;
        ended = true;
        if (err) reject(err);
        else resolve();
      };
      // stopped: reject now; the workers, busy with tasks nobody wants, are ended below
      if (signal) {
        onAbort = () => finish(abortError(signal));
        signal.addEventListener('abort', onAbort, { once: true });
        if (signal.aborted) onAbort();
      }
      const feed = (w: Worker, first: boolean) => {
        if (next < count) w.postMessage(taskOf(next++, id, first));
      };
      for (const w of workers) {
        const message = (msg: WorkerReply) => {
          if (ended) return;
          if (!msg.ok) return finish(new Error(`${what} failed in a worker: ${msg.error}`));
          // what the caller's callbacks throw (writing the rows, progress) ends the run with it
          try {
            accept(msg);
          } catch (e) {
            return finish(e instanceof Error ? e : new Error(String(e)));
          }
          // the progress of a replication still running: no task done
          if ('steps' in msg) return;
          if (++done === count) return finish();
          feed(w, false);
        };
        const error = (e: Error) => finish(e);
        // a worker ended from outside (`closeWorkers` while this runs) would otherwise leave the run waiting
        const exit = (code: number) => finish(new Error(`a worker thread stopped (exit code ${code}) before ${what} were done`));
        handlers.push({ w, message, error, exit });
        w.on('message', message);
        w.on('error', error);
        w.on('exit', exit);
        w.ref();
        w.postMessage(scenarioMessage);
        feed(w, true);
      }
      if (count === 0) finish();
    });
  } catch (e) {
    // a failed ensemble may leave tasks running or a thread broken: start afresh next time
    if (kept && pool === workers) await closeWorkers();
    throw e;
  } finally {
    if (onAbort) signal!.removeEventListener('abort', onAbort);
    for (const { w, message, error, exit } of handlers) {
      w.off('message', message);
      w.off('error', error);
      w.off('exit', exit);
      w.unref();
    }
    if (kept) poolInUse = false;
    else await Promise.all(workers.map((w) => w.terminate()));
  }
}
