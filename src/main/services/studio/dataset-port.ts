/**
 * Datasets for the studio: the built-ins for the picker, and previews, which
 * the engine worker reads (src/main/services/engine/preview.ts).
 */
import { FASHION_CLASSES } from '../../engine/datasets/builtin.js';
import type { BuiltinDatasetInfo } from '../../../shared/api/datasets.js';
import type { EnginePort } from '../engine/host.js';
import type { DatasetPort } from './ports.js';

const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

export const BUILTIN_INFO: BuiltinDatasetInfo[] = [
  {
    id: 'mnist',
    name: 'MNIST',
    description: 'Handwritten digits 0–9, 28×28 grey images; the official 10,000-image test set.',
    task: 'classification',
    sampleShape: [28, 28, 1],
    classes: DIGITS,
    trainSize: null,
    testSize: null,
  },
  {
    id: 'fashion-mnist',
    name: 'Fashion-MNIST',
    description: 'Zalando clothing photos in 10 classes, 28×28 grey; harder than MNIST.',
    task: 'classification',
    sampleShape: [28, 28, 1],
    classes: FASHION_CLASSES,
    trainSize: null,
    testSize: null,
  },
  {
    id: 'mnist-rows',
    name: 'MNIST rows',
    description: 'MNIST read as a sequence: 28 time steps of 28 pixels, for recurrent networks.',
    task: 'sequence',
    sampleShape: [28, 28],
    classes: DIGITS,
    trainSize: null,
    testSize: null,
  },
];

/** Previews run in the engine's interactive lane: an export in progress never holds them up. */
export function datasetPort(engine: EnginePort, defaultCacheDir: string): DatasetPort {
  return {
    builtins: async () => BUILTIN_INFO,
    preview: (config, count, kind, cacheDir) =>
      engine.request('dataset.preview', { config, count, kind, cacheDir: cacheDir ?? defaultCacheDir }),
  };
}
