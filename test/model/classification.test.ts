import { describe, it, expect } from 'vitest';
import {
  type AreaYearCounts,
  type ClassificationParams,
  type Criteria,
  type RuleSet,
  COMPARISON_TOLERANCE,
  DEFAULT_THRESHOLDS,
  GHETTO_NON_WESTERN_SHARE,
  HARD_CONSECUTIVE_YEARS_2018,
  HARD_CONSECUTIVE_YEARS_2021,
  INITIAL_CLASSIFICATION_STATE,
  LIST_STATUSES,
  MIN_RESIDENTS,
  PREVENTION_BASIC_EDUCATION_SHARE,
  PREVENTION_CONVICTION_RATIO,
  PREVENTION_INCOME_RATIO,
  PREVENTION_MIN_CRITERIA,
  PREVENTION_NON_WESTERN_SHARE,
  PREVENTION_OUTSIDE_WORK_SHARE,
  UDSAT_BASIC_EDUCATION_SHARE,
  UDSAT_CONVICTION_RATIO,
  UDSAT_INCOME_RATIO,
  UDSAT_MIN_CRITERIA,
  UDSAT_OUTSIDE_WORK_SHARE,
  classify,
  classifySeries,
  classifyYear,
  computeCriteria,
  criteriaMet,
  hardConsecutiveYears,
  nextClassification,
  resolveThresholds,
} from '../../src/model/classification.js';

const REGIONAL = 100_000; // kr per year

/**
 * A neutral area of 2,000 residents meeting no criterion: 10% outside work, ratio 1 on
 * convictions, 10% basic education, income equal to the regional mean, 10% non-western.
 * Each group of interest has exactly 1,000 persons, so `x` persons = x/1000 share.
 */
function counts(over: Partial<AreaYearCounts> = {}): AreaYearCounts {
  return {
    residents: 2000,
    persons18to64: 1000,
    outsideWorkEdu18to64: 100,
    persons30to59: 1000,
    basicEduOnly30to59: 100,
    persons15to64ExclStudents: 1000,
    incomeSum15to64ExclStudents: 1000 * REGIONAL,
    expectedConvictionsRatio: 1,
    nonWestern: 200,
    ...over,
  };
}
/** incomeSum for a given mean income per person, with 1,000 persons. */
const income = (meanPerPerson: number) => ({ incomeSum15to64ExclStudents: 1000 * meanPerPerson });

/** A small area: each group of interest has 500 persons, so `x` persons = x/500 share. */
function small(residents: number, over: Partial<AreaYearCounts> = {}): AreaYearCounts {
  return counts({
    residents,
    persons18to64: 500,
    outsideWorkEdu18to64: 50,
    persons30to59: 500,
    basicEduOnly30to59: 50,
    persons15to64ExclStudents: 500,
    incomeSum15to64ExclStudents: 500 * REGIONAL,
    nonWestern: 100,
    ...over,
  });
}
const incomeSmall = (meanPerPerson: number) => ({ incomeSum15to64ExclStudents: 500 * meanPerPerson });

const params = (ruleSet: RuleSet, extra: Partial<ClassificationParams> = {}): ClassificationParams => ({
  ruleSet,
  regionalMeanIncome15to64: REGIONAL,
  ...extra,
});

/** Status of a single year with no previous year and a fresh state. */
function statusOf(ruleSet: RuleSet, over: Partial<AreaYearCounts>, extra: Partial<ClassificationParams> = {}) {
  return classifyYear(INITIAL_CLASSIFICATION_STATE, counts(over), null, params(ruleSet, extra));
}

const RULE_SETS: RuleSet[] = ['2018', '2021'];

