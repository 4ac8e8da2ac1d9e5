/**
 * `train_lightning.py`: a PyTorch Lightning LightningModule +
 * LightningDataModule around model.py, with the project's training settings,
 * so the same model trains on one CPU or on many GPUs and nodes
 * (`--devices 8 --num-nodes 4 --strategy ddp`). GAN projects get a
 * manual-optimisation module with Deepwire's adversarial loop.
 */
import type { Project } from '../../../../shared/project/schema.js';
import type { ExportModel } from '../models.js';
import { codeModel, ganFacts } from './model-code.js';
import { ganConstants, SCHEDULE_PY, trainingConstants } from './training-py.js';
import { trainingScript } from './script-frame.js';
import type { ScriptOptions } from './keras-script.js';

const HEAD = `try:
    import lightning as L
    from lightning.pytorch.callbacks import EarlyStopping
except ImportError:  # the older package name
    import pytorch_lightning as L
    from pytorch_lightning.callbacks import EarlyStopping


def as_tensor(x):
    """NumPy -> torch; images NHWC -> NCHW."""
    x = torch.from_numpy(np.ascontiguousarray(x))
    return x.permute(0, 3, 1, 2).contiguous() if x.ndim == 4 else x


def make_optimizer(spec, params, beta_1=0.9):
    name, rate = spec
    if name == "sgd":
        return torch.optim.SGD(params, lr=rate)
    if name == "momentum":
        return torch.optim.SGD(params, lr=rate, momentum=0.9)
    if name == "adam":
        return torch.optim.Adam(params, lr=rate, betas=(beta_1, 0.999), eps=1e-7)
    if name == "rmsprop":
        return torch.optim.RMSprop(params, lr=rate, alpha=0.9, eps=1e-7)
    return torch.optim.Adagrad(params, lr=rate, initial_accumulator_value=0.1)


class DeepwireData(L.LightningDataModule):
    """The project's dataset (deepwire_data.py), split into training / validation / test."""

    def __init__(self, batch_size, classification=True, workers=0):
        super().__init__()
        self.batch_size, self.classification, self.workers = batch_size, classification, workers

    def setup(self, stage=None):
        if hasattr(self, "train_set"):
            return
        data = load_dataset(DATASET, "torch", classification=self.classification)
        y_type = torch.long if self.classification else torch.float32
        full = TensorDataset(as_tensor(data["x_train"]), torch.as_tensor(data["y_train"], dtype=y_type))
        validation = int(len(full) * VALIDATION_SPLIT)
        split = torch.Generator().manual_seed(SEED)
        self.train_set, self.val_set = random_split(full, [len(full) - validation, validation], generator=split)
        self.test_set = TensorDataset(as_tensor(data["x_test"]), torch.as_tensor(data["y_test"], dtype=y_type))

    def train_dataloader(self):
        return DataLoader(self.train_set, batch_size=self.batch_size, shuffle=True, num_workers=self.workers, drop_last=KIND == "gan")

    def val_dataloader(self):
        return DataLoader(self.val_set, batch_size=self.batch_size, num_workers=self.workers)

    def test_dataloader(self):
        return DataLoader(self.test_set, batch_size=self.batch_size, num_workers=self.workers)


def trainer_arguments(parser):
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    parser.add_argument("--batch-size", type=int, default=BATCH_SIZE, help="per device")
    parser.add_argument("--accelerator", default="auto", help="cpu, gpu, tpu, mps or auto")
    parser.add_argument("--devices", default="auto", help="devices per node: a count, a list like 0,1, or auto")
    parser.add_argument("--num-nodes", type=int, default=1, help="machines (each runs --devices processes)")
    parser.add_argument("--strategy", default="auto", help="auto, ddp, ddp_spawn, fsdp, deepspeed, ...")
    parser.add_argument("--precision", default="32-true", help="32-true, 16-mixed, bf16-mixed")
    parser.add_argument("--workers", type=int, default=0, help="data loader workers")
    parser.add_argument("--from-scratch", action="store_true", help="start from fresh initial weights, not the exported ones")
    parser.add_argument("--out", default=HERE)


def make_trainer(args, callbacks=()):
    devices = args.devices if args.devices == "auto" or "," in args.devices else int(args.devices)
    return L.Trainer(
        max_epochs=args.epochs,
        accelerator=args.accelerator,
        devices=devices,
        num_nodes=args.num_nodes,
        strategy=args.strategy,
        precision=args.precision,
        callbacks=list(callbacks),
    )
`;

