/**
 * Sentences of a run of one year: "during the 1 years" and "i løbet af de 1 år" read wrong (an
 * outside trial with -y 1).
 */
import { describe, expect, it } from 'vitest';
import { texts } from '../../src/report/i18n.js';

describe('a run of one year', () => {
  it('is one year in the findings, in English and in Danish', () => {
    const en = texts('en').findingsText;
    const da = texts('da').findingsText;
    expect(en.noLeavers('', 1)).toBe('No resource-strong family with children moved out during the one year.');
    expect(en.noLeavers('', 15)).toBe('No resource-strong family with children moved out during the 15 years.');
    expect(da.noLeavers('', 1)).toBe('Ingen ressourcestærk børnefamilie flyttede ud i løbet af det ene år.');
    expect(da.noLeavers('', 15)).toBe('Ingen ressourcestærk børnefamilie flyttede ud i løbet af de 15 år.');
    expect(en.stays(1, 2, 'x')).toMatch(/^Of the resource-strong families with children who moved out during the one year, /);
    expect(da.stays(1, 2, 'x')).toMatch(/i løbet af det ene år, andelen/);
    expect(en.stay('', '3', 1, '40%', 2)).toContain('(3 per replication over 1 year)');
    expect(texts('da').runHow(2026, 2027, 1, 'x', false)).toContain('tilstanden efter 1 simuleret år');
    expect(texts('da').runHow(2026, 2041, 15, 'x', false)).toContain('tilstanden efter 15 simulerede år');
  });
});
