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
import { messages, show, type Issue } from './messages.js';
import type { Scenario } from './schema.js';

/** Room shares must add up to 1 within this tolerance. */
export const ROOM_SUM_TOLERANCE = 1e-6;
/** Largest region: flats × copies over all estates, plus the flats levers build (`builtFlats`). */
export const MAX_TOTAL_FLATS = 2_000_000;
/** Largest run: replications × flats (builds included) × years × 12. */
export const MAX_HOUSEHOLD_MONTHS = 2e11;
/** The name of the metrics row that sums the estates of a region: no estate may be called so. */
export const REGION_ROW = 'region';
/** Tolerance for "shares add up to at most 1" (floating point). */
const SHARE_TOLERANCE = 1e-9;

const numberAt = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const record = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/**
 * A predicate telling whether a field path is touched by one of the given issues: the path
 * itself, a field inside it, or a section that contains it.
 */
export function touchedBy(issues: readonly Issue[]): (path: string) => boolean {
  const paths = issues.map((i) => i.path);
  const inside = (child: string, parent: string) => parent === '' || child === parent || child.startsWith(parent + '.') || child.startsWith(parent + '[');
  return (path) => paths.some((p) => inside(path, p) || inside(p, path));
}

/** The last calendar year a scenario simulates (its months run from 1 January of `startYear`). */
export const lastYear = (s: Pick<Scenario, 'startYear' | 'years'>): number => s.startYear + s.years - 1;

/**
 * The indices of the scenario's levers that start after its last simulated year and so never act
 * (`from` may be one year beyond it, so that a run shortened with `--years` keeps its levers).
 */
export function leversAfterRun(s: Scenario): number[] {
  return s.policies.flatMap((p, i) => (p.from > lastYear(s) ? [i] : []));
}

/** Warnings (not errors) for the levers that never act in the run (`leversAfterRun`), against `file`. */
export function leverWarnings(s: Scenario, file: string): Issue[] {
  const after = leversAfterRun(s).map((i) =>
    messages.leverAfterRun(file, `policies[${i}].from`, s.policies[i]!.lever, s.policies[i]!.from, s.startYear, lastYear(s)),
  );
  // merging joins two neighbouring flats of at most 2 rooms each (model/levers/physical.ts): at most 4 rooms
  const merged = s.policies.flatMap((p, i) =>
    p.lever === 'largerFlats' && p.mode === 'merge' && p.rooms > MERGED_ROOMS_MAX
      ? [messages.mergedRooms(file, `policies[${i}].rooms`, p.rooms, MERGED_ROOMS_MAX)]
      : [],
  );
  return [...after, ...merged];
}

/** Most rooms a merged flat has: two neighbours of at most 2 rooms each (model/levers/physical.ts). */
export const MERGED_ROOMS_MAX = 4;

/**
 * The fields of an estate that anchoring solves (model/anchor.ts) while the estate has `anchor`
 * on, whatever the scenario says: a value given there is not used (load.ts warns; the study
 * commands refuse to vary them).
 */
export const ANCHORED_FIELDS = ['attractiveness', 'attachment', 'applicants.familyShare', 'applicants.strongFamilyShare', 'applicants.seniorShare'] as const;

/** Flats the estates start with: flats × copies summed over the estates. */
export function baseFlats(s: Scenario): number {
  let total = 0;
  for (const e of Array.isArray(s.estates) ? s.estates : []) total += (numberAt(record(e).flats) ?? 0) * (numberAt(record(e).copies) ?? 1);
  return total;
}

/**
 * Flats the levers build over the run: every `largerFlats` lever with `mode: build` adds
 * `count` flats to each estate row it applies to (each copy of its estate, or of every estate
 * when it names none). The model reserves exactly these flats at the start of a run
 * (`reservedFlats` in src/model/levers/index.ts; a test keeps the two in step). Demolitions are
 * not subtracted: the flats are allocated before they are pulled down.
 */
export function builtFlats(s: Scenario): number {
  const estates = Array.isArray(s.estates) ? s.estates : [];
  const copies = estates.map((e) => numberAt(record(e).copies) ?? 1);
  const rows = copies.reduce((a, b) => a + b, 0);
  let built = 0;
  for (const policy of Array.isArray(s.policies) ? s.policies : []) {
    const p = record(policy);
    if (p.lever !== 'largerFlats' || p.mode !== 'build') continue;
    const count = numberAt(p.count) ?? 0;
    const estate = numberAt(p.estate);
    built += count * (estate === undefined ? rows : (copies[estate] ?? 0));
  }
  return built;
}

