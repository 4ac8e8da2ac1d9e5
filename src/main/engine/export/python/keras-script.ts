/**
 * `train_keras.py`: a Keras 3 script (TensorFlow backend) that rebuilds the
 * model layer by layer with the project's layer names, loads the exported
 * .npy weights, and trains as the project does: optimizer and learning rate,
 * per-epoch schedule, loss, metrics, batch size, epochs, validation split,
 * early stopping, seed — and for a GAN, the adversarial loop (vanilla,
 * least-squares, Wasserstein with clipping or gradient penalty, k critic
 * steps, one-sided label smoothing) on the discriminator's raw score.
 */
import type { Project } from '../../../../shared/project/schema.js';
import type { ExportModel } from '../models.js';
import { kerasLayer, takesInputList } from './keras-layers.js';
import { codeModel, ganFacts, type CodeModel, type GanFacts } from './model-code.js';
import { pyComment, pyStr } from '../escape.js';
import { indent, py } from './pyfmt.js';
import { ganConstants, SCHEDULE_PY, trainingConstants } from './training-py.js';
import { trainingScript } from './script-frame.js';

/** `def <fn>():` building the model; `headExpr` (Python) replaces the output layer's activation. */
export function builder(m: CodeModel, fn: string, headExpr?: string): string {
  const lines: string[] = [];
  const out = m.outputs[0];
  for (const c of m.nodes) {
    const n = c.node;
    if (n.kind === 'Input') {
      lines.push(
        `${c.v} = keras.Input(shape=${py(n.params.shape)}, dtype=${py(n.params.dtype)}, name=${pyStr(n.name)})`,
      );
    } else if (n.kind === 'Noise') {
      lines.push(
        `${c.v} = keras.Input(shape=(${n.params.size},), name=${pyStr(n.name)})  ${pyComment(`latent z ~ ${n.params.distribution}`)}`,
      );
    } else {
      // MultiHeadAttention is called as mha(query, value); one input is self-attention.
      const arg =
        n.kind === 'MultiHeadAttention'
          ? `${c.inputs[0]}, ${c.inputs[1] ?? c.inputs[0]}`
          : takesInputList(n)
            ? `[${c.inputs.join(', ')}]`
            : c.inputs[0];
      lines.push(`${c.v} = ${kerasLayer(n, c.gate, c === out ? headExpr : undefined)}(${arg})`);
    }
  }
  const list = (cs: typeof m.inputs) => (cs.length === 1 ? cs[0].v : `[${cs.map((c) => c.v).join(', ')}]`);
  lines.push(`return keras.Model(inputs=${list(m.inputs)}, outputs=${list(m.outputs)}, name=${pyStr(m.name)})`);
  const signature = headExpr
    ? `def ${fn}(logits=False):\n    """logits=True drops the final sigmoid: the raw score the GAN losses take (same weights)."""`
    : `def ${fn}():`;
  return `${signature}\n${indent(lines.join('\n'))}\n`;
}

/** A discriminator, its sigmoid switchable off: the engine trains on the raw score too. */
export function discriminatorBuilder(m: CodeModel, facts: GanFacts, fn = 'build_discriminator'): string {
  if (facts.headActivation === 'sigmoid') return builder(m, fn, '"linear" if logits else "sigmoid"');
  return builder(m, fn).replace(`def ${fn}():`, `def ${fn}(logits=False):`);
}

const COMMON_PY = `def add_arguments(parser, out):
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    parser.add_argument("--batch-size", type=int, default=BATCH_SIZE)
    parser.add_argument("--from-scratch", action="store_true", help="start from fresh initial weights, not the exported ones")
    parser.add_argument("--out", default=out)


def make_optimizer(spec, beta_1=0.9):
    name, rate = spec
    if name == "sgd":
        return keras.optimizers.SGD(rate)
    if name == "momentum":
        return keras.optimizers.SGD(rate, momentum=0.9)
    if name == "adam":
        return keras.optimizers.Adam(rate, beta_1=beta_1)
    if name == "rmsprop":
        return keras.optimizers.RMSprop(rate)
    return keras.optimizers.Adagrad(rate)
`;

