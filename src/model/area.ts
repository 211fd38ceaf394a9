/**
 * The state of the areas (sections) the spiral and the list classification work on, as data.
 */

/**
 * Area state per section (index = global section). The sections of an estate that has not
 * been divided share one state (computed from the whole estate); after the divide lever each
 * section keeps its own image, problems and crime, and its list criteria only when the sections
 * became physically separate areas (`DIVIDED`, `classificationGroups`).
 */
export interface AreaState {
  image: Float64Array;
  /** A lasting shift of the image target by a physical upgrade and a new name (levers/physical.ts). */
  imageShift: Float64Array;
  problems: Float64Array;
  crime: Float64Array;
  /** Social problems at the start: the residents' dissatisfaction responds to their change since then. */
  problems0: Float64Array;
  /** List status code (index into LIST_STATUS_NAMES). */
  status: Uint8Array;
  consecutiveGhettoYears: Int32Array;
  /** Criteria of the last classification. */
  outsideShare: Float64Array;
  basicShare: Float64Array;
  incomeRatio: Float64Array;
  convictionRatio: Float64Array;
  nonWesternShare: Float64Array;
}

/** The area state's fields the list classification sets (`mechanisms/listing.ts`). */
export const CLASSIFICATION_FIELDS = [
  'status',
  'consecutiveGhettoYears',
  'outsideShare',
  'basicShare',
  'incomeRatio',
  'convictionRatio',
  'nonWesternShare',
] as const;

/** Copy the classification's fields of section `from` to sections from+1..to-1 (an estate divided into named sections: one area on the list, several in the spiral). */
export function spreadClassification(a: AreaState, from: number, to: number): void {
  for (const k of CLASSIFICATION_FIELDS) {
    const arr = a[k];
    for (let s = from + 1; s < to; s++) arr[s] = arr[from]!;
  }
}

/** Copy the area state of section `from` to sections from+1..to-1 (an undivided estate). */
export function spreadArea(a: AreaState, from: number, to: number): void {
  for (const k of Object.keys(a) as (keyof AreaState)[]) {
    const arr = a[k];
    for (let s = from + 1; s < to; s++) arr[s] = arr[from]!;
  }
}
