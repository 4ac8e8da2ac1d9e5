/**
 * Convolutions, poolings, resizing and padding of NCHW images. ONNX pads are
 * explicit ([top, left, bottom, right]); Keras has 'valid' and 'same' (odd
 * element after), so other pads become a ZeroPadding2D in front where that
 * computes the same (a convolution, an average counting the pads).
 */
import { convLength, deconvLength } from '../../../../shared/layers/index.js';
import { transposePads, windowPads } from '../../export/padding.js';
import type { OpContext } from './context.js';
import { NCHW, permute, type TensorValue, type Value } from './values.js';

type Padding = 'valid' | 'same';
type Window = { padding: Padding } | { explicit: [number, number, number, number] };

function windowOf(c: OpContext, x: TensorValue, kernel: number[], strides: number[], dilations: number[]): Window {
  const auto = c.attrs.string('auto_pad', 'NOTSET');
  if (auto === 'VALID') return { padding: 'valid' };
  if (auto === 'SAME_UPPER') return { padding: 'same' };
  if (auto !== 'NOTSET') throw c.fail(`uses auto_pad ${auto}; Deepwire pads like TF (SAME_UPPER)`);
  const pads = c.ints('pads', [0, 0, 0, 0]);
  if (pads.length !== 4) throw c.fail(`has ${pads.length} pads; Deepwire reads 2-D windows`);
  if (pads.every((p) => p === 0)) return { padding: 'valid' };
  const h = windowPads('same', x.shape[0], kernel[0], strides[0], dilations[0]);
  const w = windowPads('same', x.shape[1], kernel[1], strides[1], dilations[1]);
  const same = [h.before, w.before, h.after, w.after];
  if (pads.every((p, i) => p === same[i])) return { padding: 'same' };
  return { explicit: pads as [number, number, number, number] };
}

/** A ZeroPadding2D in front of the window layer, which then pads 'valid'. */
function zeroPad(c: OpContext, x: TensorValue, [t, l, b, r]: number[]): TensorValue {
  const [h, w, ch] = x.shape;
  return c.g.add('ZeroPadding2D', { padding: [t, b, l, r] }, [x], [h + t + b, w + l + r, ch], NCHW);
}

function windowAttrs(c: OpContext, kernelDims?: number[]) {
  const kernel = c.ints('kernel_shape', kernelDims ?? []);
  if (kernel.length !== 2) throw c.fail(`has a ${kernel.length}-D window; Deepwire reads 2-D images here`);
  return { kernel, strides: c.ints('strides', [1, 1]), dilations: c.ints('dilations', [1, 1]) };
}

function spatial(x: TensorValue, kernel: number[], padding: Padding, strides: number[], dilations = [1, 1]): number[] {
  return [0, 1].map((i) => convLength(x.shape[i], kernel[i], padding, strides[i], dilations[i])!);
}

export function readConv(c: OpContext): Value[] {
  let x = c.tensor(0);
  c.requireLayout(x, NCHW, 'an NCHW image');
  const w = c.constant(1, 'the kernel');
  const bias = c.optionalConstant(2, 'the bias');
  if (w.dims.length !== 4) throw c.fail(`has a ${w.dims.length}-D kernel; Deepwire reads 2-D convolutions`);
  const [out, inPerGroup, kh, kw] = w.dims;
  const { kernel, strides, dilations } = windowAttrs(c, [kh, kw]);
  const group = c.attrs.int('group', 1);
  let win = windowOf(c, x, kernel, strides, dilations);
  if ('explicit' in win) {
    x = zeroPad(c, x, win.explicit);
    win = { padding: 'valid' };
  }
  const [h, wd] = spatial(x, kernel, win.padding, strides, dilations);
  const common = { kernelSize: kernel, strides, padding: win.padding, activation: 'linear', useBias: !!bias } as const;
  let y: TensorValue;
  if (group === 1) {
    y = c.g.add('Conv2D', { ...common, filters: out, dilationRate: dilations }, [x], [h, wd, out], NCHW);
    c.g.weight(y.node, 'kernel', [kh, kw, inPerGroup, out], permute(w.values, w.dims, [2, 3, 1, 0]));
  } else if (group === x.shape[2] && inPerGroup === 1 && dilations.every((d) => d === 1)) {
    const m = out / group;
    y = c.g.add('DepthwiseConv2D', { ...common, depthMultiplier: m }, [x], [h, wd, out], NCHW);
    c.g.weight(y.node, 'depthwise_kernel', [kh, kw, group, m], permute(w.values, [group, m, kh, kw], [2, 3, 0, 1]));
  } else {
    throw c.fail(`is a grouped convolution (group ${group}); Deepwire reads group 1 and depthwise (group = channels)`);
  }
  if (bias) c.g.weight(y.node, 'bias', [out], bias.values);
  return [y];
}

