import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { compileGraph } from '../../../../src/main/engine/compile/compile.js';
import {
  MIN_SPLIT_MULTIPLY_ADDS,
  multiplyAddsPerSample,
  wantedThreads,
} from '../../../../src/main/engine/train/stepper.js';
import { threadsMessage } from '../../../../src/main/engine/train/loop.js';
import { mlp, rowsLstm, sourceCnn } from '../helpers/graph.js';
import { done, runTraining, threadTestSetup } from './helpers.js';

const { twoCores } = threadTestSetup();

describe('training threads', () => {
  it("DEEPWIRE_THREADS overrides the project's threads; absent both, 'auto'", () => {
    expect(wantedThreads(undefined, undefined)).toBe('auto');
    expect(wantedThreads(2, undefined)).toBe(2);
    expect(wantedThreads(2, '1')).toBe(1);
    expect(wantedThreads(1, ' auto ')).toBe('auto');
    expect(wantedThreads(1, '')).toBe(1);
  });

  it('a DEEPWIRE_THREADS that is not a thread count is DW801 naming the variable', () => {
    for (const bad of ['0', 'two', '-1', '1.5']) {
      expect(() => wantedThreads(undefined, bad)).toThrow(
        expect.objectContaining({ code: 'DW801', where: 'DEEPWIRE_THREADS' }),
      );
    }
  });

  it("'auto' sizes models by multiply-adds: the source CNN at batch 64 is worth splitting, a small MLP is not", () => {
    const size = (g: ReturnType<typeof mlp>, shape: number[]) => {
      const { model } = compileGraph(g, { projectKind: 'classifier', sampleShape: shape, seed: 1 });
      const n = multiplyAddsPerSample(model);
      model.dispose();
      return n;
    };
    const cnn = size(sourceCnn(), [28, 28, 1]);
    // Conv 32 (3×3) over 26×26 outputs, then Dense 5408→128 and 128→10.
    expect(cnn).toBeGreaterThan(0.85e6);
    expect(cnn).toBeLessThan(0.95e6);
    expect(cnn * 64).toBeGreaterThan(MIN_SPLIT_MULTIPLY_ADDS);
    expect(size(mlp(16), [28, 28, 1]) * 64).toBeLessThan(MIN_SPLIT_MULTIPLY_ADDS);
    // An LSTM's weights are used once per time step (28 rows).
    const lstm = size(rowsLstm(32), [28, 28]);
    expect(lstm).toBeGreaterThan(28 * 4 * 32 * (28 + 32));
  });

  it('says in words which way the adaptive schedule went', () => {
    expect(threadsMessage(2)).toMatch(/2 threads/);
    expect(threadsMessage(1)).toMatch(/1 thread/);
  });

  it.skipIf(!twoCores)(
    'a run on 2 threads trains the same numbers as on 1 and says so in its started event',
    async () => {
      delete process.env.DEEPWIRE_THREADS;
      const spec = (threads: 1 | 2) => ({
        graph: sourceCnn(),
        dataset: { source: 'mnist' as const },
        training: { epochs: 2, batchSize: 33, threads },
        overrides: { limit: 200 },
      });
      const one = await runTraining(spec(1));
      const two = await runTraining(spec(2));
      expect(one.of('started')[0].backend.threads).toBe(1);
      expect(two.of('started')[0].backend.threads).toBe(2);
      const [a, b] = [done(one), done(two)];
      const epochsA = one.of('epoch').map((e) => e.logs);
      const epochsB = two.of('epoch').map((e) => e.logs);
      expect(epochsB).toHaveLength(2);
      for (let i = 0; i < 2; i++) {
        for (const key of ['loss', 'accuracy', 'val_loss', 'val_accuracy'] as const)
          expect(epochsB[i][key]).toBeCloseTo(epochsA[i][key]!, 4);
      }
      expect(b.metrics.testLoss).toBeCloseTo(a.metrics.testLoss!, 4);
      expect(b.metrics.testAccuracy).toBeCloseTo(a.metrics.testAccuracy!, 3);
      expect(tf.memory().numTensors).toBeGreaterThan(0); // the engine thread's backend stays usable after the helper closed
    },
    120_000,
  );

  it.skipIf(!twoCores)(
    "DEEPWIRE_THREADS=1 keeps a run that asks for 2 on one thread; 'auto' keeps a small MLP on one",
    async () => {
      process.env.DEEPWIRE_THREADS = '1';
      const forced = await runTraining({
        graph: mlp(8),
        dataset: { source: 'mnist' },
        training: { threads: 2 },
        overrides: { limit: 64 },
      });
      expect(forced.of('started')[0].backend.threads).toBe(1);
      delete process.env.DEEPWIRE_THREADS;
      const auto = await runTraining({ graph: mlp(8), dataset: { source: 'mnist' }, overrides: { limit: 64 } });
      expect(auto.of('started')[0].backend.threads).toBe(1);
      expect(auto.of('log').map((l) => l.message)).toContain(
        'training on one thread: the model is too small per batch for a second thread to pay',
      );
      done(auto);
    },
    60_000,
  );
});
