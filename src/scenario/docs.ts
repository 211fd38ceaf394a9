/**
 * Generated files derived from the scenario schema (`npm run schema` writes them; tests fail
 * when the committed copies are stale):
 *  - `scenarios/schema.json`: JSON Schema (draft 2020-12) for editors;
 *  - `docs/parameters.md`: the parameter reference, one table per section.
 * Output is deterministic: schema order, fixed formatting, a trailing newline.
 */
import { toJsonSchema, type ObjSchema, type Schema } from './dsl.js';
import { scenarioSchema } from './schema.js';

export const SCHEMA_PATH = 'scenarios/schema.json';
export const PARAMETERS_PATH = 'docs/parameters.md';
export const SCHEMA_ID = 'nabolag-scenario';

/** The JSON Schema of a scenario file, as committed in scenarios/schema.json. */
export function renderJsonSchema(): string {
  const body = toJsonSchema(scenarioSchema);
  const { properties, ...rest } = body;
  const out = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: SCHEMA_ID,
    title: 'nabolag scenario',
    ...rest,
    properties: {
      $schema: { type: 'string', description: 'The JSON Schema this file follows (for editors); ignored by nabolag.' },
      extends: {
        type: 'string',
        description:
          'Path of a scenario file this one builds on, relative to this file. Its fields are merged under this file\'s: mappings merge key by key, lists and single values here replace the parent\'s. The name is not inherited.',
      },
      ...(properties as Record<string, unknown>),
    },
  };
  return JSON.stringify(out, null, 2) + '\n';
}

interface Row {
  path: string;
  default: string;
  allowed: string;
  unit: string;
  meaning: string;
  source: string;
}
interface Table {
  level: number;
  heading: string;
  description: string;
  rows: Row[];
}

const code = (s: string) => '`' + s + '`';
/** A table cell: no line breaks, `|` escaped, and `<`/`>` escaped outside code spans (so `<name>` is not taken for HTML). */
const cell = (s: string) =>
  s
    .replace(/\r?\n/g, ' ')
    .split('`')
    .map((part, i) => (i % 2 ? part : part.replace(/</g, '&lt;').replace(/>/g, '&gt;')))
    .join('`')
    .replace(/\|/g, '\\|');
const NONE = '—';
const showDefault = (v: unknown): string => (v === undefined ? NONE : code(JSON.stringify(v)));

function range(min: number | undefined, max: number | undefined, exclusiveMin: boolean | undefined): string {
  if (min !== undefined && max !== undefined && !exclusiveMin) return `${min} to ${max}`;
  const lo = min === undefined ? '' : exclusiveMin ? `> ${min}` : `≥ ${min}`;
  const hi = max === undefined ? '' : `≤ ${max}`;
  return [lo, hi].filter(Boolean).join(', ') || 'any';
}

/** One row for a leaf (number, yes/no, choice, text, list of numbers); undefined for containers. */
function leafRow(s: Schema, path: string, optional: boolean, listDefault?: unknown): Row | undefined {
  const opt = optional ? 'optional; ' : '';
  switch (s.kind) {
    case 'num':
      return {
        path,
        default: showDefault(listDefault ?? s.default),
        allowed: opt + (s.integer ? 'whole number, ' : '') + range(s.min, s.max, s.exclusiveMin),
        unit: s.unit,
        meaning: s.description,
        source: s.source,
      };
    case 'bool':
      return { path, default: showDefault(s.default), allowed: opt + 'true, false', unit: 'yes/no', meaning: s.description, source: s.source ?? '—' };
    case 'enum':
      return { path, default: showDefault(s.default), allowed: opt + s.values.map(code).join(', '), unit: 'choice', meaning: s.description, source: s.source ?? '—' };
    case 'str':
      return {
        path,
        default: showDefault(s.default),
        allowed: opt + (s.pattern ? `text matching ${code(s.pattern)}` : 'text'),
        unit: 'text',
        meaning: s.description,
        source: '—',
      };
    case 'arr':
      if (s.items.kind === 'num') {
        const inner = leafRow(s.items, path, false, s.default)!;
        const count = s.minItems !== undefined && s.maxItems !== undefined ? `${s.minItems}-${s.maxItems}` : s.minItems !== undefined ? `at least ${s.minItems}` : 'any number of';
        return { ...inner, allowed: `${opt}list of ${count} numbers, each ${inner.allowed}`, meaning: s.description };
      }
      return undefined;
    case 'opt':
      return leafRow(s.inner, path, true, listDefault);
    default:
      return undefined;
  }
}

