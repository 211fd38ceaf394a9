/**
 * The bench's harness: what a case returns, the median and rounding of its times, the command
 * line (parsed with yargs) and the output, a readable table or one JSON object per case and line.
 * The cases are in bench/cases/; bench/bench.ts runs them.
 */
import { existsSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import yargs from 'yargs/yargs';

/** One line of output. */
export interface BenchResult {
  name: string;
  medianMs: number;
  runs: number;
  work: number;
  unit: string;
  perSecond: number;
  memoryBytesPerHousehold?: number;
  [extra: string]: number | string | undefined;
}

/** One case: a name for `--only` and a run that times it. */
export interface Case {
  name: string;
  run: () => BenchResult | Promise<BenchResult>;
  /** Run only when `--only` names it (a case that takes minutes), not in a run of all cases. */
  optIn?: boolean;
}

/** The project folder (this file runs as dist/bench/harness.js, or as bench/harness.ts under tsx). */
const here = dirname(fileURLToPath(import.meta.url));
export const root = existsSync(join(here, '..', 'scenarios')) ? join(here, '..') : join(here, '..', '..');

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const k = s.length >> 1;
  return s.length % 2 ? s[k]! : (s[k - 1]! + s[k]!) / 2;
};
export const round = (x: number, digits = 3): number => Number(x.toFixed(digits));

/** A case's line from its times (ms): the median, and work per second at the median. */
export function result(name: string, times: number[], work: number, unit: string, extra: Partial<BenchResult> = {}): BenchResult {
  const medianMs = median(times);
  return { name, medianMs: round(medianMs), runs: times.length, work, unit, perSecond: Math.round(work / (medianMs / 1000)), ...extra };
}

/**
 * `[--json] [--only <name>[,<name>...]]...`: a mistake (an unknown option, argument or case)
 * prints the message and the usage on standard error and exits with 2; `--help` prints the
 * usage and exits with 0.
 */
export function parseArgs(argv: string[], cases: Case[]): { json: boolean; only: string[] } {
  const usage =
    `usage: node dist/bench/bench.js [--json] [--only <name>[,<name>...]]...\n` +
    `cases: ${cases
      .filter((c) => !c.optIn)
      .map((c) => c.name)
      .join(', ')}\n` +
    `only with --only (slow: sweep-1000 takes minutes): ${
      cases
        .filter((c) => c.optIn)
        .map((c) => c.name)
        .join(', ') || 'none'
    }`;
  const fail = (msg: string): never => {
    process.stderr.write(`bench: ${msg}\n${usage}\n`);
    process.exit(2);
  };
  // yargs reads any other value of a boolean as false: refuse it rather than start a full run
  const badJson = argv.find((s) => s.startsWith('--json=') && !['--json=true', '--json=false'].includes(s));
  if (badJson) fail(`--json takes no value, not "${badJson.slice(7)}"`);
  const a = yargs(argv)
    .scriptName('bench')
    .usage(usage)
    .option('json', { type: 'boolean', default: false, describe: 'one JSON object per case and line instead of the table' })
    .option('only', { type: 'string', requiresArg: true, describe: 'run only this case (repeat, or comma-separate, for more)' })
    .version(false)
    .help('help')
    .alias('help', 'h')
    .strict()
    .wrap(100)
    .parserConfiguration({ 'parse-numbers': false, 'parse-positional-numbers': false })
    .fail((msg, err) => fail(msg ?? err?.message ?? 'the command line could not be read'))
    .parseSync();
  const only = ([] as string[]).concat(a.only ?? []).flatMap((s) => s.split(','));
  const unknown = only.filter((n) => !cases.some((c) => c.name === n));
  if (unknown.length) fail(`unknown case ${unknown.map((n) => `"${n}"`).join(', ')}`);
  return { json: a.json, only };
}

const fmt = (x: number): string => (x >= 100 ? Math.round(x).toLocaleString('en-US') : x.toPrecision(3));
const extras = (r: BenchResult): string =>
  Object.entries(r)
    .filter(([k]) => !['name', 'medianMs', 'runs', 'work', 'unit', 'perSecond'].includes(k))
    .map(([k, v]) => `${k}=${typeof v === 'number' ? fmt(v) : v}`)
    .join(' ');

/** Run the cases the command line chooses (all but the opt-in ones without `--only`), one after another, and print each line as it is done. */
export async function runBench(cases: Case[], argv: string[]): Promise<void> {
  const { json, only } = parseArgs(argv, cases);
  const chosen = only.length ? cases.filter((c) => only.includes(c.name)) : cases.filter((c) => !c.optIn);
  if (!json) {
    const cpu = cpus()[0]?.model ?? 'unknown CPU';
    process.stdout.write(`nabolag bench: node ${process.version}, ${cpu}, ${availableParallelism()} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB\n\n`);
    process.stdout.write(
      `${'case'.padEnd(24)}${'median ms'.padStart(12)}${'runs'.padStart(6)}${'work'.padStart(14)}  ${'unit'.padEnd(18)}${'per second'.padStart(14)}  other\n`,
    );
  }
  for (const c of chosen) {
    const r = await c.run();
    if (json) process.stdout.write(`${JSON.stringify(r)}\n`);
    else
      process.stdout.write(
        `${r.name.padEnd(24)}${fmt(r.medianMs).padStart(12)}${String(r.runs).padStart(6)}${fmt(r.work).padStart(14)}  ${r.unit.padEnd(18)}${fmt(r.perSecond).padStart(14)}  ${extras(r)}\n`,
      );
  }
}
