"""Stage 5: put rendered files on disk: only what changed, atomically, inside `out`.

A manifest (`.specgen-manifest.json` in `out`) lists every file the last build
wrote, with its hash, the specgen version and a hash of the inputs.  Files the
manifest lists and this build no longer renders are removed; files it does not
list (a user's own) are never touched.

Crash safety: every file is written to a temp file in its own folder and moved
over the old one with `os.replace`, so a reader (or a build killed mid-write)
sees the old bytes or the new ones, never a truncated file.  Before touching
any file the manifest is rewritten with an empty input hash and the union of
old and new files, so an interrupted build is never taken for an up-to-date
one and every file it may have created stays tracked for removal.

This module imports nothing heavy: `up_to_date` is the no-op rebuild's path.
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
import stat
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__
from .diagnostics import Diagnostic, SpecError

MANIFEST = ".specgen-manifest.json"
GENERATOR = f"specgen {__version__}"


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


MAX_NAME_BYTES = 200  # NAME_MAX 255 minus atomic_write's '.<name>.XXXXXXXX.tmp'


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
        or norm == MANIFEST
    ):
        raise SpecError([Diagnostic(rel, 0, "refusing to write outside the output folder")])
    # Checked before anything is written: a name the file system refuses
    # (255 bytes, less the temp-file affixes) must not leave partial output.
    if any(len(p.encode("utf-8", "surrogateescape")) > MAX_NAME_BYTES for p in norm.split("/")):
        raise SpecError([Diagnostic(rel, 0, "output file name is too long")])
    return norm


def _is_safe(rel: str) -> bool:
    try:
        safe_relpath(rel)
    except SpecError:
        return False
    return True


def read_manifest(out: Path) -> dict[str, object]:
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def manifest_files(out: Path, manifest: Mapping[str, object] | None = None) -> dict[str, str]:
    """{relpath: sha256} the last build wrote; entries that could escape `out` are dropped."""
    files = (read_manifest(out) if manifest is None else manifest).get("files", {})
    if not isinstance(files, dict):
        return {}
    return {k: str(v) for k, v in files.items() if isinstance(k, str) and _is_safe(k)}


def up_to_date(out: Path, inputs_hash: str) -> list[str] | None:
    """The files of the last build if it came from these very inputs and is intact.

    The no-op rebuild: one manifest read and one hash per output file, no
    parsing or rendering.  None means "build": the inputs differ, the last
    build was interrupted, or a generated file was edited or deleted.
    """
    manifest = read_manifest(out)
    if not inputs_hash or manifest.get("inputs") != inputs_hash:
        return None
    if manifest.get("generator") != GENERATOR:
        return None
    files = manifest_files(out, manifest)
    for rel, digest in files.items():
        try:
            if sha256((out / rel).read_bytes()) != digest:
                return None
        except OSError:
            return None
    return sorted(files)


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
        if rel not in files and (out / rel).is_file():
            p.removed.append(rel)
    return p


_UMASK: int | None = None


def _new_file_mode() -> int:
    """What `open()` would give a new file (0o644 under the usual umask)."""
    global _UMASK
    if _UMASK is None:
        _UMASK = os.umask(0o022)
        os.umask(_UMASK)
    return 0o666 & ~_UMASK


def atomic_write(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so no reader ever sees a partial file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except OSError:
        mode = _new_file_mode()
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            # No fsync: it cost ~7 ms a file here (a minute for 10,000 files).  A
            # killed process cannot tear a rename; after a power loss ext4 (with
            # auto_da_alloc) and most filesystems flush a file renamed over another.
            fh.write(data)
        os.chmod(tmp, mode)  # mkstemp makes 0600 files; keep the usual mode
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
    if target.is_symlink():
        raise SpecError([Diagnostic(rel, 0, "output path is a symlink; not replaced")])
    return target


def _manifest_bytes(
    inputs_hash: str, files: Mapping[str, str], warnings: Sequence[Sequence[object]] = ()
) -> bytes:
    manifest = {
        "generator": GENERATOR,
        "inputs": inputs_hash,
        "files": dict(sorted(files.items())),
        "warnings": [list(w) for w in warnings],
    }
    return (json.dumps(manifest, indent=2, sort_keys=True) + "\n").encode("utf-8")


def _write_manifest(out: Path, data: bytes) -> None:
    mpath = out / MANIFEST
    try:
        current = mpath.read_bytes()
    except OSError:
        current = b""
    if current != data:
        atomic_write(mpath, data)


def write(
    out: Path,
    files: Mapping[str, str],
    inputs_hash: str = "",
    warnings: Sequence[Sequence[object]] = (),
) -> Plan:
    """Write what changed, remove what the last build wrote and this one did not.

    `warnings` ([file, line, message] each) are kept in the manifest so a no-op
    rebuild can still report them.
    """
    p = plan(out, files)
    out.mkdir(parents=True, exist_ok=True)
    targets = {rel: _check_inside(out, rel) for rel in p.changed + p.removed}
    hashes = {rel: sha256(text.encode("utf-8")) for rel, text in files.items()}
    previous = read_manifest(out)
    if p.changed or p.removed or previous.get("inputs") == "":
        # Provisional manifest: "not up to date", tracking old and new files alike.
        provisional = {**manifest_files(out, previous), **hashes}
        _write_manifest(out, _manifest_bytes("", provisional))
        _sweep_temps(out, [*provisional, MANIFEST])
    for rel in p.changed:
        atomic_write(targets[rel], files[rel].encode("utf-8"))
    for rel in p.removed:
        targets[rel].unlink(missing_ok=True)
        _prune_empty(targets[rel].parent, out)
    _write_manifest(out, _manifest_bytes(inputs_hash, hashes, warnings))
    return p


def _sweep_temps(out: Path, rels: Iterable[str]) -> None:
    """Remove temp files a killed build left next to the files it was replacing."""
    by_dir: dict[Path, set[str]] = {}
    for rel in rels:
        p = out / rel
        by_dir.setdefault(p.parent, set()).add(p.name)
    for folder, names in by_dir.items():
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            name = entry.name
            if not (name.startswith(".") and name.endswith(".tmp")) or not entry.is_file():
                continue
            base, _, rand = name[1:-4].rpartition(".")
            if base in names and len(rand) == 8:  # mkstemp's random part
                try:
                    os.unlink(entry.path)
                except OSError:
                    pass


def _prune_empty(folder: Path, out: Path) -> None:
    out = out.resolve()
    folder = folder.resolve()
    while folder != out and out in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent
