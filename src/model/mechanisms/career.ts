/**
 * Housing career and temporariness: each month every household faces voluntary move-out
 * hazards, one per reason:
 *  - space: persons above the number of rooms (families with children), or a family that
 *    wants one more room;
 *  - garden: a family who wants a garden and has none;
 *  - ownership: wants to own and can finance a house at regional prices;
 *  - job, dissatisfaction (social problems, image), safety (crime, families), stigma (listed
 *    area, families), other.
 * Space and garden are scaled down for households who are not resource-strong (they rarely
 * can pay for the next step); ownership needs an income that can finance a house anyway. All are multiplied by the early-stay factor
 * (highest in the first years), the social factor (ties, family, volunteering, children's
 * friends), the lifted factor (elevator) and the extension lever.
 *
 * "They move to something, not away from something": when the need behind a space, garden or
 * ownership draw can be met inside the estate, the household joins the internal waiting list
 * instead of leaving, and leaves only if it is not served within `internalListPatience`.
 */
import { R } from '../codes.js';
import { type Rng, monthly } from '../rng.js';
import { MAX_CHILDREN, Status, Tenure, inWorkOrEducation } from '../state.js';
import { type World, leaveForRegion, moveOut } from '../world.js';
import { joinList } from '../internal-list.js';
import { socialMultiplier } from './social.js';
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
  const n = w.nEstates;
  const o = { maxRooms: new Int32Array(n), gardenFlats: new Int32Array(n), ownerFlats: new Int32Array(n) };
  const f = w.flats;
  for (let k = 0; k < f.n; k++) {
    if (!f.active[k]) continue;
    const e = f.estate[k]!;
    if (f.rooms[k]! > o.maxRooms[e]!) o.maxRooms[e] = f.rooms[k]!;
    if (f.garden[k]) o.gardenFlats[e]!++;
    if (f.tenure[k] !== Tenure.social) o.ownerFlats[e]!++;
  }
  for (let e = 0; e < n; e++) o.ownerFlats[e]! += w.pendingSales[e]!;
  return o;
}

/** Per-section multipliers from the area state, computed once per month. */
export interface AreaFactors {
  dissatisfaction: Float64Array;
  safety: Float64Array;
  stigma: Float64Array;
}

export function areaFactors(w: World): AreaFactors {
  const n = w.sectionNames.length;
  const sp = w.scenario.spiral;
  const a = w.area;
  const out = { dissatisfaction: new Float64Array(n), safety: new Float64Array(n), stigma: new Float64Array(n) };
  for (let s = 0; s < n; s++) {
    const imageGap = Math.max(0, a.referenceImage[s]! - a.image[s]!);
    const problems = Math.max(0.2, 1 + (a.problems[s]! - a.problems0[s]!));
    out.dissatisfaction[s] = Math.exp(sp.imageOnStaying * imageGap) * problems;
    out.safety[s] = a.crime[s]!;
    out.stigma[s] = a.status[s]! >= 2 ? w.scenario.classification.listStigmaFactor : 0;
  }
  return out;
}

/** Reasons after which a leaving household may seek a flat in another estate of the region. */
const REGION_REASONS: Record<number, boolean> = { [R.space]: true, [R.garden]: true, [R.dissatisfaction]: true, [R.safety]: true, [R.stigma]: true, [R.other]: true };

const earlyCache = new Map<string, Float64Array>();
/** The early-stay multiplier 1 + early·exp(-months/earlyMonths) for 0..1199 months (cached). */
function earlyTable(early: number, earlyMonths: number): Float64Array {
  const key = `${early}/${earlyMonths}`;
  let t = earlyCache.get(key);
  if (!t) {
    t = new Float64Array(1200);
    for (let s = 0; s < t.length; s++) t[s] = 1 + early * Math.exp(-s / earlyMonths);
    earlyCache.set(key, t);
  }
  return t;
}

/** Minimum rooms a household of this size wants: one per person, at least 1, at most 5. */
export const roomsWanted = (persons: number): number => Math.min(5, Math.max(1, persons));

/**
 * One month of voluntary move-out decisions. `swapSeekers` collects over-housed households
 * who seek a swap this month (served in letting.ts).
 */
