/**
 * Draws the app icon (three columns of neurons wired together on a dark
 * rounded square) and writes it in the formats electron-builder wants, with
 * no image tool beyond pngjs:
 *
 *   node --import tsx scripts/make-icon.ts
 *
 * resources/icons/icon.png  512×512 (Linux, and the source for the others)
 * resources/icons/icon.ico  Windows: one 256×256 PNG entry (Vista and later)
 * resources/icons/icon.icns macOS: ic09 (512) and ic08 (256) PNG entries
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';

type Rgb = readonly [number, number, number];
const BACKGROUND: Rgb = [30, 34, 44];
const WIRE: Rgb = [110, 140, 190];
const NODE: Rgb = [255, 184, 77];
/** Neuron centres in a 0..1 square: input, hidden, output columns. */
const COLUMNS = [
  [0.3, 0.5, 0.7],
  [0.22, 0.4, 0.6, 0.78],
  [0.4, 0.6],
].map((ys, i) => ys.map((y) => [0.22 + i * 0.28, y] as const));

function distanceToSegment(px: number, py: number, a: readonly number[], b: readonly number[]): number {
  const [ax, ay] = a as [number, number];
  const [bx, by] = b as [number, number];
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** Coverage of one pixel (0..1) from a signed distance, for smooth edges. */
const cover = (distance: number, pixel: number) => Math.max(0, Math.min(1, 0.5 - distance / pixel));

function blend(png: PNG, i: number, colour: Rgb, alpha: number): void {
  for (let c = 0; c < 3; c += 1) png.data[i + c] = Math.round(png.data[i + c]! * (1 - alpha) + colour[c]! * alpha);
}

export function drawIcon(size: number): PNG {
  const png = new PNG({ width: size, height: size });
  const px = 1 / size;
  const wires = COLUMNS.slice(1).flatMap((col, c) => col.flatMap((b) => COLUMNS[c]!.map((a) => [a, b] as const)));
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      const u = (x + 0.5) / size;
      const v = (y + 0.5) / size;
      const i = (y * size + x) * 4;
      // Rounded square: distance outside a box of half-width 0.5 - margin - radius.
      const q = Math.max(Math.abs(u - 0.5) - 0.3, 0) ** 2 + Math.max(Math.abs(v - 0.5) - 0.3, 0) ** 2;
      const squareAlpha = cover(Math.sqrt(q) - 0.16, px);
      png.data[i] = BACKGROUND[0];
      png.data[i + 1] = BACKGROUND[1];
      png.data[i + 2] = BACKGROUND[2];
      png.data[i + 3] = Math.round(255 * squareAlpha);
      if (squareAlpha === 0) continue;
      const wire = Math.min(...wires.map(([a, b]) => distanceToSegment(u, v, a, b)));
      blend(png, i, WIRE, cover(wire - 0.008, px) * 0.8);
      const node = Math.min(...COLUMNS.flat().map(([nx, ny]) => Math.hypot(u - nx, v - ny)));
      blend(png, i, NODE, cover(node - 0.05, px));
    }
  }
  return png;
}

/** An .ico holding one PNG image (allowed since Windows Vista). */
export function icoFromPng(png: Buffer, size: number): Buffer {
  const header = Buffer.alloc(22);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(1, 4); // one image
  header.writeUInt8(size >= 256 ? 0 : size, 6); // 0 means 256
  header.writeUInt8(size >= 256 ? 0 : size, 7);
  header.writeUInt16LE(1, 10); // colour planes
  header.writeUInt16LE(32, 12); // bits per pixel
  header.writeUInt32LE(png.length, 14);
  header.writeUInt32LE(22, 18); // image data offset
  return Buffer.concat([header, png]);
}

/** An .icns whose entries are PNG data (ic08 = 256, ic09 = 512). */
export function icnsFromPngs(entries: ReadonlyArray<{ type: string; png: Buffer }>): Buffer {
  const chunks = entries.map(({ type, png }) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + chunks.reduce((n, c) => n + c.length, 0), 4);
  return Buffer.concat([head, ...chunks]);
}

function main(): void {
  const dir = fileURLToPath(new URL('../resources/icons/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  const png512 = PNG.sync.write(drawIcon(512));
  const png256 = PNG.sync.write(drawIcon(256));
  writeFileSync(join(dir, 'icon.png'), png512);
  writeFileSync(join(dir, 'icon.ico'), icoFromPng(png256, 256));
  writeFileSync(
    join(dir, 'icon.icns'),
    icnsFromPngs([
      { type: 'ic08', png: png256 },
      { type: 'ic09', png: png512 },
    ]),
  );
  console.log(`wrote icon.png, icon.ico, icon.icns to ${dir}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
