/**
 * Schelling's segregation model (src/model/mechanisms/schelling.ts): exact numbers under a
 * fixed seed, the grid invariants after every step, agreement with a plain re-implementation
 * that counts the neighbours afresh at every visit, and the ABMFrameworksComparison presets'
 * dynamics (mean moves per run).
 */
import { describe, expect, it } from 'vitest';
import { K } from '../../../src/model/codes.js';
import { schellingStep } from '../../../src/model/mechanisms/schelling.js';
import { METRIC_INDEX, NMETRIC } from '../../../src/model/reporters.js';
import { makeRng, replicationSeed, type Rng } from '../../../src/model/rng.js';
import { initialWorld, simulate } from '../../../src/model/simulate.js';
import { NONE } from '../../../src/model/state.js';
import type { World } from '../../../src/model/world.js';
import { validate } from '../../../src/scenario/dsl.js';
import { loadScenario } from '../../../src/scenario/load.js';
import { type Scenario, type SchellingSpec, scenarioSchema } from '../../../src/scenario/schema.js';
import { B, H } from '../../../src/model/state.js';
import { METRICS_HEADER, MOVES_HEADER, metricsHeader, metricsRows, movesHeader, movesRows } from '../../../src/engine/tables.js';

type Grid = Partial<SchellingSpec> & { width: number; height: number; agents: number };

function scenario(g: Grid, extra: Record<string, unknown> = {}): Scenario {
  const { value, issues } = validate(
    scenarioSchema,
    { years: 1, estates: [{ name: 'grid', flats: g.width * g.height, sections: 1 }], schelling: g, ...extra },
    'test',
  );
  expect(issues).toEqual([]);
  return value as Scenario;
}

/** Run `steps` sweeps on a fresh world; returns the world and the moves of each step. */
function run(sc: Scenario, seed: number, steps: number, check?: (w: World) => void): { w: World; moves: number[] } {
  const w = initialWorld(sc, seed);
  const moves: number[] = [];
  check?.(w);
  for (let m = 1; m <= steps; m++) {
    w.month = m;
    const before = w.log.size;
    schellingStep(w, sc.schelling!, w.rngs.schelling);
    moves.push(w.log.size - before);
    check?.(w);
  }
  return { w, moves };
}

/** FNV-1a over (cell, group) of every occupied cell, in cell order. */
function positionsChecksum(w: World): number {
  let hash = 0x811c9dc5;
  for (let c = 0; c < w.flats.n; c++) {
    const i = w.flats.occupant[c]!;
    const v = i === NONE ? 0 : 1 + w.hh.u8[i * B.stride + B.group]!;
    hash = Math.imul(hash ^ v, 0x01000193);
  }
  return hash >>> 0;
}

/** The grid invariants: one agent per cell at most, every agent where the grid says, groups intact. */
function checkInvariants(w: World, agents: number): void {
  const seen = new Uint8Array(w.flats.n);
  const groups = [0, 0];
  let alive = 0;
  for (let i = 0; i < w.hh.used; i++) {
    if (!w.hh.alive[i]) continue;
    alive++;
    const c = w.hh.i32[i * H.stride + H.flat]!;
    expect(c).toBeGreaterThanOrEqual(0);
    expect(seen[c], `two agents in cell ${c}`).toBe(0);
    seen[c] = 1;
    expect(w.flats.occupant[c]).toBe(i);
    groups[w.hh.u8[i * B.stride + B.group]!]!++;
  }
  let occupied = 0;
  for (let c = 0; c < w.flats.n; c++) if (w.flats.occupant[c] !== NONE) occupied++;
  expect(alive).toBe(agents);
  expect(occupied).toBe(agents);
  expect(groups).toEqual([Math.ceil(agents / 2), Math.floor(agents / 2)]);
}

describe('exact values under a fixed seed', () => {
  const g: Grid = { width: 20, height: 20, agents: 300, radius: 1, minSimilar: 3 };

  it('pins the moves of the first steps and the final positions', () => {
    const { w, moves } = run(scenario(g), 42, 10);
    expect(moves.slice(0, 3)).toEqual([112, 70, 43]);
    expect(moves.reduce((a, b) => a + b, 0)).toBe(308);
    expect(positionsChecksum(w)).toBe(186738879);
  });

  it('gives the same run for the same seed and another run for another seed', () => {
    const a = run(scenario(g), 42, 5);
    const b = run(scenario(g), 42, 5);
    const c = run(scenario(g), 43, 5);
    expect(b.moves).toEqual(a.moves);
    expect(positionsChecksum(b.w)).toBe(positionsChecksum(a.w));
    expect(positionsChecksum(c.w)).not.toBe(positionsChecksum(a.w));
  });
});