const CLASSIFIER_MAIN = `LOSSES = {
    "categoricalCrossentropy": "categorical_crossentropy",
    "sparseCategoricalCrossentropy": "sparse_categorical_crossentropy",
    "binaryCrossentropy": "binary_crossentropy",
    "meanSquaredError": "mean_squared_error",
    "meanAbsoluteError": "mean_absolute_error",
}


def targets(y):
    if LOSS == "categoricalCrossentropy":
        return keras.utils.to_categorical(y, OUTPUT_UNITS)
    if LOSS == "binaryCrossentropy":
        return y.reshape(-1, 1).astype("float32")
    return y


def main():
    parser = argparse.ArgumentParser(description=f"%(prog)s trains {PROJECT.replace('%', '%%')} with Keras")
    add_arguments(parser, out=os.path.join(HERE, "trained.keras"))
    args = parser.parse_args()

    keras.utils.set_random_seed(SEED)
    model = build_model()
    if not args.from_scratch:
        load_weights(model, HERE)
    data = load_dataset(DATASET, "keras", classification=CLASSIFICATION)
    loss = keras.losses.Huber(delta=1.0) if LOSS == "huber" else LOSSES[LOSS]
    model.compile(optimizer=make_optimizer(OPTIMIZER), loss=loss, metrics=METRICS)
    model.summary()
    callbacks = [keras.callbacks.LearningRateScheduler(lambda epoch, _: scheduled_rate(OPTIMIZER[1], epoch + 1, args.epochs))]
    if EARLY_STOPPING:
        callbacks.append(keras.callbacks.EarlyStopping(monitor=EARLY_STOPPING["monitor"], patience=EARLY_STOPPING["patience"], restore_best_weights=True))
    model.fit(
        data["x_train"],
        targets(data["y_train"]),
        batch_size=args.batch_size,
        epochs=args.epochs,
        validation_split=VALIDATION_SPLIT,
        shuffle=True,
        callbacks=callbacks,
    )
    print("test:", model.evaluate(data["x_test"], targets(data["y_test"]), return_dict=True, verbose=0))
    model.save(args.out)
    print("saved", args.out)
`;

