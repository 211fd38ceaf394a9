/**
 * Small worlds for mechanism tests: a frozen-parameter scenario (see scenario.ts) laid out by
 * `initialWorld`, optionally emptied, with helpers to place hand-made households in it.
 */
import { NCENSUS, takeCensus } from '../../src/model/census.js';
import { K } from '../../src/model/codes.js';
import { applyLevers } from '../../src/model/levers/index.js';
import { refreshIncome } from '../../src/model/population.js';
import { initialWorld } from '../../src/model/simulate.js';
import { MAX_CHILDREN, NONE, Status } from '../../src/model/state.js';
import { F, type FlowName, NFLOW, type World, allocSlot } from '../../src/model/world.js';
import { frozenScenario } from './scenario.js';

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
 * An empty estate of `n` flats (no households, no vacancies queued), with the given rooms per
 * flat (cycled if shorter than n), no gardens and all social tenure, unless changed later.
 */
export function emptyWorld(n: number, rooms: number[] = [3], overrides: Json = {}, estate: Json = {}): World {
  const w = tinyWorld(1, overrides, { flats: n, population: { households: 0 }, gardenShareOfGroundFloor: 0, ...estate });
  for (let f = 0; f < n; f++) {
    w.flats.rooms[f] = rooms[f % rooms.length]!;
    w.flats.garden[f] = 0;
  }
  w.vacancies = [];
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
  if (w.flats.occupant[flat] !== NONE) throw new Error(`flat ${flat} is occupied`);
  const h = w.hh;
  const i = allocSlot(w);
  const m = w.month;
  const months = (years: number) => Math.round(years * 12);
  h.adults[i] = s.age2 === undefined ? 1 : 2;
  h.birth1[i] = m - months(s.age ?? 35);
  h.birth2[i] = s.age2 === undefined ? 0 : m - months(s.age2);
  h.female1[i] = s.female1 ?? 1;
  h.status1[i] = s.status1 ?? Status.employed;
  h.status2[i] = s.status2 ?? Status.employed;
  h.edu1[i] = 1;
  h.edu2[i] = 1;
  const kids = s.children ?? [];
  h.nChildren[i] = kids.length;
  kids.forEach((a, k) => (h.childBirth[i * MAX_CHILDREN + k] = m - months(a)));
  h.origin[i] = 0;
  refreshIncome(w.scenario, h, i);
  if (s.income !== undefined) h.income[i] = s.income;
  const stay = s.stayMonths ?? 120;
  h.movedIn[i] = m - stay;
  h.flatSince[i] = m - stay;
  h.ties[i] = s.ties ?? 0;
  h.familyNearby[i] = s.familyNearby ?? 0;
  h.volunteer[i] = s.volunteer ?? 0;
  h.wantsGarden[i] = s.wantsGarden ?? 0;
  h.wantsOwn[i] = s.wantsOwn ?? 0;
  h.flat[i] = flat;
  w.flats.occupant[flat] = i;
  return i;
}

/** This month's flow `name` in estate e. */
export const flow = (w: World, name: FlowName, e = 0): number => w.flows[e * NFLOW + F[name]]!;

/** Move log entries of this world as objects (for readable assertions). */
export function moves(w: World): { month: number; uid: number; kind: string; reason: number; from: number; to: number }[] {
  const L = w.log;
  const kinds = Object.fromEntries(Object.entries(K).map(([k, v]) => [v, k]));
  return Array.from({ length: L.size }, (_, k) => ({ month: L.month[k]!, uid: L.uid[k]!, kind: kinds[L.kind[k]!]!, reason: L.reason[k]!, from: L.from[k]!, to: L.to[k]! }));
}

/** A census of the world (nEstates x NCENSUS). */
export function census(w: World): Float64Array {
  const c = new Float64Array(w.nEstates * NCENSUS);
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
