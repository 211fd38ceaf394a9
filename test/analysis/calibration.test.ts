/** Targets of `nabolag calibrate` (src/analysis/calibration.ts): how they are read, and the scale their errors are measured in. */
import { describe, expect, it } from 'vitest';
import { jackknifeInterval, objective, parseTarget, targetScale, toleranceVerdict } from '../../src/analysis/calibration.js';
import { UserError } from '../../src/scenario/messages.js';

describe('calibration targets', () => {
  it('reads <expression>=<value>[±<tolerance>], the value after the last "=", ± as +- or +/-', () => {
    expect(parseTarget('moveOuts@2030/households@2030=0.104±0.005')).toEqual({
      text: 'moveOuts@2030/households@2030=0.104±0.005',
      expression: 'moveOuts@2030/households@2030',
      value: 0.104,
      tolerance: 0.005,
    });
    expect(parseTarget('a@2030 = -2 +- 0.5')).toMatchObject({ expression: 'a@2030', value: -2, tolerance: 0.5 });
    expect(parseTarget('a@2030=1e3+/-10')).toMatchObject({ value: 1000, tolerance: 10 });
    expect(parseTarget('a@2030==b@2030=1')).toMatchObject({ expression: 'a@2030==b@2030', value: 1, tolerance: null });
  });

  it.each([
    ['a@2030', 'give <expression>=<value>'],
    ['=5', 'the expression before "=" is empty'],
    ['a@2030=', 'the value "" after "=" is not a number'],
    ['a@2030=x', 'the value "x" after "=" is not a number'],
    ['a@2030=1±', 'the tolerance "" after "±" is not a number'],
    ['a@2030=1±0', 'the tolerance must be above 0, not 0'],
    ['a@2030=1±-2', 'the tolerance must be above 0, not -2'],
    ['a@2030=1±2±3', 'give one tolerance'],
    ['a@2030=1e999', 'is not a finite number'],
  ])('%s is a clear mistake naming --target', (text, message) => {
    expect(() => parseTarget(text)).toThrow(UserError);
    expect(() => parseTarget(text)).toThrow(`option --target "${text}": `);
    expect(() => parseTarget(text)).toThrow(message);
  });

  it('measures errors in the tolerance, else relative to the value, else (a value of 0) in its own units', () => {
    expect(targetScale({ value: 0.104, tolerance: 0.005 })).toBe(0.005);
    expect(targetScale({ value: -40, tolerance: null })).toBe(40);
    expect(targetScale({ value: 0, tolerance: null })).toBe(1);
    const withError = (error: number) => ({ mean: 0, low: NaN, high: NaN, error });
    expect(objective([withError(1), withError(-2), withError(0.5)])).toBe(5.25);
    expect(objective([withError(NaN), withError(1)])).toBeNaN();
  });
});

describe('toleranceVerdict: is the target met, and can the replications tell?', () => {
  const spec = parseTarget('moveOuts@2027=100±5');
  const fitted = (mean: number, low: number, high: number) => ({ mean, low, high, error: (mean - 100) / 5 });

  it('within, and the whole 95% interval within: resolved', () => {
    expect(toleranceVerdict(spec, fitted(102, 98, 105))).toEqual({ within: true, resolved: true });
  });

  it('within, but the interval reaches outside the tolerance: not resolved (the seeds may have been lucky)', () => {
    expect(toleranceVerdict(spec, fitted(104, 99, 109))).toEqual({ within: true, resolved: false });
  });

  it('outside, the whole interval outside: resolved; reaching inside: not', () => {
    expect(toleranceVerdict(spec, fitted(110, 106, 114))).toEqual({ within: false, resolved: true });
    expect(toleranceVerdict(spec, fitted(107, 103, 111))).toEqual({ within: false, resolved: false });
  });

  it('no interval (one replication): never resolved; no tolerance: no verdict', () => {
    expect(toleranceVerdict(spec, fitted(100, Number.NaN, Number.NaN))).toEqual({ within: true, resolved: false });
    expect(toleranceVerdict(parseTarget('moveOuts@2027=100'), fitted(100, 99, 101))).toEqual({ within: null, resolved: null });
  });
});

describe("a target's interval (jackknife around the expression on the means)", () => {
  const metric = { evaluate: (v: readonly number[]) => v[0]! };
  const ratio = { evaluate: (v: readonly number[]) => v[0]! / v[1]! };

  it('is the t interval of the mean for one metric', () => {
    const x = [3, 5, 4, 8];
    const mean = 5;
    const sd = Math.sqrt(((3 - 5) ** 2 + 0 + 1 + 9) / 3);
    const half = 3.182446305284263 * (sd / 2);
    const ci = jackknifeInterval(
      metric,
      [mean],
      x.map((v) => [v]),
    );
    expect(ci.low).toBeCloseTo(mean - half, 10);
    expect(ci.high).toBeCloseTo(mean + half, 10);
  });

  it('is centred on the ratio of the means for a ratio, not on the mean of the ratios', () => {
    // the outside trial's garden and space exits: ratio of means 26/22, mean of ratios 3.26
    const garden = [11, 5, 8, 2];
    const space = [1, 8, 8, 5];
    const rows = garden.map((g, i) => [g, space[i]!]);
    const ci = jackknifeInterval(ratio, [26 / 4, 22 / 4], rows);
    expect((ci.low + ci.high) / 2).toBeCloseTo(26 / 22, 10);
    expect(ci.low).toBeGreaterThan(-1);
    expect(ci.high).toBeLessThan(5);
  });

  it('has no bounds with one replication or where a left-out mean gives no number', () => {
    expect(jackknifeInterval(metric, [1], [[1]]).low).toBeNaN();
    const ci = jackknifeInterval(
      ratio,
      [1, 0.5],
      [
        [1, 1],
        [1, 0],
      ],
    );
    expect(ci.low).toBeNaN();
  });
});
