/** ONNX export: one `.onnx` file per model (`model.onnx`, or `generator.onnx` + `discriminator.onnx`). */
import type { ExportFile } from '../files.js';
import type { ExportModel } from '../models.js';
import { checkOnnxSupport, modelToOnnx } from './convert.js';

export { OPSET, IR_VERSION, decodeModel } from './proto.js';
export { checkOnnxSupport, modelToOnnx, onnxObstacle } from './convert.js';

export interface OnnxExportOptions {
  producerVersion: string;
  projectName: string;
  trained: boolean;
}

export function onnxFiles(models: readonly ExportModel[], opts: OnnxExportOptions): ExportFile[] {
  // Every model is checked before any is converted: DW701 comes before any work.
  for (const m of models) checkOnnxSupport(m.snap);
  return models.map((m) => ({
    path: `${m.name}.onnx`,
    data: modelToOnnx(m.snap, {
      producerVersion: opts.producerVersion,
      description: `${opts.projectName} (${m.name}), exported by Deepwire ${opts.producerVersion}. Inputs and outputs are NHWC, as in Keras.`,
      metadata: {
        'deepwire.project': opts.projectName,
        'deepwire.model': m.name,
        'deepwire.trained': String(opts.trained),
        'deepwire.layout': 'NHWC',
      },
    }),
  }));
}
