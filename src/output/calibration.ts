/**
 * `nabolag calibrate`: fit scenario parameters to observed targets and write the result.
 *
 * Each evaluation runs the scenario with the parameters set (`--set`, scenario/set.ts) as an
 * ensemble (engine/ensemble.ts, the kept worker pool serving them all) on the scenario's own
 * replication seeds, so every evaluation sees the same random numbers (common random numbers)
 * and differences between evaluations are the parameters', not the dice's. The objective is the
 * targets' squared errors on the ensemble means (analysis/calibration.ts), minimised by
 * Nelder-Mead in the parameters rescaled to [0, 1] (analysis/nelder-mead.ts). A point whose
 * values were run before (a whole-number field rounds nearby points alike) is not run again.
 *
 * The fitted values are rounded to FITTED_DIGITS significant digits, and the targets' fit
 * reported is that of the rounded values (run once more if they differ), so the scenario file
 * written, the values printed and the fit reported agree. Written into the output folder
 * safely (atomic.ts: classified, in a partial folder renamed into place):
 *
 *   calibrated.yaml   the scenario with the fitted values: the file and its --set, every field
 *                     written out (defaults included), `name` ending in "-calibrated"; the
 *                     run's -n, --seed and --years are not written into it
 *   calibration.json  the parameters (range, start, fitted), the targets and their fit, the
 *                     remaining error, the method and every evaluation (the trace)
 *   manifest.json     as a study's (output/study.ts)
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from '../yaml.js';
import { type TargetFit, type TargetSpec, objective, targetFit, targetScale, toleranceVerdict } from '../analysis/calibration.js';
import {
  NM_CONTRACT,
  NM_DEFAULT_FTOL,
  NM_DEFAULT_STEP,
  NM_EXPAND,
  NM_MAX_RESTARTS,
  NM_REFLECT,
  NM_SHRINK,
  type NelderMeadStop,
  nelderMead,
} from '../analysis/nelder-mead.js';
import type { Outcome } from '../analysis/outcomes.js';
import { autoWorkersFor, defaultWorkers, runEnsemble } from '../engine/ensemble.js';
import type { Scenario } from '../scenario/schema.js';
import type { Anchor } from '../model/anchor.js';
import { VERSION } from '../version.js';
import { writeAtomically } from './atomic.js';
import { EnsembleTally, type StudyInfo, type StudyParam, manifest, paramValue } from './study.js';

/** Significant digits of a fitted value (well below the optimiser's resolution of a thousandth of the range). */
export const FITTED_DIGITS = 6;

/**
 * How small the simplex must get, in each parameter's range (nelder-mead.ts `xTol`): a hundredth.
 * Finer steps chase noise: under common random numbers the ensemble mean still jumps when a
 * small change of a parameter changes single events (measured on the default estate, 10
 * replications: steps of 0.1-0.5% of the ranges moved the objective by 0.05-0.4 tolerances²
 * near its minimum, and with a thousandth the search spent its last 68 of 100 evaluations there
 * without improving). Assumption.
 */
export const CALIBRATION_XTOL = 0.01;

/** The scenario file written. */
export const CALIBRATED_FILE = 'calibrated.yaml';

export interface CalibrationTarget {
  spec: TargetSpec;
  outcome: Outcome;
}

export interface CalibrationPlan {
  /** The scenario as run (with -n, --seed, --years): the evaluations are it with the parameters set. */
  base: Scenario;
  params: StudyParam[];
  /** Where the search starts, in the unit box (one value per parameter). */
  start: number[];
  targets: CalibrationTarget[];
  /** Most points the optimiser evaluates. */
  maxEvals: number;
  /** The scenario run at parameter values (in `params` order). */
  scenarioAt: (values: number[]) => Scenario;
  /** The scenario file's scenario (its --set applied, not the run's overrides) with the values set: what calibrated.yaml holds. */
  fittedScenario: (values: number[]) => Scenario;
}

