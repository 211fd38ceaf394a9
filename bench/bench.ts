/**
 * `npm run bench` (`node dist/bench/bench.js`): how fast the engine is. A script, not a test:
 * it times, it does not assert. Build first (`npm run build`).
 *
 *   npm run bench                      readable table on stdout
 *   npm run bench -- --json            one JSON object per case and line (npm prints its
 *                                      header first; `npm run -s bench -- --json` does not)
 *   npm run bench -- --only model-10k  one case (repeat --only, or comma-separate, for more)
 *
 * Each case prints `{ name, medianMs, runs, work, unit, perSecond }` (perSecond = work /
 * median time), plus, where it applies, `memoryBytesPerHousehold` and case-specific fields.
 *
 * Cases:
 *  - schelling-abmfc-small / -large: the ABMFrameworksComparison Schelling specs
 *    (scenarios/schelling/abmfc-*.yaml): median over 100 seeds of model construction +
 *    20 steps, after a warm-up, in one process, as the peers time it (construction =
 *    `initialWorld`, a step = `schellingStep`; the move log is kept; the monthly reporters,
 *    which the peers do not have, are left out). Work = agents x steps (`agent-steps`).
 *  - model-10k / -100k / -1m: the full model with every mechanism, schema defaults, one
 *    estate of 10,000 / 100,000 / 1,000,000 flats, 10 years, no move log. Work = households
 *    alive summed over the months (`household-months`). Memory = growth of V8 heap plus
 *    array buffers when the initial world is built (after garbage collection), per household.
 *    Timed once the model is compiled (`MODEL_WARM_UP_RUNS` runs of the 10,000-flat model
 *    first), one run after another as a user's replications run (no forced garbage collection
 *    between them, since 0.2.6); the first of the warm-up runs, from cold, is the `coldMs` of
 *    the first model case run (model-10k's in a full run).
 *  - ensemble: 64 replications of scenarios/default.yaml on all cores (worker threads)
 *    against one core, both started cold as a command-line run is (the one-core run in a fresh
 *    thread, since this one is warm from the other cases); medianMs is the all-cores time,
 *    `oneCoreMs` the one-core time, `speedup` their ratio; `oneCoreCpuMs`/`allCoresCpuMs` are the
 *    CPU times of the two runs (when other programs share the cores, the speedup falls but
 *    these do not: their ratio is the parallel overhead); `workerThreadsCpuMs` the CPU time of
 *    the all-cores run's workers together and `otherThreadsCpuMs` that of this process's other
 *    threads meanwhile (Linux only). `cliOneCoreMs`/`cliAllCoresMs`/
 *    `cliSpeedup`: the same 64 replications as a user runs them (`nabolag run … --no-report`),
 *    in a child process held to one core by `taskset -c 0`, and on all cores (left out where
 *    `taskset` is missing). `warmOneCoreMs`/`warmAllCoresMs`/`warmSpeedup`: the same ensemble
 *    once the threads have compiled the model (this thread against the kept worker pool, medians
 *    of `warmRounds` alternating runs), as the model cases are timed and as `compare`,
 *    `calibrate` or a series of ensembles in one process run all but their first.
 */
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { initialWorld, scenarioMonths, simulate, type ReplicationResult } from '../src/model/simulate.js';
import { type ReplicationDigest, total } from '../src/model/digest.js';
import { schellingStep } from '../src/model/mechanisms/schelling.js';
import { METRIC_INDEX, NMETRIC } from '../src/model/reporters.js';
import { validate } from '../src/scenario/dsl.js';
import { loadScenario } from '../src/scenario/load.js';
import { type Scenario, scenarioSchema } from '../src/scenario/schema.js';
import { closeWorkers, defaultWorkers, runEnsemble } from '../src/engine/ensemble.js';

/** One line of output. */
export interface BenchResult {
  name: string;
  medianMs: number;
  runs: number;
  work: number;
  unit: string;
  perSecond: number;
  memoryBytesPerHousehold?: number;
  [extra: string]: number | string | undefined;
}

interface Case {
  name: string;
  run: () => BenchResult | Promise<BenchResult>;
}

/** The project folder (this file runs as dist/bench/bench.js, or as bench/bench.ts under tsx). */
const here = dirname(fileURLToPath(import.meta.url));
const root = existsSync(join(here, '..', 'scenarios')) ? join(here, '..') : join(here, '..', '..');

