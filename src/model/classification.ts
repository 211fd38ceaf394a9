/**
 * Official Danish area classification ("ghettolisten" / "parallelsamfundslisten").
 *
 * Pure, I/O-free and deterministic: plain data in, plain data out. Each simulated year the
 * engine aggregates the residents of an area into {@link AreaYearCounts}, turns them into the
 * list {@link Criteria} with {@link computeCriteria} (averaging criteria 1 and 2 over two
 * years), and advances the per-area state with {@link nextClassification}.
 *
 * Rules: almenboligloven § 61 a (law L 38 of 2018, criteria and names renamed in 2021) and
 * § 61 b (forebyggelsesområder, from 2021). See docs/sources.md, "Official area
 * classifications". The law's wording decides strictness: "overstiger" / "more than" is a
 * strict inequality, "mindst" / "at least" is non-strict, "mindre end" / "below" is strict.
 *
 * Units: every share is a fraction in [0, 1] (0.40 = 40%); the conviction ratio is a
 * multiple of the national average (1 = national); the income ratio is a fraction of the
 * regional mean (0.55 = 55%).
 */

/** Which version of the law classifies: the 2018 ghetto package or the 2021 renaming with prevention areas. */
export type RuleSet = '2018' | '2021';

/**
 * List status of an area in one year.
 * - 'none': not on any list (also every area below the resident minimum);
 * - 'prevention': forebyggelsesområde (§ 61 b, 2021 rule set only);
 * - 'udsat': udsat boligområde (disadvantaged area);
 * - 'ghetto': ghettoområde (2018) / parallelsamfund (2021);
 * - 'hard': hårdt ghettoområde (2018) / omdannelsesområde (2021).
 */
export type ListStatus = 'none' | 'prevention' | 'udsat' | 'ghetto' | 'hard';

/** All statuses, from least to most severe. */
export const LIST_STATUSES: readonly ListStatus[] = ['none', 'prevention', 'udsat', 'ghetto', 'hard'];

/** Aggregated resident counts for one area in one year (numbers of persons unless noted). */
export interface AreaYearCounts {
  /** All residents. */
  residents: number;
  /** Residents aged 18-64. */
  persons18to64: number;
  /** Of those aged 18-64, those outside work or education. */
  outsideWorkEdu18to64: number;
  /** Residents aged 30-59. */
  persons30to59: number;
  /** Of those aged 30-59, those with only basic education (grundskole). */
  basicEduOnly30to59: number;
  /** Residents aged 15-64, students excluded. */
  persons15to64ExclStudents: number;
  /** Summed gross income of those 15-64 excl. students, kr per year. */
  incomeSum15to64ExclStudents: number;
  /** Conviction rate relative to the national average (1 = national), computed by the engine. */
  expectedConvictionsRatio: number;
  /** Immigrants and descendants from non-western countries. */
  nonWestern: number;
}

/**
 * The list criteria of one area-year. A value whose denominator is empty in every year used
 * is `NaN`, and a `NaN` value never meets its criterion.
 */
export interface Criteria {
  /** Share of 18-64 outside work or education, fraction, mean of the current and previous year. */
  outsideWorkShare18to64: number;
  /** Conviction rate as a multiple of the national average, mean of the current and previous year. */
  convictionRatio: number;
  /** Share of 30-59 with only basic education, fraction, current year. */
  basicEducationShare30to59: number;
  /** Mean gross income of 15-64 excl. students / regional mean of the same group, fraction, current year. */
  incomeRatio: number;
  /** Share of all residents who are non-western immigrants or descendants, fraction, current year. */
  nonWesternShare: number;
}

// ---------------------------------------------------------------------------------------------
// Thresholds (defaults from the law)
// ---------------------------------------------------------------------------------------------

/**
 * Minimum residents, persons: a "boligområde" has at least 1,000 residents; smaller areas are
 * not classified. Source: almenboligloven § 61 a stk. 1 and § 61 b (L 38 of 2018).
 */
export const MIN_RESIDENTS = 1000;

/**
 * Udsat criterion 1, fraction: MORE THAN 40% of residents aged 18-64 outside work or education
 * (average of 2 years). Strict. Source: almenboligloven § 61 a stk. 1 nr. 1 (L 38 of 2018).
 */
