"""Helpers for the markdown fixed-point tests: md -> IR -> md -> IR.

A tree a dialect grammar cannot fully read yet still gets tested: its IR is
built leniently and closed (models and operations that refer to a model that
failed to parse, and operations whose path names a parameter they lack, are
left out), and that closed IR must survive the trip.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from generator.config import Config
from generator.diagnostics import Diagnostics
from generator.emit import render
from generator.ir import Operation, Spec, model_refs, to_json, type_refs
from generator.parse import parse_document
from generator.resolve import Options, discover, load
from generator.resolve import build as resolve_build
from generator.targets.markdown import DOCS, ENDPOINTS, WIRE_NAMES


@functools.lru_cache(maxsize=16)
def lenient_ir(root: Path, options: Options) -> tuple[Spec, int]:
    """The IR of whatever parses, closed under references; and the error count.
    Cached: the IR is frozen, and several tests read the same corpus tree."""
    diags = Diagnostics()
    files = discover(root, diags)
    spec = resolve_build([parse_document(t, r) for r, t in files], options, diags)
    return close(spec), len(diags.errors)


def _op_refs(op: Operation) -> list[str]:
    types_ = [op.body, *(p.type for p in op.params), *(r.type for r in op.responses)]
    types_ += [r.type for r in op.errors]
    return [r for t in types_ if t is not None for r in type_refs(t)]


def _path_params_known(op: Operation) -> bool:
    """resolve's rule: every `{name}` of the path is a path parameter."""
    names = re.findall(r"\{([^}]*)\}", op.path or "")
    have = {p.wire_name for p in op.params if p.location == "path"}
    return all(n in have for n in names)


def close(spec: Spec) -> Spec:
    models = {m.name: m for m in spec.models}
    changed = True
    while changed:
        changed = False
        for name, m in list(models.items()):
            if any(r not in models for r in model_refs(m)):
                del models[name]
                changed = True
    ops = tuple(
        op
        for op in spec.operations
        if all(r in models for r in _op_refs(op)) and _path_params_known(op)
    )
    return replace(spec, models=tuple(m for m in spec.models if m.name in models), operations=ops)


def normal(spec: Spec) -> Any:
    """The IR without where it was read from: what a re-render must keep.  Whether
    the docs settle a field's nullability (`nullable_known`) belongs to the dialect
    they are written in, so a re-render in another dialect may change it."""

    def strip(node: Any) -> Any:
        if isinstance(node, dict):
            out = {k: strip(v) for k, v in node.items() if k not in ("source", "nullable_known")}
            if "extra" in out:  # an empty extra cell says nothing
                out["extra"] = [kv for kv in out["extra"] if kv[1] != ""]
            return out
        if isinstance(node, list):
            return [strip(v) for v in node]
        return node

    data = to_json(spec)
    return {"models": strip(data["models"]), "operations": strip(data["operations"])}


def write_tree(files: dict[str, str], package: str, dest: Path) -> Path:
    prefix = f"{package}/{DOCS}/"
    for rel, text in files.items():
        assert rel.startswith(prefix), rel
        p = dest / rel[len(prefix) :]
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    return dest


def rendered(spec: Spec, cfg: Config) -> dict[str, str]:
    return render(spec, cfg, ("markdown",))


def reread_options(tree: Path, options: Options, dialect: str = "auto") -> Options:
    return dataclasses.replace(
        options,
        dialect=dialect,
        endpoints_file=ENDPOINTS if (tree / ENDPOINTS).is_file() else None,
        overrides_file=WIRE_NAMES if (tree / WIRE_NAMES).is_file() else None,
    )


def round_trip(
    spec: Spec, cfg: Config, options: Options, tmp: Path
) -> tuple[Spec, dict[str, str], dict[str, str]]:
    """Render spec, read it back strictly, render again: (IR2, md1, md2).

    Read back in the dialect written, not `auto`: a tree whose only
    dialect-specific cells were SDK plumbing (netevia-csharp: `*int*` status
    codes of response wrappers) re-renders as cells several dialects read, and
    `*object*` is any JSON value in C# but an object in TypeScript."""
    md1 = rendered(spec, cfg)
    tree = write_tree(md1, cfg.package, tmp / "md1")
    spec2, _ = load(tree, reread_options(tree, options, cfg.docs_dialect))
    md2 = rendered(spec2, cfg)
    return spec2, md1, md2
