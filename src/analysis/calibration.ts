/**
 * Targets of `nabolag calibrate`: an outcome expression (outcomes.ts: metrics at years, e.g.
 * `moveOuts@2030/households@2030`) and the value it should have, with an optional tolerance,
 * typed as `<expression>=<value>[±<tolerance>]` (`+-` for `±`). How far a point of the
 * parameters is from the targets (the objective the fit minimises):
 *
 *   objective = Σ_targets ((mean − value) / scale)²
 *
 * where `mean` is the target's expression evaluated on the ensemble means of its metrics (as
 * `sensitivity` evaluates an outcome) and `scale` is the target's tolerance when given, else
 * |value| (so the error is relative), else 1 for a value of 0. So a target missed by exactly its
 * tolerance adds 1, and targets in different units weigh alike per tolerance. (Assumption: the
 * tolerance is read as the error the user accepts; the verdict, `toleranceVerdict`, uses it as a
 * band: within value ± tolerance or not.) The replications' noise is not weighed in: with common
 * random numbers the objective is a deterministic function of the parameters, but a rough one
 * (the noise of those seeds), so the fitted values carry no interval of their own.
 *
 * The 95% interval of a target's mean is a t interval around the expression on the ensemble
 * means, with the jackknife's standard error (Efron & Tibshirani 1993, ch. 11): the expression on
 * the means of the replications less one, for each one left out. For an expression linear in its
 * metrics (a metric, a sum, a difference) it is exactly the t interval of the mean
 * (inference.ts `meanInterval`); for a ratio it is an interval of the same ratio of means that
 * the objective fits (until 0.2.18 it was the interval of the mean of the replications' own
 * ratios, centred elsewhere: 1.182 fitted, "−4.97 to 11.48" around a mean of ratios of 3.26).
 * NaN with fewer than 2 replications or where a left-out mean gives no number. Pure functions; no I/O.
 */
import { yearly, type ReplicationDigest } from '../model/digest.js';
import { UserError, show } from '../scenario/messages.js';
import { studentTQuantile } from './inference.js';
import type { Outcome } from './outcomes.js';

/** A target as typed: the expression, the value, the tolerance (null: none given). */
export interface TargetSpec {
  text: string;
  expression: string;
  value: number;
  tolerance: number | null;
}

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** Read `<expression>=<value>[±<tolerance>]` (the value after the last `=`); a UserError names what is wrong. */
export function parseTarget(text: string): TargetSpec {
  const fail = (why: string): never => {
    throw new UserError(`option --target ${show(text)}: ${why}`);
  };
  const example = "e.g. --target 'moveOuts@2030/households@2030=0.104±0.005'";
  const eq = text.lastIndexOf('=');
  if (eq < 0) fail(`give <expression>=<value> or <expression>=<value>±<tolerance>, ${example}`);
  const expression = text.slice(0, eq).trim();
  const rhs = text.slice(eq + 1).trim();
  if (expression === '') fail(`the expression before "=" is empty; ${example}`);
  const parts = rhs.split(/±|\+-|\+\/-/);
  if (parts.length > 2) fail(`give one tolerance after the value, ${example}`);
  const [v, tol] = parts.map((p) => p.trim());
  if (!NUMBER.test(v!)) fail(`the value ${show(v!)} after "=" is not a number; give <value> or <value>±<tolerance>, ${example}`);
  let tolerance: number | null = null;
  if (tol !== undefined) {
    if (!NUMBER.test(tol)) fail(`the tolerance ${show(tol)} after "±" is not a number; ${example}`);
    tolerance = Number(tol);
    if (!(tolerance > 0)) fail(`the tolerance must be above 0, not ${tolerance}; leave it out to compare relative to the value`);
  }
  const value = Number(v);
  if (!Number.isFinite(value)) fail(`the value ${show(v!)} is not a finite number`);
  if (tolerance !== null && !Number.isFinite(tolerance)) fail(`the tolerance ${show(tol!)} is not a finite number`);
  return { text, expression, value, tolerance };
}

