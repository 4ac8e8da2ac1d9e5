import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { GraphDoc } from '../../../../src/shared/graph/types.js';
import type { ProjectKind } from '../../../../src/shared/training/config.js';
import { DeepwireError } from '../../../../src/shared/errors.js';
import { compileGraph } from '../../../../src/main/engine/compile/compile.js';
import { CYCLE_GROUPS } from '../../../../src/shared/graph/types.js';
import { isCycleGraph } from '../../../../src/shared/shape/cycle-contracts.js';
import { Graph, mlp, rowsLstm, sourceCnn } from '../helpers/graph.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Hand-built graphs covering every layer kind, branches and merges. */
function handBuilt(): Record<string, { graph: GraphDoc; kind: ProjectKind }> {
  const branches = new Graph();
  {
    const g = branches;
    const x = g.add('Input', { shape: [16, 16, 3] });
    const a = g.add('Conv2D', { filters: 8, padding: 'same', activation: 'leaky_relu' }, x);
    const b = g.add(
      'Conv2D',
      { filters: 8, kernelSize: [1, 1], padding: 'same', activation: 'gelu', useBias: false },
      x,
    );
    const sum = g.add('Add', {}, a, b);
    const bn = g.add('BatchNormalization', {}, sum);
    const p1 = g.add('GlobalAveragePooling2D', {}, bn);
    const p2 = g.add(
      'GlobalMaxPooling2D',
      {},
      g.add('AveragePooling2D', { padding: 'same' }, g.add('Activation', { activation: 'leaky_relu', alpha: 0.3 }, bn)),
    );
    const cat = g.add('Concatenate', {}, p1, p2);
    const d = g.add('Dropout', { rate: 0.25 }, g.add('Dense', { units: 12, activation: 'swish' }, cat));
    g.add('Dense', { units: 4, activation: 'softmax' }, g.add('LayerNormalization', {}, d));
  }
  const upsample = new Graph();
  {
    const g = upsample;
    const x = g.add('Input', { shape: [64] });
    const r = g.add('Reshape', { targetShape: [4, 4, -1] }, g.add('Dense', { units: 64, activation: 'elu' }, x));
    const t = g.add('Conv2DTranspose', { filters: 6, strides: [2, 2], activation: 'leaky_relu' }, r);
    const u = g.add('UpSampling2D', { size: [2, 2], interpolation: 'bilinear' }, t);
    const c = g.add('Conv2D', { filters: 2, dilationRate: [2, 2], padding: 'same', activation: 'selu' }, u);
    g.add(
      'Dense',
      { units: 1, activation: 'linear' },
      g.add('Flatten', {}, g.add('MaxPooling2D', { strides: [1, 1], padding: 'same' }, c)),
    );
  }
  const recurrent = new Graph();
  {
    const g = recurrent;
    const x = g.add('Input', { shape: [12, 5] });
    const s = g.add('SimpleRNN', { units: 7, returnSequences: true, activation: 'relu' }, x);
    const gr = g.add('GRU', { units: 6, returnSequences: true, useBias: false }, s);
    const l = g.add('LSTM', { units: 5, returnSequences: true, dropout: 0.1 }, gr);
    const b1 = g.add('Bidirectional', { cell: 'GRU', units: 4, returnSequences: true, mergeMode: 'sum' }, l);
    const b2 = g.add('Bidirectional', { cell: 'SimpleRNN', units: 3, returnSequences: true, mergeMode: 'mul' }, b1);
    const b3 = g.add('Bidirectional', { cell: 'LSTM', units: 3, mergeMode: 'concat' }, b2);
    const b4 = g.add('Bidirectional', { cell: 'LSTM', units: 3, mergeMode: 'ave' }, b2);
    g.add('Dense', { units: 3, activation: 'softmax' }, g.add('Concatenate', {}, b3, b4));
  }
  const tokens = new Graph();
  {
    const g = tokens;
    const e = g.add('Embedding', { inputDim: 50, outputDim: 8 }, g.add('Input', { shape: [10], dtype: 'int32' }));
    g.add('Dense', { units: 1, activation: 'sigmoid' }, g.add('LSTM', { units: 6 }, e));
  }
  return {
    'source CNN': { graph: sourceCnn(), kind: 'classifier' },
    MLP: { graph: mlp(), kind: 'classifier' },
    'LSTM on rows': { graph: rowsLstm(), kind: 'classifier' },
    'branches and merges': { graph: branches.doc, kind: 'classifier' },
    'reshape, transposed conv, upsampling': { graph: upsample.doc, kind: 'regressor' },
    'every recurrent layer': { graph: recurrent.doc, kind: 'classifier' },
    'embedding and LSTM': { graph: tokens.doc, kind: 'classifier' },
  };
}

