/**
 * Loading a scenario file: read (YAML or JSON) → follow `extends` → deep-merge → validate
 * against the schema → cross-field rules. Every problem found is reported, each naming the file
 * where the field was written (as the user wrote the path), the field path, the value and what
 * is allowed.
 *
 * `extends: <path>` names a parent file, relative to the file that names it; the parent may
 * extend another (at most MAX_EXTENDS_DEPTH files in a chain; cycles are an error). The parent
 * is merged under the child: mappings merge key by key, lists and scalars from the child replace
 * the parent's. A top-level `$schema` key (for editors) is ignored. `name` is not inherited: it
 * names the file's own output folder, so when the file given does not set it, it is the file's
 * base name without extension.
 *
 * Limits on what is read (a scenario file is input from anyone, not trusted):
 *  - only regular files are read (or symbolic links to them): a folder, a named pipe, a device
 *    such as /dev/stdin or /dev/zero, or a socket is refused before it is opened, so reading
 *    cannot block or never end;
 *  - a file holds at most MAX_SCENARIO_FILE_BYTES (16 MiB), checked on the size the file
 *    system reports and again while reading;
 *  - lists and mappings nest at most MAX_NESTING_DEPTH (64) levels deep, checked without
 *    recursion before anything else walks the data;
 *  - no mapping key may be `__proto__`, `constructor` or `prototype` (FORBIDDEN_KEYS), at any
 *    depth, in the file given or any parent: such keys could reach Object.prototype instead
 *    of a field. Merging writes own properties only, so a parsed scenario is plain data.
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, extname, isAbsolute, join, resolve } from 'node:path';
import { LineCounter, isMap, isScalar, isSeq, parseDocument } from '../yaml.js';
import { FORBIDDEN_KEYS, isForbiddenKey, validate } from './dsl.js';
import {
  MAX_NESTING_DEPTH,
  MAX_SCENARIO_FILE_BYTES,
  type Mapping,
  SCENARIO_EXTENSIONS,
  checkShape,
  isMapping,
  parseScenarioText,
  safeName,
  unreadNumbers,
  tooBig,
  decimalCommasInBrackets,
} from './parse.js';
import { messages, formatIssues, UserError, type Issue } from './messages.js';
import { ANCHORED_FIELDS, checkRules, touchedBy } from './rules.js';
import { validateNamingEstates } from './estate-names.js';
import { scenarioSchema, type Scenario } from './schema.js';
import { type Assignment, applyAssignments, applyWherePresent, splitAssignment } from './set.js';

/** Most files in one `extends` chain (the file given included). */
export const MAX_EXTENDS_DEPTH = 20;
export { FORBIDDEN_KEYS, MAX_NESTING_DEPTH, MAX_SCENARIO_FILE_BYTES, SCENARIO_EXTENSIONS, checkShape };

/** Set an own, enumerable, writable property: never the prototype, whatever the key. */
const setOwn = (o: Mapping, key: string, value: unknown): void => {
  Object.defineProperty(o, key, { value, writable: true, enumerable: true, configurable: true });
};
const ownValue = (o: Mapping, key: string): unknown => (Object.hasOwn(o, key) ? o[key] : undefined);

/** What is changed in a scenario on the command line (`--set`, set.ts). */
export interface LoadOptions {
  /** Assignments applied, in order, after `extends` is merged and before validation. */
  set?: readonly Assignment[];
  /** Skip an assignment whose list item this scenario does not have (each scenario of a `compare`). */
  setWherePresent?: boolean;
}

/** Load, merge, validate and check a scenario; throws a `UserError` carrying every issue. */
export function loadScenario(path: string, opts: LoadOptions = {}): Scenario {
  const { scenario, issues } = checkScenario(path, opts);
  if (!scenario) throw new UserError(formatIssues(issues), issues);
  return scenario;
}

