/**
 * The report of a Schelling scenario in the report's language: under `lang: 'da'` every word a
 * reader sees is Danish (title, headings, what was run, findings, chart titles, axes, legends,
 * tooltips, captions, the files list, and the chart images); under English (the default) its key
 * sentences are the ones it has always written.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Results } from '../../src/output/pipeline.js';
import { alignForComparison, resolve } from '../../src/output/pipeline.js';
import { runEnsemble } from '../../src/engine/ensemble.js';
import { summarize } from '../../src/analysis/summary.js';
import { compareEnsembles } from '../../src/analysis/compare.js';
import type { Scenario } from '../../src/scenario/schema.js';
import { loadScenario } from '../../src/scenario/load.js';
import { type ReportOptions, reportInput, writeChartsAndReport } from '../../src/report/report.js';
import { schellingCharts } from '../../src/report/schelling.js';
import { compileSpec } from '../../src/report/render.js';
import type { Lang } from '../../src/report/i18n.js';

async function results(scs: Scenario[]): Promise<Results> {
  const ensembles = [];
  for (const sc of scs) ensembles.push(await runEnsemble(sc, { workers: 1 }));
  if (ensembles.length === 1) return { ensembles, summary: summarize(scs[0]!.name, scs[0]!.startYear, ensembles[0]!.replications) };
  const comparison = compareEnsembles(ensembles[0]!, ensembles.slice(1));
  return { ensembles, summary: comparison.summaries[scs[0]!.name]!, comparison };
}

const load = (file: string, replications: number) => resolve(loadScenario(file), { replications }, file);

/** NetLogo's own labels of its monitors, quoted as NetLogo writes them (a Danish teacher sees them in NetLogo). */
const NETLOGO_LABELS = ['"% similar"', '"% unhappy"'];

/** English words of the Schelling report's texts (none of them a Danish word). */
const ENGLISH =
  /\b(the|of|and|with|what|was|run|findings|generated|means?|replications?|steps?|households?|neighbou?rs?|neighbourhood|similar|unhappy|alike|wants?|wanting|settled|group|groups|empty|grid|cells?|wraps|around|scenarios?|share|percentile|left|right|slider|move|every|seed|made|files|contents|report|comparison|against|segregation|metric|row|per)\b/i;

