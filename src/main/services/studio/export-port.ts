/** The studio's ExportPort on the export service (one entry point shared with `deepwire export`). */
import type { ExportFormat } from '../../../shared/api/export.js';
import { normalizeProject } from '../../../shared/project/index.js';
import type { ExportFormatName } from '../exports.js';
import type { ExportPort } from './ports.js';
import { withEnvelope } from './project-port.js';
import { studioTfjsReady } from './tfjs-ready.js';

// The contract's list and the service's list are the same set (a compile error otherwise).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const FORMATS_MATCH: Same<ExportFormat, ExportFormatName> = true;

export function exportPort(version: string): ExportPort {
  return {
    async run(project, format, destination, projectPath) {
      // The full project check (DW203) before any model is built.
      const full = normalizeProject(withEnvelope(project));
      // Loaded on first use: it brings TF.js, which the studio should not wait for at start.
      const { runExport } = await import('../exports.js');
      await studioTfjsReady();
      const outcome = await runExport(full, { format, outDir: destination, options: { projectPath, version } });
      return {
        format,
        files: outcome.files,
        bytes: outcome.bytes,
        trained: outcome.trained,
        warnings: outcome.warnings,
      };
    },
  };
}
