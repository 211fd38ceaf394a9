/**
 * The `nabolag` command line. Exit codes: 0 success; 2 a user error (bad file, bad flag),
 * with a clear message on stderr and no stack trace; 1 an internal error.
 */
import { join, resolve as resolvePath } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Results, alignForComparison, compareToDirectory, runToDirectory, resolve } from '../output/pipeline.js';
import { checkScenario, loadScenario } from '../scenario/load.js';
import { UserError, formatIssues } from '../scenario/messages.js';
import { parseAssignment } from '../scenario/set.js';
import { VERSION } from '../version.js';
import type { Scenario } from '../scenario/schema.js';
import { validateCommand } from './validate.js';
import { ArgsError, helpLanguage, parseCommandLine, complete, scenarioFieldOption, wholeNumberOption, MAX_WORKERS } from './args.js';
import { PROGRAM } from './program.js';
import { type Progress, progressReporter } from './progress.js';
import { writeChartsAndReport } from '../report/report.js';
import { checkPatterns } from '../analysis/patterns.js';
import { defaultOutputName } from '../output/safety.js';
import { autoWorkersFor } from '../engine/ensemble.js';
import { checkMemory } from './memory.js';
import { studioCommand } from './studio.js';

const out = { stdout: (s: string) => void process.stdout.write(s), stderr: (s: string) => void process.stderr.write(s) };

/** Charts and report.html, unless --no-report (with a stage line on the progress bar's terminal). */
const reportOutputs = (report: boolean | undefined, progress: Progress | undefined) =>
  report === false
    ? undefined
    : (dir: string, r: Results) => {
        progress?.stage('writing the charts and the report');
        return writeChartsAndReport(dir, r, { patterns: checkPatterns });
      };

/** The closing lines: where the results are (an absolute path) and the report as a link a terminal can open. */
function closing(outDir: string, files: string[]): string {
  const abs = resolvePath(outDir);
  return `results in ${abs}/: ${summariseFiles(files)}\n` + (files.includes('report.html') ? `report: ${pathToFileURL(join(abs, 'report.html')).href}\n` : '');
}

/** The flags shared by run and compare, checked. */
function runFlags(argv: { replications?: unknown; seed?: unknown; years?: unknown; workers?: unknown; set?: string[] }) {
  return {
    set: (argv.set ?? []).map(parseAssignment),
    overrides: {
      replications: scenarioFieldOption('replications', argv.replications),
      seed: scenarioFieldOption('seed', argv.seed),
      years: scenarioFieldOption('years', argv.years),
    },
    workers: wholeNumberOption('workers', argv.workers, 1, MAX_WORKERS),
  };
}

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
}): Promise<void> {
  const file = argv.scenario;
  const { overrides, workers, set } = runFlags(argv);
  const sc = resolve(loadScenario(file, { set }), overrides, file);
  checkMemory([sc], workers ?? autoWorkersFor([sc]));
  const outDir = argv.out ?? join('output', defaultOutputName(file, process.cwd()));
  const progress = progressReporter(sc.name, sc.replications, 'replications', argv.quiet);
  const t0 = performance.now();
  let res: Awaited<ReturnType<typeof runToDirectory>>;
  try {
    res = await runToDirectory(sc, outDir, {
      scenarioFile: file,
      command: process.argv.slice(2),
      workers,
      wait: argv.wait,
      onProgress: progress?.update,
      extraOutputs: reportOutputs(argv.report, progress),
    });
  } finally {
    progress?.stop();
  }
  if (argv.quiet) return;
  out.stdout(
    `nabolag ${VERSION}: ran "${sc.name}" — ${sc.replications} replication(s) x ${sc.years} years on ${res.ensembles[0]!.workers} worker(s) in ${((performance.now() - t0) / 1000).toFixed(1)} s\n` +
      closing(res.outDir, res.files),
  );
}

/** The files written, with the many chart files folded into one entry. */
function summariseFiles(files: string[]): string {
  const charts = files.filter((f) => f.startsWith('charts/'));
  const rest = files.filter((f) => !f.startsWith('charts/'));
  return [...rest, ...(charts.length ? [`charts/ (${charts.length} files)`] : [])].join(', ');
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
}): Promise<void> {
  const { overrides, workers, set } = runFlags(argv);
  // load and check every file before running anything, reporting all problems together; a
  // --set applies to every scenario that has what it names, and must apply to one at least
  const files = [argv.baseline, ...argv.variants];
  const loaded: { scenario: Scenario; file: string }[] = [];
  const problems: UserError[] = [];
  const used = set.map(() => false);
  for (const f of files) {
    try {
      const checked = checkScenario(f, { set, setWherePresent: true });
      for (const [k, p] of (checked.applied ?? []).entries()) if (p !== null) used[k] = true;
      if (!checked.scenario) throw new UserError(formatIssues(checked.issues), checked.issues);
      loaded.push({ scenario: resolve(checked.scenario, overrides, f), file: f });
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
  const variants = alignForComparison(baseline, loaded.slice(1));
  checkMemory([baseline, ...variants], workers ?? autoWorkersFor([baseline, ...variants]));
  const outDir = argv.out ?? join('output', `compare-${[baseline.name, ...variants.map((v) => v.name)].join('-vs-').slice(0, 120)}`);
  const total = baseline.replications * files.length;
  const progress = progressReporter(`compare: ${files.length} scenarios x ${baseline.replications} replications`, total, 'runs', argv.quiet);
  const t0 = performance.now();
  let res: Awaited<ReturnType<typeof compareToDirectory>>;
  try {
    res = await compareToDirectory(baseline, variants, outDir, {
      scenarioFiles: files,
      command: process.argv.slice(2),
      workers,
      wait: argv.wait,
      onProgress: progress?.update,
      extraOutputs: reportOutputs(argv.report, progress),
    });
  } finally {
    progress?.stop();
  }
  if (argv.quiet) return;
  out.stdout(
    `nabolag ${VERSION}: compared "${baseline.name}" with ${variants.map((v) => `"${v.name}"`).join(', ')} — ${files.length} scenarios x ${baseline.replications} paired replications = ${total} runs of ${baseline.years} years in ${((performance.now() - t0) / 1000).toFixed(1)} s\n` +
      closing(res.outDir, res.files),
  );
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
  let parsed: ReturnType<typeof parseCommandLine>;
  try {
    parsed = parseCommandLine(PROGRAM, args, helpLanguage());
  } catch (e) {
    if (!(e instanceof ArgsError)) throw e;
    process.stderr.write(`nabolag: ${e.message}\nRun "nabolag --help" for usage.\n`);
    process.exit(2);
  }
  if (parsed.kind === 'print') {
    out.stdout(parsed.text);
    return;
  }
  if (parsed.kind === 'completion') return complete(PROGRAM, parsed.argv);
  const { command, args: a } = parsed.invocation;
  if (command === 'run') await runCommand(a as never);
  else if (command === 'compare') await compareCommand(a as never);
  else if (command === 'studio') await studioCommand(a as never, out);
  else process.exitCode = validateCommand(a.files as string[], out);
}

await main(process.argv.slice(2)).catch(fail);
