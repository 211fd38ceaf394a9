/** How much simulating a scenario is, for deciding how to run it (workers, warm-up). */
import { type Steps, scenarioMonths } from '../model/simulate.js';
import type { Scenario } from '../scenario/schema.js';

/** Flat-months one replication simulates: flats (copies included) x months (Schelling: steps). */
export function replicationFlatMonths(sc: Scenario): number {
  const flats = sc.estates.reduce((n, e) => n + e.flats * e.copies, 0);
  return flats * scenarioMonths(sc);
}

/**
 * The steps of one replication (model/simulate.ts `replicationSteps`): `world`, two per estate of
 * the world built (its flats laid out, then its households drawn), then `months`, one after month
 * 0 and one after each month. The part of a long replication done is told by its months (the
 * world's steps take seconds, its months minutes), and test/engine/progress-steps.test.ts checks
 * these counts against the steps the model takes.
 */
export function replicationStepCount(sc: Scenario): { world: number; months: number } {
  return { world: 2 * sc.estates.reduce((n, e) => n + e.copies, 0), months: scenarioMonths(sc) + 1 };
}

/**
 * The steps, telling `tell` the steps done at most every `everyMs` (what they yield and are
 * answered passes through): the progress of a long replication, on this thread or a worker's.
 */
export function* telling<T>(steps: Steps<T>, everyMs: number, tell: (done: number) => void): Steps<T> {
  let done = 0;
  let last = performance.now();
  let answer: unknown;
  for (;;) {
    const r = steps.next(answer);
    if (r.done) return r.value;
    done++;
    const now = performance.now();
    if (now - last >= everyMs) {
      last = now;
      tell(done);
    }
    answer = yield r.value;
  }
}
