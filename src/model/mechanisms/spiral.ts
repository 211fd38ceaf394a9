/**
 * The negative spiral: each month every estate's social problems and crime move towards
 * targets set by its composition, and its image moves towards a target set by composition,
 * crime, listing and image work. The image falls fast and recovers slowly: it sticks
 * (Andersen 2004, cited in the report).
 *
 * Targets are relative to the start: at month 0 the image equals the estate's initial image,
 * and the image target shifts with the change in composition since then. This makes the
 * initial image a scenario input (the estate's reputation) rather than something the model
 * must explain.
 */
import { C, NCENSUS } from '../census.js';
import type { World } from '../world.js';

/** Composition indicators the spiral reads from a census row. */
export function indicators(census: Float64Array, e: number): { outside: number; nonWestern: number; vulnerable: number; youngMenOutside: number } {
  const o = e * NCENSUS;
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

/** Crime index (1 = the national conviction rate) implied by the composition. */
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

/** Set the reference values at the start (month 0), from the initial census. */
export function initSpiral(w: World, census: Float64Array): void {
  const a = w.area;
  for (let e = 0; e < w.nEstates; e++) {
    const ind = indicators(census, e);
    a.crime[e] = a.crime0[e] = crimeTarget(w, ind, e);
    a.problems[e] = a.problems0[e] = problemsTarget(w, ind, e);
    a.outside0[e] = ind.outside;
    a.nonWestern0[e] = ind.nonWestern;
    a.listed0[e] = a.status[e]! >= 2 ? 1 : 0;
  }
}

/** One month of the spiral for every estate. */
export function applySpiral(w: World, census: Float64Array): void {
  const s = w.scenario.spiral;
  const a = w.area;
  for (let e = 0; e < w.nEstates; e++) {
    const ind = indicators(census, e);
    a.crime[e]! += s.problemsAdjustPerMonth * (crimeTarget(w, ind, e) - a.crime[e]!);
    a.problems[e]! += s.problemsAdjustPerMonth * (problemsTarget(w, ind, e) - a.problems[e]!);
    const listed = a.status[e]! >= 2 ? 1 : 0;
    const target = Math.min(
      1,
      Math.max(
        0,
        a.referenceImage[e]! -
          s.imageFromOutside * (ind.outside - a.outside0[e]!) -
          s.imageFromNonWestern * (ind.nonWestern - a.nonWestern0[e]!) -
          s.imageFromCrime * (a.crime[e]! - a.crime0[e]!) -
          s.imageFromListing * (listed - a.listed0[e]!) +
          w.eff[e]!.imageBoost,
      ),
    );
    const rate = target < a.image[e]! ? s.imageFallPerMonth : s.imageRisePerMonth;
    a.image[e]! += rate * (target - a.image[e]!);
  }
}
