/**
 * Reporters, declared once: name, unit, description, kind and how to compute the value from
 * a census row, a flow row and the area state. The CSV columns, summary.json, chart titles
 * and the metric reference in the docs all read this one list.
 *
 * Kinds: `stock` (a count at the end of the month), `share`/`level` (a ratio or index at the
 * end of the month) and `flow` (a count during the month; summed over a year in summaries).
 */
import { LIST_STATUS_NAMES } from './codes.js';
import { C } from './census.js';
import { F, FLOWS, type FlowName } from './flows.js';

export type MetricKind = 'stock' | 'share' | 'level' | 'flow';

/** Where a metric reads its inputs. */
export interface MetricInput {
  census: Float64Array;
  co: number;
  flows: Float64Array;
  fo: number;
  /** Area values for this row (household-weighted means for a region row). */
  image: number;
  problems: number;
  crime: number;
  status: number;
  regionalIncome: number;
}

export interface Metric {
  name: string;
  unit: string;
  description: string;
  /**
   * A short human label for tables and charts (the report's words; the Danish ones are in
   * report/i18n.ts). Set for the metrics the report shows; the others show their description.
   */
  label?: string;
  kind: MetricKind;
  /** Decimals written to CSV. */
  digits: number;
  value: (x: MetricInput) => number;
  /**
   * Set when the value is one entry of the census or flow row as it is: `fillMetrics` copies it
   * instead of calling `value` (which gives the same number).
   */
  entry?: { row: 'census' | 'flows'; index: number };
}

const ratio = (a: number, b: number): number => (b > 0 ? a / b : 0);
const c = (x: MetricInput, k: number): number => x.census[x.co + k]!;
const fl = (x: MetricInput, k: number): number => x.flows[x.fo + k]!;

const stock = (name: string, description: string, key: number, unit = 'count'): Metric => ({
  name,
  unit,
  description,
  kind: 'stock',
  digits: 0,
  value: (x) => c(x, key),
  entry: { row: 'census', index: key },
});

/** What each flow counter means (exhaustive over FLOWS). */
export const FLOW_DOCS: Record<FlowName, string> = {
  moveIns: 'Households that moved into a vacant flat from outside the estate this month.',
  moveOuts: 'Households that left their flat and the estate this month (the flat fell vacant).',
  internalMoves: 'Households that moved from one flat to another inside the estate (internal list, swaps).',
  householdsFormed: 'New households formed inside the estate (grown children, separated partners) that took a vacant flat.',
  births: 'Children born.',
  deaths: 'Adults who died.',
  lifted: 'Households that became resource-strong (an adult moved into work or education).',
  dropped: 'Young adults from the estate who gave up waiting for a flat there and left (persons, not households).',
  childrenLeftHome: "Children aged 18+ who left their parents' home (persons).",
  partnersMovedIn: 'Partners who moved in with a resident (persons).',
  partnersMovedOut: 'Partners who moved out after a break-up while the household stayed (persons).',
  inResourceStrong: 'Resource-strong households among the move-ins.',
  inFamilies: 'Families with children among the move-ins.',
  outResourceStrong: 'Resource-strong households among the move-outs.',
  outResourceStrongFamilies: 'Resource-strong families with children among the move-outs.',
  outResourceStrongFamiliesShortStay: 'Resource-strong families with children who moved out after 24 months or less.',
  outLifted: 'Move-outs by households lifted into resource-strong status within the last 5 years (elevator exits).',
  lettingsMunicipal: 'Vacancies let by municipal allocation.',
  lettingsFlexible: 'Vacancies let by flexible letting (work or education criteria).',
  lettingsInternal: 'Vacancies let through the internal waiting list (incl. households formed in the estate).',
  lettingsExternal:
    'Vacancies let through the external waiting list (including households from another estate of the region; households rehoused after demolition are counted in relocated instead).',
  lettingsSale: 'Owner-occupied or co-op units sold to newcomers.',
  offersDeclined: 'Offers of a vacancy that the applicant declined.',
  swaps: 'Swaps of flats between two households, counted once per swap (a pair: moves.csv has an `internal` row with reason `swap` for each of the two).',
  exitsSpace: 'Move-outs because the flat was too small.',
  exitsGarden: 'Move-outs to get a garden.',
  exitsOwnership: 'Move-outs to own a home.',
  exitsPartnership: 'Move-outs on forming or ending a partnership.',
  exitsDissatisfaction: 'Move-outs from dissatisfaction with the flat, social life or institutions.',
  exitsSafety: 'Move-outs of families for crime and worry for the children.',
  exitsStigma: 'Move-outs of families because of the stigma of a listed area.',
  exitsJob: 'Move-outs for a job elsewhere.',
  exitsDeath: 'Households dissolved by the death of the last adult.',
  exitsOther: 'Move-outs for other reasons.',
  exitsDemolition: 'Households displaced by demolition (they move out at once; those later rehoused in the region are counted in relocated where they land).',
  fromRegion: 'Households who left another estate of the region and moved in here through the waiting list.',
  relocated: 'Households rehoused in another flat of the region after their flat was demolished.',
  flatsDemolished: 'Flats demolished (demolition lever).',
  flatsBuilt: 'New large flats built (larger-flats lever).',
  flatsMerged: 'Pairs of small flats merged into a large flat (larger-flats lever).',
  unitsSold: 'Social flats converted to owner-occupied units and sold (ownership lever).',
  inResourceStrongMunicipal:
    "Resource-strong households among the move-ins by municipal allocation (divide by lettingsMunicipal for the channel's resource-strong share).",
  inResourceStrongFlexible: 'Resource-strong households among the move-ins by flexible letting (divide by lettingsFlexible).',
  inResourceStrongExternal:
    'Resource-strong households among the move-ins from the external waiting list, other estates of the region included (divide by lettingsExternal).',
  flexibleByAgreement:
    "Vacancies taken for flexible letting by agreement (the flexibleLetting lever's share), not because the list made flexible letting mandatory; 0 while it is mandatory. Some may end with no applicant who meets the criteria and go to the waiting list (lettingsFlexible counts those let).",
};

