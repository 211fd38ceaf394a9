/**
 * The studio's estate mode: choose a preset (the shipped scenarios, resolved when the page was
 * written), switch levers on and size and date them, run N replications in Web Workers (the
 * same model and seeds as `nabolag run`) with a progress bar, and watch the charts update as
 * replications finish: the resource-strong share and the families with children (mean and
 * 5-95% band), and, when a lever is on, the difference to the baseline. The baseline (the
 * scenario without levers) runs on the same replication seeds (common random numbers, as
 * `nabolag compare`), so the difference is taken replication by replication. The first
 * replication records the estate map month by month, which plays with play/pause. A spiral
 * demonstration scales the image's effects and adds a shock (some years of 100% municipal
 * allocation). Export writes the edited scenario as YAML, each chart as SVG or PNG.
 */
import { stringify } from '../yaml.js';
import type { Policy } from '../scenario/policies.js';
import { type Scenario, spiralSchema } from '../scenario/schema.js';
import { type DiffBands, type Drawing, type MapPanel, SvgPaint, bandChart, diffBands, diffChart, mapDrawing, mapHeight, paintCanvas } from './charts.js';
import { LEVERS, LEVER_KINDS, leverProblem, newLever, runFieldProblem, sizeSchema } from './levers.js';
import type { EstateRole, FromWorker, ToWorker } from './protocol.js';
import { GROUP_COLORS } from './palette.js';
import { checkedScenario } from './scenario.js';
import { openScenarioText } from './open.js';
import { MAX_SCENARIO_FILE_BYTES } from '../scenario/parse.js';
import { studentTQuantile } from '../analysis/inference.js';
import type { Lang, TextKey } from './text.js';
import { num, presetDescription, t } from './text.js';

type Done = Extract<FromWorker, { kind: 'estate-done' }>;

/** At most this many bytes of map snapshots per replication (an assumption: keeps a large region's page responsive); above it, every k-th month. */
export const MAP_BYTES = 8_000_000;
/** Milliseconds between two months of the playing map (about 8 months a second: 15 years in about 20 s). Assumption. */
export const MAP_FRAME_MS = 120;
/** The spiral demonstration's shock: municipal allocation of every vacant family dwelling, starting this many years after the start year. */
export const SHOCK_DELAY_YEARS = 2;

export interface EstateState {
  running: boolean;
  /** Replications of each scenario in the last run. */
  total: number;
  /** Finished replications of the scenario as set (with its levers), by replication index. */
  done: Done[];
  /** Finished replications of the baseline (only when levers are on), by replication index. */
  baseline: Done[];
  /** Whether the last run had levers (and so a baseline). */
  paired: boolean;
  /** The paired differences of the resource-strong share (scenario minus baseline), as drawn. */
  diff: DiffBands | null;
  /** Milliseconds from the click on run to the last replication finished, and of them spent anchoring (0: anchored before, by an earlier run). */
  ms: number;
  anchorMs: number;
  errors: string[];
  /** The YAML the last export wrote. */
  exported: string;
  /** The last chart file saved: its name and (for SVG) its text, (for PNG) its size in bytes. */
  chartFile: { name: string; svg?: string; pngBytes?: number } | null;
  /** The map: snapshot shown, of how many, and whether it plays. */
  mapIndex: number;
  mapFrames: number;
  playing: boolean;
  /** The levers as set in the page (on or off). */
  levers: { policy: Policy; on: boolean }[];
  /** Write the texts made here again (after a language switch). */
  relabel: () => void;
}

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

/** Below this many replications the difference chart says its interval is wide (as `nabolag compare` does; analysis/drift.ts DRIFT_FEW_REPLICATIONS). */
const FEW_REPLICATIONS = 10;
/** The spiral slider's largest multiple (the page's own range); less where the schema's limits allow less. */
const SPIRAL_MAX = 4;
/** The standard normal's 95th percentile: single replications' 5-95% spread reaches this many standard deviations each side. */
const Z_95 = 1.6448536269514722;

/** A scenario's anchoring input: what anchoring reads (not its name, seeds, replications or levers). */
const anchorInput = (sc: Scenario): string => JSON.stringify({ ...sc, name: '', description: '', seed: 0, replications: 0, policies: [], output: null });

