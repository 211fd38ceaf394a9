/**
 * The sections of the report: what was run, the findings, one section per chart, the effects
 * table of a comparison and, when a checker is passed, the patterns; and the links to the data
 * files. {@link reportInput} assembles them into the input of buildHtmlReport.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type PatternResult, shareBandText } from '../analysis/patterns.js';
import type { Results } from '../output/pipeline.js';
import { ANCHOR_YEARS, type Anchor, atAttractivenessLimit } from '../model/anchor.js';
import { METRIC_INDEX } from '../model/reporters.js';
import { VERSION } from '../version.js';
import { modelDifferences } from '../scenario/diff.js';
import { COMPOSITION, type ChartDef, type ScenarioData, isPercent, localNumbers, metricLabel, metricUnitIn, scenarioData } from './charts/index.js';
import { answerSection, chartFilesHtml } from './answer.js';
import { estateRowMeans, flexibleNeverActed } from './headline.js';
import { lastYear } from '../scenario/rules.js';
import { findingsHtml, horizonOf } from './findings.js';
import { diffNumber, fmtDiffBand, fmtValue } from './format.js';
import { type HtmlReportInput, type ReportLink, type ReportRow, type ReportSection, escapeHtml } from './html.js';
import { type AnchorText, type Lang, patternText, texts } from './i18n.js';
import { isSchellingRun, schellingFindings } from './schelling.js';

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
  /** The report's language (headings, sentences, chart titles and axes); default English. */
  lang?: Lang;
}

/** One line per lever: "extension from 2027: group resourceStrongFamilies, factor 0.5". */
function leversText(sd: ScenarioData, lang: Lang): string {
  const ps = sd.ensemble.scenario.policies;
  const t = texts(lang);
  if (!ps.length) return t.none;
  return ps
    .map((p) => {
      const { lever, from, until, estate, ...size } = p as { lever: string; from: number; until?: number; estate?: number } & Record<string, unknown>;
      const when = `${from}${until !== undefined ? `-${until - 1}` : ''}`;
      // the lever's and its fields' names are the scenario file's (language-neutral); numbers and yes/no in the report's language
      const value = (v: unknown) => (typeof v === 'number' ? localNumbers(String(v), lang) : typeof v === 'boolean' ? t.leverBool(v) : String(v));
      const args = Object.entries(size)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => `${k} ${value(v)}`)
        .join(', ');
      // the estate by its index in the scenario's list and its name (with copies, every copy of it)
      const spec = estate === undefined ? undefined : sd.ensemble.scenario.estates[estate];
      const idle = flexibleNeverActed(sd.summary, p, lastYear(sd.ensemble.scenario)) ? t.leverNeverActed : madeText(sd, p, lang);
      return `${t.leverWhen(lever, when, estate, spec?.name)}${args ? `: ${args}` : ''}${idle}`;
    })
    .join('; ');
}

/**
 * For a largerFlats lever that made fewer flats than its `count` asked (too few pairs of
 * neighbouring small flats to merge, or the run ended first): how many it made, as the mean over
 * replications of `flatsMerged` or `flatsBuilt` in every estate; '' otherwise or when several such
 * levers share the count.
 */
function madeText(sd: ScenarioData, p: ScenarioData['ensemble']['scenario']['policies'][number], lang: Lang): string {
  if (p.lever !== 'largerFlats') return '';
  const same = sd.ensemble.scenario.policies.filter((q) => q.lever === 'largerFlats' && q.mode === p.mode);
  if (same.length !== 1) return '';
  const metric = p.mode === 'merge' ? 'flatsMerged' : 'flatsBuilt';
  const rows = estateRowMeans(sd.summary, metric);
  if (!rows) return '';
  const made = rows.flat().reduce((a, m) => a + m, 0);
  const asked = p.count * (p.estate === undefined ? rows.length : 1);
  return made < asked - 0.5 ? texts(lang).leverMade(localNumbers(made.toFixed(made < 10 ? 1 : 0), lang), asked) : '';
}

/** Differences shown in the appendix's table before "and N more". */
const CHANGED_SHOWN = 4;

/** A variant's changes from the baseline besides its levers: "career.otherAnnual 0.05 (baseline 0.025)"; "none" when there are none. */
function changedText(sd: ScenarioData, base: ScenarioData, lang: Lang): string {
  const t = texts(lang);
  const ds = modelDifferences(sd.ensemble.scenario, base.ensemble.scenario, { withLevers: false });
  if (!ds.length) return t.none;
  const value = (v: unknown) => (v === undefined ? '—' : localNumbers(typeof v === 'string' ? v : JSON.stringify(v), lang));
  const shown = ds.slice(0, CHANGED_SHOWN).map((d) => t.changed(d.path, value(d.a), value(d.b)));
  return [...shown, ...(ds.length > CHANGED_SHOWN ? [t.changedMore(ds.length - CHANGED_SHOWN)] : [])].join('; ');
}

