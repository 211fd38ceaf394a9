/**
 * The three recipes of CONTRIBUTING.md, followed by everything that exists: every policy lever,
 * every metric and every mechanism has what its recipe asks for. A new one that skips a step
 * fails here, and the failure names the step.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LEVERS, baseEffective } from '../../src/model/levers/index.js';
import type { LeverModule } from '../../src/model/levers/types.js';
import { MECHANISMS } from '../../src/model/mechanisms/index.js';
import { METRICS } from '../../src/model/reporters.js';
import { initialWorld } from '../../src/model/simulate.js';
import type { EstateEffective } from '../../src/model/world.js';
import { loadScenario } from '../../src/scenario/load.js';
import type { Policy } from '../../src/scenario/policies.js';
import { METRICS_HEADER } from '../../src/engine/tables.js';

const read = (f: string) => readFileSync(f, 'utf8');
const odd = read('docs/ODD.md');
const contributing = read('CONTRIBUTING.md');
const golden = JSON.parse(read('test/golden/hashes.json')) as Record<string, unknown>;
const leverFiles = readdirSync('scenarios/levers').map((f) => `scenarios/levers/${f}`);

describe('CONTRIBUTING.md has the three recipes', () => {
  it.each(['add a policy lever', 'add a metric', 'add a mechanism'])('%s', (r) => {
    expect(contributing).toContain(`## Recipe: ${r}`);
  });
});

describe('recipe: add a policy lever — followed by every lever', () => {
  const kinds = Object.keys(LEVERS) as Policy['lever'][];
  const readByMechanisms = new Set(MECHANISMS.flatMap((m) => m.reads));

  it.each(kinds)('%s', (kind) => {
    // step 1: the schema documents it (docs/parameters.md is generated from the schema)
    expect(read('docs/parameters.md'), 'docs/parameters.md (npm run schema)').toContain(`lever: ${kind}`);
    // step 4: an example scenario, pinned by a golden hash, and the model description
    const examples = leverFiles.filter((f) => new RegExp(`lever:\\s*${kind}\\b`).test(read(f)));
    expect(examples.length, `an example in scenarios/levers/ using lever: ${kind}`).toBeGreaterThan(0);
    for (const f of examples) expect(golden[f], `a golden hash for ${f} (npm run golden:update)`).toBeDefined();
    expect(odd, 'docs/ODD.md 7.2 names it').toContain(`\`${kind}\``);
    // step 5: a direction test
    expect(read('test/levers/direction.test.ts'), 'test/levers/direction.test.ts').toContain(`lever: '${kind}'`);
    // steps 2-3: every effective parameter it sets is read by a mechanism of the contract (else it acts on nothing)
    for (const f of examples) {
      const sc = loadScenario(f);
      const w = initialWorld(sc, 1);
      for (const p of sc.policies.filter((x) => x.lever === kind)) {
        const set = new Set<string>();
        const base = baseEffective(w);
        const recorder = new Proxy(base, {
          set(t, k, v) {
            if ((t as unknown as Record<string | symbol, unknown>)[k] !== v) set.add(String(k));
            return Reflect.set(t, k, v);
          },
        });
        const mod = LEVERS[kind] as LeverModule<Policy['lever']>;
        mod.effective?.(recorder, p as never, w, 0);
        mod.after?.(recorder, p as never, 0);
        for (const k of set)
          expect(
            readByMechanisms.has(k as keyof EstateEffective),
            `${kind} sets ${k}, which no mechanism declares it reads (src/model/mechanisms/index.ts)`,
          ).toBe(true);
      }
    }
  });
});

describe('recipe: add a metric — followed by every metric', () => {
  const docs = read('docs/metrics.md');
  it.each(METRICS.map((m) => m.name))('%s', (name) => {
    const m = METRICS.find((x) => x.name === name)!;
    expect(m.unit.length, 'a unit').toBeGreaterThan(0);
    expect(m.description.length, 'a description').toBeGreaterThan(10);
    expect(['stock', 'share', 'level', 'flow']).toContain(m.kind);
    expect(docs, 'a line of docs/metrics.md (npm run schema)').toContain(`\`${name}\``);
    expect(METRICS_HEADER, 'a column of metrics.csv').toContain(name);
  });
});

describe('recipe: add a mechanism — followed by every mechanism', () => {
  it.each(MECHANISMS.map((m) => m.name))('%s', (name) => {
    const m = MECHANISMS.find((x) => x.name === name)!;
    expect(existsSync(join('src/model', m.module)), `its module src/model/${m.module}`).toBe(true);
    const base = m.module.replace(/^mechanisms\//, '').replace(/\.ts$/, '');
    expect(existsSync(`test/model/mechanisms/${base}.test.ts`), `its test test/model/mechanisms/${base}.test.ts`).toBe(true);
    expect(odd, 'a section of docs/ODD.md names its module').toContain(`(\`${m.module}\``);
    if (m.applies === 'household event') {
      expect(m.events.length, 'its event codes').toBeGreaterThan(0);
      expect(m.addEvents && m.apply, 'addEvents and apply, for the reference step').toBeTruthy();
    } else expect(m.events, 'a pass has no household events').toEqual([]);
  });

  it('event codes belong to one mechanism each', () => {
    const all = MECHANISMS.flatMap((m) => m.events);
    expect(new Set(all).size).toBe(all.length);
  });
});

describe("CONTRIBUTING.md's code map matches the folders", () => {
  const dirs = readdirSync('src', { withFileTypes: true }).filter((d) => d.isDirectory());
  it.each(dirs.map((d) => d.name))('src/%s/ is in the layer map', (d) => expect(contributing).toContain(`${d}/`));
  const model = readdirSync('src/model').filter((f) => f.endsWith('.ts'));
  it.each(model)('src/model/%s is in the model table', (f) => expect(contributing).toContain(`\`${f}\``));
});
