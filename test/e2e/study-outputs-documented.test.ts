/**
 * What a researcher's script reads of a sweep and a sensitivity analysis is documented in
 * docs/analysis.md: every key of their summary.json (an outside trial found `horizonYear`,
 * `baseValues` and the Morris design's `delta` nowhere), every column of their tables, and why a
 * cell is empty: a Sobol outcome that never varies has empty indices, which the console says too.
 * Small runs through the compiled CLI (`npm run build` first).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const SMALL = ['--set', 'estates[0].flats=150', '--years', '3', '-n', '2'];
const tmp = mkdtempSync(join(tmpdir(), 'nabolag-study-docs-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const doc = readFileSync('docs/analysis.md', 'utf8').replace(/\s+/g, ' ');

function nabolag(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/nabolag.js', ...args], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, NO_COLOR: '1' } });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

/** Every key in a JSON value, at any depth, but the keys below `metrics` (metric and row names, in metrics.md). */
function keys(v: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(v)) for (const x of v) keys(x, out);
  else if (v && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) {
      out.add(k);
      if (k !== 'metrics') keys(x, out);
    }
  return out;
}

const header = (file: string) => readFileSync(file, 'utf8').split('\n')[0]!.split(',');

describe('the outputs of a study, documented', () => {
  it('a sweep: every key of summary.json and every column', () => {
    const out = join(tmp, 'sweep');
    nabolag('sweep', 'scenarios/default.yaml', ...SMALL, '--quiet', '--no-report', '--design', 'oat', '--vary', 'letting.municipalShare=0.1,0.4', '--out', out);
    const missing = [...keys(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')))].filter((k) => !doc.includes('`' + k + '`'));
    expect(missing).toEqual([]);
    for (const f of ['points.csv', 'effects.csv'])
      expect(
        header(join(out, f)).filter((c) => c !== 'letting.municipalShare' && !doc.includes(c)),
        f,
      ).toEqual([]);
  }, 120_000);

  it('a Sobol analysis: every key of summary.json; an outcome that never varies has empty indices, and the console and the docs say why', () => {
    const out = join(tmp, 'sobol');
    const stdout = nabolag(
      'sensitivity',
      'scenarios/default.yaml',
      ...SMALL,
      '--no-report',
      '--method',
      'sobol',
      '--samples',
      '4',
      '--param',
      'letting.municipalShare=0.1:0.4',
      '--outcome',
      'share=resourceStrongShare@2028',
      '--outcome',
      'list=listStatusCode@2028',
      '--out',
      out,
    );
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect([...keys(summary)].filter((k) => !doc.includes('`' + k + '`'))).toEqual([]);
    const rows = readFileSync(join(out, 'indices.csv'), 'utf8').trim().split('\n');
    expect(rows.find((r) => r.startsWith('sobol,list,'))).toBe('sobol,list,letting.municipalShare,,,,,,');
    expect(stdout).toMatch(/note: outcome "list" \(listStatusCode@2028\) is 0 at every one of the \d+ sample points/);
    expect(stdout).not.toMatch(/note: outcome "share"/);
    expect(doc).toMatch(/\*\*Empty cells\.\*\*/);
    expect(doc).toMatch(/a Sobol outcome that is the same at every point/);
  }, 120_000);

  it('a Morris analysis: every key of summary.json', () => {
    const out = join(tmp, 'morris');
    nabolag(
      'sensitivity',
      'scenarios/default.yaml',
      ...SMALL,
      '--quiet',
      '--method',
      'morris',
      '--samples',
      '2',
      '--param',
      'letting.municipalShare=0.1:0.4',
      '--outcome',
      'share=resourceStrongShare@2028',
      '--out',
      out,
    );
    expect([...keys(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')))].filter((k) => !doc.includes('`' + k + '`'))).toEqual([]);
  }, 120_000);
});
