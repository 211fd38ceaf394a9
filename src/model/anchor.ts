/**
 * Anchoring: the estate as the user gives it is the stationary state of the baseline. For each
 * estate with `anchor: true`, four things that describe who comes to it are solved at load:
 *  - its draw on resource-strong applicants: `attractiveness` (log-odds, beyond its image),
 *    and, only where that alone cannot hold the estate (beyond ±ANCHOR_ATTRACTIVENESS_LIMIT),
 *    its residents' labour-market `attachment` (a multiplier on their rates into work and
 *    education: an estate whose residents' own job finding lifts it above its share even
 *    with no resource-strong applicants, or the reverse);
 *  - the share of families among applicants who are not resource-strong (`familyShare`) and
 *    among those who are (`strongFamilyShare`); as this one nears and passes
 *    ANCHOR_STRONG_FAMILY_LIMIT, where the user does not say how many of the initial
 *    resource-strong households are families (`population.strongFamilyShare`), that share of
 *    the start is lowered too (the others' family share keeps all families at
 *    `population.familyShare`): where no applicant mix sustains as many resource-strong
 *    families as the start has, the start is made consistent with what it sustains
 *    (splitFamilyCoordinate);
 *  - the share of senior households (head 60+) among applicants (`seniorShare`).
 * And, where the user does not give them, who of a resource-strong couple is in work or
 * education at the start (`population.strongCouplesBothActive`, `strongCouplesFirstActive`):
 * not by the search but as a fixed point, each trial starting from what the previous one ended
 * with (the end of a trial is the baseline's own mix, and the share of adults outside work
 * then starts where the baseline holds it; with the draw's own assumptions, a first adult
 * always in work and a second in 72% of couples, it rose 5 points in 8 years in the default).
 * So, alike, the rest of the start that the draw assumes and the baseline does not keep: the
 * students among the active adults, the children per family, the grown children still at home, the
 * early retired and the households recently lifted into work, the adults' education by their
 * household's status, and the heads' ages
 * (population.strongStudentShareUnder27, ...27to59, childrenPerFamily, grownChildrenPerFamily,
 * grownChildrenPerOther, earlyRetiredShare, liftedShare, basicEducationStartStrong,
 * basicEducationStartWeak, headAgesSingle, headAgesCouple, headAgesFamily; docs/ODD.md, "The rest
 * of the start"): each made
 * a transient that the search, holding year 15, cancelled with a slower one (an own estate rose
 * 2.6 points in its first year; started younger than the baseline keeps it, estates aged and their
 * retired adults rose a quarter by year 50). ANCHOR_START_ITERATIONS short trials settle them
 * before the search; each also takes a mean-field step on the four unknowns (the search's first
 * Jacobian, below), so that the search starts near its solution (measured: 4 trials on average
 * over twelve estates, against 7 when the short trials left the unknowns at the first guess).
 * They are solved so that in the baseline without levers four shares end ANCHOR_YEARS where
 * they start: resource-strong adults 22-59 among adults 22-59, families with children that are
 * not resource-strong among households, resource-strong families among households, and
 * retired adults per household.
 *
 * The method: the estate alone (a region's estates together, where households move between them:
 * AnchorGroup), without levers, is simulated for ANCHOR_YEARS on
 * ANCHOR_SEEDS fixed seeds (common random numbers: every trial sees the same draws); the
 * drift of each share (mean of the last ANCHOR_END_MONTHS against month 0) is driven to zero
 * by Newton steps on a Jacobian that starts from the mean field (each unknown acts mainly on its
 * own share; the attractiveness also on the families) and learns the cross-effects from the
 * steps taken (Broyden's update); a step that made the drifts worse is not taken. Each drift is
 * measured from the expected start (more draws of month 0 than the trial's seeds,
 * ANCHOR_START_DRAWS_PER_SEED), and a smaller estate gets more seeds (anchorSeeds). The first
 * slopes come from the mean field (docs/ODD.md, "Anchoring"): in a two-state chain
 * where one kind of household leaves at f times the rate of the other, the stationary share is
 * p = a / (a + (1 - a) f), so its log-odds move one for one with those of the in-movers, of
 * which a run sees the part that has relaxed within its years. The first guess gives the
 * applicants the estate's own log-odds of being resource-strong.
 *
 * Deterministic: the result depends only on the scenario (not on its seed or replications),
 * so every run of a scenario, and every scenario of a comparison with the same estate and
 * parameters, gets the same anchor.
 */
import type { EstateSpec, Scenario } from '../scenario/schema.js';
import { logistic, logit } from './logodds.js';
import { grownChildren } from './mechanisms/demography.js';
import {
  DRAWN_CHILDREN_PER_FAMILY,
  FIRST_STUDENT_OLDER,
  FIRST_STUDENT_YOUNG,
  GROWN_CHILD_HEAD_AGES,
  HEAD_AGE_BANDS,
  HEAD_AGE_BAND_YEARS,
  HEAD_AGE_FROM,
  SECOND_ACTIVE,
  SENIOR_RETIRED,
} from './population.js';
import { METRIC_INDEX, NMETRIC } from './reporters.js';
import { F, NFLOW } from './flows.js';
import { hash32 } from './rng.js';
import { type Offload, type ReplicationResult, type Steps, drain, replicationSteps } from './simulate.js';
import { B, Edu, H, Status, inWorkOrEducation, isFamilyWithChildren, isResourceStrongHousehold } from './state.js';
import type { World } from './world.js';

/** Years each anchoring trial simulates (the drift is measured over them). Assumption: the horizon of a typical run (15 years). */
export const ANCHOR_YEARS = 15;
/**
 * Months at the end of a trial whose mean is compared with month 0 (smooths the month-to-month
 * noise). Assumption: one year, so that the drift held is the drift at the end of the run, not
 * its mean over the last years (with 36 months a share still moving at the end drifted past
 * its bound by year 15).
 */
export const ANCHOR_END_MONTHS = 12;
/**
 * Seeds (replications) per trial of an estate of ANCHOR_SEEDS_FLATS flats or more: more cut the
 * noise of the solved values, at a proportional cost. Assumption, sized by the retired adults, the
 * noisiest share (a replication's count moves by about 20 persons over 15 years in 1,000
 * households): with 16 (until 0.2.13) the four presets' retired adults drifted +0.7% to +9.0% in
 * runs of 40 replications and the default's 10 read +13%, with 24 +0.3% to +2.7%, at about 1.4
 * times the time (docs/ODD.md, "Anchoring").
 */
export const ANCHOR_SEEDS = 24;
/**
 * A smaller estate gets proportionally more seeds (up to ANCHOR_MAX_SEEDS), so that a trial
 * simulates about as many households as one of this size, and its drifts are about as noisy
 * (measured: an own estate of 400 flats at 25% had standard errors of 0.7 points of the
 * resource-strong share and 2-4% of the family counts on 16 seeds, and its best trial was the
 * luckiest, not the best). Assumption (the scale of the estates the anchoring was tested on).
 */
export const ANCHOR_SEEDS_FLATS = 1000;
/** Most seeds per trial, for the smallest estates. Assumption. */
export const ANCHOR_MAX_SEEDS = 64;
/**
 * Initial draws per seed that measure the start each drift is taken from (the trial's own seeds
 * among them; the others draw month 0 only, about a millisecond for 1,000 flats). The estate as
 * given is the scenario's expected start, not the mean of the trial's few seeds: on 16 seeds the
 * default's retired adults per household started at 0.231, on a run's 10 at 0.219, and the run
 * then drifted 11% to the end the search held (0.238-0.244). Assumption (halves that noise).
 */
export const ANCHOR_START_DRAWS_PER_SEED = 4;

/** Seeds of each trial of an estate of `flats` flats (ANCHOR_SEEDS, ANCHOR_SEEDS_FLATS, ANCHOR_MAX_SEEDS). */
export const anchorSeeds = (flats: number): number =>
  Math.min(ANCHOR_MAX_SEEDS, Math.max(ANCHOR_SEEDS, Math.round((ANCHOR_SEEDS * ANCHOR_SEEDS_FLATS) / Math.max(1, flats))));
