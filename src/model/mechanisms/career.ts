/**
 * Housing career and temporariness: each month every household faces voluntary move-out
 * hazards, one per reason:
 *  - space: persons above the number of rooms (families with children), or a family that
 *    wants one more room;
 *  - garden: a family who wants a garden and has none;
 *  - ownership: wants to own and can finance a house at regional prices;
 *  - job, dissatisfaction (social problems, image), safety (crime, families), stigma (listed
 *    area, families);
 *  - other reasons (health, a life event, moving nearer family).
 * Space and garden are scaled down for households who are not resource-strong (they rarely
 * can pay for the next step); ownership needs an income that can finance a house anyway. All
 * but the other reasons are multiplied by the early-stay factor (highest in the first years) and
 * the social factor (ties, family, volunteering, children's friends): the other reasons come
 * whatever the stage of the stay and the ties, and they are what ends the long stays at the rate
 * LBF's seniority figures show (docs/ODD.md, "Stay lengths"). All are multiplied by the estate's
 * hazard factor, the lifted factor (elevator) and the extension lever.
 *
 * "They move to something, not away from something": when the need behind a space, garden or
 * ownership draw can be met inside the estate, the household joins the internal waiting list
 * instead of leaving, and leaves only if it is not served within `internalListPatience`.
 */
import { R } from '../codes.js';
import { type Rng, monthly } from '../rng.js';
import { Status, Tenure, inWorkOrEducation, H, B } from '../state.js';
import type { World } from '../world.js';
import { leaveForRegion, moveOut } from '../occupancy.js';
import type { Scenario } from '../../scenario/schema.js';
import { EV, type Events, addEvent, newEvents, pickEvent, resetEvents } from '../events.js';
import { joinList } from '../internal-list.js';
import { socialMultiplier, tiesIn, tiesNow } from './social.js';
import { groupMatches } from '../levers/index.js';

export interface CareerRates {
  space: number;
  moreRoom: number;
  garden: number;
  ownership: number;
  job: number;
  dissatisfaction: number;
  safety: number;
  stigma: number;
  other: number;
}

export function careerRates(w: World): CareerRates {
  const c = w.scenario.career;
  return {
    space: monthly(c.spaceAnnual),
    moreRoom: monthly(c.familyMoreRoomAnnual),
    garden: monthly(c.gardenAnnual),
    ownership: monthly(c.ownershipAnnual),
    job: monthly(c.jobAnnual),
    dissatisfaction: monthly(c.dissatisfactionAnnual),
    safety: monthly(c.safetyAnnual),
    stigma: monthly(c.stigmaAnnual),
    other: monthly(c.otherAnnual),
  };
}

/** What each estate can offer internally (recomputed yearly; flats change only by levers). */
export interface EstateOffer {
  maxRooms: Int32Array;
  gardenFlats: Int32Array;
  ownerFlats: Int32Array;
}

export function estateOffer(w: World): EstateOffer {
  const n = w.layout.nEstates;
  const o = { maxRooms: new Int32Array(n), gardenFlats: new Int32Array(n), ownerFlats: new Int32Array(n) };
  const f = w.flats;
  for (let k = 0; k < f.n; k++) {
    if (!f.active[k]) continue;
    const e = f.estate[k]!;
    if (f.rooms[k]! > o.maxRooms[e]!) o.maxRooms[e] = f.rooms[k]!;
    if (f.garden[k]) o.gardenFlats[e]!++;
    if (f.tenure[k] !== Tenure.social) o.ownerFlats[e]!++;
  }
  for (let e = 0; e < n; e++) o.ownerFlats[e]! += w.letting.pendingSales[e]!;
  return o;
}

/** Per-section multipliers from the area state, computed once per month. */
export interface AreaFactors {
  dissatisfaction: Float64Array;
  safety: Float64Array;
  stigma: Float64Array;
}

export function areaFactors(w: World): AreaFactors {
  const n = w.layout.sectionNames.length;
  const sp = w.scenario.spiral;
  const a = w.area;
  const out = { dissatisfaction: new Float64Array(n), safety: new Float64Array(n), stigma: new Float64Array(n) };
  for (let s = 0; s < n; s++) {
    const imageGap = Math.max(0, w.scenario.region.image - a.image[s]!);
    const problems = Math.max(0.2, 1 + (a.problems[s]! - a.problems0[s]!));
    out.dissatisfaction[s] = Math.exp(sp.imageOnStaying * imageGap) * problems;
    out.safety[s] = a.crime[s]!;
    out.stigma[s] = a.status[s]! >= 2 ? w.scenario.classification.listStigmaFactor : 0;
  }
  return out;
}

