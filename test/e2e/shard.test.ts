/**
 * Sharded runs end to end through the compiled CLI (issue 19 part 5, issue 20 part 2; `npm run
 * build` first): `--shard k/n` on run, compare, sweep and sensitivity, and `nabolag merge` of the
 * shards giving the files of the unsharded command byte for byte; the refusals (exit 2, a
 * message naming the folders or the option); `--shard auto/N` from each scheduler's variable.
 * Small runs: a 150-flat estate, 3 years.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareOutputFolder } from '../../src/output/atomic.js';

const CLI = 'bin/nabolag.js';
const SMALL = ['--set', 'estates[0].flats=150', '--years', '3', '--seed', '3'];
/** As SMALL, without anchoring (model/anchor.ts), which takes most of a small run's time: for the tests of refusals. */
const FAST = [...SMALL, '--set', 'estates[0].anchor=false'];
const FACTOR = 'policies[lever=extension].factor';
/** The schedulers' index variables, removed from the environment the tests run in. */
const INDEX_VARIABLES = ['SLURM_ARRAY_TASK_ID', 'JOB_COMPLETION_INDEX', 'AWS_BATCH_JOB_ARRAY_INDEX'];
let tmp: string;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'nabolag-shard-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function nabolag(args: string[], env: Record<string, string> = {}) {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !INDEX_VARIABLES.includes(k)));
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 120_000, env: { ...base, NO_COLOR: '1', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function ok(args: string[], env: Record<string, string> = {}) {
  const r = nabolag(args, env);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r;
}

/** Every file of an output folder but the manifest (timings, command) and the shard folders, as bytes. */
function contents(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, prefix: string) => {
    for (const f of readdirSync(d, { withFileTypes: true })) {
      if (f.name.startsWith('.') || f.name === 'manifest.json' || f.name === 'shards') continue;
      if (f.isDirectory()) walk(join(d, f.name), `${prefix}${f.name}/`);
      else out[prefix + f.name] = readFileSync(join(d, f.name), 'latin1');
    }
  };
  walk(dir, '');
  return out;
}

/** Run `args` unsharded into `<name>/full` and as 3 shards into `<name>/merged/shards/k`; returns the folders. */
function shardsOf(name: string, args: string[]) {
  const full = join(tmp, name, 'full');
  const merged = join(tmp, name, 'merged');
  ok([...args, '--out', full, '--quiet']);
  const shards = [1, 2, 3].map((k) => join(merged, 'shards', String(k)));
  for (const [i, s] of shards.entries()) {
    const r = ok([...args, '--shard', `${i + 1}/3`, '--out', s]);
    expect(r.stdout).toContain(`shard ${i + 1}/3`);
    expect(r.stdout).toContain('no report or charts');
    expect(existsSync(join(s, 'shard.json'))).toBe(true);
    expect(existsSync(join(s, 'report.html'))).toBe(false);
    expect(existsSync(join(s, 'summary.json'))).toBe(false);
  }
  return { full, merged, shards };
}

const shardJson = (dir: string) => JSON.parse(readFileSync(join(dir, 'shard.json'), 'utf8'));

