/**
 * The levers the estate mode offers: every lever kind of the scenario schema
 * (scenario/policies.ts), with the one field the page lets a user size, named in English and
 * Danish. Limits, defaults and units come from the schema itself, so the page cannot offer a
 * value that `nabolag validate` refuses. Pure data (the page and the tests read it).
 */
import type { NumSchema, ObjSchema } from '../scenario/dsl.js';
import { type LeverKind, type Policy, policySchema } from '../scenario/policies.js';
import type { Lang } from './text.js';

interface LeverText {
  name: Record<Lang, string>;
  /** The sized field and its label; absent: the lever has no size (it is on or off). */
  size?: { field: string; label: Record<Lang, string> };
}

export const LEVERS: Record<LeverKind, LeverText> = {
  largerFlats: { name: { en: 'Larger flats', da: 'Større boliger' }, size: { field: 'count', label: { en: 'large flats made', da: 'store boliger i alt' } } },
  internalList: {
    name: { en: 'Internal waiting list', da: 'Intern venteliste' },
    size: { field: 'share', label: { en: 'share of vacancies offered internally first', da: 'andel af ledige boliger tilbudt internt først' } },
  },
  gardens: {
    name: { en: 'Gardens', da: 'Haver' },
    size: { field: 'privateGardens', label: { en: 'share of ground-floor flats given a garden', da: 'andel stueboliger, der får have' } },
  },
  renovation: {
    name: { en: 'Renovation with the right to alter', da: 'Renovering med råderet' },
    size: { field: 'attachment', label: { en: 'move-out hazard after the works (multiplier)', da: 'fraflytningsrisiko efter arbejdet (faktor)' } },
  },
  ownership: { name: { en: 'Ownership options', da: 'Ejerboliger' }, size: { field: 'units', label: { en: 'flats sold', da: 'solgte boliger' } } },
  almenBoligPlus: {
    name: { en: 'AlmenBolig+ principles', da: 'AlmenBolig+-principper' },
    size: { field: 'rentDiscount', label: { en: 'rent reduction (share)', da: 'huslejenedsættelse (andel)' } },
  },
  socialActivities: {
    name: { en: 'Social activities', da: 'Sociale aktiviteter' },
    size: { field: 'volunteering', label: { en: 'rate of starting to volunteer (multiplier)', da: 'rate for at blive frivillig (faktor)' } },
  },
  vulnerableWork: {
    name: { en: 'Work with vulnerable residents', da: 'Indsats for udsatte beboere' },
    size: { field: 'effect', label: { en: 'problems and crime reduced by (share)', da: 'problemer og kriminalitet mindsket med (andel)' } },
  },
  municipalAllocation: {
    name: { en: 'Municipal allocation', da: 'Kommunal anvisning' },
    size: { field: 'share', label: { en: 'share of family dwellings allocated', da: 'andel af familieboliger, der anvises' } },
  },
  flexibleLetting: {
    name: { en: 'Flexible letting', da: 'Fleksibel udlejning' },
    size: { field: 'share', label: { en: 'share let to applicants in work or education', da: 'andel udlejet til ansøgere i job eller uddannelse' } },
  },
  facilities: {
    name: { en: 'Facilities that draw outsiders', da: 'Tilbud, der trækker udefra' },
    size: { field: 'image', label: { en: 'shift of the image target', da: 'løft af image-målet' } },
  },
  imageWork: {
    name: { en: 'Image work', da: 'Imagearbejde' },
    size: { field: 'boost', label: { en: 'shift of the image target', da: 'løft af image-målet' } },
  },
  divideEstate: { name: { en: 'Divide the estate', da: 'Opdeling af afdelingen' } },
  upgradeRename: {
    name: { en: 'Upgrade and rename', da: 'Opgradering og nyt navn' },
    size: { field: 'jump', label: { en: 'immediate rise of the image', da: 'straks-løft af image' } },
  },
  demolition: { name: { en: 'Demolition', da: 'Nedrivning' }, size: { field: 'flats', label: { en: 'flats demolished', da: 'nedrevne boliger' } } },
  programme: {
    name: { en: 'Social housing programme', da: 'Boligsocial helhedsplan' },
    size: { field: 'boost', label: { en: 'rates into work and education (multiplier)', da: 'overgang til job og uddannelse (faktor)' } },
  },
  extension: {
    name: { en: 'Extension of stay', da: 'Forlængelse' },
    size: { field: 'factor', label: { en: 'move-out hazard of the group (multiplier)', da: 'gruppens fraflytningsrisiko (faktor)' } },
  },
};

export const LEVER_KINDS = Object.keys(LEVERS) as LeverKind[];

/** The schema of a lever kind's sized field (its limits, default and unit). */
export function sizeSchema(kind: LeverKind): NumSchema | undefined {
  const f = LEVERS[kind].size?.field;
  if (!f) return undefined;
  const s = (policySchema.variants[kind] as ObjSchema).fields[f];
  return s?.kind === 'num' ? s : undefined;
}

/** A new lever of a kind as the page adds it: the schema's default size, from `from` to the end. */
export function newLever(kind: LeverKind, from: number): Policy {
  const s = sizeSchema(kind);
  const field = LEVERS[kind].size?.field;
  return { lever: kind, from, ...(field && s?.default !== undefined ? { [field]: s.default } : {}) } as Policy;
}
