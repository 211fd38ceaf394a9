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
 *   8. summary    — mean and 5-95% band per metric and year            (analysis/summary.ts)
 *   9. adapters   — metrics.csv, moves.csv, summary.json, manifest.json, charts, report.html,
 *                   written atomically                                 (output/*)
 *
 * Steps 7 and 9 overlap for the two tables: each replication's rows of metrics.csv and moves.csv
 * are formatted where it ran (on its worker thread) and written, in replication order, as soon
 * as it and those before it are done (`openTables`); the rest is written after the ensemble.
 * Where it ran, each replication is then reduced to its digest (model/digest.ts: what steps 8
 * and 9 read of it) and its full result dropped, so memory does not grow with the replications.
 *
 * The core (steps 4-8) does no I/O; this file and output/ do.
 */
import { closeSync, createWriteStream, openSync, writeFileSync, writeSync } from 'node:fs';
import { VERSION } from '../version.js';
import { join } from 'node:path';
import { once } from 'node:events';
import { type Ensemble, type TableSink, autoWorkersFor, defaultWorkers, runEnsemble } from '../engine/ensemble.js';
import { type Summary, summarize } from '../analysis/summary.js';
import { metricsHeader, movesHeader } from '../engine/tables.js';
import { writeAtomically } from './atomic.js';
import type { Scenario } from '../scenario/schema.js';
import { validate } from '../scenario/dsl.js';
import { scenarioSchema } from '../scenario/schema.js';
import type { Assignment } from '../scenario/set.js';
import { checkRules } from '../scenario/rules.js';
import { type Issue, UserError, formatIssues, messages } from '../scenario/messages.js';
import { type Comparison, compareEnsembles } from '../analysis/compare.js';
import { EFFECTS_HEADER, effectsRows } from './csv.js';
import { shardSlice } from '../engine/shard.js';
import { differences } from '../scenario/diff.js';
import { DIGESTS_FILE, DigestWriter, type EnsembleInfo, SHARD_FILE, type ShardRequest, shardManifest, writeShardManifest } from './shard.js';

/** Command-line overrides of a scenario. */
export interface Overrides {
  replications?: number;
  seed?: number;
  years?: number;
}

/** The command-line options that give overrides, as typed (`-n`, `--seed`, `-y`). */
const OVERRIDE_FLAGS: Record<keyof Overrides, string> = { replications: '--replications', seed: '--seed', years: '--years' };

/**
 * Step 3: apply overrides and re-check the result (ranges and cross-field rules). The scenario
 * passed its checks without them, so a problem found here is theirs too, and its message names
 * them beside the file, after the assignments `set` the scenario was loaded with, as typed
 * ("extension.yaml (with --vary policies[lever=extension].from=2030, --years 2): … allowed: 2026
 * to 2028").
 */
export function resolve(sc: Scenario, o: Overrides, file: string, set: readonly Assignment[] = []): Scenario {
  const given = Object.entries(o).filter(([, v]) => v !== undefined) as [keyof Overrides, number][];
  const merged = { ...sc, ...Object.fromEntries(given) };
  const options = [...set.map((a) => `--${a.option ?? 'set'} ${a.text}`), ...given.map(([k, v]) => `${OVERRIDE_FLAGS[k]} ${v}`)];
  const label = given.length ? `${file} (with ${options.join(', ')})` : file;
  const { value, issues } = validate(scenarioSchema, merged, label);
  const all = [...issues, ...(issues.length ? [] : checkRules(value as Scenario, label))];
  if (all.length) throw new UserError(formatIssues(all), all);
  return value as Scenario;
}

export interface RunInfo {
  scenarioFile?: string;
  scenarioFiles?: string[];
  command?: string[];
  /** The `--set` options as typed (applied to the scenarios before they were validated): the report lists them. */
  set?: string[];
  /** Worker threads (1: this thread). Default: `autoWorkersFor` the scenarios run, one number for all of them. */
  workers?: number;
  onProgress?: (done: number, total: number) => void;
  /** Stops the run (ensemble.ts `EnsembleOptions.signal`): it rejects with an error named 'AbortError' and writes nothing. */
  signal?: AbortSignal;
  /** Extra files to write into the output folder (charts, report), given the results. */
  extraOutputs?: (dir: string, results: Results) => Promise<string[]>;
  /** Wait for another run writing the same output folder instead of refusing at once (output/atomic.ts). */
  wait?: boolean;
  /** Run one shard of the work and write a shard folder (shard.ts) instead of the results. */
  shard?: ShardRequest;
  /** More fields of manifest.json (a merge's). */
  manifestExtra?: object;
}

/** How the output folder of a run is written: its scenario files are protected, and it may wait for a lock. */
const atomicOptions = (info: RunInfo) => ({
  scenarioFiles: info.scenarioFiles ?? (info.scenarioFile ? [info.scenarioFile] : []),
  wait: info.wait,
});

/** What the adapters (charts, report) receive. */
export interface Results {
  ensembles: Ensemble[];
  /** The (baseline) scenario's summary. */
  summary: Summary;
  comparison?: Comparison;
  /** The `--set` options the scenarios were run with, as typed (RunInfo.set). */
  set?: string[];
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

/**
 * metrics.csv and moves.csv of one or several ensembles (with a scenario column when several),
 * written while the replications run: each replication's rows are written as soon as it and
 * all before it are done (results finish out of order on worker threads), so that formatting
 * and writing overlap with the simulation instead of following it.
 */
export interface Tables {
  /** The sink for the ensemble of `scenarios[k]` (ensemble.ts `tables`). */
  sink(k: number): TableSink;
  /** Close the files once every replication is in; returns their names. */
  close(): string[];
  /** Close the files after a failure. */
  abort(): void;
  /** Bytes of each block's rows written so far, in metrics.csv and in moves.csv (headers not counted). */
  bytes(): { metrics: number[]; moves: number[] };
}

/** `replications`: the rows each scenario's block will get (default: all its replications; fewer in a shard). */
export function openTables(dir: string, scenarios: Scenario[], replications?: number): Tables {
  const many = scenarios.length > 1;
  return openLabelledTables(dir, {
    column: many ? 'scenario' : null,
    blocks: scenarios.map((sc) => ({ label: many ? sc.name : null, replications: replications ?? sc.replications })),
    moves: scenarios.every((sc) => sc.output.moves),
    schelling: scenarios.some((sc) => sc.schelling !== undefined),
  });
}

/**
 * The tables of ensembles run one after another, each a block of rows whose first cell is its
 * label (in a first column named `column`; none when null): the scenarios of a comparison, the
 * points of a sweep (`point`). `blocks` may be a long list: only its labels and counts are read.
 */
export interface TablesLayout {
  column: string | null;
  blocks: readonly { label: string | null; replications: number }[];
  moves: boolean;
  /** Schelling scenarios: their metrics.csv has the Schelling columns, their moves.csv the group. */
  schelling?: boolean;
}

export function openLabelledTables(dir: string, layout: TablesLayout): Tables {
  const { moves, column } = layout;
  const schelling = layout.schelling === true;
  const head = (h: string[]) => (column !== null ? [column, ...h] : h).join(',') + '\n';
  const metricsFd = openSync(join(dir, 'metrics.csv'), 'w');
  const movesFd = moves ? openSync(join(dir, 'moves.csv'), 'w') : -1;
  let open = true;
  const abort = () => {
    if (!open) return;
    open = false;
    closeSync(metricsFd);
    if (moves) closeSync(movesFd);
  };
  writeSync(metricsFd, head(metricsHeader(schelling)));
  if (moves) writeSync(movesFd, head(movesHeader(schelling)));
  // replication i of scenario k is chunk offset[k] + i of the files
  const offset: number[] = [];
  let total = 0;
  for (const b of layout.blocks) {
    offset.push(total);
    total += b.replications;
  }
  const metricsBytes = layout.blocks.map(() => 0);
  const movesBytes = layout.blocks.map(() => 0);
  // the block of each chunk, for counting its bytes (blocks may be many: found by the offsets)
  let block = 0;
  const waiting = new Map<number, [Uint8Array, Uint8Array | null]>();
  let next = 0;
  const put = (chunk: number, m: Uint8Array, v: Uint8Array | null) => {
    if (!open) throw new Error('internal error: rows arrived after the tables were closed');
    waiting.set(chunk, [m, v]);
    for (let c = waiting.get(next); c; c = waiting.get(next)) {
      while (block + 1 < offset.length && offset[block + 1]! <= next) block++;
      waiting.delete(next++);
      writeAll(metricsFd, c[0]);
      metricsBytes[block]! += c[0].length;
      if (moves) {
        writeAll(movesFd, c[1]!);
        movesBytes[block]! += c[1]!.length;
      }
    }
  };
  return {
    sink: (k) => ({ format: { prefix: layout.blocks[k]!.label, moves, schelling }, put: (i, m, v) => put(offset[k]! + i, m, v) }),
    close: () => {
      if (next !== total) throw new Error(`internal error: ${total - next} replications' rows were not written`);
      abort();
      return moves ? ['metrics.csv', 'moves.csv'] : ['metrics.csv'];
    },
    abort,
    bytes: () => ({ metrics: metricsBytes.slice(), moves: movesBytes.slice() }),
  };
}

/** Write all of `bytes` (writeSync may write less than asked). */
function writeAll(fd: number, bytes: Uint8Array): void {
  for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
}

/** Run ensembles one after another (their replications' rows going into `tables`); `only` as ensemble.ts says. */
async function runEnsembles(scenarios: Scenario[], tables: Tables, info: RunInfo & { only?: { from: number; to: number } }): Promise<Ensemble[]> {
  const ensembles: Ensemble[] = [];
  const count = (sc: Scenario) => (info.only ? info.only.to - info.only.from : sc.replications);
  const total = scenarios.reduce((s, sc) => s + count(sc), 0);
  // one number of workers for all the scenarios: the kept pool serves them one after another
  const workers = info.workers ?? autoWorkersFor(scenarios);
  let before = 0;
  try {
    for (const [k, sc] of scenarios.entries()) {
      const done = before;
      const onProgress = info.onProgress ? (d: number) => info.onProgress!(done + d, total) : undefined;
      // a comparison's variants take the baseline's anchors (model/anchor.ts anchorSteps)
      ensembles.push(
        await runEnsemble(sc, {
          workers,
          anchorWorkers: info.workers ?? defaultWorkers(),
          onProgress,
          tables: tables.sink(k),
          signal: info.signal,
          only: info.only,
          anchorFrom: scenarios[0],
        }),
      );
      before += count(sc);
    }
  } catch (e) {
    tables.abort();
    throw e;
  }
  return ensembles;
}

export interface Labelled {
  label: string | null;
  ensemble: Ensemble;
}

export function manifestOf(runs: Labelled[], info: RunInfo, files: string[], t0: number, tw: number, simulateMs: number) {
  const first = runs[0]!.ensemble;
  return {
    tool: 'nabolag',
    version: VERSION,
    ...(runs.length === 1
      ? { scenario: first.scenario, scenarioFile: info.scenarioFile ?? null }
      : { scenarios: runs.map((r) => r.ensemble.scenario), scenarioFiles: info.scenarioFiles ?? null }),
    command: info.command ?? null,
    anchors: runs.length === 1 ? first.anchors : Object.fromEntries(runs.map((r) => [r.ensemble.scenario.name, r.ensemble.anchors])),
    baseSeed: first.scenario.seed,
    replications: first.scenario.replications,
    seeds: first.seeds,
    files,
    ...info.manifestExtra,
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

/** Steps 7-9: run the ensemble and write every output into `outDir`, atomically; with `info.shard`, a shard folder (shard.ts). */
export async function runToDirectory(sc: Scenario, outDir: string, info: RunInfo = {}): Promise<RunOutput> {
  const t0 = performance.now();
  let ensemble: Ensemble | undefined;
  let summary: Summary | undefined;
  const slice = info.shard ? shardSlice(sc.replications, info.shard) : undefined;
  const files = await writeAtomically(
    outDir,
    async (dir) => {
      const tables = openTables(dir, [sc], slice ? slice.to - slice.from : undefined);
      ensemble = (await runEnsembles([sc], tables, { ...info, only: slice }))[0]!;
      const tw = performance.now();
      const written = tables.close();
      if (info.shard) return writeShard(dir, 'run', [sc], [ensemble], tables, written, info);
      return writeRunFiles(dir, ensemble, written, info, t0, tw).then((r) => {
        summary = r.summary;
        return r.written;
      });
    },
    atomicOptions(info),
  );
  return { outDir, ensembles: [ensemble!], summary: summary!, files };
}

/** A run's summary.json, extra outputs and manifest.json, after its tables (`written`): also what merge writes. */
export async function writeRunFiles(dir: string, ensemble: Ensemble, written: string[], info: RunInfo, t0: number, tw: number) {
  const sc = ensemble.scenario;
  const summary = summarize(sc.name, sc.startYear, ensemble.replications);
  const runs = [{ label: null, ensemble }];
  writeFileSync(join(dir, 'summary.json'), JSON.stringify(summary, null, 1) + '\n');
  written.push('summary.json');
  if (info.extraOutputs) written.push(...(await info.extraOutputs(dir, { ensembles: [ensemble], summary, set: info.set })));
  written.push('manifest.json');
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifestOf(runs, info, written, t0, tw, ensemble.simulateMs), null, 2) + '\n');
  return { summary, written };
}

/** The shard files of a run or comparison (shard.ts): its digests and shard.json, beside its tables. */
function writeShard(
  dir: string,
  command: 'run' | 'compare',
  scenarios: Scenario[],
  ensembles: Ensemble[],
  tables: Tables,
  written: string[],
  info: RunInfo,
): string[] {
  const shard = info.shard!;
  const digests = new DigestWriter(dir);
  try {
    for (const e of ensembles) digests.write(e.replications);
  } finally {
    digests.close();
  }
  const files = [...written, DIGESTS_FILE];
  const slice = shardSlice(scenarios[0]!.replications, shard);
  const bytes = tables.bytes();
  const many = scenarios.length > 1;
  writeShardManifest(
    dir,
    shardManifest(
      {
        command,
        k: shard.k,
        n: shard.n,
        items: { kind: 'replications', ...slice, total: scenarios[0]!.replications },
        baseSeed: scenarios[0]!.seed,
        replications: scenarios[0]!.replications,
        argv: info.command ?? null,
        set: info.set,
        scenarioFiles: info.scenarioFiles ?? (info.scenarioFile ? [info.scenarioFile] : []),
        files,
        tables: {
          column: many ? 'scenario' : null,
          moves: scenarios.every((sc) => sc.output.moves),
          schelling: scenarios.some((sc) => sc.schelling !== undefined),
          blocks: scenarios.map((sc, id) => ({
            id,
            label: many ? sc.name : null,
            replications: slice.to - slice.from,
            metricsBytes: bytes.metrics[id]!,
            movesBytes: bytes.moves[id]!,
          })),
        },
        ensembles: ensembles.map((e, id) => ({ id, ...ensembleInfo(e) })),
        simulateMs: ensembles.reduce((t, e) => t + e.simulateMs, 0),
        workers: ensembles[0]!.workers,
      },
      scenarios,
      null,
    ),
  );
  return [...files, SHARD_FILE];
}

/** An ensemble without its digests (shard.ts `EnsembleInfo`). */
export const ensembleInfo = (e: Ensemble): EnsembleInfo => ({
  scenario: e.scenario,
  seeds: e.seeds,
  simulateMs: e.simulateMs,
  workers: e.workers,
  anchors: e.anchors,
});

/**
 * The fields of an estate that describe it as it stands at the start: its flats (their number,
 * layout, rooms, gardens and tenure) and its residents, and how long it has been on the list.
 * A comparison's variants must not change them: a paired difference is an effect only when both
 * sides start from the same estate (a lever changes the estate from its year). `anchor` is part
 * of the start (anchoring draws the start's families and couples as the baseline sustains them),
 * and an anchored variant's estate takes the baseline's anchor (engine/ensemble.ts `anchorFrom`).
 * Who comes to an estate that is not anchored (`applicants`, `attractiveness`, `attachment`), the
 * rent and the model's parameters may differ.
 */
export const ESTATE_START_FIELDS = [
  'flats',
  'sections',
  'floors',
  'flatsPerLanding',
  'stairwellsPerBuilding',
  'rooms',
  'gardenShareOfGroundFloor',
  'ownerShare',
  'coopShare',
  'population',
  'consecutiveListYears',
  'anchor',
] as const;

/**
 * Common random numbers: the variants take the baseline's seed, replications and horizon, so
 * replication i of every scenario uses the same seed. A variant must describe the same estates,
 * named alike and as they stand at the start (`ESTATE_START_FIELDS`).
 */
export function alignForComparison(baseline: Scenario, variants: { scenario: Scenario; file: string }[]): Scenario[] {
  const issues: Issue[] = [];
  const names = new Set([baseline.name]);
  const out = variants.map(({ scenario, file }) => {
    if (scenario.startYear !== baseline.startYear)
      issues.push(
        messages.rule(file, 'startYear', `field "startYear" is ${scenario.startYear}, but a comparison needs the baseline's start year ${baseline.startYear}`),
      );
    const rowsOf = (s: Scenario) => s.estates.map((e) => `${e.name}x${e.copies}`).join(',');
    if (rowsOf(scenario) !== rowsOf(baseline))
      issues.push(
        messages.rule(
          file,
          'estates',
          `field "estates" describes ${scenario.estates.map((e) => `${e.name}${e.copies > 1 ? ` x${e.copies}` : ''}`).join(', ')}, the baseline ${baseline.estates.map((e) => `${e.name}${e.copies > 1 ? ` x${e.copies}` : ''}`).join(', ')}; a comparison needs the same estates, named alike, so that differences are paired (to try a lever file of scenarios/ on your own estate, write a file with \`extends:\` your estate's file and the lever file's \`policies\`)`,
        ),
      );
    else
      scenario.estates.forEach((e, i) => {
        const b = baseline.estates[i]!;
        for (const field of ESTATE_START_FIELDS) {
          const d = differences(e[field], b[field], `estates[${i}].${field}`, 1)[0];
          if (!d) continue;
          const show = (v: unknown) => (v === undefined ? 'not set' : JSON.stringify(v));
          issues.push(
            messages.rule(
              file,
              d.path,
              `field "${d.path}" is ${show(d.a)}, but the baseline's is ${show(d.b)}: a comparison pairs the same estate as it stands at the start, so a difference would be reported as an effect; change the estate with a lever from a year (policies), or run each estate on its own`,
            ),
          );
          break;
        }
      });
    let name = scenario.name;
    for (let k = 2; names.has(name); k++) name = `${scenario.name}-${k}`;
    names.add(name);
    return { ...scenario, name, seed: baseline.seed, replications: baseline.replications, years: baseline.years };
  });
  if (issues.length) throw new UserError(formatIssues(issues), issues);
  return out;
}

/** Run a baseline and variants on common random numbers and write the comparison; with `info.shard`, a shard folder (shard.ts). */
export async function compareToDirectory(
  baseline: Scenario,
  variants: Scenario[],
  outDir: string,
  info: RunInfo = {},
): Promise<RunOutput & { comparison: Comparison }> {
  const t0 = performance.now();
  const all = [baseline, ...variants];
  let ensembles: Ensemble[] = [];
  let comparison: Comparison | undefined;
  let summary: Summary | undefined;
  const slice = info.shard ? shardSlice(baseline.replications, info.shard) : undefined;
  const files = await writeAtomically(
    outDir,
    async (dir) => {
      const tables = openTables(dir, all, slice ? slice.to - slice.from : undefined);
      ensembles = await runEnsembles(all, tables, { ...info, only: slice });
      const tw = performance.now();
      const written = tables.close();
      if (info.shard) return writeShard(dir, 'compare', all, ensembles, tables, written, info);
      const r = await writeCompareFiles(dir, ensembles, written, info, t0, tw);
      comparison = r.comparison;
      summary = r.summary;
      return r.written;
    },
    atomicOptions(info),
  );
  return { outDir, ensembles, summary: summary!, files, comparison: comparison! };
}

/** A comparison's effects.csv, summary.json, extra outputs and manifest.json, after its tables (`written`): also what merge writes. */
export async function writeCompareFiles(dir: string, ensembles: Ensemble[], written: string[], info: RunInfo, t0: number, tw: number) {
  const comparison = compareEnsembles(ensembles[0]!, ensembles.slice(1));
  const summary = comparison.summaries[ensembles[0]!.scenario.name]!;
  const runs = ensembles.map((e) => ({ label: e.scenario.name, ensemble: e }));
  await writeStreamed(join(dir, 'effects.csv'), EFFECTS_HEADER, [effectsRows(comparison)]);
  written.push('effects.csv');
  writeFileSync(
    join(dir, 'summary.json'),
    JSON.stringify(
      {
        scenarios: comparison.summaries,
        comparison: {
          baseline: comparison.baseline,
          variants: comparison.variants,
          seeds: comparison.seeds,
          differences: comparison.differences,
          effects: comparison.effects,
        },
      },
      null,
      1,
    ) + '\n',
  );
  written.push('summary.json');
  if (info.extraOutputs) written.push(...(await info.extraOutputs(dir, { ensembles, summary, comparison, set: info.set })));
  written.push('manifest.json');
  const simulateMs = ensembles.reduce((s, e) => s + e.simulateMs, 0);
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifestOf(runs, info, written, t0, tw, simulateMs), null, 2) + '\n');
  return { comparison, summary, written };
}