/**
 * Seeds of the short trial that measures the resource-strong couples' end before the search
 * (module comment): about a thousand couples in a 1,000-flat estate, a standard error of about
 * 0.015 on each share. Assumption.
 */
export const ANCHOR_COUPLES_SEEDS = 4;
/**
 * Short trials before the search, each starting from what the one before ended with: the start's
 * fixed points (the couples, the students, the heads' ages, ...) then move little during the
 * search, whose best trial would otherwise be one that started from a start the later ones no
 * longer have (measured: egedalsvaenge-like's best trial, the search's second, started with 0.186
 * retired adults per household, every later one with 0.173-0.176, and the search did not converge
 * in 10 trials; the heads' ages take more than one trial of 15 years to settle). Assumption.
 */
export const ANCHOR_START_ITERATIONS = 3;
/** Most trials per estate. */
export const ANCHOR_MAX_TRIALS = 10;
/**
 * How far each share may drift over ANCHOR_YEARS, the scale the search compares drifts on (issue
 * 23's bounds): 3 points of the resource-strong share, 10% of the families of each kind and of the
 * retired adults.
 */
export const ANCHOR_BOUNDS = { resourceStrongShare: 0.03, familiesRelative: 0.1 } as const;
/** A trial whose drifts are all below this part of their bounds ends the search. */
export const ANCHOR_TOLERANCE = 0.15;
/**
 * A drift within this many standard errors of zero (over the ANCHOR_SEEDS seeds) also counts as
 * held: the search cannot tell it from the noise of its seeds, and its further steps would chase
 * that noise (measured: after its second or third trial the default estate's drifts moved by
 * about one standard error from trial to trial, 0.5-0.8 points of the resource-strong share and
 * 0.3-0.5 of each family share). Assumption (about a 95% test).
 */
export const ANCHOR_NOISE_Z = 2;
/** Most flats of a trial: a larger estate is anchored on a copy scaled down to this size, its shares kept. */
export const ANCHOR_MAX_FLATS = 4000;
/** The attractiveness the search uses before it turns to the residents' attachment (log-odds: a factor of 20 in the odds). Assumption. */
export const ANCHOR_ATTRACTIVENESS_LIMIT = 3;
/** Whether a solved attractiveness is at its limit, ±ANCHOR_ATTRACTIVENESS_LIMIT (the report and the console say so). */
export const atAttractivenessLimit = (attractiveness: number): boolean => Math.abs(attractiveness) >= ANCHOR_ATTRACTIVENESS_LIMIT - 1e-9;
/** Beyond the attractiveness limit, each unit of the search's coordinate multiplies the attachment by exp(this). Assumption (scale only). */
const ATTACHMENT_PER_UNIT = 0.5;
/** Largest change of any unknown in one step of the search (log-odds); halved after each step that made the drifts worse. Assumption. */
export const ANCHOR_MAX_STEP = 3;
/** Mean-field part of the in-movers who come from the external waiting list (the rest: municipal allocation, internal moves). Assumption, only the first slope. */
export const ANCHOR_EXTERNAL_PART = 0.6;
/** Mean-field part of a change in the stationary share that a run of ANCHOR_YEARS shows (about 1 - exp(-turnover x years)). Assumption, only the first slope. */
export const ANCHOR_RELAXED = 0.7;

export interface Anchor {
  /** The estate (as named in the scenario). */
  estate: string;
  attractiveness: number;
  attachment: number;
  applicantFamilyShare: number;
  applicantStrongFamilyShare: number;
  applicantSeniorShare: number;
  /** The family share of the initial resource-strong households (`population.strongFamilyShare`: as given, or solved with the applicants'). */
  residentStrongFamilyShare: number;
  /** `population.strongCouplesBothActive` and `strongCouplesFirstActive`: as given, or as the baseline sustains them (module comment). */
  residentCouplesBothActive: number;
  residentCouplesFirstActive: number;
  /**
   * The start's fixed points (START_FIELDS, by `population` field: the couples above among them):
   * as given, or as the baseline sustains them (module comment). Head ages left out where there
   * were none to measure.
   */
  residentStart: StartMix;
  /** The shares held, at month 0 of the solved values' trial (mean over the anchoring seeds). */
  start: Shares;
  /** Drift over ANCHOR_YEARS at the first guess (the first trial's, a short one where the start is solved) and with the solved values (share points / 100). */
  driftBefore: Shares;
  driftAfter: Shares;
  trials: number;
  /**
   * The scenario's other estates (by name), simulated with this one in every trial where the
   * scenario has more than one (AnchorGroup): the drifts are this estate's in the region, and
   * the estates anchored there were solved together. Absent where the estate was solved alone.
   */
  together?: string[];
  /** True when every drift of the solved values is held (within ANCHOR_TOLERANCE of its bound, ANCHOR_BOUNDS, or within the seeds' noise, ANCHOR_NOISE_Z); false if the search stopped at its limits. */
  converged: boolean;
  /** Wall-clock time of the search (informational only: nothing depends on it). */
  ms: number;
  /** True when this run read the anchor back from a store kept on disk (output/anchor-store.ts) instead of solving it. */
  stored?: boolean;
  /** True when it was read from the anchors shipped with nabolag for its own scenarios (`scenarios/anchors.json`, output/anchor-store.ts). */
  bundled?: boolean;
}

export interface Shares {
  /** Resource-strong adults 22-59 among adults 22-59. */
  resourceStrongShare: number;
  /** Families with children that are not resource-strong, among households. */
  otherFamilies: number;
  /** Resource-strong families with children, among households. */
  resourceStrongFamilies: number;
  /** Retired adults per household. */
  retired: number;
}

const clampShare = (p: number): number => Math.min(0.98, Math.max(0.02, p));
const clamp = (x: number, lim: number): number => Math.min(lim, Math.max(-lim, x));

const RS = METRIC_INDEX.resourceStrongShare!;
const RS_ADULTS = METRIC_INDEX.resourceStrongAdults22to59!;
const ADULTS = METRIC_INDEX.adults22to59!;
const FAM = METRIC_INDEX.familiesWithChildren!;
const RSFAM = METRIC_INDEX.resourceStrongFamilies!;
const HH = METRIC_INDEX.households!;
const RET = METRIC_INDEX.retiredAdults!;
/** Number of unknowns and of shares held. */
const N = 4;

/** Whether the start's family share of resource-strong households is solved with the applicants' (not given by the user). */
const tiedStart = (spec: EstateSpec): boolean => spec.population.strongFamilyShare === undefined;

/**
 * The resource-strong applicants' family share beyond which the search lowers the start's
 * resource-strong families too (where the user does not give them). Assumption: above the
 * 0.89-0.90 that the search with 3 unknowns solved where the applicants held the resource-strong
 * families (the default estate, an own estate at 40%), so the start is lowered mostly where they
 * cannot; at 0.9 the average preset's short stays of leaving resource-strong families (P1) fell
 * to 39%, below the pattern.
 */
export const ANCHOR_STRONG_FAMILY_LIMIT = 0.95;

/**
 * The search's third coordinate z as the resource-strong applicants' family share, logistic(z),
 * and, where the start's is solved (`tied`), the start's (`population.strongFamilyShare`;
 * `familyShare` is the population's family share): about `familyShare` while logistic(z) is well
 * below ANCHOR_STRONG_FAMILY_LIMIT, one log-odds lower for each unit of z beyond it (softplus).
 * Both raise the drift of the resource-strong families (end minus start).
 *
 * @example splitFamilyCoordinate(0, 0.36, true) // { applicants: 0.5, start: 0.3483 (to 4 places) }
 */
export function splitFamilyCoordinate(z: number, familyShare: number, tied: boolean): { applicants: number; start: number | undefined } {
  if (!tied) return { applicants: logistic(z), start: undefined };
  // softplus: about 0 well below the limit, about z - L well above it, smooth between (the search's Jacobian has no kink to trip on)
  const beyond = Math.log1p(Math.exp(z - logit(ANCHOR_STRONG_FAMILY_LIMIT)));
  return { applicants: logistic(z), start: logistic(logit(clampShare(familyShare)) - beyond) };
}

/** The search's first coordinate as attractiveness and attachment: attractiveness up to its limit, attachment beyond. */
export function splitCoordinate(z: number): { attractiveness: number; attachment: number } {
  const L = ANCHOR_ATTRACTIVENESS_LIMIT;
  if (Math.abs(z) <= L) return { attractiveness: z, attachment: 1 };
  // beyond the limit: a less attractive estate (z < -L) whose residents find work less often, or the reverse
  return { attractiveness: Math.sign(z) * L, attachment: Math.min(20, Math.max(0.05, Math.exp(ATTACHMENT_PER_UNIT * (Math.abs(z) - L) * Math.sign(z)))) };
}

/**
 * The parts of the start that the anchoring sets as fixed points where the user leaves them out
 * (module comment): who of a resource-strong couple is in work or education, the students among
 * the active adults, the grown children at home, the early retired, the recently lifted, the
 * education of the adults of resource-strong and of other households, and the heads' ages; each a
 * field of `population`.
 */
export const START_FIELDS = [
  'strongCouplesBothActive',
  'strongCouplesFirstActive',
  'strongStudentShareUnder27',
  'strongStudentShare27to59',
  'childrenPerFamily',
  'grownChildrenPerFamily',
  'grownChildrenPerOther',
  'earlyRetiredShare',
  'liftedShare',
  'basicEducationStartStrong',
  'basicEducationStartWeak',
  'headAgesSingle',
  'headAgesCouple',
  'headAgesFamily',
] as const;
type StartField = (typeof START_FIELDS)[number];
/** The start's fixed points, by the `population` field each sets (head ages undefined: each type's range). */
export type StartMix = { [K in StartField]: EstateSpec['population'][K] };

/**
 * The first guess where the user gives none: what the draw gives on its own (population.ts
 * `statusFor`: the first adult always active, the second in 72% of couples; `activeStatus`: half
 * of the first adults under 27 a student, 6% of those older; half of those of 60-64 not in work
 * retired; no grown child at home, no one lifted; each type's ages uniform over its range).
 */
const DRAWN_START: StartMix = {
  strongCouplesBothActive: SECOND_ACTIVE,
  strongCouplesFirstActive: 1,
  strongStudentShareUnder27: FIRST_STUDENT_YOUNG,
  strongStudentShare27to59: FIRST_STUDENT_OLDER,
  childrenPerFamily: DRAWN_CHILDREN_PER_FAMILY,
  grownChildrenPerFamily: 0,
  grownChildrenPerOther: 0,
  earlyRetiredShare: SENIOR_RETIRED,
  liftedShare: 0,
  basicEducationStartStrong: undefined,
  basicEducationStartWeak: undefined,
  headAgesSingle: undefined,
  headAgesCouple: undefined,
  headAgesFamily: undefined,
};

/**
 * The parts of the start settled by the short trials before the search only, then held: the
 * adults' education changes only as households are replaced, so it moves little in a trial once
 * settled, and moving it during the search too left it chasing its own start (measured: an own
 * estate of 600 flats at 40% was not held in 10 trials, its retired adults +10% in 15 years on 40
 * replications, where it was held with the education settled first).
 */
const SETTLED_BEFORE_SEARCH: readonly StartField[] = ['basicEducationStartStrong', 'basicEducationStartWeak'];

/**
 * The start of the next trial, field by field: as the user gives it, else what the last trial ended
 * with (`measured`), else as before (`cur`); during the search (`searching`) the fields of
 * SETTLED_BEFORE_SEARCH stay as they are.
 */
function nextStart(spec: EstateSpec, measured: Partial<StartMix>, cur: StartMix, searching = false): StartMix {
  const next = { ...cur };
  for (const k of START_FIELDS) {
    if (searching && SETTLED_BEFORE_SEARCH.includes(k)) continue;
    (next as Record<StartField, unknown>)[k] = spec.population[k] ?? measured[k] ?? cur[k];
  }
  return next;
}

/** The start as the user gives it, the draw's own where not (the first trial's). */
const givenStart = (spec: EstateSpec): StartMix => nextStart(spec, {}, DRAWN_START);

/** Whether the user leaves any part of the start (START_FIELDS) to the anchoring. */
const startSolved = (spec: EstateSpec): boolean => START_FIELDS.some((k) => spec.population[k] === undefined);

/**
 * The estates one search solves (`targets`, each with its index in `sc.estates`) and how their
 * trials are run (anchorGroups says which): `alone`, each estate by itself, as every estate was
 * until 0.2.13; else every estate of the scenario together, so that what they do to each other
 * in a region (a household leaving one for another of the region, `region.seekInRegionShare`)
 * is in the baseline the search holds. Measured on
 * scenarios/regions/baseline.yaml (two estates of 1,000 flats at 40% and 60%, each anchored
 * alone): the second drifted 3.2 points and its retired adults 19% over 15 years in the region,
 * 1.0 point and 8.5% alone (20 replications).
 */
export interface AnchorGroup {
  sc: Scenario;
  targets: { spec: EstateSpec; index: number }[];
  alone: boolean;
}

/** How many estates the scenario's estates make (copies counted). */
const estateCount = (sc: Scenario): number => sc.estates.reduce((n, e) => n + e.copies, 0);

/**
 * Copies of the one estate of a region made of copies alone (scenarios/national.yaml: 600) in a
 * trial of its group: identical estates send each other about as many households leaving for the
 * region as they receive, which two copies show as well as six hundred, at a fraction of the cost.
 * Assumption.
 */
export const ANCHOR_MAX_COPIES = 2;
/**
 * Most flats of a trial of a region of different estates: beyond it every estate's copies are cut
 * in the same proportion (at least one each), so that what each sends the others keeps its weight.
 * Below it the copies are all kept: capped at ANCHOR_MAX_COPIES, three copies of a small estate
 * sent a larger one two thirds of its newcomers from the region, and the larger one, anchored on
 * that, drifted -2.4 to -4.3 points in the run (an outside trial, 10 replications). Assumption
 * (cost: about 2.5 s a trial of 24 seeds).
 */
export const ANCHOR_MAX_REGION_FLATS = 8000;

/** Copies of each of the scenario's estates in a trial of a group (ANCHOR_MAX_COPIES, ANCHOR_MAX_REGION_FLATS). */
function trialCopies(sc: Scenario): number[] {
  if (sc.estates.length === 1) return [Math.min(sc.estates[0]!.copies, ANCHOR_MAX_COPIES)];
  const flats = sc.estates.reduce((n, e) => n + scaledSize(e).flats * e.copies, 0);
  const f = Math.min(1, ANCHOR_MAX_REGION_FLATS / flats);
  return sc.estates.map((e) => Math.max(1, Math.round(e.copies * f)));
}

/**
 * The searches a scenario's anchoring needs: one for all its anchored estates together
 * (AnchorGroup) where its estates act on each other (more than one, copies counted, and
 * households leaving one seek a flat in another, `region.seekInRegionShare` above 0); else one
 * per anchored estate, alone.
 */
export function anchorGroups(sc: Scenario): AnchorGroup[] {
  if (sc.schelling) return [];
  const targets = sc.estates.flatMap((spec, index) => (spec.anchor ? [{ spec, index }] : []));
  if (targets.length === 0) return [];
  if (estateCount(sc) === 1 || !(sc.region.seekInRegionShare > 0)) return targets.map((t) => ({ sc, targets: [t], alone: true }));
  return [{ sc, targets, alone: false }];
}

