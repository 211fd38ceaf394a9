/**
 * The command line: commands, their positionals and options declared once, parsed from the
 * arguments and printed as help from the same declarations.
 *
 * Our own small parser rather than a library: the one used before (yargs) took 0.15-0.2 s of
 * every start, about a third of `nabolag validate` and an eighth of a default run without the
 * report (loading it, and the Unicode tables its text-width code builds). No I/O here: `main.ts`
 * prints what `parseCommandLine` returns and turns an `ArgsError` into exit code 2.
 */
import { greedyLines } from '../output/text.js';
import { messages } from '../scenario/messages.js';
import { scenarioSchema } from '../scenario/schema.js';

export interface PositionalSpec {
  name: string;
  describe: string;
  /** Takes every remaining positional (at least one). */
  many?: boolean;
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
}

export interface ProgramSpec {
  name: string;
  version: string;
  /** The first lines of the general help. */
  summary: string;
  commands: CommandSpec[];
}

/** A command with its arguments: positionals by name (texts, or lists for `many`), options by name. */
export interface Invocation {
  command: string;
  args: Record<string, string | string[] | boolean | undefined>;
}

/** What the command line asks for: a command to run, or a text to print (help, version). */
export type Parsed = { kind: 'run'; invocation: Invocation } | { kind: 'print'; text: string };

/** A mistake on the command line (the message names it; the caller exits with code 2). */
export class ArgsError extends Error {}

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

const HELP: OptionSpec = { name: 'help', alias: 'h', describe: 'Show help', kind: 'flag' };
const VERSION: OptionSpec = { name: 'version', describe: 'Show version number', kind: 'flag' };

