/**
 * `nabolag merge`: the shard folders of one command (shard.ts) joined into the folder one
 * process would have written. The tables are concatenated, block by block in shard order (rows
 * copied as bytes, a piece at a time: a shard's moves.csv is never held in memory whole); the
 * summary, effects and indices are computed from the shards' digests and values by the same
 * functions the unsharded command uses, so the data files are byte-identical to its.
 *
 * The shards must all be of one command with one scenario, version, seed, replications and
 * options, every k of n once; anything else is refused (a UserError naming the folders) before
 * anything is written. The output folder may be the folder that holds the shard folders (as
 * `nabolag submit` lays them out): the merged files are then written into it beside them
 * (atomic.ts `updateAtomically`).
 */
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync, writeSync } from 'node:fs';
import { resolve as resolvePath, sep } from 'node:path';
import { join } from 'node:path';
import type { Ensemble } from '../engine/ensemble.js';
import type { ReplicationDigest } from '../model/digest.js';
import { UserError } from '../scenario/messages.js';
import { realPathOf } from './safety.js';
import { updateAtomically, writeAtomically } from './atomic.js';
import { type RunInfo, writeCompareFiles, writeRunFiles } from './pipeline.js';
import { SHARD_FILE, type ShardManifest, VALUES_FILE, readDigests, readShard } from './shard.js';
import { shardSlice } from '../engine/shard.js';
import {
  EFFECTS_PREFIXED_HEADER,
  LineFile,
  type PointEffect,
  type SensitivityResult,
  type StudyCharts,
  type SweepResult,
  type SweepShardStudy,
  type SensitivityShardStudy,
  pointEffects,
  writeSensitivityFiles,
  writeSweepFiles,
} from './study.js';

export interface MergeInfo extends Pick<RunInfo, 'extraOutputs' | 'wait'> {
  /** The charts of a merged sweep (as `nabolag sweep` writes them), unless no report is wanted. */
  sweepCharts?: StudyCharts<SweepResult>;
  /** The charts of a merged sensitivity analysis. */
  sensitivityCharts?: StudyCharts<SensitivityResult>;
  /** The merge's command line (recorded in manifest.json beside the shards' own). */
  command?: string[];
}

export interface MergeOutput {
  outDir: string;
  files: string[];
  /** The shards, by k. */
  shards: ShardManifest[];
}

interface Loaded {
  folder: string;
  m: ShardManifest;
}

/** The fields every shard of one command must share, with how a message names them. */
const SAME: [keyof ShardManifest, string][] = [
  ['command', 'command'],
  ['version', 'nabolag version'],
  ['n', 'number of shards n'],
  ['baseSeed', 'base seed'],
  ['replications', 'replications'],
  ['scenarioHash', 'scenario'],
  ['optionsHash', 'options'],
];

