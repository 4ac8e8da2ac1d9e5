"""GAN runs on PyTorch: the TF.js engine's adversarial loop (src/main/engine/gan) step for step.

deepwire_runner.py hands a run folder whose config.json has "kind": "gan" to `train`. The folder holds
model.py with Generator and Discriminator (Deepwire's PyTorch code generator), generator/ and
discriminator/ with their seeded initial weights, data/x_train.npy (pixels in [0, 1], NHWC; y_train.npy
the class ids) and the fixed latent batches Node drew for the sample grid and the quality score.

Semantics kept from the TF.js engine: real batches without replacement from a mulberry32 reshuffle on
every pass (one batch is drawn before training, for the collapse yardstick); per step, k - 1 critic
updates on their own fakes, then one generated batch that serves the last critic update (detached) and
the generator update through the just-updated critic; TF.js's seeded noise, labels and GP points
(deepwire_tfjs_random.py); the logit head (a sigmoid discriminator trains on logits); Adam with beta1 0.5
and epsilon 1e-7; WGAN weight clipping after each critic update; real and fake through the critic as one
batch when it has no BatchNormalization.

A semi-supervised GAN (config "semiSupervised") swaps the losses for src/main/engine/gan/sgan.ts's (K class
logits + "fake"; each critic update also learns a batch of the first L labelled images), and after the loop
scores the discriminator on the test split against the same network trained on the L labels alone.

Events: per step `gan-step` (Node keeps the curves, the warnings and the rate limit), `gan-samples` with
an .npy of the grid's images (NHWC, generator range) and `gan-epoch` with the score images; Node renders
and scores them with the TF.js engine's own code.
"""
import math
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

from deepwire_runner import emit, fail, js_number, make_optimizer, seeded_random, write_weights
from deepwire_tfjs_random import random_normal, random_uniform

GAN_ADAM_BETA1 = 0.5


def stop_requested(control, epoch, batch):
    """Between steps, as the TF.js loops: waits out a pause (paused/resumed events); True when stopped."""
    if not control.running.is_set():
        emit({"type": "paused", "epoch": epoch, "batch": batch - 1})
        control.running.wait()
        if not control.stop:
            emit({"type": "resumed"})
    return control.stop


def shuffle_in_place(values, random):
    """Fisher-Yates in place, as src/main/engine/datasets/rng.ts shuffleInPlace."""
    for i in range(len(values) - 1, 0, -1):
        j = int(random() * (i + 1))
        values[i], values[j] = values[j], values[i]


class RealBatches:
    """src/main/engine/gan/real-batches.ts: batches without replacement, reshuffled in place every pass."""

    def __init__(self, x, y, batch_size, seed, value_range):
        self.x, self.y = x, y
        self.batch_size = batch_size
        self.order = list(range(len(x)))
        self.random = seeded_random(seed)
        self.position = len(x)
        self.lo, self.hi = value_range

    def next(self):
        if self.position + self.batch_size > len(self.order):
            shuffle_in_place(self.order, self.random)
            self.position = 0
        rows = self.order[self.position : self.position + self.batch_size]
        self.position += self.batch_size
        x = np.asarray(self.x[np.array(rows)], dtype=np.float64)
        if self.lo != 0 or self.hi != 1:
            x = self.lo + x * (self.hi - self.lo)  # in doubles, stored as float32: as TF.js does
        labels = np.asarray(self.y[np.array(rows)], dtype=np.int64).reshape(-1, 1) if self.y is not None else None
        return x.astype(np.float32), labels


class Losses:
    """src/main/engine/gan/losses.ts on the critic's raw score s (a logit where it had a sigmoid)."""

    def __init__(self, loss, smoothing):
        self.loss = loss
        self.wasserstein = loss in ("wasserstein", "wasserstein-gp")
        self.real_target = 1.0 if self.wasserstein else 1.0 - smoothing

    @staticmethod
    def _bce(scores, target):
        return F.binary_cross_entropy_with_logits(scores, torch.full_like(scores, target))

    @staticmethod
    def _half_square(scores, target):
        return 0.5 * ((scores - target) ** 2).mean()

    def discriminator(self, real, fake, score):  # score: for heads that look at more data (SGAN's labels)
        if self.loss == "vanilla":
            return self._bce(real, self.real_target) + self._bce(fake, 0.0)
        if self.loss == "least-squares":
            return self._half_square(real, self.real_target) + self._half_square(fake, 0.0)
        return fake.mean() - real.mean()

    def generator(self, fake):
        if self.loss == "vanilla":
            return self._bce(fake, 1.0)
        if self.loss == "least-squares":
            return self._half_square(fake, 1.0)
        return -fake.mean()

    def shown(self, scores):
        return torch.sigmoid(scores).mean() if self.loss == "vanilla" else scores.mean()


