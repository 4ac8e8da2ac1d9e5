// GAN runs on two threads (backend/parallel/gan-trainer.ts): a split step pair is the one-thread step pair of the
// same batch and noise, to float rounding, for every loss family; runs say how many threads they use.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { GanDataParallel } from '../../../../src/main/engine/backend/parallel/gan-trainer.js';
import { compileGan } from '../../../../src/main/engine/gan/models.js';
import { pairMultiplyAdds } from '../../../../src/main/engine/gan/pair-stepper.js';
import { AdversarialSteps } from '../../../../src/main/engine/gan/step.js';
import { MIN_SPLIT_MULTIPLY_ADDS } from '../../../../src/main/engine/train/stepper.js';
import { train } from '../../../../src/main/engine/train/train.js';
import { RunControl } from '../../../../src/main/engine/train/control.js';
import type { GraphDoc } from '../../../../src/shared/graph/types.js';
import { ganConfigSchema, type GanConfig } from '../../../../src/shared/training/config.js';
import type { EventOf, RunRequest, TrainingEvent } from '../../../../src/shared/training/protocol.js';
import { tinyConditionalGan } from './conditional-graphs.js';
import { mlpGan } from './graphs.js';
import { threadTestSetup } from '../train/helpers.js';

const { twoCores } = threadTestSetup();

const weightsOf = (m: tf.LayersModel) => m.getWeights().map((w) => Array.from(w.dataSync()));
const maxDiff = (a: number[][], b: number[][]) =>
  Math.max(...a.map((w, i) => Math.max(...w.map((v, j) => Math.abs(v - b[i][j])))));

/** `pairs` step pairs of the same batches and seeds: on one thread, and split over two (every pair). */
async function bothWays(graph: GraphDoc, over: Partial<GanConfig>, batch: number, pairs = 3) {
  const settings = ganConfigSchema.parse(over);
  const k = settings.discriminatorSteps;
  const conditional = compileGan(graph, settings.loss, { seed: 5 }).conditional;
  const real = Array.from({ length: pairs * k }, (_, i) => tf.randomUniform([batch, 28, 28, 1], 0, 1, 'float32', i));
  const labels = conditional
    ? real.map((_, i) => tf.randomUniform([batch, 1], 0, conditional.classes, 'int32', 100 + i) as tf.Tensor2D)
    : undefined;
  const run = async (split: boolean) => {
    const models = compileGan(graph, settings.loss, { seed: 5 });
    const steps = new AdversarialSteps(models, settings);
    const parallel = split
      ? await GanDataParallel.start({ models, steps, graph, settings, compile: { seed: 5 } }, 'wasm', 'always-split')
      : null;
    const stats = [];
    try {
      for (let p = 0; p < pairs; p++) {
        const r = real.slice(p * k, (p + 1) * k);
        const l = labels?.slice(p * k, (p + 1) * k);
        stats.push(parallel ? await parallel.stepPair(r, 1000 + p, l) : steps.stepPair(r, 1000 + p, l));
      }
      return {
        stats,
        g: weightsOf(models.generator),
        d: weightsOf(models.discriminator),
        threads: parallel?.threadsInUse,
      };
    } finally {
      await parallel?.close();
      steps.dispose();
      models.generator.dispose();
      models.discriminator.dispose();
    }
  };
  const one = await run(false);
  const two = await run(true);
  tf.dispose([...real, ...(labels ?? [])]);
  return { one, two };
}

describe.skipIf(!twoCores)('a GAN step pair split over two threads', () => {
  const cases: Array<[string, GraphDoc, Partial<GanConfig>, number]> = [
    ['vanilla (odd batch: halves of 9 and 8)', mlpGan({ hidden: 32, latent: 16 }), { labelSmoothing: 0.1 }, 17],
    [
      'least-squares, 2 D updates per pair',
      mlpGan({ hidden: 32, latent: 16 }),
      { loss: 'least-squares', discriminatorSteps: 2 },
      16,
    ],
    // RMSProp, as in the WGAN paper: with Adam the losses agreed but the weights differed by up to 2.9e-5 (0.15·lr).
    [
      'WGAN with weight clipping',
      mlpGan({ hidden: 32, latent: 16, dOut: 'linear' }),
      {
        loss: 'wasserstein',
        clipValue: 0.05,
        generatorOptimizer: { name: 'rmsprop', learningRate: 5e-5 },
        discriminatorOptimizer: { name: 'rmsprop', learningRate: 5e-5 },
      },
      16,
    ],
    ['WGAN-GP', mlpGan({ hidden: 32, latent: 16, dOut: 'linear', gOut: 'tanh' }), { loss: 'wasserstein-gp' }, 16],
    ['conditional', tinyConditionalGan(), {}, 16],
  ];
  it.each(cases)(
    '%s: the same losses, means and weights as on one thread',
    async (_name, graph, over, batch) => {
      const { one, two } = await bothWays(graph, over, batch);
      expect(two.threads).toBe(2);
      for (let p = 0; p < one.stats.length; p++) {
        const [a, b] = [one.stats[p], two.stats[p]];
        for (const key of ['loss', 'real', 'fake'] as const) expect(b.d[key]).toBeCloseTo(a.d[key], 4);
        expect(b.g.loss).toBeCloseTo(a.g.loss, 4);
        expect(b.g.fake).toBeCloseTo(a.g.fake, 4);
      }
      // Adam's first steps move each weight by ~lr whatever the gradient's size: a wrong half would show at 1e-4.
      expect(maxDiff(two.g, one.g)).toBeLessThan(2e-5);
      expect(maxDiff(two.d, one.d)).toBeLessThan(2e-5);
      expect(maxDiff(two.d, weightsOf(compileGan(graph, 'vanilla', { seed: 5 }).discriminator))).toBeGreaterThan(1e-4);
    },
    60_000,
  );
});