const flowMetrics: Metric[] = FLOWS.map((name) => ({
  name,
  unit:
    name === 'births' || name === 'deaths' || name === 'dropped' || name.startsWith('children') || name.startsWith('partners')
      ? 'persons per month'
      : name.startsWith('flats')
        ? 'flats per month'
        : 'households per month',
  description: FLOW_DOCS[name],
  kind: 'flow',
  digits: 0,
  value: (x: MetricInput) => fl(x, F[name]),
  entry: { row: 'flows' as const, index: F[name] },
}));

/** All metrics, in CSV column order. The first ones are the public contract of metrics.csv. */
export const METRICS: readonly Metric[] = [
  stock('households', 'Households living in the estate.', C.households),
  stock('residents', 'Persons living in the estate.', C.residents, 'persons'),
  {
    name: 'vacantFlats',
    unit: 'flats',
    description: 'Flats in the stock without a household.',
    kind: 'stock',
    digits: 0,
    value: (x) => c(x, C.activeFlats) - c(x, C.occupiedFlats),
  },
  stock('adults22to59', "Residents aged 22-59 (working age in the report's definition).", C.adults22to59, 'persons'),
  stock(
    'resourceStrongAdults22to59',
    'Resource-strong residents aged 22-59: in work or education, or living with someone who is.',
    C.resourceStrongAdults22to59,
    'persons',
  ),
  {
    name: 'resourceStrongShare',
    unit: 'share',
    description: 'Share of residents aged 22-59 who are resource-strong (resourceStrongAdults22to59 / adults22to59).',
    kind: 'share',
    digits: 6,
    value: (x) => ratio(c(x, C.resourceStrongAdults22to59), c(x, C.adults22to59)),
  },
  stock('familiesWithChildren', 'Households with at least one child under 18.', C.familiesWithChildren, 'households'),
  stock('resourceStrongFamilies', 'Families with children where an adult is in work or education.', C.resourceStrongFamilies, 'households'),
  ...flowMetrics.filter((m) => ['moveIns', 'moveOuts', 'internalMoves', 'householdsFormed'].includes(m.name)),
  stock('flats', 'Flats in the stock (not demolished or merged away).', C.activeFlats, 'flats'),
  { name: 'image', unit: 'index 0-1', description: 'Image (reputation) of the estate: 0 worst, 1 best.', kind: 'level', digits: 6, value: (x) => x.image },
  {
    name: 'socialProblems',
    unit: 'index',
    description: 'Social problems index, from vulnerable households and adults outside work.',
    kind: 'level',
    digits: 6,
    value: (x) => x.problems,
  },
  {
    name: 'crime',
    unit: 'index (1 = national)',
    description: 'Crime index: conviction rate relative to the national average.',
    kind: 'level',
    digits: 6,
    value: (x) => x.crime,
  },
  {
    name: 'outsideWorkShare18to64',
    unit: 'share',
    description: 'List criterion 1: share of residents aged 18-64 outside work or education (this month).',
    kind: 'share',
    digits: 6,
    value: (x) => ratio(c(x, C.outside18to64), c(x, C.persons18to64)),
  },
  {
    name: 'basicEducationShare30to59',
    unit: 'share',
    description: 'List criterion 3: share of residents aged 30-59 with only basic education.',
    kind: 'share',
    digits: 6,
    value: (x) => ratio(c(x, C.basic30to59), c(x, C.persons30to59)),
  },
  {
    name: 'incomeRatio',
    unit: 'ratio',
    description: 'List criterion 4: mean gross income of residents aged 15-64 (students excluded) against the regional mean.',
    kind: 'share',
    digits: 6,
    value: (x) => ratio(ratio(c(x, C.income15to64ExclStudents), c(x, C.persons15to64ExclStudents)), x.regionalIncome),
  },
  {
    name: 'convictionRatio',
    unit: 'ratio (1 = national)',
    description: 'List criterion 2: conviction rate against the national average (the crime index).',
    kind: 'level',
    digits: 6,
    value: (x) => x.crime,
  },
  {
    name: 'nonWesternShare',
    unit: 'share',
    description: 'Share of residents who are immigrants or descendants from non-western countries.',
    kind: 'share',
    digits: 6,
    value: (x) => ratio(c(x, C.nonWesternPersons), c(x, C.residents)),
  },
  {
    name: 'listStatusCode',
    unit: 'code',
    description: `Official list status from the last yearly classification: ${LIST_STATUS_NAMES.map((n, i) => `${i} ${n}`).join(', ')}. metrics.csv also has the name in listStatus.`,
    kind: 'level',
    digits: 0,
    value: (x) => x.status,
  },
  stock('crowdedFamilies', 'Families with children with more persons than rooms.', C.crowdedFamilies, 'households'),
  stock('internalListLength', 'Households waiting on the internal list.', C.onInternalList, 'households'),
  {
    name: 'meanStayYears',
    unit: 'years',
    description:
      "Mean time the current households have lived in the estate (internal moves do not reset it; a household formed in the estate counts from its adult's birth; the initial households' time before the start is drawn, `population.meanStayYears`, so the mean climbs over the first decades). LBF's seniority counts the time in the dwelling instead.",
    kind: 'level',
    digits: 4,
    value: (x) => ratio(c(x, C.stayMonthsSum), c(x, C.households)) / 12,
  },
  stock('employedAdults', 'Residents in work.', C.employed, 'persons'),
  stock('studentAdults', 'Residents in education (adults and children 18+ at home).', C.students, 'persons'),
  stock('outsideAdults', 'Adults outside the labour market.', C.outside, 'persons'),
  stock('retiredAdults', 'Retired adults.', C.retired, 'persons'),
  stock('vulnerableHouseholds', 'Households with heavy social problems.', C.vulnerableHouseholds, 'households'),
  ...flowMetrics.filter((m) => !['moveIns', 'moveOuts', 'internalMoves', 'householdsFormed'].includes(m.name)),
];

