/**
 * The studio as a teacher preparing a class uses it, in headless Chromium from file://: the
 * prediction (0 to 100 or none; anything else refused with a message, never changed silently),
 * the hint to press Setup after a setting that takes effect at setup changed (and Go from step 0
 * setting up with it), the households with no neighbour that "% similar" leaves out, an estate
 * lever's size or the shock's years left empty (refused in the page's language, nothing run), lists without
 * duplicates, and the layout at 1920x1080 (a larger grid, the estate's charts side by side) and
 * at 1024x768 (no horizontal scrolling).
 *
 * Skipped only when /usr/bin/chromium is missing and CI is not set (as the other browser tests).
 */
import { existsSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { studioPage } from '../../src/cli/studio.js';
import { replicationSeed } from '../../src/model/rng.js';
import { simulate } from '../../src/model/simulate.js';
import { studioScenario } from '../../src/studio/scenario.js';
import { CHROMIUM, openPage } from '../helpers/chromium.js';
import { type StudioState, setupWith as setupOn, slide as slideOn, studioState } from '../helpers/studio.js';

const SKIP = !existsSync(CHROMIUM) && !process.env.CI;
const TIMEOUT = 120_000;

/** The page's document, as far as these tests read it (the tests compile without the DOM's types). */
interface Doc {
  documentElement: { lang: string; scrollWidth: number };
  querySelector(selector: string): { textContent: string | null; selectedOptions?: { textContent: string | null }[] } | null;
}
type Win = { document: Doc };

describe.skipIf(SKIP)('the studio as a teacher uses it', () => {
  let workDir = '';
  let context: BrowserContext | undefined;
  let page: Page;
  const consoleErrors: string[] = [];

  const studio = (): Promise<StudioState> => studioState(page);
  const estate = () => page.evaluate(() => (globalThis as unknown as { __estate: { running: boolean; done: unknown[]; exported: string } }).__estate);
  const slide = (testid: string, value: number) => slideOn(page, testid, value);
  const setupWith = (density: number, wanted: number) => setupOn(page, density, wanted);
  const goUntilStopped = async () => {
    await page.getByTestId('schelling-go').click();
    await page.waitForFunction(() => !(globalThis as unknown as { __studio: StudioState }).__studio.running, null, { timeout: 60_000 });
  };
  const status = async () => (await page.getByTestId('schelling-status').textContent()) ?? '';
  const lang = async (want: 'en' | 'da') => {
    if ((await page.evaluate(() => (globalThis as unknown as Win).document.documentElement.lang)) !== want) await page.getByTestId('studio-lang').click();
  };

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'nabolag-studio-teacher-'));
    const file = join(workDir, 'index.html');
    writeFileSync(file, await studioPage());
    ({ context, page } = await openPage(join(workDir, 'profile'), pathToFileURL(file).href, consoleErrors, []));
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.waitForFunction(() => (globalThis as unknown as { __studio?: StudioState }).__studio?.ready === true);
    await lang('en');
  }, TIMEOUT);

  afterAll(async () => {
    await context?.close();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  it('a first-time user is told what to set and press', async () => {
    await page.waitForFunction(() => (globalThis as unknown as { __studio: StudioState }).__studio.similar.length > 0);
    expect(await status()).toContain('To start: choose the settings on the left');
    expect(await status()).toContain('then press Go');
  });

  it(
    'a prediction outside 0-100 is refused with a message and nothing runs; 55.5 stays 55.5; none is said at the end',
    async () => {
      await setupWith(0.8, 30);
      for (const typed of ['150', '-5']) {
        await page.getByTestId('schelling-guess').fill(typed);
        await page.getByTestId('schelling-go').click();
        expect(await status()).toBe(`Your prediction is ${typed}: enter a number from 0 to 100 (the % similar you expect at the end), or leave it empty.`);
        const s = await studio();
        expect(s.running).toBe(false);
        expect(s.step).toBe(0);
        await expect(page.getByTestId('schelling-guess').getAttribute('aria-invalid')).resolves.toBe('true');
      }
      await page.getByTestId('schelling-guess').fill('55.5');
      await goUntilStopped();
      await expect(page.getByTestId('schelling-reveal').textContent()).resolves.toContain('You predicted 55.5%.');

      await setupWith(0.8, 30);
      await page.getByTestId('schelling-guess').fill('100');
      await goUntilStopped();
      await expect(page.getByTestId('schelling-reveal').textContent()).resolves.toContain('You predicted 100%.');

      await setupWith(0.8, 30);
      await page.getByTestId('schelling-guess').fill('');
      await goUntilStopped();
      await expect(page.getByTestId('schelling-reveal').isVisible()).resolves.toBe(true);
      await expect(page.getByTestId('schelling-reveal').textContent()).resolves.toContain('No prediction was made for this run');

      // 0% wanted: content at once, settled at step 0; the guess is still judged
      await setupWith(0.8, 0);
      await page.getByTestId('schelling-guess').fill('50');
      await goUntilStopped();
      await expect(page.getByTestId('schelling-reveal').isVisible()).resolves.toBe(true);
      await expect(page.getByTestId('schelling-reveal').textContent()).resolves.toMatch(/^You predicted 50%\. The result: \d+\.\d% similar after 0 steps\./);

      await lang('da');
      await setupWith(0.8, 30);
      await page.getByTestId('schelling-guess').fill('150');
      await page.getByTestId('schelling-go').click();
      expect(await status()).toMatch(/^Dit gæt er 150: skriv et tal fra 0 til 100/);
      await lang('en');
      expect(consoleErrors).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'a setting changed after setup says to press Setup; Go from step 0 sets up with it first',
    async () => {
      await setupWith(0.8, 30);
      await page.getByTestId('schelling-guess').fill('');
      await slide('schelling-density', 0.6);
      expect(await status()).toBe('The new density, groups, radius, size or seed take effect when you press Setup.');
      await expect(page.getByTestId('schelling-setup').getAttribute('class')).resolves.toContain('attention');
      await goUntilStopped();
      await expect(page.getByTestId('schelling-setup').getAttribute('class')).resolves.not.toContain('attention');
      // the run is the command line's with density 0.6, step by step
      const s = await studio();
      const sc = studioScenario({ size: 50, density: 0.6, wanted: 0.3, groups: 2, radius: 1, seed: 1 });
      const r = simulate({ ...sc, schelling: { ...sc.schelling!, steps: s.step } }, 0, replicationSeed(sc.seed, 0));
      expect(s.similar).toEqual(Array.from(r.schelling!.similar));
    },
    TIMEOUT,
  );

  it('at a low density the page says how many households have no neighbour (left out of % similar)', async () => {
    await setupWith(0.8, 30);
    await expect(page.getByTestId('schelling-alone').isVisible()).resolves.toBe(false);
    await setupWith(0.1, 30);
    await page.waitForFunction(() => (globalThis as unknown as Win).document.querySelector('[data-testid=schelling-alone]')?.textContent !== '');
    const text = (await page.getByTestId('schelling-alone').textContent()) ?? '';
    expect(text).toMatch(/^\d+\.\d% of the households have no neighbour: they add nothing to % similar and count as content\.$/);
    expect(Number.parseFloat(text)).toBeGreaterThan(20);
    await expect(page.getByTestId('schelling-similar').locator('..').textContent()).resolves.toContain('of all neighbours; households with none not counted');
    await setupWith(0.8, 30);
  });

  it(
    'a share that is not 0 never shows as 0.0% (nor one short of all as 100.0%), and the plot follows a switch of language',
    async () => {
      // 100 x 100, 70% wanted: near the end a few of 8,000 households are still unhappy, and a few have no neighbour
      await slide('schelling-size', 100);
      await setupWith(0.8, 70);
      const text = (testid: string) => page.getByTestId(testid).textContent();
      let seen = false;
      for (let i = 0; i < 200 && !(await studio()).settled; i++) {
        await page.getByTestId('schelling-step').click();
        await page.waitForFunction((n) => (globalThis as unknown as { __studio: StudioState }).__studio.step === n, i + 1);
        const u = (await studio()).unhappy.at(-1)!;
        if (u > 0 && u < 0.0005) {
          seen = true;
          await page.waitForFunction((n) => (globalThis as unknown as Win).document.querySelector('#steps')?.textContent === String(n), i + 1);
          expect(await text('schelling-unhappy')).toBe(`${(u * 100).toFixed(2)}%`);
        }
      }
      expect(seen).toBe(true);
      const s = await studio();
      expect(s.settled).toBe(true);
      const alone = (await text('schelling-alone')) ?? '';
      expect(alone).toMatch(/^0\.0[1-9]% of the households have no neighbour/);
      // the plot's axis is drawn again in Danish per cents
      await page.evaluate(() => {
        const g = globalThis as unknown as {
          __drawn: string[];
          CanvasRenderingContext2D: { prototype: { fillText: (this: unknown, t: string, ...r: unknown[]) => void } };
        };
        g.__drawn = [];
        const fill = g.CanvasRenderingContext2D.prototype.fillText;
        g.CanvasRenderingContext2D.prototype.fillText = function (this: unknown, t: string, ...r: unknown[]) {
          g.__drawn.push(t);
          fill.call(this, t, ...r);
        };
      });
      await lang('da');
      expect(await page.evaluate(() => (globalThis as unknown as { __drawn: string[] }).__drawn)).toContain('100\u00a0%');
      await lang('en');
      await slide('schelling-size', 50);
      await setupWith(0.8, 30);
      expect(consoleErrors).toEqual([]);
    },
    TIMEOUT,
  );

  it('a seed left empty is refused at Setup and Go, never set up as seed 0; one outside its limits is shown as the seed that runs', async () => {
    await setupWith(0.8, 30);
    const before = await studio();
    await page.getByTestId('schelling-seed').fill('');
    for (const button of ['schelling-setup', 'schelling-go']) {
      await page.getByTestId(button).click();
      expect(await status()).toBe(
        'The seed is empty or not a number: enter a whole number from 0 to 4294967295 (the same seed gives the same run). Nothing was set up.',
      );
      await expect(page.getByTestId('schelling-seed').getAttribute('aria-invalid')).resolves.toBe('true');
      await expect(
        page.getByTestId('schelling-seed').evaluate((el) => el === (el.ownerDocument as unknown as { activeElement: unknown }).activeElement),
      ).resolves.toBe(true);
      await expect(page.getByTestId('schelling-seed').inputValue()).resolves.toBe('');
      const now = await studio();
      expect(now.running).toBe(false);
      expect(now.similar).toEqual(before.similar);
    }
    await lang('da');
    await page.getByTestId('schelling-seed').pressSequentially('-');
    await page.getByTestId('schelling-setup').click();
    expect(await status()).toContain('Frøet er tomt eller ikke et tal');
    await lang('en');
    // seed 0 as typed, then -5 and 2.5: set up with 0 and 2, and the field says so
    const similarWith = async (typed: string) => {
      await page.getByTestId('schelling-seed').fill(typed);
      await page.getByTestId('schelling-setup').click();
      await page.waitForFunction(() => {
        const s = (globalThis as unknown as { __studio: StudioState }).__studio;
        return s.step === 0 && s.similar.length === 1 && !s.running;
      });
      await expect(page.getByTestId('schelling-seed').getAttribute('aria-invalid')).resolves.toBeNull();
      return [await page.getByTestId('schelling-seed').inputValue(), (await studio()).similar[0]];
    };
    const zero = await similarWith('0');
    expect(await similarWith('-5')).toEqual(zero);
    const two = await similarWith('2');
    expect(await similarWith('2.5')).toEqual(two);
    await similarWith('1');
    expect(consoleErrors).toEqual([]);
  });

  it(
    "estate mode: a lever's size left empty is refused in the page's language, and nothing runs or is exported",
    async () => {
      await page.getByTestId('mode-estate').click();
      await page.getByTestId('estate-lever-kind').selectOption('largerFlats');
      await page.getByTestId('estate-lever-add').click();
      await page.getByTestId('estate-lever-size').fill('');
      await page.getByTestId('estate-run').click();
      await expect(page.getByTestId('estate-message').textContent()).resolves.toBe(
        'The scenario is not valid, so it was not run or saved: Lever 1 (Larger flats): "large flats made" (policies[0].count) is empty or not a number; enter a whole number from 1 to 100000.',
      );
      let e = await estate();
      expect(e.running).toBe(false);
      expect(e.done).toEqual([]);
      await page.getByTestId('estate-export').click();
      expect((await estate()).exported).toBe('');
      await lang('da');
      await page.getByTestId('estate-lever-size').fill('999999');
      await page.getByTestId('estate-run').click();
      await expect(page.getByTestId('estate-message').textContent()).resolves.toBe(
        'Scenariet er ikke gyldigt, så det blev hverken kørt eller gemt: Tiltag 1 (Større boliger): "store boliger i alt" (policies[0].count) er 999999; tilladt er et helt tal fra 1 til 100000.',
      );
      e = await estate();
      expect(e.running).toBe(false);
      // the message follows a switch of language
      await lang('en');
      await expect(page.getByTestId('estate-message').textContent()).resolves.toContain(
        'Lever 1 (Larger flats): "large flats made" (policies[0].count) is 999999',
      );
      await page.getByTestId('estate-lever-remove').click();
      // the shock's years, empty or beyond the run: refused, no lever added (it was 1 year or the most, silently)
      for (const [typed, said] of [
        ['', 'Years of shock is empty: enter a whole number from 1 to 13'],
        ['30', 'Years of shock is 30: enter a whole number from 1 to 13'],
      ]) {
        await page.getByTestId('estate-shock-years').fill(typed);
        await page.getByTestId('estate-shock').click();
        await expect(page.getByTestId('estate-message').textContent()).resolves.toContain(said);
        await expect(page.getByTestId('estate-lever').count()).resolves.toBe(0);
      }
      await page.getByTestId('estate-shock-years').fill('3');
      expect(consoleErrors).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    "estate mode: the replications or the seed left empty is refused at the field, in the page's language; nothing runs as 1 replication or seed 0",
    async () => {
      await page.getByTestId('mode-estate').click();
      await page.getByTestId('estate-preset').selectOption('0');
      for (const [testid, said] of [
        ['estate-replications', '"Replications" (replications) is empty or not a number; enter a whole number from 1 to 200.'],
        ['estate-seed', '"Seed" (seed) is empty or not a number; enter a whole number from 0 to 4294967295.'],
      ] as const) {
        await page.getByTestId(testid).fill('');
        for (const button of ['estate-run', 'estate-export']) {
          await page.getByTestId(button).click();
          await expect(page.getByTestId('estate-message').textContent()).resolves.toBe(`The scenario is not valid, so it was not run or saved: ${said}`);
          await expect(page.getByTestId(testid).getAttribute('aria-invalid')).resolves.toBe('true');
          await expect(
            page.getByTestId(testid).evaluate((el) => el === (el.ownerDocument as unknown as { activeElement: unknown }).activeElement),
          ).resolves.toBe(true);
          // the field stays as typed: empty, not a 1 or a 0 put in its place
          await expect(page.getByTestId(testid).inputValue()).resolves.toBe('');
          const e = await estate();
          expect(e.running).toBe(false);
          expect(e.done).toEqual([]);
          expect(e.exported).toBe('');
        }
        await page.getByTestId(testid).fill(testid === 'estate-seed' ? '1' : '10');
        await expect(page.getByTestId(testid).getAttribute('aria-invalid')).resolves.toBeNull();
      }
      // in Danish, and a field holding no number (typed "-" or "e": the browser's badInput) is refused too
      await lang('da');
      await page.getByTestId('estate-replications').fill('');
      await page.getByTestId('estate-replications').pressSequentially('-');
      await page.getByTestId('estate-run').click();
      await expect(page.getByTestId('estate-message').textContent()).resolves.toBe(
        'Scenariet er ikke gyldigt, så det blev hverken kørt eller gemt: "Gentagelser" (replications) er tomt eller ikke et tal; skriv et helt tal fra 1 til 200.',
      );
      expect((await estate()).done).toEqual([]);
      await lang('en');
      await page.getByTestId('estate-replications').fill('10');
      expect(consoleErrors).toEqual([]);
    },
    TIMEOUT,
  );

  it("estate mode from the keyboard: before a run no chart's save button is a Tab stop; after it those of the charts drawn are, and Enter runs", async () => {
    await page.getByTestId('mode-estate').click();
    await page.getByTestId('estate-preset').selectOption('0');
    const saves = () =>
      page.evaluate(() =>
        Array.from(
          (
            globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<{ dataset: { testid?: string }; disabled: boolean }> } }
          ).document.querySelectorAll('button[data-chart]'),
        )
          .filter((b) => !b.disabled)
          .map((b) => b.dataset.testid),
      );
    await page.waitForFunction(() => (globalThis as unknown as { __estate: { total: number } }).__estate.total === 0);
    expect(await saves()).toEqual([]);
    // Tab from the seed field reaches Run; Enter runs 1 replication, with no lever: no difference chart to save
    await page.getByTestId('estate-replications').fill('1');
    await page.getByTestId('estate-seed').focus();
    await page.keyboard.press('Tab');
    await expect(
      page.getByTestId('estate-run').evaluate((el) => el === (el.ownerDocument as unknown as { activeElement: unknown }).activeElement),
    ).resolves.toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      () => {
        const e = (globalThis as unknown as { __estate: { running: boolean; done: unknown[] } }).__estate;
        return !e.running && e.done.filter((d) => d).length === 1;
      },
      null,
      { timeout: 60_000 },
    );
    await page.waitForFunction(
      () =>
        (globalThis as unknown as { document: { querySelector(s: string): { disabled: boolean } } }).document.querySelector(
          '[data-testid=estate-share-chart-svg]',
        ).disabled === false,
    );
    expect(await saves()).toEqual([
      'estate-share-chart-svg',
      'estate-share-chart-png',
      'estate-map-svg',
      'estate-map-png',
      'estate-families-chart-svg',
      'estate-families-chart-png',
    ]);
    await page.getByTestId('estate-replications').fill('10');
    expect(consoleErrors).toEqual([]);
  });

  it('estate mode: a run of 1 replication with a lever says "1 replication", not "1 replications"', async () => {
    await page.getByTestId('mode-estate').click();
    await page.getByTestId('estate-replications').fill('1');
    await page.getByTestId('estate-shock').click();
    await page.getByTestId('estate-run').click();
    await page.waitForFunction(
      () => {
        const e = (globalThis as unknown as { __estate: { running: boolean; done: unknown[]; baseline: unknown[] } }).__estate;
        return !e.running && e.done.filter((d) => d).length === 1 && e.baseline.filter((d) => d).length === 1;
      },
      null,
      { timeout: 60_000 },
    );
    const progress = async () => (await page.locator('#estate-progress-text').textContent()) ?? '';
    expect(await progress()).toMatch(/^2 of 2 runs done: 1 replication with the levers and 1 of the baseline \(/);
    await lang('da');
    expect(await progress()).toMatch(/^2 af 2 kørsler færdige: 1 gentagelse med tiltag og 1 af grundscenariet \(/);
    await lang('en');
    await page.getByTestId('estate-lever-remove').click();
    await page.getByTestId('estate-replications').fill('10');
    expect(consoleErrors).toEqual([]);
  });

  it('estate mode: no list shows an entry twice, and a file opened again replaces its entry', async () => {
    const options = (id: string) => page.getByTestId(id).locator('option').allTextContents();
    const presets = await options('estate-preset');
    expect(new Set(presets).size).toBe(presets.length);
    expect(presets.some((o) => o.includes('average.yaml'))).toBe(false); // default.yaml is average.yaml renamed
    const kinds = await options('estate-lever-kind');
    expect(new Set(kinds).size).toBe(kinds.length);
    const open = (years: number) =>
      page.getByTestId('estate-open').setInputFiles({ name: 'mine.yaml', mimeType: 'application/yaml', buffer: Buffer.from(`name: mine\nyears: ${years}\n`) });
    await open(5);
    await page.waitForFunction(
      () => (globalThis as unknown as Win).document.querySelector('#estate-preset')?.selectedOptions?.[0]?.textContent === 'mine (mine.yaml)',
    );
    await open(6);
    await page.waitForFunction(() => (globalThis as unknown as Win).document.querySelector('#estate-progress-text')?.textContent === 'Opened mine.yaml.');
    const after = await options('estate-preset');
    expect(after).toEqual([...presets, 'mine (mine.yaml)']);
    // the entry is the file as opened the second time
    await page.getByTestId('estate-lever-add').click();
    await expect(page.getByTestId('estate-lever-from').getAttribute('max')).resolves.toBe('2032');
    await page.getByTestId('estate-lever-remove').click();
    await page.getByTestId('estate-preset').selectOption('0');
    await page.getByTestId('mode-schelling').click();
  });

  it('at 1920x1080 the grid is larger and the estate charts stand side by side; at 1024x768 nothing scrolls sideways', async () => {
    const box = async (testid: string) => (await page.getByTestId(testid).boundingBox())!;
    await page.setViewportSize({ width: 1920, height: 1080 });
    expect((await box('schelling-grid')).width).toBeGreaterThanOrEqual(560);
    expect((await box('schelling-plot')).x + (await box('schelling-plot')).width).toBeGreaterThan(1600);
    await page.getByTestId('mode-estate').click();
    const share = await box('estate-share-chart');
    const map = await box('estate-map');
    expect(map.x).toBeGreaterThan(share.x + share.width);
    expect(map.x + map.width).toBeGreaterThan(1700);
    await page.setViewportSize({ width: 1024, height: 768 });
    expect(await page.evaluate(() => (globalThis as unknown as Win).document.documentElement.scrollWidth)).toBeLessThanOrEqual(1024);
    const share2 = await box('estate-share-chart');
    const map2 = await box('estate-map');
    expect(map2.y).toBeGreaterThan(share2.y + share2.height);
    await page.getByTestId('mode-schelling').click();
    expect((await box('schelling-grid')).width).toBe(400);
    expect(await page.evaluate(() => (globalThis as unknown as Win).document.documentElement.scrollWidth)).toBeLessThanOrEqual(1024);
    expect(consoleErrors).toEqual([]);
  });
  it('at a projector (1280x720 or 1024x768) and a laptop (1366x768), in both languages: nothing scrolls sideways and no list entry is cut; at 1024x768 the Danish monitors fit', async () => {
    const scrollWidth = () => page.evaluate(() => (globalThis as unknown as Win).document.documentElement.scrollWidth);
    // the entries of a list wider than the list shows them: its text measured in the list's font, plus room for the arrow
    const cut = (testid: string) =>
      page.getByTestId(testid).evaluate((el) => {
        const sel = el as unknown as { clientWidth: number; options: ArrayLike<{ textContent: string | null }> };
        const g = globalThis as unknown as {
          getComputedStyle(e: unknown): { fontSize: string; fontFamily: string };
          document: { createElement(t: 'canvas'): { getContext(k: '2d'): { font: string; measureText(s: string): { width: number } } } };
        };
        const ctx = g.document.createElement('canvas').getContext('2d');
        const cs = g.getComputedStyle(el);
        ctx.font = `${cs.fontSize} ${cs.fontFamily}`;
        return Array.from(sel.options)
          .map((o) => o.textContent ?? '')
          .filter((text) => ctx.measureText(text).width + 28 > sel.clientWidth);
      });
    for (const [width, height] of [
      [1280, 720],
      [1366, 768],
      [1024, 768],
    ]) {
      await page.setViewportSize({ width, height });
      for (const l of ['en', 'da'] as const) {
        await lang(l);
        await page.getByTestId('mode-schelling').click();
        expect(await scrollWidth()).toBeLessThanOrEqual(width);
        await page.getByTestId('mode-estate').click();
        expect(await scrollWidth()).toBeLessThanOrEqual(width);
        expect(await cut('estate-preset')).toEqual([]);
        expect(await cut('estate-lever-kind')).toEqual([]);
      }
    }
    // the file of the estate chosen is named under the list
    await expect(page.locator('#estate-description').textContent()).resolves.toContain('Fil: scenarios/default.yaml.');
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.getByTestId('mode-schelling').click();
    // the widest value a monitor shows, in Danish
    await page.getByTestId('schelling-similar').evaluate((el) => {
      (el as unknown as { textContent: string }).textContent = '100,0\u00a0%';
    });
    expect(await scrollWidth()).toBeLessThanOrEqual(1024);
    const monitor = await page.getByTestId('schelling-unhappy').evaluate((el) => {
      const box = (e: unknown) => (e as { getBoundingClientRect(): { right: number } }).getBoundingClientRect().right;
      return [box(el), box((el as unknown as { parentElement: unknown }).parentElement)];
    });
    expect(monitor[0]).toBeLessThanOrEqual(monitor[1]!);
    await lang('en');
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(consoleErrors).toEqual([]);
  });
});
