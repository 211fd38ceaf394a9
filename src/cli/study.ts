/**
 * `nabolag sweep` and `nabolag sensitivity`: their options read and checked (every mistake a
 * one-line message and exit 2 before anything runs), the points of the design built as the
 * scenario with fields set (scenario/set.ts), and the study run (output/study.ts).
 */
import { join } from 'node:path';
import { driftWarning } from '../analysis/drift.js';
import { compileOutcomes } from '../analysis/outcomes.js';
import { latinHypercube, morrisDesign, sobolDesign } from '../analysis/sensitivity.js';
import { makeRng } from '../model/rng.js';
import { ESTATE_START_FIELDS, type Overrides, resolve } from '../output/pipeline.js';
import { defaultOutputName } from '../output/safety.js';
import {
  type SensitivityDesign,
  type SensitivityResult,
  type StudyParam,
  type SweepPlan,
  paramValue,
  sensitivityToDirectory,
  sweepToDirectory,
} from '../output/study.js';
import { writeSensitivityCharts, writeSweepCharts } from '../report/study.js';
import { checkScenario, loadScenario } from '../scenario/load.js';
import { ANCHORED_FIELDS, leverWarnings } from '../scenario/rules.js';
import { UserError, show } from '../scenario/messages.js';
import type { Scenario } from '../scenario/schema.js';
import { type Assignment, applyAssignments, readPath, splitAssignment } from '../scenario/set.js';
import { VERSION } from '../version.js';
import { ArgsError, wholeNumberOption } from './args.js';
import { checkMemory } from './memory.js';
import { formatWarnings } from './validate.js';
import { progressReporter, startingStage, workCount } from './progress.js';
import { closing, counted, defaultFolder, metricLabel, out, reportLang, runFlags } from './shared.js';
import { checkShardCount, shardClosing, shardOption } from './shard.js';
import { shardSlice } from '../engine/shard.js';

/** Default Morris trajectories (r): 10, within the 10-20 Saltelli et al. (2008, 3.3) recommend for screening. */
export const DEFAULT_TRAJECTORIES = 10;
/** Default Sobol base rows (N): 64, enough to rank a few parameters; the intervals say how precise (assumption). */
export const DEFAULT_BASE_ROWS = 64;
/** Most sample points of one study (a bound on typing mistakes such as a grid of many long lists). */
export const MAX_POINTS = 1_000_000;

/**
 * An assignment of `value` to a parsed path, as `--set` would make it. `written`: the value as the
 * user typed it, for messages (a `1e400` typed is Infinity, which JSON would show as null).
 */
export const assign = (option: string, path: string, steps: Assignment['steps'], value: unknown, written?: string): Assignment => ({
  text: `${path}=${written ?? (typeof value === 'string' ? value : JSON.stringify(value))}`,
  path,
  steps,
  value,
  option,
});

const NUMBER = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;

/** The fields that shape a run, which every point of a study shares with the scenario as given. */
const SHARED_FIELDS = ['years', 'startYear', 'replications', 'seed'];

/**
 * Check a study's paths against the scenario they vary (`base`): each names a field another does
 * not under another spelling (`policies[0].factor` and `policies[lever=extension].factor` are
 * one field: the later would silently win), and none names a field that anchoring solves in an
 * anchored estate (its value would not be used: every point would run the same model). Throws a
 * UserError naming the option.
 */
