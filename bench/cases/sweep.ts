/**
 * sweep-1000 (and sweep-100): `nabolag sweep` as a user runs it, in a child process: a Latin
 * hypercube of 1,000 (100) points over the extension lever's factor and first year on the
 * default estate (scenarios/levers/extension.yaml: scenarios/default.yaml with the lever), each
 * point 10 replications of 15 years, plus point 0, the scenario as given (`--no-report`, into a
 * temporary folder removed afterwards). The target (issue "Researchers' instruments"): 1,000
 * points within 5 minutes on the 2-core development machine, in memory that does not grow with
 * the points (each point's rows are written to disk as it finishes: output/study.ts).
 *
 * medianMs is the child's wall time (one run); `cpuMs` its CPU time (all its threads: the workers
 * too), `peakRssMB` its peak resident memory, `workers` the worker threads it chose, `points`,
 * `replications` per point and `outputMB` the size of what it wrote; work in replications
 * (points + 1 times replications). The lever does not change the estate's anchor (model/anchor.ts),
 * so every point reuses the one anchored at point 0. Comparing `peakRssMB` of sweep-100 and
 * sweep-1000 shows whether memory grows with the points.
 *
 * Both are left out of a bench run without `--only` (sweep-1000 takes minutes): `--only sweep-1000`.
 *
 * The child is this module, started with NABOLAG_BENCH_SWEEP_CHILD naming a file: it runs the
 * command line (dist/src/cli/main.js) with its arguments and, when it exits, writes its CPU time
 * and peak memory there (getrusage of the process, which counts every thread).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Case, result, root, round } from '../harness.js';

/** Replications of every point: the default scenario's 10. */
const REPLICATIONS = 10;

/** The varied lever fields and their ranges (the lever's factor, and the year it starts). */
const VARY = ['policies[lever=extension].factor=0.25:1', 'policies[lever=extension].from=2026:2035'];

const CHILD_ENV = 'NABOLAG_BENCH_SWEEP_CHILD';

/** Total size of the files in a folder (not recursive into charts: the run writes none). */
function folderBytes(dir: string): number {
  let sum = 0;
  for (const f of readdirSync(dir, { withFileTypes: true })) sum += f.isFile() ? statSync(join(dir, f.name)).size : folderBytes(join(dir, f.name));
  return sum;
}

export function sweepCase(points: number): Case {
  const name = `sweep-${points}`;
  return {
    name,
    optIn: true,
    run: () => {
      const tmp = mkdtempSync(join(tmpdir(), 'nabolag-bench-sweep-'));
      try {
        const usageFile = join(tmp, 'usage.json');
        const out = join(tmp, 'sweep');
        const args = [
          fileURLToPath(import.meta.url),
          'sweep',
          join(root, 'scenarios', 'levers', 'extension.yaml'),
          '--design',
          'lhs',
          '--samples',
          String(points),
          ...VARY.flatMap((v) => ['--vary', v]),
          '-n',
          String(REPLICATIONS),
          '--no-report',
          '-q',
          '-o',
          out,
        ];
        const t0 = performance.now();
        const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, [CHILD_ENV]: usageFile } });
        const ms = performance.now() - t0;
        if (r.error || r.status !== 0) throw new Error(`${name}: the sweep failed (${r.error?.message ?? `exit code ${r.status}`})`);
        const usage = JSON.parse(readFileSync(usageFile, 'utf8')) as { cpuMs: number; maxRssKB: number };
        const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { timing: { workers: number } };
        return result(name, [ms], (points + 1) * REPLICATIONS, 'replications', {
          points,
          replications: REPLICATIONS,
          workers: manifest.timing.workers,
          cpuMs: round(usage.cpuMs),
          peakRssMB: round(usage.maxRssKB / 1024, 1),
          outputMB: round(folderBytes(out) / 2 ** 20, 1),
        });
      } finally {
        rmSync(tmp, { recursive: true, force: true });
      }
    },
  };
}

/** In the child (sweepCase): record this process's CPU time and peak memory when it exits, and run the command line. */
const usageFile = process.env[CHILD_ENV];
if (usageFile && process.argv[1] === fileURLToPath(import.meta.url)) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    writeFileSync(usageFile, JSON.stringify({ cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, maxRssKB: u.maxRSS }));
  });
  await import(new URL('../../src/cli/main.js', import.meta.url).href);
}
