/**
 * Findings: plain-language sentences generated from the numbers. For one run, the composition
 * at the start against the horizon, the list status and criteria, the elevator effect, stay
 * lengths and turnover; for a comparison, each variant against the baseline (paired
 * differences), then what holds across the scenarios.
 */
import type { Results } from '../output/pipeline.js';
import { type Band, band } from '../analysis/summary.js';
import { replicationsToDetect } from '../analysis/inference.js';
import { LIST_STATUS_NAMES } from '../model/codes.js';
import { DEFAULT_THRESHOLDS } from '../model/classification.js';
import {
  COMPOSITION,
  LIST_CRITERIA,
  SHORT_STAY_YEARS,
  type ScenarioData,
  capitalise,
  hasMoveLog,
  isPercent,
  lowerFirst,
  metric,
  metricTitle,
  scenarioData,
  statusDistribution,
  statusShares,
  thresholdText,
} from './charts/index.js';
import { fmtBand, fmtCi, fmtDiff, fmtDiffBand, fmtInt, fmtValue, pct, pctBand } from './format.js';
import { escapeHtml } from './html.js';
import type { Lang } from './i18n.js';

/** The metric as the subject of a sentence: "the share of …" for shares and levels, as-is for counts. */
function subject(name: string): string {
  const t = metricTitle(name);
  return metric(name).kind === 'stock' ? t : `the ${lowerFirst(t)}`;
}

export interface Horizon {
  start: number;
  /** 1 January after the last simulated year. */
  end: number;
  years: number;
}

export function horizonOf(sd: ScenarioData): Horizon {
  const s = sd.summary;
  return { start: s.startYear, end: s.startYear + s.years.length, years: s.years.length };
}

const lastBand = (sd: ScenarioData, name: string): Band => {
  const ys = sd.summary.metrics[sd.row]![name]!.byYear;
  return ys[ys.length - 1]!;
};

/** Composition at the start and at the horizon for one scenario. */
function trajectorySentence(sd: ScenarioData, name: string, h: Horizon): string {
  const ms = sd.summary.metrics[sd.row]![name]!;
  const a = ms.initial;
  const b = lastBand(sd, name);
  const plural = metric(name).kind === 'stock';
  const same = fmtValue(name, a.mean) === fmtValue(name, b.mean);
  const verb = same
    ? plural
      ? 'stay at about'
      : 'stays at about'
    : b.mean > a.mean
      ? plural
        ? 'rise from'
        : 'rises from'
      : plural
        ? 'fall from'
        : 'falls from';
  const subj = capitalise(subject(name));
  if (same) return `${subj} ${verb} ${fmtBand(name, a)} on 1 January ${h.start} and ${fmtBand(name, b)} by ${h.end}.`;
  // a change of the mean smaller than half the start band is within the spread between replications
  const small = Math.abs(b.mean - a.mean) < (a.p95 - a.p5) / 2;
  return `${subj} ${verb} ${fmtBand(name, a)} on 1 January ${h.start} to ${fmtBand(name, b)} by ${h.end}${small ? ', a change within the spread between replications' : ''}.`;
}

/** "none in 7, udsat in 3 of 10 replications" at the horizon. */
function statusAtHorizon(sd: ScenarioData): { text: string; listed: number; n: number } {
  const dist = statusDistribution(sd);
  const counts = dist[dist.length - 1]!.counts;
  const n = counts.reduce((a, b) => a + b, 0);
  const parts = counts.map((c, i) => ({ c, name: LIST_STATUS_NAMES[i]! })).filter((x) => x.c > 0);
  const listed = n - counts[0]!;
  const label = (name: ListStatusName) => (name === 'none' ? 'on no list' : `${name} (${STATUS_GLOSS[name]})`);
  if (parts.length === 1)
    return {
      text: parts[0]!.name === 'none' ? `on no list in all ${n} replications` : `listed as ${label(parts[0]!.name)} in all ${n} replications`,
      listed,
      n,
    };
  return { text: `${parts.map((p) => `${label(p.name)} in ${p.c}`).join(', ')} of ${n} replications`, listed, n };
}

type ListStatusName = (typeof LIST_STATUS_NAMES)[number];

/** What each list status means, in words (the names are those of LIST_STATUS_NAMES). */
const STATUS_GLOSS: Record<ListStatusName, string> = {
  none: 'not listed',
  prevention: 'prevention area, forebyggelsesområde',
  udsat: 'disadvantaged area, udsat boligområde',
  ghetto: 'parallel society, formerly ghetto area',
  hard: 'transformation area, formerly hard ghetto',
};

