/**
 * Building the estate (flats on a grid, in sections, buildings and stairwells) and drawing
 * households: the initial residents and every newcomer (waiting-list applicants, municipal
 * allocations, partners, grown children).
 *
 * Household types and their fit to flat sizes are an assumption (documented in docs/ODD.md):
 * small flats house singles and couples, large flats families.
 */
import type { EstateSpec, Scenario } from '../scenario/schema.js';
import { type AleaState, type Rng, type StreamRng, aleaStep, randInt } from './rng.js';
import { Edu, type Flats, type Households, MAX_CHILDREN, Origin, Status, Tenure, inWorkOrEducation, H, B, get8, set8, set32, setF32 } from './state.js';

/** Household types. */
export const HT = { youngSingle: 0, single: 1, couple: 2, singleParent: 3, coupleKids: 4, seniorSingle: 5, seniorCouple: 6 } as const;
export const NTYPES = 7;
const FAMILY_TYPES = [HT.singleParent, HT.coupleKids];
const SENIOR_TYPES = [HT.seniorSingle, HT.seniorCouple];

/**
 * Base weights of household types by flat size (rooms 1-5): who applies for, and lives in,
 * a flat of that size. Assumption (DST household statistics give 1.7-1.8 persons per
 * household in the sector; the table reproduces that order of magnitude).
 */
export const TYPE_BY_ROOMS: readonly (readonly number[])[] = [
  [0.45, 0.35, 0.05, 0.0, 0.0, 0.15, 0.0],
  [0.22, 0.26, 0.2, 0.1, 0.02, 0.12, 0.08],
  [0.08, 0.1, 0.14, 0.24, 0.32, 0.06, 0.06],
  [0.02, 0.03, 0.05, 0.25, 0.6, 0.02, 0.03],
  [0.0, 0.02, 0.03, 0.2, 0.73, 0.01, 0.01],
];

/**
 * Tilt the type weights so that, over the estate's room mix, the expected family share and
 * senior share equal the targets (iterative proportional fitting on the two margins).
 * Returns cumulative weights per rooms (5 x NTYPES).
 */
export function fitTypeWeights(roomShares: readonly number[], familyShare: number, seniorShare: number): Float64Array {
  const w = new Float64Array(5 * NTYPES);
  for (let r = 0; r < 5; r++) for (let t = 0; t < NTYPES; t++) w[r * NTYPES + t] = TYPE_BY_ROOMS[r]![t]!;
  const groups = [FAMILY_TYPES as number[], SENIOR_TYPES as number[]];
  const targets = [familyShare, seniorShare];
  for (let iter = 0; iter < 50; iter++) {
    for (let g = 0; g < 2; g++) {
      // expected share of group g, and of the rest
      let inG = 0;
      let total = 0;
      for (let r = 0; r < 5; r++) {
        let rowSum = 0;
        for (let t = 0; t < NTYPES; t++) rowSum += w[r * NTYPES + t]!;
        if (rowSum === 0) continue;
        for (let t = 0; t < NTYPES; t++) {
          const p = (roomShares[r]! * w[r * NTYPES + t]!) / rowSum;
          total += p;
          if (groups[g]!.includes(t)) inG += p;
        }
      }
      if (inG <= 0 || total <= 0) continue;
      const share = inG / total;
      const target = Math.min(0.98, Math.max(0.001, targets[g]!));
      const up = target / share;
      const down = (1 - target) / Math.max(1e-9, 1 - share);
      for (let r = 0; r < 5; r++) for (let t = 0; t < NTYPES; t++) w[r * NTYPES + t]! *= groups[g]!.includes(t) ? up : down;
    }
  }
  // normalise each row and make it cumulative
  for (let r = 0; r < 5; r++) {
    let s = 0;
    for (let t = 0; t < NTYPES; t++) s += w[r * NTYPES + t]!;
    let c = 0;
    for (let t = 0; t < NTYPES; t++) {
      c += s > 0 ? w[r * NTYPES + t]! / s : 1 / NTYPES;
      w[r * NTYPES + t] = c;
    }
  }
  return w;
}