describe('invariants', () => {
  const grids: [string, Grid][] = [
    ['ABMFC small', { width: 40, height: 40, agents: 1000, radius: 1, minSimilar: 3 }],
    ['radius 2, periodic', { width: 17, height: 11, agents: 150, radius: 2, minSimilar: 8, periodic: true }],
    ['NetLogo style, odd number of agents', { width: 15, height: 15, agents: 201, radius: 1, similarWanted: 0.5 }],
  ];
  for (const [name, g] of grids) {
    it(`${name}: one agent per cell, agents and group sizes conserved, every move logged and counted`, () => {
      const sc = scenario(g, { years: 2 });
      const { w, moves } = run(sc, 7, 12, (world) => checkInvariants(world, g.agents));
      // each logged move goes from the cell the agent was in to an empty cell
      const at = new Map<number, number>();
      const log = w.log;
      for (let k = 0; k < log.size; k++) {
        const uid = log.uid[k]!;
        if (at.has(uid)) expect(log.from[k]).toBe(at.get(uid));
        expect(log.to[k]).not.toBe(log.from[k]);
        at.set(uid, log.to[k]!);
      }
      expect(moves.reduce((a, b) => a + b, 0)).toBe(log.size);
    });
  }

  it('moves appear as internal moves in the metrics and the move log of a whole run', () => {
    const sc = scenario({ width: 30, height: 30, agents: 600, radius: 1, minSimilar: 3, steps: 7 });
    const r = simulate(sc, 0, 5);
    expect(r.months).toBe(7);
    let sum = 0;
    for (let m = 1; m <= r.months; m++) sum += r.metrics[m * NMETRIC + METRIC_INDEX.internalMoves!]!;
    expect(sum).toBe(r.log.size);
    expect(r.log.size).toBeGreaterThan(0);
    for (let k = 0; k < r.log.size; k++) expect(r.log.kind[k]).toBe(K.internal);
  });

  it('refuses an estate whose flats do not match the grid', () => {
    const sc = scenario({ width: 10, height: 10, agents: 50 });
    sc.estates[0]!.flats = 120;
    expect(() => initialWorld(sc, 1)).toThrow(/width x height = 100 flats/);
  });
});

/**
 * The plain algorithm the mechanism must equal: count the neighbours afresh at every visit.
 * It replays the mechanism's random numbers: the same initial permutation of cells
 * ('population' stream) and the same shuffle and draws per step ('schelling' stream).
 */
function plainRun(g: SchellingSpec, seed: number, steps: number): Int32Array {
  const { width: W, height: H, agents: N, radius: r } = g;
  const n = W * H;
  const init: Rng = makeRng(seed, 'population');
  const cells = Int32Array.from({ length: n }, (_, k) => k);
  for (let k = n - 1; k > 0; k--) {
    const j = Math.floor(init() * (k + 1));
    [cells[k], cells[j]] = [cells[j]!, cells[k]!];
  }
  const grid = new Int32Array(n).fill(-1); // group at a cell, -1 empty
  const pos = new Int32Array(N);
  const group = Int32Array.from({ length: N }, (_, a) => (a < N / 2 ? 0 : 1));
  for (let a = 0; a < N; a++) {
    pos[a] = cells[a]!;
    grid[cells[a]!] = group[a]!;
  }
  const empty = cells.slice(N);
  const order = Int32Array.from({ length: N }, (_, a) => a);
  const rng = makeRng(seed, 'schelling');
  for (let s = 0; s < steps; s++) {
    for (let k = N - 1; k > 0; k--) {
      const j = Math.floor(rng() * (k + 1));
      [order[k], order[j]] = [order[j]!, order[k]!];
    }
    if (empty.length === 0) continue;
    for (const a of order) {
      const x = pos[a]! % W;
      const y = Math.floor(pos[a]! / W);
      let same = 0;
      let total = 0;
      for (let dy = -r; dy <= r; dy++) {
        for (let dx = -r; dx <= r; dx++) {
          if (dx === 0 && dy === 0) continue;
          let xx = x + dx;
          let yy = y + dy;
          if (g.periodic) {
            xx = ((xx % W) + W) % W;
            yy = ((yy % H) + H) % H;
          } else if (xx < 0 || xx >= W || yy < 0 || yy >= H) continue;
          const o = grid[yy * W + xx]!;
          if (o < 0) continue;
          total++;
          if (o === group[a]) same++;
        }
      }
      const happy = g.similarWanted !== undefined ? total === 0 || same >= g.similarWanted * total : same >= g.minSimilar;
      if (happy) continue;
      const p = Math.floor(rng() * empty.length);
      const to = empty[p]!;
      empty[p] = pos[a]!;
      grid[pos[a]!] = -1;
      grid[to] = group[a]!;
      pos[a] = to;
    }
  }
  return pos;
}

