/**
 * End to end through the real CLI (`node bin/nabolag.js`, built by `npm run build`): the
 * commands that guide a user writing scenarios. `validate --show` prints the resolved scenario
 * with where each value came from (file and line, or default); `validate` and `run` warn (exit 0)
 * when an `extends` drops what a parent's estates or policies gave, or keeps a parent's
 * description for changed estates; `new` writes a commented scenario that validates and never
 * replaces a file.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadScenario } from '../../src/scenario/load.js';
import { scratchFolder } from '../helpers/files.js';

const tmp = scratchFolder('nabolag-guide-');

beforeAll(() => {
  if (!existsSync('dist/src/cli/main.js')) throw new Error('the compiled CLI is missing: run `npm run build` before this test');
});

function nabolag(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/nabolag.js', ...args], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The 1-based line of the first line of a file that contains `text`. */
function lineOf(file: string, text: string): number {
  const i = readFileSync(file, 'utf8')
    .split('\n')
    .findIndex((l) => l.includes(text));
  if (i < 0) throw new Error(`${text} not in ${file}`);
  return i + 1;
}

/** The comment of the line of `--show` output that starts (after indentation) with `start`. */
function sourceOf(shown: string, start: RegExp): string {
  const line = shown.split('\n').find((l) => start.test(l));
  if (!line) throw new Error(`no line ${start} in:\n${shown}`);
  return line.slice(line.lastIndexOf(' # ') + 3);
}

