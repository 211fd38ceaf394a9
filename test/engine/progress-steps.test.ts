/**
 * The progress within a replication (src/engine/ensemble.ts `onProgress`, worker.ts
 * `drainTelling`): a replication's steps are counted as model/simulate.ts takes them (two per
 * estate of the world, then one per month and one for month 0), the part done of a running one is
 * its months simulated, and telling the steps leaves the result as `simulate` gives it.
 */
import { describe, expect, it } from 'vitest';
import { partialDone } from '../../src/engine/ensemble.js';
import { drainTelling } from '../../src/engine/worker.js';
import { replicationStepCount } from '../../src/engine/work.js';
import { digest } from '../../src/model/digest.js';
import { replicationSteps, simulate } from '../../src/model/simulate.js';
import { resolve } from '../../src/output/pipeline.js';
import { loadScenario } from '../../src/scenario/load.js';

const scenario = (file: string) => resolve(loadScenario(file), { replications: 1, years: 2 }, file);

describe('the steps of a replication', () => {
  it.each(['scenarios/default.yaml', 'scenarios/regions/baseline.yaml'])('%s: as many as replicationStepCount says', (file) => {
    const sc = scenario(file);
    const steps = replicationSteps(sc, 0, 7, {});
    let n = 0;
    while (!steps.next().done) n++;
    const c = replicationStepCount(sc);
    expect(n).toBe(c.world + c.months);
    expect(c.months).toBe(2 * 12 + 1);
  });

  it('telling them gives the result simulate gives, and tells each step when asked every 0 ms', () => {
    const sc = scenario('scenarios/default.yaml');
    const told: number[] = [];
    const r = drainTelling(replicationSteps(sc, 0, 7, {}), 0, (d) => told.push(d));
    expect(digest(r)).toEqual(digest(simulate(sc, 0, 7)));
    const c = replicationStepCount(sc);
    expect(told).toEqual(Array.from({ length: c.world + c.months }, (_, i) => i + 1));
  });
});

describe('the part done of the replications running', () => {
  const per = { world: 1200, months: 361 };
  it('is their months simulated over all, below 1 each, added to those done', () => {
    expect(partialDone(3, new Map(), per)).toBe(3);
    // still building the world: nothing yet
    expect(partialDone(0, new Map([[0, 600]]), per)).toBe(0);
    expect(partialDone(1, new Map([[1, 1200 + 361 / 2]]), per)).toBeCloseTo(1.5, 9);
    expect(partialDone(0, new Map([[0, 1200 + 361]]), per)).toBe(0.99);
    expect(
      partialDone(
        2,
        new Map([
          [2, 1200 + 361 / 4],
          [3, 1200 + 361 / 2],
        ]),
        per,
      ),
    ).toBeCloseTo(2.75, 9);
  });
});
