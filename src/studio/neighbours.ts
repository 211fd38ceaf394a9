/**
 * Households with no neighbour on the studio's Schelling grid. "% similar" is the share of
 * neighbours of the same group over all households' neighbours together (as NetLogo's
 * Segregation model computes it), so a household with no neighbour adds nothing to it, and it
 * counts as content. At a low density that is many households: the page says how many. Pure
 * (the page and the tests use it).
 */

/**
 * How many occupied cells have no occupied cell within `radius` (Chebyshev distance, the grid
 * wrapping at its edges as the studio's does), of how many occupied. `cells` is the grid in
 * flat order (x fastest), 0 for empty.
 */
export function alone(cells: ArrayLike<number>, width: number, height: number, radius: number): { alone: number; households: number } {
  let households = 0;
  let n = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (!cells[y * width + x]) continue;
      households++;
      let found = false;
      for (let dy = -radius; dy <= radius && !found; dy++) {
        const yy = (((y + dy) % height) + height) % height;
        for (let dx = -radius; dx <= radius; dx++) {
          if (dx === 0 && dy === 0) continue;
          const xx = (((x + dx) % width) + width) % width;
          if (cells[yy * width + xx]) {
            found = true;
            break;
          }
        }
      }
      if (!found) n++;
    }
  }
  return { alone: n, households };
}