/** What checking a scenario found: the scenario (only when there are no issues), its issues and warnings. */
export interface Checked {
  scenario?: Scenario;
  issues: Issue[];
  /**
   * What is allowed but probably not meant (`extends` dropping inherited list items, an inherited
   * description kept for changed estates): `file` is `path:line` where the line is known.
   */
  warnings: Issue[];
  /** For each `--set`, the path it changed (null when skipped, `setWherePresent`). */
  applied?: (string | null)[];
}

/** Like `loadScenario`, but returns the issues instead of throwing (`scenario` only when none). */
export function checkScenario(path: string, opts: LoadOptions = {}): Checked {
  const { trace: _trace, ...checked } = traceScenario(path, opts);
  return checked;
}

/** Where a value of a resolved scenario came from: a file and line, or the schema's default. */
export type Source = { file: string; line?: number } | { setBy: string } | 'default';

/**
 * `checkScenario`, and for each field of the resolved scenario where it came from (`source`,
 * by the path as messages name it: `estates[0].population.resourceStrongShare`), and the files
 * of the `extends` chain, the file given first. `trace` is there when the files could be read.
 */
export function traceScenario(path: string, opts: LoadOptions = {}): Checked & { trace?: { files: string[]; source: (p: string) => Source } } {
  const chain = readChain(path);
  if ('issues' in chain) return { issues: chain.issues, warnings: [] };

  const { merged, origins, replaced } = mergeChain(chain.layers);
  const own = chain.layers[0]!;
  if (ownValue(own.data, 'name') === undefined) {
    merged.name = defaultName(path);
    origins.set('name', path);
  }
  let applied: (string | null)[] | undefined;
  if (opts.set?.length) {
    applied = opts.setWherePresent ? applyWherePresent(merged, opts.set) : applyAssignments(merged, opts.set);
    for (const [k, p] of applied.entries()) {
      if (p === null) continue;
      forget(origins, p);
      origins.set(p, `--${opts.set[k]!.option ?? 'set'} ${opts.set[k]!.text}`);
    }
    // values set on the command line obey the same limits as a file's (depth, keys)
    const shape = checkShape('--set', merged);
    if (shape.length) return { issues: shape, warnings: [], applied };
  }

  const fileOf = (p: string): string => {
    const own = origins.get(p);
    if (own !== undefined) return own;
    // a field no file writes, made by a --set of a path below it (`--set nope.x=1`, or
    // `--set estates[0].populaton.x=1`: "populaton" is unknown, not the file that writes estates[0])
    if (!chain.layers.some((l) => has(l.data, p)))
      for (const [q, f] of origins) if ((q.startsWith(`${p}.`) || q.startsWith(`${p}[`)) && f.startsWith('--')) return f;
    for (let q: string | undefined = parentPath(p); q !== undefined; q = parentPath(q)) {
      const f = origins.get(q);
      if (f !== undefined) return f;
    }
    return path;
  };
  const relocate = (list: Issue[]) => list.map((i) => ({ ...i, file: fileOf(i.path) }));

  const lines = new Map<string, Map<string, number>>();
  const lineOf = (file: string, p: string): number | undefined => {
    const layer = chain.layers.find((l) => l.file === file);
    if (!layer) return undefined;
    let index = lines.get(file);
    if (!index) {
      index = lineIndex(layer.text);
      lines.set(file, index);
    }
    for (let q: string | undefined = p; q !== undefined && q !== ''; q = parentPath(q)) {
      const line = index.get(q);
      if (line !== undefined) return line;
    }
    return undefined;
  };
  const source = (p: string): Source => {
    if (!has(merged, p)) return 'default';
    const file = fileOf(p);
    if (!chain.layers.some((l) => l.file === file)) return { setBy: file };
    return { file, line: lineOf(file, p) };
  };
  // a number the file or a --set wrote that is not finite once read (`1e400`), as written
  const numbers = new Map<string, Map<string, string>>();
  const written = (p: string): string | undefined => {
    const origin = fileOf(p);
    const layer = chain.layers.find((l) => l.file === origin);
    if (layer) {
      let index = numbers.get(origin);
      if (!index) {
        index = unreadNumbers(layer.text);
        numbers.set(origin, index);
      }
      return index.get(p);
    }
    const k = applied?.indexOf(p) ?? -1;
    return k >= 0 ? splitAssignment(opts.set![k]!.text, opts.set![k]!.option).raw.trim() : undefined;
  };
  const numberWarnings: Issue[] = [];
  const checked = validateNamingEstates(merged, path, written, numberWarnings);
  const scenario = checked.value as Scenario;
  // A replaced list's defaults are read from the resolved scenario; when another field is wrong
  // and the scenario does not resolve, from the list validated on its own, so that an error
  // elsewhere does not turn the defaults an inherited list leaves out into lost fields.
  const resolvedList = (p: string): unknown => {
    if (!checked.issues.length) return (scenario as unknown as Mapping)[p];
    const alone = validate(scenarioSchema, { [p]: merged[p] }, path);
    return alone.issues.length ? undefined : (alone.value as Mapping)[p];
  };
  const warnings = extendsWarnings(chain.layers, replaced, origins, resolvedList).map((w) => {
    const line = lineOf(w.file, w.path);
    return { ...w, file: line === undefined ? w.file : `${w.file}:${line}` };
  });
  // `[0,7, 1,2]`: four values to YAML, two to a Danish reader (said whether or not the four are allowed)
  for (const layer of chain.layers)
    for (const [p, c] of decimalCommasInBrackets(layer.text)) {
      const line = lineOf(layer.file, p);
      warnings.push(messages.decimalCommaInBrackets(line === undefined ? layer.file : `${layer.file}:${line}`, p, c.written, c.example));
    }
  for (const w of relocate(numberWarnings)) {
    const line = lineOf(w.file, w.path);
    warnings.push({ ...w, file: line === undefined ? w.file : `${w.file}:${line}` });
  }
  const issues = [...relocate(checked.issues), ...relocate(checkRules(scenario, path, touchedBy(checked.issues)))];
  // a field anchoring solves, given for an anchored estate other than at its default (a file
  // written out whole, as validate --show and calibrate write one, gives the defaults): not used,
  // which nothing else would say
  if (!checked.issues.length)
    scenario.estates.forEach((e, i) => {
      if (!e.anchor) return;
      for (const f of ANCHORED_FIELDS) {
        const p = `estates[${i}].${f}`;
        if (has(merged, p) && valueAt(e, f) !== valueAt(defaultEstate(), f)) warnings.push(messages.anchoredFieldIgnored(fileOf(p), p, e.name));
      }
    });
  // the income criterion reads the cash-benefit rates or the share, never both (elevator.incomeCounted):
  // a value given for the other (a file of 0.2.19 or earlier setting the share) would not be used
  if (!checked.issues.length)
    for (const f of scenario.elevator.incomeCounted === 'share' ? CASH_BENEFIT_FIELDS : (['incomeOutsideTaxableShare'] as const)) {
      const p = `elevator.${f}`;
      if (has(merged, p) && scenario.elevator[f] !== defaultScenario().elevator[f])
        warnings.push(messages.incomeFieldIgnored(fileOf(p), p, scenario.elevator.incomeCounted));
    }
  // a renovation whose works never end: its disruption acts to the end of the run and the
  // attachment after the works never begins (a studio trial's renovation, no end given, cost 4 points)
  if (!checked.issues.length)
    scenario.policies.forEach((p, i) => {
      if (p.lever === 'renovation' && p.until === undefined)
        warnings.push(messages.renovationWithoutEnd(fileOf(`policies[${i}]`), `policies[${i}].until`, p.from, p.disruption, p.attachment));
    });
  const trace = { files: chain.layers.map((l) => l.file), source };
  return issues.length ? { issues, warnings, applied, trace } : { scenario, issues, warnings, applied, trace };
}

