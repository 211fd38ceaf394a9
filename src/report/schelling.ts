/**
 * The report of a Schelling scenario (a `schelling` section): instead of the housing charts and
 * findings, the share of similar neighbours and the share of unhappy households by step (mean
 * and 5-95% band over replications) and the grid of the first replication by step, with a
 * slider. The shares come from each replication's digest (`schelling`, model/simulate.ts).
 * Its words are in report/i18n.ts (`schelling`), in the report's language.
 */
import type { Results } from '../output/pipeline.js';
import type { ReplicationDigest } from '../model/digest.js';
import { EMPTY_COLOR, GROUP_COLORS } from '../studio/palette.js';
import { type ChartDef, VL_SCHEMA, scenarioData } from './charts/index.js';
import { top } from './charts/encodings.js';
import { CALM_CATEGORY } from './render.js';
import { escapeHtml } from './html.js';
import { type Lang, texts } from './i18n.js';

/** Whether the results are of Schelling scenarios (the baseline decides). */
export const isSchellingRun = (results: Results): boolean => results.ensembles[0]?.scenario.schelling !== undefined;

/** The two shares, in panel order; their titles are `texts(lang).schelling[key]`. */
const SHARES = ['similar', 'unhappy'] as const;
type ShareKey = (typeof SHARES)[number];

/** The charts' config in the report's language (Danish: decimal comma), as the other charts have it (charts/encodings.ts). */
const chartConfig = (lang: Lang) => top('', '', '', '', lang).config;

/** Mean and 5-95% percentiles (nearest rank, as a simple band) over replications of one share at each step. */
export function shareBands(reps: ReplicationDigest[], key: ShareKey): { step: number; mean: number; p5: number; p95: number }[] {
  const traces = reps.map((r) => r.schelling).filter((t) => t !== undefined);
  if (traces.length === 0) return [];
  const steps = traces[0]![key].length;
  const out = [];
  for (let m = 0; m < steps; m++) {
    const v = traces.map((t) => t[key][m]!).sort((a, b) => a - b);
    const q = (p: number) => v[Math.min(v.length - 1, Math.max(0, Math.round(p * (v.length - 1))))]!;
    out.push({ step: m, mean: v.reduce((a, b) => a + b, 0) / v.length, p5: q(0.05), p95: q(0.95) });
  }
  return out;
}

const r4 = (v: number): number => Math.round(v * 1e4) / 1e4;

/** The two shares by step, one panel each, one colour per scenario. */
function sharesChart(results: Results, lang: Lang): ChartDef {
  const t = texts(lang);
  const w = t.schelling;
  const sds = scenarioData(results);
  const names = sds.map((s) => s.name);
  const values = sds.flatMap((sd) =>
    SHARES.flatMap((key) =>
      shareBands(sd.ensemble.replications, key).map((b) => ({
        scenario: sd.name,
        share: w[key],
        step: b.step,
        mean: r4(b.mean),
        p5: r4(b.p5),
        p95: r4(b.p95),
      })),
    ),
  );
  const color = {
    field: 'scenario',
    type: 'nominal',
    title: t.chart.scenario,
    scale: { domain: names, range: CALM_CATEGORY.slice(0, Math.max(1, names.length)) },
    legend: names.length > 1 ? { orient: 'bottom', symbolOpacity: 1 } : null,
  };
  const x = { field: 'step', type: 'quantitative', title: w.stepAxis, axis: { tickMinStep: 1, format: 'd' } };
  const y = (field: string) => ({ field, type: 'quantitative', title: w.share, scale: { domain: [0, 1] }, axis: { format: '.0%' } });
  const caption = w.sharesCaption;
  const spec = {
    $schema: VL_SCHEMA,
    description: caption,
    title: { text: w.sharesTitle, subtitle: w.replications(sds[0]!.ensemble.seeds.length) },
    config: chartConfig(lang),
    data: { values },
    facet: { column: { field: 'share', type: 'nominal', sort: SHARES.map((key) => w[key]), title: null } },
    spec: {
      width: 300,
      height: 220,
      layer: [
        { mark: { type: 'area', opacity: 0.18 }, encoding: { x, y: y('p5'), y2: { field: 'p95' }, fill: color } },
        {
          mark: { type: 'line', strokeWidth: 2 },
          encoding: {
            x,
            y: y('mean'),
            color,
            tooltip: [
              { field: 'scenario', title: t.chart.scenario },
              { field: 'step', title: w.step },
              { field: 'mean', title: t.chart.mean, format: '.1%' },
              { field: 'p5', title: t.chart.p5, format: '.1%' },
              { field: 'p95', title: t.chart.p95, format: '.1%' },
            ],
          },
        },
      ],
    },
  };
  return { id: 'schelling-shares', heading: w.sharesHeading, caption, spec: spec as unknown as ChartDef['spec'] };
}

const STEP_PARAM = 'gridStep';

