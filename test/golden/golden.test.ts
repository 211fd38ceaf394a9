/**
 * Golden hashes: every shipped scenario, run through the compiled CLI at a fixed seed and a
 * short horizon, must give the SHA-256 of metrics.csv, moves.csv and summary.json recorded in
 * `hashes.json`. A change that alters a result by accident fails here; a change that alters
 * the model on purpose updates the file deliberately with `npm run golden:update` (and says
 * so in CHANGELOG.md).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scenarioFiles } from '../../src/tools/anchors.js';

const HASHES = 'test/golden/hashes.json';
const UPDATE = process.env.UPDATE_GOLDEN === '1';
/** The settings every scenario is run with: short, but long enough for levers dated 2027-2030 to act. */
const ARGS = ['--seed', '20261202', '--replications', '2', '--years', '6', '--no-report', '--quiet', '--workers', '1'];
/** The national scale test is run for one year only (its world alone has ~600,000 flats). */
const SHORT = new Set(['scenarios/national.yaml']);
const FILES = ['metrics.csv', 'moves.csv', 'summary.json'];

const sha = (path: string) => (existsSync(path) ? createHash('sha256').update(readFileSync(path)).digest('hex') : null);
const tmp = mkdtempSync(join(tmpdir(), 'nabolag-golden-'));
const recorded: Record<string, Record<string, string | null>> = existsSync(HASHES) ? JSON.parse(readFileSync(HASHES, 'utf8')) : {};
const seen: Record<string, Record<string, string | null>> = {};

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
  if (UPDATE) writeFileSync(HASHES, JSON.stringify(seen, null, 2) + '\n');
});

describe('golden hashes of every shipped scenario', () => {
  it.each(scenarioFiles('scenarios'))('%s', (file) => {
    const out = join(tmp, file.replace(/[/.]/g, '_'));
    const years = SHORT.has(file) ? ['--years', '1', '--replications', '1'] : [];
    const r = spawnSync(process.execPath, ['bin/nabolag.js', 'run', file, ...ARGS, ...years, '--out', out], { encoding: 'utf8', timeout: 300_000 });
    expect(r.status, r.stderr).toBe(0);
    const got = Object.fromEntries(FILES.map((f) => [f, sha(join(out, f))]));
    seen[file] = got;
    if (!UPDATE) expect(got, `${file}: a result changed; if on purpose, run npm run golden:update`).toEqual(recorded[file]);
  });

  it('a comparison (effects.csv included)', () => {
    const key = 'compare scenarios/default.yaml scenarios/levers/extension.yaml scenarios/levers/image-work.yaml';
    const out = join(tmp, 'compare');
    const r = spawnSync(process.execPath, ['bin/nabolag.js', ...key.split(' '), ...ARGS, '--out', out], { encoding: 'utf8', timeout: 300_000 });
    expect(r.status, r.stderr).toBe(0);
    const got = Object.fromEntries([...FILES, 'effects.csv'].map((f) => [f, sha(join(out, f))]));
    seen[key] = got;
    if (!UPDATE) expect(got, `${key}: a result changed; if on purpose, run npm run golden:update`).toEqual(recorded[key]);
  });
});
