/**
 * A run too short for a tenancy begun after the start to end: the patterns' details say "n/a"
 * for those shares, not "NaN%" (the Danish report translates the same detail).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportResults } from '../helpers/ensemble.js';
import { checkPatterns } from '../../src/analysis/patterns.js';

describe('pattern details of a one-year run', () => {
  it('P7 writes "n/a" for the shares of tenancies that none ended in', async () => {
    // a small estate for one year: no tenancy begun in the run has ended yet
    const file = join(mkdtempSync(join(tmpdir(), 'nabolag-p7-')), 'small.yaml');
    writeFileSync(file, 'name: small\nestates:\n  - name: small\n    flats: 20\n');
    const results = await reportResults([file], { replications: 1, years: 1 });
    const checks = checkPatterns(results);
    for (const c of checks) expect(c.detail ?? '', c.id).not.toMatch(/NaN/);
    const p7 = checks.find((c) => c.id === 'P7')!;
    expect(p7.detail).toMatch(/begun after the start: n\/a \/ n\/a \/ n\/a \/ n\/a;/);
  }, 120_000);
});
