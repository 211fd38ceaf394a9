/**
 * The baseline's drift: how far an estate's composition moves from the initial state at any year
 * of a run, against the thresholds beyond which nabolag warns (issue 23: anchoring keeps an
 * estate as given; where it cannot, the report, summary.json and the console say so first).
 * Every year's end is read, not only the horizon's: anchoring holds the shares at the end of its
 * trials (model/anchor.ts, ANCHOR_YEARS), and a baseline can leave its start and come back by
 * then (in the default the families with children rise about 12% by the fifth year and are back
 * by the fifteenth), or pass its start and go on (a run longer than the anchoring's trials).
 * Read from an ensemble summary (analysis/summary.ts), so the report, summary.json and the command line
 * give the same drifts.
 */
import { ANCHOR_YEARS } from '../model/anchor.js';
import { meanInterval, studentTQuantile } from './inference.js';

/** What a drift reads of a metric's summary (analysis/summary.ts `MetricSummary`): its mean at month 0 and each year's. */
export interface DriftMetric {
  initial: { mean: number };
  /** Each year's end, `year` its calendar year. */
  byYear: readonly { mean: number; year: number }[];
}

/**
 * Drift of the resource-strong share, or of the share of adults 18-64 outside work or education
 * (list criterion 1), between the initial state and the horizon above which nabolag warns, in
 * share points (0.03 = 3 percentage points). Assumption: about the size of a lever's effect in the
 * shipped packages, so a larger drift is as large as the effects read against it.
 */
export const DRIFT_SHARE_POINTS = 0.03;

/**
 * The shares whose drift is read in points (`DRIFT_SHARE_POINTS`): the resource-strong share the
 * anchoring holds, and the share outside work, which it holds through the couples' start
 * (model/anchor.ts) and which list criterion 1 and the image read.
 */
export const DRIFT_SHARES = ['resourceStrongShare', 'outsideWorkShare18to64'] as const;

/** Whether a drift's metric is a share read in points (else a count read relative to its start). */
export const isShareDrift = (metric: string): boolean => (DRIFT_SHARES as readonly string[]).includes(metric);

/**
 * Relative change of the families with children, of the resource-strong families or of the
 * retired adults from the initial state above which nabolag warns (0.1 = 10%). Assumption: a
 * tenth of the families or of the retired gone or added changes what the estate is.
 */
export const DRIFT_FAMILIES_RELATIVE = 0.1;

/**
 * A drift beyond its threshold is reported only when the confidence interval of the mean drift
 * over the replications (each replication's value that year less its own at month 0; t-based, as
 * the effects' intervals: analysis/inference.ts) excludes zero: with few replications that
 * disagree, a drift of a few points can be noise. The level holds for the run's years and rows
 * together (each year's interval of each row at 1 - (1 - DRIFT_LEVEL) / (years × rows),
 * Bonferroni's bound): reading 30 years each at 95% would report, in about one run in five, a
 * drift that is one year's noise (an outside trial: 3.3 points in one year of 30, t = 2.63 against
 * 2.57, and under 2.8 in every other), and a region of 600 estates read estate by estate at the
 * level of one reported dozens of drifts of its copies of one anchored estate, each one
 * replication pair's noise (`scenarios/national.yaml`, 2 replications: 42 drifts). A drift common
 * to the estates shows in the region's row, one mean over all of them. Two-sided; assumption (the
 * effects' level).
 */
export const DRIFT_LEVEL = 0.95;

/**
 * Below this many replications a baseline said to hold is said to be checked weakly: the drift
 * must then exceed `driftNoiseFactor(n)` standard errors (12.7 at 2 replications, 4.3 at 3, 3.2 at
 * 4, 2.8 at 5, read at the horizon alone; more for a year among many: 6.5 at 6 replications over
 * 40 years), so only a drift far beyond its threshold shows. Assumption (5 until an outside
 * trial's 40-year run of 6 replications was called steady with its retired adults +16%, t = 4-5).
 */
