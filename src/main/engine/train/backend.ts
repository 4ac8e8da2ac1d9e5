/**
 * The one place the trainer picks its backend: the backend helper's
 * initBackend (tfjs-node-gpu → tfjs-node → wasm + kernel pack → cpu).
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendPreference, BackendReport } from '../../../shared/training/backend.js';
import { initBackend } from '../backend/select.js';

/** `threads`: training threads wanted (see stepper.ts); the report says how many the backend offers. */
export async function chooseBackend(pref: BackendPreference, threads: number | 'auto' = 1): Promise<BackendReport> {
  const report = await initBackend(pref, { threads });
  // The cpu backend prints an "install tfjs-node" banner on first use; the run's backend report says it better.
  if (report.chosen === 'cpu') (tf.backend() as unknown as { firstUse?: boolean }).firstUse = false;
  return report;
}
