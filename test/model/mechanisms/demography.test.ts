/**
 * Demography (src/model/mechanisms/demography.ts): deaths, births, children leaving home,
 * partnerships. Hand-made households in small worlds with frozen parameters
 * (test/helpers/scenario.ts), so that recalibrating the defaults does not move these numbers.
 *
 * "Pinned" values were observed once and written down to detect unintended changes of the
 * mechanism (or of the random streams it draws from); change them only on purpose.
 */
import { describe, expect, it } from 'vitest';
import { R } from '../../../src/model/codes.js';
import { applyDemography, demographyEvents, demographyTables } from '../../../src/model/mechanisms/demography.js';
import { EV, newEvents } from '../../../src/model/events.js';
import { makeRng, monthly } from '../../../src/model/rng.js';
import { FLOWS, NFLOW } from '../../../src/model/flows.js';
import { alive, emptyWorld, fixedRng, flow, moves, place, tinyWorld, syntheticWorld } from '../../helpers/world.js';
import { B, H } from '../../../src/model/state.js';

/** Parameters that switch every demographic event off; tests switch on the one they study. */
const QUIET = {
  demography: {
    mortalityA: 0,
    fertilityPeak: 0,
    childLeaveAnnual: 0,
    partnershipAnnual: 0,
    breakupAnnual: 0,
  },
};
const withDemography = (d: Record<string, unknown>) => ({ demography: { ...QUIET.demography, ...d } });

describe('demographyTables', () => {
  const w = tinyWorld(1);
  const d = w.scenario.demography;
  const t = demographyTables(w.scenario);

  it('death: monthly Gompertz probability by age', () => {
    for (const a of [0, 30, 70, 85, 120]) expect(t.death[a]).toBe(monthly(Math.min(1, d.mortalityA * Math.exp(d.mortalityB * a))));
    expect(t.death[85]!).toBeGreaterThan(t.death[70]!);
    expect(t.death[70]!).toBeGreaterThan(t.death[30]!);
    // pinned (frozen mortalityA 0.00003, mortalityB 0.092)
    expect(t.death[70]).toBeCloseTo(0.00157967, 8);
  });

  it('births: peak at the peak age, none outside 15-50', () => {
    expect(t.birth[d.fertilityPeakAge]).toBe(monthly(d.fertilityPeak));
    expect(t.birth[14]).toBe(0);
    expect(t.birth[51]).toBe(0);
    expect(t.birth[25]!).toBeLessThan(t.birth[30]!);
    expect(t.birth[35]!).toBeLessThan(t.birth[30]!);
    expect(t.childLeave).toBe(monthly(d.childLeaveAnnual));
    expect(t.partnership).toBe(monthly(d.partnershipAnnual));
    expect(t.breakup).toBe(monthly(d.breakupAnnual));
  });
});

describe('deaths', () => {
  it('the death of a single adult dissolves the household (a move-out for reason death)', () => {
    const w = emptyWorld(4, [2], withDemography({ mortalityA: 1 }));
    const i = place(w, 0, { age: 80 });
    const uid = w.hh.i32[i * H.stride + H.uid]!;
    applyDemography(w, demographyTables(w.scenario), makeRng(1, 'demography'));
    expect(w.hh.alive[i]).toBe(0);
    expect(w.flats.occupant[0]).toBe(-1);
    expect(flow(w, 'deaths')).toBe(1);
    expect(flow(w, 'moveOuts')).toBe(1);
    expect(flow(w, 'exitsDeath')).toBe(1);
    expect(moves(w)).toEqual([{ month: 1, uid, kind: 'out', reason: R.death, from: 0, to: -1 }]);
    expect(w.queues.vacancies).toEqual([0]);
  });

  it('when one partner dies the household stays with the other (the survivor becomes adult 1)', () => {
    const w = emptyWorld(4, [3], QUIET);
    const t = demographyTables(w.scenario);
    t.death.fill(0.5); // uniforms below 0.5 kill
    // draws: death of adult 2, death of adult 1, then nothing else can happen
    const a = place(w, 0, { age: 80, age2: 75, female1: 1 });
    applyDemography(w, t, fixedRng(0.9, 0.1, 0.9));
    expect(w.hh.alive[a]).toBe(1);
    expect(w.hh.u8[a * B.stride + B.adults]).toBe(1);
    expect(w.hh.i32[a * H.stride + H.birth1]).toBe(w.month - 75 * 12); // adult 2 took adult 1's place
    expect(w.hh.u8[a * B.stride + B.female1]).toBe(0);
    expect(flow(w, 'deaths')).toBe(1);
    expect(flow(w, 'moveOuts')).toBe(0);

    const b = place(w, 1, { age: 80, age2: 75, female1: 1 });
    w.flows.fill(0);
    applyDemography(w, t, fixedRng(0.9, 0.1, 0.9)); // a (now single) survives; b: adult 2 dies
    expect(w.hh.u8[b * B.stride + B.adults]).toBe(1);
    expect(w.hh.i32[b * H.stride + H.birth1]).toBe(w.month - 80 * 12);
    expect(w.hh.u8[b * B.stride + B.female1]).toBe(1);
    expect(flow(w, 'deaths')).toBe(1);
  });
});

