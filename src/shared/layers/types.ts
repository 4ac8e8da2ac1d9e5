import type { ErrorCode } from '../errors.js';

/**
 * The shape of a layer spec. Layers are data: one `LayerSpec` per kind feeds
 * the palette, the inspector, shape inference, the compiler and exporters.
 */

/** A tensor shape with the batch dimension first (`null` = unknown). NHWC. */
export type Shape = readonly (number | null)[];

export const CATEGORIES = [
  'Input',
  'Convolution',
  'Pooling',
  'Dense',
  'Recurrent',
  'Normalization',
  'Activation',
  'Merge',
  'Reshape',
  'Attention',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const ACTIVATIONS = [
  'linear',
  'relu',
  'relu6',
  'leaky_relu',
  'elu',
  'selu',
  'sigmoid',
  'tanh',
  'softmax',
  'gelu',
  'swish',
  'softplus',
  'softsign',
  'hard_sigmoid',
] as const;
export type ActivationName = (typeof ACTIVATIONS)[number];

interface ParamBase<N extends string> {
  readonly name: N;
  /** Label shown in the inspector. */
  readonly label: string;
  /** One-line documentation shown beside the field. */
  readonly doc: string;
}

/** Parameters are a closed, discriminated union on `type`. */
export type ParamSpec<N extends string = string> =
  | (ParamBase<N> & { readonly type: 'int'; readonly default: number; readonly min?: number; readonly max?: number })
  | (ParamBase<N> & { readonly type: 'float'; readonly default: number; readonly min?: number; readonly max?: number })
  | (ParamBase<N> & { readonly type: 'bool'; readonly default: boolean })
  | (ParamBase<N> & { readonly type: 'enum'; readonly choices: readonly string[]; readonly default: string })
  /** Fixed-length integer tuple, e.g. kernel size [3, 3]. */
  | (ParamBase<N> & {
      readonly type: 'ints';
      readonly length: number;
      readonly default: readonly number[];
      readonly min?: number;
    })
  /** Variable-length shape (Input shape, Reshape target). `-1` allowed where `allowInfer`. */
  | (ParamBase<N> & {
      readonly type: 'shape';
      readonly minLength: number;
      readonly maxLength: number;
      readonly default: readonly number[];
      readonly allowInfer?: boolean;
      /** A dimension may be `null` (None: any size, fixed per batch), e.g. a variable-length time axis. */
      readonly allowNone?: boolean;
    });

export type ParamType = ParamSpec['type'];

/** The TypeScript value of one param spec. */
export type ParamValue<P> = P extends { type: 'shape'; allowNone: true }
  ? readonly (number | null)[]
  : P extends { type: 'int' | 'float' }
    ? number
    : P extends { type: 'bool' }
      ? boolean
      : P extends { type: 'enum'; choices: readonly (infer C)[] }
        ? C
        : readonly number[];

/** The params object of a layer whose param specs are `Ps`. */
export type ParamsFromSpecs<Ps extends readonly ParamSpec[]> = {
  -readonly [P in Ps[number] as P['name']]: ParamValue<P>;
};

/** How many inputs a layer takes: none (sources), exactly one, or two or more (merges). */
export type Arity = 'none' | 'one' | 'many';

export interface ParamCount {
  trainable: number;
  nonTrainable: number;
}

/**
 * The outcome of one layer's shape rule: an output shape, or a message that
 * shape inference turns into a numbered diagnostic on the node.
 */
export type ShapeResult = { ok: true; shape: Shape } | { ok: false; code: ErrorCode; message: string };

/**
 * What the exporters need to know about a kind beyond shapes and counts; every
 * spec must state each trait, so a new kind cannot silently fall into a default.
 */
export interface LayerTraits {
  /**
   * Its `activation` param is applied after the layer (Dense, convolutions): where a Keras dialect
   * cannot spell the activation inline (leaky_relu in Keras 2 / TF.js), a LeakyReLU layer follows.
   */
  readonly fusedActivation: boolean;
  /** Keras 3 records a `build_config` for it (layers with a build() step: weights, merges, Flatten, Reshape). */
  readonly kerasBuildConfig: boolean;
  /** Passes int32 token ids through unchanged (Reshape, Flatten); any other kind but Embedding refuses them. */
  readonly keepsDtype: boolean;
}

/** Everything one layer kind knows about itself. */
export interface LayerSpec<K extends string = string, P = Record<string, unknown>> {
  readonly kind: K;
  readonly category: Category;
  /** Palette label. */
  readonly label: string;
  /** One-paragraph documentation for the palette tooltip and docs/layers.md. */
  readonly doc: string;
  readonly arity: Arity;
  /** Fewest inputs a 'many' layer takes (default 2): MultiHeadAttention takes 1 (self-attention) or 2. */
  readonly minInputs?: number;
  /** Most inputs a 'many' layer takes (default: no limit): MultiHeadAttention's query and value. */
  readonly maxInputs?: number;
  readonly params: readonly ParamSpec[];
  /** Keras class name (`keras.layers.<className>`); the config mapping lives in src/shared/keras. */
  readonly kerasClass: string;
  readonly traits: LayerTraits;
  /** Output shape from input shapes (batch dim first) and params. Sources get `[]` inputs. */
  outputShape(inputs: readonly Shape[], params: P): ShapeResult;
  /** Weights exactly as Keras/TF.js count them. */
  paramCount(inputs: readonly Shape[], params: P, output: Shape): ParamCount;
  /** Forward multiply-adds ×2 per sample (Keras/TF profiler convention). */
  flops(inputs: readonly Shape[], params: P, output: Shape): number;
}
