/**
 * Which output folders nabolag may write, replace or remove. The rule is the one trusted tools
 * keep: never destroy what you did not create. A folder is nabolag's when it holds the marker
 * file `MARKER` that every run writes beside `manifest.json` (or, for results written before the
 * marker existed, when its `manifest.json` names nabolag and it holds nothing but the files that
 * manifest lists). Everything else a user names with `--out` (or that a scenario's name leads
 * to) is classified here before anything is written, and refused when replacing it could lose
 * something:
 *
 * - an empty path;
 * - the root of the file system, the home folder, the current folder or one of its ancestors;
 * - a folder holding one of the scenario files of the run (or an ancestor of one);
 * - a mount point;
 * - a symbolic link (the user may not know where it points);
 * - an existing file, device or other non-folder;
 * - a folder with anything in it and no marker;
 * - when the folder is to be replaced whole (`OutputContext.replace`), a folder with the marker
 *   that holds files nabolag did not write (`unlistedEntries`: a user's notes saved beside a
 *   result, or in a cluster run's folder before its merge): replacing it would delete them.
 *
 * An empty folder, a folder that does not exist yet, and a folder nabolag wrote are accepted;
 * so is a folder holding nothing but the shard folders a merge writes beside (`holds`).
 * This module only reads the file system (stat, realpath, readdir).
 */
import { createHash } from 'node:crypto';
import { type Dirent, type Stats, accessSync, constants, lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, extname, isAbsolute, join, parse, relative, resolve, sep } from 'node:path';
import { safeName } from '../scenario/parse.js';

/** Longest name (in bytes) of an output folder: its partial folder's name is about 30 bytes longer, within the 255 of common file systems. */
export const MAX_OUTPUT_NAME_BYTES = 200;

/** The marker file that makes a folder nabolag's own. */
export const MARKER = '.nabolag-output';

/** What the marker says to a person who opens it. */
export const MARKER_TEXT =
  'This folder was written by nabolag. nabolag replaces it when a run is given this folder as its output\n' +
  'folder, unless it holds files that nabolag did not write (files its manifest.json does not list, other\n' +
  "than a cluster run's scripts, logs and shard folders) or files it wrote that were changed since (the\n" +
  'record below), and leaves alone any folder without this file. Delete this file to keep nabolag from\n' +
  'ever replacing the folder.\n';

/** What the classification needs to know besides the path. */
export interface OutputContext {
  /** The working folder that relative paths are read from (absolute). */
  cwd: string;
  /** The user's home folder (absolute). */
  home: string;
  /** The scenario files of the run, as given (relative to `cwd` or absolute). */
  scenarioFiles: readonly string[];
  /**
   * Folders inside the output folder that its writer keeps as they are (the shard folders a
   * merge reads, written into their parent: atomic.ts `updateAtomically`), absolute. A folder
   * without the marker is then accepted when it holds nothing but these and folders leading to them.
   */
  holds?: readonly string[];
  /**
   * The folder will be replaced whole (atomic.ts `writeAtomically`): an existing folder of
   * nabolag's is then refused when it holds files its manifest does not list (`unlistedEntries`).
   */
  replace?: boolean;
}

export type OutputVerdict =
  /** May be written: `path` is absolute with every existing folder in it resolved; `exists` says whether there is something to replace. */
  | { ok: true; path: string; exists: boolean }
  /** Must not be touched: `why` completes the sentence "the output folder <path> …". */
  | { ok: false; path: string; why: string };

/** The real path of `p`: the longest existing prefix resolved (symbolic links followed), the rest appended. */
export function realPathOf(p: string): string {
  const abs = resolve(p);
  const rest: string[] = [];
  let at = abs;
  for (;;) {
    try {
      const real = realpathSync(at);
      return rest.length ? join(real, ...rest.reverse()) : real;
    } catch {
      const up = dirname(at);
      if (up === at) return abs;
      rest.push(basename(at));
      at = up;
    }
  }
}

const within = (child: string, parent: string): boolean => child === parent || child.startsWith(parent.endsWith(sep) ? parent : parent + sep);

