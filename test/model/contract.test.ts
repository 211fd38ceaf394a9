/**
 * The mechanisms' contract (src/model/mechanisms/index.ts) is honest about what the hazard
 * bounds depend on: changing any effective parameter outside `BOUND_KEY` moves no household's
 * bound and no event probability. A mechanism that starts reading another parameter in its
 * events or bound, without declaring it, fails here (and its bounds would have gone stale
 * when a lever changed that parameter).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newEvents, resetEvents } from '../../src/model/events.js';
import { computeBound } from '../../src/model/household-month.js';
import { applyLevers, baseEffective } from '../../src/model/levers/index.js';
import { estateOffer } from '../../src/model/mechanisms/career.js';
import { demographyTables } from '../../src/model/mechanisms/demography.js';
import { BOUND_KEY, HOUSEHOLD_MECHANISMS, KEY_WIDTH, MECHANISMS, householdMonthContext } from '../../src/model/mechanisms/index.js';
import { socialRates } from '../../src/model/mechanisms/social.js';
import { initialWorld } from '../../src/model/simulate.js';
import { H } from '../../src/model/state.js';
import type { EstateEffective, World } from '../../src/model/world.js';
import { loadScenario } from '../../src/scenario/load.js';
import { SCENARIOS } from '../helpers/scenario.js';

/** What the simulate loop builds from the scenario and `w.eff` each month. */
const context = (w: World) => householdMonthContext(w, demographyTables(w.scenario), socialRates(w.scenario), estateOffer(w), false);

/**
 * Every living household's bound (base, multiplier) and its events' probabilities in month m.
 * The household records are restored afterwards (reading the ties brings them up to date).
 */
function hazards(w: World, m: number): number[] {
  const records = w.hh.u8.slice();
  const k = context(w);
  const ev = newEvents();
  const out: number[] = [];
  const on = HOUSEHOLD_MECHANISMS.filter((c) => c.enabled(w));
  for (let i = 0; i < w.hh.used; i++) {
    if (!w.hh.alive[i]) continue;
    computeBound(w, k, i, m, m + 1000);
    out.push(w.bounds.base[i]!, w.bounds.mult[i]!, w.bounds.family[i]!);
    const e = w.flats.estate[w.hh.i32[i * H.stride + H.flat]!]!;
    resetEvents(ev);
    for (const c of on) c.addEvents!(w, k, i, m, e, ev);
    for (let j = 0; j < ev.n; j++) out.push(ev.code[j]!, ev.p[j]!);
  }
  w.hh.u8.set(records);
  return out;
}

function perturbed(v: unknown): unknown {
  if (typeof v === 'number') return v * 1.7 + 0.3;
  if (typeof v === 'boolean') return !v;
  if (v === 'auto') return 'on';
  throw new Error(`no perturbation for ${String(v)}`);
}

function worldAt(file: string, month: number): World {
  const w = initialWorld(loadScenario(join(SCENARIOS, file)), 3);
  w.month = month;
  applyLevers(w, month);
  return w;
}

describe('the bounds key covers what the household mechanisms read', () => {
  const fields = Object.keys(baseEffective(worldAt('default.yaml', 1))) as (keyof EstateEffective)[];
  const outside = fields.filter((f) => !BOUND_KEY.includes(f));

  it('is derived from the table: the reads of the mechanisms with a bound, and the offer', () => {
    expect(KEY_WIDTH).toBe(BOUND_KEY.length + 1);
    for (const c of MECHANISMS) if (c.bound) for (const r of c.reads) expect(BOUND_KEY).toContain(r);
    for (const r of [...MECHANISMS.flatMap((c) => c.reads)]) expect(fields).toContain(r);
    expect(outside.length).toBeGreaterThan(0);
  });

  // the extension lever (a group with a factor) and the ownership lever (an offer) make the
  // career read the most parameters
  for (const [file, month] of [
    ['default.yaml', 13],
    ['levers/extension.yaml', 61],
    ['levers/ownership.yaml', 61],
  ] as const) {
    it(`no parameter outside the key moves a bound or an event: ${file}`, () => {
      const w = worldAt(file, month);
      const before = hazards(w, month);
      for (const f of outside) {
        const saved = w.eff.map((x) => ({ ...x }));
        for (const x of w.eff) (x as unknown as Record<string, unknown>)[f] = perturbed(x[f]);
        expect(hazards(w, month), f).toEqual(before);
        w.eff.splice(0, w.eff.length, ...saved);
      }
    });
  }

  it('gives the same numbers when nothing changed', () => {
    const w = worldAt('default.yaml', 13);
    expect(hazards(w, 13)).toEqual(hazards(w, 13));
  });
  it('a parameter in the key does move them (the comparison can fail)', () => {
    const w = worldAt('default.yaml', 13);
    const before = hazards(w, 13);
    for (const x of w.eff) x.hazardFactor *= 1.5;
    expect(hazards(w, 13)).not.toEqual(before);
  });
});
