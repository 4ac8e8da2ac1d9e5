"""CycleGAN runs on PyTorch: src/main/engine/gan/cycle/** step for step.

deepwire_runner.py hands a run folder whose config.json has "kind": "cyclegan" to `train`. The folder holds
model.py with GeneratorAB (G: A -> B), GeneratorBA (F: B -> A), DiscriminatorA and DiscriminatorB, each
model's seeded initial weights under its group's folder, data/a.npy and data/b.npy (the domains' pixel
bytes 0..255, NHWC, as float32), the fixed grid samples and, for the built-in pair, the held-out digits.

Kept from the TF.js engine: per step one Adam update of G and F together on the least-squares adversarial
losses + lambda * cycle L1 + 0.5 lambda * identity L1, then one update of each discriminator on the real
batch and the history-buffered fakes (50 images, mulberry32 like the TF.js run), Adam with beta1 0.5 and
epsilon 1e-7, the rates constant for the first `decayStart` of the run and then falling linearly to 0,
domain batches reshuffled per pass with the run's seed (A) and seed + 1 (B).

Events: `cycle-step` per step (Node keeps the curves and the rate limit), `cycle-grid` with an .npy of the
grid's cells, `cycle-epoch` with the held-out translations G(a) for Node's translation error.
"""
import os
import sys
import time

import numpy as np
import torch

from deepwire_gan import GAN_ADAM_BETA1, nchw, nhwc, stop_requested
from deepwire_runner import emit, fail, js_number, make_optimizer, seeded_random, write_weights

GROUPS = (("generator_ab", "GeneratorAB"), ("generator_ba", "GeneratorBA"),
          ("discriminator_a", "DiscriminatorA"), ("discriminator_b", "DiscriminatorB"))
HISTORY_SEED_OFFSET = 50_021
MAE_CHUNK = 100


