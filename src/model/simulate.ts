/**
 * One replication of a scenario: initial state, then the monthly step loop, recording the
 * reporters every month. Pure computation: no I/O, randomness only from the seed given.
 *
 * Step order within a month (fixed; docs/ODD.md "Process overview and scheduling"):
 *   1. levers        — the policies in force set each estate's effective parameters
 *   2-5. households  — one pass over the households (household-month.ts): ties grow, adults
 *                     retire, then at most one event per household among demography (deaths,
 *                     births, children leaving home, partnerships), the elevator (moves into
 *                     and out of work and education), social life (volunteering) and the
 *                     housing career (moving out or joining the internal list; swap seeking)
 *   6. letting       — swaps, then every vacancy through the letting channels
 *   7. census        — counts per section (kept up to date as households change: census.ts)
 *   8. spiral        — social problems, crime and image move towards their targets
 *   9. classification — in December (every 12th month): the official list status
 *  10. reporters     — one metrics row per estate (and for the region)
 */
import type { AreaYearCounts } from './classification.js';
import { NCENSUS, newLiveCensus, readCensus, startLiveCensus, sumRows, sumSections, takeCensus } from './census.js';
import { estateOffer } from './mechanisms/career.js';
import { householdMonthContext } from './mechanisms/index.js';
import { demographyTables } from './mechanisms/demography.js';
import { householdMonth, newHazardBounds, tieSteps } from './household-month.js';
import { referenceHouseholdMonth } from './reference-step.js';
import { applyLetting, lettingContext } from './mechanisms/letting.js';
import { applyClassification } from './mechanisms/listing.js';
import { socialRates } from './mechanisms/social.js';
import { applySpiral, initImage, initSpiral } from './mechanisms/spiral.js';
import { applyLevers, reservedFlats } from './levers/index.js';
import { newInternalList } from './internal-list.js';
import { Queue } from './queue.js';
import { type DrawOptions, type DrawProfile, drawHousehold, layoutEstate, profileFor } from './population.js';
import { type MetricInput, NMETRIC, fillMetrics } from './reporters.js';
import { type StreamRng, makeRng } from './rng.js';
import { type Flats, allocFlats, allocHouseholds, isFamilyWithChildren, isResourceStrongHousehold, H, B, set8, get32, set32, setF32 } from './state.js';
import type { AreaState } from './area.js';
import { MoveLog, NFLOW } from './flows.js';
import type { Seeker } from './waiting.js';
import type { World } from './world.js';
import { allocSlot } from './occupancy.js';
import type { Scenario } from '../scenario/schema.js';
import { initSchelling, schellingCells, schellingShares, schellingStep } from './mechanisms/schelling.js';

/** Household type on the map, per flat. */
export const MAP_TYPES = ['vacant', 'resource-strong family', 'other family', 'resource-strong, no children', 'other, no children', 'senior'] as const;

export interface MapSnapshot {
  year: number;
  month: number;
  /** One MAP_TYPES code per flat. */
  types: Uint8Array;
}

export interface ReplicationResult {
  replication: number;
  seed: number;
  /** Names of the metric rows: the estates, plus "region" when there are several. */
  rowNames: string[];
  months: number;
  /** (months + 1) x rows x NMETRIC values. */
  metrics: Float64Array;
  log: MoveLog;
  /**
   * The uids of the resource-strong families with children living in the estates at month 0 (the
   * residents when the run and its levers began: pattern P5 follows them); empty in Schelling worlds.
   */
  startCohort: Int32Array;
  /** Estate map snapshots (first replication only, when asked). */
  maps: MapSnapshot[];
  /** Flat geometry for the map (first replication only). */
  geometry?: { x: Uint16Array; y: Uint16Array; estate: Uint16Array; section: Uint16Array; rooms: Uint8Array; garden: Uint8Array };
  /** Schelling scenarios only: the two shares at every step, and (when maps are asked) the grid at steps. */
  schelling?: SchellingTrace;
}

/** What a Schelling replication records besides the metrics: the shares by step and grid snapshots. */
export interface SchellingTrace {
  width: number;
  height: number;
  groups: number;
  /** months + 1 values each: step 0 (the initial state) to the last step. */
  similar: Float64Array;
  unhappy: Float64Array;
  /** The steps of the snapshots in `grids` (every step, or every k-th step of a long or large run, and the last). */
  gridSteps: Int32Array;
  /** One snapshot per entry of `gridSteps`, width x height bytes each (`schellingCells`: 0 empty, 1 + group). */
  grids: Uint8Array;
}

