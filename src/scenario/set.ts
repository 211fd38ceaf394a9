/**
 * `--set <path>=<value>`: change one field of a scenario from the command line, as if the file
 * said so. The path names a field the way validation messages do:
 *
 *   years                              a top-level field
 *   letting.municipalShare             a field of a section (created if the file has none)
 *   estates[0].flats                   an item of a list by its index
 *   policies[lever=extension].factor   an item of a list by one of its fields (exactly one must match)
 *
 * The value is read as YAML (`0.5`, `true`, `[1, 2]`, `{from: 2027, lever: extension}`, `"text"`).
 * Assignments are applied in order to the scenario after its `extends` chain is merged and before
 * it is validated, so a value set here is checked by the schema exactly as one written in the file
 * (and the result is the same as editing the file). A list the scenario does not write is created
 * with one empty item when its index 0 is named (`estates[0].flats` in a file without `estates`),
 * which is what the schema's default of one estate means; only `estates` has such a default
 * (`policies[0]` in a file without levers names nothing). Pure functions; no I/O.
 */
import { parse as parseYaml } from '../yaml.js';
import { UserError, show } from './messages.js';
import { policySchema } from './policies.js';

/** One step of a path: a field, or an item of a list by index or by a field's value. */
export type Step = { field: string } | { index: number } | { where: string; equals: string };

export interface Assignment {
  /** As typed, for messages. */
  text: string;
  /** The path as typed (left of the first `=` outside brackets). */
  path: string;
  steps: Step[];
  value: unknown;
  /** The option it came from, for messages (default `set`; `param` and `vary` give theirs). */
  option?: string;
}

/**
 * Top-level lists whose schema default is one item (`estates`: one estate), so that `[0]` names
 * it in a file that does not write the list. Any other list a file does not write is empty
 * (`policies`), and `[0]` names nothing there.
 */
const LISTS_WITH_DEFAULT_ITEM = new Set(['estates']);

/** Keys that could reach an object's prototype: never a field. */
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

const fail = (text: string, why: string, option = 'set'): never => {
  throw new UserError(`option --${option} ${show(text)}: ${why}`);
};

/** A selector or list index that names nothing in this scenario (`compare` skips such a scenario). */
export class NoMatch extends UserError {}

const noMatch = (text: string, why: string, option = 'set'): never => {
  throw new NoMatch(`option --${option} ${show(text)}: ${why}`);
};

/**
 * Split `path=value` at the first `=` outside brackets and read the path
 * (`policies[lever=extension].factor=0.5`); the value is returned as typed.
 */
export function splitAssignment(text: string, option = 'set'): { path: string; steps: Step[]; raw: string } {
  let depth = 0;
  let eq = -1;
  for (let i = 0; i < text.length && eq < 0; i++) {
    const c = text[i];
    if (c === '[') depth++;
    else if (c === ']') depth--;
    else if (c === '=' && depth === 0) eq = i;
  }
  if (eq < 0) fail(text, `give <path>=<value>, e.g. --${option} years=20 or --${option} estates[0].flats=600`, option);
  const path = text.slice(0, eq).trim();
  return { path, steps: parsePath(text, path, option), raw: text.slice(eq + 1) };
}

/** Parse `path=value` (the value read as YAML). Throws a UserError naming what is wrong. */
export function parseAssignment(text: string): Assignment {
  const { path, steps, raw } = splitAssignment(text);
  if (raw.trim() === '') fail(text, `give a value after "=" (e.g. --set ${path}=1); for an empty value write ${path}=null`);
  let value: unknown;
  try {
    // without its place ("… at line 1, column 5:"), which a one-line value does not need
    value = parseYaml(raw, { version: '1.2', prettyErrors: false });
  } catch (e) {
    fail(text, `the value ${show(raw)} is not valid YAML (${String((e as Error).message).split('\n')[0]})`);
  }
  checkKeys(text, value);
  return { text, path, steps, value };
}

/** Every `--set` option as typed (none when the option is absent), parsed in order. */
export const parseAssignments = (texts: readonly string[] | undefined): Assignment[] => (texts ?? []).map(parseAssignment);

