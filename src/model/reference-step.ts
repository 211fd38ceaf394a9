/**
 * The households' month written plainly: what household-month.ts computes, without its speed.
 * No bounds, no skipping, no read-ahead: every household draws its uniform, then each in turn
 * has its certain changes and at most one event among the household mechanisms of the contract
 * table (mechanisms/index.ts), in the table's order.
 *
 * It is slow (every household's every probability, every month) and exists to be read and to
 * check the fast step: `simulate(..., { reference: true })` uses it, and
 * test/model/reference-step.test.ts proves both give byte-identical runs of every shipped
 * scenario. A change of the model goes into both, or that test fails.
 */
import { recount } from './census.js';
import { newEvents, pickEvent, resetEvents } from './events.js';
import { listGiveUp } from './mechanisms/career.js';
import { retire } from './mechanisms/elevator.js';
import { HOUSEHOLD_MECHANISMS, type HouseholdMonthContext } from './mechanisms/index.js';
import { tiesNow } from './mechanisms/social.js';
import type { StreamRng } from './rng.js';
import { H, NONE } from './state.js';
import type { World } from './world.js';
import { tieSteps } from './household-month.js';

const ev = newEvents();

export function referenceHouseholdMonth(w: World, k: HouseholdMonthContext, rng: StreamRng, swapSeekers: number[]): void {
  const h = w.hh;
  const m = w.month;
  const estateOf = (i: number) => w.flats.estate[h.i32[i * H.stride + H.flat]!]!;
  const on = HOUSEHOLD_MECHANISMS.filter((c) => c.enabled(w));

  // ties grown at last month's tie step up to last month, when a lever changes the step
  const steps = tieSteps(w, k.soc);
  for (let i = 0; i < h.used; i++) {
    if (h.alive[i] && steps[estateOf(i)] !== w.tieStep[estateOf(i)]) tiesNow(h, i, m - 1, w.tieStep[estateOf(i)]!);
  }
  w.tieStep.set(steps);

  // every household living in the estate at the start of the month draws its uniform, in slot order
  const draws: [number, number][] = [];
  for (let i = 0; i < h.used; i++) if (h.alive[i]) draws.push([i, rng()]);

  for (const [i, u] of draws) {
    const e = estateOf(i);
    // certain changes: adults who reach the retirement age retire; a household that has
    // waited too long on the internal list leaves
    if (w.scenario.elevator.enabled) retire(w, k.elev[e]!, i, m);
    if (w.scenario.career.enabled && listGiveUp(w, i, m)) continue;
    // competing risks: every mechanism's events, one draw picks at most one of them
    resetEvents(ev);
    for (const c of on) c.addEvents!(w, k, i, m, e, ev);
    const code = pickEvent(ev, u);
    if (code >= 0) on.find((c) => c.events.includes(code))!.apply!(w, k, i, e, code, ev.v, swapSeekers);
    // the census entry of a household still here, when it changed or an age threshold passed
    if (h.alive[i] && (w.census.countedAt[i] === NONE || w.census.next[i]! <= m)) recount(w, i);
  }
}
