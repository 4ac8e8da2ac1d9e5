/** Reading an `.onnx` file from disk (the services and the CLI share this). */
import { readFile } from 'node:fs/promises';
import { DeepwireError } from '../../../../shared/errors.js';
import { readOnnx, type OnnxImport } from './index.js';

/** An ONNX model is told apart by its extension (protobuf has no magic number). */
export const isOnnxPath = (path: string): boolean => path.toLowerCase().endsWith('.onnx');

export async function readOnnxFile(path: string): Promise<OnnxImport> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    throw new DeepwireError('DW205', `could not read ${path}: ${(e as Error).message}`, path);
  }
  return readOnnx(bytes, path);
}