class LabelledBatches:
    """sgan.ts LabelledBatches: random rows (with replacement across batches) of the first L labelled images."""

    def __init__(self, x, y, batch_size, seed, tensor):
        self.x, self.y, self.tensor = x, y, tensor
        self.batch_size = min(batch_size, len(x))
        self.random = seeded_random(seed)

    def next(self):
        rows = np.array([int(self.random() * len(self.x)) for _ in range(self.batch_size)])
        return nchw(self.tensor(self.x[rows])), self.tensor(self.y[rows])


class SemiSupervisedLosses:
    """sgan.ts SemiSupervisedHead on K + 1 logits l: -log(1 - p_fake) = lse(l) - lse(l[:K]), -log p_fake = lse(l) - l[K]."""

    def __init__(self, classes, labelled):
        self.k, self.labelled = classes, labelled

    def _not_fake(self, scores):
        return torch.logsumexp(scores, -1) - torch.logsumexp(scores[:, : self.k], -1)

    def discriminator(self, real, fake, score):
        x, y = self.labelled.next()
        supervised = F.cross_entropy(score(x), y)
        fake_loss = torch.logsumexp(fake, -1) - fake[:, self.k]
        return supervised + self._not_fake(real).mean() + fake_loss.mean()

    def generator(self, fake):
        return self._not_fake(fake).mean()

    def shown(self, scores):
        return torch.exp(-self._not_fake(scores)).mean()


def nchw(x):
    return x.permute(0, 3, 1, 2).contiguous() if x.dim() == 4 else x


def nhwc(x):
    return x.permute(0, 2, 3, 1).contiguous() if x.dim() == 4 else x