describe('births', () => {
  it('crowding suppresses births: the birth event has probability birth x parity, times the crowding factor in a crowded flat', () => {
    const w = emptyWorld(2, [3, 1], withDemography({ fertilityPeak: 0.11, crowdingBirthFactor: 0.45, fertilityByChildren: [0.7, 1.2, 0.45, 0.25] }));
    const t = demographyTables(w.scenario);
    const roomy = place(w, 0, { age: 30, age2: 32, female1: 1 }); // 2 persons, 3 rooms
    const crowded = place(w, 1, { age: 30, age2: 32, female1: 1 }); // 2 persons, 1 room
    const pRoomy = t.birth[30]! * t.parity[0]!;
    const birthProb = (i: number) => {
      const ev = newEvents();
      demographyEvents(w, t, i, w.month, ev);
      return Array.from(ev.code.subarray(0, ev.n))
        .map((c, k) => [c, ev.p[k]])
        .find(([c]) => c === EV.birth)![1];
    };
    expect(birthProb(roomy)).toBe(pRoomy);
    expect(birthProb(crowded)).toBe(pRoomy * t.crowding);
  });

  it('one draw per household: a uniform inside the birth interval gives a child, one just above it none', () => {
    const w = emptyWorld(2, [3, 3], withDemography({ fertilityPeak: 0.11 }));
    const t = demographyTables(w.scenario);
    const a = place(w, 0, { age: 30, age2: 32, female1: 1 });
    const b = place(w, 1, { age: 30, age2: 32, female1: 1 });
    // the intervals, in order: death of adult 2, death of adult 1, birth, break-up
    const start = t.death[32]! + t.death[30]!;
    const pBirth = t.birth[30]! * t.parity[0]!;
    applyDemography(w, t, fixedRng(start + pBirth / 2, start + pBirth + 1e-12));
    expect(w.hh.u8[a * B.stride + B.nChildren]).toBe(1);
    expect(w.hh.i32[a * H.stride + H.child0]).toBe(w.month);
    expect(w.hh.u8[b * B.stride + B.nChildren]).toBe(0);
    expect(flow(w, 'births')).toBe(1);
    expect(flow(w, 'partnersMovedOut') + flow(w, 'moveOuts')).toBe(0); // no other event is possible here
  });

  it('crowding suppresses births: counted over many couples, the ratio is the crowding factor', () => {
    const n = 3000;
    const w = emptyWorld(2 * n, [4, 1], withDemography({ fertilityPeak: 0.3, crowdingBirthFactor: 0.4 }));
    for (let f = 0; f < 2 * n; f++) place(w, f, { age: 29, age2: 31, female1: f % 2 ? 0 : 1 });
    const t = demographyTables(w.scenario);
    const rng = makeRng(11, 'births');
    let roomy = 0;
    let crowded = 0;
    for (let m = 1; m <= 12; m++) {
      w.month = m;
      applyDemography(w, t, rng);
    }
    for (const i of alive(w)) {
      if (w.flats.rooms[w.hh.i32[i * H.stride + H.flat]!] === 4) roomy += w.hh.u8[i * B.stride + B.nChildren]!;
      else crowded += w.hh.u8[i * B.stride + B.nChildren]!;
    }
    expect(roomy).toBeGreaterThan(200);
    expect(crowded / roomy).toBeGreaterThan(0.3);
    expect(crowded / roomy).toBeLessThan(0.6);
  });

  it('a man without a partner has no children; a single woman has fewer than a couple', () => {
    const n = 2000;
    const w = emptyWorld(3 * n, [5], withDemography({ fertilityPeak: 0.5, singleBirthFactor: 0.2 }));
    const kind: string[] = [];
    for (let f = 0; f < 3 * n; f++) {
      const k = ['man', 'woman', 'couple'][f % 3]!;
      kind[place(w, f, { age: 30, female1: k === 'man' ? 0 : 1, ...(k === 'couple' ? { age2: 30 } : {}) })] = k;
    }
    const t = demographyTables(w.scenario);
    const rng = makeRng(3, 'births');
    for (let m = 1; m <= 12; m++) {
      w.month = m;
      applyDemography(w, t, rng);
    }
    const kids = { man: 0, woman: 0, couple: 0 } as Record<string, number>;
    for (const i of alive(w)) kids[kind[i]!]! += w.hh.u8[i * B.stride + B.nChildren]!;
    expect(kids.man).toBe(0);
    expect(kids.couple).toBeGreaterThan(300);
    expect(kids.woman! / kids.couple!).toBeGreaterThan(0.1);
    expect(kids.woman! / kids.couple!).toBeLessThan(0.3);
  });
});

