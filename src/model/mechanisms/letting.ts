/**
 * Letting. Each month, first swaps (almenlejeloven § 69): over-housed households swap with
 * crowded families on the internal list when both have lived there 3+ years and neither
 * exceeds 1 person per room. Then every vacancy goes through the channels in this order:
 *  0. Rehousing: the municipality may claim up to every 3rd vacancy in the region for
 *     households displaced by demolition. A social flat designated for sale (ownership lever)
 *     becomes an owner-occupied unit as it falls vacant.
 *  1. Owner-occupied and co-op units are sold: residents on the internal list who want to own
 *     first (first right), then outside buyers. New large flats (merged or built) go to the
 *     internal list first, families first.
 *  2. Municipal allocation (kommunal anvisning) claims a share of family dwellings (every 4th
 *     by default), with the allocation bans when the area is listed (ABL § 59 stk. 6).
 *  3. Flexible letting (ABL § 60) by work or education: mandatory in listed and prevention
 *     areas, where it restricts the external applicants (residents' internal moves do not
 *     change who lives there, so the internal list is still served); elsewhere, lettings by
 *     agreement (a chosen share) are taken before the internal list.
 *  4. The internal waiting list (oprykning) gets every 2nd remaining waiting-list vacancy, in
 *     seniority order; young adults from the estate ("the coming middle class") may take
 *     small flats through it.
 *  5. Households who left another estate of the region, then the external waiting list:
 *     applicants drawn from the regional pool, whose share of resource-strong households rises
 *     and falls with the image; combined letting (§ 51 b) and the omdannelsesområde rule
 *     (§ 51 c, applied to the hard-ghetto status of either rule set) reject applicants on
 *     cash-type benefits. Under flexible letting, applicants in work or education go first.
 *     Applicants may decline; a flat nobody accepts stays vacant until next month.
 */
import { CH, R } from '../codes.js';
import { logistic, logit } from '../logodds.js';
import { type DrawProfile, HT, drawHousehold, refreshIncome } from '../population.js';
import type { Rng, StreamRng } from '../rng.js';
import { NONE, Tenure, isResourceStrongHousehold, persons, H, B, get8, set8, get32, set32, getF32 } from '../state.js';
import { F, NFLOW } from '../flows.js';
import type { World } from '../world.js';
import { allocSlot, formHousehold, freeSlot, moveIn, moveInternal, rehouse, swapFlats, withholdForMerge } from '../occupancy.js';
import { takeFromList, takeSwapPartner } from '../internal-list.js';

/**
 * Probability that a waiting-list applicant for an estate is resource-strong: the region's
 * applicant pool (`share`, at a typical estate), shifted on the log-odds scale by the estate's
 * attractiveness and by its image relative to the region's.
 */
export function applicantStrongProb(share: number, attractiveness: number, imageEffect: number, image: number, regionImage: number): number {
  if (share <= 0 || share >= 1) return share;
  return logistic(logit(share) + attractiveness + imageEffect * (image - regionImage));
}

/** Share of resource-strong households among the applicants who accept an offer. */
export function acceptedStrongShare(p: number, strongAcceptance: number, weakAcceptance: number): number {
  const s = p * strongAcceptance;
  const d = s + (1 - p) * weakAcceptance;
  return d > 0 ? s / d : 0;
}

/** Everything letting needs per area (section), fixed for the month. */
export interface LettingContext {
  /** Applicant profiles per estate. */
  profiles: DrawProfile[];
  /** Per section: probability that an external applicant is resource-strong. */
  strongProb: Float64Array;
  /** Per section: bans in force. */
  bans: Uint8Array;
  /** Per section: flexible letting mandatory (listed or prevention area). */
  flexibleMandatory: Uint8Array;
  /** Per section: cash-benefit applicants are rejected (combined letting or omdannelsesområde). */
  rejectCash: Uint8Array;
}

export function lettingContext(w: World, profiles: DrawProfile[]): LettingContext {
  const n = w.layout.sectionNames.length;
  const sc = w.scenario;
  const ctx: LettingContext = {
    profiles,
    strongProb: new Float64Array(n),
    bans: new Uint8Array(n),
    flexibleMandatory: new Uint8Array(n),
    rejectCash: new Uint8Array(n),
  };
  for (let s = 0; s < n; s++) {
    const e = w.layout.sectionEstate[s]!;
    const spec = sc.estates[w.layout.estateSpec[e]!]!;
    const a = w.area;
    const imageEff = sc.spiral.enabled ? sc.spiral.imageOnApplicants : 0;
    ctx.strongProb[s] = applicantStrongProb(sc.region.applicantStrongShare, spec.attractiveness, imageEff, a.image[s]!, sc.region.image);
    const status = a.status[s]!;
    const eff = w.eff[e]!;
    ctx.bans[s] = eff.bans === 'on' || (eff.bans === 'auto' && sc.letting.bansWhenListed && status >= 2) ? 1 : 0;
    ctx.flexibleMandatory[s] = status >= 1 ? 1 : 0;
    ctx.rejectCash[s] = status === 4 || (eff.combinedLetting && a.outsideShare[s]! >= 0.4) ? 1 : 0;
  }
  return ctx;
}

