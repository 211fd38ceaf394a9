/**
 * `nabolag new <file> [--flats N] [--resource-strong S] [--preset P]`: write a commented
 * starting scenario that validates. Without `--preset` the file stands alone (every field not
 * written has its documented default); with one it `extends` the preset and repeats the fields
 * the preset gives its estate (lists are not merged, so an estate written without them would
 * drop them), with the changed ones marked. An existing file is never replaced (exit 2).
 */
import { type Stats, readdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, relative, sep } from 'node:path';
import { stringify } from '../yaml.js';
import type { NumSchema, Schema } from '../scenario/dsl.js';
import { defaultName, loadScenario, traceScenario } from '../scenario/load.js';
import { UserError, formatIssues, show } from '../scenario/messages.js';
import { REGION_ROW } from '../scenario/rules.js';
import { estateSchema, populationSchema, scenarioSchema } from '../scenario/schema.js';
import { PACKAGE_ROOT, VERSION } from '../version.js';
import { ArgsError, shellQuote, wholeNumberOption } from './args.js';
import type { Output } from './validate.js';

/** The presets `--preset` offers: the files in scenarios/presets/, by base name. */
export function presetNames(): string[] {
  return readdirSync(join(PACKAGE_ROOT, 'scenarios', 'presets'))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => basename(f, '.yaml'))
    .sort();
}

/** A path as YAML and the shells write it (forward slashes), relative to `from`'s folder. */
const relFrom = (from: string, to: string): string => {
  const r = relative(dirname(from), to).split(sep).join('/');
  return r.startsWith('.') ? r : `./${r}`;
};

/** Longest comment `about` writes; a longer first sentence is cut at a word, the rest in docs/parameters.md. */
const ABOUT_MAX = 90;

/** A field's description, cut to its first sentence (and that at a word when long), for a comment. */
const about = (s: Schema): string => {
  if (s.kind === 'opt') return about(s.inner);
  const first = s.description.replace(/`/g, '').split(/(?<=\.)\s/)[0]!;
  if (first.length <= ABOUT_MAX) return first;
  const cut = first.lastIndexOf(' ', ABOUT_MAX - 4);
  return `${first.slice(0, cut > 0 ? cut : ABOUT_MAX - 4).replace(/[,;:(]+$/, '')} ...`;
};

/** An estate's fields as written in a preset (not its defaults), as nested YAML lines with comments. */
function estateLines(fields: Record<string, unknown>, indent: string, changed: Map<string, string>, schema: Record<string, Schema>, prefix = ''): string[] {
  const lines: string[] = [];
  for (const [k, v] of Object.entries(fields)) {
    const given = schema[k];
    const s = given?.kind === 'opt' ? given.inner : given;
    const sub = s && s.kind === 'obj' ? s.fields : undefined;
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && sub) {
      lines.push(`${indent}${k}:`);
      lines.push(...estateLines(v as Record<string, unknown>, `${indent}  `, changed, sub, `${prefix}${k}.`));
      continue;
    }
    const text = `${indent}${k}: ${stringify(v, { lineWidth: 0, collectionStyle: 'flow' }).trimEnd()}`;
    const was = changed.get(prefix + k);
    const note = was !== undefined ? `yours (${was}): an assumption, say where it comes from` : s ? about(s) : '';
    lines.push(note ? `${text.padEnd(40)} # ${note}` : text);
  }
  return lines;
}

/** The fields of a resolved scenario's first estate that a file of its chain wrote (not defaults), nested. */
function writtenEstate(presetFile: string): Record<string, unknown> {
  const t = traceScenario(presetFile);
  if (!t.scenario || !t.trace) throw new UserError(formatIssues(t.issues), t.issues);
  const source = t.trace.source;
  const pick = (v: Record<string, unknown>, path: string): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      const p = `${path}.${k}`;
      if (x !== null && typeof x === 'object' && !Array.isArray(x)) {
        const inner = pick(x as Record<string, unknown>, p);
        if (Object.keys(inner).length) out[k] = inner;
      } else if (source(p) !== 'default') out[k] = x;
    }
    return out;
  };
  return pick(t.scenario.estates[0] as unknown as Record<string, unknown>, 'estates[0]');
}

export interface NewArgs {
  file: string;
  flats?: unknown;
  'resource-strong'?: unknown;
  preset?: string;
}

