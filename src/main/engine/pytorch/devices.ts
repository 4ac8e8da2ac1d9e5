/** A torch device as people read it: `cuda:0 NVIDIA H100 80GB HBM3 (79.1 GiB, CUDA)`. */
import type { TorchProbe } from './python.js';

export type TorchDeviceInfo = NonNullable<TorchProbe['torch']>['devices'][number];

export function describeDevice(d: TorchDeviceInfo): string {
  const memory = d.memoryMB ? `${(d.memoryMB / 1024).toFixed(1)} GiB, ` : '';
  return `${d.id} ${d.name} (${memory}${d.kind})`;
}
