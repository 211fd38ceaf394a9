/**
 * The elevator effect: adults aged 18-64 move between outside the labour market, education
 * and work (and back); social-housing programmes raise the rates into work and education.
 * Each adult's status change is an event competing with the household's other events in the
 * household-month step (household-month.ts); retirement at the retirement age is certain.
 * A household that becomes resource-strong is marked as lifted (`liftedAt`), which raises
 * its move-out hazard for a while (see career.ts). Adults retire at the retirement age.
 */
import { touch } from '../census.js';
import { EV, type Events, addEvent, newEvents, pickEvent, resetEvents } from '../events.js';
import { refreshIncome } from '../population.js';
import { type Rng, monthly } from '../rng.js';
import { Status, inWorkOrEducation, H, B } from '../state.js';
import { F, NFLOW } from '../flows.js';
import type { World } from '../world.js';
import type { Scenario } from '../../scenario/schema.js';

export interface ElevatorRates {
  outsideToEmployed: number;
  outsideToStudent: number;
  studentToEmployed: number;
  studentToOutside: number;
  employedToOutside: number;
  retireMonths: number;
  /** Multiplier on the rates into work and education, by education (basic, vocational, higher). */
  eduFactor: [number, number, number];
}

/**
 * Monthly rates for one estate, given the programme boost in force and the estate's labour-market
 * attachment (`attachment`, a multiplier on the rates into work and education; 1 = as `elevator`).
 */
export function elevatorRates(sc: Scenario, programmeBoost: number, attachment = 1): ElevatorRates {
  const el = sc.elevator;
  const b = el.programmeBoost * programmeBoost * attachment;
  return {
    outsideToEmployed: monthly(Math.min(1, el.outsideToEmployed * b)),
    outsideToStudent: monthly(Math.min(1, el.outsideToStudent * b)),
    studentToEmployed: monthly(el.studentToEmployed),
    studentToOutside: monthly(el.studentToOutside),
    employedToOutside: monthly(el.employedToOutside),
    retireMonths: el.retirementAge * 12,
    eduFactor: [el.basicEducationFactor, 1, el.higherEducationFactor],
  };
}

/**
 * Next status of one adult (pure; one uniform draw), by the same rule the household step
 * applies (`leaveStatusProb`, `statusAfter`). Rates into work and education are multiplied by
 * `eduFactor` (education of the adult).
 */
export function nextStatus(status: number, ageMonths: number, r: ElevatorRates, u: number, eduFactor = 1): number {
  if (status === Status.retired) return status;
  if (ageMonths >= r.retireMonths) return Status.retired;
  if (ageMonths < 216 || u >= leaveStatusProb(status, r, eduFactor)) return status;
  return statusAfter(status, r, eduFactor, u);
}

/**
 * The new status of an adult whose status changes this month: `x`, uniform in
 * [0, leaveStatusProb), falls in the band of each destination in proportion to its rate
 * (into work first, then education or out of the labour market).
 */
function statusAfter(status: number, r: ElevatorRates, eduFactor: number, x: number): number {
  if (status === Status.outside) return x < r.outsideToEmployed * eduFactor ? Status.employed : Status.student;
  if (status === Status.student) return x < r.studentToEmployed * eduFactor ? Status.employed : Status.outside;
  return Status.outside;
}

/** Monthly probability that an adult with this status (aged 18 up to retirement) changes status. */
export function leaveStatusProb(status: number, r: ElevatorRates, eduFactor: number): number {
  if (status === Status.outside) return (r.outsideToEmployed + r.outsideToStudent) * eduFactor;
  if (status === Status.student) return r.studentToEmployed * eduFactor + r.studentToOutside;
  if (status === Status.employed) return r.employedToOutside;
  return 0;
}

/** Household i's labour-market events in month m (one per adult aged 18 up to retirement). */
export function elevatorEvents(w: World, r: ElevatorRates, i: number, m: number, ev: Events): void {
  const h = w.hh;
  const a1 = m - h.i32[i * H.stride + H.birth1]!;
  if (a1 >= 216 && a1 < r.retireMonths)
    addEvent(ev, EV.status1, leaveStatusProb(h.u8[i * B.stride + B.status1]!, r, r.eduFactor[h.u8[i * B.stride + B.edu1]!]));
  if (h.u8[i * B.stride + B.adults] === 2) {
    const a2 = m - h.i32[i * H.stride + H.birth2]!;
    if (a2 >= 216 && a2 < r.retireMonths)
      addEvent(ev, EV.status2, leaveStatusProb(h.u8[i * B.stride + B.status2]!, r, r.eduFactor[h.u8[i * B.stride + B.edu2]!]));
  }
}

