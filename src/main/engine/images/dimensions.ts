/**
 * An image's format and size read from its header (PNG IHDR, JPEG SOFn)
 * without decoding, so an image too big to decode is refused before any
 * pixel memory is taken: a 110 KB PNG can declare 30,000 × 30,000 pixels,
 * 3.4 GiB once decoded to RGBA.
 */

/**
 * The most pixels an image may have: 4096 × 4096 (16.8 megapixels, 64 MiB as
 * RGBA while it is resized). A 12-megapixel phone photo fits; training
 * resizes every image to the dataset's size anyway.
 */
export const MAX_IMAGE_PIXELS = 4096 * 4096;

/** Image files larger than this are refused before they are read (256 MiB). */
export const MAX_IMAGE_FILE_BYTES = 256 * 1024 * 1024;

export type ImageFormat = 'png' | 'jpeg';

export interface ImageHeader {
  format: ImageFormat;
  width: number;
  height: number;
  /** Bits per pixel as stored (PNG only: depth × channels). */
  bitsPerPixel?: number;
}

/** The header is there but says something impossible, or ends too soon. */
export class ImageHeaderError extends Error {}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export function sniffFormat(bytes: Uint8Array): ImageFormat | null {
  if (bytes.length >= 4 && PNG_SIGNATURE.slice(0, 4).every((b, i) => bytes[i] === b)) return 'png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  return null;
}

function checked(format: ImageFormat, width: number, height: number, bitsPerPixel?: number): ImageHeader {
  if (width === 0 || height === 0) throw new ImageHeaderError(`its header declares ${width} × ${height} pixels`);
  return { format, width, height, ...(bitsPerPixel ? { bitsPerPixel } : {}) };
}

/** Channels per PNG colour type: grey, RGB, palette, grey + alpha, RGBA. */
const PNG_CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

function pngHeader(bytes: Uint8Array, view: DataView): ImageHeader {
  if (bytes.length < 26 || !PNG_SIGNATURE.every((b, i) => bytes[i] === b))
    throw new ImageHeaderError('the PNG header is cut short');
  const type = String.fromCharCode(...bytes.subarray(12, 16));
  if (type !== 'IHDR') throw new ImageHeaderError(`the first PNG chunk is '${type.replace(/[^ -~]/g, '?')}', not IHDR`);
  const [depth, colourType] = [bytes[24], bytes[25]];
  const channels = PNG_CHANNELS[colourType];
  if (!channels || ![1, 2, 4, 8, 16].includes(depth))
    throw new ImageHeaderError(`the PNG declares bit depth ${depth} with colour type ${colourType}`);
  return checked('png', view.getUint32(16), view.getUint32(20), depth * channels);
}

/** SOF0–SOF15 carry the frame size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but are not frames. */
const isFrameMarker = (m: number) => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;

function jpegHeader(bytes: Uint8Array, view: DataView): ImageHeader {
  let i = 2;
  while (i + 4 <= bytes.length) {
    if (bytes[i] !== 0xff) throw new ImageHeaderError(`the JPEG has no marker at byte ${i} before its frame header`);
    const marker = bytes[i + 1];
    if (marker === 0xff) {
      i += 1; // fill byte
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2; // markers without a length
      continue;
    }
    if (marker === 0xd9 || marker === 0xda)
      throw new ImageHeaderError('the JPEG image data starts before its frame header');
    const length = view.getUint16(i + 2);
    if (length < 2) throw new ImageHeaderError(`the JPEG segment at byte ${i} declares a length of ${length}`);
    if (isFrameMarker(marker)) {
      if (i + 9 > bytes.length) break;
      const height = view.getUint16(i + 5);
      if (height === 0)
        throw new ImageHeaderError('the JPEG declares its height after the image data (DNL), which is not supported');
      return checked('jpeg', view.getUint16(i + 7), height);
    }
    i += 2 + length;
  }
  throw new ImageHeaderError('the JPEG ends before its frame header');
}

/**
 * The format and size from the header; null when the bytes are neither PNG
 * nor JPEG. Throws ImageHeaderError when the header is damaged.
 */
export function readImageHeader(bytes: Uint8Array): ImageHeader | null {
  const format = sniffFormat(bytes);
  if (!format) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return format === 'png' ? pngHeader(bytes, view) : jpegHeader(bytes, view);
}

/**
 * The fewest bytes a file of this header can have: deflate shrinks at most
 * 1032:1, and a JPEG codes every 8 × 8 block at least once with at least one
 * bit. A file smaller than this lies about its size; refusing it bounds the
 * work a small file can cause to what a genuine image of its size would.
 */
export function minimumFileBytes(header: ImageHeader): number {
  const { width, height } = header;
  if (header.format === 'png')
    return Math.floor((height * (1 + Math.ceil((width * (header.bitsPerPixel ?? 1)) / 8))) / 1032);
  return Math.floor((Math.ceil(width / 8) * Math.ceil(height / 8)) / 8);
}