/** The grid of replication 0 at the recorded steps, one panel per scenario, with a step slider. */
function gridChart(results: Results, lang: Lang): ChartDef | null {
  const { chart: words, schelling: w } = texts(lang);
  const sds = scenarioData(results);
  const traces = sds.map((sd) => sd.ensemble.replications[0]?.schelling);
  const t0 = traces[0];
  if (!t0 || t0.gridSteps.length === 0 || traces.some((t) => !t || t.gridSteps.length !== t0.gridSteps.length)) return null;
  const steps = Array.from(t0.gridSteps);
  const groups = Math.max(...traces.map((t) => t!.groups));
  const labels = [w.empty, ...Array.from({ length: groups }, (_, g) => w.group(g + 1))];
  const cells = t0.width * t0.height;
  const cell = Math.max(3, Math.min(9, Math.floor(520 / Math.max(t0.width, t0.height))));
  const panels = sds.map((sd, k) => {
    const t = traces[k]!;
    const values = [];
    for (let c = 0; c < cells; c++) {
      let codes = '';
      for (let s = 0; s < steps.length; s++) codes += String(t.grids[s * cells + c]!);
      values.push({ x: c % t.width, y: Math.floor(c / t.width), c: codes });
    }
    return {
      title: { text: sds.length > 1 ? sd.name : words.mapReplication(sd.name), fontSize: 12, anchor: 'start' },
      width: t.width * cell,
      height: t.height * cell,
      data: { values },
      transform: [
        { calculate: `indexof(${JSON.stringify(steps)}, ${STEP_PARAM})`, as: 'at' },
        { calculate: 'substring(datum.c, datum.at, datum.at + 1)', as: 'code' },
        { filter: "datum.code != '0' && datum.code != ''" },
        { calculate: `${JSON.stringify(labels)}[toNumber(datum.code)]`, as: 'who' },
      ],
      mark: { type: 'square', size: Math.round(cell * cell * 0.9), opacity: 1 },
      encoding: {
        x: { field: 'x', type: 'quantitative', scale: { domain: [-0.5, t.width - 0.5], nice: false, zero: false }, axis: null },
        y: { field: 'y', type: 'quantitative', scale: { domain: [-0.5, t.height - 0.5], nice: false, zero: false, reverse: true }, axis: null },
        color: {
          field: 'who',
          type: 'nominal',
          title: w.household,
          sort: labels.slice(1),
          scale: { domain: labels.slice(1), range: GROUP_COLORS.slice(0, groups) },
          legend: { orient: 'bottom', symbolType: 'square' },
        },
      },
    };
  });
  const first = steps[0]!;
  const last = steps[steps.length - 1]!;
  const every = steps.length > 1 ? steps[1]! - first : 1;
  const caption = w.gridCaption(EMPTY_COLOR, first, last, every);
  const spec = {
    $schema: VL_SCHEMA,
    description: caption,
    title: { text: { expr: `'${w.gridTitle}' + ${STEP_PARAM}` }, subtitle: w.gridSubtitle },
    config: chartConfig(lang),
    params: [{ name: STEP_PARAM, value: last, bind: { input: 'range', min: first, max: last, step: every, name: w.slider } }],
    vconcat: panels,
    resolve: { scale: { color: 'shared' } },
  };
  return { id: 'schelling-grid', heading: w.gridHeading, caption, spec: spec as unknown as ChartDef['spec'] };
}

/** The charts of a Schelling run, in report order, in the report's language. */
export function schellingCharts(results: Results, lang: Lang = 'en'): ChartDef[] {
  return [sharesChart(results, lang), gridChart(results, lang)].filter((c): c is ChartDef => c !== null);
}

/** A share in whole per cent (the language writes the sign). */
const pct = (v: number): number => Math.round(v * 100);

/** Findings of a Schelling run, as HTML list items (generated from the numbers), in the report's language. */
export function schellingFindings(results: Results, lang: Lang = 'en'): string[] {
  const w = texts(lang).schelling;
  return scenarioData(results).map((sd) => {
    const sim = shareBands(sd.ensemble.replications, 'similar');
    const unh = shareBands(sd.ensemble.replications, 'unhappy');
    if (sim.length === 0) return `<li>${w.noTrace(escapeHtml(sd.name))}</li>`;
    const last = sim.length - 1;
    const settledAt = unh.findIndex((b) => b.p95 === 0);
    const spec = sd.ensemble.scenario.schelling!;
    const want = spec.similarWanted !== undefined ? w.wantShare(pct(spec.similarWanted)) : w.wantCount(spec.minSimilar);
    const finding = w.finding(
      escapeHtml(sd.name),
      want,
      pct(sim[0]!.mean),
      pct(sim[last]!.mean),
      last,
      pct(sim[last]!.p5),
      pct(sim[last]!.p95),
      pct(unh[0]!.mean),
      pct(unh[last]!.mean),
    );
    return `<li>${finding} ${settledAt >= 0 ? w.settled(settledAt) : w.notSettled(last)}</li>`;
  });
}
