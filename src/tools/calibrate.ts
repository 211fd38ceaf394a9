/**
 * `npm run calibrate` (and `nabolag calibrate --presets`, cli/calibrate.ts): runs every preset in scenarios/presets/ (20 replications by default)
 * and prints each pattern (P1-P7) against its target, with the 5-95% bootstrap band of the
 * checked value over replications (src/analysis/patterns.ts); P5 (image work) and P6 (the
 * image lags composition) come from two paired experiments on the average preset. `--json` prints one JSON object per pattern.
 *
 *   npm run calibrate -- [--replications 20] [--json] [--only average] [--workers 2] [--help]
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { autoWorkersFor, runEnsemble } from '../engine/ensemble.js';
import { type PatternResult, imagePattern, lagPattern, runPatterns } from '../analysis/patterns.js';
import { loadScenario } from '../scenario/load.js';
import type { Scenario } from '../scenario/schema.js';
import { makeRng } from '../model/rng.js';
import { type Assignment, parseAssignments } from '../scenario/set.js';
import { UserError } from '../scenario/messages.js';
import { PACKAGE_ROOT, VERSION } from '../version.js';
import { ArgsError, MAX_WORKERS, type ProgramSpec, noteTypedOptions, scenarioFieldOption, typedOptions, wholeNumberOption } from '../cli/args.js';
import { parseCommandLine } from '../cli/args-yargs.js';

/** The paired experiments behind P5 and P6, as policies added to a preset. */
export const P5_VARIANT = (sc: Scenario): Scenario => ({
  ...sc,
  name: `${sc.name}-imagework`,
  policies: [{ lever: 'imageWork', from: sc.startYear, until: undefined, estate: undefined, boost: 0.15 }],
});
export const P6_VARIANT = (sc: Scenario): Scenario => ({
  ...sc,
  name: `${sc.name}-programme`,
  policies: [{ lever: 'programme', from: sc.startYear, until: undefined, estate: undefined, boost: 2 }],
});

/** Where the presets are. */
const PRESETS_DIR = join(PACKAGE_ROOT, 'scenarios', 'presets');

/** The presets' names (files in scenarios/presets/, without .yaml), in file-name order. */
export const presetNames = (): string[] =>
  readdirSync(PRESETS_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => f.replace(/\.yaml$/, ''));

export async function calibrate(opts: {
  replications: number;
  only?: string;
  workers?: number;
  /** `--set` assignments applied to every preset (as `nabolag run --set` does), for what-if checks of the patterns. */
  set?: readonly Assignment[];
  onResult?: (preset: string, p: PatternResult) => void;
}): Promise<Record<string, PatternResult[]>> {
  // each preset's ensembles: its own, and for the average estate the paired P5 and P6 experiments
  const presets = presetNames()
    .filter((name) => !opts.only || opts.only === name)
    .map((name) => {
      const sc = { ...loadScenario(join(PRESETS_DIR, `${name}.yaml`), { set: opts.set }), replications: opts.replications };
      return { name, sc, paired: name === 'average' ? { p5: P5_VARIANT(sc), p6: P6_VARIANT(sc) } : null };
    });
  // one number of workers for every ensemble: the kept pool serves them one after another
  const workers = opts.workers ?? autoWorkersFor(presets.flatMap((p) => (p.paired ? [p.sc, p.paired.p5, p.paired.p6] : [p.sc])));
  const out: Record<string, PatternResult[]> = {};
  for (const { name, sc, paired } of presets) {
    const base = await runEnsemble(sc, { workers });
    // the bootstrap bands' random numbers: seeded from the preset's seed, one stream per preset
    const rng = makeRng(sc.seed, `patterns:${name}`);
    const ps = runPatterns(base.replications, 0, rng);
    if (paired) {
      const v5 = await runEnsemble(paired.p5, { workers });
      ps.push(imagePattern(base.replications, v5.replications, 0, rng));
      const v6 = await runEnsemble(paired.p6, { workers });
      ps.push(lagPattern(base.replications, v6.replications, 0, rng));
    }
    ps.sort((a, b) => a.id.localeCompare(b.id));
    for (const p of ps) opts.onResult?.(name, p);
    out[name] = ps;
  }
  return out;
}

const pct = (v: number, unit: string) =>
  unit === 'share points' ? `${(v * 100).toFixed(1)} pp` : unit.startsWith('share') || unit === 'relative change' ? `${(v * 100).toFixed(1)}%` : v.toFixed(2);
