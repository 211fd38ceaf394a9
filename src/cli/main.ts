/**
 * The `nabolag` command line. Exit codes: 0 success; 2 a user error (bad file, bad flag),
 * with a clear message on stderr and no stack trace; 1 an internal error.
 */
import { join } from 'node:path';
import { alignForComparison, compareToDirectory, runToDirectory, resolve } from '../output/pipeline.js';
import { checkScenario } from '../scenario/load.js';
import { leverWarnings } from '../scenario/rules.js';
import { type Issue, UserError, formatIssues } from '../scenario/messages.js';
import { VERSION } from '../version.js';
import type { Scenario } from '../scenario/schema.js';
import { formatWarnings, validateCommand } from './validate.js';
import { newCommand } from './new.js';
import { ArgsError, type Parsed, helpLanguage, noteTypedOptions, parseCommonCase, typedOptions } from './args.js';
import { PROGRAM } from './program.js';
import { compareFolderName, defaultOutputName } from '../output/safety.js';
import { autoWorkersFor, useAnchorStore } from '../engine/ensemble.js';
import { commandLineAnchorStore } from '../output/anchor-store.js';
import { parseAssignments } from '../scenario/set.js';
import { shardSlice } from '../engine/shard.js';
import { checkMemory } from './memory.js';
import { DRIFT_FEW_REPLICATIONS, driftWarning } from '../analysis/drift.js';
import { anchorLimitNote, anchorWarning, turnoverWarning } from '../analysis/plausibility.js';
import { compareWarnings } from './compare-warnings.js';
import { closing, counted, defaultFolder, metricLabel, out, reportLang, reportOutputs, runFlags } from './shared.js';
import { checkShardCount, mergeCommand, shardClosing, shardOption } from './shard.js';

// The other commands' modules are imported when one of them runs: a `run` does not load the
// studio's bundler, the studies' designs or the cluster's submission; nor yargs for a plain
// command line, the progress bar with --quiet or the report's modules with --no-report
// (start-up: bench/RESULTS.md).

/** The progress bar's module, unless --quiet (then nothing is shown, and cli-progress is not loaded). */
const progressModule = async (quiet: boolean | undefined) => (quiet ? undefined : await import('./progress.js'));

async function runCommand(argv: {
  scenario: string;
  set?: string[];
  replications?: unknown;
  seed?: unknown;
  years?: unknown;
  out?: string;
  workers?: unknown;
  quiet?: boolean;
  report?: boolean;
  wait?: boolean;
  shard?: string;
  lang?: unknown;
}): Promise<void> {
  const file = argv.scenario;
  const { overrides, workers, set } = runFlags(argv);
  const shard = shardOption(argv.shard);
  const checked = checkScenario(file, { set });
  if (!checked.scenario) throw new UserError(formatIssues(checked.issues), checked.issues);
  const sc = resolve(checked.scenario, overrides, file, set);
  const warnings = [...checked.warnings, ...leverWarnings(sc, file)];
  if (!argv.quiet && warnings.length) out.stderr(formatWarnings(warnings));
  checkShardCount(shard, sc.replications, 'replications');
  const lang = reportLang(argv.lang, sc.language);
  checkMemory([sc], workers ?? autoWorkersFor([sc]));
  const outDir = argv.out ?? defaultFolder(join('output', defaultOutputName(file, process.cwd())), [file]);
  const slice = shard ? shardSlice(sc.replications, shard) : { from: 0, to: sc.replications };
  const reps = slice.to - slice.from;
  const shown = await progressModule(argv.quiet);
  const progress = shown?.progressReporter(`${sc.name}${shard ? ` (shard ${shard.k}/${shard.n})` : ''}: ${shown.workCount(reps)}`, reps, 'replications', {
    quiet: argv.quiet,
    starting: shown.startingStage(sc.estates),
  });
  const t0 = performance.now();
  let res: Awaited<ReturnType<typeof runToDirectory>>;
  try {
    res = await runToDirectory(sc, outDir, {
      scenarioFile: file,
      command: process.argv.slice(2),
      set: set.map((a) => a.text),
      workers,
      wait: argv.wait,
      onProgress: progress?.update,
      extraOutputs: shard ? undefined : reportOutputs(argv.report, progress, lang),
      shard,
    });
  } finally {
    progress?.stop();
  }
  if (!shown) return;
  if (shard) {
    out.stdout(
      shardClosing(
        shard,
        `ran replications ${slice.from}-${slice.to - 1} of ${sc.replications} (numbered from 0, as metrics.csv numbers them) of "${sc.name}" x ${counted(sc.years, 'year')} on ${counted(res.ensembles[0]!.workers, 'worker')}`,
        res.outDir,
        res.files,
        ((performance.now() - t0) / 1000).toFixed(1),
      ),
    );
    return;
  }
  out.stdout(
    `nabolag ${VERSION}: ran "${sc.name}" — ${shown.workCount(sc.replications)} of ${counted(sc.years, 'year')} on ${counted(res.ensembles[0]!.workers, 'worker')} in ${((performance.now() - t0) / 1000).toFixed(1)} s\n` +
      driftWarning(res.summary.drifts, sc.startYear + sc.years, metricLabel, sc.years, sc.policies.length > 0, sc.replications) +
      anchorWarning(res.ensembles[0]!.anchors) +
      anchorLimitNote(res.ensembles[0]!.anchors) +
      turnoverWarning([res.summary]) +
      closing(res.outDir, res.files),
  );
}