export function checkStudyPaths(option: string, items: readonly { path: string; steps: Assignment['steps'] }[], base: Scenario): void {
  const seen = new Map<string, string>();
  for (const it of items) {
    let concrete: string;
    try {
      [concrete] = applyAssignments(structuredClone(base) as unknown as Record<string, unknown>, [assign(option, it.path, it.steps, 0)]) as [string];
    } catch {
      continue; // a path the scenario lacks: the scenario's own check names it
    }
    const other = seen.get(concrete);
    if (other !== undefined)
      throw new UserError(
        other === it.path
          ? `option --${option}: the path ${show(it.path)} is given twice`
          : `option --${option}: ${show(other)} and ${show(it.path)} are the same field (${concrete}); give it once`,
      );
    seen.set(concrete, it.path);
    const m = /^estates\[(\d+)\]\.(.+)$/.exec(concrete);
    if (m && (ANCHORED_FIELDS as readonly string[]).includes(m[2]!) && base.estates[Number(m[1])]?.anchor)
      throw new UserError(
        `option --${option} ${show(it.path)}: anchoring solves ${concrete.replace(/^estates\[\d+\]\./, '')} for estate ${show(base.estates[Number(m[1])]!.name)} (anchor: true, the default), so a value given there is not used and every point would run the same model; vary it with the estate's anchoring off (--set estates[${m[1]}].anchor=false, and then the estate is not held as given), or vary what the estate is given (its population)`,
      );
  }
}

/**
 * Refuse a study over `years`, `startYear` or `replications`: each point is compared with the
 * scenario as given year by year and replication by replication (common random numbers), so the
 * points share them; they are set for all points with -y, -n or --set.
 */
export function refuseSharedField(option: string, path: string): void {
  // an estate's start: every point starts from the scenario's estate, as compare's variants must
  const start = /^estates\[[^\]]*\]\.([A-Za-z]+)/.exec(path)?.[1];
  if (start !== undefined && (ESTATE_START_FIELDS as readonly string[]).includes(start))
    throw new UserError(
      `option --${option} ${show(path)}: every point is compared with the scenario as given from the same start (as compare compares a variant with its baseline), so an estate's start (${ESTATE_START_FIELDS.join(', ')}) cannot vary; to see estates that start otherwise, run each as its own scenario`,
    );
  if (SHARED_FIELDS.includes(path))
    throw new UserError(
      `option --${option} ${show(path)}: every point is compared with the scenario as given, year by year and replication by replication (on the same seeds), so the points share its ${SHARED_FIELDS.join(', ')}; set ${show(path)} for all of them with --set ${path}=…${path === 'years' ? ' or -y' : path === 'replications' ? ' or -n' : path === 'seed' ? ' or --seed' : ''} instead`,
    );
}

/** `<path>=<lo>:<hi>` of `--param` (or `--vary` in an lhs design). */
function parseRange(option: string, text: string): { path: string; steps: Assignment['steps']; lo: number; hi: number; ends: [string, string] } {
  const { path, steps, raw } = splitAssignment(text, option);
  refuseSharedField(option, path);
  const parts = raw.split(':');
  if (parts.length !== 2 || !NUMBER.test(parts[0]!) || !NUMBER.test(parts[1]!))
    throw new UserError(`option --${option} ${show(text)}: give <path>=<lo>:<hi>, two numbers, e.g. --${option} 'policies[lever=extension].factor=0.3:0.9'`);
  const lo = Number(parts[0]);
  const hi = Number(parts[1]);
  const ends: [string, string] = [parts[0]!.trim(), parts[1]!.trim()];
  // an end too large to be a number (1e400) is refused by the field's own check, which quotes it
  if (Number.isFinite(lo) && Number.isFinite(hi) && !(lo < hi))
    throw new UserError(`option --${option} ${show(text)}: the range ${lo}:${hi} is empty; give <lo>:<hi> with lo below hi`);
  return { path, steps, lo, hi, ends };
}

/** What every point of a study is built from: the scenario file, --set, the overrides. */
export interface Base {
  file: string;
  set: Assignment[];
  overrides: Overrides;
  extra: Assignment[];
}

/** The scenario with the base's assignments and then `more` applied, resolved; throws a UserError. */
export function scenarioWith(b: Base, more: Assignment[]): Scenario {
  return resolve(loadScenario(b.file, { set: [...b.set, ...b.extra, ...more] }), b.overrides, b.file, [...b.set, ...more]);
}

