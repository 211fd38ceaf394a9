/**
 * A thread warms up once (src/engine/warmup.ts): before it has built WARM_UP_WORLDS worlds a
 * warm-up is due; after an ensemble on it, the next ensemble skips it, and its results are the
 * same as the first's.
 */
import { describe, expect, it } from 'vitest';
import { runEnsemble } from '../../src/engine/ensemble.js';
import { threadWarm, wantsWarmUp } from '../../src/engine/warmup.js';
import { scenario } from '../helpers/scenario.js';

describe('threadWarm', () => {
  it('is false on a fresh thread and true once an ensemble has run on it; the ensembles agree', async () => {
    const sc = scenario({ years: 2, seed: 3, replications: 3, estates: [{ flats: 150, anchor: false }] });
    expect(wantsWarmUp(sc, 3)).toBe(true);
    expect(threadWarm()).toBe(false);
    const first = await runEnsemble(sc, { workers: 1 });
    expect(threadWarm()).toBe(true);
    const second = await runEnsemble(sc, { workers: 1 });
    expect(second.replications).toEqual(first.replications);
  });
});
