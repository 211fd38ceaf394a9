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
 */
import { readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, isAbsolute, join, resolve } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { validate } from './dsl.js';
import { messages, formatIssues, UserError, type Issue } from './messages.js';
import { checkRules, touchedBy } from './rules.js';
import { scenarioSchema, type Scenario } from './schema.js';
import { type Assignment, applyAssignments, applyWherePresent } from './set.js';

/** Most files in one `extends` chain (the file given included). */
export const MAX_EXTENDS_DEPTH = 20;
export const SCENARIO_EXTENSIONS = ['.yaml', '.yml', '.json'] as const;

type Mapping = Record<string, unknown>;
const isMapping = (v: unknown): v is Mapping => typeof v === 'object' && v !== null && !Array.isArray(v);

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

/** Like `loadScenario`, but returns the issues instead of throwing (`scenario` only when none). */
export function checkScenario(path: string, opts: LoadOptions = {}): { scenario?: Scenario; issues: Issue[]; applied?: (string | null)[] } {
  const chain = readChain(path);
  if ('issues' in chain) return { issues: chain.issues };

  const { merged, origins } = mergeChain(chain.layers);
  const own = chain.layers[0]!;
  if (own.data.name === undefined) {
    merged.name = defaultName(path);
    origins.set('name', path);
  }
  let applied: (string | null)[] | undefined;
  if (opts.set?.length) {
    applied = opts.setWherePresent ? applyWherePresent(merged, opts.set) : applyAssignments(merged, opts.set);
    applied.forEach((p, k) => {
      if (p === null) return;
      forget(origins, p);
      origins.set(p, `--set ${opts.set![k]!.text}`);
    });
  }

  const fileOf = (p: string): string => {
    for (let q: string | undefined = p; q !== undefined; q = parentPath(q)) {
      const f = origins.get(q);
      if (f !== undefined) return f;
    }
    return path;
  };
  const relocate = (list: Issue[]) => list.map((i) => ({ ...i, file: fileOf(i.path) }));

  const checked = validate(scenarioSchema, merged, path);
  const scenario = checked.value as Scenario;
  const issues = [...relocate(checked.issues), ...relocate(checkRules(scenario, path, touchedBy(checked.issues)))];
  return issues.length ? { issues, applied } : { scenario, issues, applied };
}

/** The default scenario name for a file: its base name without extension, made a valid name. */
export function defaultName(path: string): string {
  const base = basename(path, extname(path)).replace(/[^A-Za-z0-9_.-]+/g, '-');
  return base.length ? base : 'scenario';
}

interface Layer {
  /** The path as the user (or an `extends`) wrote it, relative to the working folder. */
  file: string;
  data: Mapping;
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
    delete data.$schema;
    const parent = data.extends;
    delete data.extends;
    layers.push({ file, data });
    seen.push(resolve(file));
    if (parent === undefined || parent === null) return { layers };
    if (typeof parent !== 'string' || parent.trim() === '') return { issues: [messages.extendsWrongType(file, parent)] };

    const next = isAbsolute(parent) ? parent : join(dirname(file), parent);
    const at = seen.indexOf(resolve(next));
    if (at >= 0) return { issues: [messages.extendsCycle(file, [...layers.slice(at).map((l) => l.file), next])] };
    if (layers.length >= MAX_EXTENDS_DEPTH) return { issues: [messages.extendsTooDeep(file, MAX_EXTENDS_DEPTH)] };
    if (!exists(next)) return { issues: [messages.extendsMissing(file, parent, next)] };
    file = next;
  }
}

function exists(file: string): boolean {
  try {
    statSync(file);
    return true;
  } catch {
    return false;
  }
}

/** Read and parse one scenario file; the top level must be a mapping. */
export function readScenarioFile(file: string): { data: Mapping } | { issues: Issue[] } {
  let text: string;
  try {
    if (statSync(file).isDirectory()) return { issues: [messages.fileIsFolder(file)] };
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { issues: [messages.fileMissing(file)] };
    return { issues: [messages.fileUnreadable(file, code ?? String(e))] };
  }
  const ext = extname(file).toLowerCase();
  if (!(SCENARIO_EXTENSIONS as readonly string[]).includes(ext)) return { issues: [messages.fileExtension(file, ext)] };
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);

  const parsed = ext === '.json' ? parseJson(file, text) : parseYaml(file, text);
  if ('issues' in parsed) return parsed;
  if (parsed.value === undefined) return { issues: [messages.fileEmpty(file)] };
  if (!isMapping(parsed.value)) return { issues: [messages.notAMapping(file, parsed.value)] };
  return { data: parsed.value };
}

/** `value` is undefined for an empty file (nothing but blanks and comments). */
function parseYaml(file: string, text: string): { value: unknown } | { issues: Issue[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, version: '1.2' });
  if (doc.errors.length) {
    return {
      issues: doc.errors.map((e) => {
        const { line, col } = lineCounter.linePos(e.pos[0]);
        return messages.yamlSyntax(file, line, col, firstLine(e.message));
      }),
    };
  }
  if (doc.contents === null) return { value: undefined };
  try {
    return { value: doc.toJS({ maxAliasCount: 1000 }) };
  } catch (e) {
    return { issues: [messages.yamlSyntax(file, undefined, undefined, firstLine(String((e as Error).message ?? e)))] };
  }
}

function parseJson(file: string, text: string): { value: unknown } | { issues: Issue[] } {
  if (text.trim() === '') return { value: undefined };
  try {
    return { value: JSON.parse(text) };
  } catch (e) {
    const raw = firstLine((e as Error).message);
    const m = /at position (\d+)/.exec(raw);
    let line: number | undefined;
    let col: number | undefined;
    if (m) {
      const before = text.slice(0, Number(m[1]));
      line = before.split('\n').length;
      col = before.length - before.lastIndexOf('\n');
    }
    const what = raw
      .replace(/\s*in JSON at position \d+.*$/, '')
      .replace(/\s*\(line \d+ column \d+\)$/, '')
      .replace(/, ".*" is not valid JSON$/, '');
    return { issues: [messages.jsonSyntax(file, what, line, col)] };
  }
}

const firstLine = (s: string) => s.split('\n')[0]!.trim();

/**
 * Deep-merge the layers (most derived first) and record, for each field, the file that wrote
 * it: a scalar or list by the file it came from, a mapping by the most derived file that wrote
 * any field in it.
 */
function mergeChain(layers: Layer[]): { merged: Mapping; origins: Map<string, string> } {
  const merged: Mapping = {};
  const origins = new Map<string, string>();
  for (const layer of [...layers].reverse()) mergeInto(merged, layer.data, layer.file, '', origins);
  return { merged, origins };
}

function mergeInto(target: Mapping, source: Mapping, file: string, path: string, origins: Map<string, string>): void {
  for (const [key, value] of Object.entries(source)) {
    const p = path ? `${path}.${key}` : key;
    const old = target[key];
    if (isMapping(value) || (value === null && isMapping(old))) {
      // A mapping merges into the parent's; an empty section (`population:`) keeps the parent's.
      if (!isMapping(old)) {
        forget(origins, p);
        target[key] = {};
      }
      origins.set(p, file);
      if (isMapping(value)) mergeInto(target[key] as Mapping, value, file, p, origins);
    } else {
      forget(origins, p);
      target[key] = structuredClone(value);
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