/** What a drawn household looks like, beyond its type (per estate, precomputed). */
export interface DrawProfile {
  /** Cumulative type weights by rooms (5 x NTYPES), of households who are not resource-strong. */
  typeCum: Float64Array;
  /** The same for resource-strong households (applicants: fitted to `applicants.strongFamilyShare`; residents: to `population.strongFamilyShare` when given, else as `typeCum`). */
  typeCumStrong: Float64Array;
  nonWestern: number;
  western: number;
  basicStrong: number;
  basicWeak: number;
  familyNearby: number;
  wantsGarden: number;
  wantsOwn: number;
  /**
   * Of two-adult resource-strong households with both adults under 60: the share in which both
   * are in work or education, and of the others the share in which the first is
   * (population.strongCouplesBothActive, strongCouplesFirstActive); -1 (applicants, and residents
   * without them) draws each adult's status on its own (statusFor).
   */
  couplesBothActive: number;
  couplesFirstActive: number;
  /**
   * Of the adults in work or education under 27 and aged 27-59, the share who are students
   * (population.strongStudentShareUnder27, strongStudentShare27to59); -1 (applicants, and residents
   * without them) draws them with the assumptions of `activeStatus`.
   */
  studentUnder27: number;
  student27to59: number;
  /**
   * Grown children (18 or more) still at home per household whose head is GROWN_CHILD_HEAD_AGES
   * old, in families with children (under 18) and in other households
   * (population.grownChildrenPerFamily, grownChildrenPerOther); 0 for applicants and where none
   * are given: no grown child at home.
   */
  grownPerFamily: number;
  grownPerOther: number;
  /**
   * Factor on the probabilities of a family's second to fourth child (EXTRA_CHILD_PROBS): 1 for
   * applicants and where none is given, else `childrenScale(population.childrenPerFamily)`.
   */
  childrenScale: number;
  /** Of the adults from 60 up to the retirement age who are not employed, the share retired (population.earlyRetiredShare); -1: SENIOR_RETIRED. */
  earlyRetired: number;
  /** Of the resource-strong households, the share lifted into work or education within `elevator.liftedMonths` (population.liftedShare); 0 for applicants and where none is given. */
  lifted: number;
  /**
   * Relative weights of the head's age of families in HEAD_AGE_BANDS bands of HEAD_AGE_BAND_YEARS
   * years from HEAD_AGE_FROM (population.headAgesFamily); undefined (applicants, and residents
   * without them): the head's age drawn from the oldest child's. The other kinds' weights
   * (headAgesSingle, headAgesCouple) are read only through their AgeDraws below.
   */
  agesFamily: readonly number[] | undefined;
  /**
   * The head's age of each drawn type, from the kind's weights over the type's range (without them:
   * young singles 18-29, singles 25-59, couples 25-59, families 21-59 and seniors 60-85; with them,
   * young singles and singles alike 18-59, seniors 60 up to the last band); made once here, as the
   * draw reads them for every household.
   */
  ageYoungSingle: AgeDraw;
  ageSingle: AgeDraw;
  ageCouple: AgeDraw;
  ageFamily: AgeDraw;
  ageSeniorSingle: AgeDraw;
  ageSeniorCouple: AgeDraw;
}

/**
 * The family shares of the initial households drawn resource-strong and of the others: with
 * `population.strongFamilyShare` given (anchoring gives it), that share for the first and, for
 * the second, the share that keeps all families at `population.familyShare` (households are
 * drawn resource-strong with probability `population.resourceStrongShare`), within [0, 0.98];
 * else `familyShare` for both.
 */
export function residentFamilyShares(p: EstateSpec['population']): { strong: number; other: number } {
  const s = p.strongFamilyShare;
  if (s === undefined) return { strong: p.familyShare, other: p.familyShare };
  const ph = p.resourceStrongShare;
  const other = ph >= 1 ? p.familyShare : Math.min(0.98, Math.max(0, (p.familyShare - ph * s) / (1 - ph)));
  return { strong: s, other };
}

