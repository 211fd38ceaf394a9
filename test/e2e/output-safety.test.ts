/**
 * The compiled CLI never destroys what it did not create, tried as a user would: in a sandbox
 * project (a temporary folder with scenario files, notes and a folder of someone's work) every
 * dangerous output folder is refused with exit code 2, a message naming the path and no stack
 * trace, and every file that existed before is still there with the same content. Interrupted
 * runs (SIGINT, SIGTERM; on this thread and on workers) stop within a second, leave no partial
 * folder and keep the earlier result; two runs into one folder never give an internal error.
 * Cases that need a file system of their own (full, read-only, a mount point) mount a small
 * tmpfs and run only where that is allowed (as root on Linux), and say so when skipped.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareOutputFolder } from '../../src/output/atomic.js';
import { ARRAY_SCRIPT, MERGE_LOG, SHARDS_DIR, SLURM_DIR } from '../../src/output/safety.js';

const CLI = resolve('bin/nabolag.js');
const SCENARIOS = resolve('scenarios');
let box: string;
let project: string;

/** Every file under `dir` (folders and links included) with a hash of its content. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      const rel = relative(dir, p);
      if (e.isSymbolicLink()) out[rel] = 'link';
      else if (e.isDirectory()) {
        out[rel + '/'] = 'dir';
        walk(p);
      } else out[rel] = createHash('sha256').update(readFileSync(p)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

function nabolag(args: string[], cwd = project) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A user mistake: exit 2, one message naming `what`, no stack trace, nothing changed in the sandbox. */
function refused(args: string[], what: RegExp, cwd = project) {
  const before = tree(box);
  const r = nabolag(args, cwd);
  expect(r.code, r.stderr + r.stdout).toBe(2);
  expect(r.stderr).toMatch(what);
  expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
  expect(tree(box)).toEqual(before);
  return r;
}

const QUICK = ['-n', '1', '-y', '1', '--no-report', '-q'];

beforeAll(() => {
  if (!existsSync('dist/src/cli/main.js')) throw new Error('the compiled CLI is missing: run `npm run build` before this test');
  box = mkdtempSync(join(tmpdir(), 'nabolag-e2e-safety-'));
  project = join(box, 'project');
  mkdirSync(join(project, 'scenarios', 'presets'), { recursive: true });
  copyFileSync(join(SCENARIOS, 'default.yaml'), join(project, 'scenarios', 'default.yaml'));
  copyFileSync(join(SCENARIOS, 'presets', 'average.yaml'), join(project, 'scenarios', 'presets', 'average.yaml'));
  writeFileSync(join(project, 'notes.txt'), 'the planner’s notes\n');
  mkdirSync(join(project, 'thesis'));
  writeFileSync(join(project, 'thesis', 'chapter1.tex'), 'years of work\n');
  writeFileSync(join(box, 'beside.txt'), 'a file beside the project\n');
});
afterAll(() => rmSync(box, { recursive: true, force: true }));

describe('output folders that are not nabolag’s are refused before anything runs', () => {
  const sc = 'scenarios/default.yaml';
  it.each([
    ['the current folder', '.', /is the current folder/],
    ['the parent folder', '..', /contains the current folder/],
    ['the project itself by its absolute path', '<project>', /is the current folder/],
    ['the folder holding the scenario', 'scenarios', /holds the scenario file/],
    ['a file', 'notes.txt', /is a file, not a folder/],
    ['a folder of the user’s work', 'thesis', /did not write/],
    ['a path through a file', 'notes.txt/out', /not a folder/],
  ])('%s', (_what, out, why) => {
    refused(['run', sc, ...QUICK, '--out', out.replace('<project>', project)], why);
  });

  it('an empty --out, before the simulation', () => {
    refused(['run', sc, '-n', '500', '--no-report', '-q', '--out='], /output folder "" is empty/);
  });

  it('a symbolic link', () => {
    mkdirSync(join(box, 'elsewhere'), { recursive: true });
    symlinkSync(join(box, 'elsewhere'), join(project, 'link-out'));
    refused(['run', sc, ...QUICK, '--out', 'link-out'], /symbolic link/);
    rmSync(join(project, 'link-out'));
  });

  it('compare refuses the same way', () => {
    refused(['compare', sc, sc, ...QUICK, '--out', 'thesis'], /did not write/);
  });

  it('a scenario named ".." or a file named "...yaml" cannot reach outside output/', () => {
    writeFileSync(join(project, 'dots.yaml'), 'extends: scenarios/default.yaml\nname: ".."\n');
    try {
      refused(['run', 'dots.yaml', ...QUICK], /name/);
    } finally {
      rmSync(join(project, 'dots.yaml'));
      rmSync(join(project, 'output'), { recursive: true, force: true });
    }
    writeFileSync(join(project, '...yaml'), 'extends: scenarios/default.yaml\n');
    const before = tree(box);
    const r = nabolag(['run', '...yaml', ...QUICK]);
    expect(r.code, r.stderr).toBe(0);
    const after = tree(box);
    for (const [f, h] of Object.entries(before)) expect(after[f], f).toBe(h);
    expect(
      Object.keys(after)
        .filter((f) => !(f in before))
        .every((f) => f.startsWith('project/output/')),
    ).toBe(true);
    rmSync(join(project, '...yaml'));
    rmSync(join(project, 'output'), { recursive: true });
  });
});

