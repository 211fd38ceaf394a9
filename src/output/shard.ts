/**
 * The shard folder (`--shard k/n`, engine/shard.ts): what a command run on one slice of its
 * work writes, for `nabolag merge` (merge.ts) to join. A shard folder holds
 *
 * - `shard.json`: what the shard is (`ShardManifest`): the command, k and n, the items it holds,
 *   the nabolag version, the base seed and replications, hashes of the resolved scenario(s) and
 *   of the other options that change results, and what merge needs to finish the work;
 * - the command's tables for its items, each with its header line: `metrics.csv` (and
 *   `moves.csv` when the run writes moves) for run, compare and sweep, `points.csv` for a
 *   sweep, `samples.csv` for a sensitivity analysis;
 * - `digests.bin` (run, compare, sweep): the replications' digests (model/digest.ts), from which
 *   merge computes summary.json, effects.csv and the report exactly as one process would;
 *   records of a 4-byte little-endian length and a V8-serialised array of digests, one record
 *   per block of rows (a scenario of a comparison, a point of a sweep), in block order;
 * - `values.json` (sensitivity): the outcomes of its sample points, as exact numbers.
 *
 * No summary.json, report or charts: those need every shard.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, readSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { Anchor } from '../model/anchor.js';
import type { ReplicationDigest } from '../model/digest.js';
import type { Scenario } from '../scenario/schema.js';
import { UserError } from '../scenario/messages.js';
import { VERSION } from '../version.js';
import { SHARD_FILE } from './safety.js';

/** The shard's description (safety.ts keeps its name, so that it knows a shard's files as nabolag's). */
export { SHARD_FILE };
export const DIGESTS_FILE = 'digests.bin';
export const VALUES_FILE = 'values.json';
/** The layout of a shard folder; merge refuses another. */
export const SHARD_FORMAT = 1;

export type ShardCommand = 'run' | 'compare' | 'sweep' | 'sensitivity';

/** Which shard a command runs (`--shard k/n`). */
export interface ShardRequest {
  k: number;
  n: number;
}

/** A block of rows of the tables: the shard's rows of one scenario (compare) or one point (sweep). */
export interface ShardBlock {
  /** The block's place in the whole output: the scenario's index, the point; 0 for a run. */
  id: number;
  /** Its first cell (the scenario's name, the point), or null (a run). */
  label: string | null;
  replications: number;
  /** Bytes of its rows in metrics.csv and moves.csv (0 without moves). */
  metricsBytes: number;
  movesBytes: number;
}

/** What merge needs of an ensemble to write the manifest and the report: all but the digests. */
export interface EnsembleInfo {
  scenario: Scenario;
  seeds: number[];
  simulateMs: number;
  workers: number;
  anchors: Anchor[];
}

export interface ShardManifest {
  tool: 'nabolag';
  shardFormat: number;
  command: ShardCommand;
  k: number;
  n: number;
  /** The items held: indices `from` (0-based) to `to` - 1 of `total`. */
  items: { kind: 'replications' | 'points' | 'samples'; from: number; to: number; total: number };
  version: string;
  node: string;
  baseSeed: number;
  replications: number;
  /** sha256 of the resolved scenario(s) as run. */
  scenarioHash: string;
  /** sha256 of the other options that change results (a study's design, parameters, outcomes, moves). */
  optionsHash: string;
  /** The command line, without the program. */
  argv: string[] | null;
  /** The `--set` options as typed (RunInfo.set), for the merged report; absent in shards of earlier versions and of studies. */
  set?: string[];
  scenarioFiles: string[];
  /** Files of the shard folder besides shard.json. */
  files: string[];
  /** sha256 of each of `files` as the shard wrote it (merge refuses a file changed or damaged since); absent in shards before 0.2.18. */
  sums?: Record<string, string>;
  /** The layout of metrics.csv and moves.csv (none for a sensitivity analysis). */
  tables: { column: string | null; moves: boolean; schelling: boolean; blocks: ShardBlock[] } | null;
  /** The ensembles whose digests are in digests.bin (for a sweep: only point 0's, in the shard holding it), by block id. */
  ensembles: (EnsembleInfo & { id: number })[];
  /** Time spent simulating (milliseconds, all ensembles) and worker threads. */
  simulateMs: number;
  workers: number;
  /** What merge needs to finish a sweep or a sensitivity analysis (output/study.ts). */
  study?: unknown;
}

/** sha256 of a value's JSON text. */
export const hashOf = (v: unknown): string => `sha256:${createHash('sha256').update(JSON.stringify(v)).digest('hex')}`;

/** The fields of shard.json every shard of a command shares, given what differs. */
export function shardManifest(
  m: Omit<ShardManifest, 'tool' | 'shardFormat' | 'version' | 'node' | 'scenarioHash' | 'optionsHash'>,
  scenarios: Scenario[],
  options: unknown,
): ShardManifest {
  return {
    tool: 'nabolag',
    shardFormat: SHARD_FORMAT,
    command: m.command,
    k: m.k,
    n: m.n,
    items: m.items,
    version: VERSION,
    node: process.version,
    baseSeed: m.baseSeed,
    replications: m.replications,
    scenarioHash: hashOf(scenarios),
    optionsHash: hashOf(options ?? null),
    argv: m.argv,
    ...(m.set?.length ? { set: m.set } : {}),
    scenarioFiles: m.scenarioFiles,
    files: m.files,
    tables: m.tables,
    ensembles: m.ensembles,
    simulateMs: Math.round(m.simulateMs),
    workers: m.workers,
    ...(m.study !== undefined ? { study: m.study } : {}),
  };
}

