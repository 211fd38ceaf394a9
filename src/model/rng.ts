/**
 * Random numbers: one seeded generator per replication, and independent sub-streams per
 * mechanism (so adding a mechanism does not shift the numbers the others draw).
 * Nothing in the project may use Math.random (a test checks).
 */
/** A source of uniform numbers in [0, 1). */
export type Rng = () => number;

/**
 * The state of an Alea generator (Johannes Baagøe, 2010; the generator of the `seedrandom`
 * package's `alea`, whose numbers ours repeat exactly: test/model/rng.test.ts): three fractions
 * in [0, 1) and an integer carry. One step: t = 2091639 s0 + c 2^-32; (s0, s1) = (s1, s2);
 * c = floor(t); s2 = t - c, which is the number drawn.
 */
export interface AleaState {
  s0: number;
  s1: number;
  s2: number;
  c: number;
}

/** A generator whose state can be read and written (a hot loop keeps it in local variables: `aleaStep`'s comment). */
export type StreamRng = Rng & { readonly state: AleaState };

const TWO_TO_MINUS_32 = 2.3283064365386963e-10;

/**
 * Baagøe's "Mash" hash, with which Alea seeds itself: a running value n (a 32-bit whole number
 * kept in a double) mixed with each UTF-16 unit of the text; each call returns n / 2^32 and keeps
 * n for the next call, as Alea's seeding needs (four calls on one hash).
 */
function mash(): (text: string) => number {
  let n = 0xefc8249d;
  return (text: string): number => {
    for (let i = 0; i < text.length; i++) {
      n += text.charCodeAt(i);
      let h = 0.02519603282416938 * n;
      n = h >>> 0;
      h -= n;
      h *= n;
      n = h >>> 0;
      h -= n;
      n += h * 0x100000000;
    }
    return (n >>> 0) * TWO_TO_MINUS_32;
  };
}

/**
 * Alea's starting state for a seed text (Baagøe's seeding: three fractions from hashing a space,
 * each less the hash of the text, wrapped into [0, 1), and the carry 1). The same state as the
 * `seedrandom` package's `alea` (test/model/rng.test.ts), computed here so that a run does not
 * load that package (about 12 ms of a default run's start: bench/RESULTS.md).
 */
export function aleaSeed(text: string): AleaState {
  const h = mash();
  let s0 = h(' ');
  let s1 = h(' ');
  let s2 = h(' ');
  s0 -= h(text);
  if (s0 < 0) s0 += 1;
  s1 -= h(text);
  if (s1 < 0) s1 += 1;
  s2 -= h(text);
  if (s2 < 0) s2 += 1;
  return { s0, s1, s2, c: 1 };
}

/**
 * One Alea step on `g`: the next number. A loop that draws once per household can do the same
 * on local copies of the four fields (read before the loop, written back after), which keeps
 * the state in registers: t = 2091639 * s0 + c * 2^-32, s0 = s1, s1 = s2, c = t | 0, s2 = t - c.
 */
export function aleaStep(g: AleaState): number {
  const t = 2091639 * g.s0 + g.c * TWO_TO_MINUS_32;
  g.s0 = g.s1;
  g.s1 = g.s2;
  g.c = t | 0;
  g.s2 = t - g.c;
  return g.s2;
}

/** 32-bit FNV-1a hash of a string, for deriving stream seeds from names. */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The seed of replication `i` (0-based), derived from the base seed. Stable across versions. */
export function replicationSeed(baseSeed: number, i: number): number {
  return hash32(`nabolag:${baseSeed}:${i}`);
}

/** A fast seeded generator (Alea) for a seed and a named stream. */
export function makeRng(seed: number, stream = 'main'): StreamRng {
  const state = aleaSeed(`${seed}/${stream}`);
  return Object.assign(() => aleaStep(state), { state });
}

/** Bernoulli draw. */
export const chance = (rng: Rng, p: number): boolean => rng() < p;

/** Uniform integer in [0, n). */
export const randInt = (rng: Rng, n: number): number => Math.floor(rng() * n);

/** Standard normal draw (Box-Muller; uses two uniforms). */
export function normal(rng: Rng): number {
  const u = 1 - rng();
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Convert a yearly probability into a monthly one with the same yearly total. */
export const monthly = (annualProbability: number): number => (annualProbability >= 1 ? 1 : 1 - Math.pow(1 - annualProbability, 1 / 12));

/** Pick an index from cumulative weights (last entry is the total). */
export function pickCumulative(rng: Rng, cumulative: ArrayLike<number>): number {
  const n = cumulative.length;
  const u = rng() * cumulative[n - 1]!;
  for (let i = 0; i < n; i++) if (u < cumulative[i]!) return i;
  return n - 1;
}
