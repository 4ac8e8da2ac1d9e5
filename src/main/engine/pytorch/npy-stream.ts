/**
 * Writes a prepared split as a .npy file, chunk by chunk, so a large dataset
 * never sits twice in memory. Same format as the export's encodeNpy (version
 * 1.0, 64-byte aligned header), for float32 and int32, which NumPy
 * memory-maps (`np.load(path, mmap_mode='r')`).
 */
import { open } from 'node:fs/promises';

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function header(descr: '<f4' | '<i4', shape: readonly number[]): Uint8Array {
  const dims = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let text = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${dims}, }`;
  const preamble = 10;
  text += ' '.repeat((64 - ((preamble + text.length + 1) % 64)) % 64) + '\n';
  const out = new Uint8Array(preamble + text.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0], 0);
  new DataView(out.buffer).setUint16(8, text.length, true);
  for (let i = 0; i < text.length; i++) out[preamble + i] = text.charCodeAt(i);
  return out;
}

function bytesOf(values: Float32Array | Int32Array): Uint8Array {
  if (LITTLE_ENDIAN) return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  const out = new Uint8Array(values.length * 4);
  const view = new DataView(out.buffer);
  values.forEach((v, i) =>
    values instanceof Float32Array ? view.setFloat32(i * 4, v, true) : view.setInt32(i * 4, v, true),
  );
  return out;
}

/**
 * Writes `shape` values produced by `chunks` (in C order) to `path`.
 * `kind` picks the dtype; the chunks must add up to the shape.
 */
export async function writeNpy(
  path: string,
  kind: 'float32' | 'int32',
  shape: readonly number[],
  chunks: Iterable<Float32Array | Int32Array>,
): Promise<void> {
  const want = shape.reduce((a, d) => a * d, 1);
  const file = await open(path, 'w');
  try {
    await file.write(header(kind === 'float32' ? '<f4' : '<i4', shape));
    let written = 0;
    for (const chunk of chunks) {
      await file.write(bytesOf(chunk));
      written += chunk.length;
    }
    if (written !== want) throw new Error(`npy ${path}: wrote ${written} values for shape [${shape.join(', ')}]`);
  } finally {
    await file.close();
  }
}
