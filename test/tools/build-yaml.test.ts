/**
 * The bundled yaml module that `npm run build` writes over dist/src/yaml.js (src/tools/build-yaml.ts):
 * it has every name src/yaml.ts exports, is one ES module with no imports (so Node loads no
 * CommonJS file for it), and reads and writes YAML exactly as the package does, errors included.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as pkg from 'yaml';
import * as ours from '../../src/yaml.js';
import { bundleYaml } from '../../src/tools/build-yaml.js';

let dir: string;
let bundled: typeof pkg;
let text: string;

beforeAll(async () => {
  text = await bundleYaml();
  dir = mkdtempSync(join(tmpdir(), 'nabolag-yaml-'));
  const file = join(dir, 'yaml.js');
  writeFileSync(file, text);
  bundled = await import(pathToFileURL(file).href);
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SAMPLE = `# a scenario
extends: presets/average.yaml
name: "Ærø – test"
estates:
  - name: a
    flats: 600
    rooms: { r1: 0.1, r2: 0.3, r3: 0.4, r4: 0.15, r5: 0.05 }
policies:
  - lever: extension
    factor: 0.5
    from: 2027
`;

describe('the yaml bundle', () => {
  it('is one ES module that imports nothing', () => {
    expect(text).not.toMatch(/\brequire\(/);
    expect(text).not.toMatch(/^\s*import\s/m);
  });

  it('exports every name src/yaml.ts does', () => {
    for (const name of Object.keys(ours)) expect(typeof (bundled as Record<string, unknown>)[name], name).toBe(typeof (ours as Record<string, unknown>)[name]);
  });

  it('parses, locates and writes as the package does', () => {
    const a = bundled.parseDocument(SAMPLE, { lineCounter: new bundled.LineCounter() });
    const b = pkg.parseDocument(SAMPLE, { lineCounter: new pkg.LineCounter() });
    expect(a.toJS()).toEqual(b.toJS());
    expect(bundled.stringify(a.toJS())).toBe(pkg.stringify(b.toJS()));
    const lc = new bundled.LineCounter();
    bundled.parseDocument(SAMPLE, { lineCounter: lc });
    const theirs = new pkg.LineCounter();
    pkg.parseDocument(SAMPLE, { lineCounter: theirs });
    const at = SAMPLE.indexOf('flats');
    expect(lc.linePos(at)).toEqual({ line: 6, col: 5 });
    expect(lc.linePos(at)).toEqual(theirs.linePos(at));
  });

  it('reports a broken file with the package’s messages', () => {
    const broken = 'name: a\n  flats: [1, 2\nyears: 5\n';
    const a = bundled.parseDocument(broken).errors.map((e) => [e.code, e.message]);
    const b = pkg.parseDocument(broken).errors.map((e) => [e.code, e.message]);
    expect(a.length).toBeGreaterThan(0);
    expect(a).toEqual(b);
  });
});
