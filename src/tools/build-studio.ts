/**
 * Bundle the studio's scripts (src/studio/app.ts and worker.ts, with the model code they import)
 * with esbuild, into dist/studio/app.js and worker.js. `npm run build` runs this after tsc, so an
 * installed package carries the bundles ready made and `nabolag studio` needs no bundler (nor
 * esbuild's platform binary) on the user's machine; `bundleStudio` is also what `nabolag studio`
 * falls back to when run from a source checkout without a build.
 *
 *   node dist/src/tools/build-studio.js        (part of npm run build)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository (or package) root, from this file's place in src/tools or dist/src/tools. */
export function packageRoot(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  return here.includes(`${join('dist', 'src', 'tools')}`) ? join(here, '..', '..', '..') : join(here, '..', '..');
}

/** The two bundles as text (minified IIFE scripts for browsers, no imports left). */
export async function bundleStudio(root = packageRoot()): Promise<{ app: string; worker: string }> {
  const { build } = await import('esbuild');
  const one = async (entry: string): Promise<string> => {
    const r = await build({
      entryPoints: [join(root, 'src', 'studio', entry)],
      bundle: true,
      format: 'iife',
      platform: 'browser',
      target: 'es2022',
      minify: true,
      write: false,
      legalComments: 'none',
      logLevel: 'silent',
    });
    return r.outputFiles[0]!.text;
  };
  return { app: await one('app.ts'), worker: await one('worker.ts') };
}

/** Where the built bundles are. */
export const bundleDir = (root = packageRoot()): string => join(root, 'dist', 'studio');

async function main(): Promise<void> {
  const root = packageRoot();
  const b = await bundleStudio(root);
  mkdirSync(bundleDir(root), { recursive: true });
  writeFileSync(join(bundleDir(root), 'app.js'), b.app);
  writeFileSync(join(bundleDir(root), 'worker.js'), b.worker);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