/** Criterion met by a value (the law's strictness). */
function meets(c: (typeof LIST_CRITERIA)[number], v: number): boolean {
  if (!Number.isFinite(v)) return false;
  if (c.above) return c.strict ? v > c.threshold : v >= c.threshold;
  return v < c.threshold;
}

/** Plain label of a criterion: the text after "List criterion n:". */
const criterionLabel = (name: string): string => metricTitle(name).replace(/^List criterion \d+:\s*/, '');

function criteriaSentence(sd: ScenarioData, h: Horizon): string {
  const parts = LIST_CRITERIA.map((c) => {
    const v = lastBand(sd, c.name).mean;
    const shown = isPercent(c.name) ? fmtValue(c.name, v) : c.name === 'convictionRatio' ? `${v.toFixed(2)}×` : v.toFixed(2);
    return { met: meets(c, v), text: `${criterionLabel(c.name)} ${shown} (criterion: ${thresholdText(c)}) — ${meets(c, v) ? 'met' : 'not met'}` };
  });
  const k = parts.filter((p) => p.met).length;
  return `By ${h.end} the mean values meet ${k} of the four list criteria (an area of at least 1,000 residents is listed when it meets at least ${DEFAULT_THRESHOLDS.udsatMinCriteria}): ${parts.map((p) => p.text).join('; ')}.`;
}

function elevatorSentence(sd: ScenarioData, name?: string): string {
  const [ins, outs] = statusShares(sd);
  const who = name ? ` in ${name}` : '';
  if (!Number.isFinite(ins!.mean) || !Number.isFinite(outs!.mean))
    return `No households moved in and out${who}, so the elevator effect cannot be read from this run.`;
  const verdict =
    outs!.p5 > ins!.p95
      ? 'More of those leaving than of those arriving are resource-strong: the estate lifts households into work or education and then loses them (the elevator effect).'
      : outs!.mean > ins!.mean
        ? 'Slightly more of those leaving are resource-strong, within the spread between replications.'
        : 'No elevator effect shows in these numbers.';
  return `Over the run${who}, ${pctBand(ins!)} of the households moving in were resource-strong, against ${pctBand(outs!)} of those moving out. ${verdict}`;
}

/** Short-stay share among leaving resource-strong families, per replication. */
function shortStayBand(sd: ScenarioData): { share: Band; leavers: Band } {
  const shares: number[] = [];
  const counts: number[] = [];
  for (const res of sd.ensemble.replications) {
    const { leavers: all, short } = res.leavers;
    counts.push(all);
    if (all > 0) shares.push(short / all);
  }
  return { share: band(shares), leavers: band(counts) };
}

function staySentence(sd: ScenarioData, h: Horizon, name?: string): string {
  const { share, leavers } = shortStayBand(sd);
  if (!(leavers.mean > 0)) return `No resource-strong family with children moved out${name ? ` in ${name}` : ''} during the ${h.years} years.`;
  return `Of the resource-strong families with children who moved out${name ? ` in ${name}` : ''} (${fmtInt(leavers.mean)} per replication over ${h.years} years), ${pctBand(share)} had lived in the estate ${SHORT_STAY_YEARS} years or less — the report's mark (it found almost half in 2015).`;
}

function staysSentence(sds: ScenarioData[], h: Horizon): string {
  const parts = sds.map((sd) => {
    const { share, leavers } = shortStayBand(sd);
    return `${sd.name} ${pctBand(share)} of ${fmtInt(leavers.mean)} leavers per replication`;
  });
  return `Of the resource-strong families with children who moved out during the ${h.years} years, the share who had lived in the estate ${SHORT_STAY_YEARS} years or less (the report's mark; it found almost half in 2015): ${parts.join('; ')}.`;
}

function turnoverSentence(sd: ScenarioData): string {
  const outs = sd.summary.metrics[sd.row]!.moveOuts!.byYear;
  const flats = sd.summary.metrics[sd.row]!.flats!.byYear;
  const meanOut = outs.reduce((a, b) => a + b.mean, 0) / Math.max(1, outs.length);
  const meanFlats = flats.reduce((a, b) => a + b.mean, 0) / Math.max(1, flats.length);
  return `On average ${fmtInt(meanOut)} households moved out per year, ${meanFlats > 0 ? pct(meanOut / meanFlats) : 'n/a'} of the flats.`;
}

