/**
 * Generated files derived from the scenario schema (`npm run schema` writes them; tests fail
 * when the committed copies are stale):
 *  - `scenarios/schema.json`: JSON Schema (draft 2020-12) for editors;
 *  - `docs/parameters.md`: the parameter reference, one table per section;
 *  - `docs/metrics.md`: the output reference (every metric of `METRICS`, the columns of
 *    metrics.csv and moves.csv, and the codes written in moves.csv).
 * Output is deterministic: schema order, fixed formatting, a trailing newline.
 */
import { toJsonSchema, type ObjSchema, type Schema } from '../scenario/dsl.js';
import { scenarioSchema } from '../scenario/schema.js';
import { type Channel, CHANNELS, type Kind, KINDS, LIST_STATUS_NAMES, type Reason, REASONS, EXIT_REASONS } from '../model/codes.js';
import { METRICS, type MetricKind } from '../model/reporters.js';
import { METRICS_HEADER, MOVES_HEADER, SCHELLING_COLUMNS } from '../engine/tables.js';

export const SCHEMA_PATH = 'scenarios/schema.json';
export const PARAMETERS_PATH = 'docs/parameters.md';
export const METRICS_PATH = 'docs/metrics.md';
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
          "Path of a scenario file this one builds on, relative to this file. Its fields are merged under this file's: mappings merge key by key, lists and single values here replace the parent's. The name is not inherited.",
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
      return {
        path,
        default: showDefault(s.default),
        allowed: opt + s.values.map(code).join(', '),
        unit: 'choice',
        meaning: s.description,
        source: s.source ?? '—',
      };
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
        const count =
          s.minItems !== undefined && s.maxItems !== undefined
            ? `${s.minItems}-${s.maxItems}`
            : s.minItems !== undefined
              ? `at least ${s.minItems}`
              : 'any number of';
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
        const head: Table = {
          level,
          heading: code(path),
          description: `${list} ${items.description} Each entry names its kind in \`${items.tag}\`.`,
          rows: [],
        };
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
      "and `$schema` (for editors; ignored). When `name` is not set in the file itself, it is the file's name without extension.",
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

// ---------------------------------------------------------------------------------------------
// The output reference (docs/metrics.md)
// ---------------------------------------------------------------------------------------------

/** What the kinds of metric mean, and how the yearly summary treats them. */
export const METRIC_KIND_DOCS: Record<MetricKind, string> = {
  stock: 'A count at the end of the month. The yearly summary takes the value at the end of the year (December).',
  share: 'A ratio at the end of the month. The yearly summary takes the value at the end of the year (December).',
  level: 'An index or code at the end of the month. The yearly summary takes the value at the end of the year (December).',
  flow: 'A count of events during the month. The yearly summary sums the twelve months of the year.',
};

/** The columns of metrics.csv that are not metrics (exhaustive: rendering fails on a new one). */
export const METRICS_KEY_COLUMN_DOCS: Record<string, { unit: string; description: string }> = {
  replication: { unit: 'index', description: 'Replication number, 0-based.' },
  seed: { unit: 'seed', description: 'Random seed of the replication, derived from the scenario `seed` and the replication number (see manifest.json).' },
  month: { unit: 'month', description: 'Simulated month: 0 is the initial state, 1 is January of `startYear`, 12 is its December.' },
  year: { unit: 'calendar year', description: 'Calendar year of the month (month 0 belongs to `startYear`).' },
  estate: {
    unit: 'text',
    description:
      'Estate name (copies are named name-1, name-2, ...), or `region` for the sum over all estates when there are several. In a region row, stocks and flows are summed, `image`, `socialProblems` and `crime` are household-weighted means and the list status is the most severe of the estates.',
  },
  listStatus: { unit: 'text', description: `Name of the list status in \`listStatusCode\`: ${LIST_STATUS_NAMES.map((n) => '`' + n + '`').join(', ')}.` },
};

