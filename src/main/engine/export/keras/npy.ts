/**
 * NumPy's .npy format, version 1.0: magic, version, a little-endian uint16
 * header length, a Python-literal header dict padded with spaces to a
 * 64-byte boundary and ended by '\n', then the raw little-endian float32
 * data in C order. `np.load(path)` reads it with no other dependency.
 */

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
const PREAMBLE = MAGIC.length + 4; // magic + version (2) + header length (2)
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

const shapeLiteral = (shape: readonly number[]) => (shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`);

export function encodeNpy(shape: readonly number[], values: Float32Array): Uint8Array {
  const count = shape.reduce((a, b) => a * b, 1);
  if (count !== values.length) throw new Error(`npy: ${values.length} values for shape [${shape.join(', ')}]`);
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': ${shapeLiteral(shape)}, }`;
  const unpadded = PREAMBLE + header.length + 1;
  header += ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
  const out = new Uint8Array(PREAMBLE + header.length + values.length * 4);
  out.set(MAGIC, 0);
  out[6] = 1;
  out[7] = 0;
  new DataView(out.buffer).setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) out[PREAMBLE + i] = header.charCodeAt(i);
  const data = new DataView(out.buffer, PREAMBLE + header.length);
  if (LITTLE_ENDIAN)
    out.set(new Uint8Array(values.buffer, values.byteOffset, values.byteLength), PREAMBLE + header.length);
  else values.forEach((v, i) => data.setFloat32(i * 4, v, true));
  return out;
}

export interface NpyArray {
  descr: string;
  fortranOrder: boolean;
  shape: number[];
  values: Float32Array;
}

/** Parses a float32 .npy (as written above, or by NumPy); throws on anything else. */
export function decodeNpy(bytes: Uint8Array): NpyArray {
  if (bytes.length < PREAMBLE || MAGIC.some((b, i) => bytes[i] !== b)) throw new Error('npy: bad magic');
  if (bytes[6] !== 1) throw new Error(`npy: version ${bytes[6]}.${bytes[7]} not supported`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint16(8, true);
  if ((PREAMBLE + headerLength) % 16 !== 0) throw new Error('npy: header not aligned');
  const header = String.fromCharCode(...bytes.subarray(PREAMBLE, PREAMBLE + headerLength));
  const m = /^\{'descr': '([^']+)', 'fortran_order': (True|False), 'shape': \(([0-9, ]*)\), \}\s*\n$/.exec(header);
  if (!m) throw new Error(`npy: header not understood: ${header}`);
  const shape = m[3]
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map(Number);
  const count = shape.reduce((a, b) => a * b, 1);
  const start = PREAMBLE + headerLength;
  if (m[1] !== '<f4') throw new Error(`npy: dtype ${m[1]} not supported`);
  if (bytes.length - start !== count * 4)
    throw new Error(`npy: ${bytes.length - start} data bytes for ${count} float32 values`);
  const values = new Float32Array(count);
  for (let i = 0; i < count; i++) values[i] = view.getFloat32(start + i * 4, true);
  return { descr: m[1], fortranOrder: m[2] === 'True', shape, values };
}
