/**
 * What a `nabolag` process loads before it knows its command: the static imports of the built
 * command line (dist/src/cli/main.js and everything it imports statically, as Node loads them).
 * yargs, the progress bar and the report are imported only when they are needed (a mistake or
 * help, a run without --quiet, a run that writes the report), and no package at all (YAML is read
 * by a bundle the build makes), so that a plain `nabolag run` starts as quickly as it can (bench/RESULTS.md, "A plain command line without yargs"). Needs
 * `npm run build`.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The files and the packages reached from `entry` by static imports (not `import(…)`). */
function staticImports(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (f: string) => {
    if (files.has(f)) return;
    files.add(f);
    const text = readFileSync(f, 'utf8');
    for (const m of text.matchAll(/^\s*(?:import|export)\s(?:[^'";]*?\sfrom\s)?\s*['"]([^'"]+)['"]/gm)) {
      const spec = m[1]!;
      if (spec.startsWith('.')) visit(normalize(join(dirname(f), spec)));
      else if (!spec.startsWith('node:')) packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
    }
  };
  visit(normalize(entry));
  return { files, packages };
}

describe('start-up of the command line', () => {
  const { files, packages } = staticImports('dist/src/cli/main.js');

  it('reads the files it should (the check sees the imports)', () => {
    expect(files).toContain(normalize('dist/src/cli/args.js'));
    expect(files).toContain(normalize('dist/src/output/pipeline.js'));
    expect(files).toContain(normalize('dist/src/yaml.js'));
  });

  it('loads no package: YAML is read by the bundle the build makes of yaml (src/tools/build-yaml.ts), Alea seeded by its own code', () => {
    // the CommonJS files of yaml and seedrandom took about 24 and 12 ms of every start (bench/RESULTS.md, 0.2.11)
    expect([...packages]).toEqual([]);
    expect(readFileSync('dist/src/yaml.js', 'utf8')).toMatch(/^\/\/ Bundled from the yaml package/);
  });

  it('does not load yargs, the progress bar or the report before a command needs them', () => {
    expect([...packages].filter((p) => ['yargs', 'cli-progress', 'vega', 'vega-lite', '@resvg/resvg-js', 'mathjs'].includes(p))).toEqual([]);
    for (const f of ['dist/src/cli/args-yargs.js', 'dist/src/cli/progress.js', 'dist/src/report/report.js']) expect(files).not.toContain(normalize(f));
  });
});