async function compareCommand(argv: {
  baseline: string;
  set?: string[];
  variants: string[];
  replications?: unknown;
  seed?: unknown;
  years?: unknown;
  out?: string;
  workers?: unknown;
  quiet?: boolean;
  report?: boolean;
  wait?: boolean;
  shard?: string;
  lang?: unknown;
}): Promise<void> {
  const { overrides, workers, set } = runFlags(argv);
  const shard = shardOption(argv.shard);
  // load and check every file before running anything, reporting all problems together; a
  // --set applies to every scenario that has what it names, and must apply to one at least
  const files = [argv.baseline, ...argv.variants];
  const loaded: { scenario: Scenario; file: string }[] = [];
  const problems: UserError[] = [];
  const used = set.map(() => false);
  // for each file, which --set options applied to it (null: it has nothing there)
  const appliedTo: (string | null)[][] = [];
  const warnings: Issue[] = [];
  for (const f of files) {
    try {
      const checked = checkScenario(f, { set, setWherePresent: true });
      appliedTo.push(checked.applied ?? set.map(() => null));
      for (const [k, p] of (checked.applied ?? []).entries()) if (p !== null) used[k] = true;
      if (!checked.scenario) throw new UserError(formatIssues(checked.issues), checked.issues);
      const sc = resolve(
        checked.scenario,
        overrides,
        f,
        set.filter((_, k) => checked.applied?.[k]),
      );
      warnings.push(...checked.warnings, ...leverWarnings(sc, f));
      loaded.push({ scenario: sc, file: f });
    } catch (e) {
      if (e instanceof UserError) problems.push(e);
      else throw e;
    }
  }
  for (const [k, u] of used.entries())
    if (!u) problems.push(new UserError(`option --set ${JSON.stringify(set[k]!.text)}: none of the scenarios has ${set[k]!.path}`));
  if (problems.length)
    throw new UserError(
      problems.map((p) => p.message).join('\n'),
      problems.flatMap((p) => p.issues),
    );
  const baseline = loaded[0]!.scenario;
  const lang = reportLang(argv.lang, baseline.language);
  const variants = alignForComparison(baseline, loaded.slice(1));
  warnings.push(...compareWarnings(files, set, appliedTo, loaded, variants));
  if (!argv.quiet && warnings.length) out.stderr(formatWarnings(warnings));
  checkMemory([baseline, ...variants], workers ?? autoWorkersFor([baseline, ...variants]));
  const outDir = argv.out ?? defaultFolder(join('output', compareFolderName([baseline.name, ...variants.map((v) => v.name)])), files);
  checkShardCount(shard, baseline.replications, 'replications');
  const slice = shard ? shardSlice(baseline.replications, shard) : { from: 0, to: baseline.replications };
  const total = (slice.to - slice.from) * files.length;
  const shown = await progressModule(argv.quiet);
  const work = shown?.workCount(slice.to - slice.from, { count: files.length, noun: 'scenarios' });
  const progress = shown?.progressReporter(`compare: ${work}${shard ? ` (shard ${shard.k}/${shard.n})` : ''}`, total, 'runs', {
    quiet: argv.quiet,
    starting: shown.startingStage([baseline, ...variants].flatMap((v) => v.estates)),
  });
  const t0 = performance.now();
  let res: Awaited<ReturnType<typeof compareToDirectory>>;
  try {
    res = await compareToDirectory(baseline, variants, outDir, {
      scenarioFiles: files,
      command: process.argv.slice(2),
      set: set.map((a) => a.text),
      workers,
      wait: argv.wait,
      onProgress: progress?.update,
      extraOutputs: shard ? undefined : reportOutputs(argv.report, progress, lang),
      shard,
    });
  } finally {
    progress?.stop();
  }
  if (!shown) return;
  if (shard) {
    out.stdout(
      shardClosing(
        shard,
        `ran replications ${slice.from}-${slice.to - 1} of ${baseline.replications} (numbered from 0, as metrics.csv numbers them) of ${files.length} scenarios ("${baseline.name}", ${variants.map((v) => `"${v.name}"`).join(', ')}) = ${total} runs of ${counted(baseline.years, 'year')}`,
        res.outDir,
        res.files,
        ((performance.now() - t0) / 1000).toFixed(1),
      ),
    );
    return;
  }
  // the answer, as the report's first screen gives it (imported here only: run does not need it)
  const { anyUnclear, headlines } = await import('../report/headline.js');
  const scenarios = Object.fromEntries(res.ensembles.map((e) => [e.scenario.name, e.scenario]));
  out.stdout(
    `nabolag ${VERSION}: compared "${baseline.name}" with ${variants.map((v) => `"${v.name}"`).join(', ')} — ${work} of ${counted(baseline.years, 'year')} in ${((performance.now() - t0) / 1000).toFixed(1)} s\n` +
      headlines(res.comparison, scenarios, baseline.startYear + baseline.years) +
      (anyUnclear(res.comparison) ? fewPairsNote(baseline.replications) : '') +
      driftWarning(res.summary.drifts, baseline.startYear + baseline.years, metricLabel, baseline.years, baseline.policies.length > 0, baseline.replications) +
      anchorWarning(res.ensembles[0]!.anchors) +
      anchorLimitNote(res.ensembles[0]!.anchors) +
      turnoverWarning(Object.values(res.comparison.summaries)) +
      closing(res.outDir, res.files),
  );
}

