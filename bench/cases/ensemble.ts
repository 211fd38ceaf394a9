/**
 * ensemble: 64 replications of scenarios/default.yaml on all cores (worker threads) against
 * one core, both started cold as a command-line run is (the one-core run in a fresh thread,
 * since this one is warm from the other cases); medianMs is the all-cores time, `oneCoreMs` the
 * one-core time, `speedup` their ratio; `oneCoreCpuMs`/`allCoresCpuMs` are the CPU times of the
 * two runs (when other programs share the cores, the speedup falls but these do not: their
 * ratio is the parallel overhead); `workerThreadsCpuMs` the CPU time of the all-cores run's
 * workers together and `otherThreadsCpuMs` that of this process's other threads meanwhile
 * (Linux only). `cliOneCoreMs`/`cliAllCoresMs`/`cliSpeedup`: the same 64 replications as a user
 * runs them (`nabolag run … --no-report`), in a child process held to one core by
 * `taskset -c 0`, and on all cores (left out where `taskset` is missing).
 * `warmOneCoreMs`/`warmAllCoresMs`/`warmSpeedup`: the same ensemble once the threads have
 * compiled the model (this thread against the kept worker pool, medians of `warmRounds`
 * alternating runs), as the model cases are timed and as `compare`, `calibrate` or a series of
 * ensembles in one process run all but their first.
 *
 * The one-core run starts this module in a fresh worker thread (the end of this file).
 */
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { loadScenario } from '../../src/scenario/load.js';
import type { Scenario } from '../../src/scenario/schema.js';
import { closeWorkers, defaultWorkers, runEnsemble } from '../../src/engine/ensemble.js';
import { type Case, median, result, root, round } from '../harness.js';
import { householdMonths, modelScenario } from './model.js';

/** Time of the one-core ensemble (`workers: 1`) in a fresh thread, as cold as a pool's workers start. */
function oneCoreColdMs(sc: Scenario): Promise<number> {
  return new Promise((resolve, reject) => {
    const thread = new Worker(new URL(import.meta.url), { workerData: { oneCoreEnsemble: sc } });
    thread.once('message', (ms: number) => {
      void thread.terminate();
      resolve(ms);
    });
    thread.once('error', reject);
  });
}

/** In that thread: run the ensemble on it and post the time back. */
async function oneCoreThread(sc: Scenario): Promise<void> {
  const t0 = performance.now();
  await runEnsemble(sc, { workers: 1 });
  parentPort!.postMessage(performance.now() - t0);
}

/**
 * The same ensemble as a user runs it: `nabolag run scenarios/default.yaml -n 64 --no-report`,
 * cold, in a child process, held to one core with `taskset -c 0` (`-w 1`) and on all cores
 * (`-w <all>`). Held to one core, V8's compiler and garbage-collector threads share that core
 * too, which the in-process one-core run above does not. Wall times in ms; undefined where
 * `taskset` is missing.
 */
