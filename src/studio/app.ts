/**
 * The studio page's script: the Schelling mode. The model runs in a Web Worker (worker.ts,
 * started from the page's inlined text through a Blob URL, so the page works from file://);
 * this thread only draws. Go asks the worker for one step, draws it at the next animation
 * frame, then asks for the next (at most one step per frame, or fewer at a chosen speed), so
 * every step is drawn and the page never freezes.
 *
 * For tests and the benchmark, `window.__studio` exposes the state (steps drawn, settled, times).
 */
import { EMPTY_COLOR, GROUP_COLORS } from './palette.js';
import type { FromWorker, SchellingSettings, ToWorker } from './protocol.js';
import { type Lang, type TextKey, num, pct as pctIn, t } from './text.js';
import { initEstate } from './estate.js';
import { alone } from './neighbours.js';

type Frame = Extract<FromWorker, { kind: 'frame' }>;

/** Speeds of the speed slider (steps per second); the last is "as fast as possible" (one step per frame). */
const SPEEDS = [1, 2, 5, 10, 20, 30, Infinity];

const $ = <T extends HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`studio: no element #${id}`);
  return el as T;
};

interface StudioState {
  lang: Lang;
  running: boolean;
  settled: boolean;
  /** Steps drawn since the last setup. */
  step: number;
  /** The shares at every step since the last setup. */
  similar: number[];
  unhappy: number[];
  /** Steps drawn while going, and the time (ms) spent going: steps per second for the benchmark. */
  goSteps: number;
  goMs: number;
  errors: string[];
  ready: boolean;
}

const state: StudioState = { lang: 'en', running: false, settled: false, step: 0, similar: [], unhappy: [], goSteps: 0, goMs: 0, errors: [], ready: false };
(window as unknown as { __studio: StudioState }).__studio = state;

// ------------------------------------------------------------------ the worker

const workerSource = $('nabolag-worker').textContent ?? '';
const workerUrl = URL.createObjectURL(new Blob([workerSource], { type: 'text/javascript' }));
const worker = new Worker(workerUrl);
const send = (m: ToWorker) => worker.postMessage(m);

let pending = false; // a step asked and not yet answered
let latest: Frame | null = null;
let dirty = false;
let lastStepAt = 0;
let goStartedAt = 0;

worker.onmessage = (e: MessageEvent<FromWorker>) => {
  const m = e.data;
  pending = false;
  if (m.kind === 'error') {
    state.errors.push(m.message);
    setStatus('error', { message: m.message });
    stopGo();
    return;
  }
  if (m.kind !== 'frame') return;
  latest = m;
  dirty = true;
  state.step = m.step;
  state.similar[m.step] = m.similar;
  state.unhappy[m.step] = m.unhappy;
  state.settled = m.unhappy === 0;
  requestAnimationFrame(draw);
};
worker.onerror = (e) => {
  state.errors.push(e.message);
  setStatus('error', { message: e.message });
};

// ------------------------------------------------------------------ controls

const inputs = {
  density: $<HTMLInputElement>('density'),
  wanted: $<HTMLInputElement>('wanted'),
  groups: $<HTMLInputElement>('groups'),
  radius: $<HTMLInputElement>('radius'),
  size: $<HTMLInputElement>('size'),
  speed: $<HTMLInputElement>('speed'),
  seed: $<HTMLInputElement>('seed'),
  guess: $<HTMLInputElement>('guess'),
};
const buttons = {
  setup: $<HTMLButtonElement>('setup'),
  step: $<HTMLButtonElement>('step'),
  go: $<HTMLButtonElement>('go'),
  lang: $<HTMLButtonElement>('lang'),
};

const settings = (): SchellingSettings => ({
  size: Number(inputs.size.value),
  density: Number(inputs.density.value),
  wanted: Number(inputs.wanted.value) / 100,
  groups: Number(inputs.groups.value),
  radius: Number(inputs.radius.value),
  seed: Math.max(0, Math.min(4294967295, Math.floor(Number(inputs.seed.value) || 0))),
});

/** A share as a per cent in the page's language (Danish: "72,8 %"). */
const pct = (v: number, digits = 1): string => pctIn(state.lang, v, digits);
/**
 * A share the monitors show: one decimal, or two where one would round a share that is not 0 to
 * "0.0%" (1 household of 8,000 still unhappy, while the page says they are still moving) or one
 * that is not all to "100.0%". With at most 10,000 cells two decimals always tell them apart.
 */
const share = (v: number): string => pct(v, (v > 0 && v < 0.0005) || (v < 1 && v >= 0.9995) ? 2 : 1);

