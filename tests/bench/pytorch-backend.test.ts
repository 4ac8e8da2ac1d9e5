// Smoke test of the PyTorch bench harness (bench/pytorch-backend.bench.ts): tiny runs, one round. Timings are never asserted.
import { describe, expect, it } from 'vitest';
import { besideWasm, bridgeOverhead, runRequest } from '../../bench/lib/pytorch-backend.js';
import { templates, type Template } from '../../bench/lib/vs-pytorch.js';
import { mnistSubset, TORCH_PYTHON } from '../main/engine/pytorch/helpers.js';

/** The source CNN on the first 400 MNIST digits (a small test split keeps evaluation short). */
function smallSourceCnn(): Template {
  const t = templates().find((x) => x.id === 'mnist-cnn')!;
  const dataset = { source: 'idx' as const, ...mnistSubset(400), validationSplit: 0.1, seed: 42 };
  return { id: t.id, project: { ...t.project, dataset } };
}

describe('PyTorch bench harness', () => {
  it('builds one run request for either backend from a template, on the CPU', () => {
    const t = smallSourceCnn();
    const req = runRequest(t, 'pytorch', { limit: 128, epochs: 1 }, '/usr/bin/python3');
    expect(req).toMatchObject({ backend: 'pytorch', device: 'cpu', python: '/usr/bin/python3' });
    expect(req.overrides).toEqual({ limit: 128, epochs: 1 });
    expect(runRequest(t, 'wasm', { limit: 128, epochs: 1 }).backend).toBe('wasm');
  });

  it.skipIf(!TORCH_PYTHON)(
    'trains on wasm and on PyTorch, and one bundle both ways, with rates',
    async () => {
      const t = smallSourceCnn();
      const size = { limit: 128, epochs: 1 };
      const b = await besideWasm(t, size, 1, TORCH_PYTHON!);
      expect(b.wasm).toHaveLength(1);
      expect(b.pytorch).toHaveLength(1);
      expect(b.ratio.median).toBeGreaterThan(0);
      const o = await bridgeOverhead(t, size, 1, TORCH_PYTHON!);
      expect(o.standalone[0].samplesPerSecond).toBeGreaterThan(0);
      expect(o.supervised[0].samplesPerSecond).toBeGreaterThan(0);
      expect(o.rateRatio.min).toBeLessThanOrEqual(o.rateRatio.max);
      expect(o.wallRatio.median).toBeGreaterThan(0);
    },
    120_000,
  );
});
