/**
 * Findings: plain-language sentences generated from the numbers. For one run, the composition
 * at the start against the horizon, the list status and criteria, the elevator effect, stay
 * lengths and turnover; for a comparison, each variant against the baseline (paired
 * differences), then what holds across the scenarios.
 */
import type { Results } from '../output/pipeline.js';
import { type Band, band } from '../analysis/summary.js';
import { replicationsToDetect } from '../analysis/inference.js';
import { atAttractivenessLimit } from '../model/anchor.js';
import { displacementOf } from './headline.js';
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
  localNumbers,
  localPercent,
  lowerFirst,
  metric,
  metricLabel,
  metricTitle,
  metricUnitIn,
  scenarioData,
  statusDistribution,
  inMoverShareOf,
  statusShares,
  thresholdText,
} from './charts/index.js';
import { ESTATE_SERIES_MAX, atRow, estateRows } from './charts/data.js';
import { diffNumber, fmtBand, fmtDiffBand, fmtInt, fmtValue, pct, pctBand } from './format.js';
import { escapeHtml } from './html.js';
import { type Lang, texts } from './i18n.js';

/** The metric as the subject of a sentence: "the share of …" for shares and levels, as-is for counts; in Danish its label. */
function subject(name: string, lang: Lang): string {
  if (lang === 'da') return metricLabel(name, lang).toLowerCase();
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
function trajectorySentence(sd: ScenarioData, name: string, h: Horizon, lang: Lang): string {
  const ms = sd.summary.metrics[sd.row]![name]!;
  const a = ms.initial;
  const b = lastBand(sd, name);
  const N = (x: string) => localNumbers(x, lang);
  const same = fmtValue(name, a.mean) === fmtValue(name, b.mean);
  // a change of the mean smaller than half the start band is within the spread between replications
  const small = Math.abs(b.mean - a.mean) < (a.p95 - a.p5) / 2;
  return texts(lang).findingsText.trend(
    capitalise(subject(name, lang)),
    same ? 'same' : b.mean > a.mean ? 'up' : 'down',
    metric(name).kind === 'stock',
    N(fmtBand(name, a)),
    N(fmtBand(name, b)),
    h.start,
    h.end,
    small,
  );
}

/** "none in 7, udsat in 3 of 10 replications" at the horizon, for the row read. */
function statusAtRow(sd: ScenarioData, lang: Lang): { text: string; listed: number; n: number } {
  const f = texts(lang).findingsText;
  const dist = statusDistribution(sd);
  const counts = dist[dist.length - 1]!.counts;
  const n = counts.reduce((a, b) => a + b, 0);
  const parts = counts.map((c, i) => ({ c, name: LIST_STATUS_NAMES[i]! })).filter((x) => x.c > 0);
  const listed = n - counts[0]!;
  // under the 2021 rules the law's own names (the gloss) stand alone: "ghetto" and "hard" are the
  // 2018 names, kept in metrics.csv's codes
  const rules2021 = sd.ensemble.scenario.classification.ruleSet === '2021';
  // the law's name with its gloss in brackets, not after a comma: a comma inside one status ran
  // into the list of statuses ("on no list in 3, prevention area, forebyggelsesområde in 1")
  const gloss = (name: ListStatusName) => f.statusGloss[name]!.replace(/, (.*)$/, ' ($1)');
  const label = (name: ListStatusName) => (name === 'none' ? f.onNoList : lang === 'da' || rules2021 ? gloss(name) : `${name} (${f.statusGloss[name]})`);
  const listedLabel = (name: ListStatusName) => (name === 'none' ? f.onNoList : f.listedAs(label(name)));
  if (parts.length === 1)
    return {
      text: parts[0]!.name === 'none' ? f.onNoListAll(n) : f.listedAll(label(parts[0]!.name), n),
      listed,
      n,
    };
  // statuses that differ between replications: how well a count of n says the share (the normal
  // approximation's half-width at a share of one half, the widest; 95%)
  const margin = Math.round(100 * 1.96 * Math.sqrt(0.25 / n));
  return {
    text: f.statusIn(f.statusList(parts.map((p) => f.statusIn1(listedLabel(p.name), p.c))), n) + f.statusSpread(n, margin),
    listed,
    n,
  };
}

/**
 * The list status at the horizon as a clause: "the estate is …" for one estate; for a region,
 * whose sum row is classified nowhere (areas are classified estate by estate), each estate's
 * status ("A is …; B is …"), or with more than ESTATE_SERIES_MAX estates how many were on a list.
 */
function statusAtHorizon(sd: ScenarioData, lang: Lang): string {
  const f = texts(lang).findingsText;
  const rows = estateRows(sd);
  if (rows.length === 0) return f.statusOf([{ text: statusAtRow(sd, lang).text }]);
  const each = rows.map((i) => ({ name: sd.summary.rows[i]!, ...statusAtRow(atRow(sd, i), lang) }));
  if (rows.length <= ESTATE_SERIES_MAX) return f.statusOf(each);
  return f.estatesListed(each.filter((e) => e.listed > 0).length, rows.length, each[0]!.n);
}

type ListStatusName = (typeof LIST_STATUS_NAMES)[number];

/** Criterion met by a value (the law's strictness). */
function meets(c: (typeof LIST_CRITERIA)[number], v: number): boolean {
  if (!Number.isFinite(v)) return false;
  if (c.above) return c.strict ? v > c.threshold : v >= c.threshold;
  return v < c.threshold;
}

/** Plain label of a criterion: the text after "List criterion n:" (English), its label (Danish). */
const criterionLabel = (name: string, lang: Lang): string =>
  lang === 'da' ? metricLabel(name, lang).toLowerCase() : metricTitle(name).replace(/^List criterion \d+:\s*/, '');

/**
 * A criterion's value as the findings print it, with up to two more decimals where the rounded
 * value would read as its threshold: "0.552 (criterion: below 0.55) — not met", not "0.55
 * (criterion: below 0.55) — not met".
 */
export function criterionValue(c: (typeof LIST_CRITERIA)[number], v: number): string {
  if (!Number.isFinite(v)) return fmtValue(c.name, v);
  const pct = isPercent(c.name);
  const fmt = (x: number, d: number) =>
    pct ? `${d === 0 ? Math.round(x * 100) : (x * 100).toFixed(d)}%` : c.name === 'convictionRatio' ? `${x.toFixed(2 + d)}×` : x.toFixed(2 + d);
  let d = 0;
  while (d < 2 && fmt(v, d) === fmt(c.threshold, d)) d++;
  return fmt(v, d);
}

/** The list criteria the row's mean values meet at the horizon, each with its value and threshold. */
function criteriaAtRow(sd: ScenarioData, lang: Lang): { met: boolean; text: string; short: string }[] {
  const f = texts(lang).findingsText;
  return LIST_CRITERIA.map((c) => {
    const v = lastBand(sd, c.name).mean;
    const shown = localNumbers(criterionValue(c, v), lang);
    const label = criterionLabel(c.name, lang);
    return { met: meets(c, v), text: f.criterion(label, shown, thresholdText(c, c.threshold, lang), meets(c, v)), short: `${label} ${shown}` };
  });
}

function criteriaSentence(sd: ScenarioData, h: Horizon, lang: Lang, base?: string): string {
  const f = texts(lang).findingsText;
  const min = DEFAULT_THRESHOLDS.udsatMinCriteria;
  const rows = estateRows(sd);
  // a region's sum row is no area the law classifies: the criteria are read estate by estate
  if (rows.length > 0) {
    const each = rows.map((i) => ({ name: sd.summary.rows[i]!, parts: criteriaAtRow(atRow(sd, i), lang) }));
    const meeting = each.filter((e) => e.parts.filter((p) => p.met).length >= min).length;
    if (rows.length > ESTATE_SERIES_MAX) return f.criteriaCount(h.end, meeting, rows.length, min, base);
    const least = sd.ensemble.scenario.classification.minResidents;
    const listed = each.map((e, j) => {
      const met = e.parts.filter((p) => p.met);
      const small = lastBand(atRow(sd, rows[j]!), 'residents').mean < least;
      return f.criteriaOf(e.name, met.length, met.map((p) => p.short).join(', '), small);
    });
    return `${f.criteriaEach(h.end, min, listed.join('; '), base)} ${f.outsideNote}`;
  }
  const parts = criteriaAtRow(sd, lang);
  const k = parts.filter((p) => p.met).length;
  const criteria = f.criteria(h.end, k, min, parts.map((p) => p.text).join('; '), base);
  // the lower thresholds of a prevention area, which the sentence's count of the udsat criteria does not show
  // the model's outside-work share is broader than the law's count: criterion 1 reads high (ODD 7.4)
  const sentence = `${sd.ensemble.scenario.classification.ruleSet === '2021' ? `${criteria} ${f.preventionNote}` : criteria} ${f.outsideNote}`;
  // an estate too small for the list can meet every criterion and still never be listed: say so
  const residents = lastBand(sd, 'residents').mean;
  const least = sd.ensemble.scenario.classification.minResidents;
  return Number.isFinite(residents) && residents < least ? `${sentence} ${f.tooSmall(localNumbers(residents.toFixed(0), lang), least)}` : sentence;
}

function elevatorSentence(sd: ScenarioData, lang: Lang, name?: string): string {
  const f = texts(lang).findingsText;
  const [ins, outs] = statusShares(sd);
  const who = name ? f.inName(name) : '';
  if (!Number.isFinite(ins!.mean) || !Number.isFinite(outs!.mean)) return f.noMoves(who);
  const verdict = outs!.p5 > ins!.p95 ? f.elevatorClear : outs!.mean > ins!.mean ? f.elevatorSlight : f.elevatorNone;
  // an estate held by its residents' own lift into work: what moves in is almost never resource-strong
  const few = ins!.mean < FEW_STRONG_IN_MOVERS && !atLimit(sd) ? ` ${f.fewStrongInMovers}` : '';
  return `${f.elevator(who, pctBand(ins!), pctBand(outs!), verdict)}${few}`;
}

/**
 * Below this share of resource-strong households among those moving in, the findings say that
 * levers acting through who moves in have little to work with (an outside trial: an estate at 30%
 * with 2% of its in-movers resource-strong, and no word of it). Assumption (a judgement of "few").
 */
export const FEW_STRONG_IN_MOVERS = 0.05;

/** Whether an anchored estate of the run is at its attractiveness limit (its own sentence says the same, anchorLimitSentences). */
const atLimit = (sd: ScenarioData): boolean => sd.ensemble.anchors.some((a) => atAttractivenessLimit(a.attractiveness) && a.attractiveness < 0);

/**
 * The anchored estates held only at the attractiveness's limit (model/anchor.ts): the baseline
 * then needs almost no resource-strong applicants (or, at +3, residents finding work faster than
 * the elevator's rates) to stay where it starts, and levers that act through who moves in have
 * little to work on. One sentence per such estate, with the in-movers' resource-strong share.
 */
function anchorLimitSentences(sd: ScenarioData, lang: Lang): string[] {
  const f = texts(lang).findingsText;
  const L = (x: number) => localNumbers(x.toFixed(2).replace('-', '−'), lang);
  return sd.ensemble.anchors
    .filter((a) => atAttractivenessLimit(a.attractiveness))
    .map((a) => {
      if (a.attractiveness > 0) return f.anchorHighLimit(a.estate, L(a.attractiveness), L(a.attachment));
      // the estate's own in-movers (in a region the report's row is the region's)
      const ins = inMoverShareOf(sd, a.estate);
      return f.anchorLowLimit(a.estate, L(a.attractiveness), L(a.attachment), Number.isFinite(ins.mean) ? pctBand(ins) : '', a.attachment < 1);
    });
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

function staySentence(sd: ScenarioData, h: Horizon, lang: Lang, name?: string): string {
  const f = texts(lang).findingsText;
  const { share, leavers } = shortStayBand(sd);
  const who = name ? f.inName(name) : '';
  if (!(leavers.mean > 0)) return f.noLeavers(who, h.years);
  return f.stay(who, localNumbers(fmtInt(leavers.mean), lang), h.years, pctBand(share), SHORT_STAY_YEARS);
}

function staysSentence(sds: ScenarioData[], h: Horizon, lang: Lang): string {
  const f = texts(lang).findingsText;
  const bands = sds.map(shortStayBand);
  if (!bands.some((b) => b.leavers.mean > 0)) return f.noLeavers('', h.years);
  // a scenario none of them left has no share: "none left", not "n/a (n/a-n/a) of 0 leavers"
  const parts = sds.map((sd, i) => {
    const { share, leavers } = bands[i]!;
    return leavers.mean > 0 ? f.staysPart(sd.name, pctBand(share), localNumbers(fmtInt(leavers.mean), lang)) : f.staysNone(sd.name);
  });
  return f.stays(h.years, SHORT_STAY_YEARS, parts.join('; '));
}

function turnoverSentence(sd: ScenarioData, lang: Lang): string {
  const outs = sd.summary.metrics[sd.row]!.moveOuts!.byYear;
  const flats = sd.summary.metrics[sd.row]!.flats!.byYear;
  const meanOut = outs.reduce((a, b) => a + b.mean, 0) / Math.max(1, outs.length);
  const meanFlats = flats.reduce((a, b) => a + b.mean, 0) / Math.max(1, flats.length);
  const n = fmtInt(meanOut);
  return texts(lang).findingsText.turnover(localNumbers(n, lang), meanFlats > 0 ? pct(meanOut / meanFlats) : texts(lang).na, n === '1');
}

/**
 * Where a scenario demolishes flats: how many households it displaced over the run and how many
 * of them were rehoused in the region (the row's `exitsDemolition` and `relocated`, means per
 * replication); none where nothing was demolished. The rest left the region, and the estate's (or
 * the region's) composition changes by their leaving: without this sentence a region's
 * demolition read as a gain while most of the displaced had simply left.
 */
function demolitionSentence(sd: ScenarioData, h: Horizon, lang: Lang): string[] {
  const d = displacementOf(sd.summary, sd.row);
  if (!d) return [];
  const { displaced, rehoused, region } = d;
  const N = (x: string) => localNumbers(x, lang);
  return [
    texts(lang).findingsText.demolition(
      sd.name,
      h.end,
      N(fmtInt(displaced)),
      N(fmtInt(rehoused)),
      pct(rehoused / displaced),
      displaced - rehoused >= 0.5,
      region,
    ),
  ];
}

/** A paired difference in its unit, e.g. "+6.0 percentage points" or "+25 households". */
function diffText(name: string, d: number, lang: Lang): string {
  if (!Number.isFinite(d)) return texts(lang).na;
  const n = localNumbers(diffNumber(name)(d), lang);
  if (isPercent(name)) return `${n} ${texts(lang).findingsText.percentagePoints}`;
  const m = metric(name);
  return m.kind === 'stock' || m.kind === 'flow' ? `${n} ${metricUnitIn(name, lang)}` : n;
}

/** A paired effect at the horizon in words, for one variant and metric. */
function effectSentence(results: Results, base: ScenarioData, v: ScenarioData, name: string, h: Horizon, lang: Lang): string {
  const t = texts(lang);
  const f = t.findingsText;
  const N = (x: string) => localNumbers(x, lang);
  const e = results.comparison!.effects.find((x) => x.variant === v.name && x.row === v.row && x.metric === name);
  const bv = N(fmtBand(name, lastBand(v, name)));
  const bb = N(fmtBand(name, lastBand(base, name)));
  const subj = subject(name, lang);
  const core =
    metric(name).kind === 'stock'
      ? f.effectStock(h.end, bv, lang === 'da' ? subj : lowerFirst(subj), v.name, bb, base.name)
      : f.effectLevel(h.end, subj, bv, v.name, bb, base.name);
  if (!e || !Number.isFinite(e.difference) || !Number.isFinite(e.p5) || !Number.isFinite(e.p95)) return f.noPaired(core);
  const band = N(fmtDiffBand(name, e).replace(' to ', ` ${t.range('', '').trim()} `));
  if (!Number.isFinite(e.ciLow) || !Number.isFinite(e.ciHigh)) return f.oneRep(core, diffText(name, e.difference, lang), band);
  const clear = e.ciLow > 0 || e.ciHigh < 0;
  // with no spread at all (the same difference in every replication, as a lever that changes
  // nothing gives) a count of replications to detect an effect says nothing: left out
  const detect = isPercent(name) && e.sd > 0 ? replicationsToDetect(e.sd, 0.01) : NaN;
  const num = diffNumber(name);
  return f.effect(
    core,
    diffText(name, e.difference, lang),
    N(t.range(num(e.ciLow), num(e.ciHigh))),
    band,
    clear,
    Number.isFinite(detect) ? f.power(detect) : '',
  );
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
export function findingGroups(results: Results, lang: Lang = 'en'): FindingGroup[] {
  // Danish writes "45 %": every sentence's per cent signs, whichever helper formatted the number
  return groupsOf(results, lang).map((g) => ({ ...g, items: g.items.map((s) => localPercent(s, lang)) }));
}

function groupsOf(results: Results, lang: Lang): FindingGroup[] {
  const f = texts(lang).findingsText;
  const sds = scenarioData(results);
  const base = sds[0]!;
  const h = horizonOf(base);
  if (!results.comparison || sds.length === 1) {
    const items = COMPOSITION.map((n) => trajectorySentence(base, n, h, lang));
    items.push(f.estateIs(h.end, statusAtHorizon(base, lang)), criteriaSentence(base, h, lang), elevatorSentence(base, lang));
    if (hasMoveLog(base.ensemble)) items.push(staySentence(base, h, lang));
    items.push(turnoverSentence(base, lang), ...demolitionSentence(base, h, lang), ...anchorLimitSentences(base, lang));
    return [{ items }];
  }
  const groups: FindingGroup[] = [];
  const statuses = sds.map((sd) => statusAtHorizon(sd, lang));
  const sameStatus = statuses.every((st) => st === statuses[0]!);
  for (const [i, v] of sds.entries()) {
    if (i === 0) continue;
    const items = COMPOSITION.map((n) => effectSentence(results, base, v, n, h, lang));
    if (!sameStatus) items.push(f.estateIsWith(h.end, statuses[i]!, v.name, statuses[0]!, base.name));
    items.push(...demolitionSentence(v, h, lang));
    groups.push({ heading: f.against(v.name, base.name), items });
  }
  const all: string[] = [];
  if (sameStatus) all.push(f.estateIsEvery(h.end, statuses[0]!));
  all.push(elevatorSentence(base, lang, base.name));
  if (sds.every((sd) => hasMoveLog(sd.ensemble))) all.push(staysSentence(sds, h, lang));
  all.push(criteriaSentence(base, h, lang, base.name), ...demolitionSentence(base, h, lang), ...anchorLimitSentences(base, lang));
  groups.push({ heading: f.across, items: all });
  return groups;
}

/** All findings as plain sentences, in order. */
export function findings(results: Results, lang: Lang = 'en'): string[] {
  return findingGroups(results, lang).flatMap((g) => g.items);
}

/** The findings as trusted HTML (every sentence escaped). */
export function findingsHtml(results: Results, lang: Lang = 'en'): string {
  return findingGroups(results, lang)
    .map((g) => `${g.heading ? `<h3>${escapeHtml(g.heading)}</h3>\n` : ''}<ul>\n${g.items.map((s) => `<li>${escapeHtml(s)}</li>`).join('\n')}\n</ul>`)
    .join('\n');
}