/** Reasons after which a leaving household may seek a flat in another estate of the region. */
const REGION_REASONS: Record<number, boolean> = {
  [R.space]: true,
  [R.garden]: true,
  [R.dissatisfaction]: true,
  [R.safety]: true,
  [R.stigma]: true,
  [R.other]: true,
};

const earlyCache = new Map<string, EarlyTable>();
/** The early-stay multiplier month by month (`earlyMultiplier`) for 0..1199 months, and the month of its peak. */
export interface EarlyTable {
  values: Float64Array;
  peak: number;
}

/**
 * The early-stay multiplier after `months` in the estate: 1 + boost·(1 − exp(−months/rise))·exp(−months/fade).
 * With `rise` 0 it is highest at moving in and fades (1 + boost·exp(−months/fade)); with `rise` > 0
 * it first builds up: a household has just solved its housing need when it moves in, and moves on
 * when the stage it came for is over (a child born, savings made, a job found), so its hazard of
 * moving on peaks some years into the stay (at rise·ln(1 + fade/rise) months).
 */
export function earlyMultiplier(boost: number, riseMonths: number, fadeMonths: number, months: number): number {
  const built = riseMonths > 0 ? 1 - Math.exp(-months / riseMonths) : 1;
  return 1 + boost * built * Math.exp(-months / fadeMonths);
}

function earlyTable(early: number, riseMonths: number, fadeMonths: number): EarlyTable {
  const key = `${early}/${riseMonths}/${fadeMonths}`;
  let t = earlyCache.get(key);
  if (!t) {
    const values = new Float64Array(1200);
    let peak = 0;
    for (let s = 0; s < values.length; s++) {
      values[s] = earlyMultiplier(early, riseMonths, fadeMonths, s);
      if (values[s]! > values[peak]!) peak = s;
    }
    t = { values, peak };
    earlyCache.set(key, t);
  }
  return t;
}

/** Minimum rooms a household of this size wants: one per person, at least 1, at most 5. */
export const roomsWanted = (persons: number): number => Math.min(5, Math.max(1, persons));

/** What the career step needs in a month, computed once for all households. */
export interface CareerContext {
  r: CareerRates;
  offer: EstateOffer;
  af: AreaFactors;
  /** Monthly swap-seeking probability, per estate. */
  swapRate: Float64Array;
  /**
   * The reasons' monthly hazards of the last household looked at, in REASON_ORDER: after
   * `careerEvents` with the household's multipliers applied (the weights by which
   * `applyCareerEvent` picks the reason), after `careerBound` without them.
   */
  sub: Float64Array;
  earlyBoost: number;
  earlyRiseMonths: number;
  earlyMonths: number;
  earlyTable: EarlyTable;
  /** Scenario values read for every household worked out (copied out of the scenario once). */
  weak: number;
  maxPTI: number;
  canBuyIncome: number;
  socialOn: boolean;
  social: Scenario['social'];
  liftedMonths: number;
  liftedFactor: number;
  swapMinMonths: number;
  /** Outputs of `careerBound`: the part of the bound that does not depend on the area, the multiplier bound, and whether the household is a family. */
  boundBase: number;
  boundMult: number;
  boundFamily: boolean;
}

/** The order in which a move-out's reason is picked from the hazards. */
const REASON_ORDER = [R.space, R.garden, R.ownership, R.job, R.dissatisfaction, R.safety, R.stigma, R.other];

export function careerContext(w: World, offer: EstateOffer): CareerContext {
  const sc = w.scenario;
  return {
    r: careerRates(w),
    offer,
    af: areaFactors(w),
    swapRate: Float64Array.from(w.eff, (x) => monthly(x.swapAnnual)),
    sub: new Float64Array(REASON_ORDER.length),
    earlyBoost: w.scenario.career.earlyBoost,
    earlyRiseMonths: w.scenario.career.earlyRiseYears * 12,
    earlyMonths: w.scenario.career.earlyYears * 12,
    earlyTable: earlyTable(w.scenario.career.earlyBoost, w.scenario.career.earlyRiseYears * 12, w.scenario.career.earlyYears * 12),
    weak: sc.career.weakCareerFactor,
    maxPTI: sc.region.maxPriceToIncome,
    canBuyIncome: sc.region.housePrice / sc.region.maxPriceToIncome,
    socialOn: sc.social.enabled,
    social: sc.social,
    liftedMonths: sc.elevator.liftedMonths,
    liftedFactor: sc.elevator.liftedExitFactor,
    swapMinMonths: sc.letting.swapMinYears * 12,
    boundBase: 0,
    boundMult: 0,
    boundFamily: false,
  };
}