/** Garbage collection on demand (for the memory figures), without a command-line flag. */
v8.setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const k = s.length >> 1;
  return s.length % 2 ? s[k]! : (s[k - 1]! + s[k]!) / 2;
};
const round = (x: number, digits = 3): number => Number(x.toFixed(digits));

function result(name: string, times: number[], work: number, unit: string, extra: Partial<BenchResult> = {}): BenchResult {
  const medianMs = median(times);
  return { name, medianMs: round(medianMs), runs: times.length, work, unit, perSecond: Math.round(work / (medianMs / 1000)), ...extra };
}

const schellingFile = (spec: string): string => join(root, 'scenarios', 'schelling', `abmfc-${spec}.yaml`);

/** Construction + all steps of one Schelling run; returns the number of moves. */
function schellingRun(sc: Scenario, seed: number): number {
  const w = initialWorld(sc, seed);
  const spec = sc.schelling!;
  const steps = scenarioMonths(sc);
  for (let m = 1; m <= steps; m++) {
    w.month = m;
    schellingStep(w, spec, w.rngs.schelling);
  }
  return w.log.size;
}

function schellingCase(spec: 'small' | 'large'): Case {
  return {
    name: `schelling-abmfc-${spec}`,
    run: () => {
      const sc = loadScenario(schellingFile(spec));
      for (let s = 0; s < 30; s++) schellingRun(sc, 1_000_000 + s); // warm-up
      const times: number[] = [];
      let moves = 0;
      for (let s = 0; s < 100; s++) {
        const t0 = performance.now();
        moves += schellingRun(sc, s);
        times.push(performance.now() - t0);
      }
      const g = sc.schelling!;
      return result(`schelling-abmfc-${spec}`, times, g.agents * scenarioMonths(sc), 'agent-steps', {
        minMs: round(Math.min(...times)),
        movesPerRun: moves / 100,
      });
    },
  };
}

/** The full default model with one estate of `flats` flats, 10 years, no move log. */
const modelScenario = (flats: number): Scenario =>
  validate(scenarioSchema, { name: 'bench', years: 10, estates: [{ flats }], output: { moves: false } }, 'bench').value as Scenario;

/** Households alive summed over months 1..end (the first row: the only estate). */
function householdMonths(r: ReplicationResult | ReplicationDigest): number {
  const row = r.rowNames.indexOf('region') >= 0 ? r.rowNames.indexOf('region') : 0;
  if (!('metrics' in r)) return total(r, row, METRIC_INDEX.households!);
  const nRows = r.rowNames.length;
  let sum = 0;
  for (let m = 1; m <= r.months; m++) sum += r.metrics[(m * nRows + row) * NMETRIC + METRIC_INDEX.households!]!;
  return sum;
}

/** Bytes per household of the initial world: heap + array buffers, after GC. */
async function worldBytesPerHousehold(sc: Scenario): Promise<number> {
  // array buffers are freed by a sweeper that runs after the collection: collect, let it run, again
  const settle = () => new Promise((r) => setTimeout(r, 100));
  const used = async () => {
    for (let k = 0; k < 2; k++) {
      gc();
      await settle();
    }
    const u = process.memoryUsage();
    return u.heapUsed + u.arrayBuffers;
  };
  const before = await used();
  const w = initialWorld(sc, 1);
  const after = await used();
  let households = 0;
  for (let i = 0; i < w.hh.used; i++) households += w.hh.alive[i]!;
  return Math.round((after - before) / households);
}

/**
 * Runs of the 10,000-flat model before any model case is timed. A fresh process runs its first
 * replications while V8 is still compiling the model (about 130 functions, some of them twice
 * after deoptimisations) and only reaches full speed after some 5-15 million household-months
 * (bench/RESULTS.md, 0.2.4); a case timed before that measures the compiler, not the model. The
 * first of these runs is reported as `coldMs` (on the first model case's line), so the start-up
 * cost stays in view; the ensemble case, which starts threads cold as a user's run does, pays it
 * as well.
 */
const MODEL_WARM_UP_RUNS = 8;
let modelColdMs: number | undefined;
function warmModel(): number | undefined {
  if (modelColdMs !== undefined) return undefined;
  const sc = modelScenario(10_000);
  for (let k = 0; k < MODEL_WARM_UP_RUNS; k++) {
    const t0 = performance.now();
    simulate(sc, 0, 1_000 + k);
    if (k === 0) modelColdMs = round(performance.now() - t0);
  }
  return modelColdMs;
}

