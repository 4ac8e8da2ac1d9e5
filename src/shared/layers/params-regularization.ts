/**
 * Parameter specs of the dropout, noise, augmentation, rescaling and normalization kinds (Dropout …
 * InstanceNormalization), spread into PARAM_SPECS in params.ts at their place in the palette order.
 */
import type { ParamSpec } from './types.js';

/** What RandomRotation, RandomTranslation and RandomZoom share: how the moved image is sampled (Keras's defaults). */
const imageWarp = [
  {
    name: 'fillMode',
    label: 'Fill mode',
    type: 'enum',
    choices: ['reflect', 'wrap', 'constant', 'nearest'],
    default: 'reflect',
    doc: 'How points outside the image are filled: mirrored at the edge, wrapped around, the fill value, or the nearest edge pixel.',
  },
  {
    name: 'interpolation',
    label: 'Interpolation',
    type: 'enum',
    choices: ['bilinear', 'nearest'],
    default: 'bilinear',
    doc: 'How values between pixels are read.',
  },
  {
    name: 'fillValue',
    label: 'Fill value',
    type: 'float',
    default: 0,
    min: -1e6,
    max: 1e6,
    doc: "The value outside the image when the fill mode is 'constant'.",
  },
] as const;

/** What the batch, layer and instance normalizations share: epsilon and the learned offset and scale (`per`: what each is learned for, '' or ' per channel'). */
const normAffine = (per: string) =>
  [
    {
      name: 'epsilon',
      label: 'Epsilon',
      type: 'float',
      default: 0.001,
      min: 0,
      max: 1,
      doc: 'Added to the variance to avoid division by zero.',
    },
    { name: 'center', label: 'Center (beta)', type: 'bool', default: true, doc: `Learn an offset beta${per}.` },
    { name: 'scale', label: 'Scale (gamma)', type: 'bool', default: true, doc: `Learn a scale gamma${per}.` },
  ] as const;

/** RandomTranslation's and RandomZoom's largest vertical change, from 0 to 1. */
const heightFactor = (doc: string) =>
  ({ name: 'heightFactor', label: 'Height factor', type: 'float', default: 0.1, min: 0, max: 1, doc }) as const;

/** The dropout kinds' drop rate, from 0 to 0.99. */
const dropRate = (def: number, doc: string) =>
  ({ name: 'rate', label: 'Rate', type: 'float', default: def, min: 0, max: 0.99, doc }) as const;

export const REGULARIZATION_PARAMS = {
  Dropout: [dropRate(0.5, 'Fraction of units dropped while training.')],
  GaussianNoise: [
    {
      name: 'stddev',
      label: 'Std. deviation',
      type: 'float',
      default: 0.1,
      min: 0,
      max: 10,
      doc: 'Standard deviation of the zero-mean noise added while training.',
    },
  ],
  GaussianDropout: [
    dropRate(
      0.1,
      'Drop probability p: values are multiplied by 1-centred noise of variance p / (1 − p) while training.',
    ),
  ],
  SpatialDropout1D: [
    dropRate(0.2, 'Fraction of feature channels dropped (whole channels, every time step) while training.'),
  ],
  SpatialDropout2D: [dropRate(0.2, 'Fraction of channels dropped (whole feature maps) while training.')],
  Rescaling: [
    {
      name: 'scale',
      label: 'Scale',
      type: 'float',
      default: 0.00392156862745098,
      min: -1e6,
      max: 1e6,
      doc: 'Multiplies every value (1/255 maps bytes to [0, 1]).',
    },
    { name: 'offset', label: 'Offset', type: 'float', default: 0, min: -1e6, max: 1e6, doc: 'Added after scaling.' },
  ],
  RandomFlip: [
    {
      name: 'mode',
      label: 'Mode',
      type: 'enum',
      choices: ['horizontal_and_vertical', 'horizontal', 'vertical'],
      default: 'horizontal_and_vertical',
      doc: 'Which flips are drawn while training: left-right, top-bottom, or each independently (each with probability 1/2).',
    },
  ],
  RandomRotation: [
    {
      name: 'factor',
      label: 'Factor',
      type: 'float',
      default: 0.1,
      min: 0,
      max: 1,
      doc: 'Largest rotation as a fraction of a full turn: angles are drawn uniformly from ±factor·2π while training.',
    },
    ...imageWarp,
  ],
  RandomTranslation: [
    heightFactor('Largest vertical shift as a fraction of the height (drawn uniformly from ±factor while training).'),
    {
      name: 'widthFactor',
      label: 'Width factor',
      type: 'float',
      default: 0.1,
      min: 0,
      max: 1,
      doc: 'Largest horizontal shift as a fraction of the width (drawn uniformly from ±factor while training).',
    },
    ...imageWarp,
  ],
  RandomZoom: [
    heightFactor(
      'Largest vertical zoom: the scale 1 + z is drawn with z uniform in ±factor while training (positive z zooms out).',
    ),
    {
      name: 'widthFactor',
      label: 'Width factor',
      type: 'float',
      default: -1,
      min: -1,
      max: 1,
      doc: "Largest horizontal zoom, as the height factor; −1: the height's draw, keeping the aspect ratio (Keras's None).",
    },
    ...imageWarp,
  ],
  Normalization: [
    {
      name: 'axis',
      label: 'Axis',
      type: 'int',
      default: -1,
      min: -1,
      max: -1,
      doc: 'The axis with one mean and variance per entry (the last: features or channels), as Keras counts it.',
    },
  ],
  BatchNormalization: [
    {
      name: 'momentum',
      label: 'Momentum',
      type: 'float',
      default: 0.99,
      min: 0,
      max: 1,
      doc: 'Momentum of the moving mean and variance.',
    },
    ...normAffine(''),
  ],
  LayerNormalization: [...normAffine('')],
  InstanceNormalization: [...normAffine(' per channel')],
} as const satisfies Record<string, readonly ParamSpec[]>;
