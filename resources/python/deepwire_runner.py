"""Deepwire's PyTorch engine: trains one prepared run folder, as the TF.js engine would.

    python deepwire_runner.py RUN_DIR

RUN_DIR (written by src/main/engine/pytorch/run-folder.ts) holds model.py (from
Deepwire's PyTorch code generator), weights.json + weights/*.npy (the seeded
initial weights in Keras's layout), data/*.npy (the prepared, normalised
splits, memory-mapped here) and config.json. Events go to stdout as JSON
lines in the engine's protocol (batch, epoch, paused, resumed) plus `ready`,
`result` and `failure`; commands (pause, resume, stop) come on stdin, one
JSON object a line; under Deepwire (DEEPWIRE_SUPERVISED=1) EOF on stdin means
Deepwire is gone and the process exits. At the end, RUN_DIR/out holds the
trained weights (weights.json + Keras-layout .npy, as the export writes them)
and the test split's predictions, which Deepwire evaluates itself.
DEEPWIRE_DEVICE overrides config.json's device (a bundle's --device).

Under torchrun (--nproc-per-node N, on one machine or several) every rank
trains its share of each global batch (DDP, gloo on CPU, nccl on CUDA); rank 0
steers (pause, stop), and each machine's first process reports and writes
(the replicas' weights are equal).
"""
import json
import math
import os
import sys
import threading
import time

from deepwire_probe import MIN_TORCH, pick_device, version_tuple

EVAL_CHUNK = 512
MIN_BATCH_EVENT_S = 0.05
EPS = 1e-7  # Keras's epsilon: probabilities are clipped to [EPS, 1 - EPS]


def emit(event):
    sys.stdout.write(json.dumps(event) + "\n")
    sys.stdout.flush()


def fail(code, message, where=None, status=3):
    emit({"type": "failure", "code": code, "message": message, **({"where": where} if where else {})})
    sys.exit(status)


try:
    import numpy as np
except ImportError as e:
    fail("DW526", f"{sys.executable} cannot import numpy ({e})")
try:
    import torch
    import torch.nn.functional as F
except ImportError as e:
    fail("DW523", f"{sys.executable} cannot import torch ({e})")
if version_tuple(torch.__version__) < MIN_TORCH:
    fail("DW524", f"torch {torch.__version__} at {sys.executable} is older than {'.'.join(map(str, MIN_TORCH))}")


# ── the same randomness as the TF.js engine ──────────────────────────────────

MASK = 0xFFFFFFFF


def seeded_random(seed):
    """mulberry32, bit for bit as src/shared/random.ts, so epochs shuffle the same."""
    state = seed & MASK

    def next_float():
        nonlocal state
        state = (state + 0x6D2B79F5) & MASK
        t = state
        t = ((t ^ (t >> 15)) * (t | 1)) & MASK
        t ^= (t + (((t ^ (t >> 7)) * (t | 61)) & MASK)) & MASK
        return ((t ^ (t >> 14)) & MASK) / 4294967296

    return next_float


def shuffled(n, random):
    """Fisher-Yates over range(n), as src/main/engine/datasets/rng.ts shuffleInPlace."""
    values = list(range(n))
    for i in range(n - 1, 0, -1):
        j = int(random() * (i + 1))
        values[i], values[j] = values[j], values[i]
    return np.array(values, dtype=np.int64)


# ── commands from Deepwire ───────────────────────────────────────────────────


class Control:
    """pause / resume / stop from stdin; the loop looks between batches."""

    def __init__(self, listen):
        self.stop = False
        self.running = threading.Event()
        self.running.set()
        if listen:
            threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in sys.stdin:
            try:
                command = json.loads(line).get("type")
            except ValueError:
                continue
            if command == "pause":
                self.running.clear()
            elif command == "resume":
                self.running.set()
            elif command == "stop":
                self.stop = True
                self.running.set()
        os._exit(70)  # stdin closed: Deepwire is gone, nobody reads the result


# ── Keras's losses and metrics ───────────────────────────────────────────────


def keras_loss(name, output, y):
    """Per-sample losses with Keras's semantics (outputs are probabilities where Keras expects them)."""
    if name in ("categoricalCrossentropy", "sparseCategoricalCrossentropy"):
        p = (output / output.sum(dim=-1, keepdim=True)).clamp(EPS, 1 - EPS)
        return -torch.log(p).gather(1, y.view(-1, 1)).view(-1)
    if name == "binaryCrossentropy":
        p = output.clamp(EPS, 1 - EPS)
        t = y.float().view_as(p)
        return -(t * torch.log(p) + (1 - t) * torch.log(1 - p)).mean(dim=-1)
    target = y.view_as(output)
    if name == "meanSquaredError":
        return ((output - target) ** 2).mean(dim=-1)
    if name == "meanAbsoluteError":
        return (output - target).abs().mean(dim=-1)
    return F.huber_loss(output, target, reduction="none", delta=1.0).mean(dim=-1)


