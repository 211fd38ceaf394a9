/**
 * The Danish report's wording: the per cent sign after a space ("45 %", as Danish writes it) in
 * every finding whichever helper formatted the number, and "basisfrø" for the base seed.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { reportResults } from '../helpers/ensemble.js';
import type { Results } from '../../src/output/pipeline.js';
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
});
