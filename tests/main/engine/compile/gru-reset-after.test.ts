/**
 * GRU with reset_after=True (Keras's default), which Deepwire runs as its own TF.js layer: counts against
 * Keras's numbers, one forward pass against a float64 reference of Keras's equations (and torch.nn.GRU,
 * which has these semantics, where torch is installed), and the layer's config round trip.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { initBackend } from '../../../../src/main/engine/backend/select.js';
import { compileGraph } from '../../../../src/main/engine/compile/compile.js';
import { ResetAfterGRU } from '../../../../src/main/engine/compile/layers/index.js';
import { disposeExportModels, loadExportModels } from '../../../../src/main/engine/export/models.js';
import { writeTfjsModel } from '../../../../src/main/engine/export/tfjs.js';
import { importModel } from '../../../../src/main/services/import-model.js';
import { tempDir } from '../../../fixtures/datasets/make.js';
import { NO_TORCH_REASON, runPython, TORCH_PYTHON } from '../export/python.js';
import { Graph } from '../helpers/graph.js';

const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));

/** Keras's GRU step with reset_after=True, in float64: kernel (F, 3u), recurrent (u, 3u), bias (2, 3u), gates z, r, h. */
function kerasGru(x: number[][][], kernel: number[][], rec: number[][], bias: number[][], u: number): number[][] {
  return x.map((seq) => {
    let h = new Array<number>(u).fill(0);
    for (const xt of seq) {
      const xw = bias[0].map((b, j) => b + xt.reduce((s, v, i) => s + v * kernel[i][j], 0));
      const hu = bias[1].map((b, j) => b + h.reduce((s, v, i) => s + v * rec[i][j], 0));
      h = h.map((hp, k) => {
        const z = sigmoid(xw[k] + hu[k]);
        const r = sigmoid(xw[u + k] + hu[u + k]);
        const cand = Math.tanh(xw[2 * u + k] + r * hu[2 * u + k]);
        return z * hp + (1 - z) * cand;
      });
    }
    return h;
  });
}

function gruModel(resetAfter: boolean, units: number, features: number) {
  const g = new Graph();
  const gru = g.add('GRU', { units, resetAfter }, g.add('Input', { shape: [5, features] }));
  return { ...compileGraph(g.doc, { seed: 3 }), gru };
}

