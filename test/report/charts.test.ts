/**
 * The chart builders of src/report/charts/ on real (small) results: every spec compiles with
 * vega-lite without warnings and renders to SVG; titles and units come from METRICS; the PNG
 * has text; the same results give identical specs, SVG and PNG bytes.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { decodePng } from '../helpers/png.js';
import type { Results } from '../../src/output/pipeline.js';
import { alignForComparison, resolve } from '../../src/output/pipeline.js';
import { runEnsemble } from '../../src/engine/ensemble.js';
import { summarize } from '../../src/analysis/summary.js';
import { compareEnsembles } from '../../src/analysis/compare.js';
import { loadScenario } from '../../src/scenario/load.js';
import { METRICS } from '../../src/model/reporters.js';
import { LIST_STATUS_NAMES } from '../../src/model/codes.js';
import { MAP_TYPES } from '../../src/model/simulate.js';
import {
  AREA_LEVELS,
  COMPOSITION,
  type ChartDef,
  LIST_CRITERIA,
  MAP_YEAR_PARAM,
  VL_SCHEMA,
  areaChart,
  buildCharts,
  compositionChart,
  differenceChart,
  flowsChart,
  listCriteriaChart,
  listStatusChart,
  mapChart,
  metricTitle,
  metricUnit,
  scenarioData,
} from '../../src/report/charts/index.js';
import { compileSpec } from '../../src/report/render.js';
import { renderChart } from '../../src/report/report.js';

const OVERRIDES = { replications: 3, years: 3 };

async function results(files: string[]): Promise<Results> {
  const scs = files.map((f) => resolve(loadScenario(f), OVERRIDES, f));
  const all = [
    scs[0]!,
    ...alignForComparison(
      scs[0]!,
      scs.slice(1).map((scenario, i) => ({ scenario, file: files[i + 1]! })),
    ),
  ];
  const ensembles = [];
  for (const sc of all) ensembles.push(await runEnsemble(sc, { workers: 1 }));
  if (ensembles.length === 1) return { ensembles, summary: summarize(all[0]!.name, all[0]!.startYear, ensembles[0]!.replications) };
  const comparison = compareEnsembles(ensembles[0]!, ensembles.slice(1));
  return { ensembles, summary: comparison.summaries[all[0]!.name]!, comparison };
}

let single: Results;
let compared: Results;

beforeAll(async () => {
  single = await results(['scenarios/default.yaml']);
  compared = await results(['scenarios/default.yaml', 'scenarios/packages/extension.yaml']);
}, 120_000);

const titleText = (spec: { title?: unknown }): string => {
  const t = spec.title as { text: string | string[] } | string;
  const text = typeof t === 'string' ? t : t.text;
  return (Array.isArray(text) ? text : [text]).filter((l) => l !== '\u200b').join(' ');
};

/** The description of a metric without anything in brackets. */
const plainDescription = (name: string): string => METRICS.find((m) => m.name === name)!.description.replace(/\s*\([^)]*\)/g, '');

describe('chart specs', () => {
  it('buildCharts makes every chart: 11 for a run, 13 for a comparison (the forest plot and the difference chart)', () => {
    const ids = buildCharts(single).map((c) => c.id);
    expect(ids).toEqual([
      'trajectory-resourceStrongShare',
      'trajectory-familiesWithChildren',
      'trajectory-resourceStrongFamilies',
      'flows',
      'exits-by-reason',
      'stay-lengths',
      'movers-by-status',
      'image-problems-crime',
      'list-criteria',
      'list-status',
      'estate-map',
    ]);
    const cids = buildCharts(compared).map((c) => c.id);
    expect(cids).toEqual([...ids.slice(0, 3), 'forest-plot', 'difference-to-baseline', ...ids.slice(3)]);
    expect(differenceChart(single, scenarioData(single))).toBeNull();
  });

  for (const [label, get] of [
    ['a run', () => single],
    ['a comparison', () => compared],
  ] as const) {
    it(`every spec of ${label} declares the schema, embeds its data, compiles without warnings and renders to SVG`, async () => {
      for (const c of buildCharts(get())) {
        expect(c.id).toMatch(/^[A-Za-z][A-Za-z0-9-]*$/);
        expect(c.spec.$schema, c.id).toBe(VL_SCHEMA);
        expect(c.caption.length, c.id).toBeGreaterThan(40);
        expect((c.spec as { description?: string }).description, c.id).toBe(c.caption);
        const json = JSON.stringify(c.spec);
        expect(json, c.id).not.toMatch(/"url"\s*:/);
        expect(json, c.id).toContain('"values"');
        expect(json, c.id).not.toContain('"temporal"');
        await compileSpec(c.spec, { name: c.id, strict: true });
        const { svg } = await renderChart(c);
        expect(svg.startsWith('<svg'), c.id).toBe(true);
        expect(svg, c.id).toContain('font-family="DejaVu Sans"');
        expect(svg, c.id).toMatch(/<path|<rect/);
      }
    }, 120_000);
  }
});

