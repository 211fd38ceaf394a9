/**
 * The Danish report's wording: the per cent sign after a space ("45 %", as Danish writes it) in
 * every finding whichever helper formatted the number, "basisfrø" for the base seed, and a number
 * that could not be computed as "ikke opgjort", never the English "n/a".
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { reportResults } from '../helpers/ensemble.js';
import type { Results } from '../../src/output/pipeline.js';
import { checkPatterns } from '../../src/analysis/patterns.js';
import { localNumbers } from '../../src/report/charts/labels.js';
import { findings } from '../../src/report/findings.js';
import { reportInput } from '../../src/report/sections.js';

let single: Results;
let compared: Results;

beforeAll(async () => {
  single = await reportResults(['scenarios/default.yaml'], { replications: 3, years: 3 });
  compared = await reportResults(['scenarios/default.yaml', 'scenarios/packages/extension.yaml'], { replications: 3, years: 3 });
}, 180_000);

describe('Danish text', () => {
  it('writes a space before every per cent sign in the findings ("45 %", never "45%")', () => {
    for (const r of [single, compared]) {
      const all = findings(r, 'da');
      expect(all.some((s) => s.includes('\u00a0%'))).toBe(true);
      for (const s of all) expect(s, s).not.toMatch(/\d ?%/);
    }
    // English keeps "45%"
    expect(findings(single, 'en').some((s) => /\d%/.test(s))).toBe(true);
  });

  it('writes a level in its definite form: "I 2029 er andelen ressourcestærke …", not "er andel"', () => {
    const all = findings(compared, 'da').join(' ');
    expect(all).toMatch(/I 2029 er andelen ressourcestærke blandt 22-59-årige \d+/);
    expect(all).not.toMatch(/ er andel ressourcestærke/);
  });

  it('calls the seed every replication seed derives from "basisfrø"', () => {
    const input = reportInput(single, [], '/nowhere', { lang: 'da' });
    expect(input.subtitle).toContain('basisfrø 1');
    expect(JSON.stringify(input)).not.toMatch(/grundfrø/i);
  });

  it('writes a number that could not be computed as "ikke opgjort", never "n/a" or "i.t." (a tiny estate with no move-out in a year)', async () => {
    expect(localNumbers('n/a', 'da')).toBe('ikke opgjort');
    expect(localNumbers('career n/a, partnership n/a / n/a', 'da')).toBe('career ikke opgjort, partnership ikke opgjort / ikke opgjort');
    // a path or a word that merely contains the letters stays as it is
    expect(localNumbers('docs/n/a.md, min/avg', 'da')).toBe('docs/n/a.md, min/avg');
    expect(localNumbers('n/a', 'en')).toBe('n/a');
    const dir = mkdtempSync(join(tmpdir(), 'nabolag-tiny-'));
    const file = join(dir, 'tiny.yaml');
    writeFileSync(file, 'name: tiny\nestates:\n  - name: tiny\n    flats: 20\n');
    const tiny = await reportResults([file, file], { replications: 1, years: 1 });
    const da = JSON.stringify(reportInput(tiny, [], '/nowhere', { lang: 'da', patterns: checkPatterns }));
    // the patterns' details of an estate where no resource-strong family moved out, and the intervals of one replication
    expect(da).toMatch(/boligkarriere ikke opgjort, samliv ikke opgjort/);
    expect(da).toMatch(/"95 %-KI".*"ikke opgjort","ikke opgjort"/);
    expect(da).not.toMatch(/\bn\/a\b|\bi\.t\./);
    // a scenario no resource-strong family left has no share of short stays, in neither language
    expect(da).toMatch(/Ingen ressourcestærk børnefamilie flyttede ud i løbet af det ene år/);
    const en = JSON.stringify(reportInput(tiny, [], '/nowhere', { lang: 'en', patterns: checkPatterns }));
    expect(en).toContain('career n/a, partnership n/a');
    expect(en).not.toMatch(/n\/a \(n\/a-n\/a\)/);
  }, 60_000);
});