/** Upper bound of household i's labour-market probabilities in months m1..m2 (while it does not change). */
export function elevatorBound(w: World, r: ElevatorRates, i: number, m2: number): number {
  const h = w.hh;
  let p = m2 - h.i32[i * H.stride + H.birth1]! >= 216 ? leaveStatusProb(h.u8[i * B.stride + B.status1]!, r, r.eduFactor[h.u8[i * B.stride + B.edu1]!]) : 0;
  if (h.u8[i * B.stride + B.adults] === 2 && m2 - h.i32[i * H.stride + H.birth2]! >= 216)
    p += leaveStatusProb(h.u8[i * B.stride + B.status2]!, r, r.eduFactor[h.u8[i * B.stride + B.edu2]!]);
  return p;
}

/** The first month from m on in which an adult of household i reaches the retirement age unretired, or a large number. */
export function nextRetirement(w: World, r: ElevatorRates, i: number): number {
  const h = w.hh;
  let next = 0x7fffffff;
  if (h.u8[i * B.stride + B.status1] !== Status.retired) next = h.i32[i * H.stride + H.birth1]! + r.retireMonths;
  if (h.u8[i * B.stride + B.adults] === 2 && h.u8[i * B.stride + B.status2] !== Status.retired)
    next = Math.min(next, h.i32[i * H.stride + H.birth2]! + r.retireMonths);
  return next;
}

/** Adults who have reached the retirement age retire (certain, not an event). */
export function retire(w: World, r: ElevatorRates, i: number, m: number): void {
  const h = w.hh;
  const r1 = h.u8[i * B.stride + B.status1] !== Status.retired && m - h.i32[i * H.stride + H.birth1]! >= r.retireMonths;
  const r2 = h.u8[i * B.stride + B.adults] === 2 && h.u8[i * B.stride + B.status2] !== Status.retired && m - h.i32[i * H.stride + H.birth2]! >= r.retireMonths;
  if (!r1 && !r2) return;
  touch(w, i);
  if (r1) h.u8[i * B.stride + B.status1] = Status.retired;
  if (r2) h.u8[i * B.stride + B.status2] = Status.retired;
  refreshIncome(w.scenario, h, i);
}

/**
 * Carry out a status change of adult 1 (`EV.status1`) or adult 2 of household i; `v`, uniform
 * in [0, 1), picks the new status in proportion to the rates. A household that becomes
 * resource-strong is marked as lifted.
 */
export function applyElevatorEvent(w: World, r: ElevatorRates, i: number, code: number, v: number): void {
  const h = w.hh;
  const m = w.month;
  const two = h.u8[i * B.stride + B.adults] === 2;
  const wasStrong = inWorkOrEducation(h.u8[i * B.stride + B.status1]!) || (two && inWorkOrEducation(h.u8[i * B.stride + B.status2]!));
  const first = code === EV.status1;
  const s = first ? h.u8[i * B.stride + B.status1]! : h.u8[i * B.stride + B.status2]!;
  const ef = r.eduFactor[first ? h.u8[i * B.stride + B.edu1]! : h.u8[i * B.stride + B.edu2]!];
  if (s === Status.retired) return;
  const next = statusAfter(s, r, ef, v * leaveStatusProb(s, r, ef));
  touch(w, i);
  if (first) h.u8[i * B.stride + B.status1] = next;
  else h.u8[i * B.stride + B.status2] = next;
  refreshIncome(w.scenario, h, i);
  const isStrong = inWorkOrEducation(h.u8[i * B.stride + B.status1]!) || (two && inWorkOrEducation(h.u8[i * B.stride + B.status2]!));
  if (isStrong && !wasStrong) {
    h.i32[i * H.stride + H.liftedAt] = m;
    w.flows[w.flats.estate[h.i32[i * H.stride + H.flat]!]! * NFLOW + F.lifted]++;
  }
}

const scratch = newEvents();

/**
 * One month of the elevator alone, for every household (the model runs it inside the
 * household-month step): retirement at the retirement age, then one draw per household from
 * `rng` picks at most one status change; `rates[e]` per estate.
 */
export function applyElevator(w: World, rates: ElevatorRates[], rng: Rng): void {
  const h = w.hh;
  const m = w.month;
  for (let i = 0; i < h.used; i++) {
    if (!h.alive[i]) continue;
    const r = rates[w.flats.estate[h.i32[i * H.stride + H.flat]!]!]!;
    retire(w, r, i, m);
    resetEvents(scratch);
    elevatorEvents(w, r, i, m, scratch);
    const code = pickEvent(scratch, rng());
    if (code >= 0) applyElevatorEvent(w, r, i, code, scratch.v);
  }
}
