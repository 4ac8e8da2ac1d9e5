/**
 * ONNX export of every layer kind and option that changes the arithmetic,
 * checked numerically: the same random weights and inputs through TF.js and
 * through ONNX Runtime agree within 1e-4.
 */
import { describe, expect, it } from 'vitest';
import { modelToOnnx } from '../../../../src/main/engine/export/onnx/convert.js';
import type { GraphDoc } from '../../../../src/shared/graph/types.js';
import { DeepwireError } from '../../../../src/shared/errors.js';
import { layer } from '../../../../src/shared/project/builder.js';
import { CASES, chain } from './cases.js';
import { compileRandom, maxAbsDiff, predictOrt, predictTf, randomInputs } from './helpers.js';

const TOLERANCE = 1e-4;

async function onnxError(graph: GraphDoc): Promise<number> {
  const { model, snap } = compileRandom(graph);
  const bytes = modelToOnnx(snap, { producerVersion: 'test' });
  const sample = randomInputs(snap.inputs, 3);
  const expected = predictTf(model, sample);
  const actual = await predictOrt(
    bytes,
    sample,
    snap.outputs.map((n) => n.name),
  );
  model.dispose();
  return Math.max(...expected.map((e, i) => maxAbsDiff(e, actual[i])));
}

describe('ONNX export matches TF.js under ONNX Runtime', () => {
  it.each(CASES)('%s', async (_label, graph) => {
    expect(await onnxError(graph)).toBeLessThan(TOLERANCE);
  });
});

describe('ONNX export over sizes of None (issue #14)', () => {
  it("refuses a 'same' window of stride 2 over None (its padding depends on the size) with DW701", () => {
    const graph = chain(
      layer('Input', { shape: [null, null, 3] }),
      layer('Conv2D', { filters: 2, kernelSize: [3, 3], strides: [2, 2], padding: 'same' }),
    );
    const { model, snap } = compileRandom(graph);
    model.dispose();
    let caught: unknown;
    try {
      modelToOnnx(snap, { producerVersion: 'test' });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(DeepwireError);
    expect((caught as DeepwireError).code).toBe('DW701');
    expect((caught as Error).message).toContain('None');
  });
});