/** The group of one estate solved by itself (anchorEstate). */
const aloneGroup = (sc: Scenario, spec: EstateSpec): AnchorGroup => ({ sc, targets: [{ spec, index: Math.max(0, sc.estates.indexOf(spec)) }], alone: true });

/** An estate's size in a trial: beyond ANCHOR_MAX_FLATS flats scaled down to it, its shares kept (the households given, scaled alike). */
function scaledSize(spec: EstateSpec): { flats: number; population: EstateSpec['population'] } {
  const scale = spec.flats > ANCHOR_MAX_FLATS ? ANCHOR_MAX_FLATS / spec.flats : 1;
  const pop = spec.population.households === undefined ? spec.population : { ...spec.population, households: Math.round(spec.population.households * scale) };
  return { flats: Math.max(10, Math.round(spec.flats * scale)), population: pop };
}

/** An estate of a trial with its unknowns at θ (four values) and its start. */
function trialEstate(spec: EstateSpec, theta: readonly number[], start: StartMix, copies: number): EstateSpec {
  const { flats, population: pop } = scaledSize(spec);
  const { attractiveness, attachment } = splitCoordinate(theta[0]!);
  const fam = splitFamilyCoordinate(theta[2]!, spec.population.familyShare, tiedStart(spec));
  const strongFamilyShare = fam.applicants;
  const withStart = { ...pop, ...start };
  return {
    ...spec,
    copies,
    flats,
    population: fam.start === undefined ? withStart : { ...withStart, strongFamilyShare: fam.start },
    anchor: false,
    attractiveness,
    attachment,
    applicants: { ...spec.applicants, familyShare: logistic(theta[1]!), strongFamilyShare, seniorShare: logistic(theta[3]!) },
  };
}

/**
 * The scenario of one trial, without levers, with the unknowns at θ (four per target, in order)
 * and each target's start: the estate alone, or (a group not alone) every estate of the scenario,
 * with their copies (trialCopies), those not solved as written. Seeds: those of the smallest target (anchorSeeds).
 */
function trialScenario(g: AnchorGroup, theta: readonly number[], starts: readonly StartMix[] = g.targets.map((t) => givenStart(t.spec))): Scenario {
  const copies = g.alone ? [1] : trialCopies(g.sc);
  const estates = g.alone
    ? [trialEstate(g.targets[0]!.spec, theta, starts[0]!, 1)]
    : g.sc.estates.map((spec, index) => {
        const k = g.targets.findIndex((t) => t.index === index);
        return k < 0 ? { ...spec, ...scaledSize(spec), copies: copies[index]! } : trialEstate(spec, theta.slice(N * k, N * k + N), starts[k]!, copies[index]!);
      });
  const replications = Math.max(...g.targets.map((t) => anchorSeeds(scaledSize(t.spec).flats * (g.alone ? 1 : copies[t.index]!))));
  // named alike whatever the scenario's name: the scenarios of a comparison share one anchor
  return {
    ...g.sc,
    name: 'anchor',
    description: '',
    seed: 0,
    years: ANCHOR_YEARS,
    replications,
    estates,
    policies: [],
    output: { ...g.sc.output, moves: false, mapEveryYears: 0 },
  };
}

interface Trial {
  drift: number[];
  start: number[];
  /** Standard error of each mean drift over the seeds (the noise the search cannot go below; the start's own noise, smaller, left out). */
  se: number[];
  /**
   * The start's fixed points as the trial ended them, over all seeds (children per family: the
   * draw's parameter that would start them there, nextChildrenPerFamily); one is left out where
   * there was no one to measure it on.
   */
  end: Partial<StartMix>;
  /** The resource-strong share of the households that moved in, over all months and seeds (0 when none did). */
  inStrong: number;
}

/**
 * Whether household i of world `w` lives in an estate made from the scenario's estate `spec`
 * (its index in `scenario.estates`; copies share it); every household when `spec` is undefined
 * (a trial of one estate alone).
 */
function inSpec(w: World, i: number, spec: number | undefined): boolean {
  if (spec === undefined) return true;
  const flat = w.hh.i32[i * H.stride + H.flat]!;
  return flat >= 0 && w.layout.estateSpec[w.flats.estate[flat]!] === spec;
}

/**
 * Count the resource-strong households of two adults under 60 in world `w` by who is in work or
 * education: both (`n[0]`), only the first (`n[1]`), only the second (`n[2]`).
 */
export function countCouples(w: World, n: number[], spec?: number): void {
  const h = w.hh;
  const old = w.month - 60 * 12;
  for (let i = 0; i < h.alive.length; i++) {
    if (!h.alive[i] || h.u8[i * B.stride + B.adults] !== 2 || !inSpec(w, i, spec)) continue;
    if (h.i32[i * H.stride + H.birth1]! <= old || h.i32[i * H.stride + H.birth2]! <= old) continue;
    const a1 = inWorkOrEducation(h.u8[i * B.stride + B.status1]!);
    const a2 = inWorkOrEducation(h.u8[i * B.stride + B.status2]!);
    if (a1 && a2) n[0]!++;
    else if (a1) n[1]!++;
    else if (a2) n[2]!++;
  }
}

/**
 * Count the adults of 18-59 in work or education in world `w` (all in resource-strong households),
 * under 27 (`n[0]`) and aged 27-59 (`n[2]`), and the students among them (`n[1]`, `n[3]`); and the
 * adults from 60 up to the retirement age who are not employed (`n[4]`), and the retired among
 * them (`n[5]`).
 */
export function countStudents(w: World, n: number[], spec?: number): void {
  const h = w.hh;
  const adult = w.month - 18 * 12;
  const young = w.month - 27 * 12;
  const old = w.month - 60 * 12;
  const retire = w.month - w.scenario.elevator.retirementAge * 12;
  const count = (birth: number, status: number) => {
    if (birth <= old) {
      if (birth > retire && status !== Status.employed) {
        n[4]!++;
        if (status === Status.retired) n[5]!++;
      }
      return;
    }
    if (birth > adult || !inWorkOrEducation(status)) return;
    const k = birth > young ? 0 : 2;
    n[k]!++;
    if (status === Status.student) n[k + 1]!++;
  };
  for (let i = 0; i < h.alive.length; i++) {
    if (!h.alive[i] || !inSpec(w, i, spec)) continue;
    count(h.i32[i * H.stride + H.birth1]!, h.u8[i * B.stride + B.status1]!);
    if (h.u8[i * B.stride + B.adults] === 2) count(h.i32[i * H.stride + H.birth2]!, h.u8[i * B.stride + B.status2]!);
  }
}

/**
 * Count the households in world `w` by the head's age band (HEAD_AGE_BANDS from HEAD_AGE_FROM, the
 * last open above) and kind: one adult without children under 18 (`n[b]`), two adults without
 * (`n[HEAD_AGE_BANDS + b]`), families with children under 18 (`n[2 * HEAD_AGE_BANDS + b]`).
 */
export function countHeadAges(w: World, n: number[], spec?: number): void {
  const h = w.hh;
  const m = w.month;
  for (let i = 0; i < h.alive.length; i++) {
    if (!h.alive[i] || !inSpec(w, i, spec)) continue;
    const age = (m - h.i32[i * H.stride + H.birth1]!) / 12;
    const b = Math.min(HEAD_AGE_BANDS - 1, Math.max(0, Math.floor((age - HEAD_AGE_FROM) / HEAD_AGE_BAND_YEARS)));
    const kind = isFamilyWithChildren(h, i, m) ? 2 : h.u8[i * B.stride + B.adults] === 2 ? 1 : 0;
    n[kind * HEAD_AGE_BANDS + b]!++;
  }
}

/** Shares of a count by head-age band (countHeadAges) of one kind; undefined when it counted none. */
function ageShares(n: readonly number[], kind: number): number[] | undefined {
  const part = n.slice(kind * HEAD_AGE_BANDS, (kind + 1) * HEAD_AGE_BANDS);
  const total = part.reduce((a, b) => a + b, 0);
  return total > 0 ? part.map((x) => x / total) : undefined;
}

