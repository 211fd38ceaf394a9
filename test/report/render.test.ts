import { describe, it, expect } from 'vitest';
import { type Decoded, decodePng } from '../helpers/png.js';
import type { TopLevelSpec } from 'vega-lite';
import { baseConfig, compileSpec, renderPng, renderPngAsync, renderSvg, dejavuFontFiles } from '../../src/report/render.js';

const TITLE = 'Families with children';

function lineChart(): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: baseConfig,
    title: TITLE,
    width: 360,
    height: 180,
    data: {
      values: [2020, 2021, 2022, 2023, 2024, 2025].map((year, i) => ({ year, share: 0.18 + 0.02 * i + (i % 2) * 0.01 })),
    },
    mark: 'line',
    encoding: {
      x: { field: 'year', type: 'quantitative', title: 'Year', axis: { format: 'd' } },
      y: { field: 'share', type: 'quantitative', title: 'Share of households', axis: { format: '%' } },
    },
  };
}

/** Count pixels in a rectangle that are clearly darker than the white background. */
function darkPixels(img: Decoded, x0: number, y0: number, x1: number, y1: number): number {
  let n = 0;
  for (let y = y0; y < Math.min(y1, img.height); y++) {
    for (let x = x0; x < Math.min(x1, img.width); x++) {
      const i = (y * img.width + x) * 4;
      if (img.pixels[i]! < 128 && img.pixels[i + 1]! < 128 && img.pixels[i + 2]! < 128) n++;
    }
  }
  return n;
}

/** Remove the chart title's text (keep the element) so only the glyphs go away. */
function withoutTitle(svg: string): string {
  const out = svg.replace(new RegExp(`(<text[^>]*>)${TITLE}(</text>)`), '$1$2');
  expect(out).not.toBe(svg);
  return out;
}

describe('compileSpec', () => {
  it('compiles a Vega-Lite spec to a Vega spec', async () => {
    const vg = await compileSpec(lineChart(), { strict: true });
    expect(vg.$schema).toMatch(/vega\/v\d+\.json$/);
    expect(Array.isArray(vg.marks)).toBe(true);
  });

  it('throws a clear error naming the chart for an invalid spec', async () => {
    const bad = { ...lineChart(), mark: 'lnie' } as unknown as TopLevelSpec;
    await expect(compileSpec(bad)).rejects.toThrow(/Chart "Families with children": invalid Vega-Lite spec: unknown mark type "lnie"/);
    await expect(compileSpec(bad, { name: 'turnover' })).rejects.toThrow(/Chart "turnover"/);
    const badType = {
      ...lineChart(),
      encoding: { x: { field: 'year', type: 'quantitativ' } },
    } as unknown as TopLevelSpec;
    await expect(compileSpec(badType, { name: 'typo' })).rejects.toThrow(/Chart "typo": invalid Vega-Lite spec: .*field type/);
  });

  it('in strict mode, turns Vega-Lite warnings into errors', async () => {
    const warns = {
      ...lineChart(),
      encoding: { ...(lineChart() as { encoding: object }).encoding, size: { field: 'year', type: 'nominal' } },
    } as TopLevelSpec;
    await expect(compileSpec(warns, { name: 'w', strict: true })).rejects.toThrow(/Chart "w": Vega-Lite warnings/);
  });
});

describe('renderSvg', () => {
  it('renders an SVG containing the title and axis titles in DejaVu Sans', async () => {
    const svg = await renderSvg(lineChart());
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain(`>${TITLE}</text>`);
    expect(svg).toContain('>Year</text>');
    expect(svg).toContain('>Share of households</text>');
    expect(svg).toContain('font-family="DejaVu Sans"');
  });

  it('is deterministic: the same spec gives the same SVG', async () => {
    expect(await renderSvg(lineChart())).toBe(await renderSvg(lineChart()));
  });
});

describe('renderPng', () => {
  it('finds the bundled DejaVu fonts through module resolution', () => {
    const files = dejavuFontFiles();
    expect(files.some((f) => f.endsWith('/DejaVuSans.ttf'))).toBe(true);
    expect(files.every((f) => f.includes('dejavu-fonts-ttf'))).toBe(true);
  });

  it('writes a valid, non-blank PNG with the title drawn', async () => {
    const svg = await renderSvg(lineChart());
    const png = renderPng(svg, { scale: 1 });
    const img = decodePng(png);
    const m = /width="(\d+)" height="(\d+)"/.exec(svg)!;
    expect(img.width).toBe(Number(m[1]));
    expect(img.height).toBe(Number(m[2]));
    // Title sits at the top left (padding 12 px, 15 px bold): dark glyph pixels there.
    expect(darkPixels(img, 0, 0, 250, 35)).toBeGreaterThan(100);
    // The whole image is not a single colour.
    const first = img.pixels.readUInt32BE(0);
    let differing = 0;
    for (let i = 0; i < img.pixels.length; i += 4) if (img.pixels.readUInt32BE(i) !== first) differing++;
    expect(differing).toBeGreaterThan(1000);
  });

  it('renderPngAsync (rasterised on the thread pool) gives the same bytes, also for several at once', async () => {
    const svg = await renderSvg(lineChart());
    const plain = withoutTitle(svg);
    const [a, b, c] = await Promise.all([renderPngAsync(svg), renderPngAsync(plain, { scale: 1 }), renderPngAsync(svg, { width: 300 })]);
    expect(a.equals(renderPng(svg))).toBe(true);
    expect(b.equals(renderPng(plain, { scale: 1 }))).toBe(true);
    expect(c.equals(renderPng(svg, { width: 300 }))).toBe(true);
    expect(a.equals(c)).toBe(false);
  });

  it('scales with the zoom factor (default 2)', async () => {
    const svg = await renderSvg(lineChart());
    const one = decodePng(renderPng(svg, { scale: 1 }));
    const two = decodePng(renderPng(svg));
    expect(two.width).toBe(one.width * 2);
    expect(decodePng(renderPng(svg, { width: 300 })).width).toBe(300);
  });

  it('draws text: removing the title text changes the pixels, only in the title area', async () => {
    const svg = await renderSvg(lineChart());
    const withTitle = decodePng(renderPng(svg, { scale: 1 }));
    const noTitle = decodePng(renderPng(withoutTitle(svg), { scale: 1 }));
    expect(withTitle.pixels.equals(noTitle.pixels)).toBe(false);
    expect(darkPixels(noTitle, 0, 0, 250, 35)).toBe(0);
    expect(darkPixels(withTitle, 0, 0, 250, 35)).toBeGreaterThan(100);
  });

  it('is deterministic: the same spec gives byte-identical PNGs', async () => {
    const a = renderPng(await renderSvg(lineChart()));
    const b = renderPng(await renderSvg(lineChart()));
    expect(a.equals(b)).toBe(true);
  });

  it('rejects a bad scale', () => {
    expect(() => renderPng('<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>', { scale: 0 })).toThrow(/scale/);
  });
});
