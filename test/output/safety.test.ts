/**
 * The classification of output folders (src/output/safety.ts) and the safe, atomic writing of
 * one (src/output/atomic.ts), on folders made in a temporary sandbox. The root and the home
 * folder are only classified (a read-only look), never written.
 */
import { realpathSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ARRAY_SCRIPT,
  CHANGED_SUFFIX,
  MARKER,
  MERGE_LOG,
  MERGE_SCRIPT,
  type OutputContext,
  SHARDS_DIR,
  SLURM_DIR,
  SUBMISSION_FILE,
  TASK_LOG,
  classifyOutput,
  defaultOutputName,
  isNabolagFolder,
  unlistedEntries,
  unremovable,
} from '../../src/output/safety.js';
import { environmentError, removeAbandoned, removeStalePartials, writeAtomically } from '../../src/output/atomic.js';
import { UserError } from '../../src/scenario/messages.js';

const box = mkdtempSync(join(tmpdir(), 'nabolag-safety-'));
afterAll(() => rmSync(box, { recursive: true, force: true }));

/** A fresh folder in the sandbox, with files. */
function folder(name: string, files: Record<string, string> = {}): string {
  const d = join(box, name);
  mkdirSync(d, { recursive: true });
  for (const [f, text] of Object.entries(files)) {
    mkdirSync(join(d, f, '..'), { recursive: true });
    writeFileSync(join(d, f), text);
  }
  return d;
}

const ctx = (cwd: string, scenarioFiles: string[] = []): OutputContext => ({ cwd, home: join(box, 'home'), scenarioFiles });