/** Count the resource-strong households in world `w` (`n[0]`) and those lifted within `elevator.liftedMonths` (`n[1]`). */
export function countLifted(w: World, n: number[], spec?: number): void {
  const h = w.hh;
  const since = w.month - w.scenario.elevator.liftedMonths;
  for (let i = 0; i < h.alive.length; i++) {
    if (!h.alive[i] || !isResourceStrongHousehold(h, i) || !inSpec(w, i, spec)) continue;
    n[0]!++;
    if (h.i32[i * H.stride + H.liftedAt]! > since) n[1]!++;
  }
}

/**
 * Count the adults in world `w` by their household and education: of resource-strong households
 * (`n[0]`) and of them those with only basic education (`n[1]`); of the other households (`n[2]`)
 * and of them with only basic education (`n[3]`).
 */
export function countEducation(w: World, n: number[], spec?: number): void {
  const h = w.hh;
  for (let i = 0; i < h.alive.length; i++) {
    if (!h.alive[i] || !inSpec(w, i, spec)) continue;
    const at = isResourceStrongHousehold(h, i) ? 0 : 2;
    const adults = h.u8[i * B.stride + B.adults]!;
    n[at]! += adults;
    if (h.u8[i * B.stride + B.edu1] === Edu.basic) n[at + 1]!++;
    if (adults === 2 && h.u8[i * B.stride + B.edu2] === Edu.basic) n[at + 1]!++;
  }
}

/** Count the families with children under 18 in world `w` (`n[0]`) and their children under 18 (`n[1]`). */
export function countChildren(w: World, n: number[], spec?: number): void {
  const h = w.hh;
  const adult = w.month - 18 * 12;
  for (let i = 0; i < h.alive.length; i++) {
    if (!h.alive[i] || !inSpec(w, i, spec)) continue;
    const base = i * H.stride + H.child0;
    let minors = 0;
    for (let k = 0; k < h.u8[i * B.stride + B.nChildren]!; k++) if (h.i32[base + k]! > adult) minors++;
    if (minors === 0) continue;
    n[0]!++;
    n[1]! += minors;
  }
}

/**
 * The next trial's `population.childrenPerFamily` (the draw's mean before the room limit): the
 * part above the first child scaled by how the realised children under 18 per family beyond the
 * first ended (`end`) against how they started (`start`), so that the start ends where the
 * baseline keeps it whatever the room limit takes off the draw (setting the parameter to the end
 * would leave the start that much below it); within the field's range, 1 to 2.75.
 *
 * @example nextChildrenPerFamily(2.05, 1.93, 1.74) // 1.8355 (to 4 places)
 */
export function nextChildrenPerFamily(cur: number, start: number, end: number): number {
  if (!(start > 1.01 && end > 0)) return cur;
  return Math.min(2.75, Math.max(1, 1 + ((cur - 1) * Math.max(0, end - 1)) / (start - 1)));
}

/**
 * Count the households in world `w` whose head is GROWN_CHILD_HEAD_AGES old: families with children
 * under 18 (`n[0]`) and the others (`n[2]`), and the grown children (18 or more) at home in each
 * (`n[1]`, `n[3]`).
 */
export function countGrownChildren(w: World, n: number[], spec?: number): void {
  const h = w.hh;
  const m = w.month;
  for (let i = 0; i < h.alive.length; i++) {
    if (!h.alive[i] || !inSpec(w, i, spec)) continue;
    const head = m - h.i32[i * H.stride + H.birth1]!;
    if (head < GROWN_CHILD_HEAD_AGES[0] * 12 || head >= GROWN_CHILD_HEAD_AGES[1] * 12) continue;
    const grown = grownChildren(w, i, m);
    const at = grown < h.u8[i * B.stride + B.nChildren]! ? 0 : 2;
    n[at]!++;
    n[at + 1]! += grown;
  }
}

/**
 * The four shares held, at month m of a replication's metrics, over the rows `rows` (the estates
 * made from one spec: one row, or its copies summed): resource-strong share, other families,
 * resource-strong families, retired adults per household.
 */
function sharesAt(res: ReplicationResult, m: number, rows: readonly number[]): number[] {
  const width = res.rowNames.length;
  const at = (k: number) => {
    let v = 0;
    for (const r of rows) v += res.metrics[(m * width + r) * NMETRIC + k]!;
    return v;
  };
  const hh = Math.max(1, at(HH));
  const rs = rows.length === 1 ? at(RS) : at(RS_ADULTS) / Math.max(1, at(ADULTS));
  return [rs, (at(FAM) - at(RSFAM)) / hh, at(RSFAM) / hh, at(RET) / hh];
}

/** The metrics rows of each target in a trial of the group (the estates its spec makes, copies in order). */
function targetRows(g: AnchorGroup, trial: Scenario): number[][] {
  if (g.alone) return [[0]];
  const rowsOf: number[][] = trial.estates.map(() => []);
  let row = 0;
  trial.estates.forEach((e, k) => {
    for (let c = 0; c < e.copies; c++) rowsOf[k]!.push(row++);
  });
  return g.targets.map((t) => rowsOf[t.index]!);
}

/**
 * A trial's replications, each a pure function of the job and its index: seeds 0 to `seeds` - 1
 * run ANCHOR_YEARS, the rest (to `draws` - 1) only draw month 0 (the expected start,
 * ANCHOR_START_DRAWS_PER_SEED). What a driver may run on other threads (`TrialOffload`).
 */
export interface TrialJob {
  trial: Scenario;
  /** The metrics rows of each target (targetRows). */
  rows: number[][];
  /** Each target's estate spec in the trial, undefined for an estate alone. */
  specs: (number | undefined)[];
  seeds: number;
  draws: number;
}

/** A trial offered to the driver (simulate.ts `Offload`): answered with `TrialPart[][]`, one array per index of the job. */
export interface TrialOffload extends Offload {
  kind: 'anchor-trial';
  job: TrialJob;
}

/**
 * What replication r of a trial gives a target: for a seed, its four shares at month 0 and over
 * the last ANCHOR_END_MONTHS, the start's fixed points as it ends them (counts) and its
 * move-ins; for a draw of month 0, its shares and children at month 0 (the rest zero).
 */
export interface TrialPart {
  s0: number[];
  end: number[];
  ends: number[];
  students: number[];
  grown: number[];
  children: number[];
  startChildren: number[];
  lifted: number[];
  education: number[];
  ages: number[];
  movedIn: number;
  movedInStrong: number;
}

const emptyPart = (): TrialPart => ({
  s0: new Array<number>(N).fill(0),
  end: new Array<number>(N).fill(0),
  ends: [0, 0, 0],
  students: [0, 0, 0, 0, 0, 0],
  grown: [0, 0, 0, 0],
  children: [0, 0],
  startChildren: [0, 0],
  lifted: [0, 0],
  education: [0, 0, 0, 0],
  ages: new Array<number>(3 * HEAD_AGE_BANDS).fill(0),
  movedIn: 0,
  movedInStrong: 0,
});

