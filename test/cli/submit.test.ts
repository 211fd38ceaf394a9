/**
 * `nabolag submit` without a cluster: its pieces (the time limit, the array's index list, the
 * command without --out, the job scripts) and every check that stops it with exit 2 before
 * anything is submitted or written: sbatch missing, a bad or missing option, a command that
 * cannot be submitted, an output folder nabolag must not touch or cannot create. The jobs
 * themselves run on a real Slurm in test/cluster/slurm.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arraySpec, checkTime, missingShards, readInner, shellQuote, slurmScripts, withoutOut } from '../../src/cli/submit.js';

const CLI = 'bin/nabolag.js';
let tmp: string;
let noSlurm: string;

beforeAll(() => {
  if (!existsSync('dist/src/cli/main.js')) throw new Error('the compiled CLI is missing: run `npm run build` before this test');
  tmp = mkdtempSync(join(tmpdir(), 'nabolag-submit-'));
  noSlurm = join(tmp, 'empty-path');
  mkdirSync(noSlurm);
});
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** The CLI with a PATH that has no sbatch (unless `path` is given). */
function nabolag(args: string[], path = noSlurm) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, PATH: path, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the pieces', () => {
  it('reads the time limits Slurm reads and refuses others', () => {
    for (const t of ['30', '30:00', '02:00:00', '1-00', '1-12:30', '2-00:00:00', '100:00:00']) expect(checkTime(t)).toBe(t);
    for (const t of ['', '0', '00:00:00', '1:60', '25:61:00', '1-24', 'x', '1h', '-1', '1-2-3', '1:2:3:4'])
      expect(() => checkTime(t), t).toThrow(/option --time is .*HH:MM:SS/);
  });

  it('folds the shards into a Slurm --array list of 0-based indices', () => {
    expect(arraySpec([1, 2, 3, 4])).toBe('0-3');
    expect(arraySpec([3])).toBe('2');
    expect(arraySpec([5, 1, 2, 7, 8, 9])).toBe('0-1,4,6-8');
  });

  it('takes --out out of the command in each form yargs reads', () => {
    expect(withoutOut(['run', 'a.yaml', '--out', 'x', '-n', '4'])).toEqual(['run', 'a.yaml', '-n', '4']);
    expect(withoutOut(['run', 'a.yaml', '-o', 'x'])).toEqual(['run', 'a.yaml']);
    expect(withoutOut(['run', '--out=x', 'a.yaml', '-o=y'])).toEqual(['run', 'a.yaml']);
  });

  it('quotes words for bash only when needed', () => {
    expect(shellQuote('scenarios/default.yaml')).toBe('scenarios/default.yaml');
    expect(shellQuote('policies[lever=extension].factor=0.5')).toBe("'policies[lever=extension].factor=0.5'");
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    const echoed = spawnSync('bash', ['-c', `printf %s ${shellQuote("a b'c$HOME")}`], { encoding: 'utf8' });
    expect(echoed.stdout).toBe("a b'c$HOME");
  });

  it('reads the command to submit: its output folder, scenario files and whether it sets --workers', () => {
    const i = readInner(['compare', 'scenarios/default.yaml', 'scenarios/levers/extension.yaml', '-n', '4', '--out', 'r/x', '-w', '2']);
    expect(i).toEqual({
      name: 'compare',
      args: ['compare', 'scenarios/default.yaml', 'scenarios/levers/extension.yaml', '-n', '4', '-w', '2'],
      out: 'r/x',
      workers: true,
      scenarioFiles: ['scenarios/default.yaml', 'scenarios/levers/extension.yaml'],
      report: true,
    });
    expect(readInner(['run', 'a.yaml', '--no-report', '--out', 'x']).report).toBe(false);
  });

  it('writes an array script that runs this Node and CLI on shard SLURM_ARRAY_TASK_ID + 1, and a merge script', () => {
    const inner = readInner(['run', 'scenarios/default.yaml', '--set', 'policies[lever=extension].factor=0.5', '--out', 'r']);
    const s = slurmScripts(inner, { tasks: 4, cpusPerTask: 2, time: '01:00:00', partition: 'short' }, '/data/r', '/home/me/work', {
      node: '/opt/node/bin/node',
      cli: '/home/me/nabolag/bin/nabolag.js',
    });
    expect(s.array).toContain('#SBATCH --array=0-3\n');
    expect(s.array).toContain('#SBATCH --chdir="/home/me/work"\n');
    expect(s.array).toContain('#SBATCH --time=01:00:00\n#SBATCH --cpus-per-task=2\n');
    expect(s.array).toContain('#SBATCH --partition=short\n');
    expect(s.array).toContain('#SBATCH --output="/data/r/slurm/task-%A_%a.out"\n');
    expect(s.array).toContain('k=$((SLURM_ARRAY_TASK_ID + 1))\n');
    expect(s.array).toContain(
      `exec /opt/node/bin/node /home/me/nabolag/bin/nabolag.js run scenarios/default.yaml --set 'policies[lever=extension].factor=0.5' --out /data/r/shards/"$k" --shard auto/4 --workers 2\n`,
    );
    expect(s.merge).toContain('for k in $(seq 1 4); do shards+=(/data/r/shards/"$k"); done\n');
    expect(s.merge).toContain(`exec /opt/node/bin/node /home/me/nabolag/bin/nabolag.js merge "$\{shards[@]}" --out /data/r\n`);
    const quiet = slurmScripts(readInner(['run', 'a.yaml', '--no-report', '--out', 'r']), { tasks: 2, cpusPerTask: 1 }, '/d', '/w', {
      node: 'node',
      cli: 'cli',
    });
    expect(quiet.merge).toContain('--out /d --no-report\n');
    expect(s.merge).not.toContain('--array');
  });

  it('counts a shard as done only when its shard.json says it is shard k of n', () => {
    const dir = join(tmp, 'shards-done');
    for (const [k, n] of [
      [1, 3],
      [2, 4],
    ] as const) {
      mkdirSync(join(dir, 'shards', String(k)), { recursive: true });
      writeFileSync(join(dir, 'shards', String(k), 'shard.json'), JSON.stringify({ tool: 'nabolag', k, n }));
    }
    mkdirSync(join(dir, 'shards', '3'));
    writeFileSync(join(dir, 'shards', '3', 'shard.json'), '{"tool":"nab');
    expect(missingShards(dir, 3)).toEqual([2, 3]);
  });
});

