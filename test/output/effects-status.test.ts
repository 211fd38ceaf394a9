/**
 * effects.csv's list status (src/output/csv.ts, src/analysis/compare.ts): `listStatusCode` is a
 * code, so its mean over replications (2 for five prevention areas, one ghetto and two hard) is
 * no status. The row keeps that mean for the scripts that read it and adds the status of most
 * replications and the share of replications in each status, on both sides; other rows leave
 * those cells empty.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Effect, modalStatus } from '../../src/analysis/compare.js';
import { EFFECTS_HEADER, effectsRows } from '../../src/output/csv.js';
import { reportResults } from '../helpers/ensemble.js';

const effect = (metric: string, statuses?: Effect['statuses']): Effect => ({
  variant: 'v',
  row: 'e',
  metric,
  unit: 'code',
  year: 2031,
  baseline: 2,
  value: 1.375,
  difference: -0.625,
  p5: -2.65,
  p95: 0,
  ciLow: -1.6,
  ciHigh: 0.4,
  sd: 1.2,
  ...(statuses ? { statuses } : {}),
});

describe('the list status in effects.csv', () => {
  it('has a header that keeps every old column in place and adds the statuses after them', () => {
    expect(EFFECTS_HEADER.slice(0, 12)).toEqual([
      'variant',
      'estate',
      'metric',
      'unit',
      'year',
      'baseline',
      'variantValue',
      'difference',
      'differenceP5',
      'differenceP95',
      'ciLow',
      'ciHigh',
    ]);
    expect(EFFECTS_HEADER.slice(12)).toEqual([
      'baselineStatus',
      'variantStatus',
      'baselineShareNone',
      'baselineSharePrevention',
      'baselineShareUdsat',
      'baselineShareGhetto',
      'baselineShareHard',
      'variantShareNone',
      'variantSharePrevention',
      'variantShareUdsat',
      'variantShareGhetto',
      'variantShareHard',
    ]);
  });

  it('writes the most common status and the shares on the listStatusCode row, empty cells on the others', () => {
    const rows = effectsRows({
      effects: [effect('listStatusCode', { baseline: [0, 5, 0, 1, 2], value: [0, 7, 0, 0, 1] }), effect('image')],
    })
      .trim()
      .split('\n')
      .map((l) => l.split(','));
    for (const r of rows) expect(r).toHaveLength(EFFECTS_HEADER.length);
    const cell = (r: string[], col: string) => r[EFFECTS_HEADER.indexOf(col)];
    // the old columns as before: the mean of the codes
    expect(cell(rows[0]!, 'baseline')).toBe('2');
    expect(cell(rows[0]!, 'variantValue')).toBe('1.375');
    expect(cell(rows[0]!, 'baselineStatus')).toBe('prevention');
    expect(cell(rows[0]!, 'variantStatus')).toBe('prevention');
    expect(rows[0]!.slice(14)).toEqual(['0', '0.625', '0', '0.125', '0.25', '0', '0.875', '0', '0', '0.125']);
    expect(rows[1]!.slice(12)).toEqual(Array(12).fill(''));
  });

  it('gives a tie to the more severe status', () => {
    expect(modalStatus([2, 0, 2, 0, 0])).toBe('udsat');
    expect(modalStatus([3, 0, 0, 0, 0])).toBe('none');
    expect(modalStatus([1, 1, 0, 0, 2])).toBe('hard');
  });

  it("counts each replication's status in December of the last year, on both sides of a comparison", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nabolag-effects-status-'));
    // an estate near the list's thresholds: after 6 years the replications differ in status
    const base = join(dir, 'mixed.yaml');
    writeFileSync(
      base,
      'name: mixed\nestates:\n  - name: mixed\n    flats: 900\n    population:\n      resourceStrongShare: 0.35\n      nonWesternShare: 0.55\n',
    );
    const variant = join(dir, 'mixed-ext.yaml');
    writeFileSync(
      variant,
      'extends: mixed.yaml\nname: mixed-ext\npolicies:\n  - lever: extension\n    from: 2027\n    group: resourceStrongFamilies\n    factor: 0.5\n',
    );
    const results = await reportResults([base, variant], { replications: 4, years: 6 });
    const e = results.comparison!.effects.find((x) => x.metric === 'listStatusCode')!;
    const n = (c: number[]) => c.reduce((a, b) => a + b, 0);
    expect(n(e.statuses!.baseline)).toBe(4);
    expect(n(e.statuses!.value)).toBe(4);
    // the mean of the codes the old columns hold is the mean of these counts' codes
    const mean = (c: number[]) => c.reduce((a, k, code) => a + k * code, 0) / n(c);
    expect(e.baseline).toBeCloseTo(mean(e.statuses!.baseline), 9);
    expect(e.value).toBeCloseTo(mean(e.statuses!.value), 9);
    // statuses that differ between replications, as the report's list-status chart counts them
    expect(e.statuses!.baseline.filter((c) => c > 0).length + e.statuses!.value.filter((c) => c > 0).length).toBeGreaterThan(2);
    // only the list status carries them
    expect(results.comparison!.effects.filter((x) => x.statuses).map((x) => x.metric)).toEqual(['listStatusCode']);
    // summary.json's comparison.effects: every key documented, under the names it has there
    const usage = readFileSync('docs/usage.md', 'utf8').replace(/\s+/g, ' ');
    expect(Object.keys(e).filter((k) => !usage.includes('`' + k + '`'))).toEqual([]);
    expect(usage).toContain('`row` for `estate`, `value` for `variantValue`');
  }, 180_000);
});
