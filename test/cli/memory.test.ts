/**
 * A run that would not fit in memory is refused before it starts (src/cli/memory.ts), with the
 * estimate and what to reduce; one that fits passes.
 */
import { describe, expect, it } from 'vitest';
import { PROCESS_BASE_BYTES, availableMemory, checkMemory } from '../../src/cli/memory.js';
import { estimateRun } from '../../src/engine/budget.js';
import { resolve } from '../../src/output/pipeline.js';
import { loadScenario } from '../../src/scenario/load.js';
import { UserError } from '../../src/scenario/messages.js';

const sc = resolve(loadScenario('scenarios/default.yaml'), {}, 'scenarios/default.yaml');
const e = estimateRun(sc);
const per = e.bytesPerReplication + e.tableBytesPerReplication;

describe('checkMemory', () => {
  it('passes a run that fits and refuses one that does not, naming the estimate and the remedy', () => {
    expect(() => checkMemory([sc], 2, 10 * (PROCESS_BASE_BYTES + 2 * per))).not.toThrow();
    const tight = (PROCESS_BASE_BYTES + 1.5 * per) / 0.8;
    expect(() => checkMemory([sc], 2, tight)).toThrow(UserError);
    expect(() => checkMemory([sc], 2, tight)).toThrow(
      /scenario "default" needs about [\d,]+ MB of memory .* x 2 at once.*reduce the flats .* or run fewer replications at once \(--workers 1\)/,
    );
    expect(() => checkMemory([sc], 1, PROCESS_BASE_BYTES)).toThrow(/reduce the flats \(estates\[\]\.flats, copies, built flats\) or the years$/);
  });

  it('counts at most as many replications at once as there are', () => {
    const two = { ...sc, replications: 2 };
    expect(() => checkMemory([two], 64, (PROCESS_BASE_BYTES + 2.5 * per) / 0.8)).not.toThrow();
  });

  it('refuses a replication whose CSV rows would not fit in one buffer, naming the move log as the remedy', () => {
    const huge = { ...sc, years: 200, estates: [{ ...sc.estates[0]!, flats: 2_000_000 }] };
    expect(() => checkMemory([huge], 1, 1e15)).toThrow(/would write about [\d,]+ MB of metrics.csv and moves.csv rows.*output: \{ moves: false \}/);
    expect(() => checkMemory([{ ...huge, output: { ...huge.output, moves: false } }], 1, 1e15)).not.toThrow();
  });

  it('reads a positive amount of memory for this machine', () => {
    expect(availableMemory()).toBeGreaterThan(0);
  });
});