class GanRun:
    def __init__(self, folder, config, device):
        self.folder, self.config, self.device = folder, config, device
        data = os.path.join(folder, "data")
        self.x = np.load(os.path.join(data, "x_train.npy"), mmap_mode="r")
        self.conditional = config.get("conditional")
        self.semi = config.get("semiSupervised")
        labels = np.load(os.path.join(data, "y_train.npy"), mmap_mode="r") if self.conditional or self.semi else None
        self.y = labels if self.conditional else None
        sys.path.insert(0, folder)
        import model as generated  # model.py of this run (Deepwire's PyTorch code generator)

        torch.manual_seed(config["seed"])
        self.generator = generated.Generator().load_deepwire_weights(os.path.join(folder, "generator")).to(device)
        d_args = {"logits": True} if config["logitHead"] else {}
        self.discriminator = generated.Discriminator(**d_args).load_deepwire_weights(os.path.join(folder, "discriminator"))
        self.discriminator.to(device)
        self.losses = Losses(config["loss"], config["labelSmoothing"])
        if self.semi:
            self.labelled = self.labelled_set(labels)
            self.losses = SemiSupervisedLosses(self.semi["classes"], self.labelled_batches())
        beta = {"beta1": GAN_ADAM_BETA1}
        self.g_opt = make_optimizer(config["generatorOptimizer"]["name"], config["generatorOptimizer"]["learningRate"], self.generator.parameters(), **beta)
        self.d_opt = make_optimizer(config["discriminatorOptimizer"]["name"], config["discriminatorOptimizer"]["learningRate"], self.discriminator.parameters(), **beta)
        self.d_params = list(self.discriminator.parameters())

    # ── a semi-supervised GAN's labels and test (sgan.ts, sgan-run.ts) ──

    def in_range(self, x):
        lo, hi = self.config["range"]
        x = np.asarray(x, dtype=np.float64)
        return (lo + x * (hi - lo) if lo != 0 or hi != 1 else x).astype(np.float32)

    def labelled_set(self, labels):
        n = self.semi["labelled"]
        return self.in_range(self.x[:n]), np.asarray(labels[:n], dtype=np.int64)

    def labelled_batches(self):
        return LabelledBatches(*self.labelled, self.config["batchSize"], self.semi["seed"], self.tensor)

    def test_accuracy(self, model):
        """Argmax over the K class logits on the test split, in inference mode."""
        data = os.path.join(self.folder, "data")
        x = np.load(os.path.join(data, "x_test.npy"), mmap_mode="r")
        y = np.load(os.path.join(data, "y_test.npy"), mmap_mode="r")
        model.eval()
        hits = 0
        with torch.no_grad():
            for start in range(0, len(x), 500):
                logits = model(nchw(self.tensor(self.in_range(x[start : start + 500]))))
                predicted = logits[:, : self.semi["classes"]].argmax(-1).cpu().numpy()
                hits += int((predicted == np.asarray(y[start : start + 500])).sum())
        return hits / len(x) if len(x) else 0.0

    def semi_supervised_results(self, updates):
        """The discriminator's test accuracy, and that of the same network from the same initial weights trained
        on the labels alone (class loss, a fresh optimizer of D's settings) for as many updates as D made."""
        accuracy = self.test_accuracy(self.discriminator)
        started = time.perf_counter()
        import model as generated

        twin = generated.Discriminator(logits=True).load_deepwire_weights(os.path.join(self.folder, "discriminator"))
        twin.to(self.device)
        d = self.config["discriminatorOptimizer"]
        opt = make_optimizer(d["name"], d["learningRate"], twin.parameters(), beta1=GAN_ADAM_BETA1)
        batches = self.labelled_batches()
        twin.train(True)
        for _ in range(updates):
            x, y = batches.next()
            loss = F.cross_entropy(twin(x), y)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
        baseline = self.test_accuracy(twin)
        return {"testAccuracy": accuracy, "supervisedBaselineAccuracy": baseline,
                "baselineSeconds": time.perf_counter() - started}

    # ── feeding the models ──

    def tensor(self, array):
        return torch.from_numpy(np.ascontiguousarray(array)).to(self.device)

    def feed(self, main, labels, label_at):
        if labels is None or label_at is None:
            return (main,)
        return (labels, main) if label_at == 0 else (main, labels)

    def generate(self, z, labels, training):
        self.generator.train(training)
        c = self.conditional
        return self.generator(*self.feed(z, labels if c else None, c and c["generatorLabelAt"]))

    def score(self, x, labels):
        self.discriminator.train(True)  # TF.js scores with training: true (dropout on, batch statistics)
        c = self.conditional
        return self.discriminator(*self.feed(x, labels if c else None, c and c["discriminatorLabelAt"]))

    def latent(self, batch, seed):
        size = self.config["latent"]["size"]
        if self.config["latent"]["distribution"] == "uniform":
            return self.tensor(random_uniform([batch, size], seed, -1.0, 1.0))
        return self.tensor(random_normal([batch, size], seed))

    def fake_labels(self, batch, seed):
        """src/main/engine/gan/conditional.ts sampleLabels, with the latent batch's seed + 31."""
        c = self.conditional
        if not c:
            return None
        classes = c["classes"]
        drawn = np.floor(random_uniform([batch, 1], seed + 31, 0.0, float(classes)))
        return self.tensor(np.minimum(drawn, classes - 1).astype(np.int64))

    # ── the updates (src/main/engine/gan/step.ts) ──

    def gradient_penalty(self, real, fake, real_labels, seed):
        lam = self.config.get("gradientPenalty") or 10.0
        eps_shape = [real.shape[0]] + [1] * (real.dim() - 1)
        eps = self.tensor(random_uniform(eps_shape, seed, 0.0, 1.0))  # one value per sample, any layout
        mixed = (eps * real + (1 - eps) * fake).requires_grad_(True)
        (grad,) = torch.autograd.grad(self.score(mixed, real_labels).sum(), mixed, create_graph=True)
        norm = torch.sqrt((grad**2).flatten(1).sum(dim=1) + 1e-12)
        return lam * ((norm - 1) ** 2).mean()

    def update_discriminator(self, real, fake, seed, real_labels, fake_labels):
        cond = self.conditional is not None
        rl = real_labels if cond else None
        fl = fake_labels if cond else None
        if self.config["jointBatch"]:
            both = torch.cat([rl, fl]) if rl is not None and fl is not None else None
            scores = self.score(torch.cat([real, fake]), both)
            real_scores, fake_scores = torch.split(scores, [real.shape[0], fake.shape[0]])
        else:
            real_scores, fake_scores = self.score(real, rl), self.score(fake, fl)
        loss = self.losses.discriminator(real_scores, fake_scores, lambda x: self.score(x, None))
        if self.config["loss"] == "wasserstein-gp":
            loss = loss + self.gradient_penalty(real, fake, rl, seed + 1)
        self.d_opt.zero_grad(set_to_none=True)
        loss.backward()
        self.d_opt.step()
        if self.config["loss"] == "wasserstein":
            c = self.config["clipValue"]
            with torch.no_grad():
                for p in self.d_params:
                    p.clamp_(-c, c)
        with torch.no_grad():
            return [float(loss), float(self.losses.shown(real_scores)), float(self.losses.shown(fake_scores))]

    def discriminator_step(self, real, seed, real_labels):
        labels = self.fake_labels(real.shape[0], seed)
        with torch.no_grad():
            fake = self.generate(self.latent(real.shape[0], seed), labels, True)
        return self.update_discriminator(real, fake, seed, real_labels, labels)

    def step_pair(self, reals, real_labels, seed):
        """k - 1 critic updates, then one generated batch for the last critic update and the generator's."""
        k = len(reals)
        d = [0.0, 0.0, 0.0]

        def add(stats):
            for i in range(3):
                d[i] += stats[i] / k

        for i in range(k - 1):
            add(self.discriminator_step(reals[i], seed + i, real_labels[i]))
        batch = reals[-1].shape[0]
        labels = self.fake_labels(batch, seed + k)
        fake = self.generate(self.latent(batch, seed + k), labels, True)
        add(self.update_discriminator(reals[-1], fake.detach(), seed + k - 1, real_labels[-1], labels))
        for p in self.d_params:  # the generator's update does not need the critic's gradients
            p.requires_grad_(False)
        try:
            scores = self.score(fake, labels)
            g_loss = self.losses.generator(scores)
            self.g_opt.zero_grad(set_to_none=True)
            g_loss.backward()
            self.g_opt.step()
        finally:
            for p in self.d_params:
                p.requires_grad_(True)
        with torch.no_grad():
            g = [float(g_loss), float(self.losses.shown(scores))]
        return {"loss": d[0], "real": d[1], "fake": d[2]}, {"loss": g[0], "fake": g[1]}

    # ── grids and scores ──

    def sample_file(self, name, z_file, labels_file):
        """G(z) in inference mode for a fixed latent batch, written NHWC as out/<name>.npy for Node."""
        z = self.tensor(np.load(os.path.join(self.folder, z_file)))
        labels = self.tensor(np.load(os.path.join(self.folder, labels_file)).astype(np.int64)) if labels_file else None
        out = []
        with torch.no_grad():
            for start in range(0, z.shape[0], 512):
                part = labels[start : start + 512] if labels is not None else None
                out.append(nhwc(self.generate(z[start : start + 512], part, False)).float().cpu())
        path = os.path.join(self.folder, "out", f"{name}.npy")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        np.save(path, torch.cat(out).numpy())
        return os.path.relpath(path, self.folder)

    def samples(self, epoch, step):
        grid = self.config["grid"]
        emit({"type": "gan-samples", "epoch": epoch, "step": step,
              "file": self.sample_file(f"samples-{step}", grid["z"], grid.get("labels"))})

    # ── the loop (src/main/engine/gan/loop.ts) ──

    def train(self, control):
        cfg = self.config
        k, epochs, steps_per_epoch = cfg["discriminatorSteps"], cfg["epochs"], cfg["stepsPerEpoch"]
        real = RealBatches(self.x, self.y, cfg["batchSize"], cfg["seed"], cfg["range"])
        real.next()  # Node measured the real images' spread on the first batch, as the TF.js run does
        step = 0
        completed = 0
        self.samples(1, 0)
        for epoch in range(1, epochs + 1):
            started = time.perf_counter()
            last_sampled = -1
            for batch in range(1, steps_per_epoch + 1):
                if stop_requested(control, epoch, batch):
                    return {"reason": "stopped", "epochsCompleted": completed, "steps": step}
                t0 = time.perf_counter()
                step += 1
                drawn = [real.next() for _ in range(k)]
                reals = [nchw(self.tensor(x)) for x, _ in drawn]
                labels = [self.tensor(y) if y is not None else None for _, y in drawn]
                d, g = self.step_pair(reals, labels, cfg["seed"] * 1_000_003 + step * (k + 1))
                for what, value in (("discriminator", d["loss"]), ("generator", g["loss"])):
                    if not math.isfinite(value):
                        fail("DW501", f"the {what} loss became {js_number(value)} at step {step}", f"step {step}", 0)
                emit({"type": "gan-step", "epoch": epoch, "batch": batch, "step": step, "d": d, "g": g,
                      "seconds": time.perf_counter() - t0})
                if step % cfg["sampleEvery"] == 0:
                    self.samples(epoch, step)
                    last_sampled = step
            seconds = time.perf_counter() - started
            if last_sampled != step:
                self.samples(epoch, step)
            event = {"type": "gan-epoch", "epoch": epoch, "seconds": seconds}
            score = cfg.get("score")
            if score:
                event["file"] = self.sample_file(f"score-{epoch}", score["z"], score.get("labels"))
            emit(event)
            completed = epoch
        return {"reason": "completed", "epochsCompleted": completed, "steps": step}

    def write_result(self, outcome):
        for name, module in (("generator", self.generator), ("discriminator", self.discriminator)):
            write_weights(os.path.join(self.folder, name), os.path.join(self.folder, "out", name), module)
        if self.semi and outcome["steps"] > 0:
            outcome["semiSupervised"] = self.semi_supervised_results(outcome["steps"] * self.config["discriminatorSteps"])
        emit({"type": "result", **outcome})


def train(folder, config, device, label, control):
    run = GanRun(folder, config, device)
    params = sum(p.numel() for m in (run.generator, run.discriminator) for p in m.parameters())
    emit({"type": "ready", "torch": torch.__version__, "python": sys.version.split()[0], "executable": sys.executable,
          "device": label, "world": 1, "params": params, "threads": torch.get_num_threads()})
    run.write_result(run.train(control))
