/**
 * Occupancy: the operations that move households into, out of and within the estates, and take
 * or free their slots. Every mechanism and lever changes who lives where through these
 * functions, so that the flat, the household record, the incremental census, the hazard
 * bounds, this month's flows and the move log always change together.
 */
import { CH, K, R } from './codes.js';
import { recount, touch } from './census.js';
import { tiesNow } from './mechanisms/social.js';
import { NONE, isFamilyWithChildren, isResourceStrongHousehold, H, B, get8, set8, get32, set32, setF32 } from './state.js';
import { EXIT0, F, NFLOW } from './flows.js';
import type { HouseholdRecord } from './waiting.js';
import type { World } from './world.js';

/** A leaving resource-strong family that lived here at most this long had a short stay, months (CFBU2019 F1). */
export const SHORT_STAY_MONTHS = 24;
/** A move-out within this long after a lift into work or education counts as an elevator exit, months (assumption). */
export const LIFT_WINDOW_MONTHS = 60;

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
  if (prefer >= 0 && prefer < h.capacity && (prefer >= h.used || get8(h, prefer, B.free))) {
    slot = prefer;
    // slots skipped over become free (kept in the free list)
    for (let k = h.used; k < prefer; k++) {
      set8(h, k, B.free, 1);
      w.hh.freeSlots.push(k);
    }
    if (prefer >= h.used) h.used = prefer + 1;
  } else {
    // the free list may hold slots taken since by preference: skip those
    while (w.hh.freeSlots.length > 0 && slot === NONE) {
      const k = w.hh.freeSlots.pop()!;
      if (get8(h, k, B.free)) slot = k;
    }
    if (slot === NONE) {
      if (h.used >= h.capacity) {
        const q = w.queues.regionMovers.length > 0 ? w.queues.regionMovers : w.queues.rehousing;
        if (q.length === 0) throw new Error('household capacity exceeded (internal error)');
        freeSlot(w, q.shift().slot);
        return allocSlot(w);
      }
      slot = h.used++;
    }
  }
  set8(h, slot, B.free, 0);
  w.bounds.until[slot] = NONE;
  h.alive[slot] = 1;
  set32(h, slot, H.uid, w.hh.nextUid++);
  set8(h, slot, B.nChildren, 0);
  set32(h, slot, H.liftedAt, -1_000_000);
  set32(h, slot, H.listedAt, NONE);
  set8(h, slot, B.volunteer, 0);
  setF32(h, slot, H.ties, 0);
  set32(h, slot, H.tiesAt, w.month);
  set8(h, slot, B.vulnerable, 0);
  set8(h, slot, B.group, 0);
  return slot;
}

/** Release a household slot. */
export function freeSlot(w: World, i: number): void {
  touch(w, i);
  w.hh.alive[i] = 0;
  set8(w.hh, i, B.free, 1);
  set32(w.hh, i, H.flat, NONE);
  set32(w.hh, i, H.listedAt, NONE);
  w.hh.freeSlots.push(i);
  if (w.hh.freeSlots.length > w.hh.capacity) {
    // drop entries for slots taken since by preference, and duplicates
    const seen = new Uint8Array(w.hh.capacity);
    w.hh.freeSlots = w.hh.freeSlots.filter((k) => {
      if (get8(w.hh, k, B.free) !== 1 || seen[k] !== 0) return false;
      seen[k] = 1;
      return true;
    });
  }
}

function vacate(w: World, flat: number): void {
  w.flats.occupant[flat] = NONE;
  w.flats.vacantSince[flat] = w.month;
  if (!w.flats.active[flat]) return;
  if (w.stock.mergePartner[flat] !== NONE) withholdForMerge(w, flat);
  else w.queues.vacancies.push(flat);
}

/**
 * A flat designated for merging fell vacant: withhold it from the stock; when its partner is
 * withheld too, the pair becomes one large flat (on the lower index) and is let.
 */
