/**
 * Inference on paired differences: the 95% confidence interval of the mean difference (t-based,
 * with n - 1 degrees of freedom), which says whether an effect is there and narrows as
 * replications are added, as opposed to the 5-95% spread of the per-replication differences
 * (analysis/summary.ts `band`), which says how much single runs vary and does not narrow. Also the
 * replications a paired comparison needs to detect an effect of a given size. Pure functions.
 */

/** Natural log of the gamma function (Lanczos, g = 7, 9 terms; relative error below 1e-13 for x > 0). */
function logGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
    9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = c[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Continued fraction of the regularized incomplete beta function (modified Lentz). */
function betaFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-15) break;
  }
  return h;
}

/** The regularized incomplete beta function I_x(a, b). */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  return x < (a + 1) / (a + b + 2) ? (front * betaFraction(a, b, x)) / a : 1 - (front * betaFraction(b, a, 1 - x)) / b;
}

/** P(T <= t) for Student's t with `df` degrees of freedom. */
export function studentTCdf(t: number, df: number): number {
  const tail = 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

/**
 * The p-quantile of Student's t with `df` degrees of freedom (0.5 < p < 1), by bisection on the
 * distribution function to 1e-10. E.g. `studentTQuantile(0.975, 9)` = 2.2622.
 */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0.5 && p < 1) || !(df > 0)) return NaN;
  let lo = 0;
  let hi = 1;
  while (studentTCdf(hi, df) < p) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-10 * Math.max(1, hi); i++) {
    const mid = (lo + hi) / 2;
    if (studentTCdf(mid, df) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Mean, standard deviation (n - 1) and the 95% confidence interval of the mean of `values`. */
export interface MeanInterval {
  n: number;
  mean: number;
  sd: number;
  /** Lower and upper end of the 95% confidence interval of the mean (t-based); NaN for fewer than 2 values. */
  low: number;
  high: number;
}

/** The 95% confidence interval of the mean (t with n - 1 degrees of freedom). */
export function meanInterval(values: readonly number[], level = 0.95): MeanInterval {
  const n = values.length;
  let sum = 0;
  for (const v of values) sum += v;
  const mean = n ? sum / n : NaN;
  let ss = 0;
  for (const v of values) ss += (v - mean) * (v - mean);
  const sd = n > 1 ? Math.sqrt(ss / (n - 1)) : NaN;
  if (n < 2) return { n, mean, sd, low: NaN, high: NaN };
  const half = studentTQuantile(0.5 + level / 2, n - 1) * (sd / Math.sqrt(n));
  return { n, mean, sd, low: mean - half, high: mean + half };
}

/** The standard normal quantile for 0.8, the power conventionally asked of a comparison. */
const Z_POWER_80 = 0.8416212335729143;
/** The standard normal quantile for 0.975 (a two-sided 5% test). */
const Z_975 = 1.959963984540054;

/**
 * Replications a paired comparison needs to detect a true mean difference of `effect` with 80%
 * power in the two-sided 5% paired t-test the report uses, when the per-replication differences
 * have standard deviation `sd`: the least n of at least 2 with
 * (t_0.975,n-1 + t_0.8,n-1) sd / sqrt(n) <= effect (the usual t-based approximation; a Monte
 * Carlo of the t-test gives 80-81% power at the n it returns). The normal approximation
 * ((z_0.975 + z_0.8) sd / effect)^2, which earlier versions gave, is too low for small n (at
 * sd = effect / 2 it said 2, which has 17% power): it is where the search starts, since t's
 * quantiles exceed z's.
 */
export function replicationsToDetect(sd: number, effect: number): number {
  if (!(sd >= 0) || !Number.isFinite(sd) || !(effect > 0)) return NaN;
  let n = Math.max(2, Math.ceil((((Z_975 + Z_POWER_80) * sd) / effect) ** 2));
  while (((studentTQuantile(0.975, n - 1) + studentTQuantile(0.8, n - 1)) * sd) / Math.sqrt(n) > effect) n++;
  return n;
}