describe('constants', () => {
  it('hold the values of the law', () => {
    expect(MIN_RESIDENTS).toBe(1000);
    expect(UDSAT_OUTSIDE_WORK_SHARE).toBe(0.4);
    expect(UDSAT_CONVICTION_RATIO).toBe(3);
    expect(UDSAT_BASIC_EDUCATION_SHARE).toBe(0.6);
    expect(UDSAT_INCOME_RATIO).toBe(0.55);
    expect(UDSAT_MIN_CRITERIA).toBe(2);
    expect(GHETTO_NON_WESTERN_SHARE).toBe(0.5);
    expect(HARD_CONSECUTIVE_YEARS_2018).toBe(4);
    expect(HARD_CONSECUTIVE_YEARS_2021).toBe(5);
    expect(PREVENTION_NON_WESTERN_SHARE).toBe(0.3);
    expect(PREVENTION_OUTSIDE_WORK_SHARE).toBe(0.3);
    expect(PREVENTION_CONVICTION_RATIO).toBe(2);
    expect(PREVENTION_BASIC_EDUCATION_SHARE).toBe(0.6);
    expect(PREVENTION_INCOME_RATIO).toBe(0.65);
    expect(PREVENTION_MIN_CRITERIA).toBe(2);
    expect(hardConsecutiveYears('2018')).toBe(4);
    expect(hardConsecutiveYears('2021')).toBe(5);
    expect(LIST_STATUSES).toEqual(['none', 'prevention', 'udsat', 'ghetto', 'hard']);
    expect(Object.isFrozen(DEFAULT_THRESHOLDS)).toBe(true);
  });
});

describe('computeCriteria', () => {
  it('computes every criterion of a single year', () => {
    const c = computeCriteria(
      counts({ outsideWorkEdu18to64: 250, basicEduOnly30to59: 300, ...income(45_000), expectedConvictionsRatio: 1.5, nonWestern: 900 }),
      null,
      REGIONAL,
    );
    expect(c).toEqual<Criteria>({
      outsideWorkShare18to64: 0.25,
      convictionRatio: 1.5,
      basicEducationShare30to59: 0.3,
      incomeRatio: 0.45,
      nonWesternShare: 0.45,
    });
  });

  it('averages criteria 1 and 2 over the current and previous year, and only those', () => {
    const prev = counts({ outsideWorkEdu18to64: 500, expectedConvictionsRatio: 4, basicEduOnly30to59: 900, ...income(10_000), nonWestern: 1800 });
    const cur = counts({ outsideWorkEdu18to64: 300, expectedConvictionsRatio: 2, basicEduOnly30to59: 200, ...income(80_000), nonWestern: 400 });
    const c = computeCriteria(cur, prev, REGIONAL);
    expect(c.outsideWorkShare18to64).toBeCloseTo(0.4, 12);
    expect(c.convictionRatio).toBe(3);
    // current-year only
    expect(c.basicEducationShare30to59).toBe(0.2);
    expect(c.incomeRatio).toBe(0.8);
    expect(c.nonWesternShare).toBe(0.2);
  });

  it('averages shares per year, not pooled counts', () => {
    const prev = counts({ persons18to64: 500, outsideWorkEdu18to64: 250 }); // 50%
    const cur = counts({ persons18to64: 1500, outsideWorkEdu18to64: 150 }); // 10%
    expect(computeCriteria(cur, prev, REGIONAL).outsideWorkShare18to64).toBeCloseTo(0.3, 12);
  });

  it('uses the current year alone when there is no previous year', () => {
    const c = computeCriteria(counts({ outsideWorkEdu18to64: 420, expectedConvictionsRatio: 3.25 }), null, REGIONAL);
    expect(c.outsideWorkShare18to64).toBe(0.42);
    expect(c.convictionRatio).toBe(3.25);
  });

  it('uses the available year when one year has an empty 18-64 group', () => {
    const empty = counts({ persons18to64: 0, outsideWorkEdu18to64: 0 });
    expect(computeCriteria(counts({ outsideWorkEdu18to64: 420 }), empty, REGIONAL).outsideWorkShare18to64).toBe(0.42);
    expect(computeCriteria(empty, counts({ outsideWorkEdu18to64: 420 }), REGIONAL).outsideWorkShare18to64).toBe(0.42);
  });

  it('returns NaN for empty groups, and NaN never meets a criterion', () => {
    const c = computeCriteria(
      counts({
        residents: 0,
        persons18to64: 0,
        outsideWorkEdu18to64: 0,
        persons30to59: 0,
        basicEduOnly30to59: 0,
        persons15to64ExclStudents: 0,
        incomeSum15to64ExclStudents: 0,
        nonWestern: 0,
      }),
      null,
      REGIONAL,
    );
    expect(Number.isNaN(c.outsideWorkShare18to64)).toBe(true);
    expect(Number.isNaN(c.basicEducationShare30to59)).toBe(true);
    expect(Number.isNaN(c.incomeRatio)).toBe(true);
    expect(Number.isNaN(c.nonWesternShare)).toBe(true);
    expect(c.convictionRatio).toBe(1);
    const e = criteriaMet(c, '2021');
    expect(e.udsatCount).toBe(0);
    expect(e.preventionCount).toBe(0);
    expect(e.flags.nonWesternPrevention).toBe(false);
  });

  it('rejects invalid counts and regional income', () => {
    expect(() => computeCriteria(counts({ outsideWorkEdu18to64: -1 }), null, REGIONAL)).toThrow(RangeError);
    expect(() => computeCriteria(counts({ outsideWorkEdu18to64: 1001 }), null, REGIONAL)).toThrow(/exceeds/);
    expect(() => computeCriteria(counts({ nonWestern: 2001 }), null, REGIONAL)).toThrow(/exceeds/);
    expect(() => computeCriteria(counts({ expectedConvictionsRatio: Number.NaN }), null, REGIONAL)).toThrow(RangeError);
    expect(() => computeCriteria(counts(), counts({ basicEduOnly30to59: 1001 }), REGIONAL)).toThrow(/previous/);
    expect(() => computeCriteria(counts(), null, 0)).toThrow(/regionalMeanIncome/);
  });

  it('computes criteria even for areas below the resident minimum', () => {
    const r = classifyYear(
      INITIAL_CLASSIFICATION_STATE,
      small(999, { nonWestern: 600, outsideWorkEdu18to64: 250, basicEduOnly30to59: 350 }),
      null,
      params('2018'),
    );
    expect(r.classified).toBe(false);
    expect(r.status).toBe('none');
    expect(r.criteria.outsideWorkShare18to64).toBe(0.5);
    expect(r.criteria.basicEducationShare30to59).toBe(0.7);
    expect(r.criteria.nonWesternShare).toBeCloseTo(600 / 999, 12);
    expect(r.evaluation.udsatCount).toBe(2);
    expect(r.evaluation.flags.isGhetto).toBe(true);
  });
});

