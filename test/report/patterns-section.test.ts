/**
 * The report's Patterns section (src/report/sections.ts) in both languages: every text of a
 * pattern row in Danish under `lang: 'da'` (the analysis writes them in English, i18n.ts
 * translates them), the baseline named in a comparison, and P5 and P6 named as not checked
 * with the command that checks them.
 */
import { reportResults } from '../helpers/ensemble.js';
import { spawnSync } from 'node:child_process';
import { describe, it, expect, beforeAll } from 'vitest';
import type { Results } from '../../src/output/pipeline.js';
import { type PatternResult, checkPatterns, imagePattern, lagPattern } from '../../src/analysis/patterns.js';
import { type PatternField, daPatternText, patternText } from '../../src/report/i18n.js';
import { type ReportOptions, reportInput } from '../../src/report/report.js';
import type { ReportSection } from '../../src/report/html.js';
import { presetNames } from '../../src/tools/calibrate.js';

const results = (files: string[], overrides?: { replications?: number; years?: number }): Promise<Results> => reportResults(files, overrides);

let single: Results;
let compared: Results;
/** Over 10 years: P7 counts the tenancies ended after year 10 (its other title and detail). */
let long: Results;

beforeAll(async () => {
  single = await results(['scenarios/default.yaml']);
  compared = await results(['scenarios/default.yaml', 'scenarios/levers/image-work.yaml', 'scenarios/levers/programme.yaml']);
  long = await results(['scenarios/default.yaml'], { replications: 2, years: 11 });
}, 120_000);

function patternsOf(r: Results, options: ReportOptions): ReportSection {
  const s = reportInput(r, [], '/nonexistent', options).sections.find((x) => x.id === 'patterns');
  expect(s).toBeDefined();
  return s!;
}

/** Every text the section shows: the intro, the columns and the cells. */
const shown = (s: ReportSection): string =>
  [s.html ?? '', ...s.table!.columns, ...s.table!.rows.flat().map((c) => (typeof c === 'object' && c ? JSON.stringify(c) : String(c)))].join('\n');

/** Every pattern the analysis can report: a run's own (P1-P4, P7; both kinds of P7) and the paired P5 and P6. */
function allPatterns(): PatternResult[] {
  const [base, image, programme] = compared.ensembles.map((e) => e.replications);
  return [...checkPatterns(single), ...checkPatterns(long), imagePattern(base!, image!), lagPattern(base!, programme!)];
}