let classic: Results;
let minSimilar: Results;
let compared: Results;
const tmp = mkdtempSync(join(tmpdir(), 'nabolag-schelling-lang-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

beforeAll(async () => {
  const base = load('scenarios/schelling/classic.yaml', 3);
  classic = await results([base]);
  // abmfc-small: a number of alike neighbours (minSimilar), no wrapping around
  minSimilar = await results([load('scenarios/schelling/abmfc-small.yaml', 2)]);
  const half = { ...base, name: 'half', schelling: { ...base.schelling!, similarWanted: 0.5 } };
  compared = await results([base, ...alignForComparison(base, [{ scenario: half, file: 'half' }])]);
}, 120_000);

/** Every string of a chart spec a reader can see: titles, subtitles, axis, legend and tooltip titles, labels, the slider's name, the caption. */
function specTexts(spec: unknown): string[] {
  const out: string[] = [];
  const walk = (o: unknown, key: string) => {
    if (typeof o === 'string') {
      if (['title', 'text', 'subtitle', 'description', 'name', 'expr', 'calculate', 'domain', 'sort', 'share', 'who'].includes(key)) out.push(o);
    } else if (Array.isArray(o)) for (const v of o) walk(v, key);
    else if (o && typeof o === 'object') for (const [k, v] of Object.entries(o)) walk(v, k === 'values' ? 'values' : k);
  };
  walk(spec, '');
  // the panels' names are data: the `share` of each row
  return out.filter((s) => s !== 'gridStep');
}

/** Every text of the report input and of its charts, as a reader meets them. */
function everyText(r: Results, lang: Lang): string {
  const charts = schellingCharts(r, lang);
  const options: ReportOptions = { lang };
  const input = reportInput(r, charts, tmp, options);
  return [
    input.title,
    input.subtitle ?? '',
    input.words?.contents ?? 'Contents',
    input.words?.files ?? 'Files',
    ...(input.links ?? []).map((l) => l.label),
    ...input.sections.flatMap((s) => [
      s.heading,
      s.html ?? '',
      s.htmlAfter ?? '',
      ...(s.table?.columns ?? []),
      ...(s.table?.rows ?? []).flatMap((row) => (Array.isArray(row) ? row.map(String) : [row.heading])),
      s.chart?.caption ?? '',
    ]),
    ...charts.flatMap((c) => [c.heading, c.caption, ...specTexts(c.spec)]),
  ].join('\n');
}

/** The text with HTML tags, scenario names, file names and NetLogo's labels taken out. */
const words = (text: string): string => {
  let t = text
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/schelling-(classic|abmfc-small)/g, ' ')
    .replace(/\b[\w-]+\.(csv|json)\b/g, ' ')
    .replace(/Vega-Lite|PNG|SVG/g, ' ');
  for (const l of NETLOGO_LABELS) t = t.split(l).join(' ');
  return t;
};

describe('the Schelling report', () => {
  it("a comparison's charts compile in strict mode, with one legend for the scenarios (the band's and the line's)", async () => {
    for (const lang of ['en', 'da'] as const)
      for (const def of schellingCharts(compared, lang)) await expect(compileSpec(def.spec, { name: def.id, strict: true })).resolves.toBeDefined();
  });

  it('is Danish under lang da: title, headings, what was run, findings, charts, files', () => {
    for (const r of [classic, minSimilar, compared]) {
      const text = words(everyText(r, 'da'));
      const english = text.split('\n').filter((line) => ENGLISH.test(line));
      expect(english, 'lines with English words').toEqual([]);
    }
    const input = reportInput(classic, schellingCharts(classic, 'da'), tmp, { lang: 'da' });
    expect(input.lang).toBe('da');
    expect(input.title).toBe('nabolag rapport: schelling-classic');
    expect(input.subtitle).toMatch(/^Schellings segregationsmodel · 3 gentagelser × 24 skridt, basisfrø 1, nabolag /);
    expect(input.sections.map((s) => s.heading)).toEqual([
      'Hvad der blev kørt',
      'Resultater',
      'Naboer i samme gruppe og utilfredse husstande',
      'Gitteret skridt for skridt',
    ]);
    const [what, findings] = input.sections;
    expect(what!.table!.rows[0]).toEqual([
      'schelling-classic',
      '50 × 50, kanterne hænger sammen',
      '2.000 (80\u00a0% af felterne)',
      2,
      'radius 1',
      'vil have mindst 30\u00a0% af sine naboer i samme gruppe',
    ]);
    expect(findings!.html).toMatch(
      /schelling-classic: husstande, der vil have mindst 30\u00a0% af deres naboer i samme gruppe, gik fra \d+\u00a0% naboer i samme gruppe ved starten til \d+\u00a0% efter 24 skridt \(5-95\u00a0%: \d+-\d+\u00a0%\); utilfredse husstande fra \d+\u00a0% til \d+\u00a0%\. (Alle gentagelser var faldet til ro|Ikke alle gentagelser faldt til ro)/,
    );
    const small = reportInput(minSimilar, [], tmp, { lang: 'da' });
    expect((small.sections[0]!.table!.rows[0] as string[])[5]).toBe('vil have mindst 3 naboer i samme gruppe');
    expect(reportInput(compared, [], tmp, { lang: 'da' }).title).toBe('nabolag sammenligning: schelling-classic mod half');
  });

  it('written with lang da: report.html and the chart images carry no English words, the numbers a decimal comma', async () => {
    const dir = join(tmp, 'da');
    await writeChartsAndReport(dir, classic, { lang: 'da' });
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html.slice(0, 200)).toContain('<html lang="da">');
    const page = html
      .replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, ' ')
      .replace(/<style\b[^>]*>[\s\S]*?<\/style>/g, ' ')
      .split(/<[^>]+>/)
      .join('\n');
    for (const line of words(page).split('\n')) expect(line).not.toMatch(ENGLISH);
    for (const id of ['schelling-shares', 'schelling-grid']) {
      const svg = readFileSync(join(dir, 'charts', `${id}.svg`), 'utf8');
      const shown = [...svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);
      expect(shown.length, id).toBeGreaterThan(3);
      for (const t of shown) expect(t, id).not.toMatch(ENGLISH);
      const spec = JSON.parse(readFileSync(join(dir, 'charts', `${id}.vl.json`), 'utf8'));
      expect(spec.config.locale.number.decimal, id).toBe(',');
    }
  });

  it('is unchanged in English (the default and lang en): its key sentences', () => {
    for (const options of [{}, { lang: 'en' as const }]) {
      const charts = schellingCharts(classic, options.lang);
      const input = reportInput(classic, charts, tmp, options);
      expect(input.title).toBe('nabolag report: schelling-classic');
      expect(input.subtitle).toMatch(/^Schelling's segregation model · 3 replications × 24 steps, base seed 1, nabolag /);
      expect(input.sections.map((s) => s.heading)).toEqual(['What was run', 'Findings', 'Similar neighbours and unhappy households', 'The grid by step']);
      const [what, findings, shares, grid] = input.sections;
      expect(what!.html).toMatch(
        /^<p>1 scenario with 3 replications of 24 steps, base seed 1\. In each step every household, in a new random order, moves to a random empty cell if it has fewer neighbours of its own group than it wants\. Made with nabolag /,
      );
      expect(what!.table!.columns).toEqual(['Scenario', 'Grid', 'Households', 'Groups', 'Neighbourhood', 'Each household']);
      expect(what!.table!.rows[0]).toEqual([
        'schelling-classic',
        '50 × 50, wraps around',
        '2000 (80% of cells)',
        2,
        'radius 1',
        'wants at least 30% of its neighbours alike',
      ]);
      expect(findings!.html).toMatch(
        /^<p>Generated from the numbers: means over replications\.<\/p>\n<ul>\n<li>schelling-classic: households wanting at least 30% of their neighbours alike went from \d+% similar neighbours at the start to \d+% after 24 steps \(5-95%: \d+%-\d+%\); unhappy households from \d+% to \d+%\. (Every replication had settled \(no unhappy household left\) by step \d+\.|Not every replication settled within 24 steps: households kept moving\.)<\/li>\n<\/ul>$/,
      );
      expect(shares!.html).toBe(
        '<p class="chart-files">Files: <a href="charts/schelling-shares.png">PNG</a> · <a href="charts/schelling-shares.svg">SVG</a> · <a href="charts/schelling-shares.vl.json">Vega-Lite</a></p>',
      );
      expect(shares!.chart!.caption).toBe(
        'Left: the share of neighbours who belong to the same group, over all households (NetLogo\'s "% similar"). Right: the share of households who have fewer alike neighbours than they want and so move at the next step ("% unhappy"). Step 0 is the random start. Line: mean over replications; band: 5th to 95th percentile.',
      );
      expect(grid!.chart!.caption).toBe(
        'The grid of the first replication (replication 0), one square per household coloured by its group (colour-blind-safe colours), empty cells blank (#f0f0f0 in the studio). Move the step slider (0-24) to watch the households sort themselves; the static image shows step 24.',
      );
      const s = JSON.parse(JSON.stringify(shares!.chart!.spec));
      expect(s.title).toEqual({ text: 'Similar neighbours and unhappy households by step', subtitle: '3 replications' });
      expect(s.config.locale).toBeUndefined();
      expect(s.spec.layer[1].encoding.x.title).toBe('Step (one sweep over all households; one month)');
      expect(s.spec.layer[1].encoding.tooltip.map((t: { title: string }) => t.title)).toEqual([
        'Scenario',
        'Step',
        'Mean',
        '5th percentile',
        '95th percentile',
      ]);
      const g = JSON.parse(JSON.stringify(grid!.chart!.spec));
      expect(g.title).toEqual({ text: { expr: "'The grid at step ' + gridStep" }, subtitle: 'Replication 0 · move the slider to change the step' });
      expect(g.params[0].bind.name).toBe('Step ');
      expect(g.vconcat[0].title.text).toBe('schelling-classic (replication 0)');
      expect(g.vconcat[0].encoding.color.scale.domain).toEqual(['group 1', 'group 2']);
      expect(input.links!.map((l) => l.label)).toContain('manifest.json — version, scenarios as resolved, seeds (enough to reproduce the run)');
    }
    const small = reportInput(minSimilar, [], tmp, {});
    expect((small.sections[0]!.table!.rows[0] as string[])[5]).toBe('wants at least 3 alike neighbours');
    expect(reportInput(compared, [], tmp, {}).title).toBe('nabolag comparison: schelling-classic against half');
  });
});
