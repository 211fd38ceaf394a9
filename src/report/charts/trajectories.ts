/**
 * Trajectories: the composition metrics, and the estate's image, social problems and crime, as
 * a mean line with its 5-95% band per scenario at 1 January of each year.
 */
import { type ChartDef, type ScenarioData, stockPoints, stockDomain } from './data.js';
import { BAND_NOTE, X_STOCK, asSpec, bandLayers, runLabel, scenarioColor, top, yearX } from './encodings.js';
import { capitalise, metric, metricTitle, panelTitles, wrap } from './labels.js';

/** The three composition metrics of the report. */
export const COMPOSITION = ['resourceStrongShare', 'familiesWithChildren', 'resourceStrongFamilies'] as const;

/** Trajectory of one composition metric: mean line and 5-95% band per scenario. */
export function compositionChart(sds: ScenarioData[], name: string): ChartDef {
  const id = `trajectory-${name}`;
  const m = metric(name);
  const values = sds.flatMap((sd) => stockPoints(sd, name));
  const caption = `${metricTitle(name)} (${name}, ${m.unit}), ${sds.length > 1 ? 'per scenario' : `in scenario ${sds[0]!.name}`}. ${BAND_NOTE} Points are the state on 1 January: the first is the initial state, the last the state after the final simulated year. ${m.description}`;
  const spec = {
    ...top(id, wrap(metricTitle(name)), `${capitalise(m.unit)} · ${runLabel(sds)} · mean and 5-95% band`, caption),
    width: 480,
    height: 260,
    data: { values },
    layer: bandLayers(name, yearX(stockDomain(sds), X_STOCK), scenarioColor(sds)),
  };
  return { id, heading: metricTitle(name), caption, spec: asSpec(spec) };
}

export const AREA_LEVELS = ['image', 'socialProblems', 'crime'] as const;

/** Image, social problems and crime over time: three panels, each with its own unit. */
export function areaChart(sds: ScenarioData[]): ChartDef {
  const id = 'image-problems-crime';
  const x = yearX(stockDomain(sds), X_STOCK);
  const color = scenarioColor(sds);
  const titles = panelTitles(AREA_LEVELS.map(metricTitle), 36);
  const panels = AREA_LEVELS.map((name, p) => ({
    title: { text: titles[p], fontSize: 12, subtitle: `${name}, ${metric(name).unit}`, subtitleFontSize: 11 },
    width: 250,
    height: 190,
    data: { values: sds.flatMap((sd) => stockPoints(sd, name)) },
    layer: bandLayers(name, x, color),
  }));
  const caption = `The estate's image, social problems and crime, the levels behind the negative spiral. ${AREA_LEVELS.map((n) => `${n} (${metric(n).unit}): ${metric(n).description}`).join(' ')} ${BAND_NOTE}`;
  const spec = {
    ...top(id, 'Image, social problems and crime', `${runLabel(sds)} · mean and 5-95% band · state on 1 January`, caption),
    hconcat: panels,
    resolve: { scale: { y: 'independent' } },
  };
  return { id, heading: 'Image, social problems and crime', caption, spec: asSpec(spec) };
}