const GAN_MAIN = `import tensorflow as tf  # the GAN loop uses GradientTape: run Keras with the TensorFlow backend


def latent(batch):
    if LATENT_DISTRIBUTION == "uniform":
        return tf.random.uniform((batch, LATENT_SIZE), -1.0, 1.0)
    return tf.random.normal((batch, LATENT_SIZE))


def bce(scores, target):
    return tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels=tf.fill(tf.shape(scores), target), logits=scores))


def d_loss_of(real, fake):
    target = 1.0 - LABEL_SMOOTHING
    if GAN_LOSS == "vanilla":
        return bce(real, target) + bce(fake, 0.0)
    if GAN_LOSS == "least-squares":
        return 0.5 * tf.reduce_mean(tf.square(real - target)) + 0.5 * tf.reduce_mean(tf.square(fake))
    return tf.reduce_mean(fake) - tf.reduce_mean(real)


def g_loss_of(fake):
    if GAN_LOSS == "vanilla":
        return bce(fake, 1.0)
    if GAN_LOSS == "least-squares":
        return 0.5 * tf.reduce_mean(tf.square(fake - 1.0))
    return -tf.reduce_mean(fake)


def main():
    parser = argparse.ArgumentParser(description=f"%(prog)s trains the GAN {PROJECT.replace('%', '%%')} with Keras")
    add_arguments(parser, out=HERE)
    args = parser.parse_args()

    keras.utils.set_random_seed(SEED)
    generator, critic = build_generator(), build_discriminator(logits=True)
    if not args.from_scratch:
        load_weights(generator, "generator")
        load_weights(critic, "discriminator")
    g_opt, d_opt = make_optimizer(G_OPTIMIZER, beta_1=0.5), make_optimizer(D_OPTIMIZER, beta_1=0.5)
    x = load_dataset(DATASET, "keras")["x_train"]
    lo, hi = REAL_RANGE
    x = (x * (hi - lo) + lo).astype("float32")  # real images in the generator's output range

    @tf.function
    def d_step(real):
        fake = generator(latent(tf.shape(real)[0]), training=True)
        with tf.GradientTape() as tape:
            loss = d_loss_of(critic(real, training=True), critic(fake, training=True))
            if GAN_LOSS == "wasserstein-gp":
                eps = tf.random.uniform([tf.shape(real)[0]] + [1] * (len(real.shape) - 1))
                mixed = eps * real + (1.0 - eps) * fake
                with tf.GradientTape() as inner:
                    inner.watch(mixed)
                    score = critic(mixed, training=True)
                grad = inner.gradient(score, mixed)
                norm = tf.sqrt(tf.reduce_sum(tf.square(grad), axis=list(range(1, len(real.shape)))) + 1e-12)
                loss += GRADIENT_PENALTY * tf.reduce_mean(tf.square(norm - 1.0))
        d_opt.apply_gradients(zip(tape.gradient(loss, critic.trainable_variables), critic.trainable_variables))
        if GAN_LOSS == "wasserstein":
            for w in critic.trainable_variables:
                w.assign(tf.clip_by_value(w, -CLIP_VALUE, CLIP_VALUE))
        return loss

    @tf.function
    def g_step(batch):
        with tf.GradientTape() as tape:
            loss = g_loss_of(critic(generator(latent(batch), training=True), training=True))
        g_opt.apply_gradients(zip(tape.gradient(loss, generator.trainable_variables), generator.trainable_variables))
        return loss

    data = tf.data.Dataset.from_tensor_slices(x).shuffle(len(x), seed=SEED).batch(args.batch_size, drop_remainder=True)
    for epoch in range(1, args.epochs + 1):
        for step, real in enumerate(data, start=1):
            d_loss = d_step(real)
            if step % D_STEPS == 0:
                g_loss = g_step(args.batch_size)
        print(f"epoch {epoch}: d_loss {float(d_loss):.4f} g_loss {float(g_loss):.4f}")
    discriminator = build_discriminator()
    discriminator.set_weights(critic.get_weights())
    generator.save(os.path.join(args.out, "generator.keras"))
    discriminator.save(os.path.join(args.out, "discriminator.keras"))
    samples = generator(latent(64), training=False).numpy()
    np.save(os.path.join(args.out, "samples.npy"), samples)
    print("saved generator.keras, discriminator.keras and 64 samples (samples.npy)")
`;

export interface ScriptOptions {
  version: string;
  trained: boolean;
}

export function kerasScript(project: Project, models: readonly ExportModel[], opts: ScriptOptions): string {
  const gan = project.kind === 'gan';
  const code = models.map(codeModel);
  const facts = gan ? ganFacts(models[0], models[1]) : undefined;
  const builders = gan
    ? [builder(code[0], 'build_generator'), discriminatorBuilder(code[1], facts!)]
    : [builder(code[0], 'build_model')];
  return trainingScript({
    doc: [
      'Keras 3 script of a Deepwire project (PROJECT), generated by Deepwire DEEPWIRE_VERSION.',
      '',
      'Rebuilds the model layer by layer (the layer names of the project), loads the',
      `exported weights${opts.trained ? '' : ' (the untrained initial weights: the project had no trained weights)'}`,
      "from weights.json + weights/ beside this file, and trains with the project's settings.",
      'Needs Keras 3 with the TensorFlow backend, and numpy.',
      '',
      '    python train_keras.py                 # continue from the exported weights',
      '    python train_keras.py --from-scratch  # start from fresh initial weights',
      '    python train_keras.py --epochs 3 --batch-size 128',
    ],
    imports: [
      'import keras',
      'import numpy as np',
      'from keras import layers',
      '',
      'from deepwire_data import load_dataset',
      'from load_weights import hard_sigmoid_tfjs, load_weights',
    ],
    version: opts.version,
    body: [
      trainingConstants(project, code[0]),
      facts ? ganConstants(facts).join('\n') : '',
      '',
      '',
      builders.join('\n\n'),
      '',
      COMMON_PY,
      '',
      gan ? '' : SCHEDULE_PY,
      '',
      gan ? GAN_MAIN : CLASSIFIER_MAIN,
    ],
  });
}
