/** What every layer-family builder receives and returns. */
import type * as tf from '@tensorflow/tfjs';
import type { NodeOfKind } from '../../../../shared/graph/types.js';
import type { LayerKind } from '../../../../shared/layers/params.js';
import type { Shape } from '../../../../shared/layers/types.js';

export interface BuildContext {
  /** The node's inputs in port order (empty for sources). */
  inputs: tf.SymbolicTensor[];
  /** Output shape from shape inference (batch first), used where TF.js cannot infer it (Reshape -1). */
  outputShape: Shape;
  /** A fresh seed for the next initializer, so a run's starting weights follow its seed. */
  nextSeed(): number;
}

export type Builder<K extends LayerKind> = (node: NodeOfKind<K>, ctx: BuildContext) => tf.SymbolicTensor;

export type BuilderTable = { readonly [K in LayerKind]: Builder<K> };
