/**
 * End to end: every bad scenario file in test/fixtures/bad/ through the real CLI
 * (`node bin/nabolag.js`). Needs the compiled CLI: run `npm run build` first.
 * Expected for `validate` and for `run`: exit code 2, a message on stderr naming the field (or
 * the file, for problems with the whole file), no stack trace, and no output folder.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BAD, BAD_FILES } from '../fixtures/bad/cases.js';

const CLI = 'bin/nabolag.js';
let tmp: string;

beforeAll(() => {
  if (!existsSync('dist/src/cli/main.js')) throw new Error('the compiled CLI is missing: run `npm run build` before this test');
  tmp = mkdtempSync(join(tmpdir(), 'nabolag-e2e-bad-'));
});
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

function nabolag(...args: string[]) {
  // stdin is a pipe: `/dev/stdin` given as a scenario is one
  const r = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function expectUserError(r: { code: number | null; stderr: string }, mentions: string[]) {
  expect(r.code, r.stderr).toBe(2);
  for (const m of mentions) expect(r.stderr).toContain(m);
  // No stack trace: no line of the form "    at fn (file:line:col)".
  expect(r.stderr).not.toMatch(/^\s+at /m);
}

const cases = [
  ...BAD_FILES.map((c) => ({
    file: `${BAD}/${c.file}`,
    // The field path in quotes when the problem is a field, else the file.
    mentions: [c.path ? `"${c.path}"` : `${BAD}/${c.file}`, ...c.mentions],
  })),
  { file: `${BAD}/no-such-file.yaml`, mentions: [`${BAD}/no-such-file.yaml`, 'does not exist'] },
];

describe('bad scenario files through the CLI', () => {
  for (const c of cases) {
    it(`validate ${c.file}`, () => {
      const r = nabolag('validate', c.file);
      expectUserError(r, c.mentions);
      expect(r.stdout).not.toContain(': ok');
    }, 60_000);

    it(`run ${c.file}`, () => {
      const out = join(tmp, c.file.replace(/[^A-Za-z0-9]+/g, '-'), 'out');
      const r = nabolag('run', c.file, '--out', out);
      expectUserError(r, c.mentions);
      expect(existsSync(out), `${out} must not be created`).toBe(false);
    }, 60_000);
  }

  it('validate and run refuse special files and huge inputs made in a temporary folder', () => {
    const dir = join(tmp, 'special');
    mkdirSync(dir, { recursive: true });
    const at = (name: string) => join(dir, name);
    expect(spawnSync('mkfifo', [at('pipe.yaml')]).status).toBe(0);
    symlinkSync('/dev/zero', at('zero.yaml'));
    symlinkSync('loop-b.yaml', at('loop-a.yaml'));
    symlinkSync('loop-a.yaml', at('loop-b.yaml'));
    writeFileSync(at('via-extends.yaml'), 'extends: pipe.yaml\n');
    writeFileSync(at('big.yaml'), 'years: 3\n');
    truncateSync(at('big.yaml'), 16 * 1024 * 1024 + 1);
    const n = 100_000;
    writeFileSync(at('deep.json'), `{"estates": ${'['.repeat(n)}${']'.repeat(n)}}`);
    writeFileSync(at('deep.yaml'), `estates: ${'['.repeat(n)}${']'.repeat(n)}\n`);
    writeFileSync(at('proto.json'), '{"estates": [{"__proto__": {"households": 10}}]}');
    const cases: [string, string[]][] = [
      [at('pipe.yaml'), ['it is a pipe (FIFO), not a regular file']],
      [at('zero.yaml'), ['it is a device, not a regular file']],
      ['/dev/zero', ['/dev/zero', 'it is a device, not a regular file']],
      [at('loop-a.yaml'), ['it is a symbolic link loop']],
      [at('via-extends.yaml'), ['field "extends" is "pipe.yaml", but that file cannot be read', 'not a regular file']],
      [at('big.yaml'), ['16,777,217 bytes', 'at most 16,777,216 bytes']],
      [at('deep.json'), ['field "estates" nests lists and mappings more than 64 levels deep']],
      [at('deep.yaml'), ['field "estates" nests lists and mappings more than 64 levels deep']],
      [at('proto.json'), ['key "__proto__" is not allowed', '"estates[0].__proto__"']],
    ];
    if (!statSync('/dev/stdin').isFile()) cases.push(['/dev/stdin', ['/dev/stdin', 'not a regular file']]);
    for (const [file, mentions] of cases) {
      const v = nabolag('validate', file);
      expectUserError(v, [file, ...mentions]);
      expect(v.stderr.trim().split('\n'), v.stderr).toHaveLength(1);
      const out = join(tmp, 'special-out', file.replace(/[^A-Za-z0-9]+/g, '-'));
      expectUserError(nabolag('run', file, '--out', out), mentions);
      expect(existsSync(out), `${out} must not be created`).toBe(false);
    }
  }, 120_000);

  it('a value that only the command line makes wrong names the options with the file', () => {
    // from 2030 fits the scenario's 15 years, not the 2 of -y 2
    const out = join(tmp, 'out-years');
    const r = nabolag('run', 'scenarios/levers/extension.yaml', '--set', 'policies[lever=extension].from=2030', '-y', '2', '--out', out);
    expectUserError(r, [
      'scenarios/levers/extension.yaml (with --set policies[lever=extension].from=2030, --years 2): field "policies[0].from" is 2030',
      'allowed: 2026 to 2028',
    ]);
    expect(existsSync(out)).toBe(false);
  }, 60_000);

  it('a number the Danish way in a --set gets the same hint as in a file', () => {
    const out = join(tmp, 'out-set-comma');
    const r = nabolag(
      'run',
      'scenarios/default.yaml',
      '--set',
      'estates[0].population.resourceStrongShare=0,45',
      '--set',
      'estates[0].flats=1.200',
      '--out',
      out,
    );
    expectUserError(r, [
      'field "estates[0].population.resourceStrongShare" is "0,45"',
      '; write 0.45 (with a decimal point, not a comma)',
      'field "estates[0].flats" is 1.2, but must be a whole number',
      '; write 1200 (without a thousands separator: YAML reads 1.200 as 1.2)',
    ]);
    expect(existsSync(out)).toBe(false);
  }, 60_000);

  it('a file saved by a Windows editor (a byte-order mark, CRLF line ends) is read as written, its lines counted right', () => {
    const file = join(tmp, 'windows.yaml');
    writeFileSync(file, '\ufeffname: windows\r\nyears: 3\r\nestates:\r\n  - name: windows\r\n    flats: 600\r\n    rentBase: 1.600\r\n');
    const r = nabolag('validate', '--show', file);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^name: windows +# .*windows\.yaml:1$/m);
    expect(r.stdout).toMatch(/^ {4}flats: 600 +# .*windows\.yaml:5$/m);
    // allowed, but 1.6 kr is unlikely to be meant: a warning naming the line, the exit code stays 0
    expect(r.stderr).toContain(
      'windows.yaml:6: field "estates[0].rentBase" is written 1.600, which YAML reads as 1.6 (a decimal point); if the point separates thousands, write 1600',
    );
  }, 60_000);

  it('a list in brackets with decimal commas is warned of, naming its line; a list without spaces is not', () => {
    const danish = join(tmp, 'brackets.yaml');
    writeFileSync(danish, 'years: 3\ndemography:\n  fertilityByChildren: [0,5, 1,2]\n');
    const r = nabolag('validate', danish);
    // four values, all allowed: only the warning tells the planner that 0,5 was read as 0 and 5
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(
      `warning: ${danish}:3: field "demography.fertilityByChildren" is written [0,5, 1,2]: in brackets a comma separates values, so 0,5 is two, 0 and 5; if it is a decimal comma, write 0.5`,
    );
    const plain = join(tmp, 'brackets-plain.yaml');
    writeFileSync(
      plain,
      'years: 3\ndemography:\n  fertilityByChildren: [1,2,0,1]\nestates:\n  - name: e\n    rooms: {r1: 0.1, r2: 0.3, r3: 0.4, r4: 0.2, r5: 0}\n',
    );
    const ok = nabolag('validate', plain);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stderr).toBe('');
  }, 60_000);

  it('validate reports every bad file given at once, and still exits 2', () => {
    const r = nabolag('validate', `${BAD}/wrong-type.yaml`, `${BAD}/bad-policy.yaml`);
    expectUserError(r, ['"years"', '"policies[0].lever"']);
  }, 60_000);
});
