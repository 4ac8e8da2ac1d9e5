/** The small writers: .npy encoding, PNG curve charts, padding arithmetic. */
import { describe, expect, it } from 'vitest';
import { lineChart, PALETTE } from '../../../../src/main/engine/export/chart.js';
import { decodeNpy, encodeNpy } from '../../../../src/main/engine/export/keras/npy.js';
import { transposePads, windowPads } from '../../../../src/main/engine/export/padding.js';
import { decodePng } from '../../../../src/main/engine/images/png.js';

describe('.npy', () => {
  it.each([[[3, 4]], [[5]], [[]], [[2, 3, 1, 4]]])('round-trips shape %j with a 64-byte aligned header', (shape) => {
    const n = shape.reduce((a, b) => a * b, 1);
    const values = Float32Array.from({ length: n }, (_, i) => i / 3 - 1);
    const bytes = encodeNpy(shape, values);
    const headerLength = bytes[8] | (bytes[9] << 8);
    expect((10 + headerLength) % 64).toBe(0);
    expect(bytes.length).toBe(10 + headerLength + 4 * n);
    expect(String.fromCharCode(...bytes.subarray(10, 10 + headerLength))).toMatch(
      /^\{'descr': '<f4', 'fortran_order': False, 'shape': \(.*\), \} *\n$/,
    );
    expect(decodeNpy(bytes)).toEqual({ descr: '<f4', fortranOrder: false, shape, values });
  });

  it('writes 1-D shapes as Python 1-tuples', () => {
    const header = String.fromCharCode(...encodeNpy([7], new Float32Array(7)).subarray(10, 128));
    expect(header).toContain("'shape': (7,)");
  });
});

describe('curve charts', () => {
  it('draws each series in its palette colour on a white canvas', () => {
    const chart = lineChart(
      [
        { name: 'loss', values: [2, 1, 0.5] },
        { name: 'val_loss', values: [2.2, null, 0.7] },
      ],
      { width: 200, height: 100 },
    );
    const img = decodePng(chart.png);
    expect([img.width, img.height, img.channels]).toEqual([200, 100, 3]);
    expect(chart.yRange).toEqual([0.5, 2.2]);
    const colours = new Set<string>();
    for (let i = 0; i < img.width * img.height; i++) colours.add(img.data.slice(i * 3, i * 3 + 3).join(','));
    expect(colours).toContain('255,255,255');
    expect(colours).toContain(PALETTE[0].rgb.join(','));
    expect(colours).toContain(PALETTE[1].rgb.join(','));
  });
});

describe('Keras padding arithmetic', () => {
  it("puts the odd 'same' pixel at the end", () => {
    expect(windowPads('same', 28, 5, 2)).toEqual({ before: 1, after: 2 });
    expect(windowPads('same', 9, 3, 2)).toEqual({ before: 1, after: 1 });
    expect(windowPads('same', 8, 4, 2)).toEqual({ before: 1, after: 1 });
    expect(windowPads('same', 9, 3, 1, 2)).toEqual({ before: 2, after: 2 });
    expect(windowPads('valid', 9, 3, 2)).toEqual({ before: 0, after: 0 });
  });

  it('crops or extends Conv2DTranspose outputs to TF sizes', () => {
    expect(transposePads('same', 5, 2)).toEqual({ before: 1, after: 2, outputPadding: 0 });
    expect(transposePads('same', 2, 3)).toEqual({ before: 0, after: 0, outputPadding: 1 });
    expect(transposePads('valid', 3, 2)).toEqual({ before: 0, after: 0, outputPadding: 0 });
  });
});