describe('equals counting the neighbours afresh', () => {
  const grids: Grid[] = [
    { width: 25, height: 18, agents: 300, radius: 1, minSimilar: 4 },
    { width: 25, height: 18, agents: 300, radius: 2, minSimilar: 9, periodic: true },
    { width: 12, height: 9, agents: 70, radius: 1, similarWanted: 0.6, periodic: true },
    { width: 4, height: 3, agents: 8, radius: 1, similarWanted: 0.7, periodic: true }, // wrapped cells counted twice
    { width: 30, height: 6, agents: 120, radius: 3, similarWanted: 0.55 },
  ];
  for (const g of grids) {
    it(`${g.width}x${g.height}, radius ${g.radius}${g.periodic ? ', periodic' : ''}, ${g.similarWanted !== undefined ? `similarWanted ${g.similarWanted}` : `minSimilar ${g.minSimilar}`}`, () => {
      const sc = scenario(g);
      for (const seed of [1, 2, 3]) {
        const { w } = run(sc, seed, 8);
        const expected = plainRun(sc.schelling!, seed, 8);
        const got = Int32Array.from({ length: g.agents }, (_, i) => w.hh.i32[i * H.stride + H.flat]!);
        expect(got).toEqual(expected);
      }
    });
  }
});

describe('the ABMFrameworksComparison presets', () => {
  it('abmfc-small: 20 steps; mean moves over 20 seeds within 5% of the reference (about 1,700)', () => {
    const sc = loadScenario('scenarios/schelling/abmfc-small.yaml');
    expect(sc.schelling).toMatchObject({ width: 40, height: 40, agents: 1000, radius: 1, minSimilar: 3, periodic: false, steps: 20 });
    let moves = 0;
    for (let i = 0; i < 20; i++) {
      const r = simulate(sc, i, replicationSeed(sc.seed, i));
      expect(r.months).toBe(20);
      moves += r.log.size;
    }
    const mean = moves / 20;
    expect(mean).toBeGreaterThan(1700 * 0.95);
    expect(mean).toBeLessThan(1700 * 1.05);
  });

  it('abmfc-large and classic load as specified', () => {
    expect(loadScenario('scenarios/schelling/abmfc-large.yaml').schelling).toMatchObject({
      width: 100,
      height: 100,
      agents: 8000,
      radius: 2,
      minSimilar: 8,
      periodic: false,
      steps: 20,
    });
    const classic = loadScenario('scenarios/schelling/classic.yaml');
    expect(classic.schelling).toMatchObject({ width: 50, height: 50, similarWanted: 0.3 });
    expect(classic.estates[0]!.flats).toBe(2500);
  });
});

describe('before initSchelling', () => {
  it('a step without a grid is an internal error', () => {
    const sc = scenario({ width: 5, height: 5, agents: 10 });
    const w = initialWorld({ ...sc, schelling: undefined }, 1);
    expect(() => schellingStep(w, sc.schelling!, w.rngs.schelling)).toThrow(/before initSchelling/);
  });
});

