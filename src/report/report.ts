/**
 * Charts and the HTML report of a run or a comparison, written into the output folder.
 *
 * Pipeline (called by the engine as `RunInfo.extraOutputs`, before the folder is renamed
 * into place):
 *   1. charts    — Vega-Lite specs from the results                 (report/charts.ts)
 *   2. render    — each spec as `charts/<id>.vl.json`, `.svg`, `.png` (report/render.ts), with
 *                  text measured in the bundled DejaVu fonts ({@link useDejaVuTextMetrics})
 *   3. findings  — plain-language sentences generated from the numbers ({@link findings})
 *   4. report    — `report.html`, self-contained and offline         (report/html.ts)
 *
 * Deterministic: the same results give byte-identical files (no dates, no timings, no paths).
 */
import type { PatternResult } from '../analysis/patterns.js';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Results } from '../output/pipeline.js';
import type { Band } from '../analysis/summary.js';
import { band } from '../analysis/summary.js';
import { replicationsToDetect } from '../analysis/inference.js';
import { LIST_STATUS_NAMES } from '../model/codes.js';
import { METRIC_INDEX } from '../model/reporters.js';
import { DEFAULT_THRESHOLDS } from '../model/classification.js';
import { VERSION } from '../version.js';
import {
  AREA_LEVELS,
  COMPOSITION,
  type ChartDef,
  LIST_CRITERIA,
  SHORT_STAY_YEARS,
  type ScenarioData,
  buildCharts,
  fmtInt,
  hasMoveLog,
  isPercent,
  lowerFirst,
  metric,
  metricTitle,
  metricUnit,
  scenarioData,
  statusDistribution,
  statusShares,
  thresholdText,
} from './charts.js';
import { type HtmlReportInput, type ReportLink, type ReportSection, buildHtmlReport, escapeHtml } from './html.js';
import { dejavuFontFiles, renderPng, renderPngAsync, renderSvg } from './render.js';

// ---------------------------------------------------------------------------------------------
// Pattern checks: the extension point
// ---------------------------------------------------------------------------------------------

/**
 * One pattern check against its target (src/analysis/patterns.ts). The report shows a
 * "Patterns" section only when a checker is passed in {@link ReportOptions.patterns}.
 */
export type PatternCheck = PatternResult;

export interface ReportOptions {
  /**
   * Pattern-oriented validation, e.g. `checkPatterns` from src/analysis/patterns.ts: the report
   * gets a "Patterns" section with each check against its target.
   */
  patterns?: (results: Results) => PatternCheck[];
  /** Charts shown before the run's own (a sweep's dose-response), written with them. */
  extraCharts?: ChartDef[];
}

// ---------------------------------------------------------------------------------------------
// Text measurement in the bundled fonts
// ---------------------------------------------------------------------------------------------

/** Advance widths of one TrueType font, in em. */
interface FontWidths {
  width: (codePoint: number) => number;
}

/** Read advance widths from a TrueType file (head, hhea, hmtx and a Unicode cmap, format 4 or 12). */
function readFontWidths(file: string): FontWidths {
  const b = readFileSync(file);
  const tables = new Map<string, number>();
  const n = b.readUInt16BE(4);
  for (let i = 0; i < n; i++) tables.set(b.toString('latin1', 12 + 16 * i, 16 + 16 * i), b.readUInt32BE(12 + 16 * i + 8));
  const need = (t: string) => {
    const o = tables.get(t);
    if (o === undefined) throw new Error(`font ${file}: no ${t} table`);
    return o;
  };
  const upem = b.readUInt16BE(need('head') + 18);
  const nMetrics = b.readUInt16BE(need('hhea') + 34);
  const hmtx = need('hmtx');
  const advance = (g: number) => b.readUInt16BE(hmtx + 4 * Math.min(g, nMetrics - 1)) / upem;
  const cmap = need('cmap');
  let f4 = -1;
  let f12 = -1;
  for (let i = 0; i < b.readUInt16BE(cmap + 2); i++) {
    const p = b.readUInt16BE(cmap + 4 + 8 * i);
    const e = b.readUInt16BE(cmap + 6 + 8 * i);
    const o = cmap + b.readUInt32BE(cmap + 8 + 8 * i);
    const fmt = b.readUInt16BE(o);
    if (fmt === 12 && (p === 3 || p === 0)) f12 = o;
    if (fmt === 4 && ((p === 3 && e === 1) || p === 0)) f4 = o;
  }
  const glyph = (c: number): number => {
    if (f12 >= 0) {
      const groups = b.readUInt32BE(f12 + 12);
      for (let i = 0; i < groups; i++) {
        const o = f12 + 16 + 12 * i;
        const start = b.readUInt32BE(o);
        if (c >= start && c <= b.readUInt32BE(o + 4)) return b.readUInt32BE(o + 8) + (c - start);
      }
      return 0;
    }
    if (f4 < 0 || c > 0xffff) return 0;
    const segs = b.readUInt16BE(f4 + 6) / 2;
    const ends = f4 + 14;
    const starts = ends + 2 * segs + 2;
    const deltas = starts + 2 * segs;
    const ranges = deltas + 2 * segs;
    for (let s = 0; s < segs; s++) {
      if (b.readUInt16BE(ends + 2 * s) < c) continue;
      const start = b.readUInt16BE(starts + 2 * s);
      if (start > c) return 0;
      const delta = b.readInt16BE(deltas + 2 * s);
      const ro = b.readUInt16BE(ranges + 2 * s);
      if (ro === 0) return (c + delta) & 0xffff;
      const g = b.readUInt16BE(ranges + 2 * s + ro + 2 * (c - start));
      return g === 0 ? 0 : (g + delta) & 0xffff;
    }
    return 0;
  };
  const cache = new Map<number, number>();
  return {
    width: (c) => {
      let w = cache.get(c);
      if (w === undefined) {
        w = advance(glyph(c));
        cache.set(c, w);
      }
      return w;
    },
  };
}