let defaultScenarioValue: Scenario | undefined;
/** The scenario the schema's defaults make (of an empty file). */
function defaultScenario(): Scenario {
  defaultScenarioValue ??= validate(scenarioSchema, {}, 'defaults').value as Scenario;
  return defaultScenarioValue;
}

/** An estate as the schema's defaults make it (the one estate of an empty scenario). */
const defaultEstate = (): unknown => defaultScenario().estates[0];

/** The cash-benefit rates of the income criterion (read under elevator.incomeCounted: benefitRules only). */
const CASH_BENEFIT_FIELDS = ['cashBenefitUnder30', 'cashBenefitFrom30', 'cashBenefitWithChildren'] as const;

/** Whether the merged data holds a value at a path (`a.b[2].c`). */
function has(root: unknown, p: string): boolean {
  let v: unknown = root;
  for (const m of p.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (m[1] !== undefined) {
      if (!isMapping(v) || !Object.hasOwn(v, m[1])) return false;
      v = v[m[1]];
    } else {
      if (!Array.isArray(v) || Number(m[2]) >= v.length) return false;
      v = v[Number(m[2])];
    }
  }
  return v !== undefined;
}

/** Lists whose replacement by an `extends` is warned about (lists of named or tagged items), with an example of `--set` on one. */
const SET_EXAMPLE: Record<string, string> = { estates: 'estates[0].flats=600', policies: "'policies[lever=extension].factor=0.5'" };
/** Most inherited fields or items a warning names (the rest are counted). */
const WARN_NAMES = 5;

