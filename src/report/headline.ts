/**
 * A comparison's headline, one line per variant: its effect on the main outcome (the
 * resource-strong share) at the horizon with the 95% confidence interval, and the verdict that
 * follows from the interval. Shared by the report's first screen (report/answer.ts) and the
 * closing lines of `nabolag compare`, so that both say the same.
 */
import type { Comparison, Effect } from '../analysis/compare.js';
import type { Summary } from '../analysis/summary.js';
import { modelDifferences } from '../scenario/diff.js';
import { REGION_ROW, lastYear } from '../scenario/rules.js';
import type { Policy } from '../scenario/policies.js';
import type { Scenario } from '../scenario/schema.js';
import { localNumbers } from './charts/labels.js';
import { diffNumber, fmtInt } from './format.js';
import { type Lang, type Verdict, texts } from './i18n.js';

/** The outcome that ranks the variants and makes the headline: the resource-strong share. */
export const MAIN_OUTCOME = 'resourceStrongShare';

/** The verdict on an effect from its 95% confidence interval: only an interval that excludes zero gives a direction. */
export function verdictOf(e: Pick<Effect, 'ciLow' | 'ciHigh'> | undefined, higherIsBetter = true): Verdict {
  if (!e || !Number.isFinite(e.ciLow) || !Number.isFinite(e.ciHigh)) return 'noInterval';
  if (e.ciLow > 0) return higherIsBetter ? 'helps' : 'harms';
  if (e.ciHigh < 0) return higherIsBetter ? 'harms' : 'helps';
  return 'unclear';
}

/**
 * What a variant changes against the baseline: nothing (`same`: its effects are zero by
 * construction), the model's parameters only (its effect is what the model does, and its verdict
 * says raises or lowers, not helps or harms), its levers only, or both.
 */
export type VariantKind = 'same' | 'parameters' | 'levers' | 'both';

/** What `variant` changes against `baseline` (VariantKind). */
export function variantKind(variant: Scenario, baseline: Scenario): VariantKind {
  const levers = JSON.stringify(variant.policies) !== JSON.stringify(baseline.policies);
  const parameters = modelDifferences(variant, baseline, { withLevers: false, limit: 1 }).length > 0;
  if (levers) return parameters ? 'both' : 'levers';
  return parameters ? 'parameters' : 'same';
}

/** Households a demolition displaced over the run in a row (means per replication), and how many of them the region rehoused. */
export interface Displacement {
  displaced: number;
  rehoused: number;
  /** Whether the run has several estates to rehouse in (a region); one estate rehouses in its own vacancies. */
  region: boolean;
}

/** What the demolitions of a run did to its households, in one row of its summary; undefined when nothing was demolished. */
export function displacementOf(summary: Summary, row: string): Displacement | undefined {
  const metrics = summary.metrics[row];
  if (!metrics) return undefined;
  const sum = (name: string) => metrics[name]!.byYear.reduce((a, b) => a + b.mean, 0);
  const displaced = sum('exitsDemolition');
  if (!(displaced > 0)) return undefined;
  return { displaced, rehoused: Math.min(displaced, sum('relocated')), region: summary.rows.length > 1 };
}

/**
 * The headline of variant `name` whose effect on MAIN_OUTCOME at the horizon (1 January of `end`)
 * is `e`, plain text: "extension: +6.6 points resource-strong by 2041, 95% CI +5.6 to +7.5 —
 * likely helps".
 */
export function headlineText(name: string, e: Effect | undefined, kind: VariantKind, end: number, lang: Lang = 'en', unchanged: Unchanged = false): string {
  const t = texts(lang);
  if (!e || !Number.isFinite(e.difference)) return `${name}: ${t.na}`;
  const num = diffNumber(MAIN_OUTCOME);
  const v = verdictOf(e);
  const none = kind === 'same' ? false : unchanged;
  const verdict =
    kind === 'same'
      ? t.sameModel
      : none === 'noChange'
        ? t.noChange
        : none && 'sameShare' in none
          ? t.sameMunicipalShare(none.sameShare)
          : none
            ? t.leversAfterRun(none.afterRun)
            : (kind === 'parameters' ? t.verdictParameter : t.verdict)[v] + (kind === 'both' ? t.mixedVariant : '');
  const text =
    v === 'noInterval'
      ? t.headlineNoCi(name, num(e.difference), end, verdict)
      : t.headline(name, num(e.difference), end, t.range(num(e.ciLow), num(e.ciHigh)), verdict);
  return localNumbers(text, lang);
}

