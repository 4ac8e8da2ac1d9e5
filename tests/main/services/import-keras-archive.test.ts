/**
 * Keras 3 `.keras` archives (issue #14): `summary` and `import` read the archive's config.json (deflated, as
 * Keras writes it, or stored); the HDF5 weights are not read, which import says; a zip without config.json
 * or a damaged one is DW301.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../../../src/main/cli/io.js';
import { main } from '../../../src/main/cli/main.js';
import { importModel } from '../../../src/main/services/import-model.js';
import { DeepwireError } from '../../../src/shared/errors.js';

const root = mkdtempSync(join(tmpdir(), 'deepwire-keras-archive-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A zip of `files` (deflated unless `stored`), laid out as Python's zipfile writes one. */
function zip(files: Record<string, string>, stored = false): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const raw = Buffer.from(text);
    const data = stored ? raw : deflateRawSync(raw);
    const nameBytes = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(stored ? 0 : 8, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(stored ? 0 : 8, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(raw.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const config = readFileSync(new URL('../../fixtures/keras/cnn.keras3.json', import.meta.url), 'utf8');

describe('.keras archives', () => {
  it.each([
    ['deflated', false],
    ['stored', true],
  ])('summary and import read the config.json of a %s archive', async (_, stored) => {
    const file = join(root, `cnn-${stored ? 'stored' : 'deflated'}.keras`);
    writeFileSync(file, zip({ 'metadata.json': '{"keras_version": "3.5.0"}', 'config.json': config }, stored));
    const io = memoryIo();
    expect(await main(['summary', file], io)).toBe(0);
    expect(io.stdout.join('\n')).toContain('Keras 3');
    const imported = await importModel(file);
    expect(imported.project.graph.nodes.length).toBeGreaterThan(2);
    expect(imported.warnings.join('\n')).toContain('model.weights.h5');
  });

  it('refuses a zip without config.json and a damaged archive with DW301', async () => {
    const other = join(root, 'other.keras');
    writeFileSync(other, zip({ 'readme.txt': 'hello' }));
    const e = await importModel(other).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(DeepwireError);
    expect((e as DeepwireError).code).toBe('DW301');
    const cut = join(root, 'cut.keras');
    writeFileSync(cut, zip({ 'config.json': config }).subarray(0, 60));
    const io = memoryIo();
    expect(await main(['summary', cut], io)).toBe(2);
    expect(io.stderr.join('\n')).toContain('DW301');
  });
});
