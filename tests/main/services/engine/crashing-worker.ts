/**
 * The real engine worker with two ways to die, for the host's crash tests: a
 * preview of 12 samples never answers (a request in flight), one of 13 ends
 * the thread as a crash would (process.exit), one of 14 throws where nothing
 * catches it. An export into a folder named `busy` holds its thread for 3 s
 * (a long, synchronous conversion) before it fails. A latent walk of 99 steps
 * answers something that is not an interpolation. Every other request is
 * served by the real handlers.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ENGINE_SERVICE_ROLE } from '../../../../src/shared/api/engine.js';
import { engineHandlers, serveEngineRequests } from '../../../../src/main/services/engine/serve.js';

const interpolate = engineHandlers['inspect.interpolate'];

if (parentPort && (workerData as { role?: string } | null)?.role === ENGINE_SERVICE_ROLE) {
  serveEngineRequests(parentPort, {
    ...engineHandlers,
    'export.run': (payload, progress) => {
      if (!payload.outDir.endsWith('busy')) return engineHandlers['export.run'](payload, progress);
      const until = Date.now() + 3000;
      while (Date.now() < until); // a thread that cannot answer anything meanwhile
      throw new Error('the busy export ends here');
    },
    'inspect.interpolate': (payload, progress) =>
      payload.steps === 99
        ? ({ steps: 'ninety-nine' } as unknown as ReturnType<typeof interpolate>)
        : interpolate(payload, progress),
    'dataset.preview': (payload, progress) => {
      if (payload.count === 12) return new Promise(() => {});
      if (payload.count === 13) process.exit(7);
      if (payload.count === 14) {
        // Never answered: the crash is the only outcome (a served preview could win the race with the throw).
        setTimeout(() => {
          throw new Error('an engine bug nobody caught');
        }, 0);
        return new Promise(() => {});
      }
      return engineHandlers['dataset.preview'](payload, progress);
    },
  });
}
