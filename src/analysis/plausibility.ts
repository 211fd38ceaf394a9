/**
 * Checks that a finished run's console states plainly, where the outputs would otherwise look
 * like results: a move-out rate that no part of the Danish social housing stock has (a scenario's
 * hazards set far off, e.g. `career.otherAnnual` 1), and an anchor whose search stopped before
 * it held the estate (the baseline may drift by what it left). Pure; no I/O.
 */
import { type Anchor, ANCHOR_ATTRACTIVENESS_LIMIT, ANCHOR_BOUNDS, ANCHOR_TOLERANCE, ANCHOR_YEARS, atAttractivenessLimit } from '../model/anchor.js';
import { REGION_ROW } from '../scenario/rules.js';
import type { Summary } from './summary.js';

/**
 * Yearly move-outs per household above which a run is said to be implausible, per year: youth
 * housing's rate, the highest of the sector's parts (LBF Temastatistik 2020:7, 2019: 39.9%;
 * family dwellings 10.4%). Source: LBF; the threshold's use as a bound is an assumption.
 */
export const MOVE_OUT_RATE_PLAUSIBLE_MAX = 0.4;

/**
 * A row's mean yearly move-out rate: the move-outs summed over each simulated year, less those
 * displaced by demolition (a lever's, not the households' choice), divided by the households at
 * its start (month 0, then the December before), averaged over the years; the replications'
 * means. NaN without households or years.
 */
export function moveOutRate(summary: Summary, row: string): number {
  const m = summary.metrics[row];
  const outs = m?.moveOuts?.byYear;
  const demolished = m?.exitsDemolition?.byYear;
  const hh = m?.households;
  if (!outs?.length || !hh) return Number.NaN;
  let sum = 0;
  for (let y = 0; y < outs.length; y++) {
    const start = y === 0 ? hh.initial.mean : hh.byYear[y - 1]!.mean;
    sum += (outs[y]!.mean - (demolished?.[y]?.mean ?? 0)) / start;
  }
  return sum / outs.length;
}

/** Yearly move-outs per household in family dwellings, 2019: 10.4% (LBF Temastatistik 2020:7). */
export const MOVE_OUT_RATE_FAMILY = 0.104;

/**
 * The multiple of MOVE_OUT_RATE_FAMILY above which, up to MOVE_OUT_RATE_PLAUSIBLE_MAX, a run's
 * move-out rate is noted as far from a family estate's (P3 accepts up to 14%). Assumption: an
 * outside trial of the issue's strong spiral moved out 38% of the default estate a year, and
 * only P3's line in the report said so.
 */
export const MOVE_OUT_RATE_NOTE_FACTOR = 2;

/** A row of a scenario whose move-out rate is beyond a family estate's: `implausible` above MOVE_OUT_RATE_PLAUSIBLE_MAX, `high` above MOVE_OUT_RATE_NOTE_FACTOR x MOVE_OUT_RATE_FAMILY. */
export interface HighTurnover {
  scenario: string;
  row: string;
  rate: number;
  level: 'implausible' | 'high';
}

/** The rows of `summaries` whose move-out rate is beyond a family estate's, in order. */
export function highTurnover(summaries: readonly Summary[]): HighTurnover[] {
  const out: HighTurnover[] = [];
  for (const s of summaries)
    for (const row of s.rows) {
      const rate = moveOutRate(s, row);
      if (rate > MOVE_OUT_RATE_PLAUSIBLE_MAX) out.push({ scenario: s.scenario, row, rate, level: 'implausible' });
      else if (rate > MOVE_OUT_RATE_NOTE_FACTOR * MOVE_OUT_RATE_FAMILY) out.push({ scenario: s.scenario, row, rate, level: 'high' });
    }
  return out;
}

/**
 * The console's warning for scenarios whose estates move out beyond any Danish figure, and its
 * note for those beyond twice a family estate's rate; '' when none does.
 */
export function turnoverWarning(summaries: readonly Summary[]): string {
  const item = (h: HighTurnover) =>
    `scenario "${h.scenario}", ${h.row === REGION_ROW ? 'the region' : `estate "${h.row}"`}: ${(100 * h.rate).toFixed(0)}% a year`;
  const all = highTurnover(summaries);
  const wild = all.filter((h) => h.level === 'implausible').map(item);
  const high = all.filter((h) => h.level === 'high').map(item);
  return (
    (wild.length
      ? `warning: households moved out at a rate no part of the Danish social housing stock has — ${wild.join('; ')} (LBF 2019: 10.4% in family dwellings, 39.9% in youth housing). Check the scenario's hazards (career.*Annual, demography.*Annual): the results describe an estate that does not exist.\n`
      : '') +
    (high.length
      ? `note: households moved out at more than ${MOVE_OUT_RATE_NOTE_FACTOR} times the rate of Danish family housing — ${high.join('; ')} (LBF 2019: 10.4% in family dwellings; pattern P3 accepts up to 14%). The report's "Why households move out" shows which reasons drive it; an image far below the region's with a strong spiral (spiral.imageOnStaying), or raised hazards (career.*Annual), are the usual causes.\n`
      : '')
  );
}

