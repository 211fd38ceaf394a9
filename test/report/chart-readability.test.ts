/**
 * What a planner reads off the charts and the Danish text: bar labels that do not run into each
 * other, the spiral's axes in the report's language and number style, no Vega warning for a
 * chart with nothing to draw, and a sentence where a chart is empty.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { reportResults } from '../helpers/ensemble.js';
import type { Results } from '../../src/output/pipeline.js';
import {
  type ChartDef,
  type ScenarioData,
  buildCharts,
  channelChart,
  forestChart,
  listCriteriaChart,
  listStatusChart,
  moversStatusChart,
  scenarioData,
  spiralChart,
  stayLengthChart,
} from '../../src/report/charts/index.js';
import {
  LEGEND_COLUMNS,
  MORE_SCENARIO_COLORS,
  SCENARIO_COLORS,
  SCENARIO_DASHES,
  scenarioBarColor,
  scenarioColor,
  scenarioDash,
} from '../../src/report/charts/encodings.js';
import { barLabelsTooWide } from '../../src/report/charts/movers.js';
import { texts } from '../../src/report/i18n.js';
import { compileSpec } from '../../src/report/render.js';
import { useDejaVuTextMetrics } from '../../src/report/report.js';

let single: Results;
let compared: Results;
let oneReplication: Results;

beforeAll(async () => {
  single = await reportResults(['scenarios/default.yaml'], { replications: 3, years: 3 });
  compared = await reportResults(['scenarios/default.yaml', 'scenarios/packages/extension.yaml'], { replications: 3, years: 3 });
  oneReplication = await reportResults(['scenarios/default.yaml', 'scenarios/packages/extension.yaml'], { replications: 1, years: 2 });
}, 180_000);

interface Box {
  text: string;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** A chart drawn by Vega as the report's page does (warnings on): its warnings and the boxes of its text marks. */
async function drawn(c: ChartDef, role = 'mark'): Promise<{ warnings: string[]; texts: Box[] }> {
  await useDejaVuTextMetrics();
  const vega = await import('vega');
  const warnings: string[] = [];
  const logger = vega.logger(vega.Warn, undefined, (_method: string, level: string, input: readonly unknown[]) => {
    warnings.push(`${level} ${input.map(String).join(' ')}`);
  });
  const view = new vega.View(vega.parse(await compileSpec(c.spec, { name: c.id })), { renderer: 'none', logger, logLevel: vega.Warn });
  await view.runAsync();
  const texts: Box[] = [];
  // the scenegraph: marks hold items; group items hold marks. Only the texts of `role`: the plot's marks, or e.g. 'axis-label'
  const walk = (mark: { marktype?: string; role?: string; items?: unknown[] }) => {
    for (const item of (mark.items ?? []) as { text?: unknown; bounds?: Box; items?: unknown[]; opacity?: number }[]) {
      // a label Vega removed for overlapping stays in the scenegraph, at opacity 0
      if (mark.marktype === 'text' && mark.role === role && item.bounds && item.opacity !== 0) texts.push({ ...item.bounds, text: String(item.text) });
      for (const m of (item.items ?? []) as (typeof mark)[]) walk(m);
    }
  };
  walk((view.scenegraph() as unknown as { root: Parameters<typeof walk>[0] }).root);
  view.finalize();
  return { warnings, texts };
}

const overlap = (a: Box, b: Box) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;

/** The compared scenarios repeated under new names: as many bars per channel as a large comparison draws. */
const manyScenarios = (sds: ScenarioData[], n: number): ScenarioData[] =>
  Array.from({ length: n }, (_, i) => ({ ...sds[i % sds.length]!, name: `variant-${i}` }));

