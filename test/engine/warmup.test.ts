/**
 * The warm-up run a thread makes before several replications (src/engine/warmup.ts): it is a
 * short copy of the scenario, it runs on every shipped scenario file, and it leaves nothing
 * behind that changes a replication's results.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runEnsemble } from '../../src/engine/ensemble.js';
import { warmUp, warmUpScenario } from '../../src/engine/warmup.js';
import { replicationSeed } from '../../src/model/rng.js';
import { type ReplicationResult, simulate } from '../../src/model/simulate.js';
import { loadScenario } from '../../src/scenario/load.js';
import { SCENARIOS, scenario, shippedScenarioFiles } from '../helpers/scenario.js';

const bytes = (a: ArrayBufferView): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/** Metrics and every used move-log column, as bytes. */
function fingerprint(r: ReplicationResult): Buffer[] {
  const L = r.log;
  const cols = [L.month, L.uid, L.kind, L.reason, L.stay, L.strong, L.family, L.from, L.to, L.estate].map((c) => bytes(c.subarray(0, L.size)));
  return [bytes(r.metrics), ...cols];
}

describe('warmUpScenario', () => {
  it('is one year and one replication of the same scenario', () => {
    const sc = scenario({ years: 12, replications: 40, seed: 9, estates: [{ flats: 300 }] });
    const w = warmUpScenario(sc);
    expect(w.years).toBe(1);
    expect(w.replications).toBe(1);
    expect(w.estates).toBe(sc.estates);
    expect(w.policies).toBe(sc.policies);
    expect(w.schelling).toBeUndefined();
    expect(sc.years).toBe(12); // the scenario itself is untouched
  });

  it('runs at most two Schelling steps', () => {
    const large = loadScenario(join(SCENARIOS, 'schelling', 'abmfc-large.yaml'));
    expect(large.schelling?.steps).toBe(20);
    expect(warmUpScenario(large).schelling?.steps).toBe(2);
    expect(large.schelling?.steps).toBe(20);
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
    const e = await runEnsemble(sc, { workers: 1 });
    expect(e.results).toHaveLength(4);
    for (let i = 0; i < 4; i++) {
      const alone = fingerprint(simulate(sc, i, replicationSeed(sc.seed, i), { maps: i === 0 }));
      const got = fingerprint(e.results[i]!);
      for (let k = 0; k < alone.length; k++) expect(got[k]!.equals(alone[k]!)).toBe(true);
    }
  });
});
