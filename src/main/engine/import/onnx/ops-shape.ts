/**
 * Flatten, Reshape, Transpose, Squeeze and the identities. A Transpose
 * creates no layer: it changes how the ONNX value lines up with Deepwire's
 * tensor (values.ts). Flattening an NCHW map keeps ONNX's C,H,W order in
 * mind so the Dense that follows gets its rows reordered.
 */
import { Attrs, tensorValues } from './decode.js';
import type { OpContext } from './context.js';
import { identity, isIdentity, NCHW, permute, samePerm, type TensorValue, type Value } from './values.js';

export const readIdentity = (c: OpContext): Value[] => [c.value(0)!];

/** Dropout at inference is the identity (its mask output is not read). */
export const readDropout = (c: OpContext): Value[] => [c.value(0)!];

export function readConstant(c: OpContext): Value[] {
  const attrs = new Attrs(c.node);
  const t = attrs.tensor('value');
  if (t) return [{ kind: 'const', ...tensorValues(t, c.label) }];
  const f = attrs.floats('value_floats') ?? (attrs.has('value_float') ? [attrs.float('value_float', 0)] : undefined);
  const i = attrs.ints('value_ints') ?? (attrs.has('value_int') ? [attrs.int('value_int', 0)] : undefined);
  const values = f ?? i;
  if (!values) throw c.fail('holds no tensor, float or int value');
  const dims = attrs.has('value_float') || attrs.has('value_int') ? [] : [values.length];
  return [{ kind: 'const', dims, values: Float32Array.from(values) }];
}

/** A rank-2 [N, features] view of `x`: the pooled vector itself, a Flatten layer, or nothing to do. */
function flatten(c: OpContext, x: TensorValue): TensorValue {
  if (x.pooled) return { kind: 'tensor', node: x.node, shape: x.shape, perm: [0, 1] };
  if (x.shape.length === 1 && !x.chw) return x;
  const size = x.shape.reduce((a, b) => a * b, 1);
  if (isIdentity(x.perm) && !x.chw) return c.g.add('Flatten', {}, [x], [size]);
  if (samePerm(x.perm, NCHW)) {
    const [h, w, ch] = x.shape;
    return { ...c.g.add('Flatten', {}, [x], [size]), chw: [ch, h, w] };
  }
  throw c.fail(`flattens a tensor laid out [${x.perm.join(', ')}]; Deepwire flattens NHWC or NCHW images`);
}

export function readFlatten(c: OpContext): Value[] {
  const x = c.tensor(0);
  if (c.attrs.int('axis', 1) !== 1) throw c.fail('flattens from an axis other than 1; Keras keeps the batch alone');
  return [flatten(c, x)];
}

/** The ONNX dims of `x` (batch 1). */
function onnxDims(x: TensorValue): number[] {
  if (x.pooled) return [1, x.shape[0], 1, 1];
  const dw = [1, ...x.shape];
  return x.perm.map((p) => dw[p]);
}

export function readReshape(c: OpContext): Value[] {
  const x = c.tensor(0);
  const target = [...c.constant(1, 'the target shape').values];
  const dims = onnxDims(x);
  const size = dims.slice(1).reduce((a, b) => a * b, 1);
  // The first axis is the batch, whatever the file spells there (0, -1, or the size it was traced with).
  const rest = target.slice(1).map((d, i) => (d === 0 && !c.attrs.int('allowzero', 0) ? dims[i + 1] : d));
  const known = rest.filter((d) => d !== -1).reduce((a, b) => a * b, 1);
  const resolved = rest.map((d) => (d === -1 ? size / known : d));
  if (resolved.some((d) => !Number.isInteger(d) || d < 1) || resolved.reduce((a, b) => a * b, 1) !== size)
    throw c.fail(`reshapes ${size} values per sample to [${rest.join(', ')}]; the batch must stay the first axis`);
  if (resolved.length === 1) return [flatten(c, x)];
  if (x.chw || x.pooled || !isIdentity(x.perm))
    throw c.fail(
      `reshapes a tensor laid out [${x.perm.join(', ')}] to [${resolved.join(', ')}]; ` +
        'Deepwire reshapes in NHWC order (an NCHW reshape needs a Transpose to NHWC, as Deepwire writes it)',
    );
  if (resolved.join() === x.shape.join()) return [x];
  return [c.g.add('Reshape', { targetShape: resolved }, [x], resolved)];
}

export function readTranspose(c: OpContext): Value[] {
  const v = c.value(0)!;
  if (v.kind === 'recurrent') throw c.fail('reorders a recurrent output before squeezing it');
  const rank = v.kind === 'const' ? v.dims.length : v.perm.length;
  const perm = c.ints('perm', identity(rank).reverse());
  if (v.kind === 'const')
    return [{ kind: 'const', dims: perm.map((p) => v.dims[p]), values: permute(v.values, v.dims, perm) }];
  if (v.chw || v.pooled) throw c.fail('reorders a flattened or pooled map; Deepwire cannot follow that layout');
  return [{ ...v, perm: perm.map((p) => v.perm[p]) }];
}

/** Squeeze: picks a recurrent op's output, or drops a global pooling's 1 × 1. */
export function readSqueeze(c: OpContext): Value[] {
  const v = c.value(0)!;
  const axes = c.opset >= 13 ? [...(c.optionalConstant(1, 'the axes')?.values ?? [])] : c.ints('axes', []);
  const key = axes.join();
  if (v.kind === 'recurrent' && v.output === 'Y_h' && key === '0') return [v.build(false)];
  if (v.kind === 'recurrent' && v.output === 'Y' && key === '1') return [v.build(true)];
  if (v.kind === 'tensor' && v.pooled && (key === '2,3' || key === '3,2' || key === '-2,-1')) return [flatten(c, v)];
  throw c.fail(`squeezes axes [${axes.join(', ')}] of a value Deepwire cannot squeeze there`);
}
