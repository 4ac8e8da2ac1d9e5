/**
 * The engine's atomic writes (exports, caches, sample grids): the one shared
 * writer (temp file, fsync, rename, folder fsync), failing with DW702.
 */
import { writeFileAtomic as writeAtomic } from '../files/atomic-write.js';

export function writeFileAtomic(file: string, data: Uint8Array | string): Promise<void> {
  return writeAtomic(file, data, { errorCode: 'DW702' });
}
