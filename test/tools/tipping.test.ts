/**
 * `npm run tipping` (src/tools/tipping.ts): the shock's paired damage, measured as the shock test
 * measures it, on a few pairs: the same seeds give the same damage, three years of municipal
 * allocation lower the share by 2030, and without the shock there is no damage at all.
 */
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load.js';
import { shockDamage } from '../../src/tools/tipping.js';

const sc = { ...loadScenario('scenarios/default.yaml'), years: 15, estates: [{ ...loadScenario('scenarios/default.yaml').estates[0]!, flats: 300 }] };

describe('shockDamage', () => {
  it('three years of 100% municipal allocation lower the resource-strong share by 2030; the same seeds give the same figures', () => {
    const d = shockDamage(sc, 3, [2027, 2030, 2040]);
    expect(d[0]).toBe(0); // 1 January 2027: the shock has not begun
    expect(d[1]).toBeLessThan(-2);
    expect(shockDamage(sc, 3, [2027, 2030, 2040])).toEqual(d);
  }, 60_000);
});