/** Draw a newcomer into a fresh slot; returns the slot. */
function newcomer(w: World, ctx: LettingContext, e: number, flat: number, strongProb: number, vulnerableProb: number, rng: StreamRng): number {
  const i = allocSlot(w, flat);
  drawHousehold(w.scenario, w.hh, i, ctx.profiles[e]!, { rooms: w.flats.rooms[flat]!, month: w.month, strongProb, vulnerableProb, type: -1 }, rng);
  return i;
}

/** Acceptance multiplier for a flat whose rent is above the ordinary rent for its size. */
export function rentAcceptance(w: World, flat: number): number {
  const spec = w.scenario.estates[w.layout.estateSpec[w.flats.estate[flat]!]!]!;
  const ordinary = spec.rentBase + spec.rentPerRoom * w.flats.rooms[flat]!;
  const rent = w.flats.rent[flat]! * w.eff[w.flats.estate[flat]!]!.rentFactor;
  return rent <= ordinary ? 1 : Math.pow(ordinary / rent, w.scenario.letting.rentElasticity);
}

/** Rehouse a household displaced by demolition into `flat`, if one of the first three in line fits and accepts. */
function takeRehousing(w: World, flat: number, rng: Rng): boolean {
  const q = w.queues.rehousing;
  const rooms = w.flats.rooms[flat]!;
  const sim = w.scenario.letting.relocationSimilarity;
  for (let k = 0; k < q.length && k < 3; k++) {
    const rec = q.at(k);
    if (persons(w.hh, rec.slot) > rooms + 1) continue;
    const d = Math.abs(w.area.outsideShare[w.flats.section[rec.fromFlat]!]! - w.area.outsideShare[w.flats.section[flat]!]!);
    if (rng() >= Math.exp(-d / sim)) continue;
    q.removeAt(k);
    rehouse(w, rec, flat);
    return true;
  }
  return false;
}

/**
 * A household that left another estate of the region takes `flat`, if one of the first three
 * in line wants it: a larger flat for those who left for space, a garden for those who left
 * for a garden, and otherwise an estate with an image at least as good as the one they left.
 */
function takeRegionMover(w: World, flat: number, rng: Rng): boolean {
  const q = w.queues.regionMovers;
  const f = w.flats;
  const e = f.estate[flat]!;
  const sec = f.section[flat]!;
  for (let k = 0, tried = 0; k < q.length && tried < 3; k++) {
    const rec = q.at(k);
    if (rec.fromEstate === e) continue;
    tried++;
    const fromSec = f.section[rec.fromFlat]!;
    const fits = persons(w.hh, rec.slot) <= f.rooms[flat]! + 1;
    const wants =
      rec.reason === R.space
        ? f.rooms[flat]! > f.rooms[rec.fromFlat]!
        : rec.reason === R.garden
          ? f.garden[flat] === 1
          : w.area.image[sec]! >= w.area.image[fromSec]!;
    if (!fits || !wants || rng() >= rentAcceptance(w, flat)) continue;
    q.removeAt(k);
    rehouse(w, rec, flat);
    return true;
  }
  return false;
}

