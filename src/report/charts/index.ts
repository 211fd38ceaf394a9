/**
 * Vega-Lite chart specs built from the results of a run or a comparison. Pure functions: no
 * I/O; data is embedded in every spec (`data.values`), so a spec file opens on its own.
 *
 * Conventions (the same in every chart):
 *   - Titles, axis units and descriptions are read from the one metric list
 *     (`METRICS` in model/reporters.ts) through {@link metricTitle} and {@link metricUnit}.
 *   - Years are plain integers on a quantitative axis (never temporal), formatted with `d`, so
 *     renders do not depend on the machine's time zone.
 *   - Stocks, shares and levels are drawn at "1 January": the initial state at the start year,
 *     the state at the end of each simulated year at the following year (end of 2040 = 2041).
 *     Flows are drawn at their calendar year and summed over it ("per year").
 *   - Uncertainty: a line is the ensemble mean, the band around it the 5th-95th percentile over
 *     replications. One colour per scenario, the baseline first, in the same order everywhere.
 *   - Charts read the last metric row: the estate, or "region" when a scenario has several.
 *
 * Pipeline: {@link buildCharts} collects the scenarios of the results ({@link scenarioData}),
 * then calls one builder per chart; each builder returns a {@link ChartDef} or `null` when the
 * results cannot support it (e.g. no move log, no map snapshots, no comparison).
 *
 * Modules: labels.ts (titles and units from METRICS), data.ts (the scenarios and the points
 * drawn), encodings.ts (the shared axis, colours, bands and spec head); one module per family of
 * charts: trajectories.ts (composition; image, social problems and crime; the spiral), difference.ts (paired
 * differences of a comparison), flows.ts (moves and exit reasons), movers.ts (stay lengths,
 * movers by status), list.ts (list criteria and status), map.ts (the estate map).
 */
import type { Results } from '../../output/pipeline.js';
import { type ChartDef, scenarioData } from './data.js';
import { differenceChart } from './difference.js';
import { exitsChart, flowsChart } from './flows.js';
import { listCriteriaChart, listStatusChart } from './list.js';
import { mapChart } from './map.js';
import { forestChart } from './forest.js';
import type { Lang } from '../i18n.js';
import { channelChart, moversStatusChart, stayLengthChart } from './movers.js';
import { COMPOSITION, areaChart, compositionChart, spiralChart } from './trajectories.js';

export { type ChartDef, type ScenarioData, scenarioData } from './data.js';
export { VL_SCHEMA } from './encodings.js';
export {
  axisTitle,
  capitalise,
  isPercent,
  localNumbers,
  localPercent,
  lowerFirst,
  metric,
  metricLabel,
  metricTitle,
  metricUnit,
  metricUnitIn,
  panelTitles,
  unitIn,
  wrap,
} from './labels.js';
export { AREA_LEVELS, COMPOSITION, areaChart, compositionChart, spiralChart } from './trajectories.js';
export { differenceChart } from './difference.js';
export { MAIN_OUTCOME, effectOf, forestChart, rankedVariants } from './forest.js';
export { MOVE_FLOWS, exitsChart, flowsChart } from './flows.js';
export {
  CHANNEL_FLOWS,
  SHORT_STAY_YEARS,
  STATUS_GROUPS,
  channelChart,
  channelShares,
  hasMoveLog,
  inMoverShareOf,
  moversStatusChart,
  stayBins,
  stayLengthChart,
  statusShares,
} from './movers.js';
export { LIST_CRITERIA, listCriteriaChart, listStatusChart, statusDistribution, thresholdText } from './list.js';
export { MAP_YEAR_PARAM, hasMaps, mapChart } from './map.js';

/**
 * Every chart the results support, in report order.
 *
 * @example
 * for (const c of buildCharts(results)) await writeFile(`charts/${c.id}.vl.json`, JSON.stringify(c.spec));
 */
export function buildCharts(results: Results, lang: Lang = 'en'): ChartDef[] {
  const sds = scenarioData(results);
  const charts: (ChartDef | null)[] = [
    ...COMPOSITION.map((n) => compositionChart(sds, n, lang)),
    forestChart(results, sds, lang),
    differenceChart(results, sds, lang),
    flowsChart(sds, lang),
    exitsChart(sds, lang),
    stayLengthChart(sds, lang),
    moversStatusChart(sds, lang),
    channelChart(sds, lang),
    areaChart(sds, lang),
    spiralChart(sds, lang),
    listCriteriaChart(sds, lang),
    listStatusChart(sds, lang),
    mapChart(sds, lang),
  ];
  return charts.filter((c): c is ChartDef => c !== null);
}