describe.each(RULE_SETS)('udsat thresholds (rule set %s)', (ruleSet) => {
  // Each case: one other criterion met (basic education 70%, or outside work 50% when testing
  // education), so the area is udsat exactly when the tested criterion is met.
  const other = { basicEduOnly30to59: 700 };

  it('criterion 1: outside work/education more than 40% (strict)', () => {
    expect(statusOf(ruleSet, { ...other, outsideWorkEdu18to64: 401 }).status).toBe('udsat');
    expect(statusOf(ruleSet, { ...other, outsideWorkEdu18to64: 400 }).status).not.toBe('udsat');
    expect(statusOf(ruleSet, { ...other, outsideWorkEdu18to64: 399 }).status).not.toBe('udsat');
    expect(statusOf(ruleSet, { outsideWorkEdu18to64: 401 }).evaluation.flags.udsat.outsideWork).toBe(true);
    expect(statusOf(ruleSet, { outsideWorkEdu18to64: 400 }).evaluation.flags.udsat.outsideWork).toBe(false);
  });

  it('criterion 2: convictions at least 3x national (non-strict)', () => {
    expect(statusOf(ruleSet, { ...other, expectedConvictionsRatio: 3.01 }).status).toBe('udsat');
    expect(statusOf(ruleSet, { ...other, expectedConvictionsRatio: 3 }).status).toBe('udsat');
    expect(statusOf(ruleSet, { ...other, expectedConvictionsRatio: 2.99 }).status).toBe('none');
    expect(statusOf(ruleSet, { expectedConvictionsRatio: 3 }).evaluation.flags.udsat.convictions).toBe(true);
    expect(statusOf(ruleSet, { expectedConvictionsRatio: 2.99 }).evaluation.flags.udsat.convictions).toBe(false);
  });

  it('criterion 3: basic education only more than 60% (strict)', () => {
    const o = { outsideWorkEdu18to64: 500 };
    expect(statusOf(ruleSet, { ...o, basicEduOnly30to59: 601 }).status).toBe('udsat');
    expect(statusOf(ruleSet, { ...o, basicEduOnly30to59: 600 }).status).not.toBe('udsat');
    expect(statusOf(ruleSet, { ...o, basicEduOnly30to59: 599 }).status).not.toBe('udsat');
    expect(statusOf(ruleSet, { basicEduOnly30to59: 601 }).evaluation.flags.udsat.basicEducation).toBe(true);
    expect(statusOf(ruleSet, { basicEduOnly30to59: 600 }).evaluation.flags.udsat.basicEducation).toBe(false);
  });

  it('criterion 4: income below 55% of regional (strict)', () => {
    expect(statusOf(ruleSet, { ...other, ...income(54_999) }).status).toBe('udsat');
    expect(statusOf(ruleSet, { ...other, ...income(55_000) }).status).not.toBe('udsat');
    expect(statusOf(ruleSet, { ...other, ...income(55_001) }).status).not.toBe('udsat');
    expect(statusOf(ruleSet, income(54_999)).evaluation.flags.udsat.income).toBe(true);
    expect(statusOf(ruleSet, income(55_000)).evaluation.flags.udsat.income).toBe(false);
  });

  it('needs at least 2 of the 4 criteria', () => {
    const one = statusOf(ruleSet, { basicEduOnly30to59: 700 });
    expect(one.evaluation.udsatCount).toBe(1);
    expect(one.status).toBe('none');
    const two = statusOf(ruleSet, { basicEduOnly30to59: 700, ...income(50_000) });
    expect(two.evaluation.udsatCount).toBe(2);
    expect(two.status).toBe('udsat');
    const four = statusOf(ruleSet, { basicEduOnly30to59: 700, ...income(50_000), outsideWorkEdu18to64: 450, expectedConvictionsRatio: 3 });
    expect(four.evaluation.udsatCount).toBe(4);
    expect(four.evaluation.flags.udsat).toEqual({ outsideWork: true, convictions: true, basicEducation: true, income: true });
    expect(four.status).toBe('udsat');
  });

  it('ghetto / parallelsamfund: udsat and non-western more than 50% (strict)', () => {
    const udsat = { basicEduOnly30to59: 700, ...income(50_000) };
    expect(statusOf(ruleSet, { ...udsat, nonWestern: 1001 }).status).toBe('ghetto');
    expect(statusOf(ruleSet, { ...udsat, nonWestern: 1000 }).status).toBe('udsat');
    expect(statusOf(ruleSet, { ...udsat, nonWestern: 999 }).status).toBe('udsat');
    // non-western share alone does not make a ghetto
    const notUdsat = statusOf(ruleSet, { basicEduOnly30to59: 700, nonWestern: 1800 });
    expect(notUdsat.evaluation.flags.nonWesternGhetto).toBe(true);
    expect(notUdsat.evaluation.flags.isGhetto).toBe(false);
    expect(notUdsat.status).not.toBe('ghetto');
  });
});

