import { describe, expect, it } from 'vitest';
import { layoutGraph } from '../../../src/shared/graph/layout.js';
import { GraphBuilder, kerasBaseName, layer } from '../../../src/shared/project/index.js';
import { LAYER_KINDS } from '../../../src/shared/layers/params.js';
import { buildExamples } from '../../../scripts/make-examples.js';

const example = (id: string) => buildExamples().find((e) => e.id === id)!.project.graph;

describe('GraphBuilder', () => {
  it('names layers as Keras does', () => {
    const names = Object.fromEntries(LAYER_KINDS.map((k) => [k, kerasBaseName(k)]));
    expect(names).toMatchObject({
      Conv2D: 'conv2d',
      Conv2DTranspose: 'conv2d_transpose',
      MaxPooling2D: 'max_pooling2d',
      GlobalAveragePooling2D: 'global_average_pooling2d',
      UpSampling2D: 'up_sampling2d',
      BatchNormalization: 'batch_normalization',
      SimpleRNN: 'simple_rnn',
      LSTM: 'lstm',
      GRU: 'gru',
      Dense: 'dense',
    });
    const b = new GraphBuilder();
    b.chain(null, layer('Input'), layer('Dense'), layer('Dense'), layer('Dense', {}, 'logits'));
    expect(b.build().nodes.map((n) => n.name)).toEqual(['input', 'dense', 'dense_1', 'logits']);
  });

  it('wires merges in port order and fills default params', () => {
    const b = new GraphBuilder();
    const a = b.add(layer('Input', { shape: [4] }));
    const c = b.add(layer('Dense', { units: 4 }), [a]);
    b.add(layer('Concatenate'), [c, a]);
    const g = b.build();
    expect(g.edges.filter((e) => e.target === 'concatenate').map((e) => [e.source, e.targetPort])).toEqual([
      ['dense', 0],
      ['input', 1],
    ]);
    expect(g.nodes[1].params).toEqual({ units: 4, activation: 'relu', useBias: true });
    expect(() => b.add(layer('Dense', {}, 'dense'))).toThrow(/twice/);
    expect(() => b.add(layer('Dense'), ['nope'])).toThrow(/unknown layer/);
  });
});

describe('layoutGraph', () => {
  it('places every layer below the layers that feed it, with no two on one spot', () => {
    for (const { id, project } of buildExamples()) {
      const g = project.graph;
      const at = new Map(g.nodes.map((n) => [n.id, n.position]));
      for (const e of g.edges) expect(at.get(e.target)!.y, `${id}: ${e.id}`).toBeGreaterThan(at.get(e.source)!.y);
      expect(new Set(g.nodes.map((n) => `${n.position.x},${n.position.y}`)).size, id).toBe(g.nodes.length);
    }
  });

  it('runs a skip connection beside the layers it skips, not through them', () => {
    const g = example('residual-cnn');
    const x = (name: string) => g.nodes.find((n) => n.name === name)!.position.x;
    // conv2d feeds both the block (conv2d_1, conv2d_2) and the Add directly.
    expect(x('conv2d_1')).toBe(x('conv2d_2'));
  });

  it('puts the generator and the discriminator in columns side by side', () => {
    const g = example('dcgan-mnist');
    const xs = (group: string) => g.nodes.filter((n) => n.group === group).map((n) => n.position.x);
    expect(Math.max(...xs('generator'))).toBeLessThan(Math.min(...xs('discriminator')));
    expect(Math.min(...g.nodes.map((n) => n.position.y))).toBe(0);
  });

  it('survives a cycle (inference reports it; layout just places the nodes)', () => {
    const b = new GraphBuilder();
    b.chain(null, layer('Input', { shape: [2] }), layer('Dense'), layer('Dense'));
    const g = b.build();
    g.edges.push({ id: 'back', source: 'dense_1', target: 'dense', targetPort: 0 });
    expect(Object.keys(layoutGraph(g))).toHaveLength(3);
  });
});
