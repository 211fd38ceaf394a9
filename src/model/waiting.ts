/**
 * Who waits for what, as data: the vacancies waiting to be let, each estate's internal waiting
 * list, the young adults seeking a flat in their estate, the households displaced by demolition
 * and those seeking a flat in another estate of the region.
 */
import type { Queue } from './queue.js';

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

/** The queues of one replication (`World.queues`). */
export interface Queues {
  /** Vacant flats waiting to be let, in the order they fell vacant. */
  vacancies: number[];
  /** Each estate's internal waiting list (see internal-list.ts). */
  internalList: InternalList[];
  /** Young adults from each estate seeking their own flat there. */
  seekers: Seeker[][];
  /** Households displaced by demolition waiting for a flat in the region. */
  rehousing: Queue<HouseholdRecord>;
  /** Households who left an estate and seek a flat in another estate of the region. */
  regionMovers: Queue<HouseholdRecord>;
}