def predicted_class(output):
    return (output.view(-1) >= 0.5).long() if output.shape[-1] == 1 else output.argmax(dim=-1)


def make_optimizer(name, rate, params, beta1=0.9):
    """TF.js's optimizers and defaults (Adam/RMSprop epsilon 1e-7, Adagrad accumulator 0.1); GANs pass beta1 0.5."""
    if name == "sgd":
        return torch.optim.SGD(params, lr=rate)
    if name == "momentum":
        return torch.optim.SGD(params, lr=rate, momentum=0.9)
    if name == "adam":
        return torch.optim.Adam(params, lr=rate, betas=(beta1, 0.999), eps=1e-7)
    if name == "rmsprop":
        return torch.optim.RMSprop(params, lr=rate, alpha=0.9, eps=1e-7)
    return torch.optim.Adagrad(params, lr=rate, initial_accumulator_value=0.1)


def should_stop_early(config, history):
    """Keras's rule, as src/main/engine/train/loop.ts: `patience` epochs without a new best."""
    if not config:
        return False
    values = [h.get(config["monitor"]) for h in history]
    best_at = -1
    for i, v in enumerate(values):
        if v is None:
            continue
        best = values[best_at] if best_at >= 0 else None
        if best is None or (v < best if config["monitor"] == "val_loss" else v > best):
            best_at = i
    return best_at >= 0 and len(values) - 1 - best_at >= config["patience"]


def js_number(v):
    """A float as JavaScript prints it in a message (NaN, Infinity)."""
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    return repr(v)


# ── progress, as src/main/engine/train/progress.ts ───────────────────────────


class Progress:
    def __init__(self, run_samples):
        self.run_samples = run_samples
        self.samples = self.seconds = 0.0
        self.total_samples = self.total_seconds = 0.0
        self.warmed_up = False
        self.last_emit = -math.inf

    def step(self, count, seconds):
        self.total_samples += count
        self.total_seconds += seconds
        if not self.warmed_up:  # the first batch builds and warms; leave it out of the rate when there is more
            self.warmed_up = True
            if self.run_samples > count:
                return
        self.samples += count
        self.seconds += seconds

    def samples_per_second(self):
        if self.seconds > 0:
            return self.samples / self.seconds
        return self.total_samples / self.total_seconds if self.total_seconds > 0 else 0.0

    def eta_seconds(self):
        rate = self.samples_per_second()
        return max(0.0, self.run_samples - self.total_samples) / rate if rate > 0 else 0.0

    def should_emit(self, last_of_epoch):
        now = time.perf_counter()
        if not last_of_epoch and now - self.last_emit < MIN_BATCH_EVENT_S:
            return False
        self.last_emit = now
        return True


