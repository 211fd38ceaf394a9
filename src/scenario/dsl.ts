/**
 * A tiny schema language for scenario files.
 *
 * One schema value is the single source of truth for:
 *  - the TypeScript type of a resolved scenario (`Infer<typeof schema>`),
 *  - validation with every problem reported (path, value, what is allowed),
 *  - defaults (a validated value has every default filled in),
 *  - the JSON Schema committed as `scenarios/schema.json` (editor autocompletion),
 *  - the parameter reference in `docs/parameters.md` (name, unit, meaning, source).
 *
 * Every number carries a unit and a source ("assumption" where there is none), so a model
 * parameter cannot be declared without saying what it is and where it comes from.
 *
 * @example
 *   const s = obj({ rate: num({ default: 0.1, min: 0, max: 1, unit: 'per year',
 *     description: 'Move-out rate', source: 'LBF 2019' }) }, { description: 'x' });
 *   validate(s, { rate: 2 }, 'a.yaml') // → issues: a.yaml: rate: 2 is above the maximum 1 …
 */
import { messages, type Issue } from './messages.js';

interface Meta {
  /** What the field means, in a sentence a planner understands. */
  description: string;
}

export interface NumSchema extends Meta {
  kind: 'num';
  default?: number;
  min?: number;
  max?: number;
  /** Minimum is exclusive (value must be greater than min). */
  exclusiveMin?: boolean;
  integer?: boolean;
  unit: string;
  /** A citation, or the word "assumption". */
  source: string;
  /**
   * A text is also accepted where it names one of these (e.g. "an estate's name"): the loader
   * turns the name into its number before validation (load.ts, `policies[].estate`); the validator
   * itself accepts only the number.
   */
  orName?: string;
}
export interface BoolSchema extends Meta {
  kind: 'bool';
  default?: boolean;
  source?: string;
}
export interface StrSchema extends Meta {
  kind: 'str';
  default?: string;
  pattern?: string;
  /** The pattern in words, for messages (e.g. 'letters, digits and "-"'). */
  patternText?: string;
  minLength?: number;
}
export interface EnumSchema<V extends string = string> extends Meta {
  kind: 'enum';
  values: readonly V[];
  default?: V;
  source?: string;
}
export interface ObjSchema<F extends Record<string, Schema> = Record<string, Schema>> extends Meta {
  kind: 'obj';
  fields: F;
  /** Fields that must be given by the user (no default). */
  required?: readonly string[];
  /** Fields that existed once and were removed: name → what to write instead (shown as the error). */
  removed?: Readonly<Record<string, string>>;
}
export interface ArrSchema<I extends Schema = Schema> extends Meta {
  kind: 'arr';
  items: I;
  default?: unknown[];
  minItems?: number;
  maxItems?: number;
}
/** A list of tagged variants, told apart by the value of `tag` (e.g. `lever`). */
export interface TaggedSchema<T extends string = string, V extends Record<string, ObjSchema> = Record<string, ObjSchema>> extends Meta {
  kind: 'tagged';
  tag: T;
  variants: V;
  /**
   * Other names a user may write for a variant (the Danish ones: `forlængelse`), lower case, with
   * single spaces: never accepted, only offered as the "did you mean" of a tag that is unknown.
   */
  aliases?: Readonly<Record<string, keyof V & string>>;
}
/** A map from user-chosen names to values of one schema. */
export interface MapSchema<I extends Schema = Schema> extends Meta {
  kind: 'map';
  items: I;
  default?: Record<string, unknown>;
}
/** A value that may be left out (stays undefined when absent). */
export interface OptSchema<I extends Schema = Schema> {
  kind: 'opt';
  inner: I;
}

export type Schema = NumSchema | BoolSchema | StrSchema | EnumSchema | ObjSchema | ArrSchema | TaggedSchema | MapSchema | OptSchema;

