/**
 * The census: the counts per section that the reporters, the spiral and the official
 * classification read at the end of each month. One row of NCENSUS numbers per section.
 *
 * The counts are kept up to date as households change (an incremental census), not
 * recounted from scratch every month: a household's contribution to its section's row
 * changes only when its state changes (a birth, a death, a new job, a move) or when one of
 * its members crosses an age threshold of a count (15, 18, 22, 30, 60 or 65 years). So:
 *  - every change to a household goes through `touch` (its contribution is taken out)
 *    before the change and `recount` (put back, with the new state) after it — the world
 *    primitives (world.ts), the mechanisms and the internal list do this;
 *  - each household remembers the next month an age threshold changes its contribution
 *    (`next`); the household step (household-month.ts) recounts a household in that month
 *    (its hazard bound expires before it), and `refreshDue` does the same for code that
 *    changes households outside that step (the mechanisms run on their own, in tests);
 *  - the mean stay is kept as the sum of moving-in months (`movedInSum`), from which
 *    `stayMonthsSum` = month x households - movedInSum follows at the end of the month;
 *  - occupied flats are the households (each lives in one flat); active flats are counted
 *    again only when the stock changes (`World.stock.version`).
 * `takeCensus` counts everything from scratch; tests check, month by month and over every
 * lever, that the incremental rows equal it.
 */
import { OUTSIDE_CASES, OutsideCase, countedIncome } from './population.js';
import { Edu, NONE, Origin, Status, inWorkOrEducation, H, B } from './state.js';
import type { LiveCensus } from './caches.js';
import type { World } from './world.js';

/**
 * The entries of a census row, by position. A `const enum` (its values are written into the
 * code that uses them: state.ts says why); `NCENSUS` follows the last entry.
 */
export const enum C {
  households = 0,
  residents = 1,
  adults22to59 = 2,
  resourceStrongAdults22to59 = 3,
  familiesWithChildren = 4,
  resourceStrongFamilies = 5,
  persons18to64 = 6,
  outside18to64 = 7,
  persons30to59 = 8,
  basic30to59 = 9,
  persons15to64ExclStudents = 10,
  income15to64ExclStudents = 11,
  nonWesternPersons = 12,
  youngMenOutside = 13,
  vulnerableHouseholds = 14,
  crowdedFamilies = 15,
  children = 16,
  seniorHouseholds = 17,
  onInternalList = 18,
  stayMonthsSum = 19,
  employed = 20,
  students = 21,
  outside = 22,
  retired = 23,
  occupiedFlats = 24,
  activeFlats = 25,
  movedInSum = 26,
}
export type CensusName = keyof typeof C;
export const NCENSUS = C.movedInSum + 1;

/** Where an outside adult's counted income by OutsideCase begins in `incomeTable`. */
export const OUTSIDE_INCOME_AT = 12;

/**
 * Income of an adult as the income criterion counts it, from countedIncome: by status (4) x
 * education (3), then, from OUTSIDE_INCOME_AT, of an adult outside the labour market by its
 * OutsideCase (the entries of status outside are not read).
 */
export function incomeTable(w: World): Float64Array {
  const t = new Float64Array(OUTSIDE_INCOME_AT + OUTSIDE_CASES);
  for (let s = 0; s < 4; s++) for (let e = 0; e < 3; e++) t[s * 3 + e] = countedIncome(w.scenario, s, e);
  for (let c = 0; c < OUTSIDE_CASES; c++) t[OUTSIDE_INCOME_AT + c] = countedIncome(w.scenario, Status.outside, Edu.basic, c);
  return t;
}

/** The index in `incomeTable` of an adult's counted income: its status and education, or, outside the labour market, its OutsideCase. */
function incomeIndex(status: number, edu: number, ageM: number, partnerEmployed: boolean, minors: number): number {
  if (status !== Status.outside) return status * 3 + edu;
  const c = partnerEmployed ? OutsideCase.partnerEmployed : minors > 0 ? OutsideCase.withChildren : ageM < 360 ? OutsideCase.under30 : OutsideCase.from30;
  return OUTSIDE_INCOME_AT + c;
}