/** The tables of a mapping: its own leaves, then one table per nested section. */
function tablesOf(s: ObjSchema, path: string, heading: string, level: number, description: string, childLevel = level + 1): Table[] {
  const own: Table = { level, heading, description, rows: [] };
  const nested: Table[] = [];
  const join = (k: string) => (path ? `${path}.${k}` : k);
  for (const [k, f] of Object.entries(s.fields)) {
    const row = leafRow(f, join(k), false);
    if (row) {
      own.rows.push(row.default === NONE && f.kind !== 'opt' ? { ...row, default: 'required' } : row);
      continue;
    }
    nested.push(...sectionTables(f, join(k), childLevel, false));
  }
  return [own, ...nested];
}

function sectionTables(s: Schema, path: string, level: number, optional: boolean): Table[] {
  const note = optional ? ' Optional section: leave it out to switch it off.' : '';
  switch (s.kind) {
    case 'obj':
      return tablesOf(s, path, code(path), level, s.description + note);
    case 'opt':
      return sectionTables(s.inner, path, level, true);
    case 'arr': {
      const items = s.items;
      const list = `${s.description} A list${s.minItems ? ` of at least ${s.minItems}` : ''}${s.maxItems ? ` (at most ${s.maxItems})` : ''}; each entry has the fields below.${note}`;
      if (items.kind === 'obj') return tablesOf(items, `${path}[]`, code(path), level, `${list} ${items.description}`);
      if (items.kind === 'tagged') {
        const head: Table = { level, heading: code(path), description: `${list} ${items.description} Each entry names its kind in \`${items.tag}\`.`, rows: [] };
        const variants = Object.entries(items.variants).flatMap(([name, v]) =>
          tablesOf(v, `${path}[]`, `${code(path)} with ${code(`${items.tag}: ${name}`)}`, level + 1, v.description),
        );
        return [head, ...variants];
      }
      return [];
    }
    case 'map':
      if (s.items.kind === 'obj') return tablesOf(s.items, `${path}.<name>`, code(path), level, s.description + note);
      return [];
    default:
      return [];
  }
}

/** The parameter reference, as committed in docs/parameters.md. */
export function renderParameterDocs(): string {
  const tables = tablesOf(scenarioSchema, '', 'Top level', 2, scenarioSchema.description, 2);
  const lines: string[] = [
    '<!-- Generated by `npm run schema` from src/scenario/schema.ts: do not edit by hand. -->',
    '# Scenario parameters',
    '',
    '_This file is generated by `npm run schema` from `src/scenario/schema.ts` and must not be edited by hand; a test fails when it is stale._',
    '',
    'Every field a scenario file may set, with its default, the values allowed, its unit, what it means and where the default comes from. ' +
      '`estates[]` stands for each entry of the list `estates`. Fields left out take their default. ' +
      'Sources are cited by short name; the abbreviations are explained at the top of `src/scenario/schema.ts` and in `docs/ODD.md`.',
    '',
    'Besides these fields, a file may set `extends: <path>` (a scenario file to build on, relative to this one; mappings merge, lists and values replace) ' +
      'and `$schema` (for editors; ignored). When `name` is not set in the file itself, it is the file\'s name without extension.',
  ];
  for (const t of tables) {
    lines.push('', `${'#'.repeat(t.level)} ${t.heading}`, '', cell(t.description));
    if (!t.rows.length) continue;
    lines.push('', '| Path | Default | Allowed | Unit | Meaning | Source |', '| --- | --- | --- | --- | --- | --- |');
    for (const r of t.rows) {
      lines.push(`| ${[code(r.path), r.default, r.allowed, r.unit, r.meaning, r.source].map(cell).join(' | ')} |`);
    }
  }
  return lines.join('\n') + '\n';
}
