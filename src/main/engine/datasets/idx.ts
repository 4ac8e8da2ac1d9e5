/**
 * The IDX format (MNIST's): a 4-byte magic (two zero bytes, a type byte, the
 * number of dimensions), one big-endian uint32 per dimension, then the values
 * big-endian in row-major order. A header that disagrees with the file's
 * length is DW407.
 */
import { DeepwireError } from '../../../shared/errors.js';

const TYPES: Record<number, { name: string; bytes: number }> = {
  0x08: { name: 'ubyte', bytes: 1 },
  0x09: { name: 'byte', bytes: 1 },
  0x0b: { name: 'short', bytes: 2 },
  0x0c: { name: 'int', bytes: 4 },
  0x0d: { name: 'float', bytes: 4 },
  0x0e: { name: 'double', bytes: 8 },
};

export interface IdxArray {
  dims: number[];
  /** ubyte files stay bytes (pixels); every other type is read as float32. */
  data: Uint8Array | Float32Array;
}

export function parseIdx(bytes: Uint8Array, file: string): IdxArray {
  const fail = (why: string) => new DeepwireError('DW407', `${file}: ${why}`, file);
  if (bytes.length < 4) throw fail(`only ${bytes.length} bytes, too short for an IDX header`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes[0] !== 0 || bytes[1] !== 0)
    throw fail(
      `bad magic number 0x${view.getUint32(0).toString(16).padStart(8, '0')} (must start with two zero bytes)`,
    );
  const type = TYPES[bytes[2]];
  if (!type) throw fail(`unknown IDX data type 0x${bytes[2].toString(16)}`);
  const rank = bytes[3];
  if (rank === 0) throw fail('the header declares zero dimensions');
  const headerBytes = 4 + 4 * rank;
  if (bytes.length < headerBytes) throw fail(`the header declares ${rank} dimensions but the file ends inside it`);
  const dims: number[] = [];
  for (let i = 0; i < rank; i++) dims.push(view.getUint32(4 + 4 * i));
  const count = dims.reduce((a, d) => a * d, 1);
  const expected = headerBytes + count * type.bytes;
  if (bytes.length !== expected) {
    throw fail(
      `the header declares ${dims.join('×')} ${type.name} values (${expected} bytes) but the file has ${bytes.length} bytes`,
    );
  }
  if (type.bytes === 1 && type.name === 'ubyte') return { dims, data: bytes.slice(headerBytes) };
  const data = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    const at = headerBytes + i * type.bytes;
    data[i] =
      type.name === 'byte'
        ? view.getInt8(at)
        : type.name === 'short'
          ? view.getInt16(at)
          : type.name === 'int'
            ? view.getInt32(at)
            : type.name === 'float'
              ? view.getFloat32(at)
              : view.getFloat64(at);
  }
  return { dims, data };
}

/** Writes an IDX file's bytes (tests and tools): ubyte for Uint8Array, float otherwise. */
export function encodeIdx(dims: readonly number[], data: Uint8Array | Float32Array): Uint8Array {
  const bytesPer = data instanceof Uint8Array ? 1 : 4;
  const out = new Uint8Array(4 + 4 * dims.length + data.length * bytesPer);
  const view = new DataView(out.buffer);
  out[2] = bytesPer === 1 ? 0x08 : 0x0d;
  out[3] = dims.length;
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d));
  const start = 4 + 4 * dims.length;
  if (data instanceof Uint8Array) out.set(data, start);
  else data.forEach((v, i) => view.setFloat32(start + 4 * i, v));
  return out;
}
