import { describe, expect, it } from 'vitest';
import type { RunRequest, TrainingEvent } from '../../../../src/shared/training/protocol.js';
import { RunControl } from '../../../../src/main/engine/train/control.js';
import { train } from '../../../../src/main/engine/train/train.js';
import { Graph, mlp, regressor } from '../helpers/graph.js';
import { regressionCsv, tempDir, writeText } from '../../../fixtures/datasets/make.js';
import { collect, done, request, runTraining, type RunSpec } from './helpers.js';

async function failure(spec: RunSpec) {
  const run = await runTraining(spec);
  const last = run.last;
  if (last.type !== 'error') throw new Error(`expected an error, got ${last.type}`);
  return { run, error: last };
}

describe('runs that must not train', () => {
  it('a NaN/Inf loss stops the run with DW501 naming the batch', async () => {
    const file = regressionCsv(tempDir(), 400);
    const { run, error } = await failure({
      kind: 'regressor',
      graph: regressor(3),
      dataset: { source: 'csv', path: file, labelColumn: 'y', normalize: false },
      training: { loss: 'meanSquaredError', epochs: 5, optimizer: { name: 'sgd', learningRate: 10 } },
    });
    expect(error.code).toBe('DW501');
    expect(error.where).toMatch(/^epoch 1, batch \d+$/);
    expect(run.of('started')).toHaveLength(1);
    expect(run.of('done')).toHaveLength(0);
  });

  it('bad data stops the run before it starts (DW403 with the line)', async () => {
    const file = writeText(tempDir(), 'ragged.csv', 'a,b,y\n1,2,3\n4,5\n');
    const { run, error } = await failure({
      kind: 'regressor',
      graph: regressor(2),
      dataset: { source: 'csv', path: file, labelColumn: 'y' },
      training: { loss: 'meanSquaredError' },
    });
    expect(error).toMatchObject({ code: 'DW403', where: `${file}:3` });
    expect(run.events).toHaveLength(1);
  });

  it('a loss that does not fit the output is DW507, an output that does not fit the data DW408', async () => {
    const mse = await failure({
      graph: mlp(8),
      dataset: { source: 'mnist' },
      training: { loss: 'meanSquaredError' },
      overrides: { limit: 64 },
    });
    expect(mse.error.code).toBe('DW507');
    expect(mse.run.of('started')).toHaveLength(0);

    const g = new Graph();
    g.add('Dense', { units: 10, activation: 'linear' }, g.add('Flatten', {}, g.add('Input', { shape: [28, 28, 1] })));
    const linear = await failure({ graph: g.doc, dataset: { source: 'mnist' }, overrides: { limit: 64 } });
    expect(linear.error).toMatchObject({ code: 'DW507', where: 'dense_1' });
    expect(linear.error.message).toContain('softmax');

    const g2 = new Graph();
    g2.add(
      'Dense',
      { units: 7, activation: 'softmax' },
      g2.add('Flatten', {}, g2.add('Input', { shape: [28, 28, 1] })),
    );
    const units = await failure({ graph: g2.doc, dataset: { source: 'mnist' }, overrides: { limit: 64 } });
    expect(units.error.code).toBe('DW408');
    expect(units.error.message).toContain('10 classes');

    const binary = await failure({
      graph: mlp(8),
      dataset: { source: 'mnist' },
      training: { loss: 'binaryCrossentropy' },
      overrides: { limit: 64 },
    });
    expect(binary.error.code).toBe('DW507');
  });

  it('a classifier whose softmax is a Softmax layer after a linear Dense trains (not DW507)', async () => {
    const g = new Graph();
    const flat = g.add('Flatten', {}, g.add('Input', { shape: [28, 28, 1] }));
    g.add('Softmax', {}, g.add('Dense', { units: 10, activation: 'linear' }, flat));
    const run = await runTraining({ graph: g.doc, dataset: { source: 'mnist' }, overrides: { limit: 64, epochs: 1 } });
    expect(done(run).reason).toBe('completed');
  });

  it('an Input that does not fit the dataset, or a broken graph, is refused (DW504)', async () => {
    const g = new Graph();
    g.add('Dense', { units: 10, activation: 'softmax' }, g.add('Input', { shape: [784] }));
    const { error } = await failure({ graph: g.doc, dataset: { source: 'mnist' }, overrides: { limit: 64 } });
    expect(error.code).toBe('DW504');
    expect(error.message).toContain('DW108');
  });

  it('a backend that is not installed is DW503; a malformed request DW601', async () => {
    const { error } = await failure({ graph: mlp(8), dataset: { source: 'mnist' }, backend: 'tensorflow-gpu' });
    expect(error.code).toBe('DW503');
    const events: TrainingEvent[] = [];
    await train({ runId: 'x' } as RunRequest, (e) => events.push(e), new RunControl());
    expect(collect(events).last).toMatchObject({ type: 'error', code: 'DW601' });
  });

  it('starts from given weights (a tiny rate keeps them: the same test accuracy)', async () => {
    const spec: RunSpec = { graph: mlp(16), dataset: { source: 'mnist' }, overrides: { limit: 500 } };
    const first = done(await runTraining(spec));
    const frozen: RunSpec = { ...spec, training: { optimizer: { name: 'sgd', learningRate: 1e-12 } } };
    // From fresh weights the frozen run stays untrained...
    expect(done(await runTraining(frozen)).metrics.testAccuracy).toBeLessThan(0.5);
    // ...from the first run's weights it scores exactly what the first run scored.
    const events: TrainingEvent[] = [];
    await train({ ...request(frozen), initialWeights: first.weights! }, (e) => events.push(e), new RunControl());
    expect(done(collect(events)).metrics.testAccuracy).toBe(first.metrics.testAccuracy);
  });
});