/** Read the shard folders and check that they are the n shards of one command; UserError otherwise. */
export function checkShards(folders: string[]): Loaded[] {
  if (folders.length === 0) throw new UserError('give the shard folders to merge, e.g. nabolag merge out/shards/* --out out');
  const problems: string[] = [];
  const loaded: Loaded[] = [];
  // a folder that does not exist is a shard that failed or never ran (shards are written whole or not at all)
  const absent = folders.filter((f) => !existsSync(f));
  if (absent.length === folders.length) throw new UserError(`none of the shard folders exists: ${folders.join(', ')}; run the shards first`);
  for (const folder of folders) {
    if (absent.includes(folder)) continue;
    try {
      loaded.push({ folder, m: readShard(folder) });
    } catch (e) {
      if (e instanceof UserError) problems.push(e.message);
      else throw e;
    }
  }
  if (problems.length) throw new UserError(problems.join('\n'));
  const first = loaded[0]!;
  if (absent.length && first.m.n === loaded.length)
    throw new UserError(
      `${absent.join(', ')} ${absent.length > 1 ? 'do' : 'does'} not exist; the other folders hold all ${first.m.n} shards: leave ${absent.length > 1 ? 'them' : 'it'} out`,
    );
  for (const [field, what] of SAME) {
    const other = loaded.find((l) => l.m[field] !== first.m[field]);
    if (other) {
      // a hash says only that they differ: the command lines say how
      const how =
        field === 'scenarioHash' || field === 'optionsHash'
          ? ` (run as: ${first.m.argv?.join(' ') ?? 'not recorded'}; and: ${other.m.argv?.join(' ') ?? 'not recorded'})`
          : '';
      throw new UserError(
        `the shards differ in their ${what}: ${first.folder} has ${show(first.m[field])}, ${other.folder} has ${show(other.m[field])}${how}; merge only the shards of one command run with the same scenario, seed and options`,
      );
    }
  }
  const n = first.m.n;
  const byK = new Map<number, Loaded>();
  for (const l of loaded) {
    const k = l.m.k;
    const twin = byK.get(k);
    if (twin) throw new UserError(`shard ${k}/${n} is given twice: ${twin.folder} and ${l.folder}; give each shard once`);
    byK.set(k, l);
  }
  const missing = Array.from({ length: n }, (_, i) => i + 1).filter((k) => !byK.has(k));
  // each shard holds the items its k of n holds (an edited k would put one slice twice and lose another)
  const { kind, total } = first.m.items;
  for (const l of loaded) {
    const { from, to } = shardSlice(total, { k: l.m.k, n });
    const it = l.m.items;
    if (it.kind !== kind || it.total !== total || it.from !== from || it.to !== to)
      throw new UserError(
        `${join(l.folder, SHARD_FILE)} says it is shard ${l.m.k}/${n} but holds ${it.kind} ${it.from} to ${it.to - 1} of ${it.total}; shard ${l.m.k}/${n} of ${total} ${kind} holds ${from} to ${to - 1}: run that shard again`,
      );
  }
  if (missing.length)
    throw new UserError(
      `${missing.length > 1 ? 'shards' : 'shard'} ${missing.map((k) => `${k}/${n}`).join(', ')} ${missing.length > 1 ? 'are' : 'is'} missing (given: ${loaded.map((l) => `${l.m.k}/${n} in ${l.folder}`).join(', ')}${absent.length ? `; ${absent.join(', ')} ${absent.length > 1 ? 'do' : 'does'} not exist` : ''}); run the missing shards, then merge all ${n}`,
    );
  return [...byK.values()].sort((a, b) => a.m.k - b.m.k);
}

const show = (v: unknown): string => (typeof v === 'string' ? `"${v.length > 20 && v.startsWith('sha256:') ? v.slice(0, 19) + '…' : v}"` : String(v));

/** Merge shard folders into `outDir` (module comment). */
export async function mergeToDirectory(folders: string[], outDir: string, info: MergeInfo = {}): Promise<MergeOutput> {
  const t0 = performance.now();
  const shards = checkShards(folders);
  const out = realPathOf(outDir);
  const inputs = shards.map((s) => realPathOf(s.folder));
  const inside = (child: string, parent: string) => child === parent || child.startsWith(parent.endsWith(sep) ? parent : parent + sep);
  for (const [i, p] of inputs.entries())
    if (inside(out, p))
      throw new UserError(
        `the output folder ${resolvePath(outDir)} is the shard folder ${shards[i]!.folder} or inside it; give another folder, e.g. its parent`,
      );
  const holds = inputs.filter((p) => inside(p, out));
  const write = async (dir: string) => {
    const first = shards[0]!.m;
    const runInfo: RunInfo = {
      command: first.argv ? withoutShard(first.argv) : undefined,
      set: first.set,
      scenarioFile: first.scenarioFiles.length === 1 ? first.scenarioFiles[0] : undefined,
      scenarioFiles: first.scenarioFiles,
      extraOutputs: info.extraOutputs,
      manifestExtra: { merged: { shards: first.n, folders: shards.map((s) => s.folder), command: info.command ?? null } },
    };
    if (first.command === 'run' || first.command === 'compare') {
      const written = mergeTables(dir, shards);
      const ensembles = mergedEnsembles(shards);
      const tw = performance.now();
      if (first.command === 'run') return (await writeRunFiles(dir, ensembles[0]!, written, runInfo, t0, tw)).written;
      return (await writeCompareFiles(dir, ensembles, written, runInfo, t0, tw)).written;
    }
    if (first.command === 'sweep') {
      const written = [concatRows(dir, shards, 'points.csv'), ...mergeTables(dir, shards), 'effects.csv'];
      return (await mergeSweep(dir, shards, written, { ...runInfo, scenarioFile: first.scenarioFiles[0]!, charts: info.sweepCharts }, t0)).written;
    }
    if (first.command === 'sensitivity') {
      const written = [concatRows(dir, shards, 'samples.csv')];
      const study = first.study as SensitivityShardStudy;
      const y: number[][] = study.outcomes.map(() => []);
      for (const s of shards) {
        const v = readValues(s);
        for (const [o, list] of v.entries()) y[o]!.push(...list);
      }
      const r = await writeSensitivityFiles(
        dir,
        { base: study.base, params: study.params, outcomes: study.outcomes, design: study.design },
        y,
        written,
        { ...runInfo, scenarioFile: first.scenarioFiles[0]!, charts: info.sensitivityCharts },
        t0,
        shards.reduce((t, s) => t + s.m.simulateMs, 0),
        Math.max(...shards.map((s) => s.m.workers)),
        study.seeds,
        study.anchors ?? null,
      );
      return r.written;
    }
    throw new UserError(`merging shards of "${first.command}" is not supported by this nabolag`);
  };
  const opts = { wait: info.wait };
  const files = holds.length ? await updateAtomically(outDir, holds, write, opts) : await writeAtomically(outDir, write, opts);
  return { outDir, files, shards: shards.map((s) => s.m) };
}

