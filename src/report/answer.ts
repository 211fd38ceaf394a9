/**
 * The report's first screen: the answer. For a comparison, a headline per variant (its effect
 * on the resource-strong share with the 95% confidence interval and a verdict that follows from
 * the interval), the variants in rank order, and the forest plot; for a single run, the
 * trajectory of the composition. Both warn when the baseline drifts and say in a short box what
 * the model is and is not.
 */
import { ANCHOR_YEARS } from '../model/anchor.js';
import {
  DRIFT_FAMILIES_RELATIVE,
  DRIFT_FEW_REPLICATIONS,
  DRIFT_SHARE_POINTS,
  DRIFT_WARNING_ITEMS,
  type Drift,
  type RowDrift,
  driftsOf,
  isShareDrift,
  largestDrifts,
  smallCount,
} from '../analysis/drift.js';
import type { Results } from '../output/pipeline.js';
import { type ChartDef, COMPOSITION, type ScenarioData, localNumbers, metricLabel } from './charts/index.js';
import { effectOf, rankedVariants } from './charts/forest.js';
import { MAIN_OUTCOME, displacedNote, displacementOf, headlineText, rowNote, targetedNote, unchangedWhy, variantKind, verdictOf } from './headline.js';
import { horizonOf } from './findings.js';
import { fmtBand, fmtValue } from './format.js';
import { escapeHtml, type ReportSection } from './html.js';
import { type HighTurnover, MOVE_OUT_RATE_NOTE_FACTOR, highTurnover } from '../analysis/plausibility.js';
import { type Lang, texts } from './i18n.js';

export { DRIFT_FAMILIES_RELATIVE, DRIFT_SHARE_POINTS, type Drift } from '../analysis/drift.js';
export { type VariantKind, variantKind, verdictOf } from './headline.js';

/** The baseline's drifts between the initial state and the horizon beyond the thresholds (analysis/drift.ts). */
export const baselineDrifts = (base: ScenarioData): Drift[] =>
  // the summary's own drifts (tested against the replications' noise) when it has them
  base.summary.drifts ? base.summary.drifts.filter((d) => d.row === base.row).map(({ row: _row, ...d }) => d) : driftsOf(base.summary.metrics[base.row]!);

/** A value of a drifting metric in its unit, a small count with a decimal (as on the console). */
const driftValue = (d: Drift, x: number): string => (smallCount(d) ? x.toFixed(1) : fmtValue(d.metric, x));

/** The drift warning (or the one line saying the baseline holds) as trusted HTML. */
function driftHtml(base: ScenarioData, lang: Lang): string {
  const t = texts(lang);
  const h = horizonOf(base);
  // the report's row first (in a region, the region's), then the estates' (the console names them all)
  const own = baselineDrifts(base).map((d) => ({ row: base.row, ...d }));
  const { shown: drifts, more, moreRows } = largestDrifts([...own, ...(base.summary.drifts ?? []).filter((d) => d.row !== base.row)], DRIFT_WARNING_ITEMS);
  const rowOf = (d: RowDrift) => (base.summary.rows.length > 1 ? `${d.row}: ` : '');
  const L = (s: string) => escapeHtml(localNumbers(s, lang));
  // a run longer than anchoring's years says that the anchoring does not hold it after them, drift shown or not
  const beyond = h.end - h.start > ANCHOR_YEARS ? ` ${t.driftBeyond(ANCHOR_YEARS)}` : '';
  // a scenario with levers: what holds or drifts is the estate with them, not a baseline
  const levers = base.ensemble.scenario.policies.length > 0;
  // one replication has no noise to tell a drift from: what it shows is said as not shown to hold, not as a drift
  const one = base.ensemble.replications.length === 1;
  if (drifts.length === 0 || one) {
    // beyond the bounds by the mean in some year, but not clear of the few replications' noise: not "steady"
    const raw = driftsOf(base.summary.metrics[base.row]!);
    if (raw.length > 0) {
      const n = base.ensemble.replications.length;
      const moved = raw
        .map((d) =>
          t.unclearItem(
            metricLabel(d.metric, lang).toLowerCase(),
            driftValue(d, d.from),
            driftValue(d, d.to),
            d.peakYear === undefined ? undefined : { value: driftValue(d, d.peak!), year: d.peakYear },
          ),
        )
        .join(', ');
      return `<p class="steady unclear" data-testid="baseline-unclear">${L(t.unclear(moved, n, levers) + beyond)}</p>`;
    }
    const ms = base.summary.metrics[base.row]!.resourceStrongShare!;
    const to = ms.byYear[ms.byYear.length - 1]!.mean;
    const n = base.ensemble.replications.length;
    const few = n < DRIFT_FEW_REPLICATIONS ? ` ${t.steadyFew(n, levers)}` : '';
    return `<p class="steady" data-testid="baseline-steady">${L(t.steady(metricLabel(MAIN_OUTCOME, lang) + rowNote(base.summary.rows, base.row, lang), fmtValue(MAIN_OUTCOME, ms.initial.mean), fmtValue(MAIN_OUTCOME, to), h.start, h.end, levers) + few + beyond)}</p>`;
  }
  const limit = (d: Drift) => (isShareDrift(d.metric) ? `${DRIFT_SHARE_POINTS * 100} ${t.findingsText.percentagePoints}` : `${DRIFT_FAMILIES_RELATIVE * 100}%`);
  const v = driftValue;
  const items = drifts.map(
    (d) =>
      `<li>${L(rowOf(d) + t.drift(metricLabel(d.metric, lang), v(d, d.from), v(d, d.to), h.start, h.end, limit(d), d.peakYear === undefined ? undefined : { value: v(d, d.peak!), year: d.peakYear }))}</li>`,
  );
  if (more > 0) items.push(`<li>${L(t.driftMore(more, moreRows))}</li>`);
  return `<div class="warning" role="alert" data-testid="drift-warning"><strong>${escapeHtml(levers ? t.driftWarningLevers : t.driftWarning)}</strong><ul>${items.join('')}</ul><p class="drift-advice">${escapeHtml((levers ? t.driftAdviceLevers : t.driftAdvice) + beyond)}</p></div>`;
}