export function withholdForMerge(w: World, flat: number): void {
  const f = w.flats;
  const other = w.stock.mergePartner[flat]!;
  f.active[flat] = 0;
  w.stock.version++;
  if (f.active[other] || f.occupant[other] !== NONE) return;
  const k = Math.min(flat, other);
  const j = Math.max(flat, other);
  w.stock.mergePartner[k] = NONE;
  w.stock.mergePartner[j] = NONE;
  f.active[k] = 1;
  w.stock.version++;
  f.rooms[k] = w.stock.mergeRooms[k]!;
  f.rent[k] = w.stock.mergeRent[k]!;
  f.vacantSince[k] = w.month;
  w.flows[f.estate[k]! * NFLOW + F.flatsMerged]++;
  w.stock.internalFirst[k] = 1;
  w.queues.vacancies.push(k);
}

/**
 * Demolition displaces a household: it leaves its flat and the estate (a move-out with reason
 * demolition) and waits, parked, to be rehoused in the region (letting.ts). Its slot is kept
 * (not freed) until it is rehoused or gives up.
 */
export function displace(w: World, i: number): void {
  const flat = get32(w.hh, i, H.flat);
  w.queues.rehousing.push({ slot: i, fromEstate: w.flats.estate[flat]!, fromFlat: flat, since: w.month, reason: R.demolition });
  park(w, i, R.demolition);
}

/**
 * A household leaves its flat and the estate (counted as a move-out with `reason`) but keeps
 * its slot, parked, while it seeks a flat elsewhere in the region. The caller queues it.
 */
function park(w: World, i: number, reason: number): void {
  const flat = get32(w.hh, i, H.flat);
  tiesNow(w.hh, i, w.month, w.tieStep[w.flats.estate[flat]!]!); // ties do not grow while parked
  countExit(w, i, reason);
  if (w.flats.active[flat]) vacate(w, flat);
  else w.flats.occupant[flat] = NONE;
  w.hh.alive[i] = 0;
  set32(w.hh, i, H.flat, NONE);
  set32(w.hh, i, H.listedAt, NONE);
}

