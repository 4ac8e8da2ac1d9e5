/** The studio's InspectPort on the engine's inspector (the same code as `deepwire inspect`). */
import type { EmbeddingMethod, InspectResult } from '../../../shared/api/inspect.js';
import type { ProjectDoc } from '../../../shared/api/project.js';
import { normalizeProject } from '../../../shared/project/index.js';
import { encodeBase64 } from '../../../shared/project/base64.js';
import type { Pixels } from '../../../shared/training/protocol.js';
import type { InspectPort } from './ports.js';
import { withEnvelope } from './project-port.js';

/** The embedding's pictures are the same objects from request to request: encoded once. */
const encoded = new WeakMap<Pixels, string>();

function pngOf(pixels: Pixels, encodePng: (p: Pixels) => Uint8Array): string {
  const known = encoded.get(pixels);
  if (known !== undefined) return known;
  const png = encodeBase64(encodePng(pixels));
  encoded.set(pixels, png);
  return png;
}

export function inspectPort(): InspectPort {
  return {
    async run(
      project: ProjectDoc,
      sample: number,
      embedding: { samples: number; method: EmbeddingMethod },
      cacheDir: string | null,
    ): Promise<InspectResult> {
      // The full project check (DW203) before any model is built.
      const full = normalizeProject(withEnvelope(project));
      // Loaded on first use: it brings TF.js, which the studio should not wait for at start.
      const [{ inspectNetwork }, { encodePng }] = await Promise.all([
        import('../../engine/inspect/index.js'),
        import('../../engine/images/png.js'),
      ]);
      const r = await inspectNetwork(full, {
        sample,
        embeddingSamples: embedding.samples,
        embeddingMethod: embedding.method,
        ...(cacheDir ? { cacheDir } : {}),
      });
      const pictures = r.pictures.map((p) => ({
        file: p.file,
        caption: p.caption,
        width: p.pixels.width,
        height: p.pixels.height,
        png: pngOf(p.pixels, encodePng),
      }));
      return { ...r, pictures };
    },
    async interpolate(project, opts) {
      const full = normalizeProject(withEnvelope(project));
      const [{ interpolateLatent }, { encodePng }] = await Promise.all([
        import('../../engine/inspect/latent.js'),
        import('../../engine/images/png.js'),
      ]);
      const r = interpolateLatent(full, opts);
      const { width, height } = r.pixels;
      const caption = `${r.steps} images between two noise vectors (${r.latentSize} values)`;
      const png = encodeBase64(encodePng(r.pixels));
      return {
        steps: r.steps,
        latentSize: r.latentSize,
        picture: { file: 'latent-interpolation.png', caption, width, height, png },
      };
    },
  };
}