/** At most this many bytes of grid snapshots per replication (an assumption: keeps the report small); above it, every k-th step. */
export const SCHELLING_GRID_BYTES = 4_000_000;

export interface SimulateOptions {
  /** Record map snapshots (the first replication of a run). */
  maps?: boolean;
  /** Check every month that the incremental census equals a full recount (tests; slow). */
  checkCensus?: boolean;
  /** Work out every household every month and check its hazard bound (tests; slow; same results). */
  checkBounds?: boolean;
  /** Use the plain reference step for the households' month (reference-step.ts; tests; slow; same results). */
  reference?: boolean;
  /** Run at most this many months (steps) of the scenario (a thread's warm-up: engine/warmup.ts). */
  maxMonths?: number;
  /**
   * Lay out and populate at most this many flats of each estate (a thread's warm-up builds small
   * worlds: engine/warmup.ts). Not for results: the estates are not the scenario's.
   */
  flatCap?: number;
  /**
   * With `maps`: record a snapshot every this many months instead of every `output.mapEveryYears`
   * years (the studio animates the map month by month). Snapshots only read the world.
   */
  mapEveryMonths?: number;
  /** Called with the world after the last month, before the result is returned (anchoring reads the end state: model/anchor.ts). Must only read it. */
  atEnd?: (w: World) => void;
  /**
   * The months whose metrics rows are filled (the others are left 0); every month where absent.
   * For a caller that reads few of them (anchoring: month 0 and the last year, model/anchor.ts):
   * the rows are only read, so the run is the same.
   */
  recordMonth?: (m: number) => boolean;
  /** Called with the world at the end of each month from 1 (its flows and census done). Must only read it. */
  atMonth?: (w: World) => void;
}

function newArea(n: number): AreaState {
  const f = () => new Float64Array(n);
  return {
    image: f(),
    imageShift: f(),
    problems: f(),
    crime: f(),
    problems0: f(),
    status: new Uint8Array(n),
    consecutiveGhettoYears: new Int32Array(n),
    outsideShare: f(),
    basicShare: f(),
    incomeRatio: f(),
    convictionRatio: f(),
    nonWesternShare: f(),
  };
}

/**
 * An empty array for objects. V8 starts `[]` as an array of small integers and changes its kind
 * when the first object is stored; code optimised on arrays that had already changed then meets
 * the next world's fresh array and is thrown away ("not a Smi" in `node --trace-deopt`: the
 * household step, compiled again in every thread). Stored into once and emptied, the array has
 * the kind it ends with from the start.
 */
function objectArray<T>(): T[] {
  const a: (T | null)[] = [null];
  a.length = 0;
  return a as T[];
}

/**
 * The steps of a replication are the parts of its work: building the world one estate at a
 * time, then month 0, then each month. A large scenario takes seconds per replication (the
 * national one, 600 estates: 7-8 s, bench/RESULTS.md), and whoever runs it on their own thread
 * must be able to pause between steps (to let the event loop answer a signal,
 * engine/ensemble.ts). A step yields nothing: the steps only mark where it is safe to pause;
 * the results do not depend on where or whether anyone pauses.
 */
export type Steps<T> = Generator<Offload | undefined, T, unknown>;

/**
 * Work a step may hand to whoever runs the steps instead of doing it (a trial of the anchoring's
 * search, model/anchor.ts `TrialOffload`): a driver that can run it elsewhere (engine/ensemble.ts,
 * on worker threads) answers with its results through `next`; one that cannot (`drain`) answers
 * nothing, and the steps then do the work themselves. The results are the same either way.
 */
export interface Offload {
  kind: string;
}

