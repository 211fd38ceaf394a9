/** How much simulating a scenario is, for deciding how to run it (workers, warm-up). */
import { scenarioMonths } from '../model/simulate.js';
import type { Scenario } from '../scenario/schema.js';

/** Flat-months one replication simulates: flats (copies included) x months (Schelling: steps). */
export function replicationFlatMonths(sc: Scenario): number {
  const flats = sc.estates.reduce((n, e) => n + e.flats * e.copies, 0);
  return flats * scenarioMonths(sc);
}
