import { setFlagsFromString } from 'node:v8';
import { describe, expect, it } from 'vitest';
import {
  arr,
  bool,
  closest,
  editDistance,
  int,
  map,
  num,
  numericLeaves,
  obj,
  oneOf,
  opt,
  share,
  str,
  tagged,
  toJsonSchema,
  validate,
} from '../../src/scenario/dsl.js';
import { formatIssues, type Issue } from '../../src/scenario/messages.js';
import { scenarioSchema } from '../../src/scenario/schema.js';

const F = 'test.yaml';
const n = (extra: object = {}) => num({ unit: 'kr', description: 'A number.', source: 'assumption', ...extra });

describe('numbers', () => {
  it('accepts a number in range and fills the default when absent', () => {
    const s = obj({ a: n({ default: 3, min: 0, max: 10 }), b: n({ default: 5 }) }, { description: 'x' });
    const r = validate(s, { a: 7 }, F);
    expect(r.issues).toEqual([]);
    expect(r.value).toEqual({ a: 7, b: 5 });
  });
  it('names the field, the value and the range when out of range', () => {
    const s = obj({ a: n({ default: 3, min: 0, max: 10 }) }, { description: 'x' });
    const low = validate(s, { a: -1 }, F).issues;
    expect(low).toHaveLength(1);
    expect(low[0]).toMatchObject({ file: F, path: 'a' });
    expect(low[0]!.message).toMatch(/field "a" is -1, which is too small; allowed: a number at least 0 and at most 10 \(kr\)/);
    const high = validate(s, { a: 11 }, F).issues;
    expect(high[0]!.message).toMatch(/field "a" is 11, which is too large/);
  });
  it('respects an exclusive minimum', () => {
    const s = obj({ a: n({ default: 1, min: 0, exclusiveMin: true }) }, { description: 'x' });
    expect(validate(s, { a: 0 }, F).issues[0]!.message).toMatch(/greater than 0/);
    expect(validate(s, { a: 0.1 }, F).issues).toEqual([]);
  });
  it('rejects text, booleans, null and infinities where a number is wanted', () => {
    const s = obj({ a: n({ default: 1 }) }, { description: 'x' });
    for (const [v, shown] of [
      ['ten', '"ten"'],
      [true, 'true'],
      [null, 'null'],
    ] as const) {
      const issues = validate(s, { a: v }, F).issues;
      expect(issues).toHaveLength(1);
      expect(issues[0]!.message).toContain(`field "a" is ${shown}`);
      expect(issues[0]!.message).toContain('but must be a number');
    }
    // an infinity is what a number too large (1e400) is read as: said in words, with what is allowed, and as written when known
    expect(validate(s, { a: Infinity }, F).issues.map((i) => i.message)).toEqual(['field "a" is a number too large to represent; allowed: a number (kr)']);
    expect(validate(s, { a: -Infinity }, F, '', (p) => (p === 'a' ? '-1e999' : undefined)).issues.map((i) => i.message)).toEqual([
      'field "a" is -1e999, a negative number too large to represent; allowed: a number (kr)',
    ]);
  });
  it('int requires a whole number', () => {
    const s = obj({ k: int({ default: 1, min: 0, unit: 'flats', description: 'd', source: 's' }) }, { description: 'x' });
    const issues = validate(s, { k: 2.5 }, F).issues;
    expect(issues).toHaveLength(1);
    expect(issues[0]!.message).toMatch(/field "k" is 2.5, but must be a whole number at least 0/);
  });
  it('says what to write for a number written the Danish way, when that value is allowed', () => {
    const s = obj(
      {
        p: share({ default: 0.5, description: 'd', source: 's' }),
        k: int({ default: 100, min: 10, max: 5000, unit: 'flats', description: 'd', source: 's' }),
        y: int({ default: 2026, min: 1900, max: 2200, unit: 'calendar year', description: 'd', source: 's' }),
        kr: n({ default: 1600, min: 0, max: 50_000 }),
      },
      { description: 'x' },
    );
    const hint = (v: object, written?: (p: string) => string | undefined) => validate(s, v, F, '', written).issues.map((i) => i.message.split('; ').at(-1));
    expect(hint({ p: '0,4' })).toEqual(['write 0.4 (with a decimal point, not a comma)']);
    expect(hint({ p: '40%' })).toEqual(['write 0.4 (a share is written from 0 to 1: 40% is 0.4)']);
    expect(hint({ p: '35 %' })).toEqual(['write 0.35 (a share is written from 0 to 1: 35 % is 0.35)']);
    expect(hint({ p: '12,5%' })).toEqual(['write 0.125 (a share is written from 0 to 1: 12,5% is 0.125)']);
    expect(hint({ p: 40 })).toEqual(['write 0.4 (a share is written from 0 to 1: 40% is 0.4)']);
    expect(hint({ y: '2027' })).toEqual(['write 2027 (without the quotes: in quotes it is a text)']);
    expect(hint({ k: '1 000' })).toEqual(['write 1000 (without a thousands separator)']);
    expect(hint({ k: '1,000' })).toEqual(['write 1000 (without a thousands separator)']);
    expect(hint({ kr: '2.400' })).toEqual(['write 2.4 (without the quotes: in quotes it is a text) or 2400 (without a thousands separator)']);
    expect(hint({ kr: '1,500' })).toEqual(['write 1.5 (with a decimal point, not a comma) or 1500 (without a thousands separator)']);
    expect(hint({ k: 1 }, (p) => (p === 'k' ? '1.000' : undefined))).toEqual(['write 1000 (without a thousands separator: YAML reads 1.000 as 1)']);
    // no hint where the value meant is not allowed either, or the slip is not clear (1.2 is not 1.2%)
    expect(validate(s, { p: '150%' }, F).issues[0]!.message).not.toContain('write');
    expect(validate(s, { p: 1.2 }, F).issues[0]!.message).not.toContain('write');
    // a multiplier from 0 to 1 (a lever's factor): 50% is 0.5, but a 5 is more likely a slip than 5%
    const m = obj({ f: n({ default: 1, min: 0, max: 1, unit: 'multiplier on move-out hazards' }) }, { description: 'x' });
    expect(validate(m, { f: '50%' }, F).issues[0]!.message).toMatch(/; write 0\.5 \(written from 0 to 1: 50% is 0\.5\)$/);
    expect(validate(m, { f: 5 }, F).issues[0]!.message).not.toContain('write');
    expect(validate(s, { k: '1.0.0' }, F).issues[0]!.message).not.toContain('write');
  });
  it('refuses a whole number written with a thousands point, and warns of another number so written', () => {
    const s = obj(
      {
        k: int({ default: 100, min: 10, max: 50_000, unit: 'flats', description: 'd', source: 's' }),
        kr: n({ default: 1600, min: 0, max: 50_000 }),
        t: n({ default: 1, min: 0, max: 10 }),
      },
      { description: 'x' },
    );
    const texts: Record<string, string> = { k: '10.000', kr: '1.600', t: '1.500' };
    const warnings: Issue[] = [];
    const r = validate(s, { k: 10, kr: 1.6, t: 1.5 }, F, '', (p) => texts[p], warnings);
    expect(r.issues.map((i) => i.message)).toEqual([
      'field "k" is written 10.000, which YAML reads as 10 (a decimal point); write 10000 if the point separates thousands, or 10',
    ]);
    // t: 1500 is not allowed, so 1.500 can only be 1.5
    expect(warnings.map((i) => i.message)).toEqual([
      'field "kr" is written 1.600, which YAML reads as 1.6 (a decimal point); if the point separates thousands, write 1600',
    ]);
  });
  it('share is between 0 and 1', () => {
    const s = obj({ p: share({ default: 0.5, description: 'd', source: 's' }) }, { description: 'x' });
    expect(validate(s, { p: 1.2 }, F).issues[0]!.message).toMatch(
      /field "p" is 1.2, which is too large; allowed: a number at least 0 and at most 1 \(share \(0-1\)\)/,
    );
    expect(validate(s, { p: 0 }, F).issues).toEqual([]);
    expect(validate(s, { p: 1 }, F).issues).toEqual([]);
  });
});

