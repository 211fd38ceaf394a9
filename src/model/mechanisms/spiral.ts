/**
 * The negative spiral: each month every area's social problems and crime move towards
 * targets set by its composition, and its image moves towards a target set by composition,
 * crime, listing and image work. The image falls fast and recovers slowly: it sticks
 * (Andersen 2004, cited in the report). An area is an estate, or one of its sections once the
 * estate is divided (see world.ts `areaGroups`).
 *
 * The image target is absolute: the region's image (`region.image`) at the region's
 * composition (`region.outsideShare18to64`, `region.nonWesternShare`, crime index 1), lower on
 * the log-odds scale by each unit of composition above those references (never 0: the feedback
 * acts on the weakest estates too). So a weak estate has a weak image at its
 * steady state too, and the image acts on who applies and who stays there (letting.ts,
 * career.ts), not only when the composition changes. An estate's given `image` is its value at
 * the start; without one it starts at its target.
 */
import { logistic, logit } from '../logodds.js';
import { C, NCENSUS, sumSections } from '../census.js';
import type { World } from '../world.js';
import { areaGroups } from '../layout.js';
import { spreadArea } from '../area.js';

/** Composition indicators the spiral reads from a census row. */
export function indicators(census: Float64Array, row: number): { outside: number; nonWestern: number; vulnerable: number; youngMenOutside: number } {
  const o = row * NCENSUS;
  const p1864 = census[o + C.persons18to64]!;
  const res = census[o + C.residents]!;
  const hh = census[o + C.households]!;
  return {
    outside: p1864 > 0 ? census[o + C.outside18to64]! / p1864 : 0,
    nonWestern: res > 0 ? census[o + C.nonWesternPersons]! / res : 0,
    vulnerable: hh > 0 ? census[o + C.vulnerableHouseholds]! / hh : 0,
    youngMenOutside: res > 0 ? census[o + C.youngMenOutside]! / res : 0,
  };
}

/** Crime index (1 = the national conviction rate) implied by the composition of estate e's area. */
export function crimeTarget(w: World, ind: ReturnType<typeof indicators>, e: number): number {
  const s = w.scenario.spiral;
  const eff = w.eff[e]!;
  return (s.crimeBase + s.crimeFromOutsideYoung * ind.youngMenOutside + s.crimeFromVulnerable * eff.vulnerableFactor * ind.vulnerable) * eff.crimeFactor;
}

/** Social problems index implied by the composition. */
export function problemsTarget(w: World, ind: ReturnType<typeof indicators>, e: number): number {
  const s = w.scenario.spiral;
  return s.problemsFromVulnerable * w.eff[e]!.vulnerableFactor * ind.vulnerable + s.problemsFromOutside * ind.outside;
}

const scratch = new Float64Array(NCENSUS);

/**
 * Log-odds of the image per unit of the image score: 4, so that near the region's image 0.5 the
 * target moves by the score's own units (the logistic's slope there is 1/4) while far from it the
 * target approaches 0 or 1 without reaching them. An assumption of scale: a clamped linear target
 * sat at 0 for every estate much weaker than the region, where the feedback stopped acting.
 */
export const IMAGE_LOGIT_PER_UNIT = 4;

/**
 * The image an area's composition, crime and listing imply (0-1), for estate e's area starting at
 * section x: the region's image, moved on the log-odds scale by a score that falls with each unit
 * of composition above the region's.
 */
export function imageTarget(w: World, ind: ReturnType<typeof indicators>, e: number, x: number): number {
  const s = w.scenario.spiral;
  const r = w.scenario.region;
  const a = w.area;
  const listed = a.status[x]! >= 2 ? 1 : 0;
  const score =
    -s.imageFromOutside * (ind.outside - r.outsideShare18to64) -
    s.imageFromNonWestern * (ind.nonWestern - r.nonWesternShare) -
    s.imageFromCrime * (a.crime[x]! - 1) -
    s.imageFromListing * listed +
    w.eff[e]!.imageBoost +
    a.imageShift[x]!;
  const ref = Math.min(0.999, Math.max(0.001, r.image));
  return logistic(logit(ref) + IMAGE_LOGIT_PER_UNIT * score);
}

/** Crime and social problems at the start (month 0), from the initial census (per section). */
export function initSpiral(w: World, census: Float64Array): void {
  const a = w.area;
  for (const [from, to] of areaGroups(w.layout)) {
    sumSections(census, from, to, scratch, 0);
    const e = w.layout.sectionEstate[from]!;
    const ind = indicators(scratch, 0);
    a.crime[from] = crimeTarget(w, ind, e);
    a.problems[from] = a.problems0[from] = problemsTarget(w, ind, e);
    spreadArea(a, from, to);
  }
}

/** The image at the start where the scenario gives none: its target (after the first classification, which it reads). */
export function initImage(w: World, census: Float64Array): void {
  const a = w.area;
  for (const [from, to] of areaGroups(w.layout)) {
    if (!Number.isNaN(a.image[from]!)) continue;
    sumSections(census, from, to, scratch, 0);
    a.image[from] = imageTarget(w, indicators(scratch, 0), w.layout.sectionEstate[from]!, from);
    spreadArea(a, from, to);
  }
}

/** One month of the spiral for every area. */
export function applySpiral(w: World, census: Float64Array): void {
  const s = w.scenario.spiral;
  const a = w.area;
  for (const [from, to] of areaGroups(w.layout)) {
    sumSections(census, from, to, scratch, 0);
    const e = w.layout.sectionEstate[from]!;
    const x = from;
    const ind = indicators(scratch, 0);
    a.crime[x]! += s.problemsAdjustPerMonth * (crimeTarget(w, ind, e) - a.crime[x]!);
    a.problems[x]! += s.problemsAdjustPerMonth * (problemsTarget(w, ind, e) - a.problems[x]!);
    const target = imageTarget(w, ind, e, x);
    const rate = target < a.image[x]! ? s.imageFallPerMonth : s.imageRisePerMonth;
    a.image[x]! += rate * (target - a.image[x]!);
    spreadArea(a, from, to);
  }
}