function cliEnsembleMs(workers: number, pinned: boolean): number | undefined {
  const out = mkdtempSync(join(tmpdir(), 'nabolag-bench-'));
  try {
    const args = [
      join(root, 'bin', 'nabolag.js'),
      'run',
      join(root, 'scenarios', 'default.yaml'),
      '-n',
      '64',
      '-w',
      String(workers),
      '--no-report',
      '-q',
      '-o',
      join(out, 'run'),
    ];
    const t0 = performance.now();
    const r = pinned
      ? spawnSync('taskset', ['-c', '0', process.execPath, ...args], { stdio: 'ignore' })
      : spawnSync(process.execPath, args, { stdio: 'ignore' });
    const ms = performance.now() - t0;
    if (r.error || r.status !== 0) return undefined;
    return round(ms);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/**
 * CPU time (ms) of each thread of this process by thread id, from /proc/self/task (Linux; empty
 * elsewhere). Worker threads and V8's background threads (compiling, garbage collection) are all
 * named "node"; the ensemble case tells the workers apart as the threads that were not there
 * before it started them. Linux counts in ticks of 10 ms (USER_HZ 100).
 */
function threadCpuMs(): Map<string, number> {
  const out = new Map<string, number>();
  let tids: string[];
  try {
    tids = readdirSync('/proc/self/task');
  } catch {
    return out;
  }
  for (const t of tids) {
    try {
      const stat = readFileSync(`/proc/self/task/${t}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(t, (Number(f[11]) + Number(f[12])) * 10);
    } catch {
      // the thread ended meanwhile
    }
  }
  return out;
}

/**
 * Rounds of the ensemble's warm comparison: one-core and all-cores runs alternate, so that the
 * machine's drift (bench/RESULTS.md) falls on both alike.
 */
const WARM_ENSEMBLE_ROUNDS = 5;

/**
 * The same ensemble once the threads have compiled the model, as the model cases are timed and
 * as a `compare` or `calibrate` run, or a script running ensembles one after another, runs its
 * second and later ensembles (the kept worker pool: ensemble.ts). One core: this thread
 * (`workers: 1`); all cores: the kept pool. Each is run once untimed first (this thread may not
 * have run the model yet; the pool is new), then `WARM_ENSEMBLE_ROUNDS` times each, alternating.
 * Wall times in ms.
 */
async function warmEnsembleMs(sc: Scenario, workers: number): Promise<{ oneMs: number[]; allMs: number[] }> {
  await closeWorkers();
  await runEnsemble(sc, { workers: 1 });
  await runEnsemble(sc, { workers });
  const oneMs: number[] = [];
  const allMs: number[] = [];
  for (let k = 0; k < WARM_ENSEMBLE_ROUNDS; k++) {
    let t0 = performance.now();
    await runEnsemble(sc, { workers: 1 });
    oneMs.push(performance.now() - t0);
    t0 = performance.now();
    await runEnsemble(sc, { workers });
    allMs.push(performance.now() - t0);
  }
  await closeWorkers();
  return { oneMs, allMs };
}

export const ensembleCase: Case = {
  name: 'ensemble',
  run: async () => {
    const file = join(root, 'scenarios', 'default.yaml');
    const base = existsSync(file) ? loadScenario(file) : modelScenario(1000);
    const sc: Scenario = { ...base, replications: 64 };
    // both start cold, as a command-line run does: one core in a fresh thread, then fresh workers
    const cpuMs = (since: NodeJS.CpuUsage): number => {
      const u = process.cpuUsage(since);
      return round((u.user + u.system) / 1000);
    };
    const c1 = process.cpuUsage();
    const oneMs = await oneCoreColdMs(sc);
    const oneCoreCpuMs = cpuMs(c1);
    const workers = defaultWorkers();
    await closeWorkers(); // fresh workers, as a command-line run starts them
    const c2 = process.cpuUsage();
    const threadsBefore = threadCpuMs();
    const t0 = performance.now();
    const all = await runEnsemble(sc, { workers });
    const allMs = performance.now() - t0;
    const allCoresCpuMs = cpuMs(c2);
    const threadsAfter = threadCpuMs();
    await closeWorkers();
    // the workers' own CPU time (compiling the model, since every core has a worker, and the
    // replications) against that of the threads that were there before (this thread and V8's)
    const threads =
      threadsBefore.size > 0
        ? {
            workerThreadsCpuMs: [...threadsAfter].reduce((sum, [t, ms]) => sum + (threadsBefore.has(t) ? 0 : ms), 0),
            otherThreadsCpuMs: [...threadsBefore].reduce((sum, [t, ms]) => sum + (threadsAfter.get(t) ?? ms) - ms, 0),
          }
        : {};
    let work = 0;
    for (const r of all.replications) work += householdMonths(r);
    const cliOneCoreMs = cliEnsembleMs(1, true);
    const cliAllCoresMs = cliEnsembleMs(workers, false);
    const cli =
      cliOneCoreMs !== undefined && cliAllCoresMs !== undefined ? { cliOneCoreMs, cliAllCoresMs, cliSpeedup: round(cliOneCoreMs / cliAllCoresMs) } : {};
    const warm = await warmEnsembleMs(sc, workers);
    const warmOneCoreMs = median(warm.oneMs);
    const warmAllCoresMs = median(warm.allMs);
    return result('ensemble', [allMs], work, 'household-months', {
      workers,
      oneCoreMs: round(oneMs),
      speedup: round(oneMs / allMs),
      oneCoreCpuMs,
      allCoresCpuMs,
      ...threads,
      ...cli,
      warmOneCoreMs: round(warmOneCoreMs),
      warmAllCoresMs: round(warmAllCoresMs),
      warmSpeedup: round(warmOneCoreMs / warmAllCoresMs),
      warmRounds: WARM_ENSEMBLE_ROUNDS,
    });
  },
};

/** In the one-core run's thread (oneCoreColdMs): run the ensemble there. */
const oneCore = isMainThread ? undefined : (workerData as { oneCoreEnsemble?: Scenario } | null)?.oneCoreEnsemble;
if (oneCore) await oneCoreThread(oneCore);
