"""Reading the spec tree: every .md file under the root, never outside it."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..diagnostics import Diagnostic, Diagnostics, SpecError

MAX_FILE_BYTES = 20 * 1024 * 1024


def discover(root: Path, diags: Diagnostics) -> list[tuple[str, str]]:
    """(relative path, text) of every .md file under root, sorted; never leaves root."""
    if not root.is_dir():
        raise SpecError([Diagnostic(str(root), 0, "spec directory not found")])
    real_root = root.resolve()
    found: list[tuple[str, str]] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames.sort()
        for d in list(dirnames):
            p = Path(dirpath) / d
            if p.is_symlink():
                dirnames.remove(d)
                rel = p.relative_to(root).as_posix()
                if not _inside(p.resolve(), real_root):
                    diags.error(rel, 0, "symlinked folder points outside the spec root; skipped")
        for name in sorted(filenames):
            if not name.lower().endswith(".md"):
                continue
            p = Path(dirpath) / name
            rel = p.relative_to(root).as_posix()
            if p.is_symlink() and not _inside(p.resolve(), real_root):
                diags.error(rel, 0, "symlink points outside the spec root; not read")
                continue
            try:
                rel.encode("utf-8")
            except UnicodeEncodeError:
                diags.error(rel.encode("utf-8", "replace").decode(), 0, "file name is not UTF-8")
                continue
            if "\\" in rel or any(ord(c) < 32 or ord(c) == 127 for c in rel):
                # Targets mirror doc paths (markdown); such a name cannot be
                # written safely, nor printed on one line.
                shown = rel.encode("unicode_escape").decode("ascii").replace("\\\\", "\\")
                diags.error(shown, 0, "file name has a backslash or control character; rename it")
                continue
            # A FIFO named x.md would block read_bytes forever; a huge file is
            # refused before it is read, not after.
            try:
                st = p.stat()
            except OSError as e:
                diags.error(rel, 0, f"cannot read: {e.strerror or e}")
                continue
            if not stat.S_ISREG(st.st_mode):
                diags.error(rel, 0, "cannot read: not a regular file")
                continue
            if st.st_size > MAX_FILE_BYTES:
                diags.error(rel, 0, f"file is larger than {MAX_FILE_BYTES // 2**20} MiB")
                continue
            try:
                data = p.read_bytes()
            except OSError as e:
                diags.error(rel, 0, f"cannot read: {e.strerror or e}")
                continue
            if len(data) > MAX_FILE_BYTES:
                diags.error(rel, 0, f"file is larger than {MAX_FILE_BYTES // 2**20} MiB")
                continue
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError as e:
                line = data[: e.start].count(b"\n") + 1
                diags.error(rel, line, "file is not valid UTF-8")
                continue
            found.append((rel, text))
    return found


def _inside(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
    except ValueError:
        return False
    return True
