import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodePng, encodePng, tileGrid, writePng } from '../../../../src/main/engine/images/index.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('sample grid', () => {
  it('tiles images row by row with a gutter and maps the range to bytes', () => {
    // Three 2×2 grey images with constant values 0, 0.5, 1 in [0, 1].
    const data = [0, 0, 0, 0, 0.5, 0.5, 0.5, 0.5, 1, 1, 1, 1];
    const { pixels, rows, columns } = tileGrid(
      { data, count: 3, height: 2, width: 2, channels: 1 },
      { columns: 2, gutter: 1, background: 7 },
    );
    expect([rows, columns]).toEqual([2, 2]);
    expect([pixels.width, pixels.height]).toEqual([2 * 2 + 3, 2 * 2 + 3]);
    const at = (x: number, y: number) => pixels.data[y * pixels.width + x];
    expect(at(0, 0)).toBe(7);
    expect(at(1, 1)).toBe(0);
    expect(at(4, 2)).toBe(128);
    expect(at(2, 5)).toBe(255);
    // The missing fourth cell stays background.
    expect(at(5, 5)).toBe(7);
  });

  it('maps [-1, 1] (tanh generators) and clamps values outside the range; NaN is black', () => {
    const { pixels } = tileGrid(
      { data: [-1, 0, 3, NaN], count: 1, height: 2, width: 2, channels: 1 },
      { range: [-1, 1], gutter: 0 },
    );
    expect(pixels.data).toEqual([0, 128, 255, 0]);
  });
});

describe('PNG', () => {
  it('round-trips grey and RGB pixels', () => {
    const grey = { width: 3, height: 2, channels: 1 as const, data: [0, 10, 20, 30, 40, 255] };
    expect(decodePng(encodePng(grey))).toEqual(grey);
    const rgb = { width: 2, height: 1, channels: 3 as const, data: [255, 0, 0, 0, 128, 255] };
    expect(decodePng(encodePng(rgb))).toEqual(rgb);
  });

  it('writes atomically into a new folder, leaving no temp file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dw-png-'));
    dirs.push(dir);
    const file = join(dir, 'samples', 'epoch-1.png');
    const { pixels } = tileGrid({
      data: new Array(4 * 28 * 28).fill(0.5),
      count: 4,
      height: 28,
      width: 28,
      channels: 1,
    });
    await writePng(file, pixels);
    expect(await readdir(join(dir, 'samples'))).toEqual(['epoch-1.png']);
    const back = decodePng(new Uint8Array(await readFile(file)));
    expect([back.width, back.height]).toEqual([62, 62]);
    expect(back.data[pixels.width * 10 + 10]).toBe(128);
  });

  it('refuses pixels whose length does not match the size', () => {
    expect(() => encodePng({ width: 2, height: 2, channels: 1, data: [1, 2, 3] })).toThrow(/not 2×2×1/);
  });
});
