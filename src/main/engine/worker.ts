/**
 * The engine worker: a thin host around `train()`. It takes one `start`
 * message, then `pause`/`resume`/`stop` commands, and posts every training
 * event back. `serveEngine` works on any message port, so tests drive it
 * through an in-memory MessageChannel; run as a worker thread it serves its
 * parentPort and closes it when the run ends, so the thread exits.
 */
import { parentPort, workerData } from 'node:worker_threads';
import {
  ENGINE_WORKER_ROLE,
  hostMessageSchema,
  isTerminal,
  type TrainingEvent,
} from '../../shared/training/protocol.js';
import { RunControl } from './train/control.js';
import { train } from './train/train.js';

export interface EnginePort {
  on(event: 'message', listener: (message: unknown) => void): unknown;
  postMessage(message: TrainingEvent): void;
  close?(): void;
}

/** Serves one run on `port`; resolves when its terminal event has been posted. */
export function serveEngine(port: EnginePort): Promise<void> {
  const control = new RunControl();
  let started = false;
  return new Promise((resolve) => {
    const post = (event: TrainingEvent) => {
      port.postMessage(event);
      if (isTerminal(event)) resolve();
    };
    port.on('message', (message) => {
      const parsed = hostMessageSchema.safeParse(message);
      if (!parsed.success) {
        post({
          type: 'log',
          level: 'warning',
          message: `ignored a malformed message to the engine: ${parsed.error.issues[0].message}`,
        });
        return;
      }
      const msg = parsed.data;
      if (msg.type === 'start') {
        if (started) {
          post({
            type: 'log',
            level: 'warning',
            message: 'this engine worker already runs a training; start another worker',
          });
          return;
        }
        started = true;
        void train(msg.request, post, control);
      } else if (msg.type === 'pause') control.pause();
      else if (msg.type === 'resume') control.resume();
      else control.stop();
    });
  });
}

// Only as the supervisor's worker (marked in workerData): importing this module elsewhere never grabs a foreign port.
if (parentPort && (workerData as { role?: string } | null)?.role === ENGINE_WORKER_ROLE) {
  const port = parentPort;
  void serveEngine(port).then(() => port.close());
}
