/** The studio's InspectPort on the engine host (the worker runs the same inspector as `deepwire inspect`). */
import type { EnginePort } from '../engine/host.js';
import type { InspectPort } from './ports.js';

/** Inspections run in the engine's interactive lane. */
export function inspectPort(engine: EnginePort): InspectPort {
  return {
    run: (project, subject, embedding, cacheDir) =>
      engine.request('inspect.run', { project, subject, embedding, cacheDir }),
    interpolate: (project, opts) => engine.request('inspect.interpolate', { project, ...opts }),
  };
}
