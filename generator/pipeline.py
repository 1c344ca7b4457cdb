"""The stages wired together: what `build`, `check` and `ir` run."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from . import __version__
from .config import Config
from .diagnostics import Diagnostic
from .emit import render, template_files
from .ir import Spec
from .resolve import Options, load
from .write import Plan, plan, write


def options(cfg: Config) -> Options:
    def rel(p: Path | None) -> str | None:
        if p is None:
            return None
        try:
            return p.resolve().relative_to(cfg.spec.resolve()).as_posix()
        except ValueError:
            return None

    return Options(
        dialect=cfg.dialect,
        wire_names=cfg.wire_names,
        overrides_file=rel(cfg.wire_name_overrides),
        endpoints_file=rel(cfg.endpoints_path()),
        strict=cfg.strict,
    )


def load_spec(cfg: Config) -> tuple[Spec, list[Diagnostic]]:
    """Parse and resolve; raises SpecError with every diagnostic on bad input."""
    return load(cfg.spec, options(cfg))


def inputs_hash(cfg: Config) -> str:
    """A hash of everything a build reads: spec files, templates, settings, version."""
    h = hashlib.sha256(f"specgen {__version__}\n{cfg!r}\n".encode())
    spec = cfg.spec
    for p in sorted(spec.rglob("*.md")) if spec.is_dir() else []:
        h.update(p.relative_to(spec).as_posix().encode() + b"\0" + p.read_bytes() + b"\0")
    for p in template_files(cfg.templates):
        h.update(p.name.encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


@dataclass
class Result:
    plan: Plan
    files: dict[str, str]
    warnings: list[Diagnostic]


def render_all(cfg: Config) -> tuple[dict[str, str], list[Diagnostic]]:
    spec, warnings = load_spec(cfg)
    return render(spec, cfg), warnings


def build(cfg: Config) -> Result:
    files, warnings = render_all(cfg)
    p = write(cfg.out, files, inputs_hash(cfg))
    return Result(p, files, warnings)


def check(cfg: Config) -> Result:
    files, warnings = render_all(cfg)
    return Result(plan(cfg.out, files), files, warnings)
