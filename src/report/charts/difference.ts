/**
 * A comparison's paired differences to the baseline (variant minus baseline, replication by
 * replication on the same seeds) of the composition metrics.
 */
import type { Results } from '../../output/pipeline.js';
import { band } from '../../analysis/summary.js';
import { yearly } from '../../model/digest.js';
import { METRIC_INDEX } from '../../model/reporters.js';
import { type BandPoint, type ChartDef, type ScenarioData, r6, stockDomain } from './data.js';
import { BAND_FIELD, BAND_NOTE, type Enc, X_STOCK, asSpec, runLabel, scenarioColor, tooltipFor, top, yearX } from './encodings.js';
import { isPercent, metric, metricTitle, panelTitles } from './labels.js';
import { COMPOSITION } from './trajectories.js';

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
