/**
 * `nabolag calibrate` end to end through the compiled CLI (issue 19, part 4; `npm run build`
 * first): it recovers a known value of a parameter from the target that value produced, writes
 * a scenario that validates and holds the fitted value, exits 2 with a message and no output
 * folder for a bad path, range, expression, metric or target, gives the same bytes for the same
 * seed and on two workers, and `--presets` prints what `npm run calibrate` prints.
 *
 * Small runs: a 150-flat estate without anchoring (so each evaluation takes a fraction of a
 * second), 3 years, 4 replications.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CLI = 'bin/nabolag.js';
const SCENARIO = 'scenarios/default.yaml';
const SMALL = ['--set', 'estates[0].flats=150', '--set', 'estates[0].anchor=false', '--years', '3', '-n', '4'];
const PATH = 'career.otherAnnual';
/**
 * The value the target is produced with, and how close the fit must come: 0.005 is 3.3% of the
 * searched range 0.01-0.16 (at 0.01-0.15 the simplex's first step from 0.025 landed on 0.06 itself,
 * which the test then did not search for; at 0.01-0.16 the default seed's fit is 0.0590 after 21
 * evaluations, 0.2.19).
 */
const KNOWN = 0.06;
const RECOVERY_TOLERANCE = 0.005;
const EXPRESSION = 'moveOuts@2026+moveOuts@2027+moveOuts@2028';
let tmp: string;
let target: number;

