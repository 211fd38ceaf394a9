/**
 * The `nabolag` command line. Exit codes: 0 success; 2 a user error (bad file, bad flag),
 * with a clear message on stderr and no stack trace; 1 an internal error.
 */
import { join, relative, resolve as resolvePath } from 'node:path';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { type Results, alignForComparison, compareToDirectory, runToDirectory, resolve } from '../engine/pipeline.js';
import { loadScenario } from '../scenario/load.js';
import { UserError, messages } from '../scenario/messages.js';
import { VERSION } from '../version.js';
import type { Scenario } from '../scenario/schema.js';
import { validateCommand } from './validate.js';
import { progressReporter } from './progress.js';
import { writeChartsAndReport } from '../report/report.js';
import { checkPatterns } from '../model/patterns.js';

const out = { stdout: (s: string) => void process.stdout.write(s), stderr: (s: string) => void process.stderr.write(s) };

function intFlag(name: string, v: unknown, min: number, max: number): number | undefined {
  if (v === undefined) return undefined;
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new UserError(messages.badFlag(name, v, `a whole number from ${min} to ${max}`));
  return n;
}

/** Charts and report.html, unless --no-report. */
const reportOutputs = (report: boolean | undefined) =>
  report === false ? undefined : (dir: string, r: Results) => writeChartsAndReport(dir, r, { patterns: checkPatterns });

/** The closing line naming report.html, when one was written. */
const reportLine = (rel: string, files: string[]): string => (files.includes('report.html') ? `report: ${join(rel, 'report.html')}\n` : '');

/** The flags shared by run and compare, checked. */
function runFlags(argv: { replications?: unknown; seed?: unknown; years?: unknown; workers?: unknown }) {
  return {
    overrides: {
      replications: intFlag('replications', argv.replications, 1, 100_000),
      seed: intFlag('seed', argv.seed, 0, 4_294_967_295),
      years: intFlag('years', argv.years, 1, 200),
    },
    workers: intFlag('workers', argv.workers, 1, 1024),
  };
}

async function runCommand(argv: { scenario: string; replications?: unknown; seed?: unknown; years?: unknown; out?: string; workers?: unknown; quiet?: boolean; report?: boolean }): Promise<void> {
  const file = argv.scenario;
  const { overrides, workers } = runFlags(argv);
  const sc = resolve(loadScenario(file), overrides, file);
  const outDir = argv.out ?? `output/${sc.name}`;
  const progress = argv.quiet ? undefined : progressReporter(`${sc.name}`, sc.replications);
  const t0 = performance.now();
  let res;
  try {
    res = await runToDirectory(sc, outDir, {
      scenarioFile: file,
      command: process.argv.slice(2),
      workers,
      onProgress: progress?.update,
      extraOutputs: reportOutputs(argv.report),
    });
  } finally {
    progress?.stop();
  }
  const rel = relative(process.cwd(), resolvePath(res.outDir)) || '.';
  out.stdout(
    `nabolag ${VERSION}: ran "${sc.name}" — ${sc.replications} replication(s) x ${sc.years} years on ${res.ensembles[0]!.workers} worker(s) in ${((performance.now() - t0) / 1000).toFixed(1)} s\n` +
      `results in ${rel}/: ${summariseFiles(res.files)}\n` +
      reportLine(rel, res.files),
  );
}

/** The files written, with the many chart files folded into one entry. */
function summariseFiles(files: string[]): string {
  const charts = files.filter((f) => f.startsWith('charts/'));
  const rest = files.filter((f) => !f.startsWith('charts/'));
  return [...rest, ...(charts.length ? [`charts/ (${charts.length} files)`] : [])].join(', ');
}

