/**
 * Titles, units and wrapped text of the charts, all derived from the one metric list (`METRICS` in
 * model/reporters.ts); the findings and the effects table read the same labels.
 */
import { METRICS, METRIC_INDEX, type Metric, yearlyUnit } from '../../model/reporters.js';
import { greedyLines } from '../../output/text.js';
import { DA_METRIC_LABELS, DA_NOT_AVAILABLE, DA_UNITS, type Lang } from '../i18n.js';

/** The metric declared under `name`; throws for an unknown name (a builder bug). */
export function metric(name: string): Metric {
  const k = METRIC_INDEX[name];
  if (k === undefined) throw new Error(`charts: unknown metric "${name}"`);
  return METRICS[k]!;
}

/**
 * A chart title from the metric's description: the first clause, without a trailing period
 * or anything in brackets (the caption quotes the whole description).
 *
 * @example
 * metricTitle('resourceStrongShare') // 'Share of residents aged 22-59 who are resource-strong'
 * metricTitle('crime')               // 'Crime index'
 */
export function metricTitle(name: string): string {
  let t = metric(name).description.trim().replace(/\.$/, '');
  t = t.replace(/\s*\([^)]*\)/g, '');
  const colon = t.indexOf(': ');
  if (colon > 0 && !/^List criterion/.test(t)) t = t.slice(0, colon);
  return t.trim();
}

/**
 * The unit as shown on a yearly axis: the metric's unit, with flows ("per month" in
 * metrics.csv) summed over the year.
 *
 * @example
 * metricUnit('moveOuts') // 'households per year'
 * metricUnit('image')    // 'index 0-1'
 */
export function metricUnit(name: string): string {
  return yearlyUnit(metric(name));
}

/** Axis title from the unit: first letter upper case. */
export const axisTitle = (name: string): string => capitalise(metricUnit(name));

export const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
export const lowerFirst = (s: string): string => (/^[A-Z][a-z]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s);

/** Whether a metric is a fraction best shown in percent. */
export const isPercent = (name: string): boolean => metric(name).unit === 'share';

/**
 * Titles of side-by-side panels, wrapped and padded at the top to the same number of lines so
 * that the plots line up (a zero-width space keeps an empty line).
 */
export function panelTitles(texts: string[], width: number): string[][] {
  const lines = texts.map((t) => wrap(t, width));
  const n = Math.max(...lines.map((l) => l.length));
  return lines.map((l) => [...Array.from({ length: n - l.length }, () => '\u200b'), ...l]);
}

/** Greedy line breaking at spaces. */
const greedy = (text: string, width: number): string[] => greedyLines(text.split(/\s+/), width);

/**
 * Break a title into as few lines of at most `width` characters as greedy breaking needs, with
 * the lines balanced in length (no single word left on the last line).
 *
 * @example
 * wrap('Families with children where an adult is in work or education', 56)
 * // ['Families with children where an', 'adult is in work or education']
 */
export function wrap(text: string, width = 56): string[] {
  const first = greedy(text, width);
  if (first.length < 2) return first;
  for (let w = Math.ceil(text.length / first.length); w < width; w++) {
    const lines = greedy(text, w);
    if (lines.length <= first.length) return lines;
  }
  return first;
}

/**
 * The metric's short human label in a language: its `label` in the metric documentation
 * (model/reporters.ts) or the Danish one in report/i18n.ts; the title from its description for
 * a metric without a label.
 *
 * @example
 * metricLabel('resourceStrongShare')       // 'Resource-strong share of adults 22-59'
 * metricLabel('resourceStrongShare', 'da') // 'Andel ressourcestærke blandt 22-59-årige'
 */
export function metricLabel(name: string, lang: Lang = 'en'): string {
  const m = metric(name);
  return (lang === 'da' ? DA_METRIC_LABELS[name] : undefined) ?? m.label ?? metricTitle(name);
}

/** Axis title from the unit in a language: first letter upper case. */
export const axisTitleIn = (name: string, lang: Lang = 'en'): string => capitalise(metricUnitIn(name, lang));

/** A unit in a language (units without a Danish word stay as they are). */
export const unitIn = (unit: string, lang: Lang = 'en'): string => (lang === 'da' ? (DA_UNITS[unit] ?? unit) : unit);

/** {@link metricUnit} in a language. */
export const metricUnitIn = (name: string, lang: Lang = 'en'): string => unitIn(metricUnit(name), lang);

/**
 * Numbers written the language's way: in Danish the decimal point and the thousands comma
 * between digits swap ("1,235.5" becomes "1.235,5"), a per cent sign follows its number after a
 * non-breaking space ("48%" becomes "48 %", as Danish writes it), and a number that could not be
 * computed, "n/a" (src/report/format.ts, the patterns' details), is "ikke opgjort"; English text
 * is returned as it is.
 */
export function localNumbers(text: string, lang: Lang = 'en'): string {
  if (lang === 'en') return text;
  return text
    .replace(/(\d)([.,])(?=\d)/g, (_m, d: string, sep: string) => `${d}${sep === '.' ? ',' : '.'}`)
    .replace(/(\d) ?%/g, '$1\u00a0%')
    .replace(/(?<![\w/])n\/a(?![\w/])/g, DA_NOT_AVAILABLE);
}

/**
 * Only the per cent signs of {@link localNumbers}: in Danish a non-breaking space before each
 * ("45%" and "45 %" both become "45 %"); for text whose numbers are already in the language's
 * form (running localNumbers again would swap its separators back).
 */
export const localPercent = (text: string, lang: Lang = 'en'): string => (lang === 'en' ? text : text.replace(/(\d) ?%/g, '$1\u00a0%'));