/** Replication r of a trial (TrialJob), a part for each target: what a worker thread runs (engine/worker.ts), or `runTrial` itself. */
export function* trialPartSteps(job: TrialJob, r: number): Steps<TrialPart[]> {
  const { trial, rows, specs } = job;
  const parts = rows.map(emptyPart);
  const seed = hash32(`nabolag:anchor:${r}`);
  if (r >= job.seeds) {
    // (the children per family at the start: on these draws alone, the seeds' own month 0 not being kept)
    const atStart = (w: World) => {
      for (const [k, p] of parts.entries()) countChildren(w, p.startChildren, specs[k]);
    };
    const res = yield* replicationSteps(trial, r, seed, { maxMonths: 0, atEnd: atStart });
    parts.forEach((p, k) => {
      p.s0 = sharesAt(res, 0, rows[k]!);
    });
    return parts;
  }
  const months = ANCHOR_YEARS * 12;
  const atEnd = (w: World) =>
    parts.forEach((p, k) => {
      countLifted(w, p.lifted, specs[k]);
      countEducation(w, p.education, specs[k]);
      countHeadAges(w, p.ages, specs[k]);
      countCouples(w, p.ends, specs[k]);
      countStudents(w, p.students, specs[k]);
      countGrownChildren(w, p.grown, specs[k]);
      countChildren(w, p.children, specs[k]);
    });
  // the metrics rows read: month 0 and the last ANCHOR_END_MONTHS; the move-ins of every month
  // are read off the world as it goes (their flows are the rows' moveIns and inResourceStrong)
  const recordMonth = (m: number) => m === 0 || m > months - ANCHOR_END_MONTHS;
  const atMonth = (w: World) =>
    parts.forEach((p, k) => {
      for (const row of rows[k]!) {
        p.movedIn += w.flows[row * NFLOW + F.moveIns]!;
        p.movedInStrong += w.flows[row * NFLOW + F.inResourceStrong]!;
      }
    });
  const res = yield* replicationSteps(trial, r, seed, { atEnd, recordMonth, atMonth });
  parts.forEach((p, k) => {
    p.s0 = sharesAt(res, 0, rows[k]!);
    for (let m = months - ANCHOR_END_MONTHS + 1; m <= months; m++) {
      const s = sharesAt(res, m, rows[k]!);
      for (let i = 0; i < N; i++) p.end[i]! += s[i]! / ANCHOR_END_MONTHS;
    }
  });
  return parts;
}

/** A trial's parts, index by index, on this thread. */
function* localParts(job: TrialJob): Steps<TrialPart[][]> {
  const out: TrialPart[][] = [];
  for (let r = 0; r < job.draws; r++) out.push(yield* trialPartSteps(job, r));
  return out;
}

const addInto = (to: number[], from: readonly number[]): void => {
  for (let i = 0; i < from.length; i++) to[i]! += from[i]!;
};

/**
 * One trial of a group: a Trial for each target (its drifts, start, noise and the start's fixed
 * points as it ended them). Its replications are offered to the driver (`TrialOffload`) and run
 * here if it does not take them; either way they are summed here in index order, so the trial
 * is the same wherever they ran.
 */
function* runTrial(g: AnchorGroup, theta: readonly number[], starts: readonly StartMix[], seeds?: number): Steps<Trial[]> {
  const trial = trialScenario(g, theta, starts);
  seeds ??= trial.replications;
  const draws = ANCHOR_START_DRAWS_PER_SEED * seeds;
  const job: TrialJob = { trial, rows: targetRows(g, trial), specs: g.targets.map((t) => (g.alone ? undefined : t.index)), seeds, draws };
  const offload: TrialOffload = { kind: 'anchor-trial', job };
  const answered = (yield offload) as TrialPart[][] | undefined;
  const parts = answered ?? (yield* localParts(job));
  return g.targets.map((_, k) => {
    const drift = new Array<number>(N).fill(0);
    const start = new Array<number>(N).fill(0);
    const sq = new Array<number>(N).fill(0);
    const sum = emptyPart();
    for (let r = 0; r < seeds; r++) {
      const p = parts[r]![k]!;
      for (let i = 0; i < N; i++) {
        const d = p.end[i]! - p.s0[i]!;
        drift[i]! += d / seeds;
        sq[i]! += d * d;
        start[i]! += p.s0[i]! / seeds;
      }
      for (const f of ['ends', 'students', 'grown', 'children', 'lifted', 'education', 'ages'] as const) addInto(sum[f], p[f]);
      sum.movedIn += p.movedIn;
      sum.movedInStrong += p.movedInStrong;
    }
    // the expected start: the seeds' own month 0 and more draws of it; each drift is corrected by
    // how far the seeds' start fell from it (ANCHOR_START_DRAWS_PER_SEED)
    const expected = start.map((v) => (v * seeds) / draws);
    for (let r = seeds; r < draws; r++) {
      const p = parts[r]![k]!;
      for (let i = 0; i < N; i++) expected[i]! += p.s0[i]! / draws;
      addInto(sum.startChildren, p.startChildren);
    }
    const n = seeds;
    const se = drift.map((d, i) => Math.sqrt(Math.max(0, sq[i]! / n - d * d) / Math.max(1, n - 1)));
    const corrected = drift.map((d, i) => d + (start[i]! - expected[i]!));
    const { ends, students, grown, children, startChildren, lifted, education, ages } = sum;
    const all = ends[0]! + ends[1]! + ends[2]!;
    const one = ends[1]! + ends[2]!;
    const share = (x: number, of: number) => (of > 0 ? x / of : undefined);
    const start0 = starts[k]!;
    const measured: Partial<StartMix> = {
      strongCouplesBothActive: share(ends[0]!, all),
      strongCouplesFirstActive: all > 0 ? (one > 0 ? ends[1]! / one : 0.5) : undefined,
      strongStudentShareUnder27: share(students[1]!, students[0]!),
      strongStudentShare27to59: share(students[3]!, students[2]!),
      childrenPerFamily:
        children[0]! > 0 && startChildren[0]! > 0
          ? nextChildrenPerFamily(start0.childrenPerFamily ?? DRAWN_CHILDREN_PER_FAMILY, startChildren[1]! / startChildren[0]!, children[1]! / children[0]!)
          : undefined,
      grownChildrenPerFamily: share(grown[1]!, grown[0]!),
      grownChildrenPerOther: share(grown[3]!, grown[2]!),
      earlyRetiredShare: share(students[5]!, students[4]!),
      liftedShare: share(lifted[1]!, lifted[0]!),
      basicEducationStartStrong: share(education[1]!, education[0]!),
      basicEducationStartWeak: share(education[3]!, education[2]!),
      headAgesSingle: ageShares(ages, 0),
      headAgesCouple: ageShares(ages, 1),
      headAgesFamily: ageShares(ages, 2),
    };
    return { drift: corrected, start: expected, se, end: measured, inStrong: sum.movedIn > 0 ? sum.movedInStrong / sum.movedIn : 0 };
  });
}

/**
 * Solve the n x n system A x = b by Gaussian elimination with partial pivoting (Gauss-Jordan);
 * null if A is singular (a pivot below 1e-12 times the largest entry of A). A and b are not
 * changed.
 *
 * @example solveLinear([[2, 1], [1, 3]], [3, 5]) // [0.8, 1.4]
 */
export function solveLinear(A: readonly (readonly number[])[], b: readonly number[]): number[] | null {
  const n = b.length;
  const m = A.map((row, i) => [...row, b[i]!]);
  // a loop, not Math.max(...): a region of 100 estates has 400 unknowns, 160,000 entries, past the stack a spread may use
  let scale = 0;
  for (const row of A) for (const v of row) scale = Math.max(scale, Math.abs(v));
  if (!(scale > 0)) return null;
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[p]![c]!)) p = r;
    if (Math.abs(m[p]![c]!) < 1e-12 * scale) return null;
    [m[c], m[p]] = [m[p]!, m[c]!];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r]![c]! / m[c]![c]!;
      for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  return m.map((row, i) => row[n]! / row[i]!);
}

const asShares = (v: number[]): Shares => ({ resourceStrongShare: v[0]!, otherFamilies: v[1]!, resourceStrongFamilies: v[2]!, retired: v[3]! });
/**
 * The largest drift relative to its bound (ANCHOR_BOUNDS), for shares that started at `start`; the
 * families' count half (FAMILY_WEIGHT): the resource-strong share comes first, and where the
 * families cannot be held (weak estates) the search must not give it up for them.
 */
