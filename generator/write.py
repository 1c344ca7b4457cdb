"""Stage 5: put rendered files on disk: only what changed, atomically, inside `out`.

A manifest (`.specgen-manifest.json` in `out`) lists every file the last build
wrote, with its hash, the specgen version and a hash of the inputs.  Files the
manifest lists and this build no longer renders are removed; files it does not
list (a user's own) are never touched.
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__
from .diagnostics import Diagnostic, SpecError

MANIFEST = ".specgen-manifest.json"


@dataclass
class Plan:
    changed: list[str] = field(default_factory=list)  # new or different bytes
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)  # listed in the manifest, not rendered

    @property
    def stale(self) -> list[str]:
        return sorted(self.changed + self.removed)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def safe_relpath(rel: str) -> str:
    """Reject any output path that could land outside the output folder."""
    norm = posixpath.normpath(rel)
    if (
        not rel
        or "\\" in rel
        or "\x00" in rel
        or norm.startswith(("/", "../"))
        or norm in ("..", ".")
        or ":" in norm.split("/")[0]
        or norm != rel
    ):
        raise SpecError([Diagnostic(rel, 0, "refusing to write outside the output folder")])
    return norm


def read_manifest(out: Path) -> dict[str, object]:
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def manifest_files(out: Path) -> dict[str, str]:
    files = read_manifest(out).get("files", {})
    if not isinstance(files, dict):
        return {}
    return {k: str(v) for k, v in files.items() if isinstance(k, str)}


def plan(out: Path, files: Mapping[str, str]) -> Plan:
    p = Plan()
    for rel, text in files.items():
        target = out / safe_relpath(rel)
        try:
            same = target.read_bytes() == text.encode("utf-8")
        except OSError:
            same = False
        (p.unchanged if same else p.changed).append(rel)
    for rel in sorted(manifest_files(out)):
        if rel not in files and (out / rel).exists():
            try:
                safe_relpath(rel)
            except SpecError:
                continue  # a tampered manifest never makes us delete outside `out`
            p.removed.append(rel)
    return p


def atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _check_inside(out: Path, rel: str) -> Path:
    target = out / rel
    real_out = out.resolve()
    parent = target.parent.resolve()
    if parent != real_out and real_out not in parent.parents:
        raise SpecError([Diagnostic(rel, 0, "output path escapes the output folder via a symlink")])
    return target


def write(
    out: Path, files: Mapping[str, str], inputs_hash: str = "", extra: Iterable[str] = ()
) -> Plan:
    """Write what changed, remove what the last build wrote and this one did not."""
    p = plan(out, files)
    out.mkdir(parents=True, exist_ok=True)
    for rel in p.changed:
        atomic_write(_check_inside(out, rel), files[rel].encode("utf-8"))
    for rel in p.removed:
        target = _check_inside(out, rel)
        target.unlink(missing_ok=True)
        _prune_empty(target.parent, out)
    manifest = {
        "generator": f"specgen {__version__}",
        "inputs": inputs_hash,
        "files": {rel: sha256(files[rel].encode("utf-8")) for rel in sorted(files)},
    }
    data = (json.dumps(manifest, indent=2, sort_keys=True) + "\n").encode("utf-8")
    mpath = out / MANIFEST
    try:
        current = mpath.read_bytes()
    except OSError:
        current = b""
    if current != data:
        atomic_write(mpath, data)
    return p


def _prune_empty(folder: Path, out: Path) -> None:
    out = out.resolve()
    folder = folder.resolve()
    while folder != out and out in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent
