/**
 * The studio's simulation worker (bundled into the page, started from a Blob URL so that it works
 * from file://): the Schelling model of the command line, the same code (model/), one step per
 * request, so the page never waits on the model. A setup builds a scenario as a file would give
 * it, checked by the same schema and rules.
 */
import { schellingCells, schellingShares, schellingStep } from '../model/mechanisms/schelling.js';
import { replicationSeed } from '../model/rng.js';
import { initialWorld } from '../model/simulate.js';
import { F } from '../model/flows.js';
import type { World } from '../model/world.js';
import type { Scenario } from '../scenario/schema.js';
import type { EstateMap, EstateRole, FromWorker, ToWorker } from './protocol.js';
import { checkedScenario, studioScenario } from './scenario.js';
import { metricsRows } from '../engine/tables.js';
import { yearValue } from '../model/digest.js';
import { METRIC_INDEX, NMETRIC } from '../model/reporters.js';
import { simulate } from '../model/simulate.js';
import { anchorScenario } from '../model/anchor.js';

interface WorkerScope {
  postMessage(message: FromWorker, transfer?: Transferable[]): void;
  onmessage: ((e: MessageEvent<ToWorker>) => void) | null;
}
const scope = self as unknown as WorkerScope;

let sc: Scenario | null = null;
let w: World | null = null;

function frame(moves: number): void {
  const spec = sc!.schelling!;
  const cells = new Uint8Array(spec.width * spec.height);
  schellingCells(w!, cells);
  const sh = schellingShares(w!, spec);
  scope.postMessage(
    { kind: 'frame', step: w!.month, similar: sh.similar, unhappy: sh.unhappy, moves, width: spec.width, height: spec.height, groups: spec.groups, cells },
    [cells.buffer],
  );
}

scope.onmessage = (e) => {
  const msg = e.data;
  try {
    if (msg.kind === 'setup') {
      sc = studioScenario(msg.settings);
      w = initialWorld(sc, replicationSeed(sc.seed, 0));
      frame(0);
    } else if (msg.kind === 'anchor') {
      const t0 = performance.now();
      const anchored = anchorScenario(checkedScenario(msg.scenario, msg.scenario.name ?? 'scenario')).scenario;
      scope.postMessage({ kind: 'anchored', scenario: anchored, ms: performance.now() - t0 });
    } else if (msg.kind === 'estate') {
      estate(msg.scenario, msg.replication, msg.role, msg.mapEveryMonths);
    } else if (msg.kind === 'wanted') {
      if (sc?.schelling) sc.schelling.similarWanted = msg.wanted;
    } else if (msg.kind === 'step') {
      if (!sc || !w) throw new Error('step before setup');
      w.month++;
      w.flows.fill(0);
      schellingStep(w, sc.schelling!, w.rngs.schelling);
      frame(w.flows[F.internalMoves]!);
    }
  } catch (err) {
    scope.postMessage({ kind: 'error', message: err instanceof Error ? err.message : String(err) });
  }
};

/** Estate mode: one replication, as `nabolag run` runs replication i (its seed, its metrics.csv rows). */
function estate(raw: Scenario, i: number, role: EstateRole, mapEveryMonths: number): void {
  const t0 = performance.now();
  // anchored as `nabolag run` anchors it (model/anchor.ts); the page sends a scenario anchored
  // once ('anchor' above), which anchoring leaves as it is
  const esc = anchorScenario(checkedScenario(raw, raw.name ?? 'scenario')).scenario;
  // the map's snapshots only read the world: the metrics are those of a run without them
  const withMap = mapEveryMonths > 0;
  const r = simulate(esc, i, replicationSeed(esc.seed, i), withMap ? { maps: true, mapEveryMonths } : {});
  const nRows = r.rowNames.length;
  const row = nRows - 1;
  const nYears = Math.ceil(r.months / 12);
  const at = (k: number, y: number) => (y === 0 ? r.metrics[row * NMETRIC + k]! : yearValue(r, nRows, row, k, y));
  const years: number[] = [];
  const share: number[] = [];
  const families: number[] = [];
  for (let y = 0; y <= nYears; y++) {
    years.push(esc.startYear + y);
    share.push(at(METRIC_INDEX.resourceStrongShare!, y));
    families.push(at(METRIC_INDEX.familiesWithChildren!, y));
  }
  let map: EstateMap | undefined;
  const transfer: Transferable[] = [];
  if (withMap && r.geometry && r.maps.length) {
    const flats = r.geometry.x.length;
    const types = new Uint8Array(flats * r.maps.length);
    for (const [k, m] of r.maps.entries()) types.set(m.types, k * flats);
    const estate = r.geometry.estate.slice();
    // the rows' names are the estates' in estate order (then a region's row, not on the map)
    const names = r.rowNames.slice(
      0,
      estate.reduce((n, e) => Math.max(n, e + 1), 0),
    );
    map = { months: r.maps.map((m) => m.month), flats, x: r.geometry.x.slice(), y: r.geometry.y.slice(), estate, names, types };
    transfer.push(types.buffer, map.x.buffer, map.y.buffer, map.estate.buffer);
  }
  scope.postMessage(
    { kind: 'estate-done', replication: i, role, rows: metricsRows(r, esc.startYear), years, share, families, ms: performance.now() - t0, map },
    transfer,
  );
}
