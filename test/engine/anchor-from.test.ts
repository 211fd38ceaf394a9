/**
 * A variant that changes a model parameter takes the baseline's anchor (engine/ensemble.ts
 * `anchorFrom`, model/anchor.ts `anchorSteps`): it starts from the baseline's estate, replication
 * by replication, and its difference is what the parameter does from there. Anchored under its
 * own parameters it starts elsewhere (checked too, so the test can fail).
 */
import { describe, expect, it } from 'vitest';
import { runEnsemble } from '../../src/engine/ensemble.js';
import { memoryAnchorStore } from '../../src/model/anchor.js';
import { yearly } from '../../src/model/digest.js';
import { METRIC_INDEX } from '../../src/model/reporters.js';
import { scenario } from '../helpers/scenario.js';

const base = scenario({ name: 'base', seed: 3, replications: 3, years: 3, estates: [{ name: 'own', flats: 300, population: { resourceStrongShare: 0.45 } }] });
const variant = scenario({ ...base, name: 'spiral', spiral: { imageOnApplicants: 16, imageOnStaying: 2 } });

/** Each replication's value of `metric` at month 0 (the estate's row). */
const start = (e: Awaited<ReturnType<typeof runEnsemble>>, metric: string) => e.replications.map((r) => yearly(r, 0, METRIC_INDEX[metric]!, 0));

describe("a variant takes the baseline's anchor", () => {
  it('starts where the baseline starts, with its solved values; anchored on its own it does not', async () => {
    const store = memoryAnchorStore();
    const b = await runEnsemble(base, { workers: 1, anchorStore: store });
    const shared = await runEnsemble(variant, { workers: 1, anchorStore: store, anchorFrom: base });
    const own = await runEnsemble(variant, { workers: 1, anchorStore: store });
    for (const m of ['resourceStrongShare', 'familiesWithChildren', 'retiredAdults', 'outsideWorkShare18to64'])
      expect(start(shared, m), m).toEqual(start(b, m));
    expect(shared.anchors).toEqual(b.anchors);
    expect(shared.scenario.estates[0]!.attractiveness).toBe(b.scenario.estates[0]!.attractiveness);
    // its own parameters still act: the spiral is the variant's
    expect(shared.scenario.spiral.imageOnApplicants).toBe(16);
    expect(own.anchors[0]!.attractiveness).not.toBe(b.anchors[0]!.attractiveness);
    expect(start(own, 'resourceStrongFamilies')).not.toEqual(start(b, 'resourceStrongFamilies'));
  }, 120_000);
});
