/**
 * Anchoring's trials on worker threads (engine/ensemble.ts `trialOnWorkers`, model/anchor.ts
 * `runTrial`): each trial's replications are summed in index order wherever they ran, so the
 * anchors, and everything run with them, are the same as on this thread; the workers then run
 * the ensemble's replications too (warm by then).
 */
import { describe, expect, it } from 'vitest';
import { runEnsemble } from '../../src/engine/ensemble.js';
import { memoryAnchorStore } from '../../src/model/anchor.js';
import { scenario } from '../helpers/scenario.js';

const own = scenario({ name: 'own', seed: 5, replications: 3, years: 3, estates: [{ name: 'own', flats: 300, population: { resourceStrongShare: 0.35 } }] });
const noMs = (a: { ms: number }[]) => a.map(({ ms: _, ...rest }) => rest);

describe('anchoring on worker threads', () => {
  it('solves the same anchors as on this thread, and runs the replications on the workers it warmed', async () => {
    const here = await runEnsemble(own, { workers: 1, anchorWorkers: 1, anchorStore: memoryAnchorStore() });
    const there = await runEnsemble(own, { workers: 1, anchorWorkers: 2, anchorStore: memoryAnchorStore() });
    expect(here.anchors[0]!.trials).toBeGreaterThan(1);
    expect(noMs(there.anchors)).toEqual(noMs(here.anchors));
    expect(there.scenario).toEqual(here.scenario);
    expect(there.replications).toEqual(here.replications);
    expect(here.workers).toBe(1);
    expect(there.workers).toBe(2);
    // a stored anchor: no trials, so no workers beyond those asked for
    const store = memoryAnchorStore();
    await runEnsemble(own, { workers: 1, anchorWorkers: 1, anchorStore: store });
    const stored = await runEnsemble(own, { workers: 1, anchorWorkers: 2, anchorStore: store });
    expect(stored.workers).toBe(1);
    expect(noMs(stored.anchors)).toEqual(noMs(here.anchors));
  }, 300_000);
});