const CLASSIFIER = `${SCHEDULE_PY}

def keras_loss(output, y):
    """The project's loss with Keras's semantics (outputs are probabilities where Keras expects them)."""
    eps = 1e-7
    if LOSS in ("categoricalCrossentropy", "sparseCategoricalCrossentropy"):
        p = (output / output.sum(dim=-1, keepdim=True)).clamp(eps, 1 - eps)
        return F.nll_loss(torch.log(p), y)
    if LOSS == "binaryCrossentropy":
        return F.binary_cross_entropy(output.clamp(eps, 1 - eps), y.float().view_as(output))
    target = y.view_as(output)
    if LOSS == "meanSquaredError":
        return F.mse_loss(output, target)
    if LOSS == "meanAbsoluteError":
        return F.l1_loss(output, target)
    return F.huber_loss(output, target, delta=1.0)


class DeepwireModule(L.LightningModule):
    def __init__(self, epochs, from_scratch=False):
        super().__init__()
        self.save_hyperparameters()
        self.model = Model()
        if not from_scratch:
            self.model.load_deepwire_weights(HERE)

    def forward(self, x):
        return self.model(x)

    def _step(self, batch, stage):
        x, y = batch
        output = self.model(x)
        loss = keras_loss(output, y)
        self.log(f"{stage}_loss" if stage != "train" else "loss", loss, prog_bar=True, sync_dist=stage != "train")
        if "accuracy" in METRICS and CLASSIFICATION:
            predicted = (output.view(-1) > 0.5).long() if OUTPUT_UNITS == 1 else output.argmax(dim=-1)
            accuracy = (predicted == y.view_as(predicted)).float().mean()
            self.log(f"{stage}_accuracy" if stage != "train" else "accuracy", accuracy, prog_bar=True, sync_dist=stage != "train")
        if "mae" in METRICS and not CLASSIFICATION:
            self.log(f"{stage}_mae" if stage != "train" else "mae", F.l1_loss(output, y.view_as(output)), sync_dist=stage != "train")
        return loss

    def training_step(self, batch, batch_idx):
        return self._step(batch, "train")

    def validation_step(self, batch, batch_idx):
        self._step(batch, "val")

    def test_step(self, batch, batch_idx):
        self._step(batch, "test")

    def configure_optimizers(self):
        optimizer = make_optimizer(OPTIMIZER, self.parameters())
        base, epochs = OPTIMIZER[1], self.hparams.epochs
        schedule = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda epoch: scheduled_rate(base, epoch + 1, epochs) / base)
        return {"optimizer": optimizer, "lr_scheduler": {"scheduler": schedule, "interval": "epoch"}}


def main():
    parser = argparse.ArgumentParser(description=f"%(prog)s trains {PROJECT.replace('%', '%%')} with PyTorch Lightning")
    trainer_arguments(parser)
    args = parser.parse_args()
    L.seed_everything(SEED)
    module = DeepwireModule(args.epochs, from_scratch=args.from_scratch)
    data = DeepwireData(args.batch_size, classification=CLASSIFICATION, workers=args.workers)
    callbacks = [EarlyStopping(monitor=EARLY_STOPPING["monitor"], patience=EARLY_STOPPING["patience"], mode="max" if "accuracy" in EARLY_STOPPING["monitor"] else "min")] if EARLY_STOPPING else []
    trainer = make_trainer(args, callbacks)
    trainer.fit(module, datamodule=data)
    trainer.test(module, datamodule=data)
    if trainer.is_global_zero:
        torch.save(module.model.state_dict(), os.path.join(args.out, "trained.pt"))
        print("saved", os.path.join(args.out, "trained.pt"))
`;

