/**
 * Reading NumPy .npy files (format versions 1, 2 and 3) as written by
 * `np.save` or Deepwire's Keras export. The header is a Python dict literal;
 * it is parsed key by key (any order, any spacing) rather than matched
 * against one spelling. Only little-endian float32 in C order is accepted:
 * anything else is refused with DW306 rather than silently converted.
 */
import { DeepwireError } from '../../../shared/errors.js';

export interface NpyTensor {
  shape: number[];
  values: Float32Array;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

interface NpyHeader {
  descr: string;
  fortranOrder: boolean;
  shape: number[];
}

/** `'key': value` pairs of the header dict; values are a quoted string, True/False, or a tuple of ints. */
function parseHeader(text: string, where: string): NpyHeader {
  const body = text.trim().replace(/^\{/, '').replace(/\}$/, '');
  const entries = new Map<string, string>();
  const pair = /\s*['"]([a-z_]+)['"]\s*:\s*('[^']*'|"[^"]*"|True|False|\([^)]*\))\s*,?/gy;
  let m: RegExpExecArray | null;
  let consumed = 0;
  while ((m = pair.exec(body)) !== null) {
    entries.set(m[1], m[2]);
    consumed = pair.lastIndex;
  }
  if (body.slice(consumed).trim() !== '' || !text.trim().startsWith('{')) {
    throw new DeepwireError('DW306', `the .npy header is not a dict NumPy writes: ${text.trim()}`, where);
  }
  const descr = entries.get('descr');
  const fortran = entries.get('fortran_order');
  const shape = entries.get('shape');
  if (descr === undefined || fortran === undefined || shape === undefined) {
    throw new DeepwireError('DW306', `the .npy header lacks descr, fortran_order or shape: ${text.trim()}`, where);
  }
  const dims = shape
    .slice(1, -1)
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (dims.some((d) => !/^\d+$/.test(d)))
    throw new DeepwireError('DW306', `the .npy shape ${shape} is not a tuple of sizes`, where);
  return { descr: descr.slice(1, -1), fortranOrder: fortran === 'True', shape: dims.map(Number) };
}

/** Parses one .npy file; `where` (its path) names it in errors. */
export function parseNpy(bytes: Uint8Array, where: string): NpyTensor {
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) {
    throw new DeepwireError('DW306', 'not a .npy file (the \\x93NUMPY magic is missing)', where);
  }
  const major = bytes[6];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let headerStart: number;
  let headerLength: number;
  if (major === 1) [headerStart, headerLength] = [10, view.getUint16(8, true)];
  else if ((major === 2 || major === 3) && bytes.length >= 12)
    [headerStart, headerLength] = [12, view.getUint32(8, true)];
  else throw new DeepwireError('DW306', `.npy format version ${major}.${bytes[7]} is not supported (1, 2 or 3)`, where);
  if (headerStart + headerLength > bytes.length)
    throw new DeepwireError('DW306', 'the .npy header runs past the end of the file (truncated?)', where);
  const header = parseHeader(
    new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(bytes.subarray(headerStart, headerStart + headerLength)),
    where,
  );
  if (header.descr !== '<f4') {
    throw new DeepwireError(
      'DW306',
      `dtype '${header.descr}' is not supported: save the array as little-endian float32 ('<f4', e.g. a.astype('<f4'))`,
      where,
    );
  }
  if (header.fortranOrder)
    throw new DeepwireError('DW306', 'Fortran-ordered arrays are not supported: save np.ascontiguousarray(a)', where);
  const count = header.shape.reduce((a, b) => a * b, 1);
  const start = headerStart + headerLength;
  if (bytes.length - start !== count * 4) {
    throw new DeepwireError(
      'DW306',
      `${bytes.length - start} data bytes for shape (${header.shape.join(', ')}), which needs ${count * 4}`,
      where,
    );
  }
  const values = new Float32Array(count);
  for (let i = 0; i < count; i++) values[i] = view.getFloat32(start + i * 4, true);
  return { shape: header.shape, values };
}
