/**
 * The first screen's pieces without a browser: the verdict follows from the confidence interval
 * only, the baseline drift warning fires beyond its named thresholds and not below them, and a
 * single run's report opens with its trajectory, the drift line and the "is and is not" box,
 * before the contents and with the seeds at the end.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summarize } from '../../src/analysis/summary.js';
import { runEnsemble } from '../../src/engine/ensemble.js';
import { type Results, resolve } from '../../src/output/pipeline.js';
import { DRIFT_FAMILIES_RELATIVE, DRIFT_SHARE_POINTS, answerSection, baselineDrifts, verdictOf } from '../../src/report/answer.js';
import { flowTotal } from '../../src/report/charts/data.js';
import { type ScenarioData, scenarioData } from '../../src/report/charts/index.js';
import { texts } from '../../src/report/i18n.js';
import { findings, writeChartsAndReport } from '../../src/report/report.js';
import { headlineText, targetedNote, unchangedVariant, unchangedWhy } from '../../src/report/headline.js';
import type { Effect } from '../../src/analysis/compare.js';
import { METRIC_INDEX } from '../../src/model/reporters.js';
import { loadScenario } from '../../src/scenario/load.js';
import type { Scenario } from '../../src/scenario/schema.js';

describe('verdictOf', () => {
  it('an interval wholly above zero helps, wholly below harms, across zero is no clear effect, none without one', () => {
    expect(verdictOf({ ciLow: 0.01, ciHigh: 0.05 })).toBe('helps');
    expect(verdictOf({ ciLow: -0.05, ciHigh: -0.01 })).toBe('harms');
    expect(verdictOf({ ciLow: -0.01, ciHigh: 0.05 })).toBe('unclear');
    expect(verdictOf({ ciLow: 0, ciHigh: 0.05 })).toBe('unclear');
    expect(verdictOf({ ciLow: NaN, ciHigh: NaN })).toBe('noInterval');
    expect(verdictOf(undefined)).toBe('noInterval');
    // when lower is better, the direction turns
    expect(verdictOf({ ciLow: 0.01, ciHigh: 0.05 }, false)).toBe('harms');
  });
});

describe('a variant whose levers changed nothing', () => {
  const effect = (variant: string, metric: string, d: number, lo: number, hi: number) =>
    ({ variant, metric, row: 'e', year: 2029, difference: d, ciLow: lo, ciHigh: hi, differenceP5: lo, differenceP95: hi }) as unknown as Effect;
  const effects = [
    effect('same', 'resourceStrongShare', 0, 0, 0),
    effect('same', 'familiesWithChildren', 0, 0, 0),
    effect('near', 'resourceStrongShare', 0, 0, 0),
    effect('near', 'familiesWithChildren', 1, -2, 4),
  ];
  it('is told apart from "no clear effect": every difference of every metric exactly 0', () => {
    expect(unchangedVariant({ effects }, 'same')).toBe(true);
    // the main outcome unchanged but another metric moved: not unchanged
    expect(unchangedVariant({ effects }, 'near')).toBe(false);
    expect(unchangedVariant({ effects }, 'absent')).toBe(false);
    const line = headlineText('same', effects[0], 'levers', 2029, 'en', 'noChange');
    expect(line).toBe(
      "same: 0.0 points resource-strong by 2029, 95% CI 0.0 to 0.0 — exactly the baseline's results in every replication: its levers changed nothing here (e.g. a lever the estate already has, such as flexible letting where the list makes it mandatory)",
    );
    expect(headlineText('same', effects[0], 'levers', 2029, 'en')).toMatch(/— no clear effect$/);
  });

  it('says why when every lever the variant adds starts after the run', () => {
    const base = loadScenario('scenarios/default.yaml');
    const lever = (from: number) => ({ lever: 'imageWork', from, boost: 0.1 }) as unknown as Scenario['policies'][number];
    const at = (...froms: number[]) => ({ ...base, years: 3, policies: [...base.policies, ...froms.map(lever)] });
    // the run simulates 2026-2028: a lever from 2029 never acts
    expect(unchangedWhy({ effects }, 'same', at(2029), base)).toEqual({ afterRun: 2028 });
    expect(unchangedWhy({ effects }, 'same', at(2027, 2029), base)).toBe('noChange');
    expect(unchangedWhy({ effects }, 'near', at(2029), base)).toBe(false);
    expect(headlineText('same', effects[0], 'levers', 2029, 'en', { afterRun: 2028 })).toBe(
      "same: 0.0 points resource-strong by 2029, 95% CI 0.0 to 0.0 — exactly the baseline's results: its levers start after the run's last year (2028), so they never act in this run",
    );
  });
});

describe('a municipal allocation lever at the share the baseline already has', () => {
  it("says that the share is the baseline's own, in English and Danish; another share, or another lever with it, is not told so", () => {
    const base = loadScenario('scenarios/default.yaml');
    const effects = [{ variant: 'cap', metric: 'resourceStrongShare', row: 'e', year: 2029, difference: 0, ciLow: 0, ciHigh: 0 } as unknown as Effect];
    const cap = (share: number, more: Scenario['policies'] = []) => ({
      ...base,
      policies: [...base.policies, { lever: 'municipalAllocation', from: 2027, share } as unknown as Scenario['policies'][number], ...more],
    });
    expect(base.letting.municipalShare).toBe(0.25);
    expect(unchangedWhy({ effects }, 'cap', cap(0.25), base)).toEqual({ sameShare: 0.25 });
    expect(unchangedWhy({ effects }, 'cap', cap(0.1), base)).toBe('noChange');
    const image = { lever: 'imageWork', from: 2027, boost: 0.1 } as unknown as Scenario['policies'][number];
    expect(unchangedWhy({ effects }, 'cap', cap(0.25, [image]), base)).toBe('noChange');
    expect(headlineText('cap', effects[0], 'levers', 2029, 'en', { sameShare: 0.25 })).toBe(
      "cap: 0.0 points resource-strong by 2029, 95% CI 0.0 to 0.0 — exactly the baseline's results: its municipal allocation share (0.25) is the baseline's own (letting.municipalShare 0.25, the law's every 4th vacancy by default), so the lever changes nothing: give a lower share to cap it",
    );
    expect(headlineText('cap', effects[0], 'levers', 2029, 'da', { sameShare: 0.25 })).toMatch(/er grundscenariets egen \(letting\.municipalShare 0,25/);
  });
});

describe('baselineDrifts', () => {
  /** A baseline whose resource-strong share and families go from `s0`, `f0` to `s1`, `f1`. */
  const baseline = (s0: number, s1: number, f0: number, f1: number): ScenarioData => {
    const m = (a: number, b: number) => ({
      initial: { mean: a, p5: a, p95: a },
      byYear: [
        { year: 2026, mean: (a + b) / 2 },
        { year: 2027, mean: b },
      ],
    });
    return { row: 'x', summary: { metrics: { x: { resourceStrongShare: m(s0, s1), familiesWithChildren: m(f0, f1) } } } } as unknown as ScenarioData;
  };

  it('warns beyond the thresholds, in either direction, and not within them', () => {
    expect(baselineDrifts(baseline(0.5, 0.5 + DRIFT_SHARE_POINTS * 0.9, 300, 300 * (1 + DRIFT_FAMILIES_RELATIVE * 0.9)))).toEqual([]);
    expect(baselineDrifts(baseline(0.5, 0.5 - DRIFT_SHARE_POINTS * 1.5, 300, 300)).map((d) => d.metric)).toEqual(['resourceStrongShare']);
    expect(baselineDrifts(baseline(0.5, 0.5, 300, 300 * (1 - DRIFT_FAMILIES_RELATIVE * 1.5))).map((d) => d.metric)).toEqual(['familiesWithChildren']);
    expect(baselineDrifts(baseline(0.5, 0.6, 300, 400))).toHaveLength(2);
  });

  it('warns when the resource-strong families fall beyond the threshold while the families with children hold', () => {
    const b = baseline(0.35, 0.37, 140, 127);
    const x = (b.summary.metrics as Record<string, Record<string, unknown>>).x!;
    x.resourceStrongFamilies = {
      initial: { mean: 50, p5: 50, p95: 50 },
      byYear: [
        { year: 2026, mean: 43 },
        { year: 2027, mean: 36 },
      ],
    };
    expect(baselineDrifts(b)).toEqual([{ metric: 'resourceStrongFamilies', from: 50, to: 36 }]);
  });
});