/** Whether the scenario accepts these assignments (all checks, as a run would make them). */
function accepts(b: Base, more: Assignment[]): boolean {
  try {
    const c = checkScenario(b.file, { set: [...b.set, ...b.extra, ...more] });
    if (!c.scenario) return false;
    resolve(c.scenario, b.overrides, b.file);
    return true;
  } catch (e) {
    if (e instanceof UserError) return false;
    throw e;
  }
}

/**
 * The parameters of `--param` (or an lhs `--vary`): each range's ends must be accepted by the
 * scenario (else the scenario's own message, naming the field and what it allows); a field that
 * takes whole numbers only (a value between them refused, its rounding accepted) gets whole values.
 */
export function studyParams(option: string, texts: string[], b: Base): { params: StudyParam[]; steps: Assignment['steps'][] } {
  if (texts.length === 0) throw new ArgsError(`give at least one --${option} <path>=<lo>:<hi>`);
  const ranges = texts.map((t) => parseRange(option, t));
  checkStudyPaths(option, ranges, scenarioWith(b, []));
  const params = ranges.map((r) => {
    for (const [k, v] of [r.lo, r.hi].entries()) scenarioWith(b, [assign(option, r.path, r.steps, v, r.ends[k])]);
    // ends that are whole numbers may be a whole-number field's: a value halfway between two is refused there
    const between = r.lo + 0.5;
    const integer =
      Number.isInteger(r.lo) &&
      Number.isInteger(r.hi) &&
      !accepts(b, [assign(option, r.path, r.steps, between)]) &&
      accepts(b, [assign(option, r.path, r.steps, r.lo + 1)]);
    return { name: r.path, lo: r.lo, hi: r.hi, integer };
  });
  return { params, steps: ranges.map((r) => r.steps) };
}

/** The flags of a study's run, the base scenario, and the base the points are built from. */
export function studyBase(argv: StudyArgs, extra: Assignment[] = []) {
  const { overrides, workers, set } = runFlags(argv);
  const b: Base = { file: argv.scenario, set, overrides, extra };
  const base = scenarioWith(b, []);
  // what the file allows but probably does not mean (an extends chain's surprises), as run says it
  const warnings = [...checkScenario(argv.scenario, { set }).warnings, ...leverWarnings(base, argv.scenario)];
  if (!argv.quiet && warnings.length) out.stderr(formatWarnings(warnings));
  return { b, base, workers };
}

export interface StudyArgs {
  scenario: string;
  set?: string[];
  replications?: unknown;
  seed?: unknown;
  years?: unknown;
  out?: string;
  workers?: unknown;
  samples?: unknown;
  quiet?: boolean;
  report?: boolean;
  wait?: boolean;
  shard?: string;
}

const seconds = (t0: number) => ((performance.now() - t0) / 1000).toFixed(1);

/** How a study command runs: in full, or (`countOnly`) only as far as its design, whose number of points it gives (`nabolag submit` checks it against its tasks). */
export interface StudyRun {
  countOnly?: (points: number) => void;
}

