/**
 * The official list: the four criteria over time against the law's thresholds, and the list
 * status as a timeline (the share of replications in each status).
 */
import { DEFAULT_THRESHOLDS } from '../../model/classification.js';
import { LIST_STATUS_NAMES } from '../../model/codes.js';
import { METRIC_INDEX } from '../../model/reporters.js';
import { statusCounts } from '../../analysis/compare.js';
import { type Lang, texts } from '../i18n.js';
import { type ChartDef, type ScenarioData, estateSeries, r6, stockDomain, stockPoints } from './data.js';
import { BAND_FIELD, BAND_OPACITY, type Enc, asSpec, runLabel, scenarioColor, scenarioDash, tooltipFor, top, xStock, yearX } from './encodings.js';
import { capitalise, isPercent, localNumbers, metricLabel, metricUnitIn, panelTitles } from './labels.js';

/** The four list criteria with their thresholds (from the law, model/classification.ts). */
export const LIST_CRITERIA = [
  {
    name: 'outsideWorkShare18to64',
    threshold: DEFAULT_THRESHOLDS.udsatOutsideWorkShare,
    prevention: DEFAULT_THRESHOLDS.preventionOutsideWorkShare,
    above: true,
    strict: true,
  },
  {
    name: 'convictionRatio',
    threshold: DEFAULT_THRESHOLDS.udsatConvictionRatio,
    prevention: DEFAULT_THRESHOLDS.preventionConvictionRatio,
    above: true,
    strict: false,
  },
  {
    name: 'basicEducationShare30to59',
    threshold: DEFAULT_THRESHOLDS.udsatBasicEducationShare,
    prevention: DEFAULT_THRESHOLDS.preventionBasicEducationShare,
    above: true,
    strict: true,
  },
  { name: 'incomeRatio', threshold: DEFAULT_THRESHOLDS.udsatIncomeRatio, prevention: DEFAULT_THRESHOLDS.preventionIncomeRatio, above: false, strict: true },
] as const;

/** How a criterion's threshold reads, e.g. "more than 40%" or "below 55%". */
export function thresholdText(c: (typeof LIST_CRITERIA)[number], value: number = c.threshold, lang: Lang = 'en'): string {
  const t = texts(lang).chart;
  const v = isPercent(c.name) ? `${Math.round(value * 100)}${lang === 'da' ? ' %' : '%'}` : c.name === 'incomeRatio' ? `${value.toFixed(2)}` : `${value}×`;
  return localNumbers(`${c.above ? (c.strict ? t.moreThan : t.atLeast) : t.below} ${v}`, lang);
}

/** The four list criteria over time against their thresholds (2x2 panels). */
export function listCriteriaChart(sds: ScenarioData[], lang: Lang = 'en'): ChartDef {
  const t = texts(lang).chart;
  const id = 'list-criteria';
  const x = yearX(stockDomain(sds), xStock(lang));
  // a region: each estate (estateSeries)
  const { series, perEstate } = estateSeries(sds);
  const color = seriesColor(series, perEstate, lang);
  const dash = scenarioDash(color);
  const withPrevention = sds.some((sd) => sd.ensemble.scenario.classification.ruleSet === '2021');
  const titles = panelTitles(
    LIST_CRITERIA.map((c) => metricLabel(c.name, lang)),
    44,
  );
  const [y0, y1] = stockDomain(sds);
  const panels = LIST_CRITERIA.map((c, p) => {
    const fmt = isPercent(c.name) ? '.0%' : '~r';
    const same = !withPrevention || c.prevention === c.threshold;
    const points = series.flatMap((sd) => stockPoints(sd, c.name, lang));
    const rules = labelSides(
      same
        ? [{ value: c.threshold, label: `${withPrevention ? t.listAndPrevention : t.listRule}: ${thresholdText(c, c.threshold, lang)}`, kind: 'list' }]
        : [
            { value: c.threshold, label: `${t.listRule}: ${thresholdText(c, c.threshold, lang)}`, kind: 'list' },
            { value: c.prevention, label: `${t.preventionRule}: ${thresholdText(c, c.prevention, lang)}`, kind: 'prevention' },
          ],
      points,
      y0 + (y1 - y0) / 2,
    );
    const y = (field: string): Enc => ({
      field,
      type: 'quantitative',
      title: capitalise(metricUnitIn(c.name, lang)),
      axis: { format: fmt },
      scale: { zero: true },
    });
    return {
      title: { text: titles[p], fontSize: 12 },
      width: 300,
      height: 180,
      layer: [
        {
          data: { values: points },
          layer: [
            {
              mark: { type: 'area', opacity: BAND_OPACITY },
              transform: BAND_FIELD,
              encoding: { x, y: y('p5'), y2: { field: 'p95' }, fill: { ...color, field: 'bandOf', legend: null } },
            },
            {
              mark: { type: 'line', strokeWidth: 2, point: { size: 14 } },
              encoding: { x, y: y('mean'), color, strokeDash: dash, tooltip: tooltipFor(c.name, lang) },
            },
          ],
        },
        {
          data: { values: rules },
          layer: [
            {
              mark: { type: 'rule', strokeWidth: 1.5 },
              encoding: {
                y: { field: 'value', type: 'quantitative' },
                color: { value: '#b5574f' },
                // the list threshold dashed, the prevention threshold dotted (not an encoding: the scenarios' lines use that)
                strokeDash: { condition: { test: "datum.kind == 'prevention'", value: [2, 3] }, value: [6, 3] },
              },
            },
            // each label above its line, or below it where a line of the estates runs just above it;
            // a side no label takes gets no layer (an empty layer's extent is infinite: Vega warns)
            ...(['above', 'below'] as const)
              .filter((side) => rules.some((r) => r.side === side))
              .map((side) => ({
                transform: [{ filter: `datum.side == '${side}'` }],
                mark: {
                  type: 'text',
                  align: 'left',
                  baseline: side === 'above' ? 'bottom' : 'top',
                  dx: 3,
                  dy: side === 'above' ? -2 : 2,
                  fontSize: 10,
                  color: '#b5574f',
                },
                encoding: { x: { value: 0 }, y: { field: 'value', type: 'quantitative' }, text: { field: 'label' } },
              })),
          ],
        },
      ],
    };
  });
  const caption =
    t.criteriaCaption(
      withPrevention,
      DEFAULT_THRESHOLDS.udsatMinCriteria,
      LIST_CRITERIA.map((c) => `${metricLabel(c.name, lang)}. ${t.threshold}: ${thresholdText(c, c.threshold, lang)}.`).join(' '),
    ) + regionNote(sds, perEstate, lang);
  const spec = {
    ...top(id, t.criteriaTitle, `${seriesLabel(sds, perEstate, lang)} · ${t.meanBand} · ${t.stateJan}`, caption, lang),
    concat: panels,
    columns: 2,
    resolve: { scale: { y: 'independent' } },
  };
  return { id, heading: t.criteriaHeading, caption, spec: asSpec(spec) };
}