const GAN = `def bce(scores, target):
    return F.binary_cross_entropy_with_logits(scores, torch.full_like(scores, target))


def d_loss_of(real, fake):
    target = 1.0 - LABEL_SMOOTHING
    if GAN_LOSS == "vanilla":
        return bce(real, target) + bce(fake, 0.0)
    if GAN_LOSS == "least-squares":
        return 0.5 * ((real - target) ** 2).mean() + 0.5 * (fake**2).mean()
    return fake.mean() - real.mean()


def g_loss_of(fake):
    if GAN_LOSS == "vanilla":
        return bce(fake, 1.0)
    if GAN_LOSS == "least-squares":
        return 0.5 * ((fake - 1.0) ** 2).mean()
    return -fake.mean()


class DeepwireGAN(L.LightningModule):
    """Deepwire's adversarial loop: D_STEPS critic steps per generator step, on the raw score."""

    def __init__(self, from_scratch=False):
        super().__init__()
        self.automatic_optimization = False
        self.generator, self.critic = Generator(), Discriminator(logits=True)
        if not from_scratch:
            self.generator.load_deepwire_weights(os.path.join(HERE, "generator"))
            self.critic.load_deepwire_weights(os.path.join(HERE, "discriminator"))

    def latent(self, batch):
        if LATENT_DISTRIBUTION == "uniform":
            return torch.rand(batch, LATENT_SIZE, device=self.device) * 2 - 1
        return torch.randn(batch, LATENT_SIZE, device=self.device)

    def forward(self, z):
        return self.generator(z)

    def training_step(self, batch, batch_idx):
        g_opt, d_opt = self.optimizers()
        lo, hi = REAL_RANGE
        real = batch[0] * (hi - lo) + lo  # real images in the generator's output range
        fake = self.generator(self.latent(real.shape[0])).detach()
        d_loss = d_loss_of(self.critic(real), self.critic(fake))
        if GAN_LOSS == "wasserstein-gp":
            eps = torch.rand([real.shape[0]] + [1] * (real.dim() - 1), device=self.device)
            mixed = (eps * real + (1 - eps) * fake).requires_grad_(True)
            grad, = torch.autograd.grad(self.critic(mixed).sum(), mixed, create_graph=True)
            d_loss = d_loss + GRADIENT_PENALTY * ((grad.flatten(1).norm(dim=1) - 1) ** 2).mean()
        d_opt.zero_grad()
        self.manual_backward(d_loss)
        d_opt.step()
        if GAN_LOSS == "wasserstein":
            with torch.no_grad():
                for p in self.critic.parameters():
                    p.clamp_(-CLIP_VALUE, CLIP_VALUE)
        self.log("d_loss", d_loss, prog_bar=True)
        if (batch_idx + 1) % D_STEPS == 0:
            g_loss = g_loss_of(self.critic(self.generator(self.latent(real.shape[0]))))
            g_opt.zero_grad()
            self.manual_backward(g_loss)
            g_opt.step()
            self.log("g_loss", g_loss, prog_bar=True)

    def configure_optimizers(self):
        return make_optimizer(G_OPTIMIZER, self.generator.parameters(), beta_1=0.5), make_optimizer(D_OPTIMIZER, self.critic.parameters(), beta_1=0.5)


def main():
    parser = argparse.ArgumentParser(description=f"%(prog)s trains the GAN {PROJECT.replace('%', '%%')} with PyTorch Lightning")
    trainer_arguments(parser)
    args = parser.parse_args()
    L.seed_everything(SEED)
    module = DeepwireGAN(from_scratch=args.from_scratch)
    trainer = make_trainer(args)
    trainer.fit(module, datamodule=DeepwireData(args.batch_size, workers=args.workers))
    if trainer.is_global_zero:
        torch.save(module.generator.state_dict(), os.path.join(args.out, "generator.pt"))
        torch.save(module.critic.state_dict(), os.path.join(args.out, "discriminator.pt"))
        with torch.no_grad():
            np.save(os.path.join(args.out, "samples.npy"), module.generator(module.latent(64)).cpu().numpy())
        print("saved generator.pt, discriminator.pt and 64 samples (samples.npy, NCHW)")
`;

export function lightningScript(project: Project, models: readonly ExportModel[], opts: ScriptOptions): string {
  const gan = project.kind === 'gan';
  const code = models.map(codeModel);
  const facts = gan ? ganFacts(models[0], models[1]) : undefined;
  return trainingScript({
    doc: [
      'PyTorch Lightning script of a Deepwire project (PROJECT), generated by Deepwire DEEPWIRE_VERSION.',
      '',
      `Trains model.py with the project's settings, starting from the exported weights${opts.trained ? '' : ' (untrained initial weights: the project had none)'}.`,
      'Needs torch, lightning (or pytorch_lightning), numpy; torchvision for the built-in datasets.',
      '',
      '    python train_lightning.py                                   # this machine',
      '    python train_lightning.py --accelerator gpu --devices 4 --strategy ddp',
      '    python train_lightning.py --devices 8 --num-nodes 2 --strategy ddp   # on each node (e.g. under srun/torchrun)',
      '    python train_lightning.py --from-scratch --epochs 3',
    ],
    imports: [
      'import numpy as np',
      'import torch',
      'import torch.nn.functional as F',
      'from torch.utils.data import DataLoader, TensorDataset, random_split',
      '',
      'from deepwire_data import load_dataset',
      `from model import ${gan ? 'Discriminator, Generator' : 'Model'}`,
    ],
    version: opts.version,
    body: [
      trainingConstants(project, code[0]),
      ...(facts ? ganConstants(facts) : []),
      '',
      HEAD,
      '',
      gan ? GAN : CLASSIFIER,
    ],
  });
}