/**
 * Warnings about an `extends` chain: a file whose `estates` or `policies` replace an inherited
 * list and so drop fields or items the parent gave (lists are not merged: the file must repeat
 * what it keeps), and a `description` inherited from a file above the one that changed the
 * estates (it describes estates that are no longer the ones run).
 */
function extendsWarnings(layers: Layer[], replaced: Replacement[], origins: Map<string, string>, resolved: (path: string) => unknown): Issue[] {
  const out: Issue[] = [];
  for (const r of replaced) {
    // an empty list says "none of them" on purpose (`policies: []` in a baseline)
    if (!(r.path in SET_EXAMPLE) || (Array.isArray(r.value) && r.value.length === 0)) continue;
    const lost = lostItems(r.old, r.value, resolved(r.path));
    if (lost.length === 0) continue;
    const named = lost.slice(0, WARN_NAMES).join('; ') + (lost.length > WARN_NAMES ? `; and ${lost.length - WARN_NAMES} more` : '');
    out.push({
      file: r.file,
      path: r.path,
      message: `"${r.path}" replaces the list inherited from ${r.from} (lists are not merged), which drops ${named}; repeat what you want to keep in ${r.file}, or change single fields of the inherited list on the command line instead (e.g. --set ${SET_EXAMPLE[r.path]})`,
    });
  }
  const rank = (file: string | undefined) => layers.findIndex((l) => l.file === file);
  const described = origins.get('description');
  const estates = origins.get('estates');
  if (described !== undefined && estates !== undefined && rank(estates) >= 0 && rank(described) > rank(estates))
    out.push({
      file: estates,
      path: 'estates',
      message: `the estates are changed here, but "description" is inherited from ${described} and describes its estates; give ${estates} its own description`,
    });
  return out;
}

/** An item of a list as a warning names it: its name, else its lever, else its place. */
const itemName = (item: unknown, i: number): string =>
  isMapping(item) && typeof item.name === 'string'
    ? `"${item.name}"`
    : isMapping(item) && typeof item.lever === 'string'
      ? `lever "${item.lever}"`
      : `item ${i + 1}`;

/**
 * What replacing the list `old` by `value` loses: inherited items with no counterpart (matched
 * by name, else by lever in order, else by place) and, for matched items, fields the
 * inherited item gave that the new one does not (by dotted path inside the item) and whose
 * default, in `resolved` (the list validated, when it could be), is another value.
 */
