"""Output stays inside `out`: symlinks planted in the output folder and a tampered
manifest never make specgen write or delete anything outside it.

(Reads outside the spec root are covered case by case in tests/hostile/, under
an audit hook: see test_hostile.py.)
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from hostile.harness import HOSTILE, PACKAGE, run_cli


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    shutil.copytree(HOSTILE / "link-cycle" / "spec", tmp_path / "spec")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "out").mkdir()
    return tmp_path


def build(tmp: Path) -> tuple[int, str]:
    proc = run_cli(
        "build",
        "--spec",
        "spec",
        "--out",
        "out",
        "--package",
        PACKAGE,
        "--targets",
        "jsonschema",
        cwd=tmp,
    )
    assert "Traceback" not in proc.stderr
    return proc.returncode, proc.stderr


def test_package_folder_symlinked_out(tree: Path) -> None:
    os.symlink(tree / "elsewhere", tree / "out" / PACKAGE)
    code, err = build(tree)
    assert code == 2 and "escapes the output folder via a symlink" in err, err
    assert list((tree / "elsewhere").iterdir()) == []


def test_output_file_symlinked_out(tree: Path) -> None:
    secret = tree / "elsewhere" / "target.json"
    secret.write_text("secret\n")
    schemas = tree / "out" / PACKAGE / "schemas"
    schemas.mkdir(parents=True)
    os.symlink(secret, schemas / "A.schema.json")
    code, err = build(tree)
    assert code == 2 and "A.schema.json: output path is a symlink" in err, err
    assert secret.read_text() == "secret\n"
    assert sorted(p.name for p in schemas.iterdir()) == ["A.schema.json"], "partial output"


def test_tampered_manifest_deletes_nothing_outside(tree: Path) -> None:
    victim = tree / "victim.txt"
    victim.write_text("keep\n")
    files = {
        "../victim.txt": "x",
        str(victim): "y",
        f"{PACKAGE}/../../victim.txt": "z",
        "..\\victim.txt": "w",
    }
    manifest = {"files": files, "inputs": "stale"}
    (tree / "out" / ".specgen-manifest.json").write_text(json.dumps(manifest))
    code, err = build(tree)
    assert code == 0, err
    assert victim.read_text() == "keep\n"
    assert (tree / "out" / PACKAGE / "schemas" / "A.schema.json").is_file()


def test_symlinked_spec_file_inside_root_is_read(tree: Path) -> None:
    """A symlink that stays inside the root is an ordinary doc (no false alarm)."""
    comps = tree / "spec" / "models" / "components"
    (comps / "alias").mkdir()
    os.symlink(comps / "a.md", comps / "alias" / "again.md")
    code, err = build(tree)
    # Same title twice: the link is read, and its model qualified by its folder.
    assert code == 0, err
    assert (tree / "out" / PACKAGE / "schemas" / "AliasA.schema.json").is_file()
