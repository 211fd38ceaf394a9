/**
 * Levers that act only through effective parameters, one small module each. Each says which
 * mechanism it acts through (docs/ODD.md, "Policy levers").
 */
import { groupCode } from './groups.js';
import type { LeverModule } from './types.js';

/** Internal list, family priority to 4+ rooms and swaps by life phase → letting. */
export const internalList: LeverModule<'internalList'> = {
  effective: (e, p) => {
    e.internalList = p.enabled;
    e.internalShare = p.share;
    e.familyPriorityLarge = p.familyPriorityLarge;
    e.swapAnnual = p.swapAnnual;
  },
};

/** Renovation: disruption while the works last; attachment afterwards → career hazards. */
export const renovation: LeverModule<'renovation'> = {
  effective: (e, p) => {
    e.hazardFactor *= p.disruption;
  },
  after: (e, p, yearsSinceEnd) => {
    if (yearsSinceEnd < p.attachmentYears) e.hazardFactor *= p.attachment;
  },
};

/** AlmenBolig+: rent discount (letting acceptance) and engagement (volunteering, ties). */
export const almenBoligPlus: LeverModule<'almenBoligPlus'> = {
  effective: (e, p) => {
    e.rentFactor *= 1 - p.rentDiscount;
    e.volunteerFactor *= p.engagement;
    e.tieFactor *= p.engagement;
  },
};

/** Social activities and volunteering → social life. */
export const socialActivities: LeverModule<'socialActivities'> = {
  effective: (e, p) => {
    e.volunteerFactor *= p.volunteering;
    e.tieFactor *= p.ties;
  },
};

/** Work with vulnerable residents → the spiral's problems and crime. */
export const vulnerableWork: LeverModule<'vulnerableWork'> = {
  effective: (e, p) => {
    e.vulnerableFactor *= 1 - p.effect;
  },
};

/** Allocation limits → the municipal channel of letting. */
export const municipalAllocation: LeverModule<'municipalAllocation'> = {
  effective: (e, p) => {
    e.municipalShare = p.share;
    if (p.bans !== undefined) e.bans = p.bans ? 'on' : 'off';
  },
};

/** Flexible and combined letting → the letting channels. */
export const flexibleLetting: LeverModule<'flexibleLetting'> = {
  effective: (e, p) => {
    e.flexibleShare = p.share;
    e.combinedLetting = e.combinedLetting || p.combinedLetting;
  },
};

/** Facilities that draw outsiders → image target and crime. */
export const facilities: LeverModule<'facilities'> = {
  effective: (e, p) => {
    e.imageBoost += p.image;
    e.crimeFactor *= 1 - p.crime;
  },
};

/** Media work and ambassadors → image target. */
export const imageWork: LeverModule<'imageWork'> = {
  effective: (e, p) => {
    e.imageBoost += p.boost;
  },
};

/** Social-housing programme → elevator rates into work and education. */
export const programme: LeverModule<'programme'> = {
  effective: (e, p) => {
    e.programmeBoost *= p.boost;
  },
};

/** Extension ("forlængelse") → voluntary hazards of the chosen group. */
export const extension: LeverModule<'extension'> = {
  effective: (e, p) => {
    e.extensionGroup = groupCode(p.group);
    e.extensionFactor = p.factor;
  },
};
