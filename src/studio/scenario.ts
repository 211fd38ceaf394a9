/**
 * The scenario a studio setup stands for: what a YAML file with the page's settings would give,
 * checked by the same schema and rules as the command line's. Pure (the worker and the tests
 * use it).
 */
import { validate } from '../scenario/dsl.js';
import { formatIssues } from '../scenario/messages.js';
import { checkRules } from '../scenario/rules.js';
import { type Scenario, scenarioSchema } from '../scenario/schema.js';
import type { SchellingSettings } from './protocol.js';

/** The scenario of these settings (a wrapping grid, no move log). */
export function studioScenario(s: SchellingSettings): Scenario {
  const cells = s.size * s.size;
  const raw = {
    name: 'studio-schelling',
    description: 'Schelling segregation model from the studio',
    years: 1,
    replications: 1,
    seed: s.seed,
    estates: [{ name: 'grid', flats: cells, sections: 1 }],
    schelling: {
      width: s.size,
      height: s.size,
      agents: Math.max(1, Math.min(cells - 1, Math.round(s.density * cells))),
      radius: s.radius,
      groups: s.groups,
      similarWanted: s.wanted,
      periodic: true,
    },
    output: { moves: false, mapEveryYears: 0 },
  };
  return checkedScenario(raw, 'studio');
}

/** A scenario given as plain data, checked as a file is (schema, then cross-field rules); throws the CLI's messages. */
export function checkedScenario(raw: unknown, file: string): Scenario {
  const { value, issues } = validate(scenarioSchema, raw, file);
  const all = issues.length ? issues : checkRules(value as Scenario, file);
  if (all.length) throw new Error(formatIssues(all));
  return value as Scenario;
}