describe('nabolag run --shard and merge', () => {
  let run: ReturnType<typeof shardsOf>;
  beforeAll(() => {
    run = shardsOf('run', ['run', 'scenarios/default.yaml', ...SMALL, '-n', '5']);
  });

  it('shard.json says what each shard holds: contiguous blocks of replications, the seed, version and hashes', () => {
    const ms = run.shards.map(shardJson);
    expect(ms.map((m) => [m.command, m.k, m.n, m.items.kind, m.items.from, m.items.to, m.items.total])).toEqual([
      ['run', 1, 3, 'replications', 0, 1, 5],
      ['run', 2, 3, 'replications', 1, 3, 5],
      ['run', 3, 3, 'replications', 3, 5, 5],
    ]);
    for (const m of ms) {
      expect(m.baseSeed).toBe(3);
      expect(m.replications).toBe(5);
      expect(m.version).toBe(ms[0].version);
      expect(m.scenarioHash).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(m.scenarioHash).toBe(ms[0].scenarioHash);
      expect(m.files).toEqual(['metrics.csv', 'moves.csv', 'digests.bin']);
      expect(Object.keys(m.sums)).toEqual(m.files);
      for (const f of m.files) expect(m.sums[f]).toMatch(/^sha256:[0-9a-f]{64}$/);
    }
    // shard 2 holds replications 1 and 2 (0-based), on the seeds the whole run gives them
    const rows = readFileSync(join(run.shards[1]!, 'metrics.csv'), 'utf8').trimEnd().split('\n').slice(1);
    expect([...new Set(rows.map((r) => r.split(',')[0]))]).toEqual(['1', '2']);
    const seeds = JSON.parse(readFileSync(join(run.full, 'manifest.json'), 'utf8')).seeds;
    expect([...new Set(rows.map((r) => Number(r.split(',')[1])))]).toEqual(seeds.slice(1, 3));
  });

  it('merging the 3 shards into the folder that holds them gives the unsharded run byte for byte (moves, report and charts too), and keeps the shards', () => {
    const r = ok(['merge', ...run.shards, '--out', run.merged]);
    expect(r.stdout).toContain('merged 3 shard(s) of run');
    const a = contents(run.full);
    const b = contents(run.merged);
    expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort());
    for (const f of Object.keys(a)) expect(b[f], f).toBe(a[f]);
    expect(Object.keys(a)).toEqual(expect.arrayContaining(['metrics.csv', 'moves.csv', 'summary.json', 'report.html']));
    for (const s of run.shards) expect(existsSync(join(s, 'shard.json'))).toBe(true);
    const manifest = JSON.parse(readFileSync(join(run.merged, 'manifest.json'), 'utf8'));
    expect(manifest.merged.shards).toBe(3);
    expect(manifest.command).not.toContain('--shard');
    // merged again (the shards in any order, --no-report): the data files are the same, the report's files are gone
    ok(['merge', run.shards[2]!, run.shards[0]!, run.shards[1]!, '--out', run.merged, '--no-report', '--quiet']);
    const c = contents(run.merged);
    for (const f of ['metrics.csv', 'moves.csv', 'summary.json']) expect(c[f], f).toBe(a[f]);
    expect(existsSync(join(run.merged, 'report.html'))).toBe(false);
    for (const s of run.shards) expect(existsSync(join(s, 'shard.json'))).toBe(true);
  });

  it("merging again beside the shards keeps a user's own file, and refuses to replace a merged file edited in place or a folder holding a user's file", () => {
    ok(['merge', ...run.shards, '--out', run.merged, '--quiet']);
    writeFileSync(join(run.merged, 'analysis.R'), 'read.csv("metrics.csv")\n');
    ok(['merge', ...run.shards, '--out', run.merged, '--quiet']);
    expect(readFileSync(join(run.merged, 'analysis.R'), 'utf8')).toBe('read.csv("metrics.csv")\n');
    const refusedHere = (...parts: string[]) => {
      const r = nabolag(['merge', ...run.shards, '--out', run.merged]);
      expect(r.code).toBe(2);
      for (const p of parts) expect(r.stderr).toContain(p);
      expect(r.stderr).toContain('nothing was written');
    };
    const summary = join(run.merged, 'summary.json');
    const edited = readFileSync(summary, 'utf8').replace('{', '{"note": "checked by hand",');
    writeFileSync(summary, edited);
    refusedHere('summary.json (changed since nabolag wrote it)');
    expect(readFileSync(summary, 'utf8')).toBe(edited);
    rmSync(summary);
    writeFileSync(join(run.merged, 'charts', 'mine.svg'), '<svg/>');
    refusedHere('charts/mine.svg');
    expect(existsSync(join(run.merged, 'charts', 'mine.svg'))).toBe(true);
    rmSync(join(run.merged, 'charts', 'mine.svg'));
    ok(['merge', ...run.shards, '--out', run.merged, '--quiet']);
    expect(readFileSync(summary, 'utf8')).toBe(readFileSync(join(run.full, 'summary.json'), 'utf8'));
    expect(existsSync(join(run.merged, 'analysis.R'))).toBe(true);
  });

  it('merges into a folder prepared by nabolag beside its logs and scripts, keeping them; refuses a folder holding files of someone else', () => {
    const prepared = prepareOutputFolder(join(tmp, 'run', 'prepared'));
    const copies = run.shards.map((s, i) => {
      const to = join(prepared, 'shards', String(i + 1));
      cpSync(s, to, { recursive: true });
      return to;
    });
    mkdirSync(join(prepared, 'logs'));
    writeFileSync(join(prepared, 'logs', 'task-1.out'), 'a log line\n');
    writeFileSync(join(prepared, 'job.sh'), '#!/bin/sh\n');
    ok(['merge', ...copies, '--out', prepared, '--no-report', '--quiet']);
    expect(readFileSync(join(prepared, 'metrics.csv'), 'latin1')).toBe(readFileSync(join(run.full, 'metrics.csv'), 'latin1'));
    expect(readFileSync(join(prepared, 'logs', 'task-1.out'), 'utf8')).toBe('a log line\n');
    expect(existsSync(join(prepared, 'job.sh'))).toBe(true);
    for (const c of copies) expect(existsSync(join(c, 'digests.bin'))).toBe(true);
    // nothing left beside it: no partial folder, no lock
    expect(readdirSync(join(tmp, 'run')).filter((n) => n.startsWith('.'))).toEqual([]);

    const foreign = join(tmp, 'run', 'foreign');
    const theirs = run.shards.map((s, i) => {
      const to = join(foreign, 'shards', String(i + 1));
      cpSync(s, to, { recursive: true });
      return to;
    });
    writeFileSync(join(foreign, 'notes.txt'), 'mine\n');
    const r = nabolag(['merge', ...theirs, '--out', foreign]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('nabolag did not write');
    expect(readdirSync(foreign).sort()).toEqual(['notes.txt', 'shards']);
  });

  it("the merged report is in the language the unsharded run would use: the shards' --lang, else the scenario's; merge --lang overrides", () => {
    const lang = (dir: string) => /<html lang="([a-z]+)"/.exec(readFileSync(join(dir, 'report.html'), 'utf8'))?.[1];
    // shards of a run with --lang da
    const da = [1, 2].map((k) => join(tmp, 'lang', String(k)));
    for (const [i, s] of da.entries())
      ok(['run', 'scenarios/default.yaml', ...FAST, '-n', '2', '--lang', 'da', '--shard', `${i + 1}/2`, '--out', s, '--quiet']);
    ok(['merge', ...da, '--out', join(tmp, 'lang', 'da'), '--quiet']);
    expect(lang(join(tmp, 'lang', 'da'))).toBe('da');
    ok(['merge', ...da, '--out', join(tmp, 'lang', 'en'), '--lang', 'en', '--quiet']);
    expect(lang(join(tmp, 'lang', 'en'))).toBe('en');
    // shards of a scenario whose language field is da
    const field = [1, 2].map((k) => join(tmp, 'lang-field', String(k)));
    for (const [i, s] of field.entries())
      ok(['run', 'scenarios/default.yaml', ...FAST, '--set', 'language=da', '-n', '2', '--shard', `${i + 1}/2`, '--out', s, '--quiet']);
    ok(['merge', ...field, '--out', join(tmp, 'lang-field', 'merged'), '--quiet']);
    expect(lang(join(tmp, 'lang-field', 'merged'))).toBe('da');
    // the unsharded run's report is in the same language
    ok(['run', 'scenarios/default.yaml', ...FAST, '--set', 'language=da', '-n', '2', '--out', join(tmp, 'lang-field', 'full'), '--quiet']);
    expect(lang(join(tmp, 'lang-field', 'full'))).toBe('da');
    const bad = nabolag(['merge', ...da, '--out', join(tmp, 'lang', 'bad'), '--lang', 'xx']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('option --lang');
    expect(existsSync(join(tmp, 'lang', 'bad'))).toBe(false);
    // shards that ask for two languages: merge says so rather than take the first folder's
    const en2 = join(tmp, 'lang', 'en2');
    ok(['run', 'scenarios/default.yaml', ...FAST, '-n', '2', '--lang', 'en', '--shard', '2/2', '--out', en2, '--quiet']);
    const mixed = nabolag(['merge', da[0]!, en2, '--out', join(tmp, 'lang', 'mixed')]);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toContain(`different languages (da in ${da[0]}, en in ${en2}); give merge --lang en or --lang da`);
    expect(existsSync(join(tmp, 'lang', 'mixed'))).toBe(false);
    ok(['merge', da[0]!, en2, '--out', join(tmp, 'lang', 'mixed'), '--lang', 'en', '--quiet']);
  });

  it('refuses to merge into a folder where the merged files would replace the shards (shards under charts/ or summary.json/), keeping them', () => {
    for (const top of ['charts', 'summary.json']) {
      const out = join(tmp, 'run', `inside-${top.replace('.', '-')}`);
      const copies = [1, 2, 3].map((k) => {
        const to = join(out, top, String(k));
        ok(['run', 'scenarios/default.yaml', ...SMALL, '-n', '5', '--shard', `${k}/3`, '--out', to, '--quiet']);
        return to;
      });
      const r = nabolag(['merge', ...copies, '--out', out, '--quiet']);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/lies in .*, which the merge writes, so the merge would replace it; .*nothing was replaced/);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      for (const c of copies) expect(existsSync(join(c, 'shard.json'))).toBe(true);
      expect(readdirSync(out)).toEqual([top]);
    }
  });

  it('merges into a new folder elsewhere too', () => {
    const out = join(tmp, 'run', 'elsewhere');
    ok(['merge', ...run.shards, '--out', out, '--no-report', '--quiet']);
    expect(readFileSync(join(out, 'metrics.csv'), 'latin1')).toBe(readFileSync(join(run.full, 'metrics.csv'), 'latin1'));
  });

  it('refuses missing, duplicate and foreign shards, and a folder without shard.json, with exit 2 and nothing written', () => {
    const out = join(tmp, 'run', 'refused');
    const refused = (args: string[], ...parts: string[]) => {
      const r = nabolag(['merge', ...args, '--out', out]);
      expect(r.code).toBe(2);
      for (const p of parts) expect(r.stderr).toContain(p);
      expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
      expect(existsSync(out)).toBe(false);
    };
    refused([run.shards[0]!, run.shards[1]!], 'shard 3/3 is missing');
    refused([run.shards[0]!], 'shards 2/3, 3/3 are missing');
    refused([run.shards[0]!, run.shards[1]!, join(tmp, 'run', 'never')], 'shard 3/3 is missing', `${join(tmp, 'run', 'never')} does not exist`);
    refused([run.shards[0]!, run.shards[1]!, run.shards[1]!, run.shards[2]!], 'shard 2/3 is given twice', run.shards[1]!);
    refused([run.shards[0]!, run.shards[1]!, run.full], `${run.full} is not a shard folder`, 'shard.json');
    // a shard of another seed
    const other = join(tmp, 'run', 'seed4');
    ok(['run', 'scenarios/default.yaml', ...FAST, '--seed', '4', '-n', '5', '--shard', '3/3', '--out', other, '--quiet']);
    refused([run.shards[0]!, run.shards[1]!, other], 'differ in their base seed', other);
    // a shard of another scenario
    const variant = join(tmp, 'run', 'variant');
    ok(['run', 'scenarios/default.yaml', ...FAST, '-n', '5', '--shard', '3/3', '--out', variant, '--quiet']);
    refused([run.shards[0]!, run.shards[1]!, variant], 'differ in their scenario', variant);
    // shards of another count
    const four = join(tmp, 'run', 'four');
    ok(['run', 'scenarios/default.yaml', ...FAST, '-n', '5', '--shard', '3/4', '--out', four, '--quiet']);
    refused([run.shards[0]!, run.shards[1]!, four], 'differ in their number of shards n');
    // another version
    const old = join(tmp, 'run', 'old');
    mkdirSync(old);
    const m = shardJson(run.shards[2]!);
    for (const f of m.files) writeFileSync(join(old, f), readFileSync(join(run.shards[2]!, f)));
    writeFileSync(join(old, 'shard.json'), JSON.stringify({ ...m, version: '0.0.1' }));
    refused([run.shards[0]!, run.shards[1]!, old], 'differ in their nabolag version', '"0.0.1"');
    // a shard whose k was edited (it would hold replications 1-2 in the place of 3-4)
    const copyOf = (from: string, name: string) => {
      const to = join(tmp, 'run', name);
      cpSync(from, to, { recursive: true });
      return to;
    };
    const moved = copyOf(run.shards[1]!, 'k-edited');
    writeFileSync(join(moved, 'shard.json'), JSON.stringify({ ...shardJson(moved), k: 3 }));
    refused([run.shards[0]!, run.shards[1]!, moved], `${join(moved, 'shard.json')} says it is shard 3/3 but holds replications 1 to 2 of 5`, 'holds 3 to 4');
    // a shard's data file edited (same size) or damaged after the shard wrote it
    const edited = copyOf(run.shards[2]!, 'csv-edited');
    const csv = readFileSync(join(edited, 'metrics.csv'), 'latin1');
    const at = csv.indexOf('\n') + 1;
    writeFileSync(join(edited, 'metrics.csv'), csv.slice(0, at) + (csv[at] === '3' ? '4' : '3') + csv.slice(at + 1), 'latin1');
    refused([run.shards[0]!, run.shards[1]!, edited], `${join(edited, 'metrics.csv')} is not as its shard wrote it`, 'run that shard again');
    const damaged = copyOf(run.shards[2]!, 'bin-damaged');
    const bin = readFileSync(join(damaged, 'digests.bin'));
    bin[Math.floor(bin.length / 2)]! ^= 1;
    writeFileSync(join(damaged, 'digests.bin'), bin);
    refused([run.shards[0]!, run.shards[1]!, damaged], `${join(damaged, 'digests.bin')} is not as its shard wrote it`);
    // a shard.json edited by hand: no tables for a run, or items out of order
    const untabled = copyOf(run.shards[2]!, 'no-tables');
    writeFileSync(join(untabled, 'shard.json'), JSON.stringify({ ...shardJson(untabled), tables: null }));
    refused([run.shards[0]!, run.shards[1]!, untabled], `${join(untabled, 'shard.json')} is not a nabolag shard description`);
    const backwards = copyOf(run.shards[2]!, 'items-backwards');
    const items = shardJson(backwards).items;
    writeFileSync(join(backwards, 'shard.json'), JSON.stringify({ ...shardJson(backwards), items: { ...items, from: items.to, to: items.from } }));
    refused([run.shards[0]!, run.shards[1]!, backwards], 'is not a nabolag shard description');
    // a merge into one of the shards
    const r = nabolag(['merge', ...run.shards, '--out', run.shards[0]!]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is the shard folder');
  });
});

describe('nabolag compare --shard and merge', () => {
  it('3 shards merged give the comparison byte for byte (metrics.csv, moves.csv, effects.csv, summary.json, report)', () => {
    const c = shardsOf('compare', ['compare', 'scenarios/default.yaml', 'scenarios/levers/extension.yaml', ...FAST, '-n', '4']);
    const m = shardJson(c.shards[1]!);
    expect([m.command, m.items.from, m.items.to]).toEqual(['compare', 1, 2]);
    expect(m.tables.blocks.map((b: { label: string }) => b.label)).toEqual(['default', 'extension']);
    ok(['merge', ...c.shards, '--out', c.merged, '--quiet']);
    const a = contents(c.full);
    const b = contents(c.merged);
    expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort());
    expect(Object.keys(a)).toEqual(expect.arrayContaining(['metrics.csv', 'moves.csv', 'effects.csv', 'summary.json', 'report.html']));
    for (const f of Object.keys(a)) expect(b[f], f).toBe(a[f]);
  });
});