function fitProfile(spec: EstateSpec, applicant: boolean): DrawProfile {
  const rm = spec.rooms;
  const p = spec.population;
  const rooms = [rm.r1, rm.r2, rm.r3, rm.r4, rm.r5];
  const resident = residentFamilyShares(p);
  const senior = applicant ? (spec.applicants.seniorShare ?? p.seniorShare) : p.seniorShare;
  const typeCum = fitTypeWeights(rooms, applicant ? spec.applicants.familyShare : resident.other, senior);
  const sameTypes = !applicant && resident.strong === resident.other;
  const family = applicant ? undefined : p.headAgesFamily;
  return {
    typeCum,
    typeCumStrong: sameTypes ? typeCum : fitTypeWeights(rooms, applicant ? spec.applicants.strongFamilyShare : resident.strong, senior),
    nonWestern: applicant ? (spec.applicants.nonWesternShare ?? p.nonWesternShare) : p.nonWesternShare,
    western: p.westernShare,
    // residents start with the education the anchoring solved (or the user gave), applicants draw the estate's shares
    basicStrong: applicant ? p.basicEducationShareStrong : (p.basicEducationStartStrong ?? p.basicEducationShareStrong),
    basicWeak: applicant ? p.basicEducationShareWeak : (p.basicEducationStartWeak ?? p.basicEducationShareWeak),
    familyNearby: applicant ? spec.applicants.familyNearbyShare : p.familyNearbyShare,
    wantsGarden: p.wantsGardenShare,
    wantsOwn: p.wantsOwnShare,
    couplesBothActive: applicant ? -1 : (p.strongCouplesBothActive ?? -1),
    couplesFirstActive: applicant ? -1 : (p.strongCouplesFirstActive ?? -1),
    studentUnder27: applicant ? -1 : (p.strongStudentShareUnder27 ?? -1),
    student27to59: applicant ? -1 : (p.strongStudentShare27to59 ?? -1),
    grownPerFamily: applicant ? 0 : (p.grownChildrenPerFamily ?? 0),
    grownPerOther: applicant ? 0 : (p.grownChildrenPerOther ?? 0),
    childrenScale: applicant ? 1 : childrenScale(p.childrenPerFamily),
    earlyRetired: applicant ? -1 : (p.earlyRetiredShare ?? -1),
    lifted: applicant ? 0 : (p.liftedShare ?? 0),
    agesFamily: family,
    ...ageDraws(applicant ? undefined : p.headAgesSingle, applicant ? undefined : p.headAgesCouple, family),
  };
}

/**
 * Each type's AgeDraw (DrawProfile): its range, and the weights of its kind of household where
 * they are given (young singles and singles alike 18-59 with weights: how many of them are young is
 * the baseline's, not the type mix's).
 */
function ageDraws(
  single: readonly number[] | undefined,
  couple: readonly number[] | undefined,
  family: readonly number[] | undefined,
): Pick<DrawProfile, 'ageYoungSingle' | 'ageSingle' | 'ageCouple' | 'ageFamily' | 'ageSeniorSingle' | 'ageSeniorCouple'> {
  return {
    ageYoungSingle: ageDraw(single, 18, single === undefined ? 30 : 60),
    ageSingle: ageDraw(single, single === undefined ? 25 : 18, 60),
    ageCouple: ageDraw(couple, 25, 60),
    ageFamily: ageDraw(family, 21, 60),
    ageSeniorSingle: ageDraw(single, 60, single === undefined ? 86 : SENIOR_AGE_MAX),
    ageSeniorCouple: ageDraw(couple, 60, couple === undefined ? 86 : SENIOR_AGE_MAX),
  };
}

/** Profiles already fitted, per estate of a scenario (they depend only on the estate's values). */
const fitted = new WeakMap<EstateSpec, [DrawProfile, DrawProfile]>();

/**
 * The drawing profile of an estate's residents (`applicant` false) or of the applicants for its
 * flats: fitted once per estate of a scenario object and shared after that by the estate's
 * copies and by every replication run with the same object (a profile is not changed after it
 * is made, and scenario objects are not changed after they are validated).
 */
export function profileFor(spec: EstateSpec, applicant: boolean): DrawProfile {
  let pair = fitted.get(spec);
  if (!pair) {
    pair = [fitProfile(spec, false), fitProfile(spec, true)];
    fitted.set(spec, pair);
  }
  return pair[applicant ? 1 : 0];
}

/** Income of one adult with this status and education, kr per year. */
export function adultIncome(sc: Scenario, status: number, edu: number): number {
  const el = sc.elevator;
  const base =
    status === Status.employed
      ? el.incomeEmployed
      : status === Status.student
        ? el.incomeStudent
        : status === Status.outside
          ? el.incomeOutside
          : el.incomeRetired;
  return status === Status.employed ? base * (edu === Edu.basic ? 0.85 : edu === Edu.higher ? 1.3 : 1) : base;
}

/**
 * Who an adult outside the labour market is as the cash-benefit rules see it, for the income
 * criterion (`countedIncome`): the partner employed (the spouse's income is deducted from the
 * benefit, which leaves nothing), else with children under 18 at home, else under 30, else 30 or
 * more.
 */
export const enum OutsideCase {
  partnerEmployed = 0,
  under30 = 1,
  from30 = 2,
  withChildren = 3,
}
/** The number of OutsideCase values. */
export const OUTSIDE_CASES = 4;

