import { describe, expect, it } from 'vitest';
import { validate } from '../../src/scenario/dsl.js';
import { reservedFlats } from '../../src/model/levers/index.js';
import {
  baseFlats,
  builtFlats,
  checkRules,
  leverWarnings,
  MAX_HOUSEHOLD_MONTHS,
  MAX_TOTAL_FLATS,
  REGION_ROW,
  totalFlats,
  touchedBy,
} from '../../src/scenario/rules.js';
import { MAX_POLICIES, scenarioSchema, type Scenario } from '../../src/scenario/schema.js';

const F = 's.yaml';

/** A scenario with every default filled; must be valid on its own fields. */
function scenario(input: Record<string, unknown>): Scenario {
  const r = validate(scenarioSchema, input, F);
  expect(r.issues).toEqual([]);
  return r.value as Scenario;
}
const rules = (input: Record<string, unknown>) => checkRules(scenario(input), F);

describe('cross-field rules', () => {
  it('the defaults pass every rule', () => {
    expect(rules({})).toEqual([]);
  });

  it('room shares must add up to 1, and the message says the sum', () => {
    const issues = rules({ estates: [{ rooms: { r1: 0.1, r2: 0.3, r3: 0.3, r4: 0.15, r5: 0.05 } }] });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ file: F, path: 'estates[0].rooms' });
    expect(issues[0]!.message).toContain('add up to 0.9, but must add up to 1');
    expect(issues[0]!.message).toContain('0.1 + 0.3 + 0.3 + 0.15 + 0.05');
    // Within 1e-6 is fine (floating point).
    expect(rules({ estates: [{ rooms: { r1: 0.1, r2: 0.2, r3: 0.3, r4: 0.3, r5: 0.1 + 1e-7 } }] })).toEqual([]);
    expect(rules({ estates: [{ rooms: { r1: 0.1, r2: 0.2, r3: 0.3, r4: 0.3, r5: 0.1 + 1e-5 } }] })).toHaveLength(1);
  });

  it('owner and co-op shares together at most 1', () => {
    const issues = rules({ estates: [{ ownerShare: 0.6, coopShare: 0.5 }] });
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toBe('estates[0].coopShare');
    expect(issues[0]!.message).toBe('fields "estates[0].ownerShare" (0.6) and "estates[0].coopShare" (0.5) add up to 1.1, but together must be at most 1');
    expect(rules({ estates: [{ ownerShare: 0.7, coopShare: 0.3 }] })).toEqual([]);
  });

  it('non-western and western shares together at most 1', () => {
    const issues = rules({ estates: [{ population: { nonWesternShare: 0.9, westernShare: 0.2 } }] });
    expect(issues.map((i) => i.path)).toEqual(['estates[0].population.westernShare']);
    expect(issues[0]!.message).toContain('add up to 1.1');
  });

  it('no more households than flats, naming both values', () => {
    const issues = rules({ estates: [{ flats: 1000, population: { households: 1200 } }] });
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toBe('estates[0].population.households');
    expect(issues[0]!.message).toBe(
      'field "estates[0].population.households" is 1200: more households than flats ("estates[0].flats" is 1000); allowed: at most 1000',
    );
    expect(rules({ estates: [{ flats: 1000, population: { households: 1000 } }] })).toEqual([]);
  });

  it('absurd sizes: flats × copies over all estates', () => {
    const input = {
      replications: 1,
      years: 1,
      estates: [
        { flats: 1_500_000, copies: 1 },
        { flats: 300_000, copies: 2 },
      ],
    };
    expect(totalFlats(scenario(input))).toBe(2_100_000);
    const issues = rules(input);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toBe('estates');
    expect(issues[0]!.message).toContain('2,100,000 flats');
    expect(issues[0]!.message).toContain(`at most ${MAX_TOTAL_FLATS.toLocaleString('en-US')}`);
    expect(rules({ replications: 1, years: 1, estates: [{ flats: 2_000_000 }] })).toEqual([]);
  });

  it('a run too large to finish says what to reduce', () => {
    // 1,000 replications × 1,000,000 flats × 20 years × 12 = 2.4e11 > 2e11
    const issues = rules({ replications: 1000, years: 20, estates: [{ flats: 1_000_000 }] });
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toBe('replications');
    expect(issues[0]!.message).toMatch(/field "replications" is 1000: .*household-months, too large to run/);
    expect(issues[0]!.message).toMatch(/reduce replications, years or the number of flats/);
    expect(MAX_HOUSEHOLD_MONTHS).toBe(2e11);
    expect(rules({ replications: 800, years: 20, estates: [{ flats: 1_000_000 }] })).toEqual([]);
  });

  it('policies: until after from, from inside the run, estate index inside the list', () => {
    const issues = rules({
      startYear: 2026,
      years: 10,
      estates: [{ name: 'a' }, { name: 'b' }],
      policies: [
        { lever: 'programme', from: 2030, until: 2030 },
        { lever: 'programme', from: 2025 },
        { lever: 'programme', from: 2037 },
        { lever: 'imageWork', from: 2036, estate: 2 },
        { lever: 'extension', from: 2026, until: 2040, estate: 1 },
      ],
    });
    expect(issues.map((i) => i.path)).toEqual(['policies[0].until', 'policies[1].from', 'policies[2].from', 'policies[3].estate']);
    expect(issues[0]!.message).toBe('field "policies[0].until" is 2030, but must be later than "from" (2030)');
    expect(issues[1]!.message).toBe(
      'field "policies[1].from" is 2025, outside the simulated years; allowed: 2026 to 2036 (startYear to startYear + years); a lever already in place when the run starts is given from: 2026',
    );
    expect(issues[2]!.message).toBe(
      'field "policies[2].from" is 2037, outside the simulated years; allowed: 2026 to 2036 (startYear to startYear + years); for the lever to act, the run must reach 2037: years: 12 or more (-y 12)',
    );
    expect(issues[3]!.message).toBe('field "policies[3].estate" is 2, but the scenario has 2 estates; allowed: 0 to 1 (0-based, in the order of "estates")');
  });

  it('demolition: no more flats than an estate it applies to has (the whole estate allowed)', () => {
    const estates = [
      { name: 'a', flats: 300 },
      { name: 'b', flats: 800 },
    ];
    const issues = rules({
      estates,
      policies: [
        { lever: 'demolition', from: 2028, estate: 0, flats: 500 },
        { lever: 'demolition', from: 2028, estate: 1, flats: 500 },
        { lever: 'demolition', from: 2028, flats: 400 },
        { lever: 'demolition', from: 2028, estate: 0, flats: 300 },
      ],
    });
    expect(issues.map((i) => i.path)).toEqual(['policies[0].flats', 'policies[2].flats']);
    expect(issues[0]!.message).toBe('field "policies[0].flats" is 500, but estates[0] has 300 flats; allowed: at most 300 (the whole estate)');
    // without an estate it applies to every one: named by the smallest
    expect(issues[1]!.message).toMatch(/is 400, but estates\[0\] has 300 flats/);
  });

  it('schelling: no more agents than cells', () => {
    const grid = { estates: [{ flats: 100 }] };
    const issues = rules({ ...grid, schelling: { width: 10, height: 10, agents: 101 } });
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toBe('schelling.agents');
    expect(issues[0]!.message).toContain('width 10 × height 10 = 100');
    expect(rules({ ...grid, schelling: { width: 10, height: 10, agents: 100 } })).toEqual([]);
  });

  it('schelling: the grid is one estate of width x height flats', () => {
    const issues = rules({ estates: [{ flats: 1000 }], schelling: { width: 10, height: 10, agents: 50 } });
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toBe('estates');
    expect(issues[0]!.message).toContain('flats = 100');
    expect(
      rules({
        estates: [
          { name: 'a', flats: 50 },
          { name: 'b', flats: 50 },
        ],
        schelling: { width: 10, height: 10, agents: 50 },
      }),
    ).toHaveLength(1);
  });

  it('reports every rule that fails, not only the first', () => {
    const issues = rules({
      estates: [
        { flats: 100, population: { households: 101 }, rooms: { r1: 1, r2: 1, r3: 0, r4: 0, r5: 0 } },
        { name: 'other', ownerShare: 1, coopShare: 1 },
      ],
      policies: [{ lever: 'programme', from: 1990 }],
    });
    expect(issues.map((i) => i.path).sort()).toEqual(['estates[0].population.households', 'estates[0].rooms', 'estates[1].coopShare', 'policies[0].from']);
  });

  it('skips a rule whose inputs already have a schema issue', () => {
    const s = scenario({ estates: [{ flats: 100, population: { households: 101 } }] });
    const bad = touchedBy([{ file: F, path: 'estates[0].flats', message: 'x' }]);
    expect(checkRules(s, F, bad)).toEqual([]);
    expect(touchedBy([{ file: F, path: 'estates[0].rooms.r1', message: 'x' }])('estates[0].rooms')).toBe(true);
    expect(touchedBy([{ file: F, path: 'estates', message: 'x' }])('estates[0].flats')).toBe(true);
    expect(touchedBy([{ file: F, path: 'estates[1].flats', message: 'x' }])('estates[0].flats')).toBe(false);
  });

  it('survives values the schema rejected (unknown lever, missing from)', () => {
    const r = validate(scenarioSchema, { policies: [{ lever: 'nope', until: 'x' }, { lever: 'programme' }], estates: 'many' }, F);
    expect(r.issues.length).toBeGreaterThan(0);
    expect(() => checkRules(r.value as Scenario, F, touchedBy(r.issues))).not.toThrow();
  });
});