describe('the Patterns section', () => {
  it('is Danish under lang da: intro, columns, every title, target, value and detail, yes/no', () => {
    const s = patternsOf(single, { patterns: checkPatterns, lang: 'da' });
    expect(s.heading).toBe('Mønstre');
    expect(s.html).toContain('De mønstre, modellen skal kunne genskabe, hvert beregnet ud fra denne kørsels resultater');
    expect(s.table!.columns).toEqual(['Mønster', 'Mål', 'Værdi (5-95 %-bootstrapbånd)', 'Inden for målet', 'Detaljer']);
    const rows = s.table!.rows as string[][];
    expect(rows.map((r) => r[0]!.split(' ')[0])).toEqual(['P1', 'P2', 'P3', 'P4', 'P7']);
    expect(rows[2]![0]).toBe('P3 Årlig fraflytningsrate');
    expect(rows[2]![1]).toBe('omkring 8-12\u00a0% af husstandene (LBF 2019: 10,4\u00a0%), accepteret op til 14\u00a0%');
    // P2's value in Danish share points with a decimal comma and "til" in its band
    expect(rows[1]![2]).toMatch(/^[+−]\d+,\d procentpoint \([+−]\d+,\d til [+−]\d+,\d\)$/);
    // as many decimals as the band needs to show two ends (shareBandText): "13 % (13-14 %)" or "12,6 % (12,4-12,8 %)"
    expect(rows[2]![2]).toMatch(/^\d+(,\d+)?\u00a0% \(\d+(,\d+)?-\d+(,\d+)?\u00a0%\) om året$/);
    for (const r of rows) expect(['ja', 'nej']).toContain(r[3]);
    // nothing English is left (words of the analysis' texts and of the old intro)
    const text = shown(s);
    for (const english of [
      'The patterns',
      'stayed',
      'of households',
      'points',
      'career',
      'partnership',
      'survey',
      'tenancies',
      'elevator exits',
      'per year',
      'yes',
      'Target',
      'Detail',
      'not checked',
    ]) {
      expect(text, english).not.toContain(english);
    }
    expect(text).not.toMatch(/\d to [+−\d]/);
  });

  it('has a Danish title, target and detail for every pattern P1-P7 the analysis writes', () => {
    for (const p of allPatterns()) {
      const fields: [PatternField, string | undefined][] = [
        ['title', p.title],
        ['target', p.target],
        ['detail', p.detail],
      ];
      for (const [field, english] of fields) {
        if (english === undefined) continue;
        const da = daPatternText(p.id, field, english);
        expect(da, `${p.id} ${field}: ${english}`).toBeDefined();
        expect(da).not.toBe(english);
      }
    }
    // both kinds of P7 were seen
    const p7 = allPatterns().filter((p) => p.id === 'P7');
    expect(p7.map((p) => daPatternText('P7', 'title', p.title))).toEqual([
      'Afsluttede lejemål, der varede 2-5 år (lejemål begyndt efter starten)',
      'Afsluttede lejemål, der varede 2-5 år (afsluttet efter år 10)',
    ]);
  });

  it('falls back to the English text for an unknown id or a text the Danish rules do not know', () => {
    expect(patternText('P9', 'title', 'A new pattern', 'da')).toBe('A new pattern');
    expect(patternText('P3', 'title', 'Yearly move-out rate, reworded', 'da')).toBe('Yearly move-out rate, reworded');
    expect(patternText('P3', 'title', 'Yearly move-out rate', 'en')).toBe('Yearly move-out rate');
    expect(patternText('P3', 'title', 'Yearly move-out rate', 'da')).toBe('Årlig fraflytningsrate');
  });

  it('in a comparison names the baseline the patterns are computed from, in both languages', () => {
    const en = patternsOf(compared, { patterns: checkPatterns });
    expect(en.html).toContain('each computed from the outputs of the baseline "default" (not of the variants)');
    expect(en.html).not.toContain("this run's outputs");
    const da = patternsOf(compared, { patterns: checkPatterns, lang: 'da' });
    expect(da.html).toContain('hvert beregnet ud fra resultaterne for grundscenariet "default" (ikke for varianterne)');
    // a run names no baseline
    expect(patternsOf(single, { patterns: checkPatterns }).html).toContain("each computed from this run's outputs and compared");
  });

  it('says that P5 and P6 are not checked, why, and which command checks them; not when the checker gives them', () => {
    const en = patternsOf(single, { patterns: checkPatterns }).html!;
    expect(en).toContain(
      'P5 and P6 are not checked in this report: each needs its own paired experiment, two scenarios run on the same seeds (P5: the estate with and without image work; P6: with and without a programme that lifts residents into work or education). <code>nabolag calibrate --presets --only average</code> runs these experiments',
    );
    const da = patternsOf(single, { patterns: checkPatterns, lang: 'da' }).html!;
    expect(da).toContain('Mønstrene P5 og P6 tjekkes ikke i denne rapport: hvert kræver sit eget parvise forsøg');
    expect(da).toContain('<code>nabolag calibrate --presets --only average</code> kører disse forsøg');
    // a checker that gives P5 (but not P6) leaves only P6 to name; one that gives both, neither
    const [base, image, programme] = compared.ensembles.map((e) => e.replications);
    const withP5 = patternsOf(compared, { patterns: (r) => [...checkPatterns(r), imagePattern(base!, image!)] }).html!;
    expect(withP5).toContain('P6 is not checked in this report: it needs a paired experiment');
    expect(withP5).not.toContain('P5 and');
    const daP5 = patternsOf(compared, { patterns: (r) => [...checkPatterns(r), imagePattern(base!, image!)], lang: 'da' }).html!;
    expect(daP5).toContain('Mønsteret P6 tjekkes ikke i denne rapport: det kræver et parvist forsøg');
    const both = patternsOf(compared, { patterns: (r) => [...checkPatterns(r), imagePattern(base!, image!), lagPattern(base!, programme!)] });
    expect(both.html).not.toContain('not checked');
    expect((both.table!.rows as string[][]).map((r) => r[0]!.split(' ')[0])).toEqual(['P1', 'P2', 'P3', 'P4', 'P7', 'P5', 'P6']);
  });

  it('the command it names exists: calibrate takes --presets and --only, and average is a preset', () => {
    const help = spawnSync(process.execPath, ['bin/nabolag.js', 'calibrate', '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/--presets +Check every preset's patterns \(P1-P7\)/);
    expect(help.stdout).toMatch(/--only +With --presets: only this preset/);
    expect(presetNames()).toContain('average');
  });
});