/**
 * Income of one adult as the list's income criterion counts it (taxable gross income), kr per
 * year: `adultIncome`, except for an adult outside the labour market, who counts under
 * `elevator.incomeCounted: benefitRules` (the default) the cash benefit of its case
 * (`cashBenefitUnder30`, `cashBenefitFrom30`, `cashBenefitWithChildren`; 0 with an employed
 * partner) and under `share` `elevator.incomeOutsideTaxableShare` of `elevator.incomeOutside`
 * (tax-free transfers are not in the criterion's income). The census sums it over persons 15-64
 * who are not students; nothing else reads it.
 *
 * @example countedIncome(sc, Status.outside, Edu.basic, OutsideCase.from30) // 131,616 (the 2016 rate)
 */
export function countedIncome(sc: Scenario, status: number, edu: number, outside: OutsideCase = OutsideCase.from30): number {
  if (status !== Status.outside) return adultIncome(sc, status, edu);
  const el = sc.elevator;
  if (el.incomeCounted === 'share') return el.incomeOutside * el.incomeOutsideTaxableShare;
  return outside === OutsideCase.partnerEmployed
    ? 0
    : outside === OutsideCase.under30
      ? el.cashBenefitUnder30
      : outside === OutsideCase.withChildren
        ? el.cashBenefitWithChildren
        : el.cashBenefitFrom30;
}

/** Recompute a household's income from its adults' statuses. */
export function refreshIncome(sc: Scenario, h: Households, i: number): void {
  let y = adultIncome(sc, get8(h, i, B.status1), get8(h, i, B.edu1));
  if (get8(h, i, B.adults) === 2) y += adultIncome(sc, get8(h, i, B.status2), get8(h, i, B.edu2));
  setF32(h, i, H.income, y);
}

const drawEdu = (g: AleaState, basicShare: number): number => (aleaStep(g) < basicShare ? Edu.basic : aleaStep(g) < 0.55 ? Edu.vocational : Edu.higher);

/*
 * The labour-market statuses a drawn household's adults start with (residents at month 0 and
 * applicants alike). All assumptions: no source gives them for residents of family dwellings;
 * anchoring replaces the ones that matter most for the start, the two-adult resource-strong
 * households' (population.strongCouplesBothActive and strongCouplesFirstActive), by what the
 * baseline sustains.
 */
/** Chance that an adult of 60 up to the retirement age in a resource-strong household is employed. Assumption. */
export const SENIOR_STRONG_EMPLOYED = 0.6;
/** Chance that any other adult of 60 up to the retirement age is retired (early retirement, disability pension); else outside. Assumption. */
export const SENIOR_RETIRED = 0.5;
/** Chance that the first adult of a resource-strong household is a student: under 27, and from 27. Assumption. */
export const FIRST_STUDENT_YOUNG = 0.5;
export const FIRST_STUDENT_OLDER = 0.06;
/** Chance that the second adult of a resource-strong household is in work or education (the first always is). Assumption. */
export const SECOND_ACTIVE = 0.72;
/** Chance that an active second adult under 27 is a student. Assumption. */
export const SECOND_STUDENT_YOUNG = 0.4;

function statusFor(g: AleaState, ageYears: number, strong: boolean, first: boolean, retirementAge: number, prof: DrawProfile): number {
  if (ageYears >= retirementAge) return Status.retired;
  if (ageYears >= 60) {
    if (strong && aleaStep(g) < SENIOR_STRONG_EMPLOYED) return Status.employed;
    return aleaStep(g) < (prof.earlyRetired >= 0 ? prof.earlyRetired : SENIOR_RETIRED) ? Status.retired : Status.outside;
  }
  if (!strong) return Status.outside;
  if (first) return activeStatus(g, ageYears, true, prof);
  return aleaStep(g) < SECOND_ACTIVE ? activeStatus(g, ageYears, false, prof) : Status.outside;
}

/**
 * The status of an adult under 60 who is in work or education: a student or employed; with the
 * profile's student shares where it has them (anchored residents), else by the assumptions above.
 */
function activeStatus(g: AleaState, ageYears: number, first: boolean, prof: DrawProfile): number {
  const given = ageYears < 27 ? prof.studentUnder27 : prof.student27to59;
  if (given >= 0) return aleaStep(g) < given ? Status.student : Status.employed;
  if (first)
    return ageYears < 27
      ? aleaStep(g) < FIRST_STUDENT_YOUNG
        ? Status.student
        : Status.employed
      : aleaStep(g) < FIRST_STUDENT_OLDER
        ? Status.student
        : Status.employed;
  return ageYears < 27 && aleaStep(g) < SECOND_STUDENT_YOUNG ? Status.student : Status.employed;
}

