/**
 * `npm run calibrate`: runs every preset in scenarios/presets/ (20 replications by default)
 * and prints each pattern's model value against its target, with the 5-95% band over
 * replications; then the two paired experiments behind P5 (image work) and P6 (the image
 * lags composition) on the average preset. `--json` prints one JSON object per pattern.
 *
 *   npm run calibrate -- [--replications 20] [--json] [--only average]
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runEnsemble } from '../engine/ensemble.js';
import { type PatternResult, imagePattern, lagPattern, runPatterns } from '../model/patterns.js';
import { loadScenario } from '../scenario/load.js';
import type { Scenario } from '../scenario/schema.js';
import { PACKAGE_ROOT } from '../version.js';

/** The paired experiments behind P5 and P6, as policies added to a preset. */
export const P5_VARIANT = (sc: Scenario): Scenario => ({ ...sc, name: `${sc.name}-imagework`, policies: [{ lever: 'imageWork', from: sc.startYear, until: undefined, estate: undefined, boost: 0.15 }] });
export const P6_VARIANT = (sc: Scenario): Scenario => ({ ...sc, name: `${sc.name}-programme`, policies: [{ lever: 'programme', from: sc.startYear, until: undefined, estate: undefined, boost: 2 }] });

export async function calibrate(opts: { replications: number; only?: string; workers?: number; onResult?: (preset: string, p: PatternResult) => void }): Promise<Record<string, PatternResult[]>> {
  const dir = join(PACKAGE_ROOT, 'scenarios', 'presets');
  const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();
  const out: Record<string, PatternResult[]> = {};
  for (const f of files) {
    const name = f.replace(/\.yaml$/, '');
    if (opts.only && opts.only !== name) continue;
    const sc = { ...loadScenario(join(dir, f)), replications: opts.replications };
    const base = await runEnsemble(sc, { workers: opts.workers });
    const ps = runPatterns(base.results);
    if (name === 'average') {
      const v5 = await runEnsemble(P5_VARIANT(sc), { workers: opts.workers });
      ps.push(imagePattern(base.results, v5.results));
      const v6 = await runEnsemble(P6_VARIANT(sc), { workers: opts.workers });
      ps.push(lagPattern(base.results, v6.results));
    }
    for (const p of ps) opts.onResult?.(name, p);
    out[name] = ps;
  }
  return out;
}

const pct = (v: number, unit: string) => (unit.startsWith('share') || unit === 'relative change' ? `${(v * 100).toFixed(1)}%` : v.toFixed(2));

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const get = (flag: string) => {
    const i = args.indexOf(flag);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const json = args.includes('--json');
  const replications = Number(get('--replications') ?? 20);
  await calibrate({
    replications,
    only: get('--only'),
    onResult: (preset, p) => {
      if (json) process.stdout.write(JSON.stringify({ preset, ...p }) + '\n');
      else
        process.stdout.write(
          `${preset.padEnd(14)} ${p.id}  ${p.pass ? 'ok  ' : 'MISS'}  ${pct(p.value.mean, p.unit).padStart(7)} (${pct(p.value.p5, p.unit)} to ${pct(p.value.p95, p.unit)})  target: ${p.target}${p.detail ? `\n${' '.repeat(24)}${p.detail}` : ''}\n`,
        );
    },
  });
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