describe('compileGraph', () => {
  for (const [name, { graph, kind }] of Object.entries(handBuilt())) {
    it(`${name}: countParams equals the summary and layer names are node names`, () => {
      const { model, report } = compileGraph(graph, { projectKind: kind });
      expect(model.countParams()).toBe(report.totals.total);
      const layerNames = new Set(model.layers.map((l) => l.name));
      for (const node of graph.nodes) expect(layerNames.has(node.name)).toBe(true);
      const out = graph.nodes.find((n) => !graph.edges.some((e) => e.source === n.id))!;
      expect(model.outputs[0].shape).toEqual(report.nodes[out.id].shape);
      model.dispose();
    });
  }

  it('splits leaky_relu off Dense/Conv into a LeakyReLU layer with a predictable name', () => {
    const g = new Graph();
    const d = g.add('Dense', { units: 3, activation: 'leaky_relu' }, g.add('Input', { shape: [2] }));
    g.add('Dense', { units: 1, activation: 'linear' }, d);
    const { model } = compileGraph(g.doc, { projectKind: 'regressor' });
    const leaky = model.getLayer(`${d}_leaky_relu`);
    expect(leaky.getClassName()).toBe('LeakyReLU');
    const y = model.getLayer(d);
    expect((y.getConfig() as { activation: string }).activation).toBe('linear');
    // The slope is 0.2: a negative pre-activation comes out scaled by 0.2.
    y.setWeights([
      tf.tensor2d([
        [-1, 0, 0],
        [0, 0, 0],
      ]),
      tf.zeros([3]),
    ]);
    const probe = tf.model({ inputs: model.inputs, outputs: leaky.output as tf.SymbolicTensor });
    expect(Array.from((probe.predict(tf.tensor2d([[5, 0]])) as tf.Tensor).dataSync())[0]).toBeCloseTo(-1, 5);
    model.dispose();
  });

  it('starts from the same weights for the same seed, different ones for another', () => {
    const weights = (seed: number) => {
      const { model } = compileGraph(rowsLstm(8), { projectKind: 'classifier', seed });
      const w = model.getWeights().map((t) => Array.from(t.dataSync()));
      model.dispose();
      return w;
    };
    expect(weights(1)).toEqual(weights(1));
    expect(weights(1)).not.toEqual(weights(2));
  });

  it('initialises recurrent kernels orthogonally (fast, seeded) and still saves them as Orthogonal', () => {
    const { model } = compileGraph(rowsLstm(128), { projectKind: 'classifier', seed: 3 });
    const lstm = model.getLayer('lstm_1');
    const recurrent = lstm.getWeights()[1]; // 128 × 512
    const gram = tf.matMul(recurrent, recurrent, false, true).arraySync() as number[][]; // rows are orthonormal
    for (let i = 0; i < 128; i += 17)
      for (let j = 0; j < 128; j += 13) expect(gram[i][j]).toBeCloseTo(i === j ? 1 : 0, 4);
    const config = lstm.getConfig() as { recurrentInitializer: { className: string } };
    expect(config.recurrentInitializer.className).toBe('Orthogonal');
    model.dispose();
  });

  it('compiles each model of a GAN document on its own', () => {
    const g = new Graph();
    g.group = 'generator';
    g.add(
      'Dense',
      { units: 784, activation: 'sigmoid' },
      g.add('Dense', { units: 128 }, g.add('Noise', { size: 100 })),
    );
    g.group = 'discriminator';
    g.add(
      'Dense',
      { units: 1, activation: 'sigmoid' },
      g.add('Dense', { units: 128, activation: 'leaky_relu' }, g.add('Input', { shape: [784] })),
    );
    const gen = compileGraph(g.doc, { projectKind: 'gan', group: 'generator' });
    const dis = compileGraph(g.doc, { projectKind: 'gan', group: 'discriminator' });
    expect(gen.model.countParams()).toBe(114_064);
    expect(dis.model.countParams()).toBe(100_609);
    expect(gen.inputs.map((n) => n.kind)).toEqual(['Noise']);
    gen.model.dispose();
    dis.model.dispose();
  });

  it('refuses a graph with error diagnostics with DW504 listing them', () => {
    const g = new Graph();
    const x = g.add('Input', { shape: [28, 28, 1] });
    g.add('Dense', { units: 10, activation: 'softmax' }, g.add('LSTM', {}, x));
    let err: unknown;
    try {
      compileGraph(g.doc, { projectKind: 'classifier' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DeepwireError);
    expect((err as DeepwireError).code).toBe('DW504');
    expect((err as DeepwireError).message).toContain('DW118');
    expect((err as DeepwireError).where).toBe('lstm_1');
  });

  it('refuses an Input that does not fit the dataset (DW108 inside DW504)', () => {
    expect(() => compileGraph(mlp(), { projectKind: 'classifier', sampleShape: [28, 28] })).toThrow(
      /DW504[\s\S]*DW108/,
    );
  });
});

describe('the example projects', () => {
  // One test over whatever resources/examples holds, so it checks every example as they are added.
  it('every model of every example compiles with countParams equal to the summary', () => {
    const dir = join(import.meta.dirname, '../../../../resources/examples');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.deepwire'))) {
      const project = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { kind: ProjectKind; graph: GraphDoc };
      const cycle = isCycleGraph(project.graph);
      const groups = cycle
        ? CYCLE_GROUPS
        : project.kind === 'gan'
          ? (['generator', 'discriminator'] as const)
          : [undefined];
      for (const group of groups) {
        const { model, report, inputs } = compileGraph(project.graph, { projectKind: project.kind, group });
        const members = group ? project.graph.nodes.filter((n) => n.group === group) : project.graph.nodes;
        const expected = members.reduce(
          (a, n) => a + report.nodes[n.id].params.trainable + report.nodes[n.id].params.nonTrainable,
          0,
        );
        expect(model.countParams(), `${file} ${group ?? ''}`).toBe(expected);
        expect(inputs.length).toBeGreaterThan(0);
        model.dispose();
      }
    }
  });
});
