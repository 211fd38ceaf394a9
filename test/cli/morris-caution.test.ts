/**
 * The console's caution for a Morris screening on few trajectories (src/cli/study.ts
 * `morrisCaution`): with fewer than DEFAULT_TRAJECTORIES each parameter's μ* and σ rest on that
 * few elementary effects; at the default or more, and for Sobol, nothing is said. And for a Sobol
 * analysis on few base rows (`sobolCaution`).
 */
import { describe, expect, it } from 'vitest';
import { morrisDesign, sobolDesign } from '../../src/analysis/sensitivity.js';
import { DEFAULT_BASE_ROWS, DEFAULT_TRAJECTORIES, constantOutcomes, morrisCaution, sobolCaution, undefinedOutcomes } from '../../src/cli/study.js';
import { makeRng } from '../../src/model/rng.js';

const morris = (r: number) => ({ method: 'morris' as const, design: morrisDesign(3, r, makeRng(1, 'test')) });

describe('morrisCaution', () => {
  it('2 trajectories: a caution naming them and the usual number', () => {
    expect(morrisCaution(morris(2))).toBe(
      `caution: 2 trajectories give each parameter's μ* and σ from 2 elementary effects; ${DEFAULT_TRAJECTORIES}-20 are usual for screening (--samples ${DEFAULT_TRAJECTORIES})\n`,
    );
  });

  it('the default number or more, or a Sobol analysis: nothing', () => {
    expect(morrisCaution(morris(DEFAULT_TRAJECTORIES))).toBe('');
    expect(morrisCaution(morris(DEFAULT_TRAJECTORIES + 5))).toBe('');
    expect(morrisCaution({ method: 'sobol', baseRows: 4, points: sobolDesign(3, 4, makeRng(1, 'test')).points })).toBe('');
  });
});

describe('sobolCaution', () => {
  const sobol = (n: number) => ({ method: 'sobol' as const, baseRows: n, points: sobolDesign(3, n, makeRng(1, 'test')).points });
  it('fewer base rows than the default: a caution naming them and the usual number; else, and for Morris, nothing', () => {
    expect(sobolCaution(sobol(8))).toBe(
      `caution: 8 base rows give Sobol indices so imprecise that estimates outside 0-1 are common, and their intervals from as few rows are not to be trusted; ${DEFAULT_BASE_ROWS} or more are usual (--samples ${DEFAULT_BASE_ROWS})\n`,
    );
    expect(sobolCaution(sobol(DEFAULT_BASE_ROWS))).toBe('');
    expect(sobolCaution(morris(2))).toBe('');
  });
});

describe('undefinedOutcomes', () => {
  const outcomes = [
    { name: 'h', expression: 'vacantFlats@2028/vacantFlats@2027' },
    { name: 'rs', expression: 'resourceStrongShare@2028' },
  ];
  it('names each outcome that is not a number at some sample points, with how many', () => {
    const w = undefinedOutcomes({
      outcomes,
      y: [
        [Number.NaN, 1, Number.POSITIVE_INFINITY, 2],
        [0.5, 0.5, 0.5, 0.5],
      ],
    });
    expect(w.split('\n').filter(Boolean)).toHaveLength(1);
    expect(w).toMatch(/^warning: outcome "h" \(vacantFlats@2028\/vacantFlats@2027\) is not a number at 2 of 4 sample points/);
  });
  it('nothing when every outcome is a number everywhere', () => {
    expect(
      undefinedOutcomes({
        outcomes,
        y: [
          [1, 2],
          [0, 0],
        ],
      }),
    ).toBe('');
  });
});

describe('constantOutcomes', () => {
  const outcomes = [
    { name: 'list', expression: 'listStatusCode@2031' },
    { name: 'rs', expression: 'resourceStrongShare@2031' },
  ];
  const y = [
    [0, 0, 0, 0],
    [0.5, 0.4, 0.5, 0.6],
  ];
  it('says why a Sobol outcome that never varies has empty indices', () => {
    const w = constantOutcomes({ method: 'sobol', outcomes, y });
    expect(w.split('\n').filter(Boolean)).toHaveLength(1);
    expect(w).toMatch(
      /^note: outcome "list" \(listStatusCode@2031\) is 0 at every one of the 4 sample points: .* its Sobol indices in indices.csv are empty \(null in summary.json\)/,
    );
  });
  it('nothing for Morris (μ* = σ = 0 says it), nor for an outcome that is not a number (undefinedOutcomes warns)', () => {
    expect(constantOutcomes({ method: 'morris', outcomes, y })).toBe('');
    expect(
      constantOutcomes({
        method: 'sobol',
        outcomes,
        y: [
          [Number.NaN, Number.NaN],
          [1, 2],
        ],
      }),
    ).toBe('');
  });
});
