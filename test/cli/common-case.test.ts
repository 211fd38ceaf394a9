/**
 * The common case of the command line (src/cli/args.ts, `parseCommonCase`, no yargs) against the
 * yargs path (src/cli/args-yargs.ts, `parseCommandLine`) on nabolag's own declarations: command
 * lines generated from the ProgramSpec (every command, its positionals, each option in every form,
 * pairs of options, repeats, `--`) must be taken by the common case and give exactly the yargs
 * result; odd command lines must be left to yargs; and on random command lines from a pool of
 * plain and odd words, whatever the common case takes, yargs parses the same.
 */
import { describe, expect, it } from 'vitest';
import { type CommandSpec, type OptionSpec, type Parsed, parseCommonCase } from '../../src/cli/args.js';
import { parseCommandLine } from '../../src/cli/args-yargs.js';
import { PROGRAM } from '../../src/cli/program.js';

/** What yargs makes of a command line: its result, or its error's message. */
function viaYargs(argv: string[]): Parsed | { error: string } {
  try {
    return parseCommandLine(PROGRAM, argv);
  } catch (e) {
    return { error: (e as Error).message };
  }
}

const VALUES = ['a.yaml', '5', 'x=1', 'policies[lever=extension].factor=0.5', 'dir/with space', 'true', '0', 'æøå'];

/** The forms of giving one option (its value the k-th of VALUES). */
function optionForms(o: OptionSpec, k: number): string[][] {
  const v = VALUES[k % VALUES.length]!;
  if (o.kind === 'flag') return [[`--${o.name}`], [`--no-${o.name}`], ...(o.alias ? [[`-${o.alias}`]] : [])];
  const forms = [[`--${o.name}`, v], [`--${o.name}=${v}`], ...(o.alias ? [[`-${o.alias}`, v]] : [])];
  // a repeatable option several times (its values in order); any other value option twice (the last wins)
  forms.push([`--${o.name}`, v, `--${o.name}=${VALUES[(k + 1) % VALUES.length]!}`]);
  if (o.repeat) forms.push([`--${o.name}`, 'a=1', `--${o.name}`, 'b=2', `--${o.name}`, 'c=3']);
  return forms;
}

/** Sets of positionals a command takes (and, for a `many` one, the same after `--`). */
function positionalSets(c: CommandSpec): { before: string[]; after?: string[] }[] {
  const required = c.positionals.filter((ps) => !ps.many && !ps.optional).map((_ps, i) => `file${i}.yaml`);
  const single = c.positionals.find((ps) => !ps.many && ps.optional);
  const many = c.positionals.find((ps) => ps.many);
  const sets: { before: string[]; after?: string[] }[] = [];
  if (single) sets.push({ before: [] }, { before: ['one.yaml'] });
  else if (!many) sets.push({ before: required });
  else {
    if (many.optional) sets.push({ before: required }, { before: required, after: [] });
    sets.push(
      { before: [...required, 'm1.yaml'] },
      { before: [...required, 'm1.yaml', 'm2.yaml'] },
      { before: required, after: ['run', 'scenarios/default.yaml', '-n', '80', '--out', 'x'] },
      { before: [...required, 'm1.yaml'], after: ['m2.yaml', '--quiet'] },
    );
  }
  return sets;
}

/** Command lines generated from the program's declarations. */
function generated(): string[][] {
  const lines: string[][] = [];
  for (const c of PROGRAM.commands) {
    const sets = positionalSets(c);
    const line = (k: number, options: string[][]): string[] => {
      const s = sets[k % sets.length]!;
      // options before, between and after the positionals, in turn
      const at = k % 3 === 0 ? 0 : k % 3 === 1 ? Math.min(1, s.before.length) : s.before.length;
      return [c.name, ...s.before.slice(0, at), ...options.flat(), ...s.before.slice(at), ...(s.after ? ['--', ...s.after] : [])];
    };
    for (let k = 0; k < sets.length; k++) lines.push(line(k, []));
    let k = 0;
    // each option in each form, with each set of positionals, before, between and after them
    for (const o of c.options) for (const f of optionForms(o, k)) for (let j = 0; j < Math.max(3, sets.length); j++) lines.push(line(k++, [f]));
    // every pair of options, twice, each time in other forms and places
    for (const [i, a] of c.options.entries())
      for (const b of c.options.slice(i + 1))
        for (const order of [0, 1]) {
          const fa = optionForms(a, k)[k % 5] ?? [`--${a.name}`, ...(a.kind === 'value' ? ['v'] : [])];
          const fb = optionForms(b, k + 1)[(k + 2) % 5] ?? [`--${b.name}`, ...(b.kind === 'value' ? ['w'] : [])];
          lines.push(line(k++, order === 0 ? [fa, fb] : [fb, fa]));
        }
    // all of them at once
    lines.push(
      line(
        k++,
        c.options.map((o) => optionForms(o, k)[0]!),
      ),
    );
  }
  return lines;
}

