/**
 * --nproc-per-node 2: two processes under torchrun (gloo on the CPU), each
 * training on half of every global batch, follow the same loss trajectory as
 * one process on the whole batch; rank 0 alone reports and writes weights.
 */
import { describe, expect, it } from 'vitest';
import { regressionCsv, tempDir } from '../../../fixtures/datasets/make.js';
import { regressor } from '../helpers/graph.js';
import { done } from '../train/helpers.js';
import { NO_TORCH, runTorch, TORCH_PYTHON } from './helpers.js';

describe.skipIf(!TORCH_PYTHON)(`PyTorch DDP${TORCH_PYTHON ? '' : ` (skipped: ${NO_TORCH})`}`, () => {
  it('2 gloo processes match 1 process of the same global batch, epoch by epoch', async () => {
    const file = regressionCsv(tempDir(), 400);
    const spec = {
      kind: 'regressor' as const,
      graph: regressor(3),
      dataset: { source: 'csv' as const, path: file, labelColumn: 'y' },
      training: {
        loss: 'meanSquaredError' as const,
        epochs: 3,
        batchSize: 32,
        optimizer: { name: 'adam' as const, learningRate: 0.01 },
      },
    };
    const one = await runTorch(spec);
    const two = await runTorch({ ...spec, nprocPerNode: 2 });
    expect(done(one).backend).toBe('pytorch');
    expect(two.of('started')[0].backend.threads).toBe(2);
    const losses = (run: typeof one) => run.of('epoch').map((e) => [e.logs.loss, e.logs.val_loss!]);
    expect(losses(two)).toHaveLength(3);
    losses(two).forEach((pair, i) =>
      pair.forEach((v, k) => expect(Math.abs(v - losses(one)[i][k]) / losses(one)[i][k]).toBeLessThan(1e-4)),
    );
    expect(losses(one)[2][0]).toBeLessThan(losses(one)[0][0]); // it learns
    expect(done(two).metrics.testMae).toBeCloseTo(done(one).metrics.testMae!, 4);
  }, 180_000);
});
