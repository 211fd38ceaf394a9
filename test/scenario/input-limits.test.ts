/**
 * A scenario file is input from anyone: the loader must refuse, with an issue naming the file
 * and the field, keys that reach Object.prototype, paths that are not regular files (pipes,
 * devices, link loops), files over the size limit and nesting deeper than the limit, and names
 * that are not safe file names. Special files are made in a temporary folder only; a named pipe
 * is refused without being opened, so no test here can hang.
 */
import { scratchFolder } from '../helpers/files.js';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validate } from '../../src/scenario/dsl.js';
import {
  checkScenario,
  defaultName,
  FORBIDDEN_KEYS,
  loadScenario,
  MAX_NESTING_DEPTH,
  MAX_SCENARIO_FILE_BYTES,
  readTextCapped,
} from '../../src/scenario/load.js';
import { formatIssues } from '../../src/scenario/messages.js';
import { scenarioSchema } from '../../src/scenario/schema.js';

const scratch = scratchFolder('nabolag-limits-');
const { rel, write } = scratch;

/** The issues of a file, which must not load. */
function problems(file: string) {
  const r = checkScenario(file);
  expect(r.scenario).toBeUndefined();
  expect(r.issues.length).toBeGreaterThan(0);
  return r.issues;
}

/** What /dev/stdin is when it is not a regular file. */
const STDIN = /it is a (device|pipe \(FIFO\)|socket), not a regular file/;

/** Object.prototype's own property names and the value each holds. */
const prototypeSnapshot = () => Object.getOwnPropertyNames(Object.prototype).map((k) => [k, (Object.prototype as Record<string, unknown>)[k]]);

describe('keys that are never field names', () => {
  it('__proto__, constructor and prototype are refused at any depth, in YAML and JSON, naming file, field and key', () => {
    const before = prototypeSnapshot();
    const cases: [string, string, string, string][] = [
      ['hostile/a.yaml', 'estates:\n  - __proto__: {households: 10}\n', 'estates[0].__proto__', '__proto__'],
      ['hostile/b.yaml', '__proto__:\n  years: 3\n', '__proto__', '__proto__'],
      ['hostile/c.json', '{"estates": [{"__proto__": {"households": 10}}]}', 'estates[0].__proto__', '__proto__'],
      ['hostile/d.json', '{"__proto__": {"polluted": 1}}', '__proto__', '__proto__'],
      ['hostile/e.yaml', 'region:\n  constructor: {prototype: {polluted: 1}}\n', 'region.constructor', 'constructor'],
      ['hostile/f.yaml', 'policies:\n  - {lever: programme, from: 2027, prototype: 1}\n', 'policies[0].prototype', 'prototype'],
      ['hostile/g.json', '{"estates": [{"rooms": {"constructor": 1}}]}', 'estates[0].rooms.constructor', 'constructor'],
    ];
    for (const [name, text, path, key] of cases) {
      const f = write(name, text);
      const issues = problems(f);
      expect(issues[0]).toMatchObject({ file: f, path });
      expect(issues[0]!.message).toContain(`key "${key}" is not allowed`);
      expect(issues[0]!.message).toContain(`"${path}"`);
    }
    expect(FORBIDDEN_KEYS).toEqual(['__proto__', 'constructor', 'prototype']);
    expect(prototypeSnapshot()).toEqual(before);
    expect(({} as Record<string, unknown>).households).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a forbidden key in an extends parent is reported in the parent', () => {
    const parent = write('hostile-chain/base.json', '{"region": {"__proto__": {"housePrice": 1}}}');
    const child = write('hostile-chain/child.yaml', 'extends: base.json\nyears: 4\n');
    const issues = problems(child);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ file: parent, path: 'region.__proto__' });
  });

  it('names inherited from Object.prototype are unknown fields, never read from it', () => {
    const f = write('inherited/a.yaml', 'toString: 1\nhasOwnProperty: x\nestates:\n  - valueOf: 3\n    population: {isPrototypeOf: 1}\n');
    const issues = problems(f);
    expect(issues.map((i) => i.path).sort()).toEqual(['estates[0].population.isPrototypeOf', 'estates[0].valueOf', 'hasOwnProperty', 'toString']);
    for (const i of issues) expect(i.message).toMatch(/^unknown field/);
    // a lever named after an Object.prototype member is not a lever
    const lever = problems(write('inherited/b.yaml', 'policies:\n  - {lever: toString, from: 2027}\n'));
    expect(lever[0]).toMatchObject({ path: 'policies[0].lever' });
  });

  it('validate matches fields as own properties and refuses forbidden keys even when handed an object directly', () => {
    const input = JSON.parse('{"years": 3, "__proto__": {"seed": 7}, "region": {"constructor": 1}}') as unknown;
    const r = validate(scenarioSchema, input, 'x.yaml');
    expect(r.issues.map((i) => i.path).sort()).toEqual(['__proto__', 'region.constructor']);
    // nothing inherited: an object whose prototype holds a field does not give that field
    const proto = { years: 99 };
    const r2 = validate(scenarioSchema, Object.create(proto) as unknown, 'x.yaml');
    expect(r2.issues).toEqual([]);
    expect((r2.value as { years: number }).years).toBe(15);
  });

  it('a loaded scenario is plain data: ordinary objects and arrays, nothing else', () => {
    const f = write('plain/ok.yaml', 'years: 3\nestates:\n  - name: a\n  - name: b\npolicies:\n  - {lever: programme, from: 2027}\n');
    const s = loadScenario(f);
    const stack: unknown[] = [s];
    while (stack.length) {
      const v = stack.pop();
      if (typeof v !== 'object' || v === null) continue;
      if (Array.isArray(v)) {
        expect(Object.getPrototypeOf(v)).toBe(Array.prototype);
        stack.push(...v);
      } else {
        expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
        for (const k of Object.keys(v)) expect(FORBIDDEN_KEYS).not.toContain(k);
        stack.push(...Object.values(v));
      }
    }
  });
});

