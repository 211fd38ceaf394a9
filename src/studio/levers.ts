/**
 * The levers the estate mode offers: every lever kind of the scenario schema
 * (scenario/policies.ts), with the one field the page lets a user size, named in English and
 * Danish. Limits, defaults and units come from the schema itself, so the page cannot offer a
 * value that `nabolag validate` refuses. Pure data (the page and the tests read it).
 */
import type { NumSchema, ObjSchema } from '../scenario/dsl.js';
import { type LeverKind, type Policy, policySchema } from '../scenario/policies.js';
import { type Lang, TEXT } from './text.js';

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
  // a renovation's works end (its attachment acts after them): without an end its disruption would
  // last the whole run and its attachment never begin
  const until = kind === 'renovation' ? { until: from + RENOVATION_WORKS_YEARS } : {};
  return { lever: kind, from, ...until, ...(field && s?.default !== undefined ? { [field]: s.default } : {}) } as Policy;
}

/** Years a renovation added on the page lasts, until the user changes it (the shipped example's, scenarios/levers/renovation.yaml). */
export const RENOVATION_WORKS_YEARS = 2;

/** A number as a lever's message writes it (Danish: a decimal comma). */
const shown = (lang: Lang, v: number): string => (lang === 'da' ? String(v).replace('.', ',') : String(v));

/** What a field allows, in words: "a whole number from 1 to 100000", "a number from 0 to 1". */
function allowed(lang: Lang, integer: boolean | undefined, min: number, max: number, exclusiveMin?: boolean): string {
  const what = lang === 'da' ? (integer ? 'et helt tal' : 'et tal') : integer ? 'a whole number' : 'a number';
  const from = exclusiveMin
    ? lang === 'da'
      ? `over ${shown(lang, min)}`
      : `above ${shown(lang, min)}`
    : lang === 'da'
      ? `fra ${shown(lang, min)}`
      : `from ${shown(lang, min)}`;
  return lang === 'da' ? `${what} ${from} til ${shown(lang, max)}` : `${what} ${from} to ${shown(lang, max)}`;
}

/**
 * The first problem with the levers as typed in the page, in the page's language, or undefined:
 * a field left empty (the page never fills in a value the user did not ask for), a value
 * outside the schema's limits, a first year outside the simulated years (`firstYear` to
 * `lastYear`), or a last year not after the first. It names the lever (its place in the list,
 * counting from 1, and its name), the field (as labelled, and by its path in the scenario as run
 * and exported, `policies[j].field`, j counting the levers switched on from 0), the
 * value typed and what is allowed. The schema's own check (the command line's messages) still
 * runs after this one.
 */
export function leverProblem(levers: readonly { policy: Policy; on: boolean }[], firstYear: number, lastYear: number, lang: Lang): string | undefined {
  const da = lang === 'da';
  let j = -1;
  for (const [i, row] of levers.entries()) {
    if (!row.on) continue;
    j++;
    const k = row.policy.lever;
    const p = row.policy as unknown as Record<string, unknown>;
    const who = `${da ? 'Tiltag' : 'Lever'} ${i + 1} (${LEVERS[k].name[lang]})`;
    const check = (
      label: string,
      field: string,
      v: unknown,
      integer: boolean | undefined,
      min: number,
      max: number,
      exclusiveMin?: boolean,
    ): string | undefined => {
      const name = `"${label}" (policies[${j}].${field})`;
      const ok = allowed(lang, integer, min, max, exclusiveMin);
      if (typeof v !== 'number' || !Number.isFinite(v))
        return da ? `${who}: ${name} er tomt eller ikke et tal; skriv ${ok}.` : `${who}: ${name} is empty or not a number; enter ${ok}.`;
      if ((integer && !Number.isInteger(v)) || v > max || (exclusiveMin ? v <= min : v < min))
        return da ? `${who}: ${name} er ${shown(lang, v)}; tilladt er ${ok}.` : `${who}: ${name} is ${shown(lang, v)}; allowed: ${ok}.`;
      return undefined;
    };
    const size = LEVERS[k].size;
    const s = sizeSchema(k);
    const bad =
      (size && s ? check(size.label[lang], size.field, p[size.field], s.integer, s.min ?? -Infinity, s.max ?? Infinity, s.exclusiveMin) : undefined) ??
      check(TEXT[lang].estateLeverFrom, 'from', p.from, true, firstYear, lastYear) ??
      (p.until === undefined
        ? undefined
        : check(TEXT[lang].estateLeverUntil, 'until', p.until, true, typeof p.from === 'number' ? p.from + 1 : firstYear, 2200));
    if (bad) return bad;
  }
  return undefined;
}

/**
 * A problem with the replications or the seed as typed in the estate mode, in the page's
 * language, or undefined: a field left empty, or holding no number (the browser's `badInput`),
 * is refused rather than run with a count or seed the user did not ask for. It names the field
 * (as labelled and as the scenario names it), and what is allowed. A number outside the limits
 * is not refused here: the page shows in the field the count or seed it runs (0 replications: 1).
 */
export function runFieldProblem(
  label: string,
  field: 'replications' | 'seed',
  typed: string,
  badInput: boolean,
  min: number,
  max: number,
  lang: Lang,
): string | undefined {
  const v = typed.trim() === '' ? Number.NaN : Number(typed);
  if (!badInput && Number.isFinite(v)) return undefined;
  const ok = allowed(lang, true, min, max);
  const name = `"${label}" (${field})`;
  return lang === 'da' ? `${name} er tomt eller ikke et tal; skriv ${ok}.` : `${name} is empty or not a number; enter ${ok}.`;
}
