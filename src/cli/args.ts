/**
 * The command line: commands, their positionals and options declared once (`ProgramSpec`) and
 * parsed with yargs, which also prints the help (with examples and an epilogue), the version and
 * a bash/zsh completion script (`nabolag completion`). Help is in English or Danish
 * (`helpLanguage`: `NABOLAG_LANG`, else the locale, `da…` for Danish); the Danish texts are in
 * cli/da.ts. No I/O here: `main.ts` prints what `parseCommandLine` returns and turns an
 * `ArgsError` into exit code 2.
 */
import yargs from 'yargs/yargs';
import { messages } from '../scenario/messages.js';
import { scenarioSchema } from '../scenario/schema.js';
import { DA_TEXTS, DA_YARGS } from './da.js';

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

/** yargs' messages for mistakes, worded as the project's other messages. */
const EN_YARGS: YargsStrings = {
  'Unknown argument: %s': { one: 'Unknown option or argument: %s', other: 'Unknown options or arguments: %s' },
  'Not enough arguments following: %s': 'option --%s needs a value',
  'Not enough non-option arguments: got %s, need at least %s': {
    one: 'Not enough arguments: got %s, need at least %s',
    other: 'Not enough arguments: got %s, need at least %s',
  },
  'Too many non-option arguments: got %s, maximum of %s': { one: 'Too many arguments: got %s, at most %s', other: 'Too many arguments: got %s, at most %s' },
};

/** yargs' strings: a text, or a text for one and for several (`%s` stands for a value). */
export type YargsStrings = Record<string, string | { one: string; other: string }>;

const tr = (text: string, lang: HelpLanguage): string => (lang === 'da' ? (DA_TEXTS[text] ?? text) : text);

/** `run <scenario>`, `compare <baseline> <variants..>`: a `many` positional is optional for yargs and checked here. */
const usage = (c: CommandSpec): string =>
  [c.name, ...c.positionals.map((ps) => (ps.many ? `[${ps.name}..]` : ps.optional ? `[${ps.name}]` : `<${ps.name}>`))].join(' ');
const shownUsage = (c: CommandSpec): string => [c.name, ...c.positionals.map((ps) => `<${ps.name}${ps.many ? '..' : ''}>`)].join(' ');

