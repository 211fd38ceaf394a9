/**
 * `nabolag studio` through the compiled command line: it writes one self-contained index.html
 * (no URL to fetch anything: scripts and style inlined, a CSP forbidding connections), refuses a
 * folder nabolag did not write, and gives a one-line message with exit code 2 for a bad option.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const CLI = resolve('bin/nabolag.js');
const tmp = mkdtempSync(join(tmpdir(), 'nabolag-studio-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const run = (...args: string[]) => spawnSync(process.execPath, [CLI, 'studio', ...args], { encoding: 'utf8', cwd: tmp, timeout: 60_000 });

describe('nabolag studio', () => {
  it('writes output/studio/index.html: one file, nothing fetched, the worker inlined', () => {
    const r = run();
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('index.html');
    const dir = join(tmp, 'output', 'studio');
    expect(readdirSync(dir).sort()).toEqual(['.nabolag-output', 'index.html', 'manifest.json']);
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    expect(html).toContain("connect-src 'none'");
    expect(html).toContain('id="nabolag-worker"');
    // no URL but the local server's and the SVG namespace (a name in the SVG files the charts save, never fetched)
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=|https?:\/\/(?!127\.0\.0\.1|www\.w3\.org\/2000\/svg")[a-z]/i);
    // written again over its own result
    expect(run().status).toBe(0);
  });

  it('refuses a folder it did not write, and a bad port, with exit code 2 and one line', () => {
    const mine = join(tmp, 'mine');
    rmSync(mine, { recursive: true, force: true });
    writeFileSync(join(tmp, 'keep.txt'), 'x');
    const a = run('--out', '.');
    expect(a.status).toBe(2);
    expect(a.stderr.trim().split('\n')).toHaveLength(1);
    const b = run('--serve', '--port', '70000');
    expect(b.status).toBe(2);
    expect(b.stderr).toMatch(/--port/);
    const c = run('--port', '8080');
    expect(c.status).toBe(2);
    expect(c.stderr).toMatch(/--serve/);
  });
});