describe('booleans, texts and choices', () => {
  it('bool', () => {
    const s = obj({ on: bool({ default: false, description: 'd' }) }, { description: 'x' });
    expect(validate(s, {}, F).value).toEqual({ on: false });
    expect(validate(s, { on: true }, F).issues).toEqual([]);
    expect(validate(s, { on: 'yes' }, F).issues[0]!.message).toBe('field "on" is "yes", but must be true or false');
  });
  it('str with pattern and minimum length', () => {
    const s = obj({ name: str({ default: 'a', pattern: '^[a-z]+$', minLength: 2, description: 'd' }) }, { description: 'x' });
    expect(validate(s, { name: 'ok' }, F).issues).toEqual([]);
    expect(validate(s, { name: 'x' }, F).issues[0]!.message).toMatch(/is "x", which is too short/);
    expect(validate(s, { name: 'Bad Name' }, F).issues[0]!.message).toMatch(/is "Bad Name"; allowed: a text matching/);
    expect(validate(s, { name: 5 }, F).issues[0]!.message).toMatch(/is 5, but must be a text/);
  });
  it('oneOf lists the choices and suggests a near miss', () => {
    const s = obj({ rules: oneOf(['2018', '2021'] as const, { default: '2021', description: 'd' }) }, { description: 'x' });
    expect(validate(s, {}, F).value).toEqual({ rules: '2021' });
    const issues = validate(s, { rules: '2012' }, F).issues;
    expect(issues).toHaveLength(1);
    expect(issues[0]!.message).toBe('field "rules" is "2012", but must be one of 2018, 2021 (did you mean "2018"?)');
    // a bare number that is a choice's text is that choice (YAML reads `rules: 2021` as a number); another is refused
    expect(validate(s, { rules: 2021 }, F)).toMatchObject({ value: { rules: '2021' }, issues: [] });
    expect(validate(s, { rules: 2019 }, F).issues[0]!.message).toMatch(/is 2019, but must be one of 2018, 2021$/);
  });
});