function nabolag(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 180_000, env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Every file of an output folder but the manifest (which holds timings and the command), as bytes. */
function contents(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of readdirSync(dir)) if (!f.startsWith('.') && f !== 'manifest.json') out[f] = readFileSync(join(dir, f), 'latin1');
  return out;
}

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'nabolag-calibrate-'));
  // the target: the three years' move-outs, mean over the replications, of a run at the known value (from its metrics.csv)
  const known = join(tmp, 'known');
  const r = nabolag('run', SCENARIO, ...SMALL, '--set', `${PATH}=${KNOWN}`, '--no-report', '--quiet', '--out', known);
  expect(r.code, r.stderr).toBe(0);
  const lines = readFileSync(join(known, 'metrics.csv'), 'utf8').trimEnd().split('\n');
  const header = lines[0]!.split(',');
  const month = header.indexOf('month');
  const moveOuts = header.indexOf('moveOuts');
  let sum = 0;
  for (const l of lines.slice(1)) {
    const c = l.split(',');
    if (Number(c[month]) > 0) sum += Number(c[moveOuts]);
  }
  target = sum / 4;
}, 60_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('nabolag calibrate', () => {
  it(`recovers ${PATH} = ${KNOWN} from the move-outs it produced, within ${RECOVERY_TOLERANCE}; the same bytes again and on two workers`, () => {
    const a = join(tmp, 'a');
    const fit = ['--fit', `${PATH}=0.01:0.16`, '--target', `${EXPRESSION}=${target}`];
    const r = nabolag('calibrate', SCENARIO, ...SMALL, ...fit, '--workers', '1', '--out', a);
    expect(r.code, r.stderr).toBe(0);
    expect(
      readdirSync(a)
        .filter((f) => !f.startsWith('.'))
        .sort(),
    ).toEqual(['calibrated.yaml', 'calibration.json', 'manifest.json']);
    // the fitted scenario's anchoring solution, as a run's manifest has it (none here: anchor: false)
    expect(JSON.parse(readFileSync(join(a, 'manifest.json'), 'utf8')).anchors).toEqual([]);

    const c = JSON.parse(readFileSync(join(a, 'calibration.json'), 'utf8'));
    const fitted = c.parameters[0].fitted as number;
    expect(c.parameters[0]).toMatchObject({ path: PATH, lo: 0.01, hi: 0.16, integer: false, start: expect.closeTo(0.025, 12) });
    expect(Math.abs(fitted - KNOWN)).toBeLessThan(RECOVERY_TOLERANCE);
    const t = c.targets[0];
    expect(t).toMatchObject({ expression: EXPRESSION, value: target, tolerance: null, scale: target });
    // the fitted mean is within half a move-out a year of the target (objective = relative error squared)
    expect(Math.abs(t.mean - target)).toBeLessThan(1.5);
    expect(c.objective).toBeCloseTo(((t.mean - target) / target) ** 2, 12);
    expect(t.ciLow).toBeLessThan(t.mean);
    expect(t.ciHigh).toBeGreaterThan(t.mean);
    expect(c.evaluations).toBe(c.trace.length);
    expect(c.evaluations).toBeLessThanOrEqual(101);
    expect(c.trace[0].values[PATH]).toBeCloseTo(0.025, 12);
    // the fitted point's run is in the trace, with the mean reported
    expect(c.trace.some((e: { values: Record<string, number>; means: number[] }) => e.values[PATH] === fitted && e.means[0] === t.mean)).toBe(true);

    expect(r.stdout).toContain(`${PATH} = ${fitted}`);
    expect(r.stdout).toContain(`${EXPRESSION}: `);
    expect(r.stdout).toMatch(/remaining error: /);
    expect(r.stderr).toContain('calibrate: fitting career.otherAnnual to 1 target');

    // the scenario written validates, holds the fitted value and the --set, and runs to the fitted mean
    const yaml = readFileSync(join(a, 'calibrated.yaml'), 'utf8');
    expect(yaml).toMatch(new RegExp(`\\n  otherAnnual: ${fitted}\\n`));
    expect(yaml).toMatch(/\n {4}flats: 150\n/);
    expect(yaml).toMatch(/\nname: default-calibrated\n/);
    const v = nabolag('validate', join(a, 'calibrated.yaml'));
    expect(v.code, v.stdout + v.stderr).toBe(0);
    const again = join(tmp, 'again');
    const run = nabolag('run', join(a, 'calibrated.yaml'), '--years', '3', '-n', '4', '--no-report', '--quiet', '--out', again);
    expect(run.code, run.stderr).toBe(0);
    const lines = readFileSync(join(again, 'metrics.csv'), 'utf8').trimEnd().split('\n');
    const header = lines[0]!.split(',');
    let sum = 0;
    for (const l of lines.slice(1)) {
      const cells = l.split(',');
      if (Number(cells[header.indexOf('month')]) > 0) sum += Number(cells[header.indexOf('moveOuts')]);
    }
    expect(sum / 4).toBe(t.mean);

    const b = join(tmp, 'b');
    const w2 = join(tmp, 'w2');
    expect(nabolag('calibrate', SCENARIO, ...SMALL, ...fit, '--workers', '1', '--quiet', '--out', b).code).toBe(0);
    expect(nabolag('calibrate', SCENARIO, ...SMALL, ...fit, '--workers', '2', '--quiet', '--out', w2).code).toBe(0);
    expect(contents(b)).toEqual(contents(a));
    expect(contents(w2)).toEqual(contents(a));
  }, 300_000);

  it('a tolerance scales the error: a target missed by exactly its tolerance adds 1; ± and +- read alike', () => {
    const pm = join(tmp, 'pm');
    const plus = join(tmp, 'plus');
    const fit = ['--fit', `${PATH}=0.01:0.16`, '--max-evals', '2', '--quiet'];
    expect(nabolag('calibrate', SCENARIO, ...SMALL, ...fit, '--target', `${EXPRESSION}=${target}±2`, '--out', pm).code).toBe(0);
    expect(nabolag('calibrate', SCENARIO, ...SMALL, ...fit, '--target', `${EXPRESSION}=${target}+-2`, '--out', plus).code).toBe(0);
    const c = JSON.parse(readFileSync(join(pm, 'calibration.json'), 'utf8'));
    expect(c.stop).toBe('max-evals');
    expect(c.targets[0]).toMatchObject({ tolerance: 2, scale: 2 });
    expect(c.targets[0].error).toBeCloseTo((c.targets[0].mean - target) / 2, 12);
    expect(c.targets[0].withinTolerance).toBe(Math.abs(c.targets[0].mean - target) <= 2);
    expect(c.targets[0].toleranceResolved).toBe(
      (c.targets[0].ciLow >= target - 2 && c.targets[0].ciHigh <= target + 2) || c.targets[0].ciHigh < target - 2 || c.targets[0].ciLow > target + 2,
    );
    // the same fit (calibrated.yaml's header quotes the target as typed)
    expect(readFileSync(join(plus, 'calibration.json'), 'utf8')).toBe(readFileSync(join(pm, 'calibration.json'), 'utf8'));
  }, 120_000);

  it.each([
    [['--fit', 'nosuch.field=0:1'], 'unknown field "nosuch"'],
    [['--fit', `${PATH}=0.2:0.1`], 'the range 0.2:0.1 is empty'],
    [['--fit', `${PATH}=0:2`], 'at most 1'],
    [['--fit', `${PATH}=0.01`], 'give <path>=<lo>:<hi>'],
    [['--fit', `${PATH}=0.01:0.1`, '--fit', `${PATH}=0.02:0.1`], 'given twice'],
    [['--fit', `${PATH}=0.01:0.1`, '--target', 'moveOutz@2027=5'], 'unknown metric "moveOutz" (did you mean moveOuts'],
    [['--fit', `${PATH}=0.01:0.1`, '--target', 'moveOuts@2027 * (2=5'], 'the expression cannot be read'],
    [['--fit', `${PATH}=0.01:0.1`, '--target', 'moveOuts@2040=5'], 'from 2026 to 2028'],
    [['--fit', `${PATH}=0.01:0.1`, '--target', 'moveOuts@2027'], 'give <expression>=<value>'],
    [['--fit', `${PATH}=0.01:0.1`, '--target', 'moveOuts@2027=many'], 'the value "many" after "=" is not a number'],
    [['--fit', `${PATH}=0.01:0.1`, '--target', 'moveOuts@2027=5±-1'], 'the tolerance must be above 0, not -1'],
    [['--fit', `${PATH}=0.01:0.1`, '--target', 'moveOuts@2027=5±x'], 'the tolerance "x" after "±" is not a number'],
    [['--fit', `${PATH}=0.01:0.1`, '--target', 'moveOuts@2027=5±0'], 'the tolerance must be above 0'],
    [['--fit', `${PATH}=0.01:0.1`], 'give at least one --target'],
    [['--target', 'moveOuts@2027=5'], 'give at least one --fit'],
    [['--fit', `${PATH}=0.01:0.1`, '--target', 'moveOuts@2027=5', '--max-evals', '1'], 'option --max-evals is 1'],
  ])('%j: exit 2, a message, no output folder', (args, message) => {
    const out = join(tmp, 'refused');
    const r = nabolag('calibrate', SCENARIO, ...SMALL, ...args, '--out', out);
    expect(r.code, r.stdout).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses an output folder nabolag did not write before it runs anything, and leaves it as it was', () => {
    const mine = join(tmp, 'mine');
    mkdirSync(mine);
    writeFileSync(join(mine, 'notes.txt'), 'mine');
    const r = nabolag('calibrate', SCENARIO, ...SMALL, '--fit', `${PATH}=0.01:0.1`, '--target', 'moveOuts@2027=5', '--out', mine);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('already holds files that nabolag did not write');
    expect(r.stderr).not.toContain('calibrate: fitting');
    expect(readdirSync(mine)).toEqual(['notes.txt']);
  });

  it('--presets prints what npm run calibrate prints; mixing it with a fit is refused', () => {
    const args = ['--only', 'aeblehaven-like', '-n', '2', '--json'];
    const cli = nabolag('calibrate', '--presets', ...args);
    expect(cli.code, cli.stderr).toBe(0);
    const tool = spawnSync(process.execPath, ['dist/src/tools/calibrate.js', ...args], { encoding: 'utf8', timeout: 120_000 });
    expect(tool.status, tool.stderr).toBe(0);
    expect(cli.stdout).toBe(tool.stdout);
    expect(
      cli.stdout
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l).id),
    ).toEqual(['P1', 'P2', 'P3', 'P4', 'P7']);
    const mixed = nabolag('calibrate', '--presets', SCENARIO, '--fit', `${PATH}=0.01:0.1`);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toContain('--presets runs the preset checks');
    const none = nabolag('calibrate', '--fit', `${PATH}=0.01:0.1`);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('give a scenario file to fit');
  }, 120_000);

  it('--presets --set changes every preset first (the same in both), and a bad --set is a message', () => {
    const args = ['--only', 'aeblehaven-like', '-n', '2', '--json'];
    const p3 = (out: string) =>
      JSON.parse(
        out
          .trimEnd()
          .split('\n')
          .find((l) => JSON.parse(l).id === 'P3')!,
      ).value.mean as number;
    const plain = nabolag('calibrate', '--presets', ...args);
    const more = nabolag('calibrate', '--presets', ...args, '--set', 'career.otherAnnual=0.09');
    expect(more.code, more.stderr).toBe(0);
    // a three times higher hazard of moving for other reasons: more households move out
    expect(p3(more.stdout)).toBeGreaterThan(p3(plain.stdout) + 0.02);
    const tool = spawnSync(process.execPath, ['dist/src/tools/calibrate.js', ...args, '--set', 'career.otherAnnual=0.09'], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(tool.stdout).toBe(more.stdout);
    const bad = nabolag('calibrate', '--presets', ...args, '--set', 'career.otherAnnual=2');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('career.otherAnnual');
    expect(bad.stderr).not.toContain('    at ');
    const badTool = spawnSync(process.execPath, ['dist/src/tools/calibrate.js', ...args, '--set', 'career.otherAnnual=2'], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(badTool.status).toBe(2);
    expect(badTool.stderr).toContain('career.otherAnnual');
  }, 180_000);
});
