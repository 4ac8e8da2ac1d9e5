/**
 * Inside a trained classifier (issue #15), for the studio: what `inspect.run`
 * returns. Pictures travel as PNG bytes (base64), a few kB each, ready for an
 * <img> element; the engine computes them (src/main/engine/inspect).
 */
import { z } from 'zod';

export const inspectLayerSchema = z.object({
  name: z.string(),
  /** The TF.js layer class, e.g. `Conv2D`. */
  className: z.string(),
  /** Output shape without the batch axis. */
  shape: z.array(z.number().int()),
  view: z.enum(['feature-maps', 'histogram']),
  /** The picture of this layer's output (a `pictures[].file`). */
  file: z.string(),
  /** Histograms: the value range on the x axis. */
  range: z.tuple([z.number(), z.number()]).optional(),
});

export const inspectPictureSchema = z.object({
  /** Relative name, e.g. `layers/01-conv2d.png`, `saliency.png`, `gradcam.png`, `embedding-pca.png`. */
  file: z.string(),
  caption: z.string(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  /** The PNG file's bytes, base64. */
  png: z.string(),
});

export const inspectResultSchema = z.object({
  sample: z.number().int().min(0),
  classes: z.array(z.string()),
  label: z.number().int(),
  predicted: z.number().int(),
  probabilities: z.array(z.number()),
  layers: z.array(inspectLayerSchema),
  pictures: z.array(inspectPictureSchema),
  /** What could not be drawn and why. */
  notes: z.array(z.string()),
});
export type InspectResult = z.infer<typeof inspectResultSchema>;
