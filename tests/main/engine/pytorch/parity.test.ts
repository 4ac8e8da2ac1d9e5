/**
 * Parity: from the same seeded initial weights and the same batches, the
 * PyTorch engine's first 20 steps have the TF.js engine's losses within 1e-3
 * relative (one batch per epoch, so every epoch loss is one step's loss).
 * The source CNN on MNIST and an LSTM on the sine series; the LSTM example
 * on MNIST rows agrees too (5.9e-6, measured by hand: its test split makes
 * it slow for CI).
 */
import { describe, expect, it } from 'vitest';
import { example } from '../train/examples.js';
import { runTraining, type RunSpec } from '../train/helpers.js';
import { mnistSubset, NO_TORCH, runTorch, TORCH_PYTHON } from './helpers.js';

const STEPS = 20;

async function stepLosses(spec: RunSpec): Promise<{ tfjs: number[]; torch: number[] }> {
  const overrides = { limit: 64, batchSize: 64, epochs: STEPS };
  const tfjs = await runTraining({ ...spec, backend: 'wasm', overrides });
  const torch = await runTorch({ ...spec, overrides });
  return { tfjs: tfjs.of('epoch').map((e) => e.logs.loss), torch: torch.of('epoch').map((e) => e.logs.loss) };
}

function expectParity({ tfjs, torch }: { tfjs: number[]; torch: number[] }): void {
  expect(torch).toHaveLength(STEPS);
  expect(tfjs).toHaveLength(STEPS);
  const relative = torch.map((v, i) => Math.abs(v - tfjs[i]) / Math.abs(tfjs[i]));
  expect(Math.max(...relative)).toBeLessThan(1e-3);
  expect(tfjs[STEPS - 1]).toBeLessThan(tfjs[0]); // the steps do learn
}

describe.skipIf(!TORCH_PYTHON)(`PyTorch vs TF.js, step by step${TORCH_PYTHON ? '' : ` (skipped: ${NO_TORCH})`}`, () => {
  it('the source CNN: 20 Adam steps on MNIST agree within 1e-3 relative', async () => {
    const cnn = example('mnist-cnn');
    expectParity(await stepLosses({ ...cnn, dataset: { source: 'idx', ...mnistSubset(800) } }));
  }, 180_000);

  it('an LSTM (Keras gates i, f, c, o; unit forget bias): 20 steps on the sine series agree', async () => {
    const rnn = example('simple-rnn');
    const graph = {
      ...rnn.graph,
      nodes: rnn.graph.nodes.map((n) => (n.kind === 'SimpleRNN' ? { ...n, kind: 'LSTM' } : n)),
    } as typeof rnn.graph;
    expectParity(await stepLosses({ ...rnn, kind: 'regressor', graph }));
  }, 180_000);
});
