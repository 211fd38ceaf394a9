/**
 * The studio's page: one HTML file with its style, the app's script and the worker's script
 * inlined (the worker's as text, started from a Blob URL), so that it opens from file:// with no
 * server and no network request; the Content-Security-Policy forbids any connection. Used by
 * `nabolag studio` (cli/studio.ts) with the bundles that tools/build-studio.ts makes.
 */

/** Content-Security-Policy of the page: inline scripts and styles, workers from blob: URLs, no network. */
export const STUDIO_CSP =
  "default-src 'none'; script-src 'unsafe-inline' blob:; worker-src blob:; style-src 'unsafe-inline'; img-src data: blob:; " +
  "font-src 'none'; connect-src 'none'; form-action 'none'; base-uri 'none'";

const CSS = `
:root { color-scheme: light; --ink: #1d1d1d; --muted: #555; --line: #c9c9c9; --accent: #0b5f99; }
* { box-sizing: border-box; }
html, body { margin: 0; }
body { color: var(--ink); background: #fafafa; font: 15px/1.35 "DejaVu Sans", "Segoe UI", Helvetica, Arial, sans-serif; }
header { display: flex; align-items: baseline; gap: 1rem; padding: .35rem 1rem; border-bottom: 2px solid var(--accent); background: #fff; }
header h1 { font-size: 1.3rem; margin: 0; }
header p { margin: 0; color: var(--muted); flex: 1; }
main { display: grid; grid-template-columns: 290px minmax(0, 1fr); gap: 1rem; padding: .6rem 1rem; max-width: 1200px; }
.view, .stage > div, .side { min-width: 0; }
fieldset { min-width: 0; border: 1px solid var(--line); border-radius: 6px; margin: 0 0 .5rem; padding: .2rem .7rem .5rem; background: #fff; }
legend { font-weight: bold; padding: 0 .3rem; }
.intro { margin: .5rem 0 0; font-size: .85rem; color: #333; }
label.slider { display: block; margin: .25rem 0 0; font-size: .9rem; }
label.inline input { margin-left: .4rem; }
label.slider output { float: right; font-variant-numeric: tabular-nums; font-weight: bold; }
.help { display: block; color: var(--muted); font-size: .76rem; line-height: 1.25; }
input[type=range] { width: 100%; margin: .1rem 0; accent-color: var(--accent); }
input[type=file] { font-size: .8rem; max-width: 100%; margin: .1rem 0 .3rem; }
input[type=number] { width: 6rem; font: inherit; padding: .15rem .3rem; }
.note { font-size: .78rem; color: var(--muted); margin: .3rem 0 0; }
.buttons { display: flex; gap: .4rem; flex-wrap: wrap; margin: .2rem 0 .4rem; }
button { font: inherit; padding: .35rem .8rem; border: 1px solid var(--accent); border-radius: 5px; background: #fff; color: var(--accent); cursor: pointer; }
button.primary { background: var(--accent); color: #fff; }
button[aria-pressed=true] { background: #8a2c0d; border-color: #8a2c0d; color: #fff; }
button:disabled { opacity: .45; cursor: default; }
button.attention { box-shadow: 0 0 0 3px #E69F00; }
input[aria-invalid=true] { outline: 2px solid #8a2c0d; }
:focus-visible { outline: 3px solid #E69F00; outline-offset: 2px; }
.stage { display: grid; grid-template-columns: 400px minmax(0, 1fr); gap: 1rem; align-items: start; }
canvas.grid { width: 400px; height: 400px; image-rendering: pixelated; border: 1px solid var(--line); background: #f0f0f0; display: block; }
canvas.chart { width: 100%; height: 200px; border: 1px solid var(--line); background: #fff; display: block; margin-bottom: .5rem; }
select { font: inherit; width: 100%; padding: .2rem; }
progress { width: 100%; height: 1rem; accent-color: var(--accent); }
.modes { display: flex; gap: .3rem; }
.modes button { padding: .25rem .7rem; }
.modes button[aria-pressed=true] { background: var(--accent); border-color: var(--accent); color: #fff; }
main[hidden] { display: none; }
canvas.plot { width: 100%; height: 150px; border: 1px solid var(--line); background: #fff; display: block; }
/* the two monitors share the column: at 1024 wide a Danish "18,3 %" at 2rem pushed the second past the screen's edge */
.monitors { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: .5rem; }
.stepline { margin: .4rem 0 0; font-size: 1.05rem; }
.stepline b { font-variant-numeric: tabular-nums; }
summary { cursor: pointer; color: var(--accent); }
.intro p { margin: .3rem 0 0; }
.monitor { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: .35rem .6rem; }
.monitor .name { font-size: .85rem; color: var(--muted); }
.monitor .value { font-size: 1.5rem; font-weight: bold; font-variant-numeric: tabular-nums; line-height: 1.1; white-space: nowrap; }
.legend { display: flex; gap: .8rem; flex-wrap: wrap; font-size: .85rem; margin: .3rem 0 0; }
.legend span::before { content: ""; display: inline-block; width: .9em; height: .9em; margin-right: .3em; vertical-align: -.1em; background: var(--c); border: 1px solid #777; }
.status { min-height: 2.6em; margin: .3rem 0; font-size: .92rem; }
.reveal { background: #fff7e0; border: 1px solid #E69F00; border-radius: 6px; padding: .4rem .6rem; font-size: .92rem; }
.reveal[hidden] { display: none; }
.plotbox { margin-top: .3rem; }
.plotkey { font-size: .85rem; font-weight: normal; color: var(--muted); margin: 0 0 .2rem; }
.key-similar::before { content: "—— "; color: #0072B2; font-weight: bold; }
.key-unhappy::before { content: " - - - "; color: #b35900; font-weight: bold; }
.charthead { display: flex; align-items: baseline; gap: .5rem; margin-top: .4rem; }
.charthead h2 { flex: 1; margin: 0 0 .2rem; }
.save { font-size: .78rem; color: var(--muted); white-space: nowrap; }
.save button { padding: .05rem .4rem; font-size: .78rem; }
canvas.chart.small { height: 160px; }
canvas.chart.map { height: 260px; }
.maprow { display: flex; align-items: center; gap: .5rem; margin: .1rem 0 .3rem; }
.maprow input[type=range] { flex: 1; }
.maprow output { min-width: 9.5em; font-variant-numeric: tabular-nums; }
.addrow { display: flex; gap: .4rem; align-items: center; flex-wrap: wrap; margin: .2rem 0; }
.addrow select { flex: 1; width: auto; min-width: 0; }
/* the lever list on a line of its own, the Add button under it: beside the button a long name was cut ("Renovation with the right to al") */
.addrow select.lever-kind { flex: 1 1 100%; }
.lever { border-top: 1px solid var(--line); padding: .3rem 0 .2rem; font-size: .85rem; }
.lever-head { display: flex; justify-content: space-between; align-items: center; font-weight: bold; }
.lever .remove { padding: 0 .45rem; }
.lever label.field { display: flex; justify-content: space-between; align-items: center; gap: .4rem; margin: .15rem 0; }
.lever label.field span { color: var(--muted); font-size: .8rem; }
.lever input[type=number] { width: 5.5rem; }
.lever-years { display: grid; grid-template-columns: 1fr 1fr; gap: .2rem .6rem; }
.lever-years label.field { flex-direction: column; align-items: stretch; gap: 0; }
.lever-years input[type=number] { width: 100%; }
.message { color: #8a2c0d; font-size: .82rem; margin: .3rem 0 0; white-space: pre-wrap; }
.message:empty { display: none; }
.empty[hidden] { display: none; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
footer { padding: 0 1rem .6rem; font-size: .76rem; color: var(--muted); }
/* a 1024x768 projector: the column of controls is narrower, and the longest lever name fits in a slightly smaller font */
@media (max-width: 1249px) {
  .addrow select.lever-kind { font-size: .85rem; }
}
/* a projector (1280x720) or a laptop (1366x768): a wider column of controls, so that the lists' entries are not cut */
@media (min-width: 1250px) {
  main { max-width: 1300px; grid-template-columns: 340px minmax(0, 1fr); }
  .monitor .value { font-size: 2rem; }
}
/* a large screen (1920x1080): a larger grid and taller charts, not a 1200px column with half the screen empty */
@media (min-width: 1500px) and (min-height: 950px) {
  main { max-width: 1880px; grid-template-columns: 340px minmax(0, 1fr); gap: 1.5rem; }
  .stage { grid-template-columns: 600px minmax(0, 1fr); }
  canvas.grid { width: 600px; height: 600px; }
  canvas.plot { height: 220px; }
  canvas.chart { height: 250px; }
  canvas.chart.small { height: 200px; }
  /* the estate's charts in two columns: the shares and their difference, the map and the families */
  .charts { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 1.5rem; align-items: start; }
}
`.trim();

