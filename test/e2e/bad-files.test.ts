/**
 * End to end: every bad scenario file in test/fixtures/bad/ through the real CLI
 * (`node bin/nabolag.js`). Needs the compiled CLI: run `npm run build` first.
 * Expected for `validate` and for `run`: exit code 2, a message on stderr naming the field (or
 * the file, for problems with the whole file), no stack trace, and no output folder.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
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
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } });
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

  it('validate reports every bad file given at once, and still exits 2', () => {
    const r = nabolag('validate', `${BAD}/wrong-type.yaml`, `${BAD}/bad-policy.yaml`);
    expectUserError(r, ['"years"', '"policies[0].lever"']);
  }, 60_000);
});
