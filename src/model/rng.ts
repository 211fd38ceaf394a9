/**
 * Random numbers: one seeded generator per replication, and independent sub-streams per
 * mechanism (so adding a mechanism does not shift the numbers the others draw).
 * Nothing in the project may use Math.random (a test checks).
 */
import seedrandom from 'seedrandom';

/** A source of uniform numbers in [0, 1). */
export type Rng = () => number;

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

/** A fast seeded generator (seedrandom's alea) for a seed and a named stream. */
export function makeRng(seed: number, stream = 'main'): Rng {
  const g = seedrandom.alea(`${seed}/${stream}`);
  return g as unknown as Rng;
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
export const monthly = (annualProbability: number): number =>
  annualProbability >= 1 ? 1 : 1 - Math.pow(1 - annualProbability, 1 / 12);

/** Pick an index from cumulative weights (last entry is the total). */
export function pickCumulative(rng: Rng, cumulative: ArrayLike<number>): number {
  const n = cumulative.length;
  const u = rng() * cumulative[n - 1]!;
  for (let i = 0; i < n; i++) if (u < cumulative[i]!) return i;
  return n - 1;
}