describe('parseCommonCase', () => {
  const lines = generated();

  it('takes every plain command line generated from the declarations and gives exactly what yargs gives', () => {
    expect(lines.length).toBeGreaterThan(1500);
    for (const argv of lines) {
      const common = parseCommonCase(PROGRAM, argv);
      expect(common, argv.join(' ')).toBeDefined();
      expect(common, argv.join(' ')).toStrictEqual(viaYargs(argv));
    }
  });

  it('gives what yargs gives on a few lines written out', () => {
    expect(parseCommonCase(PROGRAM, ['run', 'scenarios/default.yaml', '-q', '--no-report', '--out', '/tmp/x'])).toStrictEqual({
      kind: 'run',
      invocation: { command: 'run', args: { scenario: 'scenarios/default.yaml', out: '/tmp/x', quiet: true, report: false } },
    });
    expect(parseCommonCase(PROGRAM, ['compare', 'a.yaml', 'b.yaml', '-n', '3', '--', 'c.yaml', '--seed'])).toStrictEqual({
      kind: 'run',
      invocation: { command: 'compare', args: { baseline: 'a.yaml', variants: ['b.yaml', 'c.yaml', '--seed'], replications: '3', report: true } },
    });
    expect(parseCommonCase(PROGRAM, ['calibrate', '--presets', '--only', 'average'])).toStrictEqual({
      kind: 'run',
      invocation: { command: 'calibrate', args: { scenario: undefined, presets: true, only: 'average' } },
    });
  });

  it('leaves help, the version, completion, mistakes and anything unusual to yargs', () => {
    const odd = [
      [],
      ['--help'],
      ['--version'],
      ['-h'],
      ['run', 'x.yaml', '--help'],
      ['run', 'x.yaml', '-h'],
      ['run', '--version'],
      ['completion'],
      ['run', 'x.yaml', '--get-yargs-completions'],
      ['bogus', 'x.yaml'],
      ['--bogus', 'run', 'x.yaml'],
      ['-q', 'run', 'x.yaml'],
      ['run', '--bogus', 'x.yaml'],
      ['run', 'x.yaml', '--shards', '2/4'],
      ['run', 'x.yaml', '--Quiet'],
      ['run', 'x.yaml', '--maxEvals', '3'],
      ['calibrate', 'x.yaml', '--maxEvals', '3'],
      ['calibrate', 'x.yaml', '--max_evals', '3'],
      ['run', 'x.yaml', '--vary', 'a=1,2'],
      ['run'],
      ['run', 'x.yaml', 'y.yaml'],
      ['run', 'x.yaml', '--', 'y.yaml'],
      ['run', '--', 'x.yaml'],
      ['compare', 'a.yaml'],
      ['validate'],
      ['run', ''],
      ['run', 'x.yaml', '-n'],
      ['run', 'x.yaml', '-n', '-5'],
      ['run', 'x.yaml', '--seed='],
      ['run', 'x.yaml', '--seed', ''],
      ['run', 'x.yaml', '--out', '--quiet'],
      ['run', 'x.yaml', '-q', 'true'],
      ['run', 'x.yaml', '--report', 'false'],
      ['run', 'x.yaml', '--quiet=true'],
      ['run', 'x.yaml', '-q', '-q'],
      ['run', 'x.yaml', '--no-quiet', '--quiet'],
      ['run', 'x.yaml', '--no-out'],
      ['run', 'x.yaml', '--no-set', 'a=1'],
      ['run', 'x.yaml', '-qn', '5'],
      ['run', 'x.yaml', '-n5'],
      ['run', 'x.yaml', '-n=5'],
      ['run', 'x.yaml', '--out.x', 'd'],
      ['run', '-', 'x.yaml'],
      ['run', '-5'],
      ['studio', 'x.yaml'],
    ];
    for (const argv of odd) expect(parseCommonCase(PROGRAM, argv), argv.join(' ')).toBeUndefined();
  });

  it('on random command lines of plain and odd words, gives what yargs gives whenever it takes one', () => {
    const words = [
      ...PROGRAM.commands.map((c) => c.name),
      ...PROGRAM.commands.flatMap((c) => c.options.flatMap((o) => [`--${o.name}`, `--no-${o.name}`, ...(o.alias ? [`-${o.alias}`] : [])])),
      ...VALUES,
      '--',
      '-',
      '',
      'true',
      'false',
      '--help',
      '-h',
      '--version',
      '--bogus',
      '-x',
      '-qn',
      '--out=',
      '--seed=-1',
      '--set=a=b',
      '-5',
      'completion',
    ];
    // a fixed linear congruential sequence: the same lines on every run
    let state = 12345;
    const next = (n: number) => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state % n;
    };
    const commands = PROGRAM.commands.map((c) => c.name);
    let taken = 0;
    for (let i = 0; i < 3000; i++) {
      const argv = [commands[next(commands.length)]!, ...Array.from({ length: next(7) }, () => words[next(words.length)]!)];
      const common = parseCommonCase(PROGRAM, argv);
      if (common === undefined) continue;
      taken++;
      expect(common, JSON.stringify(argv)).toStrictEqual(viaYargs(argv));
    }
    expect(taken).toBeGreaterThan(100);
  });
});
