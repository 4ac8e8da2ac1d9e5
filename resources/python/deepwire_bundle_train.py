"""Train this Deepwire run bundle with PyTorch: Python 3, torch >= 1.12 and numpy; no Node.

    python3 train.py                    # auto device: the first GPU, else the CPU
    python3 train.py --device cuda:1    # or cpu, cuda, mps
    python3 train.py --json             # the engine's events as JSON lines

Several processes (DDP; torch >= 2 can use `torchrun` itself):

    python3 deepwire_torchrun.py --standalone --nproc_per_node=4 deepwire_runner.py .

The trained weights go to out/ (model.json, weights.json, weights/*.npy: a
Keras export folder); `deepwire import out --out trained.deepwire` brings
them back into Deepwire.
"""
import argparse
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def show(event):
    """One readable line per epoch and at the end (batch events are too many to print)."""
    kind = event.get("type")
    if kind == "ready":
        print(f"torch {event['torch']} on {event['device']}, {event['params']:,} parameters", flush=True)
    elif kind == "epoch":
        logs = event["logs"]
        parts = [f"{k} {v:.4f}" for k, v in logs.items() if k != "lr"]
        print(f"epoch {event['epoch']}/{event['epochs']}: {', '.join(parts)} ({event['samplesPerSecond']:.0f} samples/s)", flush=True)
    elif kind == "result":
        print(f"{event['reason']} after {event['epochsCompleted']} epoch(s), {event['seconds']:.1f} s; trained weights in {os.path.join(HERE, 'out')}", flush=True)
    elif kind == "failure":
        print(f"{event['code']}: {event['message']}", file=sys.stderr, flush=True)


def main():
    parser = argparse.ArgumentParser(description="Train this Deepwire run bundle with PyTorch")
    parser.add_argument("--device", help="auto, cpu, cuda, cuda:N or mps (default: the bundle's setting)")
    parser.add_argument("--json", action="store_true", help="print the engine's JSON events")
    args = parser.parse_args()
    if args.device:
        os.environ["DEEPWIRE_DEVICE"] = args.device
    sys.path.insert(0, HERE)
    import deepwire_runner

    if not args.json:
        deepwire_runner.emit = show
    sys.argv = [os.path.join(HERE, "deepwire_runner.py"), HERE]
    deepwire_runner.main()


if __name__ == "__main__":
    main()
