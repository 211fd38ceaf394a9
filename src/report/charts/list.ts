/**
 * The official list: the four criteria over time against the law's thresholds, and the list
 * status as a timeline (the share of replications in each status).
 */
import { DEFAULT_THRESHOLDS } from '../../model/classification.js';
import { LIST_STATUS_NAMES } from '../../model/codes.js';
import { METRIC_INDEX } from '../../model/reporters.js';
import { type ChartDef, type ScenarioData, r6, stockDomain, stockPoints, yearEnds } from './data.js';
import { BAND_FIELD, BAND_NOTE, type Enc, X_STOCK, asSpec, byScenarioRows, runLabel, scenarioColor, tooltipFor, top, yearX } from './encodings.js';
import { capitalise, isPercent, metric, metricTitle, panelTitles } from './labels.js';

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
export function thresholdText(c: (typeof LIST_CRITERIA)[number], value: number = c.threshold): string {
  const v = isPercent(c.name) ? `${Math.round(value * 100)}%` : c.name === 'incomeRatio' ? `${value.toFixed(2)}` : `${value}×`;
  return `${c.above ? (c.strict ? 'more than' : 'at least') : 'below'} ${v}`;
}

/** The four list criteria over time against their thresholds (2x2 panels). */
export function listCriteriaChart(sds: ScenarioData[]): ChartDef {
  const id = 'list-criteria';
  const x = yearX(stockDomain(sds), X_STOCK);
  const color = scenarioColor(sds);
  const withPrevention = sds.some((sd) => sd.ensemble.scenario.classification.ruleSet === '2021');
  const titles = panelTitles(
    LIST_CRITERIA.map((c) => metricTitle(c.name)),
    44,
  );
  const panels = LIST_CRITERIA.map((c, p) => {
    const fmt = isPercent(c.name) ? '.0%' : '~r';
    const same = !withPrevention || c.prevention === c.threshold;
    const rules = same
      ? [{ value: c.threshold, label: `${withPrevention ? 'list and prevention' : 'list'}: ${thresholdText(c)}`, kind: 'list' }]
      : [
          { value: c.threshold, label: `list: ${thresholdText(c)}`, kind: 'list' },
          { value: c.prevention, label: `prevention: ${thresholdText(c, c.prevention)}`, kind: 'prevention' },
        ];
    const y = (field: string): Enc => ({ field, type: 'quantitative', title: capitalise(metric(c.name).unit), axis: { format: fmt }, scale: { zero: true } });
    return {
      title: { text: titles[p], fontSize: 12 },
      width: 300,
      height: 180,
      layer: [
        {
          data: { values: sds.flatMap((sd) => stockPoints(sd, c.name)) },
          layer: [
            {
              mark: { type: 'area', opacity: 0.18 },
              transform: BAND_FIELD,
              encoding: { x, y: y('p5'), y2: { field: 'p95' }, fill: { ...color, field: 'bandOf', legend: null } },
            },
            { mark: { type: 'line', strokeWidth: 2, point: { size: 14 } }, encoding: { x, y: y('mean'), color, tooltip: tooltipFor(c.name) } },
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
                strokeDash: {
                  field: 'kind',
                  type: 'nominal',
                  scale: {
                    domain: ['list', 'prevention'],
                    range: [
                      [6, 3],
                      [2, 3],
                    ],
                  },
                  legend: null,
                },
              },
            },
            {
              mark: { type: 'text', align: 'left', baseline: 'bottom', dx: 3, dy: -2, fontSize: 10, color: '#b5574f' },
              encoding: { x: { value: 0 }, y: { field: 'value', type: 'quantitative' }, text: { field: 'label' } },
            },
          ],
        },
      ],
    };
  });
  const caption = `The four criteria of the official list (almenboligloven § 61 a) for this estate, against the law's thresholds (red dashed lines; ${withPrevention ? 'the dotted line is the lower threshold for a prevention area, § 61 b' : '2018 rules: no prevention areas'}). An area with at least 1,000 residents is listed when it meets at least ${DEFAULT_THRESHOLDS.udsatMinCriteria} of the 4 criteria. ${LIST_CRITERIA.map((c) => `${c.name}: ${metric(c.name).description} Threshold: ${thresholdText(c)}.`).join(' ')} The official classification averages criteria 1 and 2 over two years; the lines show the year-end values. ${BAND_NOTE}`;
  const spec = {
    ...top(id, 'The four official list criteria against their thresholds', `${runLabel(sds)} · mean and 5-95% band · state on 1 January`, caption),
    concat: panels,
    columns: 2,
    resolve: { scale: { y: 'independent', strokeDash: 'independent' } },
  };
  return { id, heading: 'The official list criteria', caption, spec: asSpec(spec) };
}