/** The columns of moves.csv (exhaustive: rendering fails on a new one). */
export const MOVES_COLUMN_DOCS: Record<string, string> = {
  replication: 'Replication number, 0-based (as in metrics.csv).',
  month: 'Simulated month of the move (1 = January of `startYear`). Initial residents are not logged as moves.',
  year: 'Calendar year of the move.',
  household:
    'Household id, unique within a replication. A household keeps its id over internal moves, and a household displaced by demolition or moving to another estate of the region keeps it when it moves in again (its `out` and `in` rows share the id).',
  kind: 'What kind of move (see "Kinds of move" below).',
  reason: 'For `in`: the letting channel (see "Letting channels"). For `out`, `internal` and `formed`: the reason (see "Reasons").',
  stayMonths:
    'For `out` and `internal`: months since the household moved into the estate (internal moves do not reset it; a household formed in the estate counts from the childhood of its adult; a household that moved in through `relocation` or `region` from that move). 0 for `in` and `formed`.',
  resourceStrong: '1 if the household is resource-strong at the move (an adult in work or education), else 0.',
  familyWithChildren: '1 if the household has a child under 18 at home at the move, else 0.',
  fromFlat:
    'Flat index (0-based over the whole region) the household left; empty for `in` and `formed`, except an `in` move through `relocation` or `region`, where it is the flat the household left (in its old estate).',
  toFlat: 'Flat index the household moved into; empty for `out`.',
  estate: 'Estate of the move: the estate left for `out`, the estate entered for `in`, `internal` and `formed`.',
  strongFamilyAtStart:
    '1 on every row of a household that was a resource-strong family with children living in the estates at month 0 (whatever it is at the move), else 0: the residents whose exits pattern P5 follows (docs/ODD.md). Always 0 in Schelling runs.',
};

export const KIND_DOCS: Record<Kind, string> = {
  in: 'A household from outside the estate (a newcomer, or a household from another estate of the region) moved into a vacant flat.',
  out: 'A household left its flat and the estate (or was dissolved by death, or displaced by demolition); the flat fell vacant or was demolished.',
  internal:
    'A household moved from one flat to another inside the estate (internal waiting list, sale to a resident, swap, rehousing out of a flat designated for merging; in the Schelling mode, a move to an empty cell).',
  formed: 'A new household formed inside the estate (a grown child or a separated partner) took a vacant flat through the internal waiting list.',
};

export const CHANNEL_DOCS: Record<Channel, string> = {
  municipal: 'Municipal allocation (kommunal anvisning, almenboligloven § 59).',
  flexible: 'Flexible letting by work or education criteria (§ 60).',
  internal: 'Internal waiting list (not written for `in` moves: internal lettings are `internal` or `formed` moves).',
  external: 'External waiting list.',
  sale: 'Sale of an owner-occupied or co-op unit to an outside buyer.',
  relocation: 'Rehousing of a household whose flat was demolished (demolition lever), into a vacancy of the region.',
  region:
    'A household that left another estate of the region (for space, a garden, dissatisfaction, safety, stigma or other reasons) and applied here through the waiting list; fromFlat is its old flat.',
};

export const REASON_DOCS: Record<Reason, string> = {
  space: 'The flat was too small (more persons than rooms, or a family wanting one more room).',
  garden: 'To get a garden.',
  ownership: 'To own a home.',
  partnership: 'Forming a partnership (moving to the partner) or a break-up (the household leaves).',
  dissatisfaction: 'Dissatisfaction with the flat, social life or local institutions (rises with social problems and a fallen image).',
  safety: 'Crime and worry for the children (families with children).',
  stigma: 'The stigma of living in a listed area (families with children).',
  job: 'A job elsewhere.',
  death: 'The last adult of the household died.',
  other: 'Other reasons.',
  demolition:
    'Move-outs: the flat was demolished (demolition lever); the household waits to be rehoused in the region (a later `in` move through `relocation` with the same household id) or leaves. Internal moves: a tenant of a flat designated for merging (larger-flats lever) was rehoused in the estate.',
  swap: 'A swap of flats between two households (internal moves only).',
  childLeftHome: 'A grown child from the estate formed their own household (formed households only).',
  breakup: 'A partner who left after a break-up formed their own household (formed households only).',
  neighbours: 'Schelling mode: too few neighbours of the own group (internal moves only).',
};