function lostItems(old: unknown, value: unknown, resolved: unknown): string[] {
  if (!Array.isArray(old) || old.length === 0) return [];
  const fresh = Array.isArray(value) ? [...value] : [];
  const used = new Set<number>();
  const lost: string[] = [];
  for (const [i, item] of old.entries()) {
    const key = isMapping(item) ? (typeof item.name === 'string' ? ['name', item.name] : typeof item.lever === 'string' ? ['lever', item.lever] : null) : null;
    let j = key ? fresh.findIndex((f, k) => !used.has(k) && isMapping(f) && f[key[0]!] === key[1]) : -1;
    if (j < 0 && (!key || key[0] === 'name') && i < fresh.length && !used.has(i)) j = i;
    if (j < 0) {
      lost.push(`${itemName(item, i)} entirely`);
      continue;
    }
    used.add(j);
    const now = Array.isArray(resolved) ? resolved[j] : undefined;
    const missing = leafPaths(item).filter((p) => !has(fresh[j], p) && (now === undefined || !sameValue(valueAt(now, p), valueAt(item, p))));
    if (missing.length) lost.push(`${missing.join(', ')} of ${itemName(item, i)}`);
  }
  return lost;
}

/** The value at a dotted path inside a mapping (undefined when absent). */
const valueAt = (v: unknown, p: string): unknown => p.split('.').reduce<unknown>((x, k) => (isMapping(x) && Object.hasOwn(x, k) ? x[k] : undefined), v);
const sameValue = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The dotted paths of the scalar and list values inside a mapping. */
function leafPaths(v: unknown, prefix = ''): string[] {
  if (!isMapping(v)) return prefix ? [prefix] : [];
  return Object.keys(v).flatMap((k) => {
    const p = prefix ? `${prefix}.${k}` : k;
    return isMapping(v[k]) ? leafPaths(v[k], p) : [p];
  });
}

/**
 * The line of every field in a YAML (or JSON, which YAML reads) text, by path as messages name
 * it (`estates[0].flats`): the line of its key, or of its dash for a list item.
 */
export function lineIndex(text: string): Map<string, number> {
  const index = new Map<string, number>();
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, version: '1.2' });
  const stack: { node: unknown; path: string }[] = [{ node: doc.contents, path: '' }];
  while (stack.length) {
    const { node, path } = stack.pop()!;
    if (isMap(node))
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : null;
        if (key === null) continue;
        const p = path ? `${path}.${key}` : key;
        const at = (pair.key as { range?: [number, number, number] }).range;
        if (at) index.set(p, lc.linePos(at[0]).line);
        stack.push({ node: pair.value, path: p });
      }
    else if (isSeq(node))
      for (const [i, item] of node.items.entries()) {
        const p = `${path}[${i}]`;
        const at = (item as { range?: [number, number, number] } | null)?.range;
        if (at) index.set(p, lc.linePos(at[0]).line);
        stack.push({ node: item, path: p });
      }
  }
  return index;
}

/**
 * The default scenario name for a file: its base name without extension, made a safe name
 * (only the characters a name allows, no leading dot, so never `.` or `..`; `scenario` when
 * nothing is left).
 */
export function defaultName(path: string): string {
  return safeName(basename(path, extname(path)));
}

interface Layer {
  /** The path as the user (or an `extends`) wrote it, relative to the working folder. */
  file: string;
  data: Mapping;
  /** The file's text (for the lines of its fields). */
  text: string;
}

/** The file given and its ancestors, most derived first. */
function readChain(path: string): { layers: Layer[] } | { issues: Issue[] } {
  const layers: Layer[] = [];
  const seen: string[] = [];
  let file = path;
  for (;;) {
    const read = readScenarioFile(file);
    if ('issues' in read) return read;
    const data = read.data;
    const parent = ownValue(data, 'extends');
    delete data.$schema;
    delete data.extends;
    layers.push({ file, data, text: read.text });
    seen.push(resolve(file));
    if (parent === undefined || parent === null) return { layers };
    if (typeof parent !== 'string' || parent.trim() === '') return { issues: [messages.extendsWrongType(file, parent)] };

    const next = isAbsolute(parent) ? parent : join(dirname(file), parent);
    const at = seen.indexOf(resolve(next));
    if (at >= 0) return { issues: [messages.extendsCycle(file, [...layers.slice(at).map((l) => l.file), next])] };
    if (layers.length >= MAX_EXTENDS_DEPTH) return { issues: [messages.extendsTooDeep(file, MAX_EXTENDS_DEPTH)] };
    const problem = checkReadable(next);
    if (problem === 'missing') return { issues: [messages.extendsMissing(file, parent, next)] };
    if (problem !== undefined) return { issues: [messages.extendsUnreadable(file, parent, next, problem)] };
    file = next;
  }
}

