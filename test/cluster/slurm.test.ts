/**
 * `nabolag submit` on a real Slurm (issue 20): a single-node cluster started by
 * test/cluster/start-slurm.sh before the tests and stopped after them. A run of the default
 * scenario as 4 array tasks and a sweep as 3, each merged by the merge job, give files
 * byte-identical to the same command run locally; a task cancelled makes the merge fail naming
 * the missing shard, and `--resume` reruns only that shard and merges.
 *
 * Needs Debian's slurm-wlm and munge (.ci/run installs them). Under CI (CI=true) the tests fail
 * when Slurm is not installed or does not start; elsewhere, without Slurm installed, they are
 * skipped with the reason printed. `npm run build` first.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CLI = 'bin/nabolag.js';
const SBIN = '/usr/sbin';
const inCI = process.env.CI === 'true' || process.env.CI === '1';
/** Whether the Slurm daemons and commands and munged are installed. */
const installed = ['slurmctld', 'slurmd', 'sbatch', 'squeue', 'scontrol', 'scancel', 'munged'].every(
  (c) => spawnSync('bash', ['-c', `command -v ${c} || test -x ${SBIN}/${c}`], { stdio: 'ignore' }).status === 0,
);
const skip = !installed && !inCI;
if (skip) console.warn('test/cluster/slurm.test.ts skipped: Slurm is not installed (apt-get install slurm-wlm munge); under CI=true it fails instead');

/** Seconds the tests may wait for a merge job (a loaded machine runs the 4 shards slowly). */
const JOB_TIMEOUT_MS = 600_000;

let tmp: string;
let cluster: string;
let env: NodeJS.ProcessEnv;

function nabolag(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env, timeout: JOB_TIMEOUT_MS });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function slurmCommand(cmd: string, args: string[]) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', env });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Every file of a result folder but the manifest (timings, command), the shards, the job scripts and logs, as bytes. */
function contents(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, prefix: string) => {
    for (const f of readdirSync(d, { withFileTypes: true })) {
      if (f.name.startsWith('.') || f.name === 'manifest.json' || (prefix === '' && (f.name === 'shards' || f.name === 'slurm'))) continue;
      if (f.isDirectory()) walk(join(d, f.name), `${prefix}${f.name}/`);
      else out[prefix + f.name] = readFileSync(join(d, f.name), 'latin1');
    }
  };
  walk(dir, '');
  return out;
}

function expectSameResults(merged: string, local: string, files: string[]) {
  const a = contents(local);
  const b = contents(merged);
  expect(Object.keys(a)).toEqual(expect.arrayContaining(files));
  expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort());
  for (const f of Object.keys(a)) expect(b[f] === a[f], `${f} differs`).toBe(true);
}

const submission = (dir: string) =>
  JSON.parse(readFileSync(join(dir, 'slurm', 'submission.json'), 'utf8')) as { jobs: { array: string | null; shards: number[]; merge: string }[] };