/** A household leaving estate e for `reason` seeks another flat in the region (kept, parked). */
export function leaveForRegion(w: World, i: number, reason: number): void {
  const flat = get32(w.hh, i, H.flat);
  w.queues.regionMovers.push({ slot: i, fromEstate: w.flats.estate[flat]!, fromFlat: flat, since: w.month, reason });
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

const flowRow = (_w: World, estate: number): number => estate * NFLOW;

/** Count and log household i leaving its flat and the estate for `reason`. */
function countExit(w: World, i: number, reason: number): void {
  touch(w, i);
  const h = w.hh;
  const flat = get32(h, i, H.flat);
  const e = w.flats.estate[flat]!;
  const strong = isResourceStrongHousehold(h, i);
  const fam = isFamilyWithChildren(h, i, w.month);
  const stay = w.month - get32(h, i, H.movedIn);
  const row = flowRow(w, e);
  const fl = w.flows;
  fl[row + F.moveOuts]++;
  fl[row + EXIT0 + reason]++;
  if (strong) fl[row + F.outResourceStrong]++;
  if (strong && fam) {
    fl[row + F.outResourceStrongFamilies]++;
    if (stay <= SHORT_STAY_MONTHS) fl[row + F.outResourceStrongFamiliesShortStay]++;
  }
  if (w.month - get32(h, i, H.liftedAt) < LIFT_WINDOW_MONTHS) fl[row + F.outLifted]++;
  w.log.push(w.month, get32(h, i, H.uid), K.out, reason, stay, strong, fam, flat, NONE, e);
}

/** A household leaves its flat and the estate; the flat falls vacant. */
export function moveOut(w: World, i: number, reason: number): void {
  const flat = get32(w.hh, i, H.flat);
  countExit(w, i, reason);
  vacate(w, flat);
  freeSlot(w, i);
}

/** Place a freshly drawn household `i` into vacant `flat` (a move-in through `channel`). */
export function moveIn(w: World, i: number, flat: number, channel: number, from = NONE): void {
  const h = w.hh;
  const e = w.flats.estate[flat]!;
  set32(h, i, H.flat, flat);
  set32(h, i, H.movedIn, w.month);
  set32(h, i, H.flatSince, w.month);
  set32(h, i, H.tiesAt, w.month);
  w.flats.occupant[flat] = i;
  w.bounds.until[i] = NONE;
  const row = flowRow(w, e);
  const fl = w.flows;
  fl[row + F.moveIns]++;
  const strong = isResourceStrongHousehold(h, i);
  const fam = isFamilyWithChildren(h, i, w.month);
  if (strong) fl[row + F.inResourceStrong]++;
  if (fam) fl[row + F.inFamilies]++;
  if (channel !== CH.relocation) {
    fl[
      row +
        (channel === CH.municipal
          ? F.lettingsMunicipal
          : channel === CH.flexible
            ? F.lettingsFlexible
            : channel === CH.sale
              ? F.lettingsSale
              : F.lettingsExternal)
    ]++;
    // who each letting channel brings: its resource-strong in-movers
    if (strong && channel !== CH.sale)
      fl[row + (channel === CH.municipal ? F.inResourceStrongMunicipal : channel === CH.flexible ? F.inResourceStrongFlexible : F.inResourceStrongExternal)]++;
  }
  w.log.push(w.month, get32(h, i, H.uid), K.in, channel, 0, strong, fam, from, flat, e);
  recount(w, i);
}

/** A household formed inside the estate (grown child, separated partner) takes a vacant flat. */
export function formHousehold(w: World, i: number, flat: number, reason: number): void {
  const h = w.hh;
  const e = w.flats.estate[flat]!;
  set32(h, i, H.flat, flat);
  set32(h, i, H.flatSince, w.month);
  w.flats.occupant[flat] = i;
  w.bounds.until[i] = NONE;
  w.flows[flowRow(w, e) + F.householdsFormed]++;
  w.flows[flowRow(w, e) + F.lettingsInternal]++;
  w.log.push(w.month, get32(h, i, H.uid), K.formed, reason, 0, isResourceStrongHousehold(h, i), isFamilyWithChildren(h, i, w.month), NONE, flat, e);
  recount(w, i);
}

/**
 * Household i's internal move from flat `from` to flat `to` recorded: counted at the estate of
 * `to`, logged, and the household's flat, its month of moving there, its place on the internal
 * list (left) and the new flat's occupant set. The old flat is left to the caller.
 */
function relocate(w: World, i: number, from: number, to: number, reason: number): void {
  const h = w.hh;
  const e = w.flats.estate[to]!;
  w.flows[flowRow(w, e) + F.internalMoves]++;
  w.log.push(
    w.month,
    get32(h, i, H.uid),
    K.internal,
    reason,
    w.month - get32(h, i, H.movedIn),
    isResourceStrongHousehold(h, i),
    isFamilyWithChildren(h, i, w.month),
    from,
    to,
    e,
  );
  set32(h, i, H.flat, to);
  set32(h, i, H.flatSince, w.month);
  set32(h, i, H.listedAt, NONE);
  w.flats.occupant[to] = i;
  w.bounds.until[i] = NONE;
}

/** A household moves from its flat to a vacant flat in the estate (region). */
export function moveInternal(w: World, i: number, to: number, reason: number, viaList: boolean): void {
  const from = get32(w.hh, i, H.flat);
  touch(w, i);
  if (viaList) w.flows[flowRow(w, w.flats.estate[to]!) + F.lettingsInternal]++;
  relocate(w, i, from, to, reason);
  vacate(w, from);
  recount(w, i);
}

/** Two households exchange flats (a swap); both moves are internal. */
export function swapFlats(w: World, a: number, b: number): void {
  const h = w.hh;
  const fa = get32(h, a, H.flat);
  const fb = get32(h, b, H.flat);
  touch(w, a);
  touch(w, b);
  relocate(w, a, fa, fb, R.swap);
  relocate(w, b, fb, fa, R.swap);
  w.flows[flowRow(w, w.flats.estate[fa]!) + F.swaps]++;
  recount(w, a);
  recount(w, b);
}
