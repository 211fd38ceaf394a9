/**
 * The plain reference step (src/model/reference-step.ts) and the fast household step
 * (src/model/household-month.ts) give byte-identical runs: metrics and move logs, for every
 * scenario file that ships with the project, one replication each (a different seed per file).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ReplicationResult, simulate } from '../../src/model/simulate.js';
import { loadScenario } from '../../src/scenario/load.js';
import { SCENARIOS, shippedScenarioFiles } from '../helpers/scenario.js';

const LOG_FIELDS = ['month', 'uid', 'kind', 'reason', 'stay', 'strong', 'family', 'from', 'to', 'estate'] as const;

function expectSameRun(a: ReplicationResult, b: ReplicationResult): void {
  expect(Buffer.from(a.metrics.buffer).equals(Buffer.from(b.metrics.buffer))).toBe(true);
  expect(a.log.size).toBe(b.log.size);
  for (const k of LOG_FIELDS) {
    const x = a.log[k];
    const y = b.log[k];
    expect(Buffer.from(x.buffer, 0, a.log.size * x.BYTES_PER_ELEMENT).equals(Buffer.from(y.buffer, 0, b.log.size * y.BYTES_PER_ELEMENT)), k).toBe(true);
  }
}

describe('the reference step gives the same run as the fast step', () => {
  shippedScenarioFiles().forEach((f, k) => {
    it(f, () => {
      const sc = loadScenario(join(SCENARIOS, f));
      // a different replication and seed per file: more of the random paths across the files
      expectSameRun(simulate(sc, k % 3, 5 + 7 * k, { reference: true }), simulate(sc, k % 3, 5 + 7 * k));
    });
  });

  it('fails when the steps differ (the comparison can fail)', () => {
    const sc = loadScenario(join(SCENARIOS, 'default.yaml'));
    expect(() => expectSameRun(simulate(sc, 0, 5, { reference: true }), simulate(sc, 0, 6))).toThrow();
  });
});
