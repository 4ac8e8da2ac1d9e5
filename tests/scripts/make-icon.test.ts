import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { drawIcon, icnsFromPngs, icoFromPng } from '../../scripts/make-icon.js';

const icons = (name: string) => readFileSync(fileURLToPath(new URL(`../../resources/icons/${name}`, import.meta.url)));

describe('app icon', () => {
  it('the committed 512×512 PNG is what the script draws', () => {
    const committed = PNG.sync.read(icons('icon.png'));
    expect([committed.width, committed.height]).toEqual([512, 512]);
    expect(Buffer.compare(committed.data, drawIcon(512).data)).toBe(0);
  });

  it('has transparent corners and an opaque centre', () => {
    const png = drawIcon(64);
    expect(png.data[3]).toBe(0);
    expect(png.data[(32 * 64 + 32) * 4 + 3]).toBe(255);
  });

  it('wraps a PNG in a valid .ico directory', () => {
    const png = Buffer.from([1, 2, 3, 4]);
    const ico = icoFromPng(png, 256);
    expect(ico.readUInt16LE(2)).toBe(1);
    expect(ico.readUInt16LE(4)).toBe(1);
    expect(ico.readUInt8(6)).toBe(0); // 256 is stored as 0
    expect(ico.readUInt32LE(14)).toBe(4);
    expect(ico.subarray(ico.readUInt32LE(18))).toEqual(png);
  });

  it('writes .icns entries with big-endian lengths that add up', () => {
    const icns = icnsFromPngs([
      { type: 'ic08', png: Buffer.alloc(10) },
      { type: 'ic09', png: Buffer.alloc(20) },
    ]);
    expect(icns.subarray(0, 4).toString('ascii')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    expect(icns.subarray(8, 12).toString('ascii')).toBe('ic08');
    expect(icns.readUInt32BE(12)).toBe(18);
    expect(icns.subarray(26, 30).toString('ascii')).toBe('ic09');
  });

  it('the committed .ico and .icns hold PNG data', () => {
    const ico = icons('icon.ico');
    expect(ico.subarray(22, 26).toString('latin1')).toBe('\x89PNG');
    expect(icons('icon.icns').subarray(0, 4).toString('ascii')).toBe('icns');
  });
});