function showOutputs(): void {
  $('density-out').textContent = pct(Number(inputs.density.value), 0);
  $('wanted-out').textContent = pctIn(state.lang, Number(inputs.wanted.value) / 100, 0);
  $('groups-out').textContent = inputs.groups.value;
  $('radius-out').textContent = inputs.radius.value;
  $('size-out').textContent = `${inputs.size.value} × ${inputs.size.value}`;
  const sp = SPEEDS[Number(inputs.speed.value) - 1]!;
  $('speed-out').textContent = Number.isFinite(sp) ? `${sp} ${t(state.lang, 'speedUnit')}` : t(state.lang, 'speedMax');
}

let statusKey: TextKey = 'statusReady';
let statusVars: Record<string, string | number> = {};
function setStatus(key: TextKey, vars: Record<string, string | number> = {}): void {
  statusKey = key;
  statusVars = vars;
  $('status').textContent = t(state.lang, key, vars);
}

/** The guess made before the run (null: none), and whether the reveal is due. */
let guess: number | null = null;
function reveal(): void {
  const el = $('reveal');
  // at step 0 only when it is settled there (0% wanted: every household content at once)
  if (!latest || (latest.step === 0 && !state.settled)) {
    el.hidden = true;
    return;
  }
  // a run without a prediction says so (the point of the exercise is to guess first)
  if (guess === null) {
    el.textContent = t(state.lang, 'revealNone');
    el.hidden = false;
    return;
  }
  const result = latest.similar * 100;
  // a run stopped before it settled has no result yet to judge a guess by
  const verdict = !state.settled ? 'revealMoving' : Math.abs(result - guess) <= 5 ? 'revealClose' : result > guess ? 'revealUnder' : 'revealOver';
  // the guess as typed (55.5 stays 55.5, not 56)
  const digits = Number.isInteger(guess) ? 0 : Number.isInteger(guess * 10) ? 1 : 2;
  el.textContent = `${t(state.lang, 'reveal', { guess: num(state.lang, guess, digits), result: num(state.lang, result, 1), step: latest.step })} ${t(state.lang, verdict)}`;
  el.hidden = false;
}

/** The settings that take effect at setup (all but the similar wanted), as of the last setup. */
const setupKey = (): string => JSON.stringify({ ...settings(), wanted: 0 });
let setupDone = '';
let setupRadius = 1;
const changedSinceSetup = (): boolean => setupDone !== setupKey();

/**
 * The seed as typed, checked at setup: empty or no number is refused with a message at the field
 * (never set up with seed 0 in its place); a number outside 0 to 4294967295, or with decimals, is
 * written in the field as the seed that runs (-5: 0), as the estate mode's seed is.
 */
function seedOk(): boolean {
  const el = inputs.seed;
  if (el.validity.badInput || el.value.trim() === '' || !Number.isFinite(Number(el.value))) {
    el.setAttribute('aria-invalid', 'true');
    setStatus('seedEmpty');
    el.focus();
    return false;
  }
  el.removeAttribute('aria-invalid');
  const used = String(settings().seed);
  if (el.value !== used) el.value = used;
  return true;
}

/** Place the households with the settings; false (nothing done) when the seed is refused. */
function setup(): boolean {
  if (!seedOk()) return false;
  stopGo();
  state.similar = [];
  state.unhappy = [];
  state.step = 0;
  state.settled = false;
  guess = null;
  $('reveal').hidden = true;
  pending = true;
  setupDone = setupKey();
  setupRadius = settings().radius;
  buttons.setup.classList.remove('attention');
  send({ kind: 'setup', settings: settings() });
  setStatus('statusSetup');
  return true;
}

/** Whether to set up before going or stepping: never set up, or settings changed before the first step. */
const setupDue = (): boolean => !latest || (state.step === 0 && changedSinceSetup());

function stepOnce(): void {
  if (pending) return;
  if (setupDue()) {
    setup();
    return;
  }
  if (!takeGuess()) return;
  pending = true;
  send({ kind: 'step' });
}

/**
 * Read the prediction at the first step: a number from 0 to 100, or none (empty). Anything else
 * is refused with a message and nothing starts (a value is never silently changed, 150 to 100).
 */
function takeGuess(): boolean {
  if (guess !== null || !latest || latest.step !== 0) return true;
  const el = inputs.guess;
  const g = el.value.trim();
  const v = Number(g);
  const problem = el.validity.badInput || (g !== '' && !Number.isFinite(v)) ? 'guessNotNumber' : g !== '' && (v < 0 || v > 100) ? 'guessInvalid' : null;
  if (problem) {
    el.setAttribute('aria-invalid', 'true');
    setStatus(problem, { value: g });
    el.focus();
    return false;
  }
  el.removeAttribute('aria-invalid');
  if (g !== '') guess = v;
  return true;
}