/** A pattern's value and, when it has one, its bootstrap band. */
const valueText = (p: PatternResult): string =>
  `${pct(p.value.mean, p.unit).padStart(7)}${Number.isFinite(p.value.p5) ? ` (${pct(p.value.p5, p.unit)} to ${pct(p.value.p95, p.unit)})` : ''}`;

/** A preset's pattern as printed: one JSON object, or a line (and its detail) against the target. */
export const patternLine = (preset: string, p: PatternResult, json: boolean): string =>
  json
    ? JSON.stringify({ preset, ...p }) + '\n'
    : `${preset.padEnd(14)} ${p.id}  ${p.pass ? 'ok  ' : 'MISS'}  ${valueText(p)}  target: ${p.target}${p.detail ? `\n${' '.repeat(24)}${p.detail}` : ''}\n`;

/** The tool's command line, declared for the project's parser (src/cli/args.ts). */
const PROGRAM: ProgramSpec = {
  name: 'npm run',
  version: VERSION,
  summary: 'Run every preset of scenarios/presets/ and print each pattern (P1-P7) against its target.',
  commands: [
    {
      name: 'calibrate',
      describe: 'Print the patterns of every preset (or one) against their targets. Options follow `--`: npm run calibrate -- --only average --json',
      positionals: [],
      options: [
        { name: 'replications', alias: 'n', describe: 'Replications per preset (default 20)', kind: 'value' },
        { name: 'only', describe: 'Only this preset (a file name in scenarios/presets/, without .yaml)', kind: 'value' },
        { name: 'workers', alias: 'w', describe: 'Worker threads (default: as many as the work pays for)', kind: 'value' },
        { name: 'json', describe: 'One JSON object per pattern and line', kind: 'flag' },
        {
          name: 'set',
          describe: 'Change a field of every preset before running, as `nabolag run --set` does (repeatable): --set career.earlyBoost=4',
          kind: 'value',
          repeat: true,
        },
      ],
    },
  ],
};

export interface CalibrateArgs {
  replications: number;
  only?: string;
  workers?: number;
  json: boolean;
  set: Assignment[];
}

/**
 * The tool's arguments (after `npm run calibrate --`): what to run, or a text to print (help,
 * version). A mistake throws an ArgsError that names the option, the value and what is allowed.
 */
export function parseCalibrateArgs(
  argv: readonly string[],
  presets: readonly string[],
): { kind: 'run'; args: CalibrateArgs } | { kind: 'print'; text: string } {
  const parsed = parseCommandLine(PROGRAM, ['calibrate', ...argv]);
  if (parsed.kind === 'print') return parsed;
  if (parsed.kind !== 'run') throw new ArgsError('calibrate has no completion script');
  const a = parsed.invocation.args;
  noteTypedOptions(typedOptions(PROGRAM, ['calibrate', ...argv]));
  const only = a.only as string | undefined;
  if (only !== undefined && !presets.includes(only)) throw new ArgsError(`option --only is ${JSON.stringify(only)}; give one of ${presets.join(', ')}`);
  return {
    kind: 'run',
    args: {
      replications: scenarioFieldOption('replications', a.replications) ?? 20,
      only,
      workers: wholeNumberOption('workers', a.workers, 1, MAX_WORKERS),
      json: a.json === true,
      set: parseAssignments(a.set as string[] | undefined),
    },
  };
}

async function main(): Promise<void> {
  let parsed: ReturnType<typeof parseCalibrateArgs>;
  try {
    parsed = parseCalibrateArgs(process.argv.slice(2), presetNames());
  } catch (e) {
    if (!(e instanceof ArgsError) && !(e instanceof UserError)) throw e;
    process.stderr.write(`calibrate: ${e.message}\n`);
    process.exit(2);
  }
  if (parsed.kind === 'print') {
    process.stdout.write(parsed.text);
    return;
  }
  const { replications, only, workers, json, set } = parsed.args;
  try {
    await calibrate({
      replications,
      only,
      workers,
      set,
      onResult: (preset, p) => process.stdout.write(patternLine(preset, p, json)),
    });
  } catch (e) {
    // a --set that names no field or gives a value the schema refuses: the scenario's message
    if (!(e instanceof UserError)) throw e;
    process.stderr.write(`calibrate: ${e.message}\n`);
    process.exit(2);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
