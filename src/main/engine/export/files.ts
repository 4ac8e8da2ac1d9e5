/**
 * Exporters build their files in memory (so a failing export writes nothing)
 * and this writes them as a whole: into a staging folder beside the
 * destination, then moved into place (see files/staged-folder.ts), never
 * through a symbolic link leading out of the folder (DW615). DW702 names the
 * folder that could not be written, DW710 a file that could not be moved in.
 */
import { writeFolderStaged, type StagedFile } from '../../files/staged-folder.js';

export interface ExportFile extends StagedFile {
  /** Path relative to the export folder, with '/' separators (e.g. `weights/dense__kernel.npy`). */
  path: string;
  data: Uint8Array | string;
}

/** Writes `files` under `dir` as a whole; returns their absolute paths in order. */
export function writeExportFiles(dir: string, files: readonly ExportFile[]): Promise<string[]> {
  return writeFolderStaged(dir, files);
}

export const textBytes = (text: string): number => new TextEncoder().encode(text).length;

export const fileSize = (f: ExportFile): number => (typeof f.data === 'string' ? textBytes(f.data) : f.data.byteLength);
