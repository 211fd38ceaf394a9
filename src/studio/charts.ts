/**
 * The estate mode's charts, drawn through a small painter interface that a canvas's 2D context
 * satisfies and that `SvgPaint` records as SVG, so that the chart on the page and its SVG and
 * PNG files are one drawing. Pure drawing: no DOM but the canvas handed in.
 */
import { meanInterval } from '../analysis/inference.js';
import { band } from '../analysis/summary.js';
import type { EstateMap } from './protocol.js';

/** What the charts use of CanvasRenderingContext2D. */
export interface Paint {
  font: string;
  fillStyle: string | CanvasGradient | CanvasPattern;
  strokeStyle: string | CanvasGradient | CanvasPattern;
  lineWidth: number;
  textAlign: CanvasTextAlign;
  textBaseline: CanvasTextBaseline;
  beginPath(): void;
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  closePath(): void;
  fill(): void;
  stroke(): void;
  fillRect(x: number, y: number, w: number, h: number): void;
  strokeRect(x: number, y: number, w: number, h: number): void;
  arc(x: number, y: number, r: number, a0: number, a1: number): void;
  fillText(text: string, x: number, y: number): void;
  setLineDash(segments: number[]): void;
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const n2 = (v: number): string => String(Math.round(v * 100) / 100);

/** A painter that writes SVG elements (a white background, then what is drawn, in order). */
export class SvgPaint implements Paint {
  font = '11px "DejaVu Sans", Arial, sans-serif';
  fillStyle: string | CanvasGradient | CanvasPattern = '#000';
  strokeStyle: string | CanvasGradient | CanvasPattern = '#000';
  lineWidth = 1;
  textAlign: CanvasTextAlign = 'start';
  textBaseline: CanvasTextBaseline = 'alphabetic';
  private d = '';
  private dash: number[] = [];
  private out: string[] = [];
  constructor(
    readonly width: number,
    readonly height: number,
  ) {}
  beginPath(): void {
    this.d = '';
  }
  moveTo(x: number, y: number): void {
    this.d += `M${n2(x)} ${n2(y)}`;
  }
  lineTo(x: number, y: number): void {
    this.d += `L${n2(x)} ${n2(y)}`;
  }
  closePath(): void {
    this.d += 'Z';
  }
  arc(x: number, y: number, r: number): void {
    // whole circles only (the map's households)
    this.d += `M${n2(x - r)} ${n2(y)}a${n2(r)} ${n2(r)} 0 1 0 ${n2(2 * r)} 0a${n2(r)} ${n2(r)} 0 1 0 ${n2(-2 * r)} 0`;
  }
  fill(): void {
    this.out.push(`<path d="${this.d}" fill="${esc(String(this.fillStyle))}"/>`);
  }
  stroke(): void {
    const dash = this.dash.length ? ` stroke-dasharray="${this.dash.join(' ')}"` : '';
    this.out.push(`<path d="${this.d}" fill="none" stroke="${esc(String(this.strokeStyle))}" stroke-width="${this.lineWidth}"${dash}/>`);
  }
  fillRect(x: number, y: number, w: number, h: number): void {
    this.out.push(`<rect x="${n2(x)}" y="${n2(y)}" width="${n2(w)}" height="${n2(h)}" fill="${esc(String(this.fillStyle))}"/>`);
  }
  strokeRect(x: number, y: number, w: number, h: number): void {
    this.out.push(
      `<rect x="${n2(x)}" y="${n2(y)}" width="${n2(w)}" height="${n2(h)}" fill="none" stroke="${esc(String(this.strokeStyle))}" stroke-width="${this.lineWidth}"/>`,
    );
  }
  fillText(text: string, x: number, y: number): void {
    const anchor = this.textAlign === 'center' ? 'middle' : this.textAlign === 'right' || this.textAlign === 'end' ? 'end' : 'start';
    const base = this.textBaseline === 'middle' ? 'central' : this.textBaseline === 'top' ? 'hanging' : 'auto';
    const size = /(\d+(?:\.\d+)?)px/.exec(this.font)?.[1] ?? '11';
    const weight = /bold/.test(this.font) ? ' font-weight="bold"' : '';
    this.out.push(
      `<text x="${n2(x)}" y="${n2(y)}" text-anchor="${anchor}" dominant-baseline="${base}" font-size="${size}"${weight} fill="${esc(String(this.fillStyle))}">${esc(text)}</text>`,
    );
  }
  setLineDash(segments: number[]): void {
    this.dash = segments;
  }
  /** The drawing as an SVG file. */
  svg(): string {
    return (
      `<svg xmlns="http://www.w3.org/2000/svg" width="${this.width}" height="${this.height}" viewBox="0 0 ${this.width} ${this.height}" font-family="DejaVu Sans, Arial, sans-serif">\n` +
      `<rect width="100%" height="100%" fill="#ffffff"/>\n${this.out.join('\n')}\n</svg>\n`
    );
  }
}

/** A drawing of a chart at a size (CSS pixels). */
export type Drawing = (p: Paint, width: number, height: number) => void;

/** Draw on a canvas at its displayed size, sharp on high-density screens. */
export function paintCanvas(canvas: HTMLCanvasElement, draw: Drawing): void {
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
  draw(c, W, H);
}

/** One line of a band chart: per-replication values by year, drawn as the mean and its 5-95% band. */
export interface Series {
  label: string;
  color: string;
  /** rgba() of the band. */
  fill: string;
  rows: number[][];
  dashed?: boolean;
}

const FONT = '11px "DejaVu Sans", Arial, sans-serif';

/** Round tick spacing (1, 2 or 5 x 10^k) for about four steps over `range`. */
function tickStep(range: number): number {
  const raw = Math.max(range / 4, 1e-9);
  const mag = 10 ** Math.floor(Math.log10(raw));
  return ([1, 2, 5, 10].find((m) => m * mag >= raw) ?? 10) * mag;
}

interface Frame {
  x: (i: number) => number;
  y: (v: number) => number;
}

/** Axes, grid lines and year labels; returns the scales. */
function axes(p: Paint, W: number, H: number, years: number[], lo: number, hi: number, ticks: number[], label: (v: number) => string): Frame {
  // room for half a year label at the right edge, and for the lowest tick's label above the years
  const left = 52;
  const right = 18;
  const top = 10;
  const bottom = 28;
  const x = (i: number) => left + ((W - left - right) * i) / Math.max(1, years.length - 1);
  const y = (v: number) => top + (H - top - bottom) * (1 - (v - lo) / (hi - lo || 1));
  p.font = FONT;
  p.fillStyle = '#555555';
  p.strokeStyle = '#e2e2e2';
  p.lineWidth = 1;
  p.setLineDash([]);
  p.textAlign = 'right';
  p.textBaseline = 'middle';
  for (const v of ticks) {
    p.beginPath();
    p.moveTo(left, y(v));
    p.lineTo(W - right, y(v));
    p.stroke();
    p.fillText(label(v), left - 4, y(v));
  }
  p.textAlign = 'center';
  p.textBaseline = 'top';
  const every = Math.max(1, Math.ceil(years.length / 8));
  for (let i = 0; i < years.length; i += every) p.fillText(String(years[i]), x(i), H - bottom + 9);
  return { x, y };
}

function area(p: Paint, f: Frame, upper: number[], lower: number[], fill: string): void {
  const ok = upper.every(Number.isFinite) && lower.every(Number.isFinite);
  if (!ok || upper.length === 0) return;
  p.fillStyle = fill;
  p.beginPath();
  for (let i = 0; i < upper.length; i++) (i === 0 ? p.moveTo : p.lineTo).call(p, f.x(i), f.y(upper[i]!));
  for (let i = lower.length - 1; i >= 0; i--) p.lineTo(f.x(i), f.y(lower[i]!));
  p.closePath();
  p.fill();
}

function line(p: Paint, f: Frame, values: number[], color: string, width: number, dash: number[] = []): void {
  p.strokeStyle = color;
  p.lineWidth = width;
  p.setLineDash(dash);
  p.beginPath();
  for (let i = 0; i < values.length; i++) (i === 0 ? p.moveTo : p.lineTo).call(p, f.x(i), f.y(values[i]!));
  p.stroke();
  p.setLineDash([]);
}

/** A legend in the top left corner of the plot: a short line and a label per entry. */
function legend(p: Paint, entries: { label: string; color: string; fill?: string; dashed?: boolean }[]): void {
  p.font = FONT;
  p.textAlign = 'left';
  p.textBaseline = 'middle';
  let x = 60;
  const y = 20;
  for (const e of entries) {
    if (e.fill) {
      p.fillStyle = e.fill;
      p.fillRect(x, y - 6, 22, 12);
    }
    if (e.color) {
      p.strokeStyle = e.color;
      p.lineWidth = 2.5;
      p.setLineDash(e.dashed ? [6, 4] : []);
      p.beginPath();
      p.moveTo(x, y);
      p.lineTo(x + 22, y);
      p.stroke();
      p.setLineDash([]);
    }
    p.fillStyle = '#333333';
    p.fillText(e.label, x + 27, y);
    x += 27 + e.label.length * 6.4 + 16;
  }
}

/**
 * Mean lines with their 5-95% bands (analysis/summary.ts `band`, as the command line's
 * summary) of one or more series on the same years; `percent` draws a 0-100% axis.
 */
export function bandChart(years: number[], series: Series[], percent: boolean): Drawing {
  return (p, W, H) => {
    const shown = series.filter((s) => s.rows.length > 0);
    if (shown.length === 0 || years.length === 0) return;
    const stats = shown.map((s) => years.map((_, y) => band(s.rows.map((r) => r[y]!))));
    let lo = 0;
    let hi = 1;
    let ticks = [0, 0.25, 0.5, 0.75, 1];
    if (!percent) {
      const min = Math.min(...stats.flat().map((b) => b.p5));
      const max = Math.max(...stats.flat().map((b) => b.p95));
      const step = Math.max(1, tickStep(max - min));
      lo = Math.floor(min / step) * step;
      hi = Math.max(lo + 4 * step, Math.ceil(max / step) * step);
      ticks = Array.from({ length: Math.round((hi - lo) / step) + 1 }, (_, k) => lo + k * step);
    }
    const f = axes(p, W, H, years, lo, hi, ticks, (v) => (percent ? `${Math.round(v * 100)}%` : String(Math.round(v))));
    for (const [k, s] of shown.entries()) {
      const b = stats[k]!;
      area(
        p,
        f,
        b.map((v) => v.p95),
        b.map((v) => v.p5),
        s.fill,
      );
    }
    for (const [k, s] of shown.entries())
      line(
        p,
        f,
        stats[k]!.map((v) => v.mean),
        s.color,
        2.5,
        s.dashed ? [6, 4] : [],
      );
    if (shown.length > 1)
      legend(
        p,
        shown.map((s) => ({ label: s.label, color: s.color, dashed: s.dashed })),
      );
  };
}

/** The paired differences by year: their mean, the 95% confidence interval of the mean and the 5-95% spread of single replications. */
export interface DiffBands {
  years: number[];
  n: number;
  mean: number[];
  /** 95% confidence interval of the mean difference (t-based; NaN with one pair). */
  low: number[];
  high: number[];
  /** 5th and 95th percentile of the per-replication differences. */
  p5: number[];
  p95: number[];
}

/** Paired differences (scenario minus baseline, replication by replication) of the rows both have. */
export function diffBands(years: number[], scenario: (number[] | undefined)[], baseline: (number[] | undefined)[]): DiffBands {
  const pairs: [number[], number[]][] = [];
  for (let i = 0; i < Math.min(scenario.length, baseline.length); i++) if (scenario[i] && baseline[i]) pairs.push([scenario[i]!, baseline[i]!]);
  const out: DiffBands = { years, n: pairs.length, mean: [], low: [], high: [], p5: [], p95: [] };
  for (let y = 0; y < years.length; y++) {
    const d = pairs.map(([s, b]) => s[y]! - b[y]!);
    const ci = meanInterval(d);
    const b = band(d);
    out.mean.push(ci.mean);
    out.low.push(ci.low);
    out.high.push(ci.high);
    out.p5.push(b.p5);
    out.p95.push(b.p95);
  }
  return out;
}

/** The difference chart: zero line, spread of single replications (light), 95% interval of the mean (darker), mean; values in percentage points. */
export function diffChart(d: DiffBands, labels: { mean: string; ci: string; spread: string }): Drawing {
  return (p, W, H) => {
    if (d.n === 0) return;
    const all = [...d.p5, ...d.p95, ...d.low, ...d.high, 0].filter(Number.isFinite);
    const min = Math.min(...all);
    const max = Math.max(...all);
    const step = tickStep(Math.max(max - min, 0.01));
    const lo = Math.floor(min / step) * step;
    const hi = Math.max(lo + 2 * step, Math.ceil(max / step) * step);
    const ticks = Array.from({ length: Math.round((hi - lo) / step) + 1 }, (_, k) => lo + k * step);
    const pts = (v: number) => {
      const r = Math.round(v * 1000) / 10;
      return `${r > 0 ? '+' : ''}${r} pt`;
    };
    const f = axes(p, W, H, d.years, lo, hi, ticks, pts);
    area(p, f, d.p95, d.p5, 'rgba(0, 114, 178, 0.12)');
    area(p, f, d.high, d.low, 'rgba(0, 114, 178, 0.35)');
    p.strokeStyle = '#333333';
    p.lineWidth = 1;
    p.beginPath();
    p.moveTo(f.x(0), f.y(0));
    p.lineTo(f.x(d.years.length - 1), f.y(0));
    p.stroke();
    line(p, f, d.mean, '#0072B2', 2.5);
    legend(p, [
      { label: labels.mean, color: '#0072B2' },
      { label: labels.ci, color: '', fill: 'rgba(0, 114, 178, 0.35)' },
      { label: labels.spread, color: '', fill: 'rgba(0, 114, 178, 0.12)' },
    ]);
  };
}

/** Colours of the map's categories, as the report's map (report/charts/map.ts): resource-strong dark blue, others light orange, vacant white. */
const MAP_COLORS = { strong: '#0072B2', other: '#F5C46B', vacant: '#ffffff' } as const;
/** Category and shape of each MAP_TYPES code (model/simulate.ts): vacant, resource-strong family, other family, resource-strong without children, other without children, senior. */
const MAP_CODES: { color: string; family: boolean }[] = [
  { color: MAP_COLORS.vacant, family: false },
  { color: MAP_COLORS.strong, family: true },
  { color: MAP_COLORS.other, family: true },
  { color: MAP_COLORS.strong, family: false },
  { color: MAP_COLORS.other, family: false },
  { color: MAP_COLORS.other, family: false },
];

/** One panel of the estate map: a replication's snapshots and geometry, with a title. */
export interface MapPanel extends EstateMap {
  title: string;
}

const MAP_LEGEND_H = 22;
const MAP_TITLE_H = 18;
const MAP_GAP = 14;
/** Largest flat on the map, CSS pixels (an assumption: a small estate is not blown up). */
const MAP_MAX_CELL = 12;

/** Height (CSS pixels) of the line above each estate of a region's map that names it. */
const MAP_ESTATE_LABEL_H = 14;

/**
 * The grid's extent over every panel: columns, storeys, and rows with the estates stacked one
 * below the other (as in the report's map); `labelH`, the pixels of a region's estate names
 * (one line above each estate), 0 for one estate.
 */
function mapExtent(panels: MapPanel[]): { maxX: number; maxY: number; maxRow: number; estates: number; labelH: number } {
  let maxX = 0;
  let maxY = 0;
  let estates = 0;
  for (const m of panels)
    for (let f = 0; f < m.flats; f++) {
      maxX = Math.max(maxX, m.x[f]!);
      maxY = Math.max(maxY, m.y[f]!);
      estates = Math.max(estates, m.estate[f]! + 1);
    }
  let maxRow = 0;
  for (const m of panels) for (let f = 0; f < m.flats; f++) maxRow = Math.max(maxRow, m.y[f]! + m.estate[f]! * (maxY + 3));
  return { maxX, maxY, maxRow, estates, labelH: estates > 1 ? estates * MAP_ESTATE_LABEL_H : 0 };
}

/** The height (CSS pixels) the map needs at a width: panels side by side or stacked, whichever gives larger flats (then the lower). */
export function mapHeight(panels: MapPanel[], W: number): number {
  const { maxX, maxRow, labelH } = mapExtent(panels);
  let best = { cell: 0, h: 0 };
  for (const cols of new Set([panels.length, 1])) {
    const rows = panels.length / cols;
    const cell = Math.min(MAP_MAX_CELL, (W - MAP_GAP * (cols - 1)) / cols / (maxX + 1));
    const h = rows * (MAP_TITLE_H + labelH + (maxRow + 1) * cell) + MAP_GAP * (rows - 1) + MAP_LEGEND_H + 6;
    if (cell > best.cell + 1e-9 || (Math.abs(cell - best.cell) <= 1e-9 && h < best.h)) best = { cell, h };
  }
  return Math.ceil(best.h);
}

/**
 * The estate map at snapshot `k`: every flat on its grid place, families with children as
 * squares, other households as circles, coloured resource-strong or not; vacant flats white.
 * Panels side by side (the baseline and the scenario with levers, on the same seed).
 */
export function mapDrawing(
  panels: MapPanel[],
  k: number,
  legendLabels: { strong: string; other: string; vacant: string; family: string; single: string },
): Drawing {
  return (p, W, H) => {
    if (panels.length === 0) return;
    const legendH = MAP_LEGEND_H;
    const titleH = MAP_TITLE_H;
    const gap = MAP_GAP;
    const { maxX, maxY, maxRow, estates, labelH } = mapExtent(panels);
    // estate e starts below e blocks of rows (storeys and a gap) and, in a region, e + 1 name lines
    const estateTop = (e: number, cell: number) => (labelH > 0 ? (e + 1) * MAP_ESTATE_LABEL_H : 0) + e * (maxY + 3) * cell;
    // panels side by side or one below the other, whichever gives the larger flats
    const cellFor = (cols: number) => {
      const rows = panels.length / cols;
      const pw = (W - gap * (cols - 1)) / cols;
      const ph = (H - legendH - gap * (rows - 1)) / rows - titleH - labelH;
      return Math.max(1, Math.min(pw / (maxX + 1), ph / (maxRow + 1)));
    };
    const cols = cellFor(panels.length) >= cellFor(1) ? panels.length : 1;
    const cell = cellFor(cols);
    const panelH = titleH + labelH + (maxRow + 1) * cell;
    panels.forEach((m, j) => {
      const x0 = cols === 1 ? 0 : j * ((W - gap * (cols - 1)) / cols + gap);
      const y0 = cols === 1 ? j * (panelH + gap) : 0;
      p.font = 'bold 12px "DejaVu Sans", Arial, sans-serif';
      p.fillStyle = '#333333';
      p.textAlign = 'left';
      p.textBaseline = 'top';
      p.fillText(m.title, x0, y0 + 2);
      if (labelH > 0) {
        p.font = FONT;
        for (let e = 0; e < estates; e++) p.fillText(m.names[e] ?? '', x0, y0 + titleH + estateTop(e, cell) - MAP_ESTATE_LABEL_H + 1);
      }
      const at = Math.min(k, m.months.length - 1);
      const codes = m.types.subarray(at * m.flats, (at + 1) * m.flats);
      const s = cell * 0.84;
      p.lineWidth = 0.6;
      for (let f = 0; f < m.flats; f++) {
        const c = codes[f]!;
        if (c >= MAP_CODES.length) continue;
        const cx = x0 + (m.x[f]! + 0.5) * cell;
        const cy = y0 + titleH + estateTop(m.estate[f]!, cell) + (m.y[f]! + 0.5) * cell;
        const t = MAP_CODES[c]!;
        p.fillStyle = t.color;
        if (c === 0) {
          p.strokeStyle = '#b0b0b0';
          p.strokeRect(cx - s / 2, cy - s / 2, s, s);
        } else if (t.family) p.fillRect(cx - s / 2, cy - s / 2, s, s);
        else {
          p.beginPath();
          p.arc(cx, cy, s / 2, 0, 2 * Math.PI);
          p.fill();
        }
      }
    });
    // legend
    p.font = FONT;
    p.textAlign = 'left';
    p.textBaseline = 'middle';
    const y = Math.min(H - legendH / 2, (cols === 1 ? panels.length * (panelH + gap) - gap : panelH) + legendH / 2 + 4);
    let x = 2;
    const item = (draw: () => void, label: string) => {
      draw();
      p.fillStyle = '#333333';
      p.fillText(label, x + 16, y);
      x += 16 + label.length * 6.4 + 14;
    };
    item(() => {
      p.fillStyle = MAP_COLORS.strong;
      p.fillRect(x, y - 5, 10, 10);
    }, legendLabels.strong);
    item(() => {
      p.fillStyle = MAP_COLORS.other;
      p.fillRect(x, y - 5, 10, 10);
    }, legendLabels.other);
    item(() => {
      p.strokeStyle = '#b0b0b0';
      p.lineWidth = 0.8;
      p.strokeRect(x, y - 5, 10, 10);
    }, legendLabels.vacant);
    item(() => {
      p.fillStyle = '#888888';
      p.fillRect(x, y - 5, 10, 10);
    }, legendLabels.family);
    item(() => {
      p.fillStyle = '#888888';
      p.beginPath();
      p.arc(x + 5, y, 5, 0, 2 * Math.PI);
      p.fill();
    }, legendLabels.single);
  };
}