describe('estate rows have distinct names', () => {
  const names = (estates: Record<string, unknown>[]) => rules({ replications: 1, years: 1, estates });

  it('two estates of the same name collide, naming both', () => {
    const issues = names([{ name: 'A' }, { name: 'B' }, { name: 'A' }]);
    expect(issues).toEqual([
      {
        file: F,
        path: 'estates[2].name',
        message:
          'field "estates[2].name" is "A", which collides with estates[0] "A": every estate row needs its own name (an estate with copies gives rows name-1, name-2, ...)',
      },
    ]);
    // two estates left unnamed are both "estate"
    expect(names([{}, {}]).map((i) => i.path)).toEqual(['estates[1].name']);
  });

  it('a name collides with a copy of another estate, in either order', () => {
    const later = names([{ name: 'A', copies: 2 }, { name: 'A-1' }]);
    expect(later).toHaveLength(1);
    expect(later[0]!.path).toBe('estates[1].name');
    expect(later[0]!.message).toMatch(/^field "estates\[1\].name" is "A-1", which collides with estates\[0\] "A" copy 1: /);
    const earlier = names([{ name: 'A-2' }, { name: 'A', copies: 3 }]);
    expect(earlier).toHaveLength(1);
    expect(earlier[0]!.path).toBe('estates[1].name');
    expect(earlier[0]!.message).toMatch(/^field "estates\[1\].name" is "A" with copies 3: its copy 2 "A-2", which collides with estates\[0\] "A-2": /);
    // two copied estates of one name share every row from name-1 on
    expect(
      names([
        { name: 'A', copies: 2 },
        { name: 'A', copies: 5 },
      ])[0]!.message,
    ).toContain('its copy 1 "A-1", which collides with estates[0] "A" copy 1');
  });

  it('names that only look alike do not collide', () => {
    expect(names([{ name: 'A', copies: 2 }, { name: 'A-3' }, { name: 'A-01' }, { name: 'A-0' }, { name: 'A-1-1' }, { name: 'A' }])).toEqual([]);
    expect(
      names([
        { name: 'A-1', copies: 2 },
        { name: 'A', copies: 2 },
      ]),
    ).toEqual([]);
    expect(names([{ name: 'a' }, { name: 'A' }])).toEqual([]);
  });

  it(`"${REGION_ROW}" is reserved in any case, even for a lone estate; "regions" and region copies are not`, () => {
    for (const estates of [[{ name: 'region' }], [{ name: 'x' }, { name: 'region' }]]) {
      const issues = names(estates);
      expect(issues).toHaveLength(1);
      expect(issues[0]!.path).toBe(`estates[${estates.length - 1}].name`);
      expect(issues[0]!.message).toBe(
        `field "estates[${estates.length - 1}].name" is "region", which is reserved for the row that sums the estates of a region; choose another name`,
      );
    }
    // beside the sum row "region", an estate row "Region" would read as the same row
    const upper = names([{ name: 'x' }, { name: 'Region' }]);
    expect(upper.map((i) => i.path)).toEqual(['estates[1].name']);
    expect(upper[0]!.message).toMatch(/is "Region", which is reserved for the row that sums/);
    expect(names([{ name: 'REGION' }])).toHaveLength(1);
    expect(names([{ name: 'regions' }, { name: 'region', copies: 2 }])).toEqual([]);
  });

  it('is checked without listing the rows: 1,000 estates of 2,000 copies take no time', () => {
    const estates = Array.from({ length: 1000 }, (_, i) => ({ name: `e${i}`, copies: 2000, flats: 10 }));
    const s = scenario({ replications: 1, years: 1, estates });
    const t0 = performance.now();
    const issues = checkRules(s, F);
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(issues.map((i) => i.path)).toEqual(['estates']); // 20 million flats: too many, but no name problem
  });
});

