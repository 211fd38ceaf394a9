/**
 * Schelling's segregation model on a grid estate (one flat per cell), as in the
 * ABMFrameworksComparison benchmark: two groups of equal size placed at random; each step
 * visits the agents in a new random order; an agent with fewer than `minSimilar` neighbours
 * of its own group (Chebyshev radius `radius`; or, NetLogo style, less than `similarWanted`
 * of its neighbours) moves to a uniformly random empty cell. Moves are internal moves.
 *
 * The grid lives in the ordinary flat arrays: flat k is cell (k mod width, k div width), and
 * `occupant` is the grid. Empty cells are kept in a dense array with a position index, so a
 * random empty cell is found and updated in O(1).
 */
import { K, R } from '../codes.js';
import type { Rng } from '../rng.js';
import type { SchellingSpec } from '../../scenario/schema.js';
import { NONE } from '../state.js';
import { F, type World, allocSlot } from '../world.js';

interface SchellingScratch {
  order: Int32Array;
  empty: Int32Array;
  emptyPos: Int32Array;
  nEmpty: number;
}
const scratch = new WeakMap<World, SchellingScratch>();

/** Lay the grid over the flats and place the agents at random distinct cells. */
export function initSchelling(w: World, spec: SchellingSpec, rng: Rng): void {
  const n = spec.width * spec.height;
  const f = w.flats;
  for (let k = 0; k < n; k++) {
    f.x[k] = k % spec.width;
    f.y[k] = Math.floor(k / spec.width);
    f.rooms[k] = 1;
    f.floor[k] = 0;
    f.garden[k] = 0;
  }
  // a random permutation of cells; the first `agents` cells are occupied
  const cells = new Int32Array(n);
  for (let k = 0; k < n; k++) cells[k] = k;
  for (let k = n - 1; k > 0; k--) {
    const j = Math.floor(rng() * (k + 1));
    const t = cells[k]!;
    cells[k] = cells[j]!;
    cells[j] = t;
  }
  const h = w.hh;
  const order = new Int32Array(spec.agents);
  for (let a = 0; a < spec.agents; a++) {
    const i = allocSlot(w);
    const cell = cells[a]!;
    h.group[i] = a < spec.agents / 2 ? 0 : 1;
    h.adults[i] = 1;
    h.birth1[i] = -30 * 12;
    h.status1[i] = 0;
    h.flat[i] = cell;
    h.movedIn[i] = 0;
    h.flatSince[i] = 0;
    f.occupant[cell] = i;
    order[a] = i;
  }
  const empty = new Int32Array(n);
  const emptyPos = new Int32Array(n).fill(-1);
  let nEmpty = 0;
  for (let k = spec.agents; k < n; k++) {
    const cell = cells[k]!;
    emptyPos[cell] = nEmpty;
    empty[nEmpty++] = cell;
  }
  scratch.set(w, { order, empty, emptyPos, nEmpty });
}

/** Is the agent in `cell` happy where it is? */
function happy(w: World, spec: SchellingSpec, cell: number, group: number): boolean {
  const W = spec.width;
  const H = spec.height;
  const r = spec.radius;
  const cx = cell % W;
  const cy = (cell - cx) / W;
  const occ = w.flats.occupant;
  const grp = w.hh.group;
  let same = 0;
  let total = 0;
  for (let dy = -r; dy <= r; dy++) {
    let y = cy + dy;
    if (y < 0 || y >= H) {
      if (!spec.periodic) continue;
      y = (y + H) % H;
    }
    const rowBase = y * W;
    for (let dx = -r; dx <= r; dx++) {
      if (dx === 0 && dy === 0) continue;
      let x = cx + dx;
      if (x < 0 || x >= W) {
        if (!spec.periodic) continue;
        x = (x + W) % W;
      }
      const o = occ[rowBase + x]!;
      if (o === NONE) continue;
      total++;
      if (grp[o] === group) same++;
    }
  }
  if (spec.similarWanted !== undefined) return total === 0 || same >= spec.similarWanted * total;
  return same >= spec.minSimilar;
}

/** One sweep: every agent, in a new random order, moves if unhappy. */
export function schellingStep(w: World, spec: SchellingSpec, rng: Rng): void {
  const s = scratch.get(w);
  if (!s) throw new Error('schellingStep before initSchelling (internal error)');
  const { order, empty, emptyPos } = s;
  const h = w.hh;
  const occ = w.flats.occupant;
  for (let k = order.length - 1; k > 0; k--) {
    const j = Math.floor(rng() * (k + 1));
    const t = order[k]!;
    order[k] = order[j]!;
    order[j] = t;
  }
  let moves = 0;
  for (let a = 0; a < order.length; a++) {
    const i = order[a]!;
    const cell = h.flat[i]!;
    if (s.nEmpty === 0 || happy(w, spec, cell, h.group[i]!)) continue;
    const p = Math.floor(rng() * s.nEmpty);
    const to = empty[p]!;
    // the old cell takes the new cell's place in the empty list
    empty[p] = cell;
    emptyPos[cell] = p;
    emptyPos[to] = -1;
    occ[cell] = NONE;
    occ[to] = i;
    h.flat[i] = to;
    h.flatSince[i] = w.month;
    w.log.push(w.month, h.uid[i]!, K.internal, R.neighbours, w.month - h.movedIn[i]!, true, false, cell, to, 0);
    moves++;
  }
  w.flows[F.internalMoves] += moves;
}
