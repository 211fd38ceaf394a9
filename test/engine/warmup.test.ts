/**
 * The warm-up a thread makes before several replications (src/engine/warmup.ts): the first
 * months of the scenario (simulate's `maxMonths`), run on every shipped scenario file, leave
 * nothing behind that changes a replication's results.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runEnsemble } from '../../src/engine/ensemble.js';
import { WARM_UP_FLATS, WARM_UP_MAX_FLAT_MONTHS, wantsWarmUp, warmUp } from '../../src/engine/warmup.js';
import { replicationSeed } from '../../src/model/rng.js';
import { type ReplicationResult, simulate } from '../../src/model/simulate.js';
import { loadScenario } from '../../src/scenario/load.js';
import { SCENARIOS, scenario, shippedScenarioFiles } from '../helpers/scenario.js';
import { captureTables, simulateAll } from '../helpers/ensemble.js';
import { digest } from '../../src/model/digest.js';
import { metricsRows, movesRows } from '../../src/engine/tables.js';

const bytes = (a: ArrayBufferView): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/** Metrics and every used move-log column, as bytes. */
function fingerprint(r: ReplicationResult): Buffer[] {
  const L = r.log;
  const cols = [L.month, L.uid, L.kind, L.reason, L.stay, L.strong, L.family, L.from, L.to, L.estate].map((c) => bytes(c.subarray(0, L.size)));
  return [bytes(r.metrics), ...cols];
}

describe('maxMonths', () => {
  it('simulate with maxMonths runs the first months of the scenario and no more', () => {
    const sc = scenario({ years: 3, seed: 4, estates: [{ flats: 200 }] });
    const full = simulate(sc, 0, 77, { maps: false });
    const first = simulate(sc, 0, 77, { maps: false, maxMonths: 12 });
    expect(full.months).toBe(36);
    expect(first.months).toBe(12);
    const width = first.metrics.length / 13; // months 0..12
    expect(first.metrics.length % 13).toBe(0);
    expect(bytes(first.metrics).equals(bytes(full.metrics.subarray(0, 13 * width)))).toBe(true);
    expect(simulate(sc, 0, 77, { maps: false, maxMonths: 100 }).months).toBe(36);
  });

  it('counts Schelling steps', () => {
    const sc = loadScenario(join(SCENARIOS, 'schelling', 'abmfc-small.yaml'));
    expect(simulate(sc, 0, 3, { maxMonths: 1 }).months).toBe(1);
    expect(simulate(sc, 0, 3).months).toBe(20);
  });
});

describe('flatCap', () => {
  it('lays out and populates at most that many flats of each estate (the warm-up builds WARM_UP_FLATS)', () => {
    expect(WARM_UP_FLATS).toBe(100);
    const sc = scenario({
      years: 1,
      seed: 4,
      estates: [
        { name: 'a', flats: 300 },
        { name: 'b', flats: 60 },
      ],
    });
    const sizes = (cap?: number): number[] => {
      let out: number[] = [];
      simulate(sc, 0, 9, {
        maps: false,
        maxMonths: 1,
        flatCap: cap,
        atEnd: (w) => {
          const fs = w.layout.flatStart;
          out = [fs[1]! - fs[0]!, fs[2]! - fs[1]!, w.hh.used];
        },
      });
      return out;
    };
    const [a, b, used] = sizes(WARM_UP_FLATS);
    expect([a, b]).toEqual([100, 60]);
    expect(used).toBeGreaterThan(100);
    expect(used).toBeLessThanOrEqual(160 + 16);
    expect(sizes().slice(0, 2)).toEqual([300, 60]);
  });
});

describe('wantsWarmUp', () => {
  it('only a thread with several replications, each of at most WARM_UP_MAX_FLAT_MONTHS', () => {
    expect(WARM_UP_MAX_FLAT_MONTHS).toBe(5_000_000);
    const small = scenario({ years: 15, estates: [{ flats: 1000 }] }); // 180,000 flat-months
    expect(wantsWarmUp(small, 2)).toBe(true);
    expect(wantsWarmUp(small, 1)).toBe(false);
    const national = loadScenario(join(SCENARIOS, 'national.yaml')); // 600 x 1,000 flats, 10 years
    expect(wantsWarmUp(national, 8)).toBe(false);
    expect(wantsWarmUp(loadScenario(join(SCENARIOS, 'schelling', 'abmfc-large.yaml')), 100)).toBe(true);
  });
});

describe('a warm-up leaves the results unchanged', () => {
  const files = [...shippedScenarioFiles(), 'schelling/classic.yaml', 'schelling/abmfc-small.yaml'];
  it.each(files)('%s: a replication after a warm-up equals one before it', (file) => {
    const base = loadScenario(join(SCENARIOS, file));
    const sc = base.schelling ? base : { ...base, years: 3 };
    const seed = replicationSeed(sc.seed, 2);
    const before = fingerprint(simulate(sc, 2, seed, { maps: false }));
    warmUp(sc);
    const after = fingerprint(simulate(sc, 2, seed, { maps: false }));
    expect(after.length).toBe(before.length);
    for (let k = 0; k < before.length; k++) expect(after[k]!.equals(before[k]!)).toBe(true);
  });

  it('an ensemble on one thread (which warms up) equals the replications run one by one', async () => {
    const sc = scenario({ years: 3, replications: 4, seed: 5, estates: [{ flats: 200 }], output: { moves: true } });
    const t = captureTables();
    const e = await runEnsemble(sc, { workers: 1, tables: t.sink });
    expect(e.replications).toHaveLength(4);
    const alone = simulateAll(sc);
    expect(e.replications).toEqual(alone.map(digest));
    expect(t.text() === alone.map((r) => metricsRows(r, sc.startYear) + movesRows(r, sc.startYear)).join('')).toBe(true);
  });
});