/** Let one vacant flat; false if it stays vacant this month. */
export function letVacancy(w: World, ctx: LettingContext, flat: number, rng: StreamRng): boolean {
  const sc = w.scenario;
  const L = sc.letting;
  const fl = w.flats;
  const e = fl.estate[flat]!;
  const eff = w.eff[e]!;
  const sec = fl.section[flat]!;
  const row = e * NFLOW;
  // 0. rehousing of households displaced by demolition (up to every 3rd vacancy)
  if (w.queues.rehousing.length > 0) {
    w.letting.rehousingAcc += L.rehousingShare;
    if (w.letting.rehousingAcc >= 1 - 1e-9) {
      w.letting.rehousingAcc -= 1;
      if (takeRehousing(w, flat, rng)) return true;
    }
  }
  // social flats designated for sale become owner-occupied units as they fall vacant
  if (fl.tenure[flat] === Tenure.social && w.letting.pendingSales[e]! > 0) {
    fl.tenure[flat] = Tenure.owner;
    w.letting.pendingSales[e]!--;
    w.flows[row + F.unitsSold]++;
  }
  // 1. sale of owner-occupied and co-op units: residents first, then outside buyers
  if (fl.tenure[flat] !== Tenure.social) {
    const buyer = eff.firstRight ? takeFromList(w, e, flat, false) : -1;
    if (buyer >= 0) {
      moveInternal(w, buyer, flat, R.ownership, true);
      return true;
    }
    for (let k = 0; k < L.offersPerMonth; k++) {
      const i = newcomer(w, ctx, e, flat, ctx.strongProb[sec]!, 0, rng);
      if (getF32(w.hh, i, H.income) * sc.region.maxPriceToIncome >= eff.unitPrice) {
        moveIn(w, i, flat, CH.sale);
        return true;
      }
      freeSlot(w, i);
    }
    return false;
  }
  // new large flats (merged or built) go to residents on the internal list first, families first
  if (w.stock.internalFirst[flat]) {
    w.stock.internalFirst[flat] = 0;
    if (eff.internalList) {
      const i = takeFromList(w, e, flat, true);
      if (i >= 0) {
        moveInternal(w, i, flat, get8(w.hh, i, B.listReason), true);
        return true;
      }
    }
  }
  const familyDwelling = fl.rooms[flat]! >= 2;
  // 2. municipal allocation
  if (familyDwelling) {
    w.letting.municipalAcc[e]! += eff.municipalShare;
    if (w.letting.municipalAcc[e]! >= 1 - 1e-9) {
      w.letting.municipalAcc[e]! -= 1;
      // households in acute need are never stronger than the waiting list's accepting applicants
      // (so allocating fewer of them never lowers the resource-strong share of in-movers)
      let strong = Math.min(L.municipalStrongShare, acceptedStrongShare(ctx.strongProb[sec]!, L.strongAcceptance, L.weakAcceptance));
      let vuln = L.municipalVulnerableShare;
      if (ctx.bans[sec]) {
        strong = strong / (strong + (1 - strong) * (1 - L.bannedShareOfWeak));
        vuln *= 1 - L.bannedShareOfWeak;
      }
      moveIn(w, newcomer(w, ctx, e, flat, strong, vuln, rng), flat, CH.municipal);
      return true;
    }
  }
  // 3. flexible letting by work or education
  const mandatory = ctx.flexibleMandatory[sec] === 1;
  let byAgreement = false;
  if (!mandatory && eff.flexibleShare > 0) {
    w.letting.flexibleAcc[e]! += eff.flexibleShare;
    if (w.letting.flexibleAcc[e]! >= 1 - 1e-9) {
      w.letting.flexibleAcc[e]! -= 1;
      byAgreement = true;
      // counted apart from the list's mandate: a lever whose vacancies were all mandatory anyway never acted
      w.flows[row + F.flexibleByAgreement]++;
    }
  }
  const flexible = mandatory || byAgreement;
  // 4. internal waiting list, every n-th waiting-list vacancy not let flexibly by agreement
  if (eff.internalList && !byAgreement) {
    w.letting.internalAcc[e]! += eff.internalShare;
    if (w.letting.internalAcc[e]! >= 1 - 1e-9) {
      w.letting.internalAcc[e]! -= 1;
      const i = takeFromList(w, e, flat, eff.familyPriorityLarge && fl.rooms[flat]! >= 4);
      if (i >= 0) {
        moveInternal(w, i, flat, get8(w.hh, i, B.listReason), true);
        return true;
      }
      const seekers = w.queues.seekers[e]!;
      if (fl.rooms[flat]! <= 2 && seekers.length > 0) {
        const s = seekers.shift()!;
        const j = allocSlot(w, flat);
        const h = w.hh;
        drawHousehold(sc, h, j, ctx.profiles[e]!, { rooms: fl.rooms[flat]!, month: w.month, strongProb: 0, vulnerableProb: 0, type: HT.youngSingle }, rng);
        set32(h, j, H.birth1, s.birth);
        set8(h, j, B.female1, s.female);
        set8(h, j, B.status1, s.status);
        set8(h, j, B.edu1, s.edu);
        set8(h, j, B.origin, s.origin);
        set8(h, j, B.adults, 1);
        set8(h, j, B.nChildren, 0);
        set8(h, j, B.familyNearby, 1);
        set8(h, j, B.wantsGarden, 0);
        // a grown child has lived here since childhood (assumed since birth); a separated partner since the break-up
        set32(h, j, H.movedIn, s.reason === R.childLeftHome ? s.birth : w.month);
        refreshIncome(sc, h, j);
        formHousehold(w, j, flat, s.reason);
        return true;
      }
    }
  }
  // households from other estates of the region apply through the external list too
  if (w.queues.regionMovers.length > 0 && !flexible && takeRegionMover(w, flat, rng)) return true;
  // 5. external waiting list. Flexible letting: applicants in work or education go first;
  // if none of the month's offers qualifies, a second round of ordinary offers follows.
  // (a share of flexible lettings finds no one who meets the criteria: `letting.flexibleFindShare`;
  // no draw when every one looks, so that a scenario at 1 keeps its random numbers)
  const looks = flexible && (L.flexibleFindShare >= 1 || rng() < L.flexibleFindShare);
  if (looks && offerExternally(w, ctx, flat, rng, true)) return true;
  return offerExternally(w, ctx, flat, rng, false);
}