/**
 * Short labels of the metrics the report shows, in English. `crime` and `convictionRatio` are
 * the same number (the conviction rate against the national rate, list criterion 2) and share
 * one label; the report shows it once.
 */
const LABELS: Readonly<Record<string, string>> = {
  resourceStrongShare: 'Resource-strong share of adults 22-59',
  familiesWithChildren: 'Families with children',
  resourceStrongFamilies: 'Resource-strong families with children',
  retiredAdults: 'Retired adults',
  nonWesternShare: 'Share of non-western background',
  moveOuts: 'Households moving out',
  outResourceStrongFamilies: 'Resource-strong families moving out',
  outResourceStrongFamiliesShortStay: 'Of those, after 2 years or less',
  meanStayYears: 'Mean years lived in the estate',
  image: 'Image (reputation)',
  socialProblems: 'Social problems',
  crime: 'Crime: convictions against the national rate (list criterion 2)',
  convictionRatio: 'Crime: convictions against the national rate (list criterion 2)',
  outsideWorkShare18to64: 'Outside work or education, aged 18-64 (list criterion 1)',
  basicEducationShare30to59: 'Only basic education, aged 30-59 (list criterion 3)',
  incomeRatio: 'Income against the region (list criterion 4)',
};
for (const m of METRICS) if (LABELS[m.name] !== undefined) m.label = LABELS[m.name];

/**
 * The unit of a metric's yearly value (summary.json, effects.csv, the charts): a flow, counted
 * per month in metrics.csv, is summed over the year; other metrics keep their unit.
 *
 * @example yearlyUnit(METRICS[METRIC_INDEX.moveOuts!]!) // 'households per year'
 */
export const yearlyUnit = (m: Pick<Metric, 'kind' | 'unit'>): string => (m.kind === 'flow' ? m.unit.replace('per month', 'per year') : m.unit);

export const METRIC_INDEX: Readonly<Record<string, number>> = Object.fromEntries(METRICS.map((m, i) => [m.name, i]));
export const NMETRIC = METRICS.length;

/** Per metric: 1 copies a census entry, 2 a flow entry (at `COPY_INDEX`), 0 calls `value`. */
const COPY_ROW = Int8Array.from(METRICS, (m) => (m.entry ? (m.entry.row === 'census' ? 1 : 2) : 0));
const COPY_INDEX = Int32Array.from(METRICS, (m) => m.entry?.index ?? 0);

/**
 * Write every metric's value for input `x` into `out` from `o` on (NMETRIC numbers): the same
 * numbers as `METRICS[k].value(x)`, but the plain copies of census and flow entries (most of
 * them) are read directly. One call site calling some 70 different `value` functions every
 * month and row cost about 2% of a default replication.
 */
export function fillMetrics(out: Float64Array, o: number, x: MetricInput): void {
  const census = x.census;
  const flows = x.flows;
  for (let k = 0; k < NMETRIC; k++) {
    const row = COPY_ROW[k];
    out[o + k] = row === 1 ? census[x.co + COPY_INDEX[k]!]! : row === 2 ? flows[x.fo + COPY_INDEX[k]!]! : METRICS[k]!.value(x);
  }
}
