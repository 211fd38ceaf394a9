/**
 * Replace the compiled src/yaml.ts (dist/src/yaml.js, which re-exports the `yaml` package) by a
 * single ES module bundled with esbuild from the package's ES build (`browser/index.js` in the
 * package: the same sources as its CommonJS build for Node). Loading it takes about 8 ms instead
 * of the CommonJS build's 24 (src/yaml.ts says why it matters). `npm run build` runs this after
 * tsc; without it dist/src/yaml.js still works, on the package.
 *
 *   node dist/src/tools/build-yaml.js        (part of npm run build)
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageRoot } from './build-studio.js';

/** The bundle's text: every export of the package (nabolag's src/yaml.ts picks some of them). */
export async function bundleYaml(root = packageRoot()): Promise<string> {
  const { build } = await import('esbuild');
  const pkg = createRequire(join(root, 'package.json')).resolve('yaml/package.json');
  const r = await build({
    entryPoints: [join(dirname(pkg), 'browser', 'index.js')],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    write: false,
    legalComments: 'inline',
    logLevel: 'silent',
  });
  return `// Bundled from the yaml package's ES build by src/tools/build-yaml.ts (npm run build); the source is src/yaml.ts.\n${r.outputFiles[0]!.text}`;
}

async function main(): Promise<void> {
  const root = packageRoot();
  writeFileSync(join(root, 'dist', 'src', 'yaml.js'), await bundleYaml(root));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
