/**
 * Random numbers (src/model/rng.ts): seeded alea generators per replication and named
 * stream, seed derivation, and the small helpers. "Pinned" values were observed once and
 * written down: a change means every run of the model changes, so change them only on purpose.
 */
import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { aleaSeed, aleaStep, chance, hash32, makeRng, monthly, normal, pickCumulative, randInt, replicationSeed } from '../../src/model/rng.js';

const take = (rng: () => number, n: number) => Array.from({ length: n }, () => rng());

describe('hash32 (FNV-1a)', () => {
  it('matches the reference values', () => {
    expect(hash32('')).toBe(0x811c9dc5);
    expect(hash32('a')).toBe(0xe40c292c);
    expect(hash32('foobar')).toBe(0xbf9cf968);
  });
});

describe('replicationSeed', () => {
  it('is stable (pinned) and distinct across replications and base seeds', () => {
    expect(replicationSeed(7, 0)).toBe(2737954088); // the seed of replication 0 in a run with --seed 7
    expect([0, 1, 2].map((i) => replicationSeed(1, i))).toEqual([2709761738, 2726539357, 2676206500]);
    const seeds = new Set<number>();
    for (let b = 0; b < 20; b++) for (let i = 0; i < 50; i++) seeds.add(replicationSeed(b, i));
    expect(seeds.size).toBe(1000);
    for (const s of seeds) {
      expect(Number.isInteger(s)).toBe(true);
      expect(s).toBeGreaterThanOrEqual(0);
      expect(s).toBeLessThan(2 ** 32);
    }
  });
});

describe('Alea', () => {
  it('repeats the numbers of the alea of the seedrandom package (the generator of earlier versions) for many seeds and streams', () => {
    let compared = 0;
    for (const stream of ['households', 'demography', 'letting', 'main', 'population']) {
      for (const seed of [0, 1, 7, 21, 2737954088, 4294967295]) {
        const ours = makeRng(seed, stream);
        const theirs = seedrandom.alea(`${seed}/${stream}`);
        for (let k = 0; k < 2000; k++) {
          const a = ours();
          const b = theirs();
          if (a !== b) expect({ seed, stream, k, a }).toEqual({ seed, stream, k, a: b });
          compared++;
        }
      }
    }
    expect(compared).toBe(60000);
  });

  it('seeds as the seedrandom package does for any text (its state), non-ASCII and empty included', () => {
    for (const text of ['', ' ', '0/main', '4294967295/population', 'Ærø-Ålykke/østerbro 3', 'x'.repeat(500), '\u{1F3E0}/emoji']) {
      const { s0, s1, s2, c } = seedrandom.alea(text, { state: true }).state();
      expect(aleaSeed(text)).toEqual({ s0, s1, s2, c });
    }
  });

  it('a step on copies of the state in local variables gives the same numbers as aleaStep', () => {
    const g = aleaSeed('9/households');
    const h = { ...g };
    let { s0, s1, s2, c } = h;
    for (let k = 0; k < 1000; k++) {
      const t = 2091639 * s0 + c * 2.3283064365386963e-10;
      s0 = s1;
      s1 = s2;
      c = t | 0;
      s2 = t - c;
      expect(s2).toBe(aleaStep(g));
    }
  });

  it('exposes the state of the generator makeRng returns, and drawing moves it', () => {
    const r = makeRng(3, 'x');
    const before = { ...r.state };
    const u = r();
    expect(r.state.s2).toBe(u);
    expect(r.state.s1).toBe(before.s2);
    expect(r.state.s0).toBe(before.s1);
  });
});

describe('makeRng', () => {
  it('the same seed and stream give the same sequence (pinned)', () => {
    expect(take(makeRng(1, 'main'), 3)).toEqual(take(makeRng(1, 'main'), 3));
    expect(take(makeRng(1), 3)).toEqual(take(makeRng(1, 'main'), 3));
    expect(take(makeRng(42, 'demography'), 3)).toEqual([0.6866901365574449, 0.23771350318565965, 0.8400566659402102]);
  });

  it('streams and seeds are independent', () => {
    const a = take(makeRng(1, 'demography'), 5);
    expect(take(makeRng(1, 'career'), 5)).not.toEqual(a);
    expect(take(makeRng(2, 'demography'), 5)).not.toEqual(a);
  });

  it('uniform in [0, 1) with mean 1/2', () => {
    const rng = makeRng(9, 'uniform');
    let sum = 0;
    let outside = 0;
    const n = 100_000;
    for (let k = 0; k < n; k++) {
      const u = rng();
      if (!(u >= 0 && u < 1)) outside++;
      sum += u;
    }
    expect(outside).toBe(0);
    expect(sum / n).toBeCloseTo(0.5, 2);
  });
});

describe('helpers', () => {
  it('monthly: twelve months compound to the yearly probability', () => {
    for (const p of [0, 0.01, 0.16, 0.5, 0.99]) expect(1 - Math.pow(1 - monthly(p), 12)).toBeCloseTo(p, 12);
    expect(monthly(1)).toBe(1);
    expect(monthly(2)).toBe(1);
    expect(monthly(0)).toBe(0);
  });

  it('chance, randInt and pickCumulative by hand-chosen uniforms', () => {
    const u = (v: number) => () => v;
    expect(chance(u(0.29), 0.3)).toBe(true);
    expect(chance(u(0.3), 0.3)).toBe(false);
    expect(randInt(u(0), 5)).toBe(0);
    expect(randInt(u(0.999), 5)).toBe(4);
    expect(randInt(u(0.4), 5)).toBe(2);
    const cum = [1, 3, 6]; // weights 1, 2, 3
    expect(pickCumulative(u(0), cum)).toBe(0);
    expect(pickCumulative(u(0.16), cum)).toBe(0); // 0.96 < 1
    expect(pickCumulative(u(0.17), cum)).toBe(1); // 1.02
    expect(pickCumulative(u(0.5), cum)).toBe(2); // 3.0 is not < 3
    expect(pickCumulative(u(0.9999), cum)).toBe(2);
  });

  it('normal: Box-Muller from two uniforms; mean 0 and variance 1 over many draws', () => {
    const seq = [0.5, 0]; // u = 1 - 0.5, v = 0: sqrt(-2 ln 0.5)
    let k = 0;
    expect(normal(() => seq[k++]!)).toBeCloseTo(Math.sqrt(-2 * Math.log(0.5)), 12);
    const rng = makeRng(5, 'normal');
    let s = 0;
    let s2 = 0;
    const n = 50_000;
    for (let j = 0; j < n; j++) {
      const x = normal(rng);
      s += x;
      s2 += x * x;
    }
    expect(s / n).toBeCloseTo(0, 1);
    expect(s2 / n).toBeGreaterThan(0.97);
    expect(s2 / n).toBeLessThan(1.03);
  });
});
