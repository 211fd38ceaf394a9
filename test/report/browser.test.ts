/**
 * Opens a generated report in headless Chromium (file://, fresh profile) and checks that it
 * renders offline: no console errors, no requests but the file itself, an SVG in every chart
 * container, and a working slider. Skipped only when /usr/bin/chromium is missing and CI is not
 * set; in CI a missing Chromium is a failure.
 */
import { openPage } from '../helpers/chromium.js';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import type { TopLevelSpec } from 'vega-lite';
import { buildHtmlReport } from '../../src/report/html.js';
import { baseConfig } from '../../src/report/render.js';

import { CHROMIUM } from '../helpers/chromium.js';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
const IN_CI = Boolean(process.env.CI);
const SKIP = !HAVE_CHROMIUM && !IN_CI;
const TIMEOUT = 60_000;
const NASTY = 'Rent </script><b>&amp; "quotes"</b>';

if (SKIP) {
  console.warn(`[browser.test] SKIPPED: ${CHROMIUM} not found (install with: apt-get install -y chromium). In CI (CI set) this is a failure.`);
}

function barChart(): TopLevelSpec {
  return {
    config: baseConfig,
    title: NASTY,
    width: 300,
    height: 160,
    data: { values: ['A', 'B', 'C'].map((section, i) => ({ section, flats: 40 + 15 * i })) },
    mark: 'bar',
    encoding: {
      x: { field: 'section', type: 'nominal', title: 'Section' },
      y: { field: 'flats', type: 'quantitative', title: 'Flats' },
    },
  };
}

function sliderChart(): TopLevelSpec {
  const values = [];
  for (let year = 2020; year <= 2030; year++) values.push({ year, share: 0.2 + 0.01 * (year - 2020) });
  return {
    config: baseConfig,
    title: 'Share of resource-strong households up to the chosen year',
    width: 320,
    height: 160,
    params: [{ name: 'year', value: 2020, bind: { input: 'range', min: 2020, max: 2030, step: 1, name: 'Year ' } }],
    data: { values },
    transform: [{ filter: 'datum.year <= year' }],
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'year', type: 'quantitative', title: 'Year', axis: { format: 'd' }, scale: { domain: [2020, 2030] } },
      y: { field: 'share', type: 'quantitative', title: 'Share', axis: { format: '%' }, scale: { domain: [0, 0.4] } },
    },
  };
}

describe.skipIf(SKIP)('HTML report in headless Chromium', () => {
  let workDir = '';
  let profileDir = '';
  let fileUrl = '';
  let context: BrowserContext | undefined;
  let page: Page;
  const consoleErrors: string[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    if (!HAVE_CHROMIUM) throw new Error(`${CHROMIUM} is missing but CI is set: install it (apt-get install -y chromium)`);
    workDir = await mkdtemp(join(tmpdir(), 'nabolag-report-'));
    profileDir = await mkdtemp(join(tmpdir(), 'nabolag-chromium-'));
    const html = await buildHtmlReport({
      title: 'Test report <nabolag>',
      subtitle: 'Two charts, one with a slider',
      sections: [
        {
          id: 'sections',
          heading: 'Flats by section',
          html: '<p>Trusted <em>prose</em>.</p>',
          chart: { id: 'bar-chart', spec: barChart(), caption: NASTY },
          table: {
            columns: ['Section', 'Flats'],
            rows: [
              ['A', 40],
              ['B', 55],
              ['C', 70],
            ],
          },
        },
        {
          id: 'trend',
          heading: 'Trend',
          chart: { id: 'year-chart', spec: sliderChart(), caption: 'Move the slider to show later years' },
        },
      ],
      links: [{ href: 'summary.csv', label: 'Summary (CSV)' }],
    });
    const file = join(workDir, 'report.html');
    await writeFile(file, html);
    fileUrl = pathToFileURL(file).href;

    ({ context, page } = await openPage(profileDir, fileUrl, consoleErrors, requests));
    const state = (await page.evaluate('window.__nabolagRendered')) as { total: number; rendered: number; errors: string[] };
    expect(state.errors).toEqual([]);
    expect(state).toMatchObject({ total: 2, rendered: 2 });
  }, TIMEOUT);

  afterAll(async () => {
    await context?.close();
    if (workDir) await rm(workDir, { recursive: true, force: true });
    if (profileDir) await rm(profileDir, { recursive: true, force: true });
  }, TIMEOUT);

  it(
    'renders an SVG in every chart container',
    async () => {
      for (const id of ['bar-chart', 'year-chart']) {
        expect(await page.locator(`#${id} svg.marks`).count(), id).toBe(1);
      }
      expect(await page.locator('#bar-chart svg text', { hasText: NASTY }).count()).toBe(1);
    },
    TIMEOUT,
  );

  it(
    'shows escaped text as text, not markup',
    async () => {
      expect(await page.title()).toBe('Test report <nabolag>');
      expect(await page.locator('#sections figcaption').textContent()).toBe(NASTY);
      expect(await page.locator('b').count()).toBe(0); // NASTY's <b> never became an element
      expect(await page.locator('.prose em').count()).toBe(1); // trusted html is kept
      expect(await page.locator('td.num').count()).toBe(3);
    },
    TIMEOUT,
  );

  it(
    'moving the slider re-renders the chart',
    async () => {
      const slider = page.locator('#year-chart input[type="range"]');
      expect(await slider.count()).toBe(1);
      const before = await page.locator('#year-chart svg.marks').innerHTML();
      await page.evaluate(`(() => {
      const el = document.querySelector('#year-chart input[type="range"]');
      el.value = '2027';
      el.dispatchEvent(new Event('input', { bubbles: true }));
      el.dispatchEvent(new Event('change', { bubbles: true }));
    })()`);
      await page.waitForFunction(`window.__nabolagViews['year-chart'].signal('year') === 2027`, undefined, { timeout: 10_000 });
      await page.evaluate(`window.__nabolagViews['year-chart'].runAsync().then(() => true)`);
      const after = await page.locator('#year-chart svg.marks').innerHTML();
      expect(after).not.toBe(before);
      // 2020..2027 are now shown: 8 points instead of 1.
      expect(await page.locator('#year-chart svg .mark-symbol path').count()).toBe(8);
      // The other chart is untouched by the parameter.
      expect(await page.locator('#bar-chart svg .mark-rect path').count()).toBe(3);
    },
    TIMEOUT,
  );

  it('logged no console errors and requested nothing but the file itself', () => {
    expect(consoleErrors).toEqual([]);
    expect(requests).toEqual([fileUrl]);
  });
});