/** Write shard.json, with the sums of the shard's files (written and closed before it). */
export function writeShardManifest(dir: string, m: ShardManifest): void {
  const sums = Object.fromEntries(m.files.map((f) => [f, fileSum(join(dir, f))]));
  writeFileSync(join(dir, SHARD_FILE), JSON.stringify({ ...m, sums }, null, 1) + '\n');
}

/** sha256 of a file's bytes, read a piece at a time (a shard's moves.csv may be larger than memory). */
export function fileSum(path: string): string {
  const h = createHash('sha256');
  const buf = Buffer.alloc(1 << 20);
  const fd = openSync(path, 'r');
  try {
    for (let n = readSync(fd, buf, 0, buf.length, null); n > 0; n = readSync(fd, buf, 0, buf.length, null)) h.update(buf.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return `sha256:${h.digest('hex')}`;
}

/** Appends records of digests to digests.bin (module comment). */
export class DigestWriter {
  private fd: number;
  constructor(dir: string) {
    this.fd = openSync(join(dir, DIGESTS_FILE), 'w');
  }
  write(digests: ReplicationDigest[]): void {
    const body = serialize(digests);
    if (body.length >= 2 ** 32) throw new Error('internal error: a block of digests is larger than 4 GB');
    const head = Buffer.alloc(4);
    head.writeUInt32LE(body.length, 0);
    for (const b of [head, body]) for (let at = 0; at < b.length; ) at += writeSync(this.fd, b, at, b.length - at);
  }
  close(): void {
    closeSync(this.fd);
  }
}

/** The records of a shard's digests.bin, one at a time (a record is read when asked for). */
export function* readDigests(dir: string): Generator<ReplicationDigest[]> {
  const path = join(dir, DIGESTS_FILE);
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(4);
    for (;;) {
      const got = readFully(fd, head);
      if (got === 0) return;
      if (got < 4) throw new UserError(`the shard file ${path} is cut short; run that shard again`);
      const body = Buffer.alloc(head.readUInt32LE(0));
      if (readFully(fd, body) < body.length) throw new UserError(`the shard file ${path} is cut short; run that shard again`);
      let record: ReplicationDigest[];
      try {
        record = deserialize(body) as ReplicationDigest[];
      } catch (e) {
        throw new UserError(
          `the shard file ${path} cannot be read by this Node.js (${process.version}): ${e instanceof Error ? e.message : String(e)}; it was damaged, or written by another Node.js: run that shard again, the shards and the merge with one Node.js version`,
        );
      }
      yield record;
    }
  } finally {
    closeSync(fd);
  }
}

function readFully(fd: number, b: Buffer): number {
  let at = 0;
  while (at < b.length) {
    const n = readSync(fd, b, at, b.length - at, null);
    if (n === 0) break;
    at += n;
  }
  return at;
}

/** A shard folder's shard.json, read and checked for the fields merge relies on; a UserError naming the folder otherwise. */
export function readShard(folder: string): ShardManifest {
  const file = join(folder, SHARD_FILE);
  if (!existsSync(file)) throw new UserError(`${folder} is not a shard folder: it has no ${SHARD_FILE} (write shards with --shard k/n)`);
  let m: Partial<ShardManifest>;
  try {
    m = JSON.parse(readFileSync(file, 'utf8')) as Partial<ShardManifest>;
  } catch (e) {
    throw new UserError(`${file} cannot be read as JSON (${e instanceof Error ? e.message : String(e)}); run that shard again`);
  }
  const whole = (v: unknown) => typeof v === 'number' && Number.isInteger(v);
  if (
    m.tool !== 'nabolag' ||
    !whole(m.k) ||
    !whole(m.n) ||
    !m.items ||
    typeof m.command !== 'string' ||
    typeof m.version !== 'string' ||
    !Array.isArray(m.files) ||
    !Array.isArray(m.ensembles) ||
    !whole(m.items.from) ||
    !whole(m.items.to) ||
    !whole(m.items.total) ||
    !(m.items.from >= 0 && m.items.from <= m.items.to && m.items.to <= m.items.total) ||
    // the tables' layout: none only for a sensitivity analysis (it writes no metrics.csv)
    !(m.tables === null
      ? m.command === 'sensitivity'
      : typeof m.tables === 'object' && m.tables !== undefined && Array.isArray(m.tables.blocks) && typeof m.tables.moves === 'boolean')
  )
    throw new UserError(`${file} is not a nabolag shard description (fields tool, command, k, n, items, version, files, tables missing or wrong)`);
  if (m.n! < 1 || m.k! < 1 || m.k! > m.n!) throw new UserError(`${file} says it is shard ${m.k}/${m.n}; a shard k/n has k from 1 to n`);
  if (m.shardFormat !== SHARD_FORMAT)
    throw new UserError(
      `${file} has shard format ${String(m.shardFormat)}, this nabolag (${VERSION}) merges format ${SHARD_FORMAT}; run the shards with one version`,
    );
  for (const f of m.files)
    if (!existsSync(join(folder, f))) throw new UserError(`the shard folder ${folder} lacks ${f}, which its ${SHARD_FILE} lists; run that shard again`);
  // each file as the shard wrote it: an edit or damage since would merge silently into wrong results
  if (m.sums !== undefined)
    for (const f of m.files)
      if (fileSum(join(folder, f)) !== m.sums[f])
        throw new UserError(
          `the shard file ${join(folder, f)} is not as its shard wrote it (its sha256 differs from the one ${SHARD_FILE} records): it was changed or damaged since; run that shard again`,
        );
  return m as ShardManifest;
}
