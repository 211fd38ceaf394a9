/**
 * The console of a run (src/cli/progress.ts and the closing lines of src/cli/main.ts): no time
 * estimate before one can be made, readable estimates, a silent --quiet, and closing lines with
 * an absolute path and a file:// link to the report.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { estimateLeft, timeLeft } from '../../src/cli/progress.js';

describe('time left', () => {
  it('is not estimated before two units are done and a second has passed', () => {
    expect(estimateLeft(0, 40, 5000)).toBe('');
    expect(estimateLeft(1, 40, 5000)).toBe('');
    expect(estimateLeft(5, 40, 900)).toBe('');
    expect(estimateLeft(40, 40, 9000)).toBe('');
  });
  it('then grows linearly with the units left, in seconds or minutes', () => {
    expect(estimateLeft(10, 40, 2000)).toBe('6 s left');
    expect(estimateLeft(2, 400, 2000)).toBe('7 min left');
    expect(timeLeft(0.2)).toBe('1 s left');
    expect(timeLeft(89)).toBe('89 s left');
  });
});

describe('the closing lines', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'nabolag-console-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  const cli = (...a: string[]) => spawnSync(process.execPath, ['bin/nabolag.js', ...a], { encoding: 'utf8' });

  it('--quiet prints nothing on success', () => {
    const r = cli('run', 'scenarios/default.yaml', '-n', '1', '-y', '1', '--no-report', '--quiet', '--out', join(tmp, 'q'));
    expect(r.status).toBe(0);
    expect(r.stdout + r.stderr).toBe('');
  });

  it('name the results by absolute path and the report by a file:// link; compare counts its runs', () => {
    const r = cli('compare', 'scenarios/default.yaml', 'scenarios/levers/gardens.yaml', '-n', '2', '-y', '1', '--out', join(tmp, 'c'));
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/2 scenarios x 2 paired replications = 4 runs of 1 years/);
    expect(r.stdout).toContain(`results in ${join(tmp, 'c')}/:`);
    expect(r.stdout).toContain(`report: file://${join(tmp, 'c', 'report.html')}`);
  });
});