export async function sensitivityCommand(argv: StudyArgs & { method?: string; param?: string[]; outcome?: string[] }, run: StudyRun = {}): Promise<void> {
  const method = argv.method;
  if (method === undefined) throw new ArgsError('option --method is required: give morris (screening) or sobol (indices)');
  if (method !== 'morris' && method !== 'sobol') throw new ArgsError(`option --method ${show(method)}: give morris or sobol`);
  const shard = shardOption(argv.shard);
  const { b, base, workers } = studyBase(argv);
  const { params } = studyParams('param', argv.param ?? [], b);
  if (!argv.outcome?.length)
    throw new ArgsError('give at least one --outcome <name>=<expression>, e.g. --outcome gain=resourceStrongShare@2040-resourceStrongShare@2026');
  const outcomes = await compileOutcomes(argv.outcome, { rowNames: rowNamesOf(base), startYear: base.startYear, years: base.years });
  const k = params.length;
  const designRng = makeRng(base.seed, `${method}-design`);
  const samples = wholeNumberOption('samples', argv.samples, 2, MAX_POINTS);
  const design: SensitivityDesign =
    method === 'morris'
      ? { method, design: morrisDesign(k, samples ?? DEFAULT_TRAJECTORIES, designRng) }
      : { method, baseRows: samples ?? DEFAULT_BASE_ROWS, points: sobolDesign(k, samples ?? DEFAULT_BASE_ROWS, designRng).points };
  const nPoints = design.method === 'morris' ? design.design.points.length : design.points.length;
  if (nPoints > MAX_POINTS) throw new ArgsError(`option --samples: ${nPoints} sample points is more than ${MAX_POINTS}`);
  if (run.countOnly) return run.countOnly(nPoints);
  checkShardCount(shard, nPoints, 'sample points');
  checkMemory([base], workers ?? 1);
  const outDir = argv.out ?? defaultFolder(join('output', `sensitivity-${defaultOutputName(argv.scenario, process.cwd())}`), [argv.scenario]);
  const slice = shard ? shardSlice(nPoints, shard) : { from: 0, to: nPoints };
  const total = (slice.to - slice.from) * base.replications;
  const work = workCount(base.replications, { count: slice.to - slice.from, noun: 'points' });
  const progress = progressReporter(`sensitivity (${method}): ${work}${shard ? ` (shard ${shard.k}/${shard.n})` : ''}`, total, 'runs', {
    quiet: argv.quiet,
    starting: startingStage(base.estates),
  });
  const t0 = performance.now();
  let res: Awaited<ReturnType<typeof sensitivityToDirectory>>;
  try {
    res = await sensitivityToDirectory(
      {
        base,
        params,
        outcomes,
        design,
        scenarioAt: (values) =>
          scenarioWith(
            b,
            values.map((v, i) => assign('param', params[i]!.name, paramSteps(params[i]!.name), v)),
          ),
      },
      outDir,
      {
        scenarioFile: argv.scenario,
        command: process.argv.slice(2),
        workers,
        wait: argv.wait,
        onProgress: progress?.update,
        shard,
        charts:
          argv.report === false
            ? undefined
            : (dir, r) => {
                progress?.stage('writing the charts');
                return writeSensitivityCharts(dir, r);
              },
      },
    );
  } finally {
    progress?.stop();
  }
  if (argv.quiet) return;
  if (shard) {
    out.stdout(
      shardClosing(
        shard,
        `ran sample points ${slice.from}-${slice.to - 1} of ${nPoints} of the ${method} sensitivity of "${base.name}" x ${counted(base.replications, 'replication')} = ${counted(total, 'run')} of ${counted(base.years, 'year')}`,
        res.outDir,
        res.files,
        seconds(t0),
      ),
    );
    return;
  }
  out.stdout(
    `nabolag ${VERSION}: ${method} sensitivity of "${base.name}" — ${counted(k, 'parameter')}, ${counted(outcomes.length, 'outcome')}, ${work} of ${counted(base.years, 'year')} on ${counted(res.workers, 'worker')} in ${seconds(t0)} s\n` +
      morrisCaution(design) +
      sobolCaution(design) +
      (res.result ? undefinedOutcomes(res.result) + constantOutcomes(res.result) : '') +
      closing(res.outDir, res.files),
  );
}

/**
 * A warning for each outcome that is not a number at some sample points (a ratio of two zeros,
 * `vacantFlats@2028/vacantFlats@2027` where no flat stands empty): samples.csv leaves those cells
 * empty, and the indices that need them are empty too.
 */