describe('only regular files are read', () => {
  const mkfifo = (p: string): string => {
    const file = join(scratch.root(), p);
    mkdirSync(dirname(file), { recursive: true });
    const r = spawnSync('mkfifo', [file]);
    expect(r.status, String(r.stderr)).toBe(0);
    return rel(p);
  };

  it('a named pipe is refused without being opened (directly and through a .yaml symlink)', () => {
    const fifo = mkfifo('special/pipe.yaml');
    expect(formatIssues(problems(fifo))).toBe(`${fifo}: cannot read the scenario file: it is a pipe (FIFO), not a regular file`);
    symlinkSync('pipe.yaml', join(scratch.root(), 'special/to-pipe.yaml'));
    expect(problems(rel('special/to-pipe.yaml'))[0]!.message).toContain('it is a pipe (FIFO), not a regular file');
  });

  it('devices are refused: /dev/zero, /dev/null, /dev/stdin, and a .yaml symlink to a device', () => {
    for (const dev of ['/dev/zero', '/dev/null']) expect(problems(dev)[0]!.message).toContain('it is a device, not a regular file');
    // /dev/stdin is whatever this process reads from: a terminal, a pipe, a socket or /dev/null
    if (!statSync('/dev/stdin').isFile()) expect(problems('/dev/stdin')[0]!.message).toMatch(STDIN);
    symlinkSync('/dev/zero', join(scratch.root(), 'special/zero.yaml'));
    const z = rel('special/zero.yaml');
    expect(formatIssues(problems(z))).toBe(`${z}: cannot read the scenario file: it is a device, not a regular file`);
  });

  it('an extends naming a pipe, a device or a link loop is reported in the file that names it', () => {
    mkfifo('special/chain/pipe.yaml');
    symlinkSync('/dev/zero', join(scratch.root(), 'special/chain/zero.yaml'));
    symlinkSync('loop-b.yaml', join(scratch.root(), 'special/chain/loop-a.yaml'));
    symlinkSync('loop-a.yaml', join(scratch.root(), 'special/chain/loop-b.yaml'));
    for (const [target, why] of [
      ['pipe.yaml', 'it is a pipe (FIFO), not a regular file'],
      ['zero.yaml', 'it is a device, not a regular file'],
      ...(statSync('/dev/stdin').isFile() ? [] : ([['/dev/stdin', STDIN]] as const)),
      ['loop-a.yaml', 'it is a symbolic link loop'],
    ] as const) {
      const child = write(`special/chain/child-${target.replace(/\W/g, '')}.yaml`, `extends: ${target}\n`);
      const issues = problems(child);
      expect(issues).toHaveLength(1);
      expect(issues[0]).toMatchObject({ file: child, path: 'extends' });
      expect(issues[0]!.message).toContain(`field "extends" is "${target}", but that file cannot be read`);
      if (typeof why === 'string') expect(issues[0]!.message).toContain(why);
      else expect(issues[0]!.message).toMatch(why);
    }
  });

  it('a symbolic link loop is a loop, not a missing file', () => {
    symlinkSync('loop2.yaml', join(scratch.root(), 'special/loop1.yaml'));
    symlinkSync('loop1.yaml', join(scratch.root(), 'special/loop2.yaml'));
    const f = rel('special/loop1.yaml');
    expect(formatIssues(problems(f))).toBe(`${f}: cannot read the scenario file: it is a symbolic link loop`);
  });

  it('a .yaml symlink to a regular file is read', () => {
    write('special/real.yaml', 'years: 6\n');
    symlinkSync('real.yaml', join(scratch.root(), 'special/link.yaml'));
    expect(loadScenario(rel('special/link.yaml')).years).toBe(6);
  });

  it(`a file over ${MAX_SCENARIO_FILE_BYTES} bytes is refused from its size, naming the size and the limit`, () => {
    expect(MAX_SCENARIO_FILE_BYTES).toBe(16 * 1024 * 1024);
    const f = write('big/big.yaml', 'years: 3\n');
    truncateSync(join(scratch.root(), 'big/big.yaml'), MAX_SCENARIO_FILE_BYTES + 1); // sparse: takes no disk
    const issues = problems(f);
    expect(issues[0]!.message).toBe(
      `cannot read the scenario file: it is ${(MAX_SCENARIO_FILE_BYTES + 1).toLocaleString('en-US')} bytes, more than a scenario file may hold (at most 16,777,216 bytes, 16 MiB)`,
    );
    // exactly at the limit is read (and then parsed: trailing NULs are not YAML)
    truncateSync(join(scratch.root(), 'big/big.yaml'), MAX_SCENARIO_FILE_BYTES);
    expect(problems(f)[0]!.message).not.toContain('more than a scenario file may hold');
  });

  it('the read itself stops after the limit, whatever the size the file system reported', () => {
    // checked again on the open file: a device is refused before a byte is read
    expect(readTextCapped('/dev/zero', 1000)).toEqual({ why: 'it is a device, not a regular file' });
    // a Linux /proc file is a regular file of size 0 with text in it: only the read can tell
    if (existsSync('/proc/self/status')) {
      expect(readTextCapped('/proc/self/status', 10)).toEqual({ why: 'it holds more than a scenario file may hold (at most 10 bytes)' });
      expect(readTextCapped('/proc/self/status', 1 << 20)).toEqual({ text: expect.stringContaining('Name:') });
    }
    const f = join(scratch.root(), 'big/small.yaml');
    writeFileSync(f, 'x'.repeat(5000));
    expect(readTextCapped(f, 5000)).toEqual({ text: 'x'.repeat(5000) });
    expect(readTextCapped(f, 4999)).toEqual({ why: 'it is 5,000 bytes, more than a scenario file may hold (at most 4,999 bytes)' });
    expect(readTextCapped(join(scratch.root(), 'big/none.yaml'), 10)).toEqual({ why: 'missing' });
  });
});

describe('nesting depth', () => {
  it(`JSON nested 100,000 deep is refused with an issue, not a crash (at most ${MAX_NESTING_DEPTH})`, () => {
    const n = 100_000;
    const top = write('deep/top.json', '['.repeat(n) + ']'.repeat(n));
    expect(problems(top)[0]).toMatchObject({
      file: top,
      path: '',
      message: expect.stringContaining(`the file nests lists and mappings more than ${MAX_NESTING_DEPTH} levels deep`),
    });
    const field = write('deep/field.json', `{"estates": ${'['.repeat(n)}${']'.repeat(n)}}`);
    expect(problems(field)[0]).toMatchObject({ file: field, path: 'estates' });
    const objects = write('deep/objects.json', `{"region": ${'{"a": '.repeat(n)}1${'}'.repeat(n)}}`);
    expect(problems(objects)[0]).toMatchObject({ path: 'region', message: expect.stringContaining('(at "region.a.a.a.a') });
  });

  it('deep YAML (flow sequences, flow mappings, block sequences, indentation) is refused before it is composed', () => {
    const n = 100_000;
    for (const [name, text, path] of [
      ['flow-seq.yaml', `estates: ${'['.repeat(n)}${']'.repeat(n)}\n`, 'estates'],
      ['flow-map.yaml', `region: ${'{a: '.repeat(n)}1${'}'.repeat(n)}\n`, 'region'],
      ['block-seq.yaml', `estates:\n  ${'- '.repeat(n)}x\n`, 'estates'],
      ['indent.yaml', Array.from({ length: 70 }, (_, i) => `${' '.repeat(i)}k${i}:\n`).join('') + `${' '.repeat(70)}v: 1\n`, 'k0'],
    ] as const) {
      const f = write(`deep/${name}`, text);
      const issues = problems(f);
      expect(issues).toHaveLength(1);
      expect(issues[0]).toMatchObject({ file: f, path });
      expect(issues[0]!.message).toMatch(new RegExp(`more than ${MAX_NESTING_DEPTH} levels deep at line \\d+, column \\d+`));
      expect(issues[0]!.message).not.toContain('call stack');
    }
  });

  it('nesting built from aliases is measured on the composed value', () => {
    const f = write('deep/alias.yaml', `a: &a ${'['.repeat(40)}${']'.repeat(40)}\nb: ${'['.repeat(40)}*a${']'.repeat(40)}\n`);
    expect(problems(f)[0]).toMatchObject({ path: 'b', message: expect.stringContaining('more than 64 levels deep') });
  });

  it(`exactly ${MAX_NESTING_DEPTH} levels is not a nesting problem`, () => {
    const d = MAX_NESTING_DEPTH - 1; // the top-level mapping is level 1
    for (const [name, text] of [
      ['ok.json', `{"x": ${'['.repeat(d)}${']'.repeat(d)}}`],
      ['ok.yaml', `x: ${'['.repeat(d)}${']'.repeat(d)}\n`],
    ]) {
      const issues = problems(write(`deep/${name}`, text!));
      expect(issues.map((i) => i.message).join('\n')).not.toContain('levels deep');
      expect(issues[0]!.message).toMatch(/unknown field "x"/);
    }
  });
});