describe("the drift warning's lines", () => {
  it('name the year of the largest drift where it came before the horizon, in both languages', () => {
    const peak = { value: '407', year: 2030 };
    expect(texts('en').drift('Families with children', '358', '361', 2026, 2041, '10%', peak)).toBe(
      'Families with children: 358 in 2026, 407 at the end of 2030 (more than 10% away), 361 by 2041.',
    );
    expect(texts('en').drift('Families with children', '358', '407', 2026, 2041, '10%')).toBe(
      'Families with children: 358 in 2026, 407 by 2041 (more than 10% away).',
    );
    expect(texts('da').drift('Børnefamilier', '358', '361', 2026, 2041, '10%', peak)).toBe(
      'Børnefamilier: 358 i 2026, 407 ved udgangen af 2030 (mere end 10% fra starten), 361 i 2041.',
    );
  });
});

describe('the first screen of a single run', () => {
  let dir = '';
  let single: Results;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'nabolag-answer-'));
    // a short run of the default estate: whether it drifts or not, the answer says which
    const sc = resolve(loadScenario('scenarios/default.yaml'), { replications: 2, years: 4 }, 'scenarios/default.yaml');
    const ens = await runEnsemble(sc, { workers: 1 });
    single = { ensembles: [ens], summary: summarize(sc.name, sc.startYear, ens.replications) };
  }, 120_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('opens with the trajectory, a drift line and the box; contents after; seeds in the appendix at the end', async () => {
    await writeChartsAndReport(dir, single);
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    const at = (s: string) => {
      const i = html.indexOf(s);
      expect(i, s).toBeGreaterThan(0);
      return i;
    };
    expect(at('id="answer"')).toBeLessThan(at('id="contents"'));
    expect(at('data-testid="trajectory"')).toBeLessThan(at('id="contents"'));
    expect(at('data-testid="is-not"')).toBeLessThan(at('id="contents"'));
    expect(html.includes('data-testid="drift-warning"') || html.includes('data-testid="baseline-steady"')).toBe(true);
    // with 2 replications a steady baseline (as the default's is over 4 years) is said to be checked weakly
    expect(html).toContain('data-testid="baseline-steady"');
    expect(html).toContain('With 2 replications only a drift far beyond its threshold would show here');
    expect(at('id="trajectory-resourceStrongShare"')).toBeLessThan(at('id="contents"'));
    expect(at('id="what-was-run"')).toBeGreaterThan(at('id="findings"'));
    expect(at(String(single.ensembles[0]!.seeds[0]))).toBeGreaterThan(at('id="what-was-run"'));
    // the appendix gives the solved anchor: its values and its trials (the time, which varies, is in manifest.json)
    const anchor = single.ensembles[0]!.anchors[0]!;
    expect(at('Anchoring (docs/ODD.md')).toBeGreaterThan(at('id="what-was-run"'));
    expect(html).toContain(`estate &quot;${anchor.estate}&quot; is held as given`);
    expect(html).toContain(`attractiveness ${anchor.attractiveness.toFixed(2).replace('-', '−')}`);
    expect(html).toContain(`after ${anchor.trials} trial`);
    // the two family shares say whose they are (an outside trial read the second as a share of resource-strong applicants)
    expect(html).toContain(
      `family share of the applicants who are not resource-strong ${anchor.applicantFamilyShare.toFixed(2)} (of those who are ${anchor.applicantStrongFamilyShare.toFixed(2)})`,
    );
    expect(html).toContain(`both adults in work or education in ${anchor.residentCouplesBothActive.toFixed(2)} of the resource-strong couples`);
    // large enough for the list: no word of being too small
    expect(html).not.toContain('an area needs to be on a list at all');
    // the trajectory chart is shown once, in the answer
    expect(html.split('<div id="trajectory-resourceStrongShare"').length).toBe(2);
    expect(html).toContain('A stylised estate');
    expect(html).toContain('is an assumption');
    expect(html).toContain('Not a forecast');
  }, 120_000);
});

