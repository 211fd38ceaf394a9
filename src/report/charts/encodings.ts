/**
 * The encodings every chart shares: the year axis, one colour per scenario, the mean line with
 * its 5-95% band, tooltips, facet headers and the spec's head (schema, title, base config).
 */
import type { TopLevelSpec } from 'vega-lite';
import { baseConfig } from '../render.js';
import { type Lang, texts } from '../i18n.js';
import { axisTitleIn, isPercent } from './labels.js';
import type { ScenarioData } from './data.js';

/** The Vega-Lite schema every spec declares. */
export const VL_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** A piece of a spec, assembled as a plain object. */
export type Enc = Record<string, unknown>;

/** The builders assemble plain objects; vega-lite itself checks them (compileSpec, tests). */
export const asSpec = (s: object): TopLevelSpec => s as unknown as TopLevelSpec;

export function yearX(domain: [number, number], title: string): Enc {
  return {
    field: 'year',
    type: 'quantitative',
    title,
    scale: { domain, nice: false, zero: false },
    axis: { format: 'd', labelFlush: false, tickMinStep: 1, labelOverlap: true },
  };
}

/** The title of the year axis of stocks (state on 1 January) and of flows (calendar year). */
export const xStock = (lang: Lang = 'en'): string => texts(lang).chart.yearStock;
export const xFlow = (lang: Lang = 'en'): string => texts(lang).chart.yearFlow;
export const X_STOCK = xStock();
export const X_FLOW = xFlow();

/**
 * The scenarios' colours: the Okabe-Ito palette, told apart by the common forms of colour
 * blindness (Okabe & Ito 2008, "Color Universal Design"), without its yellow (too pale on white).
 */
export const SCENARIO_COLORS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#D55E00', '#56B4E9', '#000000', '#999999'] as const;

/**
 * The colours after those eight, for a comparison of more than eight scenarios: cycling the eight,
 * the 9th scenario's bars had the baseline's colour and the 10th the 2nd's, and nothing told them
 * apart. Hues the eight lack, dark enough on white: indigo, wine and olive of Paul Tol's "muted"
 * scheme (personal.sron.nl/~pault), and a brown. Twelve colours are about as many as a reader
 * tells apart; beyond them lines still differ by their dashes.
 */
export const MORE_SCENARIO_COLORS = ['#332288', '#882255', '#999933', '#8C564B'] as const;

/** The colours of `n` scenarios, before cycling: the eight of Okabe-Ito, and the four more beyond eight scenarios. */
export const scenarioPalette = (n: number): readonly string[] =>
  n <= SCENARIO_COLORS.length ? SCENARIO_COLORS : [...SCENARIO_COLORS, ...MORE_SCENARIO_COLORS];

/** The scenarios' dash patterns (the baseline solid), so that lines differ without colour too. */
export const SCENARIO_DASHES: readonly number[][] = [
  [1, 0],
  [7, 3],
  [2, 2],
  [9, 3, 2, 3],
  [4, 4],
  [12, 4],
  [1, 3],
  [6, 2, 2, 2],
];

/** Scenarios per row of a legend: up to this many in one row, more in rows of this many. */
export const LEGEND_COLUMNS = 6;

/** Cycle a list to `n` entries. */
const cycle = <T>(xs: readonly T[], n: number): T[] => Array.from({ length: Math.max(1, n) }, (_, i) => xs[i % xs.length]!);

/**
 * One colour per scenario, the same in every chart. `legend`: false for a layer whose symbols
 * should not show (bands), or a list of the scenarios to show (e.g. the variants only).
 */