/**
 * Ages of the head (years, from and below) of the households drawn with grown children at home:
 * from 36, so that a child of 18 has a parent at least 18 years older; below 65, as few older
 * heads have them in the baseline (measured: 1% of the households with a head of 65 or more,
 * against 20-30% of the others of 36-64, after 15 and 40 years of an own estate). Assumption.
 */
export const GROWN_CHILD_HEAD_AGES = [36, 65] as const;

/** The head-age bands of `population.headAgesSingle`, `headAgesCouple` and `headAgesFamily`: HEAD_AGE_BANDS bands of HEAD_AGE_BAND_YEARS years from HEAD_AGE_FROM (18-22, 23-27, ..., 98-102). */
export const HEAD_AGE_FROM = 18;
export const HEAD_AGE_BAND_YEARS = 5;
export const HEAD_AGE_BANDS = 17;
/** Oldest age (years, below) of a senior head drawn from head-age weights; without them 86 (an assumption of the draw). */
const SENIOR_AGE_MAX = HEAD_AGE_FROM + HEAD_AGE_BANDS * HEAD_AGE_BAND_YEARS;

/**
 * An age in [lo, hi) (years): uniform without weights (one draw, as the types' ranges always
 * were); with them, a band by its weight times the part of it inside [lo, hi), then uniform
 * within that part (two draws). Uniform also where no band inside has weight.
 */
export function headAge(g: AleaState, weights: readonly number[] | undefined, lo: number, hi: number): number {
  return drawAge(g, ageDraw(weights, lo, hi));
}

/**
 * What `headAge` needs of its weights and range, worked out once per profile (the draw of the
 * initial residents made it for every household): each band's mass, its weight times its years
 * inside [lo, hi) (`bandInside`), and their total, summed in band order.
 */
export interface AgeDraw {
  lo: number;
  hi: number;
  /** Weight x years inside the range, per band (HEAD_AGE_BANDS); all 0 without weights. */
  mass: Float64Array;
  /** Years of each band inside the range. */
  years: Float64Array;
  /** The masses summed from the first band; 0 (uniform over the range) where there are none. */
  total: number;
}

/** The AgeDraw of `weights` (undefined: uniform) over [lo, hi). */
export function ageDraw(weights: readonly number[] | undefined, lo: number, hi: number): AgeDraw {
  const mass = new Float64Array(HEAD_AGE_BANDS);
  const years = new Float64Array(HEAD_AGE_BANDS);
  let total = 0;
  for (let b = 0; b < HEAD_AGE_BANDS; b++) {
    years[b] = bandInside(b, lo, hi);
    mass[b] = weights === undefined ? 0 : (weights[b] ?? 0) * years[b]!;
    total += mass[b]!;
  }
  return { lo, hi, mass, years, total };
}

/**
 * An age by an AgeDraw: a band by its mass (the draw scaled to the total, the masses taken off in
 * band order until it falls below 0), then uniform within the band's part of the range; one
 * uniform draw over the range where the total is 0.
 */
export function drawAge(g: AleaState, d: AgeDraw): number {
  const total = d.total;
  if (!(total > 0)) return d.lo + aleaStep(g) * (d.hi - d.lo);
  const mass = d.mass;
  let u = aleaStep(g) * total;
  let b = 0;
  for (; b < HEAD_AGE_BANDS - 1; b++) {
    u -= mass[b]!;
    if (u < 0) break;
  }
  const from = Math.max(d.lo, HEAD_AGE_FROM + b * HEAD_AGE_BAND_YEARS);
  return from + aleaStep(g) * d.years[b]!;
}

/** Years of head-age band b inside [lo, hi). */
function bandInside(b: number, lo: number, hi: number): number {
  const from = HEAD_AGE_FROM + b * HEAD_AGE_BAND_YEARS;
  return Math.max(0, Math.min(hi, from + HEAD_AGE_BAND_YEARS) - Math.max(lo, from));
}

/**
 * Most years between the head of an anchored family and its oldest child where the draw's 21-38
 * years leave no child under 18 (heads over 55.9): the last age of the birth table
 * (demography.ts `birthProb`: births to mothers of 15-50). Assumption.
 */
export const OLDEST_CHILD_GAP_MAX_YEARS = 50;