export const DRIFT_FEW_REPLICATIONS = 10;

/**
 * A drift's largest year is named (`Drift.peakYear`) only where the horizon's drift is within the
 * threshold, or smaller than the largest by more than this part of the threshold: a baseline that
 * came back, not one that went on and wavered at the end (an outside trial's 177 → 150 by 2056,
 * with "150 at the end of 2052" beside it). Assumption (display only).
 */
export const DRIFT_PEAK_MARGIN = 0.5;

/**
 * The multiple of the standard error a drift must exceed with `n` replications when `years` years
 * of `rows` rows are read (Student's t with n - 1 degrees of freedom at the two-sided level
 * 1 - (1 - DRIFT_LEVEL) / (years × rows)).
 */
export const driftNoiseFactor = (n: number, years = 1, rows = 1): number =>
  studentTQuantile(1 - (1 - DRIFT_LEVEL) / (2 * Math.max(1, years) * Math.max(1, rows)), n - 1);

/**
 * One drift beyond its threshold: the metric, its mean at month 0 and at the horizon, and, where
 * the largest drift is reached before the horizon, that year and the mean then.
 */
export interface Drift {
  metric: string;
  from: number;
  to: number;
  /**
   * The calendar year at whose end (December) the drift is largest, where that is before the
   * horizon and the horizon's drift is within the threshold or smaller by more than half of it (a
   * baseline that leaves its start and comes back); absent otherwise.
   */
  peakYear?: number;
  /** The mean at the end of `peakYear` (with it only). */
  peak?: number;
  /**
   * Standard error of the mean drift over the replications at the year of the largest drift
   * (`peakYear` where given), in the threshold's terms (share points for the shares, a
   * fraction of the month-0 mean for the families); absent when it is not known (one
   * replication, or a summary without its replications).
   */
  se?: number;
}

/** Each replication's value of a metric at month 0 and at one later time, in replication order. */
export interface DriftSample {
  initial: readonly number[];
  end: readonly number[];
}

/** Each replication's value of a metric at month 0 and at the end of each year (`byYear[y][i]`: year y, replication i). */
export interface DriftPath {
  initial: readonly number[];
  byYear: readonly (readonly number[])[];
}

/**
 * Standard error of the mean of `end[i] - initial[i]`, divided by `scale` (the standard deviation
 * of `meanInterval`, the effects' inference, over the square root of n); undefined with fewer
 * than 2 replications. `step`: the values' resolution (1 for a count, 0 for a share). A count's
 * drifts are whole numbers, so a few replications can agree exactly by chance (two replications of
 * a 600-estate region: hundreds of its estates' families or retired adults drifted by the same
 * number in both, a standard error of 0 that made each a "clear" drift); the standard deviation is
 * then taken as at least that of the rounding, step / √6 (each of a drift's two values rounded to
 * the step: variance step² / 12 each, Sheppard's).
 */
export function driftSe(s: DriftSample, scale = 1, step = 0): number | undefined {
  const n = s.initial.length;
  if (n < 2) return undefined;
  const drifts = s.end.map((v, i) => (v - s.initial[i]!) / scale);
  return Math.max(meanInterval(drifts, DRIFT_LEVEL).sd, step / Math.sqrt(6) / scale) / Math.sqrt(n);
}

/** A drift of one row (estate or region) of a summary. */
export interface RowDrift extends Drift {
  row: string;
}

/**
 * The counts whose drift is read relative to their start (`DRIFT_FAMILIES_RELATIVE`): the families
 * of both kinds and the retired adults, which anchoring holds (model/anchor.ts) and which an
 * ageing estate changes first; and the residents, which move where the start's households are
 * drawn larger or smaller than the baseline keeps them (a start the user gives, e.g.
 * `population.childrenPerFamily: 1` with `familyShare: 0.6`: residents +21% over 15 years while
 * the families held, and no warning until 0.2.14).
 */
export const DRIFT_COUNTS = ['familiesWithChildren', 'resourceStrongFamilies', 'retiredAdults', 'residents'] as const;

