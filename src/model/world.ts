/**
 * The world of one replication, as data: flats, households, the area state of each estate, the
 * letting queues, this month's flow counters, the move log, the incremental census and the
 * hazard bounds. Types and plain helpers only: the operations that change occupancy (moving in,
 * out and internally) are in occupancy.ts, and the mechanisms in mechanisms/. This module
 * imports no mechanism, so that every module may depend on it and it on none of them.
 */
import type { Queue } from './queue.js';
import type { StreamRng } from './rng.js';
import { type Flats, type Households, H, B } from './state.js';
import type { Scenario } from '../scenario/schema.js';

/** Flow counters, one row per estate per month. Order = index. */
export const FLOWS = [
  'moveIns',
  'moveOuts',
  'internalMoves',
  'householdsFormed',
  'births',
  'deaths',
  'lifted',
  'dropped',
  'childrenLeftHome',
  'partnersMovedIn',
  'partnersMovedOut',
  'inResourceStrong',
  'inFamilies',
  'outResourceStrong',
  'outResourceStrongFamilies',
  'outResourceStrongFamiliesShortStay',
  'outLifted',
  'lettingsMunicipal',
  'lettingsFlexible',
  'lettingsInternal',
  'lettingsExternal',
  'lettingsSale',
  'offersDeclined',
  'swaps',
  'exitsSpace',
  'exitsGarden',
  'exitsOwnership',
  'exitsPartnership',
  'exitsDissatisfaction',
  'exitsSafety',
  'exitsStigma',
  'exitsJob',
  'exitsDeath',
  'exitsOther',
  'exitsDemolition',
  'relocated',
  'fromRegion',
  'flatsDemolished',
  'flatsBuilt',
  'flatsMerged',
  'unitsSold',
] as const;
export type FlowName = (typeof FLOWS)[number];
export const F = Object.fromEntries(FLOWS.map((n, i) => [n, i])) as { [K in FlowName]: number };
export const NFLOW = FLOWS.length;
/** Index of the first exit-by-reason counter; exit reason r is at EXIT0 + r. */
export const EXIT0 = F.exitsSpace;

/** Columnar, growable log of household moves. */
export class MoveLog {
  size = 0;
  month: Int32Array;
  uid: Int32Array;
  kind: Uint8Array;
  reason: Uint8Array;
  stay: Int32Array;
  strong: Uint8Array;
  family: Uint8Array;
  from: Int32Array;
  to: Int32Array;
  estate: Uint16Array;
  /** The mover's neighbour-preference group (Schelling worlds: `groups` true), written by the mechanism after `push`; else null. */
  group: Uint8Array | null;
  constructor(
    readonly enabled: boolean,
    cap = 1024,
    groups = false,
  ) {
    this.group = groups ? new Uint8Array(cap) : null;
    this.month = new Int32Array(cap);
    this.uid = new Int32Array(cap);
    this.kind = new Uint8Array(cap);
    this.reason = new Uint8Array(cap);
    this.stay = new Int32Array(cap);
    this.strong = new Uint8Array(cap);
    this.family = new Uint8Array(cap);
    this.from = new Int32Array(cap);
    this.to = new Int32Array(cap);
    this.estate = new Uint16Array(cap);
  }
  private grow(): void {
    const cap = this.month.length * 2;
    const g = <T extends Int32Array | Uint8Array | Uint16Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(cap);
      b.set(a);
      return b;
    };
    this.month = g(this.month);
    this.uid = g(this.uid);
    this.kind = g(this.kind);
    this.reason = g(this.reason);
    this.stay = g(this.stay);
    this.strong = g(this.strong);
    this.family = g(this.family);
    this.from = g(this.from);
    this.to = g(this.to);
    this.estate = g(this.estate);
    if (this.group) this.group = g(this.group);
  }
  push(
    month: number,
    uid: number,
    kind: number,
    reason: number,
    stay: number,
    strong: boolean,
    family: boolean,
    from: number,
    to: number,
    estate: number,
  ): void {
    if (!this.enabled) return;
    if (this.size === this.month.length) this.grow();
    const k = this.size++;
    this.month[k] = month;
    this.uid[k] = uid;
    this.kind[k] = kind;
    this.reason[k] = reason;
    this.stay[k] = stay;
    this.strong[k] = strong ? 1 : 0;
    this.family[k] = family ? 1 : 0;
    this.from[k] = from;
    this.to[k] = to;
    this.estate[k] = estate;
  }
}

/**
 * Area state per section (index = global section). The sections of an estate that has not
 * been divided share one state (computed from the whole estate); after the divide lever each
 * section keeps its own image, problems and crime, and its list criteria only when the sections
 * became physically separate areas (`DIVIDED`, `classificationGroups`).
 */
