/**
 * docs/ODD.md, the model description (ODD protocol, Grimm et al. 2006/2010/2020), must keep up
 * with the scenario schema: every numeric parameter is named there by its scenario path, the
 * seven ODD sections are present, and every numeric parameter has a unit and a source.
 *
 * Path forms expected in the ODD (backticks, bold and markdown escapes are ignored):
 *  - top-level sections as written in a scenario file: `career.spaceAnnual`;
 *  - estate fields with the list marker: `estates[].population.resourceStrongShare`;
 *  - lists of numbers without the marker: `demography.fertilityByChildren`;
 *  - lever fields with the lever named: `policies[lever=imageWork].boost`; a field that every
 *    lever has (`from`, `until`, `estate`) may instead be written once as `policies[].from`.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { numericLeaves } from '../../src/scenario/dsl.js';
import { scenarioSchema } from '../../src/scenario/schema.js';

const ODD_PATH = 'docs/ODD.md';

/** The seven ODD elements (Grimm et al. 2020), as heading patterns. */
const ODD_SECTIONS: readonly [string, RegExp][] = [
  ['Purpose and patterns', /^#{1,3}\s*(?:\d+\.?\s*)?purpose(?:\s+and\s+patterns)?\b/im],
  ['Entities, state variables and scales', /^#{1,3}\s*(?:\d+\.?\s*)?entities,?\s+state\s+variables,?\s+and\s+scales\b/im],
  ['Process overview and scheduling', /^#{1,3}\s*(?:\d+\.?\s*)?process\s+overview\s+and\s+scheduling\b/im],
  ['Design concepts', /^#{1,3}\s*(?:\d+\.?\s*)?design\s+concepts\b/im],
  ['Initialization', /^#{1,3}\s*(?:\d+\.?\s*)?initiali[sz]ation\b/im],
  ['Input data', /^#{1,3}\s*(?:\d+\.?\s*)?input\s+data\b/im],
  ['Submodels', /^#{1,3}\s*(?:\d+\.?\s*)?submodels\b/im],
];

/** The ODD text with formatting removed: code spans, emphasis and markdown escapes. */
function plain(md: string): string {
  return md.replace(/\\([[\]_*`|])/g, '$1').replace(/[`*]/g, '');
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Is `path` named in `text` as a whole path (not as the prefix of a longer name)? */
function names(text: string, path: string): boolean {
  return new RegExp(`(?<![A-Za-z0-9_.\\]])${escapeRe(path)}(?![A-Za-z0-9_])`).test(text);
}

/** The forms under which a schema path may be written in the ODD (any one suffices). */
function oddForms(path: string, commonLeverFields: ReadonlySet<string>): string[] {
  const lever = /^policies\[\]\[lever=([A-Za-z]+)\]\.(.+)$/.exec(path);
  if (lever) {
    const [, kind, field] = lever;
    const forms = [`policies[lever=${kind}].${field}`];
    if (commonLeverFields.has(field!)) forms.push(`policies[].${field}`);
    return forms;
  }
  return [path.replace(/\[\]$/, '')];
}

/** Fields that every lever variant has (from, until, estate). */
function commonLeverFields(paths: readonly string[]): Set<string> {
  const byKind = new Map<string, Set<string>>();
  for (const p of paths) {
    const m = /^policies\[\]\[lever=([A-Za-z]+)\]\.(.+)$/.exec(p);
    if (!m) continue;
    if (!byKind.has(m[1]!)) byKind.set(m[1]!, new Set());
    byKind.get(m[1]!)!.add(m[2]!);
  }
  const sets = [...byKind.values()];
  if (!sets.length) return new Set();
  return new Set([...sets[0]!].filter((f) => sets.every((s) => s.has(f))));
}

/** Every numeric parameter path that the ODD does not name, in schema order. */
function missingParameters(md: string): string[] {
  const text = plain(md);
  const paths = numericLeaves(scenarioSchema).map((l) => l.path);
  const common = commonLeverFields(paths);
  return paths.filter((p) => !oddForms(p, common).some((f) => names(text, f)));
}

/** The ODD sections whose heading is missing. */
function missingSections(md: string): string[] {
  return ODD_SECTIONS.filter(([, re]) => !re.test(md)).map(([name]) => name);
}

describe('docs/ODD.md', () => {
  const md = readFileSync(ODD_PATH, 'utf8');

  it('has the seven ODD section headings', () => {
    expect(missingSections(md)).toEqual([]);
  });

  it('names every numeric scenario parameter by its path', () => {
    const missing = missingParameters(md);
    expect(missing, `parameters not described in ${ODD_PATH}: ${missing.join(', ')}`).toEqual([]);
  });

  it('the checks are real: a parameter or a section left out is caught', () => {
    const leaves = numericLeaves(scenarioSchema).map((l) => l.path);
    const text = plain(md);
    const before = missingParameters(md);
    // Remove every mention of one parameter (in any formatting) and it must be reported, and
    // nothing else with it.
    for (const path of ['career.spaceAnnual', 'estates[].population.resourceStrongShare', 'demography.fertilityPeak', 'policies[][lever=imageWork].boost']) {
      expect(leaves).toContain(path);
      const written = oddForms(path, new Set())[0]!;
      const without = text.replace(new RegExp(`${escapeRe(written)}(?![A-Za-z0-9_])`, 'g'), 'X');
      expect(new Set(missingParameters(without))).toEqual(new Set([...before, path]));
    }
    // A lever field is not satisfied by the same field of another lever.
    expect(oddForms('policies[][lever=programme].boost', new Set())).toEqual(['policies[lever=programme].boost']);
    expect(oddForms('policies[][lever=programme].from', new Set(['from']))).toEqual(['policies[lever=programme].from', 'policies[].from']);
    // A longer name does not stand in for a shorter one (fertilityPeakAge is not fertilityPeak).
    expect(names('see demography.fertilityPeakAge', 'demography.fertilityPeak')).toBe(false);
    expect(names('see `demography.fertilityPeak`.', 'demography.fertilityPeak')).toBe(true);
    expect(names('see estates[].population.resourceStrongShare', 'population.resourceStrongShare')).toBe(false);
    // Formatting is ignored.
    expect(plain('`estates\\[\\].image` and **career.jobAnnual**')).toBe('estates[].image and career.jobAnnual');
    // Headings.
    expect(missingSections(md.replace(/^(#{1,3}\s*(?:\d+\.?\s*)?)Submodels/im, '$1Details'))).toEqual(['Submodels']);
  });

  it('every numeric parameter has a unit and a source', () => {
    for (const { path, schema } of numericLeaves(scenarioSchema)) {
      expect(schema.unit.trim(), `unit of ${path}`).not.toBe('');
      expect(schema.source.trim(), `source of ${path}`).not.toBe('');
    }
  });
});
