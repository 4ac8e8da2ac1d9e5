/**
 * Keras's GRU with reset_after=True (its default since tf.keras 2.4) as a TF.js layer: TF.js 4.22's GRUCell
 * refuses reset_after. Weights as Keras stores them: kernel (F, 3u), recurrent_kernel (u, 3u), bias (2, 3u)
 * with row 0 the input bias and row 1 the recurrent bias, gates z, r, h. Per step:
 *   z = σ(x·Wz + bz + h·Uz + b'z), r = σ(x·Wr + br + h·Ur + b'r),
 *   h̃ = act(x·Wh + bh + r ⊙ (h·Uh + b'h)), h' = z ⊙ h + (1 − z) ⊙ h̃.
 * The cell extends TF.js's own GRUCell for its activations, initializers and config; only build and the
 * step differ. Input dropout uses one mask per sequence (as Keras 3), drawn while training only.
 */
import * as tf from '@tensorflow/tfjs';

type GRUCellArgs = Parameters<typeof tf.layers.gruCell>[0];
type RNNLayerArgs = Parameters<typeof tf.layers.rnn>[0];
type Initializer = NonNullable<Parameters<tf.layers.Layer['addWeight']>[3]>;

interface GRUCellBase extends tf.layers.Layer {
  readonly units: number;
  readonly useBias: boolean;
  readonly dropout: number;
  readonly activation: { apply(x: tf.Tensor): tf.Tensor };
  readonly recurrentActivation: { apply(x: tf.Tensor): tf.Tensor };
  readonly kernelInitializer: Initializer;
  readonly recurrentInitializer: Initializer;
  readonly biasInitializer: Initializer;
}

// TF.js exports the GRUCell class only through its factory.
const GRUCellClass = tf.layers.gruCell({ units: 1 }).constructor as new (args: GRUCellArgs) => GRUCellBase;

export class ResetAfterGRUCell extends GRUCellClass {
  static className = 'ResetAfterGRUCell';
  private kernelW?: tf.LayerVariable;
  private recurrentW?: tf.LayerVariable;
  private biasW?: tf.LayerVariable;
  /** The input dropout mask of the sequence being run; ResetAfterGRU clears it before each sequence. */
  inputMask: tf.Tensor | null = null;

  constructor(args: GRUCellArgs) {
    super({ ...args, resetAfter: false });
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const features = shape[shape.length - 1] as number;
    const u = this.units;
    this.kernelW = this.addWeight('kernel', [features, 3 * u], 'float32', this.kernelInitializer);
    this.recurrentW = this.addWeight('recurrent_kernel', [u, 3 * u], 'float32', this.recurrentInitializer);
    if (this.useBias) this.biasW = this.addWeight('bias', [2, 3 * u], 'float32', this.biasInitializer);
    this.built = true;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: { training?: boolean }): tf.Tensor[] {
    return tf.tidy(() => {
      const [input, hPrev] = inputs as tf.Tensor[];
      let x = input;
      if (kwargs.training && this.dropout > 0 && this.dropout < 1) {
        if (this.inputMask === null) this.inputMask = tf.keep(tf.dropout(tf.onesLike(x), this.dropout));
        x = tf.mul(x, this.inputMask);
      }
      let xw = tf.matMul(x, this.kernelW!.read());
      let hu = tf.matMul(hPrev, this.recurrentW!.read());
      if (this.biasW) {
        const [bx, bh] = tf.unstack(this.biasW.read());
        xw = tf.add(xw, bx);
        hu = tf.add(hu, bh);
      }
      const [xz, xr, xh] = tf.split(xw, 3, -1);
      const [hz, hr, hh] = tf.split(hu, 3, -1);
      const z = this.recurrentActivation.apply(tf.add(xz, hz));
      const r = this.recurrentActivation.apply(tf.add(xr, hr));
      const candidate = this.activation.apply(tf.add(xh, tf.mul(r, hh)));
      const h = tf.add(tf.mul(z, hPrev), tf.mul(tf.sub(1, z), candidate));
      return [h, h];
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), resetAfter: true };
  }
}

// The base's static fromConfig is TF.js's (its type is lost through the factory's constructor).
tf.serialization.registerClass(
  ResetAfterGRUCell as unknown as tf.serialization.SerializableConstructor<tf.serialization.Serializable>,
);

export interface ResetAfterGRUArgs extends GRUCellArgs {
  name?: string;
  returnSequences?: boolean;
}

/** The RNN layer around ResetAfterGRUCell; "GRU" in its class name marks it recurrent for the trainer. */
export class ResetAfterGRU extends tf.RNN {
  static override className = 'ResetAfterGRU';

  constructor(args: ResetAfterGRUArgs | (RNNLayerArgs & { cell: ResetAfterGRUCell })) {
    const cell = 'cell' in args && args.cell ? args.cell : new ResetAfterGRUCell(args as GRUCellArgs);
    super({ ...args, cell } as unknown as RNNLayerArgs);
  }

  /** Written flat like TF.js's own GRU (TF.js's RNN flattens the cell's config into the layer's): no nested cell. */
  static override fromConfig<T extends tf.serialization.Serializable>(
    cls: tf.serialization.SerializableConstructor<T>,
    config: tf.serialization.ConfigDict,
  ): T {
    if (config.cell) return super.fromConfig(cls, config);
    return new cls(config);
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: tf.serialization.ConfigDict): tf.Tensor | tf.Tensor[] {
    const cell = this.cell as unknown as ResetAfterGRUCell;
    cell.inputMask?.dispose();
    cell.inputMask = null;
    return super.call(inputs, kwargs);
  }
}

tf.serialization.registerClass(ResetAfterGRU);
