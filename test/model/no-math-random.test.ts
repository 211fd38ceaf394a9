/**
 * Nothing in src/ may use Math.random: every random number comes from a seeded generator
 * passed in (src/model/rng.ts), so that a scenario and a seed give byte-identical outputs.
 * Scans the code of every file under src/ (comments are blanked out first, so that a comment
 * may say "no Math.random"; strings count as code) and lists the offenders with line numbers.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Math.random, also written with spaces, optional chaining or bracket access. */
const PATTERN = /\bMath\s*(?:\?\.|\.)\s*random\b|\bMath\s*\[\s*['"`]random['"`]\s*\]/;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? filesUnder(join(dir, d.name)) : [join(dir, d.name)]));
}

/**
 * Blank out line and block comments (keeping newlines, so line numbers stay), leaving strings
 * and template literals alone. A small scanner, good enough for our sources.
 */
function stripComments(src: string): string {
  let out = '';
  let i = 0;
  let quote = '';
  while (i < src.length) {
    const ch = src[i]!;
    const next = src[i + 1];
    if (quote) {
      out += ch;
      if (ch === '\\' && i + 1 < src.length) {
        out += next;
        i += 2;
        continue;
      }
      if (ch === quote) quote = '';
      i++;
    } else if (ch === '/' && next === '/') {
      while (i < src.length && src[i] !== '\n') {
        out += ' ';
        i++;
      }
    } else if (ch === '/' && next === '*') {
      const end = src.indexOf('*/', i + 2);
      const stop = end < 0 ? src.length : end + 2;
      out += src.slice(i, stop).replace(/[^\n]/g, ' ');
      i = stop;
    } else {
      if (ch === "'" || ch === '"' || ch === '`') quote = ch;
      out += ch;
      i++;
    }
  }
  return out;
}

/** "file:line: text" for every line of code in the files that uses Math.random. */
function offenders(files: string[], read: (f: string) => string = (f) => readFileSync(f, 'utf8')): string[] {
  const out: string[] = [];
  for (const f of files) {
    const text = read(f);
    const lines = text.split('\n');
    stripComments(text)
      .split('\n')
      .forEach((line, i) => {
        if (PATTERN.test(line)) out.push(`${f}:${i + 1}: ${lines[i]!.trim()}`);
      });
  }
  return out;
}

describe('no Math.random in src/', () => {
  it('the scan sees the sources', () => {
    const files = filesUnder('src');
    expect(files.length).toBeGreaterThan(10);
    expect(files).toContain(join('src', 'model', 'rng.ts'));
  });

  it('no file under src/ uses Math.random', () => {
    const found = offenders(filesUnder('src'));
    expect(found, `Math.random found (use a seeded Rng from src/model/rng.ts):\n${found.join('\n')}`).toEqual([]);
  });

  it('the scan finds the usual spellings', () => {
    const fake: Record<string, string> = {
      'a.ts': 'const x = Math.random();',
      'b.ts': 'ok\nconst r = Math . random;',
      'c.ts': "const r = Math['random']();",
      'd.ts': 'const u = rng(); // fine, not Math.random()\nconst v = myMath.randomize;\n/* no Math.random\n   here */',
      'e.ts': "const url = 'http://x'; const y = Math.random();",
    };
    expect(offenders(Object.keys(fake), (f) => fake[f]!)).toEqual([
      'a.ts:1: const x = Math.random();',
      'b.ts:2: const r = Math . random;',
      "c.ts:1: const r = Math['random']();",
      "e.ts:1: const url = 'http://x'; const y = Math.random();",
    ]);
  });
});
