/**
 * `nabolag run` end to end on the real scenarios/default.yaml through the compiled CLI
 * (`node bin/nabolag.js`; run `npm run build` first). Issue 2, "Done when": the same scenario
 * and seed give byte-identical metrics.csv and moves.csv, another seed gives different ones,
 * the number of workers does not matter; the four files and their contents; bad flags give
 * exit code 2, a message naming the option and no output folder; --help works.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CLI = 'bin/nabolag.js';
const SCENARIO = 'scenarios/default.yaml';
let tmp: string;

/** The columns issue 2 requires in metrics.csv (more are allowed). */
const REQUIRED_METRICS_COLUMNS = [
  'replication',
  'seed',
  'month',
  'year',
  'households',
  'residents',
  'vacantFlats',
  'adults22to59',
  'resourceStrongAdults22to59',
  'resourceStrongShare',
  'familiesWithChildren',
  'resourceStrongFamilies',
  'moveIns',
  'moveOuts',
  'internalMoves',
];
/** The columns issue 2 requires in moves.csv. */
const REQUIRED_MOVES_COLUMNS = [
  'replication',
  'month',
  'household',
  'kind',
  'reason',
  'stayMonths',
  'resourceStrong',
  'familyWithChildren',
  'fromFlat',
  'toFlat',
];
const FILES = ['metrics.csv', 'moves.csv', 'summary.json', 'manifest.json'];

