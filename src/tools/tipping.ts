/**
 * `npm run tipping`: where the estate tips (docs/ODD.md, "Where the estate tips"). The shock of
 * test/patterns/shock.test.ts (three years of 100% municipal allocation, 2027-2029, in the default
 * estate, against the same estate without it on the same seeds) with `spiral.imageOnApplicants`
 * and `imageOnStaying` both scaled by k from their defaults (each k anchored anew, as a run
 * anchors it), and with the spiral off. Prints, per strength, the paired damage to the
 * resource-strong share on 1 January 2030 and 2040 (points) and the share of the 2030 damage left
 * in 2040.
 *
 *   npm run tipping -- [--pairs 60] [--k 0,0.5,1,1.5,2,3]
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { anchorScenario } from '../model/anchor.js';
import { METRIC_INDEX, NMETRIC } from '../model/reporters.js';
import { replicationSeed } from '../model/rng.js';
import { simulate } from '../model/simulate.js';
import { loadScenario } from '../scenario/load.js';
import type { Scenario } from '../scenario/schema.js';
import { PACKAGE_ROOT } from '../version.js';

const SHOCK: Scenario['policies'][number] = { lever: 'municipalAllocation', share: 1, from: 2027, until: 2030 } as Scenario['policies'][number];

/** The mean paired damage (points) on 1 January of `years`, over `pairs` pairs, of the shock in `sc` anchored as a run anchors it. */
export function shockDamage(sc: Scenario, pairs: number, years: readonly number[]): number[] {
  const base = anchorScenario({ ...sc, replications: pairs }).scenario;
  const hit = { ...base, policies: [...base.policies, SHOCK] };
  const sums = years.map(() => 0);
  const share = (metrics: Float64Array, rows: number, year: number) =>
    metrics[(year - base.startYear) * 12 * rows * NMETRIC + METRIC_INDEX.resourceStrongShare!]!;
  for (let r = 0; r < pairs; r++) {
    const seed = replicationSeed(base.seed, r);
    const b = simulate(base, r, seed);
    const h = simulate(hit, r, seed);
    years.forEach((y, k) => {
      sums[k]! += share(h.metrics, h.rowNames.length, y) - share(b.metrics, b.rowNames.length, y);
    });
  }
  return sums.map((s) => (100 * s) / pairs);
}

const USAGE = 'usage: npm run tipping -- [--pairs N (whole number, at least 2; default 60)] [--k F,F,… (factors of at least 0; default 0,0.5,1,1.5,2,3)]';

/** The command line's pairs and factors, or a message naming what is wrong (parseArgs's own errors included). */
export function tippingArgs(argv: string[]): { pairs: number; ks: number[] } | { help: true } | { error: string } {
  let values: { pairs?: string; k?: string; help?: boolean };
  try {
    ({ values } = parseArgs({ args: argv, options: { pairs: { type: 'string' }, k: { type: 'string' }, help: { type: 'boolean' } } }));
  } catch (e) {
    return { error: (e as Error).message };
  }
  if (values.help) return { help: true };
  const pairsText = values.pairs ?? '60';
  const pairs = Number(pairsText);
  if (!/^\d+$/.test(pairsText) || pairs < 2) return { error: `--pairs is ${JSON.stringify(pairsText)}; give a whole number of at least 2` };
  const kText = values.k ?? '0,0.5,1,1.5,2,3';
  const parts = kText.split(',');
  const bad = parts.find((p) => p.trim() === '' || !Number.isFinite(Number(p)) || Number(p) < 0);
  if (bad !== undefined)
    return { error: `--k is ${JSON.stringify(kText)}: ${JSON.stringify(bad)} is not a factor; give numbers of at least 0, separated by commas` };
  return { pairs, ks: parts.map(Number) };
}

function main(): void {
  const a = tippingArgs(process.argv.slice(2));
  if ('help' in a) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if ('error' in a) {
    process.stderr.write(`tipping: ${a.error}\n${USAGE}\n`);
    process.exit(2);
  }
  const { pairs, ks } = a;
  const given = { ...loadScenario(join(PACKAGE_ROOT, 'scenarios', 'default.yaml')), years: 15 };
  const sp = given.spiral;
  const cases: [string, Scenario][] = [
    ['off', { ...given, spiral: { ...sp, enabled: false } }],
    ...ks.map((k): [string, Scenario] => [
      `k = ${k}`,
      { ...given, spiral: { ...sp, imageOnApplicants: k * sp.imageOnApplicants, imageOnStaying: k * sp.imageOnStaying } },
    ]),
  ];
  process.stdout.write(`damage to the resource-strong share, points, ${pairs} pairs: 2030 / 2040 / share of 2030's left in 2040\n`);
  if (pairs < 40)
    process.stdout.write(`caution: with ${pairs} pairs the share left varies by more than 0.1 from one set of seeds to another; docs/ODD.md's table used 60\n`);
  for (const [name, sc] of cases) {
    const [d2030, d2040] = shockDamage(sc, pairs, [2030, 2040]) as [number, number];
    process.stdout.write(`${name.padEnd(9)} ${d2030.toFixed(1)} / ${d2040.toFixed(1)} / ${(d2040 / d2030).toFixed(2)}\n`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) main();
