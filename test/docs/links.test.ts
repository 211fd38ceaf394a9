/**
 * Every relative link in the project's Markdown (README, CHANGELOG, docs/, bench/) points to a
 * file in the repository, and no text cites a mission document that lives outside it
 * (PRODUCT.md, DOMAIN-FACTS.md, SEED-DIGEST.md): their facts are in docs/sources.md.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

const files = [
  'README.md',
  'CHANGELOG.md',
  ...['docs', 'bench'].flatMap((d) =>
    readdirSync(d)
      .filter((f) => f.endsWith('.md'))
      .map((f) => join(d, f)),
  ),
].filter((f) => existsSync(f));
if (existsSync('CONTRIBUTING.md')) files.push('CONTRIBUTING.md');

describe('Markdown links', () => {
  it.each(files)('%s links only to files that exist', (f) => {
    const text = readFileSync(f, 'utf8');
    const broken: string[] = [];
    for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      const target = m[1]!.split('#')[0]!;
      if (target === '' || /^[a-z]+:/i.test(target)) continue;
      if (!existsSync(join(dirname(f), target))) broken.push(m[1]!);
    }
    expect(broken).toEqual([]);
  });

  it.each(files)('%s cites no document outside the repository', (f) => {
    expect(readFileSync(f, 'utf8')).not.toMatch(/PRODUCT\.md|DOMAIN-FACTS\.md|SEED-DIGEST\.md/);
  });
});
