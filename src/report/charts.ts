/**
 * Vega-Lite chart specs built from the results of a run or a comparison. Pure functions: no
 * I/O; data is embedded in every spec (`data.values`), so a spec file opens on its own.
 *
 * Conventions (the same in every chart):
 *   - Titles, axis units and descriptions are read from the one metric list
 *     (`METRICS` in model/reporters.ts) through {@link metricTitle} and {@link metricUnit}.
 *   - Years are plain integers on a quantitative axis (never temporal), formatted with `d`, so
 *     renders do not depend on the machine's time zone.
 *   - Stocks, shares and levels are drawn at "1 January": the initial state at the start year,
 *     the state at the end of each simulated year at the following year (end of 2040 = 2041).
 *     Flows are drawn at their calendar year and summed over it ("per year").
 *   - Uncertainty: a line is the ensemble mean, the band around it the 5th-95th percentile over
 *     replications. One colour per scenario, the baseline first, in the same order everywhere.
 *   - Charts read the last metric row: the estate, or "region" when a scenario has several.
 *
 * Pipeline: {@link buildCharts} collects the scenarios of the results ({@link scenarioData}),
 * then calls one builder per chart; each builder returns a {@link ChartDef} or `null` when the
 * results cannot support it (e.g. no move log, no map snapshots, no comparison).
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Results } from '../output/pipeline.js';
import type { Ensemble } from '../engine/ensemble.js';
import { type Band, type Summary, band } from '../analysis/summary.js';
import { DEFAULT_THRESHOLDS } from '../model/classification.js';
import { EXIT_REASONS, LIST_STATUS_NAMES } from '../model/codes.js';
import { METRICS, METRIC_INDEX, type Metric } from '../model/reporters.js';
import { MAP_TYPES } from '../model/simulate.js';
import { type ReplicationDigest, SHORT_STAY_MONTHS, total, yearly } from '../model/digest.js';
import { CALM_CATEGORY, baseConfig } from './render.js';
import { greedyLines } from '../output/text.js';

/** The Vega-Lite schema every spec declares. */
export const VL_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** One chart of the report. */
export interface ChartDef {
  /** File name stem and DOM id: letters, digits and `-`. */
  id: string;
  /** Section heading in the report. */
  heading: string;
  /** Plain-language caption (also the spec's `description`). */
  caption: string;
  spec: TopLevelSpec;
}

/** One scenario of the results, with what the charts need. */
export interface ScenarioData {
  name: string;
  description: string;
  ensemble: Ensemble;
  summary: Summary;
  /** The metric row charts read (the estate, or "region"). */
  row: string;
  rowIndex: number;
}

// ---------------------------------------------------------------------------------------------
// Metric labels, all derived from METRICS
// ---------------------------------------------------------------------------------------------

/** The metric declared under `name`; throws for an unknown name (a builder bug). */
export function metric(name: string): Metric {
  const k = METRIC_INDEX[name];
  if (k === undefined) throw new Error(`charts: unknown metric "${name}"`);
  return METRICS[k]!;
}

/**
 * A chart title from the metric's description: the first clause, without a trailing period
 * or anything in brackets (the caption quotes the whole description).
 *
 * @example
 * metricTitle('resourceStrongShare') // 'Share of residents aged 22-59 who are resource-strong'
 * metricTitle('crime')               // 'Crime index'
 */
export function metricTitle(name: string): string {
  let t = metric(name).description.trim().replace(/\.$/, '');
  t = t.replace(/\s*\([^)]*\)/g, '');
  const colon = t.indexOf(': ');
  if (colon > 0 && !/^List criterion/.test(t)) t = t.slice(0, colon);
  return t.trim();
}

/**
 * The unit as shown on a yearly axis: the metric's unit, with flows ("per month" in
 * metrics.csv) summed over the year.
 *
 * @example
 * metricUnit('moveOuts') // 'households per year'
 * metricUnit('image')    // 'index 0-1'
 */
export function metricUnit(name: string): string {
  const m = metric(name);
  return m.kind === 'flow' ? m.unit.replace('per month', 'per year') : m.unit;
}

/** Axis title from the unit: first letter upper case. */
export const axisTitle = (name: string): string => capitalise(metricUnit(name));

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const lowerFirst = (s: string): string => (/^[A-Z][a-z]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s);

/** Whether a metric is a fraction best shown in percent. */
export const isPercent = (name: string): boolean => metric(name).unit === 'share';

/**
 * Titles of side-by-side panels, wrapped and padded at the top to the same number of lines so
 * that the plots line up (a zero-width space keeps an empty line).
 */
export function panelTitles(texts: string[], width: number): string[][] {
  const lines = texts.map((t) => wrap(t, width));
  const n = Math.max(...lines.map((l) => l.length));
  return lines.map((l) => [...Array.from({ length: n - l.length }, () => '\u200b'), ...l]);
}

/** Greedy line breaking at spaces. */
const greedy = (text: string, width: number): string[] => greedyLines(text.split(/\s+/), width);

/**
 * Break a title into as few lines of at most `width` characters as greedy breaking needs, with
 * the lines balanced in length (no single word left on the last line).
 *
 * @example
 * wrap('Families with children where an adult is in work or education', 56)
 * // ['Families with children where an', 'adult is in work or education']
 */
export function wrap(text: string, width = 56): string[] {
  const first = greedy(text, width);
  if (first.length < 2) return first;
  for (let w = Math.ceil(text.length / first.length); w < width; w++) {
    const lines = greedy(text, w);
    if (lines.length <= first.length) return lines;
  }
  return first;
}

