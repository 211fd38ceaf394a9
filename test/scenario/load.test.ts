import { scratchFolder } from '../helpers/files.js';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkScenario, defaultName, loadScenario, MAX_EXTENDS_DEPTH } from '../../src/scenario/load.js';
import { formatIssues, UserError } from '../../src/scenario/messages.js';
import { parseAssignments } from '../../src/scenario/set.js';
import { parseAssignment } from '../../src/scenario/set.js';

const scratch = scratchFolder('nabolag-load-');
const { rel, write } = scratch;

describe('reading one file', () => {
  it('loads a YAML file, fills defaults and names the scenario after the file', () => {
    const f = write('plain/my-estate.yaml', '# a comment\nyears: 5\n');
    const s = loadScenario(f);
    expect(s.years).toBe(5);
    expect(s.name).toBe('my-estate');
    expect(s.estates).toHaveLength(1);
    expect(s.estates[0]!.flats).toBe(1000);
    expect(s.estates[0]!.rooms.r3).toBe(0.4);
    expect(s.policies).toEqual([]);
  });
  it('loads .yml and .json files and ignores a top-level $schema', () => {
    expect(loadScenario(write('plain/b.yml', 'replications: 3\n')).replications).toBe(3);
    const s = loadScenario(write('plain/c.json', JSON.stringify({ $schema: '../scenarios/schema.json', name: 'cee', seed: 9 })));
    expect(s.name).toBe('cee');
    expect(s.seed).toBe(9);
  });
  it('a name written in the file wins over the file name', () => {
    expect(loadScenario(write('plain/d.yaml', 'name: other\n')).name).toBe('other');
  });
  it('defaultName makes a valid name from the file name', () => {
    expect(defaultName('scenarios/default.yaml')).toBe('default');
    expect(defaultName('a b/my scenario (2).yml')).toBe('my-scenario-2');
  });
  it('reports a file that does not exist, as the user wrote its path', () => {
    const r = checkScenario('no/such/file.yaml');
    expect(r.scenario).toBeUndefined();
    expect(r.issues).toEqual([{ file: 'no/such/file.yaml', path: '', message: expect.stringMatching(/does not exist/) }]);
  });
  it('reports a folder', () => {
    mkdirSync(join(scratch.root(), 'folder.yaml'), { recursive: true });
    expect(checkScenario(rel('folder.yaml')).issues[0]!.message).toMatch(/it is a folder/);
  });
  it('reports a file with another extension', () => {
    expect(checkScenario(write('plain/e.txt', 'years: 3\n')).issues[0]!.message).toMatch(/must end in .yaml, .yml or .json/);
  });
  it('reports YAML syntax errors with line and column', () => {
    const f = write('plain/broken.yaml', 'years: 10\nestates:\n  - flats: 800\n   rooms: 3\n');
    const issues = checkScenario(f).issues;
    expect(issues.length).toBeGreaterThan(0);
    expect(issues[0]!.file).toBe(f);
    expect(issues[0]!.message).toMatch(/not valid YAML at line \d+, column \d+/);
  });
  it('reports a duplicate key', () => {
    expect(checkScenario(write('plain/dup.yaml', 'years: 10\nyears: 11\n')).issues[0]!.message).toMatch(
      /key "years" is given twice .* at line 1 and again at line 2/,
    );
    // the same in JSON, where JSON.parse alone keeps the last; keys compared as read ("\u0061" is "a")
    expect(checkScenario(write('plain/dup.json', '{"a": {"seed": 1},\n "\\u0061": 2}\n')).issues[0]).toMatchObject({
      path: 'a',
      message: expect.stringMatching(/key "a" is given twice .* at line 1 and again at line 2/),
    });
  });
  it('quotes a number too large to represent as written, not as the Infinity it is read as', () => {
    const f = write('plain/huge.yaml', 'years: 1e400\nseed: .inf\nreplications: .nan\n');
    const messages = checkScenario(f).issues.map((i) => i.message);
    expect(messages).toEqual([
      'field "years" is 1e400, a number too large to represent; allowed: a whole number at least 1 and at most 200 (years)',
      'field "replications" is .nan, not a number; allowed: a whole number at least 1 and at most 100000 (replications)',
      'field "seed" is .inf, infinity; allowed: a whole number at least 0 and at most 4294967295 (seed)',
    ]);
    // the same typed in a --set, which the message names
    const set = checkScenario(write('plain/ok.yaml', 'years: 2\n'), { set: [parseAssignment('years=-1e999')] }).issues;
    expect(set).toEqual([
      expect.objectContaining({
        file: '--set years=-1e999',
        message: expect.stringContaining('field "years" is -1e999, a negative number too large to represent; allowed:'),
      }),
    ]);
  });
  it('reports JSON syntax errors with line and column', () => {
    const f = write('plain/broken.json', '{\n  "years": 10\n  "seed": 3\n}\n');
    expect(checkScenario(f).issues[0]!.message).toMatch(/not valid JSON at line 3, column 3/);
  });
  it('reports an empty file and a file of only comments', () => {
    for (const [name, text] of [
      ['empty.yaml', ''],
      ['comments.yaml', '# nothing\n\n# here\n'],
      ['empty.json', '  \n'],
    ]) {
      expect(checkScenario(write(`plain/${name}`, text)).issues[0]!.message).toMatch(/the scenario file is empty/);
    }
  });
  it('reports a top level that is not a mapping', () => {
    expect(checkScenario(write('plain/list.yaml', '- 1\n- 2\n')).issues[0]!.message).toMatch(/must hold a mapping of fields \(key: value\), but holds \[1,2\]/);
    expect(checkScenario(write('plain/scalar.yaml', 'hello\n')).issues[0]!.message).toMatch(/but holds "hello"/);
  });
  it('loadScenario throws a UserError carrying every issue', () => {
    const f = write('plain/many.yaml', 'years: 0\nreplications: x\nyeras: 3\n');
    let caught: unknown;
    try {
      loadScenario(f);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(UserError);
    const err = caught as UserError;
    expect(err.issues.map((i) => i.path).sort()).toEqual(['replications', 'years', 'yeras']);
    expect(err.message).toBe(formatIssues(err.issues));
    expect(err.issues.find((i) => i.path === 'yeras')!.message).toMatch(/did you mean "years"/);
  });
});

describe('extends', () => {
  it('deep-merges the parent under the child: mappings merge, lists and scalars replace', () => {
    write(
      'merge/base.yaml',
      [
        'name: base',
        'years: 20',
        'region: { housePrice: 3000000, meanIncome15to64: 300000 }',
        'estates:',
        '  - flats: 500',
        '    population: { resourceStrongShare: 0.4 }',
        '  - flats: 600',
        'demography: { fertilityByChildren: [1, 1, 1] }',
        'policies:',
        '  - { lever: programme, from: 2027 }',
      ].join('\n'),
    );
    const child = write(
      'merge/child.yaml',
      ['extends: base.yaml', 'years: 10', 'region: { housePrice: 2000000 }', 'estates:', '  - flats: 800', 'demography: { fertilityByChildren: [0.5] }'].join(
        '\n',
      ),
    );
    const s = loadScenario(child);
    expect(s.years).toBe(10);
    expect(s.region.housePrice).toBe(2_000_000);
    expect(s.region.meanIncome15to64).toBe(300_000);
    expect(s.estates).toHaveLength(1);
    expect(s.estates[0]!.flats).toBe(800);
    expect(s.estates[0]!.population.resourceStrongShare).toBe(0.52);
    expect(s.demography.fertilityByChildren).toEqual([0.5]);
    expect(s.policies).toEqual([{ lever: 'programme', from: 2027, boost: 1.5 }]);
    // The name belongs to the file: it is not inherited.
    expect(s.name).toBe('child');
  });

  it('resolves paths relative to the file that names them, through several levels', () => {
    write('rel/shared/grand.yaml', 'seed: 42\nyears: 7\n');
    write('rel/shared/parent.yaml', 'extends: grand.yaml\nyears: 8\nreplications: 4\n');
    const child = write('rel/scenarios/sub/child.yaml', 'extends: ../../shared/parent.yaml\nreplications: 2\n');
    const s = loadScenario(child);
    expect([s.seed, s.years, s.replications]).toEqual([42, 8, 2]);
  });

  it("an empty section in the child keeps the parent's", () => {
    write('empty-section/base.yaml', 'region: { housePrice: 1000000 }\n');
    const child = write('empty-section/child.yaml', 'extends: base.yaml\nregion:\n  # housePrice: 5\n');
    expect(loadScenario(child).region.housePrice).toBe(1_000_000);
  });

  it('names the file where a bad field was written', () => {
    write('where/base.yaml', 'years: 0\nregion: { housePrice: -1 }\n');
    const child = write('where/child.yaml', 'extends: base.yaml\nreplications: 0\nregion: { maxPriceToIncome: 100 }\n');
    const issues = checkScenario(child).issues;
    const by = Object.fromEntries(issues.map((i) => [i.path, i.file]));
    expect(by).toEqual({
      years: rel('where/base.yaml'),
      'region.housePrice': rel('where/base.yaml'),
      'region.maxPriceToIncome': child,
      replications: child,
    });
  });

  it('reports a cycle of two files, naming the chain', () => {
    const a = write('cycle/a.yaml', 'extends: b.yaml\nyears: 3\n');
    const b = write('cycle/b.yaml', 'extends: a.yaml\nseed: 3\n');
    const issues = checkScenario(a).issues;
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ file: b, path: 'extends' });
    expect(issues[0]!.message).toBe(`"extends" forms a cycle: ${a} -> ${b} -> ${a}`);
  });

  it('reports a file that extends itself', () => {
    const a = write('cycle/self.yaml', 'extends: ./self.yaml\n');
    expect(checkScenario(a).issues[0]!.message).toBe(`"extends" forms a cycle: ${a} -> ${a}`);
  });

  it('reports a missing parent in the file that names it', () => {
    const child = write('missing/child.yaml', 'extends: ../nowhere/base.yaml\n');
    const issues = checkScenario(child).issues;
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ file: child, path: 'extends' });
    expect(issues[0]!.message).toContain('field "extends" is "../nowhere/base.yaml", but that file does not exist');
    expect(issues[0]!.message).toContain(rel('nowhere/base.yaml'));
  });

  it('reports problems of the parent file itself', () => {
    const parent = write('broken-parent/base.yaml', 'years: [1,\n');
    const child = write('broken-parent/child.yaml', 'extends: base.yaml\n');
    const issues = checkScenario(child).issues;
    expect(issues[0]!.file).toBe(parent);
    expect(issues[0]!.message).toMatch(/not valid YAML/);
  });

  it('rejects an extends that is not a text', () => {
    const f = write('bad-extends/a.yaml', 'extends: [a.yaml]\n');
    expect(checkScenario(f).issues[0]).toMatchObject({ file: f, path: 'extends', message: expect.stringMatching(/is \["a.yaml"\], but must be a text/) });
  });

  it(`stops chains deeper than ${MAX_EXTENDS_DEPTH} files`, () => {
    const depth = MAX_EXTENDS_DEPTH + 2;
    for (let i = 0; i < depth; i++) write(`deep/f${i}.yaml`, i + 1 < depth ? `extends: f${i + 1}.yaml\n` : 'years: 3\n');
    const issues = checkScenario(rel('deep/f0.yaml')).issues;
    expect(issues).toHaveLength(1);
    expect(issues[0]!.message).toMatch(new RegExp(`more than ${MAX_EXTENDS_DEPTH} files deep`));
    // A chain of exactly the limit loads.
    const ok = checkScenario(rel(`deep/f${depth - MAX_EXTENDS_DEPTH}.yaml`));
    expect(ok.issues).toEqual([]);
    expect(ok.scenario!.years).toBe(3);
  });

  it('an error elsewhere does not turn the defaults a replaced list leaves out into warnings', () => {
    // The parent replaces its parent's estate and leaves out fields whose default is the
    // inherited value: no warning when the chain validates, and none when a child's lever is wrong.
    write('lost/base.yaml', 'estates:\n  - name: base\n    flats: 600\n    sections: 4\n');
    write('lost/mid.yaml', 'extends: base.yaml\nestates:\n  - name: mid\n    flats: 500\n');
    const good = checkScenario(write('lost/good.yaml', 'extends: mid.yaml\n'));
    expect(good.issues).toEqual([]);
    expect(good.warnings).toEqual([]);
    const bad = checkScenario(write('lost/bad.yaml', 'extends: mid.yaml\npolicies:\n  - lever: allocationCap\n    from: 2027\n'));
    expect(bad.issues).toHaveLength(1);
    expect(bad.issues[0]!.path).toBe('policies[0].lever');
    expect(bad.warnings).toEqual([]);
    // A field that really is lost is still named when the scenario has an error.
    write('lost/mid2.yaml', 'extends: base.yaml\nestates:\n  - name: mid\n    sections: 4\n');
    const lost = checkScenario(write('lost/bad2.yaml', 'extends: mid2.yaml\npolicies:\n  - lever: allocationCap\n    from: 2027\n'));
    expect(lost.issues).toHaveLength(1);
    expect(lost.warnings).toHaveLength(1);
    expect(lost.warnings[0]!.message).toMatch(/drops flats of "base"/);
  });
});

