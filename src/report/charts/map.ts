/**
 * The estate map with a year slider: every flat on its grid position, coloured by household
 * type, from the first replication of each scenario.
 */
import { MAP_TYPES } from '../../model/simulate.js';
import { baseConfig } from '../render.js';
import type { ChartDef, ScenarioData } from './data.js';
import { type Enc, VL_SCHEMA, asSpec } from './encodings.js';

/** Colours of the household types on the map (MAP_TYPES order). */
const MAP_COLORS: Record<(typeof MAP_TYPES)[number], string> = {
  vacant: '#ffffff',
  'resource-strong family': '#2f5f86',
  'other family': '#9fc0dc',
  'resource-strong, no children': '#c9822f',
  'other, no children': '#f0d3a4',
  senior: '#8f8f8f',
};

/** Name of the year parameter bound to the map's slider. */
export const MAP_YEAR_PARAM = 'mapYear';

/** Whether the results hold map snapshots (the first replication of every scenario). */
export function hasMaps(sds: ScenarioData[]): boolean {
  return sds.every((sd) => {
    const r0 = sd.ensemble.replications[0];
    return r0 !== undefined && r0.geometry !== undefined && r0.maps.length > 0;
  });
}

/**
 * The estate map: every flat on its grid position, coloured by household type, one map per
 * scenario, and a year slider (a Vega-Lite parameter bound to a range input). The snapshots are
 * packed as one string of type codes per flat (one character per snapshot year) and decoded
 * in the spec, so the data stay small.
 */
export function mapChart(sds: ScenarioData[]): ChartDef | null {
  if (!hasMaps(sds)) return null;
  const id = 'estate-map';
  const r0 = sds[0]!.ensemble.replications[0]!;
  const snapYears = r0.maps.map((m) => m.year);
  const first = snapYears[0]!;
  const last = snapYears[snapYears.length - 1]!;
  const step = snapYears.length > 1 ? snapYears[1]! - first : 1;
  const panels = sds.map((sd) => {
    const res = sd.ensemble.replications[0]!;
    const g = res.geometry!;
    let maxY = 0;
    for (let i = 0; i < g.y.length; i++) maxY = Math.max(maxY, g.y[i]!);
    const values: Enc[] = [];
    let maxX = 0;
    let maxRow = 0;
    for (let f = 0; f < g.x.length; f++) {
      let codes = '';
      for (const m of res.maps) codes += m.types[f]! < MAP_TYPES.length ? String(m.types[f]) : '-';
      if (!/[0-9]/.test(codes)) continue; // never an active flat
      const row = g.y[f]! + g.estate[f]! * (maxY + 3); // estates stacked top to bottom
      maxX = Math.max(maxX, g.x[f]!);
      maxRow = Math.max(maxRow, row);
      values.push({ x: g.x[f], y: row, c: codes });
    }
    const cell = Math.max(4, Math.min(9, Math.floor(760 / (maxX + 1))));
    return {
      title: { text: sds.length > 1 ? sd.name : `${sd.name} (replication 0)`, fontSize: 12, anchor: 'start' },
      width: (maxX + 1) * cell,
      height: (maxRow + 1) * cell,
      data: { values },
      transform: [
        { calculate: `substring(datum.c, floor((${MAP_YEAR_PARAM} - ${first}) / ${step}), floor((${MAP_YEAR_PARAM} - ${first}) / ${step}) + 1)`, as: 'code' },
        { filter: "datum.code != '-' && datum.code != ''" },
        { calculate: `${JSON.stringify([...MAP_TYPES])}[toNumber(datum.code)]`, as: 'type' },
      ],
      mark: { type: 'square', size: Math.round(cell * cell * 0.8), opacity: 1, strokeWidth: 0.6 },
      encoding: {
        x: { field: 'x', type: 'quantitative', scale: { domain: [-0.5, maxX + 0.5], nice: false, zero: false }, axis: null },
        y: { field: 'y', type: 'quantitative', scale: { domain: [-0.5, maxRow + 0.5], nice: false, zero: false, reverse: true }, axis: null },
        color: {
          field: 'type',
          type: 'nominal',
          title: 'Household in the flat',
          sort: [...MAP_TYPES],
          scale: { domain: [...MAP_TYPES], range: MAP_TYPES.map((t) => MAP_COLORS[t]) },
          legend: {
            orient: 'bottom',
            columns: 3,
            labelLimit: 280,
            columnPadding: 16,
            symbolType: 'square',
            symbolStrokeColor: '#999999',
            symbolStrokeWidth: 0.6,
          },
        },
        stroke: { condition: { test: "datum.type == 'vacant'", value: '#b0b0b0' }, value: null },
        tooltip: [
          { field: 'type', type: 'nominal', title: 'Household' },
          { field: 'x', type: 'quantitative', title: 'Column' },
          { field: 'y', type: 'quantitative', title: 'Row' },
        ],
      },
    };
  });
  const caption = `Every flat of the estate on its ground-plan position (sections side by side, buildings as rows of stairwells, floors stacked), coloured by the household living there on 1 January of the chosen year. One map per scenario, from its first replication only (replication 0, the same seed in every scenario): it shows one possible history, not an average. Move the year slider (${first}-${last}) to watch the estate change; the static image shows ${last}. Household types: ${MAP_TYPES.join(', ')} (senior: the head of household is 60 or older; vacant flats are white with a grey outline).`;
  const spec = {
    $schema: VL_SCHEMA,
    name: id,
    description: caption,
    title: {
      text: { expr: `'The estate on 1 January ' + ${MAP_YEAR_PARAM}` },
      subtitle: `Flats coloured by household type · replication 0 of ${sds.length > 1 ? 'each scenario' : `scenario ${sds[0]!.name}`} · move the slider to change the year`,
    },
    config: baseConfig,
    params: [{ name: MAP_YEAR_PARAM, value: last, bind: { input: 'range', min: first, max: last, step, name: 'Year (1 January) ' } }],
    vconcat: panels,
    resolve: { scale: { color: 'shared' } },
  };
  return { id, heading: 'The estate map', caption, spec: asSpec(spec) };
}