/** Colours of the list statuses, least to most severe. */
const STATUS_COLORS: Record<(typeof LIST_STATUS_NAMES)[number], string> = {
  none: '#dfe6dc',
  prevention: '#f2d48f',
  udsat: '#e0954f',
  ghetto: '#c0503f',
  hard: '#6e1f1a',
};

/** Share of replications in each list status, at 1 January of each year. */
export function statusDistribution(sd: ScenarioData): { year: number; counts: number[] }[] {
  const k = METRIC_INDEX.listStatusCode!;
  const nYears = sd.summary.years.length;
  const out = Array.from({ length: nYears + 1 }, (_, y) => ({ year: sd.summary.startYear + y, counts: LIST_STATUS_NAMES.map(() => 0) }));
  for (const res of sd.ensemble.replications) {
    yearEnds(res, sd.rowIndex, k, nYears).forEach((code, y) => {
      const c = Math.round(code);
      if (c >= 0 && c < LIST_STATUS_NAMES.length) out[y]!.counts[c]!++;
    });
  }
  return out;
}

/** The list status as a timeline: per year, the share of replications in each status. */
export function listStatusChart(sds: ScenarioData[]): ChartDef {
  const id = 'list-status';
  const values = sds.flatMap((sd) =>
    statusDistribution(sd).flatMap(({ year, counts }) => {
      const n = counts.reduce((a, b) => a + b, 0) || 1;
      let below = 0;
      return counts.flatMap((c, code) => {
        if (c === 0) return [];
        const lo = below;
        below += c;
        return [
          {
            scenario: sd.name,
            year,
            from: year - 0.42,
            to: year + 0.42,
            lo: r6(lo / n),
            hi: r6(below / n),
            status: LIST_STATUS_NAMES[code],
            share: r6(c / n),
            replications: c,
          },
        ];
      });
    }),
  );
  const [a, b] = stockDomain(sds);
  const names = [...LIST_STATUS_NAMES];
  const inner = {
    width: 480,
    height: sds.length > 1 ? 60 : 120,
    mark: { type: 'rect', stroke: 'white', strokeWidth: 0.5 },
    encoding: {
      x: { ...yearX([a - 0.5, b + 0.5], X_STOCK), field: 'from' },
      x2: { field: 'to' },
      y: {
        field: 'lo',
        type: 'quantitative',
        title: sds.length > 1 ? null : 'Share of replications',
        axis: { format: '.0%', values: [0, 0.5, 1] },
        scale: { domain: [0, 1], nice: false },
      },
      y2: { field: 'hi' },
      color: {
        field: 'status',
        type: 'nominal',
        title: 'List status',
        sort: names,
        scale: { domain: names, range: names.map((n) => STATUS_COLORS[n]) },
        legend: { orient: 'right' },
      },
      tooltip: [
        { field: 'scenario', type: 'nominal', title: 'Scenario' },
        { field: 'year', type: 'quantitative', title: '1 January', format: 'd' },
        { field: 'status', type: 'nominal', title: 'Status' },
        { field: 'replications', type: 'quantitative', title: 'Replications' },
        { field: 'share', type: 'quantitative', title: 'Share', format: '.0%' },
      ],
    },
  };
  const statusUnit = metric('listStatusCode');
  const caption = `${metricTitle('listStatusCode')} (listStatusCode), as the share of replications in each status on 1 January of each year (the classification is made every December; the first bar is the initial classification). Statuses from least to most severe: none; prevention (forebyggelsesområde); udsat (udsat boligområde, disadvantaged area); ghetto (ghettoområde, since 2021 parallelsamfund); hard (hårdt ghettoområde, since 2021 omdannelsesområde). ${statusUnit.description}`;
  const title = 'Official list status over time';
  const sub = `Share of replications in each status · ${runLabel(sds)}`;
  const spec = byScenarioRows(sds, top(id, title, sub, caption), values, inner);
  return { id, heading: 'Official list status', caption, spec: asSpec(spec) };
}
