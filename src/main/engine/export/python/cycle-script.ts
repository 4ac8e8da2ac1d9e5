/**
 * The training scripts of a CycleGAN export (Zhu et al. 2017, as src/main/engine/gan/cycle/** trains):
 * `train_cyclegan.py` (PyTorch, around model.py) and the Keras `train_keras.py` (GradientTape loop).
 * Per step: one Adam update of G and F together on the least-squares adversarial losses
 * + λ cycle L1 + 0.5 λ identity L1, then one update of each discriminator on the real batch and the
 * history-buffered fakes; Adam β1 0.5; the rates constant for the first DECAY_START of the steps and
 * then falling linearly to 0. Both read the project's domains (deepwire_data.load_cycle_domains) or two
 * folders / .npy files given on the command line, and save both generators (and the discriminators).
 */
import { DeepwireError } from '../../../../shared/errors.js';
import type { Project } from '../../../../shared/project/schema.js';
import type { ExportModel } from '../models.js';
import { codeModel, ganFacts } from './model-code.js';
import { cycleConstants } from './training-py.js';
import { trainingScript } from './script-frame.js';
import type { ScriptOptions } from './keras-script.js';

/** The four models by group, the generators' output range and the discriminators trained on raw scores. */
export function cycleFacts(models: readonly ExportModel[]) {
  const get = (name: ExportModel['name']) => {
    const m = models.find((x) => x.name === name);
    if (!m) throw new DeepwireError('DW711', `the CycleGAN has no ${name} model to write a training script for`, name);
    return m;
  };
  const [gAB, gBA, dA, dB] = [get('generator_ab'), get('generator_ba'), get('discriminator_a'), get('discriminator_b')];
  const heads = [ganFacts(gBA, dA), ganFacts(gAB, dB)];
  const logitHeads = (['discriminator_a', 'discriminator_b'] as const).filter(
    (_, i) => heads[i].headActivation === 'sigmoid',
  );
  return { gAB, gBA, dA, dB, range: heads[1].range, logitHeads: [...logitHeads] };
}

/** Command-line options both scripts take (argparse), and the shared schedule / buffer / data code. */
const COMMON_PY = `def add_arguments(parser):
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    parser.add_argument("--batch-size", type=int, default=BATCH_SIZE)
    parser.add_argument("--domain-a", help="domain A: a folder of PNG/JPEG images or an .npy (N, H, W[, C]) of 0..255")
    parser.add_argument("--domain-b", help="domain B, likewise (default: the project's domains)")
    parser.add_argument("--limit", type=int, help="use at most this many images per domain")
    parser.add_argument("--max-steps", type=int, help="stop after this many steps (the rate decay still spans the run)")
    parser.add_argument("--from-scratch", action="store_true", help="start from fresh initial weights, not the exported ones")
    parser.add_argument("--out", default=HERE)


def decayed_rate(base, step, total):
    """Constant for the first DECAY_START of the steps, then linearly down to 0 (Deepwire's decayedRate)."""
    begin = int(total * DECAY_START)
    if step <= begin or total <= begin:
        return base
    return base * max(0.0, (total - step) / (total - begin))


class ImageHistory:
    """Zhu et al.'s buffer of HISTORY_SIZE generated images: once full, each new one passes (p = 1/2) or swaps."""

    def __init__(self, rng):
        self.rng, self.images = rng, []

    def query(self, fakes):
        """fakes: a NumPy batch; returns the batch the discriminator sees."""
        if HISTORY_SIZE == 0:
            return fakes
        out = []
        for image in fakes:
            chosen = image
            if len(self.images) < HISTORY_SIZE:
                self.images.append(image)
            elif self.rng.random() < 0.5:
                j = int(self.rng.integers(HISTORY_SIZE))
                chosen, self.images[j] = self.images[j], image
            out.append(chosen)
        return np.stack(out)


def load_domains(args, framework):
    """Both domains in the generators' range (float32, NHWC), and the built-in pair's held-out digits."""
    data = load_cycle_domains(DOMAINS, framework, limit=args.limit, a=args.domain_a, b=args.domain_b)
    lo, hi = REAL_RANGE
    scale = lambda x: None if x is None else (x * ((hi - lo) / 255.0) + lo).astype(np.float32)
    return {k: scale(v) for k, v in data.items()}


def batches(images, batch_size, rng):
    """Endless batches of one domain, reshuffled on every pass."""
    while True:
        order = rng.permutation(len(images))
        for start in range(0, len(order) - batch_size + 1, batch_size):
            yield images[order[start : start + batch_size]]


def plan(args, data):
    """(batch size, steps per epoch, steps of the whole run, the step to stop after); prints them."""
    batch_size = min(args.batch_size, len(data["a"]), len(data["b"]))
    steps_per_epoch = max(1, min(len(data["a"]), len(data["b"])) // batch_size)
    total = args.epochs * steps_per_epoch  # the rate decay spans the whole run, even when --max-steps ends it early
    last = min(total, args.max_steps) if args.max_steps else total
    print(f"{len(data['a'])} images in A, {len(data['b'])} in B; {last} of {total} steps of {batch_size}")
    return batch_size, steps_per_epoch, total, last


def report(step, losses, steps_per_epoch, last, total):
    """Stops on a non-finite loss; prints the losses at each epoch's end, every 50 steps and at the last step."""
    bad = {k: v for k, v in losses.items() if not math.isfinite(v)}
    if bad:
        raise SystemExit(f"step {step}: the losses {bad} are not finite; lower the learning rates (G_RATE, D_RATE)")
    if step % steps_per_epoch == 0 or step == last or step % 50 == 0:
        print(f"step {step}/{total}: " + " ".join(f"{k} {v:.4f}" for k, v in losses.items()), flush=True)
`;