let metricsInstalled = false;

/**
 * Make Vega measure text in the DejaVu fonts that resvg draws with. Without a canvas, Vega
 * estimates every string as 0.8 em per character, which leaves wide empty margins and cuts
 * legend labels short in the SVG and PNG files. Installs a `textMetrics.width` function (as
 * vl-convert does) once per process; the browser keeps measuring with its own canvas.
 */
export async function useDejaVuTextMetrics(): Promise<void> {
  if (metricsInstalled) return;
  const files = dejavuFontFiles();
  const regular = readFontWidths(files.find((f) => f.endsWith('/DejaVuSans.ttf'))!);
  const bold = readFontWidths(files.find((f) => f.endsWith('/DejaVuSans-Bold.ttf'))!);
  // vega re-exports vega-scenegraph's textMetrics; its type declarations omit it
  const vega = (await import('vega')) as unknown as { textMetrics: { width: (item: { fontSize?: number; fontWeight?: unknown }, text: unknown) => number } };
  const isBold = (w: unknown) => w === 'bold' || w === 'bolder' || (typeof w === 'number' && w >= 600) || (typeof w === 'string' && Number(w) >= 600);
  vega.textMetrics.width = (item, text) => {
    const size = item.fontSize != null ? +item.fontSize || 0 : 11;
    if (size <= 0 || text == null) return 0;
    const font = isBold(item.fontWeight) ? bold : regular;
    let em = 0;
    for (const ch of String(text).trim()) em += font.width(ch.codePointAt(0)!);
    return em * size;
  };
  metricsInstalled = true;
}

/** Render one chart to SVG and PNG (text measured in the bundled fonts). */
export async function renderChart(chart: ChartDef): Promise<{ svg: string; png: Buffer }> {
  const svg = await chartSvg(chart);
  return { svg, png: renderPng(svg) };
}

/** A chart's SVG (text measured in the bundled fonts). */
async function chartSvg(chart: ChartDef): Promise<string> {
  await useDejaVuTextMetrics();
  return renderSvg(chart.spec, { name: chart.id, strict: true });
}

// ---------------------------------------------------------------------------------------------
// Numbers in words
// ---------------------------------------------------------------------------------------------

/** A metric value in its unit: shares in percent, counts whole, indices with two decimals. */
export function fmtValue(name: string, v: number): string {
  if (!Number.isFinite(v)) return 'n/a';
  if (isPercent(name)) return `${Math.round(v * 100)}%`;
  const m = metric(name);
  if (m.kind === 'stock' || m.kind === 'flow' || m.digits === 0) return fmtInt(v);
  return v.toFixed(2);
}

/** Mean with its 5-95% band, e.g. "47% (44-50%)" or "235 (220-250)". */
export function fmtBand(name: string, b: Band): string {
  const pct = isPercent(name);
  const strip = (s: string) => (pct ? s.replace('%', '') : s);
  const sep = b.p5 < 0 || b.p95 < 0 ? ' to ' : '-';
  return `${fmtValue(name, b.mean)} (${strip(fmtValue(name, b.p5))}${sep}${fmtValue(name, b.p95)})`;
}

const signed = (s: string, v: number): string => (v > 0 && !s.startsWith('-') ? `+${s}` : s.replace(/^-/, '−'));

