/**
 * Cross-field rules: checks that involve more than one field, run on a scenario whose fields
 * have each been validated by the schema (`validate(scenarioSchema, …)`). Every rule that fails
 * gives its own issue; nothing stops at the first.
 *
 * The rules are defensive: a scenario that failed schema validation may still hold wrong values
 * (an unknown lever, a missing `from`), so each rule reads its inputs as numbers and skips
 * itself when one is missing. A rule is also skipped when one of the fields it reads already has
 * a schema issue (`isBad`), so that a value the user never wrote (a default put in place of a
 * wrong one) cannot raise a second, misleading message.
 */
import { messages, type Issue } from './messages.js';
import type { Scenario } from './schema.js';

/** Room shares must add up to 1 within this tolerance. */
export const ROOM_SUM_TOLERANCE = 1e-6;
/** Largest region: flats × copies over all estates. */
export const MAX_TOTAL_FLATS = 2_000_000;
/** Largest run: replications × flats × years × 12. */
export const MAX_HOUSEHOLD_MONTHS = 2e11;
/** Tolerance for "shares add up to at most 1" (floating point). */
const SHARE_TOLERANCE = 1e-9;

const numberAt = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const record = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/**
 * A predicate telling whether a field path is touched by one of the given issues: the path
 * itself, a field inside it, or a section that contains it.
 */
export function touchedBy(issues: readonly Issue[]): (path: string) => boolean {
  const paths = issues.map((i) => i.path);
  const inside = (child: string, parent: string) =>
    parent === '' || child === parent || child.startsWith(parent + '.') || child.startsWith(parent + '[');
  return (path) => paths.some((p) => inside(path, p) || inside(p, path));
}

/** Flats in the whole region: flats × copies summed over the estates. */
export function totalFlats(s: Scenario): number {
  let total = 0;
  for (const e of s.estates ?? []) total += (numberAt(e?.flats) ?? 0) * (numberAt(e?.copies) ?? 1);
  return total;
}

/**
 * Every cross-field problem of a scenario. `file` is named in each issue; `isBad` says which
 * fields already have schema issues (see the module comment).
 */
export function checkRules(s: Scenario, file: string, isBad: (path: string) => boolean = () => false): Issue[] {
  const issues: Issue[] = [];
  const ok = (...paths: string[]) => !paths.some(isBad);
  const estates = Array.isArray(s.estates) ? s.estates : [];

  estates.forEach((estate, i) => {
    const e = record(estate);
    const at = `estates[${i}]`;

    // Room mix adds up to 1.
    const rooms = record(e.rooms);
    const shares = ['r1', 'r2', 'r3', 'r4', 'r5'].map((k) => numberAt(rooms[k]));
    if (ok(`${at}.rooms`) && shares.every((x) => x !== undefined)) {
      const values = shares as number[];
      const sum = values.reduce((a, b) => a + b, 0);
      if (Math.abs(sum - 1) > ROOM_SUM_TOLERANCE) issues.push(messages.roomsSum(file, `${at}.rooms`, values, sum));
    }

    // Shares that split one whole.
    const pairs: [string, unknown, string, unknown][] = [
      [`${at}.ownerShare`, e.ownerShare, `${at}.coopShare`, e.coopShare],
      [`${at}.population.nonWesternShare`, record(e.population).nonWesternShare, `${at}.population.westernShare`, record(e.population).westernShare],
      // The applicant schema has no westernShare yet; the rule applies as soon as it does.
      [`${at}.applicants.nonWesternShare`, record(e.applicants).nonWesternShare, `${at}.applicants.westernShare`, record(e.applicants).westernShare],
    ];
    for (const [pa, va, pb, vb] of pairs) {
      const a = numberAt(va);
      const b = numberAt(vb);
      if (a !== undefined && b !== undefined && ok(pa, pb) && a + b > 1 + SHARE_TOLERANCE) {
        issues.push(messages.sharesOverOne(file, pb, pa, a, pb, b));
      }
    }

    // No more households than flats.
    const households = numberAt(record(e.population).households);
    const flats = numberAt(e.flats);
    const hPath = `${at}.population.households`;
    if (households !== undefined && flats !== undefined && ok(hPath, `${at}.flats`) && households > flats) {
      issues.push(messages.householdsOverFlats(file, hPath, households, `${at}.flats`, flats));
    }
  });

  // Absurd sizes.
  const total = totalFlats(s);
  const sizeOk = estates.every((_, i) => ok(`estates[${i}].flats`, `estates[${i}].copies`));
  if (sizeOk && total > MAX_TOTAL_FLATS) issues.push(messages.tooManyFlats(file, 'estates', total, MAX_TOTAL_FLATS));

  // A run that cannot finish.
  const replications = numberAt(s.replications);
  const years = numberAt(s.years);
  if (sizeOk && replications !== undefined && years !== undefined && ok('replications', 'years') && total <= MAX_TOTAL_FLATS) {
    const householdMonths = replications * total * years * 12;
    if (householdMonths > MAX_HOUSEHOLD_MONTHS) {
      issues.push(messages.runTooLarge(file, 'replications', replications, total, years, householdMonths, MAX_HOUSEHOLD_MONTHS));
    }
  }

  // Policies: dates inside the run, estate index inside the list.
  const startYear = numberAt(s.startYear);
  const policies = Array.isArray(s.policies) ? s.policies : [];
  policies.forEach((policy, i) => {
    const p = record(policy);
    const at = `policies[${i}]`;
    const from = numberAt(p.from);
    const until = numberAt(p.until);
    if (from !== undefined && until !== undefined && ok(`${at}.from`, `${at}.until`) && until <= from) {
      issues.push(messages.policyUntilBeforeFrom(file, `${at}.until`, until, from));
    }
    if (from !== undefined && startYear !== undefined && years !== undefined && ok(`${at}.from`, 'startYear', 'years')) {
      const last = startYear + years;
      if (from < startYear || from > last) issues.push(messages.policyFromOutside(file, `${at}.from`, from, startYear, last));
    }
    const estate = numberAt(p.estate);
    if (estate !== undefined && ok(`${at}.estate`) && estate >= estates.length) {
      issues.push(messages.policyEstateIndex(file, `${at}.estate`, estate, estates.length));
    }
  });

  // Schelling: one agent per cell at most.
  if (s.schelling !== undefined) {
    const g = record(s.schelling);
    const agents = numberAt(g.agents);
    const width = numberAt(g.width);
    const height = numberAt(g.height);
    if (agents !== undefined && width !== undefined && height !== undefined && ok('schelling.agents', 'schelling.width', 'schelling.height') && agents > width * height) {
      issues.push(messages.schellingCrowded(file, 'schelling.agents', agents, width, height));
    }
    // the grid is laid over the flats of one estate: one flat per cell
    const estates = Array.isArray(s.estates) ? s.estates : [];
    const flats = estates.length === 1 ? numberAt(record(estates[0]).flats) : undefined;
    const copies = estates.length === 1 ? numberAt(record(estates[0]).copies) : undefined;
    if (width !== undefined && height !== undefined && (estates.length !== 1 || copies !== 1 || flats !== width * height)) {
      issues.push(messages.schellingGrid(file, 'estates', width, height, estates.length, flats));
    }
  }

  return issues;
}
