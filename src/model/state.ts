/**
 * Model state as plain data: struct-of-arrays over typed arrays, indexed by flat index and
 * household slot. Nothing here allocates per household per step; household slots are reused
 * through a free list, and each household also carries a unique id (`uid`) for output.
 *
 * Time is in months: month 0 is the initial state, month m >= 1 is the m-th simulated month.
 * Ages are not stored but derived from birth months (`age = (month - birth) / 12`), so ageing
 * costs nothing per step.
 */

/*
 * The codes and offsets below are `const enum`s: the compiler writes their values into the code
 * that uses them, as number literals. Read from another module at run time (an `as const`
 * object or an exported `const`), every use in the compiled household step was a load with
 * its checks: the 10,000-flat model ran 15-18% slower (bench/RESULTS.md).
 */

/** Labour-market status of an adult. */
export const enum Status {
  employed = 0,
  student = 1,
  outside = 2,
  retired = 3,
}
export const STATUS_NAMES = ['employed', 'student', 'outside', 'retired'] as const;

/** Highest education completed. */
export const enum Edu {
  basic = 0,
  vocational = 1,
  higher = 2,
}
/** Origin, used only where Danish rules (the non-western criterion) or cited evidence use it. */
export const enum Origin {
  danish = 0,
  western = 1,
  nonWestern = 2,
}
/** Tenure of a flat. */
export const enum Tenure {
  social = 0,
  owner = 1,
  coop = 2,
}
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

/**
 * Households: one slot each, as a compact record of 128 bytes (two cache lines) in one buffer,
 * so that working out one household reads one place in memory instead of thirty (households
 * are worked out sparsely, a few per cent a month: household-month.ts).
 *
 * The 32-bit fields are read and written through `i32` (and `f32` for the Float32 ones) at
 * `i * H.stride + H.<field>`; the byte fields through `u8` at `i * B.stride + B.<field>`. Both views share
 * the buffer. A slot with `alive[i] = 0` holds no household living in a flat (free, or parked).
 */
export interface Households {
  capacity: number;
  /** Number of slots ever used (the high-water mark); loops run over 0..used-1. */
  used: number;
  /** Slots below `used` that hold no household, to be reused (occupancy.ts `allocSlot`). */
  freeSlots: number[];
  /** The next household's unique id. */
  nextUid: number;
  i32: Int32Array;
  f32: Float32Array;
  u8: Uint8Array;
  /** 1 when the slot's household lives in a flat (kept apart from the records: every pass over the households reads it). */
  alive: Uint8Array;
}

/**
 * Word offsets of the 32-bit fields in a household's record (Int32 unless marked Float32).
 * Months are simulated months (month 0 = the start).
 */
export const enum H {
  /** Flat the household lives in, or NONE. */
  flat = 0,
  /** Unique id (for output; slots are reused). */
  uid = 1,
  /** Birth months of adult 1 and adult 2. */
  birth1 = 2,
  birth2 = 3,
  /** Month the household moved into the estate (kept on internal moves). */
  movedIn = 4,
  /** Month the household moved into its current flat. */
  flatSince = 5,
  /** Month the household was last lifted into resource-strong status, or a large negative number. */
  liftedAt = 6,
  /** Month the household joined the internal waiting list, or NONE when not on it. */
  listedAt = 7,
  /** Birth month of each child at home: MAX_CHILDREN words from here, `nChildren` of them used. */
  child0 = 8,
  /** Household gross income, kr per year (Float32). */
  income = 14,
  /** Accumulated neighbour ties, 0-1 (Float32), as of month `tiesAt` (they grow by a closed formula: social.ts `tiesNow`). */
  ties = 15,
  tiesAt = 16,
  /** 32-bit words per household record: field f of household i is at `i * H.stride + H.f`. */
  stride = 32,
}

