/**
 * The letting channels' running counters, as data (`World.letting`): fractional counters that
 * make "every n-th vacancy" rules exact, and the sales still to be made.
 */

export interface LettingCounters {
  /** Fractional counters of the municipal, internal-list and flexible shares, per estate. */
  municipalAcc: Float64Array;
  internalAcc: Float64Array;
  flexibleAcc: Float64Array;
  /** Fractional counter for the share of vacancies claimed for rehousing (region-wide). */
  rehousingAcc: number;
  /** Per estate: social flats still to be sold as they fall vacant (ownership lever). */
  pendingSales: Int32Array;
}