export const UDSAT_OUTSIDE_WORK_SHARE = 0.4;

/**
 * Udsat criterion 2, multiple of the national average: convictions (penal code, weapons or
 * drugs laws) AT LEAST 3 times the national average (average of 2 years). Non-strict.
 * Source: almenboligloven § 61 a stk. 1 nr. 2 (L 38 of 2018).
 */
export const UDSAT_CONVICTION_RATIO = 3;

/**
 * Udsat criterion 3, fraction: MORE THAN 60% of residents aged 30-59 with only basic
 * education. Strict. Source: almenboligloven § 61 a stk. 1 nr. 3 (L 38 of 2018).
 */
export const UDSAT_BASIC_EDUCATION_SHARE = 0.6;

/**
 * Udsat criterion 4, fraction of the regional mean: mean gross income of residents aged 15-64
 * (students excluded) BELOW 55% of the regional mean of the same group. Strict.
 * Source: almenboligloven § 61 a stk. 1 nr. 4 (L 38 of 2018).
 */
export const UDSAT_INCOME_RATIO = 0.55;

/**
 * Number of the 4 udsat criteria that must be met, count: AT LEAST 2. Non-strict.
 * Source: almenboligloven § 61 a stk. 1 (L 38 of 2018).
 */
export const UDSAT_MIN_CRITERIA = 2;

/**
 * Ghetto / parallelsamfund, fraction of all residents: an udsat area where MORE THAN 50% are
 * immigrants and descendants from non-western countries. Strict.
 * Source: almenboligloven § 61 a stk. 2 (L 38 of 2018; "parallelsamfund" from 2021).
 */
export const GHETTO_NON_WESTERN_SHARE = 0.5;

/**
 * Hard ghetto, consecutive years (2018 rule): a ghettoområde in each of the last 4 years,
 * the current year included. Source: almenboligloven § 61 a stk. 3 (L 38 of 2018).
 */
export const HARD_CONSECUTIVE_YEARS_2018 = 4;

/**
 * Omdannelsesområde, consecutive years (2021 rule): a parallelsamfund in each of the last 5
 * years, the current year included. Source: almenboligloven § 61 a stk. 4 (as amended 2021).
 */
export const HARD_CONSECUTIVE_YEARS_2021 = 5;

/**
 * Prevention area, fraction of all residents: MORE THAN 30% non-western immigrants and
 * descendants. Strict. Source: almenboligloven § 61 b (2021).
 */
export const PREVENTION_NON_WESTERN_SHARE = 0.3;

/**
 * Prevention criterion 1, fraction: MORE THAN 30% of residents aged 18-64 outside work or
 * education (average of 2 years). Strict. Source: almenboligloven § 61 b nr. 1 (2021).
 */
export const PREVENTION_OUTSIDE_WORK_SHARE = 0.3;

/**
 * Prevention criterion 2, multiple of the national average: convictions AT LEAST 2 times the
 * national average (average of 2 years). Non-strict. Source: almenboligloven § 61 b nr. 2 (2021).
 */
export const PREVENTION_CONVICTION_RATIO = 2;

/**
 * Prevention criterion 3, fraction: MORE THAN 60% of residents aged 30-59 with only basic
 * education. Strict. Source: almenboligloven § 61 b nr. 3 (2021).
 */
export const PREVENTION_BASIC_EDUCATION_SHARE = 0.6;

/**
 * Prevention criterion 4, fraction of the regional mean: mean gross income of residents aged
 * 15-64 (students excluded) BELOW 65% of the regional mean. Strict.
 * Source: almenboligloven § 61 b nr. 4 (2021).
 */
export const PREVENTION_INCOME_RATIO = 0.65;

/**
 * Number of the 4 prevention criteria that must be met, count: AT LEAST 2. Non-strict.
 * Source: almenboligloven § 61 b (2021).
 */
export const PREVENTION_MIN_CRITERIA = 2;

/**
 * Comparison tolerance, dimensionless (relative to max(1, |threshold|)): a criterion value
 * within this distance of its threshold counts as exactly AT the threshold, so that floating
 * point noise from two-year averaging (e.g. (0.41 + 0.39) / 2) cannot flip a strict
 * inequality. Far below the 0.1 percentage-point precision of the published statistics.
 * Modelling choice, not from the law.
 */