function startGo(): void {
  if (setupDue() && !setup()) return;
  if (!takeGuess()) return;
  state.running = true;
  goStartedAt = performance.now();
  buttons.go.setAttribute('aria-pressed', 'true');
  buttons.go.textContent = t(state.lang, 'stop');
  setStatus('statusRunning');
  tick();
}

function stopGo(): void {
  if (state.running) state.goMs += performance.now() - goStartedAt;
  state.running = false;
  buttons.go.setAttribute('aria-pressed', 'false');
  buttons.go.textContent = t(state.lang, 'go');
}

/** While going: ask for the next step when the last one is drawn and the speed allows. */
function tick(): void {
  if (!state.running || pending || dirty) return;
  if (state.settled) {
    stopGo();
    setStatus('statusSettled', { step: state.step });
    reveal();
    return;
  }
  const sp = SPEEDS[Number(inputs.speed.value) - 1]!;
  const wait = Number.isFinite(sp) ? 1000 / sp - (performance.now() - lastStepAt) : 0;
  if (wait > 1) {
    setTimeout(tick, wait);
    return;
  }
  lastStepAt = performance.now();
  pending = true;
  send({ kind: 'step' });
}

buttons.setup.addEventListener('click', () => setup());
buttons.step.addEventListener('click', () => {
  stopGo();
  stepOnce();
});
buttons.go.addEventListener('click', () => {
  if (!state.running) {
    startGo();
    return;
  }
  stopGo();
  setStatus('statusStopped', { step: state.step });
  reveal();
});
for (const el of Object.values(inputs)) el.addEventListener('input', showOutputs);
// a setting that takes effect at setup, changed: say so, and mark the Setup button
for (const el of [inputs.density, inputs.groups, inputs.radius, inputs.size, inputs.seed])
  el.addEventListener('input', () => {
    const changed = changedSinceSetup();
    buttons.setup.classList.toggle('attention', changed);
    if (changed) setStatus('statusSetupNeeded');
  });
inputs.guess.addEventListener('input', () => inputs.guess.removeAttribute('aria-invalid'));
inputs.seed.addEventListener('input', () => inputs.seed.removeAttribute('aria-invalid'));
inputs.wanted.addEventListener('input', () => {
  send({ kind: 'wanted', wanted: Number(inputs.wanted.value) / 100 });
  state.settled = false; // another wish: households may want to move again
});
buttons.lang.addEventListener('click', () => setLang(state.lang === 'en' ? 'da' : 'en'));

// ------------------------------------------------------------------ drawing

const grid = $<HTMLCanvasElement>('grid');
const gctx = grid.getContext('2d')!;
const plot = $<HTMLCanvasElement>('plot');
const pctx = plot.getContext('2d')!;

