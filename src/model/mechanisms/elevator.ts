/**
 * The elevator effect: adults aged 18-64 move between outside the labour market, education
 * and work (and back); social-housing programmes raise the rates into work and education.
 * A household that becomes resource-strong is marked as lifted (`liftedAt`), which raises
 * its move-out hazard for a while (see career.ts). Adults retire at the retirement age.
 */
import { touch } from '../census.js';
import { refreshIncome } from '../population.js';
import { type Rng, monthly } from '../rng.js';
import { Status, inWorkOrEducation } from '../state.js';
import { F, NFLOW, type World } from '../world.js';
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

/** Monthly rates for one estate, given the programme boost in force. */
export function elevatorRates(sc: Scenario, programmeBoost: number): ElevatorRates {
  const el = sc.elevator;
  const b = el.programmeBoost * programmeBoost;
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
 * Next status of one adult (pure; one uniform draw). Rates into work and education are
 * multiplied by `eduFactor` (education of the adult).
 */
export function nextStatus(status: number, ageMonths: number, r: ElevatorRates, u: number, eduFactor = 1): number {
  if (status === Status.retired) return status;
  if (ageMonths >= r.retireMonths) return Status.retired;
  if (ageMonths < 216) return status;
  if (status === Status.outside) {
    const toEmployed = r.outsideToEmployed * eduFactor;
    if (u < toEmployed) return Status.employed;
    if (u < toEmployed + r.outsideToStudent * eduFactor) return Status.student;
    return status;
  }
  if (status === Status.student) {
    const toEmployed = r.studentToEmployed * eduFactor;
    if (u < toEmployed) return Status.employed;
    if (u < toEmployed + r.studentToOutside) return Status.outside;
    return status;
  }
  return u < r.employedToOutside ? Status.outside : status;
}

/** Apply one month of labour-market transitions; `rates[e]` per estate. */
export function applyElevator(w: World, rates: ElevatorRates[], rng: Rng): void {
  const h = w.hh;
  const m = w.month;
  for (let i = 0; i < h.used; i++) {
    if (!h.alive[i]) continue;
    const e = w.flats.estate[h.flat[i]!]!;
    const r = rates[e]!;
    const two = h.adults[i] === 2;
    const s1 = h.status1[i]!;
    const s2 = h.status2[i]!;
    const wasStrong = inWorkOrEducation(s1) || (two && inWorkOrEducation(s2));
    const n1 = nextStatus(s1, m - h.birth1[i]!, r, rng(), r.eduFactor[h.edu1[i]!]);
    const n2 = two ? nextStatus(s2, m - h.birth2[i]!, r, rng(), r.eduFactor[h.edu2[i]!]) : s2;
    if (n1 === s1 && n2 === s2) continue;
    touch(w, i);
    h.status1[i] = n1;
    h.status2[i] = n2;
    refreshIncome(w.scenario, h, i);
    const isStrong = inWorkOrEducation(n1) || (two && inWorkOrEducation(n2));
    if (isStrong && !wasStrong) {
      h.liftedAt[i] = m;
      w.flows[e * NFLOW + F.lifted]++;
    }
  }
}