const slider = (id: string, testid: string, min: number, max: number, step: number, value: number, key: string, help?: string) =>
  `<label class="slider" for="${id}"><span data-text="${key}"></span> <output id="${id}-out" for="${id}"></output>${help ? `<span class="help" data-text="${help}"></span>` : ''}</label>` +
  `<input type="range" id="${id}" data-testid="${testid}" min="${min}" max="${max}" step="${step}" value="${value}">`;

/** A chart's heading with its save buttons (SVG and PNG). */
const chartHead = (canvas: string, chart: string, key: string) =>
  `<div class="charthead"><h2 class="plotkey" id="${canvas}-title" data-text="${key}"></h2><span class="save"><span data-text="saveAs"></span> ` +
  `<button type="button" data-chart="${chart}" data-format="svg" data-testid="${canvas}-svg">SVG</button> ` +
  `<button type="button" data-chart="${chart}" data-format="png" data-testid="${canvas}-png">PNG</button></span></div>`;

const BODY = `
<header>
  <h1 data-text="title"></h1>
  <p id="subtitle" data-text="subtitle"></p>
  <nav class="modes" aria-label="Mode">
    <button type="button" id="mode-schelling" data-testid="mode-schelling" aria-pressed="true" data-text="modeSchelling"></button>
    <button type="button" id="mode-estate" data-testid="mode-estate" aria-pressed="false" data-text="modeEstate"></button>
  </nav>
  <button type="button" id="lang" data-testid="studio-lang"></button>
</header>
<main id="schelling-mode">
  <div class="controls">
    <fieldset>
      <legend data-text="run"></legend>
      <label class="slider" for="guess"><span data-text="predict"></span><span class="help" data-text="predictHelp"></span></label>
      <input type="number" id="guess" data-testid="schelling-guess" min="0" max="100" step="1"> %
      <div class="buttons">
        <button type="button" id="setup" class="primary" data-testid="schelling-setup" data-text="setup"></button>
        <button type="button" id="step" data-testid="schelling-step" data-text="step"></button>
        <button type="button" id="go" data-testid="schelling-go" aria-pressed="false"></button>
      </div>
      ${slider('speed', 'schelling-speed', 1, 7, 1, 7, 'speed')}
    </fieldset>
    <fieldset>
      <legend data-text="settings"></legend>
      ${slider('density', 'schelling-density', 0.1, 0.99, 0.01, 0.8, 'density', 'densityHelp')}
      ${slider('wanted', 'schelling-wanted', 0, 100, 1, 30, 'wanted', 'wantedHelp')}
      ${slider('groups', 'schelling-groups', 2, 4, 1, 2, 'groups')}
      ${slider('radius', 'schelling-radius', 1, 3, 1, 1, 'radius', 'radiusHelp')}
      ${slider('size', 'schelling-size', 10, 100, 5, 50, 'size')}
      <label class="slider inline" for="seed"><span data-text="seed"></span> <input type="number" id="seed" data-testid="schelling-seed" min="0" max="4294967295" step="1" value="1"></label>
      <p class="note" data-text="setupNote"></p>
    </fieldset>
  </div>
  <div class="view">
    <div class="stage">
      <div>
        <canvas id="grid" class="grid" data-testid="schelling-grid" width="50" height="50" role="img"></canvas>
        <div class="legend" id="legend"></div>
      </div>
      <div class="side">
        <div class="monitors" aria-live="polite">
          <div class="monitor"><div class="name" data-text="similar"></div><div class="value" id="similar" data-testid="schelling-similar">–</div><span class="help" data-text="similarHelp"></span></div>
          <div class="monitor"><div class="name" data-text="unhappy"></div><div class="value" id="unhappy" data-testid="schelling-unhappy">–</div><span class="help" data-text="unhappyHelp"></span></div>
        </div>
        <p class="note" id="alone" data-testid="schelling-alone" hidden></p>
        <p class="stepline"><span data-text="stepCount"></span> <b id="steps" data-testid="schelling-steps">0</b></p>
        <p class="status" id="status" data-testid="schelling-status" role="status"></p>
        <p class="reveal" id="reveal" data-testid="schelling-reveal" hidden></p>
        <details class="intro"><summary data-text="about"></summary><p data-text="intro"></p></details>
      </div>
    </div>
    <div class="plotbox">
      <h2 class="plotkey"><span data-text="plot"></span> · <span class="key-similar" data-text="similar"></span> <span class="key-unhappy" data-text="unhappy"></span></h2>
      <canvas id="plot" class="plot" data-testid="schelling-plot" role="img"></canvas>
    </div>
  </div>
</main>
<main id="estate-mode" hidden>
  <div class="controls">
    <fieldset>
      <legend data-text="estateScenario"></legend>
      <label class="slider" for="estate-preset"><span data-text="estatePreset"></span></label>
      <select id="estate-preset" data-testid="estate-preset"></select>
      <p class="note" id="estate-description"></p>
      <label class="slider" for="estate-open"><span data-text="estateOpen"></span><span class="help" data-text="estateOpenHelp"></span></label>
      <input type="file" id="estate-open" data-testid="estate-open" accept=".yaml,.yml,.json">
      <label class="slider inline" for="estate-replications"><span data-text="estateReplications"></span> <input type="number" id="estate-replications" data-testid="estate-replications" min="1" max="200" step="1" value="10"></label>
      <label class="slider inline" for="estate-seed"><span data-text="seed"></span> <input type="number" id="estate-seed" data-testid="estate-seed" min="0" max="4294967295" step="1" value="1"></label>
      <div class="buttons">
        <button type="button" id="estate-run" class="primary" data-testid="estate-run" data-text="estateRun"></button>
        <button type="button" id="estate-export" data-testid="estate-export" data-text="estateExport"></button>
      </div>
      <progress id="estate-progress" data-testid="estate-progress" max="10" value="0"></progress>
      <p class="note" id="estate-progress-text" role="status"></p>
      <p class="message" id="estate-message" data-testid="estate-message" role="alert"></p>
      <p class="message" id="estate-stale" data-testid="estate-stale" data-text="estateStale" hidden></p>
    </fieldset>
    <fieldset>
      <legend data-text="estateLevers"></legend>
      <label class="slider" for="estate-lever-kind"><span data-text="estateLeverKind"></span></label>
      <div class="addrow"><select id="estate-lever-kind" class="lever-kind" data-testid="estate-lever-kind"></select>
      <button type="button" id="estate-lever-add" data-testid="estate-lever-add" data-text="estateLeverAdd"></button></div>
      <div id="estate-lever-list" data-testid="estate-levers"></div>
      <p class="note" data-text="estateLeversNote"></p>
    </fieldset>
    <fieldset>
      <legend data-text="estateSpiral"></legend>
      ${slider('estate-spiral', 'estate-spiral', 0, 4, 0.25, 1, 'estateSpiralStrength', 'estateSpiralHelp')}
      <div class="addrow"><label class="slider inline" for="estate-shock-years"><span data-text="estateShockYears"></span> <input type="number" id="estate-shock-years" data-testid="estate-shock-years" min="1" max="20" step="1" value="3"></label>
      <button type="button" id="estate-shock" data-testid="estate-shock" data-text="estateShock"></button></div>
      <p class="note" data-text="estateShockHelp"></p>
    </fieldset>
    <p class="intro" data-text="estateIntro"></p>
  </div>
  <div class="view charts">
    <section>
    ${chartHead('estate-share-chart', 'share', 'estateShareTitle')}
    <canvas id="estate-share-chart" class="chart" data-testid="estate-share-chart" role="img"></canvas>
    ${chartHead('estate-diff-chart', 'diff', 'estateDiffTitle')}
    <p class="note empty" id="estate-diff-empty" data-text="estateDiffEmpty"></p>
    <canvas id="estate-diff-chart" class="chart" data-testid="estate-diff-chart" role="img"></canvas>
    <p class="plotkey" data-text="estateDiffNote"></p>
    <p class="note" id="estate-diff-few" data-testid="estate-diff-few" hidden></p>
    </section>
    <section>
    ${chartHead('estate-map', 'map', 'estateMapTitle')}
    <div class="maprow">
      <button type="button" id="estate-map-play" data-testid="estate-map-play" aria-pressed="false" disabled></button>
      <label for="estate-map-month" class="visually-hidden" data-text="estateMapMonth"></label>
      <input type="range" id="estate-map-month" data-testid="estate-map-month" min="0" max="0" step="1" value="0" disabled>
      <output id="estate-map-date" for="estate-map-month" data-testid="estate-map-date"></output>
    </div>
    <canvas id="estate-map" class="chart map" data-testid="estate-map" role="img"></canvas>
    <p class="plotkey" id="estate-map-step"></p>
    ${chartHead('estate-families-chart', 'families', 'estateFamiliesTitle')}
    <canvas id="estate-families-chart" class="chart small" data-testid="estate-families-chart" role="img"></canvas>
    <p class="plotkey" data-text="estateBandNote"></p>
    </section>
  </div>
</main>
<footer data-text="footer"></footer>
`.trim();

/** Make a script's text safe to inline in a <script> element. */
const inlineSafe = (code: string): string => code.replace(/<\/(script)/gi, '<\\/$1');

/** JSON to inline in a script element ("<" escaped, so no "</script>" can end it early). */
const jsonForPage = (v: unknown): string =>
  JSON.stringify(v)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');

/**
 * The whole page.
 *
 * @example
 *   writeFileSync('index.html', studioHtml({ app, worker, version: '0.2.13' }));
 */
export function studioHtml(parts: { app: string; worker: string; version: string; presets?: unknown }): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${STUDIO_CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="nabolag ${parts.version}">`,
    '<title>nabolag studio</title>',
    `<style>\n${CSS}\n</style>`,
    '</head>',
    '<body>',
    BODY,
    `<script type="application/json" id="nabolag-presets">${jsonForPage(parts.presets ?? [])}</script>`,
    `<script type="text/plain" id="nabolag-worker">\n${inlineSafe(parts.worker)}\n</script>`,
    `<script>\n${inlineSafe(parts.app)}\n</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