/** Wire the estate mode's controls; `workerUrl` is the page's worker script, `lang` the current language. */
export function initEstate(workerUrl: string, lang: () => Lang): EstateState {
  const presets = JSON.parse($('nabolag-presets').textContent || '[]') as { file: string; scenario: Scenario }[];
  const state: EstateState = {
    running: false,
    total: 0,
    done: [],
    baseline: [],
    paired: false,
    diff: null,
    ms: 0,
    anchorMs: 0,
    errors: [],
    exported: '',
    chartFile: null,
    mapIndex: 0,
    mapFrames: 0,
    playing: false,
    levers: [],
    relabel: () => {},
  };
  const tx = (key: TextKey, vars: Record<string, string | number> = {}) => t(lang(), key, vars);
  const select = $<HTMLSelectElement>('estate-preset');
  /** How many of the presets are shipped ones (those after them are files opened in the page). */
  const shipped = presets.length;
  for (const [k, p] of presets.entries()) {
    const o = document.createElement('option');
    o.value = String(k);
    // the name only: with its path ("ringparken-like (scenarios/presets/ringparken-like.yaml)") the entry was cut in the
    // column even at 1366 wide; the file is named under the list (describe)
    o.textContent = p.scenario.name;
    select.appendChild(o);
  }
  const reps = $<HTMLInputElement>('estate-replications');
  const seed = $<HTMLInputElement>('estate-seed');
  const progress = $<HTMLProgressElement>('estate-progress');
  const progressText = $('estate-progress-text');
  const message = $('estate-message');
  /** The message shown, made in the page's language when shown and again after a language switch. */
  let said: (() => string) | null = null;
  const say = (text: () => string) => {
    said = text;
    message.textContent = text();
  };
  for (const el of [reps, seed]) el.addEventListener('input', () => el.removeAttribute('aria-invalid'));
  const spiral = $<HTMLInputElement>('estate-spiral');
  const stale = $('estate-stale');
  /** Settings changed after a run: its charts are no longer of what the page shows (the export writes what it shows). */
  const markStale = () => {
    if (state.total > 0) stale.hidden = false;
  };
  const shockYears = $<HTMLInputElement>('estate-shock-years');
  const kind = $<HTMLSelectElement>('estate-lever-kind');
  const list = $('estate-lever-list');
  const canvases = {
    share: $<HTMLCanvasElement>('estate-share-chart'),
    diff: $<HTMLCanvasElement>('estate-diff-chart'),
    families: $<HTMLCanvasElement>('estate-families-chart'),
    map: $<HTMLCanvasElement>('estate-map'),
  };
  const mapSlider = $<HTMLInputElement>('estate-map-month');
  const play = $<HTMLButtonElement>('estate-map-play');

  const preset = (): { file: string; scenario: Scenario } => presets[Number(select.value)] ?? presets[0]!;
  const startYear = () => preset().scenario.startYear;

  /** The scenario as set in the page: the preset, replications, seed, spiral strength and the levers that are on; checked as a file is. */
  const chosen = (): Scenario => {
    const p = preset().scenario;
    const n = Math.max(1, Math.min(200, Math.floor(Number(reps.value) || 1)));
    const s = Math.max(0, Math.min(4294967295, Math.floor(Number(seed.value) || 0)));
    // the fields show what runs (a count of 0 or 250, a seed of -1 typed: 1, 200, 0; an empty field is refused before: valid)
    if (reps.value !== String(n)) reps.value = String(n);
    if (seed.value !== String(s)) seed.value = String(s);
    const k = Number(spiral.value);
    const raw = {
      ...p,
      replications: n,
      seed: s,
      spiral: k === 1 ? p.spiral : { ...p.spiral, imageOnApplicants: p.spiral.imageOnApplicants * k, imageOnStaying: p.spiral.imageOnStaying * k },
      policies: state.levers.filter((l) => l.on).map((l) => l.policy),
    };
    return checkedScenario(raw, `${p.name}.yaml`);
  };

  const describe = () => {
    const p = preset();
    $('estate-description').textContent = p ? `${presetDescription(lang(), p.file, p.scenario.description)} ${tx('estateFile', { file: p.file })}`.trim() : '';
  };
  // the spiral slider reaches as far as the schema allows for this estate's own strengths (a
  // stronger multiple would be refused as a run, naming fields the user never touched)
  const spiralLimit = (sc: Scenario): number => {
    const f = spiralSchema.fields;
    const k = Math.min(
      SPIRAL_MAX,
      (f.imageOnApplicants.max ?? Infinity) / Math.max(1e-9, sc.spiral.imageOnApplicants),
      (f.imageOnStaying.max ?? Infinity) / Math.max(1e-9, sc.spiral.imageOnStaying),
    );
    return Math.floor(k * 4) / 4;
  };
  const choose = () => {
    const sc = preset().scenario;
    spiral.max = String(spiralLimit(sc));
    if (Number(spiral.value) > Number(spiral.max)) spiral.value = spiral.max;
    $('estate-spiral-out').textContent = `× ${num(lang(), Number(spiral.value), 2)}`;
    state.levers = (sc.policies ?? []).map((policy) => ({ policy, on: true }));
    reps.value = String(Math.min(200, sc.replications));
    seed.value = String(sc.seed);
    renderLevers();
    describe();
  };
  select.addEventListener('change', () => {
    message.textContent = '';
    clearResults();
    choose();
  });

  // a scenario file the user opens: checked as the command line checks it, then offered as a preset
  const open = $<HTMLInputElement>('estate-open');
  open.addEventListener('change', async () => {
    const f = open.files?.[0];
    if (!f) return;
    const text = f.size > MAX_SCENARIO_FILE_BYTES ? '' : await f.text();
    open.value = '';
    const r = openScenarioText(f.name, text, f.size);
    if ('message' in r) {
      say(() => tx('estateOpenInvalid', { message: r.message }));
      return;
    }
    if (r.scenario.schelling) {
      say(() => tx('estateOpenSchelling', { file: f.name }));
      return;
    }
    // a file opened again (edited, or the same) replaces its earlier entry: the list never shows it twice
    const label = `${r.scenario.name} (${f.name})`;
    const again = [...select.options].find((x) => Number(x.value) >= shipped && presets[Number(x.value)]?.file === f.name);
    // another estate: the last run's charts and map are not this one's
    clearResults();
    if (again) {
      presets[Number(again.value)] = { file: f.name, scenario: r.scenario };
      again.textContent = label;
      select.value = again.value;
    } else {
      presets.push({ file: f.name, scenario: r.scenario });
      const o = document.createElement('option');
      o.value = String(presets.length - 1);
      o.textContent = label;
      select.appendChild(o);
      select.value = o.value;
    }
    choose();
    message.textContent = '';
    progressText.textContent = tx('estateOpened', { file: f.name });
  });
  describe();

  // ---------------------------------------------------------------- levers

  const fillKinds = () => {
    const v = kind.value;
    kind.innerHTML = '';
    for (const k of LEVER_KINDS) {
      const o = document.createElement('option');
      o.value = k;
      o.textContent = LEVERS[k].name[lang()];
      kind.appendChild(o);
    }
    if (v) kind.value = v;
  };

  const numberInput = (testid: string, value: number | undefined, min: number, max: number, step: number | 'any', onSet: (v: number | undefined) => void) => {
    const el = document.createElement('input');
    el.type = 'number';
    el.dataset.testid = testid;
    el.min = String(min);
    el.max = String(max);
    el.step = String(step);
    if (value !== undefined) el.value = String(value);
    el.addEventListener('input', () => {
      onSet(el.value.trim() === '' ? undefined : Number(el.value));
      message.textContent = '';
    });
    return el;
  };
  const labelled = (text: string, input: HTMLElement) => {
    const l = document.createElement('label');
    l.className = 'field';
    const s = document.createElement('span');
    s.textContent = text;
    l.append(s, input);
    return l;
  };

  function renderLevers(): void {
    markStale();
    list.innerHTML = '';
    const y0 = startYear();
    const y1 = y0 + preset().scenario.years;
    if (state.levers.length === 0) {
      const p = document.createElement('p');
      p.className = 'note';
      p.textContent = tx('estateLeversNone');
      list.appendChild(p);
    }
    state.levers.forEach((row, idx) => {
      const k = row.policy.lever;
      const box = document.createElement('div');
      box.className = 'lever';
      box.dataset.testid = 'estate-lever';
      const head = document.createElement('div');
      head.className = 'lever-head';
      const on = document.createElement('input');
      on.type = 'checkbox';
      on.checked = row.on;
      on.dataset.testid = 'estate-lever-on';
      on.addEventListener('change', () => {
        row.on = on.checked;
      });
      const name = document.createElement('label');
      name.append(on, ` ${LEVERS[k].name[lang()]}`);
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.className = 'remove';
      remove.textContent = '×';
      remove.dataset.testid = 'estate-lever-remove';
      remove.setAttribute('aria-label', tx('estateLeverRemove', { name: LEVERS[k].name[lang()] }));
      remove.addEventListener('click', () => {
        state.levers.splice(idx, 1);
        renderLevers();
        kind.focus();
      });
      head.append(name, remove);
      box.appendChild(head);
      const p = row.policy as unknown as Record<string, unknown>;
      const size = LEVERS[k].size;
      const sch = sizeSchema(k);
      if (size && sch) {
        const step = sch.integer ? 1 : (sch.max ?? 1) - (sch.min ?? 0) <= 2 ? 0.01 : 0.1;
        const input = numberInput('estate-lever-size', p[size.field] as number | undefined, sch.min ?? 0, sch.max ?? 1e6, step, (v) => {
          if (v === undefined) delete p[size.field];
          else p[size.field] = v;
        });
        input.title = sch.description;
        box.appendChild(labelled(size.label[lang()], input));
      }
      // a region: which of its estates the lever acts on (the scenario's `estate`; every one when left out)
      const estates = preset().scenario.estates;
      if (estates.length > 1) {
        const which = document.createElement('select');
        which.dataset.testid = 'estate-lever-estate';
        const every = document.createElement('option');
        every.value = '';
        every.textContent = tx('estateLeverEveryEstate');
        which.appendChild(every);
        for (const [i, e] of estates.entries()) {
          const o = document.createElement('option');
          o.value = String(i);
          o.textContent = e.name;
          which.appendChild(o);
        }
        which.value = typeof p.estate === 'number' ? String(p.estate) : '';
        which.addEventListener('change', () => {
          if (which.value === '') delete p.estate;
          else p.estate = Number(which.value);
          message.textContent = '';
        });
        box.appendChild(labelled(tx('estateLeverEstate'), which));
      }
      const years = document.createElement('div');
      years.className = 'lever-years';
      years.append(
        labelled(
          tx('estateLeverFrom'),
          numberInput('estate-lever-from', row.policy.from, y0, y1, 1, (v) => {
            p.from = v;
          }),
        ),
      );
      const until = numberInput('estate-lever-until', row.policy.until, y0, y1, 1, (v) => {
        if (v === undefined) delete p.until;
        else p.until = v;
      });
      until.placeholder = tx('estateLeverEnd');
      years.append(labelled(tx('estateLeverUntil'), until));
      box.appendChild(years);
      list.appendChild(box);
    });
  }

  $('estate-lever-add').addEventListener('click', () => {
    const k = kind.value as Policy['lever'];
    state.levers.push({ policy: newLever(k, startYear() + 1), on: true });
    renderLevers();
  });
  $('estate-shock').addEventListener('click', () => {
    // an empty or impossible number of years is refused, not run as some other number
    const most = Math.max(1, preset().scenario.years - SHOCK_DELAY_YEARS);
    const typed = shockYears.value.trim();
    const n = typed === '' ? Number.NaN : Number(typed);
    if (!Number.isInteger(n) || n < 1 || n > most) {
      say(() => tx(typed === '' ? 'estateShockYearsEmpty' : 'estateShockYearsInvalid', { value: num(lang(), n, Number.isInteger(n) ? 0 : 1), most }));
      shockYears.focus();
      return;
    }
    message.textContent = '';
    const from = startYear() + SHOCK_DELAY_YEARS;
    state.levers.push({ policy: { lever: 'municipalAllocation', share: 1, from, until: from + n } as Policy, on: true });
    renderLevers();
  });
  const showSpiral = () => {
    $('estate-spiral-out').textContent = `× ${num(lang(), Number(spiral.value), 2)}`;
  };
  spiral.addEventListener('input', showSpiral);
  spiral.max = String(spiralLimit(preset().scenario));
  showSpiral();
  // any setting changed after a run (a lever added or removed re-renders the list: renderLevers)
  const controls = $('estate-mode').querySelector('.controls')!;
  for (const type of ['input', 'change']) controls.addEventListener(type, markStale);

  // ---------------------------------------------------------------- charts

  const monthNames = () => tx('months').split(',');
  const drawings = (): Record<keyof typeof canvases, { title: string; draw: Drawing; panels?: MapPanel[] } | null> => {
    const main = state.done.filter((d) => d !== undefined);
    const base = state.baseline.filter((d) => d !== undefined);
    const years = (main[0] ?? base[0])?.years ?? [];
    const series = (pick: (d: Done) => number[]) => [
      ...(state.paired ? [{ label: tx('estateSeriesBaseline'), color: '#555555', fill: 'rgba(85, 85, 85, 0.15)', rows: base.map(pick), dashed: true }] : []),
      { label: tx('estateSeriesScenario'), color: GROUP_COLORS[0], fill: 'rgba(0, 114, 178, 0.18)', rows: main.map(pick) },
    ];
    const panels: MapPanel[] = [];
    const b0 = state.baseline[0]?.map;
    const s0 = state.done[0]?.map;
    if (state.paired && b0) panels.push({ title: tx('estateSeriesBaseline'), ...b0 });
    if (s0) panels.push({ title: state.paired ? tx('estateSeriesScenario') : tx('estateMapOne'), ...s0 });
    const months = (s0 ?? b0)?.months ?? [];
    const m = months[Math.min(state.mapIndex, months.length - 1)] ?? 0;
    const date = `${monthNames()[m % 12]} ${startYear() + Math.floor(m / 12)}`;
    return {
      share: years.length
        ? {
            title: tx('estateShareTitle'),
            draw: bandChart(
              years,
              series((d) => d.share),
              true,
            ),
          }
        : null,
      families: years.length
        ? {
            title: tx('estateFamiliesTitle'),
            draw: bandChart(
              years,
              series((d) => d.families),
              false,
            ),
          }
        : null,
      diff: state.diff?.n
        ? {
            title: tx('estateDiffTitle'),
            draw: diffChart(state.diff, { mean: tx('estateDiffMean'), ci: tx('estateDiffCi'), spread: tx('estateDiffSpread') }),
          }
        : null,
      map: panels.length
        ? {
            title: `${tx('estateMapTitle')}: ${date}`,
            panels,
            draw: mapDrawing(panels, state.mapIndex, {
              strong: tx('mapStrong'),
              other: tx('mapOther'),
              vacant: tx('mapVacant'),
              family: tx('mapFamily'),
              single: tx('mapSingle'),
            }),
          }
        : null,
    };
  };

  /**
   * The few-replications note for n replications: how many standard errors the interval of the
   * mean reaches (t on n − 1 degrees of freedom), and whether that is wider than the 5-95% spread
   * of single replications (t/√n above 1.645: n of 2 and 3).
   */
  const fewText = (n: number): string => {
    if (n < 2) return tx('estateDiffOne', { more: FEW_REPLICATIONS });
    const q = studentTQuantile(0.975, n - 1);
    return tx('estateDiffFew', { n, more: FEW_REPLICATIONS, t: num(lang(), q, 1), wider: q / Math.sqrt(n) > Z_95 ? tx('estateDiffFewWider') : '' });
  };

  const draw = () => {
    const d = drawings();
    // the map as tall as its flats need at this width (within bounds)
    if (d.map?.panels) canvases.map.style.height = `${Math.max(120, Math.min(520, mapHeight(d.map.panels, canvases.map.clientWidth)))}px`;
    for (const key of Object.keys(canvases) as (keyof typeof canvases)[]) {
      const c = canvases[key];
      const one = d[key];
      paintCanvas(c, one ? one.draw : () => {});
      c.setAttribute('aria-label', one?.title ?? '');
    }
    // a chart not drawn has nothing to save: its buttons are off (and out of the keyboard's way), as Play is before a run
    for (const b of document.querySelectorAll<HTMLButtonElement>('button[data-chart]')) b.disabled = !d[b.dataset.chart as keyof typeof canvases];
    $('estate-diff-empty').hidden = state.diff !== null && state.diff.n > 0;
    // few replications: the interval of the mean is wider than the spread of single ones (t on n - 1 degrees of freedom)
    const few = $('estate-diff-few');
    const n = state.diff?.n ?? 0;
    few.hidden = !(n > 0 && n < FEW_REPLICATIONS);
    few.textContent = few.hidden ? '' : fewText(n);
    const frames = state.mapFrames;
    mapSlider.max = String(Math.max(0, frames - 1));
    mapSlider.value = String(state.mapIndex);
    mapSlider.disabled = frames === 0;
    play.disabled = frames === 0;
    $('estate-map-date').textContent = d.map ? d.map.title.split(': ').pop()! : '';
  };
  let drawPending = false;
  const redraw = () => {
    if (drawPending) return;
    drawPending = true;
    requestAnimationFrame(() => {
      drawPending = false;
      draw();
    });
  };

  /** Save a chart as SVG or PNG (its title above it), at the size it has on the page. */
  const saveChart = (key: keyof typeof canvases, format: 'svg' | 'png') => {
    const one = drawings()[key];
    if (!one) return;
    const c = canvases[key];
    const W = c.clientWidth;
    const H = c.clientHeight;
    const titleH = 26;
    const name = `nabolag-${preset().scenario.name}-${key}.${format}`;
    const download = (blob: Blob) => {
      const a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = name;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
    };
    if (format === 'svg') {
      const sp = new SvgPaint(W, H + titleH);
      sp.font = 'bold 13px "DejaVu Sans", Arial, sans-serif';
      sp.fillStyle = '#1d1d1d';
      sp.textBaseline = 'top';
      sp.fillText(one.title, 8, 6);
      const body = new SvgPaint(W, H);
      one.draw(body, W, H);
      const svg = sp.svg().replace(
        '</svg>',
        `<g transform="translate(0 ${titleH})">\n${body
          .svg()
          .replace(/^<svg[^>]*>\n<rect[^>]*>\n/, '')
          .replace(/<\/svg>\n$/, '')}</g>\n</svg>`,
      );
      state.chartFile = { name, svg };
      download(new Blob([svg], { type: 'image/svg+xml' }));
      return;
    }
    const scale = 2;
    const off = document.createElement('canvas');
    off.width = W * scale;
    off.height = (H + titleH) * scale;
    const g = off.getContext('2d')!;
    g.scale(scale, scale);
    g.fillStyle = '#ffffff';
    g.fillRect(0, 0, W, H + titleH);
    g.font = 'bold 13px "DejaVu Sans", Arial, sans-serif';
    g.fillStyle = '#1d1d1d';
    g.textBaseline = 'top';
    g.fillText(one.title, 8, 6);
    g.translate(0, titleH);
    one.draw(g, W, H);
    off.toBlob((blob) => {
      if (!blob) return;
      state.chartFile = { name, pngBytes: blob.size };
      download(blob);
    }, 'image/png');
  };
  for (const b of document.querySelectorAll<HTMLButtonElement>('button[data-chart]'))
    b.addEventListener('click', () => saveChart(b.dataset.chart as keyof typeof canvases, b.dataset.format as 'svg' | 'png'));

  // ---------------------------------------------------------------- the map's animation

  let timer: ReturnType<typeof setTimeout> | undefined;
  const setPlaying = (on: boolean) => {
    state.playing = on;
    play.setAttribute('aria-pressed', String(on));
    play.textContent = tx(on ? 'estateMapPause' : 'estateMapPlay');
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (on) {
      if (state.mapIndex >= state.mapFrames - 1) state.mapIndex = 0;
      const tick = () => {
        if (!state.playing) return;
        if (state.mapIndex >= state.mapFrames - 1) {
          setPlaying(false);
          return;
        }
        state.mapIndex++;
        redraw();
        timer = setTimeout(tick, MAP_FRAME_MS);
      };
      redraw();
      timer = setTimeout(tick, MAP_FRAME_MS);
    }
  };
  play.addEventListener('click', () => setPlaying(!state.playing));
  mapSlider.addEventListener('input', () => {
    setPlaying(false);
    state.mapIndex = Number(mapSlider.value);
    redraw();
  });

  // ---------------------------------------------------------------- running

  const showProgress = () => {
    const n = state.done.filter((d) => d !== undefined).length + state.baseline.filter((d) => d !== undefined).length;
    const all = state.total * (state.paired ? 2 : 1);
    progress.max = Math.max(1, all);
    progress.value = n;
    const seconds = num(lang(), state.ms / 1000, 1);
    progressText.textContent = !state.total
      ? ''
      : state.paired
        ? tx(state.total === 1 ? 'estateProgressPairedOne' : 'estateProgressPaired', { done: n, total: all, n: state.total, seconds })
        : tx('estateProgress', { done: n, total: all, seconds });
  };

  /** Forget the last run (another estate chosen: its charts and map are not this one's); a run still going is stopped. */
  const clearResults = () => {
    generation++;
    for (const w of pool) w.terminate();
    pool = [];
    setPlaying(false);
    Object.assign(state, { running: false, total: 0, paired: false, done: [], baseline: [], diff: null, ms: 0, anchorMs: 0, mapIndex: 0, mapFrames: 0 });
    mapEvery = 0;
    $('estate-map-step').textContent = '';
    stale.hidden = true;
    showProgress();
    redraw();
  };

  /** The scenario as chosen, or undefined with the validation message shown. */
  const valid = (): Scenario | undefined => {
    // the replications and the seed: left empty (or no number), refused at the field, never run as 1 replication or seed 0
    for (const [el, key, field, min, max] of [
      [reps, 'estateReplications', 'replications', 1, 200],
      [seed, 'seed', 'seed', 0, 4294967295],
    ] as const) {
      const problem = () => runFieldProblem(tx(key), field, el.value, el.validity.badInput, min, max, lang());
      if (problem()) {
        el.setAttribute('aria-invalid', 'true');
        say(() => tx('estateInvalid', { message: problem() ?? '' }));
        el.focus();
        return undefined;
      }
      el.removeAttribute('aria-invalid');
    }
    // the fields the page offers are checked here first, in the page's language (a size left
    // empty would otherwise run with the schema's default, which the user did not ask for)
    const problem = leverProblem(state.levers, startYear(), startYear() + preset().scenario.years, lang());
    if (problem) {
      say(() => tx('estateInvalid', { message: leverProblem(state.levers, startYear(), startYear() + preset().scenario.years, lang()) ?? problem }));
      return undefined;
    }
    try {
      const sc = chosen();
      message.textContent = '';
      return sc;
    } catch (e) {
      say(() => tx('estateInvalidCli', { message: e instanceof Error ? e.message : String(e) }));
      return undefined;
    }
  };

  /** Months between the map's pictures of the last run (0: no run yet), and its line, written again after a language switch. */
  let mapEvery = 0;
  const showMapStep = () => {
    if (mapEvery > 0) $('estate-map-step').textContent = mapEvery === 1 ? tx('estateMapMonthly') : tx('estateMapEvery', { months: mapEvery });
  };

  /** Anchored estates by anchoring input: a second run of the same estate (another lever, seed or count) is not anchored again. */
  const anchored = new Map<string, Scenario['estates']>();
  let pool: Worker[] = [];
  let generation = 0;
  const run = () => {
    const sc = valid();
    // a refused run leaves no charts of an earlier one standing as if it had run
    if (!sc) return clearResults();
    stale.hidden = true;
    generation++;
    const gen = generation;
    for (const w of pool) w.terminate(); // a new run replaces one still going
    setPlaying(false);
    const paired = sc.policies.length > 0;
    const jobs: { role: EstateRole; i: number }[] = [];
    for (let i = 0; i < sc.replications; i++) {
      if (paired) jobs.push({ role: 'baseline', i });
      jobs.push({ role: 'scenario', i });
    }
    const n = Math.max(1, Math.min(4, navigator.hardwareConcurrency || 2, jobs.length));
    pool = Array.from({ length: n }, () => new Worker(workerUrl));
    const flats = sc.estates.reduce((a, e) => a + e.flats * e.copies, 0);
    const mapEveryMonths = Math.max(1, Math.ceil((flats * (sc.years * 12 + 1)) / MAP_BYTES));
    Object.assign(state, { running: true, total: sc.replications, paired, done: [], baseline: [], diff: null, ms: 0, anchorMs: 0, mapIndex: 0, mapFrames: 0 });
    mapEvery = mapEveryMonths;
    showMapStep();
    redraw();
    const t0 = performance.now();
    let next = 0;
    const key = anchorInput(sc);
    const known = anchored.get(key);
    // the estates are anchored once, by the first worker (anchoring leaves out the levers, so the
    // baseline and the scenario share it, as in `nabolag compare`), and every worker runs the anchored scenario
    let ready: Scenario | null = known ? { ...sc, estates: known } : null;
    const give = (w: Worker) => {
      if (!ready || next >= jobs.length) return;
      const job = jobs[next++]!;
      const scenario = job.role === 'baseline' ? { ...ready, policies: [] } : ready;
      const m: ToWorker = { kind: 'estate', scenario, replication: job.i, role: job.role, mapEveryMonths: job.i === 0 ? mapEveryMonths : 0 };
      w.postMessage(m);
    };
    for (const w of pool) {
      w.onmessage = (e: MessageEvent<FromWorker>) => {
        if (gen !== generation) return;
        const m = e.data;
        if (m.kind === 'error') {
          state.errors.push(m.message);
          progressText.textContent = tx('error', { message: m.message });
          state.running = false;
          return;
        }
        if (m.kind === 'anchored') {
          ready = m.scenario;
          state.anchorMs = performance.now() - t0;
          anchored.set(key, m.scenario.estates);
          showProgress();
          for (const x of pool) give(x);
          return;
        }
        if (m.kind !== 'estate-done') return;
        (m.role === 'baseline' ? state.baseline : state.done)[m.replication] = m;
        if (paired) {
          const years = m.years;
          state.diff = diffBands(
            years,
            state.done.map((d) => d?.share),
            state.baseline.map((d) => d?.share),
          );
        }
        if (m.map && m.role === 'scenario') {
          state.mapFrames = m.map.months.length;
          state.mapIndex = state.mapFrames - 1;
        }
        state.ms = performance.now() - t0;
        showProgress();
        redraw();
        const finished = state.done.filter((d) => d !== undefined).length + state.baseline.filter((d) => d !== undefined).length;
        if (finished === jobs.length) {
          state.running = false;
          for (const x of pool) x.terminate();
          pool = [];
        } else give(w);
      };
    }
    if (ready) {
      for (const w of pool) give(w);
      return;
    }
    const anchorMessage: ToWorker = { kind: 'anchor', scenario: sc };
    pool[0]!.postMessage(anchorMessage);
    const anchoring = () => {
      if (gen !== generation || ready || !state.running) return;
      progressText.textContent = tx('estateAnchoring', { seconds: num(lang(), (performance.now() - t0) / 1000, 1) });
      setTimeout(anchoring, 250);
    };
    anchoring();
  };
  $('estate-run').addEventListener('click', run);

  $('estate-export').addEventListener('click', () => {
    const chosen = valid();
    if (!chosen) return;
    // with levers chosen here (not those of the file opened) it is no longer the estate it was
    // opened as (a preset says "baseline without levers"): its name and description say so
    const canonical = (ps: readonly Policy[]) => JSON.stringify(ps.map((q) => Object.fromEntries(Object.entries(q).sort(([a], [b]) => a.localeCompare(b)))));
    const sc =
      chosen.policies.length && canonical(chosen.policies) !== canonical(preset().scenario.policies)
        ? {
            ...chosen,
            name: `${chosen.name}-levers`,
            description:
              `${chosen.description} With levers chosen in the nabolag studio: ${chosen.policies.map((p) => `${p.lever} from ${p.from}${p.until === undefined ? '' : ` until ${p.until}`}`).join(', ')}.`.trim(),
          }
        : chosen;
    const text = `# Exported from the nabolag studio: ${sc.name}, ${sc.replications} replications, seed ${sc.seed}.\n${stringify(sc)}`;
    state.exported = text;
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([text], { type: 'application/yaml' }));
    a.download = `${sc.name}.yaml`;
    document.body.appendChild(a);
    a.click();
    a.remove();
  });

  window.addEventListener('resize', redraw);
  state.relabel = () => {
    if (said && message.textContent) message.textContent = said();
    describe();
    fillKinds();
    renderLevers();
    showProgress();
    showMapStep();
    showSpiral();
    play.textContent = tx(state.playing ? 'estateMapPause' : 'estateMapPlay');
    redraw();
  };
  fillKinds();
  renderLevers();
  return state;
}