/** Flats in the whole region over the run: the estates' own (`baseFlats`) and those built (`builtFlats`). */
export function totalFlats(s: Scenario): number {
  return baseFlats(s) + builtFlats(s);
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

  // Every output row (an estate, or a copy of one) has its own name, and none is `region`.
  issues.push(...checkEstateNames(estates, file, ok));

  // Absurd sizes, counting the flats levers build.
  const base = baseFlats(s);
  const built = builtFlats(s);
  const total = base + built;
  const sizeOk =
    estates.every((_, i) => ok(`estates[${i}].flats`, `estates[${i}].copies`)) &&
    (Array.isArray(s.policies) ? s.policies : []).every((_, i) => ok(`policies[${i}]`));
  if (sizeOk && total > MAX_TOTAL_FLATS) {
    // named where the excess comes from: the estates, or the levers when the estates alone fit
    issues.push(messages.tooManyFlats(file, base > MAX_TOTAL_FLATS ? 'estates' : 'policies', total, MAX_TOTAL_FLATS, built));
  }

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
      return;
    }
    // a demolition of more flats than an estate it applies to has (each copy: levers/physical.ts)
    const demolished = numberAt(p.flats);
    if (p.lever === 'demolition' && demolished !== undefined && ok(`${at}.flats`, `${at}.estate`)) {
      const targets = estate === undefined ? estates.map((_, k) => k) : [estate];
      const smallest = targets
        .map((k) => ({ k, flats: numberAt(record(estates[k]).flats) }))
        .filter((t): t is { k: number; flats: number } => t.flats !== undefined && ok(`estates[${t.k}].flats`))
        .sort((a, b) => a.flats - b.flats)[0];
      if (smallest && demolished > smallest.flats) issues.push(messages.demolitionTooLarge(file, `${at}.flats`, demolished, smallest.k, smallest.flats));
    }
  });

  // Schelling: one agent per cell at most.
  if (s.schelling !== undefined) {
    const g = record(s.schelling);
    const agents = numberAt(g.agents);
    const width = numberAt(g.width);
    const height = numberAt(g.height);
    if (
      agents !== undefined &&
      width !== undefined &&
      height !== undefined &&
      ok('schelling.agents', 'schelling.width', 'schelling.height') &&
      agents > width * height
    ) {
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

/**
 * The output rows of the estates must have distinct names: an estate with copies > 1 gives
 * rows name-1 .. name-copies, one with copies 1 a row named as the estate, and `region` is
 * reserved, in any case (the sum row of a region). Checked without listing the rows (copies can make
 * millions): "B-k" and "C-m" are the same only when B = C and k = m, since a copy number has no
 * "-"; so a copied estate collides with another copied estate of the same name, or with a
 * single estate called name-k for a k within its copies.
 */
function checkEstateNames(estates: readonly unknown[], file: string, ok: (...paths: string[]) => boolean): Issue[] {
  const issues: Issue[] = [];
  /** A single estate by its name, a copied estate by its name. */
  const singles = new Map<string, number>();
  const copied = new Map<string, number>();
  const info = estates.map((estate, i) => {
    const e = record(estate);
    const name = typeof e.name === 'string' ? e.name : undefined;
    const copies = numberAt(e.copies);
    return name !== undefined && copies !== undefined && Number.isInteger(copies) && copies >= 1 && ok(`estates[${i}].name`, `estates[${i}].copies`)
      ? { name, copies }
      : undefined;
  });
  const who = (j: number, copy?: number) => `estates[${j}] ${show(info[j]!.name)}${copy !== undefined ? ` copy ${copy}` : ''}`;
  info.forEach((me, i) => {
    if (me === undefined) return;
    const path = `estates[${i}].name`;
    if (me.copies === 1) {
      // any case: a row "Region" beside the sum row "region" would read as the same row
      if (me.name.toLowerCase() === REGION_ROW) {
        issues.push(messages.estateNameReserved(file, path, me.name));
        return;
      }
      const same = singles.get(me.name);
      const m = /^(.*)-([1-9][0-9]*)$/.exec(me.name);
      const base = m ? copied.get(m[1]!) : undefined;
      const self = `field "${path}" is ${show(me.name)}`;
      if (same !== undefined) issues.push(messages.estateNameCollides(file, path, self, who(same)));
      else if (base !== undefined && Number(m![2]) <= info[base]!.copies) {
        issues.push(messages.estateNameCollides(file, path, self, who(base, Number(m![2]))));
      }
      if (!singles.has(me.name)) singles.set(me.name, i);
    } else {
      const same = copied.get(me.name);
      // the single estates named name-k for k within these copies, in the order of the list
      let single: number | undefined;
      let k = 0;
      for (const [n, j] of singles) {
        const m = n.startsWith(me.name + '-') ? /^([1-9][0-9]*)$/.exec(n.slice(me.name.length + 1)) : null;
        if (m && Number(m[1]) <= me.copies && (single === undefined || j < single)) [single, k] = [j, Number(m[1])];
      }
      const self = (copy: number) => `field "${path}" is ${show(me.name)} with copies ${me.copies}: its copy ${copy} ${show(`${me.name}-${copy}`)}`;
      if (same !== undefined) issues.push(messages.estateNameCollides(file, path, self(1), who(same, 1)));
      else if (single !== undefined) issues.push(messages.estateNameCollides(file, path, self(k), who(single)));
      if (!copied.has(me.name)) copied.set(me.name, i);
    }
  });
  return issues;
}
