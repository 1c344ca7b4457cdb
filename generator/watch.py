"""`specgen watch`: rebuild whenever a spec doc or a template changes.

Built on watchfiles (inotify and friends, debounced).  Each rebuild prints one
summary line; a broken edit prints its diagnostics and leaves the last good
output on disk (a failed build writes nothing), and the next good edit
recovers.  Ctrl-C (SIGINT) or SIGTERM stops it with exit 0.

Incremental strategy: the process keeps every parsed document keyed by its
path and exact text, so a rebuild re-parses only the docs that changed, then
resolves and renders the whole spec and writes only files whose bytes
changed.  Parsing is the costliest stage per doc; resolving is global (a
field's type may come from any doc) and rendering is cheap, so tracking
finer-grained dependencies would buy little (benchmarks/build.py measures it).
"""

from __future__ import annotations

import argparse
import signal
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING

from .config import Config
from .diagnostics import Diagnostic, Diagnostics, SpecError

if TYPE_CHECKING:
    from .ir import Spec
    from .parse import Document


class DocCache:
    """Parsed documents by (path, text): unchanged docs are never parsed twice."""

    def __init__(self) -> None:
        self.docs: dict[str, tuple[str, Document]] = {}
        self.parsed = 0  # documents parsed by the last load (for the summary)

    def parse(self, rel: str, text: str) -> Document:
        from .parse import parse_document

        hit = self.docs.get(rel)
        if hit is not None and hit[0] == text:
            return hit[1]
        doc = parse_document(text, rel)
        self.docs[rel] = (text, doc)
        self.parsed += 1
        return doc

    def load(self, cfg: Config) -> tuple[Spec, list[Diagnostic]]:
        """What `resolve.load` does, with parsing served from the cache."""
        from .pipeline import options
        from .resolve import build, discover

        self.parsed = 0
        diags = Diagnostics()
        files = discover(cfg.spec, diags)
        docs = [self.parse(rel, text) for rel, text in files]
        seen = {rel for rel, _ in files}
        for rel in list(self.docs):
            if rel not in seen:
                del self.docs[rel]
        spec = build(docs, options(cfg, rendering=True), diags)
        if diags.errors:
            raise SpecError(diags.sorted())
        return spec, diags.sorted()


def watched_paths(cfg: Config) -> list[Path]:
    """Folders whose changes trigger a rebuild: spec, templates, settings files' folders."""
    from .emit import packaged_templates

    paths = [cfg.spec]
    if cfg.templates is not None:
        paths.append(cfg.templates)
    try:
        paths.append(packaged_templates())
    except FileNotFoundError:
        pass
    for extra in (cfg.wire_name_overrides, cfg.endpoints):
        if extra is not None:
            paths.append(extra.parent)
    unique: list[Path] = []
    for p in paths:
        if p.is_dir() and p.resolve() not in [u.resolve() for u in unique]:
            unique.append(p)
    return unique


def relevant(cfg: Config, changed: Iterable[str]) -> list[str]:
    """The changed files a build reads: docs under spec, templates, settings files."""
    out = cfg.out.resolve()
    spec = cfg.spec.resolve()
    extras = {p.resolve() for p in (cfg.wire_name_overrides, cfg.endpoints) if p is not None}
    found: list[str] = []
    for name in changed:
        p = Path(name).resolve()
        if p == out or out in p.parents:
            continue  # our own writes
        if spec in p.parents:
            if p.suffix.lower() == ".md":
                found.append(p.relative_to(spec).as_posix())
        elif p in extras or p.suffix != ".md":
            found.append(p.name)
    return sorted(set(found))


def _stamp() -> str:
    return time.strftime("%H:%M:%S")


def build_once(cfg: Config, cache: DocCache, why: str, verbose: bool) -> bool:
    """One rebuild with a one-line summary; False (output kept) on bad input."""
    from .cli import print_diagnostics
    from .pipeline import build

    t0 = time.perf_counter()
    try:
        result = build(cfg, loader=cache.load)
    except SpecError as e:
        print_diagnostics(e.diagnostics, True)
        sys.stderr.flush()
        n = len([d for d in e.diagnostics if d.severity == "error"])
        print(
            f"[{_stamp()}] {why}: {n} error(s); kept the last good output in {cfg.out}",
            flush=True,
        )
        return False
    except OSError as e:  # a file vanished or is unreadable mid-edit: try again next change
        where = f"{e.filename}: " if e.filename else ""
        print(f"[{_stamp()}] {why}: error: {where}{e.strerror or e}", flush=True)
        return False
    ms = (time.perf_counter() - t0) * 1000
    print_diagnostics(result.warnings, verbose)
    sys.stderr.flush()
    p = result.plan
    if result.skipped:
        what = "nothing to do (inputs unchanged)"
    else:
        what = (
            f"{len(p.changed)} file(s) written, {len(p.removed)} removed, "
            f"{len(p.unchanged)} unchanged; {cache.parsed} doc(s) parsed"
        )
    print(f"[{_stamp()}] {why}: {what} in {ms:.0f} ms -> {cfg.out}", flush=True)
    return True


def _sigterm(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def run(cfg: Config, args: argparse.Namespace) -> int:
    import watchfiles

    from .pipeline import inputs_hash

    if not cfg.spec.is_dir():
        raise SpecError([Diagnostic(str(cfg.spec), 0, "spec directory not found")])
    signal.signal(signal.SIGTERM, _sigterm)
    cache = DocCache()
    debounce = max(1, int(getattr(args, "debounce", 200)))
    verbose = bool(getattr(args, "verbose", False))
    try:
        paths = watched_paths(cfg)
        built_from = inputs_hash(cfg)
        build_once(cfg, cache, "build", verbose)
        ready = False
        # yield_on_timeout: an empty batch once the watcher is up, so edits made
        # while it was starting are caught and "watching" is printed only then.
        for changes in watchfiles.watch(
            *paths,
            debounce=debounce,
            step=min(50, debounce),
            rust_timeout=300,
            yield_on_timeout=True,
            raise_interrupt=True,
        ):
            if not ready:
                ready = True
                if not changes and inputs_hash(cfg) != built_from:
                    build_once(cfg, cache, "changed while starting", verbose)
                shown = ", ".join(str(p) for p in paths)
                print(f"[{_stamp()}] watching {shown}; Ctrl-C stops", flush=True)
            names = relevant(cfg, (name for _, name in changes))
            if not names:
                continue
            why = names[0] if len(names) == 1 else f"{names[0]} (+{len(names) - 1} more)"
            build_once(cfg, cache, why, verbose)
    except KeyboardInterrupt:
        print(f"[{_stamp()}] stopped", flush=True)
    return 0