describe('cross-field rules run after the schema', () => {
  it('reports rule problems together with schema problems', () => {
    const f = write('rules/both.yaml', 'years: 0\nestates:\n  - flats: 100\n    population: { households: 150 }\n');
    const paths = checkScenario(f)
      .issues.map((i) => i.path)
      .sort();
    expect(paths).toEqual(['estates[0].population.households', 'years']);
  });
  it('does not raise a rule on a value that already has a schema problem', () => {
    const f = write('rules/skip.yaml', 'estates:\n  - flats: lots\n    population: { households: 1500 }\n');
    const issues = checkScenario(f).issues;
    expect(issues.map((i) => i.path)).toEqual(['estates[0].flats']);
  });
});

describe('a field anchoring solves, given for an anchored estate', () => {
  it('is warned about, in the file that gives it or the --set, and not where the estate is not anchored', () => {
    const f = write('anchored/own.yaml', 'estates:\n  - name: own\n    flats: 400\n    attractiveness: -1\n    applicants:\n      seniorShare: 0.1\n');
    const c = checkScenario(f);
    expect(c.issues).toEqual([]);
    expect(c.warnings.map((w) => w.path)).toEqual(['estates[0].attractiveness', 'estates[0].applicants.seniorShare']);
    expect(c.warnings[0]!.message).toMatch(/estate "own" is anchored .* the value given is not used/);
    const set = checkScenario(write('anchored/plain.yaml', 'years: 3\n'), {
      set: [{ text: 'estates[0].attachment=2', path: 'estates[0].attachment', steps: [{ field: 'estates' }, { index: 0 }, { field: 'attachment' }], value: 2 }],
    });
    expect(set.warnings.map((w) => [w.file, w.path])).toEqual([['--set estates[0].attachment=2', 'estates[0].attachment']]);
    const off = checkScenario(write('anchored/off.yaml', 'estates:\n  - name: own\n    flats: 400\n    anchor: false\n    attractiveness: -1\n'));
    expect(off.warnings).toEqual([]);
  });
});

