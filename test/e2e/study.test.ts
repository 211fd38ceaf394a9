/**
 * `nabolag sensitivity` and `nabolag sweep` end to end through the compiled CLI (issue 19, parts
 * 2 and 3; `npm run build` first): their files and columns, exit 2 with a message and no output
 * folder for a bad path, range, expression or design, the same bytes for the same seed, and the
 * same bytes on one worker and on two. Small runs: a 150-flat estate, 3 years, 2 replications.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CLI = 'bin/nabolag.js';
const SCENARIO = 'scenarios/levers/extension.yaml';
const SMALL = ['--set', 'estates[0].flats=150', '--years', '3', '-n', '2', '--quiet'];
const FACTOR = 'policies[lever=extension].factor';
let tmp: string;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'nabolag-study-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function nabolag(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Every file of an output folder but the manifest (which holds timings and the command), as bytes. */
function contents(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, prefix: string) => {
    for (const f of readdirSync(d, { withFileTypes: true })) {
      if (f.name.startsWith('.') || f.name === 'manifest.json') continue;
      if (f.isDirectory()) walk(join(d, f.name), `${prefix}${f.name}/`);
      else out[prefix + f.name] = readFileSync(join(d, f.name), 'latin1');
    }
  };
  walk(dir, '');
  return out;
}

const csv = (dir: string, f: string) =>
  readFileSync(join(dir, f), 'utf8')
    .trimEnd()
    .split('\n')
    .map((l) => l.split(','));

const MORRIS = [
  '--method',
  'morris',
  '--samples',
  '2',
  '--param',
  `${FACTOR}=0.3:1`,
  '--param',
  'social.tieEffect=0:3',
  '--outcome',
  'gain=resourceStrongShare@2028-resourceStrongShare@2026',
  '--outcome',
  'fam=resourceStrongFamilies@2028',
];
const SOBOL = [
  '--method',
  'sobol',
  '--samples',
  '3',
  '--param',
  `${FACTOR}=0.3:1`,
  '--param',
  'policies[lever=extension].from=2026:2028',
  '--outcome',
  'share=resourceStrongShare@2028',
];