describe('children leaving home', () => {
  it('children aged 18+ leave, one a month at most (persons, not household moves); some seek a flat in the estate', () => {
    const w = emptyWorld(2, [4], withDemography({ childLeaveAnnual: 0.9, childStaysInEstateShare: 1, partnershipAnnual: 0, mortalityA: 0 }));
    const i = place(w, 0, { age: 50, children: [19, 17, 25] });
    const t = demographyTables(w.scenario);
    // two grown children: the event "a child leaves" has twice the monthly rate
    const ev = newEvents();
    demographyEvents(w, t, i, w.month, ev);
    expect(ev.p[Array.from(ev.code.subarray(0, ev.n)).indexOf(EV.childLeaves)]).toBeCloseTo(2 * t.childLeave, 15);
    applyDemography(w, t, fixedRng(0.01));
    expect(w.hh.u8[i * B.stride + B.nChildren]).toBe(2);
    expect(flow(w, 'childrenLeftHome')).toBe(1);
    w.month++;
    applyDemography(w, t, fixedRng(0.01));
    expect(w.hh.u8[i * B.stride + B.nChildren]).toBe(1);
    expect(w.hh.i32[i * H.stride + H.child0]).toBe(1 - 17 * 12);
    expect(flow(w, 'childrenLeftHome')).toBe(2);
    expect(flow(w, 'moveOuts')).toBe(0);
    expect(w.log.size).toBe(0);
    // a draw at the bottom of the interval picks the first grown child in the household's list
    expect(w.queues.seekers[0]!.map((s) => [s.birth, s.reason, s.since])).toEqual([
      [1 - 19 * 12, R.childLeftHome, 1],
      [1 - 25 * 12, R.childLeftHome, 2],
    ]);
  });

  it('no seekers when no child stays in the estate; children under 18 never leave', () => {
    const w = emptyWorld(2, [4], withDemography({ childLeaveAnnual: 1, childStaysInEstateShare: 0 }));
    const i = place(w, 0, { age: 40, children: [20, 17.9, 3] });
    applyDemography(w, demographyTables(w.scenario), makeRng(5, 'demography'));
    expect(w.hh.u8[i * B.stride + B.nChildren]).toBe(2);
    expect(flow(w, 'childrenLeftHome')).toBe(1);
    expect(w.queues.seekers[0]).toEqual([]);
  });
});

