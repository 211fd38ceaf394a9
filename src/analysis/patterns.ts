/**
 * Pattern-oriented validation: the patterns the default model must reproduce (docs/sources.md
 * P1-P6), each computed from the outputs of a run exactly as a user would compute it from
 * moves.csv and metrics.csv, with its target. Pure functions of replication digests
 * (digest.ts), which hold every value the patterns read.
 *
 *  P1  Of the resource-strong families with children who move out, 40-60% have lived in the
 *      estate 24 months or less (CFBU 2019, F1: "almost half").
 *  P2  The resource-strong share after 15 years is within 5 points of its start (structurally
 *      static), while individuals stream through (elevator exits are a sizeable part of exits).
 *  P3  Yearly move-outs are 8-14% of households (LBF 2019: 10.4% for family dwellings).
 *  P4  Among resource-strong families who leave: housing career (space, garden, ownership) >
 *      partnership > dissatisfaction + safety + stigma (Foldgast et al. 2018: 28/23/20%).
 *  P5  Improving the image raises the resource-strong share of in-movers clearly more than it
 *      lowers the exit rate of resident resource-strong families (paired comparison).
 *  P6  After composition improves, the image lags for years (paired comparison).
 */
import { R } from '../model/codes.js';
import { METRIC_INDEX } from '../model/reporters.js';
import { type ReplicationDigest, total as totalOf, yearly } from '../model/digest.js';
import { type Band, band } from './summary.js';

export interface PatternResult {
  id: string;
  title: string;
  target: string;
  /** The value over replications (mean and 5-95% band), in the unit of `unit`. */
  value: Band;
  unit: string;
  pass: boolean;
  detail?: string;
}

/** Metric `name` of row `row` in year y (0: month 0; else the year's end for stocks, its sum for flows). */
const metric = (res: ReplicationDigest, row: number, name: string, y: number): number => yearly(res, row, METRIC_INDEX[name]!, y);

/** Sum of a metric over all months 1..end. */
const total = (r: ReplicationDigest, row: number, name: string): number => totalOf(r, row, METRIC_INDEX[name]!);

/** P1: share of leaving resource-strong families with children who stayed 24 months or less. */
export function shortStayShare(res: ReplicationDigest): number {
  const { leavers, short } = res.leavers;
  return leavers > 0 ? short / leavers : NaN;
}

/** P3: mean over years of yearly move-outs divided by households at the start of the year. */
export function moveOutRate(res: ReplicationDigest, row = 0): number {
  const years = Math.floor(res.months / 12);
  let s = 0;
  for (let y = 1; y <= years; y++) {
    const out = metric(res, row, 'moveOuts', y);
    const hh = metric(res, row, 'households', y - 1);
    s += hh > 0 ? out / hh : 0;
  }
  return years > 0 ? s / years : NaN;
}

/** P4: exit counts of resource-strong families with children by reason group. */
export function exitGroups(res: ReplicationDigest): { career: number; partnership: number; dissatisfaction: number; total: number } {
  const n = res.leavers.reasons;
  return {
    career: n[R.space]! + n[R.garden]! + n[R.ownership]!,
    partnership: n[R.partnership]!,
    dissatisfaction: n[R.dissatisfaction]! + n[R.safety]! + n[R.stigma]!,
    total: res.leavers.leavers,
  };
}

/** The patterns that a single run shows (P1-P4), for row `row` (default the first estate). */
export function runPatterns(results: ReplicationDigest[], row = 0): PatternResult[] {
  const first = results[0]!;
  const last = first.years;
  const p1 = band(results.map(shortStayShare));
  // the last year's value of a share is its value in the last month
  const drift = band(results.map((r) => metric(r, row, 'resourceStrongShare', last) - metric(r, row, 'resourceStrongShare', 0)));
  const elevatorShare = band(
    results.map((r) => {
      const lifted = total(r, row, 'outLifted');
      const out = total(r, row, 'moveOuts');
      return out > 0 ? lifted / out : 0;
    }),
  );
  const p3 = band(results.map((r) => moveOutRate(r, row)));
  const groups = results.map(exitGroups);
  const sum = (k: 'career' | 'partnership' | 'dissatisfaction' | 'total') => groups.reduce((s, g) => s + g[k], 0);
  const tot = Math.max(1, sum('total'));
  const career = sum('career') / tot;
  const partner = sum('partnership') / tot;
  const diss = sum('dissatisfaction') / tot;
  const years = first.months / 12;
  return [
    {
      id: 'P1',
      title: 'Short stays of leaving resource-strong families',
      target: '40-60% stayed 24 months or less',
      value: p1,
      unit: 'share',
      pass: p1.mean >= 0.4 && p1.mean <= 0.6,
    },
    {
      id: 'P2',
      title: `Structurally static: change in resource-strong share over ${years} years`,
      target: 'within ±5 points of the start',
      value: drift,
      unit: 'share points',
      pass: Math.abs(drift.mean) <= 0.05,
      detail: `elevator exits (households lifted within 5 years) are ${(elevatorShare.mean * 100).toFixed(0)}% of move-outs`,
    },
    {
      id: 'P3',
      title: 'Yearly move-out rate',
      target: '8-14% of households (LBF 2019: 10.4%)',
      value: p3,
      unit: 'share per year',
      pass: p3.mean >= 0.08 && p3.mean <= 0.14,
    },
    {
      id: 'P4',
      title: 'Why resource-strong families leave',
      target: 'career (space, garden, ownership) > partnership > dissatisfaction + safety + stigma',
      value: { mean: career, p5: career, p95: career },
      unit: 'share of exits',
      pass: career > partner && partner > diss,
      detail: `career ${(career * 100).toFixed(0)}%, partnership ${(partner * 100).toFixed(0)}%, dissatisfaction/safety/stigma ${(diss * 100).toFixed(0)}% (CFBU survey: 28/23/20%)`,
    },
  ];
}

