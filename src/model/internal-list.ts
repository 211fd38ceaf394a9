/**
 * The internal waiting list (oprykning) of one estate, kept in buckets by the reason a
 * household joined (space, garden, ownership, rehousing out of a flat to be merged) and the
 * rooms of its current flat. A vacancy only looks at the buckets whose households it could
 * serve, so letting costs the same whatever the size of the list (no scan of all entries).
 *
 * Seniority is global across buckets: every entry carries a sequence number, and a vacancy
 * goes to the eligible entry with the smallest one — the same household a single list in
 * joining order would give. Entries are cleaned lazily: an entry is valid only while the
 * household in its slot is alive and still listed since the entry's month (a reused slot or a
 * new listing does not inherit an old entry's place).
 */
import { recount, touch } from './census.js';
import { R } from './codes.js';
import { NONE, Tenure, isFamilyWithChildren, persons, H, B, get8, get32, set32 } from './state.js';
import type { InternalList, ListQueue } from './waiting.js';
import type { World } from './world.js';

/** Reasons with a bucket, in bucket order. */
const REASON_BUCKET: Record<number, number> = { [R.space]: 0, [R.garden]: 1, [R.ownership]: 2, [R.demolition]: 3 };
const NBUCKET = 4 * 5;

export function newInternalList(): InternalList {
  return { queues: Array.from({ length: NBUCKET }, () => ({ slot: [], since: [], seq: [], head: 0 })), next: 0, front: -1 };
}

const bucketOf = (reason: number, rooms: number): number => (REASON_BUCKET[reason] ?? 0) * 5 + Math.min(5, Math.max(1, rooms)) - 1;

/** Household i joins estate e's list in month `month` for its `listReason` (first in line if `front`). */
export function joinList(w: World, e: number, i: number, month: number, front = false): void {
  const L = w.queues.internalList[e]!;
  const q = L.queues[bucketOf(get8(w.hh, i, B.listReason), w.flats.rooms[get32(w.hh, i, H.flat)]!)]!;
  touch(w, i);
  set32(w.hh, i, H.listedAt, month);
  w.bounds.until[i] = NONE;
  recount(w, i);
  const seq = front ? L.front-- : L.next++;
  if (front) {
    // keep each queue in sequence order: a front entry goes before the queue's head
    q.slot.splice(q.head, 0, i);
    q.since.splice(q.head, 0, month);
    q.seq.splice(q.head, 0, seq);
  } else {
    q.slot.push(i);
    q.since.push(month);
    q.seq.push(seq);
  }
}

const valid = (w: World, q: ListQueue, k: number): boolean => {
  const i = q.slot[k]!;
  return i >= 0 && w.hh.alive[i] === 1 && get32(w.hh, i, H.listedAt) === q.since[k];
};

/** Drop stale entries at the head of a queue, and compact it now and then. */
function skipStale(w: World, q: ListQueue): void {
  while (q.head < q.slot.length && !valid(w, q, q.head)) q.head++;
  if (q.head > 64 && q.head * 2 > q.slot.length) {
    q.slot.splice(0, q.head);
    q.since.splice(0, q.head);
    q.seq.splice(0, q.head);
    q.head = 0;
  }
}

/** Whether vacant `flat` meets the need of household i (on the list for `reason`). */
function meetsNeed(w: World, i: number, flat: number): boolean {
  const f = w.flats;
  const cur = get32(w.hh, i, H.flat);
  switch (get8(w.hh, i, B.listReason)) {
    case R.space:
      return f.rooms[flat]! > f.rooms[cur]! && f.tenure[flat] === Tenure.social;
    case R.garden:
      return f.garden[flat] === 1 && f.rooms[flat]! >= f.rooms[cur]! && f.tenure[flat] === Tenure.social;
    case R.ownership:
      return f.tenure[flat] !== Tenure.social && f.rooms[flat]! >= Math.min(f.rooms[cur]!, persons(w.hh, i));
    case R.demolition: // rehousing out of a flat designated for merging: any flat that fits
      return f.rooms[flat]! >= Math.min(5, persons(w.hh, i) - 1) && f.tenure[flat] === Tenure.social && w.stock.mergePartner[flat] === -1;
    default:
      return false;
  }
}

/** The buckets a vacancy could serve (a superset; entries are still checked with meetsNeed). */
function eligibleBuckets(w: World, flat: number): number[] {
  const f = w.flats;
  const r = f.rooms[flat]!;
  const out: number[] = [];
  if (f.tenure[flat] === Tenure.social) {
    for (let c = 1; c < r; c++) out.push(bucketOf(R.space, c));
    if (f.garden[flat]) for (let c = 1; c <= r; c++) out.push(bucketOf(R.garden, c));
    if (w.stock.mergePartner[flat] === -1) for (let c = 1; c <= 5; c++) out.push(bucketOf(R.demolition, c));
  } else for (let c = 1; c <= 5; c++) out.push(bucketOf(R.ownership, c));
  return out;
}

/**
 * Take the entry with the smallest sequence number, over the given buckets, that is valid and
 * that `accept` takes; mark it taken and return its household, or -1.
 */
function takeFirst(w: World, e: number, buckets: readonly number[], accept: (i: number) => boolean): number {
  const L = w.queues.internalList[e]!;
  let best = -1;
  let bestSeq = Infinity;
  let bestQ: ListQueue | undefined;
  let bestK = -1;
  for (const b of buckets) {
    const q = L.queues[b]!;
    skipStale(w, q);
    for (let k = q.head; k < q.slot.length; k++) {
      if (q.seq[k]! >= bestSeq) break;
      if (!valid(w, q, k) || !accept(q.slot[k]!)) continue;
      best = q.slot[k]!;
      bestSeq = q.seq[k]!;
      bestQ = q;
      bestK = k;
      break;
    }
  }
  if (best >= 0) bestQ!.slot[bestK] = -1;
  return best;
}

/**
 * Take the household first in line whose need vacant `flat` meets, families with children
 * first if `familiesFirst`; -1 if none. Removes it from the list.
 */
export function takeFromList(w: World, e: number, flat: number, familiesFirst: boolean): number {
  const buckets = eligibleBuckets(w, flat);
  if (familiesFirst) {
    const fam = takeFirst(w, e, buckets, (i) => meetsNeed(w, i, flat) && isFamilyWithChildren(w.hh, i, w.month));
    if (fam >= 0) return fam;
  }
  return takeFirst(w, e, buckets, (i) => meetsNeed(w, i, flat));
}

/**
 * For a swap (almenlejeloven § 69): the first household on the list for space, in a flat with
 * fewer rooms than `rooms` and at least `minPersonsRooms`, who has lived there `minMonths`
 * and fits (persons at most `rooms`). Removes and returns it, or -1.
 */
export function takeSwapPartner(w: World, e: number, rooms: number, minPersonsRooms: number, minMonths: number): number {
  const buckets: number[] = [];
  for (let c = Math.max(1, minPersonsRooms); c < rooms; c++) buckets.push(bucketOf(R.space, c));
  return takeFirst(w, e, buckets, (b) => w.month - get32(w.hh, b, H.flatSince) >= minMonths && persons(w.hh, b) <= rooms);
}

/** The households on estate e's list, in seniority order (for tests and reports). */
export function listedHouseholds(w: World, e: number): number[] {
  const out: [number, number][] = [];
  for (const q of w.queues.internalList[e]!.queues) for (let k = q.head; k < q.slot.length; k++) if (valid(w, q, k)) out.push([q.seq[k]!, q.slot[k]!]);
  return out.sort((a, b) => a[0] - b[0]).map(([, i]) => i);
}
