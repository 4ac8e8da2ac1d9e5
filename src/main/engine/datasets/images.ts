/**
 * Image decoding (PNG via pngjs, JPEG via jpeg-js) and resizing to the
 * configured size and channel count. A file that does not decode is DW402.
 */
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { DeepwireError } from '../../../shared/errors.js';

export interface Rgba {
  width: number;
  height: number;
  /** 4 bytes per pixel. */
  data: Uint8Array;
}

const isPng = (b: Uint8Array) => b.length >= 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47;
const isJpeg = (b: Uint8Array) => b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff;

/** Decodes by content (not extension); throws DW402 naming the file. */
export function decodeImage(bytes: Uint8Array, file: string): Rgba {
  try {
    if (isPng(bytes)) {
      const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      return { width: png.width, height: png.height, data: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.byteLength) };
    }
    if (isJpeg(bytes)) {
      const img = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxMemoryUsageInMB: 256 });
      return { width: img.width, height: img.height, data: img.data };
    }
  } catch (e) {
    throw new DeepwireError('DW402', `${file} is damaged: ${(e as Error).message}`, file);
  }
  throw new DeepwireError('DW402', `${file} is neither a PNG nor a JPEG file`, file);
}

/**
 * Bilinear resize to width × height, then 1 channel (luma, ITU-R 601) or 3
 * (RGB); alpha is dropped. Writes bytes into `out` at `offset`.
 */
export function resizeInto(img: Rgba, width: number, height: number, channels: 1 | 3, out: Uint8Array, offset: number): void {
  const sx = img.width / width;
  const sy = img.height / height;
  const px = [0, 0, 0];
  for (let y = 0; y < height; y++) {
    const fy = Math.min(Math.max((y + 0.5) * sy - 0.5, 0), img.height - 1);
    const y0 = Math.floor(fy);
    const y1 = Math.min(y0 + 1, img.height - 1);
    const wy = fy - y0;
    for (let x = 0; x < width; x++) {
      const fx = Math.min(Math.max((x + 0.5) * sx - 0.5, 0), img.width - 1);
      const x0 = Math.floor(fx);
      const x1 = Math.min(x0 + 1, img.width - 1);
      const wx = fx - x0;
      for (let c = 0; c < 3; c++) {
        const at = (yy: number, xx: number) => img.data[(yy * img.width + xx) * 4 + c];
        const top = at(y0, x0) * (1 - wx) + at(y0, x1) * wx;
        const bottom = at(y1, x0) * (1 - wx) + at(y1, x1) * wx;
        px[c] = top * (1 - wy) + bottom * wy;
      }
      const o = offset + (y * width + x) * channels;
      if (channels === 1) out[o] = Math.round(0.299 * px[0] + 0.587 * px[1] + 0.114 * px[2]);
      else for (let c = 0; c < 3; c++) out[o + c] = Math.round(px[c]);
    }
  }
}
