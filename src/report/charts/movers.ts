/**
 * Who leaves and who arrives: how long leaving resource-strong families with children had
 * stayed (from the move log), and the share resource-strong among in-movers, out-movers and
 * residents (the elevator effect).
 */
import type { Ensemble } from '../../engine/ensemble.js';
import { type Band, band } from '../../analysis/summary.js';
import { SHORT_STAY_MONTHS } from '../../model/digest.js';
import { METRIC_INDEX } from '../../model/reporters.js';
import { fmtInt } from '../format.js';
import { type Lang, texts } from '../i18n.js';
import { type ChartDef, type ScenarioData, flowTotal, r6, yearEnds } from './data.js';
import { type Enc, SCENARIO_COLORS, asSpec, runLabel, scenarioBarColor, scenarioColor, scenarioDash, top } from './encodings.js';
import { localNumbers, localPercent } from './labels.js';
import { greedyLines } from '../../output/text.js';

/** Characters in a line of the stay chart's subtitle: about as wide as its plot and legend. */
const STAY_SUBTITLE_CHARS = 110;

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
export function stayLengthChart(sds: ScenarioData[], lang: Lang = 'en'): ChartDef | null {
  if (!sds.every((sd) => hasMoveLog(sd.ensemble))) return null;
  const t = texts(lang).chart;
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
        label: b === 0 ? t.stayUpTo1 : t.stayBin(b, b + 1),
        leavers: r6(count / n),
        share: r6(leavers ? count / leavers : 0),
      });
    const shortShare = localPercent(`${leavers ? Math.round((100 * short) / leavers) : 0}%`, lang);
    shortShares.push(`${sds.length > 1 ? `${sd.name} ` : ''}${shortShare}`);
    shorts.push(t.stayShort(sds.length > 1 ? `${sd.name}: ` : '', shortShare, localNumbers(fmtInt(leavers / n), lang)));
  }
  const x = {
    field: 'from',
    type: 'quantitative',
    title: t.stayX,
    scale: { domain: [0, maxBin], nice: false },
    axis: { format: 'd', labelFlush: false, tickMinStep: 1 },
  };
  // nobody left: an empty plot on a fixed scale (an empty field's extent is infinite: Vega warns), and the caption says why
  const none = values.every((v) => !v.leavers);
  const y = { field: 'leavers', type: 'quantitative', title: t.stayY, ...(none ? { scale: { domain: [0, 1] } } : {}) };
  const many = sds.length > 1;
  const tooltip = [
    { field: 'scenario', type: 'nominal', title: t.scenario },
    { field: 'label', type: 'nominal', title: t.stay },
    { field: 'leavers', type: 'quantitative', title: t.householdsPerReplication, format: '.1f' },
    { field: 'share', type: 'quantitative', title: t.shareOfLeavers, format: '.1%' },
  ];
  const bars = many
    ? {
        mark: { type: 'line', interpolate: 'step-after', strokeWidth: 2 },
        encoding: { x, y, color: scenarioColor(sds, true, 'stroke', lang), strokeDash: scenarioDash(scenarioColor(sds, true, 'stroke', lang)), tooltip },
      }
    : { mark: { type: 'rect', stroke: 'white', strokeWidth: 0.5 }, encoding: { x, x2: { field: 'to' }, y, color: { value: SCENARIO_COLORS[0] }, tooltip } };
  const ruleData = { values: [{ mark: SHORT_STAY_YEARS, text: t.stayMark(SHORT_STAY_YEARS, many ? '' : shortShares[0]!) }] };
  const caption = `${none ? `${t.stayNone} ` : ''}${t.stayCaption(SHORT_STAY_YEARS, shorts.join('; '), many)}`;
  const spec = {
    ...top(
      id,
      t.stayTitle,
      many
        ? [
            t.staySubtitle(runLabel(sds, lang)),
            // in lines of a scenario's share each, broken after a comma: ten scenarios in one line drew a chart 2,500 px wide
            ...greedyLines(t.stayLeftWithin(SHORT_STAY_YEARS, shortShares.join(', ')).split(/(?<=,) /), STAY_SUBTITLE_CHARS),
          ]
        : t.staySubtitle(runLabel(sds, lang)),
      caption,
      lang,
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
  return { id, heading: t.stayHeading, caption, spec: asSpec(spec) };
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

/**
 * Share resource-strong among the households moving into the estates made from the scenario's
 * estate `name` (itself, or its copies `name-1`, `name-2`, ... summed), over the run, across
 * replications; not the report's own row, which in a region is the region's.
 */
export function inMoverShareOf(sd: ScenarioData, name: string): Band {
  const k = (n: string) => METRIC_INDEX[n]!;
  const copyOf = (row: string) => row.startsWith(`${name}-`) && /^\d+$/.test(row.slice(name.length + 1));
  const per = sd.ensemble.replications.map((res) => {
    const rows = res.rowNames.flatMap((row, i) => (row === name || copyOf(row) ? [i] : []));
    const ins = rows.reduce((a, r) => a + flowTotal(res, r, k('moveIns')), 0);
    return ins > 0 ? rows.reduce((a, r) => a + flowTotal(res, r, k('inResourceStrong')), 0) / ins : NaN;
  });
  return band(per.filter(Number.isFinite));
}

/** Share resource-strong among in-movers, out-movers and residents, side by side. */
export function moversStatusChart(sds: ScenarioData[], lang: Lang = 'en'): ChartDef {
  const t = texts(lang).chart;
  const id = 'movers-by-status';
  const groups = t.moversGroups;
  const values = sds.flatMap((sd) => statusShares(sd).map((b, g) => ({ scenario: sd.name, group: groups[g], mean: r6(b.mean), p5: r6(b.p5), p95: r6(b.p95) })));
  const color = scenarioColor(sds, true, 'square', lang);
  const x = {
    field: 'group',
    type: 'nominal',
    title: null,
    sort: [...groups],
    axis: { labelAngle: 0, labelLimit: 200, labelExpr: "split(replace(datum.label, ' (', '|('), '|')" },
  };
  return shareBarChart(sds, lang, {
    id,
    title: t.moversTitle,
    subtitle: t.moversSubtitle(runLabel(sds, lang)),
    heading: t.moversHeading,
    caption: t.moversCaption,
    values,
    x,
    color,
    tooltip: shareTooltip(t, 'group', t.group),
  });
}

// ---------------------------------------------------------------------------------------------
// 6. Who each letting channel brings
// ---------------------------------------------------------------------------------------------

/** The letting channels of the channel chart: their lettings and resource-strong in-movers (flow metrics), in order. */
export const CHANNEL_FLOWS = [
  { lettings: 'lettingsMunicipal', strong: 'inResourceStrongMunicipal' },
  { lettings: 'lettingsFlexible', strong: 'inResourceStrongFlexible' },
  { lettings: 'lettingsExternal', strong: 'inResourceStrongExternal' },
] as const;

/**
 * Per letting channel (CHANNEL_FLOWS): the resource-strong share of its in-movers over the whole
 * run (per replication, then mean and 5-95% band over the replications that let through it) and its
 * mean lettings per replication.
 */
export function channelShares(sd: ScenarioData): { share: Band; lettings: number }[] {
  const k = (n: string) => METRIC_INDEX[n]!;
  const reps = sd.ensemble.replications;
  return CHANNEL_FLOWS.map((c) => {
    const per: number[] = [];
    let lettings = 0;
    for (const res of reps) {
      const n = flowTotal(res, sd.rowIndex, k(c.lettings));
      lettings += n;
      if (n > 0) per.push(flowTotal(res, sd.rowIndex, k(c.strong)) / n);
    }
    return { share: band(per), lettings: lettings / Math.max(1, reps.length) };
  });
}

/** The resource-strong share of in-movers by letting channel: what each channel brings. */
export function channelChart(sds: ScenarioData[], lang: Lang = 'en'): ChartDef {
  const t = texts(lang).chart;
  const id = 'in-movers-by-channel';
  const names = t.channelNames;
  const values = sds.flatMap((sd) =>
    channelShares(sd).flatMap((c, g) =>
      c.lettings > 0
        ? [
            {
              scenario: sd.name,
              channel: names[g],
              mean: r6(c.share.mean),
              p5: r6(c.share.p5),
              p95: r6(c.share.p95),
              lettings: r6(c.lettings),
              count: t.channelCount(localNumbers(fmtInt(c.lettings), lang)),
            },
          ]
        : [],
    ),
  );
  const color = scenarioColor(sds, true, 'square', lang);
  const x = { field: 'channel', type: 'nominal', title: null, sort: [...names], axis: { labelAngle: 0, labelLimit: 200 } };
  return shareBarChart(sds, lang, {
    id,
    title: t.channelTitle,
    subtitle: t.channelSubtitle(runLabel(sds, lang)),
    heading: t.channelHeading,
    caption: t.channelCaption,
    values,
    x,
    color,
    tooltip: [...shareTooltip(t, 'channel', t.channel), { field: 'lettings', type: 'quantitative', title: t.channelLettings, format: ',.0f' }],
    count: 'count',
  });
}

/** The tooltip of a chart of shares by group and scenario: scenario, group, mean and the 5-95% band. */
function shareTooltip(t: ReturnType<typeof texts>['chart'], field: string, title: string): Record<string, unknown>[] {
  const fmt = '.1%';
  return [
    { field: 'scenario', type: 'nominal', title: t.scenario },
    { field, type: 'nominal', title },
    { field: 'mean', type: 'quantitative', title: t.mean, format: fmt },
    { field: 'p5', type: 'quantitative', title: t.p5, format: fmt },
    { field: 'p95', type: 'quantitative', title: t.p95, format: fmt },
  ];
}

interface ShareBars {
  id: string;
  title: string;
  subtitle: string;
  heading: string;
  caption: string;
  /** One row per group and scenario: `scenario`, the group field of `x`, `mean`, `p5`, `p95` (shares). */
  values: object[];
  x: object;
  color: Enc;
  tooltip: object[];
  /** A text field written above each bar's share (e.g. how many lettings the share rests on). */
  count?: string;
}

/** Width of a share-bar chart's plot (px). */
const BAR_PLOT_WIDTH = { one: 420, many: 520 };

/** The least width of a bar with a turned label (px): the label's 10-px line and a little air. */
export const TURNED_BAR_WIDTH = 14;

/**
 * Whether the labels over the bars are wider than the bars: the plot's width shared among the
 * bars (groups × scenarios, less Vega-Lite's 10% padding between groups) against the widest
 * label at about 0.6 em (9-px count, 10-px share) and a 6-px gap.
 */
export function barLabelsTooWide(plotWidth: number, groups: number, scenarios: number, labels: string[]): boolean {
  const bar = (plotWidth * 0.9) / Math.max(1, groups * scenarios);
  const widest = Math.max(4 * 6, ...labels.map((l) => l.length * 0.6 * 9));
  return bar < widest + 6;
}

/**
 * A chart of a share (`mean`, 0-100%) per group, one bar per scenario, each with its 5-95% band as
 * a rule and the mean written above it (and `count` above that). When the bars are narrower than
 * those labels (many scenarios: "n = 1,398" ran into its neighbours'), each bar gets one label,
 * "57% · n = 1,398", turned to read upwards from the top of its band.
 */
function shareBarChart(sds: ScenarioData[], lang: Lang, o: ShareBars): ChartDef {
  const { x, color, tooltip } = o;
  const xOffset = { field: 'scenario', type: 'nominal', sort: sds.map((s) => s.name) };
  const y = { field: 'mean', type: 'quantitative', title: texts(lang).chart.moversY, axis: { format: '.0%' }, scale: { domain: [0, 1] } };
  const at = { x, xOffset, y: { field: 'p95', type: 'quantitative' } };
  const rows = o.values as Record<string, unknown>[];
  const groupField = (x as { field: string }).field;
  const groups = new Set(rows.map((v) => v[groupField])).size;
  const counts = o.count ? rows.map((v) => String(v[o.count!])) : [];
  const turned = sds.length > 1 && barLabelsTooWide(BAR_PLOT_WIDTH.many, groups, sds.length, counts);
  // turned labels are 10 px thick: a comparison of many scenarios widens the plot so that each bar is wider than its label
  const width = sds.length > 1 ? Math.max(BAR_PLOT_WIDTH.many, turned ? Math.ceil((groups * sds.length * TURNED_BAR_WIDTH) / 0.9) : 0) : BAR_PLOT_WIDTH.one;
  const labels = turned
    ? [
        {
          // the share in the view's number format (Danish "57 %"), then the count
          transform: [{ calculate: `format(datum.mean, '.0%')${o.count ? ` + ' · ' + datum['${o.count}']` : ''}`, as: 'barLabel' }],
          mark: { type: 'text', angle: 270, align: 'left', baseline: 'middle', dx: 5, fontSize: 10, color: '#333333' },
          encoding: { ...at, text: { field: 'barLabel', type: 'nominal' } },
        },
      ]
    : [
        { mark: { type: 'text', dy: -8, fontSize: 10, color: '#333333' }, encoding: { ...at, text: { field: 'mean', type: 'quantitative', format: '.0%' } } },
        ...(o.count
          ? [{ mark: { type: 'text', dy: -21, fontSize: 9, color: '#555555' }, encoding: { ...at, text: { field: o.count, type: 'nominal' } } }]
          : []),
      ];
  const spec = {
    ...top(o.id, o.title, o.subtitle, o.caption, lang),
    width,
    height: 260,
    data: { values: o.values },
    layer: [
      { mark: { type: 'bar', opacity: 0.9 }, encoding: { x, xOffset, y, ...scenarioBarColor(color), tooltip } },
      { mark: { type: 'rule', color: '#222222', strokeWidth: 1.2 }, encoding: { x, xOffset, y: { field: 'p5', type: 'quantitative' }, y2: { field: 'p95' } } },
      ...labels,
    ],
  };
  return { id: o.id, heading: o.heading, caption: o.caption, spec: asSpec(spec) };
}
