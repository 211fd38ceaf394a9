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
import { type Issue, UserError, formatIssues, messages } from '../scenario/messages.js';
import { type Comparison, compareEnsembles } from './compare.js';
import { EFFECTS_HEADER, effectsRows } from '../output/csv.js';


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
  scenarioFiles?: string[];
  command?: string[];
  workers?: number;
  onProgress?: (done: number, total: number) => void;
  /** Extra files to write into the output folder (charts, report), given the results. */
  extraOutputs?: (dir: string, results: Results) => Promise<string[]>;
}

/** What the adapters (charts, report) receive. */
export interface Results {
  ensembles: Ensemble[];
  /** The (baseline) scenario's summary. */
  summary: Summary;
  comparison?: Comparison;
}

export interface RunOutput {
  outDir: string;
  ensembles: Ensemble[];
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

/** Prefix every line of a CSV chunk with a value (the scenario column of comparisons). */
const prefixLines = (chunk: string, value: string): string => (chunk ? chunk.replace(/^(?=.)/gm, `${value},`) : chunk);

interface Labelled {
  label: string | null;
  ensemble: Ensemble;
}

/** Write metrics.csv and moves.csv for one or several ensembles (with a scenario column when several). */
async function writeTables(dir: string, runs: Labelled[]): Promise<string[]> {
  const sc0 = runs[0]!.ensemble.scenario;
  const many = runs.length > 1;
  const head = (h: string[]) => (many ? ['scenario', ...h] : h);
  const tag = (chunk: string, label: string | null) => (label === null ? chunk : prefixLines(chunk, label));
  await writeStreamed(join(dir, 'metrics.csv'), head(METRICS_HEADER), (function* () {
    for (const { label, ensemble } of runs) for (const r of ensemble.results) yield tag(metricsRows(r, sc0.startYear), label);
  })());
  const files = ['metrics.csv'];
  if (runs.every((r) => r.ensemble.scenario.output.moves)) {
    await writeStreamed(join(dir, 'moves.csv'), head(MOVES_HEADER), (function* () {
      for (const { label, ensemble } of runs) for (const r of ensemble.results) yield tag(movesRows(r, sc0.startYear), label);
    })());
    files.push('moves.csv');
  }
  return files;
}

function manifestOf(runs: Labelled[], info: RunInfo, files: string[], t0: number, tw: number, simulateMs: number) {
  const first = runs[0]!.ensemble;
  return {
    tool: 'nabolag',
    version: VERSION,
    ...(runs.length === 1 ? { scenario: first.scenario, scenarioFile: info.scenarioFile ?? null } : { scenarios: runs.map((r) => r.ensemble.scenario), scenarioFiles: info.scenarioFiles ?? null }),
    command: info.command ?? null,
    baseSeed: first.scenario.seed,
    replications: first.scenario.replications,
    seeds: first.seeds,
    files,
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    timing: {
      workers: first.workers,
      simulateMs: Math.round(simulateMs),
      writeMs: Math.round(performance.now() - tw),
      wallMs: Math.round(performance.now() - t0),
      /** Peak resident memory of the process (main thread and workers), megabytes. */
      peakMemoryMB: Math.round(process.resourceUsage().maxRSS / 1024),
    },
  };
}

/** Steps 7-9: run the ensemble and write every output into `outDir`, atomically. */
export async function runToDirectory(sc: Scenario, outDir: string, info: RunInfo = {}): Promise<RunOutput> {
  const t0 = performance.now();
  const ensemble = await runEnsemble(sc, { workers: info.workers, onProgress: info.onProgress });
  const summary = summarize(sc.name, sc.startYear, ensemble.results);
  const runs = [{ label: null, ensemble }];
  const files = await writeAtomically(outDir, async (dir) => {
    const tw = performance.now();
    const written = await writeTables(dir, runs);
    writeFileSync(join(dir, 'summary.json'), JSON.stringify(summary, null, 1) + '\n');
    written.push('summary.json');
    if (info.extraOutputs) written.push(...(await info.extraOutputs(dir, { ensembles: [ensemble], summary })));
    written.push('manifest.json');
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifestOf(runs, info, written, t0, tw, ensemble.simulateMs), null, 2) + '\n');
    return written;
  });
  return { outDir, ensembles: [ensemble], summary, files };
}

/**
 * Common random numbers: the variants take the baseline's seed, replications and horizon, so
 * replication i of every scenario uses the same seed.
 */
export function alignForComparison(baseline: Scenario, variants: { scenario: Scenario; file: string }[]): Scenario[] {
  const issues: Issue[] = [];
  const names = new Set([baseline.name]);
  const out = variants.map(({ scenario, file }) => {
    if (scenario.startYear !== baseline.startYear)
      issues.push(messages.rule(file, 'startYear', `field "startYear" is ${scenario.startYear}, but a comparison needs the baseline's start year ${baseline.startYear}`));
    const rowsOf = (s: Scenario) => s.estates.map((e) => `${e.name}x${e.copies}`).join(',');
    if (rowsOf(scenario) !== rowsOf(baseline))
      issues.push(messages.rule(file, 'estates', `field "estates" describes other estates than the baseline's (${baseline.estates.map((e) => e.name).join(', ')}); a comparison needs the same estates, named alike, so that differences are paired`));
    let name = scenario.name;
    for (let k = 2; names.has(name); k++) name = `${scenario.name}-${k}`;
    names.add(name);
    return { ...scenario, name, seed: baseline.seed, replications: baseline.replications, years: baseline.years };
  });
  if (issues.length) throw new UserError(formatIssues(issues), issues);
  return out;
}

/** Run a baseline and variants on common random numbers and write the comparison. */
export async function compareToDirectory(baseline: Scenario, variants: Scenario[], outDir: string, info: RunInfo = {}): Promise<RunOutput & { comparison: Comparison }> {
  const t0 = performance.now();
  const all = [baseline, ...variants];
  const ensembles: Ensemble[] = [];
  const total = all.reduce((s, sc) => s + sc.replications, 0);
  let before = 0;
  for (const sc of all) {
    const done = before;
    ensembles.push(await runEnsemble(sc, { workers: info.workers, onProgress: info.onProgress ? (d) => info.onProgress!(done + d, total) : undefined }));
    before += sc.replications;
  }
  const comparison = compareEnsembles(ensembles[0]!, ensembles.slice(1));
  const summary = comparison.summaries[baseline.name]!;
  const runs = ensembles.map((e) => ({ label: e.scenario.name, ensemble: e }));
  const files = await writeAtomically(outDir, async (dir) => {
    const tw = performance.now();
    const written = await writeTables(dir, runs);
    await writeStreamed(join(dir, 'effects.csv'), EFFECTS_HEADER, [effectsRows(comparison)]);
    written.push('effects.csv');
    writeFileSync(join(dir, 'summary.json'), JSON.stringify({ scenarios: comparison.summaries, comparison: { baseline: comparison.baseline, variants: comparison.variants, seeds: comparison.seeds, differences: comparison.differences, effects: comparison.effects } }, null, 1) + '\n');
    written.push('summary.json');
    if (info.extraOutputs) written.push(...(await info.extraOutputs(dir, { ensembles, summary, comparison })));
    written.push('manifest.json');
    const simulateMs = ensembles.reduce((s, e) => s + e.simulateMs, 0);
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifestOf(runs, info, written, t0, tw, simulateMs), null, 2) + '\n');
    return written;
  });
  return { outDir, ensembles, summary, files, comparison };
}