export function undefinedOutcomes(r: Pick<SensitivityResult, 'outcomes' | 'y'>): string {
  return r.outcomes
    .map((o, i) => {
      const ys = r.y[i] ?? [];
      const bad = ys.filter((v) => !Number.isFinite(v)).length;
      if (bad === 0) return '';
      return `warning: outcome "${o.name}" (${o.expression}) is not a number at ${bad} of ${ys.length} sample points (a division by zero, e.g. of two counts that are 0): samples.csv leaves those cells empty, and the indices in indices.csv computed from them are empty too; choose an outcome defined at every point\n`;
    })
    .join('');
}

/**
 * A note for each outcome of a Sobol analysis that is the same number at every sample point (a
 * list status that never changes, `listStatusCode@2031` of an estate too small to be listed): it
 * has no variance to apportion, so its indices are empty in indices.csv (null in summary.json),
 * which is no error of the run. (Morris gives such an outcome μ* = σ = μ = 0, which says it.)
 */
export function constantOutcomes(r: Pick<SensitivityResult, 'method' | 'outcomes' | 'y'>): string {
  if (r.method !== 'sobol') return '';
  return r.outcomes
    .map((o, i) => {
      const ys = r.y[i] ?? [];
      if (ys.length === 0 || !ys.every((v) => Number.isFinite(v) && v === ys[0])) return '';
      return `note: outcome "${o.name}" (${o.expression}) is ${ys[0]} at every one of the ${ys.length} sample points: with no variance there is nothing to apportion, so its Sobol indices in indices.csv are empty (null in summary.json)\n`;
    })
    .join('');
}

/**
 * A line for a Morris screening on fewer trajectories than DEFAULT_TRAJECTORIES: each parameter's
 * μ* and σ are then a mean and a spread of that few elementary effects (σ of 2 is hardly a
 * spread), which Saltelli et al. (2008, 3.3) advise against for screening. Else nothing.
 */
export function morrisCaution(design: SensitivityDesign): string {
  if (design.method !== 'morris') return '';
  const r = design.design.trajectories;
  if (r >= DEFAULT_TRAJECTORIES) return '';
  return `caution: ${r} trajectories give each parameter's μ* and σ from ${r} elementary effects; ${DEFAULT_TRAJECTORIES}-20 are usual for screening (--samples ${DEFAULT_TRAJECTORIES})\n`;
}

/**
 * A line for a Sobol analysis on fewer base rows than DEFAULT_BASE_ROWS: its indices are then so
 * imprecise that estimates outside 0-1 are common (S1 1.7 on 8 rows), and their bootstrap
 * intervals, on as few rows, are too narrow to be trusted. Else nothing.
 */
export function sobolCaution(design: SensitivityDesign): string {
  if (design.method !== 'sobol' || design.baseRows >= DEFAULT_BASE_ROWS) return '';
  return `caution: ${design.baseRows} base rows give Sobol indices so imprecise that estimates outside 0-1 are common, and their intervals from as few rows are not to be trusted; ${DEFAULT_BASE_ROWS} or more are usual (--samples ${DEFAULT_BASE_ROWS})\n`;
}

/** The rows of a scenario's metrics (as model/simulate.ts names them: its estates, copies numbered, then "region" when several). */
export function rowNamesOf(base: Scenario): string[] {
  const names = base.estates.flatMap((e) => (e.copies > 1 ? Array.from({ length: e.copies }, (_, i) => `${e.name}-${i + 1}`) : [e.name]));
  return names.length > 1 ? [...names, 'region'] : names;
}

/** A parameter's path steps (parsed again: paths are short). */
const paramSteps = (path: string): Assignment['steps'] => splitAssignment(`${path}=0`, 'param').steps;

