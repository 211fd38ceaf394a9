/**
 * The studio's estate mode: choose a preset (the shipped scenarios, resolved when the page was
 * written), run N replications in Web Workers (the same model and seeds as `nabolag run`) with a
 * progress bar, and watch the resource-strong share and the families with children, mean and
 * 5-95% band, update as replications finish; export the scenario as YAML.
 *
 * Not yet here (issue 21, part 3): levers, the difference to a baseline, the animated map, the
 * spiral demonstration, opening a scenario file, chart export.
 */
import { stringify } from 'yaml';
import type { Scenario } from '../scenario/schema.js';
import type { FromWorker, ToWorker } from './protocol.js';
import { GROUP_COLORS } from './palette.js';
import type { Lang } from './text.js';
import { t } from './text.js';

type Done = Extract<FromWorker, { kind: 'estate-done' }>;

export interface EstateState {
  running: boolean;
  total: number;
  /** Finished replications, by replication index. */
  done: Done[];
  ms: number;
  errors: string[];
  /** The YAML the last export wrote. */
  exported: string;
  /** Write the progress text again (after a language switch). */
  relabel: () => void;
}

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

/** Mean and nearest-rank 5th and 95th percentiles of each column of `rows`. */
function bands(rows: number[][]): { mean: number; p5: number; p95: number }[] {
  if (rows.length === 0) return [];
  return rows[0]!.map((_, y) => {
    const v = rows.map((r) => r[y]!).sort((a, b) => a - b);
    const q = (p: number) => v[Math.min(v.length - 1, Math.max(0, Math.round(p * (v.length - 1))))]!;
    return { mean: v.reduce((a, b) => a + b, 0) / v.length, p5: q(0.05), p95: q(0.95) };
  });
}

/** A line with its band on a canvas; `percent` formats the axis as %. */
function bandChart(canvas: HTMLCanvasElement, years: number[], rows: number[][], percent: boolean): void {
  const dpr = window.devicePixelRatio || 1;
  const W = canvas.clientWidth;
  const H = canvas.clientHeight;
  if (canvas.width !== Math.round(W * dpr) || canvas.height !== Math.round(H * dpr)) {
    canvas.width = Math.round(W * dpr);
    canvas.height = Math.round(H * dpr);
  }
  const c = canvas.getContext('2d')!;
  c.setTransform(dpr, 0, 0, dpr, 0, 0);
  c.clearRect(0, 0, W, H);
  const b = bands(rows);
  if (b.length === 0) return;
  // counts: an axis from a round number below the lowest to one above the highest (4 steps of 1, 2 or 5 x 10^k)
  const min = Math.min(...b.map((p) => p.p5));
  const max = Math.max(...b.map((p) => p.p95));
  const raw = Math.max(1, (max - min) / 4);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const tick = ([1, 2, 5, 10].find((m) => m * mag >= raw) ?? 10) * mag;
  const lo = percent ? 0 : Math.floor(min / tick) * tick;
  const hi = percent ? 1 : Math.max(lo + 4 * tick, Math.ceil(max / tick) * tick);
  const ticks = percent ? [0, 0.25, 0.5, 0.75, 1] : Array.from({ length: Math.round((hi - lo) / tick) + 1 }, (_, k) => lo + k * tick);
  const left = 48;
  const right = 10;
  const top = 10;
  const bottom = 24;
  const x = (i: number) => left + ((W - left - right) * i) / Math.max(1, years.length - 1);
  const y = (v: number) => top + (H - top - bottom) * (1 - (v - lo) / (hi - lo || 1));
  c.font = '11px "DejaVu Sans", Arial, sans-serif';
  c.fillStyle = '#555';
  c.strokeStyle = '#e2e2e2';
  c.textAlign = 'right';
  c.textBaseline = 'middle';
  for (const v of ticks) {
    c.beginPath();
    c.moveTo(left, y(v));
    c.lineTo(W - right, y(v));
    c.stroke();
    c.fillText(percent ? `${Math.round(v * 100)}%` : String(Math.round(v)), left - 4, y(v));
  }
  c.textAlign = 'center';
  c.textBaseline = 'top';
  const every = Math.max(1, Math.ceil(years.length / 8));
  for (let i = 0; i < years.length; i += every) c.fillText(String(years[i]), x(i), H - bottom + 5);
  c.fillStyle = 'rgba(0, 114, 178, 0.18)';
  c.beginPath();
  for (let i = 0; i < b.length; i++) {
    if (i === 0) c.moveTo(x(i), y(b[i]!.p95));
    else c.lineTo(x(i), y(b[i]!.p95));
  }
  for (let i = b.length - 1; i >= 0; i--) c.lineTo(x(i), y(b[i]!.p5));
  c.closePath();
  c.fill();
  c.strokeStyle = GROUP_COLORS[0];
  c.lineWidth = 2.5;
  c.beginPath();
  for (let i = 0; i < b.length; i++) {
    if (i === 0) c.moveTo(x(i), y(b[i]!.mean));
    else c.lineTo(x(i), y(b[i]!.mean));
  }
  c.stroke();
}

