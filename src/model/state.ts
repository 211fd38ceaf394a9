/**
 * Model state as plain data: struct-of-arrays over typed arrays, indexed by flat index and
 * household slot. Nothing here allocates per household per step; household slots are reused
 * through a free list, and each household also carries a unique id (`uid`) for output.
 *
 * Time is in months: month 0 is the initial state, month m >= 1 is the m-th simulated month.
 * Ages are not stored but derived from birth months (`age = (month - birth) / 12`), so ageing
 * costs nothing per step.
 */

/** Labour-market status of an adult. */
export const Status = { employed: 0, student: 1, outside: 2, retired: 3 } as const;
export type StatusCode = (typeof Status)[keyof typeof Status];
export const STATUS_NAMES = ['employed', 'student', 'outside', 'retired'] as const;

/** Highest education completed. */
export const Edu = { basic: 0, vocational: 1, higher: 2 } as const;
/** Origin, used only where Danish rules (the non-western criterion) or cited evidence use it. */
export const Origin = { danish: 0, western: 1, nonWestern: 2 } as const;
/** Tenure of a flat. */
export const Tenure = { social: 0, owner: 1, coop: 2 } as const;
export const TENURE_NAMES = ['social', 'owner', 'coop'] as const;

/** Maximum number of children a household can hold (slots in `childBirth`). */
export const MAX_CHILDREN = 6;
/** Sentinel for "no household" / "no flat". */
export const NONE = -1;

/** The physical estate(s): flats and their place in sections, buildings and stairwells. */
export interface Flats {
  n: number;
  estate: Uint16Array;
  /** Global section index (see `sectionNames`, `sectionEstate`). */
  section: Uint16Array;
  building: Uint32Array;
  stairwell: Uint32Array;
  rooms: Uint8Array;
  floor: Uint8Array;
  garden: Uint8Array;
  tenure: Uint8Array;
  /** Monthly rent in kr (social rental) or monthly housing cost (owned). */
  rent: Float32Array;
  x: Uint16Array;
  y: Uint16Array;
  /** Household slot living here, or NONE. */
  occupant: Int32Array;
  /** 0 when the flat has been demolished or merged away (not part of the stock). */
  active: Uint8Array;
  /** Month since when the flat is vacant (meaningful only while vacant). */
  vacantSince: Int32Array;
}

/** Households: one slot each; `alive[i] = 0` for a free slot. */
export interface Households {
  capacity: number;
  /** Number of slots ever used (the high-water mark); loops run over 0..used-1. */
  used: number;
  alive: Uint8Array;
  /** 1 for a slot that holds no household (neither living in a flat nor parked). */
  free: Uint8Array;
  uid: Int32Array;
  flat: Int32Array;
  /** 1 or 2 adults. */
  adults: Uint8Array;
  birth1: Int32Array;
  birth2: Int32Array;
  status1: Uint8Array;
  status2: Uint8Array;
  edu1: Uint8Array;
  edu2: Uint8Array;
  /** 1 if adult 1 is female (adult 2, when present, is the other partner). */
  female1: Uint8Array;
  nChildren: Uint8Array;
  /** Birth month of each child, MAX_CHILDREN slots per household. */
  childBirth: Int32Array;
  origin: Uint8Array;
  /** Household gross income, kr per year. */
  income: Float32Array;
  /** Month the household moved into the estate (kept on internal moves). */
  movedIn: Int32Array;
  /** Month the household moved into its current flat. */
  flatSince: Int32Array;
  /** Accumulated neighbour ties, 0-1. */
  ties: Float32Array;
  familyNearby: Uint8Array;
  volunteer: Uint8Array;
  /** Heavy social problems (e.g. housed by municipal allocation for social reasons). */
  vulnerable: Uint8Array;
  wantsGarden: Uint8Array;
  wantsOwn: Uint8Array;
  /** Month the household was last lifted into resource-strong status, or a large negative number. */
  liftedAt: Int32Array;
  /** Month the household joined the internal waiting list, or NONE when not on it. */
  listedAt: Int32Array;
  /** Reason code that put the household on the internal list (see codes.ts). */
  listReason: Uint8Array;
  /** Neighbour-preference group (Schelling presets), 0 or 1. */
  group: Uint8Array;
}

export function allocFlats(n: number): Flats {
  return {
    n,
    estate: new Uint16Array(n),
    section: new Uint16Array(n),
    building: new Uint32Array(n),
    stairwell: new Uint32Array(n),
    rooms: new Uint8Array(n),
    floor: new Uint8Array(n),
    garden: new Uint8Array(n),
    tenure: new Uint8Array(n),
    rent: new Float32Array(n),
    x: new Uint16Array(n),
    y: new Uint16Array(n),
    occupant: new Int32Array(n).fill(NONE),
    active: new Uint8Array(n).fill(1),
    vacantSince: new Int32Array(n),
  };
}

export function allocHouseholds(capacity: number): Households {
  return {
    capacity,
    used: 0,
    alive: new Uint8Array(capacity),
    free: new Uint8Array(capacity).fill(1),
    uid: new Int32Array(capacity),
    flat: new Int32Array(capacity).fill(NONE),
    adults: new Uint8Array(capacity),
    birth1: new Int32Array(capacity),
    birth2: new Int32Array(capacity),
    status1: new Uint8Array(capacity),
    status2: new Uint8Array(capacity),
    edu1: new Uint8Array(capacity),
    edu2: new Uint8Array(capacity),
    female1: new Uint8Array(capacity),
    nChildren: new Uint8Array(capacity),
    childBirth: new Int32Array(capacity * MAX_CHILDREN),
    origin: new Uint8Array(capacity),
    income: new Float32Array(capacity),
    movedIn: new Int32Array(capacity),
    flatSince: new Int32Array(capacity),
    ties: new Float32Array(capacity),
    familyNearby: new Uint8Array(capacity),
    volunteer: new Uint8Array(capacity),
    vulnerable: new Uint8Array(capacity),
    wantsGarden: new Uint8Array(capacity),
    wantsOwn: new Uint8Array(capacity),
    liftedAt: new Int32Array(capacity).fill(-1_000_000),
    listedAt: new Int32Array(capacity).fill(NONE),
    listReason: new Uint8Array(capacity),
    group: new Uint8Array(capacity),
  };
}

/** True if an adult with this status and age counts towards "resource-strong" on their own. */
export const inWorkOrEducation = (status: number): boolean => status === Status.employed || status === Status.student;

/**
 * Resource-strong household (the report's definition, applied to the household): at least one
 * adult is employed (self-employed included) or a student. Its adults aged 22-59 are then all
 * resource-strong (an adult outside the labour market living with an employee or student counts).
 */
export function isResourceStrongHousehold(h: Households, i: number): boolean {
  if (inWorkOrEducation(h.status1[i]!)) return true;
  return h.adults[i] === 2 && inWorkOrEducation(h.status2[i]!);
}

/** Family with children: one or two adults with at least one child under 18 at home. */
export function isFamilyWithChildren(h: Households, i: number, month: number): boolean {
  const n = h.nChildren[i]!;
  const base = i * MAX_CHILDREN;
  for (let k = 0; k < n; k++) if (month - h.childBirth[base + k]! < 216) return true;
  return false;
}

/** Number of persons in the household. */
export const persons = (h: Households, i: number): number => h.adults[i]! + h.nChildren[i]!;