/**
 * A month's offers of `flat` from the external waiting list (`strongOnly`: the flexible round,
 * to applicants in work or education only). Returns true if the flat was let. (Its own function
 * rather than a loop over the two rounds: the step to a second round, rare where letting is not
 * flexible, would throw the compiled `letVacancy` away the first time it is taken.)
 */
function offerExternally(w: World, ctx: LettingContext, flat: number, rng: StreamRng, strongOnly: boolean): boolean {
  const L = w.scenario.letting;
  const e = w.flats.estate[flat]!;
  const sec = w.flats.section[flat]!;
  const row = e * NFLOW;
  const vulnerableShare = w.scenario.estates[w.layout.estateSpec[e]!]!.applicants.vulnerableShare;
  const pStrong = ctx.strongProb[sec]!;
  const rentAccept = rentAcceptance(w, flat);
  for (let k = 0; k < L.offersPerMonth; k++) {
    const strong = rng() < pStrong;
    if (strongOnly && !strong) continue;
    if (!strong && ctx.rejectCash[sec] && rng() < L.cashBenefitShareOfWeak) continue;
    const accept = (strong ? L.strongAcceptance : L.weakAcceptance) * rentAccept;
    if (rng() >= accept) {
      w.flows[row + F.offersDeclined]++;
      continue;
    }
    const i = newcomer(w, ctx, e, flat, strong ? 1 : 0, vulnerableShare, rng);
    if (strongOnly && !isResourceStrongHousehold(w.hh, i)) {
      // drawn as resource-strong but retired (60+): does not meet the work-or-education criteria
      freeSlot(w, i);
      continue;
    }
    moveIn(w, i, flat, strongOnly ? CH.flexible : CH.external);
    return true;
  }
  return false;
}

/** Let all vacancies (including those freed by internal moves this month). */
export function applyLetting(w: World, ctx: LettingContext, rng: StreamRng, swapSeekers: number[]): void {
  serveSwaps(w, swapSeekers);
  const carry: number[] = [];
  let queue = w.queues.vacancies;
  w.queues.vacancies = [];
  while (queue.length > 0) {
    for (const flat of queue) {
      if (!w.flats.active[flat] || w.flats.occupant[flat]! >= 0) continue;
      if (w.stock.mergePartner[flat] !== NONE) {
        withholdForMerge(w, flat);
        continue;
      }
      if (!letVacancy(w, ctx, flat, rng)) carry.push(flat);
    }
    queue = w.queues.vacancies;
    w.queues.vacancies = [];
  }
  w.queues.vacancies = carry;
  // displaced households not rehoused in time leave the region for good
  const patience = w.scenario.letting.rehousingPatience;
  while (w.queues.rehousing.length > 0 && w.month - w.queues.rehousing.at(0).since > patience) freeSlot(w, w.queues.rehousing.shift().slot);
  while (w.queues.regionMovers.length > 0 && w.month - w.queues.regionMovers.at(0).since > patience) freeSlot(w, w.queues.regionMovers.shift().slot);
  // seekers who were not served within a year give up (leave the estate as persons)
  for (let e = 0; e < w.layout.nEstates; e++) {
    const s = w.queues.seekers[e]!;
    let drop = 0;
    while (drop < s.length && w.month - s[drop]!.since > 12) drop++;
    if (drop > 0) {
      s.splice(0, drop);
      w.flows[e * NFLOW + F.dropped] += drop;
    }
  }
}

/** Pair swap seekers with crowded families on the internal list (almenlejeloven § 69). */
function serveSwaps(w: World, seekers: number[]): void {
  const h = w.hh;
  const fl = w.flats;
  const minMonths = w.scenario.letting.swapMinYears * 12;
  for (const a of seekers) {
    if (!h.alive[a]) continue;
    const fa = get32(h, a, H.flat);
    // b gets more rooms; neither household above 1 person per room after the swap
    const b = takeSwapPartner(w, fl.estate[fa]!, fl.rooms[fa]!, persons(h, a), minMonths);
    if (b >= 0) swapFlats(w, a, b);
  }
  seekers.length = 0;
}