/** An anchor's numbers as the report prints them. */
function anchorText(a: Anchor, lang: Lang): AnchorText {
  const L = (x: number, digits: number) => localNumbers(x.toFixed(digits).replace('-', '−'), lang);
  const pts = (d: number) => localNumbers(`${d >= 0 ? '+' : '−'}${Math.abs(100 * d).toFixed(1)}`, lang);
  return {
    estate: a.estate,
    attractiveness: L(a.attractiveness, 2),
    atLimit: atAttractivenessLimit(a.attractiveness),
    attachment: L(a.attachment, 2),
    familyShare: L(a.applicantFamilyShare, 2),
    strongFamilyShare: L(a.applicantStrongFamilyShare, 2),
    seniorShare: L(a.applicantSeniorShare, 2),
    couplesBoth: L(a.residentCouplesBothActive, 2),
    couplesFirst: L(a.residentCouplesFirstActive, 2),
    studentsYoung: L(a.residentStart.strongStudentShareUnder27!, 2),
    studentsOlder: L(a.residentStart.strongStudentShare27to59!, 2),
    driftBefore: pts(a.driftBefore.resourceStrongShare),
    driftAfter: pts(a.driftAfter.resourceStrongShare),
    years: ANCHOR_YEARS,
    converged: a.converged,
    trials: a.trials,
    together: a.together ?? [],
  };
}

function whatWasRun(results: Results, sds: ScenarioData[], lang: Lang): ReportSection {
  const t = texts(lang);
  const base = sds[0]!;
  const h = horizonOf(base);
  const seeds = base.ensemble.seeds;
  const sc = base.ensemble.scenario;
  const shownSeeds = seeds.length <= 12 ? seeds.join(', ') : `${seeds.slice(0, 10).join(', ')}, … (${t.allInManifest})`;
  const html = [
    `<p>${t.runWhat(sds.length, seeds.length, h.years, h.start, h.end - 1, sc.seed, escapeHtml(shownSeeds), sds.length > 1, escapeHtml(VERSION))}</p>`,
    `<p>${escapeHtml(t.runHow(h.start, h.end, h.years, base.row, base.summary.rows.length > 1))}</p>`,
    ...base.ensemble.anchors.map((a) => `<p>${escapeHtml(t.anchored(anchorText(a, lang)))}</p>`),
    ...(results.set?.length ? [`<p data-testid="set-options">${escapeHtml(t.setOptions(results.set.join(', '), !!results.comparison))}</p>`] : []),
  ].join('\n');
  const compared = !!results.comparison;
  return {
    id: 'what-was-run',
    heading: t.appendix,
    html,
    table: {
      columns: compared ? [...t.runColumns, t.changedColumn] : t.runColumns,
      rows: sds.map((sd, i) => {
        // a variant's description inherited from the baseline (`extends`) says nothing of the variant
        const description = i > 0 && sd.description === base.description ? '—' : sd.description || '—';
        const row = [sd.name, compared ? (i === 0 ? t.baseline : t.variantRole) : t.runRole, description, leversText(sd, lang)];
        return compared ? [...row, i === 0 ? '—' : changedText(sd, base, lang)] : row;
      }),
    },
    ...(t.runAsWritten ? { htmlAfter: `<p class="note" data-testid="run-as-written">${t.runAsWritten}</p>` } : {}),
  };
}

/**
 * The outcomes of the effects table in their groups (every metric is in effects.csv).
 * `convictionRatio` is left out: it is the same number as `crime` (list criterion 2).
 */
export const EFFECT_GROUPS = {
  composition: [...COMPOSITION],
  flows: ['moveOuts', 'outResourceStrongFamilies', 'outResourceStrongFamiliesShortStay', 'meanStayYears'],
  image: ['image', 'socialProblems', 'crime', 'outsideWorkShare18to64', 'basicEducationShare30to59', 'incomeRatio'],
} as const;