export function readConvTranspose(c: OpContext): Value[] {
  const x = c.tensor(0);
  c.requireLayout(x, NCHW, 'an NCHW image');
  const w = c.constant(1, 'the kernel');
  const bias = c.optionalConstant(2, 'the bias');
  if (w.dims.length !== 4) throw c.fail(`has a ${w.dims.length}-D kernel; Deepwire reads 2-D transposed convolutions`);
  const [inCh, out, kh, kw] = w.dims;
  const { kernel, strides, dilations } = windowAttrs(c, [kh, kw]);
  if (c.attrs.int('group', 1) !== 1 || dilations.some((d) => d !== 1) || c.attrs.has('output_shape'))
    throw c.fail('uses group, dilations or output_shape, which Conv2DTranspose does not have');
  const pads = c.ints('pads', [0, 0, 0, 0]);
  const extra = c.ints('output_padding', [0, 0]);
  const padding = (['same', 'valid'] as const).find((p) => {
    const [h, wd] = [0, 1].map((i) => transposePads(p, kernel[i], strides[i]));
    return (
      [h.before, wd.before, h.after, wd.after].every((v, i) => v === pads[i]) &&
      extra[0] === h.outputPadding &&
      extra[1] === wd.outputPadding
    );
  });
  if (!padding)
    throw c.fail(
      `pads [${pads.join(', ')}] with output_padding [${extra.join(', ')}] match neither Keras 'same' nor 'valid'`,
    );
  const shape = [...[0, 1].map((i) => deconvLength(x.shape[i], kernel[i], padding, strides[i])!), out];
  const y = c.g.add(
    'Conv2DTranspose',
    { filters: out, kernelSize: kernel, strides, padding, activation: 'linear', useBias: !!bias },
    [x],
    shape,
    NCHW,
  );
  c.g.weight(y.node, 'kernel', [kh, kw, out, inCh], permute(w.values, w.dims, [2, 3, 1, 0]));
  if (bias) c.g.weight(y.node, 'bias', [out], bias.values);
  return [y];
}

function poolOutputChecked(c: OpContext, x: TensorValue, kernel: number[], strides: number[], pads: number[]) {
  if (c.attrs.int('ceil_mode', 0) === 0) return;
  // ceil_mode only matters when the last window would start inside the padded input.
  const differs = [0, 1].some((i) => (x.shape[i] + pads[i] + pads[i + 2] - kernel[i]) % strides[i] !== 0);
  if (differs) throw c.fail('uses ceil_mode 1 where it changes the output size; Keras rounds down');
}

export function readPool(c: OpContext): Value[] {
  let x = c.tensor(0);
  c.requireLayout(x, NCHW, 'an NCHW image');
  const { kernel, strides, dilations } = windowAttrs(c);
  if (dilations.some((d) => d !== 1)) throw c.fail('uses dilations; Keras pools have none');
  poolOutputChecked(c, x, kernel, strides, c.ints('pads', [0, 0, 0, 0]));
  const average = c.node.op_type === 'AveragePool';
  let win = windowOf(c, x, kernel, strides, dilations);
  const countPads = c.attrs.int('count_include_pad', 0) === 1;
  if ('explicit' in win || (average && countPads && win.padding === 'same')) {
    // Zeros in front are exact only for an average that counts them.
    if (!average || !countPads)
      throw c.fail(`pads [${c.ints('pads', []).join(', ')}] are not Keras 'same'; a max pool cannot take zero padding`);
    x = zeroPad(c, x, 'explicit' in win ? win.explicit : c.ints('pads', [0, 0, 0, 0]));
    win = { padding: 'valid' };
  }
  const [h, w] = spatial(x, kernel, win.padding, strides);
  const kind = average ? 'AveragePooling2D' : 'MaxPooling2D';
  return [c.g.add(kind, { poolSize: kernel, strides, padding: win.padding }, [x], [h, w, x.shape[2]], NCHW)];
}

