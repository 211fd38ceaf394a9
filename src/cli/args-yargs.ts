/**
 * The command line parsed with yargs: every command line the common case of args.ts
 * (`parseCommonCase`) does not take, so help (with examples and an epilogue), the version, the
 * bash/zsh completion script (`nabolag completion`) and every mistake's message. Help is in
 * English or Danish (the Danish texts are in cli/da.ts). Imported only when needed: importing
 * yargs costs about a third of a warm `nabolag run` of the default scenario's start-up
 * (bench/RESULTS.md). No I/O here except the completion, which yargs writes itself.
 */
import yargs from 'yargs/yargs';
import { ArgsError, type CommandSpec, type HelpLanguage, type Invocation, type Parsed, type ProgramSpec } from './args.js';
import { DA_TEXTS, DA_YARGS } from './da.js';

/**
 * Where yargs' message names options by its keys (`n` for `-n`, `bogus` for `--bogus`, also a
 * stray argument): marked, for `asTypedKeys` to write each as it was typed.
 */
const OPEN = '\u0001';
const CLOSE = '\u0002';
export const KEYS = `${OPEN}%s${CLOSE}`;

/**
 * A message with its marked keys (KEYS) written as the command line typed them: `-n`, `--seed`,
 * or a stray argument as it is (`b.yaml`). A key that is one letter typed in a group (`-qn`) is `-n`.
 */
export function asTypedKeys(message: string, argv: readonly string[]): string {
  const end = argv.indexOf('--');
  const tokens = end < 0 ? argv : argv.slice(0, end);
  const one = (k: string): string => {
    for (const typed of [`--${k}`, `--no-${k}`]) if (tokens.some((t) => t === typed || t.startsWith(`${typed}=`))) return typed;
    if (k.length === 1 && tokens.some((t) => /^-[^-]/.test(t) && t.slice(1).split('=')[0]!.includes(k))) return `-${k}`;
    return k;
  };
  // every part after an opening mark is `<keys><closing mark><text>`
  const [before, ...marked] = message.split(OPEN);
  return (
    before! +
    marked
      .map((part) => {
        const end = part.indexOf(CLOSE);
        return end < 0 ? part : part.slice(0, end).split(', ').map(one).join(', ') + part.slice(end + 1);
      })
      .join('')
  );
}

/** yargs' strings: a text, or a text for one and for several (`%s` stands for a value). */
export type YargsStrings = Record<string, string | { one: string; other: string }>;

/** yargs' messages for mistakes, worded as the project's other messages. */
const EN_YARGS: YargsStrings = {
  'Unknown argument: %s': { one: `Unknown option or argument: ${KEYS}`, other: `Unknown options or arguments: ${KEYS}` },
  'Not enough arguments following: %s': `option ${KEYS} needs a value`,
  'Not enough non-option arguments: got %s, need at least %s': {
    one: 'Not enough arguments: got %s, need at least %s',
    other: 'Not enough arguments: got %s, need at least %s',
  },
  'Too many non-option arguments: got %s, maximum of %s': { one: 'Too many arguments: got %s, at most %s', other: 'Too many arguments: got %s, at most %s' },
};

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
      throw new ArgsError(asTypedKeys(msg ?? err?.message ?? 'the command line could not be read', argv));
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
