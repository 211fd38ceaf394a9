/**
 * Writing an output folder safely. In order:
 *
 * 1. The folder is classified (safety.ts): anything nabolag did not write is refused before any
 *    work starts, with a `UserError` naming the path and why.
 * 2. A lock file beside it (`.<name>.nabolag-lock`, holding the process id and host) keeps two runs
 *    from writing the same folder: a second run is refused at once ("in use by process N"), or
 *    waits with `wait: true`. A lock left by a process that no longer exists on this host is
 *    taken over.
 * 3. Partial folders that killed runs left in the same parent (their owner process gone) are
 *    removed.
 * 4. Everything is written into a new partial folder beside the old result
 *    (`.<name>.partial-<pid>-<id>`), which holds the marker from the start.
 * 5. Only when everything is written is the new folder swapped in: the old result is renamed
 *    aside, the new one renamed into place, the old one removed. Until then the old result is
 *    whole; a failure before the swap leaves it as it was.
 *
 * On failure, Ctrl-C (SIGINT) or SIGTERM the partial folder and the lock are removed and the old
 * result stays; a signal ends the process with 130 (SIGINT) or 143 (SIGTERM). Errors of the
 * environment (a read-only or full disk, no permission) become `UserError`s naming the path and
 * the cause, not internal errors.
 */
import {
  appendFileSync,
  closeSync,
  existsSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmdirSync,
  rmSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { hostname, homedir } from 'node:os';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { UserError } from '../scenario/messages.js';
import {
  MARKER,
  MARKER_TEXT,
  UNLISTED_SHOWN,
  classifyOutput,
  isNabolagFolder,
  listedTops,
  manifestFiles,
  realPathOf,
  unlistedEntries,
  unlistedWhy,
  updateLosses,
  writtenRecord,
} from './safety.js';

/** Inside a partial folder: which process writes it (JSON `{ pid, host }`), removed before the swap. */
export const OWNER_FILE = '.nabolag-owner';

export interface AtomicOptions {
  /** The scenario files of the run (a folder holding one is refused). */
  scenarioFiles?: readonly string[];
  /** Wait for another run writing the same folder to finish instead of refusing at once. */
  wait?: boolean;
  /** Working folder for relative paths and the "current folder" rule (default: `process.cwd()`). */
  cwd?: string;
  /** Home folder for the "home folder" rule (default: `os.homedir()`). */
  home?: string;
}

/** How long a waiting run sleeps between looks at the lock, milliseconds. */
const LOCK_POLL_MS = 200;
/** File-system error codes that are the environment's, not nabolag's: reported as user errors. */
const ENVIRONMENT_CODES: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is exceeded',
  EBUSY: 'the folder is busy (in use by another program, or a mount point)',
  ENOTDIR: 'a part of the path is a file, not a folder',
  ENAMETOOLONG: 'the name is too long',
  EMFILE: 'too many open files',
  EIO: 'an input/output error of the device',
  EXDEV: 'the folder is on another device than its parent',
  ENOTEMPTY: 'the folder changed while nabolag was replacing it',
  EEXIST: 'something was created in its place meanwhile',
  ELOOP: 'a symbolic link loop',
};

