/** The small conditional GAN trained briefly on MNIST (seeded, wasm), as a project with its weights. */
import { expect } from 'vitest';
import { train } from '../../../../src/main/engine/train/train.js';
import { RunControl } from '../../../../src/main/engine/train/control.js';
import { newProject, type Project } from '../../../../src/shared/project/index.js';
import type { EventOf, TrainingEvent } from '../../../../src/shared/training/protocol.js';
import { tinyConditionalGan } from './conditional-graphs.js';

export async function trainedConditionalGan(cacheDir: string, limit: number): Promise<Project> {
  const graph = tinyConditionalGan();
  const dataset = { source: 'mnist', validationSplit: 0.1, seed: 42 } as const;
  const events: TrainingEvent[] = [];
  await train(
    {
      runId: 'g',
      project: { kind: 'gan', graph, dataset, training: { batchSize: 32, epochs: 1, seed: 42 } },
      backend: 'wasm',
      overrides: { limit },
      cacheDir,
    },
    (e) => events.push(e),
    new RunControl(),
    { quality: false },
  );
  const done = events.at(-1) as EventOf<'done'>;
  expect(done.type).toBe('done');
  return { ...newProject('gan', 'tiny cGAN', { graph, dataset }), weights: done.weights } as Project;
}
