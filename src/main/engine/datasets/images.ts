/**
 * Image decoding (PNG via pngjs, JPEG via jpeg-js) and resizing to the
 * configured size and channel count. The size is read from the header first:
 * an image over MAX_IMAGE_PIXELS is DW411 before anything is decoded. A file
 * that is empty, not PNG/JPEG, truncated or damaged is DW402.
 */
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { DeepwireError } from '../../../shared/errors.js';
import {
  ImageHeaderError,
  MAX_IMAGE_PIXELS,
  minimumFileBytes,
  readImageHeader,
  type ImageHeader,
} from '../images/dimensions.js';

export interface Rgba {
  width: number;
  height: number;
  /** 4 bytes per pixel. */
  data: Uint8Array;
}

const megapixels = (n: number) => (n / 1e6).toFixed(1);

/** The header of an image about to be decoded: DW402 when unusable, DW411 when too large. */
function checkedHeader(bytes: Uint8Array, file: string): ImageHeader {
  if (bytes.length === 0) throw new DeepwireError('DW402', `${file} is empty (0 bytes)`, file);
  let header: ImageHeader | null;
  try {
    header = readImageHeader(bytes);
  } catch (e) {
    if (!(e instanceof ImageHeaderError)) throw e;
    throw new DeepwireError('DW402', `${file} is damaged: ${e.message}`, file);
  }
  if (!header) throw new DeepwireError('DW402', `${file} is neither a PNG nor a JPEG file`, file);
  const { width, height } = header;
  if (width * height > MAX_IMAGE_PIXELS) {
    throw new DeepwireError(
      'DW411',
      `${file} is ${width} × ${height} pixels (${megapixels(width * height)} megapixels); images may have at most ` +
        `${megapixels(MAX_IMAGE_PIXELS)} megapixels (4096 × 4096)`,
      file,
    );
  }
  if (bytes.length < minimumFileBytes(header)) {
    throw new DeepwireError(
      'DW402',
      `${file} is damaged: its header declares ${width} × ${height} pixels, more than its ${bytes.length} bytes can hold`,
      file,
    );
  }
  return header;
}

/** Decodes by content (not extension), after checking the header; DW402/DW411 name the file. */
export function decodeImage(bytes: Uint8Array, file: string): Rgba {
  const header = checkedHeader(bytes, file);
  let img: Rgba;
  try {
    if (header.format === 'png') {
      const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      img = {
        width: png.width,
        height: png.height,
        data: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.byteLength),
      };
    } else {
      // jpeg-js needs ~300 MB for a 4096 × 4096 JPEG; its own limits stay as a backstop behind the header check.
      const limits = { maxMemoryUsageInMB: 512, maxResolutionInMP: MAX_IMAGE_PIXELS / 1e6 };
      const out = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, ...limits });
      img = { width: out.width, height: out.height, data: out.data };
    }
  } catch (e) {
    throw new DeepwireError('DW402', `${file} is truncated or damaged (${(e as Error).message})`, file);
  }
  if (img.width !== header.width || img.height !== header.height || img.data.length !== img.width * img.height * 4) {
    throw new DeepwireError(
      'DW402',
      `${file} is damaged: its header says ${header.width} × ${header.height}, its data ${img.width} × ${img.height}`,
      file,
    );
  }
  return img;
}

/**
 * Bilinear resize to width × height, then 1 channel (luma, ITU-R 601) or 3
 * (RGB); alpha is dropped. Writes bytes into `out` at `offset`.
 */
export function resizeInto(
  img: Rgba,
  width: number,
  height: number,
  channels: 1 | 3,
  out: Uint8Array,
  offset: number,
): void {
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

/**
 * An image file's bytes as one sample of height × width × channels bytes, as an image-folder dataset
 * stores each of its images: decoded by content (DW402/DW411), resized bilinearly, grey or RGB.
 * `width`/`height` are the file's own.
 */
export function imageSample(
  bytes: Uint8Array,
  file: string,
  [height, width, channels]: [number, number, 1 | 3],
): { pixels: Uint8Array; width: number; height: number } {
  const img = decodeImage(bytes, file);
  const pixels = new Uint8Array(height * width * channels);
  resizeInto(img, width, height, channels, pixels, 0);
  return { pixels, width: img.width, height: img.height };
}
