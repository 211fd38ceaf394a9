/**
 * The encodings every chart shares: the year axis, one colour per scenario, the mean line with
 * its 5-95% band, tooltips, facet headers and the spec's head (schema, title, base config).
 */
import type { TopLevelSpec } from 'vega-lite';
import { CALM_CATEGORY, baseConfig } from '../render.js';
import { axisTitle, isPercent } from './labels.js';
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

export const X_STOCK = 'Year (state on 1 January)';
export const X_FLOW = 'Calendar year';

/**
 * One colour per scenario, the same in every chart. `legend`: false for a layer whose symbols
 * should not show (bands), or a list of the scenarios to show (e.g. the variants only).
 */
export function scenarioColor(sds: ScenarioData[], legend: boolean | string[] = true, symbol: 'stroke' | 'square' = 'stroke'): Enc {
  const names = sds.map((s) => s.name);
  const show = legend !== false && names.length > 1;
  return {
    field: 'scenario',
    type: 'nominal',
    title: 'Scenario',
    sort: names,
    scale: { domain: names, range: CALM_CATEGORY.slice(0, Math.max(1, names.length)).concat(names.length > CALM_CATEGORY.length ? [...CALM_CATEGORY] : []) },
    legend: show
      ? {
          orient: 'bottom',
          direction: 'horizontal',
          symbolType: symbol,
          symbolStrokeWidth: symbol === 'stroke' ? 3 : 0,
          symbolOpacity: 1,
          ...(Array.isArray(legend) ? { values: legend } : {}),
        }
      : null,
  };
}

export function valueY(name: string, field: string, title?: string): Enc {
  return { field, type: 'quantitative', title: title ?? axisTitle(name), axis: isPercent(name) ? { format: '.0%' } : { format: '~r' } };
}

export function tooltipFor(name: string): Enc[] {
  const fmt = isPercent(name) ? '.1%' : '.3~r';
  return [
    { field: 'scenario', type: 'nominal', title: 'Scenario' },
    { field: 'when', type: 'nominal', title: 'When' },
    { field: 'mean', type: 'quantitative', title: 'Mean', format: fmt },
    { field: 'p5', type: 'quantitative', title: '5th percentile', format: fmt },
    { field: 'p95', type: 'quantitative', title: '95th percentile', format: fmt },
  ];
}

/** The band layers colour by a copy of the scenario field, so that their legend stays apart. */
export const BAND_FIELD = [{ calculate: 'datum.scenario', as: 'bandOf' }];

/**
 * Mean line with its 5-95% band, one colour per scenario. The band is coloured through `fill`
 * (its own scale, same colours, no legend) so that the legend shows the lines at full opacity.
 */
export function bandLayers(name: string, x: Enc, color: Enc, yTitle?: string): Enc[] {
  return [
    {
      mark: { type: 'area', opacity: 0.18 },
      transform: BAND_FIELD,
      encoding: { x, y: valueY(name, 'p5', yTitle), y2: { field: 'p95' }, fill: { ...color, field: 'bandOf', legend: null } },
    },
    { mark: { type: 'line', strokeWidth: 2, point: { size: 16 } }, encoding: { x, y: valueY(name, 'mean', yTitle), color, tooltip: tooltipFor(name) } },
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

export function top(id: string, title: string | string[], subtitle: string | string[], caption: string): Enc {
  return { $schema: VL_SCHEMA, name: id, description: caption, title: { text: title, subtitle }, config: baseConfig };
}

export const runLabel = (sds: ScenarioData[]): string => {
  const s = sds[0]!.summary;
  const who = sds.length > 1 ? `${sds.length} scenarios` : `scenario ${sds[0]!.name}`;
  return `${who}, ${s.replications} replications, row "${sds[0]!.row}"`;
};

/** Facet row headers: the scenario name above each panel. */
export const ROW_HEADER = { labelAngle: 0, labelAlign: 'left', labelAnchor: 'start', labelOrient: 'top', labelFontWeight: 'bold', labelFontSize: 12 };

export const BAND_NOTE = 'Line: mean over replications; band: 5th to 95th percentile.';
