/**
 * A scenario file's text to data, with no file system: the extension check, YAML or JSON
 * parsing with the syntax message and line, the empty-file and not-a-mapping messages, and the
 * limits on nesting and keys (load.ts, which reads the file and follows `extends`, and the
 * studio page, which is handed the text of a file the user opens, both use it, so both give the
 * same messages).
 */
import { type CST, LineCounter, Parser, isMap, isScalar, isSeq, parseDocument } from '../yaml.js';
import { yamlErrorPlaces } from './yaml-errors.js';
import { isForbiddenKey, THOUSANDS_POINTS } from './dsl.js';
import { type Issue, messages } from './messages.js';

export const SCENARIO_EXTENSIONS = ['.yaml', '.yml', '.json'] as const;
/**
 * Largest scenario file read, in bytes (16 MiB). The largest shipped scenario is a few KiB;
 * the limit keeps a mistaken path (a log, a data dump) from being read into memory whole.
 */
export const MAX_SCENARIO_FILE_BYTES = 16 * 1024 * 1024;
/**
 * Deepest nesting of lists and mappings in a scenario file (the top-level mapping is level 1).
 * The scenario schema needs 4 (`estates[0].population.households`); anything near the limit
 * is a mistake or an attack on the parsers, which recurse.
 */
export const MAX_NESTING_DEPTH = 64;

/** Why a file of `size` bytes is refused (undefined: it grew past the limit while read). */
export const tooBig = (size: number | undefined, limit = MAX_SCENARIO_FILE_BYTES) =>
  `${size === undefined ? 'it holds' : `it is ${size.toLocaleString('en-US')} bytes,`} more than a scenario file may hold (at most ${limit.toLocaleString('en-US')} bytes${limit === MAX_SCENARIO_FILE_BYTES ? ', 16 MiB' : ''})`;

export type Mapping = Record<string, unknown>;
export const isMapping = (v: unknown): v is Mapping => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The Danish letters as they are written where only A-Z will do. */
const DANISH_ASCII: Record<string, string> = { æ: 'ae', ø: 'oe', å: 'aa', Æ: 'Ae', Ø: 'Oe', Å: 'Aa' };

/**
 * A file's base name (without folder and extension) made a safe scenario name: only the
 * characters a name allows (A-Z, digits, `_`, `-`, `.`), no leading dot or dash, so never `.` or
 * `..`, and no trailing dash. Danish letters are written as Danish writes them without (`Ølby` gives
 * `Oelby`), other Latin letters without their accents (`Café` gives `Cafe`), anything else as `-`.
 * A name whose letters are all of another script (`日本`) is `scenario-` and a hash of it (eight hex
 * digits), so that two such files do not share a name (and an output folder); one with no letter
 * or digit at all (`..`, `€`) is `scenario`.
 *
 * @example safeName('Ølstykke gård') // 'Oelstykke-gaard'
 */
export function safeName(base: string): string {
  const danish = base.replace(/[æøåÆØÅ]/g, (c) => DANISH_ASCII[c]!);
  const plain = danish.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  const safe = plain
    .replace(/[^A-Za-z0-9_.-]+/g, '-')
    .replace(/^[.-]+/, '')
    .replace(/-+$/, '');
  if (/[A-Za-z0-9]/.test(safe)) return safe;
  return /[\p{L}\p{N}]/u.test(base) ? `scenario-${fnv1a(base)}` : 'scenario';
}

/** FNV-1a of a string's UTF-16 code units, as eight hex digits (a short tag, not a checksum). */
function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/**
 * Parse a scenario file's text (`ext`: its extension, lower case, with the dot); the top level
 * must be a mapping. A byte-order mark is dropped.
 */
export function parseScenarioText(file: string, ext: string, text: string): { data: Mapping; text: string } | { issues: Issue[] } {
  if (!(SCENARIO_EXTENSIONS as readonly string[]).includes(ext)) return { issues: [messages.fileExtension(file, ext)] };
  let body = text;
  if (body.charCodeAt(0) === 0xfeff) body = body.slice(1);
  const parsed = ext === '.json' ? parseJson(file, body) : parseYaml(file, body);
  if ('issues' in parsed) return parsed;
  if (parsed.value === undefined) return { issues: [messages.fileEmpty(file)] };
  // before anything walks the value recursively (even a message showing it)
  const shape = checkShape(file, parsed.value);
  if (shape.length) return { issues: shape };
  if (!isMapping(parsed.value)) return { issues: [messages.notAMapping(file, parsed.value)] };
  return { data: parsed.value, text: body };
}