/** Ages (months) at which an adult's contribution changes: 15, 18, 22, 30, 60 and 65 years. */
const ADULT_STEPS = [180, 216, 264, 360, 720, 780];
/** Ages (months) at which a child's contribution changes: 18 and 22 years. */
const CHILD_STEPS = [216, 264];
const NEVER = 0x7fffffff;
/** The second adult's status where there is none (matches no Status). */
const NO_PARTNER = 255;

/** The first month after `m` at which a person born in month `birth` crosses one of `steps`. */
function nextStep(birth: number, m: number, steps: readonly number[]): number {
  for (let k = 0; k < steps.length; k++) if (birth + steps[k]! > m) return birth + steps[k]!;
  return NEVER;
}

/**
 * Add `sign` (+1 or -1) times household i's contribution, as of month `m`, to its section's
 * row of `out`. Returns the next month at which that contribution changes by age alone.
 */
export function countHousehold(w: World, i: number, out: Float64Array, sign: number, m: number, income: Float64Array): number {
  const h = w.hh;
  const fl = w.flats;
  const flat = h.i32[i * H.stride + H.flat]!;
  const o = fl.section[flat]! * NCENSUS;
  const adults = h.u8[i * B.stride + B.adults]!;
  const nKids = h.u8[i * B.stride + B.nChildren]!;
  const s1 = h.u8[i * B.stride + B.status1]!;
  const strong = inWorkOrEducation(s1) || (adults === 2 && inWorkOrEducation(h.u8[i * B.stride + B.status2]!));
  const nonWestern = h.u8[i * B.stride + B.origin] === Origin.nonWestern;
  out[o + C.households]! += sign;
  out[o + C.residents]! += sign * (adults + nKids);
  // `| 0` (the values are whole months): sign x 0 would be -0, which the compiled code does not expect
  out[o + C.movedInSum]! += (sign * h.i32[i * H.stride + H.movedIn]!) | 0;
  if (h.u8[i * B.stride + B.vulnerable]) out[o + C.vulnerableHouseholds]! += sign;
  // the entries that few households have are added as 0 by the others, not skipped: V8 throws
  // a function's optimised code away when it first takes a branch it had never taken before
  // it was optimised (the first listed household, the first child turning 18 or 22), and
  // compiles it again (bench/RESULTS.md); whole numbers, so the sums are the same
  out[o + C.onInternalList]! += h.i32[i * H.stride + H.listedAt]! >= 0 ? sign : 0;
  // children first: an adult outside work counts the cash benefit of a parent while one is under 18
  // (incomeIndex); those 18+ still at home count as adults in education (assumption)
  let next = NEVER;
  let minors = 0;
  if (nKids > 0) {
    let grown = 0;
    let grown22 = 0;
    const base = i * H.stride + H.child0;
    for (let k = 0; k < nKids; k++) {
      const b = h.i32[base + k]!;
      const a = m - b;
      grown += a >= 216 ? 1 : 0;
      grown22 += a >= 264 ? 1 : 0;
      next = Math.min(next, nextStep(b, m, CHILD_STEPS));
    }
    minors = nKids - grown;
    // added as 0 while no child is grown, not skipped (see onInternalList); `| 0`: sign x 0
    // is -0 when sign is -1 (see movedInSum)
    out[o + C.persons18to64]! += (sign * grown) | 0;
    out[o + C.students]! += (sign * grown) | 0;
    out[o + C.adults22to59]! += (sign * grown22) | 0;
    if (strong) out[o + C.resourceStrongAdults22to59]! += (sign * grown22) | 0;
  }
  const b1 = h.i32[i * H.stride + H.birth1]!;
  if (m - b1 >= 720) out[o + C.seniorHouseholds]! += sign;
  const edu1 = h.u8[i * B.stride + B.edu1]!;
  const s2 = adults === 2 ? h.u8[i * B.stride + B.status2]! : NO_PARTNER;
  countAdult(
    out,
    o,
    sign,
    m - b1,
    s1,
    edu1,
    income[incomeIndex(s1, edu1, m - b1, s2 === Status.employed, minors)]!,
    h.u8[i * B.stride + B.female1]!,
    strong,
    nonWestern,
  );
  next = Math.min(next, nextStep(b1, m, ADULT_STEPS));
  if (adults === 2) {
    const b2 = h.i32[i * H.stride + H.birth2]!;
    const edu2 = h.u8[i * B.stride + B.edu2]!;
    countAdult(
      out,
      o,
      sign,
      m - b2,
      s2,
      edu2,
      income[incomeIndex(s2, edu2, m - b2, s1 === Status.employed, minors)]!,
      1 - h.u8[i * B.stride + B.female1]!,
      strong,
      nonWestern,
    );
    next = Math.min(next, nextStep(b2, m, ADULT_STEPS));
  }
  if (nonWestern && nKids > 0) out[o + C.nonWesternPersons]! += sign * nKids;
  if (minors > 0) {
    out[o + C.children]! += sign * minors;
    out[o + C.familiesWithChildren]! += sign;
    if (strong) out[o + C.resourceStrongFamilies]! += sign;
    if (adults + nKids > fl.rooms[flat]!) out[o + C.crowdedFamilies]! += sign;
  }
  return next;
}