export function readGlobalPool(c: OpContext): Value[] {
  const x = c.tensor(0);
  c.requireLayout(x, NCHW, 'an NCHW image');
  const kind = c.node.op_type === 'GlobalAveragePool' ? 'GlobalAveragePooling2D' : 'GlobalMaxPooling2D';
  return [{ ...c.g.add(kind, {}, [x], [x.shape[2]], [0, 1]), pooled: true }];
}

/** Resize (and the old Upsample) by whole factors, as TF.js upsamples: asymmetric coordinates. */
export function readResize(c: OpContext): Value[] {
  const x = c.tensor(0);
  c.requireLayout(x, NCHW, 'an NCHW image');
  const upsample = c.node.op_type === 'Upsample';
  const scalesIn = c.optionalConstant(upsample ? 1 : 2, 'the scales');
  const sizes = upsample ? undefined : c.optionalConstant(3, 'the sizes');
  let scales = scalesIn && scalesIn.values.length === 4 ? [...scalesIn.values] : undefined;
  if (!scales && sizes?.values.length === 4) {
    const onnxDims = [1, x.shape[2], x.shape[0], x.shape[1]];
    scales = [...sizes.values].map((s, i) => s / onnxDims[i]);
  }
  if (!scales) throw c.fail('has neither 4 scales nor 4 sizes');
  const [sn, sc, sh, sw] = scales;
  if (sn !== 1 || sc !== 1 || !Number.isInteger(sh) || !Number.isInteger(sw) || sh < 1 || sw < 1)
    throw c.fail(`scales by [${scales.join(', ')}]; UpSampling2D repeats rows and columns by whole factors`);
  const mode = c.attrs.string('mode', 'nearest');
  const coords = upsample ? 'asymmetric' : c.attrs.string('coordinate_transformation_mode', 'half_pixel');
  const nearestMode = c.attrs.string('nearest_mode', 'round_prefer_floor');
  const nearest = mode === 'nearest' && (upsample || nearestMode === 'floor' || (sh === 1 && sw === 1));
  const ok = coords === 'asymmetric' && (nearest || mode === 'linear');
  if (!ok)
    throw c.fail(
      `resizes in mode ${mode} with ${coords} coordinates${mode === 'nearest' ? ` (${nearestMode})` : ''}; ` +
        "Deepwire's UpSampling2D is nearest (floor) or linear, with asymmetric coordinates",
    );
  const shape = [x.shape[0] * sh, x.shape[1] * sw, x.shape[2]];
  const interpolation = nearest ? 'nearest' : 'bilinear';
  return [c.g.add('UpSampling2D', { size: [sh, sw], interpolation }, [x], shape, NCHW)];
}

export function readPad(c: OpContext): Value[] {
  const x = c.tensor(0);
  c.requireLayout(x, NCHW, 'an NCHW image');
  const pads = c.opset >= 11 ? [...c.constant(1, 'the pads').values] : c.ints('pads', []);
  const value = c.optionalConstant(2, 'the pad value')?.values[0] ?? 0;
  const mode = c.attrs.string('mode', 'constant');
  if (pads.length !== 8 || pads[0] || pads[1] || pads[4] || pads[5] || pads.some((p) => p < 0))
    throw c.fail(`pads [${pads.join(', ')}]; Deepwire pads the height and width of an image, by whole rows`);
  const [t, l, b, r] = [pads[2], pads[3], pads[6], pads[7]];
  // PyTorch writes a Pad of zeros in front of every AvgPool2d: nothing to pad.
  if (t + l + b + r === 0) return [x];
  const shape = [x.shape[0] + t + b, x.shape[1] + l + r, x.shape[2]];
  if (mode === 'constant' && value === 0)
    return [c.g.add('ZeroPadding2D', { padding: [t, b, l, r] }, [x], shape, NCHW)];
  if (mode === 'reflect') return [c.g.add('ReflectionPadding2D', { padding: [t, b, l, r] }, [x], shape, NCHW)];
  throw c.fail(
    `pads in mode ${mode}${mode === 'constant' ? ` with ${value}` : ''}; Deepwire pads with zeros or reflects`,
  );
}