export const COMPARISON_TOLERANCE = 1e-9;

/** Every threshold of the classification, in the units of the constants above. */
export interface ClassificationThresholds {
  udsatOutsideWorkShare: number;
  udsatConvictionRatio: number;
  udsatBasicEducationShare: number;
  udsatIncomeRatio: number;
  udsatMinCriteria: number;
  ghettoNonWesternShare: number;
  hardConsecutiveYears2018: number;
  hardConsecutiveYears2021: number;
  preventionNonWesternShare: number;
  preventionOutsideWorkShare: number;
  preventionConvictionRatio: number;
  preventionBasicEducationShare: number;
  preventionIncomeRatio: number;
  preventionMinCriteria: number;
}

/** The thresholds of the law (both rule sets share all but the hard-ghetto year count). */
export const DEFAULT_THRESHOLDS: Readonly<ClassificationThresholds> = Object.freeze({
  udsatOutsideWorkShare: UDSAT_OUTSIDE_WORK_SHARE,
  udsatConvictionRatio: UDSAT_CONVICTION_RATIO,
  udsatBasicEducationShare: UDSAT_BASIC_EDUCATION_SHARE,
  udsatIncomeRatio: UDSAT_INCOME_RATIO,
  udsatMinCriteria: UDSAT_MIN_CRITERIA,
  ghettoNonWesternShare: GHETTO_NON_WESTERN_SHARE,
  hardConsecutiveYears2018: HARD_CONSECUTIVE_YEARS_2018,
  hardConsecutiveYears2021: HARD_CONSECUTIVE_YEARS_2021,
  preventionNonWesternShare: PREVENTION_NON_WESTERN_SHARE,
  preventionOutsideWorkShare: PREVENTION_OUTSIDE_WORK_SHARE,
  preventionConvictionRatio: PREVENTION_CONVICTION_RATIO,
  preventionBasicEducationShare: PREVENTION_BASIC_EDUCATION_SHARE,
  preventionIncomeRatio: PREVENTION_INCOME_RATIO,
  preventionMinCriteria: PREVENTION_MIN_CRITERIA,
});

/** Scenario-level classification settings. */
export interface ClassificationParams {
  /** Rule set to classify by. */
  ruleSet: RuleSet;
  /** Regional mean gross income of residents aged 15-64 excl. students, kr per year. */
  regionalMeanIncome15to64: number;
  /** Minimum residents for an area to be classified, persons; default {@link MIN_RESIDENTS}. */
  minResidents?: number;
  /** Overrides of single thresholds; the rest default to {@link DEFAULT_THRESHOLDS}. */
  thresholds?: Partial<ClassificationThresholds>;
}

/** Merges threshold overrides with the defaults. */
export function resolveThresholds(overrides?: Partial<ClassificationThresholds>): ClassificationThresholds {
  const t: ClassificationThresholds = { ...DEFAULT_THRESHOLDS };
  if (overrides) {
    for (const key of Object.keys(DEFAULT_THRESHOLDS) as (keyof ClassificationThresholds)[]) {
      const v = overrides[key];
      if (v !== undefined) {
        if (!Number.isFinite(v)) throw new RangeError(`classification threshold ${key} must be finite, got ${v}`);
        t[key] = v;
      }
    }
  }
  return t;
}

/** Consecutive years as ghetto/parallelsamfund needed for 'hard' under a rule set. */
export function hardConsecutiveYears(ruleSet: RuleSet, thresholds: ClassificationThresholds = DEFAULT_THRESHOLDS): number {
  return ruleSet === '2018' ? thresholds.hardConsecutiveYears2018 : thresholds.hardConsecutiveYears2021;
}

// ---------------------------------------------------------------------------------------------
// Criteria
// ---------------------------------------------------------------------------------------------