/** An error of the environment turned into a `UserError` naming the path and the cause; others unchanged. */
export function environmentError(e: unknown, fallbackPath: string): unknown {
  const err = e as NodeJS.ErrnoException;
  const cause = err && typeof err.code === 'string' ? ENVIRONMENT_CODES[err.code] : undefined;
  if (!cause) return e;
  return new UserError(`cannot write ${err.path ?? fallbackPath}: ${cause} (${err.code}); nothing was changed in the output folder`);
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

interface Owner {
  pid: number;
  host: string;
}

const readOwner = (file: string): Owner | null => {
  try {
    const o = JSON.parse(readFileSync(file, 'utf8')) as Partial<Owner>;
    return typeof o.pid === 'number' && typeof o.host === 'string' ? { pid: o.pid, host: o.host } : null;
  } catch {
    return null;
  }
};

/** An owner known to be gone: same host, and no such process. Owners on other hosts are never judged gone. */
const gone = (o: Owner | null): boolean => o !== null && o.host === hostname() && !alive(o.pid);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The lock file beside the output folder `path` that a run writing it keeps (`lock`). */
const lockFileOf = (path: string): string => join(dirname(path), `.${basename(path)}.nabolag-lock`);

/** Take the lock of output folder `path`; returns the function that releases it. */
async function lock(path: string, wait: boolean): Promise<() => void> {
  const file = lockFileOf(path);
  const me = JSON.stringify({ pid: process.pid, host: hostname(), started: new Date().toISOString() });
  for (;;) {
    try {
      const fd = openSync(file, 'wx');
      try {
        writeSync(fd, me + '\n');
      } finally {
        closeSync(fd);
      }
      return () => {
        try {
          if (readFileSync(file, 'utf8').trim() === me) unlinkSync(file);
        } catch {
          // already gone
        }
      };
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // the folder exists (the path was classified) but no file can be made in it: a virtual file
      // system such as /proc (the environment's other errors are named by the caller)
      if (code === 'ENOENT')
        throw new UserError(
          `cannot write to ${dirname(path)}, where the output folder ${path} would be (no file can be made there: ${file}); choose another --out. Nothing was written`,
        );
      if (code !== 'EEXIST') throw e;
    }
    const holder = readOwner(file);
    if (gone(holder)) {
      rmSync(file, { force: true });
      continue;
    }
    if (!wait) {
      const who = holder ? `process ${holder.pid}${holder.host === hostname() ? '' : ` on ${holder.host}`}` : 'another nabolag run';
      throw new UserError(
        `the output folder ${path} is in use by ${who}, which is writing to it; wait for it to finish or add --wait (a stale lock is ${file})`,
      );
    }
    await sleep(LOCK_POLL_MS);
  }
}

const PARTIAL = /^\.(.+)\.(partial|old)-\d+-[0-9a-z]+$/;

/**
 * Remove the partial (and set-aside) folders in `parent` (named by PARTIAL, holding the marker)
 * for which `drop` says so, given the name of the folder they were written for and their path.
 */
function removePartials(parent: string, drop: (target: string, path: string) => boolean): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return removed;
  }
  for (const n of names) {
    const m = PARTIAL.exec(n);
    if (!m) continue;
    const p = join(parent, n);
    try {
      if (!lstatSync(p).isDirectory() || !lstatSync(join(p, MARKER)).isFile()) continue;
    } catch {
      continue;
    }
    if (!drop(m[1]!, p)) continue;
    rmSync(p, { recursive: true, force: true });
    removed.push(p);
  }
  return removed;
}

/** Remove the partial (and set-aside) folders of runs whose process is gone, in folder `parent`. */
export function removeStalePartials(parent: string): string[] {
  return removePartials(parent, (_, p) => gone(readOwner(join(p, OWNER_FILE))));
}

/**
 * Remove the lock and the partial folders that a run writing `parent/name` left when it was
 * killed (SIGKILL, a node's failure), whatever host it ran on: for a caller that knows no such run
 * is alive (`nabolag submit --resume`, after the scheduler says none of the submission's jobs
 * runs; a lock of another host is otherwise never taken as stale). Returns what was removed.
 */
export function removeAbandoned(parent: string, name: string): string[] {
  const removed: string[] = [];
  const file = lockFileOf(join(parent, name));
  if (existsSync(file)) {
    rmSync(file, { force: true });
    removed.push(file);
  }
  return removed.concat(removePartials(parent, (target) => target === name));
}

let ids = 0;
const uniqueId = () => `${(Date.now() % 1e9).toString(36)}${(ids++).toString(36)}`;

/**
 * Write an output folder atomically and safely (module comment): `write` receives the partial
 * folder to write into and runs after the checks, so a refused folder costs no simulation.
 * Resolves to what `write` returns, once the new result is in place.
 */
export async function writeAtomically<T>(outDir: string, write: (tmpDir: string) => Promise<T>, opts: AtomicOptions = {}): Promise<T> {
  return writeVia(outDir, write, opts, [], swap, true);
}

/**
 * Write results into a folder that holds other things to keep: the shard folders `holds` (absolute
 * paths inside it) that a merge reads and writes beside. As `writeAtomically` (classified, locked,
 * written into a partial folder beside it), but instead of replacing the folder, each file and
 * folder written is moved into it, replacing one of the same name, manifest.json last; files the
 * folder's previous manifest.json listed that this result lacks are removed. Everything else in
 * the folder stays. The folder must be nabolag's (its marker), or hold nothing but `holds`.
 */