function effectsSection(results: Results, sds: ScenarioData[], lang: Lang): ReportSection | null {
  const c = results.comparison;
  if (!c) return null;
  const t = texts(lang);
  const h = horizonOf(sds[0]!);
  const L = (s: string) => localNumbers(s, lang);
  const rows: ReportRow[] = [];
  for (const [group, names] of Object.entries(EFFECT_GROUPS) as [keyof typeof EFFECT_GROUPS, readonly string[]][]) {
    rows.push({ heading: t.groups[group] });
    for (const name of names) {
      if (METRIC_INDEX[name] === undefined) continue;
      let first = true;
      for (const v of sds.slice(1)) {
        const e = c.effects.find((x) => x.variant === v.name && x.row === v.row && x.metric === name);
        if (!e) continue;
        const known = Number.isFinite(e.ciLow) && Number.isFinite(e.ciHigh);
        const clear = known && (e.ciLow > 0 || e.ciHigh < 0);
        const num = diffNumber(name);
        rows.push([
          // the outcome named once above its variants' rows; its code in the data files as a tooltip
          { text: first ? metricLabel(name, lang) : '', title: name },
          v.name,
          isPercent(name) ? t.pp : metricUnitIn(name, lang),
          L(fmtValue(name, e.baseline)),
          L(fmtValue(name, e.value)),
          L(num(e.difference)),
          known ? L(t.range(num(e.ciLow), num(e.ciHigh))) : t.na,
          // "clear" reads the interval beside it; the single runs' spread, the widest column, last
          known ? (clear ? t.yes : t.no) : t.na,
          L(
            fmtDiffBand(name, e)
              .replace('5-95%: ', '')
              .replace(' to ', ` ${t.range('', '').trim()} `),
          ),
        ]);
        first = false;
      }
    }
  }
  const cols = t.effectColumns;
  return {
    id: 'effects',
    heading: t.effects,
    html: `<p>${t.effectsIntro(escapeHtml(c.baseline), h.end)}</p>`,
    table: { columns: [cols[1]!, cols[0]!, ...cols.slice(2)], rows },
  };
}

/** The patterns a single scenario's outputs cannot show: each needs a paired experiment (src/analysis/patterns.ts). */
const PAIRED_PATTERNS = ['P5', 'P6'] as const;

/**
 * The Patterns section: each check against its target, in the report's language. In a
 * comparison the checks are the baseline's (`baseline`, named in the intro); P5 and P6, which
 * need paired experiments, are named as not checked when they are not among `checks`.
 */
function patternsSection(checks: PatternCheck[], lang: Lang, baseline?: string): ReportSection {
  const t = texts(lang);
  // Danish: decimal comma, and a (non-breaking) space before the per cent sign
  const local = (s: string) => (lang === 'da' ? localNumbers(s, lang).replace(/(\d) ?%/g, '$1\u00a0%') : s);
  const pp = (v: number) => `${v >= 0 ? '+' : '−'}${Math.abs(v * 100).toFixed(1)}`;
  const to = t.range('', '').trim();
  // a band only where there is one (2 or more replications): never "44% (44-44%)" from one run
  const show = (c: PatternCheck) => {
    const v = c.value;
    // nothing to measure (no move-outs in a tiny estate): not "NaN points"
    if (!Number.isFinite(v.mean)) return t.na;
    const banded = Number.isFinite(v.p5) && Number.isFinite(v.p95);
    const unit = t.patternUnits[c.unit] ?? c.unit;
    // P4's value is a distance (the largest of three), not a change: no sign
    const f = c.id === 'P4' ? (x: number) => Math.abs(x * 100).toFixed(1) : pp;
    if (c.unit === 'share points') return `${f(v.mean)} ${t.patternPoints}${banded ? ` (${f(v.p5)} ${to} ${f(v.p95)})` : ''}`;
    if (c.unit.startsWith('share') || c.unit === 'relative change') return `${shareBandText(v)} ${c.unit === 'share' ? '' : unit}`.trim();
    return `${v.mean.toFixed(2)}${banded ? ` (${v.p5.toFixed(2)} ${to} ${v.p95.toFixed(2)})` : ''} ${unit}`;
  };
  const ids = new Set(checks.map((c) => c.id));
  const missing = PAIRED_PATTERNS.filter((id) => !ids.has(id));
  const intro = t.patternsIntro(baseline === undefined ? undefined : escapeHtml(baseline));
  return {
    id: 'patterns',
    heading: t.patterns,
    html: `<p>${intro}${missing.length ? ` ${t.patternsNotChecked(missing)}` : ''}</p>`,
    table: {
      columns: [...t.patternColumns],
      rows: checks.map((c) => [
        `${c.id} ${local(patternText(c.id, 'title', c.title, lang))}`,
        local(patternText(c.id, 'target', c.target, lang)),
        local(show(c)),
        c.pass ? t.yes : t.no,
        c.detail ? local(patternText(c.id, 'detail', c.detail, lang)) : '',
      ]),
    },
  };
}

function chartSection(c: ChartDef, lang: Lang = 'en'): ReportSection {
  return {
    id: `section-${c.id}`,
    heading: c.heading,
    html: chartFilesHtml(c.id, lang),
    chart: { id: c.id, spec: c.spec, caption: c.caption },
  };
}