/** Run steps to the end and return their result (work offered to the driver is done in the steps). */
export function drain<T>(steps: Steps<T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** Build the world at month 0: flats laid out, households drawn, nothing recorded yet. */
export function initialWorld(sc: Scenario, seed: number): World {
  return drain(worldSteps(sc, seed));
}

/** `initialWorld` in steps: a step after each estate laid out and after each estate populated. */
export function* worldSteps(sc: Scenario, seed: number, flatCap = Infinity): Steps<World> {
  // expand copies into estates
  const specIdx: number[] = [];
  const names: string[] = [];
  sc.estates.forEach((e, k) => {
    for (let c = 0; c < e.copies; c++) {
      specIdx.push(k);
      names.push(e.copies > 1 ? `${e.name}-${c + 1}` : e.name);
    }
  });
  const nEstates = specIdx.length;
  const flatsOf = (k: number): number => Math.min(sc.estates[k]!.flats, flatCap);
  const nBase = specIdx.reduce((s, k) => s + flatsOf(k), 0);
  // flats reserved for levers that build, placed after all estates' flats
  const reserve = reservedFlats(sc, { estateSpec: Int32Array.from(specIdx), nEstates });
  const nFlats = nBase + reserve.reduce((a, b) => a + b, 0);
  const flats: Flats = allocFlats(nFlats);
  const flatStart = new Int32Array(nEstates + 1);
  const rngLayout = makeRng(seed, 'layout');
  const sectionNames: string[] = [];
  let start = 0;
  let buildings = 0;
  let stairs = 0;
  const sectionEstate: number[] = [];
  const sectionStart = new Int32Array(nEstates + 1);
  for (let e = 0; e < nEstates; e++) {
    const spec = sc.estates[specIdx[e]!]!;
    flatStart[e] = start;
    sectionStart[e] = sectionNames.length;
    const r = layoutEstate(spec, flatsOf(specIdx[e]!), flats, start, e, sectionNames.length, buildings, stairs, rngLayout);
    for (let s = 0; s < r.sections; s++) {
      sectionNames.push(r.sections > 1 ? `${names[e]}/${s + 1}` : names[e]!);
      sectionEstate.push(e);
    }
    buildings += r.buildings;
    stairs += r.stairwells;
    start += flatsOf(specIdx[e]!);
    yield;
  }
  flatStart[nEstates] = start;
  sectionStart[nEstates] = sectionNames.length;
  const reservedStart = new Int32Array(nEstates);
  const reservedEnd = new Int32Array(nEstates);
  let maxY = 0;
  for (let k = 0; k < nBase; k++) maxY = Math.max(maxY, flats.y[k]!);
  for (let e = 0, k = nBase; e < nEstates; e++) {
    reservedStart[e] = k;
    const x0 = flats.x[flatStart[e]!]!;
    for (let j = 0; j < reserve[e]!; j++, k++) {
      flats.estate[k] = e;
      flats.section[k] = flats.section[flatStart[e]!]!;
      flats.building[k] = buildings + e;
      flats.stairwell[k] = stairs + e;
      flats.active[k] = 0;
      flats.x[k] = x0 + (j % 40);
      flats.y[k] = maxY + 2 + Math.floor(j / 40);
    }
    reservedEnd[e] = k;
  }
  const w: World = {
    scenario: sc,
    month: 0,
    layout: {
      nEstates,
      estateNames: names,
      estateSpec: Int32Array.from(specIdx),
      flatStart,
      sectionNames,
      sectionEstate: Int32Array.from(sectionEstate),
      sectionStart,
      divided: new Uint8Array(nEstates),
    },
    flats,
    hh: allocHouseholds(nFlats + (nEstates > 1 || sc.policies.some((p) => p.lever === 'demolition') ? Math.ceil(nFlats / 8) + 16 : 0)),
    area: newArea(sectionNames.length),
    eff: [],
    queues: {
      vacancies: [],
      internalList: Array.from({ length: nEstates }, () => newInternalList()),
      seekers: Array.from({ length: nEstates }, () => objectArray<Seeker>()),
      rehousing: new Queue(),
      regionMovers: new Queue(),
    },
    letting: {
      municipalAcc: new Float64Array(nEstates),
      internalAcc: new Float64Array(nEstates),
      flexibleAcc: new Float64Array(nEstates),
      rehousingAcc: 0,
      pendingSales: new Int32Array(nEstates),
    },
    stock: {
      mergePartner: new Int32Array(nFlats).fill(-1),
      mergeRooms: new Uint8Array(nFlats),
      mergeRent: new Float32Array(nFlats),
      reservedStart,
      reservedEnd,
      reservedUsed: new Uint8Array(nFlats),
      internalFirst: new Uint8Array(nFlats),
      version: 0,
    },
    flows: new Float64Array(nEstates * NFLOW),
    log: new MoveLog(sc.output.moves, 1024, sc.schelling !== undefined),
    census: newLiveCensus(sectionNames.length, 0),
    tieStep: new Float64Array(nEstates),
    bounds: newHazardBounds(0),
    rngs: {
      households: makeRng(seed, 'households'),
      demography: makeRng(seed, 'demography'),
      elevator: makeRng(seed, 'elevator'),
      social: makeRng(seed, 'social'),
      career: makeRng(seed, 'career'),
      letting: makeRng(seed, 'letting'),
      schelling: makeRng(seed, 'schelling'),
      levers: makeRng(seed, 'levers'),
    },
  };
  w.census = newLiveCensus(sectionNames.length, w.hh.capacity);
  w.bounds = newHazardBounds(w.hh.capacity);
  applyLevers(w, 0);
  w.tieStep.set(tieSteps(w, socialRates(sc)));
  if (sc.schelling) {
    initSchelling(w, sc.schelling, makeRng(seed, 'population'));
    return w;
  }
  const rng = makeRng(seed, 'population');
  for (let e = 0; e < nEstates; e++) {
    populateEstate(w, e, rng);
    yield;
  }
  startLiveCensus(w);
  return w;
}

/** Draw the households of estate `e` at month 0 (in estate order, from the one population stream). */
function populateEstate(w: World, e: number, rng: StreamRng): void {
  const sc = w.scenario;
  const flats = w.flats;
  const flatStart = w.layout.flatStart;
  const h = w.hh;
  const spec = sc.estates[w.layout.estateSpec[e]!]!;
  const pop = spec.population;
  const prof = profileFor(spec, false);
  const n = flatStart[e + 1]! - flatStart[e]!; // the estate's flats (fewer under a warm-up's flatCap)
  const target = pop.households ?? Math.round(pop.occupancy * n);
  // the draw's options, one object for every household (only the rooms change)
  const o: DrawOptions = { rooms: 0, month: 0, strongProb: pop.resourceStrongShare, vulnerableProb: pop.vulnerableShare, type: -1 };
  // choose exactly `target` flats to occupy (selection sampling, in flat order)
  let need = target;
  for (let k = 0; k < n; k++) {
    const flat = flatStart[e]! + k;
    if (rng() * (n - k) >= need) {
      w.queues.vacancies.push(flat);
      continue;
    }
    need--;
    const i = allocSlot(w, flat);
    o.rooms = flats.rooms[flat]!;
    drawHousehold(sc, h, i, prof, o, rng);
    // time already lived here: exponential, at most since the adult turned 18
    const maxStay = Math.max(0, -get32(h, i, H.birth1) - 216);
    const stay = Math.min(maxStay, Math.floor(-Math.log(1 - rng()) * pop.meanStayYears * 12));
    set32(h, i, H.flat, flat);
    set32(h, i, H.movedIn, -stay);
    set32(h, i, H.flatSince, -stay);
    // recently lifted into work or education (anchored residents: as many as the baseline
    // sustains, population.liftedShare), since a time uniform over the lifted months and the stay
    if (prof.lifted > 0 && isResourceStrongHousehold(h, i) && rng() < prof.lifted)
      set32(h, i, H.liftedAt, -Math.floor(rng() * Math.min(stay + 1, sc.elevator.liftedMonths)));
    setF32(h, i, H.ties, 1 - Math.exp((-sc.social.tieGrowthPerYear * stay) / 12));
    set8(h, i, B.volunteer, rng() < pop.volunteerShare ? 1 : 0);
    flats.occupant[flat] = i;
  }
  for (let s = w.layout.sectionStart[e]!; s < w.layout.sectionStart[e + 1]!; s++) {
    // NaN: no image given, so the spiral starts it at the target its composition implies (initSpiral)
    w.area.image[s] = spec.image ?? Number.NaN;
    w.area.consecutiveGhettoYears[s] = spec.consecutiveListYears;
  }
}

/** Map code of the household in a flat. */
function mapType(w: World, flat: number): number {
  const i = w.flats.occupant[flat]!;
  if (i < 0) return 0;
  const strong = isResourceStrongHousehold(w.hh, i);
  if (isFamilyWithChildren(w.hh, i, w.month)) return strong ? 1 : 2;
  if (w.month - get32(w.hh, i, H.birth1) >= 720) return 5;
  return strong ? 3 : 4;
}

/** Months (steps) a replication of the scenario runs: its Schelling steps, or its years x 12. */
export const scenarioMonths = (sc: Scenario): number => sc.schelling?.steps ?? sc.years * 12;

/** The uids of the resource-strong families with children living in the estates in the world's month. */
function strongFamilies(w: World): Int32Array {
  const h = w.hh;
  const uids: number[] = [];
  for (let i = 0; i < h.used; i++)
    if (h.alive[i] && isResourceStrongHousehold(h, i) && isFamilyWithChildren(h, i, w.month)) uids.push(h.i32[i * H.stride + H.uid]!);
  return Int32Array.from(uids);
}

/** Run one replication. */
export function simulate(sc: Scenario, replication: number, seed: number, opts: SimulateOptions = {}): ReplicationResult {
  return drain(replicationSteps(sc, replication, seed, opts));
}

/** `simulate` in steps: the world's (`worldSteps`), then a step after month 0 and after each month. */
export function* replicationSteps(sc: Scenario, replication: number, seed: number, opts: SimulateOptions = {}): Steps<ReplicationResult> {
  const w = yield* worldSteps(sc, seed, opts.flatCap);
  const months = Math.min(scenarioMonths(sc), opts.maxMonths ?? Infinity);
  const multi = w.layout.nEstates > 1;
  const nRows = w.layout.nEstates + (multi ? 1 : 0);
  const rowNames = multi ? [...w.layout.estateNames, 'region'] : [...w.layout.estateNames];
  const metrics = new Float64Array((months + 1) * nRows * NMETRIC);
  const nSections = w.layout.sectionNames.length;
  const census = new Float64Array(nSections * NCENSUS);
  const estateCensus = new Float64Array(w.layout.nEstates * NCENSUS);
  const regionCensus = new Float64Array(NCENSUS);
  const regionFlows = new Float64Array(NFLOW);
  const maps: MapSnapshot[] = [];
  const mapEvery = sc.output.mapEveryYears;
  const mapMonths = opts.mapEveryMonths ?? 12 * mapEvery;
  const wantMaps = opts.maps === true && mapMonths > 0 && !sc.schelling;
  const snap = () => {
    const types = new Uint8Array(w.flats.n);
    for (let f = 0; f < w.flats.n; f++) types[f] = w.flats.active[f] ? mapType(w, f) : 255;
    maps.push({ year: sc.startYear + Math.floor(w.month / 12), month: w.month, types });
  };
  const x: MetricInput = {
    census: estateCensus,
    co: 0,
    flows: w.flows,
    fo: 0,
    image: 0,
    problems: 0,
    crime: 0,
    status: 0,
    regionalIncome: sc.region.meanIncome15to64,
  };
  /** Area values of sections from..to-1 into x: household-weighted means, and the most severe status. */
  const areaInto = (from: number, to: number) => {
    const a = w.area;
    let wsum = 0;
    let img = 0;
    let pr = 0;
    let cr = 0;
    let st = 0;
    for (let s = from; s < to; s++) {
      const wt = census[s * NCENSUS]! + 1e-9; // households (tiny weight keeps empty sections defined)
      wsum += wt;
      img += wt * a.image[s]!;
      pr += wt * a.problems[s]!;
      cr += wt * a.crime[s]!;
      st = Math.max(st, a.status[s]!);
    }
    x.image = img / wsum;
    x.problems = pr / wsum;
    x.crime = cr / wsum;
    x.status = st;
  };
  const record = (m: number) => {
    if (opts.recordMonth && !opts.recordMonth(m)) return;
    for (let e = 0; e < w.layout.nEstates; e++) {
      sumSections(census, w.layout.sectionStart[e]!, w.layout.sectionStart[e + 1]!, estateCensus, e);
      x.census = estateCensus;
      x.co = e * NCENSUS;
      x.flows = w.flows;
      x.fo = e * NFLOW;
      areaInto(w.layout.sectionStart[e]!, w.layout.sectionStart[e + 1]!);
      const o = (m * nRows + e) * NMETRIC;
      fillMetrics(metrics, o, x);
    }
    if (multi) {
      sumRows(estateCensus, w.layout.nEstates, NCENSUS, regionCensus);
      sumRows(w.flows, w.layout.nEstates, NFLOW, regionFlows);
      x.census = regionCensus;
      x.co = 0;
      x.flows = regionFlows;
      x.fo = 0;
      areaInto(0, nSections);
      const o = (m * nRows + w.layout.nEstates) * NMETRIC;
      fillMetrics(metrics, o, x);
    }
  };

  /** This month's census: the incremental counts (the Schelling presets count from scratch). */
  const full = new Float64Array(census.length);
  const censusNow = () => {
    if (sc.schelling) return takeCensus(w, census);
    readCensus(w, census);
    if (opts.checkCensus) {
      takeCensus(w, full);
      for (let k = 0; k < census.length; k++) {
        const a = census[k]!;
        const b = full[k]!;
        if (Math.abs(a - b) > 1e-6 * Math.max(1, Math.abs(b)))
          throw new Error(`incremental census differs in month ${w.month}, section ${Math.floor(k / NCENSUS)}, entry ${k % NCENSUS}: ${a} against ${b}`);
      }
    }
  };

  // month 0: the initial state
  const previous = new Map<string, AreaYearCounts>();
  censusNow();
  if (!sc.schelling) {
    // the spiral's crime index first: criterion 2 of the classification reads it
    initSpiral(w, census);
    applyClassification(w, census, previous);
    initImage(w, census);
  }
  record(0);
  if (wantMaps) snap();
  const startCohort = sc.schelling ? new Int32Array(0) : strongFamilies(w);
  yield;

  if (sc.schelling) {
    const spec = sc.schelling;
    const cells = spec.width * spec.height;
    const wantGrids = opts.maps === true && mapEvery > 0;
    const every = Math.max(1, Math.ceil((cells * (months + 1)) / SCHELLING_GRID_BYTES));
    const gridSteps: number[] = [];
    for (let m = 0; m <= months; m++) if (wantGrids && (m % every === 0 || m === months)) gridSteps.push(m);
    const trace: SchellingTrace = {
      width: spec.width,
      height: spec.height,
      groups: spec.groups,
      similar: new Float64Array(months + 1),
      unhappy: new Float64Array(months + 1),
      gridSteps: Int32Array.from(gridSteps),
      grids: new Uint8Array(gridSteps.length * cells),
    };
    let snaps = 0;
    const trace0 = (m: number) => {
      const sh = schellingShares(w, spec);
      trace.similar[m] = sh.similar;
      trace.unhappy[m] = sh.unhappy;
      if (snaps < gridSteps.length && gridSteps[snaps] === m) schellingCells(w, trace.grids, cells * snaps++);
    };
    trace0(0);
    for (let m = 1; m <= months; m++) {
      w.month = m;
      w.flows.fill(0);
      schellingStep(w, spec, w.rngs.schelling);
      censusNow();
      record(m);
      opts.atMonth?.(w);
      trace0(m);
      yield;
    }
    return { replication, seed, rowNames, months, metrics, log: w.log, startCohort, maps, schelling: trace };
  }

  const dem = demographyTables(sc);
  const soc = socialRates(sc);
  const profiles: DrawProfile[] = [];
  for (let e = 0; e < w.layout.nEstates; e++) profiles.push(profileFor(sc.estates[w.layout.estateSpec[e]!]!, true));
  let offer = estateOffer(w);
  const swapSeekers: number[] = [];
  for (let m = 1; m <= months; m++) {
    w.month = m;
    w.flows.fill(0);
    applyLevers(w, m);
    const households = opts.reference ? referenceHouseholdMonth : householdMonth;
    households(w, householdMonthContext(w, dem, soc, offer, opts.checkBounds === true), w.rngs.households, swapSeekers);
    applyLetting(w, lettingContext(w, profiles), w.rngs.letting, swapSeekers);
    censusNow();
    if (sc.spiral.enabled) applySpiral(w, census);
    if (m % 12 === 0) {
      applyClassification(w, census, previous);
      offer = estateOffer(w);
    }
    record(m);
    opts.atMonth?.(w);
    if (wantMaps && m % mapMonths === 0) snap();
    yield;
  }
  opts.atEnd?.(w);
  const res: ReplicationResult = { replication, seed, rowNames, months, metrics, log: w.log, startCohort, maps };
  if (wantMaps) {
    const f = w.flats;
    res.geometry = { x: f.x, y: f.y, estate: f.estate, section: f.section, rooms: f.rooms, garden: f.garden };
  }
  return res;
}