export function scenarioColor(sds: ScenarioData[], legend: boolean | string[] = true, symbol: 'stroke' | 'square' = 'stroke', lang: Lang = 'en'): Enc {
  const names = sds.map((s) => s.name);
  const show = legend !== false && names.length > 1;
  return {
    field: 'scenario',
    type: 'nominal',
    title: texts(lang).chart.scenario,
    sort: names,
    scale: { domain: names, range: cycle(scenarioPalette(names.length), names.length) },
    legend: show
      ? {
          orient: 'bottom',
          direction: 'horizontal',
          symbolType: symbol,
          symbolStrokeWidth: symbol === 'stroke' ? 3 : 0,
          symbolOpacity: 1,
          // "scenario: estate" names of a region's list charts are long (Vega-Lite cuts at 160 px)
          labelLimit: 360,
          // many scenarios: rows of 6, not one row wider than the chart (19 levers drew a legend 3,500 px wide)
          ...(names.length > LEGEND_COLUMNS ? { columns: LEGEND_COLUMNS } : {}),
          ...(Array.isArray(legend) ? { values: legend } : {}),
        }
      : null,
  };
}

/**
 * One dash pattern per scenario (the baseline solid), in the order of the colours of `color`
 * (from {@link scenarioColor}); same field, title and legend, so that Vega-Lite draws one legend
 * with both.
 */
export function scenarioDash(color: Enc): Enc {
  const names = color.sort as string[];
  return { ...color, scale: { domain: names, range: names.map((_, i) => dashOf(i, names.length)) } };
}

/**
 * The dash pattern of the i-th of `n` scenarios. Cycled together with the colours, scenarios 0, 8
 * and 16 had the same colour and the same (solid) line; each round of the colours
 * ({@link scenarioPalette}) shifts the dashes by one, so that no two scenarios share both (up to 64
 * scenarios with eight colours, 96 with twelve).
 */
export const dashOf = (i: number, n = 0): number[] => SCENARIO_DASHES[(i + Math.floor(i / scenarioPalette(n).length)) % SCENARIO_DASHES.length]!;

/** How far toward white the fill of a pale bar is (0 its colour, 1 white). */
export const PALE_BAR_TINT = 0.75;

/** A colour `#rrggbb` mixed with white by `t` (0-1). */
export const tint = (hex: string, t: number): string =>
  `#${[1, 3, 5]
    .map((i) => Math.round(Number.parseInt(hex.slice(i, i + 2), 16) * (1 - t) + 255 * t))
    .map((v) => v.toString(16).padStart(2, '0'))
    .join('')}`;

/**
 * The colour of bars, which have no dashes, from `color` (from {@link scenarioColor}): with more
 * scenarios than colours, the scenarios after the first round of colours are pale bars outlined in
 * their colour, so that no two bars look alike (up to twice the colours), in the legend as in the
 * plot; `color` itself while every scenario has a colour of its own.
 */
export function scenarioBarColor(color: Enc): Enc {
  const names = color.sort as string[];
  const k = scenarioPalette(names.length).length;
  if (names.length <= k) return { color };
  const full = (color.scale as { range: string[] }).range;
  const legend = color.legend ? { ...(color.legend as Enc), symbolStrokeWidth: 1.5 } : color.legend;
  return {
    color: { ...color, legend, scale: { domain: names, range: full.map((c, i) => (i < k ? c : tint(c, PALE_BAR_TINT))) } },
    stroke: { ...color, legend },
    strokeWidth: { value: 1.5 },
  };
}

/**
 * The value axis of a trajectory, zoomed to the data (not from zero: a share between 50% and 60%
 * fills the plot instead of its top sixth).
 */
export function valueY(name: string, field: string, title?: string, lang: Lang = 'en'): Enc {
  return {
    field,
    type: 'quantitative',
    title: title ?? axisTitleIn(name, lang),
    scale: { zero: false },
    axis: isPercent(name) ? { format: '.0%' } : { format: '~r' },
  };
}

export function tooltipFor(name: string, lang: Lang = 'en'): Enc[] {
  const t = texts(lang).chart;
  const fmt = isPercent(name) ? '.1%' : '.3~r';
  return [
    { field: 'scenario', type: 'nominal', title: t.scenario },
    { field: 'when', type: 'nominal', title: t.when },
    { field: 'mean', type: 'quantitative', title: t.mean, format: fmt },
    { field: 'p5', type: 'quantitative', title: t.p5, format: fmt },
    { field: 'p95', type: 'quantitative', title: t.p95, format: fmt },
  ];
}