/** A command line without its --shard and --out options: the unsharded command (its output folder is the merge's). */
export function withoutShard(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--shard' || a === '--out' || a === '-o') {
      i++;
      continue;
    }
    if (a.startsWith('--shard=') || a.startsWith('--out=')) continue;
    out.push(a);
  }
  return out;
}

/** Bytes copied at a time. */
const CHUNK = 1 << 20;

/** Copy `length` bytes from `at` of file `from` to the end of the open file `to`. */
function copyRange(fromPath: string, at: number, length: number, to: number, buf: Buffer): void {
  if (length === 0) return;
  const fd = openSync(fromPath, 'r');
  try {
    let left = length;
    let pos = at;
    while (left > 0) {
      const n = readSync(fd, buf, 0, Math.min(buf.length, left), pos);
      if (n === 0) throw new UserError(`the shard file ${fromPath} is shorter than its shard.json says; run that shard again`);
      for (let w = 0; w < n; ) w += writeSync(to, buf, w, n - w);
      left -= n;
      pos += n;
    }
  } finally {
    closeSync(fd);
  }
}

/** Length of a file's first line with its line break. */
function headerLength(path: string): number {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(64 * 1024);
    const n = readSync(fd, buf, 0, buf.length, 0);
    const nl = buf.subarray(0, n).indexOf(10);
    if (nl < 0) throw new UserError(`the shard file ${path} has no header line; run that shard again`);
    return nl + 1;
  } finally {
    closeSync(fd);
  }
}

/**
 * metrics.csv and moves.csv of the shards joined: the first shard's header, then the rows of
 * each block (scenario, point) in block order, each block's rows shard by shard.
 */
function mergeTables(dir: string, shards: Loaded[]): string[] {
  const layout = shards[0]!.m.tables!;
  const names = layout.moves ? ['metrics.csv', 'moves.csv'] : ['metrics.csv'];
  const buf = Buffer.alloc(CHUNK);
  for (const name of names) {
    const bytesOf = (b: { metricsBytes: number; movesBytes: number }) => (name === 'metrics.csv' ? b.metricsBytes : b.movesBytes);
    // each shard's blocks: where their rows start in its file
    const pieces: { id: number; k: number; path: string; at: number; length: number }[] = [];
    for (const s of shards) {
      const path = join(s.folder, name);
      let at = headerLength(path);
      for (const b of s.m.tables!.blocks) {
        pieces.push({ id: b.id, k: s.m.k, path, at, length: bytesOf(b) });
        at += bytesOf(b);
      }
    }
    pieces.sort((a, b) => a.id - b.id || a.k - b.k);
    const to = openSync(join(dir, name), 'w');
    try {
      const first = join(shards[0]!.folder, name);
      copyRange(first, 0, headerLength(first), to, buf);
      for (const p of pieces) copyRange(p.path, p.at, p.length, to, buf);
    } finally {
      closeSync(to);
    }
  }
  return names;
}

