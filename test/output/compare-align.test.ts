/**
 * What a comparison's variants may differ in (src/output/pipeline.ts `alignForComparison`): they
 * take the baseline's seed, replications and horizon, and must describe the same estates, named
 * alike and as they stand at the start (`ESTATE_START_FIELDS`); who applies, the rent and the
 * levers may differ. Each refusal is a user error naming the variant's file, the field and both
 * values.
 */
import { describe, expect, it } from 'vitest';
import { ESTATE_START_FIELDS, alignForComparison } from '../../src/output/pipeline.js';
import { UserError } from '../../src/scenario/messages.js';
import { scenario } from '../helpers/scenario.js';

const estate = (over: Record<string, unknown> = {}) => ({ name: 'own', flats: 300, population: { resourceStrongShare: 0.35 }, ...over });
const base = scenario({ name: 'base', seed: 7, replications: 4, years: 6, estates: [estate()] });
const align = (over: Record<string, unknown>) => alignForComparison(base, [{ scenario: scenario({ name: 'variant', ...over }), file: 'variant.yaml' }]);
const refusal = (over: Record<string, unknown>): string => {
  try {
    align(over);
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return (e as Error).message;
  }
  throw new Error('not refused');
};

describe('alignForComparison', () => {
  it("gives the variants the baseline's seed, replications and horizon", () => {
    const [v] = align({ seed: 99, replications: 2, years: 20, estates: [estate()], policies: [{ lever: 'extension', from: 2027 }] });
    expect([v!.seed, v!.replications, v!.years]).toEqual([7, 4, 6]);
    expect(v!.policies).toHaveLength(1);
  });

  it('accepts variants that differ in who applies and the rent, not in the estate at the start', () => {
    expect(() => align({ estates: [estate({ applicants: { nonWesternShare: 0.2 }, rentBase: 900, attractiveness: 1 })] })).not.toThrow();
  });

  it('refuses a variant anchored otherwise than the baseline: anchoring draws the start', () => {
    expect(refusal({ estates: [estate({ anchor: !base.estates[0]!.anchor })] })).toContain('field "estates[0].anchor"');
  });

  it('refuses a variant whose estate starts otherwise, naming the file, the field and both values', () => {
    const m = refusal({ estates: [estate({ population: { resourceStrongShare: 0.55 } })] });
    expect(m).toContain('variant.yaml');
    expect(m).toContain('field "estates[0].population.resourceStrongShare" is 0.55, but the baseline\'s is 0.35');
    expect(m).toContain('change the estate with a lever');
    expect(refusal({ estates: [estate({ flats: 400 })] })).toContain('field "estates[0].flats" is 400, but the baseline\'s is 300');
    expect(refusal({ estates: [estate({ rooms: { r1: 0.2, r2: 0.3, r3: 0.3, r4: 0.15, r5: 0.05 } })] })).toMatch(/field "estates\[0\]\.rooms\.r\d"/);
  });

  it('refuses other estates and another start year, as before', () => {
    expect(refusal({ estates: [estate({ name: 'other' })] })).toMatch(/describes other, the baseline \w+/);
    expect(refusal({ startYear: base.startYear + 1, estates: [estate()] })).toContain('field "startYear"');
  });

  it('every start field is one an estate has', () => {
    for (const f of ESTATE_START_FIELDS) expect(Object.keys(base.estates[0]!), f).toContain(f);
  });
});
