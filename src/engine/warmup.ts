/**
 * Warming a thread up before it runs several replications.
 *
 * V8 records, for each field of an object shape, the shape of the objects stored in it ("field
 * types"), and compiled code relies on that record. The first world a thread builds records
 * one set of shapes; the second world's typed arrays, random streams and logs are stored into
 * the same fields with shapes V8 then counts as different, the record is widened, and every
 * compiled function that relied on it is thrown away and compiled again: about 30 functions,
 * the whole household step among them, at the start of the second replication (seen with
 * `node --trace-deopt`: "code dependencies"). On a thread that runs many replications that
 * second compilation is wasted work, and with two workers on two cores it competes with the
 * replications for the CPU.
 *
 * `warmUp` builds two worlds of the scenario and runs each for one month before the first
 * replication, so the record is widened before anything is compiled: with it, a thread running
 * the default scenario compiles about 130 functions instead of about 160 (bench/RESULTS.md).
 * The worlds are small (at most `WARM_UP_FLATS` flats per estate: the shapes of their arrays and
 * records are those of full-sized ones, and building and running 1,000 flats twice cost about a
 * tenth of the default run). It runs the scenario object itself (a copy would have another shape,
 * and code compiled for the copy would be thrown away again), with its own seed, and keeps
 * nothing: the results of the replications do not change (test/engine/warmup.test.ts).
 */
import { simulate } from '../model/simulate.js';
import type { Scenario } from '../scenario/schema.js';
import { replicationFlatMonths } from './work.js';

/** Seed of the warm-up runs (any value: their results are dropped). */
const WARM_UP_SEED = 1;

/** Worlds the warm-up builds, and months (steps) it runs each. */
export const WARM_UP_WORLDS = 2;
export const WARM_UP_MONTHS = 1;

/**
 * Flats per estate at most in the warm-up's worlds (Schelling grids are built whole: their size
 * is the grid's). 100 measured as fast as 40 and 200 (bench/RESULTS.md). (assumption)
 */
export const WARM_UP_FLATS = 100;

/**
 * Flat-months per replication above which a thread does not warm up: the compiling a warm-up
 * saves (about 0.2 s of CPU) is small beside such a replication (about a second or more), while
 * building two more of its worlds is not. (assumption)
 */
export const WARM_UP_MAX_FLAT_MONTHS = 5_000_000;

/**
 * Worlds this thread has built so far (a warm-up's and replications'; `noteWorldBuilt`). Once it
 * has built `WARM_UP_WORLDS`, the record is widened and code compiled for it: a warm-up before
 * its next ensemble would only build worlds for nothing (a sweep or a sensitivity analysis runs
 * an ensemble per point on the same threads: two worlds per thread and point, about 5% of a
 * sweep's CPU time; bench/RESULTS.md).
 */
let worldsBuilt = 0;

/** Count a world this thread built (for a replication). */
export function noteWorldBuilt(): void {
  worldsBuilt++;
}

/** Whether this thread has built enough worlds that a warm-up has nothing left to do. */
export const threadWarm = (): boolean => worldsBuilt >= WARM_UP_WORLDS;

/** Whether a thread that will run `replications` replications of `sc` should warm up first (if not `threadWarm` already). */
export function wantsWarmUp(sc: Scenario, replications: number): boolean {
  return replications > 1 && replicationFlatMonths(sc) <= WARM_UP_MAX_FLAT_MONTHS;
}

/** Build the scenario's world twice, run each for a month, and drop the results. */
export function warmUp(sc: Scenario): void {
  for (let k = 0; k < WARM_UP_WORLDS; k++) {
    simulate(sc, 0, WARM_UP_SEED, { maps: false, maxMonths: WARM_UP_MONTHS, flatCap: sc.schelling ? Infinity : WARM_UP_FLATS });
    noteWorldBuilt();
  }
}