/** The resolved TypeScript type that a schema describes. */
export type Infer<S> = S extends NumSchema
  ? number
  : S extends BoolSchema
    ? boolean
    : S extends StrSchema
      ? string
      : S extends EnumSchema<infer V>
        ? V
        : S extends ObjSchema<infer F>
          ? { [K in keyof F]: Infer<F[K]> }
          : S extends ArrSchema<infer I>
            ? Infer<I>[]
            : S extends TaggedSchema<infer T, infer V>
              ? { [K in keyof V]: Infer<V[K]> & { [P in T]: K } }[keyof V]
              : S extends MapSchema<infer I>
                ? Record<string, Infer<I>>
                : S extends OptSchema<infer I>
                  ? Infer<I> | undefined
                  : never;

export const num = (s: Omit<NumSchema, 'kind'>): NumSchema => ({ kind: 'num', ...s });
export const int = (s: Omit<NumSchema, 'kind' | 'integer'>): NumSchema => ({ kind: 'num', integer: true, ...s });
/** A share between 0 and 1. */
export const share = (s: Omit<NumSchema, 'kind' | 'min' | 'max' | 'unit'> & { unit?: string }): NumSchema => ({
  kind: 'num',
  min: 0,
  max: 1,
  unit: 'share (0-1)',
  ...s,
});
export const bool = (s: Omit<BoolSchema, 'kind'>): BoolSchema => ({ kind: 'bool', ...s });
export const str = (s: Omit<StrSchema, 'kind'>): StrSchema => ({ kind: 'str', ...s });
export const oneOf = <const V extends string>(values: readonly V[], s: Omit<EnumSchema<V>, 'kind' | 'values'>): EnumSchema<V> => ({
  kind: 'enum',
  values,
  ...s,
});
export const obj = <F extends Record<string, Schema>>(fields: F, s: Omit<ObjSchema<F>, 'kind' | 'fields'>): ObjSchema<F> => ({
  kind: 'obj',
  fields,
  ...s,
});
export const arr = <I extends Schema>(items: I, s: Omit<ArrSchema<I>, 'kind' | 'items'>): ArrSchema<I> => ({
  kind: 'arr',
  items,
  ...s,
});
export const tagged = <const T extends string, V extends Record<string, ObjSchema>>(
  tag: T,
  variants: V,
  s: Meta & { aliases?: Readonly<Record<string, keyof V & string>> },
): TaggedSchema<T, V> => ({
  kind: 'tagged',
  tag,
  variants,
  ...s,
});
export const map = <I extends Schema>(items: I, s: Omit<MapSchema<I>, 'kind' | 'items'>): MapSchema<I> => ({
  kind: 'map',
  items,
  ...s,
});
export const opt = <I extends Schema>(inner: I): OptSchema<I> => ({ kind: 'opt', inner });

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Keys that are never field names: on an ordinary object they reach its prototype (or
 * Object.prototype) instead of a field of their own. Refused in scenario files at any depth.
 */
export const FORBIDDEN_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype'];
export const isForbiddenKey = (k: string): boolean => FORBIDDEN_KEYS.includes(k);
/** The value of an own property; never one inherited from a prototype (`toString`, ...). */
const own = (o: Record<string, unknown>, k: string): unknown => (Object.hasOwn(o, k) ? o[k] : undefined);

/**
 * The fields of a mapping's sub-mappings named `key` (`population.familyShare` for a
 * `familyShare` written one level too high in an estate), joined as a hint: `a.key" or "b.key`
 * (the message quotes it), or undefined.
 */
function oneLevelDown(s: ObjSchema, key: string): string | undefined {
  const found = Object.entries(s.fields)
    .filter(([, f]) => f.kind === 'obj' && Object.hasOwn(f.fields, key))
    .map(([name]) => `${name}.${key}`);
  return found.length ? found.join('" or "') : undefined;
}