/** Wire the estate mode's controls; `workerUrl` is the page's worker script, `lang` the current language. */
export function initEstate(workerUrl: string, lang: () => Lang): EstateState {
  const presets = JSON.parse($('nabolag-presets').textContent || '[]') as { file: string; scenario: Scenario }[];
  const state: EstateState = { running: false, total: 0, done: [], ms: 0, errors: [], exported: '', relabel: () => {} };
  const select = $<HTMLSelectElement>('estate-preset');
  for (const [k, p] of presets.entries()) {
    const o = document.createElement('option');
    o.value = String(k);
    o.textContent = `${p.scenario.name} (${p.file})`;
    select.appendChild(o);
  }
  const reps = $<HTMLInputElement>('estate-replications');
  const seed = $<HTMLInputElement>('estate-seed');
  const progress = $<HTMLProgressElement>('estate-progress');
  const progressText = $('estate-progress-text');
  const share = $<HTMLCanvasElement>('estate-share-chart');
  const families = $<HTMLCanvasElement>('estate-families-chart');

  const chosen = (): Scenario => {
    const p = presets[Number(select.value)]!;
    const n = Math.max(1, Math.min(200, Math.floor(Number(reps.value) || 1)));
    const s = Math.max(0, Math.min(4294967295, Math.floor(Number(seed.value) || 0)));
    return { ...p.scenario, replications: n, seed: s };
  };
  const describe = () => {
    $('estate-description').textContent = presets[Number(select.value)]?.scenario.description ?? '';
  };
  select.addEventListener('change', describe);
  describe();

  const draw = () => {
    const done = state.done.filter((d) => d !== undefined);
    if (done.length === 0) return;
    bandChart(
      share,
      done[0]!.years,
      done.map((d) => d.share),
      true,
    );
    bandChart(
      families,
      done[0]!.years,
      done.map((d) => d.families),
      false,
    );
  };
  const showProgress = () => {
    const n = state.done.filter((d) => d !== undefined).length;
    progress.max = Math.max(1, state.total);
    progress.value = n;
    progressText.textContent = state.total ? t(lang(), 'estateProgress', { done: n, total: state.total, seconds: (state.ms / 1000).toFixed(1) }) : '';
  };

  let pool: Worker[] = [];
  let generation = 0;
  const run = () => {
    const sc = chosen();
    generation++;
    const gen = generation;
    for (const w of pool) w.terminate(); // a new run replaces one still going
    const n = Math.max(1, Math.min(4, navigator.hardwareConcurrency || 2, sc.replications));
    pool = Array.from({ length: n }, () => new Worker(workerUrl));
    state.running = true;
    state.total = sc.replications;
    state.done = [];
    state.ms = 0;
    const t0 = performance.now();
    let next = 0;
    // the estates are anchored once, by the first worker, and every worker runs the anchored scenario
    let anchored: Scenario | null = null;
    const give = (w: Worker) => {
      if (!anchored || next >= sc.replications) return;
      const m: ToWorker = { kind: 'estate', scenario: anchored, replication: next++ };
      w.postMessage(m);
    };
    for (const w of pool) {
      w.onmessage = (e: MessageEvent<FromWorker>) => {
        if (gen !== generation) return;
        const m = e.data;
        if (m.kind === 'error') {
          state.errors.push(m.message);
          progressText.textContent = t(lang(), 'error', { message: m.message });
          state.running = false;
          return;
        }
        if (m.kind === 'anchored') {
          anchored = m.scenario;
          showProgress();
          for (const x of pool) give(x);
          return;
        }
        if (m.kind !== 'estate-done') return;
        state.done[m.replication] = m;
        state.ms = performance.now() - t0;
        showProgress();
        requestAnimationFrame(draw);
        if (state.done.filter((d) => d !== undefined).length === sc.replications) {
          state.running = false;
          for (const x of pool) x.terminate();
          pool = [];
        } else give(w);
      };
    }
    const anchorMessage: ToWorker = { kind: 'anchor', scenario: sc };
    pool[0]!.postMessage(anchorMessage);
    const anchoring = () => {
      if (gen !== generation || anchored || !state.running) return;
      progressText.textContent = t(lang(), 'estateAnchoring', { seconds: ((performance.now() - t0) / 1000).toFixed(1) });
      setTimeout(anchoring, 250);
    };
    anchoring();
  };
  $('estate-run').addEventListener('click', run);

  $('estate-export').addEventListener('click', () => {
    const sc = chosen();
    const text = `# Exported from the nabolag studio: ${sc.name}, ${sc.replications} replications, seed ${sc.seed}.\n${stringify(sc)}`;
    state.exported = text;
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([text], { type: 'application/yaml' }));
    a.download = `${sc.name}.yaml`;
    document.body.appendChild(a);
    a.click();
    a.remove();
  });

  window.addEventListener('resize', draw);
  state.relabel = showProgress;
  return state;
}