describe('exit 2 before anything is submitted', () => {
  const run = ['--', 'run', 'scenarios/default.yaml', '-n', '4'];

  it('without sbatch on the PATH, naming it and --dry-run', () => {
    const out = join(tmp, 'no-sbatch');
    const r = nabolag(['submit', '--tasks', '2', ...run, '--out', out]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/^nabolag: sbatch is not on the PATH.*--dry-run/);
    expect(existsSync(out)).toBe(false);
  });

  it.each([
    [['--tasks', '0'], /option --tasks is 0, but must be a whole number from 1 to 10000/],
    [['--tasks', 'four'], /option --tasks is "four"/],
    [[], /option --tasks is missing/],
    [['--tasks', '2', '--time', '1:99'], /option --time is "1:99"/],
    [['--tasks', '2', '--cpus-per-task', '0'], /option --cpus-per-task is 0/],
    [['--tasks', '2', '--partition', 'a b'], /option --partition is "a b"/],
    [['--tasks', '2', '--scheduler', 'kubernetes'], /option --scheduler is "kubernetes", but must be slurm/],
  ])('bad options %j', (opts, message) => {
    const out = join(tmp, 'bad-option');
    const r = nabolag(['submit', ...opts, ...run, '--out', out]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
  });

  it.each([
    [['validate', 'scenarios/default.yaml'], /cannot submit "validate"/],
    [['run', 'scenarios/default.yaml'], /has no --out/],
    [['run', 'scenarios/none.yaml', '--out', 'x'], /names scenarios\/none\.yaml, which does not exist/],
    [['run', 'scenarios/default.yaml', '--frobnicate', '--out', 'x'], /the command to submit .*frobnicate/],
    [[], /give the command to submit after --/],
    [['run', 'scenarios/default.yaml', '-n', '1', '--out', 'x'], /option --tasks is 2, but the run has 1 replication\(s\) to share out; give at most 1 tasks/],
    [['run', 'scenarios/default.yaml', '--set', 'estates[0].flats=-5', '--out', 'x'], /estates\[0\]\.flats" is -5/],
  ])('a command that cannot be submitted %j', (command, message) => {
    const r = nabolag(['submit', '--tasks', '2', '--', ...command]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it.each([
    [
      ['--tasks', '4', '--', 'sweep', 'scenarios/levers/extension.yaml', '--vary', 'policies[lever=extension].factor=0.5,1', '-n', '1', '--out', 'x'],
      /option --tasks is 4, but the sweep has 3 points to share out; give at most 3 tasks/,
    ],
    [
      [
        '--tasks',
        '5',
        '--',
        'sensitivity',
        'scenarios/levers/extension.yaml',
        '--method',
        'morris',
        '--samples',
        '2',
        '--param',
        'policies[lever=extension].factor=0.3:1',
        '--outcome',
        'x=moveIns@2028',
        '-n',
        '1',
        '--out',
        'x',
      ],
      /option --tasks is 5, but the sensitivity analysis has 4 points to share out; give at most 4 tasks/,
    ],
  ])('a study with fewer points than tasks is refused before anything is submitted %#', (args, message) => {
    const r = nabolag(['submit', ...args]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('an output folder nabolag did not write, the current folder, or one it cannot create', () => {
    const foreign = join(tmp, 'foreign');
    mkdirSync(foreign);
    writeFileSync(join(foreign, 'thesis.tex'), 'mine');
    const a = nabolag(['submit', '--tasks', '2', ...run, '--out', foreign]);
    expect(a.code, a.stderr).toBe(2);
    expect(a.stderr).toMatch(/already holds files that nabolag did not write/);
    expect(readFileSync(join(foreign, 'thesis.tex'), 'utf8')).toBe('mine');

    const b = nabolag(['submit', '--tasks', '2', ...run, '--out', '.']);
    expect(b.code, b.stderr).toBe(2);
    expect(b.stderr).toMatch(/is the current folder/);

    // sbatch must be found for the folder to be created: a fake one that must never run; /sys
    // refuses new folders even to root (EPERM)
    const fake = join(tmp, 'fake-bin');
    mkdirSync(fake);
    writeFileSync(join(fake, 'sbatch'), '#!/bin/sh\necho called >&2\nexit 99\n', { mode: 0o755 });
    const inFile = join(tmp, 'a-file');
    writeFileSync(inFile, 'x');
    const c = nabolag(['submit', '--tasks', '2', ...run, '--out', join(inFile, 'out')], fake);
    expect(c.code, c.stderr).toBe(2);
    expect(c.stderr).toMatch(/is inside something that is not a folder/);
    const d = nabolag(['submit', '--tasks', '2', ...run, '--out', '/sys/nabolag-cannot-be-here/out'], fake);
    expect(d.code, d.stderr).toBe(2);
    expect(d.stderr).toMatch(/cannot (write|create)/);
    expect(c.stderr + d.stderr).not.toMatch(/called/);
  });

  it('--dry-run prints both scripts and the sbatch commands, and writes nothing', () => {
    const out = join(tmp, 'dry');
    const r = nabolag(['submit', '--tasks', '3', '--dry-run', ...run, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`# ${out}/slurm/array.sbatch\n#!/bin/bash\n`);
    expect(r.stdout).toContain(`# ${out}/slurm/merge.sbatch\n#!/bin/bash\n`);
    expect(r.stdout).toContain('--shard auto/3');
    expect(r.stdout).toContain(`sbatch --parsable --dependency=afterany:<array job> ${out}/slurm/merge.sbatch`);
    expect(existsSync(out)).toBe(false);
  });

  it('--resume of a folder without a submission', () => {
    const r = nabolag(['submit', '--resume', tmp]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/holds no submission/);
  });

  it('--resume of a damaged submission: exit 2 naming the file, no internal error and no endless loop', () => {
    const dir = join(tmp, 'damaged');
    mkdirSync(join(dir, 'slurm'), { recursive: true });
    writeFileSync(join(dir, '.nabolag-output'), 'x');
    const good = {
      tool: 'nabolag',
      scheduler: 'slurm',
      command: ['run', 'scenarios/default.yaml'],
      out: dir,
      cwd: process.cwd(),
      options: { tasks: 3 },
      jobs: [],
    };
    for (const bad of [{ ...good, command: undefined }, { ...good, options: { tasks: 1e9 } }, { ...good, options: { tasks: 2.5 } }, null]) {
      writeFileSync(join(dir, 'slurm', 'submission.json'), JSON.stringify(bad));
      const r = nabolag(['submit', '--resume', dir, '--dry-run']);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/is not a submission nabolag wrote/);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('the help shows an example', () => {
    const r = nabolag(['submit', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Examples:\n\s+nabolag submit --scheduler slurm --tasks 8/);
  });
});
