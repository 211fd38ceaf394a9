/**
 * The residents' seniority against LBF's (Temastatistik 2020:9, family dwellings: over 10 years
 * lived in the dwelling on average, every 10th dwelling with the same residents for over 25
 * years). `career.otherAnnual` is fitted to it (docs/ODD.md, 7.6): the other reasons for moving
 * take neither the early-stay factor nor the ties, and they are what ends the long stays. Each
 * preset, anchored as a run anchors it, runs 40 years without levers (6 replications), long
 * enough for the start's drawn stays (`population.meanStayYears`) to be gone from the figures:
 * the households living there at the end, by years lived in their flat (`flatSince`), as LBF
 * counts the dwelling; a move within the estate begins a new count. The years in the estate
 * (`movedIn`) are printed beside it.
 *
 * Two checks per preset. LBF's figure (at least 10 years on average, at least 9% over 25: "every
 * 10th") is missed by all four, by 0.2-0.8 year (0.2.15; 0.5-1 year before): expected failures (docs/ODD.md, 7.6, says what
 * meeting it would cost). A wide check that nothing runs away (7 to 13 years, 5% to 15% over 25)
 * holds. Until 0.2.8 one check stood for both, with its lower bound (9 years, 6%)
 * just under the presets' 9.1-9.6 years: egedalsvaenge-like then came out at 8.99. Before 0.2.8 (the other reasons cut by
 * the ties) the average preset reached 16.9 years in the estate with 28% over 25: it fails here.
 */
import { describe, expect, it } from 'vitest';
import { anchorScenario } from '../../src/model/anchor.js';
import { replicationSeed } from '../../src/model/rng.js';
import { simulate } from '../../src/model/simulate.js';
import { H } from '../../src/model/state.js';
import { loadScenario } from '../../src/scenario/load.js';

const YEARS = 40;
const REPS = 6;
const PRESETS = ['average', 'ringparken-like', 'aeblehaven-like', 'egedalsvaenge-like'];

interface Seniority {
  /** Mean years lived in the current flat, and the share over 25 years. */
  mean: number;
  over25: number;
  /** The same for years lived in the estate. */
  estateMean: number;
  estateOver25: number;
}

/** Years lived in the flat and in the estate by the households living there after YEARS. */
function seniority(preset: string): Seniority {
  const given = { ...loadScenario(`scenarios/presets/${preset}.yaml`), replications: REPS, policies: [] };
  const sc = { ...anchorScenario(given).scenario, years: YEARS };
  let n = 0;
  let sum = 0;
  let over = 0;
  let estateSum = 0;
  let estateOver = 0;
  for (let r = 0; r < REPS; r++)
    simulate(sc, r, replicationSeed(sc.seed, r), {
      atEnd: (w) => {
        const h = w.hh;
        for (let i = 0; i < h.used; i++) {
          if (!h.alive[i]) continue;
          const years = (w.month - h.i32[i * H.stride + H.flatSince]!) / 12;
          const estateYears = (w.month - h.i32[i * H.stride + H.movedIn]!) / 12;
          n++;
          sum += years;
          if (years > 25) over++;
          estateSum += estateYears;
          if (estateYears > 25) estateOver++;
        }
      },
    });
  return { mean: sum / n, over25: over / n, estateMean: estateSum / n, estateOver25: estateOver / n };
}

/** Measured once per preset, when its first test asks. */
const measured = new Map<string, Seniority>();
function seniorityOf(preset: string): Seniority {
  let s = measured.get(preset);
  if (!s) {
    s = seniority(preset);
    const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
    console.log(
      `${preset}: in the flat ${s.mean.toFixed(1)} years, ${pct(s.over25)} over 25; in the estate ${s.estateMean.toFixed(1)} years, ${pct(s.estateOver25)} over 25`,
    );
    measured.set(preset, s);
  }
  return s;
}

/**
 * Presets whose seniority misses LBF's (expected failures, issue 23): all four, by 0.2-0.8 year
 * (9.2-9.8 years in the flat, 7.9-9.2% over 25, since `career.otherAnnual` 0.025 in 0.2.15; 9.0-9.5
 * years and 7.3-8.5% before). When one reaches it, its test fails: move it out.
 */
const MISSED = new Set(PRESETS);

describe(`the residents' seniority after ${YEARS} years (${REPS} replications)`, () => {
  for (const preset of PRESETS) {
    it(`${preset}: no runaway (at most 13 years in the flat on average, at most 15% over 25; 0.2.7 had 16.9 years and 28% in the estate)`, () => {
      const s = seniorityOf(preset);
      expect(s.mean, 'mean years').toBeLessThanOrEqual(13);
      expect(s.over25, 'share over 25 years').toBeLessThanOrEqual(0.15);
      // and not the opposite: stays that end far too soon
      expect(s.mean, 'mean years').toBeGreaterThanOrEqual(7);
      expect(s.over25, 'share over 25 years').toBeGreaterThanOrEqual(0.05);
    });
    const lbf = () => {
      const s = seniorityOf(preset);
      expect(s.mean, 'mean years').toBeGreaterThanOrEqual(10);
      expect(s.over25, 'share over 25 years').toBeGreaterThanOrEqual(0.09);
    };
    const title = `${preset}: LBF's figure in the dwelling (over 10 years on average, about every 10th over 25 years)`;
    if (MISSED.has(preset)) it.fails(`${title} (missed today, issue 23)`, lbf);
    else it(title, lbf);
  }
});
