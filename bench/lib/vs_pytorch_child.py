"""The PyTorch side of bench/vs-pytorch.bench.ts: one JSON command per line on
stdin, one JSON answer per line on stdout. The models come from Deepwire's own
PyTorch code generator (model.py in the folder `setup` names); this file only
times training steps and inference of them, with the thread count asked for.
"""
import importlib.util
import json
import sys
import time

import torch
import torch.nn.functional as F

state = {}


def load_module(folder):
    spec = importlib.util.spec_from_file_location(f"dw_model_{abs(hash(folder))}", f"{folder}/model.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def classifier_loss(pred, y, loss):
    if loss == "mse":
        return F.mse_loss(pred, y)
    # Keras's categorical cross-entropy on softmax outputs (probabilities, clipped like Keras).
    return -(y * pred.clamp(1e-7, 1.0).log()).sum(-1).mean()


def setup(c):
    torch.manual_seed(1)
    module = load_module(c["dir"])
    batch = c["batch"]
    s = {"kind": c["kind"], "batch": batch}
    if c["kind"] == "gan":
        g, d = module.Generator(), module.Discriminator()
        g.train()
        d.train()
        s.update(
            g=g,
            d=d,
            og=torch.optim.Adam(g.parameters(), lr=c["lr"], betas=(0.5, 0.999)),
            od=torch.optim.Adam(d.parameters(), lr=c["lr"], betas=(0.5, 0.999)),
            real=torch.rand(batch, *c["input"]) * 2 - 1,
            noise=c["noise"],
            probs=c["dSigmoid"],
        )
    else:
        m = module.Model()
        m.train()
        x = torch.rand(batch, *c["input"])
        if c["loss"] == "mse":
            y = torch.randn(batch, c["outputs"])
        else:
            y = F.one_hot(torch.randint(0, c["outputs"], (batch,)), c["outputs"]).float()
        s.update(m=m, opt=torch.optim.Adam(m.parameters(), lr=c["lr"]), x=x, y=y, loss=c["loss"])
    state.clear()
    state.update(s)
    return {"ok": True}


def bce(scores, target, probs):
    t = torch.full_like(scores, target)
    return F.binary_cross_entropy(scores.clamp(1e-7, 1 - 1e-7), t) if probs else F.binary_cross_entropy_with_logits(scores, t)


def train_step():
    s = state
    if s["kind"] == "gan":
        # As Deepwire's stepPair and PyTorch's DCGAN example: one fake batch for the D and the G update.
        g, d, probs = s["g"], s["d"], s["probs"]
        fake = g(torch.randn(s["batch"], s["noise"]))
        s["od"].zero_grad()
        d_loss = bce(d(s["real"]), 1.0, probs) + bce(d(fake.detach()), 0.0, probs)
        d_loss.backward()
        s["od"].step()
        s["og"].zero_grad()
        g_loss = bce(d(fake), 1.0, probs)
        g_loss.backward()
        s["og"].step()
        return float(g_loss)
    s["opt"].zero_grad()
    loss = classifier_loss(s["m"](s["x"]), s["y"], s["loss"])
    loss.backward()
    s["opt"].step()
    return float(loss)


@torch.no_grad()
def infer_step():
    m = state["m"]
    m.eval()
    out = m(state["x"])
    m.train()
    return float(out[0, 0])


def timed(step, steps):
    t0 = time.perf_counter()
    for _ in range(steps):
        step()
    return {"seconds": time.perf_counter() - t0}


def main():
    for line in sys.stdin:
        c = json.loads(line)
        try:
            if c["cmd"] == "hello":
                out = {"torch": torch.__version__, "blas": torch.__config__.show(), "threads": torch.get_num_threads()}
            elif c["cmd"] == "threads":
                torch.set_num_threads(c["n"])
                out = {"threads": torch.get_num_threads()}
            elif c["cmd"] == "setup":
                out = setup(c)
            elif c["cmd"] == "train":
                out = timed(train_step, c["steps"])
            elif c["cmd"] == "infer":
                out = timed(infer_step, c["steps"])
            else:
                out = {"error": f"unknown command {c['cmd']}"}
        except Exception as e:  # answered, not raised: the bench reports it per template
            out = {"error": f"{type(e).__name__}: {e}"}
        sys.stdout.write(json.dumps(out) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
