/**
 * The households with no neighbour on the studio's Schelling grid (studio/neighbours.ts), which
 * "% similar" leaves out: Chebyshev radius, the grid wrapping at its edges as the studio's does.
 */
import { describe, expect, it } from 'vitest';
import { alone } from '../../src/studio/neighbours.js';

const grid = (w: number, h: number, occupied: [number, number][]) => {
  const cells = new Uint8Array(w * h);
  for (const [x, y] of occupied) cells[y * w + x] = 1;
  return cells;
};

describe('alone', () => {
  it('counts the households with no other within the radius', () => {
    // (0,0) and (1,1) are diagonal neighbours; (5,5) is alone at radius 1, not at radius 4
    const cells = grid(10, 10, [
      [0, 0],
      [1, 1],
      [5, 5],
    ]);
    expect(alone(cells, 10, 10, 1)).toEqual({ alone: 1, households: 3 });
    expect(alone(cells, 10, 10, 4)).toEqual({ alone: 0, households: 3 });
  });

  it('wraps at the edges', () => {
    const cells = grid(10, 10, [
      [0, 0],
      [9, 9],
    ]);
    expect(alone(cells, 10, 10, 1)).toEqual({ alone: 0, households: 2 });
  });

  it('an empty grid has no one alone', () => {
    expect(alone(new Uint8Array(100), 10, 10, 1)).toEqual({ alone: 0, households: 0 });
  });
});
