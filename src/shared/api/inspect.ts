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

/**
 * An image file to inspect instead of a test sample (dropped on the studio's
 * Inside tab, or `deepwire inspect --image`): its bytes as sent, PNG or JPEG;
 * the engine decodes, resizes and scales it as the dataset pipeline does.
 */
export const MAX_INSPECT_IMAGE_BYTES = 16 * 2 ** 20;
export const inspectImageSchema = z.strictObject({
  /** The file's name, for captions and messages. */
  name: z.string().min(1).max(255),
  /** The file's bytes, base64 (padded). */
  data: z
    .string()
    .min(1, 'the image file is empty')
    .max(
      Math.ceil(MAX_INSPECT_IMAGE_BYTES / 3) * 4,
      `an image file may be at most ${MAX_INSPECT_IMAGE_BYTES / 2 ** 20} MiB`,
    )
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'the image data is not base64')
    .refine((s) => s.length % 4 === 0, 'the image data is not padded base64'),
});
export type InspectImage = z.infer<typeof inspectImageSchema>;

/** How the test set's penultimate-layer activations are projected to 2-D. */
export const EMBEDDING_METHODS = ['pca', 'umap'] as const;
export type EmbeddingMethod = (typeof EMBEDDING_METHODS)[number];

/** The test set at the layer before the output, in 2-D, for the studio's scatter plot. */
export const inspectEmbeddingSchema = z.object({
  method: z.enum(EMBEDDING_METHODS),
  layer: z.string(),
  /** Values per sample at that layer. */
  dimensions: z.number().int().positive(),
  /** One [x, y] per projected test sample (samples 0..n-1 of the test split). */
  points: z.array(z.tuple([z.number(), z.number()])),
  labels: z.array(z.number().int()),
  /** The samples' images tiled in one picture (a `pictures[].file`): sample i at column i % columns. */
  thumbnails: z.object({
    file: z.string(),
    tileWidth: z.number().int().positive(),
    tileHeight: z.number().int().positive(),
    columns: z.number().int().positive(),
  }),
  /** An inspected image file's own point, placed by the same projection (PCA only: UMAP has none to reuse). */
  inspected: z.tuple([z.number(), z.number()]).optional(),
});
export type InspectEmbedding = z.infer<typeof inspectEmbeddingSchema>;

/** A recurrent layer's output at every time step for the inspected sequence. */
export const hiddenStateSchema = z.object({
  layer: z.string(),
  /** The TF.js layer class: `SimpleRNN`, `LSTM` or `GRU`. */
  className: z.string(),
  steps: z.number().int().positive(),
  units: z.number().int().positive(),
  /** units × steps: values[u][t] is unit u after step t (the last column is the layer's usual output). */
  values: z.array(z.array(z.number())),
  /** Its heat map (a `pictures[].file`, `hidden-state-<layer>.png`). */
  file: z.string(),
});
export type HiddenState = z.infer<typeof hiddenStateSchema>;

/** A trained GAN's images between two noise vectors (`inspect.interpolate`). */
export const interpolationSchema = z.object({
  steps: z.number().int().positive(),
  /** Values in one noise vector. */
  latentSize: z.number().int().positive(),
  picture: inspectPictureSchema,
});
export type Interpolation = z.infer<typeof interpolationSchema>;

export const inspectResultSchema = z.object({
  /** The test sample inspected; null for an image file. */
  sample: z.number().int().min(0).nullable(),
  /** An image file inspected instead: its name and its size before it was resized to the model's input. */
  image: z.object({ name: z.string(), width: z.number().int(), height: z.number().int() }).optional(),
  classes: z.array(z.string()),
  /** The test sample's true class; null for an image file, which has none. */
  label: z.number().int().nullable(),
  predicted: z.number().int(),
  probabilities: z.array(z.number()),
  layers: z.array(inspectLayerSchema),
  pictures: z.array(inspectPictureSchema),
  embedding: inspectEmbeddingSchema.optional(),
  /** Recurrent models: each SimpleRNN / LSTM / GRU layer's hidden state over time. */
  hiddenStates: z.array(hiddenStateSchema).optional(),
  /** What could not be drawn and why. */
  notes: z.array(z.string()),
});
export type InspectResult = z.infer<typeof inspectResultSchema>;