export async function sweepCommand(argv: StudyArgs & { vary?: string[]; design?: string; moves?: boolean; lang?: unknown }, run: StudyRun = {}): Promise<void> {
  const design = argv.design ?? 'grid';
  if (design !== 'grid' && design !== 'oat' && design !== 'lhs') throw new ArgsError(`option --design ${show(design)}: give grid, oat or lhs`);
  const texts = argv.vary ?? [];
  if (texts.length === 0) throw new ArgsError('give at least one --vary <path>=<v1>,<v2>,… (or <path>=<lo>:<hi> with --design lhs)');
  const moves: Assignment = {
    text: `output.moves=${argv.moves === true}`,
    path: 'output.moves',
    steps: [{ field: 'output' }, { field: 'moves' }],
    value: argv.moves === true,
  };
  const shard = shardOption(argv.shard);
  const { b, base, workers } = studyBase(argv, [moves]);
  let plan: SweepPlan;
  const common = { base, design, moves: argv.moves === true } as const;
  if (design === 'lhs') {
    const count = wholeNumberOption('samples', argv.samples, 1, MAX_POINTS);
    if (count === undefined) throw new ArgsError('option --design lhs needs --samples <K>, the number of points');
    const { params, steps } = studyParams('vary', texts, b);
    const unit = latinHypercube(params.length, count, makeRng(base.seed, 'lhs-design'));
    const valuesAt = (p: number) => unit[p - 1]!.map((u, i) => paramValue(params[i]!, u));
    plan = {
      ...common,
      paths: params.map((p) => p.name),
      count,
      valuesAt,
      scenarioAt: (p) =>
        scenarioWith(
          b,
          valuesAt(p).map((v, i) => assign('vary', params[i]!.name, steps[i]!, v)),
        ),
      baseValues: steps.map((s) => readPath(base, s)),
    };
  } else {
    if (argv.samples !== undefined) throw new ArgsError('option --samples is for --design lhs; a grid or oat sweep runs the values given');
    const lists = texts.map((text) => {
      const { path, steps, raw } = splitAssignment(text, 'vary');
      refuseSharedField('vary', path);
      if (/^[^,]*:[^,]*$/.test(raw) && raw.split(':').every((x) => NUMBER.test(x)))
        throw new UserError(
          `option --vary ${show(text)}: a range <lo>:<hi> needs --design lhs --samples <K>; for a ${design} give the values, e.g. ${path}=0.25,0.5,0.75`,
        );
      const values = raw.split(',').map((v) => v.trim());
      if (values.some((v) => v === ''))
        throw new UserError(`option --vary ${show(text)}: give values separated by commas, none empty, e.g. ${path}=0.25,0.5,0.75`);
      return { path, steps, texts: values, values: values.map((v) => (NUMBER.test(v) ? Number(v) : (parseYamlScalar(v) as unknown))) };
    });
    checkStudyPaths('vary', lists, base);
    const count = design === 'grid' ? lists.reduce((n, l) => n * l.values.length, 1) : lists.reduce((n, l) => n + l.values.length, 0);
    if (count > MAX_POINTS) throw new ArgsError(`option --vary: the ${design} has ${count} points, more than ${MAX_POINTS}`);
    // point p (1-based): grid in row-major order (the first path slowest); oat: each path's values in turn, the others as given
    const valuesAt = (p: number): unknown[] => {
      let q = p - 1;
      if (design === 'grid') {
        const out: unknown[] = new Array(lists.length);
        for (let i = lists.length - 1; i >= 0; i--) {
          const n = lists[i]!.values.length;
          out[i] = lists[i]!.values[q % n];
          q = Math.floor(q / n);
        }
        return out;
      }
      return lists.map((l) => {
        const here = q >= 0 && q < l.values.length ? l.values[q] : undefined;
        q -= l.values.length;
        return here;
      });
    };
    const scenarioAt = (p: number) =>
      scenarioWith(
        b,
        valuesAt(p).flatMap((v, i) => (v === undefined ? [] : [assign('vary', lists[i]!.path, lists[i]!.steps, v)])),
      );
    // every value checked before anything runs (each alone, so the message names it)
    for (const l of lists)
      for (const [k, v] of l.values.entries()) {
        try {
          scenarioWith(b, [assign('vary', l.path, l.steps, v, l.texts[k])]);
        } catch (e) {
          const note = decimalCommaNote(l.path, l.texts);
          if (e instanceof UserError && note) throw new UserError(`${e.message}${note}`, e.issues);
          throw e;
        }
      }
    plan = { ...common, paths: lists.map((l) => l.path), count, valuesAt, scenarioAt, baseValues: lists.map((l) => readPath(base, l.steps)) };
  }
  if (run.countOnly) return run.countOnly(plan.count + 1);
  checkShardCount(shard, plan.count + 1, "points (the scenario as given and the sweep's)");
  checkMemory([base], workers ?? 1);
  const lang = reportLang(argv.lang, base.language);
  const outDir = argv.out ?? defaultFolder(join('output', `sweep-${defaultOutputName(argv.scenario, process.cwd())}`), [argv.scenario]);
  const slice = shard ? shardSlice(plan.count + 1, shard) : { from: 0, to: plan.count + 1 };
  const total = (slice.to - slice.from) * base.replications;
  const work = workCount(base.replications, { count: slice.to - slice.from, noun: 'points' });
  const progress = progressReporter(`sweep (${design}): ${work}${shard ? ` (shard ${shard.k}/${shard.n})` : ''}`, total, 'runs', {
    quiet: argv.quiet,
    starting: startingStage(base.estates),
  });
  const t0 = performance.now();
  let res: Awaited<ReturnType<typeof sweepToDirectory>>;
  try {
    res = await sweepToDirectory(plan, outDir, {
      scenarioFile: argv.scenario,
      command: process.argv.slice(2),
      workers,
      wait: argv.wait,
      onProgress: progress?.update,
      shard,
      charts:
        argv.report === false
          ? undefined
          : (dir, r) => {
              progress?.stage('writing the charts and the report');
              return writeSweepCharts(dir, r, lang);
            },
    });
  } finally {
    progress?.stop();
  }
  if (argv.quiet) return;
  if (shard) {
    out.stdout(
      shardClosing(
        shard,
        `ran points ${slice.from}-${slice.to - 1} of the ${design} sweep of "${base.name}" (0 to ${plan.count}, 0 the scenario as given) x ${counted(base.replications, 'replication')} = ${counted(total, 'run')} of ${counted(base.years, 'year')}`,
        res.outDir,
        res.files,
        seconds(t0),
      ),
    );
    return;
  }
  out.stdout(
    `nabolag ${VERSION}: ${design} sweep of "${base.name}" over ${plan.paths.join(', ')} — ${work} (point 0 the scenario as given) of ${counted(base.years, 'year')} on ${counted(res.workers, 'worker')} in ${seconds(t0)} s\n` +
      // point 0's drift, as a run's (its report's first box says so too)
      (res.result
        ? driftWarning(res.result.summary.drifts, base.startYear + base.years, metricLabel, base.years, base.policies.length > 0, base.replications)
        : '') +
      closing(res.outDir, res.files),
  );
}

/** A --vary value that is not a number: read as YAML (`true`, `null`, a text). */
function parseYamlScalar(v: string): unknown {
  if (v === 'true') return true;
  if (v === 'false') return false;
  if (v === 'null') return null;
  return v.replace(/^["'](.*)["']$/, '$1');
}

/**
 * For values of a --vary that a decimal comma may have split (`0,5,0,75` for 0.5 and 0.75: an
 * even number of whole numbers), what the user likely meant, as a note to the message of the
 * value refused; else ''.
 */
export function decimalCommaNote(path: string, texts: readonly string[]): string {
  if (texts.length % 2 !== 0 || !texts.every((t) => /^\d+$/.test(t))) return '';
  const meant: string[] = [];
  for (let i = 0; i < texts.length; i += 2) meant.push(`${texts[i]}.${texts[i + 1]}`);
  return `; if the commas were decimal commas, write --vary '${path}=${meant.join(',')}' (the values are separated by commas, and written with a decimal point)`;
}