describe('mappings', () => {
  const inner = obj({ flats: int({ default: 100, min: 1, unit: 'flats', description: 'd', source: 's' }) }, { description: 'inner' });
  const s = obj({ estate: inner, years: int({ default: 15, min: 1, unit: 'years', description: 'd', source: 's' }) }, { description: 'x' });

  it('fills nested defaults when a section is absent or empty (null)', () => {
    expect(validate(s, {}, F).value).toEqual({ estate: { flats: 100 }, years: 15 });
    expect(validate(s, { estate: null }, F)).toEqual({ value: { estate: { flats: 100 }, years: 15 }, issues: [] });
  });
  it('rejects an unknown key with a did-you-mean hint and the allowed keys', () => {
    const issues = validate(s, { estate: { flast: 10 } }, F).issues;
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ file: F, path: 'estate.flast' });
    expect(issues[0]!.message).toBe('unknown field "estate.flast" (did you mean "flats"?); allowed here: flats');
  });
  it('gives no hint when nothing is close', () => {
    const issues = validate(s, { somethingElse: 1 }, F).issues;
    expect(issues[0]!.message).toBe('unknown field "somethingElse"; allowed here: estate, years');
  });
  it('rejects a non-mapping section', () => {
    expect(validate(s, { estate: [1, 2] }, F).issues[0]!.message).toBe('field "estate" is [1,2], but must be a mapping of fields (key: value)');
  });
  it('reports every issue, not only the first', () => {
    const issues = validate(s, { estate: { flats: 0, flast: 3 }, years: 'many', extra: true }, F).issues;
    expect(issues.map((i) => i.path).sort()).toEqual(['estate.flast', 'estate.flats', 'extra', 'years']);
    expect(formatIssues(issues).split('\n')).toHaveLength(4);
    for (const line of formatIssues(issues).split('\n')) expect(line.startsWith(`${F}: `)).toBe(true);
  });
  it('builds mappings V8 keeps as objects with a shape, not hash tables (the model reads them in its inner loop)', () => {
    // V8 turns an object that gets more than about a dozen fields one store at a time into a
    // hash table; %HasFastProperties says whether it did (natives syntax, enabled for this check)
    setFlagsFromString('--allow-natives-syntax');
    const fast = new Function('o', 'return %HasFastProperties(o)') as (o: object) => boolean;
    const wide = obj(Object.fromEntries(Array.from({ length: 30 }, (_, k) => [`f${k}`, n({ default: k })])), { description: 'wide' });
    expect(fast(validate(wide, {}, F).value as object)).toBe(true);
    // the check can fail: fields no object has had before (V8 follows a shape it has already
    // made for the same fields in the same order), added one store at a time
    const slow: Record<string, number> = {};
    for (let k = 0; k < 30; k++) slow[`onlyHere${k}`] = k;
    expect(fast(slow)).toBe(false);
    const sections = Object.entries(validate(scenarioSchema, {}, F).value as Record<string, unknown>).filter(
      ([, v]) => v !== null && typeof v === 'object' && !Array.isArray(v),
    );
    expect(sections.length).toBeGreaterThan(5);
    for (const [name, v] of sections) expect({ name, fast: fast(v as object) }).toEqual({ name, fast: true });
  });
  it('reports a required field that is missing', () => {
    const t = obj({ from: int({ min: 1900, unit: 'year', description: 'd', source: 's' }) }, { description: 'x', required: ['from'] });
    const issues = validate(t, {}, F).issues;
    expect(issues).toHaveLength(1);
    expect(issues[0]!.message).toMatch(/field "from" is required; give a whole number at least 1900/);
  });
});

