/**
 * Deepwire against PyTorch on the same CPU (bench/vs-pytorch.bench.ts): each
 * template trains on Deepwire (wasm + kernel pack; two threads = the
 * data-parallel trainers, every step split, GANs' included) and on PyTorch running the model
 * that Deepwire's own PyTorch code generator writes (torchModelPy), in a
 * long-lived python child (vs_pytorch_child.py). Measurements alternate
 * between the two, so a burst of load elsewhere hits both alike.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { GanDataParallel } from '../../src/main/engine/backend/parallel/gan-trainer.js';
import { DataParallelTrainer } from '../../src/main/engine/backend/parallel/trainer.js';
import { compileGraph } from '../../src/main/engine/compile/compile.js';
import { loadExportModels, disposeExportModels } from '../../src/main/engine/export/models.js';
import { torchModelPy } from '../../src/main/engine/export/python/torch-model.js';
import { compileGan } from '../../src/main/engine/gan/models.js';
import { AdversarialSteps } from '../../src/main/engine/gan/step.js';
import { makeOptimizer } from '../../src/main/engine/train/optimizers.js';
import { parseProject } from '../../src/shared/project/index.js';
import type { Project } from '../../src/shared/project/schema.js';
import { ganConfigSchema } from '../../src/shared/training/config.js';
import { median } from './report.js';

const here = dirname(fileURLToPath(import.meta.url));
const examples = join(here, '..', '..', 'resources', 'examples');

export interface Template {
  id: string;
  project: Project;
}

const load = (id: string): Template => ({
  id,
  project: parseProject(readFileSync(join(examples, `${id}.deepwire`), 'utf8')).project,
});

/** The convolution-heavy CNN (Conv 32, pool, Conv 64, pool, Dense 128, Dense 10): the source CNN with a second Conv + pool. */
export function convHeavy(): Template {
  const { project } = load('mnist-cnn');
  const graph = structuredClone(project.graph);
  const conv = graph.nodes.find((n) => n.id === 'conv2d')!;
  const pool = graph.nodes.find((n) => n.id === 'max_pooling2d')!;
  const conv64 = { ...structuredClone(conv), id: 'conv2d_2', name: 'conv2d_2' };
  (conv64.params as { filters: number }).filters = 64;
  graph.nodes.push(conv64);
  graph.nodes.push({ ...structuredClone(pool), id: 'max_pooling2d_2', name: 'max_pooling2d_2' });
  const toFlatten = graph.edges.find((e) => e.source === 'max_pooling2d' && e.target === 'flatten')!;
  toFlatten.source = 'max_pooling2d_2';
  toFlatten.id = 'max_pooling2d_2->flatten';
  graph.edges.push({ id: 'max_pooling2d->conv2d_2', source: 'max_pooling2d', target: 'conv2d_2', targetPort: 0 });
  graph.edges.push({ id: 'conv2d_2->max_pooling2d_2', source: 'conv2d_2', target: 'max_pooling2d_2', targetPort: 0 });
  return { id: 'conv-heavy', project: { ...project, name: 'conv-heavy CNN', graph } };
}

/** The templates of issue #16, in its order. */
export function templates(): Template[] {
  const ids = [
    'mnist-cnn',
    'conv-heavy',
    'lenet5',
    'residual-cnn',
    'lstm-mnist-rows',
    'simple-rnn',
    'mlp-gan',
    'dcgan-mnist',
  ];
  return ids.map((id) => (id === 'conv-heavy' ? convHeavy() : load(id)));
}

/** Keras sample shape → PyTorch's: images (H, W, C) become (C, H, W). */
const torchShape = (s: number[]) => (s.length === 3 ? [s[2], s[0], s[1]] : s);

/** One side's timed work: `steps` steps, seconds. */
type Timer = (steps: number) => Promise<number>;

export interface DeepwireSide {
  train: Timer;
  infer: Timer | null;
  threads: number;
  close(): Promise<void>;
}

const time = async (steps: number, step: () => Promise<void> | void): Promise<number> => {
  const t0 = performance.now();
  for (let i = 0; i < steps; i++) await step();
  return (performance.now() - t0) / 1000;
};

