/**
 * buildHtmlReport (src/report/html.ts) without a browser: an invalid chart spec is an error naming
 * the chart, unless the caller says the specs were compiled already (as writeChartsAndReport,
 * which renders every chart in strict mode first, does).
 */
import { describe, it, expect } from 'vitest';
import type { TopLevelSpec } from 'vega-lite';
import { buildHtmlReport } from '../../src/report/html.js';

const bad = { data: { values: [{ x: 1 }] }, mark: 'lnie', encoding: { x: { field: 'x', type: 'quantitative' } } } as unknown as TopLevelSpec;
const input = { title: 'T', sections: [{ id: 's', heading: 'S', chart: { id: 'broken-chart', spec: bad, caption: 'c' } }] };

describe('buildHtmlReport', () => {
  it('compiles each chart spec and names the chart of an invalid one', async () => {
    await expect(buildHtmlReport(input)).rejects.toThrow(/Chart "broken-chart": invalid Vega-Lite spec: unknown mark type "lnie"/);
  });

  it('does not compile the specs again when told they were (chartsCompiled), and embeds them as given', async () => {
    const html = await buildHtmlReport({ ...input, chartsCompiled: true });
    expect(html).toContain('data-nabolag-chart="broken-chart"');
    expect(html).toContain('"mark":"lnie"');
  });
});
