/**
 * The structure of src/: no import cycle (type-only imports count), and every import points down
 * the layers, from the command line to the scenario:
 *
 *   version.ts, yaml.ts, scenario/  →  model/  →  engine/  →  analysis/  →  output/, report/, studio/  →  cli/, tools/
 *
 * (an import may go to its own layer or any layer below, never above). docs/ODD.md and
 * CONTRIBUTING.md describe the same layers.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Rank of each layer: an import may only go to an equal or lower rank. */
const LAYERS: [string, number][] = [
  ['src/version.ts', 0],
  ['src/yaml.ts', 0],
  ['src/scenario/', 1],
  ['src/model/', 2],
  ['src/engine/', 3],
  ['src/analysis/', 4],
  ['src/output/', 5],
  ['src/report/', 5],
  ['src/studio/', 5],
  ['src/cli/', 6],
  ['src/tools/', 6],
];

const rankOf = (f: string): number => {
  const l = LAYERS.find(([p]) => f === p || f.startsWith(p));
  if (!l) throw new Error(`${f} is in no layer: add its folder to LAYERS (and to CONTRIBUTING.md)`);
  return l[1];
};

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Each source file's imports of other source files (static, dynamic and type-only), as paths from the repository root. */
function importGraph(): Map<string, string[]> {
  const g = new Map<string, string[]>();
  for (const f of sources('src')) {
    const text = readFileSync(f, 'utf8');
    const targets = [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g)]
      .map((m) => (m[1] ?? m[2])!)
      .map((s) => normalize(join(dirname(f), s)).replace(/\.js$/, '.ts'));
    g.set(f, [...new Set(targets)]);
  }
  return g;
}

/** Strongly connected components with more than one file (Tarjan). */
function cycles(g: Map<string, string[]>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of g.get(v) ?? []) {
      if (!g.has(w)) continue;
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const c: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        c.push(w);
      } while (w !== v);
      if (c.length > 1 || (g.get(v) ?? []).includes(v)) out.push(c.sort());
    }
  };
  for (const v of g.keys()) if (!idx.has(v)) visit(v);
  return out;
}

describe('the layers of src/', () => {
  const g = importGraph();

  it('every import resolves to a source file', () => {
    const missing = [...g].flatMap(([f, ts]) => ts.filter((t) => !g.has(t)).map((t) => `${f} -> ${t}`));
    expect(missing).toEqual([]);
  });

  it('has no import cycle', () => {
    expect(cycles(g)).toEqual([]);
  });

  it('has no import that points up the layers', () => {
    const up = [...g].flatMap(([f, ts]) => ts.filter((t) => rankOf(t) > rankOf(f)).map((t) => `${relative('.', f)} -> ${relative('.', t)}`));
    expect(up).toEqual([]);
  });

  it('the cycle finder finds a cycle', () => {
    expect(
      cycles(
        new Map([
          ['a', ['b']],
          ['b', ['c']],
          ['c', ['a']],
          ['d', ['a']],
        ]),
      ),
    ).toEqual([['a', 'b', 'c']]);
  });
});
