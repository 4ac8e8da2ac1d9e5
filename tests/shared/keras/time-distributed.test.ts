/** TimeDistributed in Keras files (issue #14): Keras 2 and Keras 3 forms of the nested layer, and what is refused. */
import { describe, expect, it } from 'vitest';
import type { DeepwireError } from '../../../src/shared/errors.js';
import { readKerasModel } from '../../../src/shared/keras/index.js';
import { inferShapes } from '../../../src/shared/shape/infer.js';

type Json = Record<string, unknown>;

const dense = { units: 27, activation: 'softmax', use_bias: true, name: 'dense_1' };

/** A Keras 2 Sequential: a (None, 40, 512) sequence into TimeDistributed(inner). */
const keras2 = (inner: Json) => ({
  class_name: 'Sequential',
  config: {
    name: 's',
    layers: [
      { class_name: 'TimeDistributed', config: { name: 'td', batch_input_shape: [null, 40, 512], layer: inner } },
    ],
  },
  keras_version: '2.3.1',
});

/** The same in Keras 3's envelope (module, registered_name, InputLayer first). */
const keras3 = (inner: Json) => ({
  module: 'keras',
  class_name: 'Sequential',
  config: {
    name: 's',
    layers: [
      {
        module: 'keras.layers',
        class_name: 'InputLayer',
        config: { batch_shape: [null, 40, 512], dtype: 'float32', name: 'in' },
        registered_name: null,
      },
      {
        module: 'keras.layers',
        class_name: 'TimeDistributed',
        config: { name: 'td', layer: { module: 'keras.layers', registered_name: null, ...inner } },
        registered_name: null,
      },
    ],
  },
  registered_name: null,
});

describe('TimeDistributed from Keras files', () => {
  for (const [dialect, wrap] of [
    ['Keras 2', keras2],
    ['Keras 3', keras3],
  ] as const) {
    it(`${dialect}: TimeDistributed(Dense) is one TimeDistributed of the Dense's options and count`, () => {
      const { graph, warnings } = readKerasModel(wrap({ class_name: 'Dense', config: dense }));
      const td = graph.nodes.find((n) => n.kind === 'TimeDistributed')!;
      expect(td.params).toEqual({ layer: 'Dense', units: 27, activation: 'softmax', useBias: true });
      const report = inferShapes(graph);
      expect(report.nodes[td.id].shape).toEqual([null, 40, 27]);
      expect(report.nodes[td.id].params.trainable).toBe(512 * 27 + 27);
      expect(warnings).toEqual([]);
    });
  }

  it('TimeDistributed(Dropout) is read as Dropout, with a warning', () => {
    const { graph, warnings } = readKerasModel(keras2({ class_name: 'Dropout', config: { rate: 0.3, name: 'd' } }));
    expect(graph.nodes.map((n) => n.kind)).toEqual(['Input', 'Dropout']);
    expect(graph.nodes[1].params).toEqual({ rate: 0.3 });
    expect(warnings.join('\n')).toMatch(/TimeDistributed\(Dropout\) is read as Dropout/);
  });

  it('any other wrapped layer is refused with DW303 naming it', () => {
    const conv = { class_name: 'Conv2D', config: { filters: 4, kernel_size: [3, 3], name: 'c' } };
    expect(() => readKerasModel(keras2(conv))).toThrow(expect.objectContaining({ code: 'DW303' }) as DeepwireError);
    expect(() => readKerasModel(keras2(conv))).toThrow(/a wrapped Dense/);
  });
});