/**
 * Probabilities of a drawn family's second, third and fourth child (each a Bernoulli draw: 1 +
 * B(0.6) + B(0.3) + B(0.15), a mean of 2.05 before the room limit). Assumption, not fitted to a
 * source (with the room limit and the children who grow up, the baselines keep about 1.75 children
 * under 18 per family).
 */
export const EXTRA_CHILD_PROBS = [0.6, 0.3, 0.15] as const;
/** Mean number of children the draw gives a family before the room limit: 1 + the sum of EXTRA_CHILD_PROBS. */
export const DRAWN_CHILDREN_PER_FAMILY = 1 + EXTRA_CHILD_PROBS[0] + EXTRA_CHILD_PROBS[1] + EXTRA_CHILD_PROBS[2];

/**
 * The factor on EXTRA_CHILD_PROBS that gives a mean of `perFamily` children before the room limit
 * (population.childrenPerFamily), within what the three draws allow (0 to 1 / 0.6: a mean of 1 to
 * 2.75); 1 where none is given.
 *
 * @example childrenScale(1.525) // 0.5
 */
export function childrenScale(perFamily: number | undefined): number {
  if (perFamily === undefined) return 1;
  const s = (perFamily - 1) / (DRAWN_CHILDREN_PER_FAMILY - 1);
  return Math.min(1 / EXTRA_CHILD_PROBS[0], Math.max(0, s));
}

export interface DrawOptions {
  rooms: number;
  month: number;
  strongProb: number;
  vulnerableProb: number;
  /**
   * The household type to give it (e.g. a grown child forms a young single household), or -1
   * to draw it. Always given, so that every caller's options have one shape (the compiled
   * code expects one).
   */
  type: number;
}

/**
 * Fill slot `i` with a household drawn for a flat with `rooms` rooms. Sets everything but
 * the flat and the move-in months.
 */