/** The output reference, as committed in docs/metrics.md. */
export function renderMetricDocs(): string {
  const row = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`;
  const lines: string[] = [
    '<!-- Generated by `npm run schema` from src/model/reporters.ts, src/model/codes.ts and src/tools/docs.ts: do not edit by hand. -->',
    '# Outputs: metrics and moves',
    '',
    '_This file is generated by `npm run schema` and must not be edited by hand; a test fails when it is stale._',
    '',
    'Every run writes `metrics.csv` (one row per replication, month and estate) and, unless `output.moves` is false, `moves.csv` (one row per move). ' +
      '`summary.json` holds the same metrics as the mean and the 5-95% band over replications per year. The model behind the numbers is described in `docs/ODD.md`; the scenario parameters in `docs/parameters.md`.',
    '',
    '## Kinds of metric',
    '',
    '| Kind | Meaning |',
    '| --- | --- |',
    ...(Object.keys(METRIC_KIND_DOCS) as MetricKind[]).map((k) => row([code(k), METRIC_KIND_DOCS[k]])),
    '',
    '## `metrics.csv`',
    '',
    `The columns in order (${METRICS_HEADER.length} in all). The metric columns are also the keys of \`summary.json\`.`,
    '',
    '| Column | Unit | Kind | Description |',
    '| --- | --- | --- | --- |',
  ];
  const byName = new Map(METRICS.map((m) => [m.name, m]));
  for (const col of METRICS_HEADER) {
    const m = byName.get(col);
    if (m) {
      lines.push(row([code(m.name), m.unit, m.kind, m.description]));
      continue;
    }
    const k = METRICS_KEY_COLUMN_DOCS[col];
    if (!k) throw new Error(`metrics.csv column ${col} has no description in METRICS_KEY_COLUMN_DOCS (src/tools/docs.ts)`);
    lines.push(row([code(col), k.unit, '—', k.description]));
  }
  for (const c of SCHELLING_COLUMNS) lines.push(row([code(c.name), c.unit, 'share', c.description]));
  lines.push(
    '',
    `The last ${SCHELLING_COLUMNS.length} columns are there only when the run has a Schelling scenario (\`schelling\` section; one row per step); the other columns are always there.`,
  );
  lines.push(
    '',
    '## `moves.csv`',
    '',
    'One row per move, in the order the moves happened within each replication. ' +
      `A move-out (\`out\`) carries one of the exit reasons ${EXIT_REASONS.map(code).join(', ')}.`,
    '',
    '| Column | Description |',
    '| --- | --- |',
  );
  for (const col of MOVES_HEADER) {
    const d = MOVES_COLUMN_DOCS[col];
    if (!d) throw new Error(`moves.csv column ${col} has no description in MOVES_COLUMN_DOCS (src/tools/docs.ts)`);
    lines.push(row([code(col), d]));
  }
  lines.push(row([code('group'), "Only when the run has a Schelling scenario: the mover's group (0 to `schelling.groups` - 1)."]));
  lines.push('', '### Kinds of move (`kind`)', '', '| Value | Meaning |', '| --- | --- |', ...KINDS.map((k) => row([code(k), KIND_DOCS[k]])));
  lines.push(
    '',
    '### Letting channels (`reason` of an `in` move)',
    '',
    '| Value | Meaning |',
    '| --- | --- |',
    ...CHANNELS.map((c) => row([code(c), CHANNEL_DOCS[c]])),
  );
  lines.push(
    '',
    '### Reasons (`reason` of `out`, `internal` and `formed` moves)',
    '',
    '| Value | Meaning |',
    '| --- | --- |',
    ...REASONS.map((r) => row([code(r), REASON_DOCS[r]])),
  );
  return lines.join('\n') + '\n';
}