describe('two-year averaging decides criteria 1 and 2', () => {
  const p = params('2018');
  const other = { basicEduOnly30to59: 700 };

  it('outside work: a high current year is pulled below the threshold by a low previous year', () => {
    const prev = counts({ outsideWorkEdu18to64: 300 });
    const cur = counts({ ...other, outsideWorkEdu18to64: 480 }); // alone: 48% > 40%
    expect(classifyYear(INITIAL_CLASSIFICATION_STATE, cur, null, p).status).toBe('udsat');
    const r = classifyYear(INITIAL_CLASSIFICATION_STATE, cur, prev, p);
    expect(r.criteria.outsideWorkShare18to64).toBeCloseTo(0.39, 12);
    expect(r.status).toBe('none');
  });

  it('outside work: a low current year is lifted above the threshold by a high previous year', () => {
    const prev = counts({ outsideWorkEdu18to64: 500 });
    const cur = counts({ ...other, outsideWorkEdu18to64: 320 });
    const r = classifyYear(INITIAL_CLASSIFICATION_STATE, cur, prev, p);
    expect(r.criteria.outsideWorkShare18to64).toBeCloseTo(0.41, 12);
    expect(r.status).toBe('udsat');
  });

  it('an average landing exactly on 40% is not "more than"', () => {
    const prev = counts({ outsideWorkEdu18to64: 410 });
    const cur = counts({ ...other, outsideWorkEdu18to64: 390 });
    const r = classifyYear(INITIAL_CLASSIFICATION_STATE, cur, prev, p);
    expect(Math.abs(r.criteria.outsideWorkShare18to64 - 0.4)).toBeLessThan(COMPARISON_TOLERANCE);
    expect(r.evaluation.flags.udsat.outsideWork).toBe(false);
    expect(r.status).toBe('none');
  });

  it('convictions: averages of 2.5 and 3.5 are exactly 3 and meet "at least 3x"', () => {
    const r = classifyYear(INITIAL_CLASSIFICATION_STATE, counts({ ...other, expectedConvictionsRatio: 3.5 }), counts({ expectedConvictionsRatio: 2.5 }), p);
    expect(r.criteria.convictionRatio).toBe(3);
    expect(r.evaluation.flags.udsat.convictions).toBe(true);
    expect(r.status).toBe('udsat');
  });

  it('convictions: a 3.9 year after a 2.0 year averages 2.95 and does not meet it', () => {
    const r = classifyYear(INITIAL_CLASSIFICATION_STATE, counts({ ...other, expectedConvictionsRatio: 3.9 }), counts({ expectedConvictionsRatio: 2 }), p);
    expect(r.criteria.convictionRatio).toBeCloseTo(2.95, 12);
    expect(r.status).toBe('none');
  });

  it('classifySeries averages each year with the one before it', () => {
    const years = [
      counts({ ...other, outsideWorkEdu18to64: 500 }),
      counts({ ...other, outsideWorkEdu18to64: 300 }),
      counts({ ...other, outsideWorkEdu18to64: 300 }),
    ];
    const s = classifySeries(years, p);
    expect(s.map((y) => y.criteria.outsideWorkShare18to64)).toEqual([0.5, 0.4, 0.3]);
    expect(s.map((y) => y.status)).toEqual(['udsat', 'none', 'none']);
  });
});

