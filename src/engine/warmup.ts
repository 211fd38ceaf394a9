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
 * second compilation is pure waste, and with two workers on two cores it competes with the
 * replications for the CPU.
 *
 * `warmUp` builds and runs a short copy of the scenario (one year, or two Schelling steps)
 * before the first replication, so the record is widened before anything is compiled. It uses
 * its own seed and keeps nothing: the results of the replications do not change
 * (test/engine/warmup.test.ts).
 */
import { simulate } from '../model/simulate.js';
import type { Scenario } from '../scenario/schema.js';

/** Seed of the warm-up run (any value: its results are dropped). */
const WARM_UP_SEED = 1;

/** The short copy of a scenario the warm-up runs: one year, or at most two Schelling steps. */
export function warmUpScenario(sc: Scenario): Scenario {
  return {
    ...sc,
    years: 1,
    replications: 1,
    schelling: sc.schelling ? { ...sc.schelling, steps: Math.min(2, sc.schelling.steps ?? 2) } : sc.schelling,
  };
}

/** Run the short copy once and drop the result. */
export function warmUp(sc: Scenario): void {
  simulate(warmUpScenario(sc), 0, WARM_UP_SEED, { maps: false });
}
