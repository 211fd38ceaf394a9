/**
 * The world of one replication: flats, households, the area state of each estate, the
 * letting queues, this month's flow counters and the move log. Plain data plus the few
 * operations that keep it consistent (moving in, out and internally), so that every
 * mechanism changes occupancy through the same audited functions.
 */
import { CH, K, R } from './codes.js';
import { Queue } from './queue.js';
import type { Rng, StreamRng } from './rng.js';
import { type Flats, type Households, MAX_CHILDREN, NONE, isFamilyWithChildren, isResourceStrongHousehold, H, B } from './state.js';
import type { Scenario } from '../scenario/schema.js';
import type { InternalList } from './internal-list.js';
import { type LiveCensus, recount, touch } from './census.js';
import type { HazardBounds } from './household-month.js';
import { tiesNow } from './mechanisms/social.js';

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
  constructor(
    readonly enabled: boolean,
    cap = 1024,
  ) {
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
  }
  push(month: number, uid: number, kind: number, reason: number, stay: number, strong: boolean, family: boolean, from: number, to: number, estate: number): void {
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
 * section keeps its own image and list criteria.
 */
export interface AreaState {
  image: Float64Array;
  referenceImage: Float64Array;
  problems: Float64Array;
  crime: Float64Array;
  /** Composition at the start, the reference of the image target. */
  outside0: Float64Array;
  nonWestern0: Float64Array;
  crime0: Float64Array;
  problems0: Float64Array;
  listed0: Float64Array;
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
  /** 1 when the estate has been divided into its sections (divide lever). */
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

/**
 * Take a free household slot. Capacity is fixed at the start (flats plus room for households
 * parked while they seek a flat in the region); if it runs out, the longest-waiting parked
 * household gives up and leaves the region, freeing its slot.
 *
 * `prefer` (the flat the household will live in) is taken when that slot is free: slots then
 * follow flat order, so the monthly pass over households reads the flat arrays nearly in
 * sequence instead of at random (a large saving in memory traffic at 100,000+ households).
 * Otherwise the most recently freed slot is reused.
 */
export function allocSlot(w: World, prefer = NONE): number {
  const h = w.hh;
  let slot = NONE;
  if (prefer >= 0 && prefer < h.capacity && (prefer >= h.used || h.u8[prefer * B.stride + B.free])) {
    slot = prefer;
    // slots skipped over become free (kept in the free list)
    for (let k = h.used; k < prefer; k++) {
      h.u8[k * B.stride + B.free] = 1;
      w.freeSlots.push(k);
    }
    if (prefer >= h.used) h.used = prefer + 1;
  } else {
    // the free list may hold slots taken since by preference: skip those
    while (w.freeSlots.length > 0 && slot === NONE) {
      const k = w.freeSlots.pop()!;
      if (h.u8[k * B.stride + B.free]) slot = k;
    }
    if (slot === NONE) {
      if (h.used >= h.capacity) {
        const q = w.regionMovers.length > 0 ? w.regionMovers : w.rehousing;
        if (q.length === 0) throw new Error('household capacity exceeded (internal error)');
        freeSlot(w, q.shift().slot);
        return allocSlot(w);
      }
      slot = h.used++;
    }
  }
  h.u8[slot * B.stride + B.free] = 0;
  w.bounds.until[slot] = NONE;
  h.alive[slot] = 1;
  h.i32[slot * H.stride + H.uid] = w.nextUid++;
  h.u8[slot * B.stride + B.nChildren] = 0;
  h.i32[slot * H.stride + H.liftedAt] = -1_000_000;
  h.i32[slot * H.stride + H.listedAt] = NONE;
  h.u8[slot * B.stride + B.volunteer] = 0;
  h.f32[slot * H.stride + H.ties] = 0;
  h.i32[slot * H.stride + H.tiesAt] = w.month;
  h.u8[slot * B.stride + B.vulnerable] = 0;
  h.u8[slot * B.stride + B.group] = 0;
  return slot;
}

/** Release a household slot. */
export function freeSlot(w: World, i: number): void {
  touch(w, i);
  w.hh.alive[i] = 0;
  w.hh.u8[i * B.stride + B.free] = 1;
  w.hh.i32[i * H.stride + H.flat] = NONE;
  w.hh.i32[i * H.stride + H.listedAt] = NONE;
  w.freeSlots.push(i);
  if (w.freeSlots.length > w.hh.capacity) {
    // drop entries for slots taken since by preference, and duplicates
    const seen = new Uint8Array(w.hh.capacity);
    w.freeSlots = w.freeSlots.filter((k) => w.hh.u8[k * B.stride + B.free] === 1 && seen[k] === 0 && (seen[k] = 1) === 1);
  }
}

function vacate(w: World, flat: number): void {
  w.flats.occupant[flat] = NONE;
  w.flats.vacantSince[flat] = w.month;
  if (!w.flats.active[flat]) return;
  if (w.mergePartner[flat] !== NONE) withholdForMerge(w, flat);
  else w.vacancies.push(flat);
}

/**
 * A flat designated for merging fell vacant: withhold it from the stock; when its partner is
 * withheld too, the pair becomes one large flat (on the lower index) and is let.
 */
export function withholdForMerge(w: World, flat: number): void {
  const f = w.flats;
  const other = w.mergePartner[flat]!;
  f.active[flat] = 0;
  w.stockVersion++;
  if (f.active[other] || f.occupant[other] !== NONE) return;
  const k = Math.min(flat, other);
  const j = Math.max(flat, other);
  w.mergePartner[k] = NONE;
  w.mergePartner[j] = NONE;
  f.active[k] = 1;
  w.stockVersion++;
  f.rooms[k] = w.mergeRooms[k]!;
  f.rent[k] = w.mergeRent[k]!;
  f.vacantSince[k] = w.month;
  w.flows[f.estate[k]! * NFLOW + F.flatsMerged]++;
  w.internalFirst[k] = 1;
  w.vacancies.push(k);
}

/**
 * Demolition displaces a household: it leaves its flat and the estate (a move-out with reason
 * demolition) and waits, parked, to be rehoused in the region (letting.ts). Its slot is kept
 * (not freed) until it is rehoused or gives up.
 */
export function displace(w: World, i: number): void {
  const flat = w.hh.i32[i * H.stride + H.flat]!;
  w.rehousing.push({ slot: i, fromEstate: w.flats.estate[flat]!, fromFlat: flat, since: w.month, reason: R.demolition });
  park(w, i, R.demolition);
}

/**
 * A household leaves its flat and the estate (counted as a move-out with `reason`) but keeps
 * its slot, parked, while it seeks a flat elsewhere in the region. The caller queues it.
 */
function park(w: World, i: number, reason: number): void {
  const flat = w.hh.i32[i * H.stride + H.flat]!;
  tiesNow(w.hh, i, w.month, w.tieStep[w.flats.estate[flat]!]!); // ties do not grow while parked
  countExit(w, i, reason);
  if (w.flats.active[flat]) vacate(w, flat);
  else w.flats.occupant[flat] = NONE;
  w.hh.alive[i] = 0;
  w.hh.i32[i * H.stride + H.flat] = NONE;
  w.hh.i32[i * H.stride + H.listedAt] = NONE;
}

/** A household leaving estate e for `reason` seeks another flat in the region (kept, parked). */
export function leaveForRegion(w: World, i: number, reason: number): void {
  const flat = w.hh.i32[i * H.stride + H.flat]!;
  w.regionMovers.push({ slot: i, fromEstate: w.flats.estate[flat]!, fromFlat: flat, since: w.month, reason });
  park(w, i, reason);
}

/** A parked household (displaced, or leaving another estate of the region) moves into vacant `flat`. */
export function rehouse(w: World, rec: HouseholdRecord, flat: number): void {
  const i = rec.slot;
  w.hh.alive[i] = 1;
  const displaced = rec.reason === R.demolition;
  moveIn(w, i, flat, displaced ? CH.relocation : CH.region, rec.fromFlat);
  w.flows[flowRow(w, w.flats.estate[flat]!) + (displaced ? F.relocated : F.fromRegion)]++;
}

const flowRow = (w: World, estate: number): number => estate * NFLOW;

/** Count and log household i leaving its flat and the estate for `reason`. */
function countExit(w: World, i: number, reason: number): void {
  touch(w, i);
  const h = w.hh;
  const flat = h.i32[i * H.stride + H.flat]!;
  const e = w.flats.estate[flat]!;
  const strong = isResourceStrongHousehold(h, i);
  const fam = isFamilyWithChildren(h, i, w.month);
  const stay = w.month - h.i32[i * H.stride + H.movedIn]!;
  const row = flowRow(w, e);
  const fl = w.flows;
  fl[row + F.moveOuts]++;
  fl[row + EXIT0 + reason]++;
  if (strong) fl[row + F.outResourceStrong]++;
  if (strong && fam) {
    fl[row + F.outResourceStrongFamilies]++;
    if (stay <= 24) fl[row + F.outResourceStrongFamiliesShortStay]++;
  }
  if (w.month - h.i32[i * H.stride + H.liftedAt]! < 60) fl[row + F.outLifted]++;
  w.log.push(w.month, h.i32[i * H.stride + H.uid]!, K.out, reason, stay, strong, fam, flat, NONE, e);
}

/** A household leaves its flat and the estate; the flat falls vacant. */
export function moveOut(w: World, i: number, reason: number): void {
  const flat = w.hh.i32[i * H.stride + H.flat]!;
  countExit(w, i, reason);
  vacate(w, flat);
  freeSlot(w, i);
}

/** Place a freshly drawn household `i` into vacant `flat` (a move-in through `channel`). */
export function moveIn(w: World, i: number, flat: number, channel: number, from = NONE): void {
  const h = w.hh;
  const e = w.flats.estate[flat]!;
  h.i32[i * H.stride + H.flat] = flat;
  h.i32[i * H.stride + H.movedIn] = w.month;
  h.i32[i * H.stride + H.flatSince] = w.month;
  h.i32[i * H.stride + H.tiesAt] = w.month;
  w.flats.occupant[flat] = i;
  w.bounds.until[i] = NONE;
  const row = flowRow(w, e);
  const fl = w.flows;
  fl[row + F.moveIns]++;
  const strong = isResourceStrongHousehold(h, i);
  const fam = isFamilyWithChildren(h, i, w.month);
  if (strong) fl[row + F.inResourceStrong]++;
  if (fam) fl[row + F.inFamilies]++;
  if (channel !== CH.relocation)
    fl[row + (channel === CH.municipal ? F.lettingsMunicipal : channel === CH.flexible ? F.lettingsFlexible : channel === CH.sale ? F.lettingsSale : F.lettingsExternal)]++;
  w.log.push(w.month, h.i32[i * H.stride + H.uid]!, K.in, channel, 0, strong, fam, from, flat, e);
  recount(w, i);
}

/** A household formed inside the estate (grown child, separated partner) takes a vacant flat. */
export function formHousehold(w: World, i: number, flat: number, reason: number): void {
  const h = w.hh;
  const e = w.flats.estate[flat]!;
  h.i32[i * H.stride + H.flat] = flat;
  h.i32[i * H.stride + H.flatSince] = w.month;
  w.flats.occupant[flat] = i;
  w.bounds.until[i] = NONE;
  w.flows[flowRow(w, e) + F.householdsFormed]++;
  w.flows[flowRow(w, e) + F.lettingsInternal]++;
  w.log.push(w.month, h.i32[i * H.stride + H.uid]!, K.formed, reason, 0, isResourceStrongHousehold(h, i), isFamilyWithChildren(h, i, w.month), NONE, flat, e);
  recount(w, i);
}

/** A household moves from its flat to a vacant flat in the estate (region). */
export function moveInternal(w: World, i: number, to: number, reason: number, viaList: boolean): void {
  const h = w.hh;
  const from = h.i32[i * H.stride + H.flat]!;
  const e = w.flats.estate[to]!;
  touch(w, i);
  w.flows[flowRow(w, e) + F.internalMoves]++;
  if (viaList) w.flows[flowRow(w, e) + F.lettingsInternal]++;
  w.log.push(w.month, h.i32[i * H.stride + H.uid]!, K.internal, reason, w.month - h.i32[i * H.stride + H.movedIn]!, isResourceStrongHousehold(h, i), isFamilyWithChildren(h, i, w.month), from, to, e);
  h.i32[i * H.stride + H.flat] = to;
  h.i32[i * H.stride + H.flatSince] = w.month;
  h.i32[i * H.stride + H.listedAt] = NONE;
  w.flats.occupant[to] = i;
  w.bounds.until[i] = NONE;
  vacate(w, from);
  recount(w, i);
}

/** Two households exchange flats (a swap); both moves are internal. */
export function swapFlats(w: World, a: number, b: number): void {
  const h = w.hh;
  const fa = h.i32[a * H.stride + H.flat]!;
  const fb = h.i32[b * H.stride + H.flat]!;
  touch(w, a);
  touch(w, b);
  for (const [i, from, to] of [
    [a, fa, fb],
    [b, fb, fa],
  ] as const) {
    const e = w.flats.estate[to]!;
    w.flows[flowRow(w, e) + F.internalMoves]++;
    w.log.push(w.month, h.i32[i * H.stride + H.uid]!, K.internal, R.swap, w.month - h.i32[i * H.stride + H.movedIn]!, isResourceStrongHousehold(h, i), isFamilyWithChildren(h, i, w.month), from, to, e);
    h.i32[i * H.stride + H.flat] = to;
    h.i32[i * H.stride + H.flatSince] = w.month;
    h.i32[i * H.stride + H.listedAt] = NONE;
    w.flats.occupant[to] = i;
    w.bounds.until[i] = NONE;
  }
  w.flows[flowRow(w, w.flats.estate[fa]!) + F.swaps]++;
  recount(w, a);
  recount(w, b);
}

/** Remove child k of household i (swap-remove). */
export function removeChild(h: Households, i: number, k: number): void {
  const base = i * H.stride + H.child0;
  const last = h.u8[i * B.stride + B.nChildren]! - 1;
  h.i32[base + k] = h.i32[base + last]!;
  h.u8[i * B.stride + B.nChildren] = last;
}

/**
 * The areas of the spiral and the classification as section ranges [from, to): the whole
 * estate while it is undivided, each section once it is divided.
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

/** Copy the area state of section `from` to sections from+1..to-1 (an undivided estate). */
export function spreadArea(a: AreaState, from: number, to: number): void {
  for (const k of Object.keys(a) as (keyof AreaState)[]) {
    const arr = a[k];
    for (let s = from + 1; s < to; s++) arr[s] = arr[from]!;
  }
}
