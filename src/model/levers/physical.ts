/**
 * Levers that change the estate itself, once, when they take effect: larger flats (merge or
 * build), gardens, sale of units, upgrade and renaming, demolition.
 */
import { R } from '../codes.js';
import { joinList } from '../internal-list.js';
import { NONE, Tenure, B, set8 } from '../state.js';
import { DIVIDED } from '../layout.js';
import { F, NFLOW } from '../flows.js';
import type { World } from '../world.js';
import { displace } from '../occupancy.js';
import type { LeverModule } from './types.js';

const flatRange = (w: World, e: number): [number, number] => [w.layout.flatStart[e]!, w.layout.flatStart[e + 1]!];

/**
 * Larger flats. Merge: `count` pairs of neighbouring small flats (same stairwell and storey,
 * social tenure) are designated; each is withheld from letting when it falls vacant and the
 * pair becomes one large flat once both are empty (no one is evicted). Build: `count` new
 * flats (reserved at the start of the run) enter the stock and are let.
 */
export const largerFlats: LeverModule<'largerFlats'> = {
  reserveFlats: (p) => (p.mode === 'build' ? p.count : 0),
  start: (w, p, e) => {
    const f = w.flats;
    const spec = w.scenario.estates[w.layout.estateSpec[e]!]!;
    const rentOf = (rooms: number) => p.rent ?? spec.rentBase + spec.rentPerRoom * rooms;
    if (p.mode === 'build') {
      let made = 0;
      for (let k = w.stock.reservedStart[e]!; k < w.stock.reservedEnd[e]! && made < p.count; k++) {
        if (f.active[k] || w.stock.reservedUsed[k]) continue;
        w.stock.reservedUsed[k] = 1;
        f.active[k] = 1;
        w.stock.version++;
        f.rooms[k] = p.rooms;
        f.rent[k] = rentOf(p.rooms);
        f.vacantSince[k] = w.month;
        w.stock.internalFirst[k] = 1;
        w.queues.vacancies.push(k);
        made++;
      }
      w.flows[e * NFLOW + F.flatsBuilt] += made;
      return;
    }
    const [a, b] = flatRange(w, e);
    let pairs = 0;
    for (let k = a; k + 1 < b && pairs < p.count; k++) {
      const j = k + 1;
      if (!f.active[k] || !f.active[j] || f.stairwell[k] !== f.stairwell[j] || f.floor[k] !== f.floor[j]) continue;
      if (f.rooms[k]! + f.rooms[j]! < 3 || f.rooms[k]! > 2 || f.rooms[j]! > 2) continue;
      if (f.tenure[k] !== Tenure.social || f.tenure[j] !== Tenure.social) continue;
      if (w.stock.mergePartner[k] !== NONE || w.stock.mergePartner[j] !== NONE) continue;
      w.stock.mergePartner[k] = j;
      w.stock.mergePartner[j] = k;
      w.stock.mergeRooms[k] = Math.min(p.rooms, f.rooms[k]! + f.rooms[j]!);
      w.stock.mergeRent[k] = rentOf(w.stock.mergeRooms[k]!);
      pairs++;
      k++;
    }
    // the tenants of designated flats are offered another flat first ("genhusning"): they go
    // to the front of the internal list, and are not evicted if none is found
    for (let k = a; k < b; k++) {
      const i = f.occupant[k]!;
      if (w.stock.mergePartner[k] === NONE || i === NONE) continue;
      set8(w.hh, i, B.listReason, R.demolition);
      joinList(w, e, i, w.month, true);
    }
  },
};

/** Gardens: a share of ground-floor flats without a garden get a private garden. */
export const gardens: LeverModule<'gardens'> = {
  effective: (e, p) => {
    e.gardenFactor *= 1 - p.wishSatisfied;
  },
  start: (w, p, e) => {
    const f = w.flats;
    const [a, b] = flatRange(w, e);
    const rng = w.rngs.levers;
    for (let k = a; k < b; k++) if (f.active[k] && f.floor[k] === 0 && !f.garden[k] && rng() < p.privateGardens) f.garden[k] = 1;
  },
};

/** Ownership: `units` social flats are sold as owner-occupied units as they fall vacant. */
export const ownership: LeverModule<'ownership'> = {
  effective: (e, p) => {
    e.unitPrice = p.price;
    e.firstRight = p.firstRight;
  },
  start: (w, p, e) => {
    w.letting.pendingSales[e]! += p.units;
  },
};

/** Upgrade and renaming: an immediate rise of the image, halved unless physical or social work accompanies it. */
export const upgradeRename: LeverModule<'upgradeRename'> = {
  start: (w, p, e) => {
    const m = w.month;
    const accompanied = w.scenario.policies.some(
      (q) =>
        (q.lever === 'renovation' || q.lever === 'vulnerableWork') &&
        (q.estate === undefined || q.estate === w.layout.estateSpec[e]) &&
        q.from <= w.scenario.startYear + Math.floor((m - 1) / 12) &&
        (q.until === undefined || q.until > w.scenario.startYear + Math.floor((m - 1) / 12)),
    );
    const jump = accompanied ? p.jump : p.jump / 2;
    for (let s = w.layout.sectionStart[e]!; s < w.layout.sectionStart[e + 1]!; s++) {
      w.area.image[s] = Math.min(1, w.area.image[s]! + jump);
      w.area.imageShift[s]! += jump;
    }
  },
};

/**
 * Dividing the estate into smaller named units: from now on each section keeps its own image,
 * social problems and crime (the spiral), starting from the estate's current state. The list
 * classification keeps the whole estate, the physically contiguous area of almenboligloven
 * § 61 a, unless the sections become physically separate areas (`physicallySeparate`): then
 * each section is classified on its own, and one of fewer than 1,000 residents not at all.
 */
export const divideEstate: LeverModule<'divideEstate'> = {
  start: (w, p, e) => {
    w.layout.divided[e] = p.physicallySeparate ? DIVIDED.separate : DIVIDED.named;
  },
};

/**
 * Demolition: `flats` flats are demolished at once, whole stairwells from the estate's last
 * building backwards. Their households are displaced: they leave the estate and wait to be
 * rehoused in the region (letting.ts), preferring estates like the one they left.
 */
export const demolition: LeverModule<'demolition'> = {
  start: (w, p, e) => {
    const f = w.flats;
    const [a, b] = flatRange(w, e);
    let left = p.flats;
    for (let k = b - 1; k >= a && left > 0; k--) {
      if (!f.active[k]) continue;
      const i = f.occupant[k]!;
      f.active[k] = 0;
      w.stock.version++;
      if (i !== NONE) displace(w, i);
      left--;
      w.flows[e * NFLOW + F.flatsDemolished]++;
    }
  },
};