export async function updateAtomically<T>(
  outDir: string,
  holds: readonly string[],
  write: (tmpDir: string) => Promise<T>,
  opts: AtomicOptions = {},
): Promise<T> {
  return writeVia(outDir, write, opts, holds, (tmp, path) => {
    // checked again: the folder may have changed while the work ran
    const again = classifyOutput(path, { cwd: opts.cwd ?? process.cwd(), home: opts.home ?? homedir(), scenarioFiles: opts.scenarioFiles ?? [], holds });
    if (!again.ok) throw new UserError(`the output folder ${path} ${again.why}; it changed while nabolag ran, and nothing was replaced`);
    const lost = updateLosses(path, new Set([...readdirSync(tmp), ...listedTops(path)]));
    if (lost.length) throw new UserError(`the output folder ${path} ${unlistedWhy(lost.slice(0, UNLISTED_SHOWN))}; nothing was replaced`);
    // a held folder (a shard the merge reads) inside a name the update writes would be replaced by it
    const written = new Set(readdirSync(tmp));
    for (const h of holds) {
      const top = relative(path, realPathOf(h)).split(sep)[0]!;
      if (written.has(top))
        throw new UserError(
          `the shard folder ${h} lies in ${join(path, top)}, which the merge writes, so the merge would replace it; move the shards out of it or give another --out; nothing was replaced`,
        );
    }
    moveInto(tmp, path);
  });
}

/**
 * Create an output folder that nabolag fills over time rather than at once (the shard folders,
 * job scripts and logs of a cluster run, merged into it at the end by `updateAtomically`),
 * marked as nabolag's so that the merge may write into it. Classified first, as `writeAtomically`
 * classifies its folder (a UserError if refused); an existing nabolag folder is kept as it is.
 * Returns its absolute path.
 */
export function prepareOutputFolder(outDir: string, opts: AtomicOptions = {}): string {
  const verdict = classifyOutput(outDir, { cwd: opts.cwd ?? process.cwd(), home: opts.home ?? homedir(), scenarioFiles: opts.scenarioFiles ?? [] });
  if (!verdict.ok) throw new UserError(`the output folder ${verdict.path === '' ? '""' : verdict.path} ${verdict.why}; nothing was written`);
  try {
    mkdirSync(verdict.path, { recursive: true });
    if (!isNabolagFolder(verdict.path)) writeFileSync(join(verdict.path, MARKER), MARKER_TEXT);
  } catch (e) {
    throw environmentError(e, verdict.path);
  }
  return verdict.path;
}

