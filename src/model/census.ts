/**
 * The census: one pass over all households at the end of each month, adding up the counts
 * that the reporters, the spiral and the official classification read. One row of NCENSUS
 * numbers per estate.
 */
import { adultIncome } from './population.js';
import { Edu, MAX_CHILDREN, Origin, Status, inWorkOrEducation } from './state.js';
import type { World } from './world.js';

export const CENSUS = [
  'households',
  'residents',
  'adults22to59',
  'resourceStrongAdults22to59',
  'familiesWithChildren',
  'resourceStrongFamilies',
  'persons18to64',
  'outside18to64',
  'persons30to59',
  'basic30to59',
  'persons15to64ExclStudents',
  'income15to64ExclStudents',
  'nonWesternPersons',
  'youngMenOutside',
  'vulnerableHouseholds',
  'crowdedFamilies',
  'children',
  'seniorHouseholds',
  'onInternalList',
  'stayMonthsSum',
  'employed',
  'students',
  'outside',
  'retired',
  'occupiedFlats',
  'activeFlats',
] as const;
export type CensusName = (typeof CENSUS)[number];
export const C = Object.fromEntries(CENSUS.map((n, i) => [n, i])) as { [K in CensusName]: number };
export const NCENSUS = CENSUS.length;

/** Count one adult into the row. */
function countAdult(income: Float64Array, out: Float64Array, o: number, ageM: number, status: number, edu: number, female: number, strongHh: boolean, nonWestern: boolean): void {
  const age = ageM / 12;
  if (age >= 22 && age < 60) {
    out[o + C.adults22to59]++;
    if (strongHh) out[o + C.resourceStrongAdults22to59]++;
  }
  if (age >= 18 && age < 65) {
    out[o + C.persons18to64]++;
    if (!inWorkOrEducation(status) && status !== Status.retired) {
      out[o + C.outside18to64]++;
      if (age < 30 && !female) out[o + C.youngMenOutside]++;
    }
  }
  if (age >= 30 && age < 60) {
    out[o + C.persons30to59]++;
    if (edu === Edu.basic) out[o + C.basic30to59]++;
  }
  if (age >= 15 && age < 65 && status !== Status.student) {
    out[o + C.persons15to64ExclStudents]++;
    out[o + C.income15to64ExclStudents] += income[status * 3 + edu]!;
  }
  if (status === Status.employed) out[o + C.employed]++;
  else if (status === Status.student) out[o + C.students]++;
  else if (status === Status.outside) out[o + C.outside]++;
  else out[o + C.retired]++;
  if (nonWestern) out[o + C.nonWesternPersons]++;
}

/** Income of an adult by status (4) x education (3), from adultIncome. */
function incomeTable(w: World): Float64Array {
  const t = new Float64Array(12);
  for (let s = 0; s < 4; s++) for (let e = 0; e < 3; e++) t[s * 3 + e] = adultIncome(w.scenario, s, e);
  return t;
}

/** Fill `out` (nSections x NCENSUS) with this month's counts, one row per section. */
export function takeCensus(w: World, out: Float64Array): void {
  out.fill(0);
  const income = incomeTable(w);
  const h = w.hh;
  const m = w.month;
  const fl = w.flats;
  for (let f = 0; f < fl.n; f++) {
    if (!fl.active[f]) continue;
    const o = fl.section[f]! * NCENSUS;
    out[o + C.activeFlats]++;
    if (fl.occupant[f]! >= 0) out[o + C.occupiedFlats]++;
  }
  for (let i = 0; i < h.used; i++) {
    if (!h.alive[i]) continue;
    const flat = h.flat[i]!;
    const o = fl.section[flat]! * NCENSUS;
    const adults = h.adults[i]!;
    const nKids = h.nChildren[i]!;
    const s1 = h.status1[i]!;
    const strong = inWorkOrEducation(s1) || (adults === 2 && inWorkOrEducation(h.status2[i]!));
    const nonWestern = h.origin[i] === Origin.nonWestern;
    out[o + C.households]++;
    out[o + C.residents] += adults + nKids;
    out[o + C.stayMonthsSum] += m - h.movedIn[i]!;
    if (h.vulnerable[i]) out[o + C.vulnerableHouseholds]++;
    if (h.listedAt[i]! >= 0) out[o + C.onInternalList]++;
    const age1 = m - h.birth1[i]!;
    if (age1 >= 720) out[o + C.seniorHouseholds]++;
    countAdult(income, out, o, age1, s1, h.edu1[i]!, h.female1[i]!, strong, nonWestern);
    if (adults === 2) countAdult(income, out, o, m - h.birth2[i]!, h.status2[i]!, h.edu2[i]!, 1 - h.female1[i]!, strong, nonWestern);
    // children: those 18+ still at home count as adults in education (assumption)
    let minors = 0;
    const base = i * MAX_CHILDREN;
    for (let k = 0; k < nKids; k++) {
      const a = m - h.childBirth[base + k]!;
      if (a < 216) minors++;
      else {
        if (a < 264) out[o + C.persons18to64]++;
        else {
          out[o + C.persons18to64]++;
          out[o + C.adults22to59]++;
          if (strong) out[o + C.resourceStrongAdults22to59]++;
        }
        out[o + C.students]++;
      }
      if (nonWestern) out[o + C.nonWesternPersons]++;
    }
    out[o + C.children] += minors;
    if (minors > 0) {
      out[o + C.familiesWithChildren]++;
      if (strong) out[o + C.resourceStrongFamilies]++;
      if (adults + nKids > fl.rooms[flat]!) out[o + C.crowdedFamilies]++;
    }
  }
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
