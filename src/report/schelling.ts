/**
 * The report of a Schelling scenario (a `schelling` section): instead of the housing charts and
 * findings, the share of similar neighbours and the share of unhappy households by step (mean
 * and 5-95% band over replications) and the grid of the first replication by step, with a
 * slider. The shares come from each replication's digest (`schelling`, model/simulate.ts).
 */
import type { Results } from '../output/pipeline.js';
import type { ReplicationDigest } from '../model/digest.js';
import { EMPTY_COLOR, GROUP_COLORS } from '../studio/palette.js';
import { type ChartDef, VL_SCHEMA, scenarioData } from './charts/index.js';
import { CALM_CATEGORY, baseConfig } from './render.js';
import { escapeHtml } from './html.js';

/** Whether the results are of Schelling scenarios (the baseline decides). */
export const isSchellingRun = (results: Results): boolean => results.ensembles[0]?.scenario.schelling !== undefined;

const SHARES = [
  { key: 'similar', title: 'Similar neighbours', long: 'share of neighbours of the same group (NetLogo\'s "% similar")' },
  { key: 'unhappy', title: 'Unhappy households', long: 'share of households with fewer alike neighbours than they want ("% unhappy")' },
] as const;
type ShareKey = (typeof SHARES)[number]['key'];

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
function sharesChart(results: Results): ChartDef {
  const sds = scenarioData(results);
  const names = sds.map((s) => s.name);
  const values = sds.flatMap((sd) =>
    SHARES.flatMap((s) =>
      shareBands(sd.ensemble.replications, s.key).map((b) => ({
        scenario: sd.name,
        share: s.title,
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
    title: 'Scenario',
    scale: { domain: names, range: CALM_CATEGORY.slice(0, Math.max(1, names.length)) },
    legend: names.length > 1 ? { orient: 'bottom' } : null,
  };
  const x = { field: 'step', type: 'quantitative', title: 'Step (one sweep over all households; one month)', axis: { tickMinStep: 1, format: 'd' } };
  const y = (field: string) => ({ field, type: 'quantitative', title: 'Share', scale: { domain: [0, 1] }, axis: { format: '.0%' } });
  const caption =
    'Left: the share of neighbours who belong to the same group, over all households (NetLogo\'s "% similar"). Right: the share of households who have fewer alike neighbours than they want and so move at the next step ("% unhappy"). Step 0 is the random start. Line: mean over replications; band: 5th to 95th percentile.';
  const spec = {
    $schema: VL_SCHEMA,
    description: caption,
    title: { text: 'Similar neighbours and unhappy households by step', subtitle: `${sds[0]!.ensemble.seeds.length} replications` },
    config: baseConfig,
    data: { values },
    facet: { column: { field: 'share', type: 'nominal', sort: SHARES.map((s) => s.title), title: null } },
    spec: {
      width: 300,
      height: 220,
      layer: [
        { mark: { type: 'area', opacity: 0.18 }, encoding: { x, y: y('p5'), y2: { field: 'p95' }, fill: { ...color, legend: null } } },
        {
          mark: { type: 'line', strokeWidth: 2 },
          encoding: {
            x,
            y: y('mean'),
            color,
            tooltip: [
              { field: 'scenario', title: 'Scenario' },
              { field: 'step', title: 'Step' },
              { field: 'mean', title: 'Mean', format: '.1%' },
              { field: 'p5', title: '5th percentile', format: '.1%' },
              { field: 'p95', title: '95th percentile', format: '.1%' },
            ],
          },
        },
      ],
    },
  };
  return { id: 'schelling-shares', heading: 'Similar neighbours and unhappy households', caption, spec: spec as unknown as ChartDef['spec'] };
}

const STEP_PARAM = 'gridStep';

/** The grid of replication 0 at the recorded steps, one panel per scenario, with a step slider. */
function gridChart(results: Results): ChartDef | null {
  const sds = scenarioData(results);
  const traces = sds.map((sd) => sd.ensemble.replications[0]?.schelling);
  const t0 = traces[0];
  if (!t0 || t0.gridSteps.length === 0 || traces.some((t) => !t || t.gridSteps.length !== t0.gridSteps.length)) return null;
  const steps = Array.from(t0.gridSteps);
  const groups = Math.max(...traces.map((t) => t!.groups));
  const labels = ['empty', ...Array.from({ length: groups }, (_, g) => `group ${g + 1}`)];
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
      title: { text: sds.length > 1 ? sd.name : `${sd.name} (replication 0)`, fontSize: 12, anchor: 'start' },
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
          title: 'Household',
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
  const caption = `The grid of the first replication (replication 0), one square per household coloured by its group (colour-blind-safe colours), empty cells blank (${EMPTY_COLOR} in the studio). Move the step slider (${first}-${last}${every > 1 ? `, every ${every} steps` : ''}) to watch the households sort themselves; the static image shows step ${last}.`;
  const spec = {
    $schema: VL_SCHEMA,
    description: caption,
    title: { text: { expr: `'The grid at step ' + ${STEP_PARAM}` }, subtitle: 'Replication 0 · move the slider to change the step' },
    config: baseConfig,
    params: [{ name: STEP_PARAM, value: last, bind: { input: 'range', min: first, max: last, step: every, name: 'Step ' } }],
    vconcat: panels,
    resolve: { scale: { color: 'shared' } },
  };
  return { id: 'schelling-grid', heading: 'The grid by step', caption, spec: spec as unknown as ChartDef['spec'] };
}

/** The charts of a Schelling run, in report order. */
export function schellingCharts(results: Results): ChartDef[] {
  return [sharesChart(results), gridChart(results)].filter((c): c is ChartDef => c !== null);
}

const pct = (v: number): string => `${Math.round(v * 100)}%`;

/** Findings of a Schelling run, as HTML list items (generated from the numbers). */
export function schellingFindings(results: Results): string[] {
  return scenarioData(results).map((sd) => {
    const sim = shareBands(sd.ensemble.replications, 'similar');
    const unh = shareBands(sd.ensemble.replications, 'unhappy');
    if (sim.length === 0) return `<li>${escapeHtml(sd.name)}: no Schelling trace.</li>`;
    const last = sim.length - 1;
    const settledAt = unh.findIndex((b) => b.p95 === 0);
    const spec = sd.ensemble.scenario.schelling!;
    const want =
      spec.similarWanted !== undefined ? `at least ${pct(spec.similarWanted)} of their neighbours alike` : `at least ${spec.minSimilar} alike neighbours`;
    return (
      `<li>${escapeHtml(sd.name)}: households wanting ${want} ` +
      `went from ${pct(sim[0]!.mean)} similar neighbours at the start to ${pct(sim[last]!.mean)} after ${last} steps ` +
      `(5-95%: ${pct(sim[last]!.p5)}-${pct(sim[last]!.p95)}); unhappy households from ${pct(unh[0]!.mean)} to ${pct(unh[last]!.mean)}. ` +
      (settledAt >= 0
        ? `Every replication had settled (no unhappy household left) by step ${settledAt}.`
        : `Not every replication settled within ${last} steps: households kept moving.`) +
      '</li>'
    );
  });
}