describe('the shares by step and more than two groups', () => {
  /** The shares counted afresh from the grid (NetLogo's definitions). */
  function freshShares(
    w: World,
    g: Required<Pick<SchellingSpec, 'width' | 'height' | 'radius'>> & { similarWanted?: number; minSimilar: number; periodic: boolean },
  ) {
    let same = 0;
    let total = 0;
    let unhappy = 0;
    let agents = 0;
    const groupAt = (x: number, y: number): number => {
      if (g.periodic) {
        x = (x + g.width) % g.width;
        y = (y + g.height) % g.height;
      } else if (x < 0 || y < 0 || x >= g.width || y >= g.height) return -1;
      const i = w.flats.occupant[y * g.width + x]!;
      return i === NONE ? -1 : w.hh.u8[i * B.stride + B.group]!;
    };
    for (let y = 0; y < g.height; y++)
      for (let x = 0; x < g.width; x++) {
        const me = groupAt(x, y);
        if (me < 0) continue;
        agents++;
        let s = 0;
        let t = 0;
        for (let dy = -g.radius; dy <= g.radius; dy++)
          for (let dx = -g.radius; dx <= g.radius; dx++) {
            if (dx === 0 && dy === 0) continue;
            const o = groupAt(x + dx, y + dy);
            if (o < 0) continue;
            t++;
            if (o === me) s++;
          }
        same += s;
        total += t;
        if (g.similarWanted !== undefined ? t > 0 && s < g.similarWanted * t : s < g.minSimilar) unhappy++;
      }
    return { similar: same / total, unhappy: unhappy / agents };
  }

  for (const groups of [2, 3, 4]) {
    it(`${groups} groups: the recorded shares equal a fresh count at every step; groups of equal size`, () => {
      const g = { width: 16, height: 14, agents: 170, radius: 1, similarWanted: 0.4, periodic: true, groups, steps: 6 };
      const sc = scenario(g);
      const r = simulate(sc, 0, 11);
      const t = r.schelling!;
      expect(t.similar.length).toBe(7);
      // replay by stepping a fresh world the same way
      const w = initialWorld(sc, 11);
      const spec = sc.schelling!;
      for (let m = 0; m <= 6; m++) {
        if (m > 0) {
          w.month = m;
          schellingStep(w, spec, w.rngs.schelling);
        }
        const f = freshShares(w, { ...spec, minSimilar: spec.minSimilar });
        expect(t.similar[m]).toBeCloseTo(f.similar, 12);
        expect(t.unhappy[m]).toBeCloseTo(f.unhappy, 12);
      }
      const sizes = new Array(groups).fill(0);
      for (let i = 0; i < w.hh.used; i++) if (w.hh.alive[i]) sizes[w.hh.u8[i * B.stride + B.group]!]++;
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      // the move log gives each mover's group
      for (let k = 0; k < r.log.size; k++) expect(r.log.group![k]).toBeLessThan(groups);
    });
  }

  it('the classic preset: about 50% similar at the start, 65-80% once settled', () => {
    const sc = loadScenario('scenarios/schelling/classic.yaml');
    const r = simulate(sc, 0, replicationSeed(sc.seed, 0));
    const t = r.schelling!;
    expect(t.similar[0]).toBeGreaterThan(0.45);
    expect(t.similar[0]).toBeLessThan(0.55);
    expect(t.similar[r.months]).toBeGreaterThan(0.65);
    expect(t.similar[r.months]).toBeLessThan(0.8);
    expect(t.unhappy[r.months]).toBeLessThan(0.01);
  });
});

describe('metrics.csv and moves.csv of a Schelling run', () => {
  it('one row per step with similarShare and unhappyShare; a group column in moves.csv; housing headers unchanged', () => {
    const sc = scenario({ width: 12, height: 12, agents: 100, radius: 1, similarWanted: 0.5, steps: 5 });
    const r = simulate(sc, 0, 3);
    const head = metricsHeader(true);
    expect(head.slice(-2)).toEqual(['similarShare', 'unhappyShare']);
    expect(metricsHeader(false)).toEqual(METRICS_HEADER);
    expect(movesHeader(false)).toEqual(MOVES_HEADER);
    const rows = metricsRows(r, 2026).trim().split('\n');
    expect(rows).toHaveLength(6);
    for (const [m, row] of rows.entries()) {
      const cells = row.split(',');
      expect(cells).toHaveLength(head.length);
      expect(Number(cells[head.indexOf('month')])).toBe(m);
      expect(Number(cells[head.indexOf('similarShare')])).toBeCloseTo(r.schelling!.similar[m]!, 6);
      expect(Number(cells[head.indexOf('unhappyShare')])).toBeCloseTo(r.schelling!.unhappy[m]!, 6);
    }
    const moves = movesRows(r, 2026).trim().split('\n');
    expect(moves.length).toBe(r.log.size);
    for (const [k, row] of moves.entries()) {
      expect(row.split(',')).toHaveLength(movesHeader(true).length);
      expect(Number(row.split(',').at(-1))).toBe(r.log.group![k]);
    }
  });
});
