/**
 * The forest plot of a comparison: for each variant and composition outcome, the mean paired
 * difference to the baseline at the horizon with its 95% confidence interval (effects.csv's
 * `difference`, `ciLow`, `ciHigh`), against a zero line. The report's first screen shows it.
 */
import type { Effect } from '../../analysis/compare.js';
import type { Results } from '../../output/pipeline.js';
import { MAIN_OUTCOME, rankedByEffect } from '../headline.js';
import { type Lang, texts } from '../i18n.js';
import { type ChartDef, type ScenarioData, r6 } from './data.js';
import { type Enc, asSpec, scenarioColor, top } from './encodings.js';
import { isPercent, metricLabel, metricUnitIn, panelTitles } from './labels.js';
import { COMPOSITION } from './trajectories.js';

/** The outcome that ranks the variants and makes the headline (report/headline.ts). */
export { MAIN_OUTCOME };

/** The effect of a variant on a metric in the row the charts read. */
export function effectOf(results: Results, v: ScenarioData, name: string): Effect | undefined {
  return results.comparison?.effects.find((e) => e.variant === v.name && e.row === v.row && e.metric === name);
}

/** The variants ordered by their mean effect on {@link MAIN_OUTCOME}, largest first (ties keep their order). */
export function rankedVariants(results: Results, sds: ScenarioData[]): ScenarioData[] {
  return rankedByEffect(sds.slice(1), (v) => effectOf(results, v, MAIN_OUTCOME));
}

/** Forest plot of the composition effects at the horizon, one panel per outcome; null without a comparison. */
export function forestChart(results: Results, sds: ScenarioData[], lang: Lang = 'en'): ChartDef | null {
  const c = results.comparison;
  if (!c || sds.length < 2) return null;
  const t = texts(lang);
  const id = 'forest-plot';
  const base = sds[0]!;
  const end = base.summary.startYear + base.summary.years.length;
  const ranked = rankedVariants(results, sds);
  const order = ranked.map((v) => v.name);
  const color = scenarioColor(sds, false, 'stroke', lang);
  const titles = panelTitles(
    COMPOSITION.map((n) => metricLabel(n, lang)),
    30,
  );
  const panels = COMPOSITION.map((name, p) => {
    const scale = isPercent(name) ? 100 : 1;
    const values = ranked.flatMap((v) => {
      const e = effectOf(results, v, name);
      if (!e) return [];
      return [{ scenario: v.name, difference: r6(e.difference * scale), ciLow: r6(e.ciLow * scale), ciHigh: r6(e.ciHigh * scale) }];
    });
    const axisTitle = isPercent(name) ? t.forestAxisPoints : t.forestAxis(metricUnitIn(name, lang));
    const x = (field: string): Enc => ({
      field,
      type: 'quantitative',
      title: axisTitle,
      scale: { zero: true, nice: true },
      axis: { format: '+~r', labelExpr: "datum.value == 0 ? '0' : datum.label", tickCount: 4, labelOverlap: 'greedy', labelSeparation: 6 },
    });
    const y: Enc = {
      field: 'scenario',
      type: 'nominal',
      sort: order,
      title: null,
      axis: p === 0 ? { labelFontSize: 12, labelLimit: 160 } : { labels: false, ticks: false, domain: false },
    };
    const fmt = isPercent(name) ? '+.1f' : '+.1f';
    const tooltip = [
      { field: 'scenario', type: 'nominal', title: t.variant },
      { field: 'difference', type: 'quantitative', title: t.difference, format: fmt },
      { field: 'ciLow', type: 'quantitative', title: t.ciLow, format: fmt },
      { field: 'ciHigh', type: 'quantitative', title: t.ciHigh, format: fmt },
    ];
    return {
      title: { text: titles[p], fontSize: 12 },
      width: 210,
      height: { step: 26 },
      data: { values },
      layer: [
        { mark: { type: 'rule', color: '#444444', strokeDash: [4, 3] }, encoding: { x: { datum: 0, type: 'quantitative' } } },
        // one replication gives no interval: no interval layer then (all-null fields have an infinite extent: Vega warns)
        ...(values.some((v) => v.ciLow !== null && v.ciHigh !== null)
          ? [{ mark: { type: 'rule', strokeWidth: 2.5 }, encoding: { y, x: x('ciLow'), x2: { field: 'ciHigh' }, color, tooltip } }]
          : []),
        { mark: { type: 'point', filled: true, size: 70, opacity: 1 }, encoding: { y, x: x('difference'), color, tooltip } },
      ],
    };
  });
  const caption = t.forestCaption(base.name, end);
  const spec = {
    ...top(id, t.forestTitle(base.name), t.forestSubtitle(end), caption, lang),
    hconcat: panels,
    spacing: 18,
    resolve: { scale: { x: 'independent' } },
  };
  return { id, heading: t.forestHeading, caption, spec: asSpec(spec) };
}