const TORCH_MAIN = `def nchw(x):
    return torch.from_numpy(np.ascontiguousarray(x)).permute(0, 3, 1, 2).contiguous()


def nhwc(t):
    return t.detach().permute(0, 2, 3, 1).cpu().numpy()


def lsgan(scores, target):
    return ((scores - target) ** 2).mean()


def l1(x, y):
    return (x - y).abs().mean()


def build_models(from_scratch, device):
    models = {}
    for group, cls in MODELS:
        model = cls(logits=True) if group in LOGIT_HEADS else cls()
        if not from_scratch:
            model.load_deepwire_weights(os.path.join(HERE, group))
        models[group] = model.to(device).train()
    return models


def main():
    parser = argparse.ArgumentParser(description=f"%(prog)s trains the CycleGAN {PROJECT.replace('%', '%%')} with PyTorch")
    add_arguments(parser)
    parser.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    args = parser.parse_args()
    torch.manual_seed(SEED)
    rng = np.random.default_rng(SEED)
    data = load_domains(args, "torch")
    batch_size, steps_per_epoch, total, last = plan(args, data)
    print("device", args.device)
    m = build_models(args.from_scratch, args.device)
    g_ab, g_ba, d_a, d_b = (m[g] for g, _ in MODELS)
    adam = lambda params, rate: torch.optim.Adam(params, lr=rate, betas=(0.5, 0.999), eps=1e-7)
    g_opt = adam(list(g_ab.parameters()) + list(g_ba.parameters()), G_RATE)
    d_a_opt, d_b_opt = adam(d_a.parameters(), D_RATE), adam(d_b.parameters(), D_RATE)
    history_a, history_b = ImageHistory(rng), ImageHistory(rng)
    lam, lam_id = CYCLE_WEIGHT, CYCLE_WEIGHT * IDENTITY_WEIGHT
    stream_a, stream_b = batches(data["a"], batch_size, rng), batches(data["b"], batch_size, rng)
    to_device = lambda x: nchw(x).to(args.device)
    for step in range(1, last + 1):
        for opt, base in ((g_opt, G_RATE), (d_a_opt, D_RATE), (d_b_opt, D_RATE)):
            for group in opt.param_groups:
                group["lr"] = decayed_rate(base, step, total)
        a, b = to_device(next(stream_a)), to_device(next(stream_b))
        # 1. the generators, the discriminators frozen
        for p in list(d_a.parameters()) + list(d_b.parameters()):
            p.requires_grad_(False)
        fake_b, fake_a = g_ab(a), g_ba(b)
        adversarial = lsgan(d_b(fake_b), 1.0) + lsgan(d_a(fake_a), 1.0)
        cycle = lam * (l1(g_ba(fake_b), a) + l1(g_ab(fake_a), b))
        identity = lam_id * (l1(g_ab(b), b) + l1(g_ba(a), a)) if lam_id > 0 else torch.zeros((), device=a.device)
        g_loss = adversarial + cycle + identity
        g_opt.zero_grad(set_to_none=True)
        g_loss.backward()
        g_opt.step()
        for p in list(d_a.parameters()) + list(d_b.parameters()):
            p.requires_grad_(True)
        # 2. each discriminator on its real batch and the history-buffered fakes
        pooled_a = to_device(history_a.query(nhwc(fake_a)))
        pooled_b = to_device(history_b.query(nhwc(fake_b)))
        d_losses = []
        for d, opt, real, fake in ((d_a, d_a_opt, a, pooled_a), (d_b, d_b_opt, b, pooled_b)):
            loss = 0.5 * (lsgan(d(real), 1.0) + lsgan(d(fake), 0.0))
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            d_losses.append(float(loss))
        losses = {"g": float(g_loss), "cycle": float(cycle), "identity": float(identity), "d_a": d_losses[0], "d_b": d_losses[1]}
        report(step, losses, steps_per_epoch, last, total)
    os.makedirs(args.out, exist_ok=True)
    for group, _ in MODELS:
        torch.save(m[group].state_dict(), os.path.join(args.out, f"{group}.pt"))
    if data["heldout_a"] is not None:
        g_ab.eval()
        with torch.no_grad():
            translated = nhwc(g_ab(to_device(data["heldout_a"])))
        lo, hi = REAL_RANGE
        print(f"heldout_translation_mae {np.abs(translated - data['heldout_target']).mean() / (hi - lo):.4f}")
    print("saved " + ", ".join(f"{g}.pt" for g, _ in MODELS) + " in " + args.out)
`;