function checkCounts(c: AreaYearCounts, label: string): void {
  const nonNegative: (keyof AreaYearCounts)[] = [
    'residents',
    'persons18to64',
    'outsideWorkEdu18to64',
    'persons30to59',
    'basicEduOnly30to59',
    'persons15to64ExclStudents',
    'incomeSum15to64ExclStudents',
    'expectedConvictionsRatio',
    'nonWestern',
  ];
  for (const k of nonNegative) {
    const v = c[k];
    if (!Number.isFinite(v) || v < 0) throw new RangeError(`${label}.${k} must be a finite number >= 0, got ${v}`);
  }
  const parts: [keyof AreaYearCounts, keyof AreaYearCounts][] = [
    ['outsideWorkEdu18to64', 'persons18to64'],
    ['basicEduOnly30to59', 'persons30to59'],
    ['nonWestern', 'residents'],
    ['persons18to64', 'residents'],
    ['persons30to59', 'residents'],
    ['persons15to64ExclStudents', 'residents'],
  ];
  for (const [part, whole] of parts) {
    if (c[part] > c[whole]) throw new RangeError(`${label}.${part} (${c[part]}) exceeds ${label}.${whole} (${c[whole]})`);
  }
}

/** numerator / denominator, or NaN when the denominator is 0. */
function ratio(numerator: number, denominator: number): number {
  return denominator > 0 ? numerator / denominator : Number.NaN;
}

/** Mean of the finite values; NaN if none. */
function meanOfAvailable(a: number, b: number | null): number {
  const aOk = Number.isFinite(a);
  const bOk = b !== null && Number.isFinite(b);
  if (aOk && bOk) return (a + (b as number)) / 2;
  if (aOk) return a;
  if (bOk) return b as number;
  return Number.NaN;
}

/**
 * Computes the five list criteria of one area-year.
 *
 * Criteria 1 (outside work/education 18-64) and 2 (convictions) are the arithmetic mean of the
 * current and the previous year's values, as § 61 a stk. 1 nr. 1-2 prescribe ("opgjort som
 * gennemsnit over de seneste 2 år"). With no previous year (or a previous year whose 18-64
 * group is empty) the current year is used alone. The other criteria use the current year.
 * Criteria are computed whatever the area's size.
 *
 * @param current this year's counts
 * @param previous last year's counts, or null in the first simulated year
 * @param regionalMeanIncome regional mean gross income of 15-64 excl. students, kr per year (> 0)
 * @throws RangeError on negative or non-finite counts, or a subgroup larger than its group
 */
export function computeCriteria(current: AreaYearCounts, previous: AreaYearCounts | null, regionalMeanIncome: number): Criteria {
  checkCounts(current, 'current');
  if (previous) checkCounts(previous, 'previous');
  if (!Number.isFinite(regionalMeanIncome) || regionalMeanIncome <= 0) {
    throw new RangeError(`regionalMeanIncome must be a finite number > 0, got ${regionalMeanIncome}`);
  }
  const outsideNow = ratio(current.outsideWorkEdu18to64, current.persons18to64);
  const outsidePrev = previous ? ratio(previous.outsideWorkEdu18to64, previous.persons18to64) : null;
  const meanIncome = ratio(current.incomeSum15to64ExclStudents, current.persons15to64ExclStudents);
  return {
    outsideWorkShare18to64: meanOfAvailable(outsideNow, outsidePrev),
    convictionRatio: meanOfAvailable(current.expectedConvictionsRatio, previous ? previous.expectedConvictionsRatio : null),
    basicEducationShare30to59: ratio(current.basicEduOnly30to59, current.persons30to59),
    incomeRatio: meanIncome / regionalMeanIncome,
    nonWesternShare: ratio(current.nonWestern, current.residents),
  };
}

// Comparisons in the law's words, with COMPARISON_TOLERANCE. NaN never passes.
function tol(threshold: number): number {
  return COMPARISON_TOLERANCE * Math.max(1, Math.abs(threshold));
}
/** "more than" / "overstiger": strict. */
function moreThan(value: number, threshold: number): boolean {
  return value > threshold + tol(threshold);
}
/** "at least" / "mindst": non-strict. */
function atLeast(value: number, threshold: number): boolean {
  return value >= threshold - tol(threshold);
}
/** "below" / "mindre end": strict. */
function below(value: number, threshold: number): boolean {
  return value < threshold - tol(threshold);
}

/** Which of the four socio-economic criteria are met at one threshold level. */
export interface FourCriteriaFlags {
  /** Criterion 1: outside work/education share above its threshold. */
  outsideWork: boolean;
  /** Criterion 2: conviction ratio at least its threshold. */
  convictions: boolean;
  /** Criterion 3: basic-education share above its threshold. */
  basicEducation: boolean;
  /** Criterion 4: income ratio below its threshold. */
  income: boolean;
}