/**
 * The part of a drift's bound (ANCHOR_BOUNDS) beyond which an anchor whose search stopped before
 * it held every drift is named on the console. Assumption: below it the solved values hold the
 * estate within the bounds even with the anchoring seeds' noise (a standard error of about 2.5% of
 * the retired adults, the noisiest), and a warning would only say that the search aims at a
 * tighter ANCHOR_TOLERANCE (aeblehaven-like's search used its 10 trials with drifts of +0.5
 * points, +1%, +3% and +2% left).
 */
export const ANCHOR_WARN_PART = 0.5;

/** Whether a drift the solved values leave is beyond ANCHOR_WARN_PART of its bound: the share in points, the others relative to their start. */
const driftsBeyond = (a: Anchor): boolean =>
  Math.abs(a.driftAfter.resourceStrongShare) > ANCHOR_WARN_PART * ANCHOR_BOUNDS.resourceStrongShare ||
  (['otherFamilies', 'resourceStrongFamilies', 'retired'] as const).some(
    (k) => a.start[k] > 0 && Math.abs(a.driftAfter[k]) > ANCHOR_WARN_PART * ANCHOR_BOUNDS.familiesRelative * a.start[k],
  );

/**
 * The console's warning for anchors whose search stopped before every drift was held and that
 * leave a drift beyond ANCHOR_WARN_PART of its bound; '' when there are none (manifest.json and the
 * report's appendix say of every anchor whether it held).
 */
export function anchorWarning(anchors: readonly Anchor[]): string {
  const open = anchors.filter((a) => !a.converged && driftsBeyond(a));
  if (!open.length) return '';
  // a value that rounds to zero has no sign ("0%", not "−0%")
  const sign = (x: number, digits: number) => {
    const shown = Math.abs(x).toFixed(digits);
    return Number(shown) === 0 ? shown : `${x >= 0 ? '+' : '−'}${shown}`;
  };
  // the share in points; the families and retired adults relative to their start, as ANCHOR_BOUNDS
  // reads them, but per household from and to where there were none or almost none (a change of
  // more than the start itself: "+4492%" says less than "0.001 → 0.046 per household")
  const rel = (a: Anchor, k: 'otherFamilies' | 'resourceStrongFamilies' | 'retired') =>
    a.start[k] > 0 && Math.abs(a.driftAfter[k]) <= a.start[k]
      ? `${sign((100 * a.driftAfter[k]) / a.start[k], 0)}%`
      : `${a.start[k].toFixed(3)} → ${(a.start[k] + a.driftAfter[k]).toFixed(3)} per household`;
  // why it stopped: the attractiveness at its limit (the attachment then takes the rest), or the trials used up
  const why = (a: Anchor) =>
    atAttractivenessLimit(a.attractiveness)
      ? `reached its limits (attractiveness ${sign(a.attractiveness, 0)}, attachment ${a.attachment.toFixed(2)})`
      : `used its ${a.trials} trials`;
  const items = open.map(
    (a) =>
      `estate "${a.estate}"${a.together?.length ? ` (solved together with ${a.together.map((e) => `"${e}"`).join(', ')})` : ''}: the search ${why(a)}; with the solved values the resource-strong share drifted ${sign(100 * a.driftAfter.resourceStrongShare, 1)} points, other families ${rel(a, 'otherFamilies')}, resource-strong families ${rel(a, 'resourceStrongFamilies')}, retired adults ${rel(a, 'retired')} over the ${ANCHOR_YEARS} years of its trials`,
  );
  const pct = (x: number) => Math.round(100 * x);
  return `warning: anchoring stopped before it held ${open.length === 1 ? 'the estate' : 'every estate'} — ${items.join('; ')} (it aims at ${pct(ANCHOR_TOLERANCE)}% of the bounds, ${pct(ANCHOR_BOUNDS.resourceStrongShare)} points and ${pct(ANCHOR_BOUNDS.familiesRelative)}%). The baseline may drift by as much (the report's appendix; docs/ODD.md, "Anchoring").\n`;
}

/**
 * The console's note for anchors held only at the low limit of the attractiveness (a baseline that
 * needs almost no resource-strong applicants, its residents' own job finding lifting it): levers
 * that act through who moves in have little to act on there, which an effect on the console does
 * not say (an outside trial of an own estate at 25% read "no clear effect" of an allocation cap as
 * a finding about the cap). '' when there is none. The high limit (residents finding work faster
 * than the elevator's rates) changes no lever's reach and is left to the report's Findings.
 */
export function anchorLimitNote(anchors: readonly Anchor[]): string {
  const low = anchors.filter((a) => a.attractiveness < 0 && atAttractivenessLimit(a.attractiveness));
  if (!low.length) return '';
  const names = low.map((a) => `"${a.estate}"`).join(', ');
  return `note: anchoring holds ${low.length === 1 ? 'estate' : 'estates'} ${names} only at the lowest attractiveness (−${ANCHOR_ATTRACTIVENESS_LIMIT}): almost no resource-strong households apply there, so levers that act through who moves in (flexible letting, image work, allocation limits) have little to act on, and their effects say as much about this limit of the model as about the estate (the report's Findings; docs/ODD.md, "Anchoring").\n`;
}
