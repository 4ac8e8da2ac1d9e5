import { describe, expect, it } from 'vitest';
import { DeepwireError } from '../../../src/shared/errors.js';
import {
  encodeWeights,
  newProject,
  parseProject,
  serializeProject,
  type RunRecord,
} from '../../../src/shared/project/index.js';
import { buildExamples } from '../../../scripts/make-examples.js';

const cnn = () => buildExamples().find((e) => e.id === 'mnist-cnn')!.project;

function shuffleKeys<T>(v: T): T {
  if (Array.isArray(v)) return v.map(shuffleKeys) as T;
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.entries(v)
        .reverse()
        .map(([k, x]) => [k, shuffleKeys(x)]),
    ) as T;
  return v;
}

const run = (): RunRecord => ({
  id: 'run-1',
  startedAt: '2026-11-23T10:00:00.000Z',
  endedAt: '2026-11-23T10:05:00.000Z',
  status: 'completed',
  backend: 'wasm',
  config: { dataset: cnn().dataset!, training: cnn().training },
  epochsCompleted: 2,
  history: { loss: [0.31, 0.12], accuracy: [0.91, 0.96], val_loss: [0.15, NaN], val_accuracy: [0.95, 0.97] },
  metrics: { testLoss: 0.11, testAccuracy: 0.967 },
});

describe('serializeProject', () => {
  it('writes keys in a fixed order whatever order the object has, 2-space JSON, trailing newline', () => {
    const text = serializeProject(cnn());
    expect(serializeProject(shuffleKeys(cnn()))).toBe(text);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')[1]).toBe('  "format": "deepwire-project",');
    const top = Object.keys(JSON.parse(text));
    expect(top).toEqual([
      'format',
      'version',
      'kind',
      'name',
      'description',
      'createdAt',
      'modifiedAt',
      'app',
      'dataset',
      'training',
      'graph',
      'runs',
    ]);
    const node = JSON.parse(text).graph.nodes[1];
    expect(Object.keys(node)).toEqual(['id', 'name', 'kind', 'position', 'params']);
  });

  it('keeps short arrays and flat objects on one line, so a change is a one-line diff', () => {
    const text = serializeProject(cnn());
    expect(text).toContain('"kernelSize": [3, 3]');
    expect(text).toMatch(/"position": \{ "x": -?[\d.]+, "y": -?[\d.]+ \},/);
    expect(text).toContain(
      '{ "id": "conv2d->max_pooling2d", "source": "conv2d", "target": "max_pooling2d", "targetPort": 0 }',
    );
    const edited = cnn();
    const dense = edited.graph.nodes.find((n) => n.name === 'dense')!;
    if (dense.kind === 'Dense') dense.params.units = 256;
    const before = text.split('\n');
    const after = serializeProject(edited).split('\n');
    expect(after.length).toBe(before.length);
    expect(after.filter((line, i) => line !== before[i])).toEqual([
      '        "params": { "units": 256, "activation": "relu", "useBias": true }',
    ]);
  });

  it('puts the weights blob last and run history before it; diverged values are stored as null', () => {
    const p = cnn();
    const text = serializeProject({
      ...p,
      runs: [run()],
      weights: encodeWeights([{ name: 'dense_1/bias', shape: [10], values: new Float32Array(10) }], p.graph),
    });
    const keys = Object.keys(JSON.parse(text));
    expect(keys.slice(-2)).toEqual(['runs', 'weights']);
    expect(text).toContain('"val_loss": [0.15, null]');
    const back = parseProject(text).project;
    expect(back.runs[0].history.val_loss).toEqual([0.15, null]);
    expect(back.runs[0].metrics.testAccuracy).toBe(0.967);
  });

  it('refuses to write an invalid project (DW203 with the path)', () => {
    const p = { ...newProject('classifier', 'x'), name: '' };
    expect(() => serializeProject(p)).toThrow(DeepwireError);
    try {
      serializeProject(p);
    } catch (e) {
      expect((e as DeepwireError).where).toBe('name');
      expect((e as DeepwireError).detail).toMatch(/refusing to save/);
    }
  });

  it('a run record checks its fields', () => {
    const bad = { ...cnn(), runs: [{ ...run(), backend: 'quantum' }] };
    expect(() => serializeProject(bad)).toThrow(/runs\[0\]\.backend/);
  });
});