/** Every criterion flag of one area-year (independent of the resident minimum). */
export interface CriteriaFlags {
  /** The four udsat criteria (§ 61 a stk. 1). */
  udsat: FourCriteriaFlags;
  /** At least {@link UDSAT_MIN_CRITERIA} udsat criteria met. */
  isUdsat: boolean;
  /** Non-western share more than {@link GHETTO_NON_WESTERN_SHARE}. */
  nonWesternGhetto: boolean;
  /** Udsat and nonWesternGhetto: ghettoområde / parallelsamfund (before the size test). */
  isGhetto: boolean;
  /** The four prevention criteria (§ 61 b), evaluated under both rule sets for reporting. */
  prevention: FourCriteriaFlags;
  /** Non-western share more than {@link PREVENTION_NON_WESTERN_SHARE}. */
  nonWesternPrevention: boolean;
  /** Prevention area: 2021 rule set only, not udsat, nonWesternPrevention, enough prevention criteria. */
  isPrevention: boolean;
}

/** Result of {@link criteriaMet}. */
export interface CriteriaEvaluation {
  /** Number of udsat criteria met, 0-4. */
  udsatCount: number;
  /** Number of prevention criteria met, 0-4 (computed under both rule sets). */
  preventionCount: number;
  flags: CriteriaFlags;
}

function countTrue(f: FourCriteriaFlags): number {
  return (f.outsideWork ? 1 : 0) + (f.convictions ? 1 : 0) + (f.basicEducation ? 1 : 0) + (f.income ? 1 : 0);
}

/**
 * Evaluates the criteria against the thresholds of a rule set. Does not apply the resident
 * minimum or the consecutive-years rule (see {@link nextClassification}).
 */
export function criteriaMet(c: Criteria, ruleSet: RuleSet, thresholds: ClassificationThresholds = DEFAULT_THRESHOLDS): CriteriaEvaluation {
  const t = thresholds;
  const udsat: FourCriteriaFlags = {
    outsideWork: moreThan(c.outsideWorkShare18to64, t.udsatOutsideWorkShare),
    convictions: atLeast(c.convictionRatio, t.udsatConvictionRatio),
    basicEducation: moreThan(c.basicEducationShare30to59, t.udsatBasicEducationShare),
    income: below(c.incomeRatio, t.udsatIncomeRatio),
  };
  const prevention: FourCriteriaFlags = {
    outsideWork: moreThan(c.outsideWorkShare18to64, t.preventionOutsideWorkShare),
    convictions: atLeast(c.convictionRatio, t.preventionConvictionRatio),
    basicEducation: moreThan(c.basicEducationShare30to59, t.preventionBasicEducationShare),
    income: below(c.incomeRatio, t.preventionIncomeRatio),
  };
  const udsatCount = countTrue(udsat);
  const preventionCount = countTrue(prevention);
  const isUdsat = udsatCount >= t.udsatMinCriteria;
  const nonWesternGhetto = moreThan(c.nonWesternShare, t.ghettoNonWesternShare);
  const nonWesternPrevention = moreThan(c.nonWesternShare, t.preventionNonWesternShare);
  const isPrevention = ruleSet === '2021' && !isUdsat && nonWesternPrevention && preventionCount >= t.preventionMinCriteria;
  return {
    udsatCount,
    preventionCount,
    flags: { udsat, isUdsat, nonWesternGhetto, isGhetto: isUdsat && nonWesternGhetto, prevention, nonWesternPrevention, isPrevention },
  };
}

// ---------------------------------------------------------------------------------------------
// Status and the consecutive-years rule
// ---------------------------------------------------------------------------------------------

/** Per-area state carried from year to year. */
export interface ClassificationState {
  /** Consecutive years, up to and including the last classified year, as ghetto/parallelsamfund. */
  consecutiveGhettoYears: number;
}

/** State of an area never classified before. */
export const INITIAL_CLASSIFICATION_STATE: Readonly<ClassificationState> = Object.freeze({ consecutiveGhettoYears: 0 });