describe('the letting-channel chart with many scenarios', () => {
  it('no two labels over the bars overlap: with bars narrower than "n = 1,398", each bar has one label turned upwards', async () => {
    for (const [n, lang] of [
      [6, 'en'],
      [6, 'da'],
      // every lever of scenarios/levers against the default: the plot widens so that the turned labels fit
      [19, 'en'],
    ] as const) {
      const sds = manyScenarios(scenarioData(compared), n);
      const c = channelChart(sds, lang);
      const { texts: boxes, warnings } = await drawn(c);
      expect(warnings).toEqual([]);
      const labels = boxes.filter((b) => /n = /.test(b.text));
      expect(labels.length).toBe((c.spec as unknown as { data: { values: unknown[] } }).data.values.length);
      for (const [i, a] of boxes.entries()) for (const b of boxes.slice(i + 1)) expect(overlap(a, b), `"${a.text}" and "${b.text}"`).toBe(false);
      // the share and its count in one label, the share in the language's style
      expect(labels[0]!.text).toMatch(lang === 'da' ? /^\d+\u00a0% · n = [\d.]+$/ : /^\d+% · n = [\d,]+$/);
    }
  }, 60_000);

  it('a legend of many scenarios comes in rows of 6, not one row wider than the chart', () => {
    const legend = (n: number) => (scenarioColor(manyScenarios(scenarioData(compared), n)).legend as { columns?: number }).columns;
    expect(legend(19)).toBe(LEGEND_COLUMNS);
    expect(LEGEND_COLUMNS).toBe(6);
    expect(legend(6)).toBeUndefined();
  });

  it('no two of many scenarios share both colour and dash pattern (scenarios 0, 8 and 16 did); up to 8 keep their dashes', () => {
    const color = scenarioColor(manyScenarios(scenarioData(compared), 19));
    const colors = (color.scale as { range: string[] }).range;
    const dashes = (scenarioDash(color).scale as { range: number[][] }).range;
    const pairs = colors.map((c, i) => `${c} ${dashes[i]!.join(',')}`);
    expect(new Set(pairs).size).toBe(19);
    expect(dashes.slice(0, 8)).toEqual(SCENARIO_DASHES.slice(0, 8));
    expect(SCENARIO_COLORS.length).toBe(8);
  });

  it("a comparison of 9 to 12 scenarios gives each its own colour (the 9th had the baseline's), and up to 8 keep Okabe-Ito's", () => {
    const range = (n: number) => (scenarioColor(manyScenarios(scenarioData(compared), n)).scale as { range: string[] }).range;
    expect(range(8)).toEqual([...SCENARIO_COLORS]);
    for (const n of [9, 10, 12]) {
      expect(new Set(range(n)).size, `${n} scenarios`).toBe(n);
      expect(range(n).slice(0, 8)).toEqual([...SCENARIO_COLORS]);
    }
    expect(range(12).slice(8)).toEqual([...MORE_SCENARIO_COLORS]);
    // lines: colour and dash pattern together stay apart for many more
    const color = scenarioColor(manyScenarios(scenarioData(compared), 40));
    const dashes = (scenarioDash(color).scale as { range: number[][] }).range;
    const pairs = (color.scale as { range: string[] }).range.map((c, i) => `${c} ${dashes[i]!.join(',')}`);
    expect(new Set(pairs).size).toBe(40);
  });

  it('bars, which have no dashes: beyond 12 scenarios the next are pale bars outlined in their colour, in the plot and the legend', async () => {
    const few = scenarioColor(manyScenarios(scenarioData(compared), 12));
    expect(scenarioBarColor(few)).toEqual({ color: few });
    const sds = manyScenarios(scenarioData(compared), 19);
    const bars = scenarioBarColor(scenarioColor(sds, true, 'square'));
    const fills = (bars.color as { scale: { range: string[] } }).scale.range;
    const strokes = (bars.stroke as { scale: { range: string[] } }).scale.range;
    expect(new Set(fills).size).toBe(19);
    expect(strokes[12]).toBe(fills[0]);
    expect(fills[12]).not.toBe(fills[0]);
    expect((bars.color as { legend: { symbolStrokeWidth: number } }).legend.symbolStrokeWidth).toBeGreaterThan(0);
    // the bar charts draw them so, without a warning
    for (const c of [channelChart(sds), moversStatusChart(sds)]) {
      const layer = (c.spec as unknown as { layer: { mark: { type: string }; encoding: Record<string, unknown> }[] }).layer.find((l) => l.mark.type === 'bar')!;
      expect(layer.encoding.stroke, c.id).toBeDefined();
      expect((await drawn(c)).warnings, c.id).toEqual([]);
    }
  }, 60_000);

  it('a chart of few scenarios keeps its labels level, the share above its count (they fit over the bars)', () => {
    const c = channelChart(scenarioData(compared));
    const layers = (c.spec as unknown as { layer: { mark: { type: string; angle?: number } }[] }).layer.filter((l) => l.mark.type === 'text');
    expect(layers.map((l) => l.mark.angle)).toEqual([undefined, undefined]);
    expect(barLabelsTooWide(520, 2, 2, ['n = 1,398'])).toBe(false);
    expect(barLabelsTooWide(520, 2, 5, ['n = 1,398'])).toBe(true);
  });
});

describe('the stay-length chart of many scenarios', () => {
  it('breaks the shares left within 2 years into lines (ten scenarios in one line drew a chart 2,500 px wide)', () => {
    const c = stayLengthChart(manyScenarios(scenarioData(compared), 10))!;
    const subtitle = (c.spec as unknown as { title: { subtitle: string[] } }).title.subtitle;
    expect(subtitle.length).toBeGreaterThan(2);
    for (const line of subtitle) expect(line.length, line).toBeLessThanOrEqual(110);
    expect(subtitle.slice(1).join(' ')).toMatch(/^Left within 2 years: (variant-\d \d+%, ){9}variant-9 \d+%$/);
  });
});