/** Levenshtein distance, used for "did you mean" hints. */
export function editDistance(a: string, b: string): number {
  const al = a.toLowerCase();
  const bl = b.toLowerCase();
  const row = Array.from({ length: bl.length + 1 }, (_, j) => j);
  for (let i = 1; i <= al.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= bl.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (al[i - 1] === bl[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[bl.length]!;
}

/** The closest candidate to `word`, if it is close enough to be a plausible typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(word, c);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

const joinPath = (path: string, key: string | number): string => (typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key);

/** The default value a schema produces when the field is absent (undefined if none). */
export function defaultOf(s: Schema): unknown {
  switch (s.kind) {
    case 'num':
    case 'bool':
    case 'str':
    case 'enum':
      return s.default;
    case 'arr':
      return s.default === undefined ? undefined : structuredClone(s.default);
    case 'map':
      return s.default === undefined ? undefined : structuredClone(s.default);
    case 'obj': {
      const out: Record<string, unknown> = {};
      for (const [k, f] of Object.entries(s.fields)) {
        const d = defaultOf(f);
        if (d !== undefined) out[k] = d;
      }
      return out;
    }
    case 'tagged':
    case 'opt':
      return undefined;
  }
}

/**
 * Check `value` against `s`, filling defaults. Returns the resolved value and every issue found
 * (it does not stop at the first). `file` is named in every issue. `warnings`, when given,
 * receives what is allowed but likely not meant (`rentBase: 1.600`, read as 1.6).
 */
export function validate(s: Schema, value: unknown, file: string, path = '', written?: Written, warnings?: Issue[]): { value: unknown; issues: Issue[] } {
  const issues: Issue[] = [];
  const out = walk(s, value, path, file, issues, written, warnings);
  return { value: out, issues };
}

/**
 * A number's text as the user wrote it, by path, where the value does not say it: `1e400` is read
 * as Infinity, `1.000` as 1 (load.ts finds it in the file or the --set that gave it).
 */
export type Written = (path: string) => string | undefined;

/**
 * Digits in groups of three between points (`1.000`, `2.400.000`): how Danish writes thousands,
 * which YAML reads as a decimal point (1) or, with two points, as text.
 */
export const THOUSANDS_POINTS = /^[-+]?[1-9]\d{0,2}(\.\d{3})+$/;

/** Whether `n` is a value the number schema allows. */
function fits(s: NumSchema, n: number): boolean {
  if (!Number.isFinite(n) || (s.integer && !Number.isInteger(n))) return false;
  if (s.min !== undefined && (s.exclusiveMin ? n <= s.min : n < s.min)) return false;
  return s.max === undefined || n <= s.max;
}

/** A number as a scenario file writes it: no float noise (0.35, not 0.35000000000000003). */
const plain = (n: number): string => String(Number(n.toPrecision(12)));

/**
 * What a number field's refused value was likely meant to be, as `write 0.4 (why)`, when the
 * value the user likely meant is allowed: a decimal comma (`0,4`), a percentage for a share
 * (`40%`, `40 %`, or a whole 40: 1.2 is more likely a slip than 1.2%), a thousands separator
 * (`1.000`, `2.400.000`, `1 000`), a number in quotes (`"2027"`). `written`: the number's text
 * in the file, when YAML read it otherwise.
 */
export function numberHint(s: NumSchema, v: unknown, written?: string): string | undefined {
  // from 0 to 1: a share, or a multiplier such as a lever's factor (50% of the hazard is 0.5)
  const fromZeroToOne = s.max === 1 && (s.min ?? 0) >= 0;
  const isShare = fromZeroToOne && /\bshare\b/.test(s.unit);
  const zeroToOne = (t: string, n: number) => `${isShare ? 'a share is written' : 'written'} from 0 to 1: ${t} is ${plain(n)}`;
  const options: string[] = [];
  const offer = (n: number, why: string) => {
    if (fits(s, n)) options.push(`${plain(n)} (${why})`);
  };
  if (typeof v === 'string') {
    const t = v.trim();
    if (/^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(t)) offer(Number(t), 'without the quotes: in quotes it is a text');
    const pct = /^([-+]?\d+(?:[.,]\d+)?)\s*%$/.exec(t);
    if (pct) {
      const n = Number(pct[1]!.replace(',', '.'));
      if (fromZeroToOne) offer(n / 100, zeroToOne(t, n / 100));
      else offer(n, 'without "%"');
    }
    if (/^[-+]?\d+,\d+$/.test(t)) offer(Number(t.replace(',', '.')), 'with a decimal point, not a comma');
    const groups = /^([-+]?[1-9]\d{0,2})(?:([.,' \u00a0\u202f])\d{3})(?:\2\d{3})*$/.exec(t);
    if (groups) offer(Number(t.replace(/[.,' \u00a0\u202f]/g, '')), 'without a thousands separator');
  } else if (typeof v === 'number' && Number.isFinite(v)) {
    if (written !== undefined && THOUSANDS_POINTS.test(written.trim()))
      offer(Number(written.trim().replace(/\./g, '')), `without a thousands separator: YAML reads ${written.trim()} as ${v}`);
    // only a share: a multiplier of 5 is more likely a slip than 5%
    if (isShare && Number.isInteger(v) && v >= 2 && v <= 100) offer(v / 100, zeroToOne(`${plain(v)}%`, v / 100));
  }
  return options.length ? `write ${options.join(' or ')}` : undefined;
}

function walk(s: Schema, v: unknown, path: string, file: string, issues: Issue[], written?: Written, warnings?: Issue[]): unknown {
  if (s.kind === 'opt') return v === undefined || v === null ? undefined : walk(s.inner, v, path, file, issues, written, warnings);
  if (v === undefined) {
    const d = defaultOf(s);
    if (d === undefined) {
      issues.push(messages.missing(file, path, describeAllowed(s)));
      return undefined;
    }
    // Walk containers so that defaults inside them (e.g. the fields of a default estate) are filled.
    if (s.kind === 'obj' || s.kind === 'arr' || s.kind === 'map') return walk(s, d, path, file, issues, written, warnings);
    return d;
  }
  // A YAML section whose entries are all commented out (`population:`) is null: treat it as empty.
  if (v === null && s.kind === 'obj') return walk(s, {}, path, file, issues, written, warnings);
  switch (s.kind) {
    case 'num': {
      if (typeof v === 'number' && !Number.isFinite(v)) {
        issues.push(messages.notFinite(file, path, v, describeAllowed(s), written?.(path)));
        return s.default;
      }
      if (typeof v !== 'number') {
        issues.push(messages.wrongType(file, path, v, describeAllowed(s), numberHint(s, v)));
        return s.default;
      }
      const text = written?.(path)?.trim();
      const hint = () => numberHint(s, v, text);
      if (s.integer && !Number.isInteger(v)) issues.push(messages.notInteger(file, path, v, describeAllowed(s), hint()));
      if (s.min !== undefined && (s.exclusiveMin ? v <= s.min : v < s.min)) issues.push(messages.tooSmall(file, path, v, describeAllowed(s), hint()));
      if (s.max !== undefined && v > s.max) issues.push(messages.tooLarge(file, path, v, describeAllowed(s), hint()));
      // `flats: 10.000` is 10 to YAML and ten thousand to a Danish reader: both allowed, so a
      // whole number is refused (nobody writes a count with decimals) and any other number warned of
      if (fits(s, v) && text !== undefined && THOUSANDS_POINTS.test(text) && fits(s, Number(text.replace(/\./g, '')))) {
        if (s.integer) issues.push(messages.thousandsPoint(file, path, text, v));
        else warnings?.push(messages.thousandsPointWarning(file, path, text, v));
      }
      return v;
    }
    case 'bool':
      if (typeof v !== 'boolean') issues.push(messages.wrongType(file, path, v, describeAllowed(s)));
      return v;
    case 'str':
      if (typeof v !== 'string') {
        issues.push(messages.wrongType(file, path, v, describeAllowed(s)));
        return v;
      }
      if (s.minLength !== undefined && v.length < s.minLength) issues.push(messages.tooShort(file, path, v, describeAllowed(s)));
      if (s.pattern !== undefined && !new RegExp(s.pattern).test(v)) issues.push(messages.badPattern(file, path, v, describeAllowed(s)));
      return v;
    case 'enum':
      // a choice written as a bare number (`ruleSet: 2021`, `--set classification.ruleSet=2018`)
      // is read as YAML's number: it is the text of that choice, not another value
      if (typeof v === 'number' && Number.isFinite(v) && s.values.includes(String(v))) return String(v);
      if (typeof v !== 'string' || !s.values.includes(v)) {
        const hint = typeof v === 'string' ? closest(v, s.values) : undefined;
        issues.push(messages.notOneOf(file, path, v, describeAllowed(s), hint));
      }
      return v;
    case 'obj': {
      if (!isPlainObject(v)) {
        issues.push(messages.wrongType(file, path, v, describeAllowed(s)));
        return defaultOf(s);
      }
      // fields are matched as own properties only: `toString` or `constructor` is an unknown
      // field, never something read from Object.prototype
      const known = Object.keys(s.fields);
      for (const k of Object.keys(v)) {
        if (isForbiddenKey(k)) issues.push(messages.forbiddenKey(file, joinPath(path, k), k));
        else if (s.removed && Object.hasOwn(s.removed, k)) issues.push(messages.removedField(file, joinPath(path, k), s.removed[k]!));
        else if (!Object.hasOwn(s.fields, k)) issues.push(messages.unknownKey(file, joinPath(path, k), known, closest(k, known) ?? oneLevelDown(s, k)));
      }
      const entries: [string, unknown][] = [];
      for (const [k, f] of Object.entries(s.fields)) {
        const r = walk(f, own(v, k), joinPath(path, k), file, issues, written, warnings);
        if (r !== undefined) entries.push([k, r]);
      }
      // built in one go, not field by field: V8 turns an object that gets more than a dozen
      // fields one store at a time into a hash table, and the model reads some of these
      // objects (the letting section has 20 fields) in its inner loop
      return Object.fromEntries(entries);
    }
    case 'arr': {
      if (!Array.isArray(v)) {
        issues.push(messages.wrongType(file, path, v, describeAllowed(s)));
        return [];
      }
      if (s.minItems !== undefined && v.length < s.minItems) issues.push(messages.tooFewItems(file, path, v.length, s.minItems));
      if (s.maxItems !== undefined && v.length > s.maxItems) issues.push(messages.tooManyItems(file, path, v.length, s.maxItems));
      return v.map((item, i) => walk(s.items, item, joinPath(path, i), file, issues, written, warnings));
    }
    case 'map': {
      if (!isPlainObject(v)) {
        issues.push(messages.wrongType(file, path, v, describeAllowed(s)));
        return {};
      }
      const entries: [string, unknown][] = [];
      for (const [k, item] of Object.entries(v)) {
        if (isForbiddenKey(k)) issues.push(messages.forbiddenKey(file, joinPath(path, k), k));
        else entries.push([k, walk(s.items, item, joinPath(path, k), file, issues, written, warnings)]);
      }
      // fromEntries defines own properties: no key can set the prototype
      return Object.fromEntries(entries);
    }
    case 'tagged': {
      if (!isPlainObject(v)) {
        issues.push(messages.wrongType(file, path, v, describeAllowed(s)));
        return v;
      }
      const names = Object.keys(s.variants);
      const t = own(v, s.tag);
      if (typeof t !== 'string' || !Object.hasOwn(s.variants, t)) {
        const hint = typeof t === 'string' ? (closest(t, names) ?? aliasOf(s, t)) : undefined;
        issues.push(messages.notOneOf(file, joinPath(path, s.tag), t, `one of ${names.join(', ')}`, hint));
        return v;
      }
      const variant = s.variants[t]!;
      const rest: Record<string, unknown> = { ...v };
      delete rest[s.tag];
      const r = walk(variant, rest, path, file, issues, written, warnings) as Record<string, unknown>;
      return { [s.tag]: t, ...r };
    }
  }
}

/** The variant another name of it stands for (`Forlængelse`, `forlaengelse`: extension), if close. */
function aliasOf(s: TaggedSchema, t: string): string | undefined {
  if (!s.aliases) return undefined;
  const key = closest(
    t
      .toLowerCase()
      .replace(/[\s_-]+/g, ' ')
      .trim(),
    Object.keys(s.aliases),
  );
  return key === undefined ? undefined : s.aliases[key];
}

/** A short human description of what a schema allows, used in error messages. */
export function describeAllowed(s: Schema): string {
  switch (s.kind) {
    case 'num': {
      const what = s.integer ? 'a whole number' : 'a number';
      const lo = s.min === undefined ? '' : s.exclusiveMin ? `greater than ${s.min}` : `at least ${s.min}`;
      const hi = s.max === undefined ? '' : `at most ${s.max}`;
      const range = [lo, hi].filter(Boolean).join(' and ');
      return `${what}${range ? ' ' + range : ''} (${s.unit})${s.orName ? `, or ${s.orName}` : ''}`;
    }
    case 'bool':
      return 'true or false';
    case 'str':
      return s.pattern ? `a text matching ${s.pattern}${s.patternText ? ` (${s.patternText})` : ''}` : 'a text';
    case 'enum':
      return `one of ${s.values.join(', ')}`;
    case 'obj':
      return 'a mapping of fields (key: value)';
    case 'arr':
      return 'a list';
    case 'map':
      return 'a mapping from names to entries';
    case 'tagged':
      return `a mapping with "${s.tag}" set to one of ${Object.keys(s.variants).join(', ')}`;
    case 'opt':
      return describeAllowed(s.inner);
  }
}

/** JSON Schema (draft 2020-12) for a schema, for editors. */
export function toJsonSchema(s: Schema): Record<string, unknown> {
  switch (s.kind) {
    case 'num': {
      const o: Record<string, unknown> = {
        type: s.integer ? 'integer' : 'number',
        description: `${s.description} Unit: ${s.unit}. Source: ${s.source}.`,
      };
      if (s.min !== undefined) o[s.exclusiveMin ? 'exclusiveMinimum' : 'minimum'] = s.min;
      if (s.max !== undefined) o.maximum = s.max;
      if (s.default !== undefined) o.default = s.default;
      if (!s.orName) return o;
      const { description, ...number } = o;
      return { description, anyOf: [number, { type: 'string', minLength: 1, description: s.orName }] };
    }
    case 'bool':
      return { type: 'boolean', description: s.description, ...(s.default !== undefined ? { default: s.default } : {}) };
    case 'str':
      return {
        type: 'string',
        description: s.description,
        ...(s.pattern ? { pattern: s.pattern } : {}),
        ...(s.minLength !== undefined ? { minLength: s.minLength } : {}),
        ...(s.default !== undefined ? { default: s.default } : {}),
      };
    case 'enum':
      return { enum: [...s.values], description: s.description, ...(s.default !== undefined ? { default: s.default } : {}) };
    case 'obj':
      return {
        type: 'object',
        description: s.description,
        additionalProperties: false,
        properties: Object.fromEntries(Object.entries(s.fields).map(([k, f]) => [k, toJsonSchema(f)])),
        ...(s.required?.length ? { required: [...s.required] } : {}),
      };
    case 'arr':
      return {
        type: 'array',
        description: s.description,
        items: toJsonSchema(s.items),
        ...(s.minItems !== undefined ? { minItems: s.minItems } : {}),
        ...(s.maxItems !== undefined ? { maxItems: s.maxItems } : {}),
      };
    case 'map':
      return { type: 'object', description: s.description, additionalProperties: toJsonSchema(s.items) };
    case 'tagged':
      return {
        description: s.description,
        oneOf: Object.entries(s.variants).map(([name, v]) => {
          const js = toJsonSchema(v);
          const props = js.properties as Record<string, unknown>;
          return {
            ...js,
            properties: { [s.tag]: { const: name, description: v.description }, ...props },
            required: [s.tag, ...((js.required as string[] | undefined) ?? [])],
          };
        }),
      };
    case 'opt':
      return toJsonSchema(s.inner);
  }
}

/** Every numeric leaf with its dotted path: the rows of the parameter reference. */
export function numericLeaves(s: Schema, path = ''): { path: string; schema: NumSchema }[] {
  switch (s.kind) {
    case 'num':
      return [{ path, schema: s }];
    case 'obj':
      return Object.entries(s.fields).flatMap(([k, f]) => numericLeaves(f, joinPath(path, k)));
    case 'arr':
      return numericLeaves(s.items, `${path}[]`);
    case 'map':
      return numericLeaves(s.items, `${path}.<name>`);
    case 'opt':
      return numericLeaves(s.inner, path);
    case 'tagged':
      return Object.entries(s.variants).flatMap(([name, v]) => numericLeaves(v, `${path}[${s.tag}=${name}]`));
    default:
      return [];
  }
}
