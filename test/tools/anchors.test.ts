/**
 * The anchors shipped for nabolag's own scenarios (scenarios/anchors.json, src/tools/anchors.ts):
 * the file is current for the code in dist/ (else `npm run anchors`), its values are what the
 * solver gives, and a run of a built-in scenario reads them instead of solving.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { anchorEstate } from '../../src/model/anchor.js';
import { type BundledAnchors, STORE_FORMAT } from '../../src/output/anchor-store.js';
import { scenarioFiles, staleness, wantedAnchors } from '../../src/tools/anchors.js';

const bundled = JSON.parse(readFileSync('scenarios/anchors.json', 'utf8')) as BundledAnchors;
const tmp = mkdtempSync(join(tmpdir(), 'nabolag-bundled-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('scenarios/anchors.json', () => {
  it('is current for the code in dist/ (if not: npm run anchors)', () => {
    const r = spawnSync(process.execPath, ['dist/src/tools/anchors.js', '--check'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/is current: \d+ anchors/);
  });

  it('holds what the solver gives for its scenarios (the smallest estate solved again here)', () => {
    const wanted = wantedAnchors(scenarioFiles());
    const entry = bundled.anchors.find((e) => e.scenarios.includes('scenarios/presets/aeblehaven-like.yaml'))!;
    const w = wanted.get(entry.key)!;
    const { ms: _a, ...solved } = anchorEstate(w.sc, w.spec);
    const { ms: _b, ...kept } = entry.anchor;
    expect(solved).toEqual(kept);
  });

  it('a run of a built-in scenario reads its anchor from it and keeps nothing in the cache', () => {
    const cache = join(tmp, 'cache');
    const out = join(tmp, 'out');
    const r = spawnSync(process.execPath, ['bin/nabolag.js', 'run', 'scenarios/presets/aeblehaven-like.yaml', '-n', '1', '-q', '--no-report', '--out', out], {
      encoding: 'utf8',
      env: { ...process.env, NABOLAG_CACHE: '', NABOLAG_CACHE_DIR: cache },
    });
    expect(r.status).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { anchors: { bundled?: boolean; stored?: boolean }[] };
    expect(manifest.anchors.map((a) => [a.stored, a.bundled])).toEqual([[true, true]]);
    expect(() => readdirSync(cache)).toThrow();
  });
});

describe('staleness', () => {
  const wanted = wantedAnchors(scenarioFiles());
  const current: BundledAnchors = bundled;

  it('finds nothing wrong with the file as shipped, against the code that wrote it', () => {
    expect(staleness(current, wanted, current.code)).toEqual([]);
  });

  it('names other code, another format, a missing estate and one no scenario needs', () => {
    expect(staleness(undefined, wanted, current.code)).toEqual(['there is no readable scenarios/anchors.json']);
    expect(staleness(current, wanted, 'other')).toEqual(['it was solved by other code (the model or scenario code changed since)']);
    expect(staleness({ ...current, format: STORE_FORMAT + 1 }, wanted, current.code)).toEqual([`its format is ${STORE_FORMAT + 1}, not ${STORE_FORMAT}`]);
    const [first, ...rest] = current.anchors;
    expect(staleness({ ...current, anchors: rest }, wanted, current.code)).toEqual([`no anchor for estate "average" of ${first!.scenarios.join(', ')}`]);
    const extra = { ...first!, key: 'f'.repeat(64), scenarios: ['scenarios/gone.yaml'] };
    expect(staleness({ ...current, anchors: [...current.anchors, extra] }, wanted, current.code)).toEqual([
      'an anchor no scenario needs (estate "average", once of scenarios/gone.yaml)',
    ]);
  });

  it('every built-in scenario that anchors has its estates in the file (Schelling ones have none)', () => {
    const files = scenarioFiles().map((f) => f.slice(f.indexOf('scenarios/')));
    const named = new Set(bundled.anchors.flatMap((e) => e.scenarios));
    for (const f of files) expect(named.has(f) || f.startsWith('scenarios/schelling/')).toBe(true);
  });
});