describe('lists, maps and optional values', () => {
  const item = obj({ flats: int({ default: 100, min: 1, unit: 'flats', description: 'd', source: 's' }) }, { description: 'i' });
  it('fills the defaults of the entries of a default list', () => {
    const s = obj({ estates: arr(item, { default: [{}], minItems: 1, description: 'd' }) }, { description: 'x' });
    expect(validate(s, {}, F).value).toEqual({ estates: [{ flats: 100 }] });
    expect(validate(s, { estates: [{}, { flats: 5 }] }, F).value).toEqual({ estates: [{ flats: 100 }, { flats: 5 }] });
  });
  it('names the index of a bad entry and checks the number of entries', () => {
    const s = obj({ xs: arr(n({ min: 0 }), { default: [], minItems: 1, maxItems: 2, description: 'd' }) }, { description: 'x' });
    const bad = validate(s, { xs: [1, -2] }, F).issues;
    expect(bad).toHaveLength(1);
    expect(bad[0]).toMatchObject({ path: 'xs[1]' });
    expect(validate(s, { xs: [] }, F).issues[0]!.message).toBe('field "xs" has 0 entries, but needs at least 1');
    expect(validate(s, { xs: [1, 2, 3] }, F).issues[0]!.message).toBe('field "xs" has 3 entries, but allows at most 2');
    expect(validate(s, { xs: 4 }, F).issues[0]!.message).toBe('field "xs" is 4, but must be a list');
  });
  it('map validates every entry under its name', () => {
    const s = obj({ m: map(item, { default: {}, description: 'd' }) }, { description: 'x' });
    const r = validate(s, { m: { north: {}, south: { flats: 0 } } }, F);
    expect(r.value).toEqual({ m: { north: { flats: 100 }, south: { flats: 0 } } });
    expect(r.issues.map((i) => i.path)).toEqual(['m.south.flats']);
  });
  it('opt stays undefined when absent or null, and is checked when given', () => {
    const s = obj({ h: opt(int({ min: 0, unit: 'households', description: 'd', source: 's' })) }, { description: 'x' });
    expect(validate(s, {}, F)).toEqual({ value: {}, issues: [] });
    expect(validate(s, { h: null }, F)).toEqual({ value: {}, issues: [] });
    expect(validate(s, { h: -1 }, F).issues[0]!.path).toBe('h');
  });
});

