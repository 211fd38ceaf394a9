/**
 * Small worlds for mechanism tests: a frozen-parameter scenario (see scenario.ts) laid out by
 * `initialWorld`, optionally emptied, with helpers to place hand-made households in it.
 */
import { NCENSUS, takeCensus } from '../../src/model/census.js';
import { K } from '../../src/model/codes.js';
import { applyLevers } from '../../src/model/levers/index.js';
import { refreshIncome } from '../../src/model/population.js';
import { makeRng } from '../../src/model/rng.js';
import { initialWorld } from '../../src/model/simulate.js';
import { NONE, Status } from '../../src/model/state.js';
import { F, type FlowName, NFLOW } from '../../src/model/flows.js';
import type { World } from '../../src/model/world.js';
import { allocSlot } from '../../src/model/occupancy.js';
import { frozenScenario } from './scenario.js';
import { B, H } from '../../src/model/state.js';

type Json = Record<string, unknown>;

/**
 * A world from the frozen parameters plus `overrides` (deep-merged; `estate` is merged into
 * the single estate), at month 1 with the levers applied.
 */
export function tinyWorld(seed: number, overrides: Json = {}, estate: Json = {}): World {
  const sc = frozenScenario({ years: 1, replications: 1, ...overrides, estates: [{ name: 'tiny', flats: 40, sections: 1, ...estate }] });
  const w = initialWorld(sc, seed);
  w.month = 1;
  applyLevers(w, 1);
  return w;
}

/**
 * An empty estate of `n` flats (at least 10, the smallest estate allowed; no households, no
 * vacancies queued), with the given rooms per flat (cycled), no gardens and all social tenure
 * (unless `estate` says otherwise).
 */
export function emptyWorld(n: number, rooms: number[] = [3], overrides: Json = {}, estate: Json = {}): World {
  const w = tinyWorld(1, overrides, { flats: Math.max(10, n), population: { households: 0 }, gardenShareOfGroundFloor: 0, ...estate });
  const spec = w.scenario.estates[0]!;
  for (let f = 0; f < w.flats.n; f++) {
    w.flats.rooms[f] = rooms[f % rooms.length]!;
    w.flats.rent[f] = spec.rentBase + spec.rentPerRoom * w.flats.rooms[f]!;
    w.flats.garden[f] = 0;
  }
  w.queues.vacancies = [];
  return w;
}

export interface HouseholdSpec {
  /** Age of adult 1 in years (at the world's month). */
  age?: number;
  /** Age of adult 2; present = a couple. */
  age2?: number;
  female1?: 0 | 1;
  status1?: number;
  status2?: number;
  /** Ages of the children in years. */
  children?: number[];
  /** Months lived in the estate (and in this flat). */
  stayMonths?: number;
  ties?: number;
  familyNearby?: 0 | 1;
  volunteer?: 0 | 1;
  wantsGarden?: 0 | 1;
  wantsOwn?: 0 | 1;
  income?: number;
}

/** Place a hand-made household in vacant `flat`; returns its slot. */
export function place(w: World, flat: number, s: HouseholdSpec = {}): number {
  if (flat < 0 || flat >= w.flats.n) throw new Error(`no flat ${flat} (the world has ${w.flats.n})`);
  if (w.flats.occupant[flat] !== NONE) throw new Error(`flat ${flat} is occupied`);
  const h = w.hh;
  const i = allocSlot(w);
  const m = w.month;
  const months = (years: number) => Math.round(years * 12);
  h.u8[i * B.stride + B.adults] = s.age2 === undefined ? 1 : 2;
  h.i32[i * H.stride + H.birth1] = m - months(s.age ?? 35);
  h.i32[i * H.stride + H.birth2] = s.age2 === undefined ? 0 : m - months(s.age2);
  h.u8[i * B.stride + B.female1] = s.female1 ?? 1;
  h.u8[i * B.stride + B.status1] = s.status1 ?? Status.employed;
  h.u8[i * B.stride + B.status2] = s.status2 ?? Status.employed;
  h.u8[i * B.stride + B.edu1] = 1;
  h.u8[i * B.stride + B.edu2] = 1;
  const kids = s.children ?? [];
  h.u8[i * B.stride + B.nChildren] = kids.length;
  for (const [k, a] of kids.entries()) h.i32[i * H.stride + H.child0 + k] = m - months(a);
  h.u8[i * B.stride + B.origin] = 0;
  refreshIncome(w.scenario, h, i);
  if (s.income !== undefined) h.f32[i * H.stride + H.income] = s.income;
  const stay = s.stayMonths ?? 120;
  h.i32[i * H.stride + H.movedIn] = m - stay;
  h.i32[i * H.stride + H.flatSince] = m - stay;
  h.f32[i * H.stride + H.ties] = s.ties ?? 0;
  h.i32[i * H.stride + H.tiesAt] = m - 1; // a resident: its ties grow in this month
  h.u8[i * B.stride + B.familyNearby] = s.familyNearby ?? 0;
  h.u8[i * B.stride + B.volunteer] = s.volunteer ?? 0;
  h.u8[i * B.stride + B.wantsGarden] = s.wantsGarden ?? 0;
  h.u8[i * B.stride + B.wantsOwn] = s.wantsOwn ?? 0;
  h.i32[i * H.stride + H.flat] = flat;
  w.flats.occupant[flat] = i;
  return i;
}