describe('the findings of an estate too small for the list', () => {
  it('say that it is too small to be listed, with its residents and the minimum', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nabolag-small-'));
    try {
      const base = loadScenario('scenarios/default.yaml');
      const small = { ...base, estates: [{ ...base.estates[0]!, flats: 200, anchor: false }] };
      const sc = resolve(small, { replications: 1, years: 2 }, 'scenarios/default.yaml');
      const ens = await runEnsemble(sc, { workers: 1 });
      await writeChartsAndReport(dir, { ensembles: [ens], summary: summarize(sc.name, sc.startYear, ens.replications) });
      const html = readFileSync(join(dir, 'report.html'), 'utf8');
      expect(html).toMatch(/With \d+ residents \(mean at the horizon\) it is below the 1,000 residents an area needs to be on a list at all/);
      // not "never listed": a replication that grows past the minimum can be (an own estate of 450 flats at 976 residents was, in 1 of 12)
      expect(html).not.toContain('never listed');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe("the baseline's drift box of a region", () => {
  it("names an estate's drift with its name where the region's own row holds (the console names it too)", async () => {
    const base = loadScenario('scenarios/default.yaml');
    const e0 = base.estates[0]!;
    const estate = (name: string) => ({ ...e0, name, flats: 200, anchor: false });
    const sc = resolve({ ...base, estates: [estate('Nord'), estate('Syd')] }, { replications: 2, years: 2 }, 'scenarios/default.yaml');
    const ens = await runEnsemble(sc, { workers: 1 });
    const summary = summarize(sc.name, sc.startYear, ens.replications);
    // the region's row holds; Nord's resource-strong share fell 4 points (as summary.json's drifts would say)
    summary.drifts = [{ row: 'Nord', metric: 'resourceStrongShare', from: 0.5, to: 0.46 }];
    const results: Results = { ensembles: [ens], summary };
    const html = answerSection(results, scenarioData(results), [], 'en').section.html ?? '';
    expect(html).toContain('data-testid="drift-warning"');
    expect(html).not.toContain('data-testid="baseline-steady"');
    expect(html).toMatch(/<li>Nord: Resource-strong share[^<]*: 50% in \d{4}, 46% by \d{4} \(more than 3 percentage points away\)/i);
  }, 60_000);
});

describe('a baseline beyond its bounds by the mean but not clear of the noise of few replications', () => {
  it('is not called steady: the line names what moved and asks for more replications', async () => {
    const base = loadScenario('scenarios/default.yaml');
    const sc = resolve({ ...base, estates: [{ ...base.estates[0]!, flats: 200, anchor: false }] }, { replications: 2, years: 2 }, 'scenarios/default.yaml');
    const ens = await runEnsemble(sc, { workers: 1 });
    const summary = summarize(sc.name, sc.startYear, ens.replications);
    // no drift clear of the noise (summary.json's drifts), but the share's mean 6 points up at the horizon
    summary.drifts = [];
    const ms = summary.metrics[summary.rows[0]!]!.resourceStrongShare!;
    const last = ms.byYear[ms.byYear.length - 1]!;
    ms.byYear[ms.byYear.length - 1] = { ...last, mean: ms.initial.mean + 0.06 };
    const results: Results = { ensembles: [ens], summary };
    const html = answerSection(results, scenarioData(results), [], 'en').section.html ?? '';
    expect(html).not.toContain('data-testid="baseline-steady"');
    expect(html).toContain('data-testid="baseline-unclear"');
    expect(html).toMatch(/Baseline not shown to hold: by the mean, resource-strong share[^<]* \d+% → \d+%[^<]*not clear of the noise of 2 replications/);
    // a scenario with levers is no baseline: the estate, with them
    const lever = { lever: 'imageWork', from: 2027, boost: 0.1 } as unknown as Scenario['policies'][number];
    const withLevers: Results = { ensembles: [{ ...ens, scenario: { ...sc, policies: [lever] } }], summary };
    const html2 = answerSection(withLevers, scenarioData(withLevers), [], 'en').section.html ?? '';
    expect(html2).toMatch(/The estate, with the scenario(&#39;|')s levers, is not shown to hold: by the mean, resource-strong share/);
    expect(html2).not.toContain('Baseline');
  }, 60_000);
});

describe('a run of one replication', () => {
  it('claims no drift and shows no range: its one path, said as not shown to hold, and asks for more replications', async () => {
    const base = loadScenario('scenarios/default.yaml');
    const sc = resolve({ ...base, estates: [{ ...base.estates[0]!, flats: 200, anchor: false }] }, { replications: 1, years: 2 }, 'scenarios/default.yaml');
    const ens = await runEnsemble(sc, { workers: 1 });
    const summary = summarize(sc.name, sc.startYear, ens.replications);
    // its share 6 points up at the horizon, which one replication's drifts report (there is no noise to check it against)
    const row = summary.rows[0]!;
    const ms = summary.metrics[row]!.resourceStrongShare!;
    const last = ms.byYear[ms.byYear.length - 1]!;
    ms.byYear[ms.byYear.length - 1] = { ...last, mean: ms.initial.mean + 0.06, p5: ms.initial.mean + 0.06, p95: ms.initial.mean + 0.06 };
    summary.drifts = [{ row, metric: 'resourceStrongShare', from: ms.initial.mean, to: ms.initial.mean + 0.06 }];
    const results: Results = { ensembles: [ens], summary };
    const html = answerSection(results, scenarioData(results), [], 'en').section.html ?? '';
    expect(html).not.toContain('data-testid="drift-warning"');
    expect(html).not.toContain('the baseline drifts');
    expect(html).toMatch(
      /Baseline not shown to hold: in its one replication, resource-strong share[^<]* \d+% → \d+%[^<]*one replication cannot tell a drift from that run(&#39;|')s chance/,
    );
    // its values, not a range of one value ("43% (43-43%)"), and said to be one replication's
    expect(html).toContain('in its one replication (no range over replications');
    expect(html).not.toMatch(/\((\d+)-\1%\)/);
    expect(html).not.toContain('5-95% range over replications');
    // and in Danish
    const da = answerSection(results, scenarioData(results), [], 'da').section.html ?? '';
    expect(da).toContain('Det er ikke vist, at grundscenariet holder: i sin ene gentagelse');
  }, 60_000);
});

describe('the findings of an estate anchored at its limit', () => {
  it('say so, with the in-movers, in English and Danish; an estate held within its limits gets no such sentence', async () => {
    const base = loadScenario('scenarios/default.yaml');
    // an own estate at 20%: anchoring holds it only at attractiveness -3 (docs/ODD.md, "Anchoring")
    const weak = { ...base, estates: [{ ...base.estates[0]!, flats: 300, population: { ...base.estates[0]!.population, resourceStrongShare: 0.2 } }] };
    const sc = resolve(weak, { replications: 2, years: 2 }, 'scenarios/default.yaml');
    const ens = await runEnsemble(sc, { workers: 1 });
    expect(ens.anchors[0]!.attractiveness).toBe(-3);
    const res = { ensembles: [ens], summary: summarize(sc.name, sc.startYear, ens.replications) };
    const en = findings(res).join('\n');
    expect(en).toMatch(
      /Anchoring could hold average where it starts only at the limit of its attractiveness \(−3\.00; the residents' labour-market attachment 0\.\d\d\): the baseline needs almost no resource-strong applicants \(\d+% \(\d+-\d+%\) of the households moving in were resource-strong\)/,
    );
    expect(findings(res, 'da').join('\n')).toContain('Forankringen kunne kun holde average, hvor den starter, ved grænsen for dens tiltrækning (−3,00;');
    // the default estate is held within its limits
    const def = resolve(base, { replications: 1, years: 1 }, 'scenarios/default.yaml');
    const e2 = await runEnsemble(def, { workers: 1 });
    expect(findings({ ensembles: [e2], summary: summarize(def.name, def.startYear, e2.replications) }).join('\n')).not.toContain('Anchoring could hold');
  }, 60_000);

  it("in a region, give that estate's own in-movers, not the region's", async () => {
    // two estates, not anchored here (the anchor record is the one a run at the limit gives): the
    // weak one draws almost no resource-strong applicants, the strong one many
    const base = loadScenario('scenarios/default.yaml');
    const e0 = base.estates[0]!;
    const estate = (name: string, share: number, attractiveness: number) => ({
      ...e0,
      name,
      flats: 300,
      anchor: false,
      attractiveness,
      population: { ...e0.population, resourceStrongShare: share },
    });
    const sc = resolve({ ...base, estates: [estate('weak', 0.2, -3), estate('strong', 0.7, 2)] }, { replications: 2, years: 3 }, 'scenarios/default.yaml');
    const ens = await runEnsemble(sc, { workers: 1 });
    ens.anchors = [{ estate: 'weak', attractiveness: -3, attachment: 0.7 } as (typeof ens.anchors)[number]];
    const res = { ensembles: [ens], summary: summarize(sc.name, sc.startYear, ens.replications) };
    const said = /the baseline needs almost no resource-strong applicants \((\d+)% /.exec(findings(res).join('\n'));
    // the weak estate's own share, from its rows of metrics.csv's data
    const k = (n: string) => METRIC_INDEX[n]!;
    const shareOf = (row: string) => {
      const per = ens.replications.map((r) => {
        const i = r.rowNames.indexOf(row);
        return flowTotal(r, i, k('inResourceStrong')) / flowTotal(r, i, k('moveIns'));
      });
      return per.reduce((a, b) => a + b, 0) / per.length;
    };
    expect(shareOf('region') - shareOf('weak')).toBeGreaterThan(0.1);
    expect(Number(said![1])).toBe(Math.round(100 * shareOf('weak')));
  }, 60_000);
});

describe('the first box of a run whose scenario has levers', () => {
  it('says that the estate drifts with its levers, not that the baseline drifts, and how to tell them apart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nabolag-levers-drift-'));
    try {
      const base = loadScenario('scenarios/default.yaml');
      // three years of 100% municipal allocation: the resource-strong share falls far beyond 3 points
      // (8 replications: on 4, one replication's high start left a fall of 6.6 points within their noise)
      const shock = {
        ...base,
        estates: [{ ...base.estates[0]!, flats: 300 }],
        policies: [{ lever: 'municipalAllocation', share: 1, from: 2026 }],
      } as typeof base;
      const sc = resolve(shock, { replications: 8, years: 3 }, 'scenarios/default.yaml');
      const ens = await runEnsemble(sc, { workers: 1 });
      await writeChartsAndReport(dir, { ensembles: [ens], summary: summarize(sc.name, sc.startYear, ens.replications) });
      const html = readFileSync(join(dir, 'report.html'), 'utf8');
      expect(html).toContain('data-testid="drift-warning"');
      expect(html).toContain('<strong>Warning: the estate drifts, with the scenario&#39;s levers');
      expect(html).toContain('The scenario has levers, so this is not a baseline');
      expect(html).toContain('nabolag compare');
      expect(html).not.toContain(`<strong>${texts('en').driftWarning}</strong>`);
      expect(html).not.toContain('The estate changes without any lever');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('the advice of a drift the replications cannot tell from noise', () => {
  it('asks for 10 replications below 10, and for more than were run from 10', () => {
    for (const lang of ['en', 'da'] as const) {
      expect(texts(lang).unclear('x', 4)).toContain('-n 10)');
      expect(texts(lang).unclear('x', 10)).toContain('-n 20)');
      expect(texts(lang).unclear('x', 10)).not.toContain('-n 10)');
    }
  });
});

describe("a region's headline for levers on one estate", () => {
  const base = loadScenario('scenarios/regions/baseline.yaml');
  const onA = { ...base, policies: [...base.policies, { lever: 'imageWork', from: 2027, boost: 0.1, estate: 0 }] } as Scenario;
  const onAll = { ...base, policies: [...base.policies, { lever: 'imageWork', from: 2027, boost: 0.1 }] } as Scenario;
  const effect = (row: string, d: number): Effect =>
    ({ variant: 'v', row, metric: 'resourceStrongShare', difference: d, ciLow: d - 0.01, ciHigh: d + 0.01 }) as Effect;
  const comparison = {
    rows: [base.estates[0]!.name, base.estates[1]!.name, 'region'],
    effects: [effect(base.estates[0]!.name, 0.02), effect('region', 0.005)],
  };

  it("adds that estate's own effect, which the region's sum dilutes; nothing for levers on every estate", () => {
    expect(targetedNote(comparison, 'v', onA, base)).toBe(`; in ${base.estates[0]!.name}, the estate its levers act on, +2.0 points, 95% CI +1.0 to +3.0`);
    expect(targetedNote(comparison, 'v', onAll, base)).toBe('');
    expect(targetedNote({ ...comparison, rows: ['region'] }, 'v', onA, base)).toBe('');
  });
});