/**
 * The closing lines' note for a comparison on fewer than DRIFT_FEW_REPLICATIONS pairs where a
 * variant has "no clear effect" (`anyUnclear`): its intervals are wide (a t-interval on n - 1
 * degrees of freedom: on 2 pairs 12.7 standard errors each side), so that verdict says little.
 * Else nothing.
 */

export function fewPairsNote(n: number): string {
  if (n >= DRIFT_FEW_REPLICATIONS) return '';
  return `note: ${n} paired replications give wide intervals, so "no clear effect" says little here; run ${DRIFT_FEW_REPLICATIONS} or more (-n ${DRIFT_FEW_REPLICATIONS}) to tell an effect from chance (the report's Findings say how many would detect a one-point effect)\n`;
}

function fail(e: unknown): never {
  if (e instanceof UserError || e instanceof ArgsError) {
    process.stderr.write(`nabolag: ${e.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`nabolag: internal error — please report it with the command you ran:\n${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
}

export async function main(args: string[]): Promise<void> {
  let parsed: Parsed;
  try {
    // yargs (args-yargs.ts) only for what the common case does not take: help, completion, mistakes
    parsed = parseCommonCase(PROGRAM, args) ?? (await import('./args-yargs.js')).parseCommandLine(PROGRAM, args, helpLanguage());
  } catch (e) {
    if (!(e instanceof ArgsError)) throw e;
    process.stderr.write(`nabolag: ${e.message}\nRun "nabolag --help" for usage.\n`);
    process.exit(2);
  }
  if (parsed.kind === 'print') {
    out.stdout(parsed.text);
    return;
  }
  if (parsed.kind === 'completion') return (await import('./args-yargs.js')).complete(PROGRAM, parsed.argv);
  const { command, args: a } = parsed.invocation;
  // a message about an option's value names it as typed (`-n`, not --replications)
  noteTypedOptions(typedOptions(PROGRAM, args));
  // anchors solved once per scenario and machine, not on every run (output/anchor-store.ts)
  useAnchorStore(commandLineAnchorStore());
  if (command === 'run') await runCommand(a as never);
  else if (command === 'compare') await compareCommand(a as never);
  else if (command === 'studio') await (await import('./studio.js')).studioCommand(a as never, out);
  else if (command === 'sweep') await (await import('./study.js')).sweepCommand(a as never);
  else if (command === 'sensitivity') await (await import('./study.js')).sensitivityCommand(a as never);
  else if (command === 'calibrate') await (await import('./calibrate.js')).calibrateCommand(a as never);
  else if (command === 'submit') process.exitCode = await (await import('./submit.js')).submitCommand(a as never);
  else if (command === 'merge') await mergeCommand(a as never);
  else if (command === 'new') newCommand(a as never, out);
  else {
    const set = parseAssignments(a.set as string[] | undefined);
    process.exitCode = validateCommand(a.files as string[], out, { show: a.show === true, set });
  }
}

await main(process.argv.slice(2)).catch(fail);
