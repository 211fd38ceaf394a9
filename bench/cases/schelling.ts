/**
 * schelling-abmfc-small / -large: the ABMFrameworksComparison Schelling specs
 * (scenarios/schelling/abmfc-*.yaml): median over 100 seeds of model construction + 20 steps,
 * after a warm-up, in one process, as the peers time it (construction = `initialWorld`, a step
 * = `schellingStep`; the move log is kept; the monthly reporters, which the peers do not have,
 * are left out). Work = agents x steps (`agent-steps`).
 */
import { join } from 'node:path';
import { initialWorld, scenarioMonths } from '../../src/model/simulate.js';
import { schellingStep } from '../../src/model/mechanisms/schelling.js';
import { loadScenario } from '../../src/scenario/load.js';
import type { Scenario } from '../../src/scenario/schema.js';
import { type Case, result, root, round } from '../harness.js';

const schellingFile = (spec: string): string => join(root, 'scenarios', 'schelling', `abmfc-${spec}.yaml`);

/** Construction + all steps of one Schelling run; returns the number of moves. */
function schellingRun(sc: Scenario, seed: number): number {
  const w = initialWorld(sc, seed);
  const spec = sc.schelling!;
  const steps = scenarioMonths(sc);
  for (let m = 1; m <= steps; m++) {
    w.month = m;
    schellingStep(w, spec, w.rngs.schelling);
  }
  return w.log.size;
}

export function schellingCase(spec: 'small' | 'large'): Case {
  return {
    name: `schelling-abmfc-${spec}`,
    run: () => {
      const sc = loadScenario(schellingFile(spec));
      for (let s = 0; s < 30; s++) schellingRun(sc, 1_000_000 + s); // warm-up
      const times: number[] = [];
      let moves = 0;
      for (let s = 0; s < 100; s++) {
        const t0 = performance.now();
        moves += schellingRun(sc, s);
        times.push(performance.now() - t0);
      }
      const g = sc.schelling!;
      return result(`schelling-abmfc-${spec}`, times, g.agents * scenarioMonths(sc), 'agent-steps', {
        minMs: round(Math.min(...times)),
        movesPerRun: moves / 100,
      });
    },
  };
}
