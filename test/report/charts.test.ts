/**
 * The chart builders of src/report/charts/ on real (small) results: every spec compiles with
 * vega-lite without warnings and renders to SVG; titles and units come from METRICS; the PNG
 * has text; the same results give identical specs, SVG and PNG bytes.
 */
import { reportResults } from '../helpers/ensemble.js';
import { describe, it, expect, beforeAll } from 'vitest';
import { decodePng } from '../helpers/png.js';
import type { Results } from '../../src/output/pipeline.js';
import { METRICS, METRIC_INDEX } from '../../src/model/reporters.js';
import { flowTotal } from '../../src/report/charts/data.js';
import { evenYears, labelSides } from '../../src/report/charts/list.js';
import { LIST_STATUS_NAMES } from '../../src/model/codes.js';
import {
  AREA_LEVELS,
  COMPOSITION,
  type ChartDef,
  LIST_CRITERIA,
  MAP_YEAR_PARAM,
  VL_SCHEMA,
  CHANNEL_FLOWS,
  areaChart,
  buildCharts,
  channelChart,
  channelShares,
  compositionChart,
  differenceChart,
  flowsChart,
  listCriteriaChart,
  listStatusChart,
  localNumbers,
  mapChart,
  metricLabel,
  metricUnit,
  scenarioData,
} from '../../src/report/charts/index.js';
import { DA_METRIC_LABELS } from '../../src/report/i18n.js';
import { compileSpec } from '../../src/report/render.js';
import { renderChart, useDejaVuTextMetrics } from '../../src/report/report.js';
import { fmtInt } from '../../src/report/format.js';

const OVERRIDES = { replications: 3, years: 3 };

const results = (files: string[]): Promise<Results> => reportResults(files, OVERRIDES);

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

