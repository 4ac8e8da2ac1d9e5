"""Checks exported Python against hostile project text (used by hostile-names.test.ts).

    python3 check_generated.py static CHECKS.json   # any python3: compile, AST, tokens
    python3 check_generated.py run CHECKS.json      # python3 with torch + numpy: execute

CHECKS.json: {"variants": [{"label", "folders": {kind: folder}, "benign": {kind: folder}, "name", "dataset",
"layers": {model: [layer names]}, "models": [{"cls", "weights", "inputs", "expected"}]}]}: each variant's files
are compared with the same export of a benign project ("benign").
Prints a JSON list of problems (empty when all is well) and, for `run`, the largest output error.
"""
import argparse
import ast
import importlib.abc
import importlib.util
import io
import json
import os
import sys
import tokenize
import types

STRINGISH = {tokenize.STRING, tokenize.COMMENT} | {getattr(tokenize, n) for n in ("FSTRING_START", "FSTRING_MIDDLE", "FSTRING_END") if hasattr(tokenize, n)}
# Pieces of the hostile strings that only code could show outside strings and comments (identifiers cannot hold them).
FRAGMENTS = ("system (", "alert (", "< script")
LAYOUT = {tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT, tokenize.ENCODING, tokenize.ENDMARKER}


def py_files(folder):
    return sorted(f for f in os.listdir(folder) if f.endswith(".py"))


def imports(tree):
    found = set()
    for n in ast.walk(tree):
        if isinstance(n, ast.Import):
            found |= {("import", a.name, a.asname) for a in n.names}
        elif isinstance(n, ast.ImportFrom):
            found |= {(n.module, a.name, a.asname) for a in n.names}
    return found


def called(tree):
    """Names of everything called: f(...) -> f, a.b(...) -> b; not the model's own layers (self.<layer>(...))."""
    names = set()
    for n in ast.walk(tree):
        if isinstance(n, ast.Call):
            f = n.func
            if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and f.value.id == "self":
                continue
            names.add(f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else type(f).__name__)
    return names


def as_json(value):
    """Python literals as JSON reads them (tuples are lists)."""
    if isinstance(value, (list, tuple)):
        return [as_json(v) for v in value]
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    return value


def constant(tree, name):
    for n in tree.body:
        if isinstance(n, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in n.targets):
            return as_json(ast.literal_eval(n.value))
    return None


def squeeze(text):
    return "".join(text.split())


def module_names(tree):
    """What a file defines at module level: imports, functions, classes, assigned names."""
    names = set()
    for n in tree.body:
        if isinstance(n, (ast.FunctionDef, ast.ClassDef)):
            names.add(n.name)
        elif isinstance(n, ast.Assign):
            names |= {x.id for t in n.targets for x in ast.walk(t) if isinstance(x, ast.Name)}
        for x in ast.walk(n) if isinstance(n, (ast.Import, ast.ImportFrom, ast.Try)) else []:
            if isinstance(x, ast.alias):
                names.add((x.asname or x.name).split(".")[0])
    return names


def static(checks):
    problems, defined = [], set()
    for v in checks["variants"]:
        benign_trees = {}
        for kind, folder in v["benign"].items():
            for f in py_files(folder):
                src = open(os.path.join(folder, f), encoding="utf-8").read()
                benign_trees[(kind, f)] = (ast.parse(src), {c for c in src if ord(c) > 127})
                if f in ("model.py", "train_keras.py"):
                    defined |= module_names(benign_trees[(kind, f)][0])
        for kind, folder in v["folders"].items():
            for f in py_files(folder):
                where = f"{v['label']} {kind}/{f}"
                raw = open(os.path.join(folder, f), "rb").read()
                src = raw.decode("utf-8")
                try:
                    tree = ast.parse(compile(src, f, "exec", ast.PyCF_ONLY_AST))
                except SyntaxError as e:
                    problems.append(f"{where}: does not compile: {e}")
                    continue
                if tokenize.detect_encoding(io.BytesIO(raw).readline)[0] != "utf-8":
                    problems.append(f"{where}: declares an encoding")
                code = " ".join(t.string for t in tokenize.tokenize(io.BytesIO(raw).readline) if t.type not in STRINGISH | LAYOUT)
                for fragment in FRAGMENTS:
                    if fragment in code:
                        problems.append(f"{where}: project text runs as code: {fragment!r} outside strings and comments")
                benign, benign_chars = benign_trees.get((kind, f), (None, set()))
                if benign is None:
                    problems.append(f"{where}: no such file in the benign export")
                    continue
                if imports(tree) != imports(benign):
                    problems.append(f"{where}: imports differ: {sorted(map(str, imports(tree) ^ imports(benign)))}")
                if called(tree) != called(benign):
                    problems.append(f"{where}: calls differ: {sorted(called(tree) ^ called(benign))}")
                extra = {c for c in src if ord(c) > 127} - benign_chars
                if extra:
                    problems.append(f"{where}: raw non-ASCII project text {sorted(extra)[:5]!r}")
                project = constant(tree, "PROJECT")
                if f != "deepwire_data.py" and f != "load_weights.py" and project != v["name"]:
                    problems.append(f"{where}: PROJECT is {project!r}, not the project's name")
                if f.startswith("train_") and constant(tree, "DATASET") != v["dataset"]:
                    problems.append(f"{where}: DATASET does not read back as the project's dataset")
    return problems, sorted(defined)