/**
 * The month at which household i's census entry, counted as of month `m`, next changes by age
 * alone: what `countHousehold` returns, without counting (the household step needs it to
 * bound a household before recounting it).
 */
export function censusDue(w: World, i: number, m: number): number {
  const h = w.hh;
  let next = nextStep(h.i32[i * H.stride + H.birth1]!, m, ADULT_STEPS);
  if (h.u8[i * B.stride + B.adults] === 2) next = Math.min(next, nextStep(h.i32[i * H.stride + H.birth2]!, m, ADULT_STEPS));
  const nKids = h.u8[i * B.stride + B.nChildren]!;
  const base = i * H.stride + H.child0;
  for (let k = 0; k < nKids; k++) next = Math.min(next, nextStep(h.i32[base + k]!, m, CHILD_STEPS));
  return next;
}

/** Count one adult into the row; `counted` is its income as the income criterion counts it (incomeTable). */
function countAdult(
  out: Float64Array,
  o: number,
  sign: number,
  ageM: number,
  status: number,
  edu: number,
  counted: number,
  female: number,
  strongHh: boolean,
  nonWestern: boolean,
): void {
  if (ageM >= 264 && ageM < 720) {
    out[o + C.adults22to59]! += sign;
    if (strongHh) out[o + C.resourceStrongAdults22to59]! += sign;
  }
  if (ageM >= 216 && ageM < 780) {
    out[o + C.persons18to64]! += sign;
    if (!inWorkOrEducation(status) && status !== Status.retired) {
      out[o + C.outside18to64]! += sign;
      if (ageM < 360 && !female) out[o + C.youngMenOutside]! += sign;
    }
  }
  if (ageM >= 360 && ageM < 720) {
    out[o + C.persons30to59]! += sign;
    if (edu === Edu.basic) out[o + C.basic30to59]! += sign;
  }
  if (ageM >= 180 && ageM < 780 && status !== Status.student) {
    out[o + C.persons15to64ExclStudents]! += sign;
    out[o + C.income15to64ExclStudents]! += sign * counted;
  }
  if (status === Status.employed) out[o + C.employed]! += sign;
  else if (status === Status.student) out[o + C.students]! += sign;
  else if (status === Status.outside) out[o + C.outside]! += sign;
  else out[o + C.retired]! += sign;
  if (nonWestern) out[o + C.nonWesternPersons]! += sign;
}

/** Count the flats (active, occupied) into the rows (the households are counted already). */
function countFlats(w: World, out: Float64Array): void {
  const fl = w.flats;
  for (let f = 0; f < fl.n; f++) {
    if (!fl.active[f]) continue;
    const o = fl.section[f]! * NCENSUS;
    out[o + C.activeFlats]!++;
    if (fl.occupant[f]! >= 0) out[o + C.occupiedFlats]!++;
  }
}

/** Derived entries of finished rows: the summed stay, from the moving-in months. */
function finishRows(out: Float64Array, nSections: number, m: number): void {
  for (let s = 0; s < nSections; s++) {
    const o = s * NCENSUS;
    out[o + C.stayMonthsSum] = m * out[o + C.households]! - out[o + C.movedInSum]!;
  }
}

