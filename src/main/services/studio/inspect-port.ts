/** The studio's InspectPort on the engine's inspector (the same code as `deepwire inspect`). */
import type { InspectResult } from '../../../shared/api/inspect.js';
import type { ProjectDoc } from '../../../shared/api/project.js';
import { normalizeProject } from '../../../shared/project/index.js';
import { encodeBase64 } from '../../../shared/project/base64.js';
import type { InspectPort } from './ports.js';
import { withEnvelope } from './project-port.js';

export function inspectPort(): InspectPort {
  return {
    async run(
      project: ProjectDoc,
      sample: number,
      embeddingSamples: number,
      cacheDir: string | null,
    ): Promise<InspectResult> {
      // The full project check (DW203) before any model is built.
      const full = normalizeProject(withEnvelope(project));
      // Loaded on first use: it brings TF.js, which the studio should not wait for at start.
      const [{ inspectNetwork }, { encodePng }] = await Promise.all([
        import('../../engine/inspect/index.js'),
        import('../../engine/images/png.js'),
      ]);
      const r = await inspectNetwork(full, { sample, embeddingSamples, ...(cacheDir ? { cacheDir } : {}) });
      const pictures = r.pictures.map((p) => ({
        file: p.file,
        caption: p.caption,
        width: p.pixels.width,
        height: p.pixels.height,
        png: encodeBase64(encodePng(p.pixels)),
      }));
      return { ...r, pictures };
    },
  };
}