describe('consecutive-years rule (hard ghetto / omdannelsesområde)', () => {
  const ghettoYear = counts({ basicEduOnly30to59: 700, ...income(50_000), nonWestern: 1200 });
  const udsatYear = counts({ basicEduOnly30to59: 700, ...income(50_000), nonWestern: 800 });

  it('2018: hard in the 4th consecutive ghetto year', () => {
    const s = classifySeries(Array(6).fill(ghettoYear), params('2018'));
    expect(s.map((y) => y.status)).toEqual(['ghetto', 'ghetto', 'ghetto', 'hard', 'hard', 'hard']);
    expect(s.map((y) => y.consecutiveGhettoYears)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('2021: omdannelsesområde in the 5th consecutive parallelsamfund year', () => {
    const s = classifySeries(Array(6).fill(ghettoYear), params('2021'));
    expect(s.map((y) => y.status)).toEqual(['ghetto', 'ghetto', 'ghetto', 'ghetto', 'hard', 'hard']);
    expect(s.map((y) => y.consecutiveGhettoYears)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it.each(RULE_SETS)('%s: a non-ghetto year resets the count', (ruleSet) => {
    const years = [ghettoYear, ghettoYear, ghettoYear, udsatYear, ghettoYear, ghettoYear, ghettoYear, ghettoYear, ghettoYear];
    const s = classifySeries(years, params(ruleSet));
    expect(s.map((y) => y.consecutiveGhettoYears)).toEqual([1, 2, 3, 0, 1, 2, 3, 4, 5]);
    expect(s[3]!.status).toBe('udsat');
    const hardFrom = ruleSet === '2018' ? 7 : 8; // index of the 4th / 5th year after the reset
    expect(s.map((y) => y.status)).toEqual(s.map((_, i) => (i === 3 ? 'udsat' : i >= hardFrom ? 'hard' : 'ghetto')));
  });

  it('a hard area drops to udsat (and resets) when the non-western share falls to 50%', () => {
    const s = classifySeries([ghettoYear, ghettoYear, ghettoYear, ghettoYear, udsatYear, ghettoYear], params('2018'));
    expect(s.map((y) => y.status)).toEqual(['ghetto', 'ghetto', 'ghetto', 'hard', 'udsat', 'ghetto']);
  });

  it('nextClassification steps one year at a time from a given state', () => {
    const c = computeCriteria(ghettoYear, ghettoYear, REGIONAL);
    const p21 = params('2021');
    const y4 = nextClassification({ consecutiveGhettoYears: 3 }, c, ghettoYear.residents, p21);
    expect(y4.status).toBe('ghetto');
    expect(y4.consecutiveGhettoYears).toBe(4);
    const y5 = nextClassification(y4, c, ghettoYear.residents, p21);
    expect(y5.status).toBe('hard');
    expect(y5.consecutiveGhettoYears).toBe(5);
    expect(y5.classified).toBe(true);
    expect(y5.evaluation.flags.isGhetto).toBe(true);
    const y4of2018 = nextClassification({ consecutiveGhettoYears: 3 }, c, ghettoYear.residents, params('2018'));
    expect(y4of2018.status).toBe('hard');
    const notGhetto = nextClassification(y5, computeCriteria(udsatYear, udsatYear, REGIONAL), udsatYear.residents, p21);
    expect(notGhetto.consecutiveGhettoYears).toBe(0);
    expect(notGhetto.status).toBe('udsat');
    expect(() => nextClassification({ consecutiveGhettoYears: -1 }, c, 2000, p21)).toThrow(RangeError);
  });

  it('classify returns the last year and honours an initial state', () => {
    expect(classify([ghettoYear], params('2018'), { consecutiveGhettoYears: 3 })).toEqual({ status: 'hard', consecutiveGhettoYears: 4 });
    expect(classify([ghettoYear, ghettoYear], params('2021'))).toEqual({ status: 'ghetto', consecutiveGhettoYears: 2 });
    expect(classify([], params('2021'), { consecutiveGhettoYears: 2 })).toEqual({ status: 'none', consecutiveGhettoYears: 2 });
  });

  it('classifySeries takes a regional income per year', () => {
    const y = counts({ basicEduOnly30to59: 700, ...income(60_000) });
    const s = classifySeries([y, y], params('2018'), INITIAL_CLASSIFICATION_STATE, [100_000, 120_000]);
    expect(s[0]!.criteria.incomeRatio).toBe(0.6);
    expect(s[1]!.criteria.incomeRatio).toBe(0.5);
    expect(s.map((r) => r.status)).toEqual(['none', 'udsat']);
    expect(() => classifySeries([y, y], params('2018'), INITIAL_CLASSIFICATION_STATE, [1])).toThrow(RangeError);
  });
});

describe.each(RULE_SETS)('1,000-resident minimum (rule set %s)', (ruleSet) => {
  const ghetto = { basicEduOnly30to59: 700, ...income(50_000) };
  const ghettoSmall = { basicEduOnly30to59: 350, ...incomeSmall(50_000), nonWestern: 600 };
  const one = (c: AreaYearCounts) => classifyYear(INITIAL_CLASSIFICATION_STATE, c, null, params(ruleSet));

  it('999 residents: not classified; 1,000 residents: classified', () => {
    const below = one(small(999, ghettoSmall));
    expect(below.classified).toBe(false);
    expect(below.status).toBe('none');
    expect(below.consecutiveGhettoYears).toBe(0);
    expect(below.evaluation.flags.isGhetto).toBe(true);
    const atMin = one(small(1000, ghettoSmall));
    expect(atMin.classified).toBe(true);
    expect(atMin.status).toBe('ghetto');
    expect(atMin.consecutiveGhettoYears).toBe(1);
  });

  it('a year below the minimum breaks the consecutive run', () => {
    const big = counts({ ...ghetto, nonWestern: 1200 });
    const s = classifySeries([big, big, small(990, ghettoSmall), big], params(ruleSet));
    expect(s.map((y) => y.status)).toEqual(['ghetto', 'ghetto', 'none', 'ghetto']);
    expect(s.map((y) => y.consecutiveGhettoYears)).toEqual([1, 2, 0, 1]);
  });

  it('minResidents can be changed', () => {
    const r = statusOf(ruleSet, { ...ghetto, nonWestern: 1200 }, { minResidents: 2001 });
    expect(r.classified).toBe(false);
    expect(r.status).toBe('none');
    expect(statusOf(ruleSet, { ...ghetto, nonWestern: 1200 }, { minResidents: 2000 }).status).toBe('ghetto');
  });
});

describe('prevention areas (forebyggelsesområde, 2021 only)', () => {
  // 35% non-western and income at 60% of regional (prevention criterion 4 met, udsat criterion 4 not).
  const base = { nonWestern: 700, ...income(60_000) };
  const prev21 = (over: Partial<AreaYearCounts>) => statusOf('2021', { ...base, ...over });

  it('2021: non-western > 30% and 2 prevention criteria makes a prevention area', () => {
    const r = prev21({ outsideWorkEdu18to64: 350 });
    expect(r.evaluation.preventionCount).toBe(2);
    expect(r.evaluation.udsatCount).toBe(0);
    expect(r.evaluation.flags.isPrevention).toBe(true);
    expect(r.status).toBe('prevention');
    expect(r.consecutiveGhettoYears).toBe(0);
  });

  it('2018: the same area is not a prevention area', () => {
    const r = statusOf('2018', { ...base, outsideWorkEdu18to64: 350 });
    expect(r.evaluation.preventionCount).toBe(2);
    expect(r.evaluation.flags.isPrevention).toBe(false);
    expect(r.status).toBe('none');
  });

  it('one prevention criterion is not enough', () => {
    const r = prev21({});
    expect(r.evaluation.preventionCount).toBe(1);
    expect(r.status).toBe('none');
  });

  it('non-western share more than 30% (strict)', () => {
    const o = { outsideWorkEdu18to64: 350 };
    expect(prev21({ ...o, nonWestern: 601 }).status).toBe('prevention');
    expect(prev21({ ...o, nonWestern: 600 }).status).toBe('none');
    expect(prev21({ ...o, nonWestern: 599 }).status).toBe('none');
  });

  it('criterion 1: outside work/education more than 30% (strict)', () => {
    expect(prev21({ outsideWorkEdu18to64: 301 }).status).toBe('prevention');
    expect(prev21({ outsideWorkEdu18to64: 300 }).status).toBe('none');
    expect(prev21({ outsideWorkEdu18to64: 299 }).status).toBe('none');
  });

  it('criterion 2: convictions at least 2x national (non-strict)', () => {
    expect(prev21({ expectedConvictionsRatio: 2.01 }).status).toBe('prevention');
    expect(prev21({ expectedConvictionsRatio: 2 }).status).toBe('prevention');
    expect(prev21({ expectedConvictionsRatio: 1.99 }).status).toBe('none');
  });

  it('criterion 3: basic education only more than 60% (strict)', () => {
    expect(prev21({ basicEduOnly30to59: 601 }).status).toBe('prevention');
    expect(prev21({ basicEduOnly30to59: 600 }).status).toBe('none');
    expect(prev21({ basicEduOnly30to59: 599 }).status).toBe('none');
  });

  it('criterion 4: income below 65% of regional (strict)', () => {
    const o = { outsideWorkEdu18to64: 350 }; // criterion 1 met; vary income alone
    expect(prev21({ ...o, ...income(64_999) }).status).toBe('prevention');
    expect(prev21({ ...o, ...income(65_000) }).status).toBe('none');
    expect(prev21({ ...o, ...income(65_001) }).status).toBe('none');
  });

  it('prevention criteria 1 and 2 use the two-year average', () => {
    const p = params('2021');
    const cur = counts({ ...base, outsideWorkEdu18to64: 320 });
    expect(classifyYear(INITIAL_CLASSIFICATION_STATE, cur, null, p).status).toBe('prevention');
    const r = classifyYear(INITIAL_CLASSIFICATION_STATE, cur, counts({ outsideWorkEdu18to64: 260 }), p);
    expect(r.criteria.outsideWorkShare18to64).toBeCloseTo(0.29, 12);
    expect(r.status).toBe('none');
  });

  it('never when the area is udsat (udsat outranks prevention)', () => {
    const r = prev21({ outsideWorkEdu18to64: 450, basicEduOnly30to59: 700 });
    expect(r.evaluation.udsatCount).toBe(2);
    expect(r.evaluation.preventionCount).toBe(3);
    expect(r.evaluation.flags.nonWesternPrevention).toBe(true);
    expect(r.evaluation.flags.isPrevention).toBe(false);
    expect(r.status).toBe('udsat');
  });

  it('not below the resident minimum', () => {
    const r = classifyYear(
      INITIAL_CLASSIFICATION_STATE,
      small(999, { ...incomeSmall(60_000), nonWestern: 400, outsideWorkEdu18to64: 175 }),
      null,
      params('2021'),
    );
    expect(r.evaluation.preventionCount).toBe(2);
    expect(r.evaluation.flags.isPrevention).toBe(true);
    expect(r.classified).toBe(false);
    expect(r.status).toBe('none');
  });
});

describe('threshold overrides', () => {
  it('resolveThresholds merges overrides with the defaults and rejects non-finite values', () => {
    const t = resolveThresholds({ udsatOutsideWorkShare: 0.35 });
    expect(t.udsatOutsideWorkShare).toBe(0.35);
    expect(t.udsatIncomeRatio).toBe(0.55);
    expect(resolveThresholds()).toEqual(DEFAULT_THRESHOLDS);
    expect(() => resolveThresholds({ udsatIncomeRatio: Number.NaN })).toThrow(RangeError);
  });

  it('params.thresholds change the classification', () => {
    const over = { basicEduOnly30to59: 700, outsideWorkEdu18to64: 380 };
    expect(statusOf('2018', over).status).toBe('none');
    expect(statusOf('2018', over, { thresholds: { udsatOutsideWorkShare: 0.35 } }).status).toBe('udsat');
    const ghetto = counts({ basicEduOnly30to59: 700, ...income(50_000), nonWestern: 1200 });
    const s = classifySeries([ghetto, ghetto], params('2021', { thresholds: { hardConsecutiveYears2021: 2 } }));
    expect(s.map((y) => y.status)).toEqual(['ghetto', 'hard']);
  });

  it('floating point noise within COMPARISON_TOLERANCE counts as exactly at the threshold', () => {
    const base: Criteria = { outsideWorkShare18to64: 0.1, convictionRatio: 1, basicEducationShare30to59: 0.1, incomeRatio: 1, nonWesternShare: 0.1 };
    const f = (over: Partial<Criteria>) => criteriaMet({ ...base, ...over }, '2021').flags.udsat;
    expect(f({ outsideWorkShare18to64: 0.4 + 1e-12 }).outsideWork).toBe(false);
    expect(f({ outsideWorkShare18to64: 0.4 + 1e-6 }).outsideWork).toBe(true);
    expect(f({ convictionRatio: 3 - 1e-12 }).convictions).toBe(true);
    expect(f({ convictionRatio: 3 - 1e-6 }).convictions).toBe(false);
    expect(f({ basicEducationShare30to59: 0.6 + 1e-12 }).basicEducation).toBe(false);
    expect(f({ incomeRatio: 0.55 - 1e-12 }).income).toBe(false);
    expect(f({ incomeRatio: 0.55 - 1e-6 }).income).toBe(true);
    const g = criteriaMet({ ...base, nonWesternShare: 0.5 + 1e-12 }, '2021').flags;
    expect(g.nonWesternGhetto).toBe(false);
  });

  it('criteriaMet uses the thresholds it is given', () => {
    const c: Criteria = { outsideWorkShare18to64: 0.38, convictionRatio: 1, basicEducationShare30to59: 0.7, incomeRatio: 1, nonWesternShare: 0.1 };
    expect(criteriaMet(c, '2018').udsatCount).toBe(1);
    expect(criteriaMet(c, '2018', { ...DEFAULT_THRESHOLDS, udsatOutsideWorkShare: 0.35 }).udsatCount).toBe(2);
  });
});
