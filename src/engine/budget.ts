/**
 * What a run of a scenario costs, estimated from the scenario alone (nothing is simulated), so
 * that a run which would not fit in the machine's memory can be refused before it starts. Pure:
 * no Node imports, no I/O.
 *
 * Memory of one replication (`bytesPerReplication`), what one replication holds at its peak,
 * the world it simulates and the result it returns:
 *
 *   REPLICATION_FIXED_BYTES
 *   + flats x BYTES_PER_FLAT x (1 + 1/8 when households can wait for a flat: several estates
 *     or a demolition; the model allocates that many more household slots)
 *   + rows x BYTES_PER_ESTATE_ROW                        (estates with copies expanded)
 *   + (months + 1) x metric rows x NMETRIC x 8           (the metrics, Float64Array, exact)
 *   + flats x months x MOVES_PER_FLAT_MONTH x BYTES_PER_LOGGED_MOVE   (the move log, when on)
 *   + flats x map snapshots                              (one byte per flat per snapshot)
 *
 * `flats` counts the flats levers build (`totalFlats`, src/scenario/rules.ts): the model
 * reserves them at the start. `months` is years x 12, or the Schelling steps. The metric rows
 * are the estate rows, plus the region row when there are several. Map snapshots are kept for
 * the first replication only; they are counted for every replication (a few bytes per flat).
 *
 * The constants were measured on Node 20 (x64) as the bench measures memory (bench/cases/model.ts,
 * `worldBytesPerHousehold`): heapUsed + arrayBuffers after two forced collections, around
 * `initialWorld` for the world and around `simulate` for the result it returns, after
 * `loadScenario` of scenarios/default.yaml with the changes below. Measured (world + result):
 *
 *   default, 1,000 flats, 15 years         173 KB + 244 KB   (3,224 moves logged)
 *   one estate of 20,000 flats, 5 years    4.58 MB + 1.23 MB
 *   one estate of 100,000 flats, 15 years  22.3 MB + 13.3 MB  (323,565 moves, log capacity 524,288)
 *   50 copies of 1,000 flats, 15 years     12.5 MB + 12.0 MB
 *   2,000 copies of 10 flats, 15 years     16.2 MB + 197 MB   (metrics 194 MB: 2,001 rows)
 *
 * (the maps counted: 16 snapshots for 15 years). The estimate is 1.03 to 1.55 times what was
 * measured in these cases; the measurement itself moves by 10-20% from run to run (and more for
 * the smallest, where the collector's timing shows). test/scenario/budget.test.ts measures the
 * 20,000-flat case again and wants the estimate within 0.8 to 2 times the measurement.
 */
import { NMETRIC } from '../model/reporters.js';
import { totalFlats } from '../scenario/rules.js';
import type { Scenario } from '../scenario/schema.js';

/**
 * Bytes per flat of the world: flats, households and their indexes. Measured 223-240 for one
 * estate (bench/RESULTS.md: 227 bytes per household at 100,000 and 1,000,000 flats).
 */
export const BYTES_PER_FLAT = 240;
/**
 * Bytes per estate row (each copy of an estate): its sections, internal list, seekers, census
 * and flow rows. Measured about 5,800 (2,000 copies of 10 flats); rounded up.
 */
export const BYTES_PER_ESTATE_ROW = 8_000;
/**
 * What a replication holds whatever its size (small arrays, queues, the empty move log, tables
 * of the mechanisms); rounded up from the 0.2-0.4 MB measured for the 1,000-flat default.
 */
export const REPLICATION_FIXED_BYTES = 256 * 1024;
/**
 * Bytes per logged move: 26 in the columns of the move log (src/model/world.ts `MoveLog`: six
 * 4-byte, three 1-byte and one 2-byte column), doubled because the log doubles its capacity
 * when full (at worst it holds twice the moves it has, e.g. 524,288 slots for 323,565 moves).
 */
export const BYTES_PER_LOGGED_MOVE = 2 * 26;
/**
 * Moves logged per flat and month. Measured over the shipped scenarios (one replication each,
 * scenarios/national.yaml left out for its size): 0.017-0.020 for the model, 0.036-0.051 for
 * the Schelling presets (per flat and step). With headroom: typical values, not bounds (a
 * Schelling grid where every agent is unhappy moves more).
 */
export const MOVES_PER_FLAT_MONTH = 0.025;
export const MOVES_PER_FLAT_STEP_SCHELLING = 0.1;

/** Bytes of moves.csv text per logged move (measured 46 for the default scenario; rounded up). */
export const MOVES_CSV_BYTES_PER_MOVE = 64;
/** Bytes of metrics.csv text per metric value (numbers, commas; measured about 9; rounded up). */
export const METRICS_CSV_BYTES_PER_VALUE = 16;

export interface RunEstimate {
  /** Flats of the region over the run: the estates' (copies expanded) and those levers build. */
  flats: number;
  /** Household-months of the whole run: replications x flats x months (as MAX_HOUSEHOLD_MONTHS counts them). */
  householdMonths: number;
  /** Memory one replication needs at its peak, in bytes (see the module comment). */
  bytesPerReplication: number;
  /**
   * Bytes of CSV text one replication's rows of metrics.csv and moves.csv take: formatted where
   * the replication ran and held, beside its result, until written.
   */
  tableBytesPerReplication: number;
}

/** The cost of running a scenario, estimated from its fields (see the module comment). */
export function estimateRun(sc: Scenario): RunEstimate {
  const flats = totalFlats(sc);
  const months = sc.schelling?.steps ?? sc.years * 12;
  const rows = sc.estates.reduce((n, e) => n + e.copies, 0);
  const metricRows = rows + (rows > 1 ? 1 : 0);
  const waiting = rows > 1 || sc.policies.some((p) => p.lever === 'demolition');
  const world = flats * BYTES_PER_FLAT * (waiting ? 1.125 : 1) + rows * BYTES_PER_ESTATE_ROW;
  const metrics = (months + 1) * metricRows * NMETRIC * 8;
  const rate = sc.schelling ? MOVES_PER_FLAT_STEP_SCHELLING : MOVES_PER_FLAT_MONTH;
  const logged = sc.output.moves ? flats * months * rate : 0;
  const moves = logged * BYTES_PER_LOGGED_MOVE;
  const every = sc.output.mapEveryYears;
  const maps = every > 0 && !sc.schelling ? flats * (Math.floor(months / 12 / every) + 1) : 0;
  return {
    flats,
    householdMonths: sc.replications * flats * months,
    bytesPerReplication: Math.ceil(REPLICATION_FIXED_BYTES + world + metrics + moves + maps),
    tableBytesPerReplication: Math.ceil(logged * MOVES_CSV_BYTES_PER_MOVE + (months + 1) * metricRows * NMETRIC * METRICS_CSV_BYTES_PER_VALUE),
  };
}
