/**
 * `npm run tipping` (src/tools/tipping.ts): the shock's paired damage, measured as the shock test
 * measures it, on a few pairs: the same seeds give the same damage, three years of municipal
 * allocation lower the share by 2030, and without the shock there is no damage at all.
 */
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load.js';
import { shockDamage, tippingArgs } from '../../src/tools/tipping.js';

const sc = { ...loadScenario('scenarios/default.yaml'), years: 15, estates: [{ ...loadScenario('scenarios/default.yaml').estates[0]!, flats: 300 }] };

describe('shockDamage', () => {
  it('three years of 100% municipal allocation lower the resource-strong share by 2030; the same seeds give the same figures', () => {
    const d = shockDamage(sc, 3, [2027, 2030, 2040]);
    expect(d[0]).toBe(0); // 1 January 2027: the shock has not begun
    expect(d[1]).toBeLessThan(-2);
    expect(shockDamage(sc, 3, [2027, 2030, 2040])).toEqual(d);
  }, 60_000);
});

describe('tippingArgs', () => {
  it('defaults, and the values given', () => {
    expect(tippingArgs([])).toEqual({ pairs: 60, ks: [0, 0.5, 1, 1.5, 2, 3] });
    expect(tippingArgs(['--pairs', '10', '--k', '1,2'])).toEqual({ pairs: 10, ks: [1, 2] });
    expect(tippingArgs(['--help'])).toEqual({ help: true });
  });

  it('a mistake is a message naming the option and the value, never a silent 0 or a stack trace', () => {
    expect(tippingArgs(['--k', '1,,2'])).toEqual({ error: '--k is "1,,2": "" is not a factor; give numbers of at least 0, separated by commas' });
    expect(tippingArgs(['--k', '-1'])).toHaveProperty('error');
    expect(tippingArgs(['--k', ''])).toHaveProperty('error');
    expect(tippingArgs(['--pairs', '1'])).toEqual({ error: '--pairs is "1"; give a whole number of at least 2' });
    expect(tippingArgs(['--pairs', '2.5'])).toHaveProperty('error');
    expect(tippingArgs(['--pair', '10'])).toHaveProperty('error');
    expect(tippingArgs(['--pairs'])).toHaveProperty('error');
  });
});