/** Whether a folder is nabolag's own (module comment); `false` also when it cannot be read. */
export function isNabolagFolder(dir: string): boolean {
  // without the marker, maybe a result of a version before the marker
  return hasMarker(dir) || isLegacyResult(dir);
}

/**
 * A shard's description (written by output/shard.ts, last, so its presence means the shard is
 * complete): a shard's folder has it in place of `manifest.json`, with the same `tool` and `files`.
 */
export const SHARD_FILE = 'shard.json';

/**
 * A folder's `manifest.json` (or `name`) as written by nabolag: its parsed fields when the file
 * reads as a JSON object whose `tool` is "nabolag"; undefined otherwise (no file, unreadable, not
 * JSON, another tool's).
 */
export function readManifest(dir: string, name = 'manifest.json'): Record<string, unknown> | undefined {
  try {
    const m = JSON.parse(readFileSync(join(dir, name), 'utf8')) as unknown;
    return m !== null && typeof m === 'object' && !Array.isArray(m) && (m as { tool?: unknown }).tool === 'nabolag'
      ? (m as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** The `files` a folder's `manifest.json` (or `name`) lists, when it is nabolag's with such a list; undefined otherwise. */
export function manifestFiles(dir: string, name = 'manifest.json'): unknown[] | undefined {
  const files = readManifest(dir, name)?.files;
  return Array.isArray(files) ? files : undefined;
}

/** The last version whose results had no marker (0.2.8 was the first to write it). */
export const LAST_VERSION_WITHOUT_MARKER = '0.2.7';

/** Whether version `a` (major.minor.patch) comes after `b`. */
const laterVersion = (a: string, b: string): boolean => {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) > (pb[i] ?? 0);
  return false;
};

/**
 * The version of the nabolag that wrote a folder's `manifest.json`, when it names nabolag; undefined
 * otherwise (no manifest, another tool, no version).
 */
export function manifestVersion(dir: string): string | undefined {
  const version = readManifest(dir)?.version;
  return typeof version === 'string' && /^\d+\.\d+\.\d+/.test(version) ? version : undefined;
}

/**
 * A result written before the marker existed (by LAST_VERSION_WITHOUT_MARKER or earlier):
 * `manifest.json` names nabolag as its tool and that version, lists its files, and the folder
 * holds those files and nothing else. A later result without the marker had it deleted (to
 * protect the result, as the marker's text says) or is a copy made without it: never one to replace.
 */
function isLegacyResult(dir: string): boolean {
  const version = manifestVersion(dir);
  if (version === undefined || laterVersion(version, LAST_VERSION_WITHOUT_MARKER)) return false;
  const files = manifestFiles(dir);
  if (!files?.every((f) => typeof f === 'string')) return false;
  const listed = new Set<string>([...(files as string[]), 'manifest.json']);
  const listedUnder = (folder: string) => [...listed].some((f) => f.startsWith(folder + '/'));
  try {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isFile() && listed.has(e.name)) continue;
      if (e.isDirectory() && listedUnder(e.name)) {
        for (const inner of readdirSync(join(dir, e.name), { withFileTypes: true }))
          if (!inner.isFile() || !listed.has(`${e.name}/${inner.name}`)) return false;
        continue;
      }
      return false;
    }
  } catch {
    return false;
  }
  return true;
}

/** Most unlisted entries `unlistedEntries` names. */
export const UNLISTED_SHOWN = 5;

/**
 * The layout of a cluster run's folder (cli/submit.ts writes it, Slurm fills it): the job scripts,
 * the submission record and the logs in `slurm/`, one shard folder per task in `shards/`.
 */
export const SLURM_DIR = 'slurm';
export const SHARDS_DIR = 'shards';
export const SUBMISSION_FILE = 'submission.json';
export const ARRAY_SCRIPT = 'array.sbatch';
export const MERGE_SCRIPT = 'merge.sbatch';
/** The logs' names as the job scripts give them to Slurm (`%A_%a`: array job and task, `%j`: job). */
export const TASK_LOG = 'task-%A_%a.out';
export const MERGE_LOG = 'merge-%j.out';