/** A paired effect at the horizon in words, for one variant and metric. */
function effectSentence(results: Results, base: ScenarioData, v: ScenarioData, name: string, h: Horizon): string {
  const e = results.comparison!.effects.find((x) => x.variant === v.name && x.row === v.row && x.metric === name);
  const bv = lastBand(v, name);
  const bb = lastBand(base, name);
  const subj = subject(name);
  const core =
    metric(name).kind === 'stock'
      ? `By ${h.end} there are ${fmtBand(name, bv)} ${lowerFirst(subj)} with ${v.name}, against ${fmtBand(name, bb)} in ${base.name}`
      : `By ${h.end} ${subj} is ${fmtBand(name, bv)} with ${v.name}, against ${fmtBand(name, bb)} in ${base.name}`;
  if (!e || !Number.isFinite(e.difference) || !Number.isFinite(e.p5) || !Number.isFinite(e.p95)) return `${core}; no paired difference could be computed.`;
  if (!Number.isFinite(e.ciLow) || !Number.isFinite(e.ciHigh))
    return `${core}: a paired difference of ${fmtDiff(name, e)} (single runs ${fmtDiffBand(name, e)}); with one replication there is no confidence interval.`;
  const clear = e.ciLow > 0 || e.ciHigh < 0;
  const detect = isPercent(name) ? replicationsToDetect(e.sd, 0.01) : NaN;
  const power = Number.isFinite(detect) ? ` With this spread, about ${detect} paired replications would detect a one-point effect (80% power).` : '';
  return `${core}: a paired difference of ${fmtDiff(name, e)}, 95% confidence interval ${fmtCi(name, e)} (single runs ${fmtDiffBand(name, e)}), ${clear ? 'a clear effect (the interval excludes zero)' : 'not a clear effect (the interval includes zero)'}.${power}`;
}

/** A group of findings: a heading (e.g. the variant) and its sentences. */
export interface FindingGroup {
  heading?: string;
  items: string[];
}

/**
 * Plain-language findings generated from the numbers (plain text; escape before use in HTML):
 * for one run, start against the horizon with bands; for a comparison, each variant against the
 * baseline at the horizon (paired differences), then what holds across scenarios.
 *
 * @example
 * findingGroups(results)[0].items[0]
 * // 'The share of residents aged 22-59 who are resource-strong falls from 52% (50-55%) on 1 January 2026 to 49% (46-52%) by 2041.'
 */
export function findingGroups(results: Results): FindingGroup[] {
  const sds = scenarioData(results);
  const base = sds[0]!;
  const h = horizonOf(base);
  if (!results.comparison || sds.length === 1) {
    const items = COMPOSITION.map((n) => trajectorySentence(base, n, h));
    items.push(`By ${h.end} the estate is ${statusAtHorizon(base).text}.`, criteriaSentence(base, h), elevatorSentence(base));
    if (hasMoveLog(base.ensemble)) items.push(staySentence(base, h));
    items.push(turnoverSentence(base));
    return [{ items }];
  }
  const groups: FindingGroup[] = [];
  const statuses = sds.map(statusAtHorizon);
  const sameStatus = statuses.every((st) => st.text === statuses[0]!.text);
  for (const [i, v] of sds.entries()) {
    if (i === 0) continue;
    const items = COMPOSITION.map((n) => effectSentence(results, base, v, n, h));
    if (!sameStatus) items.push(`By ${h.end} the estate is ${statuses[i]!.text} with ${v.name}, against ${statuses[0]!.text} in ${base.name}.`);
    groups.push({ heading: `${v.name} against ${base.name}`, items });
  }
  const all: string[] = [];
  if (sameStatus) all.push(`By ${h.end} the estate is ${statuses[0]!.text}, in every scenario.`);
  all.push(elevatorSentence(base, base.name));
  if (sds.every((sd) => hasMoveLog(sd.ensemble))) all.push(staysSentence(sds, h));
  all.push(criteriaSentence(base, h).replace(/^By (\d+) the mean values/, `By $1 the mean values in ${base.name}`));
  groups.push({ heading: 'Across the scenarios', items: all });
  return groups;
}

/** All findings as plain sentences, in order. */
export function findings(results: Results): string[] {
  return findingGroups(results).flatMap((g) => g.items);
}

/** The findings as trusted HTML (every sentence escaped). */
export function findingsHtml(results: Results, lang: Lang = 'en'): string {
  return findingGroups(results)
    .map((g) => `${g.heading ? `<h3>${escapeHtml(g.heading)}</h3>\n` : ''}<ul>\n${g.items.map((f) => `<li>${escapeHtml(f)}</li>`).join('\n')}\n</ul>`)
    .join('\n');
}
