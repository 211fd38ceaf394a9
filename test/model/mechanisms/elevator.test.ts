/**
 * The elevator effect (src/model/mechanisms/elevator.ts): transitions between outside the
 * labour market, education and work; retirement; the lifted mark. Frozen parameters
 * (test/helpers/scenario.ts). "Pinned" values were observed once and written down to detect
 * unintended changes; change them only on purpose.
 */
import { describe, expect, it } from 'vitest';
import { type ElevatorRates, applyElevator, elevatorRates, nextStatus } from '../../../src/model/mechanisms/elevator.js';
import { makeRng, monthly } from '../../../src/model/rng.js';
import { Status } from '../../../src/model/state.js';
import { alive, emptyWorld, flow, place, tinyWorld, syntheticWorld } from '../../helpers/world.js';
import { B, H } from '../../../src/model/state.js';

const employed = Status.employed;
const student = Status.student;
const outside = Status.outside;
const retired = Status.retired;

describe('elevatorRates', () => {
  const sc = tinyWorld(1).scenario;
  const el = sc.elevator;

  it('monthly rates from the yearly ones; retirement age in months', () => {
    const r = elevatorRates(sc, 1);
    expect(r.outsideToEmployed).toBe(monthly(el.outsideToEmployed * el.programmeBoost));
    expect(r.outsideToStudent).toBe(monthly(el.outsideToStudent * el.programmeBoost));
    expect(r.studentToEmployed).toBe(monthly(el.studentToEmployed));
    expect(r.studentToOutside).toBe(monthly(el.studentToOutside));
    expect(r.employedToOutside).toBe(monthly(el.employedToOutside));
    expect(r.retireMonths).toBe(el.retirementAge * 12);
    // pinned (frozen: outsideToEmployed 0.07 a year, retirement at 65)
    expect(r.outsideToEmployed).toBeCloseTo(0.00602931, 8);
    expect(r.retireMonths).toBe(780);
  });

  it('education factors from the scenario', () => {
    expect(elevatorRates(sc, 1).eduFactor).toEqual([el.basicEducationFactor, 1, el.higherEducationFactor]);
  });

  it('programmes raise the rates into work and education only', () => {
    const base = elevatorRates(sc, 1);
    const boosted = elevatorRates(sc, 2);
    expect(boosted.outsideToEmployed).toBe(monthly(Math.min(1, el.outsideToEmployed * 2)));
    expect(boosted.outsideToEmployed).toBeGreaterThan(base.outsideToEmployed);
    expect(boosted.outsideToStudent).toBeGreaterThan(base.outsideToStudent);
    expect(boosted.studentToEmployed).toBe(base.studentToEmployed);
    expect(boosted.employedToOutside).toBe(base.employedToOutside);
    expect(elevatorRates(sc, 1000).outsideToEmployed).toBe(1);
  });
});

describe('nextStatus by hand-chosen uniforms', () => {
  const r: ElevatorRates = {
    outsideToEmployed: 0.1,
    outsideToStudent: 0.05,
    studentToEmployed: 0.2,
    studentToOutside: 0.03,
    employedToOutside: 0.04,
    retireMonths: 65 * 12,
    eduFactor: [0.5, 1, 1.5],
  };
  const age = 40 * 12;

  it('outside: to work below the first rate, to education in the next band, else stays', () => {
    expect(nextStatus(outside, age, r, 0)).toBe(employed);
    expect(nextStatus(outside, age, r, 0.0999)).toBe(employed);
    expect(nextStatus(outside, age, r, 0.1)).toBe(student);
    expect(nextStatus(outside, age, r, 0.1499)).toBe(student);
    expect(nextStatus(outside, age, r, 0.1501)).toBe(outside);
    expect(nextStatus(outside, age, r, 0.99)).toBe(outside);
  });

  it('student: finishes into work, or drops out, else stays', () => {
    expect(nextStatus(student, age, r, 0.1999)).toBe(employed);
    expect(nextStatus(student, age, r, 0.2)).toBe(outside);
    expect(nextStatus(student, age, r, 0.2299)).toBe(outside);
    expect(nextStatus(student, age, r, 0.2301)).toBe(student);
  });

  it('employed: loses work below the rate, else stays', () => {
    expect(nextStatus(employed, age, r, 0.0399)).toBe(outside);
    expect(nextStatus(employed, age, r, 0.04)).toBe(employed);
  });

  it('retirement at the retirement age, whatever the uniform; retired stays retired', () => {
    for (const s of [employed, student, outside]) {
      expect(nextStatus(s, 65 * 12 - 1, r, 0.99)).toBe(s);
      expect(nextStatus(s, 65 * 12, r, 0.99)).toBe(retired);
      expect(nextStatus(s, 65 * 12, r, 0)).toBe(retired);
    }
    expect(nextStatus(retired, 30 * 12, r, 0)).toBe(retired);
  });

  it('education scales the rates into work and education (outside the labour market)', () => {
    // basic education (factor 0.5): to work below 0.05, to education in [0.05, 0.075)
    expect(nextStatus(outside, age, r, 0.0499, 0.5)).toBe(employed);
    expect(nextStatus(outside, age, r, 0.0501, 0.5)).toBe(student);
    expect(nextStatus(outside, age, r, 0.0749, 0.5)).toBe(student);
    expect(nextStatus(outside, age, r, 0.0751, 0.5)).toBe(outside);
    // higher education (1.5): to work below 0.15
    expect(nextStatus(outside, age, r, 0.1499, 1.5)).toBe(employed);
    expect(nextStatus(student, age, r, 0.2999, 1.5)).toBe(employed);
  });

  // Regression: the drop-out band once ended at studentToEmployed + studentToOutside whatever
  // the education, so every job a basic-education student did not find became a drop-out. It
  // follows the band into work: [studentToEmployed x factor, + studentToOutside).
  it('education does not change the drop-out rate of students', () => {
    // factor 0.5: work below 0.1, drop-out in [0.1, 0.13)
    expect(nextStatus(student, age, r, 0.0999, 0.5)).toBe(employed);
    expect(nextStatus(student, age, r, 0.1001, 0.5)).toBe(outside);
    expect(nextStatus(student, age, r, 0.1299, 0.5)).toBe(outside);
    expect(nextStatus(student, age, r, 0.15, 0.5)).toBe(student);
    // factor 1.5: work below 0.3, drop-out in [0.3, 0.33)
    expect(nextStatus(student, age, r, 0.3001, 1.5)).toBe(outside);
    expect(nextStatus(student, age, r, 0.3301, 1.5)).toBe(student);
  });

  it('no transitions before 18', () => {
    expect(nextStatus(outside, 18 * 12 - 1, r, 0)).toBe(outside);
    expect(nextStatus(student, 17 * 12, r, 0)).toBe(student);
    expect(nextStatus(outside, 18 * 12, r, 0)).toBe(employed);
  });
});

