/**
 * Flows: household moves per year (in, out, within the estate), and move-outs stacked by the
 * reason for leaving.
 */
import { EXIT_REASONS } from '../../model/codes.js';
import { METRIC_INDEX } from '../../model/reporters.js';
import { type Lang, texts } from '../i18n.js';
import { type ChartDef, type ScenarioData, flowDomain, flowPoints, r6 } from './data.js';
import { asSpec, bandLayers, byScenarioRows, runLabel, scenarioColor, scenarioDash, top, xFlow, yearX } from './encodings.js';
import { capitalise, metric, metricUnitIn } from './labels.js';

/** The three moves of households the flows chart shows. */
export const MOVE_FLOWS = ['moveIns', 'moveOuts', 'internalMoves'] as const;

/** Moves per year (in, out, internal), one panel each with a shared scale. */
export function flowsChart(sds: ScenarioData[], lang: Lang = 'en'): ChartDef {
  const t = texts(lang).chart;
  const id = 'flows';
  // the panels are headed by the flow's name in words (the code stays in the spec's `metric` field)
  const values = sds.flatMap((sd) => MOVE_FLOWS.flatMap((name) => flowPoints(sd, name).map((p) => ({ ...p, metric: name, flow: t.flowNames[name]! }))));
  const x = yearX(flowDomain(sds), xFlow(lang));
  const color = scenarioColor(sds, true, 'stroke', lang);
  const unit = metricUnitIn('moveIns', lang);
  const caption = `${t.flowsCaption} ${MOVE_FLOWS.map((n) => `${t.flowNames[n]}${lang === 'en' ? ` — ${metric(n).description.replace(/ this month/, ' in the year')}` : '.'}`).join(' ')} ${sds.every((sd) => sd.ensemble.replications.length === 1) ? t.bandNoteOne : t.bandNote}`;
  const spec = {
    ...top(id, t.flowsTitle, `${capitalise(unit)} · ${runLabel(sds, lang)} · ${t.meanBand}`, caption, lang),
    data: { values },
    facet: {
      column: {
        field: 'flow',
        type: 'nominal',
        sort: MOVE_FLOWS.map((n) => t.flowNames[n]!),
        title: null,
        header: { labelFontSize: 12, labelFontWeight: 'bold' },
      },
    },
    spacing: 28,
    spec: { width: 220, height: 200, layer: bandLayers('moveIns', x, color, capitalise(unit), lang, scenarioDash(color)) },
    resolve: { scale: { y: 'shared' } },
  };
  return { id, heading: t.flowsHeading, caption, spec: asSpec(spec) };
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
export function exitsChart(sds: ScenarioData[], lang: Lang = 'en'): ChartDef {
  const t = texts(lang).chart;
  const id = 'exits-by-reason';
  const declared = EXIT_REASONS.filter((r) => METRIC_INDEX[exitMetric(r)] !== undefined);
  const total = (r: string) => sds.reduce((s, sd) => s + sd.summary.metrics[sd.row]![exitMetric(r)]!.byYear.reduce((a, b) => a + b.mean, 0), 0);
  const some = declared.filter((r) => total(r) > 0);
  const reasons = some.length ? some : declared;
  const none = some.length ? declared.filter((r) => total(r) === 0) : [];
  // the legend lists the reasons top to bottom, as they are stacked
  const said = (r: string) => t.reasons[r] ?? r;
  const legendOrder = [...reasons].reverse().map(said);
  const values = sds.flatMap((sd) =>
    reasons.flatMap((code, order) =>
      sd.summary.metrics[sd.row]![exitMetric(code)]!.byYear.map((b) => ({
        scenario: sd.name,
        year: b.year,
        code,
        reason: said(code),
        order,
        households: r6(b.mean),
      })),
    ),
  );
  const [y0, y1] = flowDomain(sds);
  const unit = metricUnitIn('exitsSpace', lang);
  const caption = t.exitsCaption(
    reasons.map((r) => `${said(r)}${lang === 'en' ? ` — ${metric(exitMetric(r)).description}` : ''}`).join(lang === 'en' ? ' ' : '; '),
    none.map(said).join(', '),
  );
  const title = t.exitsHeading;
  const sub = t.exitsSubtitle(capitalise(unit), runLabel(sds, lang));
  const inner = {
    width: 480,
    height: sds.length > 1 ? 150 : 260,
    // 80% of a year wide on the quantitative year axis
    mark: { type: 'bar', stroke: 'white', strokeWidth: 0.4, width: Math.max(2, Math.floor((0.8 * 480) / (y1 - y0 + 2))) },
    encoding: {
      x: yearX([y0 - 0.5, y1 + 0.5], xFlow(lang)),
      y: { field: 'households', type: 'quantitative', aggregate: 'sum', stack: 'zero', title: capitalise(unit) },
      color: {
        field: 'reason',
        type: 'nominal',
        title: t.reasonTitle,
        sort: legendOrder,
        scale: { domain: legendOrder, range: [...reasons].reverse().map((r) => REASON_COLORS[r] ?? '#999999') },
        legend: { orient: 'right' },
      },
      order: { field: 'order', type: 'quantitative', sort: 'ascending' },
      tooltip: [
        { field: 'scenario', type: 'nominal', title: t.scenario },
        { field: 'year', type: 'quantitative', title: t.year, format: 'd' },
        { field: 'reason', type: 'nominal', title: t.reason },
        { field: 'households', type: 'quantitative', aggregate: 'sum', title: t.meanHouseholds, format: '.1f' },
      ],
    },
  };
  const spec = byScenarioRows(sds, top(id, title, sub, caption, lang), values, inner, { resolve: { scale: { y: 'shared' } } });
  return { id, heading: t.exitsHeading, caption, spec: asSpec(spec) };
}
