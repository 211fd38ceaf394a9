/**
 * `npm run schema`: regenerate scenarios/schema.json and docs/parameters.md from the scenario
 * schema (src/scenario/schema.ts), and docs/metrics.md from the reporters (src/model/reporters.ts)
 * and the output codes. Commit all three; tests fail when they are stale.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { METRICS_PATH, PARAMETERS_PATH, renderJsonSchema, renderMetricDocs, renderParameterDocs, SCHEMA_PATH } from './docs.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
for (const [rel, text] of [
  [SCHEMA_PATH, renderJsonSchema()],
  [PARAMETERS_PATH, renderParameterDocs()],
  [METRICS_PATH, renderMetricDocs()],
] as const) {
  const file = join(root, rel);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  process.stdout.write(`wrote ${rel}\n`);
}