/** The band layers colour by a copy of the scenario field, so that their legend stays apart. */
export const BAND_FIELD = [{ calculate: 'datum.scenario', as: 'bandOf' }];

/** Opacity of a 5-95% band's fill: light, so that overlapping bands do not blend into a new colour. */
export const BAND_OPACITY = 0.08;

/**
 * Mean line with its 5-95% band, one colour and dash pattern per scenario. The band is a light
 * fill with thin edges in the scenario's colour, so overlapping bands stay readable; it is
 * coloured through `fill`/`stroke` on a copy of the scenario field (no legend), so that the
 * legend shows the lines at full opacity.
 */
export function bandLayers(name: string, x: Enc, color: Enc, yTitle?: string, lang: Lang = 'en', dash?: Enc): Enc[] {
  const bandColor = { ...color, field: 'bandOf', legend: null };
  return [
    {
      mark: { type: 'area', opacity: BAND_OPACITY },
      transform: BAND_FIELD,
      encoding: { x, y: valueY(name, 'p5', yTitle, lang), y2: { field: 'p95' }, fill: bandColor },
    },
    ...['p5', 'p95'].map((edge) => ({
      mark: { type: 'line', strokeWidth: 0.7, opacity: 0.55 },
      transform: BAND_FIELD,
      encoding: { x, y: valueY(name, edge, yTitle, lang), stroke: bandColor, detail: { field: 'scenario', type: 'nominal' } },
    })),
    {
      mark: { type: 'line', strokeWidth: 2, point: { size: 16 } },
      encoding: { x, y: valueY(name, 'mean', yTitle, lang), color, ...(dash ? { strokeDash: dash } : {}), tooltip: tooltipFor(name, lang) },
    },
  ];
}

/** One panel per scenario, stacked in rows, when there are several; the plain chart otherwise. */
export function byScenarioRows(sds: { name: string }[], head: Enc, values: unknown[], inner: Enc, extra: Enc = {}): Enc {
  return sds.length > 1
    ? {
        ...head,
        data: { values },
        facet: { row: { field: 'scenario', type: 'nominal', sort: sds.map((s) => s.name), title: null, header: ROW_HEADER } },
        spec: inner,
        ...extra,
      }
    : { ...head, data: { values }, ...inner };
}

/**
 * Vega's number format for Danish: decimal comma, thousands point, and a non-breaking space
 * before the per cent sign ("45 %", as the report's Danish text writes it).
 */
export const DA_LOCALE = { number: { decimal: ',', thousands: '.', grouping: [3], currency: ['', ' kr.'], percent: '\u00a0%' } };

/** The per cent sign as a chart's numbers end in it: Danish puts a non-breaking space before it. */
export const percentSign = (lang: Lang = 'en'): string => (lang === 'da' ? DA_LOCALE.number.percent : '%');

export function top(id: string, title: string | string[], subtitle: string | string[], caption: string, lang: Lang = 'en'): Enc {
  return {
    $schema: VL_SCHEMA,
    name: id,
    description: caption,
    title: { text: title, subtitle },
    config: lang === 'da' ? { ...baseConfig, locale: DA_LOCALE } : baseConfig,
  };
}

export const runLabel = (sds: ScenarioData[], lang: Lang = 'en'): string => {
  const s = sds[0]!.summary;
  return texts(lang).chart.runLabel(sds.length, sds[0]!.name, s.replications, sds[0]!.row);
};

/** Facet row headers: the scenario name above each panel. */
export const ROW_HEADER = { labelAngle: 0, labelAlign: 'left', labelAnchor: 'start', labelOrient: 'top', labelFontWeight: 'bold', labelFontSize: 12 };

export const BAND_NOTE = 'Line: mean over replications; band: 5th to 95th percentile.';