def decayed_rate(base, step, total, start):
    """src/main/engine/gan/cycle/train-cycle.ts decayedRate."""
    begin = int(total * start // 1)
    if step <= begin or total <= begin:
        return base
    return base * max(0.0, (total - step) / (total - begin))


def to_range(images, value_range):
    """Bytes 0..255 -> the generators' range, in doubles stored as float32 (batches.ts toRange)."""
    lo, hi = value_range
    return (np.asarray(images, dtype=np.float64) * ((hi - lo) / 255) + lo).astype(np.float32)


class DomainBatches:
    """batches.ts DomainBatches: a fresh seeded shuffle of 0..n-1 on every pass; a batch may span two passes."""

    def __init__(self, images, batch_size, seed, value_range):
        self.images, self.batch_size, self.range = images, batch_size, value_range
        self.random = seeded_random(seed)
        self.order, self.position = [], 0

    def next(self):
        picked = []
        while len(picked) < min(self.batch_size, len(self.images)):
            if self.position >= len(self.order):
                self.order = list(range(len(self.images)))
                for i in range(len(self.order) - 1, 0, -1):
                    j = int(self.random() * (i + 1))
                    self.order[i], self.order[j] = self.order[j], self.order[i]
                self.position = 0
            picked.append(self.order[self.position])
            self.position += 1
        return to_range(self.images[np.array(picked)], self.range)


class ImageHistory:
    """history.ts ImageHistory: once full, each new image passes (p = 1/2) or swaps with a stored one."""

    def __init__(self, size, random):
        self.size, self.random, self.images = size, random, []

    def query(self, fakes):
        if self.size == 0:
            return fakes.clone()
        out = []
        for image in fakes.detach():
            chosen = image
            if len(self.images) < self.size:
                self.images.append(image)
            elif self.random() < 0.5:
                j = int(self.random() * self.size)
                chosen = self.images[j]
                self.images[j] = image
            out.append(chosen)
        return torch.stack(out)


class CycleRun:
    def __init__(self, folder, config, device):
        self.folder, self.config, self.device = folder, config, device
        sys.path.insert(0, folder)
        import model as generated  # model.py of this run (Deepwire's PyTorch code generator)

        torch.manual_seed(config["seed"])
        self.models = {}
        for group, cls in GROUPS:
            args = {"logits": True} if group in config["logitHeads"] else {}
            module = getattr(generated, cls)(**args).load_deepwire_weights(os.path.join(folder, group))
            self.models[group] = module.to(device)
        data = os.path.join(folder, "data")
        self.a = np.load(os.path.join(data, "a.npy"), mmap_mode="r")
        self.b = np.load(os.path.join(data, "b.npy"), mmap_mode="r")
        self.heldout = np.load(os.path.join(data, "heldout_a.npy"), mmap_mode="r") if config["heldout"] else None
        rates = config["rates"]
        g_params = list(self.models["generator_ab"].parameters()) + list(self.models["generator_ba"].parameters())
        self.g_opt = make_optimizer("adam", rates["generator"], g_params, beta1=GAN_ADAM_BETA1)
        self.d_a_opt = make_optimizer("adam", rates["discriminator"], self.models["discriminator_a"].parameters(), beta1=GAN_ADAM_BETA1)
        self.d_b_opt = make_optimizer("adam", rates["discriminator"], self.models["discriminator_b"].parameters(), beta1=GAN_ADAM_BETA1)
        random = seeded_random(config["seed"] + HISTORY_SEED_OFFSET)  # one generator for both buffers, as in TF.js
        self.history_a = ImageHistory(config["historySize"], random)
        self.history_b = ImageHistory(config["historySize"], random)

    def tensor(self, array):
        return nchw(torch.from_numpy(np.ascontiguousarray(array)).to(self.device))

    def set_rates(self, generator, discriminator):
        for opt, rate in ((self.g_opt, generator), (self.d_a_opt, discriminator), (self.d_b_opt, discriminator)):
            for group in opt.param_groups:
                group["lr"] = rate

    def step(self, a, b):
        """step.ts CycleSteps.step: the generators' update, then each discriminator's on buffered fakes."""
        g_ab, g_ba = self.models["generator_ab"], self.models["generator_ba"]
        d_a, d_b = self.models["discriminator_a"], self.models["discriminator_b"]
        for m in self.models.values():
            m.train(True)
        lam = self.config["cycleWeight"]
        lam_id = lam * self.config["identityWeight"]
        d_params = list(d_a.parameters()) + list(d_b.parameters())
        for p in d_params:
            p.requires_grad_(False)
        try:
            fake_b, fake_a = g_ab(a), g_ba(b)
            adversarial = ((d_b(fake_b) - 1) ** 2).mean() + ((d_a(fake_a) - 1) ** 2).mean()
            cycle = ((g_ba(fake_b) - a).abs().mean() + (g_ab(fake_a) - b).abs().mean()) * lam
            identity = ((g_ab(b) - b).abs().mean() + (g_ba(a) - a).abs().mean()) * lam_id if lam_id > 0 else torch.zeros(())
            g_loss = adversarial + cycle + identity
            self.g_opt.zero_grad(set_to_none=True)
            g_loss.backward()
            self.g_opt.step()
        finally:
            for p in d_params:
                p.requires_grad_(True)
        pooled_a, pooled_b = self.history_a.query(fake_a), self.history_b.query(fake_b)

        def update(d, opt, real, fake):
            s_real, s_fake = d(real), d(fake)
            loss = 0.5 * (((s_real - 1) ** 2).mean() + (s_fake**2).mean())
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            return loss, s_real, s_fake

        d_a_loss, _, _ = update(d_a, self.d_a_opt, a, pooled_a)
        d_b_loss, s_real, s_fake = update(d_b, self.d_b_opt, b, pooled_b)
        with torch.no_grad():
            return {"dA": float(d_a_loss), "dB": float(d_b_loss), "g": float(g_loss), "cycle": float(cycle),
                    "identity": float(identity), "dReal": float(s_real.mean()), "dFake": float(s_fake.mean())}

    def predict(self, group, x):
        model = self.models[group]
        model.eval()
        with torch.no_grad():
            return model(x)

    def write(self, name, tensor):
        path = os.path.join(self.folder, "out", f"{name}.npy")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        np.save(path, nhwc(tensor).float().cpu().numpy())
        return os.path.relpath(path, self.folder)

    def grid(self, epoch, step):
        """translations.ts TranslationGrid: rows of a, G(a), F(G(a)), b, F(b), G(F(b)), inference mode."""
        grid = self.config["grid"]
        a = self.tensor(np.load(os.path.join(self.folder, grid["a"])))
        b = self.tensor(np.load(os.path.join(self.folder, grid["b"])))
        rows = min(a.shape[0], b.shape[0])
        a, b = a[:rows], b[:rows]
        g_a, f_b = self.predict("generator_ab", a), self.predict("generator_ba", b)
        cells = torch.stack([a, g_a, self.predict("generator_ba", g_a), b, f_b, self.predict("generator_ab", f_b)], 1)
        emit({"type": "cycle-grid", "epoch": epoch, "step": step, "rows": rows,
              "file": self.write(f"grid-{step}", cells.flatten(0, 1))})

    def translations(self, epoch):
        """G(a) of the held-out digits, in chunks of 100 as the TF.js engine predicts them."""
        out = [self.predict("generator_ab", self.tensor(to_range(self.heldout[s : s + MAE_CHUNK], self.config["range"])))
               for s in range(0, len(self.heldout), MAE_CHUNK)]
        return self.write(f"heldout-{epoch}", torch.cat(out))

    def train(self, control):
        cfg = self.config
        epochs, steps_per_epoch, batch_size = cfg["epochs"], cfg["stepsPerEpoch"], cfg["batchSize"]
        total = epochs * steps_per_epoch
        rates = cfg["rates"]
        batches_a = DomainBatches(self.a, batch_size, cfg["seed"], cfg["range"])
        batches_b = DomainBatches(self.b, batch_size, cfg["seed"] + 1, cfg["range"])
        step = 0
        completed = 0
        self.grid(1, 0)
        for epoch in range(1, epochs + 1):
            started = time.perf_counter()
            last_sampled = -1
            for batch in range(1, steps_per_epoch + 1):
                if stop_requested(control, epoch, batch):
                    return {"reason": "stopped", "epochsCompleted": completed, "steps": step}
                t0 = time.perf_counter()
                step += 1
                self.set_rates(decayed_rate(rates["generator"], step, total, cfg["decayStart"]),
                               decayed_rate(rates["discriminator"], step, total, cfg["decayStart"]))
                losses = self.step(self.tensor(batches_a.next()), self.tensor(batches_b.next()))
                for name, value in losses.items():
                    if not np.isfinite(value):
                        fail("DW501", f"the CycleGAN {name} loss became {js_number(value)} at step {step}", f"step {step}", 0)
                emit({"type": "cycle-step", "epoch": epoch, "batch": batch, "step": step, "losses": losses,
                      "seconds": time.perf_counter() - t0})
                if step % cfg["sampleEvery"] == 0:
                    self.grid(epoch, step)
                    last_sampled = step
            if last_sampled != step:
                self.grid(epoch, step)
            event = {"type": "cycle-epoch", "epoch": epoch, "step": step, "seconds": time.perf_counter() - started,
                     "lr": decayed_rate(rates["generator"], step, total, cfg["decayStart"])}
            if self.heldout is not None:
                event["file"] = self.translations(epoch)
            emit(event)
            completed = epoch
        return {"reason": "completed", "epochsCompleted": completed, "steps": step}

    def write_result(self, outcome):
        for group, _ in GROUPS:
            write_weights(os.path.join(self.folder, group), os.path.join(self.folder, "out", group), self.models[group])
        event = {"type": "result", **outcome}
        if self.heldout is not None:
            event["file"] = self.translations(0)
        emit(event)


def train(folder, config, device, label, control):
    run = CycleRun(folder, config, device)
    params = sum(p.numel() for m in run.models.values() for p in m.parameters())
    emit({"type": "ready", "torch": torch.__version__, "python": sys.version.split()[0], "executable": sys.executable,
          "device": label, "world": 1, "params": params, "threads": torch.get_num_threads()})
    run.write_result(run.train(control))
