/**
 * The nabolag pipeline, end to end. Each step is a function in its own module:
 *
 *   1. scenario   — read a YAML/JSON file, follow `extends`          (scenario/load.ts)
 *   2. validate   — schema and cross-field rules, every issue at once (scenario/dsl.ts, rules.ts)
 *   3. resolve    — defaults filled, command-line overrides applied   (this file: `resolve`)
 *   4. initial state — estates laid out, households drawn            (model/simulate.ts: initialWorld)
 *   5. step loop  — monthly mechanisms in a fixed order                (model/simulate.ts: simulate)
 *   6. reporters  — one metrics row per estate per month               (model/reporters.ts)
 *   7. ensemble   — replications with derived seeds, over workers      (engine/ensemble.ts)
 *   8. summary    — mean and 5-95% band per metric and year            (engine/summary.ts)
 *   9. adapters   — metrics.csv, moves.csv, summary.json, manifest.json, charts, report.html,
 *                   written atomically                                 (output/*)
 *
 * The core (steps 4-8) does no I/O; this file and output/ do.
 */
import { createWriteStream, writeFileSync } from 'node:fs';
import { VERSION } from '../version.js';
import { join } from 'node:path';
import { once } from 'node:events';
import { type Ensemble, runEnsemble } from './ensemble.js';
import { type Summary, summarize } from './summary.js';
import { METRICS_HEADER, MOVES_HEADER, metricsRows, movesRows } from '../output/csv.js';
import { writeAtomically } from '../output/atomic.js';
import type { Scenario } from '../scenario/schema.js';
import { validate } from '../scenario/dsl.js';
import { scenarioSchema } from '../scenario/schema.js';
import { checkRules } from '../scenario/rules.js';
import { UserError, formatIssues } from '../scenario/messages.js';


/** Command-line overrides of a scenario. */
export interface Overrides {
  replications?: number;
  seed?: number;
  years?: number;
}

/** Step 3: apply overrides and re-check the result (ranges and cross-field rules). */
export function resolve(sc: Scenario, o: Overrides, file: string): Scenario {
  const merged = { ...sc, ...Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) };
  const { value, issues } = validate(scenarioSchema, merged, file);
  const all = [...issues, ...(issues.length ? [] : checkRules(value as Scenario, file))];
  if (all.length) throw new UserError(formatIssues(all), all);
  return value as Scenario;
}

export interface RunInfo {
  scenarioFile?: string;
  command?: string[];
  workers?: number;
  onProgress?: (done: number, total: number) => void;
  /** Extra files to write into the output folder (charts, report), given the results. */
  extraOutputs?: (dir: string, ens: Ensemble, summary: Summary) => Promise<string[]>;
}

export interface RunOutput {
  outDir: string;
  ensemble: Ensemble;
  summary: Summary;
  files: string[];
}

async function writeStreamed(path: string, header: string[], chunks: Iterable<string>): Promise<void> {
  const s = createWriteStream(path);
  const write = async (text: string) => {
    if (!s.write(text)) await once(s, 'drain');
  };
  await write(header.join(',') + '\n');
  for (const c of chunks) await write(c);
  s.end();
  await once(s, 'finish');
}

/** Steps 7-9: run the ensemble and write every output into `outDir`, atomically. */
export async function runToDirectory(sc: Scenario, outDir: string, info: RunInfo = {}): Promise<RunOutput> {
  const t0 = performance.now();
  const ensemble = await runEnsemble(sc, { workers: info.workers, onProgress: info.onProgress });
  const summary = summarize(sc.name, sc.startYear, ensemble.results);
  const files = await writeAtomically(outDir, async (dir) => {
    const tw = performance.now();
    const written = ['metrics.csv', 'summary.json', 'manifest.json'];
    await writeStreamed(join(dir, 'metrics.csv'), METRICS_HEADER, (function* () {
      for (const r of ensemble.results) yield metricsRows(r, sc.startYear);
    })());
    if (sc.output.moves) {
      written.splice(1, 0, 'moves.csv');
      await writeStreamed(join(dir, 'moves.csv'), MOVES_HEADER, (function* () {
        for (const r of ensemble.results) yield movesRows(r, sc.startYear);
      })());
    }
    writeFileSync(join(dir, 'summary.json'), JSON.stringify(summary, null, 1) + '\n');
    const extra = info.extraOutputs ? await info.extraOutputs(dir, ensemble, summary) : [];
    const manifest = {
      tool: 'nabolag',
      version: VERSION,
      scenario: sc,
      scenarioFile: info.scenarioFile ?? null,
      command: info.command ?? null,
      baseSeed: sc.seed,
      replications: sc.replications,
      seeds: ensemble.seeds,
      files: [...written, ...extra],
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
      timing: {
        workers: ensemble.workers,
        simulateMs: Math.round(ensemble.simulateMs),
        writeMs: Math.round(performance.now() - tw),
        wallMs: Math.round(performance.now() - t0),
      },
    };
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
    return [...written, ...extra];
  });
  return { outDir, ensemble, summary, files };
}
