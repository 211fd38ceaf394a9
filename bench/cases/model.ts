/**
 * model-10k / -100k / -1m: the full model with every mechanism, schema defaults, one estate of
 * 10,000 / 100,000 / 1,000,000 flats, 10 years, no move log. Work = households alive summed
 * over the months (`household-months`). Memory = growth of V8 heap plus array buffers when the
 * initial world is built (after garbage collection), per household. Timed once the model is
 * compiled (`MODEL_WARM_UP_RUNS` runs of the 10,000-flat model first), one run after another as
 * a user's replications run (no forced garbage collection between them, since 0.2.6); the first
 * of the warm-up runs, from cold, is the `coldMs` of the first model case run (model-10k's in a
 * full run).
 */
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { initialWorld, simulate, type ReplicationResult } from '../../src/model/simulate.js';
import { type ReplicationDigest, total } from '../../src/model/digest.js';
import { METRIC_INDEX, NMETRIC } from '../../src/model/reporters.js';
import { validate } from '../../src/scenario/dsl.js';
import { type Scenario, scenarioSchema } from '../../src/scenario/schema.js';
import { type Case, result, round } from '../harness.js';

/** Garbage collection on demand (for the memory figures), without a command-line flag. */
v8.setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
/** The full default model with one estate of `flats` flats, 10 years, no move log. */
export const modelScenario = (flats: number): Scenario =>
  validate(scenarioSchema, { name: 'bench', years: 10, estates: [{ flats }], output: { moves: false } }, 'bench').value as Scenario;

/** Households alive summed over months 1..end (the first row: the only estate). */
export function householdMonths(r: ReplicationResult | ReplicationDigest): number {
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

export function modelCase(name: string, flats: number, runs: number): Case {
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