/** Minors and whether any is of school age (6-17), in month m. */
function children(w: World, i: number, m: number): { minors: number; schoolAge: boolean } {
  const h = w.hh;
  let minors = 0;
  let schoolAge = false;
  const base = i * H.stride + H.child0;
  for (let k = 0; k < h.u8[i * B.stride + B.nChildren]!; k++) {
    const a = m - h.i32[base + k]!;
    if (a < 216) {
      minors++;
      if (a >= 72) schoolAge = true;
    }
  }
  kids.minors = minors;
  kids.schoolAge = schoolAge;
  return kids;
}
const kids = { minors: 0, schoolAge: false };

/** Index in REASON_ORDER of the other reasons, the one hazard that the early-stay factor and the ties do not change (it is last). */
const OTHER = 7;

/**
 * The hazards by reason, before the multiplier, into `c.sub` (REASON_ORDER); the area-driven
 * ones (dissatisfaction, safety, stigma) with the area factors given.
 */
function reasonHazards(w: World, c: CareerContext, i: number, family: boolean, strong: boolean, diss: number, safety: number, stigma: number): void {
  const h = w.hh;
  const r = c.r;
  const flats = w.flats;
  const flat = h.i32[i * H.stride + H.flat]!;
  const e = flats.estate[flat]!;
  const rooms = flats.rooms[flat]!;
  const adults = h.u8[i * B.stride + B.adults]!;
  const persons = adults + h.u8[i * B.stride + B.nChildren]!;
  const pay = strong ? 1 : c.weak;
  const eff = w.eff[e]!;
  const income = h.f32[i * H.stride + H.income]!;
  const maxPTI = c.maxPTI;
  // can buy a house in the region, or (ownership lever) a unit in the estate
  const canBuyHere = c.offer.ownerFlats[e]! > 0 && income * maxPTI >= eff.unitPrice;
  const gap = persons - rooms;
  const sub = c.sub;
  sub[0] = family ? (gap > 0 ? r.space * gap : rooms < 5 && gap === 0 ? r.moreRoom : 0) * pay : 0;
  sub[1] = family && h.u8[i * B.stride + B.wantsGarden] && !flats.garden[flat] ? r.garden * pay * eff.gardenFactor : 0;
  sub[2] = h.u8[i * B.stride + B.wantsOwn] && flats.tenure[flat] === Tenure.social && (income >= c.canBuyIncome || canBuyHere) ? r.ownership : 0;
  sub[3] = h.u8[i * B.stride + B.status1] === Status.employed || (adults === 2 && h.u8[i * B.stride + B.status2] === Status.employed) ? r.job : 0;
  sub[4] = r.dissatisfaction * diss;
  sub[5] = family ? r.safety * safety : 0;
  sub[6] = family ? r.stigma * stigma : 0;
  sub[OTHER] = r.other;
}

/** The early-stay multiplier after `stay` months in the estate. */
function earlyFactor(c: CareerContext, stay: number): number {
  const t = c.earlyTable.values;
  return stay >= 0 && stay < t.length ? t[stay]! : earlyMultiplier(c.earlyBoost, c.earlyRiseMonths, c.earlyMonths, stay);
}

/** The largest early-stay multiplier from `s1` to `s2` months in the estate: it rises to its peak, then falls. */
function earlyFactorMax(c: CareerContext, s1: number, s2: number): number {
  const peak = c.earlyTable.peak;
  return s1 <= peak && peak <= s2 ? c.earlyTable.values[peak]! : Math.max(earlyFactor(c, s1), earlyFactor(c, s2));
}

/**
 * Household i's career events in month m: moving out (one event; the reason is picked in
 * proportion to the hazards when it happens) and, for over-housed households past the minimum
 * tenancy, seeking a swap. Households on the internal list wait instead (see `listGiveUp`).
 */
