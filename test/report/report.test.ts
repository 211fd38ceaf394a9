/**
 * writeChartsAndReport (src/report/report.ts): the files it writes, the report's content
 * (what was run, findings from the numbers, links to the files present, the patterns
 * extension point) and byte-identical output for the same results.
 */
import { reportResults } from '../helpers/ensemble.js';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Results } from '../../src/output/pipeline.js';
import { VERSION } from '../../src/version.js';
import { buildCharts } from '../../src/report/charts/index.js';
import { findingGroups, findings, fmtBand, fmtDiff, writeChartsAndReport } from '../../src/report/report.js';
import { displacedNote, headlines } from '../../src/report/headline.js';
import { answerSection } from '../../src/report/answer.js';
import { scenarioData } from '../../src/report/charts/index.js';

const results = (files: string[]): Promise<Results> => reportResults(files);

let single: Results;
let compared: Results;
let tmp = '';

beforeAll(async () => {
  single = await results(['scenarios/default.yaml']);
  compared = await results(['scenarios/default.yaml', 'scenarios/packages/allocation-and-image.yaml', 'scenarios/packages/programme.yaml']);
  tmp = mkdtempSync(join(tmpdir(), 'nabolag-report-'));
}, 120_000);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** A fresh output folder with the data files a run has written before the report. */
function outDir(name: string, files: string[]): string {
  const dir = join(tmp, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const f of files) writeFileSync(join(dir, f), 'x\n');
  return dir;
}

const listFiles = (dir: string): string[] =>
  [...readdirSync(dir).filter((f) => f !== 'charts'), ...readdirSync(join(dir, 'charts')).map((f) => `charts/${f}`)].sort();