/** Byte offsets of the byte fields in a household's record (bytes 96-127, after the 32-bit words 0-23). */
export const enum B {
  /** 1 for a slot that holds no household (neither living in a flat nor parked). */
  free = 96,
  /** 1 or 2 adults. */
  adults = 97,
  /** Labour-market status of adult 1 and adult 2 (Status). */
  status1 = 98,
  status2 = 99,
  /** Highest education of adult 1 and adult 2 (Edu). */
  edu1 = 100,
  edu2 = 101,
  /** 1 if adult 1 is female (adult 2, when present, is the other partner). */
  female1 = 102,
  nChildren = 103,
  /** Origin (Origin), used only where Danish rules or cited evidence use it. */
  origin = 104,
  familyNearby = 105,
  volunteer = 106,
  /** Heavy social problems (e.g. housed by municipal allocation for social reasons). */
  vulnerable = 107,
  wantsGarden = 108,
  wantsOwn = 109,
  /** Reason code that put the household on the internal list (see codes.ts). */
  listReason = 110,
  /** Neighbour-preference group (Schelling presets), 0 to groups - 1. */
  group = 111,
  /** Bytes per household record (4 x `H.stride`): field f of household i is at `i * B.stride + B.f`. */
  stride = 128,
}

/*
 * Accessors of the household record: field `f` of household `i`, read or written by name
 * instead of by offset arithmetic (`get8(h, i, B.adults)` is `h.u8[i * B.stride + B.adults]`).
 * V8 inlines them; the model's hottest loop (household-month.ts and the mechanisms' events and
 * bounds) still indexes the views directly (docs/performance.md).
 */
/** A byte field (`B`). */
export function get8(h: Households, i: number, f: B): number {
  return h.u8[i * B.stride + f]!;
}
export function set8(h: Households, i: number, f: B, v: number): void {
  h.u8[i * B.stride + f] = v;
}
/** A 32-bit integer field (`H`). */
export function get32(h: Households, i: number, f: H): number {
  return h.i32[i * H.stride + f]!;
}
export function set32(h: Households, i: number, f: H, v: number): void {
  h.i32[i * H.stride + f] = v;
}
/** A 32-bit float field (`H.income`, `H.ties`). */
export function getF32(h: Households, i: number, f: H): number {
  return h.f32[i * H.stride + f]!;
}
export function setF32(h: Households, i: number, f: H, v: number): void {
  h.f32[i * H.stride + f] = v;
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
  const buffer = new ArrayBuffer(capacity * B.stride);
  const h: Households = {
    capacity,
    used: 0,
    freeSlots: [],
    nextUid: 1,
    i32: new Int32Array(buffer),
    f32: new Float32Array(buffer),
    u8: new Uint8Array(buffer),
    alive: new Uint8Array(capacity),
  };
  for (let i = 0; i < capacity; i++) {
    set32(h, i, H.flat, NONE);
    set32(h, i, H.liftedAt, -1_000_000);
    set32(h, i, H.listedAt, NONE);
    set8(h, i, B.free, 1);
  }
  return h;
}

/** True if an adult with this status and age counts towards "resource-strong" on their own. */
export const inWorkOrEducation = (status: number): boolean => status === Status.employed || status === Status.student;

/**
 * Resource-strong household (the report's definition, applied to the household): at least one
 * adult is employed (self-employed included) or a student. Its adults aged 22-59 are then all
 * resource-strong (an adult outside the labour market living with an employee or student counts).
 */
export function isResourceStrongHousehold(h: Households, i: number): boolean {
  if (inWorkOrEducation(h.u8[i * B.stride + B.status1]!)) return true;
  return h.u8[i * B.stride + B.adults] === 2 && inWorkOrEducation(h.u8[i * B.stride + B.status2]!);
}

/** Family with children: one or two adults with at least one child under 18 at home. */
export function isFamilyWithChildren(h: Households, i: number, month: number): boolean {
  const n = h.u8[i * B.stride + B.nChildren]!;
  const base = i * H.stride + H.child0;
  for (let k = 0; k < n; k++) if (month - h.i32[base + k]! < 216) return true;
  return false;
}

/** Number of persons in the household. */
export const persons = (h: Households, i: number): number => h.u8[i * B.stride + B.adults]! + h.u8[i * B.stride + B.nChildren]!;