describe("'auto' sizes a GAN by its step pair's multiply-adds", () => {
  it('the DCGAN template at batch 64 is worth splitting, a small MLP GAN is not', async () => {
    const { readFileSync } = await import('node:fs');
    const { parseProject } = await import('../../../../src/shared/project/index.js');
    const dcgan = parseProject(readFileSync('resources/examples/dcgan-mnist.deepwire', 'utf8')).project;
    const big = compileGan(dcgan.graph, 'vanilla', { seed: 1 });
    const small = compileGan(mlpGan({ hidden: 16, latent: 8 }), 'vanilla', { seed: 1 });
    expect(pairMultiplyAdds(big, 1) * 64).toBeGreaterThan(MIN_SPLIT_MULTIPLY_ADDS);
    expect(pairMultiplyAdds(small, 1) * 64).toBeLessThan(MIN_SPLIT_MULTIPLY_ADDS);
    // k D updates cost k generator passes and 2k + 1 discriminator passes.
    expect(pairMultiplyAdds(small, 3)).toBeGreaterThan(2.5 * pairMultiplyAdds(small, 1));
    for (const m of [big, small]) tf.dispose([m.generator, m.discriminator] as unknown as tf.Tensor[]);
  });
});

async function run(threads: 1 | 2 | undefined, graph = mlpGan({ hidden: 32, latent: 16 })) {
  const req: RunRequest = {
    runId: 'gan-threads',
    project: {
      kind: 'gan',
      graph,
      dataset: { source: 'mnist', validationSplit: 0.1, seed: 42 },
      training: { batchSize: 32, epochs: 2, seed: 42, ...(threads ? { threads } : {}) },
      gan: { sampleEvery: 50 },
    },
    backend: 'wasm',
    overrides: { limit: 320 },
  };
  const events: TrainingEvent[] = [];
  await train(req, (e) => events.push(e), new RunControl(), { quality: false });
  const of = <T extends TrainingEvent['type']>(t: T) => events.filter((e): e is EventOf<T> => e.type === t);
  const done = of('done')[0];
  if (!done) throw new Error(JSON.stringify(of('error')));
  return { of, done };
}

describe.skipIf(!twoCores)('GAN runs and threads', () => {
  it('a run on 2 threads trains the same numbers as on 1 and says so in its started event', async () => {
    delete process.env.DEEPWIRE_THREADS;
    const one = await run(1);
    const two = await run(2);
    expect(one.of('started')[0].backend.threads).toBe(1);
    expect(two.of('started')[0].backend.threads).toBe(2);
    const [a, b] = [one.of('epoch'), two.of('epoch')];
    expect(b).toHaveLength(2);
    for (let i = 0; i < 2; i++) {
      for (const key of ['d_loss', 'g_loss', 'd_real', 'd_fake'] as const)
        expect(b[i].logs[key]).toBeCloseTo(a[i].logs[key]!, 3);
    }
    expect(tf.memory().numTensors).toBeGreaterThan(0); // the engine thread's backend stays usable after the helper closed
  }, 120_000);

  it("DEEPWIRE_THREADS=1 keeps a run that asks for 2 on one thread; 'auto' keeps a small GAN on one and says why", async () => {
    process.env.DEEPWIRE_THREADS = '1';
    expect((await run(2)).of('started')[0].backend.threads).toBe(1);
    delete process.env.DEEPWIRE_THREADS;
    const auto = await run(undefined);
    expect(auto.of('started')[0].backend.threads).toBe(1);
    expect(auto.of('log').map((l) => l.message)).toContain(
      'training on one thread: the models are too small per batch for a second thread to pay',
    );
  }, 60_000);
});