function modelCase(name: string, flats: number, runs: number): Case {
  return {
    name,
    run: async () => {
      const coldMs = warmModel();
      const sc = modelScenario(flats);
      const memory = await worldBytesPerHousehold(sc);
      // one full collection before the series (the memory measurement's), none between its
      // runs: once the previous run's world is garbage, a full collection makes V8 throw away
      // the compiled functions that refer to its objects ("weak objects" in `node
      // --trace-deopt`: 42 in four 10,000-flat runs each after a forced collection, none
      // without), so each run began by compiling them again, which a user's replications,
      // run one after another, do not (bench/RESULTS.md, 0.2.6)
      const times: number[] = [];
      let work = 0;
      for (let k = 0; k < runs; k++) {
        const t0 = performance.now();
        const r = simulate(sc, 0, 1);
        times.push(performance.now() - t0);
        work = householdMonths(r);
      }
      // the fastest run too: this machine's speed drifts between runs (bench/RESULTS.md)
      return result(name, times, work, 'household-months', {
        minMs: round(Math.min(...times)),
        memoryBytesPerHousehold: memory,
        ...(coldMs !== undefined ? { coldMs } : {}),
      });
    },
  };
}

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

const ensembleCase: Case = {
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

const CASES: Case[] = [
  schellingCase('small'),
  schellingCase('large'),
  modelCase('model-10k', 10_000, 9),
  modelCase('model-100k', 100_000, 3),
  modelCase('model-1m', 1_000_000, 1),
  ensembleCase,
];

const USAGE = `usage: node dist/bench/bench.js [--json] [--only <name>[,<name>...]]...\ncases: ${CASES.map((c) => c.name).join(', ')}`;

function parseArgs(argv: string[]): { json: boolean; only: string[] } {
  let json = false;
  const only: string[] = [];
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k]!;
    if (a === '--json') json = true;
    else if (a === '--only' && k + 1 < argv.length) only.push(...argv[++k]!.split(','));
    else if (a.startsWith('--only=')) only.push(...a.slice(7).split(','));
    else if (a === '--help' || a === '-h') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else {
      process.stderr.write(`bench: unknown argument "${a}"\n${USAGE}\n`);
      process.exit(2);
    }
  }
  const unknown = only.filter((n) => !CASES.some((c) => c.name === n));
  if (unknown.length) {
    process.stderr.write(`bench: unknown case ${unknown.map((n) => `"${n}"`).join(', ')}\n${USAGE}\n`);
    process.exit(2);
  }
  return { json, only };
}

const fmt = (x: number): string => (x >= 100 ? Math.round(x).toLocaleString('en-US') : x.toPrecision(3));
const extras = (r: BenchResult): string =>
  Object.entries(r)
    .filter(([k]) => !['name', 'medianMs', 'runs', 'work', 'unit', 'perSecond'].includes(k))
    .map(([k, v]) => `${k}=${typeof v === 'number' ? fmt(v) : v}`)
    .join(' ');

async function main(): Promise<void> {
  const { json, only } = parseArgs(process.argv.slice(2));
  const cases = only.length ? CASES.filter((c) => only.includes(c.name)) : CASES;
  if (!json) {
    const cpu = cpus()[0]?.model ?? 'unknown CPU';
    process.stdout.write(`nabolag bench: node ${process.version}, ${cpu}, ${availableParallelism()} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB\n\n`);
    process.stdout.write(
      `${'case'.padEnd(24)}${'median ms'.padStart(12)}${'runs'.padStart(6)}${'work'.padStart(14)}  ${'unit'.padEnd(18)}${'per second'.padStart(14)}  other\n`,
    );
  }
  for (const c of cases) {
    const r = await c.run();
    if (json) process.stdout.write(`${JSON.stringify(r)}\n`);
    else
      process.stdout.write(
        `${r.name.padEnd(24)}${fmt(r.medianMs).padStart(12)}${String(r.runs).padStart(6)}${fmt(r.work).padStart(14)}  ${r.unit.padEnd(18)}${fmt(r.perSecond).padStart(14)}  ${extras(r)}\n`,
      );
  }
}

if (isMainThread) await main();
else await oneCoreThread((workerData as { oneCoreEnsemble: Scenario }).oneCoreEnsemble);
