/**
 * The report's "What was run" table (src/report/sections.ts): each scenario's levers in one cell,
 * the lever's and its fields' names as the scenario file writes them, the words around them and
 * the values in the report's language.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Results } from '../../src/output/pipeline.js';
import { answerSection } from '../../src/report/answer.js';
import { scenarioData } from '../../src/report/charts/index.js';
import type { ReportCell } from '../../src/report/html.js';
import { reportInput } from '../../src/report/report.js';
import { reportResults } from '../helpers/ensemble.js';

let compared: Results;
/** The baseline against a lever and against another value of a model parameter. */
let withParameter: Results;

beforeAll(async () => {
  compared = await reportResults(['scenarios/default.yaml', 'scenarios/levers/flexible-letting.yaml'], { replications: 1, years: 2 });
  const dir = mkdtempSync(join(tmpdir(), 'nabolag-what-'));
  const parameter = join(dir, 'more-other.yaml');
  // other reasons at 0.5 a year: households move out at about 80% a year, beyond any Danish estate
  writeFileSync(parameter, `extends: ${JSON.stringify(join(process.cwd(), 'scenarios/default.yaml'))}\nname: more-other\ncareer:\n  otherAnnual: 0.5\n`);
  const mixed = join(dir, 'mixed.yaml');
  writeFileSync(mixed, `extends: ${JSON.stringify(join(process.cwd(), 'scenarios/levers/extension.yaml'))}\nname: mixed\ncareer:\n  otherAnnual: 0.02\n`);
  withParameter = await reportResults(['scenarios/default.yaml', 'scenarios/levers/flexible-letting.yaml', parameter, mixed, 'scenarios/default.yaml'], {
    replications: 3,
    years: 3,
  });
}, 180_000);

/** The row of a scenario in the "What was run" table. */
const whatRow = (results: Results, name: string, lang: 'en' | 'da'): ReportCell[] => {
  const what = reportInput(results, [], '/tmp', { lang }).sections.find((s) => s.id === 'what-was-run')!;
  return what.table!.rows.filter((r): r is ReportCell[] => Array.isArray(r)).find((r) => r[0] === name)!;
};

/** The levers cell of the variant's row in the "What was run" table. */
const leversCell = (lang: 'en' | 'da'): string => {
  const what = reportInput(compared, [], '/tmp', { lang }).sections.find((s) => s.id === 'what-was-run')!;
  const rows = what.table!.rows.filter((r): r is ReportCell[] => Array.isArray(r));
  const row = rows.find((r) => r[0] === 'flexible-letting')!;
  return String(row[3]);
};

describe('the levers in "What was run"', () => {
  it('in English as the scenario file writes them', () => {
    expect(leversCell('en')).toBe('flexibleLetting from 2027: share 0.5, combinedLetting true');
  });

  it('in Danish with Danish words, a decimal comma and ja/nej', () => {
    expect(leversCell('da')).toBe('flexibleLetting fra 2027: share 0,5, combinedLetting ja');
  });

  it('in Danish, a note says the descriptions, levers and fields are as the (English) files write them; none in English', () => {
    const what = (lang: 'en' | 'da') => reportInput(compared, [], '/tmp', { lang }).sections.find((s) => s.id === 'what-was-run')!;
    // the shipped scenario's description is English, in a Danish table
    expect(JSON.stringify(what('da').table!.rows)).toContain('Flexible letting');
    expect(what('da').htmlAfter).toMatch(/data-testid="run-as-written">Beskrivelserne, tiltagene og felterne står, som scenariefilerne skriver dem/);
    expect(what('da').htmlAfter).toMatch(/beskrivelser på engelsk/);
    expect(what('da').htmlAfter).toContain('docs/parameters.md');
    expect(what('en').htmlAfter).toBeUndefined();
  });

  it('a lever on one estate names it by its place in the list and its name', () => {
    const v = compared.ensembles[1]!;
    const onOne: Results = {
      ...compared,
      ensembles: [compared.ensembles[0]!, { ...v, scenario: { ...v.scenario, policies: v.scenario.policies.map((p) => ({ ...p, estate: 0 })) } }],
    };
    expect(String(whatRow(onOne, 'flexible-letting', 'en')[3])).toBe('flexibleLetting from 2027 (estates[0], "average"): share 0.5, combinedLetting true');
  });
});