/**
 * What a headline adds to say which row it reads, where a scenario has several (a region): the
 * region's sum row as such, " (the region: its estates together)", an estate's by its name; ''
 * for one estate.
 */
export function rowNote(rows: readonly string[], row: string, lang: Lang = 'en'): string {
  if (rows.length <= 1) return '';
  return row === REGION_ROW ? texts(lang).headlineRegionRow : ` (${row})`;
}

/**
 * What a region's headline adds for a variant whose added levers all act on one estate (their
 * `estate`): that estate's own effect, which the region's sum dilutes; '' otherwise (one estate,
 * levers on every estate or on several, an estate of copies, no effect for that row).
 */
export function targetedNote(comparison: Pick<Comparison, 'effects' | 'rows'>, name: string, variant: Scenario, baseline: Scenario, lang: Lang = 'en'): string {
  if (comparison.rows.length <= 1) return '';
  const same = new Set(baseline.policies.map((p) => JSON.stringify(p)));
  const added = variant.policies.filter((p) => !same.has(JSON.stringify(p)));
  const targets = new Set(added.map((p) => p.estate));
  if (added.length === 0 || targets.size !== 1) return '';
  const index = [...targets][0];
  const spec = index === undefined ? undefined : variant.estates[index];
  if (!spec || spec.copies !== 1) return '';
  const e = comparison.effects.find((x) => x.variant === name && x.row === spec.name && x.metric === MAIN_OUTCOME);
  if (!e || !Number.isFinite(e.difference)) return '';
  const num = diffNumber(MAIN_OUTCOME);
  const t = texts(lang);
  return localNumbers(t.headlineTargeted(spec.name, num(e.difference), Number.isFinite(e.ciLow) ? t.range(num(e.ciLow), num(e.ciHigh)) : t.na), lang);
}

/** What a headline adds for a variant that demolishes: a demolition changes the composition partly by who leaves. */
export function displacedNote(d: Displacement | undefined, lang: Lang = 'en'): string {
  if (!d) return '';
  return localNumbers(texts(lang).headlineDisplaced(fmtInt(d.displaced), fmtInt(d.rehoused), d.displaced - d.rehoused >= 0.5, d.region), lang);
}

/**
 * Whether a variant's results are the baseline's in every replication: every paired difference of
 * every metric and row exactly 0 (each interval a point at 0). Its levers then changed nothing in
 * these runs, e.g. a lever the estate already has (flexible letting where the list makes it
 * mandatory), which "no clear effect" would misread.
 */
export function unchangedVariant(comparison: Pick<Comparison, 'effects'>, variant: string): boolean {
  const own = comparison.effects.filter((e) => e.variant === variant);
  return own.length > 0 && own.every((e) => e.difference === 0 && e.ciLow === 0 && e.ciHigh === 0);
}

/**
 * Why a variant gives exactly the baseline's results (`unchangedVariant`), for its headline: every
 * lever it adds to the baseline's starts after the run's last year (`afterRun`, that year: they
 * never act), or its levers changed nothing ('noChange'); false when its results differ.
 */
export type Unchanged = false | 'noChange' | { afterRun: number } | { sameShare: number };

/** `Unchanged` for the variant `name` (scenario `variant`) against `baseline`. */
export function unchangedWhy(comparison: Pick<Comparison, 'effects'>, name: string, variant: Scenario, baseline: Scenario): Unchanged {
  if (!unchangedVariant(comparison, name)) return false;
  const same = new Set(baseline.policies.map((p) => JSON.stringify(p)));
  const added = variant.policies.filter((p) => !same.has(JSON.stringify(p)));
  if (added.length > 0 && added.every((p) => p.from > lastYear(variant))) return { afterRun: lastYear(variant) };
  // a municipal allocation lever at the share the baseline already lets by (letting.municipalShare)
  const share = baseline.letting.municipalShare;
  if (added.length > 0 && added.every((p) => p.lever === 'municipalAllocation' && p.share === share)) return { sameShare: share };
  return 'noChange';
}

