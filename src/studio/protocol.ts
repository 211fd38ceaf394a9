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

import type { Scenario } from '../scenario/schema.js';

export type ToWorker =
  | { kind: 'setup'; settings: SchellingSettings }
  | { kind: 'step' }
  /** Change the share wanted without a new setup (as NetLogo's slider does). */
  | { kind: 'wanted'; wanted: number }
  /** Estate mode: anchor a scenario's estates (model/anchor.ts) once, before its replications run on every worker. */
  | { kind: 'anchor'; scenario: Scenario }
  /** Estate mode: run replication `replication` of a scenario (checked again in the worker). */
  | { kind: 'estate'; scenario: Scenario; replication: number };

export type FromWorker =
  /** The scenario with its estates anchored (`anchor: false`, the solved values in place). */
  | { kind: 'anchored'; scenario: Scenario; ms: number }
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
  | {
      kind: 'estate-done';
      replication: number;
      /** The replication's rows of metrics.csv, as `nabolag run` writes them (no header). */
      rows: string;
      /** The calendar year of each value below: the start year (1 January, initial state), then the 1 January after each simulated year. */
      years: number[];
      /** resourceStrongShare and familiesWithChildren on those dates (the metric row charts read: the estate, or "region"). */
      share: number[];
      families: number[];
      ms: number;
    }
  | { kind: 'error'; message: string };
