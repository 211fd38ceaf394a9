/**
 * How many worker threads a run uses when none are asked for (src/engine/ensemble.ts
 * `autoWorkers`): all cores only when each worker gets enough work to pay for its start.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FLAT_MONTHS_PER_WORKER, autoWorkers, autoWorkersFor, compileInBackground, ensembleFlatMonths, runEnsemble } from '../../src/engine/ensemble.js';
import { detachOnce } from '../../src/engine/worker.js';
import { loadScenario } from '../../src/scenario/load.js';
import { SCENARIOS, scenario } from '../helpers/scenario.js';

describe('ensembleFlatMonths', () => {
  it('flats (copies included) x months x replications', () => {
    const sc = scenario({ years: 15, replications: 10, estates: [{ flats: 1000 }, { flats: 200, copies: 3 }] });
    expect(ensembleFlatMonths(sc)).toBe((1000 + 600) * 180 * 10);
  });

  it('counts Schelling steps as months', () => {
    const sc = loadScenario(join(SCENARIOS, 'schelling', 'abmfc-large.yaml'));
    expect(ensembleFlatMonths(sc)).toBe(sc.estates[0]!.flats * 20 * sc.replications);
  });
});

describe('autoWorkers', () => {
  const withReps = (replications: number) => scenario({ years: 15, replications, estates: [{ flats: 1000 }] });

  it('keeps small runs on one thread whatever the cores', () => {
    expect(autoWorkers(withReps(10), 2)).toBe(1);
    expect(autoWorkers(withReps(10), 64)).toBe(1);
    expect(autoWorkers(withReps(64), 2)).toBe(1); // 11.5 million flat-months
  });

  it('adds a worker per FLAT_MONTHS_PER_WORKER of work, up to the cores and the replications', () => {
    expect(FLAT_MONTHS_PER_WORKER).toBe(10_000_000);
    expect(autoWorkers(withReps(112), 2)).toBe(2); // 20.2 million
    expect(autoWorkers(withReps(256), 2)).toBe(2); // 46 million
    expect(autoWorkers(withReps(256), 8)).toBe(4);
    expect(autoWorkers(withReps(256), 1)).toBe(1);
    const big = scenario({ years: 15, replications: 3, estates: [{ flats: 100_000 }] });
    expect(autoWorkers(big, 8)).toBe(3);
  });

  it('for the scenarios of a comparison, counts their work together (one pool serves them all)', () => {
    const four = (replications: number) => [0, 1, 2, 3].map(() => withReps(replications));
    expect(autoWorkersFor(four(16), 2)).toBe(1); // 11.5 million flat-months together
    expect(autoWorkersFor(four(32), 2)).toBe(2); // 23 million together, 5.8 million each
    expect(autoWorkers(withReps(32), 2)).toBe(1);
    expect(autoWorkersFor(four(32), 8)).toBe(2);
    expect(autoWorkersFor(four(32), 1)).toBe(1);
    expect(autoWorkersFor([withReps(112)], 2)).toBe(autoWorkers(withReps(112), 2));
    // no more workers than the replications of the largest ensemble
    expect(autoWorkersFor([scenario({ years: 15, replications: 1, estates: [{ flats: 100_000 }] })], 8)).toBe(1);
  });

  it('runEnsemble uses it when no number is given (for an estate without anchoring to do: one anchored on workers uses them, engine/anchor-workers.test.ts)', async () => {
    const e = await runEnsemble(scenario({ years: 2, replications: 3, estates: [{ flats: 100, anchor: false }] }));
    expect(e.workers).toBe(1);
    expect(e.replications.map((r) => r.replication)).toEqual([0, 1, 2]);
  });
});

describe('detachOnce (a worker, before compiling the model)', () => {
  it('detaches an ArrayBuffer, as transferring results to the main thread does', () => {
    expect(new ArrayBuffer(8).byteLength).toBe(8);
    expect(detachOnce().byteLength).toBe(0);
  });
});

describe('compileInBackground', () => {
  it('leaves compiling to a spare core only when the workers leave one free', () => {
    expect(compileInBackground(1, 2)).toBe(true);
    expect(compileInBackground(3, 8)).toBe(true);
    expect(compileInBackground(2, 2)).toBe(false);
    expect(compileInBackground(4, 2)).toBe(false);
    expect(compileInBackground(1, 1)).toBe(false);
  });
});
