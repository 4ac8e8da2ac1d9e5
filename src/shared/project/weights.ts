/**
 * Packing trained weights into a project (and back): float32 little-endian
 * bytes, concatenated in spec order, base64 in `data`, with a CRC-32 to catch
 * damage and the graph revision to catch a model that changed since.
 */
import { DeepwireError, type Problem } from '../errors.js';
import type { GraphDoc } from '../graph/types.js';
import { decodeBase64, encodeBase64 } from './base64.js';
import { crc32Hex } from './checksums.js';
import { graphRevision } from './revision.js';
import { WEIGHTS_ENCODING, WEIGHTS_FORMAT, type WeightSpec, type WeightsBlob } from './weights-schema.js';

/** One weight tensor, as the engine reads it from / writes it to a layer. */
export interface NamedTensor {
  /** TF.js weight name, `<layer name>/<weight>` (e.g. `dense_1/kernel`). */
  name: string;
  shape: number[];
  values: Float32Array;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

const elementCount = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/** Bytes the specs describe: 4 per float32 element. */
export function specsByteLength(specs: readonly WeightSpec[]): number {
  return specs.reduce((sum, s) => sum + 4 * elementCount(s.shape), 0);
}

function littleEndianBytes(values: Float32Array): Uint8Array {
  if (LITTLE_ENDIAN) return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  const out = new Uint8Array(values.length * 4);
  const view = new DataView(out.buffer);
  values.forEach((v, i) => view.setFloat32(i * 4, v, true));
  return out;
}

/** Packs tensors for `graph` (pass the graph, or its revision if already known). */
export function encodeWeights(tensors: readonly NamedTensor[], graph: GraphDoc | string): WeightsBlob {
  const specs: WeightSpec[] = [];
  const bytes = new Uint8Array(tensors.reduce((n, t) => n + t.values.length * 4, 0));
  let offset = 0;
  for (const t of tensors) {
    if (elementCount(t.shape) !== t.values.length) {
      throw new DeepwireError(
        'DW207',
        `weight "${t.name}" has ${t.values.length} values but shape [${t.shape.join(', ')}]`,
        t.name,
      );
    }
    specs.push({ name: t.name, shape: [...t.shape], dtype: 'float32' });
    bytes.set(littleEndianBytes(t.values), offset);
    offset += t.values.length * 4;
  }
  return {
    format: WEIGHTS_FORMAT,
    encoding: WEIGHTS_ENCODING,
    graphRevision: typeof graph === 'string' ? graph : graphRevision(graph),
    specs,
    byteLength: bytes.length,
    crc32: crc32Hex(bytes),
    data: encodeBase64(bytes),
  };
}

/** Problems of a weights blob, cheapest checks first; the CRC is checked when `verifyData`. */
export function weightsProblems(blob: WeightsBlob, graph?: GraphDoc, verifyData = true): Problem[] {
  const expected = specsByteLength(blob.specs);
  if (expected !== blob.byteLength) {
    return [
      {
        code: 'DW207',
        message: `the specs describe ${expected} bytes but byteLength says ${blob.byteLength}`,
        where: 'weights.byteLength',
      },
    ];
  }
  if (blob.data.length !== Math.ceil(blob.byteLength / 3) * 4) {
    return [
      {
        code: 'DW207',
        message: `the data holds ${blob.data.length} base64 characters, not the ${Math.ceil(blob.byteLength / 3) * 4} that ${blob.byteLength} bytes need (truncated?)`,
        where: 'weights.data',
      },
    ];
  }
  const problems: Problem[] = [];
  if (verifyData) {
    const bytes = decodeBase64(blob.data);
    const crc = bytes ? crc32Hex(bytes) : null;
    if (crc !== blob.crc32)
      problems.push({
        code: 'DW207',
        message: `the weight bytes are damaged (CRC-32 ${crc ?? 'unreadable'} ≠ ${blob.crc32})`,
        where: 'weights.data',
      });
  }
  if (graph && graphRevision(graph) !== blob.graphRevision) {
    problems.push({
      code: 'DW207',
      message:
        'the weights were trained for a different version of the model (the layers or connections changed since)',
      where: 'weights.graphRevision',
    });
  }
  return problems;
}

/**
 * Unpacks the tensors (views into one buffer, in spec order). Throws DW207
 * when the blob is damaged or, given `graph`, was trained for another graph.
 */
export function decodeWeights(blob: WeightsBlob, graph?: GraphDoc): NamedTensor[] {
  const problem = weightsProblems(blob, graph, false)[0];
  if (problem) throw new DeepwireError(problem.code, problem.message, problem.where);
  const bytes = decodeBase64(blob.data);
  if (!bytes || crc32Hex(bytes) !== blob.crc32)
    throw new DeepwireError('DW207', 'the weight bytes are damaged (CRC-32 mismatch)', 'weights.data');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: NamedTensor[] = [];
  let offset = 0;
  for (const spec of blob.specs) {
    const n = elementCount(spec.shape);
    let values: Float32Array;
    if (LITTLE_ENDIAN) values = new Float32Array(bytes.buffer, bytes.byteOffset + offset, n);
    else {
      values = new Float32Array(n);
      for (let i = 0; i < n; i++) values[i] = view.getFloat32(offset + i * 4, true);
    }
    out.push({ name: spec.name, shape: [...spec.shape], values });
    offset += n * 4;
  }
  return out;
}
