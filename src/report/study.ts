/**
 * Charts of studies (output/study.ts): the Morris μ*-σ plot and the Sobol S1/ST bars of
 * `nabolag sensitivity`, and the dose-response chart of `nabolag sweep`. Vega-Lite specs written
 * by report.ts `writeCharts` (charts/<id>.vl.json, .svg, .png), deterministic like the others.
 */
import type { Lang } from './i18n.js';
import type { TopLevelSpec } from 'vega-lite';
import type { IndexRow, SensitivityResult, SweepResult } from '../output/study.js';
import { type ChartDef, VL_SCHEMA, isPercent, metricLabel, metricUnit } from './charts/index.js';
import { baseConfig } from './render.js';
import { writeCharts, writeChartsAndReport } from './report.js';
import { checkPatterns } from '../analysis/patterns.js';

const asSpec = (s: object): TopLevelSpec => s as unknown as TopLevelSpec;
const r6 = (v: number): number | null => (Number.isFinite(v) ? Math.round(v * 1e6) / 1e6 : null);
const top = (id: string, title: string, subtitle: string, caption: string) => ({
  $schema: VL_SCHEMA,
  name: id,
  description: caption,
  title: { text: title, subtitle },
  config: baseConfig,
});
/** A chart id from an outcome name (letters, digits and `-`). */
const slug = (s: string): string => s.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'outcome';

/** μ* against σ, one point per parameter, for one outcome (Morris 1991; Campolongo et al. 2007). */
export function morrisChart(r: SensitivityResult, outcome: string): ChartDef {
  const id = `morris-${slug(outcome)}`;
  const rows = r.indices.filter((x) => x.outcome === outcome) as (IndexRow & { muStar: number; sigma: number; mu: number })[];
  const values = rows.map((x) => ({ parameter: x.parameter, muStar: r6(x.muStar), sigma: r6(x.sigma), mu: r6(x.mu) }));
  const caption = `Morris elementary effects of each parameter on the outcome "${outcome}": μ* (mean absolute effect of moving the parameter across its whole range) against σ (their spread). Far right: influential; high up: its effect depends on the other parameters or is not linear. Effects are in the outcome's unit per the parameter's range.`;
  const spec = {
    ...top(id, `Morris screening: ${outcome}`, `μ* against σ · ${r.params.length} parameters`, caption),
    width: 420,
    height: 300,
    data: { values },
    layer: [
      {
        mark: { type: 'point', filled: true, size: 70 },
        encoding: {
          x: { field: 'muStar', type: 'quantitative', title: 'μ* (mean |elementary effect|)', scale: { zero: true } },
          y: { field: 'sigma', type: 'quantitative', title: 'σ (standard deviation of the effects)', scale: { zero: true } },
          tooltip: [
            { field: 'parameter', title: 'Parameter' },
            { field: 'muStar', title: 'μ*', format: '.4~g' },
            { field: 'sigma', title: 'σ', format: '.4~g' },
            { field: 'mu', title: 'μ', format: '.4~g' },
          ],
        },
      },
      {
        mark: { type: 'text', align: 'left', dx: 7, dy: -7, fontSize: 11 },
        encoding: { x: { field: 'muStar', type: 'quantitative' }, y: { field: 'sigma', type: 'quantitative' }, text: { field: 'parameter' } },
      },
    ],
  };
  return { id, heading: `Morris: ${outcome}`, caption, spec: asSpec(spec) };
}

