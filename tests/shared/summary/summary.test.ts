import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readKerasModel } from '../../../src/shared/keras/index.js';
import { kerasClassOf, writeLayer } from '../../../src/shared/keras/layers/registry.js';
import { inferShapes } from '../../../src/shared/shape/infer.js';
import {
  formatBytes,
  formatCount,
  formatSi,
  formatSummary,
  summarizeGraph,
} from '../../../src/shared/summary/index.js';
import { Builder, CASES } from '../keras/graphs.js';

const kerasFixture = (name: string) =>
  readKerasModel(JSON.parse(readFileSync(new URL(`../../fixtures/keras/${name}`, import.meta.url), 'utf8')));

describe('formatCount / formatBytes / formatSi', () => {
  it('groups thousands like Keras', () => {
    expect([0, 7, 999, 1000, 10_301, 693_962, 1_234_567_890].map(formatCount)).toEqual([
      '0',
      '7',
      '999',
      '1,000',
      '10,301',
      '693,962',
      '1,234,567,890',
    ]);
  });
  it("matches Keras's readable_memory_size for float32 weights", () => {
    expect(formatBytes(4 * 693_962)).toBe('2.65 MB');
    expect(formatBytes(4 * 10_301)).toBe('40.24 KB');
    expect(formatBytes(0)).toBe('0.00 B');
    expect(formatBytes(1023)).toBe('1023.00 B');
    expect(formatBytes(1024 ** 3 * 3)).toBe('3.00 GB');
  });
  it('writes FLOPs with SI prefixes', () => {
    expect([512, 1_798_016, 42_718_592_000].map(formatSi)).toEqual(['512', '1.80 M', '42.72 G']);
  });
});

describe('summarizeGraph', () => {
  it('rows in topological order with Keras classes, shapes, params and inputs', () => {
    const { graph } = kerasFixture('residual-cnn.keras3.json');
    const summary = summarizeGraph(graph, inferShapes(graph), { name: 'residual_cnn' });
    expect(summary.models).toHaveLength(1);
    const [m] = summary.models;
    expect(m.name).toBe('residual_cnn');
    expect(m.sequential).toBe(false);
    expect(m.rows.map((r) => r.name)).toEqual([
      'image',
      'stem',
      'block_conv1',
      'block_bn',
      'block_relu',
      'block_conv2',
      'residual_add',
      'post_add_relu',
      'pool',
      'gap',
      'dropout',
      'classifier',
    ]);
    expect(m.rows.find((r) => r.name === 'residual_add')).toMatchObject({
      kerasClass: 'Add',
      outputShape: [null, 28, 28, 16],
      params: 0,
      connectedTo: ['stem', 'block_conv2'],
    });
    expect(m.rows.find((r) => r.name === 'block_bn')).toMatchObject({ params: 64, trainable: 32, nonTrainable: 32 });
    expect(m.rows[0]).toMatchObject({ kerasClass: 'InputLayer', connectedTo: [] });
    expect(summary.totals).toEqual({
      total: 5_034,
      trainable: 5_002,
      nonTrainable: 32,
      flops: inferShapes(graph).totals.flops,
    });
  });

  it('splits a GAN into Generator and Discriminator with their own totals', () => {
    const gan = CASES.find((c) => c.title === 'MLP GAN')!.graph;
    const summary = summarizeGraph(gan, inferShapes(gan));
    expect(summary.models.map((m) => [m.name, m.totals.total])).toEqual([
      ['Generator', 114_064],
      ['Discriminator', 100_609],
    ]);
    expect(summary.totals.total).toBe(214_673);
    expect(summary.models[0].rows.map((r) => r.kerasClass)).toEqual(['InputLayer', 'Dense', 'Dense']);
  });

  it('leaves out layers connected to nothing, and keeps unknown shapes unknown', () => {
    const b = new Builder();
    const x = b.add('Input', 'image', { shape: [28, 28, 1] });
    b.add('Dense', 'wrong', { units: 4 }, b.add('Conv2D', 'conv', { filters: 2 }, x));
    b.add('Dropout', 'stray');
    const report = inferShapes(b.doc);
    const [m] = summarizeGraph(b.doc, report).models;
    expect(m.rows.map((r) => r.name)).toEqual(['image', 'conv', 'wrong']);
    expect(m.rows[2].outputShape).toBeUndefined();
    expect(formatSummary(summarizeGraph(b.doc, report))).toMatch(/wrong \(Dense\)\s+│ \?\s+│\s+\? │/);
  });

  it('kerasClassOf agrees with the Keras writer for every kind', () => {
    for (const c of CASES)
      for (const node of c.graph.nodes)
        expect(kerasClassOf(node)).toBe(writeLayer(node, { style: 'keras3', name: node.name }).className);
  });
});

describe('formatSummary', () => {
  it('prints the CNN like Keras 3 model.summary()', () => {
    const { graph } = kerasFixture('cnn.keras3.json');
    const text = formatSummary(summarizeGraph(graph, inferShapes(graph), { name: 'sequential' }));
    expect(text).toBe(
      [
        'Model: "sequential"',
        '┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━┓',
        '┃ Layer (type)                 ┃ Output Shape       ┃ Param # ┃',
        '┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━┩',
        '│ conv2d (Conv2D)              │ (None, 26, 26, 32) │     320 │',
        '├──────────────────────────────┼────────────────────┼─────────┤',
        '│ max_pooling2d (MaxPooling2D) │ (None, 13, 13, 32) │       0 │',
        '├──────────────────────────────┼────────────────────┼─────────┤',
        '│ flatten (Flatten)            │ (None, 5408)       │       0 │',
        '├──────────────────────────────┼────────────────────┼─────────┤',
        '│ dense (Dense)                │ (None, 128)        │ 692,352 │',
        '├──────────────────────────────┼────────────────────┼─────────┤',
        '│ dense_1 (Dense)              │ (None, 10)         │   1,290 │',
        '└──────────────────────────────┴────────────────────┴─────────┘',
        ' Total params: 693,962 (2.65 MB)',
        ' Trainable params: 693,962 (2.65 MB)',
        ' Non-trainable params: 0 (0.00 B)',
        ' FLOPs: 1,798,016 per sample (1.80 MFLOPs)',
      ].join('\n'),
    );
  });

  it('adds a Connected to column for branched models and both sections for a GAN', () => {
    const { graph } = kerasFixture('residual-cnn.keras2.json');
    const text = formatSummary(summarizeGraph(graph, inferShapes(graph)));
    expect(text).toContain(
      '┃ Layer (type)                  ┃ Output Shape       ┃ Param # ┃ Connected to                  ┃',
    );
    expect(text).toContain(
      '│ residual_add (Add)            │ (None, 28, 28, 16) │       0 │ stem[0][0], block_conv2[0][0] │',
    );
    expect(text).toContain(' Non-trainable params: 32 (128.00 B)');
    const gan = CASES.find((c) => c.title === 'MLP GAN')!.graph;
    const ganText = formatSummary(summarizeGraph(gan, inferShapes(gan)));
    expect(ganText.indexOf('Model: "Generator"')).toBeLessThan(ganText.indexOf('Total params: 114,064'));
    expect(ganText.indexOf('Total params: 114,064')).toBeLessThan(ganText.indexOf('Model: "Discriminator"'));
    expect(ganText).toContain('Total params: 100,609 (393.00 KB)');
    expect(ganText).toContain('All models: 214,673 params');
  });
});