describe('classifyOutput', () => {
  const project = folder('project', { 'default.yaml': 'name: x\n', 'notes.txt': 'mine\n', 'sub/other.yaml': 'a: 1\n' });
  const c = ctx(project, ['default.yaml']);
  const refused = (out: string, cc = c) => {
    const v = classifyOutput(out, cc);
    expect(v.ok, `${out} should be refused`).toBe(false);
    return v.ok ? '' : v.why;
  };

  it('accepts a new folder, an empty folder and a folder nabolag wrote', () => {
    expect(classifyOutput('output/new', c)).toEqual({ ok: true, path: join(project, 'output/new'), exists: false });
    folder('project/empty');
    expect(classifyOutput('empty', c)).toMatchObject({ ok: true, exists: true });
    folder('project/ours', { [MARKER]: 'x', 'metrics.csv': '1' });
    expect(classifyOutput('ours', c)).toMatchObject({ ok: true, exists: true });
  });

  it('refuses the root, the home folder, the current folder and its ancestors', () => {
    expect(refused('/')).toMatch(/root of the file system/);
    folder('home');
    expect(refused(join(box, 'home'))).toMatch(/home folder/);
    expect(refused('.')).toMatch(/is the current folder/);
    expect(refused('..')).toMatch(/contains the current folder/);
    expect(refused(project + '/')).toMatch(/is the current folder/);
  });

  it('refuses a folder holding a scenario file of the run, even when it has the marker', () => {
    folder('project/sc', { 'my.yaml': 'a: 1\n', [MARKER]: 'x' });
    expect(refused('sc', ctx(project, ['sc/my.yaml']))).toMatch(
      /holds the scenario file sc\/my.yaml; give a folder of its own for the results, e.g. --out output\/my$/,
    );
    expect(refused(project, ctx(join(box, 'home'), [join(project, 'default.yaml')]))).toMatch(/holds the scenario file/);
  });

  it('refuses a file, a non-empty folder without the marker, a symbolic link and an empty path', () => {
    expect(refused('notes.txt')).toMatch(/is a file, not a folder/);
    expect(refused('sub')).toMatch(/did not write/);
    expect(refused('notes.txt/inside')).toMatch(/not a folder/);
    symlinkSync(join(project, 'ours'), join(project, 'link'));
    expect(refused('link')).toMatch(/symbolic link/);
    // the message names the link given, and says where it points
    const v = classifyOutput('link', c);
    expect(v.ok ? '' : `${v.path} ${v.why}`).toBe(
      `${join(project, 'link')} is a symbolic link (to ${realpathSync(join(project, 'ours'))}); give the folder itself`,
    );
    expect(refused('')).toMatch(/empty/);
    expect(refused('  ')).toMatch(/empty/);
    // a newline or a tab in the name (a paste gone wrong), named with it visible
    const nl = classifyOutput('results/run\n2', c);
    expect(nl.ok ? '' : `${nl.path} ${nl.why}`).toMatch(/^"results\/run\\n2" has a control character/);
    expect(refused('a\tb')).toMatch(/control character/);
  });

  it('when the folder is to be replaced whole, refuses one of its own that holds files its manifest does not list', () => {
    const manifest = JSON.stringify({ tool: 'nabolag', files: ['metrics.csv', 'charts/a.png', 'manifest.json'] });
    folder('project/annotated', {
      [MARKER]: 'x',
      'manifest.json': manifest,
      'metrics.csv': '1',
      'charts/a.png': 'png',
      'charts/mine.png': 'edited',
      'z-notes.txt': 'mine',
    });
    const why = refused('annotated', { ...c, replace: true });
    expect(why).toContain('did not write (charts/mine.png, z-notes.txt)');
    expect(unlistedEntries(join(project, 'annotated'))).toEqual(['charts/mine.png', 'z-notes.txt']);
    // a merge writes beside what is there, and keeps it: not refused
    expect(classifyOutput('annotated', c)).toMatchObject({ ok: true, exists: true });
    // only the listed files: replaced as before
    folder('project/clean', { [MARKER]: 'x', 'manifest.json': manifest, 'metrics.csv': '1', 'charts/a.png': 'png' });
    expect(classifyOutput('clean', { ...c, replace: true })).toMatchObject({ ok: true, exists: true });
    // a marked folder without a manifest lists nothing: a file in it is not known to be nabolag's
    expect(unlistedEntries(join(project, 'ours'))).toEqual(['metrics.csv']);
  });

  it('refuses a folder name too long for the partial folder beside it', () => {
    expect(refused('a'.repeat(240))).toContain('has a name of 240 bytes; give one of at most 200');
    expect(classifyOutput('a'.repeat(200), c)).toMatchObject({ ok: true });
  });

  it('counts an empty folder a user made inside a result as theirs, and knows a folder it can remove whole', () => {
    const manifest = JSON.stringify({ tool: 'nabolag', version: '0.2.19', files: ['metrics.csv', 'charts/a.png'] });
    const d = folder('project/figs', { [MARKER]: 'x', 'manifest.json': manifest, 'metrics.csv': '1', 'charts/a.png': 'png' });
    expect(unremovable(d)).toBeUndefined();
    mkdirSync(join(d, 'figs', 'deep'), { recursive: true });
    expect(unlistedEntries(d)).toEqual(['figs/deep/']);
    expect(refused('figs', { ...c, replace: true })).toContain('did not write (figs/deep/)');
  });

  it("knows a cluster run's folder as nabolag's, before and after its merge, but not a user's file put in it", () => {
    const shard = (k: number) => ({
      [`shards/${k}/${MARKER}`]: 'x',
      [`shards/${k}/manifest.json`]: JSON.stringify({ tool: 'nabolag', files: ['metrics.csv', 'shard.json', 'manifest.json'] }),
      [`shards/${k}/metrics.csv`]: '1',
      [`shards/${k}/shard.json`]: '{}',
    });
    const layout = {
      [MARKER]: 'x',
      [`${SLURM_DIR}/${SUBMISSION_FILE}`]: '{}',
      [`${SLURM_DIR}/${ARRAY_SCRIPT}`]: '#!/bin/bash\n',
      [`${SLURM_DIR}/${MERGE_SCRIPT}`]: '#!/bin/bash\n',
      [`${SLURM_DIR}/${TASK_LOG.replace('%A', '4711').replace('%a', '0')}`]: 'log',
      [`${SLURM_DIR}/${MERGE_LOG.replace('%j', '4712')}`]: 'log',
      ...shard(1),
      ...shard(2),
      // a shard still being written: its partial folder holds the marker, its lock sits beside it
      [`${SHARDS_DIR}/.3.partial-99-x/${MARKER}`]: 'x',
      [`${SHARDS_DIR}/.3.partial-99-x/metrics.csv`]: '1',
      [`${SHARDS_DIR}/.3.nabolag-lock`]: '{}',
    };
    folder('project/cluster', layout);
    expect(unlistedEntries(join(project, 'cluster'))).toEqual([`${SHARDS_DIR}/.3.partial-99-x/metrics.csv`]);
    rmSync(join(project, 'cluster', SHARDS_DIR, '.3.partial-99-x', 'metrics.csv'));
    expect(classifyOutput('cluster', { ...c, replace: true })).toMatchObject({ ok: true, exists: true });
    // merged: the manifest lists the result, the scripts, logs and shards are still nabolag's
    writeFileSync(join(project, 'cluster', 'manifest.json'), JSON.stringify({ tool: 'nabolag', files: ['metrics.csv', 'manifest.json'] }));
    writeFileSync(join(project, 'cluster', 'metrics.csv'), '1');
    expect(unlistedEntries(join(project, 'cluster'))).toEqual([]);
    // a user's notes, anywhere in it, are not
    writeFileSync(join(project, 'cluster', SLURM_DIR, 'why-it-failed.txt'), 'mine');
    writeFileSync(join(project, 'cluster', SHARDS_DIR, '2', 'notes.txt'), 'mine');
    expect(refused('cluster', { ...c, replace: true })).toContain(`did not write (${SHARDS_DIR}/2/notes.txt, ${SLURM_DIR}/why-it-failed.txt)`);
  });

  it('recognises a result written before the marker (0.2.7 or earlier) only when it holds nothing but its manifest files', () => {
    const files = ['metrics.csv', 'summary.json', 'charts/a.svg'];
    const legacy = folder('project/legacy', {
      'metrics.csv': '1',
      'summary.json': '{}',
      'charts/a.svg': '<svg/>',
      'manifest.json': JSON.stringify({ tool: 'nabolag', version: '0.2.7', files }),
    });
    expect(isNabolagFolder(legacy)).toBe(true);
    writeFileSync(join(legacy, 'charts', 'mine.txt'), 'a note of the user');
    expect(isNabolagFolder(legacy)).toBe(false);
    const other = folder('project/other', { 'manifest.json': JSON.stringify({ tool: 'something', files: [] }) });
    expect(isNabolagFolder(other)).toBe(false);
  });

  it('never takes a later result without its marker for its own: the marker deleted to protect it, or a copy without it', () => {
    const files = ['metrics.csv', 'summary.json'];
    const kept = folder('project/kept', {
      'metrics.csv': '1',
      'summary.json': 'MY EDITED NOTES',
      'manifest.json': JSON.stringify({ tool: 'nabolag', version: '0.2.8', files }),
    });
    expect(isNabolagFolder(kept)).toBe(false);
    expect(refused('kept', c)).toContain('holds a nabolag result without its .nabolag-output marker');
    const unversioned = folder('project/unversioned', { 'metrics.csv': '1', 'manifest.json': JSON.stringify({ tool: 'nabolag', files: ['metrics.csv'] }) });
    expect(isNabolagFolder(unversioned)).toBe(false);
  });
});

