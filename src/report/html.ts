/**
 * One self-contained, offline HTML report.
 *
 * Pipeline:
 *   1. Validate the input (unique, CSS-safe ids; table rows as wide as their columns) and
 *      compile every chart spec once in Node, so a broken spec fails here with the chart's
 *      name instead of showing an empty box in the browser.
 *   2. Render the page: escaped title, subtitle, contents, sections (trusted `html`, a chart
 *      container with its spec as `<script type="application/json">`, a table), links.
 *   3. Inline the minified vega, vega-lite and vega-embed builds read from node_modules, then a
 *      small runner that calls `vegaEmbed` for each chart and exposes
 *      `window.__nabolagRendered` (a promise) and counters for browser tests.
 *
 * The page makes no network requests: no external scripts, styles or fonts, and a
 * Content-Security-Policy that forbids fetching anything. Same input ⇒ same bytes (no
 * timestamps are added here).
 */
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import { compileSpec } from './render.js';

const require = createRequire(import.meta.url);

/** A chart: rendered in the browser by vega-embed into `<div id={id}>`. */
export interface ReportChart {
  /** DOM id of the chart container; letters, digits, `-` and `_`, starting with a letter. */
  id: string;
  spec: TopLevelSpec;
  /** Plain text shown under the chart (escaped). */
  caption: string;
}

/** A table cell: a number (right-aligned), a text, or a text with a tooltip (`title`). */
export type ReportCell = string | number | { text: string; title: string };

/** A row of cells, or a heading row spanning the table (a group of rows). */
export type ReportRow = ReportCell[] | { heading: string };

/** A data table; numbers are right-aligned and printed as given (format them beforehand). */
export interface ReportTable {
  columns: string[];
  rows: ReportRow[];
  /** Optional plain-text caption (escaped). */
  caption?: string;
}

/** One section of the report, in the order: heading, html, chart, table. */
export interface ReportSection {
  /** DOM id of the section (anchor for the contents list). */
  id: string;
  /** Plain text (escaped). */
  heading: string;
  /** TRUSTED HTML inserted as-is (e.g. findings written by our own code). Never pass user text here unescaped; use {@link escapeHtml}. */
  html?: string;
  chart?: ReportChart;
  table?: ReportTable;
  /** TRUSTED HTML after the chart and the table (same rules as `html`). */
  htmlAfter?: string;
  /** Shown before the contents: the report's first screen. */
  lead?: boolean;
}

export interface ReportLink {
  href: string;
  label: string;
}

export interface HtmlReportInput {
  title: string;
  subtitle?: string;
  sections: ReportSection[];
  /** Links shown at the end, e.g. to CSV files written beside the report. */
  links?: ReportLink[];
  /** Document language; default "en". */
  lang?: string;
  /** The words "Contents" and "Files" in the document's language; default English. */
  words?: { contents: string; files: string };
  /**
   * Every chart's spec has been compiled already, without errors or warnings (writeChartsAndReport
   * renders each chart in strict mode first), so `buildHtmlReport` does not compile them again:
   * compiling the dozen specs of a report a second time cost about 0.3-0.4 s. Default false.
   */
  chartsCompiled?: boolean;
}

/**
 * Escape text for HTML element content and quoted attribute values.
 *
 * @example
 * escapeHtml('<b> & "x"') // '&lt;b&gt; &amp; &quot;x&quot;'
 */
