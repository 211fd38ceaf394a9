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
  /**
   * Estate mode: run replication `replication` of a scenario (checked again in the worker).
   * `role` tells the page's two scenarios apart (the one with the levers, and the baseline
   * without them, run on the same seeds); `mapEveryMonths` > 0 records the estate map every
   * that many months (the first replication).
   */
  | { kind: 'estate'; scenario: Scenario; replication: number; role: EstateRole; mapEveryMonths: number };

/** The scenario as set in the page (with its levers), or its baseline (the same without levers). */
export type EstateRole = 'scenario' | 'baseline';

/** The estate map of one replication: every flat's place, and its household type at each snapshot. */
export interface EstateMap {
  /** Month of each snapshot (0 = 1 January of the start year). */
  months: number[];
  /** Flats (the length of x and y). */
  flats: number;
  x: Uint16Array;
  y: Uint16Array;
  /** Estate index of each flat (estates are drawn one below the other). */
  estate: Uint16Array;
  /** The estates' names, by estate index (a region's map names each estate above its flats). */
  names: string[];
  /** months.length x flats codes: MAP_TYPES index, or 255 for a flat not in use (demolished, not yet built). */
  types: Uint8Array;
}

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
      role: EstateRole;
      /** The replication's rows of metrics.csv, as `nabolag run` writes them (no header). */
      rows: string;
      /** The calendar year of each value below: the start year (1 January, initial state), then the 1 January after each simulated year. */
      years: number[];
      /** resourceStrongShare and familiesWithChildren on those dates (the metric row charts read: the estate, or "region"). */
      share: number[];
      families: number[];
      ms: number;
      /** With `mapEveryMonths` > 0: the estate map month by month. */
      map?: EstateMap;
    }
  | { kind: 'error'; message: string };