/** Result of one classification year. */
export interface YearClassification extends ClassificationState {
  status: ListStatus;
  /** False when the area had fewer than the minimum residents (status is then 'none'). */
  classified: boolean;
  criteria: Criteria;
  evaluation: CriteriaEvaluation;
}

/**
 * Advances one area by one year: evaluates the criteria, applies the resident minimum and
 * the consecutive-years rule, and returns the status and the new state.
 *
 * A year counts towards the consecutive run when the area is a ghetto/parallelsamfund that
 * year (classified, udsat, non-western share > 50%); any other year resets the run to 0.
 * Status 'hard' when the run reaches 4 (2018) or 5 (2021) years, the current year included.
 */
export function nextClassification(prevState: ClassificationState, criteria: Criteria, residents: number, params: ClassificationParams): YearClassification {
  if (!Number.isInteger(prevState.consecutiveGhettoYears) || prevState.consecutiveGhettoYears < 0) {
    throw new RangeError(`consecutiveGhettoYears must be an integer >= 0, got ${prevState.consecutiveGhettoYears}`);
  }
  const thresholds = resolveThresholds(params.thresholds);
  const minResidents = params.minResidents ?? MIN_RESIDENTS;
  const evaluation = criteriaMet(criteria, params.ruleSet, thresholds);
  const classified = residents >= minResidents;
  const f = evaluation.flags;
  const ghettoThisYear = classified && f.isGhetto;
  const consecutiveGhettoYears = ghettoThisYear ? prevState.consecutiveGhettoYears + 1 : 0;
  let status: ListStatus = 'none';
  if (classified) {
    if (ghettoThisYear) {
      status = consecutiveGhettoYears >= hardConsecutiveYears(params.ruleSet, thresholds) ? 'hard' : 'ghetto';
    } else if (f.isUdsat) {
      status = 'udsat';
    } else if (f.isPrevention) {
      status = 'prevention';
    }
  }
  return { status, consecutiveGhettoYears, classified, criteria, evaluation };
}

/**
 * Classifies one area-year from counts: {@link computeCriteria} then {@link nextClassification}.
 * Uses `params.regionalMeanIncome15to64`.
 */
export function classifyYear(
  prevState: ClassificationState,
  current: AreaYearCounts,
  previous: AreaYearCounts | null,
  params: ClassificationParams,
): YearClassification {
  const criteria = computeCriteria(current, previous, params.regionalMeanIncome15to64);
  return nextClassification(prevState, criteria, current.residents, params);
}

/**
 * Classifies a run of consecutive years of one area (oldest first), starting from `initial`.
 * `regionalMeanIncomeByYear`, if given, overrides `params.regionalMeanIncome15to64` per year
 * and must have one entry per year.
 */
export function classifySeries(
  years: readonly AreaYearCounts[],
  params: ClassificationParams,
  initial: ClassificationState = INITIAL_CLASSIFICATION_STATE,
  regionalMeanIncomeByYear?: readonly number[],
): YearClassification[] {
  if (regionalMeanIncomeByYear && regionalMeanIncomeByYear.length !== years.length) {
    throw new RangeError(`regionalMeanIncomeByYear has ${regionalMeanIncomeByYear.length} entries for ${years.length} years`);
  }
  const out: YearClassification[] = [];
  let state: ClassificationState = initial;
  for (let i = 0; i < years.length; i++) {
    const income = regionalMeanIncomeByYear ? regionalMeanIncomeByYear[i]! : params.regionalMeanIncome15to64;
    const criteria = computeCriteria(years[i]!, i > 0 ? years[i - 1]! : null, income);
    const r = nextClassification(state, criteria, years[i]!.residents, params);
    out.push(r);
    state = r;
  }
  return out;
}

/** Status of the last year of a series ('none' for an empty series); see {@link classifySeries}. */
export function classify(
  years: readonly AreaYearCounts[],
  params: ClassificationParams,
  initial: ClassificationState = INITIAL_CLASSIFICATION_STATE,
): { status: ListStatus; consecutiveGhettoYears: number } {
  const series = classifySeries(years, params, initial);
  const last = series[series.length - 1];
  return last
    ? { status: last.status, consecutiveGhettoYears: last.consecutiveGhettoYears }
    : { status: 'none', consecutiveGhettoYears: initial.consecutiveGhettoYears };
}