// a virtual file system where no file can be made (Linux): the lock beside the folder fails first
describe.runIf(existsSync('/proc/self'))('a folder where nothing can be made', () => {
  it('--out under /proc: exit 2 naming it, no internal error', () => {
    refused(
      ['run', 'scenarios/default.yaml', ...QUICK, '--out', '/proc/nabolag-out'],
      /cannot write to \/proc, where the output folder \/proc\/nabolag-out would be/,
    );
  });
});

describe('nabolag’s own results', () => {
  it('replaces its own result and writes the marker; files of the same base name no longer collide', () => {
    mkdirSync(join(project, 'scenarios', 'levers'));
    mkdirSync(join(project, 'scenarios', 'packages'));
    for (const f of ['levers/extension.yaml', 'packages/extension.yaml']) copyFileSync(join(SCENARIOS, f), join(project, 'scenarios', f));
    // the files extend presets/average.yaml and packages name their parts; copy what they name
    for (const f of readdirSync(join(SCENARIOS, 'presets'))) copyFileSync(join(SCENARIOS, 'presets', f), join(project, 'scenarios', 'presets', f));
    for (const f of ['scenarios/levers/extension.yaml', 'scenarios/packages/extension.yaml']) expect(nabolag(['run', f, ...QUICK]).code).toBe(0);
    expect(readdirSync(join(project, 'output')).sort()).toEqual(['levers-extension', 'packages-extension']);
    expect(nabolag(['run', 'scenarios/default.yaml', ...QUICK]).code).toBe(0);
    const first = readFileSync(join(project, 'output', 'default', 'metrics.csv'));
    expect(existsSync(join(project, 'output', 'default', '.nabolag-output'))).toBe(true);
    expect(nabolag(['run', 'scenarios/default.yaml', ...QUICK, '--seed', '9']).code).toBe(0);
    expect(readFileSync(join(project, 'output', 'default', 'metrics.csv')).equals(first)).toBe(false);
    expect(readdirSync(join(project, 'output')).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('does not replace its own result when a user has put files of their own in it, and says which', () => {
    const out = join(project, 'output', 'annotated');
    expect(nabolag(['run', 'scenarios/default.yaml', ...QUICK, '--out', out]).code).toBe(0);
    writeFileSync(join(out, 'my-notes.txt'), 'what the planner saw\n');
    mkdirSync(join(out, 'mine'));
    writeFileSync(join(out, 'mine', 'edited.csv'), 'a,b\n');
    const r = refused(['run', 'scenarios/default.yaml', ...QUICK, '--seed', '9', '--out', out], /did not write \(mine\/edited\.csv, my-notes\.txt\)/);
    expect(r.stderr).toContain(out);
    expect(r.stderr).toMatch(/nothing was written/);
    // once the user's files are moved away, the run replaces the result as before
    rmSync(join(out, 'my-notes.txt'));
    rmSync(join(out, 'mine'), { recursive: true });
    expect(nabolag(['run', 'scenarios/default.yaml', ...QUICK, '--seed', '9', '--out', out]).code).toBe(0);
  });

  it('does not replace its own result when one of its files was edited in place, and says which', () => {
    const out = join(project, 'output', 'edited');
    expect(nabolag(['run', 'scenarios/default.yaml', ...QUICK, '--out', out]).code).toBe(0);
    writeFileSync(join(out, 'summary.json'), `${readFileSync(join(out, 'summary.json'), 'utf8')}\n`);
    refused(['run', 'scenarios/default.yaml', ...QUICK, '--out', out], /changed since it wrote it \(summary\.json \(changed since nabolag wrote it\)\)/);
    // a copy saved elsewhere and the edited file moved away: replaced as before
    rmSync(join(out, 'summary.json'));
    expect(nabolag(['run', 'scenarios/default.yaml', ...QUICK, '--out', out]).code).toBe(0);
  });

  it("replaces a cluster run's folder (scripts, logs, shards, merged result) but not one a user has put a file in", () => {
    const out = join(project, 'output', 'cluster');
    prepareOutputFolder(out);
    mkdirSync(join(out, SLURM_DIR));
    writeFileSync(join(out, SLURM_DIR, ARRAY_SCRIPT), '#!/bin/bash\n');
    writeFileSync(join(out, SLURM_DIR, MERGE_LOG.replace('%j', '12')), 'merged\n');
    const shards = ['1/2', '2/2'].map((k) => {
      const dir = join(out, SHARDS_DIR, k[0]!);
      expect(nabolag(['run', 'scenarios/default.yaml', ...QUICK, '-n', '2', '--shard', k, '--out', dir]).code).toBe(0);
      return dir;
    });
    expect(nabolag(['merge', ...shards, '--out', out, '-q']).code).toBe(0);
    writeFileSync(join(out, SLURM_DIR, 'why-task-2-was-slow.txt'), 'a note\n');
    refused(['run', 'scenarios/default.yaml', ...QUICK, '--out', out], /did not write \(slurm\/why-task-2-was-slow\.txt\)/);
    rmSync(join(out, SLURM_DIR, 'why-task-2-was-slow.txt'));
    expect(nabolag(['run', 'scenarios/default.yaml', ...QUICK, '--out', out]).code).toBe(0);
    expect(existsSync(join(out, SHARDS_DIR))).toBe(false);
  });

  it('removes the partial folders that killed runs left behind', () => {
    const stale = join(project, 'output', '.default.partial-999999-zz');
    mkdirSync(stale, { recursive: true });
    writeFileSync(join(stale, '.nabolag-output'), 'x');
    writeFileSync(join(stale, '.nabolag-owner'), JSON.stringify({ pid: 4_194_304 + 999, host: hostname() }));
    expect(nabolag(['run', 'scenarios/default.yaml', ...QUICK]).code).toBe(0);
    expect(existsSync(stale)).toBe(false);
  });
});

/** Start a long run; resolves once its partial folder exists (the simulation has begun). */
async function startLong(out: string, extra: string[]): Promise<ChildProcess> {
  const child = spawn(process.execPath, [CLI, 'run', 'scenarios/default.yaml', '-n', '2000', '--no-report', '-q', '--out', out, ...extra], {
    cwd: project,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const parent = resolve(project, out, '..');
  const t0 = Date.now();
  while (Date.now() - t0 < 20_000) {
    if (existsSync(parent) && readdirSync(parent).some((f) => f.includes('.partial-'))) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  await new Promise((r) => setTimeout(r, 500));
  return child;
}

function exited(child: ChildProcess): Promise<{ code: number | null; stderr: string; ms: number; t0: number }> {
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const t0 = Date.now();
  return new Promise((r) => child.on('exit', (code) => r({ code, stderr, ms: Date.now() - t0, t0 })));
}

describe('interruption', () => {
  it.each([
    ['SIGINT on this thread', 'SIGINT', ['--workers', '1'], 130],
    ['SIGINT with two workers', 'SIGINT', ['--workers', '2'], 130],
    ['SIGTERM on this thread', 'SIGTERM', ['--workers', '1'], 143],
  ] as const)('%s: stops within a second, leaves no partial folder, keeps the earlier result', async (_what, signal, extra, code) => {
    const out = `output/interrupted-${signal}-${extra[1]}`;
    expect(nabolag(['run', 'scenarios/default.yaml', ...QUICK, '--out', out]).code).toBe(0);
    const earlier = tree(join(project, out));
    const child = await startLong(out, [...extra]);
    const done = exited(child);
    child.kill(signal);
    const r = await done;
    expect(r.code, r.stderr).toBe(code);
    expect(r.ms).toBeLessThan(1000);
    // its own line, with no blank line before it where there was no progress bar to end (stderr is not a terminal here)
    expect(r.stderr).toMatch(/^nabolag: stopped \(SIG(INT|TERM)\); nothing was written and the earlier result in .* is unchanged\n$/m);
    expect(r.stderr).not.toMatch(/(^|\n)\nnabolag: stopped/);
    expect(tree(join(project, out))).toEqual(earlier);
    expect(readdirSync(join(project, 'output')).filter((f) => f.startsWith('.'))).toEqual([]);
  });
});

describe('two runs into one folder', () => {
  it('the second is refused with exit 2 while the first runs, and the first completes', async () => {
    const out = 'output/busy';
    const first = spawn(process.execPath, [CLI, 'run', 'scenarios/default.yaml', '-n', '60', '--no-report', '-q', '--out', out, '--workers', '1'], {
      cwd: project,
    });
    const firstDone = exited(first);
    const t0 = Date.now();
    while (!existsSync(join(project, 'output', '.busy.nabolag-lock')) && Date.now() - t0 < 20_000) await new Promise((r) => setTimeout(r, 20));
    const second = nabolag(['run', 'scenarios/default.yaml', ...QUICK, '--out', out]);
    expect(second.code, second.stderr).toBe(2);
    expect(second.stderr).toMatch(/in use by process \d+/);
    expect((await firstDone).code).toBe(0);
    expect(readFileSync(join(project, out, 'manifest.json'), 'utf8')).toMatch(/"replications": 60/);
  });

  it('with --wait the second waits and then replaces the first', async () => {
    const out = 'output/waited';
    const first = spawn(process.execPath, [CLI, 'run', 'scenarios/default.yaml', '-n', '40', '--no-report', '-q', '--out', out, '--workers', '1'], {
      cwd: project,
    });
    const firstDone = exited(first);
    const t0 = Date.now();
    while (!existsSync(join(project, 'output', '.waited.nabolag-lock')) && Date.now() - t0 < 20_000) await new Promise((r) => setTimeout(r, 20));
    const second = spawnSync(process.execPath, [CLI, 'run', 'scenarios/default.yaml', ...QUICK, '--out', out, '--wait'], { cwd: project, encoding: 'utf8' });
    expect(second.status, second.stderr).toBe(0);
    expect((await firstDone).code).toBe(0);
    expect(readFileSync(join(project, out, 'manifest.json'), 'utf8')).toMatch(/"replications": 1,/);
  });
});

/** Whether this process may mount a small tmpfs (root on Linux); the cases below need it. */
function canMount(): boolean {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
  const probe = mkdtempSync(join(tmpdir(), 'nabolag-mount-probe-'));
  const ok = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe]).status === 0;
  if (ok) spawnSync('umount', [probe]);
  rmSync(probe, { recursive: true, force: true });
  return ok;
}
const mounting = canMount();
if (!mounting) console.warn('output-safety: full, read-only and mount-point cases skipped (mounting a tmpfs needs root on Linux)');

describe.runIf(mounting)('file systems of their own', () => {
  const mnt = () => {
    const d = mkdtempSync(join(box, 'mnt-'));
    return d;
  };
  it('a full disk: exit 2 naming the cause, no partial folder, the earlier result kept', () => {
    const d = mnt();
    expect(spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', d]).status).toBe(0);
    try {
      expect(nabolag(['run', 'scenarios/default.yaml', ...QUICK, '--out', join(d, 'res')]).code).toBe(0);
      const earlier = tree(join(d, 'res'));
      const r = nabolag(['run', 'scenarios/default.yaml', '-n', '20', '-y', '15', '--no-report', '-q', '--out', join(d, 'res')]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/no space left/);
      expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
      expect(tree(join(d, 'res'))).toEqual(earlier);
      expect(readdirSync(d)).toEqual(['res']);
    } finally {
      spawnSync('umount', [d]);
    }
  });

  it('a read-only file system: exit 2 naming it', () => {
    const d = mnt();
    expect(spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k,ro', 'tmpfs', d]).status).toBe(0);
    try {
      const r = nabolag(['run', 'scenarios/default.yaml', ...QUICK, '--out', join(d, 'res')]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/read-only/);
      expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    } finally {
      spawnSync('umount', [d]);
    }
  });

  it('a mount point is refused', () => {
    const d = mnt();
    expect(spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', d]).status).toBe(0);
    try {
      refused(['run', 'scenarios/default.yaml', ...QUICK, '--out', d], /mount point/);
      expect(statSync(d).isDirectory()).toBe(true);
    } finally {
      spawnSync('umount', [d]);
    }
  });
});

describe('default output folders of different scenario files', () => {
  it('are not shared: a result of levers/extension.yaml is not replaced by one of levers-extension.yaml', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nabolag-default-'));
    mkdirSync(join(dir, 'levers'));
    const body = (name: string) => `extends: ${JSON.stringify(join(process.cwd(), 'scenarios/default.yaml'))}\nname: ${name}\nyears: 1\nreplications: 1\n`;
    writeFileSync(join(dir, 'levers', 'extension.yaml'), body('ext-a'));
    writeFileSync(join(dir, 'levers-extension.yaml'), body('ext-b'));
    const cli = (file: string) =>
      spawnSync(process.execPath, [join(process.cwd(), 'bin/nabolag.js'), 'run', file, '--quiet', '--no-report'], {
        cwd: dir,
        encoding: 'utf8',
        timeout: 120_000,
      });
    expect(cli('levers/extension.yaml').status).toBe(0);
    const r = cli('levers-extension.yaml');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('holds the result of levers/extension.yaml, other scenario files whose names lead to the same folder; give --out');
    expect(readFileSync(join(dir, 'output', 'levers-extension', 'manifest.json'), 'utf8')).toContain('"name": "ext-a"');
    // the same file again replaces its own result
    expect(cli('./levers/extension.yaml').status).toBe(0);
  });
});
