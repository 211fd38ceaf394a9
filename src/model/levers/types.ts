/** The shape of a lever module: how a lever kind acts. */
import type { Policy } from '../../scenario/policies.js';
import type { EstateEffective, World } from '../world.js';

export type PolicyOf<K extends Policy['lever']> = Extract<Policy, { lever: K }>;

export interface LeverModule<K extends Policy['lever']> {
  /** Effective parameters while the lever is in force (applied every month). */
  effective?: (e: EstateEffective, p: PolicyOf<K>, w: World, estate: number) => void;
  /** Effective parameters after the lever has ended (`yearsSinceEnd` >= 0). */
  after?: (e: EstateEffective, p: PolicyOf<K>, yearsSinceEnd: number) => void;
  /** Physical change made once, in the first month the lever is in force, for each estate it applies to. */
  start?: (w: World, p: PolicyOf<K>, estate: number) => void;
  /** Flats to reserve at the start of the run for this lever in one estate (built flats). */
  reserveFlats?: (p: PolicyOf<K>) => number;
}
