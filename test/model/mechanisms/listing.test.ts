/**
 * The areas of the list classification (mechanisms/listing.ts, world.ts `classificationGroups`):
 * almenboligloven § 61 a classifies the physically contiguous area, so an estate divided into
 * named sections stays one area on the list (while each section keeps its own image), and only
 * sections that became physically separate areas are classified one by one.
 */
import { describe, expect, it } from 'vitest';
import { C, NCENSUS, takeCensus } from '../../../src/model/census.js';
import { LIST_STATUSES } from '../../../src/model/classification.js';
import { applyClassification } from '../../../src/model/mechanisms/listing.js';
import { DIVIDED, areaGroups, classificationGroups } from '../../../src/model/layout.js';
import type { World } from '../../../src/model/world.js';
import { tinyWorld } from '../../helpers/world.js';

/** A world of one 400-flat estate in 4 sections, divided as `how` (a `DIVIDED` code). */
function world(how: number): World {
  // a weak estate, on the lists as a whole (as in test/levers/direction.test.ts)
  const w = tinyWorld(
    3,
    {},
    { flats: 400, sections: 4, population: { resourceStrongShare: 0.3, nonWesternShare: 0.62, basicEducationShareWeak: 0.78, basicEducationShareStrong: 0.4 } },
  );
  w.layout.divided[0] = how;
  return w;
}

describe('the areas of the classification and of the spiral', () => {
  it('undivided: one area for both', () => {
    const w = world(DIVIDED.no);
    expect(areaGroups(w.layout)).toEqual([[0, 4]]);
    expect(classificationGroups(w.layout)).toEqual([[0, 4]]);
  });

  it('named sections: the spiral per section, the classification for the whole contiguous estate', () => {
    const w = world(DIVIDED.named);
    expect(areaGroups(w.layout)).toEqual([
      [0, 1],
      [1, 2],
      [2, 3],
      [3, 4],
    ]);
    expect(classificationGroups(w.layout)).toEqual([[0, 4]]);
  });

  it('physically separate sections: each its own area for both', () => {
    const w = world(DIVIDED.separate);
    expect(classificationGroups(w.layout)).toEqual(areaGroups(w.layout));
    expect(classificationGroups(w.layout).length).toBe(4);
  });
});

describe('applyClassification of a divided estate', () => {
  /** Classify with a minimum of `minResidents` residents and the sections' own images and crime set apart. */
  function classify(how: number, minResidents: number) {
    const w = world(how);
    w.scenario = { ...w.scenario, classification: { ...w.scenario.classification, minResidents } };
    const census = new Float64Array(w.layout.sectionNames.length * NCENSUS);
    takeCensus(w, census);
    for (let s = 0; s < 4; s++) {
      w.area.image[s] = 0.1 * (s + 1);
      w.area.crime[s] = 1 + s;
    }
    applyClassification(w, census, new Map());
    return w;
  }

  it('named sections: every section carries the whole estate’s status and criteria, and keeps its own image and crime', () => {
    const whole = classify(DIVIDED.no, 1);
    const named = classify(DIVIDED.named, 1);
    for (let s = 0; s < 4; s++) {
      expect(named.area.status[s]).toBe(named.area.status[0]);
      expect(named.area.outsideShare[s]).toBe(whole.area.outsideShare[0]);
      expect(named.area.nonWesternShare[s]).toBe(whole.area.nonWesternShare[0]);
      expect(named.area.image[s]).toBeCloseTo(0.1 * (s + 1), 12);
      expect(named.area.crime[s]).toBe(1 + s);
    }
    // the conviction ratio is the sections' crime weighted by their residents: between the extremes
    expect(named.area.convictionRatio[0]).toBeGreaterThan(1);
    expect(named.area.convictionRatio[0]).toBeLessThan(4);
  });

  it('below the minimum only as separate sections: the whole estate is classified, its sections are not', () => {
    // residents of the whole estate (about 400 households) above the minimum, of each section below it
    const probe = world(DIVIDED.no);
    const census = new Float64Array(probe.layout.sectionNames.length * NCENSUS);
    takeCensus(probe, census);
    let total = 0;
    let largest = 0;
    for (let s = 0; s < 4; s++) {
      const r = census[s * NCENSUS + C.residents]!;
      total += r;
      largest = Math.max(largest, r);
    }
    const min = Math.floor((total + largest) / 2);
    const whole = classify(DIVIDED.no, min);
    const named = classify(DIVIDED.named, min);
    const separate = classify(DIVIDED.separate, min);
    expect(LIST_STATUSES[whole.area.status[0]!]).not.toBe('none');
    for (let s = 0; s < 4; s++) {
      expect(named.area.status[s]).toBe(whole.area.status[0]);
      expect(LIST_STATUSES[separate.area.status[s]!]).toBe('none');
    }
  });
});
