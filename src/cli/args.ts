/**
 * The command line: commands, their positionals and options declared once (`ProgramSpec`). The
 * common case (a known command with known options, `--opt value`, `--opt=value`, `--no-flag`,
 * positionals, `--`) is parsed here (`parseCommonCase`); everything else (help, the version,
 * completion, every mistake, anything unusual) by yargs in args-yargs.ts, which gives the same
 * result for the common case (test/cli/common-case.test.ts) and is imported only when needed.
 * Help is in English or Danish (`helpLanguage`: `NABOLAG_LANG`, else the locale, `da…` for
 * Danish). No I/O here: `main.ts` prints what is parsed and turns an `ArgsError` into exit code 2.
 */
import { messages } from '../scenario/messages.js';
import { scenarioSchema } from '../scenario/schema.js';

export interface PositionalSpec {
  name: string;
  describe: string;
  /** Takes every remaining positional (at least one, unless `optional`), and everything after `--`. */
  many?: boolean;
  /** A `many` positional that may be empty, or a single one that may be left out (the command then checks what it needs). */
  optional?: boolean;
}

export interface OptionSpec {
  name: string;
  /** One-letter alias (`-n`). */
  alias?: string;
  describe: string;
  /** `flag`: true when given, false with `--no-<name>`; `value`: takes a text (`--out dir`, `--out=dir`). */
  kind: 'flag' | 'value';
  /** A flag's value when not given. */
  default?: boolean;
  /** A value option that may be given several times: its values are collected in a list, in order. */
  repeat?: boolean;
}

export interface CommandSpec {
  name: string;
  describe: string;
  positionals: PositionalSpec[];
  options: OptionSpec[];
  /** Command lines shown under "Examples", with what each does. */
  examples?: [string, string][];
}

export interface ProgramSpec {
  name: string;
  version: string;
  /** The first lines of the general help. */
  summary: string;
  commands: CommandSpec[];
  /** Command lines shown under "Examples" in the general help, with what each does. */
  examples?: [string, string][];
  /** Text at the end of every help (exit codes, where the docs are). */
  epilogue?: string;
  /** Offer `<name> completion`, which prints a bash/zsh completion script. */
  completion?: boolean;
}

/** A command with its arguments: positionals by name (texts, or lists for `many`), options by name. */
export interface Invocation {
  command: string;
  args: Record<string, string | string[] | boolean | undefined>;
}

/** What the command line asks for: a command to run, a text to print (help, version), or the completion script. */
export type Parsed = { kind: 'run'; invocation: Invocation } | { kind: 'print'; text: string } | { kind: 'completion'; argv: readonly string[] };

/** A mistake on the command line (the message names it; the caller exits with code 2). */
export class ArgsError extends Error {}

/** The language of the help texts. */
export type HelpLanguage = 'en' | 'da';

/** Danish when `NABOLAG_LANG`, else `LC_ALL`, `LC_MESSAGES` or `LANG`, starts with "da"; else English. */
export function helpLanguage(env: Record<string, string | undefined> = process.env): HelpLanguage {
  const chosen = env.NABOLAG_LANG || env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^da\b|^da[_-]/i.test(chosen) ? 'da' : 'en';
}

/**
 * The common case of a command line, parsed without yargs: a known command first, then its own
 * options and its positionals in any order: `--name value`, `--name=value`, `-a value` (a
 * one-letter alias), `--flag`, `-f`, `--no-flag`, a repeatable option given several times, a value
 * option given twice (the last wins), and `--` before the rest of a `many` positional. The result
 * is exactly what the yargs path (`parseCommandLine` in args-yargs.ts) returns for the same
 * command line (test/cli/common-case.test.ts). Anything else gives undefined, for the yargs path
 * to parse: help, the version, completion, an unknown or misplaced option, a missing or extra
 * argument, a value that is empty or starts with "-", a flag given twice or followed by
 * "true"/"false", grouped short options (`-qn 5`), and every other mistake, so that every message
 * stays yargs's.
 *
 * @example
 * parseCommonCase(PROGRAM, ['run', 'scenarios/default.yaml', '-q', '--no-report'])
 * // { kind: 'run', invocation: { command: 'run', args: { scenario: 'scenarios/default.yaml', quiet: true, report: false } } }
 */
