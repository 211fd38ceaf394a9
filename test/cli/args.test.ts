/**
 * The command-line parser (src/cli/args.ts) on the program's own declarations (src/cli/main.ts
 * is not imported: it runs the command line when loaded), and the help printed from them.
 */
import { describe, expect, it } from 'vitest';
import { ArgsError, type Parsed, type ProgramSpec, commandHelp, parseCommandLine, programHelp, scenarioFieldOption, wholeNumberOption } from '../../src/cli/args.js';
import { scenarioSchema } from '../../src/scenario/schema.js';

const P: ProgramSpec = {
  name: 'nabolag',
  version: '9.9.9',
  summary: 'Agent-based simulation.',
  commands: [
    {
      name: 'run',
      describe: 'Run a scenario',
      positionals: [{ name: 'scenario', describe: 'Scenario file' }],
      options: [
        { name: 'replications', alias: 'n', kind: 'value', describe: 'Number of replications' },
        { name: 'seed', alias: 's', kind: 'value', describe: 'Base seed' },
        { name: 'quiet', alias: 'q', kind: 'flag', describe: 'No progress bar' },
        { name: 'report', kind: 'flag', default: true, describe: 'Write the report' },
      ],
    },
    {
      name: 'compare',
      describe: 'Compare scenarios',
      positionals: [
        { name: 'baseline', describe: 'Baseline file' },
        { name: 'variants', describe: 'Variant files', many: true },
      ],
      options: [{ name: 'out', alias: 'o', kind: 'value', describe: 'Output folder' }],
    },
    { name: 'validate', describe: 'Check files', positionals: [{ name: 'files', describe: 'Files', many: true }], options: [] },
  ],
};

const run = (...argv: string[]) => {
  const r: Parsed = parseCommandLine(P, argv);
  if (r.kind !== 'run') throw new Error(`expected a command, got text: ${r.text}`);
  return r.invocation;
};
const error = (...argv: string[]): string => {
  try {
    parseCommandLine(P, argv);
  } catch (e) {
    expect(e).toBeInstanceOf(ArgsError);
    return (e as Error).message;
  }
  throw new Error(`expected an error for ${argv.join(' ')}`);
};
const text = (...argv: string[]): string => {
  const r = parseCommandLine(P, argv);
  if (r.kind !== 'print') throw new Error('expected a text');
  return r.text;
};

describe('parseCommandLine', () => {
  it('a command with its positional, defaults for flags not given', () => {
    expect(run('run', 'a.yaml')).toEqual({ command: 'run', args: { scenario: 'a.yaml', report: true } });
  });

  it('options by name, alias, with = or the next argument; flags and --no-', () => {
    expect(run('run', '-n', '5', '--seed=7', 'a.yaml', '-q', '--no-report').args).toEqual({ scenario: 'a.yaml', replications: '5', seed: '7', quiet: true, report: false });
    expect(run('run', 'a.yaml', '-n5', '-s=3').args).toMatchObject({ replications: '5', seed: '3' });
    // switches grouped, the last letter may take a value
    expect(run('run', 'a.yaml', '-qn', '4').args).toMatchObject({ quiet: true, replications: '4' });
    expect(run('run', 'a.yaml', '-qn4').args).toMatchObject({ quiet: true, replications: '4' });
    expect(error('run', 'a.yaml', '-qx')).toBe('Unknown option: -qx');
    expect(run('run', 'a.yaml', '--report=false', '--quiet=true').args).toMatchObject({ report: false, quiet: true });
    // the last of a repeated option wins
    expect(run('run', 'a.yaml', '-n', '1', '--replications', '2').args.replications).toBe('2');
  });

  it('a value may start with a dash (a negative number is checked by the command, not taken for an option)', () => {
    expect(run('run', 'a.yaml', '--seed', '-1').args.seed).toBe('-1');
  });

  it('the last positional may take several; -- ends the options', () => {
    expect(run('compare', 'base.yaml', 'v1.yaml', 'v2.yaml', '-o', 'out').args).toEqual({ baseline: 'base.yaml', variants: ['v1.yaml', 'v2.yaml'], out: 'out' });
    expect(run('validate', '--', '-odd-name.yaml').args).toEqual({ files: ['-odd-name.yaml'] });
  });

  it('mistakes are named: no command, unknown command or option, missing value or argument, extra arguments, a value given to a switch', () => {
    expect(error()).toBe('Give a command: run, compare or validate (see --help)');
    expect(error('rnu', 'a.yaml')).toBe('Unknown command: rnu; give run, compare or validate');
    expect(error('--bogus')).toBe('Unknown option: --bogus; give a command first: run, compare or validate');
    expect(error('run', 'a.yaml', '--bogus')).toBe('Unknown option: --bogus');
    expect(error('run', 'a.yaml', '-x')).toBe('Unknown option: -x');
    expect(error('run', 'a.yaml', '--no-seed')).toBe('Unknown option: --no-seed');
    expect(error('run', 'a.yaml', '--seed')).toBe('option --seed needs a value');
    expect(error('run')).toBe('Not enough arguments: give run <scenario>');
    expect(error('compare', 'base.yaml')).toBe('Not enough arguments: give compare <baseline> <variants..>');
    expect(error('validate')).toBe('Not enough arguments: give validate <files..>');
    expect(error('run', 'a.yaml', 'b.yaml', 'c.yaml')).toBe('Unknown arguments: b.yaml, c.yaml');
    expect(error('run', 'a.yaml', '--quiet=yes')).toBe('option --quiet is a switch: give it alone, or --no-quiet');
  });

  it('--help and --version anywhere print instead of running (even with other mistakes after them)', () => {
    expect(text('--version')).toBe('9.9.9\n');
    expect(text('run', '--version')).toBe('9.9.9\n');
    expect(text('--help')).toBe(programHelp(P));
    expect(text('-h')).toBe(programHelp(P));
    expect(text('run', 'a.yaml', '--help', '--bogus')).toBe(commandHelp(P, P.commands[0]!));
  });
});