/** S1 and ST per parameter with their bootstrap 95% intervals, for one outcome. */
export function sobolChart(r: SensitivityResult, outcome: string): ChartDef {
  const id = `sobol-${slug(outcome)}`;
  const rows = r.indices.filter((x) => x.outcome === outcome) as (IndexRow & {
    S1: number;
    S1Low: number;
    S1High: number;
    ST: number;
    STLow: number;
    STHigh: number;
  })[];
  const values = rows.flatMap((x) => [
    { parameter: x.parameter, index: 'S1 (first order)', value: r6(x.S1), low: r6(x.S1Low), high: r6(x.S1High) },
    { parameter: x.parameter, index: 'ST (total)', value: r6(x.ST), low: r6(x.STLow), high: r6(x.STHigh) },
  ]);
  const caption = `Sobol indices of each parameter for the outcome "${outcome}": S1, the share of the outcome's variance the parameter explains alone, and ST, its share including its interactions with the others; lines are bootstrap 95% intervals. ST well above S1 means interactions.`;
  const color = { field: 'index', type: 'nominal', title: 'Index', scale: { range: ['#3d6a8f', '#d1913c'] } };
  const spec = {
    ...top(id, `Sobol indices: ${outcome}`, `First-order and total indices with 95% intervals · ${r.params.length} parameters`, caption),
    width: 420,
    height: { step: 16 },
    data: { values },
    encoding: {
      y: { field: 'parameter', type: 'nominal', title: null, sort: null },
      yOffset: { field: 'index', type: 'nominal' },
    },
    layer: [
      {
        mark: { type: 'bar' },
        encoding: {
          x: { field: 'value', type: 'quantitative', title: 'Share of variance (estimates below 0 or above 1 are sampling noise)' },
          color,
          tooltip: [
            { field: 'parameter', title: 'Parameter' },
            { field: 'index', title: 'Index' },
            { field: 'value', title: 'Estimate', format: '.3f' },
            { field: 'low', title: '95% low', format: '.3f' },
            { field: 'high', title: '95% high', format: '.3f' },
          ],
        },
      },
      { mark: { type: 'rule', color: '#222222' }, encoding: { x: { field: 'low', type: 'quantitative' }, x2: { field: 'high' } } },
    ],
  };
  return { id, heading: `Sobol: ${outcome}`, caption, spec: asSpec(spec) };
}

/** The charts of a sensitivity analysis: one per outcome. */
export function sensitivityCharts(r: SensitivityResult): ChartDef[] {
  return r.outcomes.map((o) => (r.method === 'morris' ? morrisChart(r, o.name) : sobolChart(r, o.name)));
}

export const writeSensitivityCharts = (dir: string, r: SensitivityResult): Promise<string[]> => writeCharts(dir, sensitivityCharts(r));

/** Most values of a sweep's second path that the dose-response chart colours one by one (more: a continuous scale). Assumption (what a legend shows). */
const DOSE_DISCRETE_SHADES = 8;

/**
 * Dose-response of a sweep: the horizon effect (point minus the scenario as given, paired on
 * the same seeds) on each kept metric, against the first varied path's value, with the 95%
 * confidence interval of the mean difference; coloured on an ordered sequential scale by the
 * second varied path when there is one, else by the dose itself. Null when the first path's
 * values are not numbers.
 */
