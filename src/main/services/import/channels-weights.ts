/**
 * Trained weights of a channels_first model, put in the order its NHWC reading expects: the units a Dense
 * writes into a Reshape to [C, H, W] (and the BatchNormalization vectors between) go from C,H,W to H,W,C.
 * Convolution kernels need nothing: Keras stores them the same in both data formats. Also the variance of a
 * Normalization that took in a per-channel Rescaling.
 */
import type { KerasImport } from '../../../shared/keras/index.js';
import type { NamedTensor } from '../../../shared/project/index.js';

/** `values` with its last axis, a [C, H, W] map in C,H,W order, put in H,W,C order. */
function chwToHwc(values: Float32Array, map: readonly number[]): Float32Array {
  const [c, h, w] = map;
  const units = c * h * w;
  const rows = values.length / units;
  const out = new Float32Array(values.length);
  for (let r = 0; r < rows; r++)
    for (let ci = 0; ci < c; ci++)
      for (let hi = 0; hi < h; hi++)
        for (let wi = 0; wi < w; wi++)
          out[r * units + (hi * w + wi) * c + ci] = values[r * units + (ci * h + hi) * w + wi];
  return out;
}

/** The tensors with every reordered layer's per-unit weights in H,W,C order; the others as they are. */
export function reorderChannelsFirst(tensors: NamedTensor[], reordered: KerasImport['reordered']): NamedTensor[] {
  if (reordered.length === 0) return tensors;
  return tensors.map((t) => {
    const layer = t.name.split('/')[0];
    const group = reordered.find((g) => g.layers.includes(layer));
    const units = group ? group.shape.reduce((a, b) => a * b, 1) : 0;
    if (!group || t.shape[t.shape.length - 1] !== units) return t;
    return { ...t, values: chwToHwc(t.values, group.shape) };
  });
}

/**
 * The tensors with each folded per-channel Rescaling taken into its Normalization (read/rescale.ts): the
 * Normalization's variance divided by the scale squared, channel by channel.
 */
export function foldRescaledVariance(tensors: NamedTensor[], rescaled: KerasImport['rescaled']): NamedTensor[] {
  if (rescaled.length === 0) return tensors;
  return tensors.map((t) => {
    const parts = t.name.split('/');
    const fold = parts.at(-1) === 'variance' ? rescaled.find((r) => parts.includes(r.layer)) : undefined;
    if (!fold || t.values.length !== fold.scale.length) return t;
    return { ...t, values: t.values.map((v, i) => v / (fold.scale[i] * fold.scale[i])) };
  });
}

/** Every change the reading asks of the file's weights (channels_first order, folded Rescalings). */
export const adaptWeights = (tensors: NamedTensor[], imported: KerasImport): NamedTensor[] =>
  foldRescaledVariance(reorderChannelsFirst(tensors, imported.reordered), imported.rescaled);
