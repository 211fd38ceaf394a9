/**
 * Every message a user can get about their input lives here, so wording stays consistent and
 * each message names the file, the field, the value given and what is allowed.
 */

/** One problem found in a user's input. */
export interface Issue {
  file: string;
  /** Dotted field path, e.g. `estate.flats`; empty for the whole file. */
  path: string;
  message: string;
}

/** Raised for user mistakes (bad file, bad flag): the CLI prints it and exits with code 2. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly issues: Issue[] = [],
  ) {
    super(message);
    this.name = 'UserError';
  }
}

/** A value as the user wrote it, short enough for one line. */
export function show(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? v.slice(0, 57) + '...' : v);
  if (v === null) return 'null (an empty value)';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : notFiniteWords(v);
  try {
    const s = JSON.stringify(v);
    return s.length > 60 ? s.slice(0, 57) + '...' : s;
  } catch {
    return String(v);
  }
}

/**
 * What a number that is not finite is, in words: a file's `1e400` is read as Infinity, which the
 * user did not write. `written` is the text that gave it (`.inf` is infinity on purpose).
 */
function notFiniteWords(v: number, written?: string): string {
  if (Number.isNaN(v)) return 'not a number';
  if (written !== undefined && /^[-+]?\.inf$/i.test(written)) return v < 0 ? 'minus infinity' : 'infinity';
  return `a ${v < 0 ? 'negative ' : ''}number too large to represent`;
}

/** A number for a message: at most 6 significant digits, no float noise. */
const fmt = (n: number): string => String(Number(n.toPrecision(6)));

const issue = (file: string, path: string, message: string): Issue => ({ file, path, message });
const at = (path: string) => (path ? `field "${path}"` : 'the file');

