/**
 * The command-line parser on yargs (src/cli/args-yargs.ts) on a small program and on nabolag's
 * own declarations (src/cli/program.ts), and the help printed from them in English and Danish.
 * The common case parsed without yargs (src/cli/args.ts) is test/cli/common-case.test.ts.
 */
import { describe, expect, it } from 'vitest';
import {
  ArgsError,
  type Parsed,
  type ProgramSpec,
  helpLanguage,
  noteTypedOptions,
  scenarioFieldOption,
  typedOptions,
  wholeNumberOption,
} from '../../src/cli/args.js';
import { parseCommandLine } from '../../src/cli/args-yargs.js';
import { DA_TEXTS } from '../../src/cli/da.js';
import { PROGRAM } from '../../src/cli/program.js';
import { scenarioSchema } from '../../src/scenario/schema.js';
import { PACKAGE_ROOT } from '../../src/version.js';

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
        { name: 'set', kind: 'value', repeat: true, describe: 'Set a field' },
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
  if (r.kind !== 'run') throw new Error(`expected a command, got ${JSON.stringify(r)}`);
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
    expect(run('run', '-n', '5', '--seed=7', 'a.yaml', '-q', '--no-report').args).toEqual({
      scenario: 'a.yaml',
      replications: '5',
      seed: '7',
      quiet: true,
      report: false,
    });
    expect(run('run', 'a.yaml', '-n5', '-s=3').args).toMatchObject({ replications: '5', seed: '3' });
    expect(run('run', 'a.yaml', '-qn', '4').args).toMatchObject({ quiet: true, replications: '4' });
    expect(run('run', 'a.yaml', '-qn4').args).toMatchObject({ quiet: true, replications: '4' });
    expect(run('run', 'a.yaml', '--report=false', '--quiet=true').args).toMatchObject({ report: false, quiet: true });
    // given twice, the last wins
    expect(run('run', 'a.yaml', '-n', '1', '--replications', '2').args.replications).toBe('2');
  });

  it('a repeatable option collects its values in order', () => {
    expect(run('run', 'a.yaml', '--set', 'a=1').args.set).toEqual(['a=1']);
    expect(run('run', 'a.yaml', '--set', 'a=1', '--set=b=2').args.set).toEqual(['a=1', 'b=2']);
  });

  it('a value may start with a dash (a negative number is checked by the command, not taken for an option)', () => {
    expect(run('run', 'a.yaml', '--seed', '-1').args.seed).toBe('-1');
  });

  it('the last positional may take several; -- ends the options', () => {
    expect(run('compare', 'base.yaml', 'v1.yaml', 'v2.yaml', '-o', 'out').args).toEqual({
      baseline: 'base.yaml',
      variants: ['v1.yaml', 'v2.yaml'],
      out: 'out',
    });
    expect(run('validate', '--', '-odd-name.yaml').args).toEqual({ files: ['-odd-name.yaml'] });
  });

  it('mistakes are named: no command, unknown command or option, missing value or argument, extra arguments', () => {
    expect(error()).toBe('Give a command: run, compare or validate (see --help)');
    expect(error('rnu', 'a.yaml')).toBe('Unknown command: rnu; give run, compare or validate');
    // options named as typed (yargs's keys are `x` for -x, `n` for -n); a stray argument as it is
    expect(error('--bogus')).toBe('Unknown option or argument: --bogus');
    expect(error('run', 'a.yaml', '--bogus')).toBe('Unknown option or argument: --bogus');
    expect(error('run', 'a.yaml', '-x')).toBe('Unknown option or argument: -x');
    expect(error('run', 'a.yaml', '-qx')).toBe('Unknown option or argument: -x');
    expect(error('run', 'a.yaml', '--no-bogus')).toBe('Unknown option or argument: --no-bogus');
    expect(error('run', 'a.yaml', '--seed')).toBe('option --seed needs a value');
    expect(error('run', 'a.yaml', '-s')).toBe('option -s needs a value');
    expect(error('run', 'a.yaml', '-n')).toBe('option -n needs a value');
    expect(error('run')).toBe('Not enough arguments: got 0, need at least 1');
    expect(error('compare', 'base.yaml')).toBe('Not enough arguments: give compare <baseline> <variants..>');
    expect(error('validate')).toBe('Not enough arguments: give validate <files..>');
    expect(error('run', 'a.yaml', 'b.yaml', 'c.yaml')).toBe('Unknown options or arguments: b.yaml, c.yaml');
  });

  it('--help and --version print instead of running', () => {
    expect(text('--version')).toBe('9.9.9\n');
    expect(text('run', '--version')).toBe('9.9.9\n');
    expect(text('--help')).toMatch(/^nabolag <command> \[options\]\n\nAgent-based simulation\.\n/);
    expect(text('-h')).toBe(text('--help'));
    expect(text('run', 'a.yaml', '--help')).toMatch(/^nabolag run <scenario>\n/);
  });

  it('the completion script and completions are left to yargs', () => {
    expect(parseCommandLine({ ...P, completion: true }, ['completion'])).toEqual({ kind: 'completion', argv: ['completion'] });
    expect(parseCommandLine({ ...P, completion: true }, ['--get-yargs-completions', 'nabolag', 'ru']).kind).toBe('completion');
  });
});

