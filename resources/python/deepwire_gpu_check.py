"""GPU smoke check of a Deepwire run bundle (no Node): trains it on a device and prints one line of JSON
with the device, samples/s and the final test accuracy (or MAE for a regressor).

    python3 gpu_check.py                 # cuda:0; exits 2 when torch sees no GPU
    python3 gpu_check.py --device cpu    # the same check on the CPU, to compare
"""
import argparse
import json
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    parser = argparse.ArgumentParser(description="Train this bundle on a device and report speed and test accuracy")
    parser.add_argument("--device", default="cuda", help="cuda, cuda:N, mps or cpu (default cuda)")
    args = parser.parse_args()
    os.environ["DEEPWIRE_DEVICE"] = args.device
    sys.path.insert(0, HERE)
    import deepwire_runner

    seen = {}

    def keep(event):
        seen[event["type"]] = event
        if event["type"] == "failure":
            print(json.dumps(event), flush=True)

    deepwire_runner.emit = keep
    sys.argv = [os.path.join(HERE, "deepwire_runner.py"), HERE]
    try:
        deepwire_runner.main()
    except SystemExit as e:
        sys.exit(2 if seen.get("failure", {}).get("code") == "DW525" else (e.code or 1))
    with open(os.path.join(HERE, "config.json"), encoding="utf-8") as f:
        task = json.load(f)["task"]
    predictions = np.load(os.path.join(HERE, "out", "predictions_test.npy"))
    truth = np.load(os.path.join(HERE, "data", "y_test.npy"))
    report = {"device": seen["ready"]["device"], "torch": seen["ready"]["torch"], "samples_per_second": round(seen["result"]["samplesPerSecond"], 1),
              "epochs": seen["result"]["epochsCompleted"], "seconds": round(seen["result"]["seconds"], 2)}
    if task == "classification":
        predicted = (predictions[:, 0] >= 0.5).astype(np.int64) if predictions.shape[1] == 1 else predictions.argmax(axis=1)
        report["test_accuracy"] = float((predicted == truth).mean())
    else:
        report["test_mae_normalised"] = float(np.abs(predictions - truth.reshape(predictions.shape)).mean())
    print(json.dumps(report), flush=True)


if __name__ == "__main__":
    main()
