/**
 * Starting the helper thread of data-parallel training (classifier and GAN
 * replicas alike), and the engine thread's waits on the shared control word.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { DeepwireError } from '../../../../shared/errors.js';
import { CTRL, FAILED, type FromHelper, type ToHelper } from './protocol.js';

export const STEP_TIMEOUT_MS = 120_000;

/**
 * Built helper entries, relative to the module that holds this code: worker.js
 * beside helper.js (a plain tsc build), or the Electron build's
 * parallel-worker.js entry (electron.vite.config.ts) beside the bundle or one
 * folder up when this code lands in a shared chunk.
 */
const BUILT_HELPERS = ['./worker.js', './parallel-worker.js', '../parallel-worker.js'];

/**
 * Start the helper thread: a built entry (above), or (running from source)
 * worker.ts through tsx's loader, registered inside the thread because module
 * hooks are not inherited by worker threads.
 */
function spawnHelper(): Worker {
  for (const name of BUILT_HELPERS) {
    const js = new URL(name, import.meta.url);
    if (existsSync(fileURLToPath(js))) return new Worker(js);
  }
  const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api')).href.replace(/\.cjs$/, '.mjs');
  const entry = new URL('./worker.ts', import.meta.url).href;
  const boot = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { eval: true });
}

/** A helper thread that has taken `init` and answered ready (DW502 when it cannot start). */
export async function startHelper(init: ToHelper): Promise<Worker> {
  const worker = spawnHelper();
  await new Promise<void>((resolve, reject) => {
    const fail = (message: string) => {
      void worker.terminate();
      reject(new DeepwireError('DW502', `training helper thread failed to start: ${message}`));
    };
    worker.once('message', (m: FromHelper) => (m.type === 'ready' ? resolve() : fail(m.message)));
    worker.once('error', (e) => fail(e.message));
    worker.postMessage(init);
  });
  return worker;
}

/**
 * Block the engine thread until the helper sets `state` (a GAN step pair's
 * exchanges happen inside gradient closures, which cannot await). FAILED or
 * no answer within STEP_TIMEOUT_MS throws DW502; `why` supplies the helper's
 * message when it has arrived.
 */
export function waitSync(ctrl: Int32Array, state: number, why: () => string | null): void {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  for (;;) {
    const now = Atomics.load(ctrl, CTRL.state);
    if (now === state) return;
    if (now === FAILED)
      throw new DeepwireError('DW502', `training helper thread failed: ${why() ?? 'see the next message'}`);
    if (Date.now() > deadline) throw new DeepwireError('DW502', 'training helper thread stopped responding');
    Atomics.wait(ctrl, CTRL.state, now, 50);
  }
}
