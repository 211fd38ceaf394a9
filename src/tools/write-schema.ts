/**
 * `npm run schema`: regenerate scenarios/schema.json and docs/parameters.md from the scenario
 * schema (src/scenario/schema.ts). Commit both; tests fail when they are stale.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PARAMETERS_PATH, renderJsonSchema, renderParameterDocs, SCHEMA_PATH } from '../scenario/docs.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
for (const [rel, text] of [
  [SCHEMA_PATH, renderJsonSchema()],
  [PARAMETERS_PATH, renderParameterDocs()],
] as const) {
  const file = join(root, rel);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  process.stdout.write(`wrote ${rel}\n`);
}
