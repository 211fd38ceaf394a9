/**
 * Schelling's segregation model on a grid estate (one flat per cell), as in the
 * ABMFrameworksComparison benchmark: two groups (or up to four: `groups`) of equal size placed at random; each step
 * visits the agents in a new random order; an agent with fewer than `minSimilar` neighbours
 * of its own group (Chebyshev radius `radius`; or, NetLogo style, less than `similarWanted`
 * of its neighbours) moves to a uniformly random empty cell. Moves are internal moves.
 *
 * The grid lives in the ordinary flat arrays: flat k is cell (k mod width, k div width), and
 * `occupant` is the grid (the estate must have exactly width x height flats).
 *
 * For speed the mechanism keeps its own view of the grid: for every cell, the number of
 * neighbours of each group, counted once at the start and updated when an agent moves
 * (2 x ((2r+1)² - 1) additions), so an agent's happiness is one array read. The grid is
 * bordered by `radius` empty cells on each side, so a non-periodic update needs no bounds
 * check (a periodic one wraps each neighbour). Empty cells are kept in a dense array: a random
 * empty cell is one draw, and the cell just left takes its place. With a fixed seed the result
 * is the same as counting the neighbours afresh at every visit (test/model/schelling.test.ts).
 *
 * @example
 *   initSchelling(w, spec, makeRng(seed, 'population'));
 *   for (let m = 1; m <= 20; m++) { w.month = m; schellingStep(w, spec, w.rngs.schelling); }
 */
import { K, R } from '../codes.js';
import type { Rng } from '../rng.js';
import type { SchellingSpec } from '../../scenario/schema.js';
import { B, H as HF, NONE, get8, set8 } from '../state.js';
import { F } from '../flows.js';
import type { World } from '../world.js';
import { allocSlot } from '../occupancy.js';

/** The mechanism's grid state. Cells are indexed in the bordered grid (`bw` wide). */
interface SchellingGrid {
  /** Grid width and height, radius, bordered width. */
  width: number;
  height: number;
  r: number;
  bw: number;
  /** Agents in visiting order (agent indices; reshuffled in place each step). */
  order: Int32Array;
  /** Groups (2-4), and the slots per cell in `count`: 2 for two groups, 4 for three or four (a power of two, so a key splits with shifts and masks). */
  groups: number;
  S: number;
  shift: number;
  /** Per agent: household slot, and S x bordered cell + group: its index in `count`. */
  slot: Int32Array;
  key: Int32Array;
  /** Neighbours of group g around bordered cell c: count[S c + g]. */
  count: Uint16Array;
  /** S x the bordered-index offsets of the neighbours (non-periodic grids). */
  offsets2: Int32Array;
  /** Empty bordered cells, the first `nEmpty` entries. */
  empty: Int32Array;
  nEmpty: number;
}
const grids = new WeakMap<World, SchellingGrid>();

/** Bordered index of flat `cell`. */
const bordered = (g: SchellingGrid, cell: number): number => {
  const x = cell % g.width;
  const y = (cell - x) / g.width;
  return (y + g.r) * g.bw + x + g.r;
};

/** Flat of bordered index `b`. */
const flatOf = (g: SchellingGrid, b: number): number => {
  const row = Math.floor(b / g.bw);
  return (row - g.r) * g.width + (b - row * g.bw - g.r);
};

/** Add `delta` to the group-`grp` count of every neighbour of bordered cell `b`. */
function addAround(g: SchellingGrid, periodic: boolean, b: number, grp: number, delta: number): void {
  const c = g.count;
  if (!periodic) {
    const o = g.offsets2;
    const base = g.S * b + grp;
    for (let k = 0; k < o.length; k++) c[base + o[k]!]! += delta;
    return;
  }
  // periodic: wrap each neighbour (a small grid may list a cell more than once, as a fresh count would)
  const { width: W, height: H, r, bw } = g;
  const row = Math.floor(b / bw);
  const cx = b - row * bw - r;
  const cy = row - r;
  for (let dy = -r; dy <= r; dy++) {
    const y = (((cy + dy) % H) + H) % H;
    for (let dx = -r; dx <= r; dx++) {
      if (dx === 0 && dy === 0) continue;
      const x = (((cx + dx) % W) + W) % W;
      c[g.S * ((y + r) * bw + x + r) + grp]! += delta;
    }
  }
}