describe('validate --show', () => {
  it('prints every value of the resolved scenario with the file and line it came from, or default', () => {
    const r = nabolag('validate', '--show', 'scenarios/levers/extension.yaml');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('extends scenarios/default.yaml → scenarios/presets/average.yaml');
    expect(sourceOf(r.stdout, /^ {4}factor: 0\.5 /)).toBe(`scenarios/levers/extension.yaml:${lineOf('scenarios/levers/extension.yaml', 'factor: 0.5')}`);
    expect(sourceOf(r.stdout, /^replications: 10 /)).toBe(`scenarios/default.yaml:${lineOf('scenarios/default.yaml', 'replications:')}`);
    expect(sourceOf(r.stdout, /^ {4}flats: 1000 /)).toBe(`scenarios/presets/average.yaml:${lineOf('scenarios/presets/average.yaml', 'flats: 1000')}`);
    expect(sourceOf(r.stdout, /^ {6}resourceStrongShare: 0\.52 /)).toBe(
      `scenarios/presets/average.yaml:${lineOf('scenarios/presets/average.yaml', 'resourceStrongShare: 0.52')}`,
    );
    expect(sourceOf(r.stdout, /^ {4}floors: /)).toBe('default');
    expect(sourceOf(r.stdout, /^ {2}image: /)).toBe('default');
  });

  it('the printed scenario is YAML that resolves to the same scenario', () => {
    const r = nabolag('validate', '--show', 'scenarios/presets/ringparken-like.yaml');
    expect(r.code, r.stderr).toBe(0);
    const file = tmp.write('resolved/ringparken-like.yaml', r.stdout);
    expect(loadScenario(file)).toEqual(loadScenario('scenarios/presets/ringparken-like.yaml'));
    // every value line names a source
    const values = r.stdout.split('\n').filter((l) => /^\s*(- )?[\w"]+: \S/.test(l));
    expect(values.length).toBeGreaterThan(100);
    for (const l of values) expect(l).toMatch(/ # (default|\S+\.(yaml|json)(:\d+)?)$/);
  });

  it('the printed scenario of a text with a newline reads back the same, with no warning (defaults of anchored fields written out)', () => {
    const source = tmp.write('resolved/multiline.yaml', 'description: "first line\\nsecond line"\nyears: 3\n');
    const r = nabolag('validate', '--show', source);
    expect(r.code, r.stderr).toBe(0);
    const file = tmp.write('resolved/multiline-shown.yaml', r.stdout);
    expect(loadScenario(file)).toEqual(loadScenario(source));
    const again = nabolag('validate', file);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toBe('');
  });

  it('finds the lines of a JSON file that extends a YAML file, and names the file for a name taken from it', () => {
    const parent = tmp.write('json/parent.yaml', 'years: 12\nestates:\n  - name: a\n    flats: 400\n');
    const child = tmp.write('json/child.json', '{\n  "extends": "parent.yaml",\n  "seed": 7\n}\n');
    const r = nabolag('validate', '--show', child);
    expect(r.code, r.stderr).toBe(0);
    expect(sourceOf(r.stdout, /^seed: 7 /)).toBe(`${child}:3`);
    expect(sourceOf(r.stdout, /^years: 12 /)).toBe(`${parent}:1`);
    expect(sourceOf(r.stdout, /^ {4}flats: 400 /)).toBe(`${parent}:4`);
    expect(sourceOf(r.stdout, /^name: child /)).toBe(child);
  });

  it('--set: the scenario a run with it would use, each value set marked with its option; a bad value named, exit 2', () => {
    const r = nabolag('validate', '--show', '--set', 'estates[0].flats=600', '--set', 'years=20', 'scenarios/levers/extension.yaml');
    expect(r.code, r.stderr).toBe(0);
    expect(sourceOf(r.stdout, /^ {4}flats: 600 /)).toBe('--set estates[0].flats=600');
    expect(sourceOf(r.stdout, /^years: 20 /)).toBe('--set years=20');
    // without --show: ok, or the value's problem naming the option
    expect(nabolag('validate', '--set', 'years=20', 'scenarios/default.yaml')).toMatchObject({ code: 0, stdout: 'scenarios/default.yaml: ok\n' });
    const bad = nabolag('validate', '--set', 'estates[0].flats=-1', 'scenarios/default.yaml');
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain('--set estates[0].flats=-1: field "estates[0].flats" is -1');
    const malformed = nabolag('validate', '--set', 'years', 'scenarios/default.yaml');
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toMatch(/option --set "years": give <path>=<value>/);
  });

  it('a bad file: its problems, exit 2, nothing on stdout; a missing parent likewise', () => {
    const bad = tmp.write('bad/flats.yaml', `extends: ${relative(join(tmp.root(), 'bad'), join(process.cwd(), 'scenarios/default.yaml'))}\nyears: 0\n`);
    const r = nabolag('validate', '--show', bad);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${bad}: field "years" is 0`);
    const orphan = tmp.write('bad/orphan.yaml', 'extends: nowhere.yaml\n');
    const o = nabolag('validate', '--show', orphan);
    expect(o.code).toBe(2);
    expect(o.stdout).toBe('');
    expect(o.stderr).toMatch(/nowhere\.yaml/);
    expect(o.stderr).not.toMatch(/^\s+at /m);
  });
});

describe('warnings about extends', () => {
  const ringparken = () => relative(join(tmp.root(), 'warn'), join(process.cwd(), 'scenarios/presets/ringparken-like.yaml'));
  /** A preset with one estate field changed, written the way lists do not allow: the estate anew. */
  const bigger = () =>
    tmp.write(
      'warn/bigger.yaml',
      `# a preset, one field changed\nextends: ${ringparken()}\nestates:\n  - name: bigger\n    population:\n      resourceStrongShare: 0.52\n`,
    );

  it('an estate written anew drops the preset estate fields, and the preset description is kept: two warnings, exit 0', () => {
    const file = bigger();
    const r = nabolag('validate', file);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`${file}: ok\n`);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(new RegExp(`^warning: ${file}:3: "estates" replaces the list inherited from .*ringparken-like\\.yaml`));
    for (const field of ['consecutiveListYears', 'population.nonWesternShare', 'applicants.vulnerableShare']) expect(lines[0]).toContain(field);
    expect(lines[0]).toContain('--set estates[0].flats=600');
    expect(lines[1]).toMatch(new RegExp(`^warning: ${file}:3: the estates are changed here, but "description" is inherited from .*ringparken-like\\.yaml`));
  });

  it('a policies list that drops an inherited lever: a warning naming it', () => {
    const lever = relative(join(tmp.root(), 'warn'), join(process.cwd(), 'scenarios/levers/extension.yaml'));
    const file = tmp.write(
      'warn/swap.yaml',
      `extends: ${lever}\nname: swap\ndescription: Gardens instead of extension.\npolicies:\n  - lever: gardens\n    from: 2027\n`,
    );
    const r = nabolag('validate', file);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`^warning: ${file}:4: "policies" replaces the list .* drops lever "extension" entirely`));
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('a lever that starts after the run: a warning naming it, in validate and in run', () => {
    // scenarios/levers/image-work.yaml: imageWork from 2027; one year simulates 2026 only
    const v = nabolag('validate', '--set', 'years=1', 'scenarios/levers/image-work.yaml');
    expect(v.code, v.stderr).toBe(0);
    expect(v.stderr).toBe(
      'warning: scenarios/levers/image-work.yaml: field "policies[0].from" is 2027, after the run\'s last year (2026): the imageWork lever never acts in this run, which simulates 2026-2026 (a lever acts from 1 January of its "from"), so it changes nothing in the results (a scenario with no other lever gives the baseline\'s)\n',
    );
    expect(nabolag('validate', '--set', 'years=2', 'scenarios/levers/image-work.yaml').stderr).toBe('');
    const r = nabolag('run', 'scenarios/levers/image-work.yaml', '-n', '1', '-y', '1', '--no-report', '--out', join(tmp.root(), 'out-late'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^warning: scenarios\/levers\/image-work\.yaml: field "policies\[0\]\.from" is 2027, after the run's last year \(2026\)/m);
  });

  it('no warning for an emptied list, for an estate that keeps every inherited field, or for an own description', () => {
    const empty = tmp.write(
      'warn/empty.yaml',
      `extends: ${relative(join(tmp.root(), 'warn'), join(process.cwd(), 'scenarios/levers/extension.yaml'))}\nname: none\ndescription: No levers.\npolicies: []\n`,
    );
    const kept = tmp.write(
      'warn/kept.yaml',
      `extends: ${relative(join(tmp.root(), 'warn'), join(process.cwd(), 'scenarios/presets/average.yaml'))}\ndescription: The average estate, 800 flats.\nestates:\n  - name: average\n    flats: 800\n    sections: 4\n    population:\n      resourceStrongShare: 0.52\n`,
    );
    const r = nabolag('validate', empty, kept);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
  });

  it('no shipped scenario has a warning', () => {
    const r = spawnSync('sh', ['-c', `${process.execPath} bin/nabolag.js validate scenarios/*.yaml scenarios/*/*.yaml`], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
  });

  it('run prints the warnings on stderr and still runs; --quiet stays silent', () => {
    const file = bigger();
    const r = nabolag('run', file, '-n', '1', '-y', '1', '--no-report', '--out', join(tmp.root(), 'out-warn'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^warning: .*"estates" replaces the list/m);
    const q = nabolag('run', file, '-n', '1', '-y', '1', '--no-report', '--quiet', '--out', join(tmp.root(), 'out-warn'));
    expect(q.code, q.stderr).toBe(0);
    expect(q.stdout + q.stderr).toBe('');
  });

  it('sweep prints the warnings on stderr too', () => {
    const file = bigger();
    const r = nabolag('sweep', file, '--vary', 'social.tieEffect=1,2', '-n', '1', '-y', '1', '--no-report', '--out', join(tmp.root(), 'out-warn-sweep'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^warning: .*"estates" replaces the list/m);
  });
});

describe('new', () => {
  it('writes a commented scenario with the given size and share that validates with no warning', () => {
    const file = tmp.rel('new/my-estate.yaml');
    mkdirSync(join(tmp.root(), 'new'), { recursive: true });
    const r = nabolag('new', file, '--flats', '600', '--resource-strong', '0.40');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`wrote ${file}`);
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^# yaml-language-server: \$schema=.*scenarios\/schema\.json$/m);
    expect(text.split('\n').filter((l) => l.startsWith('#')).length).toBeGreaterThan(10);
    const v = nabolag('validate', '--show', file);
    expect(v.code, v.stderr).toBe(0);
    expect(v.stderr).toBe('');
    expect(sourceOf(v.stdout, /^ {4}flats: 600 /)).toBe(`${file}:${lineOf(file, 'flats: 600')}`);
    const sc = loadScenario(file);
    expect(sc.name).toBe('my-estate');
    expect(sc.estates[0]!.flats).toBe(600);
    expect(sc.estates[0]!.population.resourceStrongShare).toBe(0.4);
  });

  it('a file name that YAML would read as a number, a boolean or a dash, or with Danish letters, gives a scenario that validates', () => {
    mkdirSync(join(tmp.root(), 'names'), { recursive: true });
    const cases: [string, string, string][] = [
      ['1.yaml', '1', '1'],
      ['true.yaml', 'true', 'true'],
      ['0x1.yaml', '0x1', '0x1'],
      ['Å.yaml', 'Aa', 'Å'],
      ['Ølby.yaml', 'Oelby', 'Ølby'],
      ['egedalsvænge.yaml', 'egedalsvaenge', 'egedalsvænge'],
      // an estate may not be called "region" in any case (the sum row of a region)
      ['Region.yaml', 'Region', 'estate'],
    ];
    for (const [base, scenario, estate] of cases) {
      const file = tmp.rel(`names/${base}`);
      const r = nabolag('new', file);
      expect(r.code, `${base}: ${r.stderr}`).toBe(0);
      expect(r.stderr).toBe('');
      const sc = loadScenario(file);
      expect(sc.name, base).toBe(scenario);
      expect(sc.estates[0]!.name, base).toBe(estate);
    }
  });

  it('the lever shown in comments validates once uncommented', () => {
    mkdirSync(join(tmp.root(), 'lever'), { recursive: true });
    const file = tmp.rel('lever/plain.yaml');
    expect(nabolag('new', file).code).toBe(0);
    const text = readFileSync(file, 'utf8');
    const at = text.indexOf('# policies:');
    const on =
      text.slice(0, at) +
      text
        .slice(at)
        .replace(/^# policies:$/m, 'policies:')
        .replace(/^# {3}/gm, '  ');
    expect(on).toMatch(/^policies:\n {2}- lever: extension/m);
    const lever = tmp.write('lever/plain-with-lever.yaml', on.replace(/^name: .*$/m, 'name: with-lever'));
    expect(loadScenario(lever).policies).toHaveLength(1);
  });

  for (const preset of ['average', 'aeblehaven-like', 'egedalsvaenge-like', 'ringparken-like'])
    it(`--preset ${preset}: extends it, keeps every field its estate has, and validates with no warning`, () => {
      const file = tmp.rel(`new/from-${preset}.yaml`);
      const r = nabolag('new', file, '--preset', preset, '--flats', '800');
      expect(r.code, r.stderr).toBe(0);
      const v = nabolag('validate', file);
      expect(v.code, v.stderr).toBe(0);
      expect(v.stderr).toBe('');
      const mine = loadScenario(file);
      const theirs = loadScenario(`scenarios/presets/${preset}.yaml`);
      expect(parse(readFileSync(file, 'utf8')).extends).toMatch(new RegExp(`scenarios/presets/${preset}\\.yaml$`));
      expect({ ...mine.estates[0], name: 'x', flats: 0 }).toEqual({ ...theirs.estates[0], name: 'x', flats: 0 });
      expect(mine.estates[0]!.flats).toBe(800);
      expect({ ...mine, name: '', description: '', estates: [] }).toEqual({ ...theirs, name: '', description: '', estates: [] });
    });

  it('a file name with a space: the commands it suggests are quoted for the shell, and run as printed', () => {
    mkdirSync(join(tmp.root(), 'spaced'), { recursive: true });
    const file = tmp.rel('spaced/my estate.yaml');
    const r = nabolag('new', file);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`"nabolag validate --show '${file}'", run it with "nabolag run '${file}'"`);
    expect(readFileSync(file, 'utf8')).toContain(`#   nabolag run '${file}' `);
    const command = /"nabolag (validate --show '[^']+')"/.exec(r.stdout)![1]!;
    const v = spawnSync(`${process.execPath} bin/nabolag.js ${command}`, { shell: true, encoding: 'utf8' });
    expect(v.status, v.stderr).toBe(0);
  });

  it('never replaces a folder of the name either, and says it is a folder', () => {
    mkdirSync(join(tmp.root(), 'new/folder.yaml'), { recursive: true });
    const r = nabolag('new', tmp.rel('new/folder.yaml'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${tmp.rel('new/folder.yaml')}: a folder of that name exists; nabolag new never replaces it (choose another name)`);
  });

  it('never replaces a file: exit 2 and the file as it was', () => {
    const file = tmp.write('new/mine.yaml', 'name: mine\n');
    const r = nabolag('new', file, '--flats', '600');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file}: the file exists`);
    expect(readFileSync(file, 'utf8')).toBe('name: mine\n');
  });

  it('bad options, names and folders: exit 2, a message naming what is wrong, no file', () => {
    const cases: [string[], string][] = [
      [['--flats', '5'], 'option --flats is 5, but must be a whole number from 10 to'],
      [['--flats', 'many'], 'option --flats is "many"'],
      [['--resource-strong', '1.5'], 'option --resource-strong is "1.5", but must be a share from 0 to 1'],
      [['--flats', '1.000'], 'option --flats is "1.000", but must be a whole number from 10 to 2000000; write 1000 (without a thousands separator)'],
      [['--flats', '10.000'], 'option --flats is 10.000, which reads as 10 (a decimal point); write 10000 if the point separates thousands, or 10'],
      [
        ['--resource-strong', '0,4'],
        'option --resource-strong is "0,4", but must be a share from 0 to 1 (e.g. 0.45) or a percentage (45%); write 0.4 (with a decimal point, not a comma)',
      ],
      [['--resource-strong', '37,5%'], '; write 37.5% (with a decimal point, not a comma)'],
      [['--preset', 'nowhere'], 'option --preset is "nowhere", but must be one of aeblehaven-like, average, egedalsvaenge-like, ringparken-like'],
    ];
    for (const [opts, message] of cases) {
      const file = tmp.rel('new/refused.yaml');
      const r = nabolag('new', file, ...opts);
      expect(r.code, opts.join(' ')).toBe(2);
      expect(r.stderr).toContain(message);
      expect(r.stderr).not.toMatch(/^\s+at /m);
      expect(existsSync(file)).toBe(false);
    }
    const txt = nabolag('new', tmp.rel('new/estate.txt'));
    expect(txt.code).toBe(2);
    expect(txt.stderr).toContain('give a file name ending in .yaml or .yml');
    const nowhere = nabolag('new', tmp.rel('no/such/folder/estate.yaml'));
    expect(nowhere.code).toBe(2);
    expect(nowhere.stderr).toMatch(/the folder .*no\/such\/folder does not exist/);
    // a file where the folder should be, and a folder that takes no files: said so, not "does not exist"
    const plain = tmp.write('new/plain.txt', 'x');
    const under = nabolag('new', join(plain, 'estate.yaml'));
    expect(under.code).toBe(2);
    expect(under.stderr).toMatch(/plain\.txt is a file, not a folder/);
    const proc = nabolag('new', '/proc/estate.yaml');
    expect(proc.code).toBe(2);
    expect(proc.stderr).toContain('/proc/estate.yaml: the folder /proc takes no new files');
  });
});