/** The report's links to the data files that exist in `dir` (manifest.json is written last). */
function links(dir: string, lang: Lang = 'en'): ReportLink[] {
  const words = texts(lang).links;
  const all: ReportLink[] = ['metrics.csv', 'moves.csv', 'effects.csv', 'summary.json'].map((href) => ({ href, label: words[href]! }));
  return [...all.filter((l) => existsSync(join(dir, l.href))), { href: 'manifest.json', label: words['manifest.json']! }];
}

/** The sections of a Schelling run's report, in its language: what was run (in steps), findings on the two shares, its charts. */
function schellingReportInput(results: Results, charts: ChartDef[], dir: string, lang: Lang): HtmlReportInput {
  const t = texts(lang);
  const w = t.schelling;
  const sds = scenarioData(results);
  const base = sds[0]!;
  const sc = base.ensemble.scenario;
  const seeds = base.ensemble.seeds;
  const steps = base.ensemble.replications[0]?.months ?? 0;
  const title = results.comparison
    ? t.comparisonTitle(
        base.name,
        sds.slice(1).map((s) => s.name),
      )
    : t.runTitle(base.name);
  const subtitle = w.subtitle(seeds.length, steps, sc.seed, VERSION);
  const rule = (s: NonNullable<typeof sc.schelling>) =>
    s.similarWanted !== undefined ? w.wantsShare(Math.round(s.similarWanted * 100)) : w.wantsCount(s.minSimilar);
  const what: ReportSection = {
    id: 'what-was-run',
    heading: w.whatHeading,
    html: `<p>${w.runWhat(sds.length, seeds.length, steps, sc.seed, escapeHtml(VERSION))}</p>`,
    table: {
      columns: [...w.columns],
      rows: sds.map((sd) => {
        const s = sd.ensemble.scenario.schelling!;
        return [
          sd.name,
          w.grid(s.width, s.height, s.periodic),
          w.households(s.agents, Math.round((100 * s.agents) / (s.width * s.height))),
          s.groups,
          w.radius(s.radius),
          rule(s),
        ];
      }),
    },
  };
  const sections: ReportSection[] = [
    what,
    {
      id: 'findings',
      heading: t.findings,
      html: `<p>${escapeHtml(w.findingsIntro)}</p>\n<ul>\n${schellingFindings(results, lang).join('\n')}\n</ul>`,
    },
    ...charts.map((c) => chartSection(c, lang)),
  ];
  return { title, subtitle, sections, links: links(dir, lang), lang, words: { contents: t.contents, files: t.files } };
}

/** The input of buildHtmlReport for these results and charts. */
export function reportInput(results: Results, charts: ChartDef[], dir: string, options: ReportOptions = {}): HtmlReportInput {
  const lang = options.lang ?? 'en';
  if (isSchellingRun(results)) return schellingReportInput(results, charts, dir, lang);
  const t = texts(lang);
  const sds = scenarioData(results);
  const base = sds[0]!;
  const h = horizonOf(base);
  const title = results.comparison
    ? t.comparisonTitle(
        base.name,
        sds.slice(1).map((s) => s.name),
      )
    : t.runTitle(base.name);
  const subtitle = t.subtitle(base.ensemble.seeds.length, h.years, h.start, h.end - 1, base.ensemble.scenario.seed, VERSION);
  // a sweep's dose-response chart (the first of extraCharts) answers its question: it leads
  const answer = answerSection(results, sds, charts, lang, options.extraCharts?.[0]?.id);
  const sections: ReportSection[] = [
    answer.section,
    {
      id: 'findings',
      heading: t.findings,
      html: `<p>${escapeHtml(t.findingsIntro)}</p>\n${findingsHtml(results, lang)}\n${termsHtml(lang)}`,
    },
    ...charts.filter((c) => c.id !== answer.chartId).map((c) => chartSection(c, lang)),
  ];
  const eff = effectsSection(results, sds, lang);
  if (eff) sections.push(eff);
  if (options.patterns) sections.push(patternsSection(options.patterns(results), lang, results.comparison ? base.name : undefined));
  sections.push(whatWasRun(results, sds, lang));
  return { title, subtitle, sections, links: links(dir, lang), lang, words: { contents: t.contents, files: t.files } };
}

/** The Danish terms the report uses, each explained once. */
function termsHtml(lang: Lang): string {
  const t = texts(lang);
  return `<h3>${escapeHtml(t.termsHeading)}</h3>\n<dl class="terms" data-testid="terms">${t.terms.map(([term, meaning]) => `<dt lang="da">${escapeHtml(term)}</dt><dd>${escapeHtml(meaning)}</dd>`).join('')}</dl>`;
}
