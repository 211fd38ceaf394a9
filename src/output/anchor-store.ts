/**
 * Anchors kept on disk between runs (model/anchor.ts `AnchorStore`). Solving a scenario's anchor
 * costs several times its run (dozens of 15-year replications of the estate alone); the result
 * is a pure function of the trial scenario and of the model's code, so it is solved once and
 * read back by every later run of the same estate under the same parameters.
 *
 * Where: `$NABOLAG_CACHE_DIR`, else `$XDG_CACHE_HOME/nabolag`, else `~/.cache/nabolag`; one small
 * JSON file per anchor under `anchors/`, named by a SHA-256 of the code's fingerprint and the
 * key. `NABOLAG_CACHE=off` turns the store off. Deleting the folder is always safe.
 *
 * The code's fingerprint is a SHA-256 of nabolag's version and of every file of the model and
 * scenario code this module runs with (compiled or source), so an edited or upgraded model never
 * reads an anchor solved by another. A file that cannot be read, parsed or checked is ignored
 * (the anchor is solved again); one that cannot be written is not kept. The store never fails a
 * run, and never writes outside its own folder.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Anchor, AnchorStore, Shares } from '../model/anchor.js';
import { START_FIELDS, memoryAnchorStore } from '../model/anchor.js';
import { PACKAGE_ROOT, VERSION } from '../version.js';

/** Format of the files (a change of layout makes older files unread, not an error). 2: four unknowns and shares (the applicants' senior share, the retired adults); 3: the resident couples' start (`residentCouplesBothActive`, `residentCouplesFirstActive`); 4: the start's fixed points (`residentStart`: the students, grown children at home, early retired, recently lifted and heads' ages); 5: the children per family among them (`residentStart.childrenPerFamily`); 6: the start's education (`residentStart.basicEducationStartStrong`, `basicEducationStartWeak`). */
export const STORE_FORMAT = 6;

/** The store's folder from the environment, or undefined when the store is off. */
export function anchorStoreDir(env: NodeJS.ProcessEnv = process.env, home = homedir()): string | undefined {
  if ((env.NABOLAG_CACHE ?? '').toLowerCase() === 'off') return undefined;
  if (env.NABOLAG_CACHE_DIR) return env.NABOLAG_CACHE_DIR;
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, 'nabolag');
  return join(home, '.cache', 'nabolag');
}

/** Every file under `dir`, as relative paths, sorted. */
function filesUnder(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p, `${prefix}${name}/`));
    else if (/\.(js|ts)$/.test(name)) out.push(`${prefix}${name}`);
  }
  return out;
}

let fingerprint: string | undefined;

/** The code's fingerprint: the version and the model and scenario code as this process runs it. */
export function codeFingerprint(): string {
  if (fingerprint) return fingerprint;
  const h = createHash('sha256').update(`nabolag ${VERSION}\n`);
  for (const part of ['../model/', '../scenario/']) {
    const dir = fileURLToPath(new URL(part, import.meta.url));
    for (const f of filesUnder(dir)) h.update(`${part}${f}\n`).update(readFileSync(join(dir, f)));
  }
  fingerprint = h.digest('hex');
  return fingerprint;
}

const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const isShares = (s: unknown): s is Shares => {
  const v = s as Shares | null;
  return !!v && finite(v.resourceStrongShare) && finite(v.otherFamilies) && finite(v.resourceStrongFamilies) && finite(v.retired);
};

/**
 * The start's fixed points as an anchor has them: each field a finite number, or (the head ages) a
 * list of them or none, or (the education shares, which a trial with no one to measure them on
 * leaves to the draw) a number or none.
 */
const isStart = (v: unknown): boolean =>
  typeof v === 'object' &&
  v !== null &&
  START_FIELDS.every((k) => {
    const x = (v as Record<string, unknown>)[k];
    if (k.startsWith('headAges')) return x === undefined || (Array.isArray(x) && x.every(finite));
    return k.startsWith('basicEducationStart') ? x === undefined || finite(x) : finite(x);
  });

/** Whether a parsed value is an anchor (every field the runs and reports read, of the right kind). */

function isAnchor(a: unknown): a is Anchor {
  const v = a as Anchor | null;
  return (
    !!v &&
    typeof v.estate === 'string' &&
    finite(v.attractiveness) &&
    finite(v.attachment) &&
    finite(v.applicantFamilyShare) &&
    finite(v.applicantStrongFamilyShare) &&
    finite(v.applicantSeniorShare) &&
    finite(v.residentStrongFamilyShare) &&
    finite(v.residentCouplesBothActive) &&
    finite(v.residentCouplesFirstActive) &&
    isStart(v.residentStart) &&
    isShares(v.start) &&
    isShares(v.driftBefore) &&
    isShares(v.driftAfter) &&
    finite(v.trials) &&
    typeof v.converged === 'boolean' &&
    finite(v.ms) &&
    (v.together === undefined || (Array.isArray(v.together) && v.together.every((x) => typeof x === 'string')))
  );
}

