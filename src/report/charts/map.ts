/**
 * The estate map with a year slider: every flat on its grid position, coloured by household
 * type, from the first replication of each scenario.
 */
import { MAP_TYPES } from '../../model/simulate.js';
import { type Lang, texts } from '../i18n.js';
import type { ChartDef, ScenarioData } from './data.js';
import { type Enc, asSpec, top } from './encodings.js';

/**
 * The map's three categories per household type (MAP_TYPES order): resource-strong, other
 * (seniors included) or vacant; and whether the type is a family with children (drawn as a
 * square, the others as circles).
 */
const MAP_CATEGORY: Record<(typeof MAP_TYPES)[number], { category: 'vacant' | 'strong' | 'other'; family: boolean }> = {
  vacant: { category: 'vacant', family: false },
  'resource-strong family': { category: 'strong', family: true },
  'other family': { category: 'other', family: true },
  'resource-strong, no children': { category: 'strong', family: false },
  'other, no children': { category: 'other', family: false },
  senior: { category: 'other', family: false },
};

/** Colours of the categories: dark blue against light orange (Okabe-Ito), vacant white. */
const CATEGORY_COLORS = { strong: '#0072B2', other: '#F5C46B', vacant: '#ffffff' } as const;

/** Empty rows above each estate of a region on the map, for its name. */
const LABEL_ROWS = 2;

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
export function mapChart(sds: ScenarioData[], lang: Lang = 'en'): ChartDef | null {
  if (!hasMaps(sds)) return null;
  const t = texts(lang).chart;
  const categories = (['strong', 'other', 'vacant'] as const).map((c) => t.mapTypes[c]);
  const shapes = [t.mapShapes.family, t.mapShapes.single];
  const categoryOf = MAP_TYPES.map((m) => t.mapTypes[MAP_CATEGORY[m].category]);
  const shapeOf = MAP_TYPES.map((m) => (MAP_CATEGORY[m].family ? t.mapShapes.family : t.mapShapes.single));
  const id = 'estate-map';
  const r0 = sds[0]!.ensemble.replications[0]!;
  const snapYears = r0.maps.map((m) => m.year);
  const first = snapYears[0]!;
  const last = snapYears[snapYears.length - 1]!;
  const step = snapYears.length > 1 ? snapYears[1]! - first : 1;
  /** The flats of one panel: a point per flat, its type in the year the slider shows. */
  const flatsLayer = (values: Enc[], cell: number, xScale: Enc, yScale: Enc) => ({
    data: { values },
    transform: [
      { calculate: `substring(datum.c, floor((${MAP_YEAR_PARAM} - ${first}) / ${step}), floor((${MAP_YEAR_PARAM} - ${first}) / ${step}) + 1)`, as: 'code' },
      { filter: "datum.code != '-' && datum.code != ''" },
      { calculate: `${JSON.stringify([...MAP_TYPES])}[toNumber(datum.code)]`, as: 'type' },
      { calculate: `${JSON.stringify(categoryOf)}[toNumber(datum.code)]`, as: 'category' },
      { calculate: `${JSON.stringify(shapeOf)}[toNumber(datum.code)]`, as: 'shape' },
    ],
    mark: { type: 'point', filled: true, size: Math.round(cell * cell * 0.8), opacity: 1, strokeWidth: 0.6 },
    encoding: {
      x: { field: 'x', type: 'quantitative', scale: xScale, axis: null },
      y: { field: 'y', type: 'quantitative', scale: yScale, axis: null },
      color: {
        field: 'category',
        type: 'nominal',
        title: t.mapLegend,
        sort: categories,
        scale: { domain: categories, range: [CATEGORY_COLORS.strong, CATEGORY_COLORS.other, CATEGORY_COLORS.vacant] },
        legend: { orient: 'bottom', direction: 'horizontal', symbolType: 'square', symbolStrokeColor: '#999999', symbolStrokeWidth: 0.6 },
      },
      shape: {
        field: 'shape',
        type: 'nominal',
        title: t.mapShape,
        sort: shapes,
        scale: { domain: shapes, range: ['square', 'circle'] },
        legend: { orient: 'bottom', direction: 'horizontal', symbolFillColor: '#888888', symbolStrokeColor: '#888888' },
      },
      stroke: { condition: { test: "datum.type == 'vacant'", value: '#b0b0b0' }, value: null },
      tooltip: [
        { field: 'category', type: 'nominal', title: t.household },
        { field: 'shape', type: 'nominal', title: t.mapShape },
        { field: 'x', type: 'quantitative', title: t.column },
        { field: 'y', type: 'quantitative', title: t.row },
      ],
    },
  });
  const panels = sds.map((sd) => {
    const res = sd.ensemble.replications[0]!;
    const g = res.geometry!;
    let maxY = 0;
    for (let i = 0; i < g.y.length; i++) maxY = Math.max(maxY, g.y[i]!);
    let estates = 0;
    for (let i = 0; i < g.estate.length; i++) estates = Math.max(estates, g.estate[i]! + 1);
    // estates stacked top to bottom, LABEL_ROWS empty rows above each of a region's for its name
    const above = estates > 1 ? LABEL_ROWS : 0;
    const rowsPer = maxY + 1 + above + (estates > 1 ? 1 : 2);
    const values: Enc[] = [];
    let maxX = 0;
    let maxRow = 0;
    for (let f = 0; f < g.x.length; f++) {
      let codes = '';
      for (const m of res.maps) codes += m.types[f]! < MAP_TYPES.length ? String(m.types[f]) : '-';
      if (!/[0-9]/.test(codes)) continue; // never an active flat
      const row = g.y[f]! + g.estate[f]! * rowsPer + above;
      maxX = Math.max(maxX, g.x[f]!);
      maxRow = Math.max(maxRow, row);
      values.push({ x: g.x[f], y: row, c: codes });
    }
    const cell = Math.max(4, Math.min(9, Math.floor(760 / (maxX + 1))));
    const xScale = { domain: [-0.5, maxX + 0.5], nice: false, zero: false };
    const yScale = { domain: [-0.5, maxRow + 0.5], nice: false, zero: false, reverse: true };
    // a region's estates by name (its summary's rows, in the order of the flats' estate index)
    const labels = estates > 1 ? Array.from({ length: estates }, (_, e) => ({ x: -0.5, y: e * rowsPer + 0.5, name: sd.summary.rows[e] ?? '' })) : [];
    const names =
      labels.length > 0
        ? [
            {
              data: { values: labels },
              mark: { type: 'text', align: 'left', baseline: 'middle', fontSize: 11, fontWeight: 'bold', color: '#333333' },
              encoding: {
                x: { field: 'x', type: 'quantitative', scale: xScale, axis: null },
                y: { field: 'y', type: 'quantitative', scale: yScale, axis: null },
                text: { field: 'name', type: 'nominal' },
              },
            },
          ]
        : [];
    return {
      title: { text: sds.length > 1 ? sd.name : t.mapReplication(sd.name), fontSize: 12, anchor: 'start' },
      width: (maxX + 1) * cell,
      height: (maxRow + 1) * cell,
      layer: [flatsLayer(values, cell, xScale, yScale), ...names],
    };
  });
  const caption = t.mapCaption(first, last);
  const head = top(id, '', t.mapSubtitle(sds.length > 1 ? t.mapEachScenario : t.mapScenario(sds[0]!.name)), caption, lang);
  const spec = {
    ...head,
    // the title names the year shown: the slider's in the report, the last year in the image files
    title: { ...(head.title as Enc), text: { expr: `'${t.mapTitle.replace(/'/g, "\\'")}' + ${MAP_YEAR_PARAM}` } },
    params: [{ name: MAP_YEAR_PARAM, value: last, bind: { input: 'range', min: first, max: last, step, name: t.mapSlider } }],
    vconcat: panels,
    resolve: { scale: { color: 'shared', shape: 'shared' } },
  };
  return { id, heading: t.mapHeading, caption, spec: asSpec(spec) };
}