/** One ensemble run of the search. */
export interface Evaluation {
  /** 1-based, in the order run. */
  evaluation: number;
  values: number[];
  objective: number;
  /** Each target's mean. */
  means: number[];
}

export interface CalibrationResult {
  values: number[];
  fits: TargetFit[];
  objective: number;
  /** Ensemble runs. */
  evaluations: number;
  /** Points the search asked for (within --max-evals): more than the runs where points rounded to the same whole values ran once. */
  searchPoints: number;
  stop: NelderMeadStop;
  restarts: number;
  trace: Evaluation[];
}

/** A value rounded to FITTED_DIGITS significant digits (a whole-number field's stays whole). */
const rounded = (p: StudyParam, v: number): number => (p.integer ? Math.round(v) : Number(v.toPrecision(FITTED_DIGITS)));

/** JSON has no NaN nor infinities: written as the texts "NaN", "Infinity", "-Infinity". */
const json = (v: unknown): string => JSON.stringify(v, (_k, x) => (typeof x === 'number' && !Number.isFinite(x) ? String(x) : x), 1) + '\n';

/** Fit the parameters and write calibrated.yaml, calibration.json and manifest.json into `outDir`. */
export async function calibrateToDirectory(
  plan: CalibrationPlan,
  outDir: string,
  info: StudyInfo & {
    /** Called when the output folder is accepted and the search starts. */
    onStart?: () => void;
    onEvaluation?: (e: Evaluation, best: Evaluation) => void;
  },
): Promise<{ outDir: string; files: string[]; result: CalibrationResult; workers: number }> {
  const t0 = performance.now();
  const { base, params, targets } = plan;
  const workers = info.workers ?? autoWorkersFor([base]);
  // an evaluation anchors its own scenario (on more workers, engine/ensemble.ts)
  const tally = new EnsembleTally(workers);
  let seeds: number[] = [];
  let result: CalibrationResult | undefined;
  const files = await writeAtomically(
    outDir,
    async (dir) => {
      info.onStart?.();
      const trace: Evaluation[] = [];
      const byValues = new Map<string, { e: Evaluation; fits: TargetFit[] }>();
      let best: Evaluation | undefined;
      // each evaluation's anchoring solution, by its values (an evaluation anchors its own scenario)
      const anchorsOf = new Map<string, Anchor[]>();
      const run = async (values: number[]) => {
        const key = values.join(',');
        const known = byValues.get(key);
        if (known) return known;
        const sc = plan.scenarioAt(values);
        const ens = await runEnsemble(sc, { workers, anchorWorkers: info.workers ?? defaultWorkers(), signal: info.signal });
        anchorsOf.set(key, ens.anchors);
        if (trace.length === 0) seeds = ens.seeds;
        tally.add(ens);
        const fits = targets.map((t) => targetFit(t.outcome, t.spec, sc.startYear, ens.replications));
        const e: Evaluation = { evaluation: trace.length + 1, values, objective: objective(fits), means: fits.map((f) => f.mean) };
        trace.push(e);
        byValues.set(key, { e, fits });
        if (!best || e.objective < best.objective || Number.isNaN(best.objective)) best = e;
        info.onEvaluation?.(e, best);
        return { e, fits };
      };
      const nm = await nelderMead(async (u) => (await run(u.map((ui, i) => paramValue(params[i]!, ui)))).e.objective, plan.start, {
        maxEvals: plan.maxEvals,
        xTol: CALIBRATION_XTOL,
      });
      const values = nm.x.map((u, i) => rounded(params[i]!, paramValue(params[i]!, u)));
      const final = await run(values);
      result = {
        values,
        fits: final.fits,
        objective: final.e.objective,
        evaluations: trace.length,
        searchPoints: nm.evaluations,
        stop: nm.stop,
        restarts: nm.restarts,
        trace,
      };

      const fitted = plan.fittedScenario(values);
      const scenario = { ...fitted, name: `${fitted.name}-calibrated` };
      const header = [
        `# ${scenario.name}: "${fitted.name}" with ${params.length === 1 ? 'a parameter' : 'parameters'} fitted by nabolag ${VERSION} calibrate`,
        `# (Nelder-Mead on the means of ${base.replications} replications, seed ${base.seed}, ${base.years} years; calibration.json has the fit):`,
        ...params.map((p, i) => `#   ${p.name} = ${values[i]}   (searched ${p.lo} to ${p.hi})`),
        ...targets.map((t, j) => `#   target ${t.spec.text}: fitted ${fmtNumber(final.fits[j]!.mean)}`),
        '# Every field is written out, defaults included.',
      ];
      // a line break typed into a target would end its comment line: every comment kept on one line
      const comments = header.map((l) => l.replace(/[\r\n\u2028\u2029]+/g, ' '));
      writeFileSync(join(dir, CALIBRATED_FILE), comments.join('\n') + '\n' + stringify(scenario, { aliasDuplicateObjects: false, lineWidth: 0 }));

      const calibration = {
        tool: 'nabolag',
        version: VERSION,
        scenario: base.name,
        scenarioFile: info.scenarioFile,
        calibratedFile: CALIBRATED_FILE,
        replications: base.replications,
        seed: base.seed,
        years: base.years,
        method: {
          name: 'Nelder-Mead',
          space: 'each parameter rescaled from [lo, hi] to [0, 1]; trial points clamped into the box',
          coefficients: { reflect: NM_REFLECT, expand: NM_EXPAND, contract: NM_CONTRACT, shrink: NM_SHRINK },
          initialStep: NM_DEFAULT_STEP,
          xTol: CALIBRATION_XTOL,
          fTol: NM_DEFAULT_FTOL,
          maxRestarts: NM_MAX_RESTARTS,
          maxEvals: plan.maxEvals,
          objective: 'sum over targets of ((mean - value) / scale)^2; scale = tolerance, else |value|, else 1',
        },
        parameters: params.map((p, i) => ({
          path: p.name,
          lo: p.lo,
          hi: p.hi,
          integer: p.integer,
          start: paramValue(p, plan.start[i]!),
          fitted: values[i],
        })),
        targets: targets.map((t, j) => {
          const f = final.fits[j]!;
          const verdict = toleranceVerdict(t.spec, f);
          return {
            expression: t.spec.expression,
            value: t.spec.value,
            tolerance: t.spec.tolerance,
            scale: targetScale(t.spec),
            mean: f.mean,
            ciLow: f.low,
            ciHigh: f.high,
            error: f.error,
            withinTolerance: verdict.within,
            // whether the 95% interval is wholly within the tolerance or wholly outside it
            toleranceResolved: verdict.resolved,
          };
        }),
        objective: final.e.objective,
        evaluations: trace.length,
        searchPoints: nm.evaluations,
        stop: nm.stop,
        restarts: nm.restarts,
        trace: trace.map((e) => ({
          evaluation: e.evaluation,
          values: Object.fromEntries(params.map((p, i) => [p.name, e.values[i]])),
          objective: e.objective,
          means: e.means,
        })),
      };
      writeFileSync(join(dir, 'calibration.json'), json(calibration));
      const written = [CALIBRATED_FILE, 'calibration.json', 'manifest.json'];
      // the fitted scenario's (calibrated.yaml's), which a run of it starts from
      const m = manifest(
        base,
        info,
        written,
        seeds,
        tally.workers,
        t0,
        tally.simulateMs,
        {
          calibration: { parameters: calibration.parameters, targets: targets.map((t) => t.spec.text), evaluations: trace.length, stop: nm.stop },
        },
        anchorsOf.get(values.join(',')) ?? null,
      );
      writeFileSync(join(dir, 'manifest.json'), JSON.stringify(m, null, 2) + '\n');
      return written;
    },
    { scenarioFiles: [info.scenarioFile], wait: info.wait },
  );
  return { outDir, files, result: result!, workers: tally.workers };
}

/** A number for a person: 4 significant digits, no exponent for everyday sizes. */
export function fmtNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e-4 && a < 1e9) return String(Number(v.toPrecision(4)));
  return v.toPrecision(4);
}