/** The text of the new scenario (checked by the caller after writing). */
export function newScenarioText(args: NewArgs): string {
  const file = args.file;
  const name = defaultName(file);
  // an estate's name may hold æ, ø, å and spaces: the file's own name, where it can
  const estateName = estateNameOf(file) ?? (name.toLowerCase() === REGION_ROW ? 'estate' : name);
  const flatsSpec = estateSchema.fields.flats as NumSchema;
  const flats = wholeNumberOption('flats', args.flats, flatsSpec.min ?? 1, flatsSpec.max ?? Number.MAX_SAFE_INTEGER);
  const share = shareOption('resource-strong', args['resource-strong']);
  const presets = presetNames();
  if (args.preset !== undefined && !presets.includes(args.preset))
    throw new ArgsError(`option --preset is ${show(args.preset)}, but must be one of ${presets.join(', ')}`);
  const schemaRef = relFrom(file, join(PACKAGE_ROOT, 'scenarios', 'schema.json'));
  // the commands it suggests are copied into a shell: a name with a space or a quote is quoted
  const word = shellQuote(file);
  const head = [
    `# yaml-language-server: $schema=${schemaRef}`,
    '#',
    `# A scenario written by \`nabolag new\` (nabolag ${VERSION}) as a start: edit it. Every field is optional;`,
    args.preset
      ? `# what is not written here comes from the preset "${args.preset}" (extends) or has its documented default.`
      : '# what is not written here has its documented default.',
    '# Every field, its unit, meaning and source: docs/parameters.md. Numbers marked "yours" are',
    '# assumptions you made: say where they come from.',
    '#',
    `#   nabolag validate --show ${word}    # every value, with where it came from`,
    `#   nabolag run ${word}                # 10 replications of 15 years, a report`,
    `#   nabolag compare ${word} other.yaml # against a variant, on the same random numbers`,
  ];
  const body: string[] = [];
  let estate: Record<string, unknown>;
  /** The fields given on the command line, with what they would have been. */
  const changed = new Map<string, string>();
  if (args.preset) {
    const presetFile = join(PACKAGE_ROOT, 'scenarios', 'presets', `${args.preset}.yaml`);
    const preset = loadScenario(presetFile);
    body.push(`extends: ${relFrom(file, presetFile)}`);
    estate = writtenEstate(presetFile);
    const population = (estate.population ?? {}) as Record<string, unknown>;
    const was = preset.estates[0]!;
    if (flats !== undefined) changed.set('flats', `the preset: ${was.flats}`);
    if (share !== undefined) changed.set('population.resourceStrongShare', `the preset: ${was.population.resourceStrongShare}`);
    estate = { ...estate, name: estateName, ...(flats !== undefined ? { flats } : {}) };
    if (share !== undefined) estate.population = { ...population, resourceStrongShare: share };
    body.push(`name: ${yamlScalar(name)}`);
    body.push(
      `description: ${stringify(describe(name, flats ?? preset.estates[0]!.flats, share ?? preset.estates[0]!.population.resourceStrongShare, args.preset), { lineWidth: 0 }).trimEnd()}`,
    );
  } else {
    const defaults = { flats: flatsSpec.default!, share: (populationSchema.fields.resourceStrongShare as NumSchema).default! };
    estate = { name: estateName, flats: flats ?? defaults.flats, population: { resourceStrongShare: share ?? defaults.share } };
    if (flats !== undefined) changed.set('flats', `default ${defaults.flats}`);
    if (share !== undefined) changed.set('population.resourceStrongShare', `default ${defaults.share}`);
    body.push(`name: ${yamlScalar(name)}`);
    body.push(`description: ${stringify(describe(name, flats ?? defaults.flats, share ?? defaults.share), { lineWidth: 0 }).trimEnd()}`);
  }
  // the preset's values (they may differ from the defaults), else the defaults
  const given = args.preset ? loadScenario(join(PACKAGE_ROOT, 'scenarios', 'presets', `${args.preset}.yaml`)) : undefined;
  const top = (k: 'startYear' | 'years' | 'replications' | 'seed') => {
    const s = scenarioSchema.fields[k] as NumSchema;
    return `${`${k}: ${given ? given[k] : s.default}`.padEnd(40)} # ${about(s)}`;
  };
  body.push(top('startYear'), top('years'), top('replications'), top('seed'));
  body.push(
    'estates:',
    args.preset
      ? `  # the only estate: lists are not merged with the preset's, so it repeats every field the preset gives its estate`
      : '  # one estate (a region has several; see scenarios/regions/)',
    ...estateLines(estate, '    ', changed, estateSchema.fields).map((l, i) => (i === 0 ? `  - ${l.trimStart()}` : l)),
    '',
    '# Policy levers: remove the "# " of the lines below to try one. scenarios/levers/ has an',
    '# example of every lever; what each does is in docs/ODD.md. To see its effect, do it in a copy',
    `# (e.g. ${name}-with-lever.yaml, with its own name and description) and run`,
    `#   nabolag compare ${file} ${name}-with-lever.yaml`,
    '# policies:',
    '#   - lever: extension        # "forlængelse": resource-strong families stay longer',
    '#     from: 2027',
    '#     group: resourceStrongFamilies',
    '#     factor: 0.5             # their move-out hazards halved (an assumption: the size is the experiment)',
  );
  return [...head, ...body].join('\n') + '\n';
}