describe('defaultOutputName', () => {
  const cwd = '/work/p';
  it('derives a safe name from the path, so files of the same base name do not collide', () => {
    expect(defaultOutputName('scenarios/default.yaml', cwd)).toBe('default');
    expect(defaultOutputName('scenarios/levers/extension.yaml', cwd)).toBe('levers-extension');
    expect(defaultOutputName('scenarios/packages/extension.yaml', cwd)).toBe('packages-extension');
    expect(defaultOutputName('my estate.yaml', cwd)).toBe('my-estate');
    // outside the working folder: the folder's name and the file's, so ../B/base.yaml and ./base.yaml differ
    expect(defaultOutputName('/elsewhere/x.yml', cwd)).toBe('elsewhere-x');
    expect(defaultOutputName('../up/y.json', cwd)).toBe('up-y');
    expect(defaultOutputName('../B/base.yaml', cwd)).not.toBe(defaultOutputName('base.yaml', cwd));
    expect(defaultOutputName('/x.yaml', cwd)).toBe('x');
    // each part as the scenario's default name makes it (Danish letters written out)
    expect(defaultOutputName('Ølstykke gård.yaml', cwd)).toBe('Oelstykke-gaard');
    expect(defaultOutputName('byer/日本.yaml', cwd)).toMatch(/^byer-scenario-[0-9a-f]{8}$/);
  });
  it('never gives a dot name, a leading dot or an empty name', () => {
    expect(defaultOutputName('...yaml', cwd)).toBe('scenario');
    expect(defaultOutputName('..yaml', cwd)).toBe('scenario');
    expect(defaultOutputName('.hidden.yaml', cwd)).toBe('hidden');
    expect(defaultOutputName('.yaml', cwd)).toBe('yaml');
  });
});