/** Wait until Slurm says the job has ended; its state. */
async function ended(id: string): Promise<string> {
  const t0 = Date.now();
  for (;;) {
    const r = slurmCommand('scontrol', ['show', 'job', '-o', id]);
    const state = /JobState=(\S+)/.exec(r.stdout)?.[1];
    if (state && !['PENDING', 'RUNNING', 'CONFIGURING', 'COMPLETING'].includes(state)) return state;
    if (Date.now() - t0 > JOB_TIMEOUT_MS) throw new Error(`job ${id} has not ended after ${JOB_TIMEOUT_MS / 1000} s (${r.stdout || r.stderr})`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

const RUN = ['run', 'scenarios/default.yaml', '-n', '8', '--years', '3'];

describe.skipIf(skip)('nabolag submit --scheduler slurm on a single-node Slurm', () => {
  beforeAll(() => {
    if (!installed) throw new Error('Slurm is not installed (apt-get install slurm-wlm munge; .ci/run does it), and under CI the cluster tests must run');
    if (!existsSync('dist/src/cli/main.js')) throw new Error('the compiled CLI is missing: run `npm run build` before this test');
    tmp = mkdtempSync(join(tmpdir(), 'nabolag-slurm-test-'));
    const r = spawnSync('test/cluster/start-slurm.sh', [join(tmp, 'cluster')], { encoding: 'utf8', timeout: 120_000 });
    if (r.status !== 0) throw new Error(`the test cluster did not start (exit ${r.status}):\n${r.stderr}`);
    cluster = r.stdout.trim();
    env = { ...process.env, SLURM_CONF: join(cluster, 'slurm.conf'), PATH: `${process.env.PATH}:${SBIN}`, NO_COLOR: '1' };
    const info = slurmCommand('sinfo', ['-h', '-o', '%t %c']);
    expect(info.stdout).toMatch(/^idle \d+/);
  }, 180_000);

  afterAll(() => {
    if (cluster) spawnSync('test/cluster/stop-slurm.sh', [cluster], { stdio: 'ignore', timeout: 60_000 });
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it(
    'a run of 8 replications as 4 array tasks, merged by the merge job, is byte-identical to the run on one machine',
    () => {
      const out = join(tmp, 'run');
      const local = join(tmp, 'run-local');
      const r = nabolag(['submit', '--scheduler', 'slurm', '--tasks', '4', '--wait', '--', ...RUN, '--out', out]);
      expect(r.code, r.stderr + r.stdout).toBe(0);
      expect(r.stdout).toMatch(/merged 4 shard\(s\) of run \(8 replications/);
      expect(r.stderr).toMatch(/submitted job array \d+ \(all 4 shards\) and merge job \d+/);
      const l = nabolag([...RUN, '--out', local, '--quiet']);
      expect(l.code, l.stderr).toBe(0);
      expectSameResults(out, local, ['metrics.csv', 'moves.csv', 'summary.json', 'report.html']);
      // every task ran its own shard, with the 2 replications of it
      const [job] = submission(out).jobs;
      for (let i = 0; i < 4; i++)
        expect(readFileSync(join(out, 'slurm', `task-${job!.array}_${i}.out`), 'utf8')).toMatch(
          new RegExp(`shard ${i + 1}/4 — ran replications ${2 * i}-${2 * i + 1} of 8 \\(numbered from 0`),
        );
    },
    JOB_TIMEOUT_MS * 2,
  );

  it(
    'a sweep of 3 points as 3 array tasks is byte-identical to the sweep on one machine',
    () => {
      const sweep = [
        'sweep',
        'scenarios/levers/extension.yaml',
        '--set',
        'estates[0].flats=150',
        '--set',
        'estates[0].anchor=false',
        '--years',
        '3',
        '-n',
        '2',
        '--vary',
        'policies[lever=extension].factor=0.5,1',
      ];
      const out = join(tmp, 'sweep');
      const local = join(tmp, 'sweep-local');
      const r = nabolag(['submit', '--tasks', '3', '--wait', '--', ...sweep, '--out', out]);
      expect(r.code, r.stderr + r.stdout).toBe(0);
      expect(r.stdout).toMatch(/merged 3 shard\(s\) of sweep/);
      const l = nabolag([...sweep, '--out', local, '--quiet']);
      expect(l.code, l.stderr).toBe(0);
      expectSameResults(out, local, ['points.csv', 'metrics.csv', 'effects.csv', 'summary.json', 'report.html']);
    },
    JOB_TIMEOUT_MS * 2,
  );

  it(
    'a cancelled task makes the merge fail naming its shard; --resume reruns only that shard and merges',
    async () => {
      const out = join(tmp, 'cancelled');
      const r = nabolag(['submit', '--tasks', '4', '--', ...RUN, '--out', out]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/if tasks fail: nabolag submit --resume/);
      const first = submission(out).jobs[0]!;
      // the last task: still waiting for a CPU on a small machine, else killed as it starts
      const c = slurmCommand('scancel', [`${first.array}_3`]);
      expect(c.code, c.stderr).toBe(0);
      expect(await ended(first.merge)).toBe('FAILED');
      const log = readFileSync(join(out, 'slurm', `merge-${first.merge}.out`), 'utf8');
      expect(log).toMatch(/shard 4\/4 is missing/);
      expect(existsSync(join(out, 'metrics.csv'))).toBe(false);
      // as a task killed on another node leaves them (SIGKILL: no clean-up): its lock would stop the rerun
      const lock = join(out, 'shards', '.4.nabolag-lock');
      writeFileSync(lock, `${JSON.stringify({ pid: 20228, host: 'node07', started: new Date().toISOString() })}\n`);
      mkdirSync(join(out, 'shards', '.4.partial-20228-abc'));
      writeFileSync(join(out, 'shards', '.4.partial-20228-abc', '.nabolag-output'), 'x');

      const again = nabolag(['submit', '--resume', out, '--wait']);
      expect(again.code, again.stderr + again.stdout).toBe(0);
      expect(again.stderr).toMatch(/shard 4 of 4 is missing/);
      expect(again.stderr).toContain(`removed ${lock}, left by a task of shard 4 that was killed`);
      expect(existsSync(join(out, 'shards', '.4.partial-20228-abc'))).toBe(false);
      expect(again.stdout).toMatch(/merged 4 shard\(s\) of run/);
      const second = submission(out).jobs[1]!;
      expect(second.shards).toEqual([4]);
      expect(readdirSync(join(out, 'slurm')).filter((f) => f.startsWith(`task-${second.array}_`))).toEqual([`task-${second.array}_3.out`]);
      expectSameResults(out, join(tmp, 'run-local'), ['metrics.csv', 'moves.csv', 'summary.json']);
    },
    JOB_TIMEOUT_MS * 2,
  );

  it('--resume refuses while jobs of the submission are still queued', () => {
    const out = join(tmp, 'busy');
    const r = nabolag(['submit', '--tasks', '2', '--', ...RUN, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const job = submission(out).jobs[0]!;
    const again = nabolag(['submit', '--resume', out]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/still queued or running/);
    slurmCommand('scancel', [job.array!, job.merge]);
  });
});
