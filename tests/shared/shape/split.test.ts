import { describe, expect, it } from 'vitest';
import { modelInputs, modelNodes, modelOutputs, subgraph } from '../../../src/shared/shape/split.js';
import { GraphBuilder } from './build.js';

describe('model split helpers', () => {
  it('splits a GAN document into its two models', () => {
    const g = new GraphBuilder();
    g.group = 'generator';
    const noise = g.add('Noise', { size: 8 });
    const sample = g.add('Dense', { units: 4 }, g.add('Dense', { units: 16 }, noise));
    g.group = 'discriminator';
    const real = g.add('Input', { shape: [4] });
    const score = g.add('Dense', { units: 1 }, real);
    const gen = subgraph(g.doc, 'generator');
    expect(gen.nodes.map((n) => n.id)).toEqual([noise, 'dense_1', sample]);
    expect(gen.edges).toHaveLength(2);
    expect(modelInputs(gen).map((n) => n.id)).toEqual([noise]);
    expect(modelOutputs(gen).map((n) => n.id)).toEqual([sample]);
    const disc = subgraph(g.doc, 'discriminator');
    expect(modelInputs(disc).map((n) => n.id)).toEqual([real]);
    expect(modelOutputs(disc).map((n) => n.id)).toEqual([score]);
  });

  it('leaves layers connected to nothing out of the model', () => {
    const g = new GraphBuilder();
    const x = g.add('Input', { shape: [3] });
    const a = g.add('Dense', { units: 2 }, x);
    const b = g.add('Dense', { units: 2 }, x);
    g.add('Conv2D', {});
    g.add('Input', { shape: [5] });
    expect(modelNodes(g.doc).map((n) => n.id)).toEqual([x, a, b]);
    expect(modelInputs(g.doc).map((n) => n.id)).toEqual([x]);
    expect(modelOutputs(g.doc).map((n) => n.id)).toEqual([a, b]);
  });
});