// ---------------------------------------------------------------------------------------------
// Data access
// ---------------------------------------------------------------------------------------------

/** Round for embedding: 6 significant digits, NaN/Infinity as null (JSON has no NaN). */
const r6 = (v: number): number | null => (Number.isFinite(v) ? Number(v.toPrecision(6)) : null);

/** The scenarios of the results in order (baseline first), with their summaries. */
export function scenarioData(results: Results): ScenarioData[] {
  return results.ensembles.map((ensemble, i) => {
    const name = ensemble.scenario.name;
    const summary = results.comparison?.summaries[name] ?? (i === 0 ? results.summary : undefined);
    if (!summary) throw new Error(`charts: no summary for scenario "${name}"`);
    const rowIndex = summary.rows.length - 1;
    return { name, description: ensemble.scenario.description, ensemble, summary, row: summary.rows[rowIndex]!, rowIndex };
  });
}

/** Sum of a flow metric over all simulated months of one replication. */
const flowTotal = (res: ReplicationDigest, r: number, k: number): number => total(res, r, k);

/** Value at the end of each simulated year (stocks and levels), or the initial state for index 0. */
function yearEnds(res: ReplicationDigest, r: number, k: number, nYears: number): number[] {
  const out: number[] = [];
  for (let y = 0; y <= nYears; y++) out.push(yearly(res, r, k, y));
  return out;
}

interface BandPoint {
  scenario: string;
  /** Year on the axis. */
  year: number;
  /** Tooltip text for the time point. */
  when: string;
  mean: number | null;
  p5: number | null;
  p95: number | null;
}

/** Trajectory of a stock/level/share at 1 January of each year (initial state first). */
function stockPoints(sd: ScenarioData, name: string): BandPoint[] {
  const ms = sd.summary.metrics[sd.row]![name]!;
  const start = sd.summary.startYear;
  const pts: BandPoint[] = [
    { scenario: sd.name, year: start, when: `1 January ${start} (initial state)`, mean: r6(ms.initial.mean), p5: r6(ms.initial.p5), p95: r6(ms.initial.p95) },
  ];
  for (const b of ms.byYear)
    pts.push({ scenario: sd.name, year: b.year + 1, when: `1 January ${b.year + 1} (end of ${b.year})`, mean: r6(b.mean), p5: r6(b.p5), p95: r6(b.p95) });
  return pts;
}

/** Flow summed over each calendar year. */
function flowPoints(sd: ScenarioData, name: string): BandPoint[] {
  return sd.summary.metrics[sd.row]![name]!.byYear.map((b) => ({
    scenario: sd.name,
    year: b.year,
    when: `${b.year}`,
    mean: r6(b.mean),
    p5: r6(b.p5),
    p95: r6(b.p95),
  }));
}

/** First and last year on the 1-January axis. */
const stockDomain = (sds: ScenarioData[]): [number, number] => {
  const s = sds[0]!.summary;
  return [s.startYear, s.startYear + s.years.length];
};
const flowDomain = (sds: ScenarioData[]): [number, number] => {
  const s = sds[0]!.summary;
  return [s.startYear, s.years[s.years.length - 1] ?? s.startYear];
};

// ---------------------------------------------------------------------------------------------
// Shared encodings
// ---------------------------------------------------------------------------------------------

type Enc = Record<string, unknown>;

/** The builders assemble plain objects; vega-lite itself checks them (compileSpec, tests). */
const asSpec = (s: object): TopLevelSpec => s as unknown as TopLevelSpec;

function yearX(domain: [number, number], title: string): Enc {
  return {
    field: 'year',
    type: 'quantitative',
    title,
    scale: { domain, nice: false, zero: false },
    axis: { format: 'd', labelFlush: false, tickMinStep: 1, labelOverlap: true },
  };
}

const X_STOCK = 'Year (state on 1 January)';
const X_FLOW = 'Calendar year';

/**
 * One colour per scenario, the same in every chart. `legend`: false for a layer whose symbols
 * should not show (bands), or a list of the scenarios to show (e.g. the variants only).
 */
