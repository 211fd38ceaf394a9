/** Groups a lever can target (the extension lever). */
import { GROUPS } from '../../scenario/policies.js';

/** Group codes: 0 = none, then 1 + index in GROUPS. */
export const groupCode = (g: (typeof GROUPS)[number]): number => 1 + GROUPS.indexOf(g);

/** Whether a household belongs to a group. */
export function groupMatches(code: number, strong: boolean, family: boolean): boolean {
  switch (GROUPS[code - 1]) {
    case 'resourceStrongFamilies':
      return strong && family;
    case 'resourceStrong':
      return strong;
    case 'families':
      return family;
    case 'all':
      return true;
    default:
      return false;
  }
}
