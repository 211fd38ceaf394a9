/**
 * Occupancy check by replay: start from the flats' occupants at month 0 (`initialWorld`) and
 * apply every move of the move log in order, checking each move against the occupancy it
 * finds:
 *  - `in` and `formed`: a household never seen before takes a flat that is vacant;
 *  - `out`: the household leaves the flat it occupies, and is never seen again — except that
 *    it may come back (once per departure) as an `in` naming the flat it left as its fromFlat: through the
 *    `relocation` channel after demolition (reason `demolition`), or through the `region`
 *    channel into another estate of the region after a voluntary move-out;
 *  - `internal`: the household moves from the flat it occupies to a vacant flat; a swap is a
 *    pair of internal moves (reason `swap`, same month, one right after the other) in which
 *    two households exchange their flats.
 * At the end of every month the occupied flats per estate must equal the `households` metric
 * (and `flats - vacantFlats`), and the moves per kind must equal the flows in the metrics.
 *
 * This is an independent reconstruction of occupancy from the log: it does not read the
 * world's occupant array after month 0.
 */
import { CHANNELS, EXIT_REASONS, K, R, REASONS } from '../../src/model/codes.js';
import { METRIC_INDEX, NMETRIC } from '../../src/model/reporters.js';
import type { ReplicationResult } from '../../src/model/simulate.js';
import type { World } from '../../src/model/world.js';
import { H } from '../../src/model/state.js';

export interface ReplayReport {
  /** Problems found (empty when the log is consistent). */
  errors: string[];
  /** Counts of moves by kind over the whole run (for checking that the run exercised them). */
  counts: { in: number; out: number; internal: number; formed: number; swaps: number; displaced: number; relocated: number; fromRegion: number };
}

const MAX_ERRORS = 20;
const NEXIT = EXIT_REASONS.length;
/** The metric counting exits for reason r: exitsSpace, exitsGarden, ... */
export const exitMetric = (r: number): string => `exits${EXIT_REASONS[r]![0]!.toUpperCase()}${EXIT_REASONS[r]!.slice(1)}`;
/** Channel codes of households coming back after leaving a flat (-1 if the model has none). */
const RELOCATION = (CHANNELS as readonly string[]).indexOf('relocation');
const REGION = (CHANNELS as readonly string[]).indexOf('region');
const DEMOLITION = (REASONS as readonly string[]).indexOf('demolition');
/** The flows of resource-strong in-movers by letting channel, in the order the replay counts them. */
const STRONG_IN = ['inResourceStrongMunicipal', 'inResourceStrongFlexible', 'inResourceStrongExternal'];

/** Metric value of row r in month m. */
export function metricAt(res: ReplicationResult, m: number, r: number, name: string): number {
  const k = METRIC_INDEX[name];
  if (k === undefined) throw new Error(`no metric ${name}`);
  return res.metrics[(m * res.rowNames.length + r) * NMETRIC + k]!;
}