describe('a variant that changes the model, not a lever', () => {
  it('"What was run" names what it changes, with the baseline\'s value, in both languages', () => {
    expect(String(whatRow(withParameter, 'more-other', 'en')[4])).toBe('career.otherAnnual 0.5 (baseline 0.025)');
    expect(String(whatRow(withParameter, 'more-other', 'da')[4])).toBe('career.otherAnnual 0,5 (grundscenarie 0,025)');
    expect(String(whatRow(withParameter, 'mixed', 'en')[4])).toBe('career.otherAnnual 0.02 (baseline 0.025)');
    // its description is the baseline's (inherited through extends): not repeated as if it were its own
    expect(String(whatRow(withParameter, 'more-other', 'en')[2])).toBe('—');
    expect(String(whatRow(withParameter, 'default', 'en')[2])).not.toBe('—');
    expect(String(whatRow(withParameter, 'flexible-letting', 'en')[4])).toBe('none');
    expect(String(whatRow(withParameter, 'default', 'en')[4])).toBe('—');
  });

  it('its headline says the share rises or falls, not that it helps or harms, and the note says why', () => {
    const html = answerSection(withParameter, scenarioData(withParameter), [], 'en').section.html ?? '';
    const line = html.match(/>(more-other: [^<]*)</)![1]!;
    expect(line).toMatch(/— (likely raises the share|likely lowers the share|no clear effect)$/);
    expect(html).toContain('a variant with the baseline&#39;s levers and other values of the model&#39;s parameters');
    // a lever variant keeps its verdict words, and without a parameter variant the note is not there
    expect(html).toMatch(/>flexible-letting: [^<]*— (likely helps|likely harms|no clear effect)</);
    const onlyLever = answerSection(compared, scenarioData(compared), [], 'en').section.html ?? '';
    expect(onlyLever).not.toContain('other values of the model');
    // a lever with changed parameters says so; the same model as the baseline says no effect is possible
    expect(html).toMatch(/>mixed: [^<]*— (likely helps|likely harms|no clear effect) \(it changes model parameters too: the appendix names them\)</);
    expect(html).toMatch(/>default-2: [^<]*— the same model as the baseline: no effect is possible</);
  });

  it('a scenario whose households move out faster than any Danish estate gets a warning first, in both languages', () => {
    const en = answerSection(withParameter, scenarioData(withParameter), [], 'en').section.html ?? '';
    expect(en).toMatch(
      /data-testid="turnover-warning"><p>Households moved out at a rate no part of the Danish social housing stock has: &quot;more-other&quot; \(average\) \d+% a year/,
    );
    expect(en).not.toContain('&quot;mixed&quot; (average)');
    const da = answerSection(withParameter, scenarioData(withParameter), [], 'da').section.html ?? '';
    expect(da).toMatch(
      /Husstandene flyttede ud i et tempo, som ingen del af den danske almene boligsektor har: &quot;more-other&quot; \(average\) \d+\s?% om året/,
    );
    expect(answerSection(compared, scenarioData(compared), [], 'en').section.html).not.toContain('turnover-warning');
  });

  it('a scenario whose households move out at over twice a family estate’s rate, short of that, gets a note, in both languages', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nabolag-turnover-'));
    const file = join(dir, 'some-other.yaml');
    // other reasons at 0.15 a year: about 28% a year, over 2 x 10.4% and under youth housing's 40%
    writeFileSync(file, `extends: ${JSON.stringify(join(process.cwd(), 'scenarios/default.yaml'))}\nname: some-other\ncareer:\n  otherAnnual: 0.15\n`);
    const results = await reportResults(['scenarios/default.yaml', file], { replications: 2, years: 3 });
    const en = answerSection(results, scenarioData(results), [], 'en').section.html ?? '';
    expect(en).toMatch(
      /data-testid="turnover-note"><p>Households moved out at more than 2 times the rate of Danish family housing: &quot;some-other&quot; \(average\) \d+% a year/,
    );
    expect(en).not.toContain('turnover-warning');
    expect(en).not.toContain('&quot;default&quot; (average)');
    const da = answerSection(results, scenarioData(results), [], 'da').section.html ?? '';
    expect(da).toMatch(/Husstandene flyttede ud i mere end 2 gange det tempo, danske familieboliger har: &quot;some-other&quot; \(average\) \d+\s?% om året/);
  }, 180_000);
});