function scenarioColor(sds: ScenarioData[], legend: boolean | string[] = true, symbol: 'stroke' | 'square' = 'stroke'): Enc {
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

function valueY(name: string, field: string, title?: string): Enc {
  return { field, type: 'quantitative', title: title ?? axisTitle(name), axis: isPercent(name) ? { format: '.0%' } : { format: '~r' } };
}

function tooltipFor(name: string): Enc[] {
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
const BAND_FIELD = [{ calculate: 'datum.scenario', as: 'bandOf' }];

/**
 * Mean line with its 5-95% band, one colour per scenario. The band is coloured through `fill`
 * (its own scale, same colours, no legend) so that the legend shows the lines at full opacity.
 */
function bandLayers(name: string, x: Enc, color: Enc, yTitle?: string): Enc[] {
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
function byScenarioRows(sds: { name: string }[], head: Enc, values: unknown[], inner: Enc, extra: Enc = {}): Enc {
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

function top(id: string, title: string | string[], subtitle: string | string[], caption: string): Enc {
  return { $schema: VL_SCHEMA, name: id, description: caption, title: { text: title, subtitle }, config: baseConfig };
}

const runLabel = (sds: ScenarioData[]): string => {
  const s = sds[0]!.summary;
  const who = sds.length > 1 ? `${sds.length} scenarios` : `scenario ${sds[0]!.name}`;
  return `${who}, ${s.replications} replications, row "${sds[0]!.row}"`;
};

/** Facet row headers: the scenario name above each panel. */
const ROW_HEADER = { labelAngle: 0, labelAlign: 'left', labelAnchor: 'start', labelOrient: 'top', labelFontWeight: 'bold', labelFontSize: 12 };

const BAND_NOTE = 'Line: mean over replications; band: 5th to 95th percentile.';

// ---------------------------------------------------------------------------------------------
// 1. Composition trajectories
// ---------------------------------------------------------------------------------------------

/** The three composition metrics of the report. */
export const COMPOSITION = ['resourceStrongShare', 'familiesWithChildren', 'resourceStrongFamilies'] as const;

/** Trajectory of one composition metric: mean line and 5-95% band per scenario. */
export function compositionChart(sds: ScenarioData[], name: string): ChartDef {
  const id = `trajectory-${name}`;
  const m = metric(name);
  const values = sds.flatMap((sd) => stockPoints(sd, name));
  const caption = `${metricTitle(name)} (${name}, ${m.unit}), ${sds.length > 1 ? 'per scenario' : `in scenario ${sds[0]!.name}`}. ${BAND_NOTE} Points are the state on 1 January: the first is the initial state, the last the state after the final simulated year. ${m.description}`;
  const spec = {
    ...top(id, wrap(metricTitle(name)), `${capitalise(m.unit)} · ${runLabel(sds)} · mean and 5-95% band`, caption),
    width: 480,
    height: 260,
    data: { values },
    layer: bandLayers(name, yearX(stockDomain(sds), X_STOCK), scenarioColor(sds)),
  };
  return { id, heading: metricTitle(name), caption, spec: asSpec(spec) };
}

// ---------------------------------------------------------------------------------------------
// 2. Paired difference to the baseline
// ---------------------------------------------------------------------------------------------

/** Paired differences (variant − baseline) of the composition metrics, with band and zero line. */
export function differenceChart(results: Results, sds: ScenarioData[]): ChartDef | null {
  const c = results.comparison;
  if (!c || c.variants.length === 0) return null;
  const id = 'difference-to-baseline';
  const base = sds[0]!;
  const variants = sds.slice(1);
  const x = yearX(stockDomain(sds), X_STOCK);
  const color = scenarioColor(
    sds,
    variants.map((v) => v.name),
  );
  const titles = panelTitles(COMPOSITION.map(metricTitle), 34);
  const panels = COMPOSITION.map((name, p) => {
    const k = METRIC_INDEX[name]!;
    const values: BandPoint[] = [];
    for (const v of variants) {
      const d = c.differences[v.name]?.[v.row]?.[name];
      if (!d) continue;
      // month 0, paired per replication (usually 0: the levers start later)
      const init = band(v.ensemble.replications.map((res, i) => yearly(res, v.rowIndex, k, 0) - yearly(base.ensemble.replications[i]!, base.rowIndex, k, 0)));
      values.push({
        scenario: v.name,
        year: c.startYear,
        when: `1 January ${c.startYear} (initial state)`,
        mean: r6(init.mean),
        p5: r6(init.p5),
        p95: r6(init.p95),
      });
      for (const b of d.byYear)
        values.push({ scenario: v.name, year: b.year + 1, when: `1 January ${b.year + 1} (end of ${b.year})`, mean: r6(b.mean), p5: r6(b.p5), p95: r6(b.p95) });
    }
    const unit = isPercent(name) ? 'percentage points' : metric(name).unit;
    const yTitle = `Difference, ${unit}`;
    const y = (field: string): Enc => ({
      field,
      type: 'quantitative',
      title: yTitle,
      axis: isPercent(name)
        ? { format: '+.0%', labelExpr: "datum.value == 0 ? '0' : replace(datum.label, '%', ' pp')" }
        : { format: '+~r', labelExpr: "datum.value == 0 ? '0' : datum.label" },
    });
    return {
      title: { text: titles[p], fontSize: 12 },
      width: 250,
      height: 200,
      data: { values },
      layer: [
        {
          mark: { type: 'area', opacity: 0.18 },
          transform: BAND_FIELD,
          encoding: { x, y: y('p5'), y2: { field: 'p95' }, fill: { ...color, field: 'bandOf', legend: null } },
        },
        { mark: { type: 'rule', color: '#444444', strokeDash: [4, 3] }, encoding: { y: { datum: 0, type: 'quantitative' } } },
        { mark: { type: 'line', strokeWidth: 2, point: { size: 16 } }, encoding: { x, y: y('mean'), color, tooltip: tooltipFor(name) } },
      ],
    };
  });
  const caption = `Paired difference to the baseline "${base.name}" (variant minus baseline, replication by replication on the same seeds) for ${COMPOSITION.join(', ')}. ${BAND_NOTE} A band that stays clear of the dashed zero line is an effect larger than the noise between replications. Shares are in percentage points (pp).`;
  const spec = {
    ...top(id, `Difference to the baseline (${base.name})`, `Variant minus baseline, paired on common random numbers · ${runLabel(sds)}`, caption),
    hconcat: panels,
    resolve: { scale: { y: 'independent' } },
  };
  return { id, heading: 'Difference to the baseline', caption, spec: asSpec(spec) };
}

// ---------------------------------------------------------------------------------------------
// 3. Flows and exits
// ---------------------------------------------------------------------------------------------

/** The three moves of households the flows chart shows. */
export const MOVE_FLOWS = ['moveIns', 'moveOuts', 'internalMoves'] as const;

/** Moves per year (in, out, internal), one panel each with a shared scale. */
export function flowsChart(sds: ScenarioData[]): ChartDef {
  const id = 'flows';
  const values = sds.flatMap((sd) => MOVE_FLOWS.flatMap((name) => flowPoints(sd, name).map((p) => ({ ...p, metric: name }))));
  const x = yearX(flowDomain(sds), X_FLOW);
  const color = scenarioColor(sds);
  const unit = metricUnit('moveIns');
  const caption = `Household moves per calendar year, summed over the year: ${MOVE_FLOWS.map((n) => `${n} — ${metric(n).description}`).join(' ')} ${BAND_NOTE}`;
  const spec = {
    ...top(id, 'Moves per year: in, out and within the estate', `${capitalise(unit)} · ${runLabel(sds)} · mean and 5-95% band`, caption),
    data: { values },
    facet: { column: { field: 'metric', type: 'nominal', sort: [...MOVE_FLOWS], title: null, header: { labelFontSize: 12, labelFontWeight: 'bold' } } },
    spacing: 28,
    spec: { width: 220, height: 200, layer: bandLayers('moveIns', x, color, capitalise(unit)) },
    resolve: { scale: { y: 'shared' } },
  };
  return { id, heading: 'Moves per year', caption, spec: asSpec(spec) };
}

/** Colours of the exit reasons: the housing career in blue-greens, push factors in warm tones. */
const REASON_COLORS: Record<string, string> = {
  space: '#3d6a8f',
  garden: '#5b9a6b',
  ownership: '#4f9fa3',
  partnership: '#7d6ba6',
  dissatisfaction: '#d1913c',
  safety: '#b5574f',
  stigma: '#6e2a26',
  job: '#b9a36a',
  death: '#7a7a7a',
  other: '#c4c4c4',
  demolition: '#4b4b6e',
};

const exitMetric = (reason: string): string => `exits${capitalise(reason)}`;

/** Move-outs per year, stacked by reason (means over replications). */
export function exitsChart(sds: ScenarioData[]): ChartDef {
  const id = 'exits-by-reason';
  const declared = EXIT_REASONS.filter((r) => METRIC_INDEX[exitMetric(r)] !== undefined);
  const total = (r: string) => sds.reduce((s, sd) => s + sd.summary.metrics[sd.row]![exitMetric(r)]!.byYear.reduce((a, b) => a + b.mean, 0), 0);
  const some = declared.filter((r) => total(r) > 0);
  const reasons = some.length ? some : declared;
  const none = some.length ? declared.filter((r) => total(r) === 0) : [];
  // the legend lists the reasons top to bottom, as they are stacked
  const legendOrder = [...reasons].reverse();
  const values = sds.flatMap((sd) =>
    reasons.flatMap((reason, order) =>
      sd.summary.metrics[sd.row]![exitMetric(reason)]!.byYear.map((b) => ({ scenario: sd.name, year: b.year, reason, order, households: r6(b.mean) })),
    ),
  );
  const [y0, y1] = flowDomain(sds);
  const unit = metricUnit('exitsSpace');
  const caption = `Households moving out per calendar year, stacked by the reason for leaving (${reasons.map(exitMetric).join(', ')}). Bars are means over replications, so a stack adds up to the mean number of move-outs; the spread between replications is in the moves chart. Reasons: ${reasons.map((r) => `${r} — ${metric(exitMetric(r)).description}`).join(' ')}${none.length ? ` No household moved out for: ${none.join(', ')}.` : ''}`;
  const title = 'Why households move out';
  const sub = `${capitalise(unit)}, stacked by reason · ${runLabel(sds)} · means`;
  const inner = {
    width: 480,
    height: sds.length > 1 ? 150 : 260,
    // 80% of a year wide on the quantitative year axis
    mark: { type: 'bar', stroke: 'white', strokeWidth: 0.4, width: Math.max(2, Math.floor((0.8 * 480) / (y1 - y0 + 2))) },
    encoding: {
      x: yearX([y0 - 0.5, y1 + 0.5], X_FLOW),
      y: { field: 'households', type: 'quantitative', aggregate: 'sum', stack: 'zero', title: capitalise(unit) },
      color: {
        field: 'reason',
        type: 'nominal',
        title: 'Reason for leaving',
        sort: legendOrder,
        scale: { domain: legendOrder, range: legendOrder.map((r) => REASON_COLORS[r] ?? '#999999') },
        legend: { orient: 'right' },
      },
      order: { field: 'order', type: 'quantitative', sort: 'ascending' },
      tooltip: [
        { field: 'scenario', type: 'nominal', title: 'Scenario' },
        { field: 'year', type: 'quantitative', title: 'Year', format: 'd' },
        { field: 'reason', type: 'nominal', title: 'Reason' },
        { field: 'households', type: 'quantitative', aggregate: 'sum', title: 'Mean households', format: '.1f' },
      ],
    },
  };
  const spec = byScenarioRows(sds, top(id, title, sub, caption), values, inner, { resolve: { scale: { y: 'shared' } } });
  return { id, heading: 'Why households move out', caption, spec: asSpec(spec) };
}

// ---------------------------------------------------------------------------------------------
// 4. Stay lengths of leaving resource-strong families with children
// ---------------------------------------------------------------------------------------------

/** The report's mark: a stay of 2 years (24 months) or less is a short stay. */
export const SHORT_STAY_YEARS = SHORT_STAY_MONTHS / 12;

/** Stay-length counts of leaving resource-strong families, in 1-year bins (12k, 12(k+1)] months. */
export function stayBins(ensemble: Ensemble): { bins: number[]; leavers: number; short: number; perReplication: number[] } {
  const bins: number[] = [];
  let leavers = 0;
  let short = 0;
  const perReplication: number[] = [];
  for (const res of ensemble.replications) {
    const c = res.leavers;
    for (let b = 0; b < c.stayBins.length; b++) {
      while (bins.length <= b) bins.push(0);
      bins[b]! += c.stayBins[b]!;
    }
    leavers += c.leavers;
    short += c.short;
    perReplication.push(c.leavers);
  }
  return { bins, leavers, short, perReplication };
}

/** Whether every replication of the ensemble kept its move log (output.moves). */
export const hasMoveLog = (e: Ensemble): boolean => e.replications.every((r) => r.moveLog);

/** Histogram of stay lengths of leaving resource-strong families with children, with the 2-year mark. */
export function stayLengthChart(sds: ScenarioData[]): ChartDef | null {
  if (!sds.every((sd) => hasMoveLog(sd.ensemble))) return null;
  const id = 'stay-lengths';
  const values: Enc[] = [];
  let maxBin = SHORT_STAY_YEARS + 1;
  const shorts: string[] = [];
  const shortShares: string[] = [];
  for (const sd of sds) {
    const { bins, leavers, short } = stayBins(sd.ensemble);
    const n = sd.ensemble.replications.length;
    maxBin = Math.max(maxBin, bins.length);
    for (const [b, count] of bins.entries())
      values.push({
        scenario: sd.name,
        from: b,
        to: b + 1,
        label: b === 0 ? 'up to 1 year' : `${b}-${b + 1} years`,
        leavers: r6(count / n),
        share: r6(leavers ? count / leavers : 0),
      });
    shortShares.push(`${sds.length > 1 ? `${sd.name} ` : ''}${leavers ? Math.round((100 * short) / leavers) : 0}%`);
    shorts.push(`${sds.length > 1 ? `${sd.name}: ` : ''}${leavers ? Math.round((100 * short) / leavers) : 0}% of ${fmtInt(leavers / n)} per replication`);
  }
  const x = {
    field: 'from',
    type: 'quantitative',
    title: 'Years lived in the estate before moving out',
    scale: { domain: [0, maxBin], nice: false },
    axis: { format: 'd', labelFlush: false, tickMinStep: 1 },
  };
  const y = { field: 'leavers', type: 'quantitative', title: 'Households per replication (mean)' };
  const many = sds.length > 1;
  const tooltip = [
    { field: 'scenario', type: 'nominal', title: 'Scenario' },
    { field: 'label', type: 'nominal', title: 'Stay' },
    { field: 'leavers', type: 'quantitative', title: 'Households per replication', format: '.1f' },
    { field: 'share', type: 'quantitative', title: 'Share of these leavers', format: '.1%' },
  ];
  const bars = many
    ? { mark: { type: 'line', interpolate: 'step-after', strokeWidth: 2 }, encoding: { x, y, color: scenarioColor(sds), tooltip } }
    : { mark: { type: 'rect', stroke: 'white', strokeWidth: 0.5 }, encoding: { x, x2: { field: 'to' }, y, color: { value: CALM_CATEGORY[0] }, tooltip } };
  const ruleData = {
    values: [{ mark: SHORT_STAY_YEARS, text: `${SHORT_STAY_YEARS} years, the report's mark${many ? '' : `: ${shortShares[0]} left within it`}` }],
  };
  const unitOut = metric('outResourceStrongFamiliesShortStay');
  const caption = `Resource-strong families with children who moved out of the estate, by how long they had lived there (from the move log, all replications pooled, 1-year bins: "1-2 years" is more than 12 and at most 24 months). The dashed line marks ${SHORT_STAY_YEARS} years, the report's threshold for a short stay (metric outResourceStrongFamiliesShortStay: ${unitOut.description}). Short stays: ${shorts.join('; ')}. Households living in the estate at the start carry the years they had already lived there; households that moved in during the run can have stayed at most the length of the run.${many ? ' Steps: one line per scenario.' : ''}`;
  const spec = {
    ...top(
      id,
      'How long leaving resource-strong families had stayed',
      many
        ? [`Resource-strong families with children moving out · ${runLabel(sds)}`, `Left within ${SHORT_STAY_YEARS} years: ${shortShares.join(', ')}`]
        : `Resource-strong families with children moving out · ${runLabel(sds)}`,
      caption,
    ),
    width: 480,
    height: 240,
    layer: [
      { data: { values }, ...bars },
      {
        data: ruleData,
        mark: { type: 'rule', color: '#b5574f', strokeDash: [5, 3], strokeWidth: 1.5 },
        encoding: { x: { field: 'mark', type: 'quantitative' } },
      },
      {
        data: ruleData,
        mark: { type: 'text', align: 'left', dx: 4, y: 8, color: '#b5574f', fontSize: 11 },
        encoding: { x: { field: 'mark', type: 'quantitative' }, text: { field: 'text' } },
      },
    ],
  };
  return { id, heading: 'Stay lengths of leaving resource-strong families', caption, spec: asSpec(spec) };
}

// ---------------------------------------------------------------------------------------------
// 5. In-movers, out-movers and residents by status (the elevator effect)
// ---------------------------------------------------------------------------------------------

/** The three groups of the movers chart, in order. */
export const STATUS_GROUPS = ['Moving in (households)', 'Moving out (households)', 'Residents 22-59 (persons)'] as const;

/** Share resource-strong per group over the whole run: per replication, then mean and 5-95% band. */
export function statusShares(sd: ScenarioData): Band[] {
  const k = (n: string) => METRIC_INDEX[n]!;
  const nYears = sd.summary.years.length;
  const per = sd.ensemble.replications.map((res) => {
    const r = sd.rowIndex;
    const ins = flowTotal(res, r, k('moveIns'));
    const outs = flowTotal(res, r, k('moveOuts'));
    const ends = yearEnds(res, r, k('resourceStrongShare'), nYears).slice(1);
    return [
      ins > 0 ? flowTotal(res, r, k('inResourceStrong')) / ins : NaN,
      outs > 0 ? flowTotal(res, r, k('outResourceStrong')) / outs : NaN,
      ends.reduce((a, b) => a + b, 0) / Math.max(1, ends.length),
    ];
  });
  return [0, 1, 2].map((g) => band(per.map((p) => p[g]!).filter(Number.isFinite)));
}

/** Share resource-strong among in-movers, out-movers and residents, side by side. */
export function moversStatusChart(sds: ScenarioData[]): ChartDef {
  const id = 'movers-by-status';
  const values = sds.flatMap((sd) =>
    statusShares(sd).map((b, g) => ({ scenario: sd.name, group: STATUS_GROUPS[g], mean: r6(b.mean), p5: r6(b.p5), p95: r6(b.p95) })),
  );
  const color = scenarioColor(sds, true, 'square');
  const x = {
    field: 'group',
    type: 'nominal',
    title: null,
    sort: [...STATUS_GROUPS],
    axis: { labelAngle: 0, labelLimit: 200, labelExpr: "split(replace(datum.label, ' (', '|('), '|')" },
  };
  const xOffset = { field: 'scenario', type: 'nominal', sort: sds.map((s) => s.name) };
  const y = { field: 'mean', type: 'quantitative', title: 'Share resource-strong', axis: { format: '.0%' }, scale: { domain: [0, 1] } };
  const fmt = '.1%';
  const tooltip = [
    { field: 'scenario', type: 'nominal', title: 'Scenario' },
    { field: 'group', type: 'nominal', title: 'Group' },
    { field: 'mean', type: 'quantitative', title: 'Mean', format: fmt },
    { field: 'p5', type: 'quantitative', title: '5th percentile', format: fmt },
    { field: 'p95', type: 'quantitative', title: '95th percentile', format: fmt },
  ];
  const caption = `Share of resource-strong among households moving in (inResourceStrong / moveIns) and moving out (outResourceStrong / moveOuts) over the whole run, next to the share of residents aged 22-59 living in a resource-strong household (resourceStrongShare, mean of the year-end values). Movers are households and residents are persons, so the third bar is the estate's level for reference, not the same measure. When more of those moving out than of those moving in are resource-strong, the estate lifts people into work or education and then loses them: the elevator effect. Out-movers include households dissolved by a death. Bars: mean over replications; whiskers: 5th to 95th percentile.`;
  const spec = {
    ...top(id, 'Who moves in, who moves out, who lives there', `Share resource-strong over the whole run · ${runLabel(sds)}`, caption),
    width: sds.length > 1 ? 520 : 420,
    height: 260,
    data: { values },
    layer: [
      { mark: { type: 'bar', opacity: 0.9 }, encoding: { x, xOffset, y, color, tooltip } },
      { mark: { type: 'rule', color: '#222222', strokeWidth: 1.2 }, encoding: { x, xOffset, y: { field: 'p5', type: 'quantitative' }, y2: { field: 'p95' } } },
      {
        mark: { type: 'text', dy: -8, fontSize: 10, color: '#333333' },
        encoding: { x, xOffset, y: { field: 'p95', type: 'quantitative' }, text: { field: 'mean', type: 'quantitative', format: '.0%' } },
      },
    ],
  };
  return { id, heading: 'In-movers, out-movers and residents by status', caption, spec: asSpec(spec) };
}

// ---------------------------------------------------------------------------------------------
// 6. Image, social problems and crime
// ---------------------------------------------------------------------------------------------

export const AREA_LEVELS = ['image', 'socialProblems', 'crime'] as const;

/** Image, social problems and crime over time: three panels, each with its own unit. */
export function areaChart(sds: ScenarioData[]): ChartDef {
  const id = 'image-problems-crime';
  const x = yearX(stockDomain(sds), X_STOCK);
  const color = scenarioColor(sds);
  const titles = panelTitles(AREA_LEVELS.map(metricTitle), 36);
  const panels = AREA_LEVELS.map((name, p) => ({
    title: { text: titles[p], fontSize: 12, subtitle: `${name}, ${metric(name).unit}`, subtitleFontSize: 11 },
    width: 250,
    height: 190,
    data: { values: sds.flatMap((sd) => stockPoints(sd, name)) },
    layer: bandLayers(name, x, color),
  }));
  const caption = `The estate's image, social problems and crime, the levels behind the negative spiral. ${AREA_LEVELS.map((n) => `${n} (${metric(n).unit}): ${metric(n).description}`).join(' ')} ${BAND_NOTE}`;
  const spec = {
    ...top(id, 'Image, social problems and crime', `${runLabel(sds)} · mean and 5-95% band · state on 1 January`, caption),
    hconcat: panels,
    resolve: { scale: { y: 'independent' } },
  };
  return { id, heading: 'Image, social problems and crime', caption, spec: asSpec(spec) };
}

// ---------------------------------------------------------------------------------------------
// 7. The official list: criteria against thresholds, status as a timeline
// ---------------------------------------------------------------------------------------------

/** The four list criteria with their thresholds (from the law, model/classification.ts). */
export const LIST_CRITERIA = [
  {
    name: 'outsideWorkShare18to64',
    threshold: DEFAULT_THRESHOLDS.udsatOutsideWorkShare,
    prevention: DEFAULT_THRESHOLDS.preventionOutsideWorkShare,
    above: true,
    strict: true,
  },
  {
    name: 'convictionRatio',
    threshold: DEFAULT_THRESHOLDS.udsatConvictionRatio,
    prevention: DEFAULT_THRESHOLDS.preventionConvictionRatio,
    above: true,
    strict: false,
  },
  {
    name: 'basicEducationShare30to59',
    threshold: DEFAULT_THRESHOLDS.udsatBasicEducationShare,
    prevention: DEFAULT_THRESHOLDS.preventionBasicEducationShare,
    above: true,
    strict: true,
  },
  { name: 'incomeRatio', threshold: DEFAULT_THRESHOLDS.udsatIncomeRatio, prevention: DEFAULT_THRESHOLDS.preventionIncomeRatio, above: false, strict: true },
] as const;

/** How a criterion's threshold reads, e.g. "more than 40%" or "below 55%". */
export function thresholdText(c: (typeof LIST_CRITERIA)[number], value: number = c.threshold): string {
  const v = isPercent(c.name) ? `${Math.round(value * 100)}%` : c.name === 'incomeRatio' ? `${value.toFixed(2)}` : `${value}×`;
  return `${c.above ? (c.strict ? 'more than' : 'at least') : 'below'} ${v}`;
}

/** The four list criteria over time against their thresholds (2x2 panels). */
export function listCriteriaChart(sds: ScenarioData[]): ChartDef {
  const id = 'list-criteria';
  const x = yearX(stockDomain(sds), X_STOCK);
  const color = scenarioColor(sds);
  const withPrevention = sds.some((sd) => sd.ensemble.scenario.classification.ruleSet === '2021');
  const titles = panelTitles(
    LIST_CRITERIA.map((c) => metricTitle(c.name)),
    44,
  );
  const panels = LIST_CRITERIA.map((c, p) => {
    const fmt = isPercent(c.name) ? '.0%' : '~r';
    const same = !withPrevention || c.prevention === c.threshold;
    const rules = same
      ? [{ value: c.threshold, label: `${withPrevention ? 'list and prevention' : 'list'}: ${thresholdText(c)}`, kind: 'list' }]
      : [
          { value: c.threshold, label: `list: ${thresholdText(c)}`, kind: 'list' },
          { value: c.prevention, label: `prevention: ${thresholdText(c, c.prevention)}`, kind: 'prevention' },
        ];
    const y = (field: string): Enc => ({ field, type: 'quantitative', title: capitalise(metric(c.name).unit), axis: { format: fmt }, scale: { zero: true } });
    return {
      title: { text: titles[p], fontSize: 12 },
      width: 300,
      height: 180,
      layer: [
        {
          data: { values: sds.flatMap((sd) => stockPoints(sd, c.name)) },
          layer: [
            {
              mark: { type: 'area', opacity: 0.18 },
              transform: BAND_FIELD,
              encoding: { x, y: y('p5'), y2: { field: 'p95' }, fill: { ...color, field: 'bandOf', legend: null } },
            },
            { mark: { type: 'line', strokeWidth: 2, point: { size: 14 } }, encoding: { x, y: y('mean'), color, tooltip: tooltipFor(c.name) } },
          ],
        },
        {
          data: { values: rules },
          layer: [
            {
              mark: { type: 'rule', strokeWidth: 1.5 },
              encoding: {
                y: { field: 'value', type: 'quantitative' },
                color: { value: '#b5574f' },
                strokeDash: {
                  field: 'kind',
                  type: 'nominal',
                  scale: {
                    domain: ['list', 'prevention'],
                    range: [
                      [6, 3],
                      [2, 3],
                    ],
                  },
                  legend: null,
                },
              },
            },
            {
              mark: { type: 'text', align: 'left', baseline: 'bottom', dx: 3, dy: -2, fontSize: 10, color: '#b5574f' },
              encoding: { x: { value: 0 }, y: { field: 'value', type: 'quantitative' }, text: { field: 'label' } },
            },
          ],
        },
      ],
    };
  });
  const caption = `The four criteria of the official list (almenboligloven § 61 a) for this estate, against the law's thresholds (red dashed lines; ${withPrevention ? 'the dotted line is the lower threshold for a prevention area, § 61 b' : '2018 rules: no prevention areas'}). An area with at least 1,000 residents is listed when it meets at least ${DEFAULT_THRESHOLDS.udsatMinCriteria} of the 4 criteria. ${LIST_CRITERIA.map((c) => `${c.name}: ${metric(c.name).description} Threshold: ${thresholdText(c)}.`).join(' ')} The official classification averages criteria 1 and 2 over two years; the lines show the year-end values. ${BAND_NOTE}`;
  const spec = {
    ...top(id, 'The four official list criteria against their thresholds', `${runLabel(sds)} · mean and 5-95% band · state on 1 January`, caption),
    concat: panels,
    columns: 2,
    resolve: { scale: { y: 'independent', strokeDash: 'independent' } },
  };
  return { id, heading: 'The official list criteria', caption, spec: asSpec(spec) };
}

/** Colours of the list statuses, least to most severe. */
const STATUS_COLORS: Record<(typeof LIST_STATUS_NAMES)[number], string> = {
  none: '#dfe6dc',
  prevention: '#f2d48f',
  udsat: '#e0954f',
  ghetto: '#c0503f',
  hard: '#6e1f1a',
};

/** Share of replications in each list status, at 1 January of each year. */
export function statusDistribution(sd: ScenarioData): { year: number; counts: number[] }[] {
  const k = METRIC_INDEX.listStatusCode!;
  const nYears = sd.summary.years.length;
  const out = Array.from({ length: nYears + 1 }, (_, y) => ({ year: sd.summary.startYear + y, counts: LIST_STATUS_NAMES.map(() => 0) }));
  for (const res of sd.ensemble.replications) {
    yearEnds(res, sd.rowIndex, k, nYears).forEach((code, y) => {
      const c = Math.round(code);
      if (c >= 0 && c < LIST_STATUS_NAMES.length) out[y]!.counts[c]!++;
    });
  }
  return out;
}

/** The list status as a timeline: per year, the share of replications in each status. */
export function listStatusChart(sds: ScenarioData[]): ChartDef {
  const id = 'list-status';
  const values = sds.flatMap((sd) =>
    statusDistribution(sd).flatMap(({ year, counts }) => {
      const n = counts.reduce((a, b) => a + b, 0) || 1;
      let below = 0;
      return counts.flatMap((c, code) => {
        if (c === 0) return [];
        const lo = below;
        below += c;
        return [
          {
            scenario: sd.name,
            year,
            from: year - 0.42,
            to: year + 0.42,
            lo: r6(lo / n),
            hi: r6(below / n),
            status: LIST_STATUS_NAMES[code],
            share: r6(c / n),
            replications: c,
          },
        ];
      });
    }),
  );
  const [a, b] = stockDomain(sds);
  const names = [...LIST_STATUS_NAMES];
  const inner = {
    width: 480,
    height: sds.length > 1 ? 60 : 120,
    mark: { type: 'rect', stroke: 'white', strokeWidth: 0.5 },
    encoding: {
      x: { ...yearX([a - 0.5, b + 0.5], X_STOCK), field: 'from' },
      x2: { field: 'to' },
      y: {
        field: 'lo',
        type: 'quantitative',
        title: sds.length > 1 ? null : 'Share of replications',
        axis: { format: '.0%', values: [0, 0.5, 1] },
        scale: { domain: [0, 1], nice: false },
      },
      y2: { field: 'hi' },
      color: {
        field: 'status',
        type: 'nominal',
        title: 'List status',
        sort: names,
        scale: { domain: names, range: names.map((n) => STATUS_COLORS[n]) },
        legend: { orient: 'right' },
      },
      tooltip: [
        { field: 'scenario', type: 'nominal', title: 'Scenario' },
        { field: 'year', type: 'quantitative', title: '1 January', format: 'd' },
        { field: 'status', type: 'nominal', title: 'Status' },
        { field: 'replications', type: 'quantitative', title: 'Replications' },
        { field: 'share', type: 'quantitative', title: 'Share', format: '.0%' },
      ],
    },
  };
  const statusUnit = metric('listStatusCode');
  const caption = `${metricTitle('listStatusCode')} (listStatusCode), as the share of replications in each status on 1 January of each year (the classification is made every December; the first bar is the initial classification). Statuses from least to most severe: none; prevention (forebyggelsesområde); udsat (udsat boligområde, disadvantaged area); ghetto (ghettoområde, since 2021 parallelsamfund); hard (hårdt ghettoområde, since 2021 omdannelsesområde). ${statusUnit.description}`;
  const title = 'Official list status over time';
  const sub = `Share of replications in each status · ${runLabel(sds)}`;
  const spec = byScenarioRows(sds, top(id, title, sub, caption), values, inner);
  return { id, heading: 'Official list status', caption, spec: asSpec(spec) };
}

// ---------------------------------------------------------------------------------------------
// 8. The estate map with a year slider
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// All charts
// ---------------------------------------------------------------------------------------------

/**
 * Every chart the results support, in report order.
 *
 * @example
 * for (const c of buildCharts(results)) await writeFile(`charts/${c.id}.vl.json`, JSON.stringify(c.spec));
 */
export function buildCharts(results: Results): ChartDef[] {
  const sds = scenarioData(results);
  const charts: (ChartDef | null)[] = [
    ...COMPOSITION.map((n) => compositionChart(sds, n)),
    differenceChart(results, sds),
    flowsChart(sds),
    exitsChart(sds),
    stayLengthChart(sds),
    moversStatusChart(sds),
    areaChart(sds),
    listCriteriaChart(sds),
    listStatusChart(sds),
    mapChart(sds),
  ];
  return charts.filter((c): c is ChartDef => c !== null);
}

/** Whole number with thousands separators (locale-independent), e.g. 1234.6 → "1,235". */
export function fmtInt(v: number): string {
  if (!Number.isFinite(v)) return 'n/a';
  const s = String(Math.round(Math.abs(v))).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (v < 0 && Math.round(Math.abs(v)) !== 0 ? '-' : '') + s;
}

export { lowerFirst };
