/**
 * docs/performance.md names files, functions and constants of the code: it must keep up with
 * them. Every repository path it names exists, and every code name in backticks (an identifier,
 * or a dotted one such as `H.stride`) is found in the sources, the bench or package.json.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const DOC = 'docs/performance.md';
const text = readFileSync(DOC, 'utf8');

/** All .ts files under a folder. */
function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? tsFiles(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : [],
  );
}

const code = [...tsFiles('src'), ...tsFiles('bench'), 'package.json'].map((f) => readFileSync(f, 'utf8')).join('\n');

/** Paths such as src/model/state.ts or bench/RESULTS.md, in the text or its links. */
const namedPaths = (md: string): string[] => [
  ...new Set([...md.matchAll(/(?<![\w/.-])(?:\.\.\/)?((?:src|test|bench|docs|scenarios)\/[\w/.-]*\w)/g)].map((m) => m[1]!)),
];

/** Code spans that are identifiers or dotted identifiers (`skimHouseholds`, `H.stride`). */
const namedSymbols = (md: string): string[] => [...new Set([...md.matchAll(/`([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)(?:\([^`]*\))?`/g)].map((m) => m[1]!))];

describe(DOC, () => {
  it('names paths that exist', () => {
    const paths = namedPaths(text);
    expect(paths.length).toBeGreaterThan(10);
    expect(paths.filter((p) => !existsSync(p))).toEqual([]);
  });

  it('names code that exists', () => {
    const symbols = namedSymbols(text);
    expect(symbols).toContain('skimHouseholds');
    expect(symbols.filter((s) => !code.includes(s))).toEqual([]);
  });

  it('the checks can fail', () => {
    expect(namedPaths('see src/model/no-such-file.ts').filter((p) => !existsSync(p))).toEqual(['src/model/no-such-file.ts']);
    expect(namedSymbols('call `noSuchFunction(x)` here').filter((s) => !code.includes(s))).toEqual(['noSuchFunction']);
  });
});
