/**
 * `--set <path>=<value>` (src/scenario/set.ts): parsing the assignment, applying it to a merged
 * scenario, the messages for every kind of mistake, and the CLI's promise that a value set on
 * the command line gives the same bytes as the same value written in the file.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NoMatch, applyAssignments, applyWherePresent, parseAssignment } from '../../src/scenario/set.js';
import { UserError } from '../../src/scenario/messages.js';
import { checkScenario } from '../../src/scenario/load.js';

describe('parseAssignment', () => {
  it('reads the path and the value as YAML', () => {
    expect(parseAssignment('years=20')).toMatchObject({ path: 'years', steps: [{ field: 'years' }], value: 20 });
    expect(parseAssignment('estates[0].flats=600').steps).toEqual([{ field: 'estates' }, { index: 0 }, { field: 'flats' }]);
    expect(parseAssignment('policies[lever=extension].factor=0.5')).toMatchObject({
      path: 'policies[lever=extension].factor',
      steps: [{ field: 'policies' }, { where: 'lever', equals: 'extension' }, { field: 'factor' }],
      value: 0.5,
    });
    expect(parseAssignment('spiral.enabled=false').value).toBe(false);
    expect(parseAssignment('name="my run"').value).toBe('my run');
    expect(parseAssignment('policies=[{lever: extension, from: 2027}]').value).toEqual([{ lever: 'extension', from: 2027 }]);
    expect(parseAssignment('letting.municipalShare=null').value).toBe(null);
  });

  it.each([
    ['years', /give <path>=<value>/],
    ['years=', /give a value after "="/],
    ['=3', /path before "=" is empty/],
    ['a..b=1', /empty field name/],
    ['a.=1', /ends with "."/],
    ['[0]=1', /must follow a field name/],
    ['estates[x].flats=1', /must be an index/],
    ['__proto__.polluted=1', /not allowed/],
    ['constructor=1', /not allowed/],
    ['a={__proto__: 1}', /key "__proto__" is not allowed/],
    ['estates[0].fl-ats=1', /not a field name/],
    ['years=[1', /not valid YAML \(Flow sequence must end with a \]\)$/],
  ])('refuses %s', (text, why) => {
    expect(() => parseAssignment(text)).toThrow(UserError);
    expect(() => parseAssignment(text)).toThrow(why);
  });
});

describe('applyAssignments', () => {
  const base = () => ({
    years: 15,
    estates: [{ name: 'a', flats: 100 }],
    policies: [
      { lever: 'extension', from: 2027, factor: 0.7 },
      { lever: 'gardens', from: 2028 },
    ],
  });

  it('sets fields, list items by index and by a field, and creates missing sections', () => {
    const d: Record<string, unknown> = base();
    const paths = applyAssignments(
      d,
      ['years=20', 'estates[0].flats=600', 'policies[lever=gardens].share=0.5', 'letting.municipalShare=0.1'].map(parseAssignment),
    );
    expect(paths).toEqual(['years', 'estates[0].flats', 'policies[1].share', 'letting.municipalShare']);
    expect(d).toMatchObject({ years: 20, estates: [{ name: 'a', flats: 600 }], letting: { municipalShare: 0.1 } });
    expect((d.policies as object[])[1]).toEqual({ lever: 'gardens', from: 2028, share: 0.5 });
  });

  it('creates a list with one item when index 0 of a list the scenario does not write is named', () => {
    const d: Record<string, unknown> = {};
    applyAssignments(d, [parseAssignment('estates[0].flats=600')]);
    expect(d).toEqual({ estates: [{ flats: 600 }] });
  });

  it('names nothing with a field of [0] of a list whose default is empty (policies), but sets [0] as a whole item', () => {
    expect(() => applyAssignments({}, [parseAssignment('policies[0].factor=0.5')])).toThrow(NoMatch);
    expect(() => applyAssignments({}, [parseAssignment('policies[0].factor=0.5')])).toThrow(/policies is not in the scenario, so it has no item \[0\]/);
    const d: Record<string, unknown> = {};
    applyAssignments(d, [parseAssignment('policies[0]={lever: extension, from: 2027}')]);
    expect(d).toEqual({ policies: [{ lever: 'extension', from: 2027 }] });
  });

  it('a policies list that is empty or absent: says so, and how to add a lever (a whole item, which sets [0] of an empty list too)', () => {
    const empty = () => ({ startYear: 2030, policies: [] as unknown[] });
    expect(() => applyAssignments(empty(), [parseAssignment('policies[0].share=0.5')])).toThrow(NoMatch);
    expect(() => applyAssignments(empty(), [parseAssignment('policies[0].share=0.5')])).toThrow(
      "policies is empty, so there is no [0]; the scenario has no policy levers: to add one, give the whole item, e.g. --set 'policies[0]={lever: internalList, from: 2031, share: 0.5}'",
    );
    expect(() => applyAssignments(empty(), [parseAssignment('policies[lever=extension].factor=0.5')])).toThrow(
      "policies is empty, so no item has lever=extension; the scenario has no policy levers: to add one, give the whole item, e.g. --set 'policies[0]={lever: extension, from: 2031, factor: 0.5}'",
    );
    expect(() => applyAssignments({}, [parseAssignment('policies[0].factor=0.5')])).toThrow(
      "policies is not in the scenario, so it has no item [0]; the scenario has no policy levers: to add one, give the whole item, e.g. --set 'policies[0]={lever: extension, from: 2027, factor: 0.5}'",
    );
    // a study option is told to add the lever with --set and vary its fields
    expect(() => applyAssignments(empty(), [{ ...parseAssignment('policies[0].share=0.5'), option: 'vary' }])).toThrow(
      /^option --vary "policies\[0\]\.share=0\.5": policies is empty, .* add one with --set, e.g. --set 'policies\[0\]=\{lever: internalList, from: 2031\}' .* and --vary its fields$/,
    );
    // the whole item the message gives is taken
    const d = empty();
    applyAssignments(d, [parseAssignment('policies[0]={lever: internalList, from: 2031, share: 0.5}')]);
    expect(d.policies).toEqual([{ lever: 'internalList', from: 2031, share: 0.5 }]);
    // other lists: empty or not, as before
    expect(() => applyAssignments({ policies: [] }, [parseAssignment('policies[1]={lever: extension, from: 2027}')])).toThrow(
      /policies is empty, so there is no \[1\]/,
    );
  });

  it('says what is there when an item is not', () => {
    expect(() => applyAssignments(base(), [parseAssignment('estates[2].flats=1')])).toThrow(/estates has 1 item\(s\) \(\[0\] to \[0\]\), so there is no \[2\]/);
    expect(() => applyAssignments(base(), [parseAssignment('policies[lever=ownership].from=2030')])).toThrow(/there: lever=extension, lever=gardens/);
    expect(() => applyAssignments(base(), [parseAssignment('policies[lever=ownership].from=2030')])).toThrow(NoMatch);
    const twice = { policies: [{ lever: 'x' }, { lever: 'x' }] };
    expect(() => applyAssignments(twice, [parseAssignment('policies[lever=x].from=1')])).toThrow(
      /2 items of policies have lever=x \(\[0\], \[1\]\); name one by its index/,
    );
    expect(() => applyAssignments(base(), [parseAssignment('years.x=1')])).toThrow(/years is 15, not a section/);
    expect(() => applyAssignments(base(), [parseAssignment('years[0]=1')])).toThrow(/years is 15, not a list/);
  });

  it('skips, where asked, an assignment whose item this scenario lacks, and changes nothing for it', () => {
    const d: Record<string, unknown> = base();
    expect(applyWherePresent(d, ['policies[lever=ownership].from=2030', 'years=3'].map(parseAssignment))).toEqual([null, 'years']);
    expect(d).toEqual({ ...base(), years: 3 });
  });
});

describe('--set through loading', () => {
  it('holds a value set on the command line to the limits of a file (nesting depth)', () => {
    const deep = `${'['.repeat(100)}${']'.repeat(100)}`;
    const r = checkScenario('scenarios/default.yaml', { set: [parseAssignment(`estates=${deep}`)] });
    expect(r.scenario).toBeUndefined();
    expect(r.issues[0]!.message).toMatch(/more than 64 levels deep/);
  });

  it('validates a value set like a value in the file, naming --set as where it came from', () => {
    const r = checkScenario('scenarios/default.yaml', { set: [parseAssignment('years=0')] });
    expect(r.scenario).toBeUndefined();
    expect(r.issues[0]).toMatchObject({ file: '--set years=0', path: 'years' });
  });

  it('names --set for an unknown field it made, also when the path goes below it; the file for one the file writes', () => {
    const r = checkScenario('scenarios/default.yaml', { set: [parseAssignment('nope.x=1')] });
    expect(r.issues[0]).toMatchObject({ file: '--set nope.x=1', path: 'nope' });
    expect(r.issues[0]!.message).toMatch(/unknown field/);
    const s = checkScenario('scenarios/default.yaml', { set: [parseAssignment('spiral.bogus=1')] });
    expect(s.issues[0]).toMatchObject({ file: '--set spiral.bogus=1', path: 'spiral.bogus' });
    // a misspelled field inside a list item the file writes: the --set, not the file
    const e = checkScenario('scenarios/default.yaml', { set: [parseAssignment('estates[0].populaton.resourceStrongShare=0.3')] });
    expect(e.issues[0]).toMatchObject({ file: '--set estates[0].populaton.resourceStrongShare=0.3', path: 'estates[0].populaton' });
  });
});

describe('nabolag run --set', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'nabolag-set-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  const cli = (...args: string[]) => spawnSync(process.execPath, ['bin/nabolag.js', ...args], { encoding: 'utf8' });

  it('gives the same bytes as editing the file', () => {
    const edited = join(tmp, 'edited.yaml');
    writeFileSync(
      edited,
      `extends: ${join(process.cwd(), 'scenarios/levers/extension.yaml')}\nname: extension\nyears: 4\npolicies:\n  - { lever: extension, from: 2027, group: resourceStrongFamilies, factor: 0.5 }\n`,
    );
    const common = ['-n', '2', '--no-report', '-q', '--workers', '1'];
    const a = cli('run', edited, ...common, '--out', join(tmp, 'a'));
    const b = cli(
      'run',
      'scenarios/levers/extension.yaml',
      ...common,
      '--set',
      'years=4',
      '--set',
      'policies[lever=extension].factor=0.5',
      '--out',
      join(tmp, 'b'),
    );
    expect(a.status, a.stderr).toBe(0);
    expect(b.status, b.stderr).toBe(0);
    for (const f of ['metrics.csv', 'moves.csv', 'summary.json']) expect(readFileSync(join(tmp, 'b', f)).equals(readFileSync(join(tmp, 'a', f))), f).toBe(true);
  });

  it('exit 2 with the path and the allowed range for a bad value, and no output', () => {
    const r = cli('run', 'scenarios/default.yaml', '--set', 'estates[0].flats=5', '-q', '--out', join(tmp, 'bad'));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--set estates\[0\]\.flats=5: field "estates\[0\]\.flats" is 5, which is too small; allowed/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('in compare, applies to every scenario that has the field and refuses one no scenario has', () => {
    const ok = cli(
      'compare',
      'scenarios/default.yaml',
      'scenarios/levers/extension.yaml',
      '-n',
      '1',
      '-y',
      '1',
      '--no-report',
      '-q',
      '--set',
      'policies[lever=extension].factor=0.25',
      '--out',
      join(tmp, 'cmp'),
    );
    expect(ok.status, ok.stderr).toBe(0);
    expect(readFileSync(join(tmp, 'cmp', 'manifest.json'), 'utf8')).toMatch(/"factor": 0.25/);
    const bad = cli(
      'compare',
      'scenarios/default.yaml',
      'scenarios/levers/extension.yaml',
      '-n',
      '1',
      '-q',
      '--set',
      'policies[lever=gardens].factor=0.25',
      '--out',
      join(tmp, 'cmp2'),
    );
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/none of the scenarios has policies\[lever=gardens\]\.factor/);
  });

  it('in compare, warns when it erases a difference between the scenarios and when a variant runs the same model as the baseline', () => {
    // A variant that differs from the baseline only in career.otherAnnual: --set erases the difference.
    const variant = join(tmp, 'more-other.yaml');
    writeFileSync(variant, `extends: ${JSON.stringify(join(process.cwd(), 'scenarios/default.yaml'))}\nname: more-other\ncareer:\n  otherAnnual: 0.05\n`);
    const args = ['-n', '1', '-y', '1', '--no-report'];
    const erased = cli('compare', 'scenarios/default.yaml', variant, ...args, '--set', 'career.otherAnnual=0.03', '--out', join(tmp, 'cmp3'));
    expect(erased.status, erased.stderr).toBe(0);
    expect(erased.stderr).toContain(
      `warning: --set "career.otherAnnual=0.03": the scenarios differed in career.otherAnnual (scenarios/default.yaml 0.025, ${variant} 0.05), and the option gives all of them career.otherAnnual 0.03`,
    );
    // set as a whole section, the field where they differed is named
    const section = cli('compare', 'scenarios/default.yaml', variant, ...args, '--set', 'career={otherAnnual: 0.04}', '--out', join(tmp, 'cmp7'));
    expect(section.stderr).toContain(`the scenarios differed in career.otherAnnual (scenarios/default.yaml 0.025, ${variant} 0.05)`);
    expect(erased.stderr).toContain(`warning: ${variant}: this scenario runs the same model as the baseline once the --set options are applied`);
    // a field every variant takes from the baseline anyway (seed, replications, years): no --set
    // warning, as with -n (the variant's own replications are named as not used, set or not)
    const own = join(tmp, 'own-reps.yaml');
    writeFileSync(own, `extends: ${JSON.stringify(variant)}\nname: own-reps\nreplications: 3\n`);
    const reps = cli('compare', 'scenarios/default.yaml', own, '-y', '1', '--no-report', '--set', 'replications=1', '--out', join(tmp, 'cmp8'));
    expect(reps.status, reps.stderr).toBe(0);
    expect(reps.stderr).not.toMatch(/--set "replications=1"/);
    // Without --set the variant differs: no warning. A file compared with itself: the same model.
    const differs = cli('compare', 'scenarios/default.yaml', variant, ...args, '--out', join(tmp, 'cmp4'));
    expect(differs.status, differs.stderr).toBe(0);
    expect(differs.stderr).not.toMatch(/warning:/);
    const itself = cli('compare', 'scenarios/default.yaml', 'scenarios/default.yaml', ...args, '--out', join(tmp, 'cmp5'));
    expect(itself.stderr).toContain('warning: scenarios/default.yaml: this scenario runs the same model as the baseline (only its name');
    // A --set that only one scenario has (a lever of the variant's) erases no difference ...
    const lever = cli(
      'compare',
      'scenarios/default.yaml',
      'scenarios/levers/extension.yaml',
      ...args,
      '--set',
      'policies[lever=extension].factor=0.25',
      '--out',
      join(tmp, 'cmp6'),
    );
    expect(lever.status, lever.stderr).toBe(0);
    expect(lever.stderr).not.toMatch(/warning: --set|same model/);
    // (its one year, 2026, is before the lever's 2027: that is said, and only that)
    expect(lever.stderr).toMatch(/^warning: scenarios\/levers\/extension\.yaml: field "policies\[0\]\.from" is 2027, after the run's last year \(2026\)/);
    // ... but two variants that differed there do, though the baseline does not have it
    const quarter = join(tmp, 'quarter.yaml');
    writeFileSync(
      quarter,
      `extends: ${JSON.stringify(join(process.cwd(), 'scenarios/levers/extension.yaml'))}\nname: quarter\npolicies:\n  - {lever: extension, from: 2027, group: resourceStrongFamilies, factor: 0.25}\n`,
    );
    const two = cli(
      'compare',
      'scenarios/default.yaml',
      'scenarios/levers/extension.yaml',
      quarter,
      ...args,
      '--set',
      'policies[lever=extension].factor=0.5',
      '--out',
      join(tmp, 'cmp8'),
    );
    expect(two.stderr).toContain(`the scenarios differed in policies[lever=extension].factor (scenarios/levers/extension.yaml 0.5, ${quarter} 0.25)`);
    // a variant's own years and seed give way to the baseline's, and it says so
    const short = join(tmp, 'short.yaml');
    writeFileSync(short, `extends: ${JSON.stringify(join(process.cwd(), 'scenarios/levers/extension.yaml'))}\nname: short\nyears: 3\nseed: 99\n`);
    const paired = cli('compare', 'scenarios/default.yaml', short, '-n', '1', '--no-report', '--out', join(tmp, 'cmp10'));
    expect(paired.stderr).toContain(
      `warning: ${short}: a comparison runs every variant on the baseline's years, seed (years 15, seed 1), so its own (years 3, seed 99) are not used`,
    );
    // a field of a lever the baseline does not have, named by index: nothing there, not a new lever
    const index = cli('run', 'scenarios/default.yaml', '--set', 'policies[0].factor=0.5', ...args, '--out', join(tmp, 'cmp9'));
    expect(index.status).toBe(2);
    expect(index.stderr).toContain('policies is not in the scenario, so it has no item [0]');
  });
});