async function writeVia<T>(
  outDir: string,
  write: (tmpDir: string) => Promise<T>,
  opts: AtomicOptions,
  holds: readonly string[],
  place: (tmp: string, path: string) => void,
  replace = false,
): Promise<T> {
  const cwd = opts.cwd ?? process.cwd();
  const verdict = classifyOutput(outDir, { cwd, home: opts.home ?? homedir(), scenarioFiles: opts.scenarioFiles ?? [], holds, replace });
  if (!verdict.ok) throw new UserError(`the output folder ${verdict.path === '' ? '""' : verdict.path} ${verdict.why}; nothing was written`);
  const path = verdict.path;
  const parent = dirname(path);
  // the folders above the output folder that nabolag makes: removed again, if left empty, when
  // nothing is written (--out a/new/deep/folder of a run that fails or is stopped)
  const made = missingFolders(parent);
  const unmake = () => {
    for (const d of made) {
      try {
        rmdirSync(d);
      } catch {
        // not empty (something else was put there) or already gone: kept
        break;
      }
    }
  };
  try {
    mkdirSync(parent, { recursive: true });
  } catch (e) {
    throw environmentError(e, parent);
  }
  const unlock = await lock(path, opts.wait === true).catch((e) => {
    unmake();
    throw environmentError(e, parent);
  });
  const tmp = join(parent, `.${basename(path)}.partial-${process.pid}-${uniqueId()}`);
  let swapped = false;
  const cleanup = () => {
    if (!swapped) rmSync(tmp, { recursive: true, force: true });
    unlock();
    if (!swapped) unmake();
  };
  const onSignal = (signal: NodeJS.Signals) => {
    cleanup();
    // on a terminal the progress bar's line is ended first (cli/progress.ts draws one only there)
    process.stderr.write(
      `${process.stderr.isTTY ? '\n' : ''}nabolag: stopped (${signal}); nothing was written${verdict.exists ? ` and the earlier result in ${path} is unchanged` : ''}\n`,
    );
    process.exit(signal === 'SIGTERM' ? 143 : 130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    removeStalePartials(parent);
    try {
      mkdirSync(tmp);
      writeFileSync(join(tmp, MARKER), MARKER_TEXT);
      writeFileSync(join(tmp, OWNER_FILE), JSON.stringify({ pid: process.pid, host: hostname() }) + '\n');
    } catch (e) {
      throw environmentError(e, parent);
    }
    const result = await write(tmp).catch((e) => {
      throw environmentError(e, tmp);
    });
    try {
      // what was written, as it was written: a later run finds a file edited in place (safety.ts)
      appendFileSync(join(tmp, MARKER), writtenRecord(tmp));
    } catch (e) {
      throw environmentError(e, tmp);
    }
    try {
      place(tmp, path);
    } catch (e) {
      throw environmentError(e, path);
    }
    swapped = true;
    return result;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    cleanup();
  }
}

/**
 * The folders of `dir` and above it that do not exist, deepest first (none when `dir` exists): the
 * ones `mkdirSync(dir, { recursive: true })` would make.
 */
function missingFolders(dir: string): string[] {
  const out: string[] = [];
  for (let d = resolve(dir); ; d = dirname(d)) {
    try {
      lstatSync(d);
      return out;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') return out;
    }
    out.push(d);
    if (dirname(d) === d) return out;
  }
}

/** Put the complete new result `tmp` in the place of `path` by renames (module comment, step 5). */
function swap(tmp: string, path: string): void {
  rmSync(join(tmp, OWNER_FILE), { force: true });
  let old: string | null = null;
  try {
    const st = lstatSync(path);
    // checked again: the folder may have changed while the simulation ran
    const empty = st.isDirectory() && readdirSync(path).length === 0;
    if (!st.isDirectory() || (!empty && !isNabolagFolder(path)))
      throw new UserError(
        `the output folder ${path} was changed by something else while nabolag ran and now holds files nabolag did not write; nothing was replaced`,
      );
    const foreign = empty ? [] : unlistedEntries(path);
    if (foreign.length)
      throw new UserError(`the output folder ${path} ${unlistedWhy(foreign)}; they were put there while nabolag ran, and nothing was replaced`);
    old = join(dirname(path), `.${basename(path)}.old-${process.pid}-${uniqueId()}`);
    renameSync(path, old);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  try {
    renameSync(tmp, path);
  } catch (e) {
    if (old) renameSync(old, path);
    throw e;
  }
  if (old) removeSetAside(old, path);
}

/**
 * Remove the earlier result `old` set aside when the new one took its place at `path`. The new
 * result is in place whatever happens here, so a failure (something in it changed to read-only
 * during the run: classification refuses such a folder before) is said as it is, not thrown as if
 * nothing had changed.
 */
function removeSetAside(old: string, path: string): void {
  try {
    rmSync(old, { recursive: true, force: true });
  } catch (e) {
    process.stderr.write(
      `warning: the new result is in ${path}; the earlier one, set aside in ${old}, could not be removed (${(e as NodeJS.ErrnoException).code ?? String(e)}): remove it yourself\n`,
    );
  }
}

/** Move the new result `tmp` into the folder `path`, keeping what else it holds (`updateAtomically`). */
function moveInto(tmp: string, path: string): void {
  rmSync(join(tmp, OWNER_FILE), { force: true });
  mkdirSync(path, { recursive: true });
  // what the earlier result here listed (none when there is none)
  const previous = (manifestFiles(path) ?? []).filter((f): f is string => typeof f === 'string');
  const names = readdirSync(tmp).filter((n) => n !== 'manifest.json');
  if (readdirSync(tmp).includes('manifest.json')) names.push('manifest.json');
  const fresh = new Set<string>();
  for (const n of names) {
    const from = join(tmp, n);
    const to = join(path, n);
    if (lstatSync(from).isDirectory()) {
      for (const inner of readdirSync(from)) fresh.add(`${n}/${inner}`);
      let old: string | null = null;
      try {
        if (lstatSync(to).isDirectory()) {
          old = join(dirname(path), `.${basename(path)}.old-${process.pid}-${uniqueId()}`);
          renameSync(to, old);
        }
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      }
      renameSync(from, to);
      if (old) removeSetAside(old, to);
    } else {
      fresh.add(n);
      renameSync(from, to);
    }
  }
  // what the previous result listed and this one lacks (moves.csv, charts of another kind)
  const emptied = new Set<string>();
  for (const f of previous) {
    if (fresh.has(f) || f.split('/').some((part) => part === '..' || part === '')) continue;
    try {
      if (lstatSync(join(path, f)).isFile()) {
        rmSync(join(path, f));
        if (f.includes('/')) emptied.add(f.slice(0, f.lastIndexOf('/')));
      }
    } catch {
      // already gone
    }
  }
  // a folder left empty by them (charts/ after a merge without the report): nabolag's, not kept
  for (const d of [...emptied].sort((a, b) => b.length - a.length)) {
    try {
      if (readdirSync(join(path, d)).length === 0) rmdirSync(join(path, d));
    } catch {
      // not empty or already gone
    }
  }
  // the partial folder is empty now; without its owner file no later run would know it as stale
  rmSync(tmp, { recursive: true, force: true });
}