const signed = (v: number): string => `${v >= 0 ? '+' : '−'}${Math.abs(v * 100).toFixed(1)}%`;

/** Mean of a stock metric over all months 1..end. */
const meanStock = (r: ReplicationDigest, row: number, name: string): number => total(r, row, name) / Math.max(1, r.months);

/**
 * P5 from a paired comparison of a baseline and an image-work variant: the relative rise of
 * the resource-strong share of in-movers against the relative fall of the yearly exit rate
 * of resident resource-strong families. Passes when the first is at least twice the second.
 */
export function imagePattern(baseline: ReplicationDigest[], variant: ReplicationDigest[], row = 0): PatternResult {
  const inShare = (r: ReplicationDigest) => total(r, row, 'inResourceStrong') / Math.max(1, total(r, row, 'moveIns'));
  const exitRate = (r: ReplicationDigest) => total(r, row, 'outResourceStrongFamilies') / Math.max(1, meanStock(r, row, 'resourceStrongFamilies'));
  const inRise = baseline.map((b, i) => inShare(variant[i]!) / inShare(b) - 1);
  const exitFall = baseline.map((b, i) => 1 - exitRate(variant[i]!) / exitRate(b));
  const ri = band(inRise);
  const ef = band(exitFall);
  return {
    id: 'P5',
    title: 'Image acts more on moving in than on staying',
    target: 'relative rise in resource-strong share of in-movers at least twice the relative fall in exits of resource-strong families',
    value: ri,
    unit: 'relative change',
    pass: ri.mean > 0 && ri.mean >= 2 * Math.max(0, ef.mean),
    detail: `in-mover share ${signed(ri.mean)}, exit rate of resource-strong families ${signed(-ef.mean)}`,
  };
}

/** Years until a paired difference series first reaches half of its final value. */
export function halfTime(diffByYear: number[]): number {
  const final = diffByYear[diffByYear.length - 1]!;
  if (!(Math.abs(final) > 0)) return NaN;
  for (let y = 0; y < diffByYear.length; y++)
    if (Math.abs(diffByYear[y]!) >= Math.abs(final) / 2 && Math.sign(diffByYear[y]!) === Math.sign(final)) return y + 1;
  return diffByYear.length;
}

/**
 * P6 from a paired comparison where composition improves (e.g. a programme lifting residents
 * into work): the image's paired difference reaches half its final size years after the
 * composition's (here, the share of adults outside work) does.
 */
export function lagPattern(baseline: ReplicationDigest[], variant: ReplicationDigest[], row = 0): PatternResult {
  const years = Math.floor(baseline[0]!.months / 12);
  // both are shares or levels: a year's value is the value at its end
  const series = (name: string) =>
    Array.from({ length: years }, (_, y) => {
      let s = 0;
      for (let i = 0; i < baseline.length; i++) s += metric(variant[i]!, row, name, y + 1) - metric(baseline[i]!, row, name, y + 1);
      return s / baseline.length;
    });
  const comp = halfTime(series('outsideWorkShare18to64'));
  const img = halfTime(series('image'));
  const lag = img - comp;
  return {
    id: 'P6',
    title: 'The image lags behind composition',
    target: 'image reaches half its change at least 2 years after composition does',
    value: { mean: lag, p5: lag, p95: lag },
    unit: 'years',
    pass: lag >= 2,
    detail: `composition half-way after ${comp} year(s), image after ${img} year(s)`,
  };
}

/**
 * The patterns a run's own outputs can show (P1-P4), for the report: computed on the
 * (baseline) scenario's first estate, or the region when there are several. P5 and P6 need
 * their paired experiments (`npm run calibrate`).
 */
export function checkPatterns(results: { ensembles: { replications: ReplicationDigest[] }[] }): PatternResult[] {
  const rs = results.ensembles[0]!.replications;
  return runPatterns(rs, rs[0]!.rowNames.length - 1);
}
