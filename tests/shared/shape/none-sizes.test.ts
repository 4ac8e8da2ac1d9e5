/**
 * Sizes of None (issue #14): a variable time dimension or image size propagates through shape inference
 * as Keras prints it, parameter counts do not depend on it, layers that remove it end it, and flattening
 * it is DW170 with its fix.
 */
import { describe, expect, it } from 'vitest';
import { ERRORS } from '../../../src/shared/errors.js';
import { formatShape } from '../../../src/shared/layers/specs/util.js';
import { inferShapes } from '../../../src/shared/shape/infer.js';
import { GraphBuilder } from './build.js';

const codesOn = (report: ReturnType<typeof inferShapes>, id: string) =>
  report.diagnostics.filter((d) => d.nodeId === id).map((d) => d.code);

describe('sizes of None in shape inference', () => {
  it('a text model: Embedding (None, None, D), LSTM sequences (None, None, U), Conv1D and pooling keep None, global pooling removes it', () => {
    const g = new GraphBuilder();
    const ids = g.add('Input', { shape: [null], dtype: 'int32' });
    const emb = g.add('Embedding', { inputDim: 1000, outputDim: 16 }, ids);
    const conv = g.add('Conv1D', { filters: 8, kernelSize: 3 }, emb);
    const pool = g.add('MaxPooling1D', { poolSize: 2, strides: 2 }, conv);
    const lstm = g.add('LSTM', { units: 12, returnSequences: true }, pool);
    const step = g.add('Dense', { units: 4 }, lstm);
    const gap = g.add('GlobalAveragePooling1D', {}, step);
    const out = g.add('Dense', { units: 2, activation: 'softmax' }, gap);
    const report = inferShapes(g.doc, { projectKind: 'classifier' });
    expect(report.diagnostics).toEqual([]);
    const shape = (id: string) => formatShape(report.nodes[id].shape!);
    expect(shape(ids)).toBe('(None, None)');
    expect(shape(emb)).toBe('(None, None, 16)');
    expect(shape(conv)).toBe('(None, None, 8)');
    expect(shape(pool)).toBe('(None, None, 8)');
    expect(shape(lstm)).toBe('(None, None, 12)');
    expect(shape(step)).toBe('(None, None, 4)');
    expect(shape(gap)).toBe('(None, 4)');
    expect(shape(out)).toBe('(None, 2)');
    // Keras: 16,000 + (3·16·8 + 8) + 4·(12·(8 + 12) + 12) + (12·4 + 4) + (4·2 + 2).
    expect(report.totals.total).toBe(16000 + 392 + 1008 + 52 + 10);
  });

  it('the same model with a fixed length counts the same parameters', () => {
    const totals = [null, 40].map((t) => {
      const g = new GraphBuilder();
      const e = g.add('Embedding', { inputDim: 50, outputDim: 8 }, g.add('Input', { shape: [t], dtype: 'int32' }));
      g.add('Dense', { units: 1 }, g.add('GRU', { units: 5 }, g.add('Conv1D', { filters: 4, kernelSize: 5 }, e)));
      return inferShapes(g.doc).totals.total;
    });
    expect(totals[0]).toBe(totals[1]);
  });

  it('an image of None × None: convolutions keep None, global pooling removes it', () => {
    const g = new GraphBuilder();
    const img = g.add('Input', { shape: [null, null, 3] });
    const c = g.add('Conv2D', { filters: 4, kernelSize: [3, 3], strides: [2, 2] }, img);
    const up = g.add('Conv2DTranspose', { filters: 2, kernelSize: [2, 2], strides: [2, 2] }, c);
    const gap = g.add('GlobalAveragePooling2D', {}, up);
    const report = inferShapes(g.doc);
    expect(report.nodes[up].shape).toEqual([null, null, null, 2]);
    expect(report.nodes[gap].shape).toEqual([null, 2]);
    expect(report.totals.total).toBe(3 * 3 * 3 * 4 + 4 + 2 * 2 * 4 * 2 + 2);
  });

  it('Flatten over a None size, and Dense on a last size of None, are DW170 with a fix', () => {
    const g = new GraphBuilder();
    const seq = g.add('Embedding', { inputDim: 10, outputDim: 4 }, g.add('Input', { shape: [null], dtype: 'int32' }));
    const flat = g.add('Flatten', {}, seq);
    g.add('Dense', { units: 1 }, flat);
    const vector = g.add('Dense', { units: 3 }, g.add('Input', { shape: [null] }));
    const report = inferShapes(g.doc);
    expect(codesOn(report, flat)).toEqual(['DW170']);
    expect(report.diagnostics.find((d) => d.nodeId === flat)!.message).toContain('(None, None, 4)');
    expect(codesOn(report, vector)).toEqual(['DW170']);
    expect(ERRORS.DW170.fix).toMatch(/GlobalAveragePooling1D/);
  });

  it('a dataset of sequences of different lengths fits an Input of None, not a fixed one', () => {
    const build = (t: number | null) => {
      const g = new GraphBuilder();
      const e = g.add('Embedding', { inputDim: 10, outputDim: 4 }, g.add('Input', { shape: [t], dtype: 'int32' }));
      g.add('Dense', { units: 2, activation: 'softmax' }, g.add('LSTM', { units: 3 }, e));
      return g.doc;
    };
    const codes = (t: number | null) =>
      inferShapes(build(t), { projectKind: 'classifier', sampleShape: [null] }).diagnostics.map((d) => d.code);
    expect(codes(null)).toEqual([]);
    expect(codes(20)).toEqual(['DW108']);
    // And an Input of None takes fixed-size samples (an image folder at 64×64 into None×None×3).
    const g = new GraphBuilder();
    g.add(
      'GlobalMaxPooling2D',
      {},
      g.add('Conv2D', { filters: 2, kernelSize: [3, 3] }, g.add('Input', { shape: [null, null, 3] })),
    );
    const imageCodes = (sampleShape: number[]) =>
      inferShapes(g.doc, { projectKind: 'classifier', sampleShape }).diagnostics.map((d) => d.code);
    expect(imageCodes([64, 64, 3])).toEqual([]);
    expect(imageCodes([64, 64, 1])).toEqual(['DW108']);
  });
});
