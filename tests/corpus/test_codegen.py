"""The dataclasses and client targets build for every corpus tree, and the
generated package passes `ruff check` (the repository's settings) and
`mypy --strict`.  Real subprocess runs of `python -m generator build`."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .scoring import CORPUS, REPO, TREES, Tree

pytestmark = pytest.mark.slow


def _trees() -> dict[str, Tree]:
    """Every corpus tree: the scored ones with their settings, and the
    parse-only ones no other test builds a package from (gr4vy-java, ...)."""
    found = dict(TREES)
    if CORPUS.is_dir():
        for d in sorted(CORPUS.iterdir()):
            if d.name not in found and (d / "docs").is_dir():
                found[d.name] = Tree(d.name, "auto", "as-documented", None)
    return found


ALL = _trees()


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=600)


@pytest.mark.parametrize("name", sorted(ALL))
def test_dataclasses_and_client_build_and_type_check(name: str, tmp_path: Path) -> None:
    tree = ALL[name]
    if not tree.docs.is_dir():
        pytest.skip(f"corpus tree {name} is not available")
    spec = tmp_path / "spec"
    shutil.copytree(tree.docs, spec)
    # As the tree's own test builds it (scoring.build_tree): the vendor's broken
    # cells degrade to any, pinned there.  Run outside the repository so its
    # [tool.specgen] (HoneyHive's strict settings) does not apply.
    args = [
        sys.executable, "-m", "generator", "build",
        "--spec", str(spec), "--out", str(tmp_path / "out"), "--package", tree.package,
        "--targets", "jsonschema,dataclasses,client", "--wire-names", tree.wire_names,
        "--dialect", "auto", "--unreadable-types", "any",
    ]  # fmt: skip
    if tree.overrides is not None:
        shutil.copyfile(tree.overrides, spec / "wire-names.md")
        args += ["--wire-name-overrides", str(spec / "wire-names.md")]
    if tree.endpoints is not None:
        shutil.copyfile(tree.endpoints, spec / "endpoints.md")
        args += ["--endpoints", str(spec / "endpoints.md")]
    built = _run(args, tmp_path)
    assert built.returncode == 0, built.stderr[-3000:]
    pkg = tmp_path / "out" / tree.package
    assert (pkg / "models.py").is_file() and (pkg / "client.py").is_file()
    lint = _run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "--config",
         str(REPO / "pyproject.toml"), str(pkg)],
        REPO,
    )  # fmt: skip
    assert lint.returncode == 0, lint.stdout[-3000:]
    typed = _run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", tree.package],
        tmp_path / "out",
    )
    assert typed.returncode == 0, typed.stdout[-3000:]