describe('nabolag sweep --shard and merge', () => {
  it('3 shards of a grid sweep with --moves merged give points.csv, metrics.csv, moves.csv, effects.csv, summary.json and the charts byte for byte', () => {
    const vary = ['--vary', `${FACTOR}=0.5,1`, '--vary', 'social.tieEffect=0,1'];
    const s = shardsOf('sweep', ['sweep', 'scenarios/levers/extension.yaml', ...FAST, '-n', '2', ...vary, '--moves']);
    expect(s.shards.map((d) => [shardJson(d).items.kind, shardJson(d).items.from, shardJson(d).items.to])).toEqual([
      ['points', 0, 1],
      ['points', 1, 3],
      ['points', 3, 5],
    ]);
    ok(['merge', ...s.shards, '--out', s.merged, '--quiet']);
    const a = contents(s.full);
    const b = contents(s.merged);
    expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort());
    expect(Object.keys(a)).toEqual(expect.arrayContaining(['points.csv', 'metrics.csv', 'moves.csv', 'effects.csv', 'summary.json', 'report.html']));
    for (const f of Object.keys(a)) expect(b[f], f).toBe(a[f]);
  });

  it('refuses shards of sweeps over other values', () => {
    const other = join(tmp, 'sweep', 'other');
    ok([
      'sweep',
      'scenarios/levers/extension.yaml',
      ...FAST,
      '-n',
      '2',
      '--vary',
      `${FACTOR}=0.5,0.9`,
      '--vary',
      'social.tieEffect=0,1',
      '--moves',
      '--shard',
      '3/3',
      '--out',
      other,
      '--quiet',
    ]);
    const shards = [1, 2].map((k) => join(tmp, 'sweep', 'merged', 'shards', String(k)));
    const r = nabolag(['merge', ...shards, other, '--out', join(tmp, 'sweep', 'refused')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('differ in their options');
    expect(r.stderr).toContain(other);
  });
});

describe('nabolag sensitivity --shard and merge', () => {
  const common = [
    '--param',
    `${FACTOR}=0.3:1`,
    '--param',
    'social.tieEffect=0:3',
    '--outcome',
    'gain=resourceStrongShare@2028-resourceStrongShare@2026',
    '--outcome',
    'fam=resourceStrongFamilies@2028',
  ];
  for (const [method, samples] of [
    ['morris', '2'],
    ['sobol', '3'],
  ] as const)
    it(`${method}: 3 shards of the sample points merged give samples.csv, indices.csv, summary.json and the charts byte for byte`, () => {
      const s = shardsOf(`sensitivity-${method}`, [
        'sensitivity',
        'scenarios/levers/extension.yaml',
        ...FAST,
        '-n',
        '2',
        '--method',
        method,
        '--samples',
        samples,
        ...common,
      ]);
      const total = method === 'morris' ? 2 * 3 : 3 * 4;
      expect(s.shards.map((d) => shardJson(d).items)).toEqual([
        { kind: 'samples', from: 0, to: total / 3, total },
        { kind: 'samples', from: total / 3, to: (2 * total) / 3, total },
        { kind: 'samples', from: (2 * total) / 3, to: total, total },
      ]);
      ok(['merge', ...s.shards, '--out', s.merged, '--quiet']);
      // the base scenario's anchoring solution (none: anchor: false), kept by the shards for the merged manifest
      const anchors = (dir: string) =>
        (JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')).anchors as Record<string, unknown>[]).map(
          ({ stored: _s, bundled: _b, ms: _m, ...x }) => x,
        );
      expect(anchors(s.merged)).toEqual(anchors(s.full));
      const a = contents(s.full);
      const b = contents(s.merged);
      expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort());
      expect(Object.keys(a)).toEqual(expect.arrayContaining(['samples.csv', 'indices.csv', 'summary.json']));
      expect(Object.keys(a).some((f) => f.startsWith('charts/'))).toBe(true);
      for (const f of Object.keys(a)) expect(b[f], f).toBe(a[f]);
    });
});

