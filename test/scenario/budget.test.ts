/**
 * estimateRun: what a run costs, from the scenario alone. The memory estimate is checked
 * against a measurement of one replication, made as the bench measures memory (heap + array
 * buffers after forced collections, around `initialWorld` and around `simulate`).
 */
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { initialWorld, simulate } from '../../src/model/simulate.js';
import { NMETRIC } from '../../src/model/reporters.js';
import { BYTES_PER_FLAT, estimateRun, MOVES_PER_FLAT_MONTH } from '../../src/engine/budget.js';
import { validated } from '../helpers/scenario.js';

/** The estimate must be within these factors of the measured memory (see src/engine/budget.ts). */
const BELOW = 0.8;
const FACTOR = 2;

describe('estimateRun', () => {
  it('counts flats with copies and builds, and household-months over every replication', () => {
    const sc = validated({
      replications: 3,
      years: 10,
      estates: [
        { name: 'a', flats: 100, copies: 2 },
        { name: 'b', flats: 50 },
      ],
      policies: [{ lever: 'largerFlats', mode: 'build', count: 10, from: 2027 }],
    });
    const e = estimateRun(sc);
    expect(e.flats).toBe(250 + 30);
    expect(e.householdMonths).toBe(3 * 280 * 120);
    // the metrics alone: (months + 1) x (3 estate rows + the region row) x NMETRIC x 8 bytes
    expect(e.bytesPerReplication).toBeGreaterThan(121 * 4 * NMETRIC * 8);
  });

  it('grows with the flats, the months and the move log', () => {
    const small = estimateRun(validated({ estates: [{ flats: 1000 }] }));
    const large = estimateRun(validated({ estates: [{ flats: 100_000 }] }));
    expect(large.bytesPerReplication - small.bytesPerReplication).toBeGreaterThan(99_000 * BYTES_PER_FLAT);
    const longer = estimateRun(validated({ years: 30, estates: [{ flats: 1000 }] }));
    expect(longer.bytesPerReplication).toBeGreaterThan(small.bytesPerReplication);
    const noMoves = estimateRun(validated({ estates: [{ flats: 100_000 }], output: { moves: false } }));
    expect(large.bytesPerReplication - noMoves.bytesPerReplication).toBeCloseTo(100_000 * 180 * MOVES_PER_FLAT_MONTH * 52, -3);
    // a Schelling run counts its steps
    const grid = validated({ estates: [{ flats: 100 }], schelling: { width: 10, height: 10, agents: 50, steps: 7 } });
    expect(estimateRun(grid).householdMonths).toBe(10 * 100 * 7);
  });

  it(`is within ${BELOW} to ${FACTOR} times the memory one replication of a 20,000-flat estate takes`, async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    // array buffers are freed by a sweeper that runs after the collection: collect, let it run, again
    const used = async () => {
      for (let k = 0; k < 2; k++) {
        gc();
        await new Promise((r) => setTimeout(r, 50));
      }
      const u = process.memoryUsage();
      return u.heapUsed + u.arrayBuffers;
    };
    const sc = validated({ years: 5, estates: [{ flats: 20_000 }] });
    // compile the model first: its code lives on the heap too, and is not the replication's
    simulate(sc, 0, 99, { maps: true });
    const b0 = await used();
    let w: ReturnType<typeof initialWorld> | undefined = initialWorld(sc, 1);
    const world = (await used()) - b0;
    expect(w.flats.n).toBe(20_000);
    w = undefined;
    const b1 = await used();
    const r = simulate(sc, 0, 1, { maps: true });
    const estimated = estimateRun(sc).bytesPerReplication;
    const result = (await used()) - b1;
    expect(r.log.size).toBeGreaterThan(0);
    const measured = world + result;
    expect(estimated, `estimated ${estimated}, measured ${measured} (world ${world}, result ${result})`).toBeGreaterThanOrEqual(BELOW * measured);
    expect(estimated, `estimated ${estimated}, measured ${measured}`).toBeLessThanOrEqual(FACTOR * measured);
  }, 60_000);
});