/**
 * A warning box when a scenario's households move out faster than any part of the Danish stock,
 * and a note when faster than twice a family estate's rate (analysis/plausibility.ts); '' otherwise.
 */
function turnoverHtml(sds: ScenarioData[], lang: Lang): string {
  const t = texts(lang);
  const all = sds.flatMap((sd) => highTurnover([sd.summary]).map((h) => ({ ...h, text: t.turnoverItem(sd.name, h.row, `${(100 * h.rate).toFixed(0)}%`) })));
  const items = (level: HighTurnover['level']) => all.filter((h) => h.level === level).map((h) => h.text);
  const wild = items('implausible');
  const high = items('high');
  return (
    (wild.length
      ? `<div class="warning" role="alert" data-testid="turnover-warning"><p>${escapeHtml(localNumbers(t.turnoverWarning(wild.join(', ')), lang))}</p></div>`
      : '') +
    (high.length
      ? `<div class="warning" role="note" data-testid="turnover-note"><p>${escapeHtml(localNumbers(t.turnoverHigh(high.join(', '), MOVE_OUT_RATE_NOTE_FACTOR), lang))}</p></div>`
      : '')
  );
}

/** The "what this is and is not" box as trusted HTML. */
function isNotHtml(lang: Lang): string {
  const t = texts(lang);
  return `<aside class="is-not" data-testid="is-not"><strong>${escapeHtml(t.isNotHeading)}</strong><ul>${t.isNot.map((s) => `<li>${escapeHtml(s)}</li>`).join('')}</ul></aside>`;
}

/** Links to a chart's files (PNG, SVG, Vega-Lite) as trusted HTML. */
export function chartFilesHtml(id: string, lang: Lang): string {
  const files = ['png', 'svg', 'vl.json'].map((ext) => `<a href="charts/${id}.${ext}">${ext === 'vl.json' ? 'Vega-Lite' : ext.toUpperCase()}</a>`).join(' · ');
  return `<p class="chart-files">${escapeHtml(texts(lang).chartFiles)}: ${files}</p>`;
}

/** The headline of one variant against the baseline `base`, plain text (report/headline.ts). */
export const headline = (results: Results, v: ScenarioData, base: ScenarioData, end: number, lang: Lang = 'en'): string =>
  headlineText(
    v.name,
    effectOf(results, v, MAIN_OUTCOME),
    variantKind(v.ensemble.scenario, base.ensemble.scenario),
    end,
    lang,
    results.comparison ? unchangedWhy(results.comparison, v.name, v.ensemble.scenario, base.ensemble.scenario) : false,
  ) +
  rowNote(v.summary.rows, v.row, lang) +
  (results.comparison ? targetedNote(results.comparison, v.name, v.ensemble.scenario, base.ensemble.scenario, lang) : '') +
  displacedNote(displacementOf(v.summary, v.row), lang);

