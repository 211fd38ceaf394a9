/**
 * Studies of many scenario points: `nabolag sensitivity` (Morris or Sobol indices of outcomes)
 * and `nabolag sweep` (a grid, one-at-a-time or Latin hypercube set of points, each compared
 * with the scenario as given). Every point is the scenario with some fields set (`--set`,
 * scenario/set.ts) and runs on the scenario's own replication seeds, so that all points share
 * their random numbers (common random numbers) and differences between points are the
 * parameters', not the dice's.
 *
 * Points run one after another, each an ensemble (engine/ensemble.ts, the kept worker pool
 * serving them all); what is kept of a point is written at once (samples.csv; points.csv,
 * metrics.csv, effects.csv) and its ensemble dropped, so memory does not grow with the points
 * (a sweep keeps the baseline's digests, and a few numbers per point for summary.json and the
 * dose-response chart). The output folder is written as a run's is (atomic.ts: safely, in a
 * partial folder renamed into place).
 */
import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { type Ensemble, autoWorkersFor, defaultWorkers, runEnsemble } from '../engine/ensemble.js';
import { fmt } from '../engine/tables.js';
import { compareEnsembles } from '../analysis/compare.js';
import { type Outcome, outcomeValues } from '../analysis/outcomes.js';
import {
  type MorrisDesign,
  type MorrisIndex,
  type ParamRange,
  type SobolIndex,
  SOBOL_RESAMPLES,
  morrisIndices,
  sobolIndices,
} from '../analysis/sensitivity.js';
import { type Summary, summarize } from '../analysis/summary.js';
import { makeRng } from '../model/rng.js';
import type { Scenario } from '../scenario/schema.js';
import { VERSION } from '../version.js';
import { writeAtomically } from './atomic.js';
import { EFFECTS_HEADER, effectsRows } from './csv.js';
import { type RunInfo, ensembleInfo, openLabelledTables } from './pipeline.js';
import { shardSlice } from '../engine/shard.js';
import type { ReplicationDigest } from '../model/digest.js';
import type { Anchor } from '../model/anchor.js';
import { DIGESTS_FILE, DigestWriter, SHARD_FILE, VALUES_FILE, shardManifest, writeShardManifest } from './shard.js';

/** A CSV cell: quoted when it holds a comma, a quote or a line break. */
export const csvCell = (s: string): string => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** Numbers in samples.csv, indices.csv and points.csv: at most 10 decimals (fmt: no trailing zeros). */
const num = (v: number): string => fmt(v, 10);

/** Appends lines to a file as they come (synchronously: each line is small, and written in order). */
export class LineFile {
  private fd: number;
  constructor(path: string, header: string[]) {
    this.fd = openSync(path, 'w');
    this.line(header.map(csvCell));
  }
  line(cells: string[]): void {
    writeSync(this.fd, cells.join(',') + '\n');
  }
  text(s: string): void {
    if (s) writeSync(this.fd, s);
  }
  close(): void {
    closeSync(this.fd);
  }
}

/** One varied parameter of a study: a scenario path and its range; whole numbers when its field takes only those. */
export interface StudyParam extends ParamRange {
  integer: boolean;
}

/** A unit-cube value on a parameter's range (rounded for a whole-number field). */
export const paramValue = (p: StudyParam, u: number): number => {
  const v = p.lo + u * (p.hi - p.lo);
  return p.integer ? Math.round(v) : v;
};

/** The unit-cube value of what `paramValue` runs at `u` (u itself unless a whole-number field rounds it). */
export const unitOfRun = (p: StudyParam, u: number): number => (p.integer && p.hi > p.lo ? (paramValue(p, u) - p.lo) / (p.hi - p.lo) : u);

/** How the charts of a study are written (report/study.ts), given what it found. */
export type StudyCharts<T> = (dir: string, result: T) => Promise<string[]>;

export interface StudyInfo extends RunInfo {
  scenarioFile: string;
}

