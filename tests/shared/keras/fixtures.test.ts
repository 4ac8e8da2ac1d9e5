/** Keras 2.15 and Keras 3 `to_json()` outputs of the source models, read into Deepwire. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readKerasModel, writeKerasModel } from '../../../src/shared/keras/index.js';
import { inferShapes } from '../../../src/shared/shape/infer.js';
import { normalize } from './graphs.js';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../fixtures/keras/${name}`, import.meta.url), 'utf8'));

const SOURCE_MODELS = [
  {
    file: 'cnn',
    total: 693_962,
    kinds: ['Input', 'Conv2D', 'MaxPooling2D', 'Flatten', 'Dense', 'Dense'],
    out: [null, 10],
  },
  { file: 'rnn', total: 10_301, kinds: ['Input', 'SimpleRNN', 'Dense'], out: [null, 1] },
  { file: 'gan-generator', total: 114_064, kinds: ['Input', 'Dense', 'Dense'], out: [null, 784] },
  { file: 'gan-discriminator', total: 100_609, kinds: ['Input', 'Dense', 'Dense'], out: [null, 1] },
];

describe('Keras fixtures of the source models', () => {
  for (const style of ['keras2', 'keras3'] as const) {
    for (const m of SOURCE_MODELS) {
      it(`${m.file} (${style}) reads with ${m.total.toLocaleString('en-US')} params`, () => {
        const { graph, warnings, style: read } = readKerasModel(fixture(`${m.file}.${style}.json`));
        expect(read).toBe(style);
        expect(warnings).toEqual([]);
        expect(graph.nodes.map((n) => n.kind)).toEqual(m.kinds);
        const report = inferShapes(graph);
        expect(report.diagnostics).toEqual([]);
        expect(report.totals).toMatchObject({ total: m.total, trainable: m.total, nonTrainable: 0 });
        expect(report.nodes[graph.nodes[graph.nodes.length - 1].id].shape).toEqual(m.out);
      });
    }
  }

  it('keeps Keras layer names, including the Keras 2 auto-named input', () => {
    expect(readKerasModel(fixture('cnn.keras2.json')).graph.nodes.map((n) => n.name)).toEqual([
      'conv2d_input',
      'conv2d',
      'max_pooling2d',
      'flatten',
      'dense',
      'dense_1',
    ]);
    expect(readKerasModel(fixture('cnn.keras3.json')).graph.nodes.map((n) => n.name)).toEqual([
      'input_layer',
      'conv2d',
      'max_pooling2d',
      'flatten',
      'dense',
      'dense_1',
    ]);
  });

  it('reads the CNN parameters the same from both dialects', () => {
    const params = (style: string) =>
      readKerasModel(fixture(`cnn.${style}.json`))
        .graph.nodes.slice(1)
        .map((n) => n.params);
    expect(params('keras2')).toEqual(params('keras3'));
    expect(params('keras3')[0]).toEqual({
      filters: 32,
      kernelSize: [3, 3],
      strides: [1, 1],
      padding: 'valid',
      dilationRate: [1, 1],
      activation: 'relu',
      useBias: true,
    });
  });

  for (const style of ['keras2', 'keras3'] as const) {
    it(`the Functional residual CNN (${style}): Add merge, ReLU layer, Keras 2 axis [3]`, () => {
      const { graph, warnings } = readKerasModel(fixture(`residual-cnn.${style}.json`));
      expect(warnings).toEqual([]);
      const report = inferShapes(graph, { projectKind: 'classifier', sampleShape: [28, 28, 1] });
      expect(report.diagnostics).toEqual([]);
      expect(report.totals).toMatchObject({ total: 5_034, trainable: 5_002, nonTrainable: 32 });
      expect(graph.nodes.find((n) => n.name === 'block_relu')).toMatchObject({
        kind: 'Activation',
        params: { activation: 'relu' },
      });
      expect(graph.edges.filter((e) => e.target === 'residual_add').map((e) => `${e.source}:${e.targetPort}`)).toEqual([
        'stem:0',
        'block_conv2:1',
      ]);
      // Positions come from the auto-layout: every layer below the layers it reads from.
      const y = new Map(graph.nodes.map((n) => [n.id, n.position.y]));
      for (const e of graph.edges) expect(y.get(e.target)!).toBeGreaterThan(y.get(e.source)!);
    });
  }

  it('the residual CNN reads the same from Keras 2 and Keras 3 and survives a Keras 3 round trip', () => {
    const k2 = readKerasModel(fixture('residual-cnn.keras2.json')).graph;
    const k3 = readKerasModel(fixture('residual-cnn.keras3.json')).graph;
    expect(normalize(k2)).toEqual(normalize(k3));
    expect(normalize(readKerasModel(writeKerasModel(k3, { style: 'keras3', name: 'residual_cnn' })).graph)).toEqual(
      normalize(k3),
    );
  });

  it('writes Keras 3 JSON with the same envelope as the Keras 3 fixture', () => {
    const original = fixture('cnn.keras3.json') as Record<string, unknown>;
    const rewritten = writeKerasModel(readKerasModel(original).graph, { style: 'keras3' });
    expect(rewritten).toEqual(original);
  });
});