/** The template on the current tf backend with random data of its shape; `threads` 2 = data-parallel. */
export async function deepwireSide(t: Template, batch: number, threads: number): Promise<DeepwireSide> {
  const { project } = t;
  const seed = project.training.seed;
  if (project.kind === 'gan') {
    const gan = ganConfigSchema.parse(project.gan ?? {});
    const models = compileGan(project.graph, gan.loss, { seed });
    const steps = new AdversarialSteps(models, gan);
    const [lo, hi] = models.range;
    const real = tf.randomUniform([batch, ...models.sampleShape], lo, hi, 'float32', 1);
    const run = { models, steps, graph: project.graph, settings: gan, compile: { seed } };
    const parallel = threads > 1 ? await GanDataParallel.start(run, 'wasm', 'always-split') : null;
    let i = 0;
    return {
      train: (n) =>
        time(
          n,
          async () => void (parallel ? await parallel.stepPair([real], (i += 2)) : steps.stepPair([real], (i += 2))),
        ),
      infer: null,
      threads: parallel ? 2 : 1,
      close: async () => {
        await parallel?.close();
        steps.dispose();
        tf.dispose([real, models.generator, models.discriminator] as unknown as tf.Tensor[]);
      },
    };
  }
  const { model } = compileGraph(project.graph, { projectKind: project.kind, seed });
  const regression = project.kind === 'regressor';
  model.compile({
    optimizer: makeOptimizer('adam', project.training.optimizer.learningRate),
    loss: regression ? 'meanSquaredError' : 'categoricalCrossentropy',
  });
  const inShape = model.inputs[0].shape.slice(1) as number[];
  const outputs = model.outputs[0].shape.at(-1) as number;
  const x = tf.randomUniform([batch, ...inShape], 0, 1, 'float32', 2);
  const y = regression
    ? tf.randomNormal([batch, outputs], 0, 1, 'float32', 3)
    : tf.oneHot(tf.randomUniform([batch], 0, outputs, 'int32', 4), outputs);
  const parallel = threads > 1 ? await DataParallelTrainer.start(model, 'wasm', 'always-split') : null;
  return {
    train: (n) =>
      time(n, async () => void (parallel ? await parallel.trainOnBatch(x, y) : await model.trainOnBatch(x, y))),
    infer: regression
      ? null
      : (n) =>
          time(n, async () => {
            // The whole batch at once, as PyTorch's side (predict's default would cut it into batches of 32).
            const out = model.predict(x, { batchSize: batch }) as tf.Tensor;
            await out.data();
            out.dispose();
          }),
    threads: parallel ? 2 : 1,
    close: async () => {
      await parallel?.close();
      tf.dispose([x, y]);
      model.dispose();
    },
  };
}

/** The python child: one JSON command per line, one answer per line. */
export class TorchChild {
  private readonly proc: ChildProcessWithoutNullStreams;
  private readonly answers: AsyncIterator<string>;
  private readonly dir = mkdtempSync(join(tmpdir(), 'deepwire-vs-pytorch-'));

  constructor(python = '/usr/bin/python3') {
    // OPENBLAS_CORETYPE/L2_SIZE (set on some machines for old OpenBLAS builds) slow a current one: unset for this child only.
    const env = { ...process.env };
    delete env.OPENBLAS_CORETYPE;
    delete env.OPENBLAS_L2_SIZE;
    this.proc = spawn(python, [join(here, 'vs_pytorch_child.py')], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stderr.on('data', (d: Buffer) => process.stderr.write(`[python] ${d.toString()}`));
    this.answers = createInterface({ input: this.proc.stdout })[Symbol.asyncIterator]();
  }

  async ask<T = Record<string, unknown>>(cmd: Record<string, unknown>): Promise<T> {
    this.proc.stdin.write(JSON.stringify(cmd) + '\n');
    const next = await this.answers.next();
    if (next.done) throw new Error('the python child exited');
    const out = JSON.parse(next.value) as T & { error?: string };
    if (out.error) throw new Error(`PyTorch: ${out.error}`);
    return out;
  }

  /** Write the template's model.py with Deepwire's generator and build it, model and optimizer, in the child. */
  async setup(t: Template, batch: number): Promise<void> {
    const folder = mkdtempSync(join(this.dir, `${t.id}-`));
    const exported = loadExportModels(t.project);
    try {
      writeFileSync(join(folder, 'model.py'), torchModelPy(t.project, exported.models, 'bench'));
      const { project } = t;
      const first = exported.models[project.kind === 'gan' ? 1 : 0].model;
      const sample = first.inputs[0].shape.slice(1) as number[];
      const generator = exported.models[0].model;
      await this.ask({
        cmd: 'setup',
        dir: folder,
        kind: project.kind,
        batch,
        input: torchShape(sample),
        outputs: first.outputs[0].shape.at(-1),
        loss: project.kind === 'regressor' ? 'mse' : 'cce',
        noise: project.kind === 'gan' ? generator.inputs[0].shape[1] : 0,
        dSigmoid: false, // Deepwire's GAN losses take the discriminator's scores as logits
        lr:
          project.kind === 'gan'
            ? ganConfigSchema.parse(project.gan ?? {}).generatorOptimizer.learningRate
            : project.training.optimizer.learningRate,
      });
    } finally {
      disposeExportModels(exported);
    }
  }

  async close(): Promise<void> {
    this.proc.stdin.end();
    await new Promise((r) => this.proc.once('exit', r));
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export interface Spread {
  median: number;
  min: number;
  max: number;
}
export const spread = (xs: number[]): Spread => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs) });

