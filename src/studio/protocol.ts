/**
 * The messages between the studio page (app.ts) and its simulation worker (worker.ts). Plain
 * data; the grid travels as a transferred byte array.
 */

/** The Schelling settings the page's sliders give. */
export interface SchellingSettings {
  /** Grid width and height (a square grid), cells. */
  size: number;
  /** Share of cells with a household, 0-1. */
  density: number;
  /** Share of neighbours of its own group a household wants, 0-1 (NetLogo's %-similar-wanted / 100). */
  wanted: number;
  /** Groups, 2-4. */
  groups: number;
  /** Neighbourhood radius, cells (Chebyshev). */
  radius: number;
  /** Base seed; the run uses replication 0's seed of it, as `nabolag run --seed` does. */
  seed: number;
}

export type ToWorker =
  | { kind: 'setup'; settings: SchellingSettings }
  | { kind: 'step' }
  /** Change the share wanted without a new setup (as NetLogo's slider does). */
  | { kind: 'wanted'; wanted: number };

export type FromWorker =
  | {
      kind: 'frame';
      step: number;
      similar: number;
      unhappy: number;
      moves: number;
      width: number;
      height: number;
      groups: number;
      /** width x height bytes: 0 empty, 1 + group. */
      cells: Uint8Array;
    }
  | { kind: 'error'; message: string };
