/**
 * Small helpers shared by the layer specs: shape formatting, results, and
 * the convolution length rules (the same arithmetic TF.js and Keras use).
 */
import type { ErrorCode } from '../../errors.js';
import { PARAM_SPECS, type LayerKind, type ParamsOf } from '../params.js';
import type { LayerSpec, ParamCount, ParamSpec, Shape, ShapeResult } from '../types.js';

/** `(null, 26, 26, 32)` — Keras's way of printing a shape. */
export function formatShape(shape: Shape): string {
  const dims = shape.map((d) => (d === null ? 'None' : String(d)));
  return `(${dims.join(', ')}${dims.length === 1 ? ',' : ''})`;
}

export const ok = (shape: Shape): ShapeResult => ({ ok: true, shape });
export const fail = (code: ErrorCode, message: string): ShapeResult => ({ ok: false, code, message });

export const NO_PARAMS: ParamCount = { trainable: 0, nonTrainable: 0 };
export const trainable = (n: number): ParamCount => ({ trainable: n, nonTrainable: 0 });

/** Product of the known dims (unknown dims count as 1, so callers check first). */
export function product(dims: readonly (number | null)[]): number {
  let p = 1;
  for (const d of dims) p *= d ?? 1;
  return p;
}

/** Number of values per sample: product of every dim after the batch. */
export function perSample(shape: Shape): number {
  return product(shape.slice(1));
}

/** Last (feature / channel) dimension; 0 when unknown so counts stay finite. */
export function lastDim(shape: Shape): number {
  return shape[shape.length - 1] ?? 0;
}

export function sameShape(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** A rank check: `null` when the input's rank is one of `ranks`, else a DW104 result. */
export function expectRank(input: Shape, ranks: readonly number[], what: string): ShapeResult | null {
  if (ranks.includes(input.length)) return null;
  const want = ranks.map((r) => `${r}-D`).join(' or ');
  return fail('DW104', `expects a ${want} input (${what}), got ${input.length}-D ${formatShape(input)}`);
}

/** Output length of a convolution or pooling window along one axis (TF.js convOutputLength). */
export function convLength(
  input: number | null,
  kernel: number,
  padding: 'valid' | 'same',
  stride: number,
  dilation = 1,
): number | null {
  if (input === null) return null;
  const span = kernel + (kernel - 1) * (dilation - 1);
  const out = padding === 'same' ? input : input - span + 1;
  return Math.floor((out + stride - 1) / stride);
}

/** Output length of a transposed convolution along one axis (TF.js deconvLength). */
export function deconvLength(
  input: number | null,
  kernel: number,
  padding: 'valid' | 'same',
  stride: number,
): number | null {
  if (input === null) return null;
  return padding === 'valid' ? input * stride + Math.max(kernel - stride, 0) : input * stride;
}

/**
 * The spatial output of a window layer over an NHWC input, or a DW106 result
 * naming the axis that shrank to nothing.
 */
export function windowOutput(
  input: Shape,
  channels: number | null,
  kernel: readonly number[],
  strides: readonly number[],
  padding: 'valid' | 'same',
  dilation: readonly number[] = [1, 1],
  what = 'window',
): ShapeResult {
  const h = convLength(input[1], kernel[0], padding, strides[0], dilation[0]);
  const w = convLength(input[2], kernel[1], padding, strides[1], dilation[1]);
  if ((h !== null && h <= 0) || (w !== null && w <= 0)) {
    const span = kernel.map((k, i) => k + (k - 1) * (dilation[i] - 1));
    return fail(
      'DW106',
      `shrinks its ${formatShape(input)} input to ${h}×${w}: the ${span.join('×')} ${what} with padding '${padding}' does not fit`,
    );
  }
  return ok([input[0], h, w, channels]);
}

/** The shape, weight and FLOP rules in words, for the layer reference (docs/layers.md). */
export interface LayerRules {
  readonly shape: string;
  readonly params: string;
  readonly flops: string;
}

/** A catalog entry: the layer spec plus its rules in words and a typical input for the worked example. */
export type CatalogSpec<K extends LayerKind> = LayerSpec<K, ParamsOf<K>> & {
  readonly rules: LayerRules;
  /** Input shapes (batch first) of the example under the layer in docs/layers.md; `[]` for sources. */
  readonly example: readonly Shape[];
};

/** Builds a spec whose params are exactly the kind's `PARAM_SPECS` entry (one source of truth). */
export function defineSpec<K extends LayerKind>(spec: Omit<CatalogSpec<K>, 'params'>): CatalogSpec<K> {
  return { ...spec, params: PARAM_SPECS[spec.kind] as readonly ParamSpec[] } as CatalogSpec<K>;
}

/** Images are (batch, height, width, channels) with a known channel count. */
export function expectImage(x: Shape): ShapeResult | null {
  const bad = expectRank(x, [4], 'an image: height × width × channels');
  if (bad) return bad;
  if (x[3] === null) return fail('DW104', `needs a known channel count, got ${formatShape(x)}`);
  return null;
}

/** Sequences are (batch, time, features) with a known feature count. */
export function expectSequence(x: Shape): ShapeResult | null {
  const bad = expectRank(x, [3], 'a sequence: time steps × features');
  if (bad) return bad;
  if (x[2] === null) return fail('DW104', `needs a known feature count, got ${formatShape(x)}`);
  return null;
}

/** The output of a window layer along the time axis of a (batch, time, features) input, or DW106. */
export function windowOutput1D(
  input: Shape,
  features: number | null,
  kernel: number,
  stride: number,
  padding: 'valid' | 'same',
  dilation = 1,
  what = 'window',
): ShapeResult {
  const t = convLength(input[1], kernel, padding, stride, dilation);
  if (t !== null && t <= 0) {
    const span = kernel + (kernel - 1) * (dilation - 1);
    return fail(
      'DW106',
      `shrinks its ${formatShape(input)} input to ${t} steps: the ${span}-step ${what} with padding '${padding}' does not fit`,
    );
  }
  return ok([input[0], t, features]);
}
