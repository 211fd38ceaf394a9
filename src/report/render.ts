/**
 * Rendering layer: Vega-Lite spec → Vega spec → SVG → PNG, all in Node, no canvas, no network.
 *
 * Pipeline:
 *   1. `compileSpec`  — Vega-Lite → Vega (throws an Error naming the chart if the spec is invalid).
 *   2. `renderSvg`    — Vega → SVG string via a headless `vega.View` (`renderer: 'none'`).
 *   3. `renderPng`    — SVG → PNG bytes via resvg, with the DejaVu fonts shipped on npm
 *                       (`dejavu-fonts-ttf`) and system fonts switched off, so that the same
 *                       input gives byte-identical output on every machine.
 *
 * vega, vega-lite and resvg are loaded lazily inside the functions: a simulation run that makes
 * no charts never pays for loading them. Only types are imported at the top.
 *
 * Determinism: same spec ⇒ same SVG ⇒ same PNG bytes. Chart builders should keep it so:
 * use UTC time units/scales (`utc: true`, `timeUnit: 'utcyear'`) or plain numbers for years,
 * because local-time parsing depends on the machine's time zone.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Spec as VegaSpec } from 'vega';
import type { TopLevelSpec } from 'vega-lite';
import type { ResvgRenderOptions } from '@resvg/resvg-js';

const require = createRequire(import.meta.url);

/** Vega-Lite config type, taken from the top-level spec so no deep import is needed. */
export type VlConfig = NonNullable<TopLevelSpec['config']>;

type VlLogger = NonNullable<NonNullable<Parameters<typeof import('vega-lite').compile>[1]>['logger']>;

/** Font family used by both the Vega-Lite config and resvg. */
export const FONT_FAMILY = 'DejaVu Sans';

/**
 * A calm categorical palette (muted blue, ochre, green, brick, violet, teal, sand, grey).
 * Ordered so that the first two or three colours stay distinguishable for the common forms of
 * colour blindness and in greyscale print.
 */
export const CALM_CATEGORY = ['#3d6a8f', '#d1913c', '#5b9a6b', '#b5574f', '#7d6ba6', '#4f9fa3', '#b9a36a', '#8a8a8a'] as const;

/**
 * Shared Vega-Lite config. Chart builders spread it into their specs:
 *
 * @example
 * const spec: TopLevelSpec = { config: baseConfig, title: 'Share of families', mark: 'line', ... };
 * // or, to adjust one part: config: { ...baseConfig, axis: { ...baseConfig.axis, grid: false } }
 */
export const baseConfig = {
  font: FONT_FAMILY,
  background: 'white',
  padding: 12,
  view: { stroke: '#d9d9d9', continuousWidth: 480, continuousHeight: 280 },
  title: {
    font: FONT_FAMILY,
    fontSize: 15,
    fontWeight: 'bold',
    color: '#222222',
    anchor: 'start',
    offset: 10,
    subtitleFont: FONT_FAMILY,
    subtitleFontSize: 12,
    subtitleColor: '#555555',
  },
  axis: {
    labelFont: FONT_FAMILY,
    titleFont: FONT_FAMILY,
    labelFontSize: 11,
    titleFontSize: 12,
    titleFontWeight: 'normal',
    labelColor: '#333333',
    titleColor: '#333333',
    domainColor: '#888888',
    tickColor: '#888888',
    gridColor: '#e8e8e8',
  },
  legend: {
    labelFont: FONT_FAMILY,
    titleFont: FONT_FAMILY,
    labelFontSize: 11,
    titleFontSize: 12,
    titleFontWeight: 'normal',
    labelColor: '#333333',
    titleColor: '#333333',
  },
  header: { labelFont: FONT_FAMILY, titleFont: FONT_FAMILY, labelFontSize: 12, titleFontSize: 13 },
  text: { font: FONT_FAMILY, fontSize: 11, color: '#333333' },
  line: { strokeWidth: 2 },
  point: { size: 40, filled: true },
  area: { opacity: 0.25 },
  range: {
    category: [...CALM_CATEGORY],
    ordinal: { scheme: 'blues' },
    ramp: { scheme: 'blues' },
    heatmap: { scheme: 'blues' },
    diverging: { scheme: 'blueorange' },
  },
} satisfies VlConfig;

/** Options for {@link compileSpec} and {@link renderSvg}. */
export interface CompileOptions {
  /** Name used in error messages; defaults to the spec's `name`, then its title, then "unnamed chart". */
  name?: string;
  /** Throw on Vega-Lite warnings too (they usually mean a builder bug). Default false: warnings go to console.warn. */
  strict?: boolean;
}

/** The name a chart is known by in messages: options.name, spec.name, the spec's title, or "unnamed chart". */
export function chartName(spec: TopLevelSpec, name?: string): string {
  if (name) return name;
  const s = spec as { name?: unknown; title?: unknown };
  if (typeof s.name === 'string' && s.name) return s.name;
  const t = s.title;
  if (typeof t === 'string' && t) return t;
  if (Array.isArray(t) && t.length) return t.join(' ');
  if (t && typeof t === 'object') {
    const text = (t as { text?: unknown }).text;
    if (typeof text === 'string' && text) return text;
    if (Array.isArray(text) && text.length) return text.join(' ');
  }
  return 'unnamed chart';
}

/**
 * Compile a Vega-Lite spec to a Vega spec. Async because vega-lite is an ES module with
 * top-level await and is loaded lazily.
 *
 * @throws Error `Chart "<name>": invalid Vega-Lite spec: …` if vega-lite rejects the spec
 *   (or, with `strict`, if it warns).
 * @example
 * const vg = await compileSpec({ config: baseConfig, data: { values }, mark: 'line', encoding });
 */
export async function compileSpec(spec: TopLevelSpec, options: CompileOptions = {}): Promise<VegaSpec> {
  const name = chartName(spec, options.name);
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) {
    throw new Error(`Chart "${name}": a Vega-Lite spec must be an object, got ${spec === null ? 'null' : typeof spec}`);
  }
  const badMark = findUnknownMark(spec);
  if (badMark !== undefined) {
    throw new Error(`Chart "${name}": invalid Vega-Lite spec: unknown mark type "${badMark}" (expected one of ${KNOWN_MARKS.join(', ')})`);
  }
  const vl = await import('vega-lite');
  const warnings: string[] = [];
  let level = 2; // vega-util Warn
  const logger = {
    level(l?: number) {
      if (l === undefined) return level;
      level = l;
      return logger;
    },
    error(...args: readonly unknown[]) {
      throw new Error(args.map(String).join(' '));
    },
    warn(...args: readonly unknown[]) {
      const w = args.map(String).join(' ');
      if (!warnings.includes(w)) warnings.push(w); // vega-lite repeats some warnings per pass
      return logger;
    },
    info() {
      return logger;
    },
    debug() {
      return logger;
    },
  };
  let compiled: VegaSpec;
  try {
    compiled = vl.compile(spec, { logger: logger as unknown as VlLogger }).spec;
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    throw new Error(`Chart "${name}": invalid Vega-Lite spec: ${msg}`, { cause: err });
  }
  if (warnings.length > 0) {
    if (options.strict) {
      throw new Error(`Chart "${name}": Vega-Lite warnings (strict mode): ${warnings.join('; ')}`);
    }
    for (const w of warnings) console.warn(`[nabolag chart "${name}"] Vega-Lite: ${w}`);
  }
  return compiled;
}

/** Vega-Lite's primitive and built-in composite marks. */
const KNOWN_MARKS = [
  'arc',
  'area',
  'bar',
  'image',
  'line',
  'point',
  'rect',
  'rule',
  'text',
  'tick',
  'trail',
  'circle',
  'square',
  'geoshape',
  'boxplot',
  'errorbar',
  'errorband',
] as const;

/**
 * vega-lite reports an unknown mark as "Cannot read properties of undefined", which names
 * nothing; check marks up front (recursing into layer/concat/facet/repeat) for a clearer message.
 */
function findUnknownMark(node: unknown): string | undefined {
  if (node === null || typeof node !== 'object') return undefined;
  const n = node as Record<string, unknown>;
  if ('mark' in n) {
    const m = n.mark;
    const type = typeof m === 'string' ? m : m && typeof m === 'object' ? (m as { type?: unknown }).type : m;
    if (typeof type !== 'string' || !(KNOWN_MARKS as readonly string[]).includes(type)) return String(type);
  }
  for (const key of ['layer', 'concat', 'hconcat', 'vconcat'] as const) {
    const children = n[key];
    if (Array.isArray(children)) {
      for (const c of children) {
        const bad = findUnknownMark(c);
        if (bad !== undefined) return bad;
      }
    }
  }
  return findUnknownMark(n.spec);
}