export function drawHousehold(sc: Scenario, h: Households, i: number, prof: DrawProfile, o: DrawOptions, rng: StreamRng): void {
  // the generator's own step on its state, as `rng()` does: the same numbers, called directly
  // (drawn for a world's first households with one generator and for newcomers with another,
  // calls of `rng()` made V8 throw the compiled function away once in every thread)
  const g = rng.state;
  const r = Math.min(5, Math.max(1, o.rooms)) - 1;
  // resources first: resource-strong applicants have their own household types (typeCumStrong)
  const strong = aleaStep(g) < o.strongProb;
  const cum = strong ? prof.typeCumStrong : prof.typeCum;
  let type = o.type;
  if (type < 0) {
    const u = aleaStep(g);
    type = NTYPES - 1;
    for (let t = 0; t < NTYPES; t++)
      if (u < cum[r * NTYPES + t]!) {
        type = t;
        break;
      }
  }
  const m = o.month;
  const retire = sc.elevator.retirementAge;
  // ages
  let age1: number;
  let nKids = 0;
  let oldestKid = 0;
  // each type's range of ages, or (anchored residents) the ages the baseline keeps within it (the
  // profile's AgeDraws: ageDraws)
  if (type === HT.youngSingle) age1 = drawAge(g, prof.ageYoungSingle);
  else if (type === HT.seniorSingle) age1 = drawAge(g, prof.ageSeniorSingle);
  else if (type === HT.seniorCouple) age1 = drawAge(g, prof.ageSeniorCouple);
  else if (type === HT.single) age1 = drawAge(g, prof.ageSingle);
  else if (type === HT.couple) age1 = drawAge(g, prof.ageCouple);
  else {
    // (anchored residents: as many as the baseline keeps, childrenScale; the same draws, so 1 gives the table's)
    const s = prof.childrenScale;
    nKids =
      1 +
      (aleaStep(g) < EXTRA_CHILD_PROBS[0] * s ? 1 : 0) +
      (aleaStep(g) < EXTRA_CHILD_PROBS[1] * s ? 1 : 0) +
      (aleaStep(g) < EXTRA_CHILD_PROBS[2] * s ? 1 : 0);
    // no more than one person above the number of rooms at the start of a tenancy (assumption)
    nKids = Math.min(nKids, Math.max(1, o.rooms + 1 - (type === HT.coupleKids ? 2 : 1)), MAX_CHILDREN);
    if (prof.agesFamily === undefined) {
      oldestKid = aleaStep(g) * 17.9;
      age1 = Math.min(59, oldestKid + 21 + aleaStep(g) * 17);
    } else {
      // the head's age first, then the oldest child's as the draw above relates them (21-38 years
      // younger); a head too old to have a child under 18 that much younger (over 55.9) has one up
      // to OLDEST_CHILD_GAP_MAX_YEARS younger (before 0.2.12 the oldest was then 18 or more: a grown
      // child, and the family often none)
      age1 = drawAge(g, prof.ageFamily);
      const hi = Math.max(0, Math.min(17.9, age1 - 21));
      const lo = age1 - 38 <= hi ? Math.max(0, age1 - 38) : Math.max(0, Math.min(hi, age1 - OLDEST_CHILD_GAP_MAX_YEARS));
      oldestKid = lo + aleaStep(g) * (hi - lo);
    }
  }
  const two = type === HT.couple || type === HT.coupleKids || type === HT.seniorCouple;
  const age2 = Math.max(18, age1 + (aleaStep(g) - 0.5) * 6);
  set8(h, i, B.adults, two ? 2 : 1);
  set32(h, i, H.birth1, Math.round(m - age1 * 12));
  set32(h, i, H.birth2, two ? Math.round(m - age2 * 12) : 0);
  set8(h, i, B.female1, type === HT.singleParent ? (aleaStep(g) < 0.85 ? 1 : 0) : aleaStep(g) < 0.5 ? 1 : 0);
  // children
  set8(h, i, B.nChildren, nKids);
  const base = i * H.stride + H.child0;
  for (let k = 0; k < nKids; k++) {
    const a = k === 0 ? oldestKid : aleaStep(g) * oldestKid;
    h.i32[base + k] = Math.round(m - a * 12);
  }
  // grown children still at home: as many as the profile says (anchored residents at the start),
  // geometric with that mean and at least 18 years younger than the head, also where the flat is
  // then crowded (so are those the baseline sustains: children grow up in the flat); each has
  // lived 18 years plus an exponential time at the rate at which grown children leave
  // (demography.childLeaveAnnual), the stationary age of those at home
  const grownMean = nKids > 0 ? prof.grownPerFamily : prof.grownPerOther;
  if (grownMean > 0 && age1 >= GROWN_CHILD_HEAD_AGES[0] && age1 < GROWN_CHILD_HEAD_AGES[1]) {
    const more = grownMean / (1 + grownMean);
    const fits = MAX_CHILDREN - nKids;
    const leave = -Math.log(1 - Math.min(0.999, sc.demography.childLeaveAnnual));
    let grown = 0;
    while (grown < fits && aleaStep(g) < more) {
      const a = Math.min(age1 - 18, 18 - Math.log(1 - aleaStep(g)) / leave);
      h.i32[base + nKids + grown] = Math.round(m - a * 12);
      grown++;
    }
    set8(h, i, B.nChildren, nKids + grown);
  }
  // resources
  const basic = strong ? prof.basicStrong : prof.basicWeak;
  set8(h, i, B.status1, statusFor(g, age1, strong, true, retire, prof));
  set8(h, i, B.edu1, drawEdu(g, basic));
  set8(h, i, B.status2, two ? statusFor(g, age2, strong, false, retire, prof) : Status.outside);
  set8(h, i, B.edu2, two ? drawEdu(g, basic) : Edu.basic);
  if (strong && !inWorkOrEducation(get8(h, i, B.status1)) && !(two && inWorkOrEducation(get8(h, i, B.status2))) && age1 < 60)
    set8(h, i, B.status1, Status.employed);
  if (strong && two && age1 < 60 && age2 < 60 && prof.couplesBothActive >= 0) {
    // a resident couple: who of the two is active as the baseline sustains it (anchoring), not each on its own
    const u = aleaStep(g);
    const firstActive = u < prof.couplesBothActive || aleaStep(g) < prof.couplesFirstActive;
    const secondActive = u < prof.couplesBothActive || !firstActive;
    set8(h, i, B.status1, firstActive ? activeStatus(g, age1, true, prof) : Status.outside);
    set8(h, i, B.status2, secondActive ? activeStatus(g, age2, false, prof) : Status.outside);
  }
  refreshIncome(sc, h, i);
  // origin and ties
  const uo = aleaStep(g);
  set8(h, i, B.origin, uo < prof.nonWestern ? Origin.nonWestern : uo < prof.nonWestern + prof.western ? Origin.western : Origin.danish);
  set8(h, i, B.familyNearby, aleaStep(g) < prof.familyNearby ? 1 : 0);
  set8(h, i, B.vulnerable, aleaStep(g) < o.vulnerableProb ? 1 : 0);
  set8(h, i, B.wantsGarden, nKids > 0 && aleaStep(g) < prof.wantsGarden ? 1 : 0);
  set8(h, i, B.wantsOwn, strong && age1 < 60 && aleaStep(g) < prof.wantsOwn ? 1 : 0);
  set8(h, i, B.group, Math.floor(aleaStep(g) * 2));
}