/** Replay the move log of `res` from the initial world `w0` (same scenario and seed). */
export function replayMoves(w0: World, res: ReplicationResult): ReplayReport {
  const errors: string[] = [];
  const err = (s: string) => {
    if (errors.length < MAX_ERRORS) errors.push(s);
  };
  const counts = { in: 0, out: 0, internal: 0, formed: 0, swaps: 0, displaced: 0, relocated: 0, fromRegion: 0 };
  const nFlats = w0.flats.n;
  const nEstates = w0.layout.nEstates;
  const nRows = res.rowNames.length;
  const flatEstate = w0.flats.estate;
  // occupancy by uid, built from the initial world
  const occ = new Int32Array(nFlats).fill(-1);
  const where = new Map<number, number>();
  const seen = new Set<number>();
  /** Households that left a flat and may still come back once: uid -> the flat and reason. */
  const left = new Map<number, { flat: number; reason: number }>();
  const h = w0.hh;
  for (let i = 0; i < h.used; i++) {
    if (!h.alive[i]) continue;
    const f = h.i32[i * H.stride + H.flat]!;
    if (f < 0 || f >= nFlats) err(`month 0: household slot ${i} has no flat (${f})`);
    else if (w0.flats.occupant[f] !== i) err(`month 0: household slot ${i} says flat ${f}, the flat says ${w0.flats.occupant[f]}`);
    if (where.has(h.i32[i * H.stride + H.uid]!)) err(`month 0: uid ${h.i32[i * H.stride + H.uid]} used twice`);
    where.set(h.i32[i * H.stride + H.uid]!, f);
    seen.add(h.i32[i * H.stride + H.uid]!);
  }
  for (let f = 0; f < nFlats; f++) {
    const i = w0.flats.occupant[f]!;
    if (i < 0) continue;
    if (!h.alive[i] || h.i32[i * H.stride + H.flat] !== f) err(`month 0: flat ${f} holds slot ${i}, which does not live there`);
    occ[f] = h.i32[i * H.stride + H.uid]!;
  }

  const L = res.log;
  let k = 0;
  const checkMonthEnd = (m: number, perKind: number[][], outReasons: number[][], strongIn: number[][] = []) => {
    const occupied = new Array<number>(nEstates).fill(0);
    for (let f = 0; f < nFlats; f++) if (occ[f]! >= 0) occupied[flatEstate[f]!]!++;
    let total = 0;
    for (const v of occupied) total += v;
    if (total !== where.size) err(`month ${m}: ${total} occupied flats but ${where.size} households placed`);
    const rows: number[] = [];
    for (let e = 0; e < nEstates; e++) rows.push(e);
    if (nRows > nEstates) rows.push(nEstates); // the region row: sums over estates
    for (const r of rows) {
      const est = r < nEstates ? [r] : Array.from({ length: nEstates }, (_, e) => e);
      const sum = (a: number[]) => est.reduce((s, e) => s + a[e]!, 0);
      const want = sum(occupied);
      const hh = metricAt(res, m, r, 'households');
      if (hh !== want) err(`month ${m}, row ${res.rowNames[r]}: households metric ${hh}, replayed occupied flats ${want}`);
      const flats = metricAt(res, m, r, 'flats');
      const vac = metricAt(res, m, r, 'vacantFlats');
      if (flats - vac !== want) err(`month ${m}, row ${res.rowNames[r]}: flats - vacantFlats = ${flats - vac}, replayed ${want}`);
      if (m === 0) continue;
      const names = ['moveIns', 'moveOuts', 'internalMoves', 'householdsFormed'];
      for (let kind = 0; kind < 4; kind++) {
        const logged = sum(perKind.map((a) => a[kind]!));
        const flow = metricAt(res, m, r, names[kind]!);
        if (logged !== flow) err(`month ${m}, row ${res.rowNames[r]}: ${names[kind]} = ${flow} in metrics, ${logged} in the move log`);
      }
      // resource-strong in-movers by letting channel (municipal, flexible, the waiting list with the region)
      STRONG_IN.forEach((name, c) => {
        const logged = sum(strongIn.map((a) => a[c]!));
        const flow = metricAt(res, m, r, name);
        if (logged !== flow) err(`month ${m}, row ${res.rowNames[r]}: ${name} = ${flow} in metrics, ${logged} in the move log`);
      });
      for (let reason = 0; reason < NEXIT; reason++) {
        const name = exitMetric(reason);
        const logged = sum(outReasons.map((a) => a[reason]!));
        const flow = metricAt(res, m, r, name);
        if (logged !== flow) err(`month ${m}, row ${res.rowNames[r]}: ${name} = ${flow} in metrics, ${logged} in the move log`);
      }
    }
  };

  checkMonthEnd(0, [], []); // month 0: stocks only
  for (let m = 1; m <= res.months; m++) {
    const perKind = Array.from({ length: nEstates }, () => [0, 0, 0, 0]);
    const outReasons = Array.from({ length: nEstates }, () => new Array<number>(NEXIT).fill(0));
    const strongIn = Array.from({ length: nEstates }, () => [0, 0, 0]);
    for (; k < L.size && L.month[k] === m; k++) {
      const uid = L.uid[k]!;
      const kind = L.kind[k]!;
      const from = L.from[k]!;
      const to = L.to[k]!;
      const e = L.estate[k]!;
      const at = `month ${m}, log entry ${k} (uid ${uid}, ${['in', 'out', 'internal', 'formed'][kind]})`;
      const back = kind === K.in && (L.reason[k] === RELOCATION || L.reason[k] === REGION);
      if (!back && left.has(uid)) err(`${at}: household already left its flat`);
      if (kind === K.in && L.strong[k]) {
        const ch = CHANNELS[L.reason[k]!];
        const c = ch === 'municipal' ? 0 : ch === 'flexible' ? 1 : ch === 'external' || ch === 'region' ? 2 : -1;
        if (c >= 0) strongIn[e]![c]!++;
      }
      if (kind === K.in || kind === K.formed) {
        counts[kind === K.in ? 'in' : 'formed']++;
        if (back) {
          const was = left.get(uid);
          if (was === undefined) err(`${at}: comes back (${CHANNELS[L.reason[k]!]}) but did not leave a flat`);
          else {
            if (was.flat !== from) err(`${at}: comes back from flat ${from}, but left flat ${was.flat}`);
            if (L.reason[k] === RELOCATION) {
              counts.relocated++;
              if (was.reason !== DEMOLITION) err(`${at}: relocation after a move-out for ${REASONS[was.reason]}, not demolition`);
            } else {
              counts.fromRegion++;
              if (was.reason === DEMOLITION) err(`${at}: a household displaced by demolition comes back through the region channel`);
              if (flatEstate[was.flat] === e) err(`${at}: comes back through the region channel into the estate it left`);
            }
          }
          left.delete(uid);
        } else {
          if (seen.has(uid)) err(`${at}: not a new household`);
          if (from !== -1) err(`${at}: has a fromFlat ${from}`);
        }
        if (to < 0 || to >= nFlats) {
          err(`${at}: bad toFlat ${to}`);
          continue;
        }
        if (occ[to] !== -1) err(`${at}: flat ${to} is occupied by uid ${occ[to]}`);
        if (flatEstate[to] !== e) err(`${at}: estate ${e}, flat ${to} is in estate ${flatEstate[to]}`);
        occ[to] = uid;
        where.set(uid, to);
        seen.add(uid);
        perKind[e]![kind]!++;
      } else if (kind === K.out) {
        counts.out++;
        if (to !== -1) err(`${at}: has a toFlat ${to}`);
        if (from < 0 || from >= nFlats || occ[from] !== uid || where.get(uid) !== from) {
          err(`${at}: leaves flat ${from}, but lives in ${where.get(uid)} (flat ${from} holds ${occ[from]})`);
          continue;
        }
        if (flatEstate[from] !== e) err(`${at}: estate ${e}, flat ${from} is in estate ${flatEstate[from]}`);
        if (L.reason[k]! >= NEXIT) err(`${at}: reason ${REASONS[L.reason[k]!]} is not a move-out reason`);
        if (L.stay[k]! < 0) err(`${at}: negative stay ${L.stay[k]}`);
        occ[from] = -1;
        where.delete(uid);
        left.set(uid, { flat: from, reason: L.reason[k]! });
        if (L.reason[k] === DEMOLITION) counts.displaced++;
        perKind[e]![K.out]!++;
        outReasons[e]![L.reason[k]!]!++;
      } else if (kind === K.internal) {
        if (L.reason[k] === R.swap) {
          // a swap: this entry and the next one exchange two flats
          const j = k + 1;
          if (j >= L.size || L.month[j] !== m || L.kind[j] !== K.internal || L.reason[j] !== R.swap || L.from[j] !== to || L.to[j] !== from) {
            err(`${at}: swap without its partner move`);
            continue;
          }
          const uid2 = L.uid[j]!;
          if (occ[from] !== uid || occ[to] !== uid2 || where.get(uid) !== from || where.get(uid2) !== to || uid === uid2) {
            err(`${at}: swap of flats ${from} and ${to}, which hold ${occ[from]} and ${occ[to]}`);
            k = j;
            continue;
          }
          occ[from] = uid2;
          occ[to] = uid;
          where.set(uid, to);
          where.set(uid2, from);
          perKind[e]![K.internal]!++;
          perKind[L.estate[j]!]![K.internal]!++;
          counts.internal += 2;
          counts.swaps++;
          k = j;
          continue;
        }
        counts.internal++;
        if (from < 0 || from >= nFlats || occ[from] !== uid || where.get(uid) !== from) {
          err(`${at}: moves from flat ${from}, but lives in ${where.get(uid)}`);
          continue;
        }
        if (to < 0 || to >= nFlats || occ[to] !== -1) {
          err(`${at}: moves to flat ${to}, which is not vacant (holds ${to >= 0 ? occ[to] : '?'})`);
          continue;
        }
        if (from === to) err(`${at}: moves to its own flat`);
        occ[from] = -1;
        occ[to] = uid;
        where.set(uid, to);
        perKind[e]![K.internal]!++;
      } else err(`${at}: unknown kind ${kind}`);
    }
    checkMonthEnd(m, perKind, outReasons, strongIn);
  }
  if (k !== L.size) err(`log entries after the last month or out of order: stopped at ${k} of ${L.size} (month ${L.month[k]})`);
  return { errors, counts };
}
