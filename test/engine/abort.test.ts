/**
 * Stopping a run (src/engine/ensemble.ts `EnsembleOptions.signal`): replications running on
 * this thread pause for the event loop every `YIELD_EVERY_MS`, so that an abort (or a signal
 * handler) runs within a second even while a replication takes many seconds; on worker threads
 * the run rejects at once and the workers are ended. Worker threads run the compiled engine:
 * this needs `npm run build` first.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { YIELD_EVERY_MS, closeWorkers, keptWorkerIds, runEnsemble } from '../../src/engine/ensemble.js';
import { runToDirectory } from '../../src/output/pipeline.js';
import { replicationSeed } from '../../src/model/rng.js';
import { replicationSteps, simulate } from '../../src/model/simulate.js';
import { scenario } from '../helpers/scenario.js';

/** Seconds of work on this machine: each replication of 20,000 flats over 15 years takes a second or more. */
const big = scenario({ name: 'big', years: 15, replications: 40, seed: 3, estates: [{ flats: 20_000, anchor: false }] });
/** The same estate anchored: the anchoring's trials run on this thread before any replication. */
const anchored = scenario({ name: 'anchored', years: 15, replications: 40, seed: 3, estates: [{ flats: 20_000 }] });

/** Start the run, abort it after `afterMs`, and measure how long it took to reject after the abort. */
async function abortAfter(workers: number, afterMs: number, sc = big): Promise<{ error: Error; lagMs: number; progress: number }> {
  const ctrl = new AbortController();
  let abortedAt = 0;
  let progress = 0;
  const run = runEnsemble(sc, { workers, signal: ctrl.signal, onProgress: (d) => (progress = d) });
  const timer = setTimeout(() => {
    abortedAt = performance.now();
    ctrl.abort();
  }, afterMs);
  try {
    await run;
    throw new Error('the run finished instead of being stopped');
  } catch (e) {
    clearTimeout(timer);
    return { error: e as Error, lagMs: performance.now() - abortedAt, progress };
  }
}

describe('an ensemble stopped by its signal', () => {
  it('on this thread: the timer runs while a replication does, and the run rejects within a second', async () => {
    const { error, lagMs, progress } = await abortAfter(1, 1500);
    expect(error.name).toBe('AbortError');
    expect(progress).toBeLessThan(big.replications);
    expect(lagMs).toBeLessThan(1000);
  }, 30_000);

  it('while anchoring (on this thread, before any replication): rejects within a second', async () => {
    const { error, lagMs, progress } = await abortAfter(2, 700, anchored);
    expect(error.name).toBe('AbortError');
    expect(progress).toBe(0);
    expect(lagMs).toBeLessThan(1000);
  }, 30_000);

  it('on two workers: rejects within a second and ends the workers, kept pool included', async () => {
    // a kept pool first, which the stopped run must not leave behind
    await runEnsemble({ ...big, replications: 2, years: 1, estates: [{ ...big.estates[0]!, flats: 200 }] }, { workers: 2 });
    expect(keptWorkerIds().length).toBe(2);
    const { error, lagMs } = await abortAfter(2, 1500);
    expect(error.name).toBe('AbortError');
    expect(lagMs).toBeLessThan(1000);
    expect(keptWorkerIds()).toEqual([]);
    await closeWorkers();
  }, 30_000);

  it('a run to a folder (RunInfo.signal): rejects and leaves nothing behind', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'nabolag-abort-'));
    afterAll(() => rmSync(tmp, { recursive: true, force: true }));
    const ctrl = new AbortController();
    const run = runToDirectory(big, join(tmp, 'out'), { workers: 1, signal: ctrl.signal });
    setTimeout(() => ctrl.abort(), 500);
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(existsSync(join(tmp, 'out'))).toBe(false);
    expect(readdirSync(tmp)).toEqual([]);
  }, 30_000);

  it('already stopped: rejects before running anything', async () => {
    const ctrl = new AbortController();
    ctrl.abort();
    let progress = 0;
    await expect(runEnsemble(big, { workers: 1, signal: ctrl.signal, onProgress: (d) => (progress = d) })).rejects.toMatchObject({ name: 'AbortError' });
    expect(progress).toBe(0);
  });
});

describe('replicationSteps', () => {
  it('equals simulate, with a step per estate built and per month', () => {
    const sc = scenario({ years: 2, replications: 1, seed: 4, estates: [{ flats: 150 }, { flats: 120, copies: 2 }] });
    const steps = replicationSteps(sc, 0, replicationSeed(sc.seed, 0), { maps: true });
    let n = 0;
    let r = steps.next();
    for (; !r.done; r = steps.next()) n++;
    // 3 estates laid out, 3 populated, month 0, 24 months
    expect(n).toBe(3 + 3 + 1 + 24);
    const whole = simulate(sc, 0, replicationSeed(sc.seed, 0), { maps: true });
    expect(Buffer.from(r.value.metrics.buffer).equals(Buffer.from(whole.metrics.buffer))).toBe(true);
    expect(r.value.log.size).toBe(whole.log.size);
    expect(YIELD_EVERY_MS).toBeLessThanOrEqual(100);
  });
});
