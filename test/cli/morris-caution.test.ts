/**
 * The console's caution for a Morris screening on few trajectories (src/cli/study.ts
 * `morrisCaution`): with fewer than DEFAULT_TRAJECTORIES each parameter's μ* and σ rest on that
 * few elementary effects; at the default or more, and for Sobol, nothing is said.
 */
import { describe, expect, it } from 'vitest';
import { morrisDesign, sobolDesign } from '../../src/analysis/sensitivity.js';
import { DEFAULT_TRAJECTORIES, morrisCaution, undefinedOutcomes } from '../../src/cli/study.js';
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