/** Lay the grid over the flats and place the agents at random distinct cells. */
export function initSchelling(w: World, spec: SchellingSpec, rng: Rng): void {
  const { width: W, height: H, radius: r } = spec;
  const n = W * H;
  const f = w.flats;
  if (f.n !== n) throw new Error(`Schelling needs exactly width x height = ${n} flats, the estates have ${f.n}`);
  for (let k = 0; k < n; k++) {
    f.x[k] = k % W;
    f.y[k] = Math.floor(k / W);
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
  const bw = W + 2 * r;
  const G = spec.groups;
  const shift = G <= 2 ? 1 : 2;
  const S = 1 << shift;
  const offsets2 = new Int32Array((2 * r + 1) * (2 * r + 1) - 1);
  let q = 0;
  for (let dy = -r; dy <= r; dy++) for (let dx = -r; dx <= r; dx++) if (dx !== 0 || dy !== 0) offsets2[q++] = S * (dy * bw + dx);
  const N = spec.agents;
  const g: SchellingGrid = {
    width: W,
    height: H,
    r,
    bw,
    groups: G,
    S,
    shift,
    order: new Int32Array(N),
    slot: new Int32Array(N),
    key: new Int32Array(N),
    count: new Uint16Array(S * bw * (H + 2 * r)),
    offsets2,
    empty: new Int32Array(n - N),
    nEmpty: n - N,
  };
  const h = w.hh;
  for (let a = 0; a < N; a++) {
    const i = allocSlot(w);
    const cell = cells[a]!;
    // groups of equal size (the first ceil(N / G) agents in group 0, ...): for two groups, a < N / 2
    const grp = Math.floor((a * G) / N);
    set8(h, i, B.group, grp);
    set8(h, i, B.adults, 1);
    h.i32[i * HF.stride + HF.birth1] = -30 * 12;
    set8(h, i, B.status1, 0);
    h.i32[i * HF.stride + HF.flat] = cell;
    h.i32[i * HF.stride + HF.movedIn] = 0;
    h.i32[i * HF.stride + HF.flatSince] = 0;
    f.occupant[cell] = i;
    g.order[a] = a;
    g.slot[a] = i;
    g.key[a] = S * bordered(g, cell) + grp;
  }
  for (let k = N; k < n; k++) g.empty[k - N] = bordered(g, cells[k]!);
  if (spec.periodic) for (let a = 0; a < N; a++) addAround(g, true, g.key[a]! >> shift, g.key[a]! & (S - 1), 1);
  else countAll(g);
  grids.set(w, g);
}

/** The neighbour counts of every cell at once (non-periodic): box sums along rows, then columns. */
function countAll(g: SchellingGrid): void {
  const { width: W, height: H, r, key, count, S } = g;
  const row = S * g.bw; // a row of the interleaved arrays: every group's slot of every cell
  const occupied = new Uint8Array(count.length);
  for (let a = 0; a < key.length; a++) occupied[key[a]!] = 1;
  const across = new Uint16Array(count.length);
  const j0 = S * r;
  const j1 = S * (r + W);
  for (let y = 0; y < H + 2 * r; y++) {
    for (let j = y * row + j0; j < y * row + j1; j++) {
      let sum = 0;
      for (let dx = -S * r; dx <= S * r; dx += S) sum += occupied[j + dx]!;
      across[j] = sum;
    }
  }
  for (let y = r; y < r + H; y++) {
    for (let j = y * row + j0; j < y * row + j1; j++) {
      let sum = -occupied[j]!; // not its own neighbour
      for (let dy = -r * row; dy <= r * row; dy += row) sum += across[j + dy]!;
      count[j] = sum;
    }
  }
}

/** One sweep: every agent, in a new random order, moves if unhappy. */
export function schellingStep(w: World, spec: SchellingSpec, rng: Rng): void {
  const g = grids.get(w);
  if (!g) throw new Error('schellingStep before initSchelling (internal error)');
  const { order, slot, key, count, empty } = g;
  const n = order.length;
  for (let k = n - 1; k > 0; k--) {
    const j = Math.floor(rng() * (k + 1));
    const t = order[k]!;
    order[k] = order[j]!;
    order[j] = t;
  }
  const nEmpty = g.nEmpty;
  if (nEmpty === 0) return;
  const h = w.hh;
  const occ = w.flats.occupant;
  const month = w.month;
  const periodic = spec.periodic;
  const minSimilar = spec.minSimilar;
  const wanted = spec.similarWanted;
  const byShare = wanted !== undefined;
  const { S, shift } = g;
  const mask = S - 1;
  const groupLog = w.log.enabled ? w.log.group : null;
  let moves = 0;
  for (let k = 0; k < n; k++) {
    const a = order[k]!;
    const c = key[a]!;
    const same = count[c]!;
    if (byShare) {
      const c0 = c & ~mask;
      let total = count[c0]! + count[c0 + 1]!;
      for (let j = 2; j < S; j++) total += count[c0 + j]!;
      if (total === 0 || same >= wanted * total) continue;
    } else if (same >= minSimilar) continue;
    const b = c >> shift;
    const grp = c & mask;
    const p = Math.floor(rng() * nEmpty);
    const to = empty[p]!;
    empty[p] = b; // the cell left takes the new cell's place in the empty list
    key[a] = S * to + grp;
    addAround(g, periodic, b, grp, -1);
    addAround(g, periodic, to, grp, 1);
    const i = slot[a]!;
    const from = flatOf(g, b);
    const into = flatOf(g, to);
    occ[from] = NONE;
    occ[into] = i;
    h.i32[i * HF.stride + HF.flat] = into;
    h.i32[i * HF.stride + HF.flatSince] = month;
    w.log.push(month, h.i32[i * HF.stride + HF.uid]!, K.internal, R.neighbours, month - h.i32[i * HF.stride + HF.movedIn]!, true, false, from, into, 0);
    if (groupLog) groupLog[w.log.size - 1] = grp;
    moves++;
  }
  w.flows[F.internalMoves] += moves;
}

/** The grid's two shares at this moment (NetLogo's "% similar" and "% unhappy", as fractions). */
export interface SchellingShares {
  /** Same-group neighbours over all neighbours, summed over the agents (NetLogo's percent-similar). */
  similar: number;
  /** Agents who would move at the next visit (fewer alike neighbours than they want) over all agents. */
  unhappy: number;
}

/** The shares now, from the mechanism's neighbour counts (one read per agent and group). */
export function schellingShares(w: World, spec: SchellingSpec): SchellingShares {
  const g = grids.get(w);
  if (!g) throw new Error('schellingShares before initSchelling (internal error)');
  const { key, count, S } = g;
  const mask = S - 1;
  const wanted = spec.similarWanted;
  let sameSum = 0;
  let totalSum = 0;
  let unhappy = 0;
  for (let a = 0; a < key.length; a++) {
    const c = key[a]!;
    const same = count[c]!;
    const c0 = c & ~mask;
    let total = 0;
    for (let j = 0; j < S; j++) total += count[c0 + j]!;
    sameSum += same;
    totalSum += total;
    if (wanted !== undefined ? total > 0 && same < wanted * total : same < spec.minSimilar) unhappy++;
  }
  return { similar: totalSum > 0 ? sameSum / totalSum : 0, unhappy: key.length > 0 ? unhappy / key.length : 0 };
}

/**
 * The grid now, one byte per cell in flat order (x fastest): 0 empty, 1 + group of the occupant.
 * Written into `out` (width x height bytes) from `o` on.
 */
export function schellingCells(w: World, out: Uint8Array, o = 0): void {
  const occ = w.flats.occupant;
  const h = w.hh;
  for (let c = 0; c < occ.length; c++) {
    const i = occ[c]!;
    out[o + c] = i === NONE ? 0 : 1 + get8(h, i, B.group);
  }
}
