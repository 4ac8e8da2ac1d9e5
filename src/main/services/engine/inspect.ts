/**
 * Inside a trained network, for the engine worker (the same inspector as
 * `deepwire inspect`): layer outputs, saliency, Grad-CAM and an embedding of
 * a classifier's test set, and a GAN's latent interpolation, with their
 * pictures as PNG.
 */
import type { ParsedEnginePayload } from '../../../shared/api/engine.js';
import type { InspectResult, Interpolation } from '../../../shared/api/inspect.js';
import { encodeBase64 } from '../../../shared/project/base64.js';
import { normalizeProject } from '../../../shared/project/index.js';
import type { Pixels } from '../../../shared/training/protocol.js';
import { encodePng } from '../../engine/images/png.js';
import { inspectNetwork } from '../../engine/inspect/index.js';
import { interpolateLatent } from '../../engine/inspect/latent.js';
import { withEnvelope } from '../studio/project-port.js';

/** The embedding's pictures are the same objects from request to request: encoded once. */
const encoded = new WeakMap<Pixels, string>();

function pngOf(pixels: Pixels): string {
  const known = encoded.get(pixels);
  if (known !== undefined) return known;
  const png = encodeBase64(encodePng(pixels));
  encoded.set(pixels, png);
  return png;
}

export async function inspectProject(p: ParsedEnginePayload<'inspect.run'>): Promise<InspectResult> {
  // The full project check (DW203) before any model is built.
  const full = normalizeProject(withEnvelope(p.project));
  const r = await inspectNetwork(full, {
    sample: p.sample,
    embeddingSamples: p.embedding.samples,
    embeddingMethod: p.embedding.method,
    ...(p.cacheDir ? { cacheDir: p.cacheDir } : {}),
  });
  const pictures = r.pictures.map((picture) => ({
    file: picture.file,
    caption: picture.caption,
    width: picture.pixels.width,
    height: picture.pixels.height,
    png: pngOf(picture.pixels),
  }));
  return { ...r, pictures };
}

export function interpolateProject(p: ParsedEnginePayload<'inspect.interpolate'>): Interpolation {
  const full = normalizeProject(withEnvelope(p.project));
  const r = interpolateLatent(full, {
    steps: p.steps,
    label: p.label,
    ...(p.seed === undefined ? {} : { seed: p.seed }),
  });
  const { width, height } = r.pixels;
  const caption = `${r.steps} images between two noise vectors (${r.latentSize} values)`;
  return {
    steps: r.steps,
    latentSize: r.latentSize,
    picture: { file: 'latent-interpolation.png', caption, width, height, png: encodeBase64(encodePng(r.pixels)) },
  };
}
