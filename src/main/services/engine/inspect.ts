/**
 * Inside a trained network, for the engine worker (the same inspector as
 * `deepwire inspect`): layer outputs, saliency, Grad-CAM and an embedding of
 * a classifier's test set, and a GAN's latent interpolation, with their
 * pictures as PNG.
 */
import type { ParsedEnginePayload } from '../../../shared/api/engine.js';
import type { InspectResult, Interpolation } from '../../../shared/api/inspect.js';
import { DeepwireError } from '../../../shared/errors.js';
import { decodeBase64, encodeBase64 } from '../../../shared/project/base64.js';
import { normalizeProject } from '../../../shared/project/index.js';
import type { Pixels } from '../../../shared/training/protocol.js';
import { encodePng } from '../../engine/images/png.js';
import { inspectNetwork, type InspectSubject } from '../../engine/inspect/index.js';
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

/** A test sample, or an image file's bytes as the page sent them (base64; decoded here, in the engine). */
function subjectOf(subject: ParsedEnginePayload<'inspect.run'>['subject']): InspectSubject {
  if ('sample' in subject) return { sample: subject.sample };
  const { name, data } = subject.image;
  const bytes = decodeBase64(data);
  if (!bytes) throw new DeepwireError('DW402', `${name} did not arrive as base64 bytes`, name);
  return { image: { name, bytes } };
}

export async function inspectProject(p: ParsedEnginePayload<'inspect.run'>): Promise<InspectResult> {
  // The full project check (DW203) before any model is built.
  const full = normalizeProject(withEnvelope(p.project));
  const r = await inspectNetwork(full, {
    ...subjectOf(p.subject),
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
