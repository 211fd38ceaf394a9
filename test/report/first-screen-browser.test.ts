/**
 * The report's first screen, in headless Chromium at 1280 × 900: the showcase comparison (the
 * default estate against the three packages of `npm start`, fewer replications and years) puts
 * the headlines, the ranking and the forest plot above the fold; the contents and the seeds come
 * later. The same comparison with `lang: 'da'` is a Danish page.
 *
 * Skipped only when /usr/bin/chromium is missing and CI is not set.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alignForComparison, compareToDirectory, resolve } from '../../src/output/pipeline.js';
import { writeChartsAndReport } from '../../src/report/report.js';
import { loadScenario } from '../../src/scenario/load.js';
import { CHROMIUM, openPage } from '../helpers/chromium.js';

const SKIP = !existsSync(CHROMIUM) && !process.env.CI;
const TIMEOUT = 180_000;
const FOLD = 900;

/** The scenarios of `npm start` (package.json). */
const SHOWCASE = [
  'scenarios/default.yaml',
  'scenarios/packages/allocation-and-image.yaml',
  'scenarios/packages/extension.yaml',
  'scenarios/packages/programme.yaml',
];

describe.skipIf(SKIP)('the first screen of the showcase report in headless Chromium', () => {
  let workDir = '';
  let profileDir = '';
  let context: BrowserContext | undefined;
  let page: Page;
  const consoleErrors: string[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'nabolag-first-screen-'));
    profileDir = await mkdtemp(join(tmpdir(), 'nabolag-chromium-'));
    const [base, ...rest] = SHOWCASE.map((f) => resolve(loadScenario(f), { replications: 3, years: 3 }, f));
    const variants = alignForComparison(
      base!,
      rest.map((scenario, i) => ({ scenario, file: SHOWCASE[i + 1]! })),
    );
    // one comparison; its results are written as an English report beside the data and as a Danish one elsewhere
    await compareToDirectory(base!, variants, join(workDir, 'en'), {
      workers: 1,
      scenarioFiles: SHOWCASE,
      extraOutputs: async (dir, r) => {
        await writeChartsAndReport(join(workDir, 'da'), r, { lang: 'da' });
        return writeChartsAndReport(dir, r);
      },
    });
    ({ context, page } = await openPage(profileDir, pathToFileURL(join(workDir, 'en', 'report.html')).href, consoleErrors, requests));
    await page.setViewportSize({ width: 1280, height: FOLD });
  }, TIMEOUT);

  afterAll(async () => {
    await context?.close();
    if (workDir) await rm(workDir, { recursive: true, force: true });
    if (profileDir) await rm(profileDir, { recursive: true, force: true });
  }, TIMEOUT);

  /** The bottom edge of every element matching the test id, in pixels from the top of the page (it is never scrolled). */
  const bottoms = (testId: string) => page.$$eval(`[data-testid="${testId}"]`, (els) => els.map((e) => e.getBoundingClientRect().bottom));

  it('every chart renders without errors, and the page fetches nothing', async () => {
    const state = (await page.evaluate('window.__nabolagRendered')) as { total: number; rendered: number; errors: string[] };
    expect(state.errors).toEqual([]);
    expect(state.rendered).toBe(state.total);
    expect(consoleErrors).toEqual([]);
    expect(requests.every((u) => u.startsWith('file:'))).toBe(true);
  });

  it('the headlines, the ranking and the forest plot are above the fold at 1280 × 900', async () => {
    await page.evaluate('window.__nabolagRendered');
    const headlines = await bottoms('headline');
    expect(headlines).toHaveLength(3);
    for (const b of [...headlines, ...(await bottoms('ranking')), ...(await bottoms('chart-forest-plot'))]) {
      expect(b).toBeGreaterThan(0);
      expect(b).toBeLessThanOrEqual(FOLD);
    }
    // the forest plot is drawn (an SVG with a size), not an empty box
    const svg = await page.$eval('#forest-plot svg', (e) => e.getBoundingClientRect().height);
    expect(svg).toBeGreaterThan(100);
  });

  it('each headline states the effect, its 95% CI and a verdict that follows from the interval', async () => {
    const texts = await page.$$eval('[data-testid="headline"]', (els) => els.map((e) => e.textContent ?? ''));
    const names = texts.map((t) => t.split(':')[0]);
    expect([...names].sort()).toEqual(['allocation-and-image', 'extension', 'programme']);
    for (const t of texts) {
      const m = /: ([+−]\d+\.\d) points resource-strong by 2029, 95% CI ([+−]\d+\.\d) to ([+−]\d+\.\d) — (likely helps|likely harms|no clear effect)$/.exec(t);
      expect(m, t).not.toBeNull();
      const [lo, hi] = [m![2]!, m![3]!].map((s) => Number(s.replace('−', '-')));
      const verdict = lo > 0 ? 'likely helps' : hi < 0 ? 'likely harms' : 'no clear effect';
      expect(m![4], t).toBe(verdict);
    }
    // ranked: the effects fall down the list
    const effects = texts.map((t) => Number(/: ([+−][\d.]+) points/.exec(t)![1]!.replace('−', '-')));
    expect([...effects].sort((a, b) => b - a)).toEqual(effects);
  });

  it('the contents and the seeds come after the first screen', async () => {
    const contentsTop = await page.$eval('#contents', (e) => e.getBoundingClientRect().top);
    const runTop = await page.$eval('#what-was-run', (e) => e.getBoundingClientRect().top);
    expect(contentsTop).toBeGreaterThan(FOLD);
    expect(runTop).toBeGreaterThan(contentsTop);
    expect(await bottoms('is-not')).toHaveLength(1);
  });

  it('the Danish report is a Danish page: lang="da", Danish headings, chart titles and terms', async () => {
    const da = await context!.newPage();
    try {
      await da.goto(pathToFileURL(join(workDir, 'da', 'report.html')).href, { waitUntil: 'load' });
      const state = (await da.evaluate('window.__nabolagRendered')) as { errors: string[] };
      expect(state.errors).toEqual([]);
      expect(await da.getAttribute('html', 'lang')).toBe('da');
      const h2 = await da.$$eval('h2', (els) => els.map((e) => e.textContent ?? ''));
      expect(h2).toContain('Svaret kort');
      expect(h2).toContain('Indhold');
      expect(h2).toContain('Effekter ved tidshorisonten');
      expect(h2).not.toContain('Findings');
      const headline = await da.$eval('[data-testid="headline"]', (e) => e.textContent ?? '');
      expect(headline).toMatch(
        /point ressourcestærke pr. 1. januar 2029, 95[ \u00a0]%-KI [+−]\d+,\d til [+−]\d+,\d — (hjælper sandsynligvis|skader sandsynligvis|ingen klar effekt)$/,
      );
      const terms = await da.$$eval('dl.terms dt', (els) => els.map((e) => e.textContent ?? ''));
      expect(terms).toEqual([
        'ressourcestærk',
        'udsat boligområde',
        'forebyggelsesområde',
        'parallelsamfund',
        'omdannelsesområde',
        'fleksibel udlejning',
        'kommunal anvisning',
        'forlængelse',
      ]);
    } finally {
      await da.close();
    }
  });
});
