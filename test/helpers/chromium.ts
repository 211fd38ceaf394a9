/**
 * Headless Chromium for the report's browser tests (Debian's /usr/bin/chromium driven by
 * playwright-core), with the flags this machine needs, collecting console errors and every
 * request the page makes.
 */
import type { BrowserContext, Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

export interface OpenedPage {
  context: BrowserContext;
  page: Page;
}

/**
 * Open `url` in a fresh headless Chromium profile in `profileDir`; console errors and the URL
 * of every request go into the arrays given, and console warnings into `consoleWarnings` when given.
 */
export async function openPage(profileDir: string, url: string, consoleErrors: string[], requests: string[], consoleWarnings?: string[]): Promise<OpenedPage> {
  const { chromium } = await import('playwright-core');
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text());
    if (msg.type() === 'warning') consoleWarnings?.push(msg.text());
  });
  page.on('pageerror', (err) => consoleErrors.push(`pageerror: ${err.message}`));
  page.on('request', (req) => requests.push(req.url()));
  await page.goto(url, { waitUntil: 'load' });
  return { context, page };
}