/**
 * Files nabolag writes, or asks Slurm to write, outside any manifest's list (paths relative to
 * the output folder): a cluster run's scripts, submission record and logs (the names its job
 * scripts give them), and the lock file a run keeps beside the folder it writes (`.<name>.nabolag-lock`,
 * found inside a folder when the folder holds the shard folders being written).
 */
const LAYOUT_FILES: readonly RegExp[] = [
  new RegExp(
    `^${SLURM_DIR}/(${[SUBMISSION_FILE, ARRAY_SCRIPT, MERGE_SCRIPT, TASK_LOG, MERGE_LOG]
      .map((f) => f.replace(/\./g, '\\.').replace(/%[Aaj]/g, '\\d+'))
      .join('|')})$`,
  ),
  /(^|\/)\.[^/]+\.nabolag-lock$/,
];

/**
 * Files (and other non-folders) in a folder of nabolag's that nabolag did not write, as paths
 * relative to the folder, at most `limit` of them: what a user put there (notes saved beside a
 * result, an edited copy of a chart). nabolag's own are
 *
 * - the marker, `manifest.json` and the files that manifest lists, and in a shard's folder its
 *   `shard.json` and the files that lists (none when there is neither: a cluster run's folder
 *   before its merge);
 * - the cluster run's scripts and logs and the lock files (`LAYOUT_FILES`);
 * - everything in a folder inside that holds the marker itself (a shard's folder, a partial folder
 *   being written), judged by the same rule against that folder's own manifest.
 *
 * A file of nabolag's that was changed after nabolag wrote it (its size or time of last change
 * differs from the marker's record, `writtenRecord`) is named too, with CHANGED_SUFFIX: an edit
 * made in place is the user's. A folder is judged by the files in it: empty folders are not named.
 */
export function unlistedEntries(dir: string, limit = UNLISTED_SHOWN): string[] {
  const out: string[] = [];
  collectUnlisted(dir, '', out, limit);
  return out;
}

/** What a name in `unlistedEntries` ends with for a folder nabolag cannot read. */
export const UNREADABLE_SUFFIX = '(cannot be read)';

/** What a name in `unlistedEntries` ends with when nabolag wrote the file but it was changed since. */
export const CHANGED_SUFFIX = ' (changed since nabolag wrote it)';

/** The line in the marker that the record of written files follows (`writtenRecord`). */
const WRITTEN_HEADER = 'Files as nabolag wrote them (bytes, last modified in ms since 1970, path):';

/**
 * The record of the files in a folder nabolag has just written (every file below `dir` except the
 * marker and names starting with `.nabolag-`), appended to its marker before the folder is put in
 * place: their sizes and times of last change, which renames keep. A later run that would replace
 * the folder compares them (`collectUnlisted`): a file edited in place (a note added to
 * summary.json, a changed chart) is then the user's work, not nabolag's.
 */
export function writtenRecord(dir: string): string {
  const lines: string[] = [];
  const walk = (rel: string): void => {
    for (const e of readdirSync(rel ? join(dir, rel) : dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && p !== MARKER && !e.name.startsWith('.nabolag-')) {
        const st = statSync(join(dir, p));
        lines.push(`${st.size}\t${st.mtimeMs}\t${p}`);
      }
    }
  };
  walk('');
  return `\n${WRITTEN_HEADER}\n${lines.join('\n')}\n`;
}

/** The record of written files in a folder's marker (`writtenRecord`): path to size and time; empty when there is none. */
function readWritten(dir: string): Map<string, { size: number; mtimeMs: number }> {
  const out = new Map<string, { size: number; mtimeMs: number }>();
  let text: string;
  try {
    text = readFileSync(join(dir, MARKER), 'utf8');
  } catch {
    return out;
  }
  const at = text.indexOf(WRITTEN_HEADER);
  if (at < 0) return out;
  for (const line of text.slice(at + WRITTEN_HEADER.length).split('\n')) {
    const m = /^(\d+)\t([0-9.e+]+)\t(.+)$/.exec(line);
    if (m) out.set(m[3]!, { size: Number(m[1]), mtimeMs: Number(m[2]) });
  }
  return out;
}