export interface AreaState {
  image: Float64Array;
  /** A lasting shift of the image target by a physical upgrade and a new name (levers/physical.ts). */
  imageShift: Float64Array;
  problems: Float64Array;
  crime: Float64Array;
  /** Social problems at the start: the residents' dissatisfaction responds to their change since then. */
  problems0: Float64Array;
  /** List status code (index into LIST_STATUS_NAMES). */
  status: Uint8Array;
  consecutiveGhettoYears: Int32Array;
  /** Criteria of the last classification. */
  outsideShare: Float64Array;
  basicShare: Float64Array;
  incomeRatio: Float64Array;
  convictionRatio: Float64Array;
  nonWesternShare: Float64Array;
}

/** A young adult (grown child or separated partner) seeking their own flat in the estate. */
export interface Seeker {
  estate: number;
  birth: number;
  female: number;
  status: number;
  edu: number;
  origin: number;
  since: number;
  reason: number;
}

/** A household that left its flat and waits, parked, for another flat in the region. */
export interface HouseholdRecord {
  slot: number;
  fromEstate: number;
  fromFlat: number;
  since: number;
  /** Why it left (a reason code): demolition, or the reason of a voluntary move-out. */
  reason: number;
}

/** Parameters in force this month for one estate, after the levers (see levers/index.ts). */
export interface EstateEffective {
  municipalShare: number;
  bans: 'auto' | 'on' | 'off';
  flexibleShare: number;
  combinedLetting: boolean;
  internalList: boolean;
  internalShare: number;
  familyPriorityLarge: boolean;
  /** Yearly probability that an over-housed household seeks a swap. */
  swapAnnual: number;
  imageBoost: number;
  programmeBoost: number;
  /** Multiplier on all voluntary move-out hazards (renovation disruption or attachment). */
  hazardFactor: number;
  /** Multiplier on the garden hazard (community and allotment gardens). */
  gardenFactor: number;
  /** Multipliers on volunteering start and tie growth. */
  volunteerFactor: number;
  tieFactor: number;
  /** Multiplier on the problems and crime caused by vulnerable households. */
  vulnerableFactor: number;
  /** Multiplier on the crime index target. */
  crimeFactor: number;
  /** Multiplier on rents (AlmenBolig+ discount). */
  rentFactor: number;
  /** Price of an owner-occupied unit in the estate, kr (ownership lever; else the regional price). */
  unitPrice: number;
  /** Residents have the first right to buy units in the estate. */
  firstRight: boolean;
  /** Extension multiplier on voluntary hazards, by group code (0 none, see levers). */
  extensionFactor: number;
  extensionGroup: number;
}

/** One bucket of an internal waiting list: slots in joining order, from `head` on. */
export interface ListQueue {
  slot: number[];
  since: number[];
  seq: number[];
  head: number;
}

export interface InternalList {
  queues: ListQueue[];
  /** Next sequence number (joining order). */
  next: number;
  /** Next sequence number for entries put in front of everyone (decreasing). */
  front: number;
}

/** The incremental census carried by the world (see the top of this file). */
export interface LiveCensus {
  /** Households' contributions per section (flats and derived entries are added in `readCensus`). */
  rows: Float64Array;
  /** Month as of which each household is counted, or NONE when it is not counted. */
  countedAt: Int32Array;
  /** Month at which each counted household's contribution next changes by age. */
  next: Int32Array;
  income: Float64Array;
  /** Off in worlds that never read it (the Schelling presets). */
  on: boolean;
  /** Active flats per section, as of `stockVersion` of the world. */
  activeFlats: Float64Array;
  stockVersion: number;
}

/** Per household: the bound of its monthly event probability and the last month it holds. */
export interface HazardBounds {
  base: Float64Array;
  mult: Float64Array;
  family: Uint8Array;
  /** Last month the bound holds; NONE when it must be recomputed. */
  until: Int32Array;
  /** The parameters the bounds were computed from (a lever or offer change invalidates all): see `updateBoundsKey`. */
  key: Float64Array;
  /**
   * The bound with the area terms at their caps (`cap0`, `cap1`, at least this month's): the
   * first pass compares the draw with this one number before it reads the month's own bound.
   */
  thr: Float64Array;
  cap0: number;
  cap1: number;
  /** Scratch: this month's households to work out exactly, and their draws. */
  cand: Int32Array;
  candU: Float64Array;
  /** Where `readAhead` puts what it read. */
  sink: number;
}