describe('writeAtomically', () => {
  const opts = (cwd: string) => ({ cwd, home: join(box, 'home') });
  /** That writing `out` is refused with a message matching `why`, before the writer is called. */
  const refusedBeforeWriting = async (out: string, o: ReturnType<typeof opts>, why: RegExp | typeof UserError) => {
    let called = false;
    await expect(
      writeAtomically(
        out,
        async () => {
          called = true;
        },
        o,
      ),
    ).rejects.toThrow(why);
    expect(called).toBe(false);
  };
  /** A writer of one file and the manifest that lists it, as every writer of nabolag's writes one. */
  const written = (file: string, text: string) => async (d: string) => {
    writeFileSync(join(d, file), text);
    writeFileSync(join(d, 'manifest.json'), JSON.stringify({ tool: 'nabolag', files: [file, 'manifest.json'] }));
  };

  it('writes the marker, replaces its own result whole, and leaves nothing beside it', async () => {
    const p = folder('w1');
    await writeAtomically(join(p, 'out'), written('a.txt', 'first'), opts(p));
    expect(readFileSync(join(p, 'out', 'a.txt'), 'utf8')).toBe('first');
    expect(existsSync(join(p, 'out', MARKER))).toBe(true);
    await writeAtomically(join(p, 'out'), written('b.txt', 'second'), opts(p));
    expect(readdirSync(join(p, 'out')).sort()).toEqual([MARKER, 'b.txt', 'manifest.json']);
    expect(readdirSync(p)).toEqual(['out']);
  });

  it('removes the folders it made above a new output folder when writing fails, if empty, and never one that was there', async () => {
    const p = folder('w-deep', { 'keep/.hidden': '' });
    mkdirSync(join(p, 'empty'));
    const fails = async () => {
      throw new UserError('failed late');
    };
    await expect(writeAtomically(join(p, 'a', 'new', 'deep', 'out'), fails, opts(p))).rejects.toThrow('failed late');
    await expect(writeAtomically(join(p, 'empty', 'new', 'out'), fails, opts(p))).rejects.toThrow('failed late');
    await expect(writeAtomically(join(p, 'keep', 'out'), fails, opts(p))).rejects.toThrow('failed late');
    // what was there before stays, the empty folder too; nothing nabolag made is left
    expect(readdirSync(p).sort()).toEqual(['empty', 'keep']);
    expect(readdirSync(join(p, 'empty'))).toEqual([]);
    expect(readdirSync(join(p, 'keep'))).toEqual(['.hidden']);
    // a folder nabolag made that something else put a file in while it ran is kept, and the ones above it
    await expect(
      writeAtomically(
        join(p, 'b', 'c', 'out'),
        async () => {
          writeFileSync(join(p, 'b', 'theirs.txt'), 'not nabolag');
          throw new UserError('failed late');
        },
        opts(p),
      ),
    ).rejects.toThrow('failed late');
    expect(readdirSync(join(p, 'b'))).toEqual(['theirs.txt']);
    // a result written keeps the folders made for it
    await writeAtomically(join(p, 'd', 'e', 'out'), written('a.txt', 'x'), opts(p));
    expect(existsSync(join(p, 'd', 'e', 'out', 'a.txt'))).toBe(true);
  });

  it('keeps the earlier result whole and removes the partial folder and lock when writing fails', async () => {
    const p = folder('w2');
    await writeAtomically(join(p, 'out'), written('a.txt', 'first'), opts(p));
    await expect(
      writeAtomically(
        join(p, 'out'),
        async (d) => {
          writeFileSync(join(d, 'half.txt'), 'half');
          throw new Error('boom');
        },
        opts(p),
      ),
    ).rejects.toThrow('boom');
    expect(readFileSync(join(p, 'out', 'a.txt'), 'utf8')).toBe('first');
    expect(readdirSync(p)).toEqual(['out']);
  });

  it('refuses before calling the writer when its own result holds a file its manifest does not list, and keeps it', async () => {
    const p = folder('w-annotated');
    const withManifest = async (d: string) => {
      writeFileSync(join(d, 'a.txt'), 'first');
      writeFileSync(join(d, 'manifest.json'), JSON.stringify({ tool: 'nabolag', files: ['a.txt', 'manifest.json'] }));
    };
    await writeAtomically(join(p, 'out'), withManifest, opts(p));
    writeFileSync(join(p, 'out', 'notes.txt'), 'mine');
    await refusedBeforeWriting(join(p, 'out'), opts(p), /did not write \(notes\.txt\)/);
    expect(readFileSync(join(p, 'out', 'notes.txt'), 'utf8')).toBe('mine');
    expect(readFileSync(join(p, 'out', 'a.txt'), 'utf8')).toBe('first');
  });

  it('refuses to replace its own result when one of its files was edited in place, and keeps it', async () => {
    const p = folder('w-edited');
    await writeAtomically(join(p, 'out'), written('summary.json', '{"a":1}'), opts(p));
    // the marker records what was written; the same result again is replaced as before
    expect(readFileSync(join(p, 'out', MARKER), 'utf8')).toMatch(/\n\d+\t[\d.]+\tsummary\.json\n/);
    await writeAtomically(join(p, 'out'), written('summary.json', '{"a":2}'), opts(p));
    expect(unlistedEntries(join(p, 'out'))).toEqual([]);
    writeFileSync(join(p, 'out', 'summary.json'), '{"a":2, "note": "mine"}');
    expect(unlistedEntries(join(p, 'out'))).toEqual([`summary.json${CHANGED_SUFFIX}`]);
    await refusedBeforeWriting(
      join(p, 'out'),
      opts(p),
      /did not write or that was changed since it wrote it \(summary\.json \(changed since nabolag wrote it\)\)/,
    );
    expect(readFileSync(join(p, 'out', 'summary.json'), 'utf8')).toBe('{"a":2, "note": "mine"}');
    // moved away, the folder is nabolag's again
    rmSync(join(p, 'out', 'summary.json'));
    await writeAtomically(join(p, 'out'), written('summary.json', '{"a":3}'), opts(p));
  });

  it('refuses before calling the writer when the folder is not its own', async () => {
    const p = folder('w3', { 'theirs/thesis.tex': 'years of work' });
    await refusedBeforeWriting(join(p, 'theirs'), opts(p), UserError);
    expect(readFileSync(join(p, 'theirs', 'thesis.tex'), 'utf8')).toBe('years of work');
  });

  it('gives a second writer of the same folder a user error at once, or lets it wait', async () => {
    const p = folder('w4');
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const first = writeAtomically(
      join(p, 'out'),
      async (d) => {
        await held;
        await written('who.txt', 'first')(d);
      },
      opts(p),
    );
    await new Promise((r) => setTimeout(r, 50));
    const second = writeAtomically(join(p, 'out'), written('who.txt', 'second'), opts(p));
    await expect(second).rejects.toThrow(new RegExp(`in use by process ${process.pid}`));
    const waiting = writeAtomically(join(p, 'out'), written('who.txt', 'waited'), { ...opts(p), wait: true });
    await new Promise((r) => setTimeout(r, 300));
    release();
    await first;
    await waiting;
    expect(readFileSync(join(p, 'out', 'who.txt'), 'utf8')).toBe('waited');
    expect(readdirSync(p)).toEqual(['out']);
  });

  it('takes over a lock left by a process that is gone', async () => {
    const p = folder('w5');
    writeFileSync(join(p, '.out.nabolag-lock'), JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname() }));
    await writeAtomically(join(p, 'out'), written('a.txt', 'ok'), opts(p));
    expect(readdirSync(p)).toEqual(['out']);
  });
});

