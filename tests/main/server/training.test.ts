/**
 * A short real training run driven through the web studio: a tiny MLP on
 * 256 MNIST images, its engine events streamed to a real WebSocket client.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphBuilder, layer, newProject } from '../../../src/shared/project/index.js';
import type { TrainingEvent } from '../../../src/shared/training/protocol.js';
import { startTestStudio, studioClient, type TestStudio } from './helpers.js';

let t: TestStudio;
beforeAll(async () => {
  t = await startTestStudio();
});
afterAll(async () => {
  await t.close();
});

function tinyMlp() {
  const b = new GraphBuilder();
  b.chain(
    null,
    layer('Input', { shape: [28, 28, 1] }),
    layer('Flatten'),
    layer('Dense', { units: 16, activation: 'relu' }),
    layer('Dense', { units: 10, activation: 'softmax' }),
  );
  return newProject('classifier', 'Tiny MLP', {
    graph: b.build(),
    dataset: { source: 'mnist', validationSplit: 0.1, seed: 1 },
    training: { epochs: 1, batchSize: 64 },
  });
}

describe('training through the web studio', () => {
  it('streams started, batch, epoch, evaluation and done events of a real run', async () => {
    const client = studioClient(t.server.port, t.server.token);
    try {
      await client.call('settings.set', { datasetCacheDir: `${t.root}/.cache` });
      const events: TrainingEvent[] = [];
      const finished = new Promise<void>((resolve) =>
        client.on('training.event', ({ event }) => {
          events.push(event);
          if (event.type === 'done' || event.type === 'error') resolve();
        }),
      );
      const { runId } = await client.call('training.start', {
        project: tinyMlp(),
        overrides: { limit: 256, backend: 'cpu' },
      });
      expect(runId).toMatch(/[0-9a-f-]{36}/);
      expect((await client.call('training.status', {})).runId).toBe(runId);
      const again = await client
        .call('training.start', { project: tinyMlp(), overrides: { limit: 256 } })
        .catch((e: unknown) => e);
      expect(again).toMatchObject({ code: 'DW505' });
      await finished;

      const types = events.map((e) => e.type);
      expect(types[0]).toBe('started');
      expect(types).toContain('batch');
      expect(types).toContain('epoch');
      expect(types).toContain('evaluation');
      expect(types.at(-1)).toBe('done');
      const started = events[0] as Extract<TrainingEvent, { type: 'started' }>;
      expect(started.backend.chosen).toBe('cpu');
      expect(started.dataset.trainSize).toBe(256);
      const done = events.at(-1) as Extract<TrainingEvent, { type: 'done' }>;
      expect(done.reason).toBe('completed');
      expect(done.epochsCompleted).toBe(1);
      expect((await client.call('app.info', {})).backend?.chosen).toBe('cpu');
      expect(await client.call('training.status', {})).toEqual({ state: 'idle', runId });
      expect(await client.call('training.stop', {}).catch((e: unknown) => e)).toMatchObject({ code: 'DW506' });
    } finally {
      client.close();
    }
  });

  it('pauses, resumes and stops a run between batches', async () => {
    const client = studioClient(t.server.port, t.server.token);
    try {
      const events: TrainingEvent[] = [];
      const waitFor = (type: TrainingEvent['type']) =>
        new Promise<TrainingEvent>((resolve) => {
          const hit = events.find((e) => e.type === type);
          if (hit) return resolve(hit);
          const off = client.on('training.event', ({ event }) => {
            if (event.type === type) {
              off();
              resolve(event);
            }
          });
        });
      client.on('training.event', ({ event }) => events.push(event));
      const project = { ...tinyMlp(), training: { ...tinyMlp().training, epochs: 20 } };
      const { runId } = await client.call('training.start', {
        project,
        overrides: { limit: 2048, batchSize: 32, backend: 'cpu' },
      });
      await waitFor('batch');
      await client.call('training.pause', {});
      await waitFor('paused');
      expect(await client.call('training.status', {})).toEqual({ state: 'paused', runId });
      const batchesWhilePaused = events.filter((e) => e.type === 'batch').length;
      await new Promise((r) => setTimeout(r, 300));
      expect(events.filter((e) => e.type === 'batch').length).toBe(batchesWhilePaused);
      await client.call('training.resume', {});
      await waitFor('resumed');
      expect((await client.call('training.stop', {})).state).toBe('stopping');
      const done = (await waitFor('done')) as Extract<TrainingEvent, { type: 'done' }>;
      expect(done.reason).toBe('stopped');
      expect(done.epochsCompleted).toBeLessThan(20);
    } finally {
      client.close();
    }
  });

  it('refuses a project without a dataset, naming the field', async () => {
    const client = studioClient(t.server.port, t.server.token);
    try {
      const { dataset: _none, ...project } = tinyMlp();
      const e = await client.call('training.start', { project }).catch((x: unknown) => x);
      expect(e).toMatchObject({ code: 'DW401', where: 'request.project.dataset' });
    } finally {
      client.close();
    }
  });
});
