/**
 * CycleGAN example projects (Zhu et al. 2017; docs/gan.md), listed by
 * make-examples.ts: four models in the four CycleGAN groups.
 * - cyclegan-mnist: 28×28 grey, a small ResNet-style generator and a
 *   PatchGAN discriminator, on the built-in MNIST ↔ inverted-thick pair
 *   (trains on the CPU);
 * - cyclegan-128: the paper's 128×128 RGB layout (c7s1-k, d2k, d4k, six
 *   residual blocks, u2k, uk, c7s1-3; PatchGAN with three downsamplings) at
 *   half the paper's width (k = 32, not 64: 4× fewer generator weights, so the
 *   tests that export every example stay quick), on two image folders, for GPUs.
 */
import type { Group } from '../src/shared/graph/types.js';
import { GraphBuilder, layer, newProject, type Project } from '../src/shared/project/index.js';
import { ganConfigSchema } from '../src/shared/training/config.js';

const CREATED = new Date('2026-11-23T00:00:00.000Z');

interface Sizes {
  image: [number, number, 1 | 3];
  /** Filters of the first generator layer (doubled by each downsampling). */
  ngf: number;
  residualBlocks: number;
  /** Filters of the first discriminator layer, and its downsamplings. */
  ndf: number;
  discriminatorDown: number;
}

const norm = () => layer('InstanceNormalization', { epsilon: 1e-3 });
const relu = () => layer('Activation', { activation: 'relu' });
const leaky = () => layer('Activation', { activation: 'leaky_relu', alpha: 0.2 });
const conv = (filters: number, k: number, stride: number, padding: 'same' | 'valid' = 'same') =>
  layer('Conv2D', { filters, kernelSize: [k, k], strides: [stride, stride], padding, activation: 'linear' });

/** c7s1-k, d2k, d4k, R4k × n, u2k, uk, c7s1-C with tanh (Johnson et al. 2016 as used by Zhu et al.). */
function generator(b: GraphBuilder, group: Group, s: Sizes, from: string): void {
  b.inGroup(group);
  const k = s.ngf;
  let x = b.chain(
    null,
    layer('Input', { shape: s.image }, `real_${from}`),
    layer('ReflectionPadding2D', { padding: [3, 3, 3, 3] }),
    conv(k, 7, 1, 'valid'),
    norm(),
    relu(),
    conv(2 * k, 3, 2),
    norm(),
    relu(),
    conv(4 * k, 3, 2),
    norm(),
    relu(),
  );
  for (let r = 0; r < s.residualBlocks; r++) {
    const body = b.chain(
      x,
      layer('ReflectionPadding2D', { padding: [1, 1, 1, 1] }),
      conv(4 * k, 3, 1, 'valid'),
      norm(),
      relu(),
      layer('ReflectionPadding2D', { padding: [1, 1, 1, 1] }),
      conv(4 * k, 3, 1, 'valid'),
      norm(),
    );
    x = b.add(layer('Add'), [body, x]);
  }
  const up = (filters: number) =>
    layer('Conv2DTranspose', { filters, kernelSize: [3, 3], strides: [2, 2], padding: 'same', activation: 'linear' });
  b.chain(
    x,
    up(2 * k),
    norm(),
    relu(),
    up(k),
    norm(),
    relu(),
    layer('ReflectionPadding2D', { padding: [3, 3, 3, 3] }),
    layer('Conv2D', { filters: s.image[2], kernelSize: [7, 7], padding: 'valid', activation: 'tanh' }),
  );
}

/** PatchGAN: C64 (no norm), C128…, then a 1-channel map of patch scores (linear: least-squares). */
function discriminator(b: GraphBuilder, group: Group, s: Sizes, domain: string): void {
  b.inGroup(group);
  let x = b.chain(null, layer('Input', { shape: s.image }, `judge_${domain}`), conv(s.ndf, 4, 2), leaky());
  for (let i = 1; i < s.discriminatorDown; i++) x = b.chain(x, conv(s.ndf * 2 ** i, 4, 2), norm(), leaky());
  b.chain(x, conv(s.ndf * 2 ** s.discriminatorDown, 4, 1), norm(), leaky(), conv(1, 4, 1));
}

function cycleGraph(s: Sizes) {
  const b = new GraphBuilder();
  generator(b, 'generator_ab', s, 'a');
  generator(b, 'generator_ba', s, 'b');
  discriminator(b, 'discriminator_a', s, 'a');
  discriminator(b, 'discriminator_b', s, 'b');
  return b.build();
}

const cycleGan = (cycle: Record<string, unknown>) =>
  ganConfigSchema.parse({
    loss: 'least-squares',
    generatorOptimizer: { name: 'adam', learningRate: 0.0002 },
    discriminatorOptimizer: { name: 'adam', learningRate: 0.0002 },
    sampleEvery: 50,
    cycle,
  });

export function cycleganMnist(): Project {
  const project = newProject('gan', 'CycleGAN (MNIST ↔ inverted thick MNIST)', {
    description:
      'Zhu et al. (2017) at 28×28: G turns MNIST digits into inverted, thick-stroked ones and F back, learnt from unpaired ' +
      'digits. Since the transform is known, the run reports the held-out translation error mean |G(a) − T(a)|.',
    graph: cycleGraph({ image: [28, 28, 1], ngf: 8, residualBlocks: 2, ndf: 16, discriminatorDown: 2 }),
    dataset: { source: 'mnist', validationSplit: 0.1, seed: 42 },
    training: { loss: 'meanSquaredError', metrics: [], batchSize: 8, epochs: 2 },
    now: CREATED,
  });
  return { ...project, gan: cycleGan({ domains: { source: 'mnist-inverted-thick' } }) };
}

export function cyclegan128(): Project {
  const project = newProject('gan', 'CycleGAN 128×128 (two image folders)', {
    description:
      'The layout of Zhu et al. (2017) for 128×128 RGB at half width (32 filters first): ResNet generator with 6 residual blocks, PatchGAN ' +
      'discriminator. Set gan.cycle.domains.a and .b to two folders of images (e.g. horses and zebras); for GPUs.',
    graph: cycleGraph({ image: [128, 128, 3], ngf: 32, residualBlocks: 6, ndf: 64, discriminatorDown: 3 }),
    dataset: { source: 'image-folder', path: 'trainA', size: [128, 128], channels: 3, validationSplit: 0.1, seed: 42 },
    training: { loss: 'meanSquaredError', metrics: [], batchSize: 1, epochs: 200 },
    now: CREATED,
  });
  return {
    ...project,
    gan: cycleGan({ domains: { source: 'image-folders', a: 'trainA', b: 'trainB', size: [128, 128], channels: 3 } }),
  };
}