/** The metrics a drift is read from. */
export const DRIFT_METRICS = [...DRIFT_SHARES, ...DRIFT_COUNTS] as const;

/**
 * The drifts of one row's metrics: for each metric, the year's end (or the horizon) at which its
 * mean is furthest from month 0, where that drift is beyond the thresholds above and, where the
 * replications' values are given (`samples`), clear of their noise (`driftNoiseFactor` standard
 * errors of the mean drift that year, `rows` the number of rows read with it). Of the years beyond
 * both, the largest drift is reported; a tie goes to the later year (the horizon first).
 */
export function driftsOf(ms: Record<string, DriftMetric>, samples?: Partial<Record<string, DriftPath>>, rows = 1): Drift[] {
  const out: Drift[] = [];
  const read = (metric: string, limit: number, relative: boolean) => {
    const m = ms[metric];
    if (!m || m.byYear.length === 0) return;
    const from = m.initial.mean;
    if (relative && !(from > 0)) return;
    const scale = relative ? from : 1;
    const path = samples?.[metric];
    const last = m.byYear.length - 1;
    let best: { y: number; size: number; se: number | undefined } | null = null;
    for (let y = last; y >= 0; y--) {
      const size = Math.abs(m.byYear[y]!.mean - from) / scale;
      if (!(size > limit) || (best && size <= best.size)) continue;
      const values = path?.byYear[y];
      const se = path && values ? driftSe({ initial: path.initial, end: values }, scale, relative ? 1 : 0) : undefined;
      if (se !== undefined && size <= driftNoiseFactor(path!.initial.length, m.byYear.length, rows) * se) continue;
      best = { y, size, se };
    }
    if (!best) return;
    const d: Drift = { metric, from, to: m.byYear[last]!.mean };
    // the largest drift's year, where the horizon's is not about as large (the baseline came
    // back, or went further before: by more than half the threshold)
    const atEnd = Math.abs(m.byYear[last]!.mean - from) / scale;
    if (best.y !== last && (atEnd <= limit || best.size - atEnd > DRIFT_PEAK_MARGIN * limit)) {
      d.peakYear = m.byYear[best.y]!.year;
      d.peak = m.byYear[best.y]!.mean;
    }
    if (best.se !== undefined) d.se = best.se;
    out.push(d);
  };
  for (const name of DRIFT_SHARES) read(name, DRIFT_SHARE_POINTS, false);
  // both kinds of families the anchoring holds (model/anchor.ts): a weak estate can keep its
  // families with children while its resource-strong families fall by a quarter; and the retired
  // adults, which rise by half once the anchoring's 15 years are over
  for (const name of DRIFT_COUNTS) read(name, DRIFT_FAMILIES_RELATIVE, true);
  return out;
}

/** The drifts of every row of a summary's metrics, row by row (with the replications' values where given: `driftsOf`, the noise read for the rows together). */
export const summaryDrifts = (
  rows: readonly string[],
  metrics: Record<string, Record<string, DriftMetric>>,
  samples?: Record<string, Partial<Record<string, DriftPath>>>,
): RowDrift[] => {
  const read = rows.filter((row) => metrics[row]);
  return read.flatMap((row) => driftsOf(metrics[row]!, samples?.[row], read.length).map((d) => ({ row, ...d })));
};

/** A drift's threshold in words: "3 points" or "10%". */
export const driftLimit = (d: Drift): string => (isShareDrift(d.metric) ? `${DRIFT_SHARE_POINTS * 100} points` : `${DRIFT_FAMILIES_RELATIVE * 100}%`);

/** Below this many at the start, a drifting count is shown with one decimal (display only; assumption). */
export const SMALL_COUNT = 20;

/** Whether a drift is of a count small enough to be shown with a decimal (SMALL_COUNT): a 10% drift of 4 families reads 4.4 → 3.9, not 4 → 4. */
export const smallCount = (d: Drift): boolean => !isShareDrift(d.metric) && Math.abs(d.from) < SMALL_COUNT;

