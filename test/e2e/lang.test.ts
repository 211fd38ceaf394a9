/**
 * The report's language from the command line (`--lang da|en`) or the scenario's `language`
 * field, through the compiled CLI (`npm run build` first): the option wins over the field, the
 * field over the English default, and an unknown language is a user mistake (exit 2, a message
 * naming the option, no output folder).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CLI = 'bin/nabolag.js';
let tmp = '';

function nabolag(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 180_000, env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `<html lang="…">` of a report. */
const htmlLang = (dir: string) => /<html lang="([a-z]+)">/.exec(readFileSync(join(dir, 'report.html'), 'utf8'))![1];

beforeAll(() => {
  if (!existsSync('dist/src/cli/main.js')) throw new Error('the compiled CLI is missing: run `npm run build` before this test');
  tmp = mkdtempSync(join(tmpdir(), 'nabolag-lang-'));
  // the default scenario in Danish (extends resolves against the file's folder)
  writeFileSync(join(tmp, 'dansk.yaml'), `extends: ${resolve('scenarios/default.yaml')}\nname: dansk\nlanguage: da\n`);
});

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('the report language', () => {
  it("the scenario's language field makes a Danish report; --lang en overrides it", () => {
    const small = ['--replications', '1', '--years', '1', '--quiet', '--workers', '1'];
    const da = join(tmp, 'da');
    const r = nabolag('run', join(tmp, 'dansk.yaml'), ...small, '--out', da);
    expect(r.code, r.stderr).toBe(0);
    expect(htmlLang(da)).toBe('da');
    expect(readFileSync(join(da, 'report.html'), 'utf8')).toContain('<h2>Svaret kort</h2>');
    const en = join(tmp, 'en');
    expect(nabolag('run', join(tmp, 'dansk.yaml'), ...small, '--lang', 'en', '--out', en).code).toBe(0);
    expect(htmlLang(en)).toBe('en');
    expect(readFileSync(join(en, 'report.html'), 'utf8')).toContain('<h2>The answer in brief</h2>');
  }, 300_000);

  it('an unknown language: exit 2, a message naming --lang and the choices, no output folder', () => {
    const out = join(tmp, 'xx');
    const r = nabolag('compare', 'scenarios/default.yaml', 'scenarios/packages/extension.yaml', '--lang', 'sv', '--out', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('nabolag: option --lang: "sv" is not a language of the report; give en or da\n');
    expect(existsSync(out)).toBe(false);
  });
});
