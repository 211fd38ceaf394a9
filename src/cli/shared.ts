/**
 * What the commands of main.ts and study.ts share: the flags of a run, the report as an extra
 * output, the closing lines.
 */
import { availableParallelism } from 'node:os';
import { join, resolve as resolvePath } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Results } from '../output/pipeline.js';
import { readManifest } from '../output/safety.js';
import { LANGS, type Lang, isLang } from '../report/i18n.js';
import { METRICS } from '../model/reporters.js';
import { UserError } from '../scenario/messages.js';
import { parseAssignments } from '../scenario/set.js';
import { MAX_WORKERS, scenarioFieldOption, wholeNumberOption } from './args.js';
import type { Progress } from './progress.js';

export const out = { stdout: (s: string) => void process.stdout.write(s), stderr: (s: string) => void process.stderr.write(s) };

/**
 * Charts and report.html, unless --no-report (with a stage line on the progress bar's terminal).
 * The report's modules are imported only when a report is written (start-up: bench/RESULTS.md).
 */
export const reportOutputs = (report: boolean | undefined, progress: Progress | undefined, lang: Lang = 'en') =>
  report === false
    ? undefined
    : async (dir: string, r: Results) => {
        progress?.stage('writing the charts and the report');
        const [{ writeChartsAndReport }, { checkPatterns }] = await Promise.all([import('../report/report.js'), import('../analysis/patterns.js')]);
        return writeChartsAndReport(dir, r, { patterns: checkPatterns, lang });
      };

/**
 * The report's language: --lang when given (checked), else the scenario's `language`, else
 * English.
 */
export function reportLang(option: unknown, scenarioLanguage: string | undefined): Lang {
  if (option !== undefined) {
    if (!isLang(option)) throw new UserError(`option --lang: ${JSON.stringify(String(option))} is not a language of the report; give ${LANGS.join(' or ')}`);
    return option;
  }
  return isLang(scenarioLanguage) ? scenarioLanguage : 'en';
}

/** The closing lines: where the results are (an absolute path) and the report as a link a terminal can open. */
export function closing(outDir: string, files: string[]): string {
  const abs = resolvePath(outDir);
  return `results in ${abs}/: ${summariseFiles(files)}\n` + (files.includes('report.html') ? `report: ${pathToFileURL(join(abs, 'report.html')).href}\n` : '');
}

/** The flags shared by run and compare, checked. */
export function runFlags(argv: { replications?: unknown; seed?: unknown; years?: unknown; workers?: unknown; set?: string[] }) {
  const workers = wholeNumberOption('workers', argv.workers, 1, MAX_WORKERS);
  const cores = availableParallelism();
  // more workers than cores: each holds its own copy of the model, so the run takes more memory and no less time
  if (workers !== undefined && workers > cores)
    out.stderr(
      `note: --workers ${workers} is more than this machine's ${cores} core${cores === 1 ? '' : 's'}: each worker holds its own copy of the model, so the run uses more memory and is not faster (the default is one per core)\n`,
    );
  return {
    set: parseAssignments(argv.set),
    overrides: {
      replications: scenarioFieldOption('replications', argv.replications),
      seed: scenarioFieldOption('seed', argv.seed),
      years: scenarioFieldOption('years', argv.years),
    },
    workers,
  };
}

/**
 * The default output folder of a command (no --out given), checked against the result it may
 * already hold: one of other scenario files whose names lead to the same folder
 * (`levers/extension.yaml` and `levers-extension.yaml` both give output/levers-extension) is
 * refused, not replaced. Returns `outDir`. A folder of another tool, or none, passes (the output
 * safety rules judge it).
 */
export function defaultFolder(outDir: string, files: readonly string[], cwd = process.cwd()): string {
  const m = readManifest(join(cwd, outDir));
  if (!m) return outDir;
  // a comparison lists its files, a run or a study names its one
  const earlier = m.scenarioFiles ?? (typeof m.scenarioFile === 'string' ? [m.scenarioFile] : undefined);
  if (!Array.isArray(earlier) || !earlier.every((f) => typeof f === 'string')) return outDir;
  const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((f, i) => resolvePath(cwd, f) === resolvePath(cwd, b[i]!));
  if (!same(earlier as string[], files))
    throw new UserError(
      `the default output folder ${outDir} holds the result of ${(earlier as string[]).join(', ')}, other scenario files whose names lead to the same folder; give --out to keep both (or delete the folder to replace it); nothing was written`,
    );
  return outDir;
}

/** The files written, with the many chart files folded into one entry. */
export function summariseFiles(files: string[]): string {
  const charts = files.filter((f) => f.startsWith('charts/'));
  const rest = files.filter((f) => !f.startsWith('charts/'));
  return [...rest, ...(charts.length ? [`charts/ (${charts.length} files)`] : [])].join(', ');
}

/** A metric's label in the console's words, lower case ("resource-strong share of adults 22-59"). */
export const metricLabel = (name: string): string => {
  const l = METRICS.find((m) => m.name === name)?.label ?? name;
  return l.charAt(0).toLowerCase() + l.slice(1);
};

/** A count with its noun, singular for one: "1 year", "15 years", "2 workers". */
export const counted = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;
