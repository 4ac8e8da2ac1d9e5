/** The studio's ExportPort on the engine host: the worker runs the export service (one entry point shared with `deepwire export`). */
import type { ExportFormat } from '../../../shared/api/export.js';
import type { EnginePort } from '../engine/host.js';
import type { ExportFormatName } from '../exports.js';
import type { ExportPort } from './ports.js';

// The contract's list and the service's list are the same set (a compile error otherwise).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const FORMATS_MATCH: Same<ExportFormat, ExportFormatName> = true;

/** Exports run in the engine's jobs lane, beside (never ahead of) previews and inspections. */
export function exportPort(engine: EnginePort, version: string): ExportPort {
  return {
    run: (project, format, outDir, projectPath, onProgress) =>
      engine.request(
        'export.run',
        { project, format, outDir, version, ...(projectPath ? { projectPath } : {}) },
        onProgress,
      ),
  };
}