export interface Comparison {
  template: string;
  kind: Project['kind'];
  threads: number;
  deepwireThreads: number;
  batch: number;
  /** Steps per second (GAN: step pairs), per round. */
  train: { deepwire: number[]; pytorch: number[]; ratio: Spread };
  infer?: { deepwire: number[]; pytorch: number[]; ratio: Spread };
  error?: string;
}

export interface CompareOptions {
  rounds: number;
  /** Wall time each side gets per round and measurement (at least one step). */
  secondsPerMeasure: number;
  warmupSteps: number;
}

/** Steps to fill about `seconds`, from one timed step. */
const stepsFor = (oneStep: number, seconds: number) =>
  Math.max(1, Math.min(200, Math.round(seconds / Math.max(oneStep, 1e-4))));

/** Interleaved rounds on one template at one thread count (torch.set_num_threads(threads) against Deepwire's `threads`). */
export async function compare(t: Template, threads: number, child: TorchChild, o: CompareOptions): Promise<Comparison> {
  const batch = t.project.training.batchSize;
  const base: Comparison = {
    template: t.id,
    kind: t.project.kind,
    threads,
    deepwireThreads: threads,
    batch,
    train: { deepwire: [], pytorch: [], ratio: spread([0]) },
  };
  let dw: DeepwireSide | null = null;
  try {
    await child.ask({ cmd: 'threads', n: threads });
    await child.setup(t, batch);
    dw = await deepwireSide(t, batch, threads);
    base.deepwireThreads = dw.threads;
    const torchTrain: Timer = async (n) => (await child.ask<{ seconds: number }>({ cmd: 'train', steps: n })).seconds;
    const torchInfer: Timer = async (n) => (await child.ask<{ seconds: number }>({ cmd: 'infer', steps: n })).seconds;
    const pairs: Array<[keyof Pick<Comparison, 'train' | 'infer'>, Timer, Timer]> = [['train', dw.train, torchTrain]];
    if (dw.infer) pairs.push(['infer', dw.infer, torchInfer]);
    for (const [what, mine, theirs] of pairs) {
      await mine(o.warmupSteps);
      await theirs(o.warmupSteps);
      const nMine = stepsFor(await mine(1), o.secondsPerMeasure);
      const nTheirs = stepsFor(await theirs(1), o.secondsPerMeasure);
      const rates = { deepwire: [] as number[], pytorch: [] as number[] };
      for (let r = 0; r < o.rounds; r++) {
        // Alternate who goes first, so neither always runs right after the other warmed the caches.
        const order = r % 2 === 0 ? (['deepwire', 'pytorch'] as const) : (['pytorch', 'deepwire'] as const);
        for (const side of order) {
          const s = side === 'deepwire' ? await mine(nMine) : await theirs(nTheirs);
          rates[side].push((side === 'deepwire' ? nMine : nTheirs) / s);
        }
      }
      base[what] = { ...rates, ratio: spread(rates.deepwire.map((d, i) => d / rates.pytorch[i])) };
    }
  } catch (e) {
    base.error = (e as Error).message.split('\n')[0];
  } finally {
    await dw?.close();
  }
  return base;
}