describe('the income criterion reads the cash-benefit rates or the share, never both', () => {
  it('warns of a share given where the rates are counted (a file of 0.2.19 or earlier), and of rates given under share', () => {
    const old = checkScenario(write('income/old.yaml', 'elevator:\n  incomeOutsideTaxableShare: 0.7\n'));
    expect(old.issues).toEqual([]);
    expect(old.warnings.map((w) => [w.path, w.message])).toEqual([
      [
        'elevator.incomeOutsideTaxableShare',
        expect.stringMatching(/is given, but elevator\.incomeCounted is "benefitRules" \(the default since 0\.2\.20\).*set elevator\.incomeCounted: share$/),
      ],
    ]);
    const share = checkScenario(
      write('income/share.yaml', 'elevator:\n  incomeCounted: share\n  incomeOutsideTaxableShare: 0.7\n  cashBenefitFrom30: 100000\n'),
    );
    expect(share.warnings.map((w) => w.path)).toEqual(['elevator.cashBenefitFrom30']);
    expect(share.warnings[0]!.message).toMatch(/elevator\.incomeCounted is "share".*leave incomeCounted out/);
  });

  it('says nothing where the field read is given, or the other is given at its default (a file written out whole)', () => {
    expect(checkScenario(write('income/rates.yaml', 'elevator:\n  cashBenefitUnder30: 90000\n')).warnings).toEqual([]);
    expect(checkScenario(write('income/whole.yaml', 'elevator:\n  incomeOutsideTaxableShare: 1\n  cashBenefitFrom30: 131616\n')).warnings).toEqual([]);
    expect(checkScenario(write('income/share-only.yaml', 'elevator:\n  incomeCounted: share\n  incomeOutsideTaxableShare: 0.6\n')).warnings).toEqual([]);
  });
});