/** A difference band: mean and 5th/95th percentiles of the paired differences. */
type DiffBand = { difference: number; p5: number; p95: number };

/**
 * Number formatter for differences: percentage points with one decimal for shares; counts
 * whole from 10 and with one decimal below; three decimals for indices and ratios.
 */
function diffNumber(name: string): (v: number) => string {
  if (isPercent(name)) return (v) => signed((v * 100).toFixed(1), v);
  const m = metric(name);
  if (m.kind === 'stock' || m.kind === 'flow') return (v) => signed(v.toFixed(Math.abs(v) < 9.95 ? 1 : 0), v);
  return (v) => signed(v.toFixed(3), v);
}

/** A paired difference in its unit, e.g. "+6.0 percentage points" or "+25 households". */
export function fmtDiff(name: string, d: DiffBand): string {
  if (!Number.isFinite(d.difference)) return 'n/a';
  const n = diffNumber(name)(d.difference);
  if (isPercent(name)) return `${n} percentage points`;
  const m = metric(name);
  return m.kind === 'stock' || m.kind === 'flow' ? `${n} ${metricUnit(name)}` : n;
}

/** The confidence interval of the mean difference, e.g. "+4.9 to +5.6". */
function fmtCi(name: string, e: { ciLow: number; ciHigh: number }): string {
  const num = diffNumber(name);
  return Number.isFinite(e.ciLow) && Number.isFinite(e.ciHigh) ? `${num(e.ciLow)} to ${num(e.ciHigh)}` : 'n/a';
}

/** The difference band, e.g. "5-95%: +4.1 to +7.9". */
function fmtDiffBand(name: string, d: DiffBand): string {
  const num = diffNumber(name);
  if (!Number.isFinite(d.p5) || !Number.isFinite(d.p95)) return '5-95%: n/a';
  return `5-95%: ${num(d.p5)} to ${num(d.p95)}`;
}

const pct = (v: number): string => (Number.isFinite(v) ? `${Math.round(v * 100)}%` : 'n/a');
const pctBand = (b: Band): string => `${pct(b.mean)} (${pct(b.p5).replace('%', '')}-${pct(b.p95)})`;

/** The metric as the subject of a sentence: "the share of …" for shares and levels, as-is for counts. */
function subject(name: string): string {
  const t = metricTitle(name);
  return metric(name).kind === 'stock' ? t : `the ${lowerFirst(t)}`;
}

// ---------------------------------------------------------------------------------------------
// Findings
// ---------------------------------------------------------------------------------------------

interface Horizon {
  start: number;
  /** 1 January after the last simulated year. */
  end: number;
  years: number;
}

function horizonOf(sd: ScenarioData): Horizon {
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

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

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
function findingsHtml(results: Results): string {
  return findingGroups(results)
    .map((g) => `${g.heading ? `<h3>${escapeHtml(g.heading)}</h3>\n` : ''}<ul>\n${g.items.map((f) => `<li>${escapeHtml(f)}</li>`).join('\n')}\n</ul>`)
    .join('\n');
}

// ---------------------------------------------------------------------------------------------
// Report sections
// ---------------------------------------------------------------------------------------------

/** One line per lever: "extension from 2027: group resourceStrongFamilies, factor 0.5". */
function leversText(sd: ScenarioData): string {
  const ps = sd.ensemble.scenario.policies;
  if (!ps.length) return 'none';
  return ps
    .map((p) => {
      const { lever, from, until, estate, ...size } = p as { lever: string; from: number; until?: number; estate?: number } & Record<string, unknown>;
      const when = `${from}${until !== undefined ? `-${until - 1}` : ''}`;
      const args = Object.entries(size)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => `${k} ${String(v)}`)
        .join(', ');
      return `${lever} from ${when}${estate !== undefined ? ` (estate ${estate})` : ''}${args ? `: ${args}` : ''}`;
    })
    .join('; ');
}

