/**
 * The negative spiral: each month every area's social problems and crime move towards
 * targets set by its composition, and its image moves towards a target set by composition,
 * crime, listing and image work. The image falls fast and recovers slowly: it sticks
 * (Andersen 2004, cited in the report). An area is an estate, or one of its sections once the
 * estate is divided (see world.ts `areaGroups`).
 *
 * Targets are relative to the start: at month 0 the image equals the estate's initial image,
 * and the image target shifts with the change in composition since then. This makes the
 * initial image a scenario input (the estate's reputation) rather than something the model
 * must explain.
 */
import { C, NCENSUS, sumSections } from '../census.js';
import { type World, areaGroups, spreadArea } from '../world.js';

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

/** Set the reference values at the start (month 0), from the initial census (per section). */
export function initSpiral(w: World, census: Float64Array): void {
  const a = w.area;
  for (const [from, to] of areaGroups(w)) {
    sumSections(census, from, to, scratch, 0);
    const e = w.sectionEstate[from]!;
    const ind = indicators(scratch, 0);
    a.crime[from] = a.crime0[from] = crimeTarget(w, ind, e);
    a.problems[from] = a.problems0[from] = problemsTarget(w, ind, e);
    a.outside0[from] = ind.outside;
    a.nonWestern0[from] = ind.nonWestern;
    spreadArea(a, from, to);
  }
}

/** One month of the spiral for every area. */
export function applySpiral(w: World, census: Float64Array): void {
  const s = w.scenario.spiral;
  const a = w.area;
  for (const [from, to] of areaGroups(w)) {
    sumSections(census, from, to, scratch, 0);
    const e = w.sectionEstate[from]!;
    const x = from;
    const ind = indicators(scratch, 0);
    a.crime[x]! += s.problemsAdjustPerMonth * (crimeTarget(w, ind, e) - a.crime[x]!);
    a.problems[x]! += s.problemsAdjustPerMonth * (problemsTarget(w, ind, e) - a.problems[x]!);
    const listed = a.status[x]! >= 2 ? 1 : 0;
    const target = Math.min(
      1,
      Math.max(
        0,
        a.referenceImage[x]! -
          s.imageFromOutside * (ind.outside - a.outside0[x]!) -
          s.imageFromNonWestern * (ind.nonWestern - a.nonWestern0[x]!) -
          s.imageFromCrime * (a.crime[x]! - a.crime0[x]!) -
          s.imageFromListing * (listed - a.listed0[x]!) +
          w.eff[e]!.imageBoost,
      ),
    );
    const rate = target < a.image[x]! ? s.imageFallPerMonth : s.imageRisePerMonth;
    a.image[x]! += rate * (target - a.image[x]!);
    spreadArea(a, from, to);
  }
}