describe('--shard values', () => {
  const run = (shard: string, env: Record<string, string> = {}) =>
    nabolag(['run', 'scenarios/default.yaml', ...FAST, '-n', '3', '--shard', shard, '--out', join(tmp, 'bad', shard.replace('/', '-')), '--quiet'], env);
  for (const [value, message] of [
    ['0/3', 'k is 0, but shards are numbered 1 to 3'],
    ['4/3', 'k is 4, but shards are numbered 1 to 3'],
    ['x/y', 'give k/n'],
    ['2', 'give k/n'],
    ['1/0', 'n is 0'],
    ['auto/3', 'none of SLURM_ARRAY_TASK_ID, JOB_COMPLETION_INDEX, AWS_BATCH_JOB_ARRAY_INDEX is set'],
    ['1/4', 'there are 3 replications to share out, fewer than the 4 shards'],
  ] as const)
    it(`--shard ${value}: exit 2 and a message`, () => {
      const r = run(value);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('--shard');
      expect(r.stderr).toContain(message);
      expect(existsSync(join(tmp, 'bad', value.replace('/', '-')))).toBe(false);
    });

  it('auto/3 with an index that is no whole number, or out of range: exit 2 naming the variable', () => {
    let r = run('auto/3', { SLURM_ARRAY_TASK_ID: 'x1' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('SLURM_ARRAY_TASK_ID is "x1"');
    r = run('auto/3', { JOB_COMPLETION_INDEX: '3' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('JOB_COMPLETION_INDEX is 3, but the 3 shards take indices 0 to 2');
  });

  for (const variable of INDEX_VARIABLES)
    it(`auto/3 takes k = ${variable} + 1`, () => {
      const out = join(tmp, 'auto', variable);
      ok(['run', 'scenarios/default.yaml', ...FAST, '-n', '3', '--shard', 'auto/3', '--out', out, '--quiet'], { [variable]: '1' });
      expect([shardJson(out).k, shardJson(out).n]).toEqual([2, 3]);
    });

  it('auto/3 reads SLURM_ARRAY_TASK_ID first', () => {
    const out = join(tmp, 'auto', 'order');
    ok(['run', 'scenarios/default.yaml', ...FAST, '-n', '3', '--shard', 'auto/3', '--out', out, '--quiet'], {
      SLURM_ARRAY_TASK_ID: '2',
      JOB_COMPLETION_INDEX: '0',
      AWS_BATCH_JOB_ARRAY_INDEX: '1',
    });
    expect(shardJson(out).k).toBe(3);
  });
});
