/**
 * The spiral after a shock (issue 23, part 3): three years of 100% municipal allocation
 * (2027-2029) in the default estate, against the same estate without it on the same seeds, with
 * the spiral off, at its default strength and strong (`imageOnApplicants: 10, imageOnStaying: 5,
 * imageFromOutside: 2`). The damage is the paired difference of the resource-strong share on
 * 1 January 2030, 2035 and 2040. Figures: docs/ODD.md ("The spiral after a shock").
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load.js';
import type { Scenario } from '../../src/scenario/schema.js';
import { shockDamage } from '../../src/tools/tipping.js';

/**
 * Pairs per strength. 80, not 40 or 20: the 2040 damage has a standard error of about 0.25 points
 * at 80 pairs (0.35 at 40, 0.5 at 20), as large as the spiral's lasting effect the tests compare;
 * at 20 the default's 1.5x held or failed by the seeds' luck (1.4x on the first 20, 2.0x on 40),
 * and since the start's ages are solved (0.2.10) the strong case's share left in 2040 is near a
 * half (below).
 */
const REPS = 80;
const SPIRALS = {
  off: { enabled: false },
  default: {},
  // the issue's strong spiral (issue 23)
  strong: { imageOnApplicants: 10, imageOnStaying: 5, imageFromOutside: 2 },
} as const;
type Strength = keyof typeof SPIRALS;
const STRENGTHS = Object.keys(SPIRALS) as Strength[];

/** The default estate for 15 years at a spiral strength, without the shock (shockDamage adds it). */
function scenario(strength: Strength): Scenario {
  const sc = loadScenario('scenarios/default.yaml');
  return { ...sc, years: 15, spiral: { ...sc.spiral, ...SPIRALS[strength] } };
}

/** Mean paired damage (shock minus baseline) of the resource-strong share, in points, at 1 January of each year (as `npm run tipping` measures it). */
function damage(strength: Strength): Record<2030 | 2035 | 2040, number> {
  const [d2030, d2035, d2040] = shockDamage(scenario(strength), REPS, [2030, 2035, 2040]) as [number, number, number];
  return { 2030: d2030, 2035: d2035, 2040: d2040 };
}

const measured = {} as Record<Strength, Record<2030 | 2035 | 2040, number>>;
const get = (s: Strength) => measured[s]!;

describe('the spiral after a shock of three years of 100% municipal allocation', () => {
  // 6 x 80 replications of 15 years and three anchorings: about 60 s on an idle 2-core machine
  beforeAll(() => {
    for (const s of STRENGTHS) measured[s] = damage(s);
    console.log(
      `shock damage, points (2030 / 2035 / 2040): ${STRENGTHS.map((s) => `${s} ${get(s)[2030].toFixed(1)} / ${get(s)[2035].toFixed(1)} / ${get(s)[2040].toFixed(1)}`).join('; ')}`,
    );
  }, 1_200_000);

  it('the shock costs at least 2 points by 2030 at every strength', () => {
    for (const s of STRENGTHS) expect(get(s)[2030], s).toBeLessThan(-2);
  });

  it('with the spiral off the estate recovers: less than half of the 2030 damage is left in 2040', () => {
    const d = get('off');
    expect(Math.abs(d[2040])).toBeLessThan(0.5 * Math.abs(d[2030]));
  });

  // The issue's strong spiral is near the edge since the start's ages are solved: 0.61 of the 2030
  // damage left in 2040 on 80 pairs (0.51 and, on the first 40, 0.47 with one short anchoring
  // trial before the search); 0.76 before, when the estate started younger than the baseline
  // keeps it and its turnover fell as it aged (docs/ODD.md, "Where the estate tips"); 0.51 in
  // 0.2.17, when only the anchor's noise changed (0.62 in 0.2.16): the strong spiral leaves the
  // default estate near its tipping point
  // Missed in 0.2.19 (0.46 of the damage left, an expected failure then), held again in 0.2.20
  // (−7.3 / −5.0 / −4.5, 0.62 left) with nothing in the spiral changed: the income criterion's count
  // by the benefit rules moved each strength's anchor a little (the strong one's attachment from 5.3
  // to 5.5), and the strong case's anchoring (at the attractiveness's limit) does not hold its
  // baseline well (+5 points by 2028 on 40 pairs). The check sits at its edge and passes or fails by such changes: docs/ODD.md, "The
  // spiral after a shock" and "Why the issue's strong spiral heals": its `imageFromOutside: 2` puts
  // the default estate's steady image at 0.06, near the target's floor, where a shock can hardly
  // lower it; its applicants' and staying responses alone (10 and 5) keep 0.57 of the damage.
  it('with a strong spiral the estate tips: at least half of the 2030 damage is still there in 2040', () => {
    const d = get('strong');
    expect(d[2040]).toBeLessThan(0.5 * d[2030]);
  });

  // The default strength (imageOnApplicants 8, imageOnStaying 1) was chosen so that this holds
  // (docs/ODD.md, "Where the estate tips"): it is a requirement of the model met by setting an
  // assumed size, not evidence. Measured (40 pairs): off -9.3 / -2.8 / -1.0 points in 2030 / 2035
  // / 2040, default -8.4 / -4.4 / -4.1 (4.1x); until 0.2.7, when long stays did not end and the
  // turnover was lower, off -6.4 / -2.5 / -1.0, default -5.8 / -2.7 / -2.0 (2.0x).
  it('at the default strength the lasting damage (2040) is at least 1.5x that with the spiral off', () => {
    const off = get('off');
    const def = get('default');
    expect(def[2040]).toBeLessThan(1.5 * off[2040]);
    expect(def[2040]).toBeLessThan(-0.5);
  });
});