describe('chart specs', () => {
  it('buildCharts makes every chart: 13 for a run, 15 for a comparison (the forest plot and the difference chart)', () => {
    const ids = buildCharts(single).map((c) => c.id);
    expect(ids).toEqual([
      'trajectory-resourceStrongShare',
      'trajectory-familiesWithChildren',
      'trajectory-resourceStrongFamilies',
      'flows',
      'exits-by-reason',
      'stay-lengths',
      'movers-by-status',
      'in-movers-by-channel',
      'image-problems-crime',
      'spiral-image-composition',
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

describe('the in-movers by letting channel', () => {
  it("each channel's share is the mean over replications of its resource-strong in-movers over its lettings, and a channel that let nothing is left out", () => {
    const sds = scenarioData(compared);
    const c = channelChart(sds);
    const values = (c.spec as unknown as { data: { values: { scenario: string; channel: string; mean: number; lettings: number }[] } }).data.values;
    for (const sd of sds) {
      const shares = channelShares(sd);
      CHANNEL_FLOWS.forEach((f, g) => {
        const per = sd.ensemble.replications
          .map((r) => [flowTotal(r, sd.rowIndex, METRIC_INDEX[f.strong]!), flowTotal(r, sd.rowIndex, METRIC_INDEX[f.lettings]!)] as const)
          .filter(([, n]) => n > 0)
          .map(([k, n]) => k / n);
        const row = values.find((v) => v.scenario === sd.name && v.channel === ['Municipal allocation', 'Flexible letting', 'Waiting list'][g]);
        if (per.length === 0) {
          expect(shares[g]!.lettings).toBe(0);
          expect(row).toBeUndefined();
        } else {
          expect(shares[g]!.share.mean).toBeCloseTo(per.reduce((x, y) => x + y, 0) / per.length, 12);
          expect(row!.mean).toBeCloseTo(shares[g]!.share.mean, 6);
        }
      });
    }
    // the default estate lets through municipal allocation and the waiting list
    expect(values.filter((v) => v.scenario === 'default').map((v) => v.channel)).toEqual(['Municipal allocation', 'Waiting list']);
  });

  it('each bar says how many lettings its share rests on: n, the mean lettings per replication, in the data, on the bar and in the tooltip', async () => {
    for (const lang of ['en', 'da'] as const) {
      const sds = scenarioData(compared);
      const c = channelChart(sds, lang);
      const spec = c.spec as unknown as {
        data: { values: { scenario: string; channel: string; lettings: number; count: string }[] };
        layer: { mark: { type: string }; encoding: { text?: { field: string }; tooltip?: { field: string }[] } }[];
      };
      const names = lang === 'en' ? ['Municipal allocation', 'Flexible letting', 'Waiting list'] : ['Kommunal anvisning', 'Fleksibel udlejning', 'Venteliste'];
      expect(spec.data.values.length).toBeGreaterThan(0);
      for (const v of spec.data.values) {
        const sd = sds.find((x) => x.name === v.scenario)!;
        const f = CHANNEL_FLOWS[names.indexOf(v.channel)]!;
        const reps = sd.ensemble.replications;
        const mean = reps.reduce((a, r) => a + flowTotal(r, sd.rowIndex, METRIC_INDEX[f.lettings]!), 0) / reps.length;
        expect(mean).toBeGreaterThan(0);
        expect(v.lettings).toBeCloseTo(mean, 3);
        expect(v.count).toBe(`n = ${Math.round(mean)}`);
      }
      expect(spec.layer.filter((l) => l.mark.type === 'text').map((l) => l.encoding.text!.field)).toEqual(['mean', 'count']);
      expect(spec.layer[0]!.encoding.tooltip!.map((t) => t.field)).toContain('lettings');
      expect(c.caption).toContain(lang === 'en' ? 'n is the mean number of lettings per replication' : 'n det gennemsnitlige antal udlejninger pr. gentagelse');
      await compileSpec(c.spec, { name: c.id, strict: true });
      const { svg } = await renderChart(c);
      for (const v of spec.data.values) expect(svg).toContain(`>${v.count}</text>`);
    }
    // thousands in the count are grouped as the language writes them
    expect(localNumbers(fmtInt(1234.4), 'da')).toBe('1.234');
  }, 120_000);
});

describe('the list status chart', () => {
  /** The year labels of the drawn chart (text measured in the bundled fonts), in chart coordinates. */
  async function yearLabels(c: ChartDef): Promise<{ text: string; x1: number; x2: number; y: number }[]> {
    await useDejaVuTextMetrics();
    const vega = await import('vega');
    const view = new vega.View(vega.parse(await compileSpec(c.spec, { name: c.id })), { renderer: 'none' });
    await view.runAsync();
    const out: { text: string; x1: number; x2: number; y: number }[] = [];
    type Item = { x?: number; y?: number; text?: unknown; bounds?: { x1: number; x2: number; y1: number }; items?: Mark[] };
    type Mark = { marktype: string; role?: string; items: Item[] };
    const walk = (mark: Mark, dx: number, dy: number) => {
      for (const item of mark.items) {
        if (mark.role === 'axis-label' && typeof item.text === 'string' && /^\d{4}$/.test(item.text)) {
          out.push({ text: item.text, x1: dx + item.bounds!.x1, x2: dx + item.bounds!.x2, y: Math.round(dy + item.bounds!.y1) });
        }
        if (mark.marktype === 'group') for (const m of item.items ?? []) walk(m, dx + (item.x ?? 0), dy + (item.y ?? 0));
      }
    };
    walk((view.scenegraph() as unknown as { root: Mark }).root, 0, 0);
    view.finalize();
    return out;
  }

  for (const [label, get] of [
    ['a run', () => single],
    ['a comparison', () => compared],
  ] as const) {
    it(`the year labels of neighbouring panels of ${label} stay apart (at least 6 px), in both languages`, async () => {
      for (const lang of ['en', 'da'] as const) {
        const labels = await yearLabels(listStatusChart(scenarioData(get()), lang));
        // evenly spaced labels, at least three per panel, one row of panels
        expect(labels.length).toBeGreaterThanOrEqual(9);
        expect(new Set(labels.map((l) => l.y)).size).toBe(1);
        const sorted = [...labels].sort((a, b) => a.x1 - b.x1);
        for (let i = 1; i < sorted.length; i++)
          expect(sorted[i]!.x1 - sorted[i - 1]!.x2, `${sorted[i - 1]!.text} | ${sorted[i]!.text}`).toBeGreaterThanOrEqual(6);
      }
    }, 60_000);
  }
});

describe('evenYears (the list status panels)', () => {
  it('labels the years from the first at equal, nice steps, at most 3 of them', () => {
    expect(evenYears(2026, 2041)).toEqual([2026, 2031, 2036, 2041]);
    expect(evenYears(2026, 2036)).toEqual([2026, 2031, 2036]);
    expect(evenYears(2026, 2029)).toEqual([2026, 2027, 2028, 2029]);
    expect(evenYears(2026, 2030)).toEqual([2026, 2028, 2030]);
    expect(evenYears(2026, 2066)).toEqual([2026, 2046, 2066]);
    expect(evenYears(2026, 2026)).toEqual([2026]);
    for (const [a, b] of [
      [2026, 2033],
      [2020, 2097],
      [2026, 2027],
    ] as const) {
      const v = evenYears(a, b);
      expect(v[0]).toBe(a);
      expect(v.length - 1).toBeLessThanOrEqual(3);
      expect(new Set(v.slice(1).map((y, i) => y - v[i]!)).size).toBeLessThanOrEqual(1);
      expect(v.at(-1)!).toBeLessThanOrEqual(b);
    }
  });
});

describe('labelSides (the list criteria thresholds)', () => {
  const pt = (year: number, mean: number) => ({ year, mean, p5: mean - 0.01, p95: mean + 0.01 });
  it('puts a label above its line, or below where a line of the estates runs just above it and below is free', () => {
    const far = [pt(2026, 0.85), pt(2030, 0.86)];
    expect(labelSides([{ value: 0.55 }], far, 2033).map((r) => r.side)).toEqual(['above']);
    const near = [pt(2026, 0.69), pt(2030, 0.7), pt(2040, 0.2)];
    expect(labelSides([{ value: 0.65 }], near, 2033).map((r) => r.side)).toEqual(['below']);
    // the line near the threshold only after the years the label spans: above
    expect(labelSides([{ value: 0.65 }], [pt(2026, 0.9), pt(2040, 0.69)], 2033).map((r) => r.side)).toEqual(['above']);
    // both sides taken by lines: above, as before
    expect(labelSides([{ value: 0.65 }], [pt(2026, 0.69), pt(2027, 0.61)], 2033).map((r) => r.side)).toEqual(['above']);
    // a line just above, only a light band just below: below, onto the band (outside work at 42%, its band down to 38%)
    const band = [{ year: 2026, mean: 0.425, p5: 0.38, p95: 0.44 }];
    expect(labelSides([{ value: 0.4 }, { value: 0.3 }], band, 2033).map((r) => r.side)).toEqual(['below', 'above']);
  });
  it("two thresholds close together: their labels do not run into each other (the income ratio's 0.55 and 0.65)", () => {
    const near = [pt(2026, 0.71), pt(2030, 0.69), pt(2026, 0.85)];
    expect(labelSides([{ value: 0.55 }, { value: 0.65 }], near, 2033).map((r) => r.side)).toEqual(['below', 'below']);
    expect(labelSides([{ value: 0.55 }, { value: 0.65 }], [pt(2026, 0.85)], 2033).map((r) => r.side)).toEqual(['above', 'above']);
  });
});

describe('titles, units and descriptions come from METRICS', () => {
  it('composition charts: title from the metric label, y axis from the unit, caption quotes the description', async () => {
    const sds = scenarioData(compared);
    for (const name of COMPOSITION) {
      const c = compositionChart(sds, name);
      const m = METRICS.find((x) => x.name === name)!;
      expect(m.label).toBeDefined();
      expect(titleText(c.spec)).toBe(metricLabel(name));
      expect(metricLabel(name)).toBe(m.label);
      const layer = (c.spec as unknown as { layer: { encoding: { y: { title: string } } }[] }).layer;
      for (const l of layer) expect(l.encoding.y.title.toLowerCase()).toBe(m.unit.toLowerCase());
      expect(c.caption).toContain(m.description);
      const { svg } = await renderChart(c);
      expect(svg).toContain(`aria-label="Title text '${metricLabel(name)}'"`);
    }
  });

  it('a Danish chart has the Danish label, axes and number format', () => {
    const c = compositionChart(scenarioData(compared), 'resourceStrongShare', 'da');
    expect(titleText(c.spec)).toBe(DA_METRIC_LABELS.resourceStrongShare);
    const spec = JSON.stringify(c.spec);
    expect(spec).toContain('"title":"År (tilstand 1. januar)"');
    expect(spec).toContain('"decimal":","');
  });

  it('panel titles of the area and list charts are the metric labels', () => {
    const sds = scenarioData(single);
    const panels = (c: ChartDef, key: 'hconcat' | 'concat') =>
      (c.spec as unknown as Record<string, { title: { text: string[] } }[]>)[key]!.map((p) => titleText(p));
    expect(panels(areaChart(sds), 'hconcat')).toEqual(AREA_LEVELS.map((n) => metricLabel(n)));
    expect(panels(listCriteriaChart(sds), 'concat')).toEqual(LIST_CRITERIA.map((c) => metricLabel(c.name)));
    for (const n of [...AREA_LEVELS, ...LIST_CRITERIA.map((c) => c.name)]) expect(METRICS.find((m) => m.name === n)!.label).toBeDefined();
  });

  it('flows are shown per year, in the unit of METRICS with "per month" summed to "per year"', () => {
    expect(metricUnit('moveOuts')).toBe(METRICS.find((m) => m.name === 'moveOuts')!.unit.replace('per month', 'per year'));
    expect(JSON.stringify(flowsChart(scenarioData(single)).spec)).toContain(`"title":"${metricUnit('moveIns').replace(/^./, (c) => c.toUpperCase())}"`);
  });

  it('list criteria carry their thresholds; the status chart is the chance of each list; the map has three categories and a year slider', () => {
    const sds = scenarioData(single);
    const crit = JSON.stringify(listCriteriaChart(sds).spec);
    for (const v of ['"value":0.4', '"value":3', '"value":0.6', '"value":0.55']) expect(crit).toContain(v);
    const status = listStatusChart(sds).spec as unknown as { data: { values: { status: string; year: number; share: number }[] } };
    const lists = [...new Set(status.data.values.map((v) => v.status))];
    expect(lists).toEqual(LIST_STATUS_NAMES.filter((n) => n !== 'none'));
    // one share per list and year, each between 0 and 1, and together at most 1
    for (const year of new Set(status.data.values.map((v) => v.year))) {
      const shares = status.data.values.filter((v) => v.year === year).map((v) => v.share);
      expect(shares).toHaveLength(lists.length);
      expect(shares.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1 + 1e-9);
    }
    const map = mapChart(sds)!.spec as unknown as {
      params: { name: string; value: number; bind: { input: string; min: number; max: number } }[];
      vconcat: { layer: { encoding: { color: { scale: { domain: string[] } }; shape: { scale: { domain: string[] } } } }[] }[];
    };
    expect(map.params[0]).toMatchObject({ name: MAP_YEAR_PARAM, value: 2029, bind: { input: 'range', min: 2026, max: 2029 } });
    expect(map.vconcat[0]!.layer[0]!.encoding.color.scale.domain).toEqual(['resource-strong', 'other', 'vacant']);
    expect(map.vconcat[0]!.layer[0]!.encoding.shape.scale.domain).toEqual(['family with children', 'no children']);
    // one estate: no names on the map
    expect(map.vconcat[0]!.layer).toHaveLength(1);
  });

  it("a region's map names each estate above its flats", async () => {
    const region = await reportResults(['scenarios/regions/baseline.yaml'], { replications: 1, years: 1 });
    const map = mapChart(scenarioData(region))!.spec as unknown as {
      vconcat: { layer: { data: { values: { y: number; name?: string }[] }; mark: { type: string } }[] }[];
    };
    const [flats, names] = map.vconcat[0]!.layer;
    expect(names!.mark.type).toBe('text');
    expect(names!.data.values.map((v) => v.name)).toEqual(['A', 'B']);
    // each name above its estate's first row of flats, below the one before's last
    const rows = flats!.data.values.map((v) => v.y);
    const [a, b] = names!.data.values.map((v) => v.y);
    expect(a!).toBeLessThan(Math.min(...rows));
    const gap = rows.filter((y) => y < b!);
    expect(Math.max(...gap)).toBeLessThan(b!);
    expect(rows.some((y) => y > b!)).toBe(true);
  }, 60_000);

  it('lines differ without colour: each scenario has its own dash pattern, and the palette is colour-blind safe', () => {
    const c = compositionChart(scenarioData(compared), 'resourceStrongShare');
    const line = (c.spec as unknown as { layer: { encoding: { strokeDash?: { scale: { range: number[][] } } } }[] }).layer.at(-1)!;
    const dashes = line.encoding.strokeDash!.scale.range.map((d) => d.join(','));
    expect(new Set(dashes).size).toBe(scenarioData(compared).length);
    expect(JSON.stringify(c.spec)).toContain('#0072B2');
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
    const title = metricLabel('resourceStrongShare');
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