const relativeWorst = (d: number[], start: number[]): number =>
  Math.max(
    Math.abs(d[0]!) / ANCHOR_BOUNDS.resourceStrongShare,
    ...[1, 2, 3].map((k) => (FAMILY_WEIGHT * Math.abs(d[k]!)) / Math.max(1e-3, ANCHOR_BOUNDS.familiesRelative * start[k]!)),
  );
/** Weight of the families' and the retired adults' drifts in the search's measure. Assumption. */
const FAMILY_WEIGHT = 0.5;

/** Whether a trial's drifts are held: each within ANCHOR_TOLERANCE of its bound or within the noise of the seeds (ANCHOR_NOISE_Z). */
export function held(drift: readonly number[], se: readonly number[], start: readonly number[]): boolean {
  const bound = [ANCHOR_BOUNDS.resourceStrongShare, ...[1, 2, 3].map((k) => (ANCHOR_BOUNDS.familiesRelative * start[k]!) / FAMILY_WEIGHT)];
  return drift.every((d, k) => Math.abs(d) <= Math.max(ANCHOR_TOLERANCE * bound[k]!, ANCHOR_NOISE_Z * se[k]!));
}

/**
 * The Newton search's first Jacobian (the drift of each share by each unknown), from the mean
 * field of each estate of a trial (module comment): block-diagonal, no cross-effects between
 * estates.
 */
function meanFieldJacobian(ended: readonly Trial[]): number[][] {
  const J = Array.from({ length: N * ended.length }, () => new Array<number>(N * ended.length).fill(0));
  ended.forEach((f, k) => {
    const o = N * k;
    for (let i = 0; i < N; i++) J[o + i]![o + i] = ANCHOR_EXTERNAL_PART * ANCHOR_RELAXED * clampShare(f.start[i]!) * (1 - clampShare(f.start[i]!));
    // The attractiveness brings resource-strong applicants in place of others: the families of
    // each kind follow their kind (mean field: other families (1 - a) f, resource-strong ones a s,
    // a the resource-strong share of in-movers, f and s the family shares of each kind). It
    // reaches the estate only through its in-movers: where few of them are resource-strong (q), a
    // unit of log-odds changes few (q(1 - q)), whatever the estate's own share p, so its column is
    // scaled by q(1 - q) / p(1 - p) at most 1 (an estate held by residents lifted into work: the
    // search then turns to the attachment at once, instead of learning from noisy trials that the
    // attractiveness does not act)
    const p = clampShare(f.start[0]!);
    const q = clampShare(f.inStrong);
    const acts = Math.min(1, (q * (1 - q)) / (p * (1 - p)));
    J[o]![o]! *= acts;
    J[o + 1]![o] = -ANCHOR_EXTERNAL_PART * ANCHOR_RELAXED * p * f.start[1]! * acts;
    J[o + 2]![o] = ANCHOR_EXTERNAL_PART * ANCHOR_RELAXED * (1 - p) * f.start[2]! * acts;
  });
  return J;
}

/**
 * The unknowns after a Newton step from `at` that would cancel the drifts `d` on the Jacobian `J`:
 * at most `radius` in any coordinate (one noisy trial must not send the search away), each
 * unknown within its range; undefined where J is singular.
 */
function stepped(
  at: readonly number[],
  specs: readonly EstateSpec[],
  J: readonly (readonly number[])[],
  d: readonly number[],
  radius: number,
): number[] | undefined {
  const step = solveLinear(
    J,
    d.map((x) => -x),
  );
  if (!step) return undefined;
  const big = Math.max(...step.map(Math.abs));
  const scale = big > radius ? radius / big : 1;
  return at.map((t, j) => {
    const x = t + scale * step[j]!;
    const k = j % N;
    if (k === 0) return clamp(x, ANCHOR_ATTRACTIVENESS_LIMIT + 12);
    // the start's resource-strong families may go down to a thousandth of the population's family share
    if (k === 2 && tiedStart(specs[(j - k) / N]!)) return Math.min(logit(ANCHOR_STRONG_FAMILY_LIMIT) + 7, Math.max(-5, x));
    return clamp(x, 5);
  });
}

/** Solve the anchor of one estate of a scenario by itself (the estate alone). `now` reads a clock (milliseconds), only for the report. */
export function anchorEstate(sc: Scenario, spec: EstateSpec, now: () => number = () => 0): Anchor {
  return drain(anchorGroupSteps(aloneGroup(sc, spec), now))[0]!;
}

/** The drifts of a group's trials, in the order of the unknowns (four per target). */
const drifts = (t: readonly Trial[]): number[] => t.flatMap((x) => x.drift);

/**
 * Solve the anchors of a group (AnchorGroup), one per target, in steps (those of its trials'
 * replications: a caller may pause between them). The estates of a group are solved together:
 * one trial runs all of them, the unknowns are four per target, and the Jacobian starts from each
 * target's own mean field (no cross-effects between estates) and learns the rest from the steps
 * taken. A group of one estate alone is the search of every version before 0.2.14, value for value.
 */
export function* anchorGroupSteps(g: AnchorGroup, now: () => number = () => 0): Steps<Anchor[]> {
  const t0 = now();
  const specs = g.targets.map((t) => t.spec);
  const E = specs.length;
  let at = g.targets.flatMap((t) => firstGuess(g.sc, t.spec));
  let trials = 1;
  let start = specs.map(givenStart);
  const nextStarts = (ended: readonly Trial[], from: readonly StartMix[], searching = false) =>
    specs.map((spec, k) => nextStart(spec, ended[k]!.end, from[k]!, searching));
  // the drifts at the first guess, as the report gives them (the first trial's, short or not)
  let before: readonly Trial[] | undefined;
  if (specs.some(startSolved))
    // the start as the baseline ends it, from short trials first (module comment); each also
    // takes a mean-field step on the unknowns, so that the search starts nearer its solution
    for (let k = 0; k < ANCHOR_START_ITERATIONS; k++) {
      const pre = yield* runTrial(g, at, start, ANCHOR_COUPLES_SEEDS);
      before ??= pre;
      start = nextStarts(pre, start);
      at = stepped(at, specs, meanFieldJacobian(pre), drifts(pre), ANCHOR_MAX_STEP) ?? at;
    }
  let cur = yield* runTrial(g, at, start);
  before ??= cur;
  // the solved values are the best trial's, with the couples' start that trial ran with (not
  // what a later, worse trial ended with)
  let best = { theta: at, trial: cur, start };
  start = nextStarts(cur, start, true);
  const first = cur;
  const worst = (d: number[]) => Math.max(...first.map((f, k) => relativeWorst(d.slice(N * k, N * k + N), f.start)));
  const allHeld = (t: readonly Trial[]) => t.every((x, k) => held(x.drift, x.se, first[k]!.start));
  // Newton steps on a Jacobian that starts block-diagonal, from each estate's mean field, and
  // learns the cross-effects (within an estate and between the estates) from each step taken
  // (Broyden's update)
  const J = meanFieldJacobian(first);
  let radius = ANCHOR_MAX_STEP;
  while (trials < ANCHOR_MAX_TRIALS && !allHeld(best.trial)) {
    const next = stepped(at, specs, J, drifts(cur), radius);
    if (!next) break;
    const tr = yield* runTrial(g, next, start);
    const used = start;
    trials++;
    const dx = next.map((t, k) => t - at[k]!);
    const n2 = dx.reduce((q, v) => q + v * v, 0);
    const dTr = drifts(tr);
    const dCur = drifts(cur);
    if (n2 > 1e-12)
      for (let i = 0; i < N * E; i++) {
        const r = dTr[i]! - dCur[i]! - J[i]!.reduce((q, v, j) => q + v * dx[j]!, 0);
        for (let j = 0; j < N * E; j++) J[i]![j]! += (r * dx[j]!) / n2;
      }
    if (worst(dTr) < worst(drifts(best.trial))) {
      best = { theta: next, trial: tr, start: used };
      at = next;
      cur = tr;
    } else {
      // a step that made things worse: the next starts again from the best values, half as long
      radius /= 2;
      at = best.theta;
      cur = best.trial;
    }
    start = nextStarts(cur, cur === tr ? used : best.start, true);
  }
  const ms = now() - t0;
  const names = g.sc.estates.map((e) => e.name);
  return g.targets.map(({ spec, index }, k) => {
    const theta = best.theta.slice(N * k, N * k + N);
    const trial = best.trial[k]!;
    const { attractiveness, attachment } = splitCoordinate(theta[0]!);
    const fam = splitFamilyCoordinate(theta[2]!, spec.population.familyShare, tiedStart(spec));
    const anchor: Anchor = {
      estate: spec.name,
      attractiveness,
      attachment,
      applicantFamilyShare: logistic(theta[1]!),
      applicantStrongFamilyShare: fam.applicants,
      applicantSeniorShare: logistic(theta[3]!),
      residentStrongFamilyShare: fam.start ?? spec.population.strongFamilyShare!,
      residentCouplesBothActive: best.start[k]!.strongCouplesBothActive!,
      residentCouplesFirstActive: best.start[k]!.strongCouplesFirstActive!,
      residentStart: best.start[k]!,
      start: asShares(trial.start),
      driftBefore: asShares(before[k]!.drift),
      driftAfter: asShares(trial.drift),
      trials,
      converged: held(trial.drift, trial.se, first[k]!.start),
      ms,
    };
    if (!g.alone) anchor.together = names.filter((_, i) => i !== index);
    return anchor;
  });
}