function nabolag(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Run the default scenario with --replications 3 --years 3 into tmp/<name>. */
function run(name: string, ...extra: string[]) {
  const out = join(tmp, name);
  const r = nabolag('run', SCENARIO, '--replications', '3', '--years', '3', '--quiet', '--out', out, ...extra);
  expect(r.code, r.stderr).toBe(0);
  return out;
}
const read = (dir: string, file: string) => readFileSync(join(dir, file));

let a: string;
let b: string;
let c: string;

beforeAll(() => {
  if (!existsSync('dist/src/cli/main.js')) throw new Error('the compiled CLI is missing: run `npm run build` before this test');
  tmp = mkdtempSync(join(tmpdir(), 'nabolag-e2e-run-'));
  a = run('a', '--seed', '7');
  b = run('b', '--seed', '7', '--no-report');
  c = run('c', '--seed', '8', '--no-report');
}, 300_000);
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('nabolag run scenarios/default.yaml', () => {
  it('writes report.html and the charts, unless --no-report', () => {
    expect(existsSync(join(a, 'report.html'))).toBe(true);
    expect(existsSync(join(a, 'charts', 'composition.vl.json')) || readdirSync(join(a, 'charts')).some((f) => f.endsWith('.png'))).toBe(true);
    expect(existsSync(join(b, 'report.html'))).toBe(false);
  });

  it('writes the four files', () => {
    for (const dir of [a, b, c]) for (const f of FILES) expect(existsSync(join(dir, f)), `${dir}/${f}`).toBe(true);
  });

  it('the same seed twice gives byte-identical metrics.csv and moves.csv', () => {
    expect(read(b, 'metrics.csv').equals(read(a, 'metrics.csv'))).toBe(true);
    expect(read(b, 'moves.csv').equals(read(a, 'moves.csv'))).toBe(true);
    expect(read(a, 'moves.csv').toString().split('\n').length).toBeGreaterThan(100);
  });

  it('another seed gives different metrics.csv and moves.csv', () => {
    expect(read(c, 'metrics.csv').equals(read(a, 'metrics.csv'))).toBe(false);
    expect(read(c, 'moves.csv').equals(read(a, 'moves.csv'))).toBe(false);
  });

  it('--workers 1 and --workers 2 give identical outputs', () => {
    const w1 = run('w1', '--seed', '7', '--workers', '1', '--no-report');
    const w2 = run('w2', '--seed', '7', '--workers', '2', '--no-report');
    for (const f of ['metrics.csv', 'moves.csv', 'summary.json']) {
      expect(read(w2, f).equals(read(w1, f)), f).toBe(true);
      expect(read(w1, f).equals(read(a, f)), f).toBe(true);
    }
    expect(JSON.parse(read(w1, 'manifest.json').toString()).timing.workers).toBe(1);
    expect(JSON.parse(read(w2, 'manifest.json').toString()).timing.workers).toBe(2);
  }, 120_000);

  it('manifest.json: version, resolved scenario, base seed 7 and 3 seeds', () => {
    const man = JSON.parse(read(a, 'manifest.json').toString());
    const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
    expect(man.version).toBe(pkg.version);
    expect(man.baseSeed).toBe(7);
    expect(man.replications).toBe(3);
    expect(man.seeds).toHaveLength(3);
    expect(new Set(man.seeds).size).toBe(3);
    for (const s of man.seeds) expect(Number.isInteger(s)).toBe(true);
    expect(man.node).toBe(process.version);
    // the resolved scenario: the overrides applied, the defaults and the preset filled in
    expect(man.scenario.name).toBe('default');
    expect(man.scenario.seed).toBe(7);
    expect(man.scenario.years).toBe(3);
    expect(man.scenario.replications).toBe(3);
    expect(man.scenario.estates[0].flats).toBe(1000);
    expect(man.scenario.estates[0].population.resourceStrongShare).toBe(0.52);
    expect(typeof man.scenario.letting.municipalShare).toBe('number');
    expect(typeof man.scenario.demography.mortalityA).toBe('number');
    // the seeds in the manifest are those in metrics.csv
    const rows = read(a, 'metrics.csv').toString().trim().split('\n').slice(1);
    const seedsInCsv = [...new Set(rows.map((r) => Number(r.split(',')[1])))];
    expect(seedsInCsv).toEqual(man.seeds);
    // another base seed, other replication seeds
    const manC = JSON.parse(read(c, 'manifest.json').toString());
    expect(manC.baseSeed).toBe(8);
    expect(manC.seeds).not.toEqual(man.seeds);
  });

  it('metrics.csv has the required columns and one row per replication and month', () => {
    const lines = read(a, 'metrics.csv').toString().trimEnd().split('\n');
    const header = lines[0]!.split(',');
    for (const col of REQUIRED_METRICS_COLUMNS) expect(header, col).toContain(col);
    expect(header.slice(0, 4)).toEqual(['replication', 'seed', 'month', 'year']);
    expect(lines.length - 1).toBe(3 * (3 * 12 + 1));
    const col = (name: string) => header.indexOf(name);
    const first = lines[1]!.split(',');
    expect(first[col('replication')]).toBe('0');
    expect(first[col('month')]).toBe('0');
    expect(first[col('year')]).toBe('2026');
    const last = lines.at(-1)!.split(',');
    expect(last[col('replication')]).toBe('2');
    expect(last[col('month')]).toBe('36');
    expect(last[col('year')]).toBe('2028');
    for (const line of lines.slice(1)) expect(line.split(',').length).toBe(header.length);
  });

  it('moves.csv has the required columns and kinds in/out/internal/formed only', () => {
    const lines = read(a, 'moves.csv').toString().trimEnd().split('\n');
    const header = lines[0]!.split(',');
    for (const col of REQUIRED_MOVES_COLUMNS) expect(header, col).toContain(col);
    const kind = header.indexOf('kind');
    const kinds = new Set(lines.slice(1).map((l) => l.split(',')[kind]));
    for (const k of kinds) expect(['in', 'out', 'internal', 'formed']).toContain(k);
    expect(kinds.has('in')).toBe(true);
    expect(kinds.has('out')).toBe(true);
  });

  it('summary.json has mean, p5 and p95 per metric per year', () => {
    const s = JSON.parse(read(a, 'summary.json').toString());
    expect(s.years).toEqual([2026, 2027, 2028]);
    expect(s.replications).toBe(3);
    const header = read(a, 'metrics.csv').toString().split('\n')[0]!.split(',');
    const metricNames = header.slice(5, -1); // after replication, seed, month, year, estate; before listStatus
    const row = s.metrics[s.rows[0]];
    expect(Object.keys(row).sort()).toEqual([...metricNames].sort());
    for (const name of metricNames) {
      const m = row[name];
      expect(
        m.byYear.map((y: { year: number }) => y.year),
        name,
      ).toEqual([2026, 2027, 2028]);
      for (const y of m.byYear) {
        for (const key of ['mean', 'p5', 'p95']) expect(typeof y[key], `${name} ${y.year} ${key}`).toBe('number');
        expect(y.p5).toBeLessThanOrEqual(y.mean + 1e-9);
        expect(y.mean).toBeLessThanOrEqual(y.p95 + 1e-9);
      }
    }
  });

  it('the summary agrees with metrics.csv (households at the end of 2026, move-outs summed over 2026)', () => {
    const lines = read(a, 'metrics.csv').toString().trimEnd().split('\n');
    const header = lines[0]!.split(',');
    const rows = lines.slice(1).map((l) => l.split(','));
    const at = (r: string[], name: string) => Number(r[header.indexOf(name)]);
    const s = JSON.parse(read(a, 'summary.json').toString()).metrics.average;
    const dec = rows.filter((r) => at(r, 'month') === 12).map((r) => at(r, 'households'));
    expect(s.households.byYear[0].mean).toBeCloseTo(dec.reduce((x, y) => x + y, 0) / 3, 9);
    const outs = [0, 1, 2].map((rep) =>
      rows.filter((r) => at(r, 'replication') === rep && at(r, 'month') >= 1 && at(r, 'month') <= 12).reduce((x, r) => x + at(r, 'moveOuts'), 0),
    );
    expect(s.moveOuts.byYear[0].mean).toBeCloseTo(outs.reduce((x, y) => x + y, 0) / 3, 9);
  });
});

describe('a baseline that drifts', () => {
  it('says so first: a warning line on the console and `drifts` in summary.json; none for the default scenario', () => {
    // the default estate, not anchored and far more attractive than it is: its share rises
    const file = join(tmp, 'drifting.yaml');
    writeFileSync(
      file,
      'extends: ' + JSON.stringify(join(process.cwd(), SCENARIO)) + '\nname: drifting\nestates:\n  - name: average\n    anchor: false\n    attractiveness: 3\n',
    );
    const out = join(tmp, 'drifting');
    // 6 replications: a drift is reported only when the replications show it (its 95% interval
    // excludes zero); on 3, this one (+4, +8 and +5 points) was within their noise
    const r = nabolag('run', file, '--replications', '6', '--years', '5', '--no-report', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[1]).toMatch(/^warning: the baseline drifts — average: resource-strong share of adults 22-59 \d+% → \d+% by 2031 \(more than 3 points\)/);
    const s = JSON.parse(read(out, 'summary.json').toString());
    expect(Object.keys(s).slice(0, 3)).toEqual(['scenario', 'replications', 'drifts']);
    const d = s.drifts.find((x: { metric: string }) => x.metric === 'resourceStrongShare');
    expect(d.row).toBe('average');
    expect(d.to - d.from).toBeGreaterThan(0.03);
    expect(d.from).toBeCloseTo(s.metrics.average.resourceStrongShare.initial.mean, 12);
    // the default scenario (anchored): its shares hold over its 15 years, and so do its families
    // at the end; their rise in the first years (the initial draw's, docs/ODD.md "Anchoring",
    // known limitations) is reported with its year
    const held = join(tmp, 'held');
    const h = nabolag('run', SCENARIO, '--no-report', '--out', held);
    expect(h.code, h.stderr).toBe(0);
    const drifts: { metric: string; from: number; to: number; peakYear?: number }[] = JSON.parse(read(held, 'summary.json').toString()).drifts;
    expect(drifts.filter((x) => x.metric === 'resourceStrongShare' || x.metric === 'outsideWorkShare18to64')).toEqual([]);
    for (const x of drifts) {
      expect(x.peakYear, x.metric).toBeLessThan(2041);
      expect(Math.abs(x.to - x.from) / x.from, x.metric).toBeLessThanOrEqual(0.1);
      expect(h.stdout).toContain(`at the end of ${x.peakYear}`);
    }
  });
});

describe('a run no Danish estate could have', () => {
  it('says so on the console when its households move out beyond any part of the stock, and runs (exit 0)', () => {
    const out = join(tmp, 'wild');
    const r = nabolag('run', SCENARIO, '--replications', '2', '--years', '2', '--no-report', '--set', 'career.otherAnnual=0.5', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /\nwarning: households moved out at a rate no part of the Danish social housing stock has — scenario "default", estate "average": \d+% a year/,
    );
    // the default's own rate (about 13% a year) gives no such line
    const plain = nabolag('run', SCENARIO, '--replications', '2', '--years', '2', '--no-report', '--out', join(tmp, 'plain'));
    expect(plain.stdout).not.toContain('moved out at a rate');
  });
});

describe('bad flags and help', () => {
  for (const [flag, value] of [
    ['--replications', '0'],
    ['--years', 'abc'],
    ['--seed', '-1'],
    ['--seed', ''],
    ['--workers', '0'],
    // as typed: -n, not --replications (nor yargs's --n)
    ['-n', 'x'],
    ['-y', '0'],
    ['-s', '1.5'],
    ['-w', 'all'],
    ['-n', ''],
  ] as const) {
    it(`${flag} ${value}: exit 2, a message naming the option, no output folder`, () => {
      const out = join(tmp, `bad${flag}`);
      const r = nabolag('run', SCENARIO, flag, value, '--out', out, '--quiet');
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`^nabolag: option ${flag} (is|needs)`));
      expect(r.stderr).not.toMatch(/^\s+at /m);
      expect(existsSync(out), `${out} must not be created`).toBe(false);
    });
  }

  it('a failed run leaves no temporary folder next to the output', () => {
    const before = readdirSync(tmp).sort();
    nabolag('run', SCENARIO, '--years', '0', '--out', join(tmp, 'never'));
    expect(readdirSync(tmp).sort()).toEqual(before);
  });

  for (const cmd of ['run', 'validate']) {
    it(`${cmd} --help exits 0 and describes the command`, () => {
      const r = nabolag(cmd, '--help');
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain(cmd);
      if (cmd === 'run') for (const o of ['--replications', '--seed', '--years', '--out', '--workers']) expect(r.stdout).toContain(o);
    });
  }

  it('nabolag --help exits 0', () => {
    const r = nabolag('--help');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('run');
    expect(r.stdout).toContain('validate');
  });
});