function whatWasRun(results: Results, sds: ScenarioData[]): ReportSection {
  const base = sds[0]!;
  const h = horizonOf(base);
  const seeds = base.ensemble.seeds;
  const sc = base.ensemble.scenario;
  const shownSeeds = seeds.length <= 12 ? seeds.join(', ') : `${seeds.slice(0, 10).join(', ')}, … (all in manifest.json)`;
  const html = [
    `<p>${sds.length > 1 ? `${sds.length} scenarios, each` : '1 scenario'} with ${seeds.length} replication${seeds.length === 1 ? '' : 's'} of ${h.years} years (${h.start}-${h.end - 1}), base seed ${sc.seed}; replication <i>i</i> uses a seed derived from the base seed and <i>i</i>: ${escapeHtml(shownSeeds)}.${
      sds.length > 1 ? ' Every scenario ran on the same seeds (common random numbers), so the differences are paired replication by replication.' : ''
    } Made with nabolag ${escapeHtml(VERSION)}.</p>`,
    `<p>Numbers are means over replications with the 5th-95th percentile range in brackets. Charts show the state on 1 January of each year (${h.start} is the initial state, ${h.end} the state after ${h.years} simulated years) and flows summed over each calendar year. They read the metric row "${escapeHtml(base.row)}"${base.summary.rows.length > 1 ? ' (all estates together)' : ''}.</p>`,
  ].join('\n');
  return {
    id: 'what-was-run',
    heading: 'What was run',
    html,
    table: {
      columns: ['Scenario', 'Role', 'Description', 'Levers'],
      rows: sds.map((sd, i) => [sd.name, results.comparison ? (i === 0 ? 'baseline' : 'variant') : 'run', sd.description || '—', leversText(sd)]),
    },
  };
}

/** Metrics of the effects table (all metrics are in effects.csv). */
const EFFECT_METRICS = [
  ...COMPOSITION,
  'moveOuts',
  'outResourceStrongFamilies',
  'outResourceStrongFamiliesShortStay',
  'meanStayYears',
  ...AREA_LEVELS,
  ...LIST_CRITERIA.map((c) => c.name),
] as const;

function effectsSection(results: Results, sds: ScenarioData[]): ReportSection | null {
  const c = results.comparison;
  if (!c) return null;
  const h = horizonOf(sds[0]!);
  const rows: string[][] = [];
  for (const v of sds.slice(1)) {
    for (const name of EFFECT_METRICS) {
      if (METRIC_INDEX[name] === undefined) continue;
      const e = c.effects.find((x) => x.variant === v.name && x.row === v.row && x.metric === name);
      if (!e) continue;
      const known = Number.isFinite(e.ciLow) && Number.isFinite(e.ciHigh);
      const clear = known && (e.ciLow > 0 || e.ciHigh < 0);
      rows.push([
        v.name,
        name,
        metricUnit(name),
        fmtValue(name, e.baseline),
        fmtValue(name, e.value),
        isPercent(name) ? `${diffNumber(name)(e.difference)} pp` : diffNumber(name)(e.difference),
        fmtCi(name, e),
        fmtDiffBand(name, e).replace('5-95%: ', ''),
        known ? (clear ? 'yes' : 'no') : 'n/a',
      ]);
    }
  }
  return {
    id: 'effects',
    heading: 'Effects at the horizon',
    html: `<p>Each variant against the baseline "${escapeHtml(c.baseline)}" by ${h.end} (stocks and shares at the end of ${h.end - 1}, flows summed over ${h.end - 1}; effects.csv lists them under year ${h.end - 1}). The difference is paired: computed replication by replication on the same seeds, then averaged. "95% CI" is the confidence interval of that mean (t-based): it narrows as replications are added, and "clear" means it excludes zero. "Single runs 5-95%" is how much the difference varies from one replication to the next: it does not narrow with more replications. pp = percentage points. Every metric is in <a href="effects.csv">effects.csv</a>.</p>`,
    table: { columns: ['Variant', 'Metric', 'Unit', 'Baseline', 'Variant value', 'Difference', '95% CI', 'Single runs 5-95%', 'Clear'], rows },
  };
}

function patternsSection(checks: PatternCheck[]): ReportSection {
  const pp = (v: number) => `${v >= 0 ? '+' : '−'}${Math.abs(v * 100).toFixed(1)}`;
  const show = (c: PatternCheck) => {
    const v = c.value;
    if (c.unit === 'share points') return `${pp(v.mean)} points (${pp(v.p5)} to ${pp(v.p95)})`;
    if (c.unit.startsWith('share') || c.unit === 'relative change') return `${pctBand(v)} ${c.unit === 'share' ? '' : c.unit.replace(/^share ?/, '')}`.trim();
    return `${v.mean.toFixed(2)} (${v.p5.toFixed(2)} to ${v.p95.toFixed(2)}) ${c.unit}`;
  };
  return {
    id: 'patterns',
    heading: 'Patterns',
    html: `<p>The patterns the model should reproduce, each computed from this run's outputs and compared with its target.</p>`,
    table: {
      columns: ['Pattern', 'Target', 'Value (mean and 5-95%)', 'Within target', 'Detail'],
      rows: checks.map((c) => [`${c.id} ${c.title}`, c.target, show(c), c.pass ? 'yes' : 'no', c.detail ?? '']),
    },
  };
}

