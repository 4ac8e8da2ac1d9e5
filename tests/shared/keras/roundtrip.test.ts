import { describe, expect, it } from 'vitest';
import { KERAS_STYLES, readKerasModel, writeKerasModel } from '../../../src/shared/keras/index.js';
import { inferShapes } from '../../../src/shared/shape/infer.js';
import { ALL_KINDS, CASES, KINDS_COVERED, normalize } from './graphs.js';

/** Through text, as a file would carry it. */
const viaText = (json: object): unknown => JSON.parse(JSON.stringify(json));

describe('writeKerasModel -> readKerasModel', () => {
  it('covers every layer kind of the catalog', () => {
    expect(ALL_KINDS.filter((k) => !KINDS_COVERED.has(k))).toEqual([]);
  });

  for (const style of KERAS_STYLES) {
    describe(style, () => {
      for (const c of CASES) {
        it(`${c.title} comes back as the same graph`, () => {
          const json = writeKerasModel(c.graph, { style });
          const back = readKerasModel(viaText(json));
          expect(normalize(back.graph)).toEqual(normalize(c.graph));
          expect(back.warnings).toEqual([]);
          expect(back.style).toBe(style);
          expect(inferShapes(back.graph).totals).toEqual(inferShapes(c.graph).totals);
        });
      }
    });
  }

  it('writes a time dimension of None as null and reads it back (issue #14)', () => {
    const graph = CASES.find((c) => c.title === 'variable-length text model (time None)')!.graph;
    const k2 = writeKerasModel(graph, { style: 'keras2' }) as {
      config: { layers: { config: Record<string, unknown> }[] };
    };
    expect(k2.config.layers[0].config.batch_input_shape).toEqual([null, null]);
    const k3 = JSON.stringify(writeKerasModel(graph, { style: 'keras3' }));
    expect(k3).toContain('"batch_shape":[null,null]');
    const report = inferShapes(readKerasModel(viaText(JSON.parse(k3))).graph);
    expect(Object.values(report.nodes).map((n) => n.shape)).toEqual(
      expect.arrayContaining([
        [null, null, 8],
        [null, null, 6],
      ]),
    );
  });

  it('writes a chain as Sequential and a branched graph as Functional', () => {
    const chain = CASES.find((c) => c.title === 'poolings')!.graph;
    const branched = CASES.find((c) => c.title === 'residual Add')!.graph;
    expect(writeKerasModel(chain, { style: 'keras3' }).class_name).toBe('Sequential');
    expect(writeKerasModel(branched, { style: 'keras3' }).class_name).toBe('Functional');
    expect(writeKerasModel(branched, { style: 'keras2' }).class_name).toBe('Functional');
    expect(writeKerasModel(branched, { style: 'tfjs' }).class_name).toBe('Model');
  });

  it('spells dialect differences the way each writes them', () => {
    const graph = CASES.find((c) => c.title === 'Activation layers')!.graph;
    const k3 = JSON.stringify(writeKerasModel(graph, { style: 'keras3' }));
    const k2 = JSON.stringify(writeKerasModel(graph, { style: 'keras2' }));
    expect(k3).toContain('"batch_shape":[null,9]');
    expect(k3).toContain('"negative_slope":0.1');
    expect(k3).toContain('"activation":"silu"');
    expect(k3).toContain('"class_name":"DTypePolicy"');
    expect(k2).toContain('"batch_input_shape":[null,9]');
    expect(k2).toContain('"alpha":0.1');
    expect(k2).toContain('"activation":"swish"');
    expect(k2).toContain('"dtype":"float32"');
  });

  it('splits a fused leaky_relu into a LeakyReLU layer for Keras 2 and fuses it back', () => {
    const graph = CASES.find((c) => c.title === 'Dense without bias, leaky_relu')!.graph;
    const k2 = writeKerasModel(graph, { style: 'keras2' }) as {
      config: { layers: { class_name: string; config: Record<string, unknown> }[] };
    };
    expect(k2.config.layers.map((l) => l.class_name)).toEqual(['InputLayer', 'Dense', 'LeakyReLU']);
    expect(k2.config.layers[1].config.activation).toBe('linear');
    expect(k2.config.layers[2].config).toMatchObject({ name: 'head_leaky_relu', alpha: 0.2 });
    const k3 = writeKerasModel(graph, { style: 'keras3' }) as typeof k2;
    expect(k3.config.layers.map((l) => l.class_name)).toEqual(['InputLayer', 'Dense']);
    expect(k3.config.layers[1].config.activation).toBe('leaky_relu');
  });

  it('keeps GAN groups and Noise sources through the deepwire metadata', () => {
    const gan = CASES.find((c) => c.title === 'MLP GAN')!.graph;
    const json = writeKerasModel(gan, { style: 'keras3' });
    expect(json.deepwire).toMatchObject({
      layers: { z: { noise: 'normal', group: 'generator' }, sample: { group: 'discriminator' } },
    });
    const back = readKerasModel(viaText(json)).graph;
    const totals = (g: 'generator' | 'discriminator') => {
      const r = inferShapes(back);
      return back.nodes.filter((n) => n.group === g).reduce((a, n) => a + r.nodes[n.id].params.trainable, 0);
    };
    expect(totals('generator')).toBe(114_064);
    expect(totals('discriminator')).toBe(100_609);
  });
});