export function parseCommonCase(p: ProgramSpec, argv: readonly string[]): Parsed | undefined {
  const c = p.commands.find((k) => k.name === argv[0]);
  if (!c) return undefined;
  const optionNamed = (name: string) => c.options.find((o) => o.name === name);
  const plain = (v: string | undefined): v is string => v !== undefined && v !== '' && !v.startsWith('-');
  const positionals: string[] = [];
  const given = new Map<string, string[] | boolean>();
  let rest: string[] | undefined; // after `--`
  for (let i = 1; i < argv.length; i++) {
    const t = argv[i]!;
    if (t === '--') {
      rest = argv.slice(i + 1);
      break;
    }
    if (!t.startsWith('-')) {
      if (t === '') return undefined;
      positionals.push(t);
      continue;
    }
    let o: OptionSpec | undefined;
    let inline: string | undefined;
    let negated = false;
    if (t.startsWith('--')) {
      const eq = t.indexOf('=');
      const name = eq < 0 ? t.slice(2) : t.slice(2, eq);
      if (eq >= 0) inline = t.slice(eq + 1);
      o = optionNamed(name);
      if (!o && name.startsWith('no-')) {
        o = optionNamed(name.slice(3));
        negated = true;
      }
    } else if (t.length === 2) o = c.options.find((k) => k.alias === t[1]);
    if (!o || o.name === 'help' || o.name === 'version') return undefined;
    if (o.kind === 'flag') {
      const next = argv[i + 1];
      if (inline !== undefined || given.has(o.name) || next === 'true' || next === 'false') return undefined;
      given.set(o.name, !negated);
      continue;
    }
    if (negated) return undefined;
    const v = inline ?? argv[++i];
    if (!plain(v)) return undefined;
    const values = (given.get(o.name) as string[] | undefined) ?? [];
    values.push(v);
    given.set(o.name, values);
  }
  if (rest && !c.positionals.some((ps) => ps.many)) return undefined;
  const args: Invocation['args'] = {};
  let k = 0;
  for (const ps of c.positionals) {
    if (ps.many) {
      const list = [...positionals.slice(k), ...(rest ?? [])];
      k = positionals.length;
      if (list.length === 0 && !ps.optional) return undefined;
      args[ps.name] = list;
    } else {
      const v = positionals[k++];
      if (v === undefined && !ps.optional) return undefined;
      args[ps.name] = v;
    }
  }
  if (k < positionals.length) return undefined;
  for (const o of c.options) {
    const v = given.get(o.name);
    if (v === undefined) {
      if (o.kind === 'flag' && o.default !== undefined) args[o.name] = o.default;
    } else if (typeof v === 'boolean') args[o.name] = v;
    else args[o.name] = o.repeat ? v : v[v.length - 1];
  }
  return { kind: 'run', invocation: { command: c.name, args } };
}

/**
 * How each option of a command line was typed, by the option's name: `-n` or `--replications`
 * (the spelling given last, as its value is the last one given; a one-letter alias in a group,
 * `-qn 5`, is `-n`; `--no-report` is `--report`'s). Options after `--` are not options.
 */
export function typedOptions(p: ProgramSpec, argv: readonly string[]): Map<string, string> {
  const typed = new Map<string, string>();
  const c = p.commands.find((k) => k.name === argv[0]);
  if (!c) return typed;
  for (const t of argv.slice(1)) {
    if (t === '--') break;
    if (t.startsWith('--')) {
      const name = t.slice(2).split('=')[0]!;
      const o = c.options.find((k) => k.name === name) ?? (name.startsWith('no-') ? c.options.find((k) => k.name === name.slice(3)) : undefined);
      if (o) typed.set(o.name, `--${name}`);
    } else if (/^-[^-]/.test(t))
      for (const letter of t.slice(1).split('=')[0]!) {
        const o = c.options.find((k) => k.alias === letter);
        if (o) typed.set(o.name, `-${letter}`);
      }
  }
  return typed;
}

/** The options of the command line being run as typed (main.ts notes them once it is parsed). */
let typed = new Map<string, string>();
export const noteTypedOptions = (m: Map<string, string>): void => {
  typed = m;
};

/** An option as the user typed it (`-n`), for a message about its value; `--<name>` when not noted. */
export const optionAsTyped = (name: string): string => typed.get(name) ?? `--${name}`;

/** Most worker threads a command line may ask for (a bound on typing mistakes, not on machines). */
export const MAX_WORKERS = 1024;

/**
 * An option's value as a whole number from `min` to `max` (the value as typed, or a number), or
 * undefined when the option was not given. Anything else is an ArgsError naming the option, the
 * value (a number typed as one is shown as a number, anything else as text) and the range.
 */
export function wholeNumberOption(name: string, v: unknown, min: number, max: number): number | undefined {
  if (v === undefined) return undefined;
  // Number('') and Number(' ') are 0: an empty value is no number, not zero
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  const fits = (x: number) => Number.isInteger(x) && x >= min && x <= max;
  // `-n 1.000` or `--flats 10.000`: a Danish thousands separator, which Number() reads as a
  // decimal point (1, 10); where the thousands reading fits too, neither is guessed
  const text = typeof v === 'string' ? v.trim() : '';
  const thousands = /^[1-9]\d{0,2}(?:([.,' ])\d{3})(?:\1\d{3})*$/.test(text) ? Number(text.replace(/[.,' ]/g, '')) : NaN;
  if (fits(thousands)) {
    const flag = optionAsTyped(name);
    if (fits(n))
      throw new ArgsError(`option ${flag} is ${text}, which reads as ${n} (a decimal point); write ${thousands} if the point separates thousands, or ${n}`);
    throw new ArgsError(`${messages.badFlag(flag, text, `a whole number from ${min} to ${max}`)}; write ${thousands} (without a thousands separator)`);
  }
  const shown = typeof v === 'string' && Number.isFinite(n) ? n : v;
  if (!fits(n)) throw new ArgsError(messages.badFlag(optionAsTyped(name), shown, `a whole number from ${min} to ${max}`));
  return n;
}

/**
 * An option that overrides a whole-number field of the scenario (`--replications`, `--seed`,
 * `--years`), read within the range the scenario file allows for that field.
 */
export function scenarioFieldOption(name: 'replications' | 'seed' | 'years', v: unknown): number | undefined {
  const f = scenarioSchema.fields[name];
  return wholeNumberOption(name, v, f.min ?? 0, f.max ?? Number.MAX_SAFE_INTEGER);
}

/** A word for a bash script or a command to copy: single-quoted unless it is plainly safe. */
export function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
