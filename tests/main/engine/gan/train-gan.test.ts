import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileGan } from '../../../../src/main/engine/gan/models.js';
import type { GanRunOptions } from '../../../../src/main/engine/gan/train-gan.js';
import { train } from '../../../../src/main/engine/train/train.js';
import { RunControl } from '../../../../src/main/engine/train/control.js';
import { readNamedWeights } from '../../../../src/main/engine/weights.js';
import { decodeWeights, encodeWeights } from '../../../../src/shared/project/weights.js';
import type { WeightsBlob } from '../../../../src/shared/project/weights-schema.js';
import type { GanConfig } from '../../../../src/shared/training/config.js';
import {
  trainingEventSchema,
  type EventOf,
  type RunRequest,
  type TrainingEvent,
} from '../../../../src/shared/training/protocol.js';
import { mlpGan } from './graphs.js';

let cacheDir: string;
beforeAll(async () => {
  cacheDir = await mkdtemp(join(tmpdir(), 'dw-gan-'));
});
afterAll(async () => {
  await rm(cacheDir, { recursive: true, force: true });
});

const QUICK_SCORE: GanRunOptions = { quality: { trainImages: 3000, epochs: 1, sampleSize: 300 } };

function request(gan: Partial<GanConfig> = {}, over: Partial<RunRequest> = {}, graph = mlpGan()): RunRequest {
  return {
    runId: 'gan-test',
    project: {
      kind: 'gan',
      graph,
      dataset: { source: 'mnist', validationSplit: 0.1, seed: 42 },
      training: { batchSize: 32, epochs: 2, seed: 42 },
      gan: { sampleEvery: 10, ...gan },
    },
    backend: 'wasm',
    overrides: { limit: 640 },
    cacheDir,
    ...over,
  };
}

async function run(
  req: RunRequest,
  opts: GanRunOptions = { quality: false },
  onEvent?: (e: TrainingEvent, control: RunControl) => void,
) {
  const control = new RunControl();
  const events: TrainingEvent[] = [];
  await train(
    req,
    (e) => {
      events.push(trainingEventSchema.parse(e));
      onEvent?.(e, control);
    },
    control,
    opts,
  );
  const of = <T extends TrainingEvent['type']>(t: T) => events.filter((e): e is EventOf<T> => e.type === t);
  return { events, of, last: events[events.length - 1] };
}

const meanAbsDiff = (a: number[], b: number[]) => a.reduce((s, v, i) => s + Math.abs(v - b[i]), 0) / a.length;