/**
 * Where solved anchors are kept between runs. The key is the trial scenario as JSON (the
 * result is a pure function of it and of the model's code): a store that outlives the process
 * must also tell apart versions of the code (output/anchor-store.ts does).
 */
export interface AnchorStore {
  get(key: string): Anchor | undefined;
  set(key: string, anchor: Anchor): void;
}

/** Most anchors the in-memory store keeps before it starts afresh. */
const MEMORY_STORE_SIZE = 64;

/** A store in this process's memory (the default): the scenarios of one comparison share their anchor. */
export function memoryAnchorStore(): AnchorStore {
  const solved = new Map<string, Anchor>();
  return {
    get: (key) => solved.get(key),
    set: (key, anchor) => {
      if (solved.size >= MEMORY_STORE_SIZE) solved.clear();
      solved.set(key, anchor);
    },
  };
}

const processStore = memoryAnchorStore();

/**
 * The scenario with every estate that asks for it anchored: `attractiveness`, `attachment`,
 * `applicants.familyShare`, `strongFamilyShare` and `seniorShare`, and
 * `population.strongFamilyShare` replaced by the solved values and
 * `anchor` set to false (solved: anchoring the result again would change nothing). Schelling
 * scenarios have nothing to anchor. Whoever runs replications runs them on this scenario
 * (engine/ensemble.ts does); `simulate` alone uses the values as written.
 */
export function anchorScenario(sc: Scenario, now: () => number = () => 0, store: AnchorStore = processStore): { scenario: Scenario; anchors: Anchor[] } {
  return drain(anchorSteps(sc, now, store));
}

/**
 * The search's first guess: from the mean field, applicants with the estate's own log-odds of
 * being resource-strong; the applicants' family and senior shares as written (the senior share,
 * when not written, the residents'; the resource-strong applicants' at most
 * ANCHOR_STRONG_FAMILY_LIMIT), and the start as given.
 */
function firstGuess(sc: Scenario, spec: EstateSpec): number[] {
  return [
    clamp(logit(clampShare(spec.population.resourceStrongShare)) - logit(clampShare(sc.region.applicantStrongShare)), ANCHOR_ATTRACTIVENESS_LIMIT),
    logit(clampShare(spec.applicants.familyShare)),
    logit(clampShare(Math.min(ANCHOR_STRONG_FAMILY_LIMIT, spec.applicants.strongFamilyShare))),
    logit(clampShare(spec.applicants.seniorShare ?? spec.population.seniorShare)),
  ];
}

/** The key an estate's anchor is stored under when it is solved alone: its first trial scenario as JSON, and whether the start's families are solved. */
export const anchorKey = (sc: Scenario, spec: EstateSpec): string => groupKeys(aloneGroup(sc, spec))[0]!;

/**
 * The keys a group's anchors are stored under, one per target: the group's first trial scenario
 * as JSON and whether each start's families are solved (anchorKey for an estate alone); in a
 * group of several, followed by `#` and the estate's name.
 */
export function groupKeys(g: AnchorGroup): string[] {
  const tied = g.targets.map((t) => tiedStart(t.spec));
  const base = JSON.stringify({
    trial: trialScenario(
      g,
      g.targets.flatMap((t) => firstGuess(g.sc, t.spec)),
    ),
    tiedStart: g.alone ? tied[0] : tied,
  });
  return g.alone ? [base] : g.targets.map((t) => `${base}#${t.spec.name}`);
}

/** The anchors of every anchored estate of `sc`, by name: read from `store`, else solved (by group) and kept there. */
function* solvedAnchors(sc: Scenario, now: () => number, store: AnchorStore): Steps<Map<string, Anchor>> {
  const out = new Map<string, Anchor>();
  for (const g of anchorGroups(sc)) {
    const keys = groupKeys(g);
    let anchors = keys.map((k) => store.get(k));
    if (anchors.some((a) => !a)) {
      const solved = yield* anchorGroupSteps(g, now);
      for (const [i, k] of keys.entries()) store.set(k, solved[i]!);
      anchors = solved;
    }
    for (const [i, a] of anchors.entries()) out.set(g.targets[i]!.spec.name, a!);
  }
  return out;
}

/**
 * `anchorScenario` in steps (a caller may pause between them: engine/ensemble.ts). With `from`
 * (a comparison's baseline, a sweep's or a sensitivity analysis's base scenario), each anchored
 * estate that `from` has too (by name, anchored there) takes the anchor `from` gives it: solved
 * under `from`'s parameters (and with `from`'s other estates), not this scenario's. So a variant
 * that changes a model parameter (a stronger spiral, other exit hazards) starts from the
 * baseline's estate with the baseline's applicants, and its difference is what the parameter does
 * from there; anchored under its own parameters it would start elsewhere and be held where it
 * starts, which hides what the parameter does (an outside trial: a spiral twice as strong came
 * out as "no clear effect").
 */
export function* anchorSteps(
  sc: Scenario,
  now: () => number = () => 0,
  store: AnchorStore = processStore,
  from?: Scenario,
): Steps<{ scenario: Scenario; anchors: Anchor[] }> {
  if (sc.schelling || !sc.estates.some((e) => e.anchor)) return { scenario: sc, anchors: [] };
  const shared = from && !from.schelling && from.estates.some((e) => e.anchor) ? yield* solvedAnchors(from, now, store) : new Map<string, Anchor>();
  // the scenario's own anchors only where `from` does not give one (the same estate under the
  // same parameters, the scenarios of a comparison, is solved once: the store)
  const own = sc.estates.some((e) => e.anchor && !shared.has(e.name)) ? yield* solvedAnchors(sc, now, store) : new Map<string, Anchor>();
  const anchors: Anchor[] = [];
  const estates: EstateSpec[] = sc.estates.map((spec) => {
    if (!spec.anchor) return spec;
    const a = shared.get(spec.name) ?? own.get(spec.name)!;
    anchors.push(a);
    return {
      ...spec,
      anchor: false,
      attractiveness: a.attractiveness,
      attachment: a.attachment,
      population: {
        ...spec.population,
        strongFamilyShare: a.residentStrongFamilyShare,
        ...a.residentStart,
      },
      applicants: {
        ...spec.applicants,
        familyShare: a.applicantFamilyShare,
        strongFamilyShare: a.applicantStrongFamilyShare,
        seniorShare: a.applicantSeniorShare,
      },
    };
  });
  return { scenario: { ...sc, estates }, anchors };
}
