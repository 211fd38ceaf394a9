/**
 * Who leaves and who arrives: how long leaving resource-strong families with children had
 * stayed (from the move log), and the share resource-strong among in-movers, out-movers and
 * residents (the elevator effect).
 */
import type { Ensemble } from '../../engine/ensemble.js';
import { type Band, band } from '../../analysis/summary.js';
import { SHORT_STAY_MONTHS } from '../../model/digest.js';
import { METRIC_INDEX } from '../../model/reporters.js';
import { CALM_CATEGORY } from '../render.js';
import { fmtInt } from '../format.js';
import { type ChartDef, type ScenarioData, flowTotal, r6, yearEnds } from './data.js';
import { type Enc, asSpec, runLabel, scenarioColor, top } from './encodings.js';
import { metric } from './labels.js';

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
