/**
 * Exporters build their files in memory (so a failing export writes nothing)
 * and this writes them: each atomically (temp file, fsync, rename), into
 * sub-folders as named, with DW702 naming the file that could not be written.
 */
import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { DeepwireError } from '../../../shared/errors.js';
import { writeFileAtomic } from '../fs-atomic.js';

export interface ExportFile {
  /** Path relative to the export folder, with '/' separators (e.g. `weights/dense__kernel.npy`). */
  path: string;
  data: Uint8Array | string;
}

/** Writes `files` under `dir`; returns their absolute paths in order. */
export async function writeExportFiles(dir: string, files: readonly ExportFile[]): Promise<string[]> {
  const root = resolve(dir);
  const written: string[] = [];
  for (const file of files) {
    const target = resolve(join(root, ...file.path.split('/')));
    if (!target.startsWith(root + sep)) throw new Error(`export file ${file.path} would leave the export folder`);
    try {
      await mkdir(dirname(target), { recursive: true });
      await writeFileAtomic(target, file.data);
    } catch (e) {
      throw new DeepwireError('DW702', `could not write ${target}: ${(e as Error).message}`, target);
    }
    written.push(target);
  }
  return written;
}

export const textBytes = (text: string): number => new TextEncoder().encode(text).length;

export const fileSize = (f: ExportFile): number => (typeof f.data === 'string' ? textBytes(f.data) : f.data.byteLength);
