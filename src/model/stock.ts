/**
 * Changes to the housing stock made by the levers, as data (`World.stock`): flats designated
 * for merging, flats reserved for building, and a version that counts every change of which
 * flats are part of the stock (`Flats.active`).
 */

export interface StockChanges {
  /** Flats designated for merging, by flat: the partner flat index, or NONE. */
  mergePartner: Int32Array;
  /** Rooms and rent of the merged flat, stored on the lower index of each pair. */
  mergeRooms: Uint8Array;
  mergeRent: Float32Array;
  /** Flats reserved for building levers: estate e owns reservedStart[e]..reservedEnd[e]-1. */
  reservedStart: Int32Array;
  reservedEnd: Int32Array;
  reservedUsed: Uint8Array;
  /** New large flats (merged or built) are offered to the internal list first, by flat. */
  internalFirst: Uint8Array;
  /** Incremented whenever a flat enters or leaves the stock (`flats.active`). */
  version: number;
}
