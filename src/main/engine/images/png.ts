/**
 * PNG files from 8-bit pixels (pngjs), written atomically so a reader (the
 * studio, a file browser, a half-finished export) never sees a partial file.
 */
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { PNG } from 'pngjs';
import type { Pixels } from '../../../shared/training/protocol.js';
import { writeFileAtomic } from '../fs-atomic.js';

/** Encodes grey or RGB pixels as an RGBA PNG (PNG has no 1-channel mode in pngjs' writer). */
export function encodePng(pixels: Pixels): Uint8Array {
  const { width, height, channels, data } = pixels;
  if (data.length !== width * height * channels) {
    throw new Error(`pixels hold ${data.length} values, not ${width}×${height}×${channels}`);
  }
  const png = new PNG({ width, height, colorType: channels === 1 ? 0 : 2, inputColorType: 6, inputHasAlpha: true });
  for (let i = 0; i < width * height; i++) {
    const o = i * 4;
    if (channels === 1) {
      png.data[o] = png.data[o + 1] = png.data[o + 2] = data[i];
    } else {
      png.data[o] = data[i * 3];
      png.data[o + 1] = data[i * 3 + 1];
      png.data[o + 2] = data[i * 3 + 2];
    }
    png.data[o + 3] = 255;
  }
  return new Uint8Array(PNG.sync.write(png, { colorType: channels === 1 ? 0 : 2, inputColorType: 6 }));
}

/** Decodes a PNG into grey (when every pixel is grey) or RGB pixels. */
export function decodePng(bytes: Uint8Array): Pixels {
  const png = PNG.sync.read(Buffer.from(bytes));
  const n = png.width * png.height;
  let grey = true;
  for (let i = 0; i < n && grey; i++)
    grey = png.data[i * 4] === png.data[i * 4 + 1] && png.data[i * 4] === png.data[i * 4 + 2];
  const channels = grey ? 1 : 3;
  const data = new Array<number>(n * channels);
  for (let i = 0; i < n; i++) for (let c = 0; c < channels; c++) data[i * channels + c] = png.data[i * 4 + c];
  return { width: png.width, height: png.height, channels, data };
}

/** Writes `pixels` as a PNG at `file` (creating its folder), atomically. */
export async function writePng(file: string, pixels: Pixels): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFileAtomic(file, encodePng(pixels));
}
