/**
 * A policy's `estate` given by the estate's name (`estate: Nord`), as the command line's loader
 * (load.ts) and the studio's opened files (studio/open.ts) both read it: the name is turned into
 * the estate's number before validation, and a name no estate has gets its own message with the
 * names there are. No Node imports (the studio's page uses it).
 */
import { type Written, validate } from './dsl.js';
import { type Issue, messages } from './messages.js';
import { type Mapping, isMapping } from './parse.js';
import { type Scenario, estateSchema, scenarioSchema } from './schema.js';

let defaultNames: string[] | undefined;

/** The names of a merged scenario's estates, in order (the default estates' where it gives none). */
export function estateNamesOf(merged: Mapping): string[] {
  const estates = merged.estates;
  if (!Array.isArray(estates)) {
    defaultNames ??= (validate(scenarioSchema, {}, 'defaults').value as Scenario).estates.map((e) => e.name);
    return defaultNames;
  }
  const unnamed = estateSchema.fields.name.default!;
  return estates.map((e) => (isMapping(e) && typeof e.name === 'string' ? e.name : unnamed));
}

/**
 * A policy's `estate` given by its name (`estate: Nord`) turned into its number in `estates`, in
 * `merged`, before validation: the model reads the number. A name matches exactly, else without
 * regard to case where only one estate matches so. Returns the names that match no estate, by
 * path, for their own message (the validator would say only that a number was expected).
 */
export function estatesByName(merged: Mapping): Map<string, string> {
  const unmatched = new Map<string, string>();
  const policies = merged.policies;
  if (!Array.isArray(policies)) return unmatched;
  const names = estateNamesOf(merged);
  merged.policies = policies.map((p, i) => {
    if (!isMapping(p) || typeof p.estate !== 'string') return p;
    const name = p.estate.trim();
    let k = names.indexOf(name);
    if (k < 0) {
      const folded = names.flatMap((n, j) => (n.toLowerCase() === name.toLowerCase() ? [j] : []));
      if (folded.length === 1) k = folded[0]!;
    }
    if (k < 0) {
      unmatched.set(`policies[${i}].estate`, p.estate);
      return p;
    }
    return { ...p, estate: k };
  });
  return unmatched;
}

/**
 * A merged scenario validated against the schema, its policies' estate names read first
 * (estatesByName). `warnings`, when given, receives what validate warns of.
 */
export function validateNamingEstates(merged: Mapping, file: string, written?: Written, warnings?: Issue[]): { value: unknown; issues: Issue[] } {
  const unnamed = estatesByName(merged);
  const validated = validate(scenarioSchema, merged, file, '', written, warnings);
  // a policy's estate named by a name no estate has: that, and the names there are
  return {
    ...validated,
    issues: validated.issues.map((i) => {
      const name = unnamed.get(i.path);
      return name === undefined ? i : messages.policyEstateName(i.file, i.path, name, estateNamesOf(merged));
    }),
  };
}