/**
 * Most drifts the console's warning names; the rest are counted (a region of many copies: 62 single
 * copies of 1,000, each drifting by its own noise, made a line of 5,000 characters). All are in
 * summary.json and the report. Assumption (what a reader takes in at once).
 */
export const DRIFT_WARNING_ITEMS = 6;

/**
 * At most `n` of `drifts`, the largest against their thresholds, in their order; and how many are
 * left out, in how many rows (the console's warning and the report's name no more).
 */
export function largestDrifts<D extends RowDrift>(drifts: readonly D[], n: number): { shown: D[]; more: number; moreRows: number } {
  const size = (d: Drift) => Math.abs(d.to - d.from) / (isShareDrift(d.metric) ? DRIFT_SHARE_POINTS : DRIFT_FAMILIES_RELATIVE * Math.max(1e-9, d.from));
  const largest = new Set([...drifts].sort((a, b) => size(b) - size(a)).slice(0, n));
  const shown = drifts.filter((d) => largest.has(d));
  return { shown, more: drifts.length - shown.length, moreRows: new Set(drifts.filter((d) => !largest.has(d)).map((d) => d.row)).size };
}

/**
 * The command line's warning about a run's drifts (when there are none, empty, or for a run longer
 * than ANCHOR_YEARS a note that the anchoring does not hold it after them): one line naming
 * each row and metric, from and to, by the horizon (1 January of `endYear`), and the largest
 * drift's year where it came before. `levers`: the run's scenario has levers, so what drifts is
 * not a baseline.
 */
export function driftWarning(
  drifts: readonly RowDrift[],
  endYear: number,
  label: (metric: string) => string,
  years = 0,
  levers = false,
  replications = 2,
): string {
  const ages = `Anchoring holds an estate over ${ANCHOR_YEARS} years; after them the model does not hold it, though it moves little (over 50 years families within 4% and retired adults within 13% in the tests: docs/ODD.md, "Anchoring", over 50 years).`;
  // a long run says so even when no drift was shown: a drift within the replications' noise may still be there
  if (drifts.length === 0) return years > ANCHOR_YEARS ? `note: ${ages}\n` : '';
  const beyond = years > ANCHOR_YEARS ? ` ${ages}` : '';
  const value = (d: Drift, v: number) => (isShareDrift(d.metric) ? `${(v * 100).toFixed(0)}%` : v.toFixed(smallCount(d) ? 1 : 0));
  const peak = (d: Drift) => (d.peakYear === undefined ? '' : `, ${value(d, d.peak!)} at the end of ${d.peakYear}`);
  const { shown, more, moreRows } = largestDrifts(drifts, DRIFT_WARNING_ITEMS);
  const items = shown.map((d) => `${d.row}: ${label(d.metric)} ${value(d, d.from)} → ${value(d, d.to)} by ${endYear}${peak(d)} (more than ${driftLimit(d)})`);
  if (more > 0) items.push(`and ${more} more, in ${moreRows} row${moreRows === 1 ? '' : 's'} (summary.json's "drifts"; the report)`);
  // one replication: a change beyond the bounds, which that run's chance may make (no interval to tell)
  if (replications === 1)
    return `warning: ${levers ? "the estate, with the scenario's levers," : 'the baseline'} is not shown to hold — in its one replication ${items.join('; ')}. One replication cannot tell a drift from that run's chance (it has no interval): run 10 or more (-n 10) to tell.${beyond}\n`;
  // a run with levers: the drift may be theirs, and there is no baseline in the run to compare with
  return levers
    ? `warning: the estate drifts, with the scenario's levers — ${items.join('; ')}. Part or all of it may be the levers' doing: \`nabolag compare\` against the scenario without them tells the two apart.${beyond}\n`
    : `warning: the baseline drifts — ${items.join('; ')}. Effects are differences from a moving baseline (docs/ODD.md, "Anchoring").${beyond}\n`;
}
