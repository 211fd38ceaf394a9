/** The package's version and root folder, found by walking up from this module. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const p = join(dir, 'package.json');
    if (existsSync(p) && (JSON.parse(readFileSync(p, 'utf8')) as { name?: string }).name === 'nabolag') return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the nabolag package.json');
    dir = up;
  }
}

export const PACKAGE_ROOT = findRoot();
export const VERSION: string = (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
