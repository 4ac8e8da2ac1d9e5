import { describe, expect, it } from 'vitest';
import { axisRange, RgbCanvas } from '../../../../src/main/engine/images/canvas.js';
import { histogram } from '../../../../src/main/engine/inspect/draw.js';

const at = (c: { width: number; data: number[] }, x: number, y: number) => {
  const o = (y * c.width + x) * 3;
  return c.data.slice(o, o + 3);
};

describe('RgbCanvas', () => {
  it('draws lines and clipped rectangles on white', () => {
    const c = new RgbCanvas(10, 6);
    c.line(0, 0, 9, 0, [255, 0, 0]);
    c.rect(8, 3, 20, 20, [0, 0, 255]);
    expect(at(c, 4, 0)).toEqual([255, 0, 0]);
    expect(at(c, 9, 5)).toEqual([0, 0, 255]);
    expect(at(c, 7, 3)).toEqual([255, 255, 255]);
    expect(c.pixels()).toMatchObject({ width: 10, height: 6, channels: 3 });
  });

  it('spans the finite values, widened when they are all equal', () => {
    expect(axisRange([3, -1, 2])).toEqual([-1, 3]);
    expect(axisRange([2, 2])).toEqual([1.5, 2.5]);
    expect(axisRange([])).toEqual([0, 1]);
    // A big layer's activations: more values than one spread call can take.
    const many = Array.from({ length: 500_000 }, (_, i) => i % 1000);
    expect(axisRange(many)).toEqual([0, 999]);
  });

  it('a histogram of half zeros has its tallest bar at the left', () => {
    const values = [...new Array<number>(50).fill(0), ...Array.from({ length: 50 }, (_, i) => (i + 1) / 50)];
    const { pixels, range } = histogram(values, { bins: 10, width: 108, height: 60 });
    expect(range).toEqual([0, 1]);
    // Inner pixel of the first bar near the top of the plot is coloured; the same height over bar 5 is white.
    expect(at(pixels, 12, 10)).not.toEqual([255, 255, 255]);
    expect(at(pixels, 12 + 5 * 9, 10)).toEqual([255, 255, 255]);
  });
});
