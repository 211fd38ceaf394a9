/**
 * What the world keeps to avoid recomputing: the incremental census (census.ts) and the
 * households' hazard bounds (household-month.ts). Both are derived from the rest of the state
 * and could be rebuilt from it; tests check that they agree with a recount.
 */

/** The incremental census carried by the world (census.ts). */
export interface LiveCensus {
  /** Households' contributions per section (flats and derived entries are added in `readCensus`). */
  rows: Float64Array;
  /** Month as of which each household is counted, or NONE when it is not counted. */
  countedAt: Int32Array;
  /** Month at which each counted household's contribution next changes by age. */
  next: Int32Array;
  income: Float64Array;
  /** Off in worlds that never read it (the Schelling presets). */
  on: boolean;
  /** Active flats per section, as of `World.stock.version`. */
  activeFlats: Float64Array;
  stockVersion: number;
}

/** Per household: the bound of its monthly event probability and the last month it holds. */
export interface HazardBounds {
  base: Float64Array;
  mult: Float64Array;
  family: Uint8Array;
  /** Last month the bound holds; NONE when it must be recomputed. */
  until: Int32Array;
  /** The parameters the bounds were computed from (a lever or offer change invalidates all): see `updateBoundsKey`. */
  key: Float64Array;
  /**
   * The bound with the area terms at their caps (`cap0`, `cap1`, at least this month's): the
   * first pass compares the draw with this one number before it reads the month's own bound.
   */
  thr: Float64Array;
  cap0: number;
  cap1: number;
  /** Scratch: this month's households to work out exactly, and their draws. */
  cand: Int32Array;
  candU: Float64Array;
  /** Where `readAhead` puts what it read. */
  sink: number;
}