def memory_mb():
    """Resident memory of this process."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, AttributeError):
        try:
            import resource
        except ImportError:  # Windows: no cheap way without psutil
            return 0.0
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # the peak, where /proc is missing (macOS)
        return rss / 2**20 if sys.platform == "darwin" else rss / 1024


def gpu_memory_mb(device):
    if device.type == "cuda":
        return torch.cuda.memory_allocated(device) / 2**20
    if device.type == "mps" and hasattr(torch, "mps") and hasattr(torch.mps, "current_allocated_memory"):
        return torch.mps.current_allocated_memory() / 2**20
    return None


# ── the run ──────────────────────────────────────────────────────────────────


class Run:
    def __init__(self, folder, config, device, dist):
        self.folder, self.config, self.device = folder, config, device
        self.rank, self.world = dist
        self.main = self.rank == 0  # steers: pause and stop come from rank 0's Deepwire
        self.reports = local_rank() == 0  # each node's first process reports and writes (the weights agree)
        self.classification = config["task"] == "classification"
        data = os.path.join(folder, "data")
        self.split = {name: np.load(os.path.join(data, f"{name}.npy"), mmap_mode="r") for name in config["arrays"]}
        sys.path.insert(0, folder)
        import model as generated  # model.py of this run (Deepwire's PyTorch code generator)

        torch.manual_seed(config["seed"])
        self.model = generated.Model().load_deepwire_weights(folder).to(device)
        self.net = self.model
        if self.world > 1:
            from torch.nn.parallel import DistributedDataParallel

            self.net = DistributedDataParallel(self.model, device_ids=[device.index] if device.type == "cuda" else None)

    def inputs(self, x):
        x = np.ascontiguousarray(x, dtype=np.float32)
        x = torch.from_numpy(x if x.flags.writeable else x.copy())  # a slice of the memory map is read-only
        if x.dim() == 4:  # images: Deepwire's NHWC -> the generated modules' NCHW
            x = x.permute(0, 3, 1, 2).contiguous()
        return x.to(self.device, non_blocking=True)

    def predict(self, name):
        """Predictions over a whole split in eval mode (chunks), as float32 (N, units)."""
        self.model.eval()
        x = self.split[f"x_{name}"]
        out = []
        with torch.no_grad():
            for start in range(0, len(x), EVAL_CHUNK):
                out.append(self.model(self.inputs(x[start : start + EVAL_CHUNK])).float().cpu())
        return torch.cat(out) if out else torch.zeros(0, 1)

    def labels(self, y):
        y = np.ascontiguousarray(y)
        y = torch.from_numpy(y if y.flags.writeable else y.copy())
        return y.long().view(-1) if self.classification else y.float()

    def evaluate(self, name):
        """Mean loss, and accuracy or MAE, of a split: what src/main/engine/train/evaluate.ts computes."""
        p = self.predict(name)
        y = self.labels(self.split[f"y_{name}"])
        logs = {"loss": float(keras_loss(self.config["loss"], p, y).mean()) if len(p) else 0.0}
        if self.classification:
            logs["accuracy"] = float((predicted_class(p) == y).float().mean()) if len(p) else 0.0
        else:
            logs["mae"] = float((p - y.view_as(p)).abs().mean()) if len(p) else 0.0
        return logs

    def train(self, control):
        cfg = self.config
        x, y = self.split["x_train"], self.split["y_train"]
        count, batch_size, epochs = len(x), cfg["batchSize"], cfg["epochs"]
        batches = math.ceil(count / batch_size)
        optimizer = make_optimizer(cfg["optimizer"], cfg["rates"][0], self.net.parameters())
        progress = Progress(count * epochs)
        random = seeded_random(cfg["seed"])
        history = []
        stop = torch.zeros(1)

        def result(reason, completed):
            return {"reason": reason, "epochsCompleted": completed, "last": history[-1] if history else None, "progress": progress}

        for epoch in range(1, epochs + 1):
            lr = cfg["rates"][epoch - 1]
            for group in optimizer.param_groups:
                group["lr"] = lr
            order = shuffled(count, random)
            epoch_start = progress.total_seconds
            sums = {"loss": 0.0, "metric": 0.0}
            seen = 0
            for b in range(batches):
                if self.main and not control.running.is_set():
                    emit({"type": "paused", "epoch": epoch, "batch": b})
                    control.running.wait()
                    if not control.stop:
                        emit({"type": "resumed"})
                if self.world > 1:  # every rank stops at the same batch
                    stop.fill_(1.0 if self.main and control.stop else 0.0)
                    torch.distributed.broadcast(stop, 0)
                    if stop.item():
                        return result("stopped", epoch - 1)
                elif control.stop:
                    return result("stopped", epoch - 1)
                rows = order[b * batch_size : min(count, (b + 1) * batch_size)]
                n = len(rows)
                # This rank's share of the global batch (DDP averages the gradients of the shares).
                mine = np.sort(rows[self.rank :: self.world]) if self.world > 1 else np.sort(rows)
                started = time.perf_counter()
                xb, yb = self.inputs(x[mine]), self.labels(y[mine]).to(self.device)
                self.model.train()
                output = self.net(xb)
                per_sample = keras_loss(cfg["loss"], output, yb)
                loss = per_sample.mean()
                optimizer.zero_grad(set_to_none=True)
                loss.backward()
                optimizer.step()
                with torch.no_grad():
                    metric = (predicted_class(output) == yb).float().mean() if self.classification else (output - yb.view_as(output)).abs().mean()
                    totals = torch.stack([per_sample.sum(), metric * len(mine)]).float().cpu()
                if self.world > 1:
                    torch.distributed.all_reduce(totals)
                loss_value, metric_value = float(totals[0]) / n, float(totals[1]) / n
                progress.step(n, time.perf_counter() - started)
                if not math.isfinite(loss_value):
                    fail("DW501", f"the loss became {js_number(loss_value)} at epoch {epoch}, batch {b + 1} (learning rate {lr})", f"epoch {epoch}, batch {b + 1}", 0)
                sums["loss"] += loss_value * n
                sums["metric"] += metric_value * n
                seen += n
                if self.reports and progress.should_emit(b == batches - 1):
                    event = {"type": "batch", "epoch": epoch, "batch": b + 1, "batchesPerEpoch": batches, "loss": loss_value}
                    if self.classification:
                        event["accuracy"] = metric_value
                    event.update(samplesPerSecond=progress.samples_per_second(), etaSeconds=progress.eta_seconds(), memoryMB=memory_mb())
                    gpu = gpu_memory_mb(self.device)
                    if gpu is not None:
                        event["gpuMemoryMB"] = gpu
                    emit(event)
            seconds = progress.total_seconds - epoch_start
            logs = {"loss": sums["loss"] / seen, "lr": lr}
            logs["accuracy" if self.classification else "mae"] = sums["metric"] / seen
            if len(self.split["x_validation"]) > 0:
                val = self.evaluate("validation")
                logs["val_loss"] = val["loss"]
                if self.classification:
                    logs["val_accuracy"] = val["accuracy"]
                else:
                    logs["val_mae"] = val["mae"]
            history.append(logs)
            if self.reports:
                emit({"type": "epoch", "epoch": epoch, "epochs": epochs, "logs": logs, "samplesPerSecond": seen / seconds if seconds > 0 else 0, "seconds": seconds})
            if should_stop_early(cfg.get("earlyStopping"), history):
                return result("early-stopping", epoch)
        return result("completed", epochs)

    def write_result(self, outcome):
        out = os.path.join(self.folder, "out")
        os.makedirs(out, exist_ok=True)
        np.save(os.path.join(out, "predictions_test.npy"), self.predict("test").numpy().astype(np.float32))
        write_weights(self.folder, out, self.model)
        progress = outcome["progress"]
        emit({
            "type": "result",
            "reason": outcome["reason"],
            "epochsCompleted": outcome["epochsCompleted"],
            "last": outcome["last"],
            "samplesPerSecond": progress.samples_per_second(),
            "seconds": progress.total_seconds,
        })


def write_weights(initial, out, module):
    """out/weights.json + out/weights/*.npy in Keras's layout: the initial manifest (same names, files and
    shapes) marked trained, and the module's trained values."""
    with open(os.path.join(initial, "weights.json"), encoding="utf-8") as f:
        manifest = json.load(f)
    manifest["trained"] = True
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "weights.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=2)
    for name, value in module.deepwire_weights().items():
        path = os.path.join(out, "weights", *f"{name}.npy".split("/"))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        np.save(path, value)


def local_rank():
    """This process's rank on its machine (torchrun's LOCAL_RANK; 0 when run alone)."""
    return int(os.environ.get("LOCAL_RANK", "0"))


def distributed(device):
    """(rank, world size), joining the process group when torchrun started several processes."""
    world = int(os.environ.get("WORLD_SIZE", "1"))
    if world == 1:
        return 0, 1
    backend = "nccl" if device.type == "cuda" else "gloo"
    try:
        torch.distributed.init_process_group(backend)
    except Exception as e:  # noqa: BLE001 - any failure to join is the run's failure
        fail("DW528", f"rank {os.environ.get('RANK', '?')} could not join the {backend} process group: {e}")
    return torch.distributed.get_rank(), world


def main():
    folder = sys.argv[1]
    with open(os.path.join(folder, "config.json"), encoding="utf-8") as f:
        config = json.load(f)
    wanted = os.environ.get("DEEPWIRE_DEVICE") or config["device"]
    if int(os.environ.get("WORLD_SIZE", "1")) > 1 and wanted in ("auto", "cuda") and torch.cuda.is_available():
        wanted = f"cuda:{int(os.environ.get('LOCAL_RANK', '0'))}"  # one GPU per process
    device, label = pick_device(torch, wanted)
    if device is None:
        fail("DW525", label, "--device")
    rank, world = distributed(device)
    if config.get("threads"):
        torch.set_num_threads(config["threads"])
    # Each node's first process listens: on rank 0 for pause/resume/stop, elsewhere for Deepwire going away.
    control = Control(listen=local_rank() == 0 and os.environ.get("DEEPWIRE_SUPERVISED") == "1")
    if config.get("kind") in ("gan", "cyclegan"):  # the adversarial loops (deepwire_gan.py, deepwire_cycle.py)
        import deepwire_cycle
        import deepwire_gan

        (deepwire_gan if config["kind"] == "gan" else deepwire_cycle).train(folder, config, device, label, control)
        return
    run = Run(folder, config, device, (rank, world))
    if run.reports:
        params = sum(p.numel() for p in run.model.parameters())
        emit({"type": "ready", "torch": torch.__version__, "python": sys.version.split()[0], "executable": sys.executable,
              "device": label, "world": world, "params": params, "threads": torch.get_num_threads()})
    outcome = run.train(control)
    if run.reports:
        run.write_result(outcome)
    if world > 1:
        torch.distributed.barrier()
        torch.distributed.destroy_process_group()


if __name__ == "__main__":
    main()