/**
 * Render a Vega-Lite spec to an SVG string (headless Vega view, no canvas needed).
 *
 * @throws Error naming the chart if compiling or running the Vega dataflow fails.
 * @example
 * const svg = await renderSvg(spec);
 * await writeFile('chart.svg', svg);
 */
export async function renderSvg(spec: TopLevelSpec, options: CompileOptions = {}): Promise<string> {
  const compiled = await compileSpec(spec, options);
  const vega = await import('vega');
  const name = chartName(spec, options.name);
  let view: InstanceType<typeof vega.View> | undefined;
  try {
    view = new vega.View(vega.parse(compiled), { renderer: 'none' });
    return await view.toSVG();
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    throw new Error(`Chart "${name}": Vega failed to render: ${msg}`, { cause: err });
  } finally {
    view?.finalize();
  }
}

/** Options for {@link renderPng}. */
export interface PngOptions {
  /** Zoom factor relative to the SVG's own size. Default 2 (crisp on screens and in print). */
  scale?: number;
  /** Or: the output width in pixels (overrides `scale`). */
  width?: number;
  /** Background colour painted under the SVG. Default white. */
  background?: string;
}

const FONT_FILE_NAMES = [
  'DejaVuSans.ttf',
  'DejaVuSans-Bold.ttf',
  'DejaVuSans-Oblique.ttf',
  'DejaVuSans-BoldOblique.ttf',
  'DejaVuSansMono.ttf',
  'DejaVuSerif.ttf',
] as const;

let fontFilesCache: string[] | undefined;

/**
 * Absolute paths of the DejaVu fonts shipped by the `dejavu-fonts-ttf` npm package
 * (found through module resolution, not a machine path).
 */
export function dejavuFontFiles(): string[] {
  if (!fontFilesCache) {
    const ttfDir = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
    fontFilesCache = FONT_FILE_NAMES.map((f) => join(ttfDir, f));
  }
  return [...fontFilesCache];
}

/** The resvg options used by {@link renderPng}; exported so tests can rasterise the same way. */
export function resvgOptions(opts: PngOptions = {}): ResvgRenderOptions {
  const scale = opts.scale ?? 2;
  if (!(scale > 0) || !Number.isFinite(scale)) throw new Error(`renderPng: scale must be a positive number, got ${scale}`);
  if (opts.width !== undefined && !(Number.isInteger(opts.width) && opts.width > 0)) {
    throw new Error(`renderPng: width must be a positive integer, got ${opts.width}`);
  }
  return {
    font: {
      loadSystemFonts: false,
      fontFiles: dejavuFontFiles(),
      defaultFontFamily: FONT_FAMILY,
      sansSerifFamily: FONT_FAMILY,
      serifFamily: 'DejaVu Serif',
      monospaceFamily: 'DejaVu Sans Mono',
    },
    fitTo: opts.width !== undefined ? { mode: 'width', value: opts.width } : { mode: 'zoom', value: scale },
    background: opts.background ?? 'white',
    logLevel: 'off',
  };
}

/**
 * Rasterise an SVG string to PNG bytes with resvg and the bundled DejaVu fonts.
 * Synchronous; resvg (a native CommonJS addon) is required lazily on first use.
 *
 * @example
 * const png = renderPng(await renderSvg(spec), { scale: 2 });
 * await writeFile('chart.png', png);
 */
export function renderPng(svg: string, opts: PngOptions = {}): Buffer {
  const { Resvg } = require('@resvg/resvg-js') as typeof import('@resvg/resvg-js');
  return new Resvg(svg, resvgOptions(opts)).render().asPng();
}

/**
 * {@link renderPng}, with the rasterising done on libuv's thread pool (resvg's `renderAsync`)
 * instead of the calling thread, which is free meanwhile to lay out the next chart; the PNG
 * encoding stays on the calling thread. The same bytes as `renderPng` (a test compares them).
 */
export async function renderPngAsync(svg: string, opts: PngOptions = {}): Promise<Buffer> {
  const { renderAsync } = require('@resvg/resvg-js') as typeof import('@resvg/resvg-js');
  return (await renderAsync(svg, resvgOptions(opts))).asPng();
}
