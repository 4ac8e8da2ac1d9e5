/**
 * The binary dataset cache: a parsed RawDataset stored as one file —
 * "DWDS", a version byte, a uint32 header length, the JSON header (every
 * field but the arrays, plus where each array lies), then the arrays, each
 * 8-byte aligned. Keyed by a hash of the source files' path, size and mtime
 * and the parse config, so an edited source or config parses afresh. Written
 * atomically; an unreadable entry is ignored and rebuilt.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../fs-atomic.js';
import type { RawDataset, SampleArrays } from './types.js';

const MAGIC = 'DWDS';
const VERSION = 1;

type ArrayName = 'x' | 'y' | 'test.x' | 'test.y';
type Typed = Uint8Array | Float32Array | Int32Array;
interface ArrayEntry {
  name: ArrayName;
  type: 'u8' | 'f32' | 'i32';
  offset: number;
  length: number;
}

export function cacheKey(parts: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify({ v: VERSION, parts }))
    .digest('hex')
    .slice(0, 32);
}

const typeOf = (a: Typed): ArrayEntry['type'] =>
  a instanceof Uint8Array ? 'u8' : a instanceof Float32Array ? 'f32' : 'i32';

export function encodeDataset(raw: RawDataset): Uint8Array {
  const arrays: [ArrayName, Typed][] = [
    ['x', raw.x],
    ['y', raw.y],
  ];
  if (raw.test) arrays.push(['test.x', raw.test.x], ['test.y', raw.test.y]);
  const { x: _x, y: _y, test, ...meta } = raw;
  let offset = 0;
  const entries: ArrayEntry[] = arrays.map(([name, a]) => {
    const entry = { name, type: typeOf(a), offset, length: a.length };
    offset += Math.ceil(a.byteLength / 8) * 8;
    return entry;
  });
  const header = new TextEncoder().encode(JSON.stringify({ meta, testCount: test?.count ?? null, arrays: entries }));
  const start = Math.ceil((9 + header.length) / 8) * 8;
  const out = new Uint8Array(start + offset);
  out.set(new TextEncoder().encode(MAGIC), 0);
  out[4] = VERSION;
  new DataView(out.buffer).setUint32(5, header.length);
  out.set(header, 9);
  arrays.forEach(([, a], i) =>
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), start + entries[i].offset),
  );
  return out;
}

export function decodeDataset(bytes: Uint8Array): RawDataset | null {
  if (bytes.length < 9 || new TextDecoder().decode(bytes.subarray(0, 4)) !== MAGIC || bytes[4] !== VERSION) return null;
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset).getUint32(5);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(9, 9 + headerLength))) as {
    meta: Omit<RawDataset, 'x' | 'y' | 'test'>;
    testCount: number | null;
    arrays: ArrayEntry[];
  };
  const start = Math.ceil((9 + headerLength) / 8) * 8;
  // Copy into a fresh, aligned buffer so typed views are valid whatever the file buffer's offset.
  const body = bytes.slice(start);
  const view = (e: ArrayEntry): Typed => {
    const Ctor = e.type === 'u8' ? Uint8Array : e.type === 'f32' ? Float32Array : Int32Array;
    if (e.offset + e.length * Ctor.BYTES_PER_ELEMENT > body.byteLength) throw new Error('truncated');
    return new Ctor(body.buffer, e.offset, e.length);
  };
  const get = (name: ArrayName) => header.arrays.find((a) => a.name === name);
  const x = view(get('x')!) as SampleArrays['x'];
  const y = view(get('y')!) as SampleArrays['y'];
  const tx = get('test.x');
  const ty = get('test.y');
  const test =
    tx && ty && header.testCount !== null
      ? { x: view(tx) as SampleArrays['x'], y: view(ty) as SampleArrays['y'], count: header.testCount }
      : undefined;
  return { ...header.meta, x, y, ...(test ? { test } : {}) };
}

export interface CachedLoad {
  raw: RawDataset;
  fromCache: boolean;
}

/** Returns the cached dataset for `keyParts`, or builds, stores and returns it. */
export async function loadCached(
  cacheDir: string | undefined,
  keyParts: unknown,
  build: () => Promise<RawDataset>,
): Promise<CachedLoad> {
  if (!cacheDir) return { raw: await build(), fromCache: false };
  const file = join(cacheDir, `${cacheKey(keyParts)}.dwds`);
  try {
    const hit = decodeDataset(new Uint8Array(await readFile(file)));
    if (hit) return { raw: hit, fromCache: true };
  } catch {
    // Missing or damaged: rebuild below.
  }
  const raw = await build();
  try {
    await mkdir(cacheDir, { recursive: true });
    // A cache entry that is a link leading out of the cache folder is not written through.
    await writeFileAtomic(file, encodeDataset(raw), cacheDir);
  } catch {
    // A cache that cannot be written only costs time on the next run.
  }
  return { raw, fromCache: false };
}
