/**
 * Test helpers for building scenarios in code.
 *
 *  - `scenario(overrides)`: the current schema defaults with `overrides` deep-merged on top
 *    (use for properties that must hold whatever the defaults are: invariants, determinism).
 *  - `frozenScenario(overrides)`: every model parameter set explicitly to the values frozen in
 *    `FROZEN_PARAMETERS` (the defaults as of the first release of the mechanisms), then
 *    `overrides`. Use it for tests that pin exact values: a later recalibration of the defaults
 *    in src/scenario/schema.ts does not change them; only a change of a mechanism does.
 *
 * Both validate with the real schema and the cross-field rules and throw on any issue.
 *
 *  - `shippedScenarioFiles()`: the scenario files that ship with the project (the default, the
 *    presets, one per lever, the packages and the regions), relative to `SCENARIOS`.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { validate } from '../../src/scenario/dsl.js';
import { checkRules } from '../../src/scenario/rules.js';
import { type Scenario, scenarioSchema } from '../../src/scenario/schema.js';
import { FROZEN_ESTATE, FROZEN_PARAMETERS } from './frozen.js';

type Json = Record<string, unknown>;
const isMapping = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Deep merge: mappings merge key by key; lists and scalars in `over` replace. */
export function deepMerge(base: unknown, over: unknown): unknown {
  if (over === undefined) return structuredClone(base);
  if (!isMapping(base) || !isMapping(over)) return structuredClone(over);
  const out: Json = structuredClone(base);
  for (const [k, v] of Object.entries(over)) out[k] = deepMerge(base[k], v);
  return out;
}

/** Validate a raw scenario object (schema and rules); throws listing every issue. */
export function validated(raw: unknown): Scenario {
  const { value, issues } = validate(scenarioSchema, raw, 'test');
  const all = [...issues, ...(issues.length ? [] : checkRules(value as Scenario, 'test'))];
  if (all.length) throw new Error(`invalid test scenario:\n${all.map((i) => JSON.stringify(i)).join('\n')}`);
  return value as Scenario;
}

/** The current defaults plus overrides. */
export function scenario(overrides: Json = {}): Scenario {
  return validated(overrides);
}

/**
 * Frozen parameters plus overrides. `estates` in the overrides is a list of partial estates,
 * each merged onto the frozen estate.
 */
export function frozenScenario(overrides: Json = {}): Scenario {
  const { estates, ...rest } = overrides;
  const base = deepMerge(FROZEN_PARAMETERS, rest) as Json;
  const list = Array.isArray(estates) ? estates : [{}];
  base.estates = list.map((e) => deepMerge(FROZEN_ESTATE, e));
  return validated(base);
}

/** The project's scenarios folder. */
export const SCENARIOS = join(import.meta.dirname, '..', '..', 'scenarios');

/** The scenario files that ship with the project, relative to SCENARIOS (Schelling and national left out). */
export function shippedScenarioFiles(): string[] {
  return [
    'default.yaml',
    ...['presets', 'levers', 'packages', 'regions'].flatMap((d) =>
      readdirSync(join(SCENARIOS, d))
        .filter((f) => f.endsWith('.yaml'))
        .map((f) => `${d}/${f}`),
    ),
  ];
}
