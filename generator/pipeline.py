"""The stages wired together: what `build`, `check` and `ir` run.

`build` first asks the write stage whether the output already came from these
exact inputs (`inputs_hash`); if so it returns without parsing or rendering.
That path imports neither markdown-it nor Jinja, so a no-op rebuild costs
little more than the interpreter's start: heavy stages are imported lazily.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .config import ROUTED_TARGETS, Config
from .diagnostics import Diagnostic
from .write import Plan, plan, read_manifest, up_to_date, write

if TYPE_CHECKING:
    from .ir import Spec
    from .resolve import Options

SpecLoader = Callable[[Config], "tuple[Spec, list[Diagnostic]]"]


def options(cfg: Config, rendering: bool = False) -> Options:
    """The resolve stage's options; `rendering`: the targets are rendered next
    (an operation without method and path concerns the client/openapi ones;
    `ir`, `diff` and `validate` render none)."""
    from .resolve import Options

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
        unreadable_types=cfg.unreadable_types,
        type_map_file=_type_map_option(cfg, rel),
        security_file=rel(cfg.security_path()),
        unrouted_operations=cfg.unrouted_operations,
        routed_targets=tuple(t for t in cfg.targets if t in ROUTED_TARGETS) if rendering else (),
    )


def _type_map_option(cfg: Config, rel: Callable[[Path | None], str | None]) -> str | None:
    """Spec-relative when the type map is in the spec folder, else its absolute path."""
    path = cfg.type_map_path()
    if path is None:
        return None
    return rel(path) or str(path.resolve())


def load_spec(cfg: Config, rendering: bool = False) -> tuple[Spec, list[Diagnostic]]:
    """Parse and resolve; raises SpecError with every diagnostic on bad input."""
    from .resolve import load

    return load(cfg.spec, options(cfg, rendering))


def _walk(root: Path, keep: Callable[[str], bool]) -> list[tuple[str, str]]:
    """(relative posix path, path) of files under root, sorted; symlinked folders skipped
    as `resolve.discover` skips them.  os.walk: several times faster than rglob here."""
    found: list[tuple[str, str]] = []
    base = str(root)
    for dirpath, dirnames, filenames in os.walk(base):
        dirnames[:] = [d for d in dirnames if d != "__pycache__"]  # symlinks: not followed
        rel_dir = os.path.relpath(dirpath, base).replace(os.sep, "/")
        for name in filenames:
            if keep(name):
                rel = name if rel_dir == "." else f"{rel_dir}/{name}"
                found.append((rel, os.path.join(dirpath, name)))
    return sorted(found)


def _generator_files() -> list[tuple[str, str]]:
    """specgen's own code and packaged templates: a new specgen means a new build."""
    here = Path(__file__).resolve().parent
    roots = [here] if (here / "_templates").is_dir() else [here, here.parent / "templates"]
    return [
        (f"{r.name}/{rel}", path)
        for r in roots
        if r.is_dir()
        for rel, path in _walk(r, lambda n: not n.endswith((".pyc", ".pyo")))
    ]


def _hashable(path: str, root: Path | None) -> bool:
    """Regular files only (a FIFO named x.md would block the read), and never
    through a symlink that leaves `root` (discover reports those)."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return False
    except OSError:
        return False
    if root is not None and os.path.islink(path):
        real, base = os.path.realpath(path), os.path.realpath(root)
        return real.startswith(base + os.sep)
    return True


def inputs_hash(cfg: Config) -> str:
    """A hash of everything a build reads: spec files, templates, settings, specgen itself."""
    h = hashlib.sha256(f"specgen {__version__}\n{cfg!r}\n".encode())

    def add(tag: str, files: list[tuple[str, str]], root: Path | None = None) -> None:
        for rel, path in files:
            if not _hashable(path, root):
                continue
            with open(path, "rb") as fh:
                data = fh.read()
            # surrogateescape: a file name that is not UTF-8 must not crash the hash
            h.update(f"{tag}:{rel}".encode("utf-8", "surrogateescape") + b"\0" + data + b"\0")

    if cfg.spec.is_dir():
        add("spec", _walk(cfg.spec, lambda n: n.lower().endswith(".md")), cfg.spec)
    for extra in (cfg.wire_name_overrides, cfg.endpoints, cfg.type_map):
        if extra is not None and extra.is_file():
            add("extra", [(extra.name, str(extra))])
    if cfg.templates is not None and cfg.templates.is_dir():
        add("templates", _walk(cfg.templates, lambda n: True))
    add("specgen", _generator_files())
    return h.hexdigest()


@dataclass
class Result:
    """What a build or check did."""

    plan: Plan
    files: dict[str, str]
    warnings: list[Diagnostic]
    skipped: bool = False  # the output already came from these inputs: nothing rendered
    timings: dict[str, float] = field(default_factory=dict)


def render_all(
    cfg: Config, loader: SpecLoader | None = None
) -> tuple[dict[str, str], list[Diagnostic]]:
    from .emit import render

    spec, warnings = loader(cfg) if loader else load_spec(cfg, rendering=True)
    return render(spec, cfg), warnings


def _stored_warnings(out: Path) -> list[Diagnostic]:
    raw = read_manifest(out).get("warnings", [])
    found: list[Diagnostic] = []
    for item in raw if isinstance(raw, list) else []:
        if isinstance(item, list) and len(item) == 3:
            f, line, msg = item
            if isinstance(f, str) and isinstance(line, int) and isinstance(msg, str):
                found.append(Diagnostic(f, line, msg, "warning"))
    return found


def build(cfg: Config, loader: SpecLoader | None = None, force: bool = False) -> Result:
    digest = inputs_hash(cfg)
    if not force:
        done = up_to_date(cfg.out, digest)
        if done is not None:
            return Result(Plan(unchanged=done), {}, _stored_warnings(cfg.out), skipped=True)
    files, warnings = render_all(cfg, loader)
    notes = [[d.file, d.line, d.message] for d in warnings if d.severity == "warning"]
    p = write(cfg.out, files, digest, notes)
    return Result(p, files, warnings)


def check(cfg: Config) -> Result:
    files, warnings = render_all(cfg)
    return Result(plan(cfg.out, files), files, warnings)