export function applyCareer(w: World, r: CareerRates, offer: EstateOffer, af: AreaFactors, rng: Rng, swapSeekers: number[]): void {
  const h = w.hh;
  const m = w.month;
  const sc = w.scenario;
  const c = sc.career;
  const socialOn = sc.social.enabled;
  const weak = c.weakCareerFactor;
  const early = c.earlyBoost;
  const earlyMonths = c.earlyYears * 12;
  const liftedF = sc.elevator.liftedExitFactor;
  const liftedMonths = sc.elevator.liftedMonths;
  const maxPTI = sc.region.maxPriceToIncome;
  const canBuyIncome = sc.region.housePrice / maxPTI;
  const swapRate = w.eff.map((x) => monthly(x.swapAnnual));
  const patience = c.internalListPatience;
  const regional = w.nEstates > 1;
  const seekRegion = sc.region.seekInRegionShare;
  const swapMinMonths = sc.letting.swapMinYears * 12;
  const flats = w.flats;
  const so = sc.social;
  const early0 = earlyTable(early, earlyMonths);
  for (let i = 0; i < h.used; i++) {
    if (!h.alive[i]) continue;
    const flat = h.flat[i]!;
    const e = flats.estate[flat]!;
    const rooms = flats.rooms[flat]!;
    const adults = h.adults[i]!;
    const nKids = h.nChildren[i]!;
    const persons = adults + nKids;
    // on the internal list: wait, and give up after the patience runs out
    if (h.listedAt[i]! >= 0) {
      if (m - h.listedAt[i]! >= patience && h.listReason[i] !== R.demolition) moveOut(w, i, h.listReason[i]!);
      continue;
    }
    let minors = 0;
    let schoolAge = false;
    const base = i * MAX_CHILDREN;
    for (let k = 0; k < nKids; k++) {
      const a = m - h.childBirth[base + k]!;
      if (a < 216) {
        minors++;
        if (a >= 72) schoolAge = true;
      }
    }
    const family = minors > 0;
    const strong = inWorkOrEducation(h.status1[i]!) || (adults === 2 && inWorkOrEducation(h.status2[i]!));
    const pay = strong ? 1 : weak;
    const eff = w.eff[e]!;
    const income = h.income[i]!;
    // can buy a house in the region, or (ownership lever) a unit in the estate
    const canBuyHere = offer.ownerFlats[e]! > 0 && income * maxPTI >= eff.unitPrice;
    // hazards by reason (monthly)
    const gap = persons - rooms;
    const hSpace = family ? (gap > 0 ? r.space * gap : rooms < 5 && gap === 0 ? r.moreRoom : 0) * pay : 0;
    const hGarden = family && h.wantsGarden[i] && !flats.garden[flat] ? r.garden * pay * eff.gardenFactor : 0;
    const hOwn = h.wantsOwn[i] && flats.tenure[flat] === Tenure.social && (income >= canBuyIncome || canBuyHere) ? r.ownership : 0;
    const hJob = h.status1[i] === Status.employed || (adults === 2 && h.status2[i] === Status.employed) ? r.job : 0;
    const sec = flats.section[flat]!;
    const hDiss = r.dissatisfaction * af.dissatisfaction[sec]!;
    const hSafety = family ? r.safety * af.safety[sec]! : 0;
    const hStigma = family ? r.stigma * af.stigma[sec]! : 0;
    const total0 = hSpace + hGarden + hOwn + hJob + hDiss + hSafety + hStigma + r.other;
    const stay = m - h.movedIn[i]!;
    let mult = (stay >= 0 && stay < early0.length ? early0[stay]! : 1 + early * Math.exp(-stay / earlyMonths)) * eff.hazardFactor;
    if (socialOn) mult *= socialMultiplier(so, h.ties[i]!, h.familyNearby[i]!, h.volunteer[i]!, schoolAge && stay > 12);
    if (m - h.liftedAt[i]! < liftedMonths) mult *= liftedF;
    if (eff.extensionGroup !== 0 && groupMatches(eff.extensionGroup, strong, family)) mult *= eff.extensionFactor;
    const u = rng();
    const total = total0 * mult;
    if (u < total) {
      // which reason: partition [0, total)
      let x = u / mult;
      let reason: number = R.other;
      if ((x -= hSpace) < 0) reason = R.space;
      else if ((x -= hGarden) < 0) reason = R.garden;
      else if ((x -= hOwn) < 0) reason = R.ownership;
      else if ((x -= hJob) < 0) reason = R.job;
      else if ((x -= hDiss) < 0) reason = R.dissatisfaction;
      else if ((x -= hSafety) < 0) reason = R.safety;
      else if ((x -= hStigma) < 0) reason = R.stigma;
      const internalPossible =
        (reason === R.ownership && canBuyHere && eff.firstRight) ||
        (eff.internalList && ((reason === R.space && offer.maxRooms[e]! > rooms) || (reason === R.garden && offer.gardenFlats[e]! > 0)));
      if (internalPossible && patience > 0) {
        h.listReason[i] = reason;
        joinList(w, e, i, m);
      } else if (regional && REGION_REASONS[reason] && rng() < seekRegion) leaveForRegion(w, i, reason);
      else moveOut(w, i, reason);
      continue;
    }
    // over-housed households may seek a swap (after the minimum tenancy)
    if (persons + 2 <= rooms && m - h.flatSince[i]! >= swapMinMonths && rng() < swapRate[e]!) swapSeekers.push(i);
  }
}

