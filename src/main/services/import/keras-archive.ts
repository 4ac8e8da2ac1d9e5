/**
 * A Keras 3 `.keras` archive (a zip of config.json, metadata.json and model.weights.h5): its config.json is
 * the model's JSON, read like any Keras JSON. The weights are HDF5, which Deepwire does not read, so an
 * archive imports as its architecture (with a warning). A small zip reader: the central directory names
 * each file, its local header where the (stored or deflated) data starts.
 */
import { inflateRawSync } from 'node:zlib';
import { DeepwireError } from '../../../shared/errors.js';

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** Generous for a model config; a zip bomb's config.json is refused before it is inflated. */
const MAX_CONFIG_BYTES = 256 * 1024 * 1024;

/** True for a zip file (a `.keras` archive), told by its first bytes. */
export const isZip = (bytes: Uint8Array): boolean =>
  bytes.length >= 4 && new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, true) === LOCAL;

/** The text of one file in a zip archive, or undefined when the archive has no such file. */
function zipEntry(bytes: Uint8Array, wanted: string, where: string): string | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const damaged = (why: string) => new DeepwireError('DW301', `the .keras archive is damaged: ${why}`, where);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--) {
    if (view.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw damaged('no end of central directory');
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL) throw damaged('a bad central directory entry');
    const method = view.getUint16(at + 10, true);
    const size = view.getUint32(at + 20, true);
    const nameLength = view.getUint16(at + 28, true);
    const skip = nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    const local = view.getUint32(at + 42, true);
    at += 46 + skip;
    if (name !== wanted) continue;
    if (local + 30 > bytes.length || view.getUint32(local, true) !== LOCAL)
      throw damaged(`no local header for ${name}`);
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const data = bytes.subarray(start, start + size);
    if (data.length !== size) throw damaged(`${name} is cut short`);
    if (method === 0) return new TextDecoder().decode(data);
    if (method !== 8) throw damaged(`${name} uses compression method ${method} (stored or deflate expected)`);
    try {
      return new TextDecoder().decode(inflateRawSync(data, { maxOutputLength: MAX_CONFIG_BYTES }));
    } catch (e) {
      throw damaged(`${name} does not inflate (${(e as Error).message})`);
    }
  }
  return undefined;
}

/** The config.json text of a `.keras` archive; DW301 when it has none or is damaged. */
export function kerasArchiveConfig(bytes: Uint8Array, where: string): string {
  const text = zipEntry(bytes, 'config.json', where);
  if (text === undefined)
    throw new DeepwireError('DW301', 'this zip file has no config.json: it is not a Keras 3 .keras archive', where);
  return text;
}

export const ARCHIVE_WEIGHTS_WARNING =
  "the .keras archive's weights (model.weights.h5, HDF5) are not read: the architecture is imported, untrained";
