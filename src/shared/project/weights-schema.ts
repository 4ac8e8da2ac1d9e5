/**
 * Trained weights inside a project file: one self-contained blob, so a
 * project never loses its weights when it is moved, mailed or versioned.
 *
 * The tensors are named as TF.js names layer weights when it saves a model
 * (`LayerVariable.originalName`, e.g. `conv2d/kernel`, `dense_1/bias`,
 * `lstm/recurrent_kernel`), in the order of `specs`; the bytes of all of them
 * are concatenated (float32, little-endian) and base64-encoded into `data`.
 * `graphRevision` ties the weights to the graph they were trained for.
 */
import { z } from 'zod';

export const WEIGHTS_FORMAT = 'tfjs-layers-weights';
export const WEIGHTS_ENCODING = 'base64-float32-le';

export const weightSpecSchema = z.strictObject({
  /** TF.js weight name: `<layer name>/<weight>`. */
  name: z
    .string()
    .min(1)
    .regex(/^[^/\s]+(\/[^/\s]+)+$/, 'expected "<layer name>/<weight name>", e.g. "dense/kernel"'),
  /** Dimensions of the tensor (a scalar is []). */
  shape: z.array(z.number().int().min(0)),
  dtype: z.literal('float32'),
});
export type WeightSpec = z.infer<typeof weightSpecSchema>;

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export const weightsSchema = z.strictObject({
  format: z.literal(WEIGHTS_FORMAT),
  encoding: z.literal(WEIGHTS_ENCODING),
  /** `graphRevision(graph)` of the graph the weights were trained for (see revision.ts). */
  graphRevision: z.string().regex(/^sha256:[0-9a-f]{64}$/, 'expected "sha256:" and 64 hex digits'),
  specs: z.array(weightSpecSchema),
  /** Number of raw bytes before base64: 4 × the total element count of `specs`. */
  byteLength: z.number().int().min(0),
  /** CRC-32 (IEEE, as in zip/PNG) of the raw bytes, 8 lowercase hex digits. */
  crc32: z.string().regex(/^[0-9a-f]{8}$/, 'expected 8 lowercase hex digits'),
  /** The raw bytes, base64 (RFC 4648, with padding, no line breaks). */
  data: z
    .string()
    .refine((s) => s.length % 4 === 0 && BASE64.test(s), 'expected base64 text (A–Z a–z 0–9 + /, padded with =)'),
});
export type WeightsBlob = z.infer<typeof weightsSchema>;