function parsePath(text: string, path: string, option: string): Step[] {
  if (path === '') fail(text, 'the path before "=" is empty', option);
  const steps: Step[] = [];
  const re = /([^.[\]]+)|\[([^\]]*)\]|(\.)/gy;
  let expectField = true;
  let m: RegExpExecArray | null;
  let at = 0;
  while (at < path.length) {
    re.lastIndex = at;
    m = re.exec(path);
    if (!m) fail(text, `cannot read the path ${show(path)} at ${show(path.slice(at))}`, option);
    at = re.lastIndex;
    if (m![1] !== undefined) {
      const name = m![1];
      if (!expectField) fail(text, `put a "." before the field ${show(name)}`, option);
      if (!NAME.test(name)) fail(text, `${show(name)} is not a field name (letters, digits and _)`, option);
      if (FORBIDDEN.has(name)) fail(text, `${show(name)} is not allowed as a field name`, option);
      steps.push({ field: name });
      expectField = false;
    } else if (m![2] !== undefined) {
      if (expectField) fail(text, 'a [selector] must follow a field name, e.g. estates[0]', option);
      const inner = m![2].trim();
      if (/^\d+$/.test(inner)) steps.push({ index: Number(inner) });
      else {
        const e = inner.indexOf('=');
        const key = e < 0 ? '' : inner.slice(0, e).trim();
        if (e < 0 || !NAME.test(key) || FORBIDDEN.has(key))
          fail(text, `the selector [${inner}] must be an index ([0]) or field=value ([lever=extension])`, option);
        steps.push({ where: key, equals: inner.slice(e + 1).trim() });
      }
    } else {
      if (expectField) fail(text, `the path ${show(path)} has an empty field name`, option);
      expectField = true;
    }
  }
  if (expectField) fail(text, `the path ${show(path)} ends with "."`, option);
  return steps;
}

/** A value may not carry keys that reach a prototype. */
function checkKeys(text: string, v: unknown): void {
  const stack: unknown[] = [v];
  while (stack.length) {
    const x = stack.pop();
    if (typeof x !== 'object' || x === null) continue;
    for (const k of Object.keys(x)) {
      if (FORBIDDEN.has(k)) fail(text, `the key ${show(k)} is not allowed`);
      stack.push((x as Record<string, unknown>)[k]);
    }
  }
}

type Mapping = Record<string, unknown>;
const isMapping = (v: unknown): v is Mapping => typeof v === 'object' && v !== null && !Array.isArray(v);
const own = (o: object, k: string) => Object.hasOwn(o, k);

/** The path of the first `n` steps, as messages write it. */
function shown(steps: Step[], n: number): string {
  let s = '';
  for (const st of steps.slice(0, n)) {
    if ('field' in st) s += s ? `.${st.field}` : st.field;
    else if ('index' in st) s += `[${st.index}]`;
    else s += `[${st.where}=${st.equals}]`;
  }
  return s;
}

/**
 * Apply the assignments, in order, to a merged scenario mapping (changed in place). Returns, for
 * each, the concrete path it set (`policies[2].factor` for `policies[lever=extension].factor`),
 * so that messages about the value can name `--set`.
 */
export function applyAssignments(data: Mapping, assignments: readonly Assignment[]): string[] {
  return assignments.map((a) => applyOne(data, a));
}

/**
 * As `applyAssignments`, but an assignment whose list item does not exist in this scenario
 * (`NoMatch`) is skipped: returns the concrete path set, or null, for each.
 */
export function applyWherePresent(data: Mapping, assignments: readonly Assignment[]): (string | null)[] {
  return assignments.map((a) => {
    const copy = structuredClone(data);
    try {
      const p = applyOne(copy, a);
      for (const k of Object.keys(data)) delete data[k];
      Object.assign(data, copy);
      return p;
    } catch (e) {
      if (e instanceof NoMatch) return null;
      throw e;
    }
  });
}

/**
 * How to add a lever, said when an assignment names an item of a scenario's `policies` and it
 * has none: the whole item with `--set`, made from what was typed (the lever of a
 * `[lever=…]` selector, else the first lever with the field named; the value given), so that it
 * can be copied as it is.
 */
function addLeverHint(data: Mapping, a: Assignment, k: number): string {
  const sel = a.steps[k + 1];
  const rest = a.steps.slice(k + 2);
  const field = rest.length === 1 && 'field' in rest[0]! ? rest[0].field : undefined;
  const levers = Object.keys(policySchema.variants) as (keyof typeof policySchema.variants)[];
  const lever =
    sel && 'where' in sel && sel.where === 'lever'
      ? sel.equals
      : ((field && levers.find((l) => field !== 'from' && Object.hasOwn(policySchema.variants[l].fields, field))) ?? 'extension');
  const from = typeof data.startYear === 'number' ? data.startYear + 1 : 2027;
  const raw = splitAssignment(a.text, a.option).raw.trim();
  const where = "(each lever's fields: docs/parameters.md; an example of each: scenarios/levers/), or write it in the scenario file";
  // a study (--vary, --param, --fit) varies a field of a lever the scenario has: it is added with --set
  if ((a.option ?? 'set') !== 'set')
    return `; the scenario has no policy levers: add one with --set, e.g. --set 'policies[0]={lever: ${lever}, from: ${from}}' ${where}, and --${a.option} its fields`;
  const fields = [`lever: ${lever}`, `from: ${field === 'from' ? raw : from}`, ...(field && field !== 'from' && field !== 'lever' ? [`${field}: ${raw}`] : [])];
  return `; the scenario has no policy levers: to add one, give the whole item, e.g. --set 'policies[0]={${fields.join(', ')}}' ${where}`;
}