/**
 * Problems of the shape of parsed data, found without recursion: nesting deeper than
 * MAX_NESTING_DEPTH (one issue, then the walk stops) and every forbidden key. Only own
 * properties are looked at. The walk goes no deeper than the limit, so it ends even on data
 * that refers to itself.
 */
export function checkShape(file: string, root: unknown): Issue[] {
  const issues: Issue[] = [];
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: root, path: '', depth: 1 }];
  while (stack.length) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (depth > MAX_NESTING_DEPTH) return [messages.nestedTooDeep(file, topField(path), MAX_NESTING_DEPTH, shortPath(path))];
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: `${path}[${i}]`, depth: depth + 1 });
      continue;
    }
    const keys = Object.keys(value);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i]!;
      const p = path ? `${path}.${key}` : key;
      if (isForbiddenKey(key)) issues.push(messages.forbiddenKey(file, p, key));
      else stack.push({ value: (value as Mapping)[key], path: p, depth: depth + 1 });
    }
  }
  return issues;
}

/** The top-level field of a path (`a.b[0]` → `a`), where a problem deep inside is reported. */
const topField = (p: string): string => /^[^.[]*/.exec(p)![0];
/** A path cut to a length a one-line message can show. */
const shortPath = (p: string): string => (p.length > 60 ? p.slice(0, 57) + '...' : p);

/** `value` is undefined for an empty file (nothing but blanks and comments). */
function parseYaml(file: string, text: string): { value: unknown } | { issues: Issue[] } {
  const lineCounter = new LineCounter();
  // The YAML composer recurses on nesting: measure it first on the parser's tokens (made
  // without recursion), so that a deep file gets the nesting message, not a stack overflow.
  const deep = yamlTooDeep(text);
  if (deep !== undefined) {
    const before = text.slice(0, deep.offset);
    const line = before.split('\n').length;
    const col = deep.offset - before.lastIndexOf('\n');
    return { issues: [messages.nestedTooDeep(file, deep.field, MAX_NESTING_DEPTH, undefined, line, col)] };
  }
  // uniqueKeys off: a key given twice is found below, with the lines of both
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, version: '1.2', uniqueKeys: false });
  if (doc.errors.length) {
    return {
      issues: yamlErrorPlaces(text, doc.errors, lineCounter).map(({ error, place }) =>
        messages.yamlSyntax(
          file,
          place.line,
          place.col,
          // yaml says only that tabs are not allowed; an editor shows a tab as spaces, so say what to do
          (error.code === 'TAB_AS_INDENT' ? 'this line is indented with a tab; indent with spaces (YAML allows no tabs there)' : firstLine(error.message)) +
            place.note,
        ),
      ),
    };
  }
  if (doc.contents === null) return { value: undefined };
  const twice = yamlDuplicateKeys(doc.contents, lineCounter);
  if (twice.length) return { issues: twice.map((d) => messages.duplicateKey(file, d.path, d.key, d.first, d.again)) };
  try {
    return { value: doc.toJS({ maxAliasCount: 1000 }) };
  } catch (e) {
    return { issues: [messages.yamlSyntax(file, undefined, undefined, firstLine(String((e as Error).message ?? e)))] };
  }
}

/**
 * The offset of the first collection nested deeper than MAX_NESTING_DEPTH in YAML text, or
 * undefined. Counted on the tokens of yaml's parser (a state machine with its own stack, no
 * recursion), with an explicit stack here. Aliases are not followed: the nesting they add is
 * caught on the composed value (`checkShape`).
 */
