/**
 * The sections of the report: what was run, the findings, one section per chart, the effects
 * table of a comparison and, when a checker is passed, the patterns; and the links to the data
 * files. {@link reportInput} assembles them into the input of buildHtmlReport.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type PatternResult, shareBandText } from '../analysis/patterns.js';
import type { Results } from '../output/pipeline.js';
import { METRIC_INDEX } from '../model/reporters.js';
import { VERSION } from '../version.js';
import { AREA_LEVELS, COMPOSITION, type ChartDef, LIST_CRITERIA, type ScenarioData, isPercent, metricUnit, scenarioData } from './charts/index.js';
import { findingsHtml, horizonOf } from './findings.js';
import { diffNumber, fmtCi, fmtDiffBand, fmtValue } from './format.js';
import { type HtmlReportInput, type ReportLink, type ReportSection, escapeHtml } from './html.js';
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
}

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
  // a band only where there is one (2 or more replications): never "44% (44-44%)" from one run
  const show = (c: PatternCheck) => {
    const v = c.value;
    const banded = Number.isFinite(v.p5) && Number.isFinite(v.p95);
    if (c.unit === 'share points') return `${pp(v.mean)} points${banded ? ` (${pp(v.p5)} to ${pp(v.p95)})` : ''}`;
    if (c.unit.startsWith('share') || c.unit === 'relative change')
      return `${shareBandText(v)} ${c.unit === 'share' ? '' : c.unit.replace(/^share ?/, '')}`.trim();
    return `${v.mean.toFixed(2)}${banded ? ` (${v.p5.toFixed(2)} to ${v.p95.toFixed(2)})` : ''} ${c.unit}`;
  };
  return {
    id: 'patterns',
    heading: 'Patterns',
    html: `<p>The patterns the model should reproduce, each computed from this run's outputs and compared with its target. The value is the one checked against the target (a mean over replications, or a share pooled over them); in brackets, the 5-95% band of that value over bootstrap resamples of the replications (none with a single replication).</p>`,
    table: {
      columns: ['Pattern', 'Target', 'Value (5-95% bootstrap band)', 'Within target', 'Detail'],
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

/** The sections of a Schelling run's report: what was run (in steps), findings on the two shares, its charts. */
function schellingReportInput(results: Results, charts: ChartDef[], dir: string): HtmlReportInput {
  const sds = scenarioData(results);
  const base = sds[0]!;
  const sc = base.ensemble.scenario;
  const g = sc.schelling!;
  const seeds = base.ensemble.seeds;
  const steps = base.ensemble.replications[0]?.months ?? 0;
  const title = results.comparison
    ? `nabolag comparison: ${base.name} against ${sds
        .slice(1)
        .map((s) => s.name)
        .join(', ')}`
    : `nabolag report: ${base.name}`;
  const subtitle = `Schelling's segregation model · ${seeds.length} replications × ${steps} steps, base seed ${sc.seed}, nabolag ${VERSION}`;
  const rule = (s: typeof g) =>
    s.similarWanted !== undefined
      ? `wants at least ${Math.round(s.similarWanted * 100)}% of its neighbours alike`
      : `wants at least ${s.minSimilar} alike neighbours`;
  const what: ReportSection = {
    id: 'what-was-run',
    heading: 'What was run',
    html: `<p>${sds.length > 1 ? `${sds.length} scenarios, each` : '1 scenario'} with ${seeds.length} replication${seeds.length === 1 ? '' : 's'} of ${steps} steps, base seed ${sc.seed}. In each step every household, in a new random order, moves to a random empty cell if it has fewer neighbours of its own group than it wants. Made with nabolag ${escapeHtml(VERSION)}.</p>`,
    table: {
      columns: ['Scenario', 'Grid', 'Households', 'Groups', 'Neighbourhood', 'Each household'],
      rows: sds.map((sd) => {
        const s = sd.ensemble.scenario.schelling!;
        return [
          sd.name,
          `${s.width} × ${s.height}${s.periodic ? ', wraps around' : ''}`,
          `${s.agents} (${Math.round((100 * s.agents) / (s.width * s.height))}% of cells)`,
          s.groups,
          `radius ${s.radius}`,
          rule(s),
        ];
      }),
    },
  };
  const sections: ReportSection[] = [
    what,
    {
      id: 'findings',
      heading: 'Findings',
      html: `<p>Generated from the numbers: means over replications.</p>\n<ul>\n${schellingFindings(results).join('\n')}\n</ul>`,
    },
    ...charts.map(chartSection),
  ];
  return { title, subtitle, sections, links: links(dir) };
}

/** The input of buildHtmlReport for these results and charts. */
export function reportInput(results: Results, charts: ChartDef[], dir: string, options: ReportOptions = {}): HtmlReportInput {
  if (isSchellingRun(results)) return schellingReportInput(results, charts, dir);
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