describe('applyElevator', () => {
  it('a household lifted into resource-strong status is marked (liftedAt, lifted flow) and its income rises', () => {
    const w = emptyWorld(3, [3], { elevator: { outsideToEmployed: 1, outsideToStudent: 0, employedToOutside: 0 } });
    w.month = 5;
    const weak = place(w, 0, { age: 40, status1: outside });
    const already = place(w, 1, { age: 40, age2: 40, status1: outside, status2: employed });
    const income0 = w.hh.f32[weak * H.stride + H.income]!;
    const rates = [elevatorRates(w.scenario, 1)];
    applyElevator(w, rates, makeRng(1, 'elevator'));
    expect(w.hh.u8[weak * B.stride + B.status1]).toBe(employed);
    expect(w.hh.i32[weak * H.stride + H.liftedAt]).toBe(5);
    expect(w.hh.f32[weak * H.stride + H.income]!).toBeGreaterThan(income0);
    // adult 1 of the couple got work too, but the household was already resource-strong
    expect(w.hh.u8[already * B.stride + B.status1]).toBe(employed);
    expect(w.hh.i32[already * H.stride + H.liftedAt]).toBeLessThan(0);
    expect(flow(w, 'lifted')).toBe(1);
  });

  it('adults retire at the retirement age (month by month)', () => {
    const w = emptyWorld(2, [3], { elevator: { retirementAge: 65, employedToOutside: 0 } });
    w.month = 1;
    const i = place(w, 0, { age: 64 + 11 / 12, status1: employed }); // 65 next month
    const rates = [elevatorRates(w.scenario, 1)];
    applyElevator(w, rates, makeRng(1, 'elevator'));
    expect(w.hh.u8[i * B.stride + B.status1]).toBe(employed);
    w.month = 2;
    applyElevator(w, rates, makeRng(1, 'elevator'));
    expect(w.hh.u8[i * B.stride + B.status1]).toBe(retired);
  });

  it('many households outside work: the share that finds work in a year is the yearly rate', () => {
    const n = 4000;
    const w = emptyWorld(n, [2], { elevator: { outsideToEmployed: 0.2, outsideToStudent: 0, employedToOutside: 0 } });
    for (let f = 0; f < n; f++) place(w, f, { age: 30, status1: outside });
    const rates = [elevatorRates(w.scenario, 1)];
    const rng = makeRng(4, 'elevator');
    for (let m = 1; m <= 12; m++) {
      w.month = m;
      applyElevator(w, rates, rng);
    }
    const share = alive(w).filter((i) => w.hh.u8[i * B.stride + B.status1] === employed).length / n;
    expect(share).toBeGreaterThan(0.17);
    expect(share).toBeLessThan(0.23);
  });
});

describe('pinned: one year of transitions in a 120-flat estate (seed 3, frozen parameters, synthetic population)', () => {
  it('status counts and lifted households', () => {
    const w = syntheticWorld(3);
    const count = () => {
      const c = [0, 0, 0, 0];
      for (const i of alive(w)) {
        c[w.hh.u8[i * B.stride + B.status1]!]!++;
        if (w.hh.u8[i * B.stride + B.adults] === 2) c[w.hh.u8[i * B.stride + B.status2]!]!++;
      }
      return c;
    };
    const before = count();
    const rates = [elevatorRates(w.scenario, 1)];
    const rng = makeRng(3, 'elevator');
    let lifted = 0;
    for (let m = 1; m <= 12; m++) {
      w.month = m;
      w.flows.fill(0);
      applyElevator(w, rates, rng);
      lifted += flow(w, 'lifted');
    }
    // pinned values: [employed, student, outside, retired] adults
    expect({ before, after: count(), lifted }).toEqual({ before: [75, 15, 60, 26], after: [79, 13, 57, 27], lifted: 5 });
  });
});