class Stub(type):
    """Stands in for keras / tensorflow / lightning: any attribute, any call, subclassable; records layer names."""

    names = []

    def __getattr__(cls, attr):
        return Stub(attr, (object,), {})

    def __call__(cls, *args, **kwargs):
        if isinstance(kwargs.get("name"), str):
            Stub.names.append(kwargs["name"])
        return Stub("result", (object,), {})


class StubFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    ROOTS = ("keras", "tensorflow", "lightning", "pytorch_lightning", "torchvision")

    def find_spec(self, fullname, path, target=None):
        if fullname.split(".")[0] in self.ROOTS:
            return importlib.util.spec_from_loader(fullname, self, is_package=True)
        return None

    def create_module(self, spec):
        module = types.ModuleType(spec.name)
        module.__path__ = []
        module.__getattr__ = lambda attr: Stub(attr, (object,), {})
        return module

    def exec_module(self, module):
        pass


def load(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def help_text(module, argv0):
    """main() with --help: argparse prints the description (with the project's name) and exits 0."""
    out, sys.stdout, sys.argv = sys.stdout, io.StringIO(), [argv0, "--help"]
    try:
        module.main()
    except SystemExit as e:
        if e.code not in (0, None):
            raise
    finally:
        text, sys.stdout = sys.stdout.getvalue(), out
    return text


def run(checks):
    import numpy as np
    import torch

    torch.set_num_threads(1)
    sys.meta_path.insert(0, StubFinder())
    problems, worst = [], 0.0
    for i, v in enumerate(checks["variants"]):
        for kind, folder in v["folders"].items():
            if kind == "keras":
                continue
            sys.path.insert(0, folder)
            for m in ("model", "deepwire_data", "load_weights"):
                sys.modules.pop(m, None)
            try:
                if kind == "pytorch":
                    module = load(os.path.join(folder, "model.py"), f"model_{i}")
                    for m in v["models"]:
                        net = getattr(module, m["cls"])().load_deepwire_weights(m["weights"]).eval()
                        xs = [torch.from_numpy(np.load(f)) for f in m["inputs"]]
                        xs = [x.permute(0, 3, 1, 2) if x.dim() == 4 else x for x in xs]
                        with torch.no_grad():
                            y = net(*xs)
                        y = y.permute(0, 2, 3, 1) if y.dim() == 4 else y
                        worst = max(worst, float(np.abs(y.numpy() - np.load(m["expected"])).max()))
                    script = load(os.path.join(folder, "train_lightning.py"), f"train_lightning_{i}")
                    text = help_text(script, "train_lightning.py")
                else:
                    script = load(os.path.join(folder, "train_keras.py"), f"train_keras_{i}")
                    for model, names in v["layers"].items():
                        Stub.names = []
                        getattr(script, {"model": "build_model", "generator": "build_generator", "discriminator": "build_discriminator"}[model])()
                        if sorted(Stub.names) != sorted(names + [model]):
                            problems.append(f"{v['label']} train_keras.py builds layers {Stub.names!r}, not {names!r}")
                    text = help_text(script, "train_keras.py")
                if script.PROJECT != v["name"] or as_json(script.DATASET) != v["dataset"]:
                    problems.append(f"{v['label']} {kind}: PROJECT or DATASET changed on the way")
                if squeeze(v["name"]) not in squeeze(text):
                    problems.append(f"{v['label']} {kind}: --help does not show the project's name: {text!r}")
            except Exception as e:  # noqa: BLE001 - every failure is a finding
                problems.append(f"{v['label']} {kind}: {type(e).__name__}: {e}")
            finally:
                sys.path.remove(folder)
    return problems, worst, sorted(n for n in dir(torch.nn.Module) if not n.startswith("_"))


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["static", "run"])
    parser.add_argument("checks")
    args = parser.parse_args()
    checks = json.load(open(args.checks, encoding="utf-8"))
    if args.mode == "static":
        found, names = static(checks)
        print(json.dumps({"problems": found, "names": names}))
    else:
        found, error, names = run(checks)
        print(json.dumps({"problems": found, "max_error": error, "names": names}))