describe('help', () => {
  it('the program: every command with its positionals and description', () => {
    const h = programHelp(P);
    expect(h.startsWith('nabolag <command> [options]\n\nAgent-based simulation.\n')).toBe(true);
    expect(h).toContain('  nabolag run <scenario>');
    expect(h).toContain('  nabolag compare <baseline> <variants..>');
    expect(h).toMatch(/nabolag validate <files\.\.> +Check files/);
    expect(h).toContain('--version');
  });

  it('a command: usage, positionals, options with aliases and defaults, in aligned columns', () => {
    const h = commandHelp(P, P.commands[0]!);
    const lines = h.split('\n');
    expect(lines[0]).toBe('nabolag run <scenario>');
    expect(h).toMatch(/^ {2}scenario +Scenario file$/m);
    expect(h).toMatch(/^ {2}-n, --replications <value> +Number of replications$/m);
    expect(h).toMatch(/^ {6}--report +Write the report \[default: true\]$/m);
    // the descriptions start in one column
    const starts = ['Number of replications', 'Base seed', 'No progress bar', 'Write the report', 'Show help', 'Show version number'].map((d) => lines.find((l) => l.endsWith(d) || l.includes(`${d} [`))!.indexOf(d));
    expect(new Set(starts).size).toBe(1);
  });

  it('long descriptions wrap under their column, keeping "[default: ...]" whole', () => {
    const long = { ...P, commands: [{ ...P.commands[0]!, options: [{ name: 'report', kind: 'flag' as const, default: true, describe: 'word '.repeat(30).trim() }] }] };
    const lines = commandHelp(long, long.commands[0]!).split('\n');
    const at = lines.findIndex((l) => l.includes('--report'));
    const col = lines[at]!.indexOf('word');
    expect(lines.every((l) => l.length <= 100)).toBe(true);
    expect(lines[at + 1]!.indexOf('word')).toBe(col);
    expect(lines.some((l) => l.trim() === '[default: true]' || l.endsWith('[default: true]'))).toBe(true);
  });
});

describe('wholeNumberOption', () => {
  const mistake = (v: unknown): string => {
    try {
      wholeNumberOption('seed', v, 0, 10);
    } catch (e) {
      if (e instanceof ArgsError) return e.message;
      throw e;
    }
    throw new Error(`no mistake found in ${String(v)}`);
  };

  it('reads whole numbers in the range, typed or given as numbers, and nothing when the option is absent', () => {
    expect(wholeNumberOption('seed', '0', 0, 10)).toBe(0);
    expect(wholeNumberOption('seed', ' 10 ', 0, 10)).toBe(10);
    expect(wholeNumberOption('seed', 7, 0, 10)).toBe(7);
    expect(wholeNumberOption('seed', undefined, 0, 10)).toBeUndefined();
  });

  it('names the option, the value (a typed number as a number, anything else as text) and the range', () => {
    expect(mistake('-1')).toBe('option --seed is -1, but must be a whole number from 0 to 10');
    expect(mistake('11')).toBe('option --seed is 11, but must be a whole number from 0 to 10');
    expect(mistake('2.5')).toBe('option --seed is 2.5, but must be a whole number from 0 to 10');
    expect(mistake('abc')).toBe('option --seed is "abc", but must be a whole number from 0 to 10');
    expect(mistake('')).toBe('option --seed is "", but must be a whole number from 0 to 10');
    expect(mistake(' ')).toBe('option --seed is " ", but must be a whole number from 0 to 10');
    expect(mistake(true)).toBe('option --seed is true, but must be a whole number from 0 to 10');
  });
});

describe('scenarioFieldOption', () => {
  it('accepts what the scenario field accepts, and nothing beyond it', () => {
    for (const name of ['replications', 'seed', 'years'] as const) {
      const { min, max } = scenarioSchema.fields[name];
      expect(scenarioFieldOption(name, String(min))).toBe(min);
      expect(scenarioFieldOption(name, String(max))).toBe(max);
      expect(() => scenarioFieldOption(name, String(max! + 1))).toThrow(new ArgsError(`option --${name} is ${max! + 1}, but must be a whole number from ${min} to ${max}`));
      expect(() => scenarioFieldOption(name, String(min! - 1))).toThrow(ArgsError);
    }
  });
});