describe('nabolag sensitivity', () => {
  it('morris: samples.csv, indices.csv (muStar, sigma, mu), summary.json, manifest.json and the μ*-σ charts; same bytes for the same seed and on two workers', () => {
    const a = join(tmp, 'morris-a');
    const b = join(tmp, 'morris-b');
    const c = join(tmp, 'morris-c');
    for (const [out, w] of [
      [a, '1'],
      [b, '1'],
      [c, '2'],
    ] as const) {
      const r = nabolag('sensitivity', SCENARIO, ...MORRIS, ...SMALL, '--workers', w, '--out', out);
      expect(r.code, r.stderr).toBe(0);
    }
    const files = readdirSync(a).sort();
    expect(files).toEqual(expect.arrayContaining(['samples.csv', 'indices.csv', 'summary.json', 'manifest.json', 'charts']));
    expect(readdirSync(join(a, 'charts')).sort()).toEqual([
      'morris-fam.png',
      'morris-fam.svg',
      'morris-fam.vl.json',
      'morris-gain.png',
      'morris-gain.svg',
      'morris-gain.vl.json',
    ]);
    const indices = csv(a, 'indices.csv');
    expect(indices[0]).toEqual(['method', 'outcome', 'parameter', 'muStar', 'sigma', 'mu']);
    expect(indices.slice(1).map((r) => [r[0], r[1], r[2]])).toEqual([
      ['morris', 'gain', FACTOR],
      ['morris', 'gain', 'social.tieEffect'],
      ['morris', 'fam', FACTOR],
      ['morris', 'fam', 'social.tieEffect'],
    ]);
    for (const r of indices.slice(1)) expect(Number(r[3])).toBeGreaterThanOrEqual(0);
    const samples = csv(a, 'samples.csv');
    expect(samples[0]).toEqual(['sample', FACTOR, 'social.tieEffect', 'gain', 'fam']);
    expect(samples).toHaveLength(1 + 2 * 3); // 2 trajectories of k + 1 = 3 points
    // Morris levels: 4, so every value is on the grid lo + (hi − lo) · {0, 1/3, 2/3, 1}
    for (const r of samples.slice(1)) expect([0, 1, 2, 3].map((l) => (3 * l) / 3).some((v) => Math.abs(Number(r[2]) - v) < 1e-9)).toBe(true);
    const summary = JSON.parse(readFileSync(join(a, 'summary.json'), 'utf8'));
    expect(summary.design).toEqual({ levels: 4, delta: 2 / 3, trajectories: 2 });
    expect(summary.indices).toHaveLength(4);
    const manifest = JSON.parse(readFileSync(join(a, 'manifest.json'), 'utf8'));
    expect(manifest.method).toBe('morris');
    expect(manifest.seeds).toHaveLength(2);
    expect(contents(b)).toEqual(contents(a));
    expect(contents(c)).toEqual(contents(a));
  });

  it('morris on a whole-number field: each effect is divided by the step run (rounded), as samples.csv shows it', () => {
    const out = join(tmp, 'morris-whole');
    const args = ['--method', 'morris', '--samples', '3', '--param', 'policies[lever=extension].from=2026:2028', '--param', 'social.tieEffect=0:3'];
    const r = nabolag('sensitivity', SCENARIO, ...args, '--outcome', 'share=resourceStrongShare@2028', ...SMALL, '--out', out);
    expect(r.code, r.stderr).toBe(0);
    const rows = csv(out, 'samples.csv')
      .slice(1)
      .map((l) => l.slice(1).map(Number));
    // the elementary effects of `from`, from the values run: per whole range (2 years; the grid's 2026.67 and 2027.33 run 2027)
    const ee: number[] = [];
    for (let t = 0; t < 3; t++)
      for (let j = 1; j <= 2; j++) {
        const [a, b] = [rows[t * 3 + j - 1]!, rows[t * 3 + j]!];
        expect(Number.isInteger(b[0])).toBe(true);
        if (b[0] !== a[0]) ee.push((b[2]! - a[2]!) / ((b[0]! - a[0]!) / 2));
      }
    expect(ee.length).toBeGreaterThan(0);
    const muStar = ee.reduce((q, e) => q + Math.abs(e), 0) / ee.length;
    const index = csv(out, 'indices.csv').find((l) => l[2] === 'policies[lever=extension].from')!;
    expect(Number(index[3])).toBeCloseTo(muStar, 8);
  });

  it('sobol: indices.csv with S1 and ST and their intervals; a whole-number field gets whole values', () => {
    const out = join(tmp, 'sobol');
    const r = nabolag('sensitivity', SCENARIO, ...SOBOL, ...SMALL, '--out', out);
    expect(r.code, r.stderr).toBe(0);
    const indices = csv(out, 'indices.csv');
    expect(indices[0]).toEqual(['method', 'outcome', 'parameter', 'S1', 'S1Low', 'S1High', 'ST', 'STLow', 'STHigh']);
    expect(indices).toHaveLength(3);
    const samples = csv(out, 'samples.csv');
    expect(samples).toHaveLength(1 + 3 * (2 + 2));
    for (const s of samples.slice(1)) {
      expect(Number.isInteger(Number(s[2]))).toBe(true);
      expect(Number(s[2])).toBeGreaterThanOrEqual(2026);
      expect(Number(s[2])).toBeLessThanOrEqual(2028);
    }
    expect(readdirSync(join(out, 'charts'))).toContain('sobol-share.svg');
  });

  it.each([
    ['an unknown path', ['--method', 'morris', '--param', 'social.nosuch=0:1', '--outcome', 'x=moveIns@2028'], /social\.nosuch|nosuch/],
    [
      'a path the scenario does not have',
      ['--method', 'morris', '--param', 'policies[lever=gardens].from=2027:2030', '--outcome', 'x=moveIns@2028'],
      /no item of policies has lever=gardens/,
    ],
    ['a range outside the field', ['--method', 'morris', '--param', `${FACTOR}=0.5:3`, '--outcome', 'x=moveIns@2028'], /factor.*3/],
    ['an empty range', ['--method', 'morris', '--param', `${FACTOR}=0.9:0.1`, '--outcome', 'x=moveIns@2028'], /range 0.9:0.1 is empty/],
    ['a range that is no range', ['--method', 'morris', '--param', `${FACTOR}=0.5`, '--outcome', 'x=moveIns@2028'], /give <path>=<lo>:<hi>/],
    [
      'an end too large to represent (read as Infinity: the message quotes it)',
      ['--method', 'morris', '--param', `${FACTOR}=0:1e400`, '--outcome', 'x=moveIns@2028'],
      /--param policies\[lever=extension\]\.factor=1e400: field "policies\[0\]\.factor" is 1e400, a number too large to represent; allowed: a number at least 0 and at most 1/,
    ],
    ['an unknown metric', ['--method', 'morris', '--param', `${FACTOR}=0.3:1`, '--outcome', 'x=moveInz@2028'], /unknown metric "moveInz"/],
    ['a year not simulated', ['--method', 'morris', '--param', `${FACTOR}=0.3:1`, '--outcome', 'x=moveIns@2040'], /from 2026 to 2028/],
    ['bad syntax', ['--method', 'morris', '--param', `${FACTOR}=0.3:1`, '--outcome', 'x=moveIns@2028 +* 2'], /cannot be read/],
    ['an unknown method', ['--method', 'fast', '--param', `${FACTOR}=0.3:1`, '--outcome', 'x=moveIns@2028'], /--method "fast": give morris or sobol/],
    [
      "an estate's start",
      ['--method', 'morris', '--param', 'estates[0].population.resourceStrongShare=0.3:0.6', '--outcome', 'x=moveIns@2028'],
      /every point is compared with the scenario as given from the same start.*cannot vary/,
    ],
    ['no method', ['--param', `${FACTOR}=0.3:1`, '--outcome', 'x=moveIns@2028'], /option --method is required: give morris \(screening\) or sobol/],
    ['no outcome', ['--method', 'sobol', '--param', `${FACTOR}=0.3:1`], /at least one --outcome/],
    [
      'an applicant share anchoring solves',
      ['--method', 'morris', '--param', 'estates[0].applicants.seniorShare=0.01:0.2', '--outcome', 'x=moveIns@2028'],
      /anchoring solves applicants\.seniorShare/,
    ],
    [
      'the start year as a parameter',
      ['--method', 'morris', '--param', 'startYear=2020:2030', '--outcome', 'x=moveIns@2028'],
      /--param "startYear": every point/,
    ],
  ])('exit 2 for %s, with a message and no output folder', (_what, args, message) => {
    const out = join(tmp, `bad-sensitivity-${_what.replace(/\W+/g, '-')}`);
    const r = nabolag('sensitivity', SCENARIO, ...args, ...SMALL, '--out', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(existsSync(out)).toBe(false);
  });
});

/** A manifest's anchoring solution without where it was found and how long it took (solved now, or read from the store). */
const anchorsIn = (dir: string) =>
  (JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')).anchors as Record<string, unknown>[] | undefined)?.map(
    ({ stored: _s, bundled: _b, ms: _m, ...a }) => a,
  );

describe('the anchoring solution in a study', () => {
  it("manifest.json of a sweep and of a sensitivity analysis records the base scenario's anchors, as a run's does", () => {
    const run = join(tmp, 'anchors-run');
    expect(nabolag('run', SCENARIO, ...SMALL, '--no-report', '--out', run).code).toBe(0);
    const anchors = anchorsIn(run)!;
    expect(anchors).toEqual([expect.objectContaining({ estate: 'average', attractiveness: expect.any(Number) })]);
    const sweep = join(tmp, 'anchors-sweep');
    const r = nabolag('sweep', SCENARIO, '--vary', `${FACTOR}=0.25,1`, '--no-report', ...SMALL, '--out', sweep);
    expect(r.code, r.stderr).toBe(0);
    expect(anchorsIn(sweep)).toEqual(anchors);
    const sens = join(tmp, 'anchors-sensitivity');
    const s = nabolag('sensitivity', SCENARIO, ...MORRIS, '--no-report', ...SMALL, '--out', sens);
    expect(s.code, s.stderr).toBe(0);
    expect(anchorsIn(sens)).toEqual(anchors);
  });
});

describe('nabolag sweep', () => {
  it('grid: points.csv, metrics.csv and effects.csv with a point column, summary.json, the dose-response chart; same bytes for the same seed and on two workers', () => {
    const a = join(tmp, 'sweep-a');
    const b = join(tmp, 'sweep-b');
    const c = join(tmp, 'sweep-c');
    const args = ['--vary', `${FACTOR}=0.25,1`, '--vary', 'social.tieEffect=1,2'];
    for (const [out, w] of [
      [a, '1'],
      [b, '1'],
      [c, '2'],
    ] as const) {
      const r = nabolag('sweep', SCENARIO, ...args, ...SMALL, '--workers', w, '--out', out);
      expect(r.code, r.stderr).toBe(0);
    }
    expect(readdirSync(a)).toEqual(expect.arrayContaining(['points.csv', 'metrics.csv', 'effects.csv', 'summary.json', 'manifest.json', 'charts']));
    expect(existsSync(join(a, 'moves.csv'))).toBe(false);
    expect(csv(a, 'points.csv')).toEqual([
      ['point', FACTOR, 'social.tieEffect'],
      ['0', '0.5', '1.5'],
      ['1', '0.25', '1'],
      ['2', '0.25', '2'],
      ['3', '1', '1'],
      ['4', '1', '2'],
    ]);
    const metrics = csv(a, 'metrics.csv');
    expect(metrics[0]!.slice(0, 3)).toEqual(['point', 'replication', 'seed']);
    // every point on the scenario's seeds: 5 points x 2 replications x 37 months
    expect(metrics).toHaveLength(1 + 5 * 2 * 37);
    const seedsOf = (p: string) => [...new Set(metrics.filter((r) => r[0] === p).map((r) => r[2]))];
    expect(seedsOf('3')).toEqual(seedsOf('0'));
    const effects = csv(a, 'effects.csv');
    expect(effects[0]).toEqual([
      'point',
      'variant',
      'estate',
      'metric',
      'unit',
      'year',
      'baseline',
      'variantValue',
      'difference',
      'differenceP5',
      'differenceP95',
      'ciLow',
      'ciHigh',
      'baselineStatus',
      'variantStatus',
      'baselineShareNone',
      'baselineSharePrevention',
      'baselineShareUdsat',
      'baselineShareGhetto',
      'baselineShareHard',
      'variantShareNone',
      'variantSharePrevention',
      'variantShareUdsat',
      'variantShareGhetto',
      'variantShareHard',
    ]);
    expect(new Set(effects.slice(1).map((r) => r[0]))).toEqual(new Set(['1', '2', '3', '4']));
    const summary = JSON.parse(readFileSync(join(a, 'summary.json'), 'utf8'));
    expect(summary.sweep.design).toBe('grid');
    expect(summary.sweep.effects).toHaveLength(4 * 3);
    expect(readdirSync(join(a, 'charts'))).toEqual(expect.arrayContaining(['dose-response.png', 'dose-response.svg', 'dose-response.vl.json']));
    // the usual report of the scenario as given, with the dose-response chart first
    const html = readFileSync(join(a, 'report.html'), 'utf8');
    expect(html).toContain('Dose-response');
    expect(html.indexOf('Dose-response')).toBeLessThan(html.indexOf('trajectory-resourceStrongShare'));
    // two paths: the title names both, the second's values are colours of their own (no values
    // never run in the legend), drawn side by side at each dose
    const dose = JSON.parse(readFileSync(join(a, 'charts', 'dose-response.vl.json'), 'utf8'));
    expect(dose.title.text.join?.(' ') ?? dose.title.text).toContain(`Dose-response: ${FACTOR} by social.tieEffect`);
    const color = dose.spec.layer[2].encoding.color;
    expect(color).toMatchObject({ type: 'ordinal', scale: { domain: [1, 2] } });
    const xs = (v: number, shade: number) =>
      dose.data.values.filter((d: { dose: number; shade: number }) => d.dose === v && d.shade === shade).map((d: { x: number }) => d.x);
    expect(Math.max(...xs(0.25, 1))).toBeLessThan(Math.min(...xs(0.25, 2)));
    expect(contents(b)).toEqual(contents(a));
    expect(contents(c)).toEqual(contents(a));
  });

  it('a point equal to the scenario as given has no effect (common random numbers); oat varies one path at a time; --moves writes moves.csv', () => {
    const out = join(tmp, 'sweep-oat');
    const r = nabolag(
      'sweep',
      SCENARIO,
      '--design',
      'oat',
      '--vary',
      `${FACTOR}=0.5,0.75`,
      '--vary',
      'social.tieEffect=1.5',
      '--moves',
      ...SMALL,
      '--out',
      out,
    );
    expect(r.code, r.stderr).toBe(0);
    expect(csv(out, 'points.csv')).toEqual([
      ['point', FACTOR, 'social.tieEffect'],
      ['0', '0.5', '1.5'],
      ['1', '0.5', ''],
      ['2', '0.75', ''],
      ['3', '', '1.5'],
    ]);
    const effects = csv(out, 'effects.csv').slice(1);
    for (const p of ['1', '3']) for (const e of effects.filter((x) => x[0] === p)) expect(Number(e[8]), `${p} ${e[3]}`).toBe(0);
    expect(readFileSync(join(out, 'moves.csv'), 'utf8').split('\n', 1)[0]!.startsWith('point,replication,')).toBe(true);
  });

  it("a point that changes a mechanism starts where point 0 starts (the scenario's anchor); a drifting point 0 is said on the console", () => {
    const out = join(tmp, 'sweep-mechanism');
    const r = nabolag('sweep', SCENARIO, '--vary', 'social.tieEffect=0.75,3', '--no-report', ...SMALL, '--out', out);
    expect(r.code, r.stderr).toBe(0);
    const rows = csv(out, 'metrics.csv');
    const col = (name: string) => rows[0]!.indexOf(name);
    const start = (point: string) =>
      rows
        .slice(1)
        .filter((x) => x[col('point')] === point && x[col('month')] === '0')
        .map((x) => [x[col('replication')], x[col('resourceStrongShare')], x[col('familiesWithChildren')], x[col('retiredAdults')]].join());
    expect(start('0')).toHaveLength(2);
    for (const p of ['1', '2']) expect(start(p)).toEqual(start('0'));
    // point 0 not anchored and far more attractiveness than it has: its share rises, and the console says so
    const drifting = join(tmp, 'drifting-sweep');
    const d = nabolag(
      'sweep',
      SCENARIO,
      '--set',
      'estates[0].anchor=false',
      '--set',
      'estates[0].attractiveness=3',
      '--vary',
      `${FACTOR}=0.5`,
      '--no-report',
      '-n',
      '6',
      '--years',
      '5',
      '--out',
      drifting,
    );
    expect(d.code, d.stderr).toBe(0);
    // the swept scenario has a lever: what drifts is not a baseline, and the console says so as `run` does
    expect(d.stdout).toMatch(/warning: the estate drifts, with the scenario's levers — average: resource-strong share of adults 22-59/);
  });

  it('lhs: K points within the ranges', () => {
    const out = join(tmp, 'sweep-lhs');
    const r = nabolag('sweep', SCENARIO, '--design', 'lhs', '--samples', '3', '--vary', `${FACTOR}=0.2:0.8`, '--no-report', ...SMALL, '--out', out);
    expect(existsSync(join(out, 'report.html'))).toBe(false);
    expect(r.code, r.stderr).toBe(0);
    const points = csv(out, 'points.csv').slice(2);
    expect(points).toHaveLength(3);
    const strata = points.map((p) => Math.floor(((Number(p[1]) - 0.2) / 0.6) * 3)).sort();
    expect(strata).toEqual([0, 1, 2]);
  });

  it.each([
    ['an unknown design', ['--design', 'sobol', '--vary', `${FACTOR}=0.5`], /--design "sobol": give grid, oat or lhs/],
    ['a range without lhs', ['--vary', `${FACTOR}=0.2:0.8`], /needs --design lhs/],
    ['lhs without samples', ['--design', 'lhs', '--vary', `${FACTOR}=0.2:0.8`], /needs --samples/],
    ['a value outside the field', ['--vary', `${FACTOR}=0.5,7`], /factor/],
    [
      'a value too large to represent (not shown as null)',
      ['--vary', `${FACTOR}=0.5,1e400`],
      /--vary policies\[lever=extension\]\.factor=1e400: field "policies\[0\]\.factor" is 1e400, a number too large to represent; allowed: a number at least 0 and at most 1/,
    ],
    [
      'values with decimal commas (0,5,0,75 is four values)',
      ['--vary', `${FACTOR}=0,5,0,75`],
      /factor=5: field "policies\[0\]\.factor" is 5, which is too large; .*; if the commas were decimal commas, write --vary 'policies\[lever=extension\]\.factor=0\.5,0\.75' \(the values are separated by commas, and written with a decimal point\)/,
    ],
    [
      'a percentage for a factor from 0 to 1',
      ['--vary', `${FACTOR}=50%,75%`],
      /is "50%", but must be a number at least 0 and at most 1 \(multiplier on move-out hazards\); write 0\.5 \(written from 0 to 1: 50% is 0\.5\)/,
    ],
    ['an unknown path', ['--vary', 'social.nosuch=1,2'], /nosuch/],
    ['a bad path', ['--vary', 'social..tieEffect=1,2'], /option --vary/],
    ['an empty value', ['--vary', `${FACTOR}=0.5,,1`], /none empty/],
    ['no --vary', [], /at least one --vary/],
    ['the horizon varied (points are compared year by year)', ['--vary', 'years=2,3'], /--vary "years": every point is compared .* or -y/],
    ['the replications varied', ['--design', 'lhs', '--samples', '2', '--vary', 'replications=2:4'], /--vary "replications"/],
    [
      "an estate's start varied",
      ['--vary', 'estates[0].population.resourceStrongShare=0.3,0.6'],
      /every point is compared with the scenario as given from the same start/,
    ],
    ['the seed varied (points share the seeds)', ['--vary', 'seed=1,2'], /--vary "seed": every point .* or --seed/],
    [
      'one field under two spellings (the later would win unseen)',
      ['--vary', 'policies[0].factor=0.25', '--vary', `${FACTOR}=1`],
      /"policies\[0\]\.factor" and "policies\[lever=extension\]\.factor" are the same field/,
    ],
    [
      'a field anchoring solves (every point would run the same model)',
      ['--vary', 'estates[0].attractiveness=0,1'],
      /anchoring solves attractiveness for estate "average".*anchor=false/,
    ],
  ])('exit 2 for %s, with a message and no output folder', (_what, args, message) => {
    const out = join(tmp, `bad-sweep-${_what.replace(/\W+/g, '-')}`);
    const r = nabolag('sweep', SCENARIO, ...args, ...SMALL, '--out', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
  });
});