export function doseResponseChart(r: SweepResult): ChartDef | null {
  const path = r.plan.paths[0]!;
  const second = r.plan.paths[1];
  const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  const values = r.effects
    .filter((e) => num(e.values[0]) !== null)
    .map((e) => ({
      point: e.point,
      // the metric's label on the panel (its code stays in effects.csv)
      metric: `${metricLabel(e.metric)} (${isPercent(e.metric) ? 'pp' : metricUnit(e.metric)})`,
      percent: isPercent(e.metric),
      dose: e.values[0],
      shade: second !== undefined ? num(e.values[1]) : e.values[0],
      difference: r6(isPercent(e.metric) ? e.difference * 100 : e.difference),
      ciLow: r6(isPercent(e.metric) ? e.ciLow * 100 : e.ciLow),
      ciHigh: r6(isPercent(e.metric) ? e.ciHigh * 100 : e.ciHigh),
    }));
  if (values.length === 0) return null;
  // a second path of few values: a colour per value run (a legend of those values only), and each
  // drawn a little beside the others at the same dose, so that their intervals do not hide each other
  const shades = [...new Set(values.map((v) => v.shade).filter((v): v is number => typeof v === 'number'))].sort((a, b) => a - b);
  const discrete = second !== undefined && shades.length > 0 && shades.length <= DOSE_DISCRETE_SHADES;
  const doses = [...new Set(values.map((v) => v.dose as number))].sort((a, b) => a - b);
  const gap = doses.slice(1).reduce((m, d, i) => Math.min(m, d - doses[i]!), Number.POSITIVE_INFINITY);
  const width = Number.isFinite(gap) ? gap * 0.3 : 0;
  const placed = values.map((v) => {
    const k = discrete ? shades.indexOf(v.shade as number) : -1;
    const off = k >= 0 && shades.length > 1 ? (k / (shades.length - 1) - 0.5) * width : 0;
    return { ...v, x: r6((v.dose as number) + off) };
  });
  const id = 'dose-response';
  const year = r.summary.startYear + r.summary.years.length - 1;
  const caption = `Dose-response: the effect in ${year} (end of the last simulated year) of setting ${path} to each value${second ? `, for each value of ${second} (the colour${discrete ? '; drawn side by side at each value of the first' : ''})` : ''}, against the scenario as given, paired replication by replication on the same seeds. Points: mean difference; lines: its 95% confidence interval. Shares are in percentage points. Row "${r.row}".`;
  const shadeTitle = second ?? path;
  const color = {
    field: 'shade',
    type: discrete ? 'ordinal' : 'quantitative',
    title: shadeTitle,
    scale: discrete ? { domain: shades, scheme: 'viridis', reverse: true } : { scheme: 'viridis', reverse: true },
    legend: second ? { orient: 'bottom', titleLimit: 600, labelLimit: 200 } : null,
  };
  const spec = {
    ...top(
      id,
      `Dose-response: ${path}${second ? ` by ${second}` : ''}`,
      `Effect in ${year} against the scenario as given · ${r.summary.replications} paired replications per point`,
      caption,
    ),
    data: { values: placed },
    facet: { column: { field: 'metric', type: 'nominal', title: null, sort: null } },
    resolve: { scale: { y: 'independent' } },
    spec: {
      width: 240,
      height: 200,
      layer: [
        { mark: { type: 'rule', color: '#444444', strokeDash: [4, 3] }, encoding: { y: { datum: 0, type: 'quantitative' } } },
        {
          mark: { type: 'rule', strokeWidth: 1.5 },
          encoding: {
            // padding: the points at either end of the range drawn whole, not cut by the panel's edge
            x: { field: 'x', type: 'quantitative', title: path, scale: { zero: false, nice: false, padding: 14 } },
            y: { field: 'ciLow', type: 'quantitative', title: 'Difference to the scenario as given' },
            y2: { field: 'ciHigh' },
            color,
          },
        },
        {
          mark: { type: 'point', filled: true, size: 40 },
          encoding: {
            x: { field: 'x', type: 'quantitative' },
            y: { field: 'difference', type: 'quantitative' },
            color,
            tooltip: [
              { field: 'point', title: 'Point' },
              { field: 'dose', title: path },
              ...(second ? [{ field: 'shade', title: second }] : []),
              { field: 'difference', title: 'Difference', format: '.3f' },
              { field: 'ciLow', title: '95% low', format: '.3f' },
              { field: 'ciHigh', title: '95% high', format: '.3f' },
            ],
          },
        },
      ],
    },
  };
  return { id, heading: 'Dose-response', caption, spec: asSpec(spec) };
}

/**
 * A sweep's charts and report: the report of the scenario as given (report.ts, with its
 * pattern checks), with the dose-response chart first.
 */
export const writeSweepCharts = (dir: string, r: SweepResult, lang: Lang = 'en'): Promise<string[]> => {
  const c = doseResponseChart(r);
  return writeChartsAndReport(dir, { ensembles: [r.baseline], summary: r.summary }, { patterns: checkPatterns, extraCharts: c ? [c] : [], lang });
};
