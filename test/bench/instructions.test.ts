/**
 * The callgrind summary (bench/instructions.ts): reading a perf map, finding the code that holds
 * an address, and adding up each function's own instructions from callgrind's compressed format.
 */
import { describe, expect, it } from 'vitest';
import { lookup, readPerfMap, selfCosts } from '../../bench/instructions.js';

describe('readPerfMap and lookup', () => {
  const ranges = readPerfMap('2000 10 JS:*b file:///x.js:1:1\n1000 100 Builtin:A\n\n3000 8 JS:~c file:///y.js:2:2\n');
  it('sorts the ranges and finds the one holding an address', () => {
    expect(ranges.map((r) => r.name)).toEqual(['Builtin:A', 'JS:*b file:///x.js:1:1', 'JS:~c file:///y.js:2:2']);
    expect(lookup(ranges, 0x1000)).toBe('Builtin:A');
    expect(lookup(ranges, 0x10ff)).toBe('Builtin:A');
    expect(lookup(ranges, 0x2008)).toBe('JS:*b file:///x.js:1:1');
  });
  it('finds nothing between ranges, past the last, or before the first', () => {
    expect(lookup(ranges, 0x1100)).toBeUndefined();
    expect(lookup(ranges, 0x3008)).toBeUndefined();
    expect(lookup(ranges, 0x10)).toBeUndefined();
  });
});

describe('selfCosts', () => {
  it('adds cost lines to the current function, names compressed, and leaves out the inclusive cost of calls', () => {
    const text = ['events: Ir', 'fn=(1) main', '0 10', '+2 5', 'cfn=(2) 0x2004', 'calls=1 0', '0 1000', '-1 3', 'fn=(2)', '* 7', 'fn=(1)', '0 1'].join('\n');
    const c = selfCosts(text);
    expect(c.get('main')).toBe(19);
    expect(c.get('0x2004')).toBe(7);
    expect([...c.values()].reduce((a, b) => a + b, 0)).toBe(26);
  });

  it('sums the events named instead, missing trailing values counting 0, and names a missing event', () => {
    const text = ['events: Ir Dr DLmr DLmw', 'fn=(1) f', '0 10 4 2 1', '+1 7 3', 'fn=(2) g', '0 5 1 0 3'].join('\n');
    const misses = selfCosts(text, ['DLmr', 'DLmw']);
    expect(misses.get('f')).toBe(3);
    expect(misses.get('g')).toBe(3);
    expect(selfCosts(text).get('f')).toBe(17);
    expect(() => selfCosts(text, ['D1mr'])).toThrow(/no event D1mr.*Ir Dr DLmr DLmw/);
  });
});
