/**
 * The report of a Schelling scenario through the command line: the two shares by step and the
 * grid by step (with a step slider) instead of the housing charts; findings about the shares.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, expect, it } from 'vitest';

const tmp = mkdtempSync(join(tmpdir(), 'nabolag-schelling-report-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

it('scenarios/schelling/classic.yaml: shares and grid charts, no housing charts, findings on the shares', () => {
  const out = join(tmp, 'classic');
  const r = spawnSync(process.execPath, [resolve('bin/nabolag.js'), 'run', 'scenarios/schelling/classic.yaml', '-n', '3', '-q', '-w', '1', '--out', out], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  expect(r.status, r.stderr).toBe(0);
  expect(readdirSync(join(out, 'charts')).sort()).toEqual(
    ['schelling-grid', 'schelling-shares'].flatMap((c) => [`${c}.png`, `${c}.svg`, `${c}.vl.json`]).sort(),
  );
  const grid = JSON.parse(readFileSync(join(out, 'charts', 'schelling-grid.vl.json'), 'utf8'));
  expect(grid.params[0]).toMatchObject({ name: 'gridStep', value: 24, bind: { input: 'range', min: 0, max: 24, step: 1 } });
  const html = readFileSync(join(out, 'report.html'), 'utf8');
  expect(html).toContain('similar neighbours at the start');
  expect(html).not.toContain('resource-strong');
  const head = readFileSync(join(out, 'metrics.csv'), 'utf8').split('\n')[0]!.split(',');
  expect(head.slice(-2)).toEqual(['similarShare', 'unhappyShare']);
});
