/**
 * Charts and the HTML report of a run or a comparison, written into the output folder.
 *
 * Pipeline (called by the engine as `RunInfo.extraOutputs`, before the folder is renamed
 * into place):
 *   1. charts    — Vega-Lite specs from the results                 (report/charts/)
 *   2. render    — each spec as `charts/<id>.vl.json`, `.svg`, `.png` (report/render.ts), with
 *                  text measured in the bundled DejaVu fonts          (report/fonts.ts)
 *   3. findings  — plain-language sentences generated from the numbers (report/findings.ts,
 *                  numbers in words by report/format.ts)
 *   4. report    — the sections (report/sections.ts) as `report.html`, self-contained and
 *                  offline                                             (report/html.ts)
 *
 * Deterministic: the same results give byte-identical files (no dates, no timings, no paths).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Results } from '../output/pipeline.js';
import { type ChartDef, buildCharts } from './charts/index.js';
import { useDejaVuTextMetrics } from './fonts.js';
import { buildHtmlReport } from './html.js';
import { isSchellingRun, schellingCharts } from './schelling.js';
import { renderPng, renderPngAsync, renderSvg } from './render.js';
import { type ReportOptions, reportInput } from './sections.js';

export { useDejaVuTextMetrics } from './fonts.js';
export { fmtBand, fmtDiff, fmtValue } from './format.js';
export { type FindingGroup, findingGroups, findings } from './findings.js';
export { type PatternCheck, type ReportOptions, reportInput } from './sections.js';

/** Render one chart to SVG and PNG (text measured in the bundled fonts). */
export async function renderChart(chart: ChartDef): Promise<{ svg: string; png: Buffer }> {
  const svg = await chartSvg(chart);
  return { svg, png: renderPng(svg) };
}

/** A chart's SVG (text measured in the bundled fonts). */
async function chartSvg(chart: ChartDef): Promise<string> {
  await useDejaVuTextMetrics();
  return renderSvg(chart.spec, { name: chart.id, strict: true });
}

/**
 * Write `charts/<id>.vl.json`, `.svg` and `.png` for every chart and `report.html` into `dir`.
 * Returns the file names written, relative to `dir`.
 *
 * @example
 * await runToDirectory(sc, 'output/default', { extraOutputs: (dir, r) => writeChartsAndReport(dir, r) });
 */
export async function writeChartsAndReport(dir: string, results: Results, options: ReportOptions = {}): Promise<string[]> {
  const charts = [...(options.extraCharts ?? []), ...(isSchellingRun(results) ? schellingCharts(results, options.lang) : buildCharts(results, options.lang))];
  const written = await writeCharts(dir, charts);
  // every chart compiled without errors or warnings when it was rendered (strict mode)
  const html = await buildHtmlReport({ ...reportInput(results, charts, dir, options), chartsCompiled: true });
  await writeFile(join(dir, 'report.html'), html);
  written.push('report.html');
  return written;
}

/** Write charts as `charts/<id>.vl.json`, `.svg` and `.png`; returns the files written. */
export async function writeCharts(dir: string, charts: ChartDef[]): Promise<string[]> {
  await mkdir(join(dir, 'charts'), { recursive: true });
  const written: string[] = [];
  // each chart's PNG is rasterised on the thread pool while the main thread lays out the next
  // charts (about a third of a default run's time went to rasterising, one chart after another)
  const pngs: Promise<Buffer>[] = [];
  for (const c of charts) {
    const svg = await chartSvg(c);
    const png = renderPngAsync(svg);
    png.catch(() => {}); // a failure is reported where the PNG is awaited below, not as unhandled
    pngs.push(png);
    const stem = `charts/${c.id}`;
    await writeFile(join(dir, `${stem}.vl.json`), JSON.stringify(c.spec, null, 1) + '\n');
    await writeFile(join(dir, `${stem}.svg`), svg);
  }
  for (let k = 0; k < charts.length; k++) {
    const stem = `charts/${charts[k]!.id}`;
    await writeFile(join(dir, `${stem}.png`), await pngs[k]!);
    written.push(`${stem}.vl.json`, `${stem}.svg`, `${stem}.png`);
  }
  return written;
}