/** This month's flow `name` in estate e. */
export const flow = (w: World, name: FlowName, e = 0): number => w.flows[e * NFLOW + F[name]]!;

/** Move log entries of this world as objects (for readable assertions). */
export function moves(w: World): { month: number; uid: number; kind: string; reason: number; from: number; to: number }[] {
  const L = w.log;
  const kinds = Object.fromEntries(Object.entries(K).map(([k, v]) => [v, k]));
  return Array.from({ length: L.size }, (_, k) => ({
    month: L.month[k]!,
    uid: L.uid[k]!,
    kind: kinds[L.kind[k]!]!,
    reason: L.reason[k]!,
    from: L.from[k]!,
    to: L.to[k]!,
  }));
}

/** A census of the world (nEstates x NCENSUS). */
export function census(w: World): Float64Array {
  const c = new Float64Array(w.layout.nEstates * NCENSUS);
  takeCensus(w, c);
  return c;
}

/** Alive household slots. */
export function alive(w: World): number[] {
  const out: number[] = [];
  for (let i = 0; i < w.hh.used; i++) if (w.hh.alive[i]) out.push(i);
  return out;
}

/** An rng that returns the given values in turn (then repeats the last). */
export function fixedRng(...values: number[]): () => number {
  let k = 0;
  return () => values[Math.min(k++, values.length - 1)]!;
}

/** The room pattern of synthetic estates (cycled over the flats): mostly 2-3 rooms. */
export const SYNTHETIC_ROOMS = [1, 2, 3, 3, 4, 2, 3, 5, 2, 3];

/**
 * A world of `n` flats (rooms SYNTHETIC_ROOMS) filled with a synthetic population drawn by
 * this helper from its own seeded stream (not by src/model/population.ts, so that pinned
 * mechanism values do not move when the initial population is recalibrated). A share
 * `occupancy` of flats is occupied; the others are queued as vacancies. Households: families
 * (couples and single parents, children 0-20), singles, couples, seniors; about half
 * resource-strong; ties, stays, wishes and volunteering varied.
 */
export function syntheticWorld(seed: number, n = 120, overrides: Json = {}, occupancy = 0.95): World {
  const w = emptyWorld(n, SYNTHETIC_ROOMS, overrides);
  const rng = makeRng(seed, 'synthetic');
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
  for (let f = 0; f < w.flats.n; f++) {
    if (rng() >= occupancy) {
      w.queues.vacancies.push(f);
      continue;
    }
    const type = pick(['family', 'family', 'family', 'singleParent', 'single', 'single', 'couple', 'couple', 'senior', 'seniorCouple'] as const);
    const strong = rng() < 0.5;
    const work = () => (strong ? (rng() < 0.15 ? Status.student : Status.employed) : rng() < 0.8 ? Status.outside : Status.employed);
    const senior = type === 'senior' || type === 'seniorCouple';
    const age = senior ? 60 + rng() * 25 : type === 'single' ? 19 + rng() * 40 : 24 + rng() * 30;
    const spec: HouseholdSpec = {
      age,
      female1: rng() < 0.5 ? 1 : 0,
      status1: age >= 65 ? Status.retired : work(),
      stayMonths: Math.floor(rng() * 180),
      ties: rng(),
      familyNearby: rng() < 0.3 ? 1 : 0,
      volunteer: rng() < 0.1 ? 1 : 0,
      wantsOwn: strong && rng() < 0.4 ? 1 : 0,
    };
    if (type === 'family' || type === 'couple' || type === 'seniorCouple') {
      spec.age2 = Math.max(19, age + (rng() - 0.5) * 8);
      spec.status2 = spec.age2 >= 65 ? Status.retired : work();
    }
    if (type === 'family' || type === 'singleParent') {
      spec.children = Array.from({ length: 1 + Math.floor(rng() * 3) }, () => rng() * Math.min(21, age - 18));
      spec.wantsGarden = rng() < 0.5 ? 1 : 0;
      if (type === 'singleParent') spec.female1 = 1;
    }
    const i = place(w, f, spec);
    w.hh.u8[i * B.stride + B.edu1] = Math.floor(rng() * 3);
    w.hh.u8[i * B.stride + B.edu2] = Math.floor(rng() * 3);
    w.hh.u8[i * B.stride + B.origin] = rng() < 0.4 ? 2 : 0;
    w.hh.u8[i * B.stride + B.vulnerable] = rng() < 0.06 ? 1 : 0;
    refreshIncome(w.scenario, w.hh, i);
  }
  return w;
}
