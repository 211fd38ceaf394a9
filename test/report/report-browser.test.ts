/**
 * A real comparison written through compareToDirectory with the charts and the report
 * (writeChartsAndReport as extraOutputs), then report.html opened in headless Chromium from
 * file:// with a fresh profile: every chart renders, no console errors, no request but the file
 * itself, and moving the estate map's year slider changes the map.
 *
 * Skipped only when /usr/bin/chromium is missing and CI is not set; in CI a missing Chromium is
 * a failure (.ci/run installs it).
 */
import { openPage } from '../helpers/chromium.js';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { alignForComparison, compareToDirectory, resolve } from '../../src/output/pipeline.js';
import { loadScenario } from '../../src/scenario/load.js';
import { MAP_YEAR_PARAM } from '../../src/report/charts/index.js';
import { writeChartsAndReport } from '../../src/report/report.js';

import { CHROMIUM } from '../helpers/chromium.js';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
const IN_CI = Boolean(process.env.CI);
const SKIP = !HAVE_CHROMIUM && !IN_CI;
const TIMEOUT = 120_000;

if (SKIP) {
  console.warn(`[report-browser.test] SKIPPED: ${CHROMIUM} not found (install with: apt-get install -y chromium). In CI (CI set) this is a failure.`);
}

describe.skipIf(SKIP)('report.html of a real comparison in headless Chromium', () => {
  let workDir = '';
  let profileDir = '';
  let outDir = '';
  let fileUrl = '';
  let chartIds: string[] = [];
  let written: string[] = [];
  let context: BrowserContext | undefined;
  let page: Page;
  const consoleErrors: string[] = [];
  const consoleWarnings: string[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    if (!HAVE_CHROMIUM) throw new Error(`${CHROMIUM} is missing but CI is set: install it (apt-get install -y chromium)`);
    workDir = await mkdtemp(join(tmpdir(), 'nabolag-report-browser-'));
    profileDir = await mkdtemp(join(tmpdir(), 'nabolag-chromium-'));
    outDir = join(workDir, 'compare');

    // 1. A small real comparison: 2 replications x 3 years, on this thread.
    const files = ['scenarios/default.yaml', 'scenarios/packages/extension.yaml'];
    const [base, variant] = files.map((f) => resolve(loadScenario(f), { replications: 2, years: 3 }, f));
    const variants = alignForComparison(base!, [{ scenario: variant!, file: files[1]! }]);
    const res = await compareToDirectory(base!, variants, outDir, { workers: 1, scenarioFiles: files, extraOutputs: (dir, r) => writeChartsAndReport(dir, r) });
    written = res.files;
    chartIds = written.filter((f) => f.endsWith('.vl.json')).map((f) => f.slice('charts/'.length, -'.vl.json'.length));
    const file = join(outDir, 'report.html');
    fileUrl = pathToFileURL(file).href;

    ({ context, page } = await openPage(profileDir, fileUrl, consoleErrors, requests, consoleWarnings));
  }, TIMEOUT);

  afterAll(async () => {
    await context?.close();
    if (workDir) await rm(workDir, { recursive: true, force: true });
    if (profileDir) await rm(profileDir, { recursive: true, force: true });
  }, TIMEOUT);

  it('the pipeline wrote the charts and the report beside the data, and listed them in the manifest', () => {
    expect(written).toContain('report.html');
    expect(chartIds).toContain('estate-map');
    expect(chartIds).toContain('difference-to-baseline');
    expect(chartIds.length).toBe(15);
    const manifest = JSON.parse(readFileSync(join(outDir, 'manifest.json'), 'utf8')) as { files: string[] };
    expect(manifest.files).toEqual(written);
    for (const f of written) expect(existsSync(join(outDir, f)), f).toBe(true);
  });

  it(
    'renders every chart',
    async () => {
      const state = (await page.evaluate('window.__nabolagRendered')) as { total: number; rendered: number; errors: string[] };
      expect(state.errors).toEqual([]);
      expect(state).toMatchObject({ total: chartIds.length, rendered: chartIds.length });
      for (const id of chartIds) {
        expect(await page.locator(`#${id} svg.marks`).count(), id).toBe(1);
        expect(await page.locator(`#${id} svg.marks path, #${id} svg.marks line`).count(), id).toBeGreaterThan(0);
      }
    },
    TIMEOUT,
  );

  it(
    "moving the map's year slider changes the map",
    async () => {
      const slider = page.locator('#estate-map input[type="range"]');
      expect(await slider.count()).toBe(1);
      const min = Number(await slider.getAttribute('min'));
      const max = Number(await slider.getAttribute('max'));
      expect([min, max]).toEqual([2026, 2029]);
      expect(await page.evaluate(`window.__nabolagViews['estate-map'].signal('${MAP_YEAR_PARAM}')`)).toBe(max);
      const before = await page.locator('#estate-map svg.marks').innerHTML();
      await page.evaluate(`(() => {
      const el = document.querySelector('#estate-map input[type="range"]');
      el.value = '${min}';
      el.dispatchEvent(new Event('input', { bubbles: true }));
      el.dispatchEvent(new Event('change', { bubbles: true }));
    })()`);
      await page.waitForFunction(`window.__nabolagViews['estate-map'].signal('${MAP_YEAR_PARAM}') === ${min}`, undefined, { timeout: 10_000 });
      await page.evaluate(`window.__nabolagViews['estate-map'].runAsync().then(() => true)`);
      const after = await page.locator('#estate-map svg.marks').innerHTML();
      expect(after).not.toBe(before);
      expect(after).toContain(`The estate on 1 January ${min}`);
      expect(before).toContain(`The estate on 1 January ${max}`);
    },
    TIMEOUT,
  );

  it('logged no console errors and requested nothing but the file itself', () => {
    expect(consoleErrors).toEqual([]);
    expect(requests).toEqual([fileUrl]);
  });

  it('logged no warnings either (Vega warned "Infinite extent for field" for layers with nothing to draw)', () => {
    expect(consoleWarnings).toEqual([]);
  });
});