/** Share of replications in each list status, at 1 January of each year. */
export function statusDistribution(sd: ScenarioData): { year: number; counts: number[] }[] {
  const k = METRIC_INDEX.listStatusCode!;
  const nYears = sd.summary.years.length;
  // counted as effects.csv's list statuses are (analysis/compare.ts)
  return Array.from({ length: nYears + 1 }, (_, y) => ({ year: sd.summary.startYear + y, counts: statusCounts(sd.ensemble.replications, sd.rowIndex, k, y) }));
}

/**
 * The list status as the chance of being on each list: one panel per list (prevention area,
 * udsat, parallelsamfund, omdannelsesområde), per year the share of replications in which the
 * estate is on it, one line per scenario. (A stacked bar per year showed the same counts, but
 * for an estate that is never listed it was a row of identical "none" bars.)
 */
export function listStatusChart(sds: ScenarioData[], lang: Lang = 'en'): ChartDef {
  const t = texts(lang).chart;
  const id = 'list-status';
  const withPrevention = sds.some((sd) => sd.ensemble.scenario.classification.ruleSet === '2021');
  const lists = LIST_STATUS_NAMES.filter((n) => n !== 'none' && (withPrevention || n !== 'prevention'));
  // a region: each estate (estateSeries)
  const { series, perEstate } = estateSeries(sds);
  const values = series.flatMap((sd) =>
    statusDistribution(sd).flatMap(({ year, counts }) => {
      const n = counts.reduce((a, b) => a + b, 0) || 1;
      return lists.map((status) => {
        const c = counts[LIST_STATUS_NAMES.indexOf(status)]!;
        return { scenario: sd.name, year, status, list: t.statusNames[status]!, share: r6(c / n), replications: c };
      });
    }),
  );
  // an estate never listed draws four flat lines at 0%: the caption says so first
  const never = values.every((v) => v.replications === 0);
  const caption = `${never ? `${t.statusNever} ` : ''}${t.statusCaption}${regionNote(sds, perEstate, lang)}`;
  const [y0, y1] = stockDomain(sds);
  const base = yearX([y0, y1], xStock(lang));
  // at most four year labels fit a narrow panel, evenly spaced from the first year, the outer ones
  // flush with the panel's edges (centred on their ticks, the last year of one panel ran into the
  // first of the next)
  const x = { ...base, axis: { ...(base.axis as Enc), values: evenYears(y0, y1), labelFlush: true } };
  const y = { field: 'share', type: 'quantitative', title: t.statusY, axis: { format: '.0%', values: [0, 0.5, 1] }, scale: { domain: [0, 1], nice: false } };
  const spec = {
    ...top(id, t.statusTitle, t.statusSubtitle(seriesLabel(sds, perEstate, lang)), caption, lang),
    data: { values },
    facet: {
      column: {
        field: 'list',
        type: 'nominal',
        sort: lists.map((n) => t.statusNames[n]!),
        title: null,
        header: { labelFontSize: 12, labelFontWeight: 'bold' },
      },
    },
    spacing: 24,
    spec: {
      width: 170,
      height: 120,
      mark: { type: 'line', strokeWidth: 2, point: { size: 14 } },
      encoding: {
        x,
        y,
        color: seriesColor(series, perEstate, lang),
        strokeDash: scenarioDash(seriesColor(series, perEstate, lang)),
        tooltip: [
          { field: 'scenario', type: 'nominal', title: t.scenario },
          { field: 'year', type: 'quantitative', title: t.yearStock, format: 'd' },
          { field: 'list', type: 'nominal', title: t.statusLegend },
          { field: 'replications', type: 'quantitative', title: t.replications },
          { field: 'share', type: 'quantitative', title: t.share, format: '.0%' },
        ],
      },
    },
  };
  return { id, heading: t.statusHeading, caption, spec: asSpec(spec) };
}