describe('partnerships', () => {
  it('a single adult aged 20-55 forms a partnership: the partner moves in', () => {
    const w = emptyWorld(3, [3], withDemography({ partnershipAnnual: 1, partnerMovesOutShare: 0 }));
    const young = place(w, 0, { age: 19.5 });
    const mid = place(w, 1, { age: 30, status1: 2 });
    const old = place(w, 2, { age: 56 });
    const income0 = w.hh.f32[mid * H.stride + H.income]!;
    applyDemography(w, demographyTables(w.scenario), makeRng(9, 'demography'));
    expect(w.hh.u8[young * B.stride + B.adults]).toBe(1);
    expect(w.hh.u8[mid * B.stride + B.adults]).toBe(2);
    expect(w.hh.u8[old * B.stride + B.adults]).toBe(1);
    expect(Math.abs(w.hh.i32[mid * H.stride + H.birth2]! - w.hh.i32[mid * H.stride + H.birth1]!)).toBeLessThanOrEqual(36);
    expect(w.hh.f32[mid * H.stride + H.income]!).toBeGreaterThan(income0);
    expect(flow(w, 'partnersMovedIn')).toBe(1);
    expect(flow(w, 'moveOuts')).toBe(0);
  });

  it('or the household moves out to the partner (reason partnership)', () => {
    const w = emptyWorld(2, [3], withDemography({ partnershipAnnual: 1, partnerMovesOutShare: 1 }));
    place(w, 0, { age: 30 });
    applyDemography(w, demographyTables(w.scenario), makeRng(9, 'demography'));
    expect(flow(w, 'moveOuts')).toBe(1);
    expect(flow(w, 'exitsPartnership')).toBe(1);
    expect(moves(w)[0]!.reason).toBe(R.partnership);
  });

  it('a break-up: the partner leaves (a person move) and may seek a flat in the estate', () => {
    const w = emptyWorld(2, [3], withDemography({ breakupAnnual: 1, breakupHouseholdLeavesShare: 0, breakupFormsHouseholdShare: 1 }));
    const i = place(w, 0, { age: 40, age2: 42, female1: 1, children: [5] });
    applyDemography(w, demographyTables(w.scenario), makeRng(2, 'demography'));
    expect(w.hh.u8[i * B.stride + B.adults]).toBe(1);
    expect(w.hh.u8[i * B.stride + B.nChildren]).toBe(1);
    expect(flow(w, 'partnersMovedOut')).toBe(1);
    expect(flow(w, 'moveOuts')).toBe(0);
    expect(w.queues.seekers[0]!.map((s) => [s.birth, s.female, s.reason])).toEqual([[w.month - 42 * 12, 0, R.breakup]]);
  });

  it('a break-up after which the household moves out too (reason partnership)', () => {
    const w = emptyWorld(2, [3], withDemography({ breakupAnnual: 1, breakupHouseholdLeavesShare: 1 }));
    place(w, 0, { age: 40, age2: 42 });
    applyDemography(w, demographyTables(w.scenario), makeRng(2, 'demography'));
    expect(flow(w, 'moveOuts')).toBe(1);
    expect(flow(w, 'exitsPartnership')).toBe(1);
    expect(flow(w, 'partnersMovedOut')).toBe(0);
  });
});

describe('pinned: two years of demography in a 120-flat estate (seed 7, frozen parameters, synthetic population)', () => {
  it('flows and seekers', () => {
    const w = syntheticWorld(7);
    const t = demographyTables(w.scenario);
    const rng = makeRng(7, 'demography');
    const before = alive(w).length;
    const total = new Float64Array(NFLOW);
    for (let m = 1; m <= 24; m++) {
      w.month = m;
      w.flows.fill(0);
      applyDemography(w, t, rng);
      for (let k = 0; k < NFLOW; k++) total[k]! += w.flows[k]!;
    }
    const got = Object.fromEntries(FLOWS.map((n, k) => [n, total[k]!]).filter(([, v]) => v !== 0));
    // pinned values (see the file comment)
    expect({ before, after: alive(w).length, seekers: w.queues.seekers[0]!.length, flows: got }).toEqual({
      before: 114,
      after: 108,
      seekers: 0,
      flows: {
        births: 2,
        childrenLeftHome: 3,
        deaths: 2,
        exitsPartnership: 6,
        moveOuts: 6,
        outResourceStrong: 3,
        outResourceStrongFamilies: 1,
        outResourceStrongFamiliesShortStay: 1,
        partnersMovedIn: 1,
        partnersMovedOut: 1,
      },
    });
  });
});
