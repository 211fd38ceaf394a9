/**
 * The console of a run (src/cli/progress.ts and the closing lines of src/cli/main.ts): one count
 * of work in the bar and the closing line, no time estimate before one can be made (the start-up
 * excluded), a stage while the run starts and while the report is written, a silent --quiet, and
 * closing lines with an absolute path and a file:// link to the report. The bar is drawn only on
 * a terminal: it is tested on a stream that says it is one, and end to end under `script`, which
 * gives the command a pseudo-terminal.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fakeTerminal } from '../helpers/terminal.js';
import { estimateLeft, progressReporter, startingStage, timeLeft, workCount } from '../../src/cli/progress.js';

describe('time left', () => {
  const first = { firstDone: 1, firstMs: 4500 };
  it('is not estimated before the first unit, two more units and a second after it', () => {
    expect(estimateLeft(0, 40, 5000, undefined)).toBe('');
    expect(estimateLeft(1, 40, 9000, first)).toBe('');
    expect(estimateLeft(2, 40, 9000, first)).toBe('');
    expect(estimateLeft(5, 40, 5400, first)).toBe('');
    expect(estimateLeft(40, 40, 9000, first)).toBe('');
  });
  it('then is the rate since the first unit times the units left: the start-up does not count', () => {
    // npm start: the first run after 4.5 s (anchoring), then one run every 50 ms
    expect(estimateLeft(21, 40, 4500 + 20 * 50 + 1, first)).toBe('1 s left');
    expect(estimateLeft(11, 40, 6500, first)).toBe('6 s left');
    expect(estimateLeft(3, 400, 6500, first)).toBe('7 min left');
    expect(timeLeft(0.2)).toBe('1 s left');
    expect(timeLeft(89)).toBe('89 s left');
  });
});

describe('the count of work', () => {
  it('is one phrase for the bar and the closing line', () => {
    expect(workCount(10)).toBe('10 replications');
    expect(workCount(1)).toBe('1 replication');
    expect(workCount(10, { count: 4, noun: 'scenarios' })).toBe('4 scenarios x 10 paired replications = 40 runs');
    expect(workCount(2, { count: 5, noun: 'points' })).toBe('5 points x 2 paired replications = 10 runs');
  });
  it('the run starts by anchoring its estates unless none is anchored', () => {
    expect(startingStage([{ anchor: true }, { anchor: false }])).toBe('anchoring the estates');
    expect(startingStage([{ anchor: false }])).toBe('starting');
  });
});

describe('the bar', () => {
  it('shows the starting stage, then counts with no estimate until one can be made, then a stage line', () => {
    const t = fakeTerminal();
    let clock = 0;
    const p = progressReporter('compare: 4 scenarios x 10 paired replications = 40 runs', 40, 'runs', {
      stream: t.stream,
      starting: 'anchoring the estates',
      now: () => clock,
    })!;
    expect(t.text()).toContain('compare: 4 scenarios x 10 paired replications = 40 runs');
    expect(t.text()).toContain('0/40 runs (anchoring the estates…)');
    clock = 4500;
    p.update(1);
    clock = 4600;
    p.update(3);
    expect(t.text()).not.toMatch(/left/);
    clock = 6500;
    p.update(11);
    p.stage('writing the charts and the report');
    p.stop();
    const text = t.text();
    // cli-progress redraws at most every 100 ms of its own clock: the last state is drawn when it stops
    expect(text).toMatch(/11\/40 runs 6 s left/);
    expect(text.trimEnd().endsWith('writing the charts and the report…')).toBe(true);
  });
  it('is not drawn with --quiet or when the stream is not a terminal', () => {
    const t = fakeTerminal();
    expect(progressReporter('x', 10, 'runs', { stream: t.stream, quiet: true })).toBeUndefined();
    const pipe = fakeTerminal(false);
    expect(progressReporter('x', 10, 'runs', { stream: pipe.stream })).toBeUndefined();
    expect(t.text() + pipe.text()).toBe('');
  });
});

describe('the console of the command line', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'nabolag-console-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  const cli = (...a: string[]) => spawnSync(process.execPath, ['bin/nabolag.js', ...a], { encoding: 'utf8' });

  it('--quiet prints nothing on success, also with a report', () => {
    const r = cli('run', 'scenarios/default.yaml', '-n', '2', '-y', '1', '--quiet', '--out', join(tmp, 'q'));
    expect(r.status).toBe(0);
    expect(r.stdout + r.stderr).toBe('');
  });

  it('name the results by absolute path and the report by a file:// link; compare counts its runs', () => {
    const r = cli('compare', 'scenarios/default.yaml', 'scenarios/levers/gardens.yaml', '-n', '2', '-y', '1', '--out', join(tmp, 'c'));
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/2 scenarios x 2 paired replications = 4 runs of 1 year/);
    expect(r.stdout).toContain(`results in ${join(tmp, 'c')}/:`);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe(`report: file://${join(tmp, 'c', 'report.html')}`);
  });

  it('a relative --out is printed as an absolute path', () => {
    const rel = join('output', `.console-test-${process.pid}`);
    try {
      const r = cli('run', 'scenarios/default.yaml', '-n', '1', '-y', '1', '--no-report', '--out', rel);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toContain(`results in ${join(process.cwd(), rel)}/:`);
      expect(r.stdout).not.toContain('report:');
    } finally {
      rmSync(rel, { recursive: true, force: true });
    }
  });

  // `script` (util-linux) runs the command on a pseudo-terminal, as a person's terminal would
  const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
  it.skipIf(!hasScript)('on a terminal: the bar and the closing line count the same runs, and a stage line precedes the report', () => {
    const out = join(tmp, 'tty');
    const command = `${process.execPath} bin/nabolag.js compare scenarios/default.yaml scenarios/levers/gardens.yaml -n 3 -y 1 --out ${out}`;
    const r = spawnSync('script', ['-qec', command, '/dev/null'], { encoding: 'utf8' });
    expect(r.status, r.stdout).toBe(0);
    // the terminal's text, with the bar's redraws split into lines and escape codes dropped
    // biome-ignore lint/suspicious/noControlCharactersInRegex: terminal escape sequences
    const text = r.stdout.replace(/\u001b\[[0-9;?]*[A-Za-z]|\u001b[78]/g, '').replace(/\r/g, '\n');
    expect(text).toContain('compare: 2 scenarios x 3 paired replications = 6 runs [');
    expect(text).toContain('0/6 runs (anchoring the estates…)');
    expect(text).toContain('6/6 runs');
    // no estimate from the first runs, which carry the start-up
    expect(text).not.toMatch(/[012]\/6 runs \d+ (s|min) left/);
    const stage = text.indexOf('writing the charts and the report…');
    const closing = text.indexOf('2 scenarios x 3 paired replications = 6 runs of 1 year');
    expect(stage).toBeGreaterThan(text.indexOf('6/6 runs'));
    expect(closing).toBeGreaterThan(stage);
    expect(text).toContain(`report: file://${join(out, 'report.html')}`);
  });
});