/**
 * Whether a `flexibleLetting` policy never took a vacancy: its share is above 0, it begins within
 * the run, and no replication of the run took one for flexible letting by agreement in any estate
 * (`flexibleByAgreement` 0 throughout). With vacancies to let, that happens only where the list
 * made flexible letting mandatory whenever the lever was in force, so listing the lever as if it
 * acted (as a package does) would mislead. False for other levers, a lever with combined letting
 * (which can act through the cash-benefit rule), or a summary written before the metric existed.
 */
export function flexibleNeverActed(summary: Summary, policy: Policy, last: number): boolean {
  if (policy.lever !== 'flexibleLetting' || !(policy.share > 0) || policy.combinedLetting || policy.from > last) return false;
  const rows = estateRowMeans(summary, 'flexibleByAgreement');
  return rows !== undefined && rows.length > 0 && rows.every((years) => years.every((m) => !(m > 0)));
}

/**
 * The yearly means (over replications) of `metric` in each estate's row of `summary` (the
 * region's row left out), one array per estate; undefined when an estate's row lacks the metric
 * (a summary written before it existed).
 */
export function estateRowMeans(summary: Summary, metric: string): number[][] | undefined {
  const out: number[][] = [];
  for (const row of summary.rows) {
    if (row === REGION_ROW) continue;
    const m = summary.metrics[row]?.[metric];
    if (!m) return undefined;
    out.push(m.byYear.map((y) => y.mean));
  }
  return out;
}

/** `variants` ordered by their mean effect on MAIN_OUTCOME (`effect`), largest first; those without one last; ties keep their order. */
export function rankedByEffect<T>(variants: readonly T[], effect: (v: T) => Effect | undefined): T[] {
  const key = (v: T) => {
    const d = effect(v)?.difference;
    return d !== undefined && Number.isFinite(d) ? d : -Infinity;
  };
  return variants
    .map((v, i) => ({ v, i }))
    .sort((a, b) => key(b.v) - key(a.v) || a.i - b.i)
    .map((x) => x.v);
}

/** A variant's effect on MAIN_OUTCOME at the horizon in the row the answer reads (the last: the estate, or the region). */
const mainEffect = (comparison: Pick<Comparison, 'effects' | 'rows'>, variant: string): Effect | undefined => {
  const row = comparison.rows[comparison.rows.length - 1]!;
  return comparison.effects.find((e) => e.variant === variant && e.row === row && e.metric === MAIN_OUTCOME);
};

/** Whether any variant's headline says "no clear effect" (an interval across zero, its results not exactly the baseline's): where few replications make that say little. */
export function anyUnclear(comparison: Comparison): boolean {
  return comparison.variants.some((v) => {
    const e = mainEffect(comparison, v);
    return e !== undefined && verdictOf(e) === 'unclear' && !unchangedVariant(comparison, v);
  });
}

/**
 * The closing lines of a comparison that give its answer: each variant's effect on the
 * resource-strong share at the horizon (1 January of `end`) with its 95% confidence interval and
 * verdict, best first, in the row the report reads (the last: the estate, or the region), as the
 * report's first screen says it. `nabolag compare` prints them.
 */
export function headlines(comparison: Comparison, scenarios: Record<string, Scenario>, end: number): string {
  const row = comparison.rows[comparison.rows.length - 1]!;
  const effect = (v: string) => mainEffect(comparison, v);
  const base = scenarios[comparison.baseline]!;
  const note = rowNote(comparison.rows, row);
  return rankedByEffect(comparison.variants, effect)
    .map(
      (v) =>
        `  ${headlineText(v, effect(v), variantKind(scenarios[v]!, base), end, 'en', unchangedWhy(comparison, v, scenarios[v]!, base))}${note}${targetedNote(comparison, v, scenarios[v]!, base)}${displacedNote(displacementOf(comparison.summaries[v]!, row))}\n`,
    )
    .join('');
}