/**
 * Lay out `n` flats for one estate (its `flats`, or fewer in a warm-up's small world): sections
 * side by side, buildings in rows, stairwells along each building, flats on each storey. Writes
 * into `f` from index `start`.
 */
export function layoutEstate(
  spec: EstateSpec,
  n: number,
  f: Flats,
  start: number,
  estateIndex: number,
  sectionOffset: number,
  buildingOffset: number,
  stairOffset: number,
  rng: Rng,
): { sections: number; buildings: number; stairwells: number } {
  const perStair = spec.floors * spec.flatsPerLanding;
  const perBuilding = perStair * spec.stairwellsPerBuilding;
  const nSections = Math.min(spec.sections, n);
  // rooms: exact counts from the mix (largest remainders), shuffled deterministically
  // (typed arrays and plain loops: the shares may be whole or fractional numbers, and arrays
  // holding both would take two shapes in compiled code)
  const mix = Float64Array.of(spec.rooms.r1, spec.rooms.r2, spec.rooms.r3, spec.rooms.r4, spec.rooms.r5);
  const counts = new Int32Array(5);
  let left = n;
  for (let k = 0; k < 5; k++) {
    counts[k] = Math.floor(mix[k]! * n);
    left -= counts[k]!;
  }
  const order = Array.from(mix, (s, k) => [s * n - Math.floor(s * n), k] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let j = 0; left > 0; j = (j + 1) % 5, left--) counts[order[j]![1]]!++;
  const roomsList = new Uint8Array(n);
  let p = 0;
  for (let r = 0; r < 5; r++) for (let c = 0; c < counts[r]!; c++) roomsList[p++] = r + 1;
  for (let k = n - 1; k > 0; k--) {
    const j = randInt(rng, k + 1);
    const t = roomsList[k]!;
    roomsList[k] = roomsList[j]!;
    roomsList[j] = t;
  }
  const buildingsPerRow = Math.max(1, Math.ceil(Math.sqrt(Math.ceil(n / perBuilding) / nSections)));
  const sectionWidth = buildingsPerRow * (spec.stairwellsPerBuilding * spec.flatsPerLanding + 1);
  const perSection = Math.ceil(n / nSections);
  const buildingsPerSection = Math.ceil(perSection / perBuilding);
  for (let k = 0; k < n; k++) {
    const i = start + k;
    const sec = Math.min(nSections - 1, Math.floor(k / perSection));
    const kk = k - sec * perSection;
    const bInSec = Math.floor(kk / perBuilding);
    const inB = kk % perBuilding;
    const stair = Math.floor(inB / perStair);
    const inStair = inB % perStair;
    const floor = Math.floor(inStair / spec.flatsPerLanding);
    const pos = inStair % spec.flatsPerLanding;
    f.estate[i] = estateIndex;
    f.section[i] = sectionOffset + sec;
    const building = sec * buildingsPerSection + bInSec;
    f.building[i] = buildingOffset + building;
    f.stairwell[i] = stairOffset + building * spec.stairwellsPerBuilding + stair;
    f.floor[i] = floor;
    f.rooms[i] = roomsList[k]!;
    // map: each section a block of buildings; a building is a row of flats on the ground plan
    const col = bInSec % buildingsPerRow;
    const row = Math.floor(bInSec / buildingsPerRow);
    f.x[i] = sec * sectionWidth + col * (spec.stairwellsPerBuilding * spec.flatsPerLanding + 1) + stair * spec.flatsPerLanding + pos;
    f.y[i] = row * (spec.floors + 1) + (spec.floors - 1 - floor);
    f.garden[i] = floor === 0 && rng() < spec.gardenShareOfGroundFloor ? 1 : 0;
    const ut = rng();
    f.tenure[i] = ut < spec.ownerShare ? Tenure.owner : ut < spec.ownerShare + spec.coopShare ? Tenure.coop : Tenure.social;
    f.rent[i] = spec.rentBase + spec.rentPerRoom * f.rooms[i]!;
  }
  const buildings = nSections * buildingsPerSection;
  return { sections: nSections, buildings, stairwells: buildings * spec.stairwellsPerBuilding };
}