describe('tagged unions', () => {
  const lever = tagged(
    'lever',
    {
      extension: obj(
        { from: int({ min: 1900, unit: 'year', description: 'd', source: 's' }), factor: share({ default: 0.5, description: 'd', source: 's' }) },
        { description: 'e', required: ['from'] },
      ),
      programme: obj(
        { from: int({ min: 1900, unit: 'year', description: 'd', source: 's' }), boost: n({ default: 1.5, min: 0 }) },
        { description: 'p', required: ['from'] },
      ),
    },
    { description: 'A lever.' },
  );
  const s = obj({ policies: arr(lever, { default: [], description: 'd' }) }, { description: 'x' });

  it('validates each variant against its own fields and fills its defaults', () => {
    const r = validate(
      s,
      {
        policies: [
          { lever: 'extension', from: 2028 },
          { lever: 'programme', from: 2030, boost: 2 },
        ],
      },
      F,
    );
    expect(r.issues).toEqual([]);
    expect(r.value).toEqual({
      policies: [
        { lever: 'extension', from: 2028, factor: 0.5 },
        { lever: 'programme', from: 2030, boost: 2 },
      ],
    });
  });
  it('suggests the nearest variant for a misspelt tag', () => {
    const issues = validate(s, { policies: [{ lever: 'extention', from: 2028 }] }, F).issues;
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ path: 'policies[0].lever' });
    expect(issues[0]!.message).toBe('field "policies[0].lever" is "extention", but must be one of extension, programme (did you mean "extension"?)');
  });
  it('offers the variant another name stands for (a Danish lever name), never accepting it', () => {
    const lever = (name: string) => validate(scenarioSchema, { policies: [{ lever: name, from: 2027 }] }, F).issues[0]!.message;
    expect(lever('forlængelse')).toMatch(/is "forlængelse", but must be one of .*\(did you mean "extension"\?\)$/);
    expect(lever('Forlaengelse')).toContain('(did you mean "extension"?)');
    expect(lever('kommunal-anvisning')).toContain('(did you mean "municipalAllocation"?)');
    expect(lever('Nedrivning')).toContain('(did you mean "demolition"?)');
    expect(lever('xyz')).not.toContain('did you mean');
  });
  it('reports a missing tag, fields of another variant and missing required fields', () => {
    expect(validate(s, { policies: [{ from: 2028 }] }, F).issues[0]!.message).toMatch(
      /field "policies\[0\].lever" is nothing, but must be one of extension, programme/,
    );
    const issues = validate(s, { policies: [{ lever: 'extension', boost: 2 }] }, F).issues;
    expect(issues.map((i) => i.path).sort()).toEqual(['policies[0].boost', 'policies[0].from']);
  });
});

describe('helpers', () => {
  it('editDistance and closest', () => {
    expect(editDistance('flats', 'flast')).toBe(2);
    expect(editDistance('Flats', 'flats')).toBe(0);
    expect(closest('populaton', ['population', 'applicants'])).toBe('population');
    expect(closest('zzz', ['population', 'applicants'])).toBeUndefined();
  });
  it('toJsonSchema describes types, ranges, defaults, closed mappings and variants', () => {
    const s = obj(
      {
        a: n({ default: 1, min: 0, max: 2 }),
        k: int({ default: 1, min: 0, exclusiveMin: true, unit: 'u', description: 'd', source: 's' }),
        c: oneOf(['x', 'y'] as const, { default: 'x', description: 'd' }),
        l: arr(tagged('t', { v: obj({ q: bool({ default: true, description: 'd' }) }, { description: 'v' }) }, { description: 'tv' }), {
          default: [],
          description: 'd',
        }),
      },
      { description: 'root', required: ['a'] },
    );
    // biome-ignore lint/suspicious/noExplicitAny: a JSON Schema read field by field in the assertions below
    const js = toJsonSchema(s) as any;
    expect(js.type).toBe('object');
    expect(js.additionalProperties).toBe(false);
    expect(js.required).toEqual(['a']);
    expect(js.properties.a).toMatchObject({ type: 'number', minimum: 0, maximum: 2, default: 1 });
    expect(js.properties.a.description).toContain('Unit: kr. Source: assumption.');
    expect(js.properties.k).toMatchObject({ type: 'integer', exclusiveMinimum: 0 });
    expect(js.properties.c.enum).toEqual(['x', 'y']);
    expect(js.properties.l.items.oneOf[0].properties.t).toMatchObject({ const: 'v' });
    expect(js.properties.l.items.oneOf[0].required).toEqual(['t']);
  });
  it('numericLeaves lists every number with its path', () => {
    const s = obj({ a: n(), inner: obj({ b: n() }, { description: 'i' }), xs: arr(n(), { default: [], description: 'd' }), o: opt(n()) }, { description: 'x' });
    expect(numericLeaves(s).map((l) => l.path)).toEqual(['a', 'inner.b', 'xs[]', 'o']);
  });
});