/** Whether a file nabolag recorded (`readWritten`) has another size or time of last change now. */
function changedSince(path: string, rec: { size: number; mtimeMs: number }): boolean {
  try {
    const st = statSync(path);
    return st.size !== rec.size || st.mtimeMs !== rec.mtimeMs;
  } catch {
    return false;
  }
}

/** `unlistedEntries` for the nabolag folder `dir`, its entries named with `prefix` before them. */
function collectUnlisted(dir: string, prefix: string, out: string[], limit: number): void {
  const written = readWritten(dir);
  const files = [...(manifestFiles(dir) ?? []), ...(manifestFiles(dir, SHARD_FILE) ?? [])];
  const listed = new Set<string>([MARKER, 'manifest.json', SHARD_FILE, ...files.filter((f): f is string => typeof f === 'string')]);
  const listedUnder = (rel: string) => [...listed].some((f) => f.startsWith(`${rel}/`));
  const walk = (rel: string): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(rel ? join(dir, rel) : dir, { withFileTypes: true });
    } catch {
      // a folder nabolag cannot read may hold anything: replacing it could lose what it holds
      if (rel) out.push(`${prefix}${rel}/${UNREADABLE_SUFFIX}`);
      return;
    }
    // an empty folder a user made (nabolag writes none; a cluster run's layout folders excepted)
    if (rel && entries.length === 0 && !listedUnder(rel) && rel !== SLURM_DIR && rel !== SHARDS_DIR && !rel.startsWith(`${SHARDS_DIR}/`))
      out.push(`${prefix}${rel}/`);
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (out.length >= limit) return;
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (hasMarker(join(dir, p))) collectUnlisted(join(dir, p), `${prefix}${p}/`, out, limit);
        else walk(p);
      } else if (!listed.has(p) && !LAYOUT_FILES.some((re) => re.test(p))) out.push(prefix + p);
      else if (written.has(p) && changedSince(join(dir, p), written.get(p)!)) out.push(prefix + p + CHANGED_SUFFIX);
    }
  };
  walk('');
}

/** Whether folder `dir` holds the marker file. */
function hasMarker(dir: string): boolean {
  try {
    return lstatSync(join(dir, MARKER)).isFile();
  } catch {
    return false;
  }
}

/** What kind of thing a non-folder is, for a message. */
function kindOf(st: Stats): string {
  if (st.isFile()) return 'a file';
  if (st.isFIFO()) return 'a named pipe';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  return 'not a folder';
}

