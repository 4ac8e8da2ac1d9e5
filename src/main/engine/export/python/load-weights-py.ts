/**
 * `load_weights.py`, written beside Keras and Keras-script exports: loads the
 * .npy weights listed in weights.json into a Keras 3 model, layer by layer by
 * name, and gives recurrent layers trained by TF.js their hard-sigmoid gates
 * back (TF.js's clip(0.2·x + 0.5, 0, 1); Keras 3's own hard_sigmoid has slope 1/6).
 */
export const LOAD_WEIGHTS_PY = `"""Load weights exported by Deepwire (one .npy file per tensor, listed in
weights.json) into a Keras 3 model.

    from load_weights import load_model
    model = load_model()               # model.json + weights.json beside this file
    model = load_model("generator")    # a GAN's generator (a sub-folder)

For a model built in code with the same layer names:

    from load_weights import load_weights
    load_weights(model)                # or load_weights(model, "generator")

Needs only numpy (and keras for load_model).
"""
import json
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def hard_sigmoid_tfjs(x):
    """TF.js's and Keras 2's hard sigmoid (activation or gate): clip(0.2 * x + 0.5, 0, 1)."""
    import keras

    return keras.ops.clip(0.2 * x + 0.5, 0.0, 1.0)


def _folder(folder):
    return folder if os.path.isabs(folder) else os.path.join(HERE, folder)


def _cells(layer):
    if hasattr(layer, "forward_layer"):
        return [layer.forward_layer.cell, layer.backward_layer.cell]
    return [layer.cell] if hasattr(layer, "cell") else []


def read_manifest(folder="."):
    with open(os.path.join(_folder(folder), "weights.json"), encoding="utf-8") as f:
        manifest = json.load(f)
    if manifest.get("format") != "deepwire-npy-weights" or manifest.get("version") != 1:
        raise ValueError("weights.json was not written by Deepwire's npy exporter (format version 1)")
    return manifest


def load_arrays(folder="."):
    """{weight name: numpy array}, e.g. arrays["dense/kernel"]."""
    root = _folder(folder)
    return {
        w["name"]: np.load(os.path.join(root, w["file"]))
        for layer in read_manifest(folder)["layers"]
        for w in layer["weights"]
    }


def load_weights(model, folder="."):
    root = _folder(folder)
    manifest = read_manifest(folder)
    for entry in manifest["layers"]:
        layer = model.get_layer(entry["name"])
        # Each array in its variable's dtype (Normalization's count is an int in Keras).
        arrays = [np.load(os.path.join(root, w["file"])) for w in entry["weights"]]
        layer.set_weights([a.astype(v.dtype) for a, v in zip(arrays, layer.weights)])
        if hasattr(layer, "finalize_state"):
            layer.finalize_state()  # Normalization reads its mean and variance from the weights here
        if entry.get("gate") == "hard_sigmoid":
            for cell in _cells(layer):
                cell.recurrent_activation = hard_sigmoid_tfjs
    if not manifest.get("trained", True):
        print("note: these are the untrained initial weights of the project")
    return model


def load_model(folder="."):
    import keras

    with open(os.path.join(_folder(folder), "model.json"), encoding="utf-8") as f:
        # model.json names Deepwire's (TF.js's) hard sigmoid as this function: Keras 3's own differs.
        model = keras.models.model_from_json(f.read(), custom_objects={"hard_sigmoid_tfjs": hard_sigmoid_tfjs})
    return load_weights(model, folder)


if __name__ == "__main__":
    import sys

    load_model(sys.argv[1] if len(sys.argv) > 1 else ".").summary()
`;