describe('removeStalePartials', () => {
  it('removes partial folders of dead processes on this host, and nothing else', () => {
    const p = folder('stale', {
      [`.out.partial-1-abc/${MARKER}`]: 'x',
      '.out.partial-1-abc/.nabolag-owner': JSON.stringify({ pid: 2 ** 22 + 54321, host: hostname() }),
      [`.live.partial-2-abc/${MARKER}`]: 'x',
      '.live.partial-2-abc/.nabolag-owner': JSON.stringify({ pid: process.pid, host: hostname() }),
      [`.far.partial-3-abc/${MARKER}`]: 'x',
      '.far.partial-3-abc/.nabolag-owner': JSON.stringify({ pid: 2 ** 22 + 54321, host: 'another-host' }),
      '.mine.partial-4-abc/notes.txt': 'a folder of the user that happens to look like ours',
    });
    expect(removeStalePartials(p)).toEqual([join(p, '.out.partial-1-abc')]);
    expect(readdirSync(p).sort()).toEqual(['.far.partial-3-abc', '.live.partial-2-abc', '.mine.partial-4-abc']);
  });
});

describe('removeAbandoned (submit --resume, once no job of the submission runs)', () => {
  it("removes the named folder's lock and partial folders whatever host left them, and nothing else", () => {
    const p = folder('abandoned', {
      '.4.nabolag-lock': JSON.stringify({ pid: 20228, host: 'node07', started: '2026-12-05T09:00:00.000Z' }),
      [`.4.partial-20228-abc/${MARKER}`]: 'x',
      '.4.partial-20228-abc/.nabolag-owner': JSON.stringify({ pid: 20228, host: 'node07' }),
      [`.5.partial-1-abc/${MARKER}`]: 'x',
      '.5.nabolag-lock': JSON.stringify({ pid: 1, host: 'node08' }),
      '.4.partial-9-abc/notes.txt': 'a folder of the user that happens to look like ours',
      '4/shard.json': '{}',
    });
    expect(removeAbandoned(p, '4').sort()).toEqual([join(p, '.4.nabolag-lock'), join(p, '.4.partial-20228-abc')]);
    expect(readdirSync(p).sort()).toEqual(['.4.partial-9-abc', '.5.nabolag-lock', '.5.partial-1-abc', '4']);
    expect(removeAbandoned(p, '4')).toEqual([]);
  });
});

describe('environmentError', () => {
  it('turns errors of the environment into user errors naming the path and cause', () => {
    const e = Object.assign(new Error('x'), { code: 'ENOSPC', path: '/data/out/metrics.csv' });
    const u = environmentError(e, '/data/out');
    expect(u).toBeInstanceOf(UserError);
    expect((u as Error).message).toMatch(/cannot write \/data\/out\/metrics.csv: no space left/);
    const ro = environmentError(Object.assign(new Error('x'), { code: 'EROFS' }), '/ro');
    expect((ro as Error).message).toMatch(/\/ro: the file system is read-only/);
    const bug = new TypeError('a bug');
    expect(environmentError(bug, '/x')).toBe(bug);
  });
});