interface ScriptParts {
  /** Docstring lines after the common description: what it needs, how to run it. */
  usage: string[];
  imports: string[];
  /** Python after the constants: MODELS, the model builders. */
  definitions: string[];
  main: string;
}

/** A CycleGAN training script: docstring, imports, the project's constants, the shared code, then `main`. */
export function cycleScript(
  project: Project,
  models: readonly ExportModel[],
  opts: ScriptOptions,
  parts: ScriptParts,
): string {
  const f = cycleFacts(models);
  return trainingScript({
    doc: [
      `CycleGAN training script of a Deepwire project (PROJECT), generated by Deepwire DEEPWIRE_VERSION.`,
      '',
      'Trains G (generator_ab, A -> B), F (generator_ba, B -> A) and the discriminators D_A, D_B as Zhu et al.',
      '(2017): least-squares adversarial losses, cycle L1 (CYCLE_WEIGHT), identity L1 (IDENTITY_WEIGHT of it),',
      `history buffers of HISTORY_SIZE images, Adam beta1 0.5, linear rate decay after DECAY_START; starting from`,
      `the exported weights${opts.trained ? '' : ' (untrained initial weights: the project had none)'}.`,
      '',
      ...parts.usage,
    ],
    imports: ['import numpy as np', ...parts.imports, '', 'from deepwire_data import load_cycle_domains'],
    version: opts.version,
    body: [cycleConstants(project, f.range, f.logitHeads), ...parts.definitions, '', '', COMMON_PY, '', parts.main],
  });
}

export const cycleTorchScript = (project: Project, models: readonly ExportModel[], opts: ScriptOptions): string =>
  cycleScript(project, models, opts, {
    usage: [
      'Needs torch and numpy (Pillow for image folders; torchvision for the built-in MNIST pair).',
      '',
      "    python train_cyclegan.py                                  # the project's domains",
      '    python train_cyclegan.py --domain-a horses/ --domain-b zebras/ --device cuda',
      '    python train_cyclegan.py --limit 64 --max-steps 5         # a quick try',
    ],
    imports: ['import torch', '', 'from model import DiscriminatorA, DiscriminatorB, GeneratorAB, GeneratorBA'],
    definitions: [
      'MODELS = (("generator_ab", GeneratorAB), ("generator_ba", GeneratorBA), ' +
        '("discriminator_a", DiscriminatorA), ("discriminator_b", DiscriminatorB))',
    ],
    main: TORCH_MAIN,
  });

/** Codes of the four models for the Keras builders, in MODELS order. */
export const cycleCodeModels = (models: readonly ExportModel[]) => {
  const f = cycleFacts(models);
  return { facts: f, code: [f.gAB, f.gBA, f.dA, f.dB].map(codeModel) };
};