/** The manifest of a study: as a run's (pipeline.ts), with the study's own fields. */
/**
 * The workers and simulation time of the ensembles a study runs one after another, as its
 * manifest.json's `timing` gives them: the most workers any ensemble used (it starts at the
 * workers chosen for the study; the ensemble that anchors a scenario anew may use more,
 * engine/ensemble.ts) and the simulation time summed over them.
 */
export class EnsembleTally {
  workers: number;
  simulateMs = 0;

  constructor(workers: number) {
    this.workers = workers;
  }

  /** Count an ensemble that has run. */
  add(e: { simulateMs: number; workers: number }): void {
    this.simulateMs += e.simulateMs;
    this.workers = Math.max(this.workers, e.workers);
  }
}

/**
 * A study's manifest.json. `anchors`: the anchoring solution its points start from, in the shape
 * of a run's manifest (one entry per estate; null when not known, as in a merge of shards written
 * before studies kept it).
 */
export function manifest(
  base: Scenario,
  info: StudyInfo,
  files: string[],
  seeds: number[],
  workers: number,
  t0: number,
  simulateMs: number,
  extra: object,
  anchors: Anchor[] | null,
) {
  return {
    tool: 'nabolag',
    version: VERSION,
    scenario: base,
    scenarioFile: info.scenarioFile,
    command: info.command ?? null,
    anchors,
    baseSeed: base.seed,
    replications: base.replications,
    seeds,
    ...extra,
    files,
    ...info.manifestExtra,
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    timing: {
      workers,
      simulateMs: Math.round(simulateMs),
      wallMs: Math.round(performance.now() - t0),
      peakMemoryMB: Math.round(process.resourceUsage().maxRSS / 1024),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Sensitivity
// ---------------------------------------------------------------------------------------------

export type SensitivityDesign = { method: 'morris'; design: MorrisDesign } | { method: 'sobol'; baseRows: number; points: number[][] };

export interface SensitivityPlan {
  base: Scenario;
  params: StudyParam[];
  outcomes: Outcome[];
  design: SensitivityDesign;
  /** The scenario at parameter values (in `params` order): the base with them set, resolved. */
  scenarioAt: (values: number[]) => Scenario;
}

export type IndexRow = { outcome: string; parameter: string } & (MorrisIndex | SobolIndex);

export interface SensitivityResult {
  method: 'morris' | 'sobol';
  params: StudyParam[];
  outcomes: { name: string; expression: string }[];
  /** Outcome values per sample point: y[outcome][sample]. */
  y: number[][];
  indices: IndexRow[];
}

export const MORRIS_HEADER = ['method', 'outcome', 'parameter', 'muStar', 'sigma', 'mu'];
export const SOBOL_HEADER = ['method', 'outcome', 'parameter', 'S1', 'S1Low', 'S1High', 'ST', 'STLow', 'STHigh'];

/**
 * Run every sample point of a sensitivity design and write samples.csv, indices.csv, summary.json,
 * charts and manifest.json; with `info.shard`, only a contiguous block of the sample points, into
 * a shard folder (shard.ts: their rows of samples.csv, their outcomes in values.json, shard.json).
 */
export async function sensitivityToDirectory(
  plan: SensitivityPlan,
  outDir: string,
  info: StudyInfo & { charts?: StudyCharts<SensitivityResult> },
): Promise<{ outDir: string; files: string[]; result: SensitivityResult | undefined; workers: number }> {
  const t0 = performance.now();
  const { base, params, outcomes, design } = plan;
  const unitPoints = design.method === 'morris' ? design.design.points : design.points;
  const nPoints = unitPoints.length;
  const { from, to } = info.shard ? shardSlice(nPoints, info.shard) : { from: 0, to: nPoints };
  const workers = info.workers ?? autoWorkersFor(Array.from({ length: Math.min(to - from, 64) }, () => base));
  const tally = new EnsembleTally(workers);
  let result: SensitivityResult | undefined;
  let seeds: number[] = [];
  let anchors: Anchor[] | null = null;
  const files = await writeAtomically(
    outDir,
    async (dir) => {
      const samples = new LineFile(join(dir, 'samples.csv'), ['sample', ...params.map((p) => p.name), ...outcomes.map((o) => o.name)]);
      const y: number[][] = outcomes.map(() => []);
      try {
        for (let s = from; s < to; s++) {
          const values = unitPoints[s]!.map((u, i) => paramValue(params[i]!, u));
          const sc = plan.scenarioAt(values);
          const done = (s - from) * base.replications;
          // every sample takes the base scenario's anchors (model/anchor.ts anchorSteps)
          const e = await runEnsemble(sc, {
            workers,
            anchorWorkers: info.workers ?? defaultWorkers(),
            signal: info.signal,
            anchorFrom: base,
            onProgress: info.onProgress ? (d) => info.onProgress!(done + d, (to - from) * base.replications) : undefined,
          });
          if (s === from) {
            seeds = e.seeds;
            // the base scenario's, which every sample takes
            anchors = e.anchors;
          }
          tally.add(e);
          const v = outcomeValues(outcomes, sc.startYear, e.replications);
          for (let o = 0; o < outcomes.length; o++) y[o]!.push(v[o]!);
          samples.line([String(s), ...values.map(num), ...v.map(num)]);
        }
      } finally {
        samples.close();
      }
      const named = outcomes.map((o) => ({ name: o.name, expression: o.expression }));
      if (info.shard) {
        // JSON has no NaN nor infinities: those are written as the texts "NaN", "Infinity", "-Infinity"
        writeFileSync(join(dir, VALUES_FILE), JSON.stringify({ y }, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v)) + '\n');
        const study: SensitivityShardStudy = {
          base,
          params,
          outcomes: named,
          design: design.method === 'morris' ? design : { method: 'sobol', baseRows: design.baseRows, points: [] },
          seeds,
          anchors,
        };
        writeShardManifest(
          dir,
          shardManifest(
            {
              command: 'sensitivity',
              k: info.shard.k,
              n: info.shard.n,
              items: { kind: 'samples', from, to, total: nPoints },
              baseSeed: base.seed,
              replications: base.replications,
              argv: info.command ?? null,
              scenarioFiles: [info.scenarioFile],
              files: ['samples.csv', VALUES_FILE],
              tables: null,
              ensembles: [],
              simulateMs: tally.simulateMs,
              workers: tally.workers,
              study,
            },
            [base],
            { params, outcomes: named, design },
          ),
        );
        return ['samples.csv', VALUES_FILE, SHARD_FILE];
      }
      const r = await writeSensitivityFiles(
        dir,
        { base, params, outcomes: named, design },
        y,
        ['samples.csv'],
        info,
        t0,
        tally.simulateMs,
        tally.workers,
        seeds,
        anchors,
      );
      result = r.result;
      return r.written;
    },
    { scenarioFiles: [info.scenarioFile], wait: info.wait },
  );
  return { outDir, files, result, workers: tally.workers };
}

/** What a sensitivity analysis's shard keeps for merge (shard.json `study`); a Sobol design without its points, which merge does not need. */
export interface SensitivityShardStudy {
  base: Scenario;
  params: StudyParam[];
  outcomes: { name: string; expression: string }[];
  design: SensitivityDesign;
  seeds: number[];
  /** The base scenario's anchoring solution (absent in shards of nabolag 0.2.20 and before). */
  anchors?: Anchor[] | null;
}

/** indices.csv, summary.json, charts and manifest.json of a sensitivity analysis, given its outcomes y[outcome][sample]: also what merge writes. */
export async function writeSensitivityFiles(
  dir: string,
  plan: { base: Scenario; params: StudyParam[]; outcomes: { name: string; expression: string }[]; design: SensitivityDesign },
  y: number[][],
  written: string[],
  info: StudyInfo & { charts?: StudyCharts<SensitivityResult> },
  t0: number,
  simulateMs: number,
  workers: number,
  seeds: number[],
  anchors: Anchor[] | null,
): Promise<{ result: SensitivityResult; written: string[] }> {
  const { base, params, outcomes, design } = plan;
  const nPoints = y[0]?.length ?? 0;
  const indices: IndexRow[] = [];
  const header = design.method === 'morris' ? MORRIS_HEADER : SOBOL_HEADER;
  const table = new LineFile(join(dir, 'indices.csv'), header);
  for (const [o, out] of outcomes.entries()) {
    const found =
      design.method === 'morris'
        ? morrisIndices(design.design, params.length, y[o]!, (i, u) => unitOfRun(params[i]!, u))
        : sobolIndices(params.length, y[o]!, makeRng(base.seed, `sobol-bootstrap/${out.name}`), SOBOL_RESAMPLES);
    for (const [i, ix] of found.entries()) {
      indices.push({ outcome: out.name, parameter: params[i]!.name, ...ix });
      const cells = 'muStar' in ix ? [ix.muStar, ix.sigma, ix.mu] : [ix.S1, ix.S1Low, ix.S1High, ix.ST, ix.STLow, ix.STHigh];
      table.line([design.method, csvCell(out.name), csvCell(params[i]!.name), ...cells.map(num)]);
    }
  }
  table.close();
  const result: SensitivityResult = { method: design.method, params, outcomes, y, indices };
  const designInfo =
    design.method === 'morris'
      ? { levels: design.design.levels, delta: design.design.delta, trajectories: design.design.trajectories }
      : { baseRows: design.baseRows, resamples: SOBOL_RESAMPLES, sample: 'seeded pseudo-random (Alea), A and B independent' };
  const summary = {
    scenario: base.name,
    method: design.method,
    design: designInfo,
    samples: nPoints,
    replications: base.replications,
    parameters: params.map((p) => ({ name: p.name, lo: p.lo, hi: p.hi, integer: p.integer })),
    outcomes: result.outcomes,
    indices: indices.map(({ effects: _e, ...rest }: IndexRow & { effects?: unknown }) => rest),
  };
  writeFileSync(join(dir, 'summary.json'), JSON.stringify(summary, null, 1) + '\n');
  written.push('indices.csv', 'summary.json');
  if (info.charts) written.push(...(await info.charts(dir, result)));
  written.push('manifest.json');
  const m = manifest(
    base,
    info,
    written,
    seeds,
    workers,
    t0,
    simulateMs,
    {
      method: design.method,
      design: designInfo,
      parameters: summary.parameters,
      outcomes: summary.outcomes,
    },
    anchors,
  );
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(m, null, 2) + '\n');
  return { result, written };
}

// ---------------------------------------------------------------------------------------------
// Sweep
// ---------------------------------------------------------------------------------------------

export interface SweepPlan {
  base: Scenario;
  /** The varied paths, as typed. */
  paths: string[];
  design: 'grid' | 'oat' | 'lhs';
  /** Number of points (not counting the scenario as given). */
  count: number;
  /** Point p's values (1-based; `undefined` where a path keeps the scenario's value, in `oat`). */
  valuesAt: (p: number) => (unknown | undefined)[];
  /** The scenario at point p (1-based). */
  scenarioAt: (p: number) => Scenario;
  /** The values the scenario as given has at the paths (point 0). */
  baseValues: unknown[];
  /** Write moves.csv. */
  moves: boolean;
}

/** The horizon effect of one point on one metric of the last row (the dose-response chart's data). */
export interface PointEffect {
  point: number;
  values: (unknown | undefined)[];
  metric: string;
  difference: number;
  ciLow: number;
  ciHigh: number;
}

export interface SweepResult {
  plan: Pick<SweepPlan, 'paths' | 'design' | 'count' | 'baseValues'>;
  /** The row effects are kept for (the last: the region, or the one estate). */
  row: string;
  effects: PointEffect[];
  baseline: Ensemble;
  summary: Summary;
}

/** The header of a sweep's effects.csv: the point, then the columns of a comparison's. */
export const EFFECTS_PREFIXED_HEADER = ['point', ...EFFECTS_HEADER];

/** The metrics whose horizon effects summary.json and the dose-response chart keep per point. */
export const SWEEP_KEPT_METRICS = ['resourceStrongShare', 'familiesWithChildren', 'resourceStrongFamilies'] as const;

/** A value of a varied path as a points.csv cell (a number as written, anything else as YAML flow text). */
function valueCell(v: unknown): string {
  if (v === undefined) return '';
  if (typeof v === 'number') return num(v);
  if (typeof v === 'string') return csvCell(v);
  return csvCell(JSON.stringify(v));
}

/**
 * Run the scenario as given (point 0) and every point of a sweep on the same seeds, and write
 * points.csv, metrics.csv (and moves.csv), effects.csv, summary.json, charts and manifest.json;
 * with `info.shard`, only a contiguous block of the points 0..count, into a shard folder
 * (shard.ts: points.csv, metrics.csv and moves.csv of those points, their digests, shard.json),
 * whose effects merge computes against point 0 (merge.ts).
 */
export async function sweepToDirectory(
  plan: SweepPlan,
  outDir: string,
  info: StudyInfo & { charts?: StudyCharts<SweepResult> },
): Promise<{ outDir: string; files: string[]; result: SweepResult | undefined; workers: number }> {
  const t0 = performance.now();
  const { base, count } = plan;
  const { from, to } = info.shard ? shardSlice(count + 1, info.shard) : { from: 0, to: count + 1 };
  const workers = info.workers ?? autoWorkersFor(Array.from({ length: Math.min(to - from, 64) }, () => base));
  const tally = new EnsembleTally(workers);
  const total = (to - from) * base.replications;
  let result: SweepResult | undefined;
  const files = await writeAtomically(
    outDir,
    async (dir) => {
      const blocks = Array.from({ length: to - from }, (_, j) => ({ label: String(from + j), replications: base.replications }));
      const tables = openLabelledTables(dir, { column: 'point', blocks, moves: plan.moves });
      const points = new LineFile(join(dir, 'points.csv'), ['point', ...plan.paths]);
      const effectsFile = info.shard ? null : new LineFile(join(dir, 'effects.csv'), EFFECTS_PREFIXED_HEADER);
      const digests = info.shard ? new DigestWriter(dir) : null;
      const kept: PointEffect[] = [];
      const pointValues: unknown[][] = [];
      let baseline: Ensemble | undefined;
      try {
        for (let p = from; p < to; p++) {
          const sc = p === 0 ? base : plan.scenarioAt(p);
          const values = p === 0 ? plan.baseValues : plan.valuesAt(p);
          points.line([String(p), ...values.map(valueCell)]);
          pointValues.push(values);
          const done = (p - from) * base.replications;
          // every point takes the base scenario's anchors (model/anchor.ts anchorSteps)
          const e = await runEnsemble(sc, {
            workers,
            anchorWorkers: info.workers ?? defaultWorkers(),
            signal: info.signal,
            anchorFrom: base,
            tables: tables.sink(p - from),
            onProgress: info.onProgress ? (d) => info.onProgress!(done + d, total) : undefined,
          });
          tally.add(e);
          digests?.write(e.replications);
          if (p === 0) baseline = e;
          else if (effectsFile) effectsFile.text(pointEffects(baseline!, p, e.replications, values, kept));
        }
      } catch (e) {
        tables.abort();
        throw e;
      } finally {
        points.close();
        effectsFile?.close();
        digests?.close();
      }
      const written = ['points.csv', ...tables.close()];
      if (info.shard) {
        const bytes = tables.bytes();
        writeShardManifest(
          dir,
          shardManifest(
            {
              command: 'sweep',
              k: info.shard.k,
              n: info.shard.n,
              items: { kind: 'points', from, to, total: count + 1 },
              baseSeed: base.seed,
              replications: base.replications,
              argv: info.command ?? null,
              scenarioFiles: [info.scenarioFile],
              files: [...written, DIGESTS_FILE],
              tables: {
                column: 'point',
                moves: plan.moves,
                schelling: false,
                blocks: blocks.map((b, j) => ({ id: from + j, ...b, metricsBytes: bytes.metrics[j]!, movesBytes: bytes.moves[j]! })),
              },
              ensembles: baseline ? [{ id: 0, ...ensembleInfo(baseline) }] : [],
              simulateMs: tally.simulateMs,
              workers: tally.workers,
              study: { base, design: plan.design, paths: plan.paths, count, baseValues: plan.baseValues, values: pointValues } satisfies SweepShardStudy,
            },
            [base],
            sweepOptions(plan),
          ),
        );
        return [...written, DIGESTS_FILE, SHARD_FILE];
      }
      written.push('effects.csv');
      const r = await writeSweepFiles(dir, plan, baseline!, kept, written, info, t0, tally.simulateMs, tally.workers);
      result = r.result;
      return r.written;
    },
    { scenarioFiles: [info.scenarioFile], wait: info.wait },
  );
  return { outDir, files, result, workers: tally.workers };
}

/** What a sweep's shard keeps for merge (shard.json `study`): the plan without its functions, and the values of its points. */
export interface SweepShardStudy {
  base: Scenario;
  design: SweepPlan['design'];
  paths: string[];
  count: number;
  baseValues: unknown[];
  /** The values of the shard's points, in order (JSON: a path a point leaves as given is null). */
  values: unknown[][];
}

/** What of a sweep's plan changes its results besides the scenario: hashed into shard.json. */
function sweepOptions(plan: SweepPlan) {
  const values: unknown[][] = [];
  for (let p = 1; p <= plan.count; p++) values.push(plan.valuesAt(p));
  return { design: plan.design, paths: plan.paths, count: plan.count, moves: plan.moves, baseValues: plan.baseValues, values };
}

/**
 * effects.csv's rows of point p (its digests `replications` against point 0's, `baseline`), and
 * its horizon effects on the kept metrics of the last row added to `kept`.
 */
export function pointEffects(baseline: Ensemble, p: number, replications: ReplicationDigest[], values: unknown[], kept: PointEffect[]): string {
  const row = baseline.replications[0]!.rowNames.at(-1)!;
  const point: Ensemble = { ...baseline, scenario: { ...baseline.scenario, name: `point-${p}` }, replications };
  const c = compareEnsembles(baseline, [point]);
  for (const eff of c.effects)
    if (eff.row === row && (SWEEP_KEPT_METRICS as readonly string[]).includes(eff.metric))
      kept.push({ point: p, values, metric: eff.metric, difference: eff.difference, ciLow: eff.ciLow, ciHigh: eff.ciHigh });
  return effectsRows(c)
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => `${p},${l}\n`)
    .join('');
}

