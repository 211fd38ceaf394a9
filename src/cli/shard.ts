/**
 * `--shard k/n` and `--shard auto/N` (engine/shard.ts), and `nabolag merge` (output/merge.ts).
 * With `auto`, k is one more than the 0-based index a scheduler gives each task of an array
 * job, read from the first of SHARD_INDEX_VARIABLES that is set.
 */
import { readFileSync } from 'node:fs';
import { join, resolve as resolvePath } from 'node:path';
import type { ShardRequest } from '../output/shard.js';
import { UserError, show } from '../scenario/messages.js';
import { VERSION } from '../version.js';
import { ArgsError } from './args.js';
import { closing, out, reportLang, reportOutputs } from './shared.js';

/** Where schedulers put an array task's 0-based index: Slurm job arrays, Kubernetes Indexed Jobs, AWS Batch array jobs (in this order). */
export const SHARD_INDEX_VARIABLES = ['SLURM_ARRAY_TASK_ID', 'JOB_COMPLETION_INDEX', 'AWS_BATCH_JOB_ARRAY_INDEX'] as const;

/** Most shards of one command (a bound on typing mistakes). */
export const MAX_SHARDS = 1_000_000;

const WHOLE = /^\d+$/;

/** The value of --shard, checked (ArgsError: exit 2); undefined when not given. */
export function shardOption(v: unknown, env: Record<string, string | undefined> = process.env): ShardRequest | undefined {
  if (v === undefined) return undefined;
  const text = String(v);
  const m = /^\s*(auto|\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const form = 'give k/n, shard k of n with k from 1 to n (e.g. --shard 2/4), or auto/n to take k from the scheduler';
  if (!m) throw new ArgsError(`option --shard ${show(text)}: ${form}`);
  const n = Number(m[2]);
  if (n < 1 || n > MAX_SHARDS) throw new ArgsError(`option --shard ${show(text)}: n is ${n}; give from 1 to ${MAX_SHARDS} shards`);
  if (m[1] !== 'auto') {
    const k = Number(m[1]);
    if (k < 1 || k > n) throw new ArgsError(`option --shard ${show(text)}: k is ${k}, but shards are numbered 1 to ${n}; ${form}`);
    return { k, n };
  }
  const name = SHARD_INDEX_VARIABLES.find((e) => env[e] !== undefined && env[e] !== '');
  if (!name)
    throw new ArgsError(
      `option --shard ${show(text)}: none of ${SHARD_INDEX_VARIABLES.join(', ')} is set, so there is no task index to take k from; run it as a task of an array job, or give --shard k/${n}`,
    );
  const raw = env[name]!;
  if (!WHOLE.test(raw.trim())) throw new ArgsError(`option --shard ${show(text)}: ${name} is ${show(raw)}, not a whole number from 0 to ${n - 1}`);
  const index = Number(raw.trim());
  if (index >= n)
    throw new ArgsError(
      `option --shard ${show(text)}: ${name} is ${index}, but the ${n} shards take indices 0 to ${n - 1} (k = index + 1); give the array as many tasks as shards`,
    );
  return { k: index + 1, n };
}

/** A shard's items, or a UserError when there are fewer items than shards. */
export function checkShardCount(shard: ShardRequest | undefined, items: number, what: string): void {
  if (shard && shard.n > items)
    throw new UserError(
      `option --shard ${shard.k}/${shard.n}: there are ${items} ${what} to share out, fewer than the ${shard.n} shards; give at most ${items} shards`,
    );
}

/** The console line of a command run as a shard. */
export function shardClosing(shard: ShardRequest, what: string, outDir: string, files: string[], seconds: string): string {
  return (
    `nabolag ${VERSION}: shard ${shard.k}/${shard.n} — ${what} in ${seconds} s\n` +
    `shard folder ${resolvePath(outDir)}/: ${files.join(', ')} (no report or charts in a shard; join the ${shard.n} shards with nabolag merge)\n`
  );
}

/**
 * The report language a shard folder's command asked for: its `--lang`, else its (first)
 * scenario's `language` field (shard.json), if the folder says.
 */
export function shardLanguage(folder: string | undefined): string | undefined {
  if (folder === undefined) return undefined;
  try {
    const m = JSON.parse(readFileSync(join(folder, 'shard.json'), 'utf8')) as { argv?: string[]; ensembles?: { scenario?: { language?: string } }[] };
    const argv = m.argv ?? [];
    for (let i = argv.length - 1; i >= 0; i--) {
      if (argv[i] === '--lang' && i + 1 < argv.length) return argv[i + 1];
      if (argv[i]!.startsWith('--lang=')) return argv[i]!.slice('--lang='.length);
    }
    return m.ensembles?.[0]?.scenario?.language;
  } catch {
    // no readable shard.json: the merge itself says what is wrong with the folder
    return undefined;
  }
}

export async function mergeCommand(argv: {
  folders: string[];
  out?: string;
  report?: boolean;
  quiet?: boolean;
  wait?: boolean;
  lang?: unknown;
}): Promise<void> {
  if (argv.out === undefined) throw new ArgsError('give the output folder: nabolag merge <shard folders…> --out <folder>');
  // as the unsharded command: merge's --lang, else the shards' (their --lang, else their scenario's language), else English
  const langs = new Map<string, string>();
  for (const f of argv.folders) {
    const l = shardLanguage(f);
    if (l !== undefined && !langs.has(l)) langs.set(l, f);
  }
  if (argv.lang === undefined && langs.size > 1)
    throw new UserError(
      `the shards ask for reports in different languages (${[...langs].map(([l, f]) => `${l} in ${f}`).join(', ')}); give merge --lang en or --lang da`,
    );
  const lang = reportLang(argv.lang, langs.keys().next().value);
  const t0 = performance.now();
  // imported here: `run` and `compare` read this module for --shard, and need neither
  const { mergeToDirectory } = await import('../output/merge.js');
  const { writeSensitivityCharts, writeSweepCharts } = await import('../report/study.js');
  const res = await mergeToDirectory(argv.folders, argv.out, {
    command: process.argv.slice(2),
    wait: argv.wait,
    extraOutputs: reportOutputs(argv.report, undefined, lang),
    sweepCharts: argv.report === false ? undefined : (dir, r) => writeSweepCharts(dir, r, lang),
    sensitivityCharts: argv.report === false ? undefined : writeSensitivityCharts,
  });
  if (argv.quiet) return;
  const first = res.shards[0]!;
  out.stdout(
    `nabolag ${VERSION}: merged ${first.n} shard(s) of ${first.command} (${first.items.total} ${first.items.kind}, base seed ${first.baseSeed}) in ${((performance.now() - t0) / 1000).toFixed(1)} s\n` +
      closing(res.outDir, res.files),
  );
}
