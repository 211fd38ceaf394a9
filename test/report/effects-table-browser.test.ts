/**
 * The effects table of a Danish report in headless Chromium at the widths a planner's screen
 * has: every column shows without scrolling at 1200 and 1920 px (at 1200 px the last column,
 * "Enkelte kørsler 5-95 %", was cut off: nine columns whose numbers do not wrap are wider than
 * the text), and a narrow window scrolls the table, not the page.
 *
 * Skipped only when /usr/bin/chromium is missing and CI is not set.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, openPage } from '../helpers/chromium.js';
import { type ReportRow, buildHtmlReport } from '../../src/report/html.js';
import { texts } from '../../src/report/i18n.js';

const SKIP = !existsSync(CHROMIUM) && !process.env.CI;
const TIMEOUT = 60_000;

/** The effects table's columns as sections.ts orders them (outcome first), in Danish. */
const cols = texts('da').effectColumns;
const COLUMNS = [cols[1]!, cols[0]!, ...cols.slice(2)];

/** Rows as wide as a Danish comparison writes them: indices with three decimals, intervals of one replication. */
const ROWS: ReportRow[] = [
  { heading: texts('da').groups.composition },
  [
    { text: 'Andel ressourcestærke blandt 22-59-årige', title: 'resourceStrongShare' },
    'own-demolish',
    'pp',
    '33 %',
    '31 %',
    '−2,5',
    '−8,1 til +3,0',
    'nej',
    '−6,0 til +1,3',
  ],
  [
    { text: 'Gennemsnitlig boperiode i afdelingen', title: 'meanStayYears' },
    'own-upgrade',
    'år',
    '9,75',
    '10,46',
    '+0,704',
    '−0,152 til +1,560',
    'ikke opgjort',
    '−0,036 til +0,541',
  ],
  [
    { text: 'Kriminalitet: dømte i forhold til landsgennemsnittet (kriterium 2)', title: 'crime' },
    'own-cap',
    'indeks (1 = landsgennemsnit)',
    '1,11',
    '0,94',
    '−0,165',
    'ikke opgjort',
    'ikke opgjort',
    '−0,214 til −0,105',
  ],
];

describe.skipIf(SKIP)('the effects table of a Danish report in headless Chromium', () => {
  let workDir = '';
  let profileDir = '';
  let context: BrowserContext | undefined;
  let page: Page;

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'nabolag-effects-table-'));
    profileDir = await mkdtemp(join(tmpdir(), 'nabolag-chromium-'));
    const html = await buildHtmlReport({
      title: 'nabolag sammenligning',
      lang: 'da',
      sections: [
        { id: 'findings', heading: texts('da').findings, html: `<p>${'Tekst. '.repeat(80)}</p>` },
        { id: 'effects', heading: texts('da').effects, html: `<p>${'Tekst. '.repeat(40)}</p>`, table: { columns: COLUMNS, rows: ROWS } },
      ],
    });
    const file = join(workDir, 'report.html');
    await writeFile(file, html);
    ({ context, page } = await openPage(profileDir, pathToFileURL(file).href, [], []));
  }, TIMEOUT);

  afterAll(async () => {
    await context?.close();
    if (workDir) await rm(workDir, { recursive: true, force: true });
    if (profileDir) await rm(profileDir, { recursive: true, force: true });
  }, TIMEOUT);

  interface Measured {
    wrapLeft: number;
    wrapRight: number;
    cellsLeft: number;
    cellsRight: number;
    scrolls: boolean;
    pageScrolls: boolean;
    textRight: number;
  }
  // a string, run in the page (the tests are type-checked without the DOM's types)
  const measure = async () =>
    (await page.evaluate(`(() => {
      const wrap = document.querySelector('#effects .table-wrap');
      const box = wrap.getBoundingClientRect();
      const cells = [...wrap.querySelectorAll('th, td')].map((c) => c.getBoundingClientRect());
      return {
        wrapLeft: box.left,
        wrapRight: box.right,
        cellsLeft: Math.min(...cells.map((c) => c.left)),
        cellsRight: Math.max(...cells.map((c) => c.right)),
        scrolls: wrap.scrollWidth > wrap.clientWidth,
        pageScrolls: document.documentElement.scrollWidth > document.documentElement.clientWidth,
        textRight: document.querySelector('#effects .prose').getBoundingClientRect().right,
      };
    })()`)) as Measured;

  it('shows every column without scrolling at 1200 and 1920 px, within the window', async () => {
    for (const width of [1200, 1920]) {
      await page.setViewportSize({ width, height: 900 });
      const m = await measure();
      expect(m.scrolls, `${width} px`).toBe(false);
      expect(m.cellsRight, `${width} px`).toBeLessThanOrEqual(m.wrapRight + 0.5);
      expect(m.cellsLeft, `${width} px`).toBeGreaterThanOrEqual(m.wrapLeft - 0.5);
      expect(m.pageScrolls, `${width} px`).toBe(false);
    }
  });

  it('in a narrow window the table scrolls in its box, the page does not', async () => {
    await page.setViewportSize({ width: 700, height: 900 });
    const m = await measure();
    expect(m.scrolls).toBe(true);
    expect(m.wrapRight).toBeLessThanOrEqual(m.textRight + 0.5);
    expect(m.pageScrolls).toBe(false);
  });
});
