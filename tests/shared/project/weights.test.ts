import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeBase64, encodeBase64 } from '../../../src/shared/project/base64.js';
import { crc32Hex, sha256Hex, utf8 } from '../../../src/shared/project/checksums.js';
import {
  decodeWeights,
  encodeWeights,
  graphRevision,
  parseProject,
  serializeProject,
  weightsStatus,
  type NamedTensor,
  type Project,
} from '../../../src/shared/project/index.js';
import { inferShapes } from '../../../src/shared/shape/infer.js';
import { RESOURCES } from '../../../scripts/make-examples.js';

const cnn = (): Project =>
  parseProject(readFileSync(join(RESOURCES, 'examples', 'mnist-cnn.deepwire'), 'utf8')).project;

/** Tensors shaped like the CNN's TF.js weights, with seeded values. */
function cnnTensors(): NamedTensor[] {
  let s = 3;
  const rand = () => ((s = (s * 16807) % 2147483647) / 2147483647) * 2 - 1;
  const t = (name: string, shape: number[]) => ({
    name,
    shape,
    values: Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, rand),
  });
  return [
    t('conv2d/kernel', [3, 3, 1, 32]),
    t('conv2d/bias', [32]),
    t('dense/kernel', [5408, 128]),
    t('dense/bias', [128]),
    t('dense_1/kernel', [128, 10]),
    t('dense_1/bias', [10]),
  ];
}

describe('base64 and checksums agree with Node', () => {
  it('base64 of every length class and of random bytes', () => {
    for (let n = 0; n < 40; n++) {
      const bytes = Uint8Array.from({ length: n * 37 + (n % 3) }, (_, i) => (i * 131 + n) & 255);
      const text = encodeBase64(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64'));
      expect(decodeBase64(text)).toEqual(bytes);
    }
    expect(decodeBase64('abc')).toBeNull();
    expect(decodeBase64('ab!d')).toBeNull();
  });

  it('CRC-32 and SHA-256', () => {
    const bytes = utf8('Deepwire ✓ 🧠 weights');
    expect(Buffer.from(bytes).toString()).toBe('Deepwire ✓ 🧠 weights');
    expect(crc32Hex(bytes)).toBe(crc32(bytes).toString(16).padStart(8, '0'));
    for (const n of [0, 55, 56, 64, 1000]) {
      const data = Uint8Array.from({ length: n }, (_, i) => i & 255);
      expect(sha256Hex(data)).toBe(createHash('sha256').update(data).digest('hex'));
    }
  });
});

describe('weights blob', () => {
  it('round-trips the CNN weights bit for bit, sized as documented', () => {
    const project = cnn();
    const tensors = cnnTensors();
    tensors[1].values[0] = NaN;
    tensors[1].values[1] = -0;
    const blob = encodeWeights(tensors, project.graph);
    const total = inferShapes(project.graph).totals.total;
    expect(total).toBe(693_962);
    expect(blob.byteLength).toBe(total * 4); // 2,775,848 bytes
    expect(blob.data.length).toBe(Math.ceil((total * 4) / 3) * 4); // 3,701,132 characters
    expect(blob.specs.map((s) => s.name)).toEqual(tensors.map((t) => t.name));

    const text = serializeProject({ ...project, weights: blob });
    expect(text.lastIndexOf('"weights"')).toBeGreaterThan(text.lastIndexOf('"graph"'));
    const reopened = parseProject(text);
    expect(reopened.warnings).toEqual([]);
    expect(weightsStatus(reopened.project)).toEqual({ state: 'ok' });
    const back = decodeWeights(reopened.project.weights!, reopened.project.graph);
    back.forEach((t, i) => {
      expect(t.name).toBe(tensors[i].name);
      expect(t.shape).toEqual(tensors[i].shape);
      const bytes = (v: Float32Array) => Buffer.from(v.buffer, v.byteOffset, v.byteLength);
      expect(Buffer.compare(bytes(t.values), bytes(tensors[i].values))).toBe(0);
    });
  });

  it('damaged bytes → DW207 warning on open and DW207 on load; the project still opens', () => {
    const project = cnn();
    const blob = encodeWeights(cnnTensors().slice(0, 2), project.graph);
    const i = 100;
    const flipped = {
      ...blob,
      data: blob.data.slice(0, i) + (blob.data[i] === 'A' ? 'B' : 'A') + blob.data.slice(i + 1),
    };
    const { project: opened, warnings } = parseProject(serializeProject({ ...project, weights: flipped }));
    expect(warnings.map((w) => [w.code, w.where])).toEqual([['DW207', 'weights.data']]);
    expect(weightsStatus(opened).state).toBe('damaged');
    expect(() => decodeWeights(opened.weights!)).toThrow(/DW207/);
  });

  it('truncated data or a byteLength that disagrees with the specs → DW207', () => {
    const project = cnn();
    const blob = encodeWeights(cnnTensors().slice(0, 2), project.graph);
    expect(() => decodeWeights({ ...blob, data: blob.data.slice(0, 400) })).toThrow(/DW207.*truncated/s);
    expect(() => decodeWeights({ ...blob, byteLength: blob.byteLength + 4 })).toThrow(/DW207/);
    expect(() =>
      decodeWeights({ ...blob, specs: [{ ...blob.specs[0], shape: [3, 3, 1, 33] }, blob.specs[1]] }),
    ).toThrow(/DW207/);
  });

  it('a changed graph makes the weights stale (DW207); moving layers does not', () => {
    const project = cnn();
    const withWeights = { ...project, weights: encodeWeights(cnnTensors(), project.graph) };
    const moved = structuredClone(withWeights);
    moved.graph.nodes.forEach((n) => (n.position = { x: n.position.x + 500, y: -n.position.y }));
    moved.graph.nodes.reverse();
    expect(weightsStatus(moved)).toEqual({ state: 'ok' });

    const changed = structuredClone(withWeights);
    const dense = changed.graph.nodes.find((n) => n.name === 'dense')!;
    if (dense.kind === 'Dense') dense.params.units = 64;
    const status = weightsStatus(changed);
    expect(status.state).toBe('stale');
    expect(() => decodeWeights(changed.weights!, changed.graph)).toThrow(/DW207/);
    expect(parseProject(serializeProject(changed)).warnings.map((w) => w.where)).toEqual(['weights.graphRevision']);

    const rewired = structuredClone(withWeights);
    rewired.graph.edges[0].targetPort = 1;
    expect(graphRevision(rewired.graph)).not.toBe(graphRevision(project.graph));
  });

  it('a tensor whose values do not fill its shape is refused', () => {
    expect(() =>
      encodeWeights([{ name: 'dense/bias', shape: [3], values: new Float32Array(2) }], 'sha256:' + '0'.repeat(64)),
    ).toThrow(/DW207/);
  });

  it('the schema checks the blob fields (DW203 with the path)', () => {
    const project = cnn();
    const blob = encodeWeights(cnnTensors().slice(0, 2), project.graph);
    const doc = JSON.parse(serializeProject({ ...project, weights: blob }));
    doc.weights.specs[1].name = 'bias';
    expect(() => parseProject(JSON.stringify(doc))).toThrow(/DW203[\s\S]*weights\.specs\[1\]\.name/);
  });
});
