/**
 * The negative spiral (src/model/mechanisms/spiral.ts): crime and social problems move towards
 * targets set by the composition; the image moves towards a target set by the composition
 * against the region's, crime and listing — falling fast and rising slowly. Hand-made census rows and
 * frozen parameters (test/helpers/scenario.ts). "Pinned" values were observed once and written
 * down to detect unintended changes; change them only on purpose.
 */
import { describe, expect, it } from 'vitest';
import { C, NCENSUS } from '../../../src/model/census.js';
import {
  IMAGE_LOGIT_PER_UNIT,
  applySpiral,
  crimeTarget,
  imageTarget,
  indicators,
  initImage,
  initSpiral,
  problemsTarget,
} from '../../../src/model/mechanisms/spiral.js';
import type { World } from '../../../src/model/world.js';
import { census, tinyWorld, syntheticWorld } from '../../helpers/world.js';

const SPIRAL = {
  imageFallPerMonth: 0.08,
  imageRisePerMonth: 0.008,
  problemsAdjustPerMonth: 0.1,
  imageFromOutside: 0.7,
  imageFromNonWestern: 0.25,
  imageFromCrime: 0.15,
  imageFromListing: 0.08,
  imageBoost: 0,
  crimeFromOutsideYoung: 6,
  crimeFromVulnerable: 8,
  crimeBase: 0.55,
  problemsFromVulnerable: 3,
  problemsFromOutside: 0.8,
};

/** A census row: 1,000 residents, 400 households, 600 persons 18-64 of whom `outside` outside work. */
function row(o: { outside?: number; nonWestern?: number; vulnerable?: number; youngMen?: number } = {}): Float64Array {
  const c = new Float64Array(NCENSUS);
  c[C.residents] = 1000;
  c[C.households] = 400;
  c[C.persons18to64] = 600;
  c[C.outside18to64] = o.outside ?? 120;
  c[C.nonWesternPersons] = o.nonWestern ?? 200;
  c[C.vulnerableHouseholds] = o.vulnerable ?? 20;
  c[C.youngMenOutside] = o.youngMen ?? 10;
  return c;
}

const logistic = (x: number) => 1 / (1 + Math.exp(-x));
/**
 * The region's references equal row()'s composition (20% outside work, 20% non-western); its
 * image is set so that the target at row() (crime index 1.01, a score of −0.15 × 0.01) is
 * exactly 0.5.
 */
const REGION = { image: logistic(IMAGE_LOGIT_PER_UNIT * 0.15 * 0.01), outsideShare18to64: 0.2, nonWesternShare: 0.2 };
/** The image target for a score (image units) relative to row()'s composition: 0.5 at score 0. */
const target = (score: number) => logistic(IMAGE_LOGIT_PER_UNIT * score);

function world(spiral: Record<string, unknown> = {}, image = 0.5): World {
  const w = tinyWorld(1, { spiral: { ...SPIRAL, ...spiral }, region: REGION }, { image });
  initSpiral(w, row());
  return w;
}

describe('indicators and targets', () => {
  it('shares from the census row', () => {
    expect(indicators(row(), 0)).toEqual({ outside: 0.2, nonWestern: 0.2, vulnerable: 0.05, youngMenOutside: 0.01 });
    expect(indicators(new Float64Array(NCENSUS), 0)).toEqual({ outside: 0, nonWestern: 0, vulnerable: 0, youngMenOutside: 0 });
  });

  it('crime and problems targets are linear in the composition', () => {
    const w = world();
    const ind = indicators(row(), 0);
    expect(crimeTarget(w, ind, 0)).toBeCloseTo(0.55 + 6 * 0.01 + 8 * 0.05, 12);
    expect(problemsTarget(w, ind, 0)).toBeCloseTo(3 * 0.05 + 0.8 * 0.2, 12);
  });

  it('initSpiral sets crime and problems from the census', () => {
    const w = world();
    expect(w.area.crime[0]).toBeCloseTo(1.01, 12);
    expect(w.area.problems[0]).toBeCloseTo(0.31, 12);
    expect(w.area.problems0[0]).toBeCloseTo(0.31, 12);
  });

  it("the image target is absolute: the region's image, lower by each unit of composition above the region's", () => {
    const w = world();
    // 20 points more outside work and 30 points more non-western than the region, crime 1.01
    const ind = indicators(row({ outside: 240, nonWestern: 500 }), 0);
    const low = target(-0.7 * 0.2 - 0.25 * 0.3);
    expect(imageTarget(w, ind, 0, 0)).toBeCloseTo(low, 12);
    // on the log-odds scale: near 0.5 a unit of score moves the target by about a unit of image
    expect(low).toBeCloseTo(0.5 - 0.215, 1);
    // a weak estate's image stays low at its steady state: nothing pulls it back to where it started
    const weak = world({}, 0.5);
    for (let m = 0; m < 120; m++) applySpiral(weak, row({ outside: 240, nonWestern: 500 }));
    expect(weak.area.image[0]).toBeCloseTo(low, 4);
    // and however weak, it stays above 0: the feedback still acts
    expect(imageTarget(w, indicators(row({ outside: 600, nonWestern: 1000 }), 0), 0, 0)).toBeGreaterThan(0);
  });

  it('an estate given no image starts at its target', () => {
    const w = world();
    w.area.image[0] = Number.NaN; // what the world builder writes when the scenario gives no image
    initImage(w, row({ outside: 240 }));
    expect(w.area.image[0]).toBeCloseTo(target(-0.7 * 0.2), 12);
  });
});

