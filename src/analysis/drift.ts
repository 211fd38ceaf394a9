/**
 * The baseline's drift: how far an estate's composition moves between the initial state and the
 * horizon of a run, against the thresholds beyond which nabolag warns (issue 23: anchoring keeps
 * an estate as given; where it cannot, the report, summary.json and the console say so first).
 * Read from an ensemble summary (analysis/summary.ts), so the report, summary.json and the command line
 * give the same drifts.
 */
/** What a drift reads of a metric's summary (analysis/summary.ts `MetricSummary`): its mean at month 0 and each year's. */
export interface DriftMetric {
  initial: { mean: number };
  byYear: readonly { mean: number }[];
}

/**
 * Drift of the resource-strong share between the initial state and the horizon above which
 * nabolag warns, in share points (0.03 = 3 percentage points). Assumption: about the size of a
 * lever's effect in the shipped packages, so a larger drift is as large as the effects read
 * against it.
 */
export const DRIFT_SHARE_POINTS = 0.03;

/**
 * Relative change of the families with children, or of the resource-strong families, between the
 * initial state and the horizon above which nabolag warns (0.1 = 10%). Assumption: a tenth of the
 * families gone or added changes what the estate is.
 */
export const DRIFT_FAMILIES_RELATIVE = 0.1;

/** One drift beyond its threshold: the metric, its mean at month 0 and at the horizon. */
export interface Drift {
  metric: string;
  from: number;
  to: number;
}

/** A drift of one row (estate or region) of a summary. */
export interface RowDrift extends Drift {
  row: string;
}

/** The drifts of one row's metrics between the initial state and the horizon, beyond the thresholds above. */
export function driftsOf(ms: Record<string, DriftMetric>): Drift[] {
  const end = (name: string) => ms[name]!.byYear[ms[name]!.byYear.length - 1]!.mean;
  const out: Drift[] = [];
  if (ms.resourceStrongShare) {
    const s0 = ms.resourceStrongShare.initial.mean;
    const s1 = end('resourceStrongShare');
    if (Math.abs(s1 - s0) > DRIFT_SHARE_POINTS) out.push({ metric: 'resourceStrongShare', from: s0, to: s1 });
  }
  // both kinds of families the anchoring holds (model/anchor.ts): a weak estate can keep its
  // families with children while its resource-strong families fall by a quarter
  for (const name of ['familiesWithChildren', 'resourceStrongFamilies']) {
    if (!ms[name]) continue;
    const f0 = ms[name].initial.mean;
    const f1 = end(name);
    if (f0 > 0 && Math.abs(f1 - f0) / f0 > DRIFT_FAMILIES_RELATIVE) out.push({ metric: name, from: f0, to: f1 });
  }
  return out;
}

/** The drifts of every row of a summary's metrics, row by row. */
export const summaryDrifts = (rows: readonly string[], metrics: Record<string, Record<string, DriftMetric>>): RowDrift[] =>
  rows.flatMap((row) => (metrics[row] ? driftsOf(metrics[row]).map((d) => ({ row, ...d })) : []));

/** A drift's threshold in words: "3 points" or "10%". */
export const driftLimit = (d: Drift): string =>
  d.metric === 'resourceStrongShare' ? `${DRIFT_SHARE_POINTS * 100} points` : `${DRIFT_FAMILIES_RELATIVE * 100}%`;

/**
 * The command line's warning about a run's drifts (empty when there are none): one line naming
 * each row and metric, from and to, by the horizon (1 January of `endYear`).
 */
export function driftWarning(drifts: readonly RowDrift[], endYear: number, label: (metric: string) => string): string {
  if (drifts.length === 0) return '';
  const value = (d: Drift, v: number) => (d.metric === 'resourceStrongShare' ? `${(v * 100).toFixed(0)}%` : v.toFixed(0));
  const items = drifts.map((d) => `${d.row}: ${label(d.metric)} ${value(d, d.from)} → ${value(d, d.to)} by ${endYear} (more than ${driftLimit(d)})`);
  return `warning: the baseline drifts — ${items.join('; ')}. Effects are differences from a moving baseline (docs/ODD.md, "Anchoring").\n`;
}
