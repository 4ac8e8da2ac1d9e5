/**
 * `train_keras.py` of a CycleGAN export: the four models rebuilt layer by layer (keras-script.ts builders),
 * the exported weights loaded, and the CycleGAN step of cycle-script.ts as a GradientTape loop.
 */
import type { Project } from '../../../../shared/project/schema.js';
import type { ExportModel } from '../models.js';
import { cycleCodeModels, cycleScript } from './cycle-script.js';
import { builder, discriminatorBuilder, type ScriptOptions } from './keras-script.js';
import { ganFacts } from './model-code.js';

const KERAS_MAIN = `import tensorflow as tf  # the loop uses GradientTape: run Keras with the TensorFlow backend


def lsgan(scores, target):
    return tf.reduce_mean(tf.square(scores - target))


def l1(x, y):
    return tf.reduce_mean(tf.abs(x - y))


def main():
    parser = argparse.ArgumentParser(description=f"%(prog)s trains the CycleGAN {PROJECT.replace('%', '%%')} with Keras")
    add_arguments(parser)
    args = parser.parse_args()
    keras.utils.set_random_seed(SEED)
    rng = np.random.default_rng(SEED)
    data = load_domains(args, "keras")
    batch_size, steps_per_epoch, total, last = plan(args, data)
    g_ab, g_ba = build_generator_ab(), build_generator_ba()
    d_a, d_b = build_discriminator_a(logits=True), build_discriminator_b(logits=True)
    if not args.from_scratch:
        for model, group in ((g_ab, "generator_ab"), (g_ba, "generator_ba"), (d_a, "discriminator_a"), (d_b, "discriminator_b")):
            load_weights(model, group)
    adam = lambda rate: keras.optimizers.Adam(rate, beta_1=0.5, epsilon=1e-7)
    g_opt, d_a_opt, d_b_opt = adam(G_RATE), adam(D_RATE), adam(D_RATE)
    g_vars = g_ab.trainable_variables + g_ba.trainable_variables
    lam, lam_id = CYCLE_WEIGHT, CYCLE_WEIGHT * IDENTITY_WEIGHT

    @tf.function
    def g_step(a, b):
        with tf.GradientTape() as tape:
            fake_b, fake_a = g_ab(a, training=True), g_ba(b, training=True)
            adversarial = lsgan(d_b(fake_b, training=True), 1.0) + lsgan(d_a(fake_a, training=True), 1.0)
            cycle = lam * (l1(g_ba(fake_b, training=True), a) + l1(g_ab(fake_a, training=True), b))
            identity = lam_id * (l1(g_ab(b, training=True), b) + l1(g_ba(a, training=True), a))
            loss = adversarial + cycle + identity
        g_opt.apply_gradients(zip(tape.gradient(loss, g_vars), g_vars))
        return loss, cycle, identity, fake_a, fake_b

    def d_step(d, opt):
        @tf.function
        def run(real, fake):
            with tf.GradientTape() as tape:
                loss = 0.5 * (lsgan(d(real, training=True), 1.0) + lsgan(d(fake, training=True), 0.0))
            opt.apply_gradients(zip(tape.gradient(loss, d.trainable_variables), d.trainable_variables))
            return loss

        return run

    d_a_step, d_b_step = d_step(d_a, d_a_opt), d_step(d_b, d_b_opt)
    history_a, history_b = ImageHistory(rng), ImageHistory(rng)
    stream_a, stream_b = batches(data["a"], batch_size, rng), batches(data["b"], batch_size, rng)
    for step in range(1, last + 1):
        for opt, base in ((g_opt, G_RATE), (d_a_opt, D_RATE), (d_b_opt, D_RATE)):
            opt.learning_rate.assign(decayed_rate(base, step, total))
        a, b = next(stream_a), next(stream_b)
        g_loss, cycle, identity, fake_a, fake_b = g_step(a, b)
        d_a_loss = d_a_step(a, history_a.query(fake_a.numpy()))
        d_b_loss = d_b_step(b, history_b.query(fake_b.numpy()))
        losses = {"g": float(g_loss), "cycle": float(cycle), "identity": float(identity), "d_a": float(d_a_loss), "d_b": float(d_b_loss)}
        report(step, losses, steps_per_epoch, last, total)
    os.makedirs(args.out, exist_ok=True)
    saved = {"generator_ab": g_ab, "generator_ba": g_ba}
    for name, builder in (("discriminator_a", build_discriminator_a), ("discriminator_b", build_discriminator_b)):
        saved[name] = builder()  # the designed sigmoid head back on, same weights
        saved[name].set_weights((d_a if name == "discriminator_a" else d_b).get_weights())
    for name, model in saved.items():
        model.save(os.path.join(args.out, f"{name}.keras"))
    if data["heldout_a"] is not None:
        lo, hi = REAL_RANGE
        translated = g_ab.predict(data["heldout_a"], verbose=0)
        print(f"heldout_translation_mae {np.abs(translated - data['heldout_target']).mean() / (hi - lo):.4f}")
    print("saved " + ", ".join(f"{name}.keras" for name in saved) + " in " + args.out)
`;

export function cycleKerasScript(project: Project, models: readonly ExportModel[], opts: ScriptOptions): string {
  const { facts, code } = cycleCodeModels(models);
  const [gAB, gBA, dA, dB] = code;
  const builders = [
    builder(gAB, 'build_generator_ab'),
    builder(gBA, 'build_generator_ba'),
    discriminatorBuilder(dA, ganFacts(facts.gBA, facts.dA), 'build_discriminator_a'),
    discriminatorBuilder(dB, ganFacts(facts.gAB, facts.dB), 'build_discriminator_b'),
  ];
  return cycleScript(project, models, opts, {
    usage: [
      'Rebuilds the four models layer by layer (the layer names of the project) and loads the weights',
      'beside this file. Needs Keras 3 with the TensorFlow backend, and numpy (Pillow for image folders).',
      '',
      "    python train_keras.py                                  # the project's domains",
      '    python train_keras.py --domain-a horses/ --domain-b zebras/',
      '    python train_keras.py --limit 64 --max-steps 5         # a quick try',
    ],
    imports: [
      'import keras',
      'from keras import layers',
      '',
      'from load_weights import hard_sigmoid_tfjs, load_weights',
    ],
    definitions: ['', '', builders.join('\n\n')],
    main: KERAS_MAIN,
  });
}