describe('help', () => {
  it('the program: every command with its positionals and description', () => {
    const h = text('--help');
    expect(h).toMatch(/nabolag run <scenario> +Run a scenario/);
    expect(h).toMatch(/nabolag compare <baseline> \[variants\.\.\] +Compare scenarios/);
    expect(h).toMatch(/nabolag validate \[files\.\.\] +Check files/);
    expect(h).toContain('--version');
  });

  it('a command: positionals, options with aliases and defaults', () => {
    const h = text('run', '--help');
    expect(h).toMatch(/^ {2}scenario +Scenario file/m);
    expect(h).toMatch(/^ {2}-n, --replications +Number of replications/m);
    expect(h).toMatch(/--report +Write the report +\[boolean\] \[default: true\]/);
  });

  it("nabolag's own help, general and of every command, has examples, the exit codes and where the levers and docs are", () => {
    for (const c of [...PROGRAM.commands.map((x) => [x.name]), []]) {
      const h = (parseCommandLine(PROGRAM, [...c, '--help']) as { text: string }).text;
      expect(h, c.join(' ')).toMatch(/Examples:\n {2}nabolag /);
      expect(h).toMatch(/Exit codes: 0 success; 2 /);
      expect(h).toMatch(/scenarios\/levers\//);
      expect(h).toMatch(/docs\/usage\.md/);
      expect(h.replace(/\s+/g, ' ')).toContain(`These folders are in ${PACKAGE_ROOT}.`);
    }
    // the general help's examples are its own, not repeated in a command's
    expect((parseCommandLine(PROGRAM, ['run', '--help']) as { text: string }).text).not.toContain('nabolag run --help');
  });

  it('in Danish when the locale is Danish, every text of the program translated', () => {
    expect(helpLanguage({ LANG: 'da_DK.UTF-8' })).toBe('da');
    expect(helpLanguage({ LANG: 'en_US.UTF-8', NABOLAG_LANG: 'da' })).toBe('da');
    expect(helpLanguage({ LANG: 'C' })).toBe('en');
    expect(helpLanguage({})).toBe('en');
    const texts = [
      PROGRAM.summary,
      PROGRAM.epilogue!,
      ...PROGRAM.commands.flatMap((c) => [
        c.describe,
        ...c.positionals.map((p) => p.describe),
        ...c.options.map((o) => o.describe),
        ...(c.examples ?? []).map((e) => e[1]),
      ]),
    ];
    expect(texts.filter((t) => DA_TEXTS[t] === undefined)).toEqual([]);
    const h = (parseCommandLine(PROGRAM, ['run', '--help'], 'da') as { text: string }).text;
    expect(h).toMatch(/Tilvalg:/);
    expect(h).toMatch(/Eksempler:/);
    expect(h).toMatch(/Afslutningskoder:/);
    expect(() => parseCommandLine(PROGRAM, ['run', 'a.yaml', '--bogus'], 'da')).toThrow('Ukendt tilvalg eller argument: --bogus');
    expect(() => parseCommandLine(PROGRAM, ['run', 'a.yaml', '-n'], 'da')).toThrow('tilvalget -n mangler en værdi');
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

  it('a number with a thousands separator: what to write, and never the decimal reading guessed', () => {
    const wrong = (v: string, max = 100_000) => {
      try {
        wholeNumberOption('seed', v, 1, max);
      } catch (e) {
        return (e as Error).message;
      }
      throw new Error(`no mistake found in ${v}`);
    };
    // 1.000 reads as 1 and 1000 fits too: refused, naming both
    expect(wrong('1.000')).toBe('option --seed is 1.000, which reads as 1 (a decimal point); write 1000 if the point separates thousands, or 1');
    expect(wrong('2.500')).toBe('option --seed is "2.500", but must be a whole number from 1 to 100000; write 2500 (without a thousands separator)');
    expect(wrong('1,000')).toBe('option --seed is "1,000", but must be a whole number from 1 to 100000; write 1000 (without a thousands separator)');
    expect(wrong('12 000')).toBe('option --seed is "12 000", but must be a whole number from 1 to 100000; write 12000 (without a thousands separator)');
    // the thousands reading out of range: read as written, as before
    expect(wholeNumberOption('seed', '1.000', 1, 10)).toBe(1);
    expect(wholeNumberOption('seed', '1000', 1, 100_000)).toBe(1000);
  });
});

describe('options named as typed', () => {
  it('typedOptions: each option by the spelling given last, a letter in a group, --no-; nothing after --', () => {
    expect(Object.fromEntries(typedOptions(P, ['run', 'a.yaml', '-n', '2', '--seed=3', '-qs', '4', '--no-report', '--', '--replications']))).toEqual({
      replications: '-n',
      seed: '-s',
      quiet: '-q',
      report: '--no-report',
    });
    expect(typedOptions(P, ['nosuch', '-n', '2']).size).toBe(0);
  });

  it('a value refused names the option as typed (-n, not --replications), and --name when not noted', () => {
    try {
      noteTypedOptions(typedOptions(P, ['run', 'a.yaml', '-n', 'x', '-s', '-1']));
      expect(() => scenarioFieldOption('replications', 'x')).toThrow(new ArgsError('option -n is "x", but must be a whole number from 1 to 100000'));
      expect(() => scenarioFieldOption('seed', '-1')).toThrow(/^option -s is -1,/);
      expect(() => wholeNumberOption('workers', '0', 1, 4)).toThrow(/^option --workers is 0,/);
    } finally {
      noteTypedOptions(new Map());
    }
  });
});

describe('scenarioFieldOption', () => {
  it('accepts what the scenario field accepts, and nothing beyond it', () => {
    for (const name of ['replications', 'seed', 'years'] as const) {
      const { min, max } = scenarioSchema.fields[name];
      expect(scenarioFieldOption(name, String(min))).toBe(min);
      expect(scenarioFieldOption(name, String(max))).toBe(max);
      expect(() => scenarioFieldOption(name, String(max! + 1))).toThrow(
        new ArgsError(`option --${name} is ${max! + 1}, but must be a whole number from ${min} to ${max}`),
      );
      expect(() => scenarioFieldOption(name, String(min! - 1))).toThrow(ArgsError);
    }
  });
});