/** The ensembles of a run or comparison, their digests joined in shard order. */
function mergedEnsembles(shards: Loaded[]): Ensemble[] {
  const first = shards[0]!.m;
  const digests: ReplicationDigest[][] = first.ensembles.map(() => []);
  for (const s of shards) {
    if (!existsSync(join(s.folder, 'digests.bin'))) throw new UserError(`the shard folder ${s.folder} has no digests.bin; run that shard again`);
    let id = 0;
    for (const record of readDigests(s.folder)) digests[id++]!.push(...record);
    if (id !== first.ensembles.length)
      throw new UserError(`the shard folder ${s.folder} holds ${id} blocks of digests, not ${first.ensembles.length}; run that shard again`);
  }
  for (const [id, d] of digests.entries())
    if (d.length !== first.replications)
      throw new UserError(`the shards hold ${d.length} replications of block ${id}, not ${first.replications}; run the shards again`);
  return first.ensembles.map((e, id) => ({
    scenario: e.scenario,
    seeds: e.seeds,
    anchors: e.anchors,
    replications: digests[id]!,
    simulateMs: shards.reduce((t, s) => t + (s.m.ensembles[id]?.simulateMs ?? 0), 0),
    workers: Math.max(...shards.map((s) => s.m.ensembles[id]?.workers ?? 1)),
  }));
}

/** A table whose rows the shards hold in order (points.csv, samples.csv): the first shard's header, then every shard's rows. */
function concatRows(dir: string, shards: Loaded[], name: string): string {
  const buf = Buffer.alloc(CHUNK);
  const to = openSync(join(dir, name), 'w');
  try {
    for (const [i, s] of shards.entries()) {
      const path = join(s.folder, name);
      const head = headerLength(path);
      copyRange(path, i === 0 ? 0 : head, statSync(path).size - (i === 0 ? 0 : head), to, buf);
    }
  } finally {
    closeSync(to);
  }
  return name;
}

/** A sweep's effects.csv (each point against point 0, from the shards' digests, a point at a time), summary.json, charts and manifest.json. */
async function mergeSweep(dir: string, shards: Loaded[], written: string[], info: Parameters<typeof writeSweepFiles>[5], t0: number) {
  const first = shards[0]!;
  const study = first.m.study as SweepShardStudy;
  const baseInfo = first.m.ensembles.find((e) => e.id === 0);
  const records = readDigests(first.folder);
  const zero = records.next();
  records.return(undefined);
  if (!baseInfo || zero.done) throw new UserError(`the shard folder ${first.folder} lacks point 0 (the scenario as given); run that shard again`);
  const baseline: Ensemble = { ...baseInfo, replications: zero.value };
  const effects = new LineFile(join(dir, 'effects.csv'), EFFECTS_PREFIXED_HEADER);
  const kept: PointEffect[] = [];
  try {
    for (const s of shards) {
      const st = s.m.study as SweepShardStudy;
      let j = 0;
      for (const record of readDigests(s.folder)) {
        const p = s.m.items.from + j;
        const values = st.values[j]!.map((v) => (v === null ? undefined : v));
        if (p > 0) effects.text(pointEffects(baseline, p, record, values, kept));
        j++;
      }
      if (j !== s.m.items.to - s.m.items.from)
        throw new UserError(`the shard folder ${s.folder} holds ${j} points' digests, not ${s.m.items.to - s.m.items.from}; run that shard again`);
    }
  } finally {
    effects.close();
  }
  const simulateMs = shards.reduce((t, s) => t + s.m.simulateMs, 0);
  const workers = Math.max(...shards.map((s) => s.m.workers));
  return writeSweepFiles(
    dir,
    { base: study.base, paths: study.paths, design: study.design, count: study.count, baseValues: study.baseValues },
    baseline,
    kept,
    written,
    info,
    t0,
    simulateMs,
    workers,
  );
}

/** A sensitivity shard's outcomes, y[outcome][sample] for its sample points, checked against what its shard.json says. */
function readValues(s: Loaded): number[][] {
  const file = join(s.folder, VALUES_FILE);
  let y: unknown;
  try {
    y = (JSON.parse(readFileSync(file, 'utf8')) as { y?: unknown }).y;
  } catch (e) {
    throw new UserError(`${file} cannot be read (${e instanceof Error ? e.message : String(e)}); run that shard again`);
  }
  const count = s.m.items.to - s.m.items.from;
  const outcomes = (s.m.study as SensitivityShardStudy).outcomes.length;
  const special = new Set(['NaN', 'Infinity', '-Infinity']);
  if (
    !Array.isArray(y) ||
    y.length !== outcomes ||
    !y.every((l) => Array.isArray(l) && l.length === count && l.every((v) => typeof v === 'number' || special.has(v as string)))
  )
    throw new UserError(`${file} does not hold ${outcomes} outcome(s) of ${count} sample point(s); run that shard again`);
  // JSON has no NaN nor infinities: the shard wrote them as texts
  return (y as (number | string)[][]).map((l) => l.map(Number));
}
