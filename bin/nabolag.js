#!/usr/bin/env node
// Entry point for `npx nabolag`: runs the compiled CLI (built by `npm install` via `prepare`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
const cli = new URL('../dist/src/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(cli))) {
  process.stderr.write('nabolag: the compiled CLI is missing; run `npm install` (or `npm run build`) in the nabolag folder first.\n');
  process.exit(1);
}
await import(cli.href);