/** A text as a YAML scalar, quoted where plain it would read as something else (`1`, `true`, `-`). */
const yamlScalar = (text: string): string => stringify(text, { lineWidth: 0 }).trimEnd();

/** The estate name a file's base name gives, if it is a valid one as it stands (schema: letters with æ, ø, å, digits, spaces, "_", "-", "."). */
function estateNameOf(file: string): string | undefined {
  const base = basename(file, extname(file));
  const pattern = (estateSchema.fields.name as { pattern?: string }).pattern;
  return base.length > 0 && base.toLowerCase() !== REGION_ROW && pattern !== undefined && new RegExp(pattern).test(base) ? base : undefined;
}

function describe(name: string, flats: number, share: number, preset?: string): string {
  const pct = Math.round(share * 1000) / 10;
  return `${name}: ${flats} flats, ${pct}% resource-strong at the start${preset ? `, from the preset "${preset}"` : ''} (a stylised estate; the numbers are assumptions).`;
}

/** A share option: a number from 0 to 1 (or a percentage, "45%"). */
function shareOption(option: string, v: unknown): number | undefined {
  if (v === undefined) return undefined;
  const text = String(v).trim();
  const pct = text.endsWith('%');
  const n = text === '' || text === '%' ? Number.NaN : Number(pct ? text.slice(0, -1) : text) / (pct ? 100 : 1);
  if (!Number.isFinite(n) || n < 0 || n > 1) {
    // a decimal comma, as Danish writes 0,4: say what to write, as a scenario file's message does
    const comma = /^\d+,\d+%?$/.test(text) ? `; write ${text.replace(',', '.')} (with a decimal point, not a comma)` : '';
    throw new ArgsError(`option --${option} is ${show(v)}, but must be a share from 0 to 1 (e.g. 0.45) or a percentage (45%)${comma}`);
  }
  return n;
}

/** Why a file cannot be created in `dir` (ENOENT or ENOTDIR): the folder is missing, is a file, or takes no new files (/proc). */
function whyNoFolder(dir: string): string {
  let st: Stats;
  try {
    st = statSync(dir);
  } catch {
    return `the folder ${dir} does not exist`;
  }
  if (!st.isDirectory()) return `${dir} is a file, not a folder`;
  return `the folder ${dir} takes no new files (a system folder, such as /proc)`;
}

/**
 * Write the new scenario. Refused (exit 2): a file that exists (never replaced), a name not
 * ending in .yaml or .yml, a folder that does not exist. The file is checked as `nabolag
 * validate` would; a file that does not pass is removed (nabolag created it) and reported.
 */
export function newCommand(args: NewArgs, out: Output): void {
  const file = args.file;
  const ext = extname(file).toLowerCase();
  if (ext !== '.yaml' && ext !== '.yml') throw new ArgsError(`${file}: give a file name ending in .yaml or .yml, e.g. nabolag new my-estate.yaml`);
  const text = newScenarioText(args);
  try {
    writeFileSync(file, text, { flag: 'wx' }); // wx: fails if the file exists, never replaces it
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      // a folder of that name is not "the file", and is not removed to make room
      const folder = statSync(file, { throwIfNoEntry: false })?.isDirectory() === true;
      throw new UserError(
        `${file}: ${folder ? 'a folder of that name exists' : 'the file exists'}; nabolag new never replaces ${folder ? 'it' : 'a file'} (choose another name${folder ? '' : ', or remove it'})`,
      );
    }
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new UserError(`${file}: ${whyNoFolder(dirname(file))}`);
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') throw new UserError(`${file}: cannot write here (${code})`);
    if (code === 'EISDIR') throw new UserError(`${file}: is a folder`);
    throw e;
  }
  const checked = traceScenario(file);
  if (checked.issues.length || checked.warnings.length) {
    unlinkSync(file);
    throw new Error(`the scenario nabolag new wrote does not validate:\n${formatIssues([...checked.issues, ...checked.warnings])}`);
  }
  const word = shellQuote(file);
  out.stdout(`wrote ${file}: it validates; see every value with "nabolag validate --show ${word}", run it with "nabolag run ${word}"\n`);
}
