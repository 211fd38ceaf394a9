/**
 * The studio (nabolag studio) in headless Chromium from file:// with a fresh profile: it loads
 * with no console errors and no request but the file itself and its worker's blob: URL; in
 * Schelling mode, density 0.8 and 30% wanted settle at 65-80% similar, 80% wanted never
 * settles within 200 steps; the page's shares equal the command line's model step by step; the
 * buttons work from the keyboard and the language switches. In estate mode: the page's metrics
 * equal `nabolag run`'s; a lever set in the page runs with its baseline on the same seeds and
 * shows the difference chart, and its export validates and runs to the page's numbers; the map
 * plays and pauses; the spiral demonstration's shock and strength export as the CLI reads them;
 * every chart saves as SVG and PNG; an opened file gets the CLI's messages. Prints the steps per
 * second of the 50x50 grid at full speed and the estate mode's time (recorded in
 * bench/RESULTS.md; not asserted).
 *
 * Skipped only when /usr/bin/chromium is missing and CI is not set (as the report's browser test).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replicationSeed } from '../../src/model/rng.js';
import { simulate } from '../../src/model/simulate.js';
import { studioPage } from '../../src/cli/studio.js';
import { studioScenario } from '../../src/studio/scenario.js';
import { CHROMIUM, openPage } from '../helpers/chromium.js';
import { type StudioState, setupWith as setupOn, slide as slideOn, studioState } from '../helpers/studio.js';

const HAVE_CHROMIUM = existsSync(CHROMIUM);
const SKIP = !HAVE_CHROMIUM && !process.env.CI;
const TIMEOUT = 120_000;

describe.skipIf(SKIP)('the studio in headless Chromium', () => {
  let workDir = '';
  let context: BrowserContext | undefined;
  let page: Page;
  const consoleErrors: string[] = [];
  const requests: string[] = [];
  let fileUrl = '';

  const studio = (): Promise<StudioState> => studioState(page);
  const slide = (testid: string, value: number) => slideOn(page, testid, value);
  const setupWith = (density: number, wanted: number) => setupOn(page, density, wanted);

  beforeAll(async () => {
    if (!HAVE_CHROMIUM) throw new Error(`${CHROMIUM} is missing but CI is set: install it (apt-get install -y chromium)`);
    workDir = await mkdtemp(join(tmpdir(), 'nabolag-studio-browser-'));
    const file = join(workDir, 'index.html');
    writeFileSync(file, await studioPage());
    fileUrl = pathToFileURL(file).href;
    ({ context, page } = await openPage(join(workDir, 'profile'), fileUrl, consoleErrors, requests));
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.waitForFunction(() => (globalThis as unknown as { __studio?: StudioState }).__studio?.ready === true);
  }, TIMEOUT);

  afterAll(async () => {
    await context?.close();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  it('loads from file:// with every test id, no console errors and no network request', async () => {
    for (const id of ['density', 'wanted', 'setup', 'step', 'go', 'similar', 'unhappy', 'grid'])
      await expect(page.getByTestId(`schelling-${id}`).count()).resolves.toBe(1);
    await page.waitForFunction(() => (globalThis as unknown as { __studio: StudioState }).__studio.similar.length > 0);
    expect(consoleErrors).toEqual([]);
    // the page itself and its worker (a blob: URL made from the page's own text), nothing else
    expect(requests.filter((u) => u !== fileUrl && !u.startsWith('blob:'))).toEqual([]);
  });

  it(
    'density 0.8, 30% wanted: go runs until settled at 65-80% similar',
    async () => {
      await setupWith(0.8, 30);
      await page.getByTestId('schelling-guess').fill('50');
      await page.getByTestId('schelling-go').click();
      await page.waitForFunction(() => !(globalThis as unknown as { __studio: StudioState }).__studio.running, null, { timeout: 60_000 });
      const s = await studio();
      expect(s.settled).toBe(true);
      const shown = Number((await page.getByTestId('schelling-similar').textContent())!.replace('%', ''));
      expect(shown).toBeGreaterThanOrEqual(65);
      expect(shown).toBeLessThanOrEqual(80);
      expect(await page.getByTestId('schelling-unhappy').textContent()).toBe('0.0%');
      // predict, then reveal: the guess against the result
      await expect(page.getByTestId('schelling-reveal').textContent()).resolves.toContain('50%');
      await expect(page.getByTestId('schelling-reveal').isVisible()).resolves.toBe(true);
      // a guess below the settled result is told it underestimated, never that it overestimated
      await expect(page.getByTestId('schelling-reveal').textContent()).resolves.toContain('more sorted than you guessed');
    },
    TIMEOUT,
  );

  it("the page's shares equal the command line model's, step by step, for the same settings and seed", async () => {
    const s = await studio();
    const sc = studioScenario({ size: 50, density: 0.8, wanted: 0.3, groups: 2, radius: 1, seed: 1 });
    const r = simulate({ ...sc, schelling: { ...sc.schelling!, steps: s.step } }, 0, replicationSeed(sc.seed, 0));
    expect(Array.from(r.schelling!.similar)).toEqual(s.similar);
    expect(Array.from(r.schelling!.unhappy)).toEqual(s.unhappy);
  });

  it(
    '80% wanted never settles within 200 steps (and reports steps per second)',
    async () => {
      await setupWith(0.8, 80);
      const before = await studio();
      await page.getByTestId('schelling-go').click();
      await page.waitForFunction(() => (globalThis as unknown as { __studio: StudioState }).__studio.step >= 200, null, { timeout: 90_000 });
      await page.getByTestId('schelling-go').click(); // stop
      const s = await studio();
      expect(s.running).toBe(false);
      expect(s.settled).toBe(false);
      expect(Math.min(...s.unhappy.slice(0, 201))).toBeGreaterThan(0);
      const perSecond = (s.goSteps - before.goSteps) / ((s.goMs - before.goMs) / 1000);
      console.log(
        `[studio] 50x50 grid, 80% wanted, full speed: ${s.goSteps - before.goSteps} steps drawn in ${(s.goMs - before.goMs).toFixed(0)} ms = ${perSecond.toFixed(1)} steps per second`,
      );
      expect(consoleErrors).toEqual([]);
    },
    TIMEOUT,
  );

  it('is keyboard operable and switches to Danish', async () => {
    const step0 = (await studio()).step;
    await page.getByTestId('schelling-step').focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction((n) => (globalThis as unknown as { __studio: StudioState }).__studio.step === n + 1, step0);
    await page.getByTestId('studio-lang').focus();
    await page.keyboard.press('Space');
    await expect(
      page.evaluate(() => (globalThis as unknown as { document: { documentElement: { lang: string } } }).document.documentElement.lang),
    ).resolves.toBe('da');
    await expect(page.getByTestId('schelling-go').textContent()).resolves.toBe('Kør');
    await page.getByTestId('studio-lang').click();
    await expect(page.getByTestId('schelling-go').textContent()).resolves.toBe('Go');
    expect(consoleErrors).toEqual([]);
  });

  interface EstateState {
    running: boolean;
    total: number;
    done: { rows: string; share: number[] }[];
    baseline: { rows: string; share: number[] }[];
    paired: boolean;
    diff: { n: number; years: number[]; mean: number[]; low: number[]; high: number[] } | null;
    ms: number;
    anchorMs: number;
    errors: string[];
    exported: string;
    chartFile: { name: string; svg?: string; pngBytes?: number } | null;
    mapIndex: number;
    mapFrames: number;
    playing: boolean;
  }
  const estate = (): Promise<EstateState> => page.evaluate(() => (globalThis as unknown as { __estate: EstateState }).__estate);
  /** The CLI's metrics.csv rows of the default scenario, 2 replications (the test below writes them). */
  let cliRows = '';
  /** Pixels drawn on a canvas (not transparent). */
  const inked = (testid: string): Promise<number> =>
    page.getByTestId(testid).evaluate((el) => {
      const c = el as unknown as { width: number; height: number; getContext(k: '2d'): { getImageData(...a: number[]): { data: Uint8ClampedArray } } };
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 3; i < d.length; i += 4) if (d[i]! > 0) n++;
      return n;
    });
  const validateFile = (text: string, name: string) => {
    const file = join(workDir, name);
    writeFileSync(file, text);
    return { file, r: spawnSync(process.execPath, [resolve('bin/nabolag.js'), 'validate', file], { encoding: 'utf8', timeout: 60_000 }) };
  };
  const runEstate = async (replications: number) => {
    await page.getByTestId('estate-replications').fill(String(replications));
    await page.getByTestId('estate-run').click();
    await page.waitForFunction(
      (n) => {
        const e = (globalThis as unknown as { __estate: EstateState }).__estate;
        return e.total === n && !e.running && e.done.filter((d) => d).length === n && (!e.paired || e.baseline.filter((d) => d).length === n);
      },
      replications,
      { timeout: 90_000 },
    );
  };

  it(
    "estate mode: the default scenario's 2 replications give the CLI's metrics.csv rows exactly",
    async () => {
      await page.getByTestId('mode-estate').click();
      await expect(page.getByTestId('estate-preset').inputValue()).resolves.toBe('0'); // scenarios/default.yaml
      await runEstate(2);
      const e = await estate();
      expect(e.errors).toEqual([]);
      await expect(page.getByTestId('estate-progress').getAttribute('value')).resolves.toBe('2');
      const out = join(workDir, 'cli');
      const r = spawnSync(
        process.execPath,
        [resolve('bin/nabolag.js'), 'run', 'scenarios/default.yaml', '-n', '2', '--no-report', '-q', '-w', '1', '--out', out],
        {
          encoding: 'utf8',
          timeout: 120_000,
        },
      );
      expect(r.status, r.stderr).toBe(0);
      const csv = readFileSync(join(out, 'metrics.csv'), 'utf8');
      cliRows = csv.slice(csv.indexOf('\n') + 1);
      expect(e.done.map((d) => d.rows).join('')).toBe(cliRows);
    },
    TIMEOUT,
  );

  it(
    'estate mode: 10 replications of 15 years update the charts; the exported YAML validates with the CLI',
    async () => {
      await runEstate(10);
      const e = await estate();
      console.log(
        `[studio] estate mode: 10 replications of the default scenario (15 years) in ${(e.ms / 1000).toFixed(2)} s (the estate anchored by the run before)`,
      );
      await page.getByTestId('estate-export').click();
      const exported = (await estate()).exported;
      expect(exported).toContain('replications: 10');
      const file = join(workDir, 'exported.yaml');
      writeFileSync(file, exported);
      const v = spawnSync(process.execPath, [resolve('bin/nabolag.js'), 'validate', file], { encoding: 'utf8', timeout: 60_000 });
      expect(v.status, v.stdout + v.stderr).toBe(0);
      expect(consoleErrors).toEqual([]);
      expect(requests.filter((u) => u !== fileUrl && !u.startsWith('blob:'))).toEqual([]);
    },
    TIMEOUT,
  );
  it(
    'estate mode: a lever switched on, sized and dated in the page shows the difference to the baseline on the same seeds; the export validates and runs to the same numbers',
    async () => {
      await page.getByTestId('estate-lever-kind').selectOption('extension');
      await page.getByTestId('estate-lever-add').click();
      const lever = page.getByTestId('estate-lever');
      await expect(lever.count()).resolves.toBe(1);
      await lever.getByTestId('estate-lever-size').fill('0.3');
      await lever.getByTestId('estate-lever-from').fill('2027');
      await lever.getByTestId('estate-lever-until').fill('2036');
      await runEstate(2);
      const e = await estate();
      expect(e.errors).toEqual([]);
      expect(e.paired).toBe(true);
      // 2 replications: the chart says its interval is wide
      await page.waitForFunction(
        () => !(globalThis as unknown as { document: { getElementById(id: string): { hidden: boolean } } }).document.getElementById('estate-diff-few').hidden,
      );
      await expect(page.getByTestId('estate-diff-few').textContent()).resolves.toMatch(/^With 2 replications the 95% interval of the mean is wide/);
      // the baseline is the scenario without levers on the same seeds: the command line's default run
      expect(e.baseline.map((d) => d.rows).join('')).toBe(cliRows);
      // the difference is taken replication by replication
      const d = e.diff!;
      expect(d.n).toBe(2);
      const last = d.years.length - 1;
      const paired = e.done.map((r, i) => r.share[last]! - e.baseline[i]!.share[last]!);
      expect(d.mean[last]).toBeCloseTo((paired[0]! + paired[1]!) / 2, 12);
      expect(d.mean[0]).toBe(0); // the same households at the start
      expect(d.low[last]).toBeLessThan(d.mean[last]!);
      expect(d.high[last]).toBeGreaterThan(d.mean[last]!);
      expect(d.mean[last]).toBeGreaterThan(0); // resource-strong families stay longer
      await expect(page.getByTestId('estate-diff-empty').isVisible()).resolves.toBe(false);
      expect(await inked('estate-diff-chart')).toBeGreaterThan(2000);
      await expect(page.locator('#estate-progress-text').textContent()).resolves.toContain('4 of 4');

      await page.getByTestId('estate-export').click();
      const exported = (await estate()).exported;
      expect(exported).toMatch(/lever: extension/);
      expect(exported).toMatch(/factor: 0\.3/);
      expect(exported).toMatch(/from: 2027/);
      expect(exported).toMatch(/until: 2036/);
      // no longer the preset "without levers": its name and description say what was added
      expect(exported).toMatch(/^name: default-levers$/m);
      expect(exported.replace(/\s+/g, ' ')).toContain('With levers chosen in the nabolag studio: extension from 2027 until 2036.');
      const { file, r } = validateFile(exported, 'with-lever.yaml');
      expect(r.status, r.stdout + r.stderr).toBe(0);
      const out = join(workDir, 'cli-lever');
      const run = spawnSync(process.execPath, [resolve('bin/nabolag.js'), 'run', file, '--no-report', '-q', '-w', '1', '--out', out], {
        encoding: 'utf8',
        timeout: 120_000,
      });
      expect(run.status, run.stderr).toBe(0);
      const csv = readFileSync(join(out, 'metrics.csv'), 'utf8');
      expect(e.done.map((x) => x.rows).join('')).toBe(csv.slice(csv.indexOf('\n') + 1));
      expect(consoleErrors).toEqual([]);
    },
    TIMEOUT,
  );

  it('estate mode: the map plays month by month and pauses, from the keyboard', async () => {
    const e = await estate();
    expect(e.mapFrames).toBe(15 * 12 + 1);
    expect(e.mapIndex).toBe(15 * 12);
    await expect(page.getByTestId('estate-map-date').textContent()).resolves.toBe('January 2041');
    expect(await inked('estate-map')).toBeGreaterThan(5000);
    await page.getByTestId('estate-map-play').focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => {
      const s = (globalThis as unknown as { __estate: EstateState }).__estate;
      return s.playing && s.mapIndex >= 4 && s.mapIndex < 100;
    });
    await expect(page.getByTestId('estate-map-play').getAttribute('aria-pressed')).resolves.toBe('true');
    await page.keyboard.press('Enter');
    const k = (await estate()).mapIndex;
    await page.waitForTimeout(400);
    const after = await estate();
    expect(after.playing).toBe(false);
    expect(after.mapIndex).toBe(k);
    const months = 'January,February,March,April,May,June,July,August,September,October,November,December'.split(',');
    await page.waitForFunction(
      (want) =>
        (globalThis as unknown as { document: { getElementById(id: string): { textContent: string } } }).document.getElementById('estate-map-date')
          .textContent === want,
      `${months[k % 12]} ${2026 + Math.floor(k / 12)}`,
    );
    // the slider moves it too
    await page.getByTestId('estate-map-month').focus();
    await page.keyboard.press('End');
    expect((await estate()).mapIndex).toBe(15 * 12);
  });

  it(
    "estate mode: the spiral demonstration adds a shock and scales the spiral; a bad value gets the command line's message",
    async () => {
      await page.getByTestId('estate-lever-remove').click();
      await expect(page.getByTestId('estate-lever').count()).resolves.toBe(0);
      await slide('estate-spiral', 2);
      await page.getByTestId('estate-shock-years').fill('3');
      await page.getByTestId('estate-shock').click();
      const lever = page.getByTestId('estate-lever');
      await expect(lever.getByTestId('estate-lever-size').inputValue()).resolves.toBe('1');
      await expect(lever.getByTestId('estate-lever-from').inputValue()).resolves.toBe('2028');
      await expect(lever.getByTestId('estate-lever-until').inputValue()).resolves.toBe('2031');
      // a year the schema refuses: the scenario is neither run nor exported, and the message is the CLI's
      await lever.getByTestId('estate-lever-from').fill('1800');
      await page.getByTestId('estate-run').click();
      const message = (await page.getByTestId('estate-message').textContent()) ?? '';
      expect(message).toContain('policies[0].from');
      expect(message).toContain('1800');
      const bad = validateFile((await estate()).exported.replace(/from: 2027/, 'from: 1800'), 'bad.yaml');
      expect(bad.r.status).toBe(2);
      expect(bad.r.stderr).toContain('policies[0].from');
      await lever.getByTestId('estate-lever-from').fill('2028');
      await runEstate(2);
      const e = await estate();
      expect(e.errors).toEqual([]);
      // during the shock the resource-strong share falls below the baseline's
      expect(Math.min(...e.diff!.mean)).toBeLessThan(-0.01);
      await page.getByTestId('estate-export').click();
      const exported = (await estate()).exported;
      expect(exported).toMatch(/imageOnApplicants: 16\n/);
      expect(exported).toMatch(/imageOnStaying: 2\n/);
      expect(exported).toMatch(/lever: municipalAllocation/);
      const { r } = validateFile(exported, 'shock.yaml');
      expect(r.status, r.stdout + r.stderr).toBe(0);
      expect(consoleErrors).toEqual([]);
    },
    TIMEOUT,
  );

  it('estate mode: every chart saves as SVG and PNG; the texts switch to Danish', async () => {
    for (const chart of ['estate-share-chart', 'estate-diff-chart', 'estate-map', 'estate-families-chart']) {
      await page.getByTestId(`${chart}-svg`).click();
      const f = (await estate()).chartFile!;
      expect(f.name).toMatch(/\.svg$/);
      expect(f.svg).toMatch(/^<svg /);
      // well-formed SVG with the chart's title
      const ok = await page.evaluate((svg) => {
        const g = globalThis as unknown as { DOMParser: new () => { parseFromString(s: string, t: string): { querySelector(q: string): unknown } } };
        const doc = new g.DOMParser().parseFromString(svg, 'image/svg+xml');
        return doc.querySelector('parsererror') === null && doc.querySelector('text') !== null && doc.querySelector('path, rect') !== null;
      }, f.svg!);
      expect(ok).toBe(true);
      await page.getByTestId(`${chart}-png`).click();
      await page.waitForFunction((c) => {
        const s = (globalThis as unknown as { __estate: EstateState }).__estate.chartFile;
        return s?.name.endsWith(`${c.replace('estate-', '').replace('-chart', '')}.png`) && (s.pngBytes ?? 0) > 1000;
      }, chart);
    }
    await page.getByTestId('studio-lang').click();
    await expect(page.getByTestId('estate-map-play').textContent()).resolves.toBe('Afspil');
    await expect(page.getByTestId('estate-lever').textContent()).resolves.toContain('Kommunal anvisning');
    // a shipped scenario's description is in Danish too
    await expect(page.locator('#estate-description').textContent()).resolves.toContain('ressourcestærke');
    // the map's date is drawn with the map, at the next animation frame: wait for it
    await expect.poll(() => page.getByTestId('estate-map-date').textContent()).toBe('januar 2041');
    await page.getByTestId('studio-lang').click();
    await expect(page.getByTestId('estate-map-play').textContent()).resolves.toBe('Play');
    await expect(page.locator('#estate-description').textContent()).resolves.toContain('resource-strong');
    await expect.poll(() => page.getByTestId('estate-map-date').textContent()).toBe('January 2041');
    expect(consoleErrors).toEqual([]);
    expect(requests.filter((u) => u !== fileUrl && !u.startsWith('blob:'))).toEqual([]);
  });
  it("estate mode: a scenario file opened in the page is checked with the command line's messages, and a good one is offered to run", async () => {
    const bad = 'name: typo\nyeers: 10\npolicies:\n  - { lever: extension, from: 1800 }\n';
    await page.getByTestId('estate-open').setInputFiles({ name: 'typo.yaml', mimeType: 'application/yaml', buffer: Buffer.from(bad) });
    await page.waitForFunction(() => {
      const d = (globalThis as unknown as { document: { getElementById(id: string): { textContent: string } } }).document;
      return d.getElementById('estate-message').textContent !== '';
    });
    const shown = (await page.getByTestId('estate-message').textContent()) ?? '';
    const { r } = validateFile(bad, 'typo.yaml');
    expect(r.status).toBe(2);
    // every line the command line prints about the file, with the file named as the page knows it
    const lines = r.stderr
      .split('\n')
      .filter((l) => l.includes('typo.yaml: '))
      .map((l) => l.slice(l.indexOf('typo.yaml: ')));
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const l of lines) expect(shown).toContain(l);

    const good = `name: opened\nyears: 5\nreplications: 2\nseed: 7\npolicies:\n  - { lever: programme, from: 2027, boost: 2 }\n`;
    await page.getByTestId('estate-open').setInputFiles({ name: 'opened.yaml', mimeType: 'application/yaml', buffer: Buffer.from(good) });
    await page.waitForFunction(() => {
      const d = (globalThis as unknown as { document: { getElementById(id: string): { selectedOptions: { textContent: string }[] } } }).document;
      return d.getElementById('estate-preset').selectedOptions[0]?.textContent === 'opened (opened.yaml)';
    });
    await expect(page.getByTestId('estate-message').textContent()).resolves.toBe('');
    await expect(page.getByTestId('estate-replications').inputValue()).resolves.toBe('2');
    await expect(page.getByTestId('estate-seed').inputValue()).resolves.toBe('7');
    await expect(page.getByTestId('estate-lever').count()).resolves.toBe(1);
    await expect(page.getByTestId('estate-lever-size').inputValue()).resolves.toBe('2');
    await page.getByTestId('estate-export').click();
    const exported = (await estate()).exported;
    expect(exported).toMatch(/^name: opened$/m);
    expect(exported).toMatch(/^years: 5$/m);
    expect(validateFile(exported, 'opened-again.yaml').r.status).toBe(0);
    expect(consoleErrors).toEqual([]);
  });

  it("estate mode: a region's lever acts on every estate or on the one chosen, and the export says which", async () => {
    const region = 'name: two\nyears: 3\nreplications: 1\nestates:\n  - { name: A, flats: 200 }\n  - { name: B, flats: 200 }\n';
    await page.getByTestId('estate-open').setInputFiles({ name: 'two.yaml', mimeType: 'application/yaml', buffer: Buffer.from(region) });
    await page.waitForFunction(() => {
      const d = (globalThis as unknown as { document: { getElementById(id: string): { selectedOptions: { textContent: string }[] } } }).document;
      return d.getElementById('estate-preset').selectedOptions[0]?.textContent === 'two (two.yaml)';
    });
    await page.getByTestId('estate-lever-kind').selectOption('demolition');
    await page.getByTestId('estate-lever-add').click();
    const which = page.getByTestId('estate-lever-estate');
    await expect(which.locator('option').allTextContents()).resolves.toEqual(['every estate of the region', 'A', 'B']);
    await expect(which.inputValue()).resolves.toBe('');
    await which.selectOption('1');
    await page.getByTestId('estate-export').click();
    const exported = (await estate()).exported;
    expect(exported).toMatch(/lever: demolition/);
    expect(exported).toMatch(/estate: 1$/m);
    expect(validateFile(exported, 'two-levers.yaml').r.status).toBe(0);
    // the map names the region's estates above their flats
    await runEstate(1);
    await page.getByTestId('estate-map-svg').click();
    const svg = (await estate()).chartFile!.svg!;
    expect(svg).toMatch(/>A<\/text>/);
    expect(svg).toMatch(/>B<\/text>/);
    // one estate: no such choice
    await page.getByTestId('estate-preset').selectOption('0');
    await page.getByTestId('estate-lever-add').click();
    await expect(page.getByTestId('estate-lever-estate').count()).resolves.toBe(0);
    expect(consoleErrors).toEqual([]);
  });

  it('estate mode: a setting changed after a run says the charts are of the run as started; a refused run clears them; the spiral slider stops where the schema does', async () => {
    await page.getByTestId('estate-preset').selectOption('0');
    await runEstate(1);
    await expect(page.getByTestId('estate-stale').isHidden()).resolves.toBe(true);
    await page.getByTestId('estate-seed').fill('7');
    await expect(page.getByTestId('estate-stale').isVisible()).resolves.toBe(true);
    await expect(page.getByTestId('estate-stale').textContent()).resolves.toContain('The settings changed since this run');
    await runEstate(1);
    await expect(page.getByTestId('estate-stale').isHidden()).resolves.toBe(true);
    // a lever added after the run marks it too; a refused run (a year before the start) clears its charts
    await page.getByTestId('estate-shock').click();
    await expect(page.getByTestId('estate-stale').isVisible()).resolves.toBe(true);
    await page.getByTestId('estate-lever').getByTestId('estate-lever-from').fill('1800');
    await page.getByTestId('estate-run').click();
    const e = await estate();
    expect(e.done).toEqual([]);
    expect(e.total).toBe(0);
    await expect(page.getByTestId('estate-stale').isHidden()).resolves.toBe(true);
    expect((await page.getByTestId('estate-message').textContent()) ?? '').toContain('policies[0].from');
    // the default's spiral (imageOnApplicants 8, imageOnStaying 1) reaches x4 within the schema's 40
    await expect(page.getByTestId('estate-spiral').getAttribute('max')).resolves.toBe('4');
    await page.getByTestId('estate-lever-remove').click();
    // a count or seed the page cannot run is shown as what it runs, not kept as typed
    await page.getByTestId('estate-seed').fill('-5');
    await page.getByTestId('estate-replications').fill('0');
    await page.getByTestId('estate-run').click();
    await page.waitForFunction(() => {
      const e = (globalThis as unknown as { __estate: EstateState }).__estate;
      return e.total === 1 && !e.running && e.done.filter((d) => d).length === 1;
    });
    await expect(page.getByTestId('estate-replications').inputValue()).resolves.toBe('1');
    await expect(page.getByTestId('estate-seed').inputValue()).resolves.toBe('0');
    expect(consoleErrors).toEqual([]);
  });

  it('estate mode: choosing another estate after a run clears the run, so its charts are not shown under the new estate', async () => {
    await page.getByTestId('estate-preset').selectOption('0');
    await runEstate(1);
    expect((await estate()).done.length).toBeGreaterThan(0);
    await page.getByTestId('estate-preset').selectOption('1');
    const e = await estate();
    expect(e.done).toEqual([]);
    expect(e.baseline).toEqual([]);
    expect(e.mapFrames).toBe(0);
    await expect(page.locator('#estate-progress-text').textContent()).resolves.toBe('');
    expect(consoleErrors).toEqual([]);
  });
});