/** A sweep's summary.json, charts and manifest.json, after its tables (`written`): also what merge writes. */
export async function writeSweepFiles(
  dir: string,
  plan: Pick<SweepPlan, 'base' | 'paths' | 'design' | 'count' | 'baseValues'>,
  baseline: Ensemble,
  kept: PointEffect[],
  written: string[],
  info: StudyInfo & { charts?: StudyCharts<SweepResult> },
  t0: number,
  simulateMs: number,
  workers: number,
): Promise<{ result: SweepResult; written: string[] }> {
  const { base, count } = plan;
  const row = baseline.replications[0]!.rowNames.at(-1)!;
  const summary = summarize(base.name, base.startYear, baseline.replications);
  const result: SweepResult = { plan: { paths: plan.paths, design: plan.design, count, baseValues: plan.baseValues }, row, effects: kept, baseline, summary };
  writeFileSync(
    join(dir, 'summary.json'),
    JSON.stringify(
      {
        scenario: summary,
        sweep: {
          design: plan.design,
          paths: plan.paths,
          points: count,
          baseValues: plan.baseValues,
          row,
          horizonYear: base.startYear + base.years - 1,
          effects: kept.map(({ values: _v, ...rest }) => rest),
        },
      },
      null,
      1,
    ) + '\n',
  );
  written.push('summary.json');
  if (info.charts) written.push(...(await info.charts(dir, result)));
  written.push('manifest.json');
  // point 0 is the scenario as given: its anchors are the ones every point takes
  const m = manifest(
    base,
    info,
    written,
    baseline.seeds,
    workers,
    t0,
    simulateMs,
    { sweep: { design: plan.design, paths: plan.paths, points: count } },
    baseline.anchors ?? null,
  );
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(m, null, 2) + '\n');
  return { result, written };
}
