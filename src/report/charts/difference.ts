/**
 * A comparison's paired differences to the baseline (variant minus baseline, replication by
 * replication on the same seeds) of the composition metrics.
 */
import type { Results } from '../../output/pipeline.js';
import { band } from '../../analysis/summary.js';
import { yearly } from '../../model/digest.js';
import { METRIC_INDEX } from '../../model/reporters.js';
import { type Lang, texts } from '../i18n.js';
import { type BandPoint, type ChartDef, type ScenarioData, r6, stockDomain } from './data.js';
import { BAND_FIELD, BAND_OPACITY, type Enc, asSpec, percentSign, runLabel, scenarioColor, scenarioDash, tooltipFor, top, xStock, yearX } from './encodings.js';
import { isPercent, metricLabel, metricUnitIn, panelTitles, unitIn } from './labels.js';
import { COMPOSITION } from './trajectories.js';

/** Paired differences (variant − baseline) of the composition metrics, with band and zero line. */
export function differenceChart(results: Results, sds: ScenarioData[], lang: Lang = 'en'): ChartDef | null {
  const c = results.comparison;
  if (!c || c.variants.length === 0) return null;
  const t = texts(lang).chart;
  const id = 'difference-to-baseline';
  const base = sds[0]!;
  const variants = sds.slice(1);
  const x = yearX(stockDomain(sds), xStock(lang));
  const color = scenarioColor(
    sds,
    variants.map((v) => v.name),
    'stroke',
    lang,
  );
  const dash = scenarioDash(color);
  const titles = panelTitles(
    COMPOSITION.map((n) => metricLabel(n, lang)),
    34,
  );
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
        when: t.initial(c.startYear),
        mean: r6(init.mean),
        p5: r6(init.p5),
        p95: r6(init.p95),
      });
      for (const b of d.byYear) values.push({ scenario: v.name, year: b.year + 1, when: t.endOf(b.year), mean: r6(b.mean), p5: r6(b.p5), p95: r6(b.p95) });
    }
    const yTitle = t.differenceAxis(isPercent(name) ? unitIn('percentage points', lang) : metricUnitIn(name, lang));
    const y = (field: string): Enc => ({
      field,
      type: 'quantitative',
      title: yTitle,
      axis: isPercent(name)
        ? { format: '+.0%', labelExpr: `datum.value == 0 ? '0' : replace(datum.label, '${percentSign(lang)}', ' pp')` }
        : { format: '+~r', labelExpr: "datum.value == 0 ? '0' : datum.label" },
    });
    return {
      title: { text: titles[p], fontSize: 12 },
      width: 220,
      height: 200,
      data: { values },
      layer: [
        {
          mark: { type: 'area', opacity: BAND_OPACITY },
          transform: BAND_FIELD,
          encoding: { x, y: y('p5'), y2: { field: 'p95' }, fill: { ...color, field: 'bandOf', legend: null } },
        },
        ...['p5', 'p95'].map((edge) => ({
          mark: { type: 'line', strokeWidth: 0.7, opacity: 0.55 },
          transform: BAND_FIELD,
          encoding: { x, y: y(edge), stroke: { ...color, field: 'bandOf', legend: null }, detail: { field: 'scenario', type: 'nominal' } },
        })),
        { mark: { type: 'rule', color: '#444444', strokeDash: [4, 3] }, encoding: { y: { datum: 0, type: 'quantitative' } } },
        {
          mark: { type: 'line', strokeWidth: 2, point: { size: 16 } },
          encoding: { x, y: y('mean'), color, strokeDash: dash, tooltip: tooltipFor(name, lang) },
        },
      ],
    };
  });
  const caption = t.differenceCaption(base.name, COMPOSITION.map((n) => metricLabel(n, lang).toLowerCase()).join(', '));
  const spec = {
    ...top(id, t.differenceTitle(base.name), t.differenceSubtitle(runLabel(sds, lang)), caption, lang),
    hconcat: panels,
    resolve: { scale: { y: 'independent' } },
  };
  return { id, heading: t.differenceHeading, caption, spec: asSpec(spec) };
}