describe('GRU reset_after', () => {
  it('counts as Keras: units 32 on 16 features is 4800 with reset_after, 4704 without', async () => {
    await initBackend('cpu');
    for (const [resetAfter, total] of [
      [true, 4800],
      [false, 4704],
    ] as const) {
      const { model, report, gru } = gruModel(resetAfter, 32, 16);
      expect(report.totals.trainable).toBe(total);
      expect(model.countParams()).toBe(total);
      const shapes = model
        .getLayer(gru)
        .getWeights()
        .map((w) => w.shape);
      expect(shapes).toEqual([[16, 96], [32, 96], resetAfter ? [2, 96] : [96]]);
      model.dispose();
    }
  });

  it('runs Keras reset_after=True equations (float64 reference within 1e-5)', async () => {
    await initBackend('cpu');
    const { model, gru } = gruModel(true, 4, 3);
    const layer = model.getLayer(gru);
    const ws = layer.getWeights().map((w, i) => tf.randomUniform(w.shape, -0.8, 0.8, 'float32', 11 + i));
    layer.setWeights(ws);
    const x = tf.randomUniform([2, 5, 3], -1, 1, 'float32', 7);
    const y = (model.predict(x) as tf.Tensor).arraySync() as number[][];
    const [k, r, b] = ws.map((w) => w.arraySync() as number[][]);
    const want = kerasGru(x.arraySync() as number[][][], k, r, b, 4);
    const diff = Math.max(...y.flatMap((row, i) => row.map((v, j) => Math.abs(v - want[i][j]))));
    console.log(`ResetAfterGRU vs Keras's equations in float64: max abs diff ${diff.toExponential(2)}`);
    expect(diff).toBeLessThan(1e-5);
    model.dispose();
  });

  it('keeps its weights and output through toJSON / modelFromJSON', async () => {
    await initBackend('cpu');
    const { model } = gruModel(true, 3, 2);
    const again = await tf.models.modelFromJSON({ modelTopology: JSON.parse(model.toJSON() as string) });
    expect(again.layers.some((l) => l instanceof ResetAfterGRU)).toBe(true);
    again.setWeights(model.getWeights());
    const x = tf.randomUniform([1, 5, 2], -1, 1, 'float32', 2);
    const diff = tf.max(tf.abs(tf.sub(model.predict(x) as tf.Tensor, again.predict(x) as tf.Tensor))).dataSync()[0];
    expect(diff).toBe(0);
  });

  it('a TF.js export (model.json + weights) imports back as the same reset_after GRU', async () => {
    await initBackend('cpu');
    const { model, gru } = gruModel(true, 4, 3);
    const layer = model.getLayer(gru);
    layer.setWeights(layer.getWeights().map((w, i) => tf.randomUniform(w.shape, -0.8, 0.8, 'float32', 31 + i)));
    const path = await writeTfjsModel(model, tempDir('dw-gru-'));
    const imported = await importModel(path);
    const node = imported.project.graph.nodes.find((n) => n.kind === 'GRU')!;
    expect(node.params).toMatchObject({ units: 4, resetAfter: true });
    const back = loadExportModels(imported.project);
    try {
      const x = tf.randomUniform([2, 5, 3], -1, 1, 'float32', 4);
      const y = back.models[0].model.predict(x) as tf.Tensor;
      expect(back.models[0].model.countParams()).toBe(3 * 4 * (3 + 4 + 2));
      expect(tf.max(tf.abs(tf.sub(y, model.predict(x) as tf.Tensor))).dataSync()[0]).toBeLessThan(1e-6);
    } finally {
      disposeExportModels(back);
      model.dispose();
    }
  });

  it.skipIf(!TORCH_PYTHON)(
    `matches torch.nn.GRU (gates r, z, n) within 1e-5${TORCH_PYTHON ? '' : ` (skipped: ${NO_TORCH_REASON})`}`,
    async () => {
      await initBackend('cpu');
      const { model, gru } = gruModel(true, 4, 3);
      const layer = model.getLayer(gru);
      layer.setWeights(layer.getWeights().map((w, i) => tf.randomUniform(w.shape, -0.8, 0.8, 'float32', 21 + i)));
      const x = tf.randomUniform([2, 5, 3], -1, 1, 'float32', 9);
      const y = (model.predict(x) as tf.Tensor).arraySync();
      const args = JSON.stringify({ x: x.arraySync(), w: layer.getWeights().map((w) => w.arraySync()), u: 4 });
      const script = `
import json, sys, torch
a = json.loads(sys.argv[1]); u = a["u"]
k, rk, b = (torch.tensor(v, dtype=torch.float64) for v in a["w"])
order = lambda m: torch.cat([m[..., u:2*u], m[..., :u], m[..., 2*u:]], -1)  # Keras z,r,h -> torch r,z,n
g = torch.nn.GRU(k.shape[0], u, batch_first=True).double()
with torch.no_grad():
    g.weight_ih_l0.copy_(order(k).T); g.weight_hh_l0.copy_(order(rk).T)
    g.bias_ih_l0.copy_(order(b[0])); g.bias_hh_l0.copy_(order(b[1]))
    out, _ = g(torch.tensor(a["x"], dtype=torch.float64))
print(json.dumps(out[:, -1].tolist()))`;
      const want = JSON.parse(runPython(TORCH_PYTHON!, script, [args])) as number[][];
      const diff = Math.max(...(y as number[][]).flatMap((row, i) => row.map((v, j) => Math.abs(v - want[i][j]))));
      console.log(`ResetAfterGRU vs torch.nn.GRU: max abs diff ${diff.toExponential(2)}`);
      expect(diff).toBeLessThan(1e-5);
      model.dispose();
    },
  );
});
