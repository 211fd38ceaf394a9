/**
 * Where everything is, as data (`World.layout`): the estates, their flats and sections, and
 * whether each estate has been divided.
 */

/** The estates and sections of one replication. */
export interface EstateLayout {
  nEstates: number;
  estateNames: string[];
  /** Index of the scenario estate spec each estate comes from (copies share a spec). */
  estateSpec: Int32Array;
  /** First flat of each estate; estate e owns flats flatStart[e]..flatStart[e+1]-1. */
  flatStart: Int32Array;
  sectionNames: string[];
  /** Estate of each section, and the first section of each estate (sectionStart[nEstates] = nSections). */
  sectionEstate: Int32Array;
  sectionStart: Int32Array;
  /** Whether and how each estate has been divided into its sections (divide lever): a `DIVIDED` code. */
  divided: Uint8Array;
}

/**
 * How an estate is divided (`EstateLayout.divided`, the divide lever): not at all; into named
 * sections that stay one physically contiguous area, which the list classification keeps
 * whole (almenboligloven § 61 a); or into sections that are physically separate areas, each
 * classified on its own (`policies[lever=divideEstate].physicallySeparate`).
 */
export const DIVIDED = { no: 0, named: 1, separate: 2 } as const;

/**
 * The areas of the spiral as section ranges [from, to): the whole estate while it is
 * undivided, each section once it is divided (either way).
 */
export function areaGroups(l: EstateLayout): [number, number][] {
  const out: [number, number][] = [];
  for (let e = 0; e < l.nEstates; e++) {
    const a = l.sectionStart[e]!;
    const b = l.sectionStart[e + 1]!;
    if (l.divided[e]) for (let s = a; s < b; s++) out.push([s, s + 1]);
    else out.push([a, b]);
  }
  return out;
}

/**
 * The areas of the list classification as section ranges [from, to): the whole estate, the
 * physically contiguous area of almenboligloven § 61 a, unless it was divided into physically
 * separate sections (`DIVIDED.separate`); then each section.
 */
export function classificationGroups(l: EstateLayout): [number, number][] {
  const out: [number, number][] = [];
  for (let e = 0; e < l.nEstates; e++) {
    const a = l.sectionStart[e]!;
    const b = l.sectionStart[e + 1]!;
    if (l.divided[e] === DIVIDED.separate) for (let s = a; s < b; s++) out.push([s, s + 1]);
    else out.push([a, b]);
  }
  return out;
}