describe('a choice written as a bare number', () => {
  it('is the choice of that text (YAML reads `ruleSet: 2018` as a number), in a file and in --set', () => {
    expect(loadScenario(write('choice/rules.yaml', 'classification:\n  ruleSet: 2018\n')).classification.ruleSet).toBe('2018');
    expect(loadScenario(write('choice/rules.json', '{"classification": {"ruleSet": 2018}}')).classification.ruleSet).toBe('2018');
    expect(loadScenario(write('choice/plain.yaml', 'years: 2\n'), { set: parseAssignments(['classification.ruleSet=2018']) }).classification.ruleSet).toBe(
      '2018',
    );
  });
  it('a number that is no choice is still refused, naming the choices', () => {
    const r = checkScenario(write('choice/bad.yaml', 'classification:\n  ruleSet: 2019\n'));
    expect(r.issues[0]!.message).toMatch(/"classification\.ruleSet" is 2019, but must be one of 2018, 2021/);
  });
});

describe("a policy's estate by name", () => {
  const region = 'estates:\n  - name: Nord\n    flats: 300\n  - name: Syd\n    flats: 500\n';
  it('is the number of the estate of that name (exactly, else in any case where only one matches)', () => {
    const f = write(
      'names/ok.yaml',
      `${region}policies:\n  - lever: imageWork\n    from: 2027\n    estate: Syd\n  - lever: imageWork\n    from: 2028\n    estate: nord\n  - lever: imageWork\n    from: 2029\n    estate: 0\n`,
    );
    expect(loadScenario(f).policies.map((p) => p.estate)).toEqual([1, 0, 0]);
  });
  it('--set gives a name as a file does', () => {
    const f = write('names/set.yaml', `${region}policies:\n  - lever: imageWork\n    from: 2027\n`);
    expect(loadScenario(f, { set: parseAssignments(['policies[0].estate=Syd']) }).policies[0]!.estate).toBe(1);
  });
  it('a name no estate has is refused with the names there are', () => {
    const f = write('names/bad.yaml', `${region}policies:\n  - lever: imageWork\n    from: 2027\n    estate: Vest\n`);
    const r = checkScenario(f);
    expect(r.scenario).toBeUndefined();
    expect(r.issues).toEqual([
      {
        file: f,
        path: 'policies[0].estate',
        message:
          'field "policies[0].estate" is "Vest", but no estate has that name; allowed: "Nord" (or 0), "Syd" (or 1): an estate\'s name or its number, 0-based in the order of "estates"',
      },
    ]);
  });
  it('two estates whose names differ only in case take a name in another case as neither', () => {
    const f = write('names/case.yaml', 'estates:\n  - name: nord\n  - name: Nord\npolicies:\n  - lever: imageWork\n    from: 2027\n    estate: NORD\n');
    expect(checkScenario(f).issues.map((i) => i.path)).toEqual(['policies[0].estate']);
  });
});

describe('a renovation without an end', () => {
  it('is warned of: its disruption would last the run and its attachment never begin', () => {
    const open = checkScenario(write('renovation/open.yaml', 'policies:\n  - lever: renovation\n    from: 2027\n'));
    expect(open.scenario).toBeDefined();
    expect(open.warnings.map((w) => [w.path, w.message])).toEqual([
      [
        'policies[0].until',
        'field "policies[0].until" is not given for a renovation: its works then last to the end of the run, so their disruption (voluntary move-outs × 1.5) acts every year from 2027 and the attachment after them (× 0.85) never begins; give the year the works end (from January), e.g. until: 2029',
      ],
    ]);
    expect(checkScenario(write('renovation/ended.yaml', 'policies:\n  - lever: renovation\n    from: 2027\n    until: 2029\n')).warnings).toEqual([]);
  });
});