/**
 * Why a path cannot be read as a scenario file, looked up without opening it (`statSync`
 * follows symbolic links): 'missing', a reason such as "it is a device, not a regular file",
 * or undefined when it is a regular file of an allowed size.
 */
export function checkReadable(file: string): string | undefined {
  let st: Stats;
  try {
    st = statSync(file);
  } catch (e) {
    return whyNot(e);
  }
  return whyNotStats(st);
}

function whyNot(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'missing';
  if (code === 'ELOOP') return 'it is a symbolic link loop';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return code ?? String(e);
}

function whyNotStats(st: Stats): string | undefined {
  if (st.isDirectory()) return 'it is a folder, not a file';
  if (st.isFIFO()) return 'it is a pipe (FIFO), not a regular file';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'it is a device, not a regular file';
  if (st.isSocket()) return 'it is a socket, not a regular file';
  if (!st.isFile()) return 'it is not a regular file';
  if (st.size > MAX_SCENARIO_FILE_BYTES) return tooBig(st.size);
  return undefined;
}

/** The size problem: `size` as the file system reports it, or undefined when found by reading. */
/**
 * Read at most `limit` bytes of a file as UTF-8 text. The file is opened non-blocking (a named
 * pipe put in its place after it was checked cannot make the open wait), must be a regular file
 * when open, and is read in chunks, stopping after `limit` + 1 bytes: a file that grows, or a
 * device, cannot make the read go on for ever.
 */
export function readTextCapped(file: string, limit = MAX_SCENARIO_FILE_BYTES): { text: string } | { why: string } {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0));
  } catch (e) {
    return { why: whyNot(e) };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { why: whyNotStats(st) ?? 'it is not a regular file' };
    if (st.size > limit) return { why: tooBig(st.size, limit) };
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(1 << 20, limit + 1 - total));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
      total += n;
      if (total > limit) return { why: tooBig(undefined, limit) };
    }
    return utf8Text(Buffer.concat(chunks, total));
  } catch (e) {
    return { why: whyNot(e) };
  } finally {
    closeSync(fd);
  }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The bytes as UTF-8 text, or why they are not: the first byte that is not UTF-8, by line (a file
 * saved as Latin-1 or Windows-1252 would otherwise be read with its æ, ø and å replaced, and a
 * name with them then called invalid for the wrong reason).
 */
export function utf8Text(bytes: Uint8Array): { text: string } | { why: string } {
  // UTF-16 (Windows editors' "Unicode"): with its byte-order mark, or ASCII with a zero byte
  // after (or before) each character, which is valid UTF-8 but not text a scenario holds
  if (isUtf16(bytes)) return { why: 'it is UTF-16 text, not UTF-8 (save the file as UTF-8, as most editors offer)' };
  try {
    return { text: strictUtf8.decode(bytes) };
  } catch {
    // the text before the first replacement character decodes alike both ways: its length in
    // bytes is where the first byte that is not UTF-8 stands
    const loose = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
    const before = loose.slice(0, Math.max(0, loose.indexOf('\uFFFD')));
    const at = Buffer.byteLength(before, 'utf8');
    const line = before.split('\n').length;
    const byte = (bytes[at] ?? 0).toString(16).toUpperCase().padStart(2, '0');
    return { why: `it is not UTF-8 text (line ${line}: byte 0x${byte} is not UTF-8; save the file as UTF-8, as most editors offer)` };
  }
}

