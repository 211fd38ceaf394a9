/**
 * Counts in the report's subtitle, chart subtitles and appendix agree with their nouns: a run of
 * one replication of one year is not "1 replications × 1 years".
 */
import { describe, expect, it } from 'vitest';
import { texts } from '../../src/report/i18n.js';

describe('one replication, one year', () => {
  it('English: "1 replication × 1 year", "1 replication, row", "after 1 simulated year"; plurals from 2', () => {
    const t = texts('en');
    expect(t.subtitle(1, 1, 2026, 2026, 7, '0.0.0')).toBe('1 replication × 1 year (2026-2026), base seed 7, nabolag 0.0.0');
    expect(t.subtitle(3, 15, 2026, 2040, 7, '0.0.0')).toBe('3 replications × 15 years (2026-2040), base seed 7, nabolag 0.0.0');
    expect(t.chart.runLabel(1, 'small', 1, 'small')).toBe('scenario small, 1 replication, row "small"');
    expect(t.chart.runLabelEstates(2, 'region', 1)).toBe('2 scenarios, 1 replication, each estate of the region');
    expect(t.runHow(2026, 2027, 1, 'small', false)).toContain('the state after 1 simulated year)');
  });

  it('Danish: "1 gentagelse × 1 år", "1 gentagelse, række"; "gentagelser" from 2', () => {
    const t = texts('da');
    expect(t.subtitle(1, 1, 2026, 2026, 7, '0.0.0')).toBe('1 gentagelse × 1 år (2026-2026), basisfrø 7, nabolag 0.0.0');
    expect(t.subtitle(4, 15, 2026, 2040, 7, '0.0.0')).toBe('4 gentagelser × 15 år (2026-2040), basisfrø 7, nabolag 0.0.0');
    expect(t.chart.runLabel(1, 'lille', 1, 'lille')).toBe('scenariet lille, 1 gentagelse, række "lille"');
    expect(t.chart.runLabelEstates(1, 'region', 1)).toBe('scenariet region, 1 gentagelse, hver afdeling i regionen');
  });
});