async function compareCommand(argv: { baseline: string; variants: string[]; replications?: unknown; seed?: unknown; years?: unknown; out?: string; workers?: unknown; quiet?: boolean; report?: boolean }): Promise<void> {
  const { overrides, workers } = runFlags(argv);
  // load and check every file before running anything, reporting all problems together
  const files = [argv.baseline, ...argv.variants];
  const loaded: { scenario: Scenario; file: string }[] = [];
  const problems: UserError[] = [];
  for (const f of files) {
    try {
      loaded.push({ scenario: resolve(loadScenario(f), overrides, f), file: f });
    } catch (e) {
      if (e instanceof UserError) problems.push(e);
      else throw e;
    }
  }
  if (problems.length) throw new UserError(problems.map((p) => p.message).join('\n'), problems.flatMap((p) => p.issues));
  const baseline = loaded[0]!.scenario;
  const variants = alignForComparison(baseline, loaded.slice(1));
  const outDir = argv.out ?? `output/compare-${[baseline.name, ...variants.map((v) => v.name)].join('-vs-').slice(0, 120)}`;
  const total = baseline.replications * files.length;
  const progress = argv.quiet ? undefined : progressReporter('compare', total);
  const t0 = performance.now();
  let res;
  try {
    res = await compareToDirectory(baseline, variants, outDir, { scenarioFiles: files, command: process.argv.slice(2), workers, onProgress: progress?.update, extraOutputs: reportOutputs(argv.report) });
  } finally {
    progress?.stop();
  }
  const rel = relative(process.cwd(), resolvePath(res.outDir)) || '.';
  out.stdout(
    `nabolag ${VERSION}: compared "${baseline.name}" with ${variants.map((v) => `"${v.name}"`).join(', ')} — ${baseline.replications} paired replication(s) x ${baseline.years} years in ${((performance.now() - t0) / 1000).toFixed(1)} s\n` +
      `results in ${rel}/: ${summariseFiles(res.files)}\n` +
      reportLine(rel, res.files),
  );
}

function fail(e: unknown): never {
  if (e instanceof UserError) {
    process.stderr.write(`nabolag: ${e.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`nabolag: internal error — please report it with the command you ran:\n${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
}

export async function main(args: string[]): Promise<void> {
  await yargs(args)
    .scriptName('nabolag')
    .usage('$0 <command> [options]\n\nAgent-based simulation of who lives in a Danish social housing estate over time.')
    .command(
      'run <scenario>',
      'Run a scenario and write metrics.csv, moves.csv, summary.json, manifest.json, charts/ and report.html',
      (y) =>
        y
          .positional('scenario', { type: 'string', demandOption: true, describe: 'Scenario file (YAML or JSON), e.g. scenarios/default.yaml' })
          .option('replications', { alias: 'n', describe: 'Number of replications (overrides the file)' })
          .option('seed', { alias: 's', describe: 'Base random seed (overrides the file)' })
          .option('years', { alias: 'y', describe: 'Years to simulate (overrides the file)' })
          .option('out', { alias: 'o', type: 'string', describe: 'Output folder (default output/<scenario name>)' })
          .option('workers', { alias: 'w', describe: 'Worker threads (default: all cores, fewer for small runs); results do not depend on it' })
          .option('quiet', { alias: 'q', type: 'boolean', describe: 'No progress bar' })
          .option('report', { type: 'boolean', default: true, describe: 'Write charts/ and report.html (--no-report to skip them)' }),
      async (argv) => runCommand(argv as never).catch(fail),
    )
    .command(
      'compare <baseline> <variants..>',
      'Run a baseline and variants on the same seeds (common random numbers) and write paired differences',
      (y) =>
        y
          .positional('baseline', { type: 'string', demandOption: true, describe: 'Baseline scenario file' })
          .positional('variants', { type: 'string', array: true, demandOption: true, describe: 'Variant scenario files' })
          .option('replications', { alias: 'n', describe: 'Replications for every scenario (default: the baseline file\'s)' })
          .option('seed', { alias: 's', describe: 'Base seed for every scenario (default: the baseline file\'s)' })
          .option('years', { alias: 'y', describe: 'Years to simulate (default: the baseline file\'s)' })
          .option('out', { alias: 'o', type: 'string', describe: 'Output folder (default output/compare-<names>)' })
          .option('workers', { alias: 'w', describe: 'Worker threads (default: all cores, fewer for small runs)' })
          .option('quiet', { alias: 'q', type: 'boolean', describe: 'No progress bar' })
          .option('report', { type: 'boolean', default: true, describe: 'Write charts/ and report.html (--no-report to skip them)' }),
      async (argv) => compareCommand(argv as never).catch(fail),
    )
    .command(
      'validate <files..>',
      'Check scenario files and print every problem found',
      (y) => y.positional('files', { type: 'string', array: true, demandOption: true, describe: 'Scenario files' }),
      (argv) => {
        const code = validateCommand(argv.files as string[], out);
        process.exitCode = code;
      },
    )
    .demandCommand(1, 'Give a command: run, compare or validate (see --help)')
    .strict()
    .version(VERSION)
    .help()
    .fail((msg, err) => {
      if (err) fail(err);
      process.stderr.write(`nabolag: ${msg}\nRun "nabolag --help" for usage.\n`);
      process.exit(2);
    })
    .parseAsync();
}

await main(hideBin(process.argv)).catch(fail);