describe('titles, units and descriptions come from METRICS', () => {
  it('composition charts: title from the description, y axis from the unit, caption quotes the description', async () => {
    const sds = scenarioData(compared);
    for (const name of COMPOSITION) {
      const c = compositionChart(sds, name);
      const m = METRICS.find((x) => x.name === name)!;
      expect(titleText(c.spec)).toBe(metricTitle(name));
      expect(plainDescription(name).startsWith(metricTitle(name))).toBe(true);
      const layer = (c.spec as unknown as { layer: { encoding: { y: { title: string } } }[] }).layer;
      for (const l of layer) expect(l.encoding.y.title.toLowerCase()).toBe(m.unit.toLowerCase());
      expect(c.caption).toContain(m.description);
      const { svg } = await renderChart(c);
      expect(svg).toContain(`aria-label="Title text '${metricTitle(name)}'"`);
    }
  });

  it('panel titles of the area and list charts come from METRICS too', () => {
    const sds = scenarioData(single);
    const panels = (c: ChartDef, key: 'hconcat' | 'concat') =>
      (c.spec as unknown as Record<string, { title: { text: string[] } }[]>)[key]!.map((p) => titleText(p));
    expect(panels(areaChart(sds), 'hconcat')).toEqual(AREA_LEVELS.map(metricTitle));
    expect(panels(listCriteriaChart(sds), 'concat')).toEqual(LIST_CRITERIA.map((c) => metricTitle(c.name)));
    for (const n of [...AREA_LEVELS, ...LIST_CRITERIA.map((c) => c.name)]) expect(plainDescription(n).startsWith(metricTitle(n))).toBe(true);
  });

  it('flows are shown per year, in the unit of METRICS with "per month" summed to "per year"', () => {
    expect(metricUnit('moveOuts')).toBe(METRICS.find((m) => m.name === 'moveOuts')!.unit.replace('per month', 'per year'));
    expect(JSON.stringify(flowsChart(scenarioData(single)).spec)).toContain(`"title":"${metricUnit('moveIns').replace(/^./, (c) => c.toUpperCase())}"`);
  });

  it('list criteria carry their thresholds; the status timeline uses LIST_STATUS_NAMES; the map uses MAP_TYPES and a year slider', () => {
    const sds = scenarioData(single);
    const crit = JSON.stringify(listCriteriaChart(sds).spec);
    for (const v of ['"value":0.4', '"value":3', '"value":0.6', '"value":0.55']) expect(crit).toContain(v);
    const status = listStatusChart(sds).spec as unknown as { encoding: { color: { scale: { domain: string[] } } } };
    expect(status.encoding.color.scale.domain).toEqual([...LIST_STATUS_NAMES]);
    const map = mapChart(sds)!.spec as unknown as {
      params: { name: string; value: number; bind: { input: string; min: number; max: number } }[];
      vconcat: { encoding: { color: { scale: { domain: string[] } } } }[];
    };
    expect(map.params[0]).toMatchObject({ name: MAP_YEAR_PARAM, value: 2029, bind: { input: 'range', min: 2026, max: 2029 } });
    expect(map.vconcat[0]!.encoding.color.scale.domain).toEqual([...MAP_TYPES]);
  });
});

// ---- PNG checks (a small strict decoder, as in render.test.ts) -------------------------------

function darkPixels(img: { width: number; height: number; pixels: Buffer }, x0: number, y0: number, x1: number, y1: number): number {
  let n = 0;
  for (let y = y0; y < Math.min(y1, img.height); y++)
    for (let x = x0; x < Math.min(x1, img.width); x++) {
      const i = (y * img.width + x) * 4;
      if (img.pixels[i]! < 110 && img.pixels[i + 1]! < 110 && img.pixels[i + 2]! < 110) n++;
    }
  return n;
}

describe('PNG', () => {
  it('has the title drawn: dark glyph pixels in the title area, gone when the title text is removed', async () => {
    const c = compositionChart(scenarioData(single), 'resourceStrongShare');
    const { svg, png } = await renderChart(c);
    const img = decodePng(png); // scale 2
    expect(img.width).toBeGreaterThan(800);
    expect(darkPixels(img, 0, 0, 900, 60)).toBeGreaterThan(500);
    const title = metricTitle('resourceStrongShare');
    const noTitle = svg.replace(new RegExp(`(<text[^>]*>)${title}(</text>)`), '$1$2');
    expect(noTitle).not.toBe(svg);
    const { renderPng } = await import('../../src/report/render.js');
    const blank = decodePng(renderPng(noTitle));
    expect(darkPixels(blank, 0, 0, 900, 50)).toBeLessThan(darkPixels(img, 0, 0, 900, 50) / 10);
  });

  it('text is measured in the bundled fonts: no chart is much wider than its content', async () => {
    // Vega's fallback estimate (0.8 em per character) would make a long subtitle set the width.
    const c = compositionChart(scenarioData(compared), 'resourceStrongShare');
    const { svg } = await renderChart(c);
    const width = Number(/width="(\d+)"/.exec(svg)![1]);
    expect(width).toBeLessThan(600); // plot 480 + axis + padding
  });
});

describe('determinism', () => {
  it('the same results give identical specs, SVG and PNG bytes', async () => {
    const a = buildCharts(compared);
    const b = buildCharts(compared);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    for (const id of ['trajectory-resourceStrongShare', 'estate-map', 'list-criteria']) {
      const ca = a.find((c) => c.id === id)!;
      const cb = b.find((c) => c.id === id)!;
      const ra = await renderChart(ca);
      const rb = await renderChart(cb);
      expect(rb.svg, id).toBe(ra.svg);
      expect(rb.png.equals(ra.png), id).toBe(true);
    }
  });

  it('the same scenario run again gives identical specs', async () => {
    const again = await results(['scenarios/default.yaml']);
    expect(JSON.stringify(buildCharts(again).map((c) => c.spec))).toBe(JSON.stringify(buildCharts(single).map((c) => c.spec)));
  }, 60_000);
});
