/** Export formats the studio offers (writers: src/main/services/exports.ts and src/main/engine/export). */
import { z } from 'zod';

export const EXPORT_FORMATS = [
  'tfjs',
  'keras',
  'onnx',
  'pytorch',
  'keras-py',
  'history',
  'card',
  'samples',
  'tensorboard',
] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportFormatInfo {
  label: string;
  /** What the format writes into the chosen folder, for menus, dialogs and `deepwire export --help`. */
  description: string;
  /** Whether it carries the model's weights (a project without trained ones exports its initial weights). */
  weights: boolean;
}

export const EXPORT_FORMAT_INFO: Record<ExportFormat, ExportFormatInfo> = {
  tfjs: {
    label: 'TF.js model',
    description: 'TF.js Layers model (model.json + weights.bin) for tf.loadLayersModel',
    weights: true,
  },
  keras: { label: 'Keras', description: 'Keras 3 JSON topology, .npy weights and load_weights.py', weights: true },
  onnx: { label: 'ONNX', description: 'ONNX (opset 17) for ONNX Runtime and other ONNX tools', weights: true },
  pytorch: {
    label: 'PyTorch code',
    description: 'PyTorch modules (model.py) and a Lightning training script, with the weights',
    weights: true,
  },
  'keras-py': {
    label: 'Keras code',
    description: 'a Keras 3 training script that rebuilds the model, with the weights',
    weights: true,
  },
  history: {
    label: 'Training history',
    description: "history.csv and history.json of the project's runs",
    weights: false,
  },
  card: {
    label: 'Model card',
    description: 'MODEL_CARD.md with summary, data, training, metrics and curve images',
    weights: false,
  },
  samples: {
    label: 'GAN samples',
    description: 'a PNG grid of 64 samples from the generator (GAN projects)',
    weights: true,
  },
  tensorboard: {
    label: 'TensorBoard',
    description: "event files of the project's runs, one folder per run, for tensorboard --logdir",
    weights: false,
  },
};

export function isExportFormat(f: unknown): f is ExportFormat {
  return typeof f === 'string' && (EXPORT_FORMATS as readonly string[]).includes(f);
}

export const exportResultSchema = z.object({
  format: z.enum(EXPORT_FORMATS),
  /** Every file written, absolute paths. */
  files: z.array(z.string()),
  bytes: z.number().int().nonnegative(),
  /** False when the weights written are the untrained initial ones. */
  trained: z.boolean(),
  /** Things the user should know (untrained weights, no runs recorded…). */
  warnings: z.array(z.string()),
});
export type ExportResult = z.infer<typeof exportResultSchema>;

/** A running export's progress (the studio's `export.progress` event): how far, what it is doing, where it writes. */
export const exportProgressSchema = z.object({
  format: z.enum(EXPORT_FORMATS),
  destination: z.string(),
  fraction: z.number().min(0).max(1),
  message: z.string(),
});
export type ExportProgress = z.infer<typeof exportProgressSchema>;
