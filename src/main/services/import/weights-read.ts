/**
 * The weights that come with an imported model, as named tensors:
 * - TF.js: the `weightsManifest` of model.json and the shard files it names
 *   (each group's shards concatenated, tensors laid out in manifest order);
 * - Deepwire's Keras export: `weights.json` and one .npy file per tensor.
 * Names stay as the files spell them (`dense_1/kernel`); matching them to
 * the model is the caller's job.
 */
import { readFile, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { DeepwireError } from '../../../shared/errors.js';
import type { NamedTensor } from '../../../shared/project/weights.js';
import { isObject } from '../../../shared/keras/types.js';
import { parseNpy } from './npy-read.js';

export const NPY_MANIFEST = 'weights.json';
const NPY_FORMAT = 'deepwire-npy-weights';

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** A file inside `dir` (a manifest must not reach outside its folder). */
function inside(dir: string, file: string, where: string): string {
  const full = resolve(dir, file);
  const rel = relative(dir, full);
  if (rel.startsWith('..') || rel.split(sep).includes('..'))
    throw new DeepwireError('DW306', `'${file}' points outside the model's folder`, where);
  return full;
}

async function readBytes(path: string, where: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (e) {
    throw new DeepwireError('DW306', `could not read ${path}: ${(e as Error).message}`, where);
  }
}

function floats(bytes: Uint8Array, offset: number, count: number): Float32Array {
  if (LITTLE_ENDIAN && (bytes.byteOffset + offset) % 4 === 0)
    return new Float32Array(bytes.buffer.slice(bytes.byteOffset + offset, bytes.byteOffset + offset + count * 4));
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, count * 4);
  return Float32Array.from({ length: count }, (_, i) => view.getFloat32(i * 4, true));
}

function ints(bytes: Uint8Array, offset: number, count: number): Float32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, count * 4);
  return Float32Array.from({ length: count }, (_, i) => view.getInt32(i * 4, true));
}

const isShape = (v: unknown): v is number[] =>
  Array.isArray(v) && v.every((d) => Number.isInteger(d) && (d as number) >= 0);

/** Weights listed in a TF.js model.json's `weightsManifest`, read from the shards beside `modelJsonPath`. */
export async function readTfjsWeights(manifest: unknown, modelJsonPath: string): Promise<NamedTensor[]> {
  const dir = dirname(modelJsonPath);
  if (!Array.isArray(manifest))
    throw new DeepwireError('DW306', 'weightsManifest is not a list of groups', 'weightsManifest');
  const out: NamedTensor[] = [];
  for (const [g, group] of manifest.entries()) {
    const where = `weightsManifest[${g}]`;
    if (!isObject(group) || !Array.isArray(group.paths) || !Array.isArray(group.weights))
      throw new DeepwireError('DW306', 'a group needs "paths" and "weights" lists', where);
    const shards = await Promise.all(
      group.paths.map((p, i) => readBytes(inside(dir, String(p), `${where}.paths[${i}]`), `${where}.paths[${i}]`)),
    );
    const data = new Uint8Array(shards.reduce((n, s) => n + s.length, 0));
    shards.reduce((offset, s) => (data.set(s, offset), offset + s.length), 0);
    let offset = 0;
    for (const [i, w] of group.weights.entries()) {
      const at = `${where}.weights[${i}]`;
      if (!isObject(w) || typeof w.name !== 'string' || !isShape(w.shape))
        throw new DeepwireError('DW306', 'a weight needs a "name" and a "shape"', at);
      if (w.quantization !== undefined)
        throw new DeepwireError('DW306', `"${w.name}" is quantized; re-save the model without quantization`, w.name);
      // int32: counters such as Normalization's count (Keras's int64, which TF.js stores as int32), kept as floats.
      if (w.dtype !== 'float32' && w.dtype !== 'int32')
        throw new DeepwireError(
          'DW306',
          `"${w.name}" is ${String(w.dtype)}; only float32 (and int32) weights can be imported`,
          w.name,
        );
      const count = w.shape.reduce((a, b) => a * b, 1);
      if (offset + count * 4 > data.length)
        throw new DeepwireError(
          'DW306',
          `the weight files end before "${w.name}" (${data.length} bytes in ${group.paths.join(', ')})`,
          w.name,
        );
      const values = w.dtype === 'int32' ? ints(data, offset, count) : floats(data, offset, count);
      out.push({ name: w.name, shape: [...w.shape], values });
      offset += count * 4;
    }
    if (offset !== data.length)
      throw new DeepwireError(
        'DW306',
        `the weight files hold ${data.length} bytes but the manifest describes ${offset}`,
        where,
      );
  }
  return out;
}

/** True when `json` is the weights.json a Deepwire Keras export writes. */
export const isNpyManifest = (json: unknown): boolean => isObject(json) && json.format === NPY_FORMAT;

/** Weights listed in a Deepwire `weights.json` (in `dir`), one .npy per tensor. */
export async function readNpyWeights(manifest: unknown, dir: string): Promise<NamedTensor[]> {
  if (!isObject(manifest) || !Array.isArray(manifest.layers))
    throw new DeepwireError('DW306', `${NPY_MANIFEST} has no "layers" list`, join(dir, NPY_MANIFEST));
  const out: NamedTensor[] = [];
  for (const [l, layer] of manifest.layers.entries()) {
    const where = `${NPY_MANIFEST}: layers[${l}]`;
    if (!isObject(layer) || !Array.isArray(layer.weights))
      throw new DeepwireError('DW306', 'a layer needs a "weights" list', where);
    for (const [i, w] of layer.weights.entries()) {
      if (!isObject(w) || typeof w.name !== 'string' || typeof w.file !== 'string')
        throw new DeepwireError('DW306', 'a weight needs a "name" and a "file"', `${where}.weights[${i}]`);
      const path = inside(dir, w.file, w.name);
      const t = parseNpy(await readBytes(path, w.name), path);
      if (isShape(w.shape) && (w.shape.length !== t.shape.length || w.shape.some((d, k) => d !== t.shape[k]))) {
        throw new DeepwireError(
          'DW306',
          `"${w.name}": ${w.file} holds (${t.shape.join(', ')}) but ${NPY_MANIFEST} says (${w.shape.join(', ')})`,
          w.name,
        );
      }
      out.push({ name: w.name, shape: t.shape, values: t.values });
    }
  }
  return out;
}

/**
 * True when not one of the shard files a TF.js `weightsManifest` names is beside the model.json: the model
 * was shared without its weights (only the architecture can be imported). Some present is not this case.
 */
export async function shardsAllMissing(manifest: unknown, modelJsonPath: string): Promise<boolean> {
  if (!Array.isArray(manifest)) return false;
  const dir = dirname(modelJsonPath);
  const paths = manifest.flatMap((group) => (isObject(group) && Array.isArray(group.paths) ? group.paths : []));
  if (paths.length === 0) return false;
  const present = await Promise.all(
    paths.map((p) =>
      stat(inside(dir, String(p), 'weightsManifest')).then(
        () => true,
        () => false,
      ),
    ),
  );
  return present.every((p) => !p);
}
