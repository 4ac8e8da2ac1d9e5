/**
 * A Rescaling by one number per channel right after a Normalization (Keras 2.10+ and Keras 3 EfficientNets
 * with ImageNet weights: Rescaling(1/255) -> Normalization -> Rescaling([1/sqrt(stddev) per channel])) is
 * folded into that Normalization, whose output it only rescales: (x - mean) / sqrt(variance) · s equals
 * (x - mean) / sqrt(variance / s²). Rescaling has no weights, so the count is unchanged; the import divides
 * the Normalization's variance by s² (`rescaled`), so a model with its weights predicts the same. Any other
 * per-channel Rescaling stays refused (DW303) by the layer reader.
 */
import type { RawLayer, TensorRef } from '../types.js';

/** A Normalization whose variance must be divided by `scale`² (per channel) to take in the folded Rescaling. */
export interface RescaledNormalization {
  layer: string;
  scale: number[];
}

const isChannelScale = (v: unknown): v is number[] =>
  Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'number' && Number.isFinite(x) && x !== 0);
const noOffset = (v: unknown) =>
  v === undefined || v === null || v === 0 || (Array.isArray(v) && v.every((x) => x === 0));

export function foldChannelRescaling(
  layers: RawLayer[],
  outputs: TensorRef[],
  warnings: string[],
): { layers: RawLayer[]; outputs: TensorRef[]; rescaled: RescaledNormalization[] } {
  const byName = new Map(layers.map((l) => [l.name, l]));
  const uses = new Map<string, number>();
  for (const l of layers) for (const r of l.inputs) uses.set(r.layer, (uses.get(r.layer) ?? 0) + 1);
  for (const r of outputs) uses.set(r.layer, (uses.get(r.layer) ?? 0) + 1);
  const folded = new Map<string, TensorRef>();
  const rescaled: RescaledNormalization[] = [];
  for (const l of layers) {
    const { scale, offset } = l.config;
    if (l.className !== 'Rescaling' || !isChannelScale(scale) || !noOffset(offset) || l.inputs.length !== 1) continue;
    const norm = byName.get(l.inputs[0].layer);
    if (norm?.className !== 'Normalization' || uses.get(norm.name) !== 1 || outputs.some((r) => r.layer === l.name))
      continue;
    folded.set(l.name, l.inputs[0]);
    rescaled.push({ layer: norm.name, scale });
    warnings.push(
      `'${l.name}' (Rescaling by [${scale.map((s) => +s.toPrecision(6)).join(', ')}], one number per channel) is ` +
        `folded into Normalization '${norm.name}': its variance is divided by the scale squared, the same ` +
        'function with the weights given; a Normalization adapted to new data does not keep the scale',
    );
  }
  if (folded.size === 0) return { layers, outputs, rescaled };
  const rewire = (refs: TensorRef[]) => refs.map((r) => folded.get(r.layer) ?? r);
  return {
    layers: layers.filter((l) => !folded.has(l.name)).map((l) => ({ ...l, inputs: rewire(l.inputs) })),
    outputs: rewire(outputs),
    rescaled,
  };
}