/** Fill `out` (nSections x NCENSUS) with this month's counts, counting every household from scratch. */
export function takeCensus(w: World, out: Float64Array): void {
  out.fill(0);
  const income = incomeTable(w);
  const h = w.hh;
  for (let i = 0; i < h.used; i++) if (h.alive[i]) countHousehold(w, i, out, 1, w.month, income);
  countFlats(w, out);
  finishRows(out, w.layout.sectionNames.length, w.month);
}

export function newLiveCensus(nSections: number, capacity: number): LiveCensus {
  return {
    rows: new Float64Array(nSections * NCENSUS),
    countedAt: new Int32Array(capacity).fill(NONE),
    next: new Int32Array(capacity),
    income: new Float64Array(12),
    on: false,
    activeFlats: new Float64Array(nSections),
    stockVersion: -1,
  };
}

/** Start the incremental census: count every household in the world. */
export function startLiveCensus(w: World): void {
  const c = w.census;
  c.on = true;
  c.income = incomeTable(w);
  c.rows.fill(0);
  c.countedAt.fill(NONE);
  const h = w.hh;
  for (let i = 0; i < h.used; i++) if (h.alive[i] && h.i32[i * H.stride + H.flat]! >= 0) recount(w, i);
}

/** Take household i's contribution out of the census, before its state changes. */
export function touch(w: World, i: number): void {
  const c = w.census;
  if (!c.on) return;
  const at = c.countedAt[i]!;
  if (at === NONE) return;
  countHousehold(w, i, c.rows, -1, at, c.income);
  c.countedAt[i] = NONE;
}

/** Count household i afresh (after a change), if it lives in a flat. */
export function recount(w: World, i: number): void {
  const c = w.census;
  if (!c.on) return;
  touch(w, i);
  if (!w.hh.alive[i] || w.hh.i32[i * H.stride + H.flat]! < 0) return;
  c.next[i] = countHousehold(w, i, c.rows, 1, w.month, c.income);
  c.countedAt[i] = w.month;
}

/** Recount the households whose contribution changed by age this month, or that are not counted. */
export function refreshDue(w: World): void {
  const c = w.census;
  const h = w.hh;
  const m = w.month;
  const at = c.countedAt;
  const next = c.next;
  for (let i = 0; i < h.used; i++) {
    if (h.alive[i] && (at[i] === NONE || next[i]! <= m)) recount(w, i);
  }
}

/** This month's census rows into `out` (nSections x NCENSUS), from the incremental counts. */
export function readCensus(w: World, out: Float64Array): void {
  const c = w.census;
  const n = w.layout.sectionNames.length;
  if (c.stockVersion !== w.stock.version) {
    // the stock changed (levers, merges): count the active flats per section again
    c.activeFlats.fill(0);
    const fl = w.flats;
    for (let f = 0; f < fl.n; f++) if (fl.active[f]) c.activeFlats[fl.section[f]!]!++;
    c.stockVersion = w.stock.version;
  }
  out.set(c.rows);
  for (let s = 0; s < n; s++) {
    const o = s * NCENSUS;
    out[o + C.activeFlats] = c.activeFlats[s]!;
    out[o + C.occupiedFlats] = out[o + C.households]!; // every household lives in one flat
  }
  finishRows(out, n, w.month);
}

/** Sum the rows of the sections `from`..`to`-1 into `out` at row `row`. */
export function sumSections(sections: Float64Array, from: number, to: number, out: Float64Array, row: number): void {
  const o = row * NCENSUS;
  for (let k = 0; k < NCENSUS; k++) out[o + k] = 0;
  for (let s = from; s < to; s++) for (let k = 0; k < NCENSUS; k++) out[o + k]! += sections[s * NCENSUS + k]!;
}

/** Sum estate rows into a region row. */
export function sumRows(rows: Float64Array, n: number, width: number, out: Float64Array): void {
  out.fill(0);
  for (let e = 0; e < n; e++) for (let k = 0; k < width; k++) out[k]! += rows[e * width + k]!;
}