/** Parse the arguments (without `node` and the script) against the program's commands. */
export function parseCommandLine(p: ProgramSpec, argv: readonly string[]): Parsed {
  const first = argv[0];
  const names = p.commands.map((c) => c.name);
  const choices = `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
  if (first === undefined) throw new ArgsError(`Give a command: ${choices} (see --help)`);
  if (first === '--help' || first === '-h') return { kind: 'print', text: programHelp(p) };
  if (first === '--version') return { kind: 'print', text: `${p.version}\n` };
  const cmd = p.commands.find((c) => c.name === first);
  if (!cmd) throw new ArgsError(first.startsWith('-') ? `Unknown option: ${first}; give a command first: ${choices}` : `Unknown command: ${first}; give ${choices}`);
  const args: Invocation['args'] = {};
  for (const o of cmd.options) if (o.kind === 'flag' && o.default !== undefined) args[o.name] = o.default;
  const positionals: string[] = [];
  for (let k = 1; k < argv.length; k++) {
    const a = argv[k]!;
    if (a === '--') {
      positionals.push(...argv.slice(k + 1));
      break;
    }
    if (a === '--help' || a === '-h') return { kind: 'print', text: commandHelp(p, cmd) };
    if (a === '--version') return { kind: 'print', text: `${p.version}\n` };
    if (a.length < 2 || !a.startsWith('-')) {
      positionals.push(a);
      continue;
    }
    // --name, --name=value, --no-name, -x, -x value, -xvalue, -x=value; switches may be grouped (-qn 5)
    let inline: string | undefined;
    let opt: OptionSpec | undefined;
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      inline = eq < 0 ? undefined : a.slice(eq + 1);
      opt = cmd.options.find((o) => o.name === name);
      if (!opt && name.startsWith('no-')) {
        const neg = cmd.options.find((o) => o.name === name.slice(3) && o.kind === 'flag');
        if (neg && inline === undefined) {
          args[neg.name] = false;
          continue;
        }
      }
    } else {
      let rest = a.slice(1);
      opt = cmd.options.find((o) => o.alias === rest[0]);
      while (opt?.kind === 'flag' && rest.length > 1 && rest[1] !== '=') {
        args[opt.name] = true;
        rest = rest.slice(1);
        opt = cmd.options.find((o) => o.alias === rest[0]);
      }
      if (rest.length > 1) inline = rest[1] === '=' ? rest.slice(2) : rest.slice(1);
    }
    if (!opt) throw new ArgsError(`Unknown option: ${a}`);
    if (opt.kind === 'flag') {
      if (inline === undefined) args[opt.name] = true;
      else if (inline === 'true' || inline === 'false') args[opt.name] = inline === 'true';
      else throw new ArgsError(`option --${opt.name} is a switch: give it alone, or --no-${opt.name}`);
      continue;
    }
    let value: string;
    if (inline !== undefined) value = inline;
    else if (k + 1 < argv.length) value = argv[++k]!; // also a negative number: --seed -1
    else throw new ArgsError(`option --${opt.name} needs a value`);
    if (opt.repeat) args[opt.name] = [...((args[opt.name] as string[] | undefined) ?? []), value];
    else args[opt.name] = value;
  }
  // positionals, in order; the last may take the rest
  let k = 0;
  for (const ps of cmd.positionals) {
    if (k >= positionals.length) throw new ArgsError(`Not enough arguments: give ${usage(cmd)}`);
    args[ps.name] = ps.many ? positionals.slice(k) : positionals[k]!;
    k = ps.many ? positionals.length : k + 1;
  }
  if (k < positionals.length) throw new ArgsError(`Unknown arguments: ${positionals.slice(k).join(', ')}`);
  return { kind: 'run', invocation: { command: cmd.name, args } };
}

/** `run <scenario>`, `compare <baseline> <variants..>`. */
const usage = (c: CommandSpec): string => [c.name, ...c.positionals.map((ps) => `<${ps.name}${ps.many ? '..' : ''}>`)].join(' ');

/** The general help: usage, summary, commands, options. */
export function programHelp(p: ProgramSpec): string {
  return [
    `${p.name} <command> [options]`,
    '',
    p.summary,
    '',
    'Commands:',
    ...table(p.commands.map((c) => [`${p.name} ${usage(c)}`, c.describe])),
    '',
    'Options:',
    ...table(optionRows([VERSION, HELP])),
    '',
  ].join('\n');
}

/** One command's help: usage, what it does, its positionals and options. */
export function commandHelp(p: ProgramSpec, c: CommandSpec): string {
  return [
    `${p.name} ${usage(c)}`,
    '',
    c.describe,
    '',
    ...(c.positionals.length > 0 ? ['Positionals:', ...table(c.positionals.map((ps) => [ps.name, ps.describe + (ps.many ? ' (one or more)' : '')])), ''] : []),
    'Options:',
    ...table(optionRows([...c.options, HELP, VERSION])),
    '',
  ].join('\n');
}

function optionRows(options: OptionSpec[]): string[][] {
  return options.map((o) => [
    `${o.alias ? `-${o.alias}, ` : '    '}--${o.name}${o.kind === 'value' ? ' <value>' : ''}${o.repeat ? ' …' : ''}`,
    o.describe + (o.kind === 'flag' && o.default !== undefined ? ` [default:\u00a0${o.default}]` : ''), // kept on one line by `table`
  ]);
}

/** Two columns, the second wrapped to `width` characters in all. */
function table(rows: string[][], width = 100): string[] {
  const left = Math.max(...rows.map((r) => r[0]!.length)) + 2;
  const room = Math.max(30, width - 2 - left);
  const out: string[] = [];
  for (const [a, b] of rows) {
    const lines = greedyLines(b!.split(' '), room); // split at spaces only: `[default:\u00a0…]` stays whole
    out.push(`  ${a!.padEnd(left)}${lines[0] ?? ''}`);
    for (const l of lines.slice(1)) out.push(`  ${' '.repeat(left)}${l}`);
  }
  return out.map((l) => l.replace(/\u00a0/g, ' '));
}

