/**
 * What the studio's browser tests share: the Schelling page's state as the page exposes it
 * (`globalThis.__studio`), a slider set as a user sets it, and a setup with a density and a share
 * wanted, waited for until the page has drawn step 0.
 */
import type { Page } from 'playwright-core';

/** The Schelling page's state (`globalThis.__studio`), as far as the tests read it. */
export interface StudioState {
  ready: boolean;
  running: boolean;
  settled: boolean;
  step: number;
  similar: number[];
  unhappy: number[];
  goSteps: number;
  goMs: number;
  errors: string[];
}

/** The page's Schelling state now. */
export const studioState = (page: Page): Promise<StudioState> => page.evaluate(() => (globalThis as unknown as { __studio: StudioState }).__studio);

/** Set a slider as a user would (the input event the page listens to). */
export const slide = (page: Page, testid: string, value: number): Promise<void> =>
  page.getByTestId(testid).evaluate((el, v) => {
    (el as unknown as { value: string }).value = String(v);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, value);

/** Set the density and the share wanted, press Setup and wait for step 0 to be drawn. */
export async function setupWith(page: Page, density: number, wanted: number): Promise<void> {
  await slide(page, 'schelling-density', density);
  await slide(page, 'schelling-wanted', wanted);
  await page.getByTestId('schelling-setup').click();
  await page.waitForFunction(() => {
    const s = (globalThis as unknown as { __studio: StudioState }).__studio;
    return s.step === 0 && s.similar.length === 1 && !s.running;
  });
}
