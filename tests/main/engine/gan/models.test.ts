import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../../src/main/engine/backend/select.js';
import { compileGan, rangeOf, type GanModels } from '../../../../src/main/engine/gan/models.js';
import { outputActivation } from '../../../../src/shared/graph/output-activation.js';
import { modelOutputs } from '../../../../src/shared/shape/index.js';
import { subgraph } from '../../../../src/shared/shape/split.js';
import { mlpGan, tinyDcgan } from './graphs.js';

const disposeModels = (m: GanModels) => {
  m.generator.dispose();
  m.discriminator.dispose();
};

beforeAll(async () => {
  await initBackend('wasm');
});

describe('compileGan', () => {
  it('compiles both groups of the MLP GAN with the sources’ parameter counts', () => {
    const m = compileGan(mlpGan(), 'vanilla');
    expect(m.generator.countParams()).toBe(114_064);
    expect(m.discriminator.countParams()).toBe(100_609);
    expect(m.latent).toEqual({ size: 100, distribution: 'normal' });
    expect(m.sampleShape).toEqual([28, 28, 1]);
    disposeModels(m);
  });

  it('reads the output range through Reshape: sigmoid → [0, 1], tanh → [-1, 1]', () => {
    const sig = mlpGan();
    const gOut = modelOutputs(subgraph(sig, 'generator'))[0];
    expect(gOut.kind).toBe('Reshape');
    expect(outputActivation(subgraph(sig, 'generator'), gOut, 'range')).toBe('sigmoid');
    expect(rangeOf('sigmoid')).toEqual([0, 1]);
    const m = compileGan(tinyDcgan(), 'vanilla');
    expect(m.range).toEqual([-1, 1]);
    expect(m.notes.join(' ')).toMatch(/\[-1, 1\].*tanh/);
  });

  it('compiles the discriminator with a logit head: its output is the pre-sigmoid score', () => {
    const m = compileGan(mlpGan({ hidden: 8 }), 'vanilla');
    const last = m.discriminator.layers[m.discriminator.layers.length - 1];
    expect((last.getConfig() as { activation: string }).activation).toBe('linear');
    const x = tf.randomUniform([3, 28, 28, 1]);
    const scores = (m.discriminator.predict(x) as tf.Tensor).dataSync();
    // Unbounded scores, not probabilities squeezed into (0, 1).
    expect(scores.some((s) => s < 0 || s > 1)).toBe(true);
    x.dispose();
    disposeModels(m);
  });

  it('notes that a Wasserstein critic drops the sigmoid', () => {
    const m = compileGan(mlpGan({ hidden: 8 }), 'wasserstein');
    expect(m.notes.join(' ')).toMatch(/critic/);
    disposeModels(m);
  });

  it('refuses a discriminator that outputs more than one score per sample (DW520)', () => {
    expect(() => compileGan(mlpGan({ hidden: 8, dUnits: 2 }), 'vanilla')).toThrow(/DW520.*\[batch, 2\]/s);
  });

  it('refuses a broken graph with the compiler’s DW504', () => {
    const doc = mlpGan({ hidden: 8 });
    const input = doc.nodes.find((n) => n.kind === 'Input')!;
    (input.params as unknown as { shape: number[] }).shape = [14, 14, 1];
    expect(() => compileGan(doc, 'vanilla')).toThrow(/DW504.*DW107/s);
  });
});