const rgb = (hex: string): [number, number, number] => [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
const PALETTE = [rgb(EMPTY_COLOR), ...GROUP_COLORS.map(rgb)];

let image: ImageData | null = null;
function drawGrid(f: Frame): void {
  if (grid.width !== f.width || grid.height !== f.height) {
    grid.width = f.width;
    grid.height = f.height;
    image = null;
  }
  if (!image) image = gctx.createImageData(f.width, f.height);
  const px = image.data;
  const cells = f.cells;
  for (let c = 0; c < cells.length; c++) {
    const col = PALETTE[cells[c]!]!;
    px[4 * c] = col[0];
    px[4 * c + 1] = col[1];
    px[4 * c + 2] = col[2];
    px[4 * c + 3] = 255;
  }
  gctx.putImageData(image, 0, 0);
}

function drawPlot(): void {
  const dpr = window.devicePixelRatio || 1;
  const w = Math.round(plot.clientWidth * dpr);
  const h = Math.round(plot.clientHeight * dpr);
  if (plot.width !== w || plot.height !== h) {
    plot.width = w;
    plot.height = h;
  }
  const c = pctx;
  c.setTransform(dpr, 0, 0, dpr, 0, 0);
  const W = plot.clientWidth;
  const H = plot.clientHeight;
  c.clearRect(0, 0, W, H);
  const left = 38;
  const right = 8;
  const top = 8;
  const bottom = 20;
  const steps = Math.max(10, state.similar.length - 1);
  const x = (s: number) => left + ((W - left - right) * s) / steps;
  const y = (v: number) => top + (H - top - bottom) * (1 - v);
  c.font = '11px "DejaVu Sans", Arial, sans-serif';
  c.fillStyle = '#555';
  c.strokeStyle = '#e2e2e2';
  c.lineWidth = 1;
  c.textAlign = 'right';
  c.textBaseline = 'middle';
  for (const v of [0, 0.25, 0.5, 0.75, 1]) {
    c.beginPath();
    c.moveTo(left, y(v));
    c.lineTo(W - right, y(v));
    c.stroke();
    c.fillText(pct(v, 0), left - 4, y(v));
  }
  c.textAlign = 'center';
  c.textBaseline = 'top';
  const every = Math.max(1, Math.ceil(steps / 8 / 5) * 5);
  for (let s = 0; s <= steps; s += every) c.fillText(String(s), x(s), H - bottom + 4);
  const line = (vals: number[], color: string, dash: number[]) => {
    c.strokeStyle = color;
    c.lineWidth = 2.5;
    c.setLineDash(dash);
    c.beginPath();
    for (let s = 0; s < vals.length; s++) {
      if (s === 0) c.moveTo(x(s), y(vals[s]!));
      else c.lineTo(x(s), y(vals[s]!));
    }
    c.stroke();
    c.setLineDash([]);
  };
  line(state.similar, GROUP_COLORS[0], []);
  line(state.unhappy, '#b35900', [6, 4]);
}

function drawLegend(groups: number): void {
  const el = $('legend');
  el.innerHTML = '';
  for (let g = 0; g < groups; g++) {
    const s = document.createElement('span');
    s.style.setProperty('--c', GROUP_COLORS[g]!);
    s.textContent = `${t(state.lang, 'groupName')} ${g + 1}`;
    el.appendChild(s);
  }
}

/** The share of households with no neighbour in the frame drawn: "% similar" leaves them out, and they count as content. */
let aloneShare = 0;
function showAlone(): void {
  const el = $('alone');
  el.hidden = aloneShare === 0;
  el.textContent = el.hidden ? '' : t(state.lang, 'alone', { share: share(aloneShare) });
}

let legendGroups = 0;
function draw(): void {
  if (!dirty || !latest) return;
  dirty = false;
  const f = latest;
  drawGrid(f);
  if (legendGroups !== f.groups) {
    legendGroups = f.groups;
    drawLegend(legendGroups);
  }
  $('similar').textContent = share(f.similar);
  $('unhappy').textContent = share(f.unhappy);
  $('steps').textContent = String(f.step);
  const a = alone(f.cells, f.width, f.height, setupRadius);
  aloneShare = a.households ? a.alone / a.households : 0;
  showAlone();
  drawPlot();
  if (state.running) {
    state.goSteps++;
    tick();
  } else if (f.step > 0 && f.unhappy === 0) {
    setStatus('statusSettled', { step: f.step });
    reveal();
  }
}

// ------------------------------------------------------------------ language

function setLang(lang: Lang): void {
  state.lang = lang;
  document.documentElement.lang = lang;
  for (const el of document.querySelectorAll<HTMLElement>('[data-text]')) el.textContent = t(lang, el.dataset.text as TextKey);
  buttons.lang.textContent = t(lang, 'langSwitch');
  buttons.lang.setAttribute('aria-label', t(lang, 'langSwitchLabel'));
  buttons.go.textContent = t(lang, state.running ? 'stop' : 'go');
  grid.setAttribute('aria-label', t(lang, 'gridLabel'));
  plot.setAttribute('aria-label', t(lang, 'plotLabel'));
  inputs.guess.placeholder = t(lang, 'predictPlaceholder');
  $('status').textContent = t(lang, statusKey, statusVars);
  if (legendGroups) drawLegend(legendGroups);
  if (!$('reveal').hidden) reveal();
  showAlone();
  showOutputs();
  if (latest) {
    $('similar').textContent = share(latest.similar);
    $('unhappy').textContent = share(latest.unhappy);
  }
  // the plot's axis in the new language's per cents ("100 %" in Danish)
  drawPlot();
  estate.relabel();
}

// ------------------------------------------------------------------ modes

const estate = initEstate(workerUrl, () => state.lang);
(window as unknown as { __estate: typeof estate }).__estate = estate;
function setMode(mode: 'schelling' | 'estate'): void {
  $('schelling-mode').hidden = mode !== 'schelling';
  $('estate-mode').hidden = mode !== 'estate';
  $('mode-schelling').setAttribute('aria-pressed', String(mode === 'schelling'));
  $('mode-estate').setAttribute('aria-pressed', String(mode === 'estate'));
  $('subtitle').dataset.text = mode === 'estate' ? 'subtitleEstate' : 'subtitle';
  $('subtitle').textContent = t(state.lang, $('subtitle').dataset.text as TextKey);
  if (mode === 'estate') stopGo();
}
$('mode-schelling').addEventListener('click', () => setMode('schelling'));
$('mode-estate').addEventListener('click', () => setMode('estate'));

setLang(navigator.language?.toLowerCase().startsWith('da') ? 'da' : 'en');
setStatus('statusReady');
window.addEventListener('resize', () => drawPlot());
setup();
state.ready = true;