export function escapeHtml(text: string | number): string {
  return String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/**
 * Serialise a value as JSON that is safe inside `<script type="application/json">`:
 * every `<` becomes `\u003c`, so neither `</script` nor `<!--` can occur.
 *
 * @example
 * jsonForScript({ a: '</script>' }) // '{"a":"\\u003c/script>"}'
 */
export function jsonForScript(value: unknown): string {
  const json = JSON.stringify(value);
  if (json === undefined) throw new Error('jsonForScript: value is not JSON-serialisable');
  return json
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

const ID_PATTERN = /^[A-Za-z][A-Za-z0-9_-]*$/;
const RESERVED_IDS = new Set(['contents', 'links']);

const LIBRARIES = [
  { pkg: 'vega', file: 'vega.min.js' },
  { pkg: 'vega-lite', file: 'vega-lite.min.js' },
  { pkg: 'vega-embed', file: 'vega-embed.min.js' },
] as const;

let librariesCache: Promise<string[]> | undefined;

/**
 * The minified browser builds of vega, vega-lite and vega-embed, in load order, ready to inline.
 * They are not in the packages' `exports`, so they are read from the folder of each package's
 * resolved entry point (`build/`). Source-map comments are removed (no requests, even in dev tools).
 */
export function inlineLibraries(): Promise<string[]> {
  librariesCache ??= Promise.all(
    LIBRARIES.map(async ({ pkg, file }) => {
      const path = join(dirname(require.resolve(pkg)), file);
      let code: string;
      try {
        code = await readFile(path, 'utf8');
      } catch (err) {
        throw new Error(`HTML report: cannot read the ${pkg} browser build at ${path}`, { cause: err });
      }
      code = code.replace(/\n?\/\/# sourceMappingURL=\S*\s*$/, '\n');
      if (/<!--/.test(code)) throw new Error(`HTML report: ${file} contains "<!--" and cannot be inlined safely`);
      // `<\/script` means the same as `</script` in JS strings, templates and regexes.
      return code.replace(/<\/script/gi, '<\\/script');
    }),
  );
  librariesCache.catch(() => {
    librariesCache = undefined;
  });
  return librariesCache;
}

function checkInput(input: HtmlReportInput): void {
  if (!input || typeof input.title !== 'string') throw new Error('HTML report: title must be a string');
  if (!Array.isArray(input.sections)) throw new Error('HTML report: sections must be an array');
  const seen = new Set<string>();
  const claim = (id: unknown, what: string) => {
    if (typeof id !== 'string' || !ID_PATTERN.test(id)) {
      throw new Error(`HTML report: ${what} id ${JSON.stringify(id)} must match ${ID_PATTERN} (letters, digits, - and _, starting with a letter)`);
    }
    if (RESERVED_IDS.has(id) || id.startsWith('nabolag-')) throw new Error(`HTML report: ${what} id "${id}" is reserved`);
    if (seen.has(id)) throw new Error(`HTML report: id "${id}" is used twice (section and chart ids share one namespace)`);
    seen.add(id);
  };
  for (const s of input.sections) {
    claim(s.id, 'section');
    if (s.chart) claim(s.chart.id, `chart in section "${s.id}"`);
    if (s.table) {
      const width = s.table.columns.length;
      s.table.rows.forEach((row, i) => {
        if (!Array.isArray(row)) return;
        if (row.length !== width) {
          throw new Error(`HTML report: table in section "${s.id}", row ${i} has ${row.length} cells but there are ${width} columns`);
        }
      });
    }
  }
}

function renderTable(t: ReportTable): string {
  const cell = (v: ReportCell) =>
    typeof v === 'number'
      ? `<td class="num">${escapeHtml(v)}</td>`
      : typeof v === 'string'
        ? `<td>${escapeHtml(v)}</td>`
        : `<td title="${escapeHtml(v.title)}">${escapeHtml(v.text)}</td>`;
  const head = t.columns.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join('');
  const body = t.rows
    .map((row) =>
      Array.isArray(row)
        ? `<tr>${row.map(cell).join('')}</tr>`
        : `<tr class="group"><th scope="colgroup" colspan="${t.columns.length}">${escapeHtml(row.heading)}</th></tr>`,
    )
    .join('\n');
  const caption = t.caption ? `<caption>${escapeHtml(t.caption)}</caption>` : '';
  return `<div class="table-wrap"><table>${caption}<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody></table></div>`;
}

function renderSection(s: ReportSection): string {
  const parts = [`<section id="${s.id}">`, `<h2>${escapeHtml(s.heading)}</h2>`];
  if (s.html) parts.push(`<div class="prose">${s.html}</div>`);
  if (s.chart) {
    const c = s.chart;
    parts.push(
      `<figure data-testid="chart-${c.id}"><div id="${c.id}" class="chart" role="img" aria-label="${escapeHtml(c.caption)}"></div>` +
        `<figcaption>${escapeHtml(c.caption)}</figcaption></figure>`,
      `<script type="application/json" data-nabolag-chart="${c.id}">${jsonForScript(c.spec)}</script>`,
    );
  }
  if (s.table) parts.push(renderTable(s.table));
  if (s.htmlAfter) parts.push(`<div class="prose">${s.htmlAfter}</div>`);
  parts.push('</section>');
  return parts.join('\n');
}

const CSP =
  "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data: blob:; " +
  "font-src 'none'; connect-src 'none'; form-action 'none'; base-uri 'none'";

const CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 62rem; padding: 1.5rem 1.25rem 3rem; color: #222; background: #fff;
  font: 16px/1.5 "DejaVu Sans", "Segoe UI", Helvetica, Arial, sans-serif; }
header { border-bottom: 2px solid #3d6a8f; margin-bottom: 1.5rem; }
h1 { font-size: 1.5rem; line-height: 1.25; margin: 0 0 .25rem; }
.subtitle { color: #555; margin: 0 0 1rem; }
h2 { font-size: 1.3rem; margin: 2.25rem 0 .75rem; border-bottom: 1px solid #ddd; padding-bottom: .2rem; }
nav ol, nav ul { padding-left: 1.25rem; margin: .25rem 0; }
a { color: #2b5a80; }
figure { margin: 1rem 0; }
.chart { overflow-x: auto; }
.chart-error { color: #a40000; border: 1px solid #a40000; padding: .5rem; }
.warning { border-left: 5px solid #b5574f; background: #fbefed; padding: .5rem .9rem; margin: .75rem 0; }
.warning ul { margin: .25rem 0; padding-left: 1.1rem; }
.warning .drift-advice { margin: .25rem 0 0; font-size: .9em; }
.steady { color: #555; font-size: .9rem; margin: .25rem 0 .5rem; }
.intro { margin: .25rem 0 .4rem; }
ol.headlines, ul.headlines { margin: .2rem 0 .4rem; padding-left: 1.6rem; font-size: 1.05rem; }
ol.headlines li, ul.headlines li { margin: .15rem 0; font-weight: 600; }
li.verdict-helps::marker, li.verdict-harms::marker { font-weight: 700; }
.note { color: #555; font-size: .85rem; margin: .25rem 0; }
.is-not { border: 1px solid #c9d6e2; background: #f4f7fa; padding: .5rem .9rem; font-size: .9rem; margin: .5rem 0; }
.is-not ul { margin: .25rem 0; padding-left: 1.1rem; }
#answer h2 { margin-top: .5rem; }
dl.terms dt { font-weight: 600; font-style: italic; }
dl.terms dd { margin: 0 0 .35rem 1.25rem; }
figcaption { color: #555; font-size: .9rem; margin-top: .35rem; }
.vega-bindings { font-size: .9rem; margin-top: .4rem; }
.vega-bind { display: flex; align-items: center; gap: .5rem; }
.table-wrap { overflow-x: auto; margin: 1rem 0; }
table { border-collapse: collapse; font-size: .9rem; }
caption { text-align: left; color: #555; padding-bottom: .3rem; }
th, td { border-bottom: 1px solid #ddd; padding: .3rem .7rem; text-align: left; vertical-align: top; }
th { border-bottom: 2px solid #999; }
tr.group th { background: #eef2f6; border-bottom: 1px solid #999; padding-top: .5rem; }
td[title] { text-decoration: underline dotted #999; cursor: help; }
#effects td:nth-child(n+4) { white-space: nowrap; }
#effects td:first-child { min-width: 10rem; }
#effects table { font-size: .85rem; }
#effects th, #effects td { padding: .3rem .45rem; }
/* nine columns whose numbers do not wrap: wider than the text (a Danish table was cut at 1200 px), so it takes the window's width up to 80rem, centred on the text */
#effects .table-wrap { width: max(100%, min(100vw - 4rem, 80rem)); margin-left: calc((100% - max(100%, min(100vw - 4rem, 80rem))) / 2); }
#effects .table-wrap table { margin: 0 auto; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  nav.contents { display: none; }
  section, figure, table { break-inside: avoid; }
  h2 { break-after: avoid; }
  .chart { overflow: visible; }
  #effects .table-wrap { width: auto; margin-left: 0; }
  .links a[href]::after { content: " (" attr(href) ")"; color: #555; }
}
`.trim();

/** Runs in the browser after the libraries: embeds every chart and exposes progress for tests. */
const RUNNER = `
(function () {
  var nodes = document.querySelectorAll('script[type="application/json"][data-nabolag-chart]');
  var state = { total: nodes.length, rendered: 0, errors: [] };
  window.__nabolagCharts = state;
  window.__nabolagViews = {};
  var jobs = Array.prototype.map.call(nodes, function (node) {
    var id = node.getAttribute('data-nabolag-chart');
    var fail = function (err) {
      var msg = 'Chart "' + id + '" failed to render: ' + (err && err.message ? err.message : String(err));
      state.errors.push(msg);
      var el = document.getElementById(id);
      if (el) { el.textContent = msg; el.className += ' chart-error'; }
      console.error(msg);
    };
    var spec;
    try { spec = JSON.parse(node.textContent); } catch (err) { fail(err); return Promise.resolve(); }
    return vegaEmbed('#' + id, spec, { actions: false, renderer: 'svg', mode: 'vega-lite' }).then(function (res) {
      window.__nabolagViews[id] = res.view;
      state.rendered += 1;
    }, fail);
  });
  /** Resolves (never rejects) when every chart has rendered or failed: { total, rendered, errors }. */
  window.__nabolagRendered = Promise.all(jobs).then(function () { return state; });
})();
`.trim();

/**
 * Build one self-contained HTML report (works offline, from file://, printable).
 * Chart specs are compiled once in Node first, so an invalid spec throws here, naming the chart
 * (unless `chartsCompiled` says they were compiled already).
 *
 * @example
 * const html = await buildHtmlReport({
 *   title: 'Scenario A vs. baseline', subtitle: '20 replications, seed 1',
 *   sections: [{ id: 'families', heading: 'Families with children',
 *     chart: { id: 'families-chart', spec, caption: 'Share of households, median and 90% band' },
 *     table: { columns: ['Year', 'Share'], rows: [[2030, '31%']] } }],
 *   links: [{ href: 'summary.csv', label: 'Summary table (CSV)' }],
 * });
 * await writeFile('report.html', html);
 */
export async function buildHtmlReport(input: HtmlReportInput): Promise<string> {
  // 1. Validate.
  checkInput(input);
  for (const s of input.sections) {
    if (s.chart && !input.chartsCompiled) await compileSpec(s.chart.spec, { name: s.chart.id });
  }
  // 2. Page body.
  const lang = input.lang ?? 'en';
  const words = input.words ?? { contents: 'Contents', files: 'Files' };
  const lead = input.sections.filter((s) => s.lead);
  const rest = input.sections.filter((s) => !s.lead);
  const contents =
    rest.length > 1
      ? `<nav class="contents" id="contents" aria-label="${escapeHtml(words.contents)}"><h2>${escapeHtml(words.contents)}</h2><ol>\n${rest
          .map((s) => `<li><a href="#${s.id}">${escapeHtml(s.heading)}</a></li>`)
          .join('\n')}\n</ol></nav>`
      : '';
  const links =
    input.links && input.links.length > 0
      ? `<nav class="links" id="links" aria-label="${escapeHtml(words.files)}"><h2>${escapeHtml(words.files)}</h2><ul>\n${input.links
          .map((l) => `<li><a href="${escapeHtml(l.href)}">${escapeHtml(l.label)}</a></li>`)
          .join('\n')}\n</ul></nav>`
      : '';
  // 3. Libraries and runner (only when there are charts).
  const hasCharts = input.sections.some((s) => s.chart);
  const scripts = hasCharts
    ? (await inlineLibraries()).map((code) => `<script>\n${code}\n</script>`).join('\n') + `\n<script>\n${RUNNER}\n</script>`
    : `<script>window.__nabolagCharts = { total: 0, rendered: 0, errors: [] }; window.__nabolagRendered = Promise.resolve(window.__nabolagCharts);</script>`;

  return (
    [
      '<!DOCTYPE html>',
      `<html lang="${escapeHtml(lang)}">`,
      '<head>',
      '<meta charset="utf-8">',
      `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
      '<meta name="viewport" content="width=device-width, initial-scale=1">',
      `<title>${escapeHtml(input.title)}</title>`,
      `<style>\n${CSS}\n</style>`,
      '</head>',
      '<body>',
      '<header>',
      `<h1>${escapeHtml(input.title)}</h1>`,
      input.subtitle ? `<p class="subtitle">${escapeHtml(input.subtitle)}</p>` : '',
      '</header>',
      '<main>',
      lead.map(renderSection).join('\n'),
      contents,
      rest.map(renderSection).join('\n'),
      '</main>',
      links,
      scripts,
      '</body>',
      '</html>',
      '',
    ]
      .filter((line) => line !== '')
      .join('\n') + '\n'
  );
}
