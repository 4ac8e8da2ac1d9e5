/** DW7xx — export: a title and a fix for each code (the catalogue is ../errors.ts). */
import type { ErrorEntry } from './entry.js';

export const EXPORT_ERRORS = {
  DW701: { title: 'Layer cannot be exported to this format', fix: 'Replace the named layer or choose another format.' },
  DW702: { title: 'Export failed', fix: 'Check the destination folder is writable and has space.' },
  DW703: {
    title: 'Export format does not fit this project',
    fix: 'Sample grids need a GAN whose generator outputs images (H×W×1 or H×W×3): choose another format.',
  },
  DW704: {
    title: 'Unknown export format',
    fix: 'Use one of: tfjs, keras, onnx, pytorch, keras-py, history, card, samples, tensorboard.',
  },
  DW710: {
    title: 'Export could not be moved into place',
    fix: 'Check the destination folder is writable; the files already there were left as they were (a complete earlier export stays whole).',
  },
  DW711: {
    title: 'CycleGAN export lacks one of its four models',
    fix: 'Give the CycleGAN all four groups (generator_ab, generator_ba, discriminator_a, discriminator_b), each from an Input to its output, then export again.',
  },
} as const satisfies Record<`DW7${string}`, ErrorEntry>;
