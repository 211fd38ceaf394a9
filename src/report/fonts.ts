/**
 * Text measured in the bundled DejaVu fonts: a reader of advance widths from the TrueType files,
 * and the patch of Vega's text metrics that uses it, so that the SVG and PNG files are laid out
 * for the fonts resvg draws them with.
 */
import { readFileSync } from 'node:fs';
import { dejavuFontFiles } from './render.js';

/** Advance widths of one TrueType font, in em. */
interface FontWidths {
  width: (codePoint: number) => number;
}

/** Read advance widths from a TrueType file (head, hhea, hmtx and a Unicode cmap, format 4 or 12). */
function readFontWidths(file: string): FontWidths {
  const b = readFileSync(file);
  const tables = new Map<string, number>();
  const n = b.readUInt16BE(4);
  for (let i = 0; i < n; i++) tables.set(b.toString('latin1', 12 + 16 * i, 16 + 16 * i), b.readUInt32BE(12 + 16 * i + 8));
  const need = (t: string) => {
    const o = tables.get(t);
    if (o === undefined) throw new Error(`font ${file}: no ${t} table`);
    return o;
  };
  const upem = b.readUInt16BE(need('head') + 18);
  const nMetrics = b.readUInt16BE(need('hhea') + 34);
  const hmtx = need('hmtx');
  const advance = (g: number) => b.readUInt16BE(hmtx + 4 * Math.min(g, nMetrics - 1)) / upem;
  const cmap = need('cmap');
  let f4 = -1;
  let f12 = -1;
  for (let i = 0; i < b.readUInt16BE(cmap + 2); i++) {
    const p = b.readUInt16BE(cmap + 4 + 8 * i);
    const e = b.readUInt16BE(cmap + 6 + 8 * i);
    const o = cmap + b.readUInt32BE(cmap + 8 + 8 * i);
    const fmt = b.readUInt16BE(o);
    if (fmt === 12 && (p === 3 || p === 0)) f12 = o;
    if (fmt === 4 && ((p === 3 && e === 1) || p === 0)) f4 = o;
  }
  const glyph = (c: number): number => {
    if (f12 >= 0) {
      const groups = b.readUInt32BE(f12 + 12);
      for (let i = 0; i < groups; i++) {
        const o = f12 + 16 + 12 * i;
        const start = b.readUInt32BE(o);
        if (c >= start && c <= b.readUInt32BE(o + 4)) return b.readUInt32BE(o + 8) + (c - start);
      }
      return 0;
    }
    if (f4 < 0 || c > 0xffff) return 0;
    const segs = b.readUInt16BE(f4 + 6) / 2;
    const ends = f4 + 14;
    const starts = ends + 2 * segs + 2;
    const deltas = starts + 2 * segs;
    const ranges = deltas + 2 * segs;
    for (let s = 0; s < segs; s++) {
      if (b.readUInt16BE(ends + 2 * s) < c) continue;
      const start = b.readUInt16BE(starts + 2 * s);
      if (start > c) return 0;
      const delta = b.readInt16BE(deltas + 2 * s);
      const ro = b.readUInt16BE(ranges + 2 * s);
      if (ro === 0) return (c + delta) & 0xffff;
      const g = b.readUInt16BE(ranges + 2 * s + ro + 2 * (c - start));
      return g === 0 ? 0 : (g + delta) & 0xffff;
    }
    return 0;
  };
  const cache = new Map<number, number>();
  return {
    width: (c) => {
      let w = cache.get(c);
      if (w === undefined) {
        w = advance(glyph(c));
        cache.set(c, w);
      }
      return w;
    },
  };
}

let metricsInstalled = false;

/**
 * Make Vega measure text in the DejaVu fonts that resvg draws with. Without a canvas, Vega
 * estimates every string as 0.8 em per character, which leaves wide empty margins and cuts
 * legend labels short in the SVG and PNG files. Installs a `textMetrics.width` function (as
 * vl-convert does) once per process; the browser keeps measuring with its own canvas.
 */
export async function useDejaVuTextMetrics(): Promise<void> {
  if (metricsInstalled) return;
  const files = dejavuFontFiles();
  const regular = readFontWidths(files.find((f) => f.endsWith('/DejaVuSans.ttf'))!);
  const bold = readFontWidths(files.find((f) => f.endsWith('/DejaVuSans-Bold.ttf'))!);
  // vega re-exports vega-scenegraph's textMetrics; its type declarations omit it
  const vega = (await import('vega')) as unknown as { textMetrics: { width: (item: { fontSize?: number; fontWeight?: unknown }, text: unknown) => number } };
  const isBold = (w: unknown) => w === 'bold' || w === 'bolder' || (typeof w === 'number' && w >= 600) || (typeof w === 'string' && Number(w) >= 600);
  vega.textMetrics.width = (item, text) => {
    const size = item.fontSize != null ? +item.fontSize || 0 : 11;
    if (size <= 0 || text == null) return 0;
    const font = isBold(item.fontWeight) ? bold : regular;
    let em = 0;
    for (const ch of String(text).trim()) em += font.width(ch.codePointAt(0)!);
    return em * size;
  };
  metricsInstalled = true;
}