describe('train() of a GAN on an MNIST subset (the MLP GAN)', () => {
  it('trains: finite losses, samples that change, a quality score per epoch, both models’ weights', async () => {
    const { events, of, last } = await run(request({ labelSmoothing: 0.1 }), QUICK_SCORE);
    expect(events[0].type).toBe('started');
    const started = of('started')[0];
    expect(started.batchesPerEpoch).toBe(20); // 640 images / 32 per D batch
    expect(last).toMatchObject({ type: 'done', reason: 'completed', epochsCompleted: 2, backend: 'wasm' });

    const progress = of('gan-batch');
    expect(progress.length).toBeGreaterThan(2);
    expect(progress.at(-1)!.step).toBe(40);
    for (const p of progress)
      expect([p.logs.d_loss, p.logs.g_loss, p.logs.d_real, p.logs.d_fake].every(Number.isFinite)).toBe(true);

    const grids = of('samples');
    expect(grids.map((g) => g.step)).toEqual([0, 10, 20, 30, 40]);
    expect(grids[0].grid.width).toBe(grids.at(-1)!.grid.width);
    // The same fixed noise, 40 steps apart: visibly different images.
    expect(meanAbsDiff(grids[0].grid.data, grids.at(-1)!.grid.data)).toBeGreaterThan(10);

    const epochs = of('epoch');
    expect(epochs).toHaveLength(2);
    for (const e of epochs) {
      expect(e.logs.frechet).toBeGreaterThan(e.logs.frechet_floor!);
      expect(Number.isFinite(e.logs.frechet)).toBe(true);
      expect(e.logs.loss).toBe(e.logs.d_loss);
    }
    // The discriminator has learnt something: real images score above generated ones.
    expect(epochs[1].logs.d_real!).toBeGreaterThan(epochs[1].logs.d_fake!);
    expect(of('log').some((l) => /Quality score: Fréchet/.test(l.message))).toBe(true);

    const done = last as EventOf<'done'>;
    expect(done.metrics.frechet).toBe(epochs[1].logs.frechet);
    const names = decodeWeights(done.weights as WeightsBlob).map((t) => t.name);
    expect(names).toEqual(
      expect.arrayContaining(['dense_1/kernel', 'dense_2/kernel', 'dense_3/kernel', 'dense_4/bias']),
    );
  });

  it('pauses between steps, resumes, and stops with the weights so far', async () => {
    let pausedAt = 0;
    let resumed = false;
    const { of, last, events } = await run(
      request({}, { overrides: { limit: 640, epochs: 50 } }),
      { quality: false },
      (e, control) => {
        if (e.type === 'gan-batch' && !pausedAt) {
          pausedAt = e.step;
          control.pause();
        } else if (e.type === 'paused') {
          setTimeout(() => {
            resumed = true;
            control.resume();
          }, 300);
        } else if (e.type === 'gan-batch' && resumed && e.step > pausedAt + 5) control.stop();
      },
    );
    const paused = events.findIndex((e) => e.type === 'paused');
    const resumedAt = events.findIndex((e) => e.type === 'resumed');
    expect(paused).toBeGreaterThan(0);
    expect(resumedAt).toBeGreaterThan(paused);
    // Nothing trained while paused.
    expect(events.slice(paused, resumedAt).some((e) => e.type === 'gan-batch')).toBe(false);
    expect(last).toMatchObject({ type: 'done', reason: 'stopped' });
    expect((last as EventOf<'done'>).weights).not.toBeNull();
    expect(of('gan-batch').at(-1)!.step).toBeLessThan(200);
  });

  it('Wasserstein with weight clipping runs end to end and returns clipped critic weights', async () => {
    const { last } = await run(
      request(
        {
          loss: 'wasserstein',
          clipValue: 0.02,
          discriminatorSteps: 2,
          discriminatorOptimizer: { name: 'rmsprop', learningRate: 0.00005 },
        },
        { overrides: { limit: 640, epochs: 1 } },
      ),
    );
    expect(last).toMatchObject({ type: 'done', reason: 'completed' });
    const critic = decodeWeights((last as EventOf<'done'>).weights as WeightsBlob).filter((t) =>
      /^dense_[34]\//.test(t.name),
    );
    expect(critic).toHaveLength(4);
    for (const t of critic) expect(Math.max(...t.values.map(Math.abs))).toBeLessThanOrEqual(0.02 + 1e-7);
  });

  it('stops with DW501 when a loss becomes NaN', async () => {
    const graph = mlpGan();
    const models = compileGan(graph, 'vanilla');
    const tensors = readNamedWeights([models.generator, models.discriminator]);
    tensors.find((t) => t.name === 'dense_3/kernel')!.values[0] = Number.NaN;
    const { last } = await run(request({}, { initialWeights: encodeWeights(tensors, graph) }, graph));
    expect(last).toMatchObject({ type: 'error', code: 'DW501' });
  });

  it('trains on MNIST rows (28×28 samples without a channel axis), with grids and a score', async () => {
    const graph = mlpGan({ hidden: 32 });
    (graph.nodes.find((n) => n.kind === 'Reshape')!.params as unknown as { targetShape: number[] }).targetShape = [
      28, 28,
    ];
    (graph.nodes.find((n) => n.kind === 'Input')!.params as unknown as { shape: number[] }).shape = [28, 28];
    const req = request({}, { overrides: { limit: 320, epochs: 1 } }, graph);
    req.project.dataset = { source: 'mnist-rows', validationSplit: 0.1, seed: 42 };
    const { last, of } = await run(req, QUICK_SCORE);
    expect(last).toMatchObject({ type: 'done', reason: 'completed' });
    expect(of('samples').at(-1)!.grid.width).toBe(242);
    expect(of('epoch')[0].logs.frechet).toBeGreaterThan(0);
  });

  it('refuses a dataset that is not images (DW521)', async () => {
    const csv = join(cacheDir, 'table.csv');
    await writeFile(
      csv,
      'a,b,label\n' + Array.from({ length: 40 }, (_, i) => `${i},${i % 3},${i % 2}`).join('\n') + '\n',
    );
    const req = request();
    req.project.dataset = { source: 'csv', path: csv, labelColumn: 'label' };
    const { last, of } = await run(req);
    expect(last).toMatchObject({ type: 'error', code: 'DW521' });
    expect(of('started')).toHaveLength(0);
  });
});

describe('the DCGAN template on Fashion-MNIST', () => {
  it('trains a few real steps from the example file: finite losses, sample grids that change', async () => {
    const { readFile } = await import('node:fs/promises');
    const { parseProject } = await import('../../../../src/shared/project/parse.js');
    const text = await readFile(
      new URL('../../../../resources/examples/dcgan-fashion-mnist.deepwire', import.meta.url),
      'utf8',
    );
    const { project } = parseProject(text);
    expect(project.dataset?.source).toBe('fashion-mnist');
    const req = request({ sampleEvery: 4 }, { overrides: { limit: 128 } }, project.graph);
    req.project.dataset = project.dataset!;
    req.project.training = { ...req.project.training, batchSize: 16, epochs: 1 };
    const { of, last } = await run(req);
    expect(last).toMatchObject({ type: 'done', reason: 'completed' });
    for (const p of of('gan-batch')) expect([p.logs.d_loss, p.logs.g_loss].every(Number.isFinite)).toBe(true);
    const grids = of('samples');
    expect(grids.length).toBeGreaterThanOrEqual(2);
    expect(meanAbsDiff(grids[0].grid.data, grids.at(-1)!.grid.data)).toBeGreaterThan(1);
  });
});