/**
 * A store in `dir` (in front of it, this process's memory). Anchors read from disk carry
 * `stored: true`, so the manifest tells a solved anchor from one read back.
 */
export function fileAnchorStore(dir: string, code: () => string = codeFingerprint): AnchorStore {
  const memory = memoryAnchorStore();
  const fileOf = (key: string) => join(dir, 'anchors', `${createHash('sha256').update(code()).update('\n').update(key).digest('hex')}.json`);
  return {
    get(key) {
      const hit = memory.get(key);
      if (hit) return hit;
      try {
        const data = JSON.parse(readFileSync(fileOf(key), 'utf8')) as { format?: unknown; key?: unknown; anchor?: unknown };
        if (data.format !== STORE_FORMAT || data.key !== key || !isAnchor(data.anchor)) return undefined;
        const anchor: Anchor = { ...data.anchor, stored: true };
        memory.set(key, anchor);
        return anchor;
      } catch {
        return undefined;
      }
    },
    set(key, anchor) {
      memory.set(key, anchor);
      const file = fileOf(key);
      const tmp = `${file}.${process.pid}.tmp`;
      try {
        mkdirSync(join(dir, 'anchors'), { recursive: true });
        writeFileSync(tmp, `${JSON.stringify({ format: STORE_FORMAT, key, anchor })}\n`);
        renameSync(tmp, file);
      } catch {
        try {
          rmSync(tmp, { force: true });
        } catch {
          // nothing was written, or the folder is not one: nothing to tidy
        }
      }
    },
  };
}

/**
 * The anchors shipped with nabolag for its own scenarios (scenarios/anchors.json, written by
 * `npm run anchors`: src/tools/anchors.ts): the first run of a built-in scenario reads its anchor
 * instead of solving it. The file names the code's fingerprint it was solved with; under other
 * code (an edited model, another version, the sources run by tsx or vitest instead of dist) it is
 * not read, and the anchors are solved as for any estate.
 */
export interface BundledAnchors {
  format: number;
  /** `codeFingerprint()` of the code that solved them. */
  code: string;
  anchors: {
    /** SHA-256 of the anchor's key (`anchorKey`). */
    key: string;
    /** The scenario files under scenarios/ whose estate this is (for readers of the file). */
    scenarios: string[];
    anchor: Anchor;
  }[];
}

/** SHA-256 of an anchor key, as scenarios/anchors.json names it. */
export const keyHash = (key: string): string => createHash('sha256').update(key).digest('hex');

/** Where the bundled anchors are: scenarios/anchors.json in the package. */
export const BUNDLED_ANCHORS_FILE = join(PACKAGE_ROOT, 'scenarios', 'anchors.json');

/** Read a bundled anchors file; undefined when it is missing, unreadable, of another format or of other code. */
export function readBundledAnchors(file: string | undefined, code: () => string = codeFingerprint): Map<string, Anchor> | undefined {
  if (!file) return undefined;
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as Partial<BundledAnchors>;
    if (data.format !== STORE_FORMAT || data.code !== code() || !Array.isArray(data.anchors)) return undefined;
    const m = new Map<string, Anchor>();
    for (const e of data.anchors) if (typeof e?.key === 'string' && isAnchor(e.anchor)) m.set(e.key, e.anchor);
    return m;
  } catch {
    return undefined;
  }
}

/**
 * A read-only store of the bundled anchors (read once, at the first lookup), in front of
 * `back`, which keeps what is solved. Anchors read from the bundle carry `stored` and `bundled`.
 */
export function bundledAnchorStore(back: AnchorStore, file: string | undefined = BUNDLED_ANCHORS_FILE, code: () => string = codeFingerprint): AnchorStore {
  let bundled: Map<string, Anchor> | undefined | null = null;
  return {
    get(key) {
      if (bundled === null) bundled = readBundledAnchors(file, code);
      const hit = bundled?.get(keyHash(key));
      return hit ? { ...hit, stored: true, bundled: true } : back.get(key);
    },
    set: (key, anchor) => back.set(key, anchor),
  };
}

/**
 * The store the command line uses: the bundled anchors, then the folder from the environment
 * (`anchorStoreDir`); undefined when `NABOLAG_CACHE=off` (every anchor is solved).
 */
export function commandLineAnchorStore(env: NodeJS.ProcessEnv = process.env): AnchorStore | undefined {
  const dir = anchorStoreDir(env);
  return dir ? bundledAnchorStore(fileAnchorStore(dir)) : undefined;
}