/** Parse the arguments (without `node` and the script) against the program's commands. */
export function parseCommandLine(p: ProgramSpec, argv: readonly string[], lang: HelpLanguage = 'en'): Parsed {
  const names = p.commands.map((c) => c.name);
  const choices = `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
  const first = argv[0];
  if (first === undefined) throw new ArgsError(`Give a command: ${choices} (see --help)`);
  if (p.completion && ((first === 'completion' && argv.length === 1) || argv.includes('--get-yargs-completions'))) return { kind: 'completion', argv };
  if (!first.startsWith('-') && !names.includes(first)) throw new ArgsError(`Unknown command: ${first}; give ${choices}`);
  const { y, chosen } = program(p, argv, lang);
  let printed = '';
  const a = y.parse([...argv], {}, (_err, _a, output) => {
    printed = output;
  }) as Record<string, unknown>;
  if (printed !== '' || a.help || a.version) return { kind: 'print', text: printed.endsWith('\n') ? printed : printed + '\n' };
  const c = chosen();
  if (!c) throw new ArgsError(`Unknown option: ${first}; give a command first: ${choices}`);
  const args: Invocation['args'] = {};
  for (const ps of c.positionals) {
    let v = a[ps.name] as string | string[] | undefined;
    if (ps.many) {
      const list = [...((v as string[] | undefined) ?? []), ...((a['--'] as unknown[]) ?? []).map(String)];
      if (list.length === 0 && !ps.optional) throw new ArgsError(`Not enough arguments: give ${shownUsage(c)}`);
      v = list;
    }
    args[ps.name] = v;
  }
  for (const o of c.options) {
    const v = a[o.name];
    if (v === undefined) continue;
    if (o.kind === 'flag') args[o.name] = v as boolean;
    else if (o.repeat) args[o.name] = (Array.isArray(v) ? v : [v]).map(String);
    else if (Array.isArray(v))
      args[o.name] = String(v[v.length - 1]); // the last one given wins
    else args[o.name] = String(v);
  }
  return { kind: 'run', invocation: { command: c.name, args } };
}

/**
 * Completion, written to standard output by yargs: the bash/zsh script (`<name> completion`), or
 * the completions of a partial command line when the script asks (`--get-yargs-completions …`).
 */
export function complete(p: ProgramSpec, argv: readonly string[]): void {
  const { y } = program(p, argv, 'en');
  if (argv.includes('--get-yargs-completions')) y.parse([...argv]);
  else y.showCompletionScript();
}

/**
 * After running a command, yargs renders the command's whole help and keeps it, for a `showHelp`
 * from inside an asynchronous handler; nabolag's handlers only note which command ran, and help is
 * printed only when asked for (`--help`, or a mistake). Rendering it measured 80 ms of every
 * command's start-up (cliui measures each line's width with `Intl.Segmenter`; bench/RESULTS.md),
 * so the keeping is skipped. `getInternalMethods` is yargs's own seam between its modules; when
 * a later yargs lacks it, nothing is skipped and only the time is lost.
 */
function skipHelpCache(y: object): void {
  type Internal = { getInternalMethods?: () => { getUsageInstance?: () => { cacheHelpMessage?: () => void } } };
  const usage = (y as Internal).getInternalMethods?.().getUsageInstance?.();
  if (usage && typeof usage.cacheHelpMessage === 'function') usage.cacheHelpMessage = () => {};
}

/** The yargs program for a spec; `chosen()` tells which command the parse ran. */
function program(p: ProgramSpec, argv: readonly string[], lang: HelpLanguage) {
  let chosen: CommandSpec | undefined;
  const y = yargs([...argv])
    .scriptName(p.name)
    .usage(`$0 <command> [options]\n\n${tr(p.summary, lang)}`)
    .version(p.version)
    .help('help')
    .alias('help', 'h')
    .strict()
    .exitProcess(false)
    .wrap(100)
    .parserConfiguration({ 'populate--': true, 'parse-numbers': false, 'parse-positional-numbers': false })
    .fail((msg, err) => {
      throw new ArgsError(msg ?? err?.message ?? 'the command line could not be read');
    });
  y.updateStrings((lang === 'da' ? DA_YARGS : EN_YARGS) as Record<string, string>);
  for (const c of p.commands) {
    y.command(
      usage(c),
      tr(c.describe, lang),
      (b) => {
        for (const ps of c.positionals) b.positional(ps.name, { describe: tr(ps.describe, lang), type: 'string', array: ps.many === true });
        for (const o of c.options)
          b.option(o.name, {
            alias: o.alias,
            describe: tr(o.describe, lang),
            type: o.kind === 'flag' ? 'boolean' : 'string',
            ...(o.default !== undefined ? { default: o.default } : {}),
            ...(o.kind === 'value' && !o.repeat ? { requiresArg: true } : {}),
          });
        for (const [cmd, what] of c.examples ?? []) b.example(cmd, tr(what, lang));
        if (p.epilogue) b.epilogue(tr(p.epilogue, lang));
        return b;
      },
      () => {
        chosen = c;
      },
    );
  }
  skipHelpCache(y);
  if (p.completion) y.completion('completion', tr('Print a bash/zsh completion script (add it to ~/.bashrc or ~/.zshrc)', lang));
  for (const [cmd, what] of p.examples ?? []) y.example(cmd, tr(what, lang));
  if (p.epilogue) y.epilogue(tr(p.epilogue, lang));
  return { y, chosen: () => chosen };
}

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
  const shown = typeof v === 'string' && Number.isFinite(n) ? n : v;
  if (!Number.isInteger(n) || n < min || n > max) throw new ArgsError(messages.badFlag(name, shown, `a whole number from ${min} to ${max}`));
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