describe('applySpiral', () => {
  it('an unchanged composition keeps everything where it is', () => {
    const w = world();
    for (let m = 0; m < 24; m++) applySpiral(w, row());
    expect(w.area.image[0]).toBeCloseTo(0.5, 12);
    expect(w.area.crime[0]).toBeCloseTo(1.01, 12);
  });

  it('crime moves towards its target at problemsAdjustPerMonth', () => {
    const w = world();
    applySpiral(w, row({ vulnerable: 40 })); // target 0.55 + 0.06 + 0.8 = 1.41
    expect(w.area.crime[0]).toBeCloseTo(1.01 + 0.1 * (1.41 - 1.01), 12);
  });

  it('image falls towards a lower target at imageFallPerMonth', () => {
    const w = world();
    // 20 points more outside work: target logistic(4 x -0.14) = 0.364 (crime unchanged)
    applySpiral(w, row({ outside: 240 }));
    expect(w.area.image[0]).toBeCloseTo(0.5 - 0.08 * (0.5 - target(-0.14)), 12);
  });

  it('image rises towards a higher target at imageRisePerMonth', () => {
    const w = world();
    applySpiral(w, row({ outside: 0 })); // target logistic(4 x 0.14) = 0.636
    expect(w.area.image[0]).toBeCloseTo(0.5 + 0.008 * (target(0.14) - 0.5), 12);
  });

  it('the image falls faster than it rises: down 0.14 in months, back up only in years', () => {
    const w = world();
    let fallMonths = 0;
    while (w.area.image[0]! > 0.5 - 0.14 * 0.9) {
      applySpiral(w, row({ outside: 240 }));
      fallMonths++;
    }
    let riseMonths = 0;
    while (w.area.image[0]! < 0.5 - 0.14 * 0.1) {
      applySpiral(w, row());
      riseMonths++;
    }
    // pinned: 90% of the way down in 31 months, back to within 10% in 274 months
    expect({ fallMonths, riseMonths }).toEqual({ fallMonths: 31, riseMonths: 274 });
    expect(riseMonths).toBeGreaterThan(5 * fallMonths);
  });

  it('listing lowers the image target; image work raises it', () => {
    const listed = world();
    listed.area.status[0] = 3;
    applySpiral(listed, row());
    expect(listed.area.image[0]).toBeCloseTo(0.5 - 0.08 * (0.5 - target(-0.08)), 12);
    const boosted = world({ imageBoost: 0.1 });
    applySpiral(boosted, row());
    expect(boosted.area.image[0]).toBeCloseTo(0.5 + 0.008 * (target(0.1) - 0.5), 12);
  });

  it('the image stays within (0, 1): near 0 for the worst composition, never 0', () => {
    const w = world({ imageFallPerMonth: 1, imageFromOutside: 5 });
    applySpiral(w, row({ outside: 600 }));
    expect(w.area.image[0]).toBeGreaterThan(0);
    expect(w.area.image[0]).toBeLessThan(1e-6);
    const best = world({ imageRisePerMonth: 1, imageFromOutside: 5 });
    applySpiral(best, row({ outside: 0, nonWestern: 0 }));
    expect(best.area.image[0]).toBeLessThan(1);
    expect(best.area.image[0]).toBeGreaterThan(0.98);
  });
});

describe('pinned: the spiral in a 120-flat estate from its own census (seed 17, frozen parameters, synthetic population)', () => {
  it('crime, problems and image after a year of a worsening composition', () => {
    const w = syntheticWorld(17, 120, { spiral: SPIRAL });
    const c0 = census(w);
    initSpiral(w, c0);
    const start = { crime: w.area.crime[0]!, problems: w.area.problems[0]! };
    const worse = Float64Array.from(c0);
    worse[C.outside18to64] = worse[C.outside18to64]! + 10;
    worse[C.vulnerableHouseholds] = worse[C.vulnerableHouseholds]! + 5;
    for (let m = 0; m < 12; m++) applySpiral(w, worse);
    const r6 = (x: number) => Number(x.toFixed(6));
    expect({
      start: { crime: r6(start.crime), problems: r6(start.problems) },
      end: { crime: r6(w.area.crime[0]!), problems: r6(w.area.problems[0]!), image: r6(w.area.image[0]!) },
    }).toEqual({
      start: { crime: 1.005533, problems: 0.401029 },
      end: { crime: 1.268862, problems: 0.534781, image: 0.401394 },
    });
  });
});
