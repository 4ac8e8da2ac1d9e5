/**
 * Keras's MultiHeadAttention as a TF.js layer (TF.js 4.22 has none), for query (B, T, E) and value
 * (B, S, Ev), the key being the value; called on one tensor it is self-attention. Weights as Keras stores
 * them, in Keras's order: query_dense kernel (E, H, key) and bias (H, key), key_dense (Ev, H, key) and
 * (H, key), value_dense (Ev, H, value) and (H, value), output_dense (H, value, O) and (O). Per head:
 *   softmax((q·Wq + bq) / √key · (v·Wk + bk)ᵀ) · (v·Wv + bv), then all heads through the output projection.
 * Built from reshape, matMul, transpose and softmax, which have gradients on every backend; dropout on the
 * attention weights while training only.
 */
import * as tf from '@tensorflow/tfjs';

type Initializer = NonNullable<Parameters<tf.layers.Layer['addWeight']>[3]>;

export interface MultiHeadAttentionArgs {
  name?: string;
  numHeads: number;
  keyDim: number;
  /** null or absent: keyDim (Keras). */
  valueDim?: number | null;
  dropout?: number;
  useBias?: boolean;
  /** null or absent: the query's last dimension (Keras). */
  outputShape?: number | number[] | null;
  /** An initializer object when built by Deepwire; from a saved config, Glorot uniform. */
  kernelInitializer?: unknown;
}

const shapesOf = (inputShape: tf.Shape | tf.Shape[]): tf.Shape[] =>
  (Array.isArray(inputShape[0]) ? inputShape : [inputShape]) as tf.Shape[];

export class MultiHeadAttention extends tf.layers.Layer {
  static className = 'MultiHeadAttention';
  readonly numHeads: number;
  readonly keyDim: number;
  readonly valueDim: number;
  readonly rate: number;
  readonly useBias: boolean;
  private readonly outputDim: number | null;
  private readonly kernelInit: Initializer;
  private kernels: tf.LayerVariable[] = [];
  private biases: tf.LayerVariable[] = [];

  constructor(args: MultiHeadAttentionArgs) {
    super({ name: args.name });
    this.numHeads = args.numHeads;
    this.keyDim = args.keyDim;
    this.valueDim = args.valueDim ?? args.keyDim;
    this.rate = args.dropout ?? 0;
    this.useBias = args.useBias ?? true;
    const out = Array.isArray(args.outputShape) ? args.outputShape[0] : args.outputShape;
    this.outputDim = typeof out === 'number' && out > 0 ? out : null;
    const init = args.kernelInitializer as { apply?: unknown } | undefined;
    this.kernelInit = typeof init?.apply === 'function' ? (init as Initializer) : tf.initializers.glorotUniform({});
  }

  private sizes(inputShape: tf.Shape | tf.Shape[]) {
    const [q, v = q] = shapesOf(inputShape);
    const e = q[q.length - 1] as number;
    return { q, e, ev: v[v.length - 1] as number, o: this.outputDim ?? e };
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const { e, ev, o } = this.sizes(inputShape);
    const h = this.numHeads;
    const zeros = tf.initializers.zeros();
    const dense = (name: string, kernel: number[], bias: number[]) => {
      this.kernels.push(this.addWeight(`${name}/kernel`, kernel, 'float32', this.kernelInit));
      if (this.useBias) this.biases.push(this.addWeight(`${name}/bias`, bias, 'float32', zeros));
    };
    dense('query_dense', [e, h, this.keyDim], [h, this.keyDim]);
    dense('key_dense', [ev, h, this.keyDim], [h, this.keyDim]);
    dense('value_dense', [ev, h, this.valueDim], [h, this.valueDim]);
    dense('output_dense', [h, this.valueDim, o], [o]);
    this.built = true;
  }

  /** x (B, T, F) through kernel (F, H, d) and bias (H, d) → (B, H, T, d). */
  private project(x: tf.Tensor, i: number, d: number): tf.Tensor {
    const [b, t, f] = x.shape;
    let y = tf.matMul(tf.reshape(x, [-1, f]), tf.reshape(this.kernels[i].read(), [f, this.numHeads * d]));
    if (this.useBias) y = tf.add(y, tf.reshape(this.biases[i].read(), [this.numHeads * d]));
    return tf.transpose(tf.reshape(y, [b, t, this.numHeads, d]), [0, 2, 1, 3]);
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: { training?: boolean }): tf.Tensor {
    return tf.tidy(() => {
      const list = Array.isArray(inputs) ? inputs : [inputs];
      const [q, v = q] = list;
      const [b, t] = q.shape;
      const query = tf.mul(this.project(q, 0, this.keyDim), 1 / Math.sqrt(this.keyDim));
      const key = this.project(v, 1, this.keyDim);
      const value = this.project(v, 2, this.valueDim);
      let weights = tf.softmax(tf.matMul(query, key, false, true));
      if (kwargs.training && this.rate > 0) weights = tf.dropout(weights, this.rate);
      const heads = tf.transpose(tf.matMul(weights, value), [0, 2, 1, 3]);
      const hv = this.numHeads * this.valueDim;
      const out = this.kernels[3].shape[2] as number;
      let y = tf.matMul(tf.reshape(heads, [-1, hv]), tf.reshape(this.kernels[3].read(), [hv, out]));
      if (this.useBias) y = tf.add(y, this.biases[3].read());
      return tf.reshape(y, [b, t, out]);
    });
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const { q, o } = this.sizes(inputShape);
    return [q[0], q[1], o];
  }

  override getConfig(): tf.serialization.ConfigDict {
    // Keras's keys (written snake_case by TF.js), so the file reads back in Keras and in Deepwire.
    return {
      numHeads: this.numHeads,
      keyDim: this.keyDim,
      valueDim: this.valueDim,
      dropout: this.rate,
      useBias: this.useBias,
      outputShape: this.outputDim,
      attentionAxes: null,
      // Glorot uniform as TF.js serializes it.
      kernelInitializer: {
        className: 'VarianceScaling',
        config: { scale: 1, mode: 'fan_avg', distribution: 'uniform', seed: null },
      },
      biasInitializer: { className: 'Zeros', config: {} },
      kernelRegularizer: null,
      biasRegularizer: null,
      activityRegularizer: null,
      kernelConstraint: null,
      biasConstraint: null,
      ...super.getConfig(),
    };
  }
}

tf.serialization.registerClass(MultiHeadAttention);
