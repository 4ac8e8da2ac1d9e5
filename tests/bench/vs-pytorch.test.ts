// Smoke test of the vs-pytorch bench harness: one tiny model, one round. Timings are never asserted.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { initBackend } from '../../src/main/engine/backend/select.js';
import { compare, convHeavy, templates, TorchChild } from '../../bench/lib/vs-pytorch.js';
import { spawnSync } from 'node:child_process';

const python = '/usr/bin/python3';
const hasTorch = existsSync(python) && spawnSync(python, ['-c', 'import torch'], { timeout: 60_000 }).status === 0;

describe('vs-pytorch bench harness', () => {
  it('lists the eight templates of issue #16, the conv-heavy CNN built from the source CNN', () => {
    expect(templates().map((t) => t.id)).toEqual([
      'mnist-cnn',
      'conv-heavy',
      'lenet5',
      'residual-cnn',
      'lstm-mnist-rows',
      'simple-rnn',
      'mlp-gan',
      'dcgan-mnist',
    ]);
    const kinds = convHeavy().project.graph.nodes.map((n) => n.kind);
    expect(kinds.filter((k) => k === 'Conv2D')).toHaveLength(2);
    expect(kinds.filter((k) => k === 'MaxPooling2D')).toHaveLength(2);
  });

  it.skipIf(!hasTorch)(
    'times a tiny regressor on both sides for one round and gives each ratio with its spread',
    async () => {
      await initBackend('wasm');
      const child = new TorchChild(python);
      try {
        const rnn = templates().find((t) => t.id === 'simple-rnn')!;
        const c = await compare(rnn, 1, child, { rounds: 1, secondsPerMeasure: 0.05, warmupSteps: 1 });
        expect(c.error).toBeUndefined();
        expect(c.train.deepwire).toHaveLength(1);
        expect(c.train.pytorch).toHaveLength(1);
        expect(c.train.ratio.median).toBeGreaterThan(0);
        expect(c.train.ratio.min).toBeLessThanOrEqual(c.train.ratio.max);
        expect(c.infer).toBeUndefined(); // a regressor: training only
        // The child ran the model Deepwire's own generator wrote, with the thread count asked for.
        expect((await child.ask<{ threads: number }>({ cmd: 'threads', n: 1 })).threads).toBe(1);
      } finally {
        await child.close();
      }
    },
  );

  it.skipIf(!hasTorch)('reports a failing PyTorch command as an error, not a crash', async () => {
    const child = new TorchChild(python);
    try {
      await expect(child.ask({ cmd: 'train', steps: 1 })).rejects.toThrow(/PyTorch: KeyError/);
    } finally {
      await child.close();
    }
  });
});
