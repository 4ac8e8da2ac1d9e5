import { describe, expect, it } from 'vitest';
import { inferShapes } from '../../../src/shared/shape/infer.js';
import { GraphBuilder } from './build.js';

describe('the source models', () => {
  it('CNN on 28×28×1 has 693,962 params', () => {
    const g = new GraphBuilder();
    const x = g.add('Input', { shape: [28, 28, 1] });
    const c = g.add('Conv2D', { filters: 32, kernelSize: [3, 3], activation: 'relu' }, x);
    const p = g.add('MaxPooling2D', { poolSize: [2, 2] }, c);
    const f = g.add('Flatten', {}, p);
    const d = g.add('Dense', { units: 128, activation: 'relu' }, f);
    const out = g.add('Dense', { units: 10, activation: 'softmax' }, d);
    const r = inferShapes(g.doc, { projectKind: 'classifier', sampleShape: [28, 28, 1] });
    expect(r.diagnostics).toEqual([]);
    expect(r.totals).toMatchObject({ trainable: 693_962, nonTrainable: 0, total: 693_962 });
    expect(r.nodes[c].shape).toEqual([null, 26, 26, 32]);
    expect(r.nodes[p].shape).toEqual([null, 13, 13, 32]);
    expect(r.nodes[f].shape).toEqual([null, 5408]);
    expect(r.nodes[out].shape).toEqual([null, 10]);
    expect(r.order).toEqual([x, c, p, f, d, out]);
    // FLOPs per sample: 2 × multiply-accumulates, plus one compare per pooled value in each window.
    const conv = 2 * 3 * 3 * 1 * 32 * 26 * 26;
    const pool = 2 * 2 * 13 * 13 * 32;
    expect(r.totals.flops).toBe(conv + pool + 2 * 5408 * 128 + 2 * 128 * 10);
  });

  it('SimpleRNN 100 on (10, 1) has 10,301 params', () => {
    const g = new GraphBuilder();
    const rnn = g.add('SimpleRNN', { units: 100 }, g.add('Input', { shape: [10, 1] }));
    const out = g.add('Dense', { units: 1, activation: 'linear' }, rnn);
    const r = inferShapes(g.doc, { projectKind: 'regressor' });
    expect(r.ok).toBe(true);
    expect(r.totals.total).toBe(10_301);
    expect(r.nodes[rnn].shape).toEqual([null, 100]);
    expect(r.nodes[out].shape).toEqual([null, 1]);
  });

  it('MLP GAN: generator 114,064 and discriminator 100,609', () => {
    const g = new GraphBuilder();
    g.group = 'generator';
    const gOut = g.add(
      'Dense',
      { units: 784, activation: 'sigmoid' },
      g.add('Dense', { units: 128 }, g.add('Noise', { size: 100 })),
    );
    g.group = 'discriminator';
    const dIn = g.add('Input', { shape: [784] });
    const dOut = g.add('Dense', { units: 1, activation: 'sigmoid' }, g.add('Dense', { units: 128 }, dIn));
    const r = inferShapes(g.doc, { projectKind: 'gan', sampleShape: [784] });
    expect(r.diagnostics).toEqual([]);
    const sum = (group: string) =>
      g.doc.nodes.filter((n) => n.group === group).reduce((a, n) => a + r.nodes[n.id].params.trainable, 0);
    expect(sum('generator')).toBe(114_064);
    expect(sum('discriminator')).toBe(100_609);
    expect(r.nodes[gOut].shape).toEqual([null, 784]);
    expect(r.nodes[dOut].shape).toEqual([null, 1]);
  });
});