/** The scale a target's error is measured in (module comment). */
export const targetScale = (t: Pick<TargetSpec, 'value' | 'tolerance'>): number => t.tolerance ?? (t.value !== 0 ? Math.abs(t.value) : 1);

/** How one point of the parameters meets one target. */
export interface TargetFit {
  /** The expression on the ensemble means. */
  mean: number;
  /** 95% interval (module comment); NaN with fewer than 2 replications. */
  low: number;
  high: number;
  /** (mean − value) / scale. */
  error: number;
}

/**
 * Whether a fitted target is met: `within` when its mean is within the tolerance of the value;
 * `resolved` when its 95% interval lies wholly within the tolerance or wholly outside it, so
 * that the replications can tell (with an interval wider than that, "within" may be the seeds'
 * luck: more replications are needed). Both null without a tolerance; `resolved` false without
 * an interval (fewer than 2 replications).
 */
export function toleranceVerdict(spec: TargetSpec, fit: TargetFit): { within: boolean | null; resolved: boolean | null } {
  if (spec.tolerance === null) return { within: null, resolved: null };
  const lo = spec.value - spec.tolerance;
  const hi = spec.value + spec.tolerance;
  const within = Math.abs(fit.mean - spec.value) <= spec.tolerance;
  const resolved = Number.isFinite(fit.low) && Number.isFinite(fit.high) && ((fit.low >= lo && fit.high <= hi) || fit.high < lo || fit.low > hi);
  return { within, resolved };
}

/** A metric reference's value in one replication. */
function refValue(d: ReplicationDigest, ref: Outcome['refs'][number], startYear: number): number {
  const r = ref.row === null ? d.rowNames.length - 1 : d.rowNames.indexOf(ref.row);
  return yearly(d, r, ref.k, ref.year - startYear + 1);
}

/** How an ensemble (its replications' digests) meets a target compiled as `outcome`. */
export function targetFit(
  outcome: Outcome,
  target: Pick<TargetSpec, 'value' | 'tolerance'>,
  startYear: number,
  replications: readonly ReplicationDigest[],
): TargetFit {
  const means = outcome.refs.map((ref) => {
    let s = 0;
    for (const d of replications) s += refValue(d, ref, startYear);
    return s / replications.length;
  });
  const mean = outcome.evaluate(means);
  const { low, high } = jackknifeInterval(
    outcome,
    means,
    replications.map((d) => outcome.refs.map((ref) => refValue(d, ref, startYear))),
  );
  return { mean, low, high, error: (mean - target.value) / targetScale(target) };
}

/**
 * The 95% t interval of `outcome` at the means of its references (`means`, over the rows of
 * `values`: one per replication), with the jackknife standard error (module comment); NaN bounds
 * with fewer than 2 replications or where the outcome is no number at a left-out mean.
 */
export function jackknifeInterval(
  outcome: Pick<Outcome, 'evaluate'>,
  means: readonly number[],
  values: readonly (readonly number[])[],
): { low: number; high: number } {
  const n = values.length;
  const at = outcome.evaluate(means);
  if (n < 2 || !Number.isFinite(at)) return { low: NaN, high: NaN };
  const left = values.map((row) => outcome.evaluate(means.map((m, k) => (m * n - row[k]!) / (n - 1))));
  if (!left.every(Number.isFinite)) return { low: NaN, high: NaN };
  const bar = left.reduce((a, b) => a + b, 0) / n;
  const se = Math.sqrt(((n - 1) / n) * left.reduce((a, b) => a + (b - bar) * (b - bar), 0));
  const half = studentTQuantile(0.975, n - 1) * se;
  return { low: at - half, high: at + half };
}

/** The objective: the sum of the squared errors (NaN when a target's mean is not a number). */
export const objective = (fits: readonly TargetFit[]): number => fits.reduce((s, f) => s + f.error * f.error, 0);
