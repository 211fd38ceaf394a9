/**
 * Trajectories: the composition metrics, and the estate's image, social problems and crime, as
 * a mean line with its 5-95% band per scenario at 1 January of each year. Value axes are zoomed
 * to the data; titles are the metrics' labels (codes only in the spec's data and tooltips).
 */
import { type Lang, texts } from '../i18n.js';
import { type ChartDef, type ScenarioData, stockPoints, stockDomain } from './data.js';
import { asSpec, bandLayers, runLabel, scenarioColor, scenarioDash, top, xStock, yearX } from './encodings.js';
import { capitalise, metric, metricLabel, metricUnitIn, panelTitles, wrap } from './labels.js';

/** The three composition metrics of the report. */
export const COMPOSITION = ['resourceStrongShare', 'familiesWithChildren', 'resourceStrongFamilies'] as const;

/** Trajectory of one composition metric: mean line and 5-95% band per scenario. */
export function compositionChart(sds: ScenarioData[], name: string, lang: Lang = 'en'): ChartDef {
  const t = texts(lang).chart;
  const id = `trajectory-${name}`;
  const m = metric(name);
  const label = metricLabel(name, lang);
  const values = sds.flatMap((sd) => stockPoints(sd, name, lang));
  const color = scenarioColor(sds, true, 'stroke', lang);
  const caption = `${label} (${metricUnitIn(name, lang)}), ${sds.length > 1 ? t.perScenario : t.inScenario(sds[0]!.name)}. ${sds.every((sd) => sd.ensemble.replications.length === 1) ? t.bandNoteOne : t.bandNote} ${t.zoomNote} ${t.pointsNote}${lang === 'en' ? ` ${m.description}` : ''}`;
  const spec = {
    ...top(id, wrap(label), `${capitalise(metricUnitIn(name, lang))} · ${runLabel(sds, lang)} · ${t.meanBand}`, caption, lang),
    width: 480,
    height: 260,
    data: { values },
    layer: bandLayers(name, yearX(stockDomain(sds), xStock(lang)), color, undefined, lang, scenarioDash(color)),
  };
  return { id, heading: label, caption, spec: asSpec(spec) };
}

export const AREA_LEVELS = ['image', 'socialProblems', 'crime'] as const;

/** Image, social problems and crime over time: three panels, each with its own unit. */
export function areaChart(sds: ScenarioData[], lang: Lang = 'en'): ChartDef {
  const t = texts(lang).chart;
  const id = 'image-problems-crime';
  const x = yearX(stockDomain(sds), xStock(lang));
  const color = scenarioColor(sds, true, 'stroke', lang);
  const dash = scenarioDash(color);
  const titles = panelTitles(
    AREA_LEVELS.map((n) => metricLabel(n, lang)),
    36,
  );
  const panels = AREA_LEVELS.map((name, p) => ({
    title: { text: titles[p], fontSize: 12, subtitle: capitalise(metricUnitIn(name, lang)), subtitleFontSize: 11 },
    width: 220,
    height: 190,
    data: { values: sds.flatMap((sd) => stockPoints(sd, name, lang)) },
    layer: bandLayers(name, x, color, undefined, lang, dash),
  }));
  const caption = `${t.areaCaption}${lang === 'en' ? ` ${AREA_LEVELS.map((n) => `${metricLabel(n)}: ${metric(n).description}`).join(' ')}` : ''} ${sds.every((sd) => sd.ensemble.replications.length === 1) ? t.bandNoteOne : t.bandNote} ${t.zoomNote}`;
  const spec = {
    ...top(id, t.areaTitle, `${runLabel(sds, lang)} · ${t.meanBand} · ${t.stateJan}`, caption, lang),
    hconcat: panels,
    resolve: { scale: { y: 'independent' } },
  };
  return { id, heading: t.areaTitle, caption, spec: asSpec(spec) };
}

/**
 * The spiral made visible: the image against the resource-strong share, one point per year (the
 * means over replications at 1 January), joined in time, one path per scenario, the first and
 * last years labelled. A shock shows as a path that moves down and left and then either turns back
 * (recovery) or keeps going after the shock has passed (the negative spiral).
 */
export function spiralChart(sds: ScenarioData[], lang: Lang = 'en'): ChartDef | null {
  const t = texts(lang).chart;
  const id = 'spiral-image-composition';
  // every scenario starts from the same state: its first year is labelled once, on the first scenario
  const values = sds.flatMap((sd, i) => {
    const share = stockPoints(sd, 'resourceStrongShare', lang);
    const image = stockPoints(sd, 'image', lang);
    return share.map((p, k) => ({
      scenario: sd.name,
      year: p.year,
      when: p.when,
      share: p.mean,
      image: image[k]!.mean,
      first: (k === 0 && i === 0) || k === share.length - 1 ? String(p.year) : '',
    }));
  });
  if (values.length < 2) return null;
  // both axes are zoomed to the paths: a small move of the image looks large, so the caption says so
  const caption = `${t.spiralCaption} ${t.zoomNote}`;
  const color = scenarioColor(sds, true, 'stroke', lang);
  const x = {
    field: 'share',
    type: 'quantitative',
    title: capitalise(metricLabel('resourceStrongShare', lang)),
    // as many decimals as the ticks' step needs, the same on every tick (".1~%" wrote "52%" between
    // "51.6%" and "52.4%"; ".1%" wrote "51.0%" on whole steps)
    axis: { format: '%', labelFlush: false },
    scale: { zero: false },
  };
  const y = {
    field: 'image',
    type: 'quantitative',
    title: `${capitalise(metricLabel('image', lang))} (${metricUnitIn('image', lang)})`,
    scale: { zero: false },
  };
  const tooltip = [
    { field: 'scenario', title: t.scenario },
    { field: 'when', title: t.year },
    { field: 'share', title: metricLabel('resourceStrongShare', lang), format: '.1%' },
    { field: 'image', title: metricLabel('image', lang), format: '.3f' },
  ];
  const spec = {
    ...top(id, t.spiralTitle, `${runLabel(sds, lang)} · ${t.stateJan}`, caption, lang),
    width: 480,
    height: 300,
    data: { values },
    layer: [
      { mark: { type: 'line', strokeWidth: 2 }, encoding: { x, y, color, order: { field: 'year', type: 'quantitative' }, strokeDash: scenarioDash(color) } },
      { mark: { type: 'point', filled: true, size: 30 }, encoding: { x, y, color, tooltip } },
      { mark: { type: 'text', dx: 6, dy: -6, align: 'left', fontSize: 10 }, encoding: { x, y, text: { field: 'first' }, color } },
    ],
  };
  return { id, heading: t.spiralTitle, caption, spec: asSpec(spec) };
}