describe('the --set options in "What was run"', () => {
  const what = (results: Results, lang: 'en' | 'da') => reportInput(results, [], '/tmp', { lang }).sections.find((s) => s.id === 'what-was-run')!.html ?? '';
  it('are listed as typed when the run had any, in both languages, and not otherwise', () => {
    const withSet = { ...compared, set: ['career.otherAnnual=0.04', 'years=2'] };
    expect(what(withSet, 'en')).toContain(
      'Changed on the command line (--set), as if the scenario files said so, in every scenario that has the field: career.otherAnnual=0.04, years=2.',
    );
    expect(what(withSet, 'da')).toContain(
      'Ændret på kommandolinjen (--set), som om scenariefilerne sagde det, i hvert scenarie, der har feltet: career.otherAnnual=0',
    );
    expect(what(compared, 'en')).not.toContain('--set');
  });
});

describe('a flexible-letting lever where the list already makes flexible letting mandatory', () => {
  let listed: Results;
  let unlisted: Results;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nabolag-idle-'));
    // a package: flexible letting (no combined letting) with image work, on a hard ghetto and on the default estate
    const pkg = (name: string, base: string) => {
      const file = join(dir, `${name}.yaml`);
      writeFileSync(
        file,
        `extends: ${JSON.stringify(join(process.cwd(), base))}\nname: ${name}\npolicies:\n  - lever: flexibleLetting\n    share: 0.5\n    from: 2027\n  - lever: imageWork\n    boost: 0.1\n    from: 2027\n`,
      );
      return file;
    };
    listed = await reportResults(['scenarios/presets/ringparken-like.yaml', pkg('listed', 'scenarios/presets/ringparken-like.yaml')], {
      replications: 1,
      years: 3,
    });
    unlisted = await reportResults(['scenarios/default.yaml', pkg('unlisted', 'scenarios/default.yaml')], { replications: 1, years: 3 });
  }, 180_000);

  it('is listed with a note that it never took a vacancy, in both languages, inside a package', () => {
    expect(String(whatRow(listed, 'listed', 'en')[3])).toBe(
      'flexibleLetting from 2027: share 0.5, combinedLetting false (it never took a vacancy: the list made flexible letting mandatory whenever it was in force); imageWork from 2027: boost 0.1',
    );
    expect(String(whatRow(listed, 'listed', 'da')[3])).toContain(
      '(den tog aldrig en ledig bolig: listen gjorde fleksibel udlejning obligatorisk, så længe den var i kraft)',
    );
  });

  it('gets no note where it acted (an estate not on the list)', () => {
    expect(String(whatRow(unlisted, 'unlisted', 'en')[3])).toBe('flexibleLetting from 2027: share 0.5, combinedLetting false; imageWork from 2027: boost 0.1');
  });

  it('gets no note from a summary written before its metric existed', () => {
    const comparison = listed.comparison!;
    const summary = structuredClone(comparison.summaries.listed!);
    for (const row of Object.values(summary.metrics)) delete row.flexibleByAgreement;
    const old: Results = { ...listed, comparison: { ...comparison, summaries: { ...comparison.summaries, listed: summary } } };
    expect(String(whatRow(old, 'listed', 'en')[3])).not.toContain('never took');
  });
});