describe('writeChartsAndReport', () => {
  it('writes .vl.json, .svg and .png for every chart and report.html, and returns their relative names', async () => {
    const dir = outDir('files', ['metrics.csv', 'moves.csv', 'summary.json']);
    const written = await writeChartsAndReport(dir, compared);
    const charts = buildCharts(compared);
    expect(written).toEqual([...charts.flatMap((c) => ['vl.json', 'svg', 'png'].map((e) => `charts/${c.id}.${e}`)), 'report.html']);
    expect(listFiles(dir)).toEqual([...written, 'metrics.csv', 'moves.csv', 'summary.json'].sort());
    const spec = JSON.parse(readFileSync(join(dir, 'charts/flows.vl.json'), 'utf8'));
    expect(spec.$schema).toMatch(/vega-lite\/v6\.json$/);
  }, 120_000);

  it('is deterministic: the same results give byte-identical files', async () => {
    const a = outDir('det-a', ['metrics.csv']);
    const b = outDir('det-b', ['metrics.csv']);
    const wa = await writeChartsAndReport(a, single);
    const wb = await writeChartsAndReport(b, single);
    expect(wb).toEqual(wa);
    for (const f of wa) expect(readFileSync(join(b, f)).equals(readFileSync(join(a, f))), f).toBe(true);
    const html = readFileSync(join(a, 'report.html'), 'utf8');
    expect(html).not.toContain(new Date().toISOString().slice(0, 10));
  }, 120_000);

  it('report.html says what was run, lists findings, shows every chart and links the files that exist', async () => {
    const dir = outDir('content', ['metrics.csv', 'summary.json']);
    await writeChartsAndReport(dir, compared);
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    for (const sc of compared.ensembles.map((e) => e.scenario)) {
      expect(html).toContain(`<td>${sc.name}</td>`);
      expect(html).toContain(sc.description.replace(/"/g, '&quot;').replace(/'/g, '&#39;'));
    }
    expect(html).toContain(`nabolag ${VERSION}`);
    expect(html).toContain('3 replications × 3 years (2026-2028)');
    for (const s of compared.ensembles[0]!.seeds) expect(html).toContain(String(s));
    expect(html).toContain('municipalAllocation from 2027: share 0.1');
    for (const c of buildCharts(compared)) {
      expect(html).toContain(`<div id="${c.id}" class="chart"`);
      expect(html).toContain(`href="charts/${c.id}.png"`);
    }
    expect(html).toContain('id="effects"');
    expect(html).toContain('paired difference of');
    // links only to files present (moves.csv and effects.csv were not written here), and the manifest
    expect(html).toContain('href="metrics.csv"');
    expect(html).toContain('href="summary.json"');
    expect(html).toContain('href="manifest.json"');
    expect(html).not.toContain('href="moves.csv"');
    // no Patterns section without a checker (the extension point)
    expect(html).not.toContain('id="patterns"');
  }, 120_000);

  it('the patterns extension point adds a Patterns section when a checker is given', async () => {
    const dir = outDir('patterns', []);
    await writeChartsAndReport(dir, single, {
      patterns: () => [{ id: 'P1', title: 'Short stays', target: '40-60%', value: { mean: 0.5, p5: 0.45, p95: 0.55 }, unit: 'share', pass: true }],
    });
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).toContain('id="patterns"');
    expect(html).toContain('<td>P1 Short stays</td>');
    expect(html).toContain('<td>50% (45-55%)</td>');
    expect(existsSync(join(dir, 'charts', 'estate-map.svg'))).toBe(true);
  }, 120_000);
});

describe('findings', () => {
  it('a run: start against the horizon with bands, list status, criteria, elevator, stays', () => {
    const f = findings(single);
    expect(f[0]).toMatch(
      /^The share of residents aged 22-59 who are resource-strong (rises|falls|stays at about) (from )?\d+% \(\d+-\d+%\) on 1 January 2026 (to|and) \d+% \(\d+-\d+%\) by 2029(, a change within the spread between replications)?\.$/,
    );
    expect(f.some((s) => /^By 2029 the estate is (on no list|listed as|.* in \d+)/.test(s))).toBe(true);
    expect(f.some((s) => s.includes('of the four list criteria'))).toBe(true);
    // the criteria's sentence says that the model's outside-work share is broader than the law's count
    expect(f.find((s) => s.includes('of the four list criteria'))).toMatch(/criterion 1 is met more easily than in reality/);
    expect(f.some((s) => s.includes('of the households moving in were resource-strong'))).toBe(true);
    expect(f.some((s) => s.includes("2 years or less — the report's mark"))).toBe(true);
  });

  it('a comparison: each variant against the baseline at the horizon, with the paired difference', () => {
    const groups = findingGroups(compared);
    expect(groups.map((g) => g.heading)).toEqual(['allocation-and-image against default', 'programme against default', 'Across the scenarios']);
    const e = compared.comparison!.effects.find((x) => x.variant === 'programme' && x.metric === 'resourceStrongShare')!;
    const s = groups[1]!.items[0]!;
    expect(s).toContain(
      `By 2029 the share of residents aged 22-59 who are resource-strong is ${fmtBand('resourceStrongShare', compared.comparison!.summaries.programme!.metrics.average!.resourceStrongShare!.byYear[2]!)} with programme`,
    );
    expect(s).toContain(`a paired difference of ${fmtDiff('resourceStrongShare', e)}`);
    expect(s).toMatch(/(a clear effect|not a clear effect)/);
  });

  it('a demolition: how many households it displaced and how many the estate rehoused (one estate: not "the region"), said once for the variant that demolishes', async () => {
    const demolished = await results(['scenarios/default.yaml', 'scenarios/levers/demolition.yaml']);
    const groups = findingGroups(demolished);
    const row = demolished.comparison!.summaries.demolition!.metrics.average!;
    const sum = (name: string) => row[name]!.byYear.reduce((a, b) => a + b.mean, 0);
    const displaced = sum('exitsDemolition');
    const rehoused = Math.min(displaced, sum('relocated'));
    expect(displaced).toBeGreaterThan(100);
    const said = groups[0]!.items.filter((x) => x.includes('demolition displaced'));
    expect(said).toEqual([
      `With demolition, demolition displaced ${Math.round(displaced)} households by 2029 (mean per replication), and ${Math.round(rehoused)} (${Math.round((100 * rehoused) / displaced)}%) of them were rehoused in the estate's own vacancies${displaced - rehoused >= 0.5 ? ": the others left the estate, so part of the change in the composition is who left, not a change in anyone's situation" : ''} (how many are rehoused is an assumption of the model: docs/ODD.md).`,
    ]);
    // the baseline demolishes nothing: nothing about it across the scenarios, nor in a run without demolition
    expect(groups[1]!.items.some((x) => x.includes('displaced'))).toBe(false);
    expect(findings(single).some((x) => x.includes('displaced'))).toBe(false);
    expect(findings(demolished, 'da').filter((x) => /måtte [\d.]+ husstande flytte på grund af nedrivning/.test(x))).toHaveLength(1);
    // the console's answer line and the report's first screen say it beside the effect, and only for the variant that demolishes
    const lines = headlines(demolished.comparison!, Object.fromEntries(demolished.ensembles.map((e) => [e.scenario.name, e.scenario])), 2029).split('\n');
    expect(lines[0]).toMatch(
      /^ {2}demolition: .* — [a-z ]+; its demolition displaced \d+ households, (of whom \d+ were rehoused in the estate and the rest left: part of the change is who left|all rehoused in the estate)$/,
    );
    expect(lines[0]).toContain(`displaced ${Math.round(displaced)} households`);
    expect(headlines(compared.comparison!, Object.fromEntries(compared.ensembles.map((e) => [e.scenario.name, e.scenario])), 2029)).not.toContain('displaced');
  }, 120_000);

  it('a demolition in a region rehouses "in the region", in one estate "in the estate", in both languages', () => {
    expect(displacedNote({ displaced: 200, rehoused: 70, region: true })).toBe(
      '; its demolition displaced 200 households, of whom 70 were rehoused in the region and the rest left: part of the change is who left',
    );
    expect(displacedNote({ displaced: 200, rehoused: 70, region: false })).toContain('of whom 70 were rehoused in the estate and the rest left');
    expect(displacedNote({ displaced: 200, rehoused: 200, region: false })).toBe('; its demolition displaced 200 households, all rehoused in the estate');
    expect(displacedNote({ displaced: 200, rehoused: 70, region: false }, 'da')).toContain('hvoraf 70 blev genhuset i afdelingen');
    expect(displacedNote({ displaced: 200, rehoused: 70, region: true }, 'da')).toContain('hvoraf 70 blev genhuset i regionen');
  });

  it('a region: the list status and criteria estate by estate, never of the sum row, which no law classifies', async () => {
    // the shipped region's two estates, unanchored (the sentences do not depend on the anchor; solving it takes half a minute)
    const dir = mkdtempSync(join(tmpdir(), 'nabolag-region-'));
    const estate = (name: string, share: number) =>
      `  - name: ${name}\n    anchor: false\n    flats: 1000\n    population:\n      resourceStrongShare: ${share}\n`;
    const base = `extends: ${join(process.cwd(), 'scenarios/default.yaml')}\nname: region-baseline\nestates:\n${estate('A', 0.4)}${estate('B', 0.6)}`;
    writeFileSync(join(dir, 'base.yaml'), base);
    writeFileSync(
      join(dir, 'dem.yaml'),
      `extends: base.yaml\nname: demolition\npolicies:\n  - lever: demolition\n    from: 2028\n    estate: 0\n    flats: 200\n`,
    );
    const region = await results([join(dir, 'base.yaml'), join(dir, 'dem.yaml')]).finally(() => rmSync(dir, { recursive: true, force: true }));
    const names = region.comparison!.summaries['region-baseline']!.rows;
    expect(names).toEqual(['A', 'B', 'region']);
    const groups = findingGroups(region);
    const across = groups[groups.length - 1]!.items;
    const all = groups.flatMap((g) => g.items);
    expect(all.some((s) => s.includes('the estate is'))).toBe(false);
    // the status: every estate named, in the order of the rows
    const status = all.filter((s) => /^By 2029,? (with demolition, )?A is /.test(s));
    expect(status.length).toBeGreaterThan(0);
    for (const s of status) expect(s).toMatch(/A is (on no list|listed as|.* in \d+).*; B is (on no list|listed as|.* in \d+)/);
    const criteria = across.filter((s) => s.startsWith("By 2029 each estate's mean values in region-baseline meet"));
    expect(criteria).toHaveLength(1);
    expect(criteria[0]).toMatch(/: A \d( \(.*\))?; B \d( \(.*\))?\.$/);
    // one estate read by itself still gets the single-estate sentences
    expect(findings(single).some((s) => s.includes("each estate's"))).toBe(false);
    const da = findingGroups(region, 'da').flatMap((g) => g.items);
    expect(da.some((s) => /^Listestatus i 2029.*: A er .*; B er /.test(s))).toBe(true);
    expect(da.some((s) => s.includes('regionen klassificeres afdeling for afdeling'))).toBe(true);
    // the list charts draw each estate, not the sum row
    const charts = buildCharts(region);
    for (const id of ['list-criteria', 'list-status']) {
      const chart = charts.find((c) => c.id === id)!;
      const text = JSON.stringify(chart.spec);
      for (const series of ['region-baseline: A', 'region-baseline: B', 'demolition: A', 'demolition: B'])
        expect(text, `${id} ${series}`).toContain(`"${series}"`);
      expect(text).not.toContain('"scenario":"region-baseline"');
      expect(chart.caption).toContain('each estate is a line of its own');
    }
    // the answer reads the region's sum row, and says so, on the console and on the first screen
    const lines = headlines(region.comparison!, Object.fromEntries(region.ensembles.map((e) => [e.scenario.name, e.scenario])), 2029);
    expect(lines).toMatch(/^ {2}demolition: .* — [^;]*? \(the region: its estates together\)/m);
    const sds = scenarioData(region);
    const first = answerSection(region, sds, [], 'en').section.html ?? '';
    expect(first).toContain('(the region: its estates together)');
    expect(answerSection(region, sds, [], 'da').section.html ?? '').toContain('(regionen: dens afdelinger samlet)');
    // a single estate: drawn by scenario, nothing said about regions
    const one = buildCharts(single).find((c) => c.id === 'list-status')!;
    expect(one.caption).not.toContain('region');
  }, 120_000);

  it('in Danish, no chart keeps the English legend title "Scenario"', () => {
    for (const chart of buildCharts(compared, 'da')) expect(JSON.stringify(chart.spec), chart.id).not.toContain('"title":"Scenario"');
  });

  it('formats values in their unit', () => {
    expect(fmtBand('resourceStrongShare', { mean: 0.471, p5: 0.44, p95: 0.502 })).toBe('47% (44-50%)');
    expect(fmtBand('familiesWithChildren', { mean: 1234.4, p5: 1200, p95: 1260.6 })).toBe('1,234 (1,200-1,261)');
    expect(fmtDiff('resourceStrongShare', { difference: 0.06, p5: 0.041, p95: 0.079 })).toBe('+6.0 percentage points');
    expect(fmtDiff('familiesWithChildren', { difference: -2.04, p5: -5, p95: 1 })).toBe('−2.0 households');
    expect(fmtDiff('familiesWithChildren', { difference: 25.2, p5: 8.7, p95: 43 })).toBe('+25 households');
  });
});

describe('an estate whose in-movers are almost never resource-strong', () => {
  it('is told in the findings that levers acting through who moves in have little to work with; the default estate is not', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nabolag-weak-'));
    const file = join(dir, 'weak.yaml');
    writeFileSync(file, 'name: weak\nestates:\n  - name: weak\n    flats: 1200\n    population: { resourceStrongShare: 0.3, nonWesternShare: 0.55 }\n');
    const weak = await reportResults([file], { replications: 2, years: 3 });
    const text = findings(weak, 'en').join('\n');
    expect(text).toMatch(/So few of those moving in are resource-strong/);
    const base = await reportResults(['scenarios/default.yaml'], { replications: 2, years: 3 });
    expect(findings(base, 'en').join('\n')).not.toMatch(/So few of those moving in/);
    rmSync(dir, { recursive: true, force: true });
  }, 180_000);
});

describe('a difference that rounds to zero', () => {
  it('is written without a sign, not as −0.0 or +0.0', () => {
    expect(fmtDiff('resourceStrongShare', { difference: -0.0001, p5: 0, p95: 0 })).toBe('0.0 percentage points');
    expect(fmtDiff('resourceStrongShare', { difference: 0.0002, p5: 0, p95: 0 })).toBe('0.0 percentage points');
    expect(fmtDiff('resourceStrongShare', { difference: -0.0006, p5: 0, p95: 0 })).toBe('−0.1 percentage points');
  });
});
