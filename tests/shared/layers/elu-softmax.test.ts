/** ELU (alpha), Softmax (axis), PReLU and Permute as layer kinds: Keras reading, the dialects' limits, the shape checks. */
import { describe, expect, it } from 'vitest';
import { readKerasModel, writeKerasModel } from '../../../src/shared/keras/index.js';
import { inferShapes } from '../../../src/shared/shape/infer.js';
import { Builder } from '../keras/graphs.js';

function sequential(layer: { class_name: string; config: Record<string, unknown> }) {
  return {
    class_name: 'Sequential',
    config: {
      name: 'm',
      layers: [
        { class_name: 'InputLayer', config: { batch_input_shape: [null, 6, 4], name: 'x' } },
        { ...layer, config: { name: 'act', ...layer.config } },
      ],
    },
    keras_version: '2.15.0',
    backend: 'tensorflow',
  };
}

const kindOf = (json: object) => readKerasModel(json).graph.nodes.find((n) => n.name === 'act')!;

describe('ELU and Softmax read from Keras', () => {
  it('reads ELU with its alpha as an ELU layer (it was refused unless alpha was 1)', () => {
    const node = kindOf(sequential({ class_name: 'ELU', config: { alpha: 0.5 } }));
    expect(node.kind).toBe('ELU');
    expect(node.params).toEqual({ alpha: 0.5 });
  });

  it('keeps LeakyReLU and a last-axis Softmax as Activations, as before', () => {
    expect(kindOf(sequential({ class_name: 'LeakyReLU', config: { alpha: 0.3 } })).params).toEqual({
      activation: 'leaky_relu',
      alpha: 0.3,
    });
    expect(kindOf(sequential({ class_name: 'Softmax', config: { axis: -1 } })).params).toMatchObject({
      activation: 'softmax',
    });
  });

  it('reads a Softmax over another axis as a Softmax layer (it was refused)', () => {
    const node = kindOf(sequential({ class_name: 'Softmax', config: { axis: 1 } }));
    expect(node).toMatchObject({ kind: 'Softmax', params: { axis: 1 } });
  });
});

describe('PReLU read from Keras', () => {
  it('reads shared_axes (null, one axis or a list) and counts a slope per non-shared value', () => {
    const image = (shared: unknown) => ({
      class_name: 'Sequential',
      config: {
        name: 'm',
        layers: [
          { class_name: 'InputLayer', config: { batch_input_shape: [null, 8, 8, 16], name: 'x' } },
          { class_name: 'PReLU', config: { name: 'act', shared_axes: shared } },
        ],
      },
      keras_version: '2.15.0',
      backend: 'tensorflow',
    });
    const total = (shared: unknown) => inferShapes(readKerasModel(image(shared)).graph).totals.total;
    expect(kindOf(image([1, 2]))).toMatchObject({ kind: 'PReLU', params: { sharedAxes: '1,2' } });
    expect(total([1, 2])).toBe(16);
    expect(total(null)).toBe(8 * 8 * 16);
    expect(total(1)).toBe(8 * 16);
  });

  it('refuses shared axes outside the input with DW149', () => {
    const b = new Builder();
    b.add('PReLU', 'p', { sharedAxes: '3' }, b.add('Input', 'x', { shape: [6, 4] }));
    expect(inferShapes(b.doc).diagnostics.map((d) => d.code)).toEqual(['DW149']);
  });
});

describe('ELU and Softmax limits', () => {
  const graph = (kind: 'ELU' | 'Softmax', params: object) => {
    const b = new Builder();
    b.add(kind, 'act', params, b.add('Input', 'x', { shape: [6, 4] }));
    return b.doc;
  };

  it('writes ELU alpha 0.5 for Keras 2 and 3 and reads it back, and refuses it for TF.js (DW146)', () => {
    const g = graph('ELU', { alpha: 0.5 });
    for (const style of ['keras2', 'keras3'] as const) {
      const back = readKerasModel(JSON.parse(JSON.stringify(writeKerasModel(g, { style }))));
      expect(back.graph.nodes.find((n) => n.name === 'act')).toMatchObject({ kind: 'ELU', params: { alpha: 0.5 } });
    }
    expect(() => writeKerasModel(g, { style: 'tfjs' })).toThrow(/DW146.*alpha 0\.5/);
  });

  it('writes a Softmax over time for Keras 2 and 3, and refuses it for TF.js (DW147), whose softmax takes the last axis', () => {
    const g = graph('Softmax', { axis: 1 });
    for (const style of ['keras2', 'keras3'] as const) {
      const back = readKerasModel(JSON.parse(JSON.stringify(writeKerasModel(g, { style }))));
      expect(back.graph.nodes.find((n) => n.name === 'act')).toMatchObject({ kind: 'Softmax', params: { axis: 1 } });
    }
    expect(() => writeKerasModel(g, { style: 'tfjs' })).toThrow(/DW147.*axis 1/);
    expect(() => writeKerasModel(graph('Softmax', { axis: 2 }), { style: 'tfjs' })).not.toThrow();
  });

  it('refuses a Permute order that is not a reordering of the input axes with DW148', () => {
    const b = new Builder();
    b.add('Permute', 'p', { dims: [1, 1] }, b.add('Input', 'x', { shape: [6, 4] }));
    const report = inferShapes(b.doc);
    expect(report.diagnostics.map((d) => d.code)).toEqual(['DW148']);
    expect(report.diagnostics[0].message).toMatch(/order \(1, 1\).*1 to 2/);
  });

  it('refuses a Softmax axis outside the input with DW145', () => {
    const report = inferShapes(graph('Softmax', { axis: 3 }));
    expect(report.diagnostics).toHaveLength(1);
    expect(report.diagnostics[0]).toMatchObject({ code: 'DW145' });
    expect(report.diagnostics[0].message).toMatch(/axis 3.*axes 1 to 2/);
    expect(inferShapes(graph('Softmax', { axis: -2 })).diagnostics).toEqual([]);
  });
});