/** A control character (C0, or DEL) anywhere in a path. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: it is what is looked for
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

/** Classify an output folder before anything is written (module comment). */
export function classifyOutput(out: string, ctx: OutputContext): OutputVerdict {
  if (out.trim() === '') return { ok: false, path: out, why: 'is empty; give a folder name, e.g. --out results/my-run' };
  // a newline or another control character (a paste gone wrong): a folder so named is legal but
  // hard to see, name or remove, and it would split the messages that name it
  if (CONTROL_CHARACTER.test(out))
    return {
      ok: false,
      path: JSON.stringify(out),
      why: 'has a control character (a newline, tab, ...) in its name; give a name without one, e.g. --out results/my-run',
    };
  const abs = resolve(ctx.cwd, out);
  const path = realPathOf(abs);
  const refuse = (why: string): OutputVerdict => ({ ok: false, path, why });
  // the partial folder beside it is named `.<name>.partial-<pid>-<id>`: about 30 bytes more, within the 255 a name may have
  const nameBytes = Buffer.byteLength(basename(abs));
  if (nameBytes > MAX_OUTPUT_NAME_BYTES)
    return refuse(
      `has a name of ${nameBytes} bytes; give one of at most ${MAX_OUTPUT_NAME_BYTES} (nabolag writes beside it a partial folder whose name is about 30 bytes longer, and a name may have 255)`,
    );

  let link = false;
  try {
    link = lstatSync(abs).isSymbolicLink();
  } catch {
    // does not exist (or cannot be read: found below)
  }
  // named as given: the link, not the folder it points to
  if (link) return { ok: false, path: abs, why: `is a symbolic link (to ${path}); give the folder itself` };
  if (parse(path).root === path) return refuse('is the root of the file system');
  const home = realPathOf(ctx.home);
  if (path === home) return refuse('is your home folder');
  const cwd = realPathOf(ctx.cwd);
  if (path === cwd) return refuse('is the current folder');
  if (within(cwd, path)) return refuse('contains the current folder');
  for (const f of ctx.scenarioFiles) {
    const real = realPathOf(isAbsolute(f) ? f : join(ctx.cwd, f));
    if (within(dirname(real), path))
      return refuse(`holds the scenario file ${f}; give a folder of its own for the results, e.g. --out output/${basename(f, extname(f)) || 'run'}`);
  }

  let st: Stats;
  try {
    st = statSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: true, path, exists: false };
    if (code === 'ENOTDIR') return refuse('is inside something that is not a folder');
    return refuse(`cannot be examined (${code ?? String(e)})`);
  }
  if (!st.isDirectory()) return refuse(`is ${kindOf(st)}, not a folder; nabolag writes a folder of results`);
  try {
    const up = statSync(dirname(path));
    if (up.dev !== st.dev || up.ino === st.ino) return refuse('is a mount point');
  } catch {
    // the parent cannot be examined: the write will say so
  }
  let entries: string[];
  try {
    entries = readdirSync(path);
  } catch (e) {
    return refuse(`cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  if (entries.length === 0) return { ok: true, path, exists: true };
  const held = (ctx.holds ?? []).map((h) => realPathOf(h));
  if (held.length && entries.every((e) => held.some((h) => within(h, join(path, e))))) return { ok: true, path, exists: true };
  if (!isNabolagFolder(path))
    return refuse(
      manifestVersion(path) !== undefined
        ? `holds a nabolag result without its ${MARKER} marker (deleted to protect the result, or a copy made without it), which nabolag does not replace; give a new or empty folder`
        : `already holds files that nabolag did not write (it has no ${MARKER} marker); give a new or empty folder`,
    );
  if (held.length) {
    // a merge beside its shards replaces the earlier merged result's files: not if one was edited
    const lost = updateLosses(path, listedTops(path));
    if (lost.length) return refuse(unlistedWhy(lost.slice(0, UNLISTED_SHOWN)));
  }
  if (ctx.replace) {
    const foreign = unlistedEntries(path);
    if (foreign.length) return refuse(unlistedWhy(foreign));
    const stuck = unremovable(path);
    if (stuck)
      return refuse(
        `cannot be replaced: ${stuck} cannot be removed (a read-only or unreadable folder, or a file marked immutable), so the earlier result could not be set aside whole; make it writable or give another folder`,
      );
  }
  return { ok: true, path, exists: true };
}

/**
 * The first thing under folder `dir` (itself included) that removing the folder would fail on:
 * a folder that cannot be read, written or entered, or a file whose write is refused with EPERM
 * (immutable or append-only: neither can be unlinked); undefined when all of it can be removed.
 * Root passes the permission checks (as it removes such folders), not the immutable flag.
 */
export function unremovable(dir: string): string | undefined {
  try {
    accessSync(dir, constants.R_OK | constants.W_OK | constants.X_OK);
  } catch {
    return dir;
  }
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return dir;
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      const inner = unremovable(p);
      if (inner) return inner;
    } else if (e.isFile()) {
      try {
        accessSync(p, constants.W_OK);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EPERM') return p;
      }
    }
  }
  return undefined;
}

/**
 * What moving a new result into the nabolag folder `dir`, beside what else it holds (a merge
 * into the folder of its shards, atomic.ts `updateAtomically`), would destroy that is not
 * nabolag's as nabolag wrote it: the entries of `unlistedEntries` under a top-level name the new
 * result replaces or the earlier one's manifest lists (`replaced`): a file of nabolag's edited
 * in place, a user's file of the same name, a user's file inside a folder replaced whole
 * (`charts/`). A user's files under other names are kept, and not named.
 */
export function updateLosses(dir: string, replaced: ReadonlySet<string>): string[] {
  return unlistedEntries(dir, Number.POSITIVE_INFINITY).filter((e) => replaced.has(e.split('/')[0]!.replace(CHANGED_SUFFIX, '')));
}

/** The top-level names of the files a nabolag folder's manifest lists (what a new result there replaces or removes). */
export function listedTops(dir: string): Set<string> {
  return new Set((manifestFiles(dir) ?? []).filter((f): f is string => typeof f === 'string').map((f) => f.split('/')[0]!));
}

/** Why a folder with unlisted files (`unlistedEntries`) is not replaced, completing "the output folder <path> …". */
export const unlistedWhy = (foreign: readonly string[]): string => {
  const edited = foreign.some((f) => f.endsWith(CHANGED_SUFFIX));
  const one = foreign.length === 1;
  const what = `${one ? 'a file' : 'files'} that nabolag did not write${edited ? ` or that ${one ? 'was' : 'were'} changed since it wrote ${one ? 'it' : 'them'}` : ''}`;
  return `holds ${what} (${foreign.join(', ')}${foreign.length >= UNLISTED_SHOWN ? ', …' : ''}), which replacing it would delete; move ${foreign.length === 1 ? 'it' : 'them'} elsewhere or give another folder`;
};

/**
 * The default output folder of a scenario file: `output/` and the file's path without its
 * extension, the folders joined with `-` (a leading `scenarios/` dropped), so that
 * `scenarios/default.yaml` writes `output/default` and `scenarios/levers/extension.yaml` and
 * `scenarios/packages/extension.yaml` write `output/levers-extension` and
 * `output/packages-extension`. A file outside the working folder gives its folder's name and its
 * own (`../B/base.yaml` writes `output/B-base`, not the `output/base` of `./base.yaml`).
 * Each part is made safe as a scenario name is (`safeName`: `Ølstykke gård.yaml` writes
 * `output/Oelstykke-gaard`). The name never starts with a dot and is never empty.
 */
export function defaultOutputName(file: string, cwd: string): string {
  const abs = resolve(cwd, file);
  const rel = relative(cwd, abs);
  const inside = rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
  const noExt = (p: string) => p.slice(0, p.length - extname(p).length);
  // outside the working folder: its folder's name and its own, so that ../B/base.yaml does not
  // write over the output/base of ./base.yaml
  const outside = [basename(dirname(abs)), noExt(basename(abs))].join('/');
  let parts = (inside ? noExt(rel) : outside).split(/[\\/]+/).filter((s) => s !== '');
  if (parts.length > 1 && parts[0] === 'scenarios') parts = parts.slice(1);
  // each part as a scenario name is made (safeName: Danish letters written out, no accents), so
  // that a file's folder and its scenario's default name agree
  return parts.length ? parts.map(safeName).join('-') : 'scenario';
}

/** Longest default compare folder name before it is cut and given a hash of the whole. */
export const COMPARE_NAME_MAX = 120;

/**
 * The default folder of a comparison: `compare-<baseline>-vs-<variant>…`; a name longer than
 * COMPARE_NAME_MAX is cut and ends in 8 hex digits of the whole name's SHA-256, so that two
 * comparisons whose names share the first characters get different folders (cut alone, the
 * second replaced the first's results).
 */
export function compareFolderName(names: readonly string[]): string {
  const whole = `compare-${names.join('-vs-')}`;
  if (whole.length <= COMPARE_NAME_MAX) return whole;
  return `${whole.slice(0, COMPARE_NAME_MAX - 9)}-${createHash('sha256').update(whole).digest('hex').slice(0, 8)}`;
}