describe('flats built by levers count toward the size limits', () => {
  const build = (count: number, extra: Record<string, unknown> = {}) => ({ lever: 'largerFlats', mode: 'build', count, from: 2027, ...extra });

  it('builtFlats counts largerFlats with mode build, per estate row it applies to, as the model reserves them', () => {
    const input = {
      estates: [{ name: 'a', copies: 3 }, { name: 'b' }],
      policies: [
        build(100),
        build(10, { estate: 1 }),
        build(7, { estate: 0 }),
        { lever: 'largerFlats', count: 999, from: 2027 },
        { lever: 'demolition', flats: 50, from: 2027 },
      ],
    };
    const s = scenario(input);
    expect(baseFlats(s)).toBe(4000);
    expect(builtFlats(s)).toBe(100 * 4 + 10 + 7 * 3);
    expect(totalFlats(s)).toBe(4000 + 431);
    // the model reserves the same number (src/model/levers/index.ts)
    const estateSpec = Int32Array.from([0, 0, 0, 1]);
    expect(reservedFlats(s, { estateSpec, nEstates: 4 }).reduce((a, b) => a + b, 0)).toBe(builtFlats(s));
  });

  it(`${MAX_POLICIES} levers of 100,000 flats cannot build 20 million flats`, () => {
    const policies = Array.from({ length: MAX_POLICIES }, () => build(100_000));
    const issues = rules({ replications: 1, years: 1, estates: [{ flats: 1000 }], policies });
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toBe('policies');
    expect(issues[0]!.message).toBe(
      'field "policies" adds up to 20,001,000 flats (flats × copies over all estates, 20,000,000 of them built by largerFlats levers with mode build), an absurd size; allowed: at most 2,000,000',
    );
    // one more lever is a schema problem
    const r = validate(scenarioSchema, { policies: [...policies, build(1)] }, F);
    expect(r.issues).toEqual([
      expect.objectContaining({ path: 'policies', message: `field "policies" has ${MAX_POLICIES + 1} entries, but allows at most ${MAX_POLICIES}` }),
    ]);
  });

  it('estates alone over the limit are named as before', () => {
    const issues = rules({ replications: 1, years: 1, estates: [{ flats: 1_999_000 }], policies: [build(2000)] });
    expect(issues.map((i) => i.path)).toEqual(['policies']);
    expect(rules({ replications: 1, years: 1, estates: [{ flats: 1_999_000 }], policies: [build(1000)] })).toEqual([]);
  });

  it('the household-month limit counts the flats built', () => {
    // 800 replications × (1,000,000 + 100,000) flats × 20 years × 12 = 2.1e11 > 2e11
    const issues = rules({ replications: 800, years: 20, estates: [{ flats: 1_000_000 }], policies: [build(100_000)] });
    expect(issues.map((i) => i.path)).toEqual(['replications']);
    expect(issues[0]!.message).toContain('1,100,000 flats');
  });
});

describe('leverWarnings: a merge asked for more rooms than two small flats have', () => {
  const sc = (rooms: number, mode: 'merge' | 'build') =>
    validate(scenarioSchema, { policies: [{ lever: 'largerFlats', from: 2027, mode, count: 10, rooms }] }, 'f.yaml').value as Scenario;
  it('warns at 5 rooms in merge mode, not at 4 nor when building', () => {
    const w = leverWarnings(sc(5, 'merge'), 'f.yaml');
    expect(w.map((x) => x.path)).toEqual(['policies[0].rooms']);
    expect(w[0]!.message).toContain('a merged flat has at most 4 rooms');
    expect(leverWarnings(sc(4, 'merge'), 'f.yaml')).toEqual([]);
    expect(leverWarnings(sc(5, 'build'), 'f.yaml')).toEqual([]);
  });
});