export const messages = {
  missing: (file: string, path: string, allowed: string) => issue(file, path, `${at(path)} is required; give ${allowed}`),
  /** `hint`: what the user likely meant, as `write 0.4 (…)` (dsl.ts, numberHint), when known. */
  wrongType: (file: string, path: string, v: unknown, allowed: string, hint?: string) =>
    issue(file, path, `${at(path)} is ${show(v)}, but must be ${allowed}${hint ? `; ${hint}` : ''}`),
  /** `written`: the number as the user wrote it (`1e400`), when known. */
  notFinite: (file: string, path: string, v: number, allowed: string, written?: string) =>
    issue(file, path, `${at(path)} is ${written === undefined ? '' : `${written}, `}${notFiniteWords(v, written)}; allowed: ${allowed}`),
  notInteger: (file: string, path: string, v: unknown, allowed: string, hint?: string) =>
    issue(file, path, `${at(path)} is ${show(v)}, but must be ${allowed}${hint ? `; ${hint}` : ''}`),
  tooSmall: (file: string, path: string, v: unknown, allowed: string, hint?: string) =>
    issue(file, path, `${at(path)} is ${show(v)}, which is too small; allowed: ${allowed}${hint ? `; ${hint}` : ''}`),
  tooLarge: (file: string, path: string, v: unknown, allowed: string, hint?: string) =>
    issue(file, path, `${at(path)} is ${show(v)}, which is too large; allowed: ${allowed}${hint ? `; ${hint}` : ''}`),
  /**
   * A whole number written with points between groups of three digits (`flats: 10.000`): YAML
   * reads a decimal point (10), Danish writes thousands so (10000). Both fit, so neither is guessed.
   */
  thousandsPoint: (file: string, path: string, written: string, v: number) =>
    issue(
      file,
      path,
      `${at(path)} is written ${written}, which YAML reads as ${v} (a decimal point); write ${written.replace(/\./g, '')} if the point separates thousands, or ${v}`,
    ),
  /** A list or mapping in brackets with a decimal comma (`[0,7, 1,2]`), which YAML splits in two. */
  decimalCommaInBrackets: (file: string, path: string, written: string, example: string) => {
    const [whole, decimals] = example.split(',');
    return issue(
      file,
      path,
      `${at(path)} is written ${written}: in brackets a comma separates values, so ${example} is two, ${whole} and ${decimals}; if it is a decimal comma, write ${whole}.${decimals}`,
    );
  },
  /** The same in a field that is not a whole number (`rentBase: 1.600`): allowed, so a warning. */
  thousandsPointWarning: (file: string, path: string, written: string, v: number) =>
    issue(
      file,
      path,
      `${at(path)} is written ${written}, which YAML reads as ${v} (a decimal point); if the point separates thousands, write ${written.replace(/\./g, '')}`,
    ),
  tooShort: (file: string, path: string, v: unknown, allowed: string) =>
    issue(file, path, `${at(path)} is ${show(v)}, which is too short; allowed: ${allowed}`),
  badPattern: (file: string, path: string, v: unknown, allowed: string) => issue(file, path, `${at(path)} is ${show(v)}; allowed: ${allowed}`),
  notOneOf: (file: string, path: string, v: unknown, allowed: string, hint?: string) =>
    issue(file, path, `${at(path)} is ${show(v)}, but must be ${allowed}${hint ? ` (did you mean "${hint}"?)` : ''}`),
  unknownKey: (file: string, path: string, known: string[], hint?: string) =>
    issue(file, path, `unknown field "${path}"${hint ? ` (did you mean "${hint}"?)` : ''}; allowed here: ${known.join(', ')}`),
  removedField: (file: string, path: string, instead: string) => issue(file, path, `field "${path}" was removed from nabolag: ${instead}`),
  tooFewItems: (file: string, path: string, n: number, min: number) => issue(file, path, `${at(path)} has ${n} entries, but needs at least ${min}`),
  tooManyItems: (file: string, path: string, n: number, max: number) => issue(file, path, `${at(path)} has ${n} entries, but allows at most ${max}`),
  rule: (file: string, path: string, text: string) => issue(file, path, text),

  // File-level problems
  fileMissing: (file: string) => issue(file, '', `cannot read the scenario file: it does not exist`),
  /** `why`: what the path is instead of a readable regular file, e.g. "it is a folder, not a file". */
  fileUnreadable: (file: string, why: string) => issue(file, '', `cannot read the scenario file: ${why}`),
  fileExtension: (file: string, ext: string) =>
    issue(file, '', `a scenario file must end in .yaml, .yml or .json, but this one ends in ${show(ext || '(nothing)')}`),
  fileEmpty: (file: string) =>
    issue(file, '', 'the scenario file is empty; it must hold a mapping of fields (`nabolag new my-estate.yaml` writes a commented one to start from)'),
  notAMapping: (file: string, v: unknown) => issue(file, '', `the scenario file must hold a mapping of fields (key: value), but holds ${show(v)}`),
  yamlSyntax: (file: string, line: number | undefined, col: number | undefined, what: string) =>
    issue(file, '', `the file is not valid YAML${line ? ` at line ${line}${col ? `, column ${col}` : ''}` : ''}: ${what}`),
  jsonSyntax: (file: string, what: string, line?: number, col?: number) =>
    issue(file, '', `the file is not valid JSON${line ? ` at line ${line}${col ? `, column ${col}` : ''}` : ''}: ${what}`),
  /** `first`, `again`: where the key is given the first and the second time (columns are said when both are on one line). */
  duplicateKey: (file: string, path: string, key: string, first: { line: number; col: number }, again: { line: number; col: number }) => {
    const where = (p: { line: number; col: number }) => `line ${p.line}${first.line === again.line ? `, column ${p.col}` : ''}`;
    return issue(
      file,
      path,
      `key ${JSON.stringify(key)} is given twice in the same mapping (field "${path}"), at ${where(first)} and again at ${where(again)}: only one value could be used, and nabolag will not guess which you meant; keep one of them`,
    );
  },
  extendsCycle: (file: string, chain: string[]) => issue(file, 'extends', `"extends" forms a cycle: ${chain.join(' -> ')}`),
  extendsMissing: (file: string, target: string, resolved?: string) =>
    issue(
      file,
      'extends',
      `field "extends" is ${show(target)}, but that file does not exist${resolved && resolved !== target ? `: looked for ${resolved}` : ''} (a path in "extends" is relative to the file that names it)`,
    ),
  extendsWrongType: (file: string, v: unknown) =>
    issue(file, 'extends', `field "extends" is ${show(v)}, but must be a text: the path of another scenario file, relative to this one`),
  extendsUnreadable: (file: string, target: string, resolved: string, why: string) =>
    issue(file, 'extends', `field "extends" is ${show(target)}, but that file cannot be read${resolved !== target ? ` (${resolved})` : ''}: ${why}`),
  forbiddenKey: (file: string, path: string, key: string) =>
    issue(
      file,
      path,
      `key ${JSON.stringify(key)} is not allowed (at "${path}"): "__proto__", "constructor" and "prototype" are never field names, and could change how every object behaves`,
    ),
  nestedTooDeep: (file: string, path: string, max: number, where?: string, line?: number, col?: number) =>
    issue(
      file,
      path,
      `${path ? `field "${path}"` : 'the file'} nests lists and mappings more than ${max} levels deep${where ? ` (at "${where}")` : ''}${line ? ` at line ${line}${col ? `, column ${col}` : ''}` : ''}; allowed: at most ${max} levels (a scenario needs 4)`,
    ),
  extendsTooDeep: (file: string, depth: number) => issue(file, 'extends', `"extends" chains more than ${depth} files deep`),

  // Cross-field rules (checked after every field is valid on its own)
  roomsSum: (file: string, path: string, shares: number[], sum: number) =>
    issue(file, path, `${at(path)}: the room shares r1..r5 (${shares.map(fmt).join(' + ')}) add up to ${fmt(sum)}, but must add up to 1`),
  sharesOverOne: (file: string, path: string, a: string, av: number, b: string, bv: number) =>
    issue(file, path, `fields "${a}" (${fmt(av)}) and "${b}" (${fmt(bv)}) add up to ${fmt(av + bv)}, but together must be at most 1`),
  householdsOverFlats: (file: string, path: string, households: number, flatsPath: string, flats: number) =>
    issue(file, path, `${at(path)} is ${households}: more households than flats ("${flatsPath}" is ${flats}); allowed: at most ${flats}`),
  tooManyFlats: (file: string, path: string, total: number, max: number, built = 0) =>
    issue(
      file,
      path,
      `${at(path)} adds up to ${total.toLocaleString('en-US')} flats (flats × copies over all estates${built > 0 ? `, ${built.toLocaleString('en-US')} of them built by largerFlats levers with mode build` : ''}), an absurd size; allowed: at most ${max.toLocaleString('en-US')}`,
    ),
  /** `self` and `other` describe the two estates, e.g. `field "estates[1].name" is "A-1"` and `estates[0] "A" copy 1`. */
  estateNameCollides: (file: string, path: string, self: string, other: string) =>
    issue(file, path, `${self}, which collides with ${other}: every estate row needs its own name (an estate with copies gives rows name-1, name-2, ...)`),
  estateNameReserved: (file: string, path: string, name: string) =>
    issue(file, path, `${at(path)} is ${show(name)}, which is reserved for the row that sums the estates of a region; choose another name`),
  policyUntilBeforeFrom: (file: string, path: string, until: number, from: number) =>
    issue(file, path, `${at(path)} is ${until}, but must be later than "from" (${from})`),
  /** With what to do: a lever in place before the run is given from its first year; one after it needs a longer run. */
  policyFromOutside: (file: string, path: string, from: number, first: number, last: number) =>
    issue(
      file,
      path,
      `${at(path)} is ${from}, outside the simulated years; allowed: ${first} to ${last} (startYear to startYear + years)${
        from < first
          ? `; a lever already in place when the run starts is given from: ${first}`
          : `; for the lever to act, the run must reach ${from}: years: ${from - first + 1} or more (-y ${from - first + 1})`
      }`,
    ),
  /** A warning, not an error: allowed (a run shortened with --years keeps its scenario's levers), but the lever never acts. */
  leverAfterRun: (file: string, path: string, lever: string, from: number, first: number, last: number) =>
    issue(
      file,
      path,
      `${at(path)} is ${from}, after the run's last year (${last}): the ${lever} lever never acts in this run, which simulates ${first}-${last} (a lever acts from 1 January of its "from"), so it changes nothing in the results (a scenario with no other lever gives the baseline's)`,
    ),
  mergedRooms: (file: string, path: string, rooms: number, max: number) =>
    issue(
      file,
      path,
      `${at(path)} is ${rooms}, but merging joins two neighbouring flats of at most 2 rooms each, so a merged flat has at most ${max} rooms and these get ${max}; for larger flats use mode: build`,
    ),
  anchoredFieldIgnored: (file: string, path: string, estate: string) =>
    issue(
      file,
      path,
      `${at(path)} is given, but estate ${show(estate)} is anchored (anchor: true, the default): anchoring solves this field so that the estate as given holds, and the value given is not used; to use it, set anchor: false for the estate (which is then not held as given)`,
    ),
  incomeFieldIgnored: (file: string, path: string, counted: string) =>
    issue(
      file,
      path,
      counted === 'share'
        ? `${at(path)} is given, but elevator.incomeCounted is "share": the income criterion counts elevator.incomeOutsideTaxableShare of elevator.incomeOutside, and the cash-benefit rates are not used; to use them, leave incomeCounted out (benefitRules, the default)`
        : `${at(path)} is given, but elevator.incomeCounted is "benefitRules" (the default since 0.2.20): the income criterion counts the cash-benefit rates, and this share is not used; to count the share as before 0.2.20, set elevator.incomeCounted: share`,
    ),
  renovationWithoutEnd: (file: string, path: string, from: number, disruption: number, attachment: number) =>
    issue(
      file,
      path,
      `${at(path)} is not given for a renovation: its works then last to the end of the run, so their disruption (voluntary move-outs × ${disruption}) acts every year from ${from} and the attachment after them (× ${attachment}) never begins; give the year the works end (from January), e.g. until: ${from + 2}`,
    ),
  demolitionTooLarge: (file: string, path: string, flats: number, estate: number, has: number) =>
    issue(file, path, `${at(path)} is ${flats}, but estates[${estate}] has ${has} flats; allowed: at most ${has} (the whole estate)`),
  policyEstateName: (file: string, path: string, name: string, names: readonly string[]) =>
    issue(
      file,
      path,
      `${at(path)} is "${name}", but no estate has that name; allowed: ${names.map((n, k) => `"${n}" (or ${k})`).join(', ')}: an estate's name or its number, 0-based in the order of "estates"`,
    ),
  policyEstateIndex: (file: string, path: string, index: number, count: number) =>
    issue(
      file,
      path,
      `${at(path)} is ${index}, but the scenario has ${count} estate${count === 1 ? '' : 's'}; allowed: ${count > 1 ? `0 to ${count - 1}` : '0'} (0-based, in the order of "estates")`,
    ),
  schellingGrid: (file: string, path: string, width: number, height: number, nEstates: number, flats: number | undefined) =>
    issue(
      file,
      path,
      `a Schelling scenario lays its ${width}x${height} grid over the flats of one estate, so "estates" must hold exactly one estate (copies 1) with flats = ${width * height}; it holds ${nEstates} estate(s)${flats !== undefined ? ` and flats = ${flats}` : ''}`,
    ),
  schellingCrowded: (file: string, path: string, agents: number, width: number, height: number) =>
    issue(
      file,
      path,
      `${at(path)} is ${agents}, more agents than grid cells (width ${width} × height ${height} = ${width * height}); allowed: at most ${width * height}`,
    ),
  runTooLarge: (file: string, path: string, replications: number, flats: number, years: number, total: number, max: number) =>
    issue(
      file,
      path,
      `${at(path)} is ${replications}: ${replications} replications × ${flats.toLocaleString('en-US')} flats × ${years} years × 12 months = ${Math.round(total).toLocaleString('en-US')} household-months, too large to run (at most ${max.toLocaleString('en-US')}); reduce replications, years or the number of flats`,
    ),

  // The validate command
  validOk: (file: string) => `${file}: ok`,
  noFiles: () => 'nabolag validate: give at least one scenario file, e.g. nabolag validate scenarios/default.yaml',

  // Command-line flags
  /** `flag`: the option as typed (`-n`, `--replications`). */
  badFlag: (flag: string, v: unknown, allowed: string) => `option ${flag} is ${show(v)}, but must be ${allowed}`,
};

/** Format issues for the terminal: one line each, `file: field: message`. */
export function formatIssues(issues: Issue[]): string {
  return issues.map((i) => `${i.file}: ${i.message}`).join('\n');
}