function chartSection(c: ChartDef): ReportSection {
  const files = ['png', 'svg', 'vl.json']
    .map((ext) => `<a href="charts/${c.id}.${ext}">${ext === 'vl.json' ? 'Vega-Lite' : ext.toUpperCase()}</a>`)
    .join(' · ');
  return {
    id: `section-${c.id}`,
    heading: c.heading,
    html: `<p class="chart-files">Files: ${files}</p>`,
    chart: { id: c.id, spec: c.spec, caption: c.caption },
  };
}

/** The report's links to the data files that exist in `dir` (manifest.json is written last). */
function links(dir: string): ReportLink[] {
  const all: ReportLink[] = [
    { href: 'metrics.csv', label: 'metrics.csv — every metric per replication, month and estate' },
    { href: 'moves.csv', label: 'moves.csv — one row per household move' },
    { href: 'effects.csv', label: 'effects.csv — paired effects at the horizon, every metric' },
    { href: 'summary.json', label: 'summary.json — mean and 5-95% band per metric and year' },
  ];
  return [
    ...all.filter((l) => existsSync(join(dir, l.href))),
    { href: 'manifest.json', label: 'manifest.json — version, scenarios as resolved, seeds (enough to reproduce the run)' },
  ];
}

/** The input of buildHtmlReport for these results and charts. */
export function reportInput(results: Results, charts: ChartDef[], dir: string, options: ReportOptions = {}): HtmlReportInput {
  const sds = scenarioData(results);
  const base = sds[0]!;
  const h = horizonOf(base);
  const title = results.comparison
    ? `nabolag comparison: ${base.name} against ${sds
        .slice(1)
        .map((s) => s.name)
        .join(', ')}`
    : `nabolag report: ${base.name}`;
  const subtitle = `${base.ensemble.seeds.length} replications × ${h.years} years (${h.start}-${h.end - 1}), base seed ${base.ensemble.scenario.seed}, nabolag ${VERSION}`;
  const sections: ReportSection[] = [
    whatWasRun(results, sds),
    {
      id: 'findings',
      heading: 'Findings',
      html: `<p>Generated from the numbers: means over replications, the 5-95% range in brackets.</p>\n${findingsHtml(results)}`,
    },
    ...charts.map(chartSection),
  ];
  const eff = effectsSection(results, sds);
  if (eff) sections.push(eff);
  if (options.patterns) sections.push(patternsSection(options.patterns(results)));
  return { title, subtitle, sections, links: links(dir) };
}

/**
 * Write `charts/<id>.vl.json`, `.svg` and `.png` for every chart and `report.html` into `dir`.
 * Returns the file names written, relative to `dir`.
 *
 * @example
 * await runToDirectory(sc, 'output/default', { extraOutputs: (dir, r) => writeChartsAndReport(dir, r) });
 */
export async function writeChartsAndReport(dir: string, results: Results, options: ReportOptions = {}): Promise<string[]> {
  const charts = [...(options.extraCharts ?? []), ...buildCharts(results)];
  const written = await writeCharts(dir, charts);
  // every chart compiled without errors or warnings when it was rendered (strict mode)
  const html = await buildHtmlReport({ ...reportInput(results, charts, dir, options), chartsCompiled: true });
  await writeFile(join(dir, 'report.html'), html);
  written.push('report.html');
  return written;
}

/** Write charts as `charts/<id>.vl.json`, `.svg` and `.png`; returns the files written. */
export async function writeCharts(dir: string, charts: ChartDef[]): Promise<string[]> {
  await mkdir(join(dir, 'charts'), { recursive: true });
  const written: string[] = [];
  // each chart's PNG is rasterised on the thread pool while the main thread lays out the next
  // charts (about a third of a default run's time went to rasterising, one chart after another)
  const pngs: Promise<Buffer>[] = [];
  for (const c of charts) {
    const svg = await chartSvg(c);
    const png = renderPngAsync(svg);
    png.catch(() => {}); // a failure is reported where the PNG is awaited below, not as unhandled
    pngs.push(png);
    const stem = `charts/${c.id}`;
    await writeFile(join(dir, `${stem}.vl.json`), JSON.stringify(c.spec, null, 1) + '\n');
    await writeFile(join(dir, `${stem}.svg`), svg);
  }
  for (let k = 0; k < charts.length; k++) {
    const stem = `charts/${charts[k]!.id}`;
    await writeFile(join(dir, `${stem}.png`), await pngs[k]!);
    written.push(`${stem}.vl.json`, `${stem}.svg`, `${stem}.png`);
  }
  return written;
}