describe('the forest plot', () => {
  it('wide intervals (few replications, many levers): the x labels keep apart, and 0 stays labelled', async () => {
    const c = forestChart(compared, scenarioData(compared))!;
    // the 19 levers' intervals at 2 replications ran from about -60 to +60 points: "−60−40" and "+40+60" touched
    const spec = JSON.parse(JSON.stringify(c.spec)) as { hconcat: { data: { values: { ciLow: number; ciHigh: number }[] } }[] };
    for (const v of spec.hconcat[0]!.data.values) Object.assign(v, { ciLow: -56, ciHigh: 55 });
    const { texts: labels } = await drawn({ ...c, spec: spec as unknown as ChartDef['spec'] }, 'axis-label');
    // the first panel's x labels come first (in the panel's coordinates), before the variants' names
    const first = labels
      .slice(
        0,
        labels.findIndex((b) => !/\d/.test(b.text)),
      )
      .sort((a, b) => a.x1 - b.x1);
    expect(first.length).toBeGreaterThan(2);
    expect(first.map((b) => b.text)).toContain('0');
    for (let i = 1; i < first.length; i++) expect(first[i]!.x1 - first[i - 1]!.x2, `${first[i - 1]!.text} ${first[i]!.text}`).toBeGreaterThanOrEqual(4);
  });
});

describe('the spiral chart', () => {
  /** The tick labels of the spiral's x axis, as drawn. */
  const xTicks = (svg: string): string[] => [...svg.matchAll(/<text[^>]*>([^<]*%)<\/text>/g)].map((m) => m[1]!);

  it('in Danish: Danish titles, and every x tick with a decimal comma, the same decimals and "52,0 %"', async () => {
    const c = spiralChart(scenarioData(single), 'da')!;
    const x = (c.spec as unknown as { layer: { encoding: { x: { title: string }; y: { title: string } } }[] }).layer[0]!.encoding;
    expect(x.x.title).toBe('Andel ressourcestærke blandt 22-59-årige');
    expect(x.y.title).toBe('Omdømme (indeks 0-1)');
    await useDejaVuTextMetrics();
    const { renderSvg } = await import('../../src/report/render.js');
    const ticks = xTicks(await renderSvg(c.spec, { name: c.id }));
    expect(ticks.length).toBeGreaterThan(2);
    for (const t of ticks) expect(t).toMatch(/^\d+(,\d+)?&#160;%$|^\d+(,\d+)?\u00a0%$/);
    const decimals = new Set(ticks.map((t) => (/,(\d+)/.exec(t)?.[1] ?? '').length));
    expect(decimals.size).toBe(1);
  });

  it('in English: "Image (reputation)" with its unit, and the same decimals on every tick', async () => {
    const c = spiralChart(scenarioData(single), 'en')!;
    const { renderSvg } = await import('../../src/report/render.js');
    await useDejaVuTextMetrics();
    const ticks = xTicks(await renderSvg(c.spec, { name: c.id }));
    expect(new Set(ticks.map((t) => (/\.(\d+)/.exec(t)?.[1] ?? '').length)).size).toBe(1);
    expect(JSON.stringify(c.spec)).toContain('(index 0-1)');
  });
});

describe('no Vega warning for a chart with nothing to draw', () => {
  it('every chart of a run and of a comparison draws without a warning (the list criteria drew an empty layer of labels)', async () => {
    for (const r of [single, compared])
      for (const lang of ['en', 'da'] as const)
        for (const c of buildCharts(r, lang).filter((c) => c.id !== 'estate-map')) expect((await drawn(c)).warnings, `${c.id} (${lang})`).toEqual([]);
  }, 120_000);

  it('one replication: the forest plot has no interval to draw and draws the differences without a warning', async () => {
    const sds = scenarioData(oneReplication);
    const c = forestChart(oneReplication, sds)!;
    expect((await drawn(c)).warnings).toEqual([]);
    expect(JSON.stringify(c.spec)).not.toContain('"x2":{"field":"ciHigh"}');
    expect(JSON.stringify(forestChart(compared, scenarioData(compared)))).toContain('"x2":{"field":"ciHigh"}');
    // a Danish forest plot writes its numbers the Danish way, as every other Danish chart
    expect(JSON.stringify(forestChart(compared, scenarioData(compared), 'da')!.spec)).toContain('"decimal":","');
    expect((await drawn(listCriteriaChart(sds))).warnings).toEqual([]);
  }, 60_000);

  it('no resource-strong family moved out: the stay-length chart draws an empty plot without a warning, and its caption says why', async () => {
    const sds = scenarioData(single).map((sd) => ({
      ...sd,
      ensemble: {
        ...sd.ensemble,
        replications: sd.ensemble.replications.map((r) => ({ ...r, leavers: { ...r.leavers, stayBins: new Int32Array(0), leavers: 0, short: 0 } })),
      },
    }));
    for (const lang of ['en', 'da'] as const) {
      const c = stayLengthChart(sds, lang)!;
      expect((await drawn(c)).warnings).toEqual([]);
      expect(c.caption.startsWith(texts(lang).chart.stayNone)).toBe(true);
    }
    expect(stayLengthChart(scenarioData(single))!.caption).not.toContain(texts('en').chart.stayNone);
  });
});

describe('an empty panel says why', () => {
  it('an estate never on a list: the list status caption says so first', () => {
    const sds = scenarioData(single);
    for (const lang of ['en', 'da'] as const) expect(listStatusChart(sds, lang).caption.startsWith(texts(lang).chart.statusNever)).toBe(true);
  });
});