export function careerEvents(w: World, c: CareerContext, i: number, m: number, ev: Events): void {
  const h = w.hh;
  if (h.i32[i * H.stride + H.listedAt]! >= 0) return;
  const flats = w.flats;
  const flat = h.i32[i * H.stride + H.flat]!;
  const e = flats.estate[flat]!;
  const sec = flats.section[flat]!;
  const adults = h.u8[i * B.stride + B.adults]!;
  const k = children(w, i, m);
  const family = k.minors > 0;
  const strong = inWorkOrEducation(h.u8[i * B.stride + B.status1]!) || (adults === 2 && inWorkOrEducation(h.u8[i * B.stride + B.status2]!));
  reasonHazards(w, c, i, family, strong, c.af.dissatisfaction[sec]!, c.af.safety[sec]!, c.af.stigma[sec]!);
  const eff = w.eff[e]!;
  const stay = m - h.i32[i * H.stride + H.movedIn]!;
  // the estate's, the elevator's and the extension lever's factors act on every reason; the
  // stay's stage and the social ties on all but the other reasons
  let outer = eff.hazardFactor;
  if (m - h.i32[i * H.stride + H.liftedAt]! < c.liftedMonths) outer *= c.liftedFactor;
  if (eff.extensionGroup !== 0 && groupMatches(eff.extensionGroup, strong, family)) outer *= eff.extensionFactor;
  let stage = earlyFactor(c, stay);
  if (c.socialOn)
    stage *= socialMultiplier(
      c.social,
      tiesNow(h, i, m, w.tieStep[e]!),
      h.u8[i * B.stride + B.familyNearby]!,
      h.u8[i * B.stride + B.volunteer]!,
      k.schoolAge && stay > 12,
    );
  const sub = c.sub;
  let total = 0;
  for (let j = 0; j < OTHER; j++) total += sub[j] = sub[j]! * stage * outer;
  total += sub[OTHER] = sub[OTHER]! * outer;
  addEvent(ev, EV.moveOut, total);
  // over-housed households may seek a swap (after the minimum tenancy)
  if (adults + h.u8[i * B.stride + B.nChildren]! + 2 <= flats.rooms[flat]! && m - h.i32[i * H.stride + H.flatSince]! >= c.swapMinMonths)
    addEvent(ev, EV.swapSeek, c.swapRate[e]!);
}

/**
 * An upper bound of household i's career probabilities in every month from m1 to m2, as long
 * as it does not change, into `c.boundBase` (all but the area-driven reasons, multiplier
 * included) and `c.boundMult` (the multiplier bound, by which the area-driven hazards are
 * multiplied month by month); `c.boundFamily` says whether safety and stigma apply. Each
 * factor of the multiplier is taken at its largest over the window: the early-stay factor at
 * its largest (an end, or its peak within), the ties at their present value (they only grow), the lifted, extension and
 * children's-friends factors at least 1.
 */
export function careerBound(w: World, c: CareerContext, i: number, m1: number, m2: number): void {
  const h = w.hh;
  c.boundBase = 0;
  c.boundMult = 0;
  c.boundFamily = false;
  if (h.i32[i * H.stride + H.listedAt]! >= 0) return;
  const flats = w.flats;
  const flat = h.i32[i * H.stride + H.flat]!;
  const e = flats.estate[flat]!;
  const adults = h.u8[i * B.stride + B.adults]!;
  const k = children(w, i, m1);
  const family = k.minors > 0;
  const strong = inWorkOrEducation(h.u8[i * B.stride + B.status1]!) || (adults === 2 && inWorkOrEducation(h.u8[i * B.stride + B.status2]!));
  reasonHazards(w, c, i, family, strong, 0, 0, 0);
  let base = 0;
  for (let j = 0; j < OTHER; j++) base += c.sub[j]!;
  const eff = w.eff[e]!;
  let outer = eff.hazardFactor;
  if (m1 - h.i32[i * H.stride + H.liftedAt]! < c.liftedMonths) outer *= Math.max(1, c.liftedFactor);
  if (eff.extensionGroup !== 0) outer *= Math.max(1, eff.extensionFactor);
  let mult = earlyFactorMax(c, m1 - h.i32[i * H.stride + H.movedIn]!, m2 - h.i32[i * H.stride + H.movedIn]!) * outer;
  if (c.socialOn) {
    const so = c.social;
    mult *= so.tieEffect >= 0 ? Math.exp(-so.tieEffect * tiesIn(h, i, m1 - 1, w.tieStep[e]!)) : Math.exp(-so.tieEffect);
    if (h.u8[i * B.stride + B.familyNearby]) mult *= so.familyNearbyFactor;
    if (h.u8[i * B.stride + B.volunteer]) mult *= so.volunteerFactor;
    if (family) mult *= Math.max(1, so.childFriendsFactor);
  }
  let swap = 0;
  if (adults + h.u8[i * B.stride + B.nChildren]! + 2 <= flats.rooms[flat]!) swap = c.swapRate[e]!;
  c.boundBase = base * mult + c.sub[OTHER]! * outer + swap;
  c.boundMult = mult;
  c.boundFamily = family;
}

