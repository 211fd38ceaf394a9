/**
 * Flows: household moves per year (in, out, within the estate), and move-outs stacked by the
 * reason for leaving.
 */
import { EXIT_REASONS } from '../../model/codes.js';
import { METRIC_INDEX } from '../../model/reporters.js';
import { type ChartDef, type ScenarioData, flowDomain, flowPoints, r6 } from './data.js';
import { BAND_NOTE, X_FLOW, asSpec, bandLayers, byScenarioRows, runLabel, scenarioColor, top, yearX } from './encodings.js';
import { capitalise, metric, metricUnit } from './labels.js';

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