/**
 * Whether the bytes are UTF-16 text: they start with its byte-order mark (FF FE or FE FF), or zero
 * bytes stand at most of every other place (UTF16_ZERO_SHARE of them) among the first UTF16_PROBE_BYTES
 * (the high bytes of letters up to U+00FF, æ, ø and å among them; a dash or a quotation mark has
 * none). Text in UTF-8 has no zero byte.
 */
export function isUtf16(bytes: Uint8Array): boolean {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) return true;
  const n = Math.min(bytes.length, UTF16_PROBE_BYTES) & ~1;
  if (n < 4) return false;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  return Math.max(even, odd) >= UTF16_ZERO_SHARE * (n / 2);
}

/** Bytes at the start of a file in which isUtf16 looks for its zero bytes. */
const UTF16_PROBE_BYTES = 256;
/** Part of every other byte among them that must be zero for isUtf16. */
const UTF16_ZERO_SHARE = 0.75;

/** Read and parse one scenario file; the top level must be a mapping. */
export function readScenarioFile(file: string): { data: Mapping; text: string } | { issues: Issue[] } {
  const problem = checkReadable(file);
  if (problem === 'missing') return { issues: [messages.fileMissing(file)] };
  if (problem !== undefined) return { issues: [messages.fileUnreadable(file, problem)] };
  const ext = extname(file).toLowerCase();
  if (!(SCENARIO_EXTENSIONS as readonly string[]).includes(ext)) return { issues: [messages.fileExtension(file, ext)] };
  const read = readTextCapped(file);
  if ('why' in read) return { issues: [read.why === 'missing' ? messages.fileMissing(file) : messages.fileUnreadable(file, read.why)] };
  return parseScenarioText(file, ext, read.text);
}

/**
 * Deep-merge the layers (most derived first) and record, for each field, the file that wrote
 * it: a scalar or list by the file it came from, a mapping by the most derived file that wrote
 * any field in it.
 */
function mergeChain(layers: Layer[]): { merged: Mapping; origins: Map<string, string>; replaced: Replacement[] } {
  const merged: Mapping = {};
  const origins = new Map<string, string>();
  const replaced: Replacement[] = [];
  for (const layer of [...layers].reverse()) mergeInto(merged, layer.data, layer.file, '', origins, replaced);
  return { merged, origins, replaced };
}

/** A list a file gave in place of one it inherited (`from` wrote `old`). */
interface Replacement {
  path: string;
  file: string;
  from: string;
  old: unknown;
  value: unknown;
}

function mergeInto(target: Mapping, source: Mapping, file: string, path: string, origins: Map<string, string>, replaced: Replacement[]): void {
  // Own properties only, written as own properties: a key can never reach a prototype (the
  // forbidden keys are refused when the file is read; this holds even without that).
  for (const key of Object.keys(source)) {
    if (isForbiddenKey(key)) continue;
    const value = source[key];
    const p = path ? `${path}.${key}` : key;
    const old = ownValue(target, key);
    if (isMapping(value) || (value === null && isMapping(old))) {
      // A mapping merges into the parent's; an empty section (`population:`) keeps the parent's.
      if (!isMapping(old)) {
        forget(origins, p);
        setOwn(target, key, {});
      }
      origins.set(p, file);
      if (isMapping(value)) mergeInto(target[key] as Mapping, value, file, p, origins, replaced);
    } else {
      const from = origins.get(p);
      if (Array.isArray(old) && from !== undefined) replaced.push({ path: p, file, from, old, value });
      forget(origins, p);
      setOwn(target, key, structuredClone(value));
      origins.set(p, file);
    }
  }
}

/** Drop the recorded origins of a field and everything inside it (it is being replaced). */
function forget(origins: Map<string, string>, p: string): void {
  for (const k of [...origins.keys()]) if (k === p || k.startsWith(p + '.') || k.startsWith(p + '[')) origins.delete(k);
}

/** `a.b[2].c` → `a.b[2]` → `a.b` → `a` → undefined. */
function parentPath(p: string): string | undefined {
  if (p === '') return undefined;
  const m = /^(.*)(\[\d+\]|\.[^.[\]]*)$/.exec(p);
  return m ? m[1] : '';
}
