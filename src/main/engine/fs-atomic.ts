/**
 * The engine's atomic writes (exports, caches, sample grids): the one shared
 * writer (temp file, fsync, rename, folder fsync), failing with DW702.
 */
import { writeFileAtomic as writeAtomic } from '../files/atomic-write.js';

/** `within`: a folder the write must not leave through a symbolic link (DW615). */
export function writeFileAtomic(file: string, data: Uint8Array | string, within?: string): Promise<void> {
  return writeAtomic(file, data, { errorCode: 'DW702', within });
}
