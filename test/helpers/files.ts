/**
 * A scratch folder for tests that write scenario files: created before the file's tests and
 * removed after them. `write(path, text)` writes a file inside it (folders made as needed) and
 * returns its path relative to the working folder, as a user would type it.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterAll, beforeAll } from 'vitest';

export function scratchFolder(prefix: string): { root: () => string; rel: (p: string) => string; write: (p: string, text: string) => string } {
  let root = '';
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), prefix));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const rel = (p: string) => relative(process.cwd(), join(root, p));
  const write = (p: string, text: string) => {
    const file = join(root, p);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    return rel(p);
  };
  return { root: () => root, rel, write };
}