/**
 * A household on the internal list waits; after `internalListPatience` months it gives up and
 * leaves (certain, not an event). Returns true if it left.
 */
export function listGiveUp(w: World, i: number, m: number): boolean {
  const h = w.hh;
  if (h.i32[i * H.stride + H.listedAt]! < 0 || h.u8[i * B.stride + B.listReason] === R.demolition) return false;
  if (m - h.i32[i * H.stride + H.listedAt]! < w.scenario.career.internalListPatience) return false;
  moveOut(w, i, h.u8[i * B.stride + B.listReason]!);
  return true;
}

/** The month in which household i, on the internal list, gives up (or a large number). */
export function listGiveUpMonth(w: World, i: number): number {
  const h = w.hh;
  if (h.i32[i * H.stride + H.listedAt]! < 0 || h.u8[i * B.stride + B.listReason] === R.demolition) return 0x7fffffff;
  return h.i32[i * H.stride + H.listedAt]! + w.scenario.career.internalListPatience;
}

/**
 * Carry out a career event of household i. Moving out: `v` (uniform in [0, 1)) picks the reason
 * in proportion to the hazards `careerEvents` put in `c.sub`; when the need can be met inside
 * the estate the household joins the internal list instead, and a household leaving for some
 * reasons may seek a flat in another estate of the region. Swap seeking: it joins `swapSeekers`.
 */
export function applyCareerEvent(w: World, c: CareerContext, i: number, code: number, v: number, rng: Rng, swapSeekers: number[]): void {
  if (code === EV.swapSeek) {
    swapSeekers.push(i);
    return;
  }
  const h = w.hh;
  const sc = w.scenario;
  const flat = h.i32[i * H.stride + H.flat]!;
  const e = w.flats.estate[flat]!;
  const rooms = w.flats.rooms[flat]!;
  const sub = c.sub;
  let total = 0;
  for (let j = 0; j < sub.length; j++) total += sub[j]!;
  let x = v * total;
  let reason: number = R.other;
  for (let j = 0; j < sub.length; j++) {
    if (x < sub[j]!) {
      reason = REASON_ORDER[j]!;
      break;
    }
    x -= sub[j]!;
  }
  const eff = w.eff[e]!;
  const canBuyHere = c.offer.ownerFlats[e]! > 0 && h.f32[i * H.stride + H.income]! * sc.region.maxPriceToIncome >= eff.unitPrice;
  const internalPossible =
    (reason === R.ownership && canBuyHere && eff.firstRight) ||
    (eff.internalList && ((reason === R.space && c.offer.maxRooms[e]! > rooms) || (reason === R.garden && c.offer.gardenFlats[e]! > 0)));
  if (internalPossible && sc.career.internalListPatience > 0) {
    h.u8[i * B.stride + B.listReason] = reason;
    joinList(w, e, i, w.month);
  } else if (w.layout.nEstates > 1 && REGION_REASONS[reason] && rng() < sc.region.seekInRegionShare) leaveForRegion(w, i, reason);
  else moveOut(w, i, reason);
}

const scratch = newEvents();

/**
 * One month of the career step alone, for every household (the model runs it inside the
 * household-month step): households on the list who waited too long leave; then one draw per
 * household from `rng` picks at most one event. `swapSeekers` collects this month's swap seekers.
 */
export function applyCareer(w: World, c: CareerContext, rng: Rng, swapSeekers: number[]): void {
  const h = w.hh;
  const m = w.month;
  for (let i = 0; i < h.used; i++) {
    if (!h.alive[i] || listGiveUp(w, i, m)) continue;
    resetEvents(scratch);
    careerEvents(w, c, i, m, scratch);
    const code = pickEvent(scratch, rng());
    if (code >= 0) applyCareerEvent(w, c, i, code, scratch.v, rng, swapSeekers);
  }
}
