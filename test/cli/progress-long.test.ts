/**
 * The time left of a long run (an outside trial of `nabolag run scenarios/national.yaml -n 20
 * --years 30` saw "0/20 replications (anchoring the estates…)" for minutes): a replication that
 * runs longer than a second tells the months it has simulated (src/engine/ensemble.ts
 * `onProgress`), and the estimate is made from those parts of replications, ten seconds after
 * the first, without waiting for two whole ones. Given numbers only: no timing is asserted.
 */
import { describe, expect, it } from 'vitest';
import { fakeTerminal } from '../helpers/terminal.js';
import { ESTIMATE_AFTER_PART_MS, estimateLeft, progressReporter, timeLeft } from '../../src/cli/progress.js';

describe('the time left from parts of replications', () => {
  // the first months told 20 s into the run (anchoring, starting the threads, building the world)
  const first = { firstDone: 0.05, firstMs: 20_000 };
  it('is not estimated in the first ten seconds of work, nor without work done since', () => {
    expect(ESTIMATE_AFTER_PART_MS).toBe(10_000);
    expect(estimateLeft(0.3, 20, 25_000, first)).toBe('');
    expect(estimateLeft(0.05, 20, 40_000, first)).toBe('');
    expect(estimateLeft(0, 20, 40_000, undefined)).toBe('');
  });
  it('then is the rate of the work done since the first part times the work left', () => {
    // 0.55 replications in 11 s: 19.4 left take 388 s
    expect(estimateLeft(0.6, 20, 31_000, first)).toBe('6 min left');
    // 1.05 in 40 s: 18.9 left take 720 s
    expect(estimateLeft(1.1, 20, 60_000, first)).toBe('12 min left');
    expect(estimateLeft(20, 20, 600_000, first)).toBe('');
  });
  it('in hours and minutes beyond two hours', () => {
    expect(timeLeft(119 * 60)).toBe('119 min left');
    expect(timeLeft(7500)).toBe('2 h 5 min left');
    expect(timeLeft(3 * 3600 + 59)).toBe('3 h 1 min left');
  });
});

describe('the bar of a long run', () => {
  it('counts whole replications and shows the estimate from their parts within the first minute', () => {
    const t = fakeTerminal();
    let clock = 0;
    const p = progressReporter('national: 20 replications', 20, 'replications', { stream: t.stream, starting: 'anchoring the estates', now: () => clock })!;
    clock = 20_000;
    p.update(0.05);
    clock = 45_000;
    p.update(0.9);
    p.stop();
    const text = t.text();
    expect(text).toMatch(/0\/20 replications 9 min left/);
    expect(text).not.toMatch(/0\.9\/20/);
  });
});