function yamlTooDeep(text: string): { offset: number; field: string } | undefined {
  type Node = CST.Token | undefined;
  /** `field`: the top-level key the node is under, when it is a plain or quoted scalar. */
  const stack: { node: Node; depth: number; field: string }[] = [];
  const keyText = (k: Node): string =>
    k?.type === 'scalar' ? k.source : k?.type === 'single-quoted-scalar' || k?.type === 'double-quoted-scalar' ? k.source.slice(1, -1) : '';
  for (const token of new Parser().parse(text)) {
    if (token.type === 'document') stack.push({ node: token.value, depth: 0, field: '' });
    while (stack.length) {
      const { node, depth, field } = stack.pop()!;
      if (node === undefined) continue;
      if (node.type === 'block-map' || node.type === 'block-seq' || node.type === 'flow-collection') {
        if (depth + 1 > MAX_NESTING_DEPTH) return { offset: node.offset, field };
        for (const item of node.items) {
          const key = 'key' in item ? item.key : undefined;
          const under = depth === 0 ? keyText(key ?? undefined) : field;
          if (key) stack.push({ node: key, depth: depth + 1, field: under });
          if (item.value) stack.push({ node: item.value, depth: depth + 1, field: under });
        }
      }
    }
  }
  return undefined;
}

function parseJson(file: string, text: string): { value: unknown } | { issues: Issue[] } {
  if (text.trim() === '') return { value: undefined };
  try {
    const value: unknown = JSON.parse(text);
    // JSON.parse keeps the last of a key given twice; the user meant one of them
    const twice = jsonDuplicateKeys(text);
    if (twice.length) return { issues: twice.map((d) => messages.duplicateKey(file, d.path, d.key, d.first, d.again)) };
    return { value };
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
 * The text of every number in a YAML (or JSON) text that is not finite once read (`1e400`,
 * `-1e999`, `.inf`, `.nan`), or written with points between groups of three digits (`1.000`,
 * read as 1), by path as messages name it: a message quotes what the user wrote, not the
 * Infinity or the 1 it became.
 */
export function unreadNumbers(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const doc = parseDocument(text, { version: '1.2', uniqueKeys: false });
  const stack: { node: unknown; path: string }[] = [{ node: doc.contents, path: '' }];
  while (stack.length) {
    const { node, path } = stack.pop()!;
    if (isMap(node))
      for (const pair of node.items) {
        if (isScalar(pair.key)) stack.push({ node: pair.value, path: path ? `${path}.${String(pair.key.value)}` : String(pair.key.value) });
      }
    else if (isSeq(node)) for (const [i, item] of node.items.entries()) stack.push({ node: item, path: `${path}[${i}]` });
    else if (
      isScalar(node) &&
      typeof node.value === 'number' &&
      node.source !== undefined &&
      (!Number.isFinite(node.value) || THOUSANDS_POINTS.test(node.source))
    )
      out.set(path, node.source);
  }
  return out;
}

/**
 * Lists and mappings written in brackets whose commas are spaced unevenly, some followed by a
 * space and some between two digits (`[0,7, 1,2]`): the Danish decimal comma, which YAML reads as
 * two values (0 and 7). By path as messages name it, with the text (cut to one line's length) and
 * an example pair of digits. `[1,2,3]` (no spaces at all) is an ordinary list and not named.
 */
export function decimalCommasInBrackets(text: string): Map<string, { written: string; example: string }> {
  const out = new Map<string, { written: string; example: string }>();
  // most files have no digit, comma, digit at all: no second parse for them
  if (!/\d,\d/.test(text)) return out;
  const doc = parseDocument(text, { version: '1.2', uniqueKeys: false });
  type Ranged = { range?: [number, number, number]; source?: unknown };
  const stack: { node: unknown; path: string }[] = [{ node: doc.contents, path: '' }];
  while (stack.length) {
    const { node, path } = stack.pop()!;
    if (!isMap(node) && !isSeq(node)) continue;
    // the collection's own scalars in order (a mapping's keys and values), and the text between them
    const own = (isMap(node) ? node.items.flatMap((pair) => [pair.key, pair.value]) : node.items).filter((n) => isScalar(n));
    const range = (node as Ranged).range;
    if ((node as { flow?: boolean }).flow && range) {
      let tight: string | undefined;
      let spaced = false;
      for (let k = 0; k + 1 < own.length; k++) {
        const a = own[k] as Ranged | null;
        const b = own[k + 1] as Ranged | null;
        if (!isScalar(a) || !isScalar(b) || !a.range || !b.range) continue;
        const gap = text.slice(a.range[1], b.range[0]);
        if (/^,\s+$/.test(gap)) spaced = true;
        const as = String(a.source ?? '');
        const bs = String(b.source ?? '');
        if (gap === ',' && /\d$/.test(as) && /^\d/.test(bs)) tight ??= `${/\d+$/.exec(as)![0]},${/^\d+/.exec(bs)![0]}`;
      }
      if (tight !== undefined && spaced) {
        const written = text.slice(range[0], range[1]).replace(/\s+/g, ' ').trim();
        out.set(path, { written: written.length > 60 ? `${written.slice(0, 57)}...` : written, example: tight });
      }
    }
    if (isMap(node))
      for (const item of node.items) {
        if (isScalar(item.key)) stack.push({ node: item.value, path: path ? `${path}.${String(item.key.value)}` : String(item.key.value) });
      }
    else for (const [k, item] of node.items.entries()) stack.push({ node: item, path: `${path}[${k}]` });
  }
  return out;
}

/** A key given a second time in the same mapping: where the mapping is, the key, and the lines of both. */
interface DuplicateKey {
  path: string;
  key: string;
  first: Place;
  again: Place;
}

/** A place in the text, 1-based. */
interface Place {
  line: number;
  col: number;
}

/** A key appended to a path as messages write it. */
const pathWith = (path: string, key: string) => (path ? `${path}.${key}` : key);

/**
 * Every key given twice in one mapping of a YAML document parsed with `uniqueKeys: false`
 * (scalar keys, compared as the text they become, as they would be in the parsed data). The
 * walk has its own stack: the nesting was checked before.
 */
function yamlDuplicateKeys(root: unknown, lc: LineCounter): DuplicateKey[] {
  const out: DuplicateKey[] = [];
  const lineAt = (node: unknown) => {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    return range ? lc.linePos(range[0]) : { line: 0, col: 0 };
  };
  const stack: { node: unknown; path: string }[] = [{ node: root, path: '' }];
  while (stack.length) {
    const { node, path } = stack.pop()!;
    if (isMap(node)) {
      const seen = new Map<string, Place>();
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
        if (key === undefined) continue;
        const at = lineAt(pair.key);
        const first = seen.get(key);
        if (first === undefined) seen.set(key, at);
        else out.push({ path: shortPath(pathWith(path, key)), key, first, again: at });
        stack.push({ node: pair.value, path: pathWith(path, key) });
      }
    } else if (isSeq(node)) for (const [i, item] of node.items.entries()) stack.push({ node: item, path: `${path}[${i}]` });
  }
  return out.sort((a, b) => a.again.line - b.again.line || a.again.col - b.again.col);
}

/**
 * Every key given twice in one object of JSON text that JSON.parse accepted, in the order of the
 * text. A scan of the tokens with its own stack (the text is valid JSON, so an object's key is
 * the first text after its `{` or after a `,`); keys are compared as JSON.parse reads them
 * (`"a"` and `"\u0061"` are the same key).
 */
function jsonDuplicateKeys(text: string): DuplicateKey[] {
  type Frame = { object: true; keys: Map<string, Place>; key: string; expectKey: boolean } | { object: false; index: number };
  const out: DuplicateKey[] = [];
  const stack: Frame[] = [];
  const pathOf = () => {
    let p = '';
    for (const f of stack) p = f.object ? pathWith(p, f.key) : `${p}[${f.index}]`;
    return p;
  };
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') {
      line++;
      lineStart = i + 1;
    } else if (c === '{') stack.push({ object: true, keys: new Map(), key: '', expectKey: true });
    else if (c === '[') stack.push({ object: false, index: 0 });
    else if (c === '}' || c === ']') stack.pop();
    else if (c === ',') {
      const top = stack[stack.length - 1];
      if (top?.object) top.expectKey = true;
      else if (top) top.index++;
    } else if (c === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      const top = stack[stack.length - 1];
      if (top?.object && top.expectKey) {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        top.expectKey = false;
        const first = top.keys.get(key);
        const at = { line, col: i - lineStart + 1 };
        top.key = key;
        if (first === undefined) top.keys.set(key, at);
        else out.push({ path: shortPath(pathOf()), key, first, again: at });
      }
      i = end;
    }
  }
  return out;
}
