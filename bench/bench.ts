/**
 * `npm run bench` (`node dist/bench/bench.js`): how fast the engine is. A script, not a test:
 * it times, it does not assert. Build first (`npm run build`).
 *
 *   npm run bench                      readable table on stdout
 *   npm run bench -- --json            one JSON object per case and line (npm prints its
 *                                      header first; `npm run -s bench -- --json` does not)
 *   npm run bench -- --only model-10k  one case (repeat --only, or comma-separate, for more)
 *   npm run bench -- --help            the options and the cases
 *
 * Each case prints `{ name, medianMs, runs, work, unit, perSecond }` (perSecond = work /
 * median time), plus, where it applies, `memoryBytesPerHousehold` and case-specific fields.
 *
 * Cases, in the order a full run times them (each described at the top of its file):
 *  - schelling-abmfc-small / -large (bench/cases/schelling.ts): the ABMFrameworksComparison
 *    Schelling specs, construction + 20 steps, as the peers time it; work in agent-steps.
 *  - model-10k / -100k / -1m (bench/cases/model.ts): the full model, one estate of 10,000 /
 *    100,000 / 1,000,000 flats, 10 years, timed once compiled; work in household-months, with
 *    the memory per household of the initial world.
 *  - ensemble (bench/cases/ensemble.ts): 64 replications of scenarios/default.yaml on all cores
 *    against one core, cold and warm, in this process and as a command-line run.
 *  - sweep-100 / sweep-1000 (bench/cases/sweep.ts), only with `--only` (sweep-1000 takes
 *    minutes): `nabolag sweep` of 100 / 1,000 Latin hypercube points x 10 replications of the
 *    default estate with the extension lever, in a child process; wall and CPU time, peak memory.
 *
 * The harness (timing, the command line, the output) is bench/harness.ts.
 */
import { CASES } from './cases/index.js';
import { runBench } from './harness.js';

await runBench(CASES, process.argv.slice(2));
