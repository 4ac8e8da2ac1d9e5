"""What this Python offers Deepwire's PyTorch backend: versions and devices.

Run alone it prints one JSON object (`deepwire doctor` reads it); the runner
imports `torch_devices` and `pick_device` from here so both agree.
Never raises: a missing or broken torch is reported, not thrown.
"""
import json
import platform
import sys

# The oldest torch the runner is written for (torch.from_numpy on memory maps, F.pad modes, set_to_none).
MIN_TORCH = (1, 12)


def version_tuple(text):
    parts = []
    for piece in text.split("+")[0].split(".")[:2]:
        digits = "".join(ch for ch in piece if ch.isdigit())
        parts.append(int(digits) if digits else 0)
    return tuple(parts)


def torch_devices(torch):
    """Every accelerator torch sees: CUDA or ROCm GPUs (both as cuda:N), then Apple's MPS."""
    found = []
    kind = "ROCm" if getattr(torch.version, "hip", None) else "CUDA"
    if torch.cuda.is_available():
        for i in range(torch.cuda.device_count()):
            props = torch.cuda.get_device_properties(i)
            found.append({"id": f"cuda:{i}", "kind": kind, "name": props.name, "memoryMB": props.total_memory / 2**20})
    mps = getattr(torch.backends, "mps", None)
    if mps is not None and mps.is_available():
        found.append({"id": "mps", "kind": "MPS", "name": "Apple GPU (Metal)", "memoryMB": None})
    return found


def describe(device):
    memory = f", {device['memoryMB'] / 1024:.1f} GiB" if device.get("memoryMB") else ""
    return f"{device['id']} ({device['name']}{memory}, {device['kind']})"


def pick_device(torch, wanted):
    """(torch.device, label) for auto | cpu | cuda | cuda:N | mps, or (None, why not)."""
    devices = torch_devices(torch)
    if wanted == "auto":
        chosen = devices[0] if devices else None
        return (torch.device(chosen["id"]), describe(chosen)) if chosen else (torch.device("cpu"), "cpu")
    if wanted == "cpu":
        return torch.device("cpu"), "cpu"
    wanted_id = "cuda:0" if wanted == "cuda" else wanted
    for d in devices:
        if d["id"] == wanted_id:
            return torch.device(wanted_id), describe(d)
    seen = ", ".join(d["id"] for d in devices) or "none (torch sees no GPU: CPU-only build, or no driver)"
    return None, f"device '{wanted}' is not available to torch {torch.__version__}; devices seen: {seen}"


def probe():
    report = {"python": {"executable": sys.executable, "version": platform.python_version()}, "numpy": None, "torch": None}
    try:
        import numpy

        report["numpy"] = numpy.__version__
    except Exception as e:  # noqa: BLE001 - any import failure is the answer
        report["numpyError"] = f"{type(e).__name__}: {e}"
    try:
        import torch
    except Exception as e:  # noqa: BLE001
        report["torchError"] = f"{type(e).__name__}: {e}"
        return report
    report["torch"] = {
        "version": torch.__version__,
        "tooOld": version_tuple(torch.__version__) < MIN_TORCH,
        "cuda": torch.version.cuda,
        "hip": getattr(torch.version, "hip", None),
        "devices": torch_devices(torch),
        "threads": torch.get_num_threads(),
        "distributed": torch.distributed.is_available(),
    }
    return report


if __name__ == "__main__":
    print(json.dumps(probe()))