describe('safe names', () => {
  it('the scenario name is a safe file name', () => {
    for (const bad of ['.', '..', '.hidden', 'a/b', 'a\\b', '../up', 'tab\there', 'nul\u0000x', 'new\nline', '']) {
      const f = write('names/bad.json', JSON.stringify({ name: bad }));
      expect(problems(f)[0]!.path, JSON.stringify(bad)).toBe('name');
    }
    for (const good of ['a', 'a.b', 'my-scenario_2', 'v1.2.3', 'a..b', '-x', '_']) {
      expect(loadScenario(write('names/good.json', JSON.stringify({ name: good }))).name).toBe(good);
    }
  });

  it('an estate name must not be . or .. or start with a dot', () => {
    for (const bad of ['.', '..', '.x', 'a/b']) {
      const f = write('names/estate.json', JSON.stringify({ estates: [{ name: bad }] }));
      expect(problems(f)[0]!.path, bad).toBe('estates[0].name');
    }
    expect(loadScenario(write('names/estate-ok.json', JSON.stringify({ estates: [{ name: 'Nord 1.b' }] }))).estates[0]!.name).toBe('Nord 1.b');
  });

  it('defaultName always gives a safe name', () => {
    expect(defaultName('...yaml')).toBe('scenario');
    expect(defaultName('dir/..yaml')).toBe('scenario');
    expect(defaultName('.hidden.yaml')).toBe('hidden');
    expect(defaultName('a/..b.yaml')).toBe('b');
    expect(defaultName('ø.yaml')).toBe('oe');
    expect(defaultName('Ølby Å.yaml')).toBe('Oelby-Aa');
    expect(defaultName('€.yaml')).toBe('scenario');
    // accents dropped, other scripts told apart by a hash, no dash at either end
    expect(defaultName('Café Ølstykke gård.yaml')).toBe('Cafe-Oelstykke-gaard');
    expect(defaultName('日本.yaml')).toMatch(/^scenario-[0-9a-f]{8}$/);
    expect(defaultName('日本.yaml')).not.toBe(defaultName('中国.yaml'));
    expect(defaultName('house 🏠.yaml')).toBe('house');
    expect(defaultName('/dev/stdin')).toBe('stdin');
    for (const p of ['...yaml', '.yaml', '.. .yaml', 'x/.../..yaml', '\u0001.yaml', 'a b/c d.yml']) {
      expect(defaultName(p), p).toMatch(/^[A-Za-z0-9_-][A-Za-z0-9_.-]*$/);
    }
    // and the name of a file called so loads
    expect(loadScenario(write('names/...yaml', 'years: 2\n')).name).toBe('scenario');
  });
});
