/** A small, strict PNG decoder for tests that check rendered charts. */
import { crc32, inflateSync } from 'node:zlib';
import { expect } from 'vitest';

export interface Decoded {
  width: number;
  height: number;
  /** RGBA, 8 bits per channel. */
  pixels: Buffer;
}

/**
 * A small, strict PNG decoder (8-bit RGBA or RGB, non-interlaced — what resvg writes):
 * checks the signature, every chunk CRC, IHDR, IEND, then inflates and un-filters IDAT.
 */
export function decodePng(png: Buffer): Decoded {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.subarray(0, 8).equals(signature)).toBe(true);
  let pos = 8;
  let width = 0;
  let height = 0;
  let colorType = -1;
  const idat: Buffer[] = [];
  let sawEnd = false;
  while (pos < png.length) {
    const len = png.readUInt32BE(pos);
    const type = png.toString('latin1', pos + 4, pos + 8);
    const data = png.subarray(pos + 8, pos + 8 + len);
    const crc = png.readUInt32BE(pos + 8 + len);
    expect(crc32(png.subarray(pos + 4, pos + 8 + len)), `CRC of ${type}`).toBe(crc);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect(data[8], 'bit depth').toBe(8);
      colorType = data[9]!;
      expect([2, 6]).toContain(colorType);
      expect(data[12], 'interlace').toBe(0);
    } else if (type === 'IDAT') {
      idat.push(data);
    } else if (type === 'IEND') {
      sawEnd = true;
      pos += 12 + len;
      break;
    }
    pos += 12 + len;
  }
  expect(sawEnd).toBe(true);
  expect(pos).toBe(png.length);
  const bpp = colorType === 6 ? 4 : 3;
  const stride = width * bpp;
  const raw = inflateSync(Buffer.concat(idat));
  expect(raw.length).toBe(height * (stride + 1));
  const out = Buffer.alloc(width * height * 4, 255);
  const prev = Buffer.alloc(stride);
  const cur = Buffer.alloc(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? cur[x - bpp]! : 0;
      const b = prev[x]!;
      const c = x >= bpp ? prev[x - bpp]! : 0;
      let v = line[x]!;
      if (filter === 1) v += a;
      else if (filter === 2) v += b;
      else if (filter === 3) v += (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      } else expect(filter, 'filter type').toBe(0);
      cur[x] = v & 0xff;
    }
    for (let x = 0; x < width; x++) {
      for (let ch = 0; ch < bpp; ch++) out[(y * width + x) * 4 + ch] = cur[x * bpp + ch]!;
    }
    cur.copy(prev);
  }
  return { width, height, pixels: out };
}