/** Pairs of neighbours in the ranking whose intervals on the main outcome overlap. */
function overlaps(results: Results, ranked: ScenarioData[]): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 1; i < ranked.length; i++) {
    const a = effectOf(results, ranked[i - 1]!, MAIN_OUTCOME);
    const b = effectOf(results, ranked[i]!, MAIN_OUTCOME);
    if (!a || !b || ![a.ciLow, a.ciHigh, b.ciLow, b.ciHigh].every(Number.isFinite)) continue;
    if (a.ciLow <= b.ciHigh && b.ciLow <= a.ciHigh) out.push([ranked[i - 1]!.name, ranked[i]!.name]);
  }
  return out;
}

/**
 * The first section of the report, shown above the contents: the answer. `charts` are the
 * report's charts; for a comparison the forest plot (id "forest-plot") is shown here, for a
 * single run the trajectory of the resource-strong share, or `leadChart` when given (a sweep's
 * dose-response). Returns the section and the id of the
 * chart it took, so that the report does not show it twice.
 */
export function answerSection(
  results: Results,
  sds: ScenarioData[],
  charts: ChartDef[],
  lang: Lang = 'en',
  leadChart?: string,
): { section: ReportSection; chartId?: string } {
  const t = texts(lang);
  const base = sds[0]!;
  const h = horizonOf(base);
  const drift = driftHtml(base, lang) + turnoverHtml(sds, lang);
  const L = (s: string) => escapeHtml(localNumbers(s, lang));
  if (results.comparison && sds.length > 1) {
    const ranked = rankedVariants(results, sds);
    const items = ranked.map((v) => {
      const verdict = verdictOf(effectOf(results, v, MAIN_OUTCOME));
      return `<li data-testid="headline" class="verdict-${verdict}">${escapeHtml(headline(results, v, base, h.end, lang))}</li>`;
    });
    const parameterVariants = ranked.some((v) => variantKind(v.ensemble.scenario, base.ensemble.scenario) === 'parameters');
    const notes = [...overlaps(results, ranked).map(([a, b]) => t.overlap(a, b)), t.verdictRule, ...(parameterVariants ? [t.verdictParameterRule] : [])];
    const forest = charts.find((c) => c.id === 'forest-plot');
    const html = [
      `<p class="intro">${escapeHtml(t.headlineIntro(base.name, h.end))}</p>`,
      `<ol class="headlines" data-testid="ranking" aria-label="${escapeHtml(t.ranking)}">${items.join('')}</ol>`,
      `<p class="note">${notes.map(escapeHtml).join(' ')}</p>`,
    ].join('\n');
    return {
      section: {
        id: 'answer',
        heading: t.answer,
        lead: true,
        html: drift + '\n' + html,
        ...(forest ? { chart: { id: forest.id, spec: forest.spec, caption: forest.caption } } : {}),
        htmlAfter: (forest ? chartFilesHtml(forest.id, lang) : '') + isNotHtml(lang),
      },
      ...(forest ? { chartId: forest.id } : {}),
    };
  }
  const ms = base.summary.metrics[base.row]!;
  const lines = COMPOSITION.map((name) => {
    const b = ms[name]!.byYear[ms[name]!.byYear.length - 1]!;
    // one replication: its value, not a range of one value ("43% (43-43%)")
    const to = base.ensemble.replications.length === 1 ? fmtValue(name, b.mean) : fmtBand(name, b);
    return `<li data-testid="headline">${L(t.trajectoryLine(metricLabel(name, lang), fmtValue(name, ms[name]!.initial.mean), to, h.start, h.end))}</li>`;
  });
  const chart = charts.find((c) => c.id === (leadChart ?? `trajectory-${MAIN_OUTCOME}`));
  return {
    section: {
      id: 'answer',
      heading: t.answer,
      lead: true,
      html: `${drift}\n<p class="intro">${escapeHtml(t.trajectoryIntro(base.name, h.end, base.ensemble.replications.length))}</p>\n<ul class="headlines" data-testid="trajectory">${lines.join('')}</ul>`,
      ...(chart ? { chart: { id: chart.id, spec: chart.spec, caption: chart.caption } } : {}),
      htmlAfter: (chart ? chartFilesHtml(chart.id, lang) : '') + isNotHtml(lang),
    },
    ...(chart ? { chartId: chart.id } : {}),
  };
}
