/**
 * The events a household can have in one month, as disjoint intervals of one uniform draw
 * (competing risks: at most one event per household and month). Each mechanism adds its
 * events with their monthly probabilities; the household-month step (household-month.ts)
 * picks the one whose interval holds the draw, or none.
 *
 * A scratch list is reused for every household: nothing is allocated per household.
 */

/** Event codes, by mechanism (a `const enum`: state.ts says why). */
export const enum EV {
  death2 = 1,
  death1 = 2,
  birth = 3,
  childLeaves = 4,
  partnership = 5,
  breakup = 6,
  status1 = 11,
  status2 = 12,
  volunteer = 21,
  moveOut = 31,
  swapSeek = 32,
}

export interface Events {
  n: number;
  total: number;
  p: Float64Array;
  code: Int32Array;
  /** After `pickEvent`: where in the picked interval the draw fell, uniform in [0, 1). */
  v: number;
}

export const newEvents = (): Events => ({ n: 0, total: 0, p: new Float64Array(16), code: new Int32Array(16), v: 0 });

export function resetEvents(ev: Events): void {
  ev.n = 0;
  ev.total = 0;
}

/** Add an event with monthly probability p (ignored when p is 0). */
export function addEvent(ev: Events, code: number, p: number): void {
  if (!(p > 0)) return;
  ev.p[ev.n] = p;
  ev.code[ev.n] = code;
  ev.n++;
  ev.total += p;
}

/**
 * The event whose interval holds the uniform u, or -1 for none. When the probabilities add up
 * to more than 1 they are scaled down in proportion (one event at most per month).
 */
export function pickEvent(ev: Events, u: number): number {
  const scale = ev.total > 1 ? ev.total : 1;
  let x = u * scale;
  for (let k = 0; k < ev.n; k++) {
    const p = ev.p[k]!;
    if (x < p) {
      ev.v = x / p;
      return ev.code[k]!;
    }
    x -= p;
  }
  return -1;
}
