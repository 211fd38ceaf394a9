/**
 * What tests need of an ensemble beyond the digests it keeps: the rows it writes (a table sink,
 * src/engine/ensemble.ts `tables`, that keeps them as text), and the full results of its
 * replications (run one by one, as the ensemble runs them).
 */
import { compareEnsembles } from '../../src/analysis/compare.js';
import { summarize } from '../../src/analysis/summary.js';
import { type TableSink, runEnsemble } from '../../src/engine/ensemble.js';
import { type Results, alignForComparison, resolve } from '../../src/output/pipeline.js';
import { loadScenario } from '../../src/scenario/load.js';
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

/**
 * The results a report is written from, for scenario files run as the command line runs them:
 * one file a run, several a comparison (the first the baseline, aligned on its seeds), each
 * resolved with `overrides` (few replications and years by default) and run on this thread.
 */
export async function reportResults(files: string[], overrides: { replications?: number; years?: number } = { replications: 3, years: 3 }): Promise<Results> {
  const scs = files.map((f) => resolve(loadScenario(f), overrides, f));
  const all = [
    scs[0]!,
    ...alignForComparison(
      scs[0]!,
      scs.slice(1).map((scenario, i) => ({ scenario, file: files[i + 1]! })),
    ),
  ];
  const ensembles = [];
  // as `compare` runs them: the variants take the baseline's anchors (pipeline.ts runEnsembles)
  for (const sc of all) ensembles.push(await runEnsemble(sc, { workers: 1, anchorFrom: all[0] }));
  if (ensembles.length === 1) return { ensembles, summary: summarize(all[0]!.name, all[0]!.startYear, ensembles[0]!.replications) };
  const comparison = compareEnsembles(ensembles[0]!, ensembles.slice(1));
  return { ensembles, summary: comparison.summaries[all[0]!.name]!, comparison };
}
