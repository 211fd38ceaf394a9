/**
 * What tests need of an ensemble beyond the digests it keeps: the rows it writes (a table sink,
 * src/engine/ensemble.ts `tables`, that keeps them as text), and the full results of its
 * replications (run one by one, as the ensemble runs them).
 */
import type { TableSink } from '../../src/engine/ensemble.js';
import { anchorScenario } from '../../src/model/anchor.js';
import { replicationSeed } from '../../src/model/rng.js';
import { type ReplicationResult, simulate } from '../../src/model/simulate.js';
import type { Scenario } from '../../src/scenario/schema.js';

/** The full results of a scenario's replications, as runEnsemble runs them (anchored first; seeds, maps of the first). */
export function simulateAll(given: Scenario): ReplicationResult[] {
  const sc = anchorScenario(given).scenario;
  return Array.from({ length: sc.replications }, (_, i) => simulate(sc, i, replicationSeed(sc.seed, i), { maps: i === 0 }));
}

export interface CapturedTables {
  sink: TableSink;
  /** Each replication's metrics rows then its moves rows, in replication order. */
  text(): string;
  metrics(): string;
  moves(): string;
}

export function captureTables(moves = true, prefix: string | null = null): CapturedTables {
  const got: { metrics: string; moves: string }[] = [];
  const decoder = new TextDecoder();
  const sink: TableSink = {
    format: { prefix, moves },
    put: (i, m, v) => {
      got[i] = { metrics: decoder.decode(m), moves: v ? decoder.decode(v) : '' };
    },
  };
  return {
    sink,
    text: () => got.map((g) => g.metrics + g.moves).join(''),
    metrics: () => got.map((g) => g.metrics).join(''),
    moves: () => got.map((g) => g.moves).join(''),
  };
}