/** The colour of the list charts' series: by scenario, or by estate (its legend says so). */
function seriesColor(series: ScenarioData[], perEstate: boolean, lang: Lang): Enc {
  const color = scenarioColor(series, true, 'stroke', lang);
  return perEstate ? { ...color, title: texts(lang).chart.estateLegend } : color;
}

/** The run a list chart shows, for its subtitle. */
function seriesLabel(sds: ScenarioData[], perEstate: boolean, lang: Lang): string {
  return perEstate ? texts(lang).chart.runLabelEstates(sds.length, sds[0]!.name, sds[0]!.summary.replications) : runLabel(sds, lang);
}

/** What a list chart of a region draws: each estate, or (too many estates) the region's sum row, which no law classifies. */
function regionNote(sds: ScenarioData[], perEstate: boolean, lang: Lang): string {
  const t = texts(lang).chart;
  if (perEstate) return ` ${t.listPerEstate}`;
  return sds[0]!.summary.rows.length > 2 ? ` ${t.listRegionRow}` : '';
}

/** Height of a threshold's label, as a share of its panel's value range (10 px of text in a 180-px panel, and a margin). */
const LABEL_SHARE = 0.09;

/**
 * Which side of its line each threshold's label goes: of every choice of sides, one whose labels
 * run into the fewest of the estates' means (each counting twice) and bands (in the years the labels span: from the
 * first year to `until`) and of each other, and then the most of them above their lines (the
 * income ratio's "below 0.65" sat on a line at 0.69; moved below, it ran into "below 0.55" above
 * its line).
 */
export function labelSides<R extends { value: number }>(
  rules: R[],
  points: readonly { year: number; mean: number | null; p5: number | null; p95: number | null }[],
  until: number,
): (R & { side: 'above' | 'below' })[] {
  // each point's extent: its band, else its mean (a point without either is not drawn)
  const spans = points.flatMap((q) => {
    const vs = [q.p5, q.mean, q.p95].filter((v): v is number => v !== null && Number.isFinite(v));
    return vs.length ? [{ year: q.year, lo: Math.min(...vs), hi: Math.max(...vs), mean: q.mean }] : [];
  });
  const top = Math.max(0, ...spans.map((q) => q.hi), ...rules.map((r) => r.value));
  const strip = LABEL_SHARE * (top > 0 ? top : 1);
  const early = spans.filter((q) => q.year <= until);
  const at = (r: R, above: boolean) => (above ? [r.value, r.value + strip] : [r.value - strip, r.value]) as [number, number];
  let best = { clashes: Number.POSITIVE_INFINITY, above: -1, sides: [] as boolean[] };
  for (let mask = 0; mask < 1 << rules.length; mask++) {
    const sides = rules.map((_, i) => (mask & (1 << i)) === 0);
    const boxes = rules.map((r, i) => at(r, sides[i]!));
    let clashes = 0;
    // a label on a mean line or on another label counts twice one on a light band only
    boxes.forEach(([lo, hi], i) => {
      const onLine = early.some((q) => q.mean !== null && q.mean >= lo && q.mean <= hi);
      clashes += onLine ? 2 : early.some((q) => q.hi >= lo && q.lo <= hi) ? 1 : 0;
      for (let j = 0; j < i; j++) clashes += boxes[j]![0] < hi && lo < boxes[j]![1] ? 2 : 0;
    });
    const above = sides.filter(Boolean).length;
    if (clashes < best.clashes || (clashes === best.clashes && above > best.above)) best = { clashes, above, sides };
  }
  return rules.map((r, i) => ({ ...r, side: best.sides[i] ? 'above' : 'below' }));
}

/** Nice steps between year labels (years). */
const YEAR_STEPS = [1, 2, 5, 10, 20, 25, 50, 100];

/**
 * Year labels for a narrow panel: from the first year, every s years for the least nice s that
 * gives at most 3 steps (2026, 2031, 2036, 2041 for 2026-2041), so that the gaps are equal (the
 * first, middle and last year gave 2026, 2034, 2041).
 */
export function evenYears(y0: number, y1: number): number[] {
  const span = Math.max(0, y1 - y0);
  const s = YEAR_STEPS.find((k) => span / k <= 3) ?? Math.ceil(span / 3);
  const out: number[] = [];
  for (let y = y0; y <= y1; y += s) out.push(y);
  return out;
}