function applyOne(data: Mapping, a: Assignment): string {
  let cur: unknown = data;
  let concrete = '';
  const { steps } = a;
  for (let k = 0; k < steps.length; k++) {
    const st = steps[k]!;
    const last = k === steps.length - 1;
    const next = steps[k + 1];
    const container = (): unknown => (next && !('field' in next) ? [{}] : {});
    if ('field' in st) {
      if (!isMapping(cur)) fail(a.text, `${shown(steps, k) || 'the scenario'} is ${show(cur)}, not a section with fields`, a.option);
      const m = cur as Mapping;
      concrete += concrete ? `.${st.field}` : st.field;
      if (last) {
        m[st.field] = structuredClone(a.value);
        return concrete;
      }
      if (!own(m, st.field) || m[st.field] === null || m[st.field] === undefined) {
        // a missing list is created by naming its [0] as a whole item (`policies[0]={…}`), or a
        // field of its [0] where its default holds one item (`estates[0].flats`), nothing else
        const wholeItem = k + 1 === steps.length - 1;
        const hint = k === 0 && st.field === 'policies' ? addLeverHint(data, a, k) : '';
        if (next && 'index' in next && (next.index !== 0 || (!wholeItem && (k > 0 || !LISTS_WITH_DEFAULT_ITEM.has(st.field)))))
          noMatch(a.text, `${concrete} is not in the scenario, so it has no item [${next.index}]${hint}`, a.option);
        if (next && 'where' in next) noMatch(a.text, `${concrete} is not in the scenario, so no item has ${next.where}=${next.equals}${hint}`, a.option);
        m[st.field] = container();
      }
      cur = m[st.field];
    } else {
      if (!Array.isArray(cur)) fail(a.text, `${shown(steps, k)} is ${show(cur)}, not a list`, a.option);
      const list = cur as unknown[];
      let i: number;
      // an empty list (`policies: []`) takes its [0] as a whole item, as a list the scenario does not write
      const emptyPolicies = list.length === 0 && k === 1 && shown(steps, k) === 'policies';
      if ('index' in st) {
        if (emptyPolicies && st.index === 0 && last) list.push(undefined);
        if (st.index >= list.length)
          noMatch(
            a.text,
            list.length === 0
              ? `${shown(steps, k)} is empty, so there is no [${st.index}]${emptyPolicies ? addLeverHint(data, a, k - 1) : ''}`
              : `${shown(steps, k)} has ${list.length} item(s) ([0] to [${list.length - 1}]), so there is no [${st.index}]`,
            a.option,
          );
        i = st.index;
      } else {
        const hits = list.flatMap((item, j) => (isMapping(item) && own(item, st.where) && String(item[st.where]) === st.equals ? [j] : []));
        if (hits.length === 0) {
          const have = list.flatMap((item) => (isMapping(item) && own(item, st.where) ? [String(item[st.where])] : []));
          noMatch(
            a.text,
            list.length === 0
              ? `${shown(steps, k)} is empty, so no item has ${st.where}=${st.equals}${emptyPolicies ? addLeverHint(data, a, k - 1) : ''}`
              : `no item of ${shown(steps, k)} has ${st.where}=${st.equals}${have.length ? ` (there: ${have.map((h) => `${st.where}=${h}`).join(', ')})` : ''}`,
            a.option,
          );
        }
        if (hits.length > 1)
          fail(
            a.text,
            `${hits.length} items of ${shown(steps, k)} have ${st.where}=${st.equals} (${hits.map((h) => `[${h}]`).join(', ')}); name one by its index`,
            a.option,
          );
        i = hits[0]!;
      }
      concrete += `[${i}]`;
      if (last) {
        list[i] = structuredClone(a.value);
        return concrete;
      }
      cur = list[i];
    }
  }
  return concrete;
}

/**
 * The value a scenario has at a path (read as `--set` would write it), or undefined when the
 * path names nothing there (a missing field, list item or selector match).
 */
export function readPath(data: unknown, steps: readonly Step[]): unknown {
  let cur: unknown = data;
  for (const st of steps) {
    if ('field' in st) {
      if (!isMapping(cur) || !own(cur, st.field)) return undefined;
      cur = cur[st.field];
    } else {
      if (!Array.isArray(cur)) return undefined;
      if ('index' in st) cur = cur[st.index];
      else {
        const hits = cur.filter((item) => isMapping(item) && own(item, st.where) && String(item[st.where]) === st.equals);
        if (hits.length !== 1) return undefined;
        cur = hits[0];
      }
    }
  }
  return cur;
}
