/**
 * The household-month step (src/model/household-month.ts) and its events (src/model/events.ts).
 *
 *  - Skipping households by their bound changes nothing: for every scenario file that ships
 *    with the project, a run that works out every household every month (`checkBounds`, which
 *    also asserts that no household's probabilities exceed its bound during its window) gives
 *    byte-identical metrics and moves.
 *  - Events are competing risks: one uniform, disjoint intervals, in order; scaled when they
 *    add up to more than 1.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addEvent, newEvents, pickEvent, resetEvents } from '../../src/model/events.js';
import { simulate } from '../../src/model/simulate.js';
import { loadScenario } from '../../src/scenario/load.js';
import { SCENARIOS, shippedScenarioFiles } from '../helpers/scenario.js';

const root = SCENARIOS;
const files = shippedScenarioFiles();

describe('skipping households by their bound gives the same run as working out every household', () => {
  for (const f of files) {
    it(f, () => {
      const sc = loadScenario(join(root, f));
      const fast = simulate(sc, 0, 21);
      const checked = simulate(sc, 0, 21, { checkBounds: true });
      expect(Buffer.from(checked.metrics.buffer).equals(Buffer.from(fast.metrics.buffer))).toBe(true);
      expect(checked.log.size).toBe(fast.log.size);
      for (const k of ['month', 'uid', 'kind', 'reason', 'from', 'to'] as const)
        expect(
          Buffer.from(checked.log[k].buffer, 0, checked.log.size * checked.log[k].BYTES_PER_ELEMENT).equals(
            Buffer.from(fast.log[k].buffer, 0, fast.log.size * fast.log[k].BYTES_PER_ELEMENT),
          ),
        ).toBe(true);
    });
  }
});

describe('events: one uniform, disjoint intervals', () => {
  const ev = newEvents();
  it('picks the interval that holds the draw, in order; none above the total', () => {
    resetEvents(ev);
    addEvent(ev, 7, 0.1);
    addEvent(ev, 8, 0); // ignored
    addEvent(ev, 9, 0.25);
    expect(ev.n).toBe(2);
    expect(ev.total).toBeCloseTo(0.35, 15);
    expect(pickEvent(ev, 0)).toBe(7);
    expect(pickEvent(ev, 0.05)).toBe(7);
    expect(ev.v).toBeCloseTo(0.5, 12);
    expect(pickEvent(ev, 0.1)).toBe(9);
    expect(pickEvent(ev, 0.2)).toBe(9);
    expect(ev.v).toBeCloseTo(0.4, 12);
    expect(pickEvent(ev, 0.36)).toBe(-1);
    expect(pickEvent(ev, 0.999)).toBe(-1);
  });
  it('scales the probabilities down when they add up to more than 1', () => {
    resetEvents(ev);
    addEvent(ev, 1, 1);
    addEvent(ev, 2, 3);
    expect(pickEvent(ev, 0.2)).toBe(1);
    expect(pickEvent(ev, 0.26)).toBe(2);
    expect(pickEvent(ev, 0.9999)).toBe(2);
  });
  it('gives each event its probability: frequencies over many uniforms', () => {
    resetEvents(ev);
    addEvent(ev, 1, 0.02);
    addEvent(ev, 2, 0.05);
    const n = 100_000;
    const count = [0, 0, 0];
    for (let k = 0; k < n; k++) count[Math.max(0, pickEvent(ev, (k + 0.5) / n))]!++;
    expect(count[1]! / n).toBeCloseTo(0.02, 4);
    expect(count[2]! / n).toBeCloseTo(0.05, 4);
  });
});