export interface World {
  scenario: Scenario;
  month: number;
  flats: Flats;
  hh: Households;
  nEstates: number;
  estateNames: string[];
  /** Index of the scenario estate spec each estate comes from (copies share a spec). */
  estateSpec: Int32Array;
  /** First flat of each estate; estate e owns flats flatStart[e]..flatStart[e+1]-1. */
  flatStart: Int32Array;
  sectionNames: string[];
  /** Estate of each section, and the first section of each estate (sectionStart[nEstates] = nSections). */
  sectionEstate: Int32Array;
  sectionStart: Int32Array;
  /** Whether and how the estate has been divided into its sections (divide lever): a `DIVIDED` code. */
  divided: Uint8Array;
  area: AreaState;
  eff: EstateEffective[];
  nextUid: number;
  freeSlots: number[];
  /** Vacant flats waiting to be let, in the order they fell vacant. */
  vacancies: number[];
  /** Each estate's internal waiting list (see internal-list.ts). */
  internalList: InternalList[];
  /** Young adults from each estate seeking their own flat there. */
  seekers: Seeker[][];
  /** Fractional counters that make "every n-th vacancy" rules exact, per estate. */
  municipalAcc: Float64Array;
  internalAcc: Float64Array;
  flexibleAcc: Float64Array;
  /** Per estate: social flats still to be sold as they fall vacant (ownership lever). */
  pendingSales: Int32Array;
  /** Flats designated for merging, by flat: the partner flat index, or NONE. */
  mergePartner: Int32Array;
  /** Rooms and rent of the merged flat, stored on the lower index of each pair. */
  mergeRooms: Uint8Array;
  mergeRent: Float32Array;
  /** Flats reserved for building levers: estate e owns reservedStart[e]..reservedEnd[e]-1. */
  reservedStart: Int32Array;
  reservedEnd: Int32Array;
  reservedUsed: Uint8Array;
  /** New large flats (merged or built) are offered to the internal list first, by flat. */
  internalFirst: Uint8Array;
  /** Households displaced by demolition waiting for a flat in the region. */
  rehousing: Queue<HouseholdRecord>;
  /** Fractional counter for the share of vacancies claimed for rehousing (region-wide). */
  rehousingAcc: number;
  /** Households who left an estate and seek a flat in another estate of the region. */
  regionMovers: Queue<HouseholdRecord>;
  /** This month's flows: nEstates x NFLOW. */
  flows: Float64Array;
  log: MoveLog;
  /** The incremental census (census.ts): every change to a household goes through touch/recount. */
  census: LiveCensus;
  /** Each estate's monthly tie step in force (social.ts `tiesNow`), kept by the household step. */
  tieStep: Float64Array;
  /** Incremented whenever a flat enters or leaves the stock (`flats.active`). */
  stockVersion: number;
  /** Each household's bound of its monthly event probability (household-month.ts); NONE in `until` forces a recount. */
  bounds: HazardBounds;
  rngs: Record<'households' | 'demography' | 'elevator' | 'social' | 'career' | 'letting' | 'schelling' | 'levers', StreamRng>;
}

/** Remove child k of household i (swap-remove). */
export function removeChild(h: Households, i: number, k: number): void {
  const base = i * H.stride + H.child0;
  const last = h.u8[i * B.stride + B.nChildren]! - 1;
  h.i32[base + k] = h.i32[base + last]!;
  h.u8[i * B.stride + B.nChildren] = last;
}

/**
 * How an estate is divided (`World.divided`, the divide lever): not at all; into named
 * sections that stay one physically contiguous area, which the list classification keeps
 * whole (almenboligloven § 61 a); or into sections that are physically separate areas, each
 * classified on its own (`policies[lever=divideEstate].physicallySeparate`).
 */
export const DIVIDED = { no: 0, named: 1, separate: 2 } as const;

/**
 * The areas of the spiral as section ranges [from, to): the whole estate while it is
 * undivided, each section once it is divided (either way).
 */
export function areaGroups(w: World): [number, number][] {
  const out: [number, number][] = [];
  for (let e = 0; e < w.nEstates; e++) {
    const a = w.sectionStart[e]!;
    const b = w.sectionStart[e + 1]!;
    if (w.divided[e]) for (let s = a; s < b; s++) out.push([s, s + 1]);
    else out.push([a, b]);
  }
  return out;
}

/**
 * The areas of the list classification as section ranges [from, to): the whole estate, the
 * physically contiguous area of almenboligloven § 61 a, unless it was divided into physically
 * separate sections (`DIVIDED.separate`); then each section.
 */
export function classificationGroups(w: World): [number, number][] {
  const out: [number, number][] = [];
  for (let e = 0; e < w.nEstates; e++) {
    const a = w.sectionStart[e]!;
    const b = w.sectionStart[e + 1]!;
    if (w.divided[e] === DIVIDED.separate) for (let s = a; s < b; s++) out.push([s, s + 1]);
    else out.push([a, b]);
  }
  return out;
}

/** The area state's fields the list classification sets (`mechanisms/listing.ts`). */
export const CLASSIFICATION_FIELDS = [
  'status',
  'consecutiveGhettoYears',
  'outsideShare',
  'basicShare',
  'incomeRatio',
  'convictionRatio',
  'nonWesternShare',
] as const;

/** Copy the classification's fields of section `from` to sections from+1..to-1 (an estate divided into named sections: one area on the list, several in the spiral). */
export function spreadClassification(a: AreaState, from: number, to: number): void {
  for (const k of CLASSIFICATION_FIELDS) {
    const arr = a[k];
    for (let s = from + 1; s < to; s++) arr[s] = arr[from]!;
  }
}

/** Copy the area state of section `from` to sections from+1..to-1 (an undivided estate). */
export function spreadArea(a: AreaState, from: number, to: number): void {
  for (const k of Object.keys(a) as (keyof AreaState)[]) {
    const arr = a[k];
    for (let s = from + 1; s < to; s++) arr[s] = arr[from]!;
  }
}
