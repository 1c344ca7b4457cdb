"""Regression cases from tests/hostile/<what-it-tries>/: real hostile doc trees.

Each folder holds `spec/` and `expect.json` (what the case tries, the exit
code, stderr fragments, output files; symlinks and FIFOs are made at test
time so the repository never holds a link to /etc).  Every case runs the real
CLI under an audit hook that records any open or listing of a bait folder
next to the spec root or of /etc, and checks nothing outside `out` changed.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hostile.harness import HOSTILE, PACKAGE, REPO, assert_cli_contract, usable_targets

CASES = sorted(p.parent.name for p in HOSTILE.glob("*/expect.json"))

PROBE = """
import json, os, sys
watch = [os.path.realpath(p) for p in sys.argv[1].split(os.pathsep)]
hits = []
def hook(event, args):
    if event in ("open", "os.listdir", "os.scandir") and args and isinstance(args[0], (str, bytes)):
        p = os.path.realpath(os.fsdecode(args[0]))
        if any(p == w or p.startswith(w + os.sep) for w in watch):
            hits.append([event, p])
sys.addaudithook(hook)
from generator.cli import main
try:
    rc = main(sys.argv[3:])
finally:
    report = json.dumps(hits)
    watch = []
    with open(sys.argv[2], "w") as fh:
        fh.write(report)
sys.exit(rc)
"""


def _snapshot(root: Path, skip: Path) -> dict[str, tuple[int, int]]:
    found = {}
    for dirpath, dirnames, filenames in os.walk(root):
        if Path(dirpath) == skip or skip in Path(dirpath).parents:
            continue
        for n in filenames + dirnames:
            path = os.path.join(dirpath, n)
            if Path(path) != skip:
                st = os.lstat(path)
                found[path] = (st.st_size, st.st_mtime_ns)
    return found


def _setup(case: str, tmp: Path) -> tuple[Path, dict[str, Any]]:
    expect: dict[str, Any] = json.loads((HOSTILE / case / "expect.json").read_text("utf-8"))
    spec = tmp / "spec"
    src = HOSTILE / case / "spec"
    if src.is_dir():
        shutil.copytree(src, spec, symlinks=True)
    spec.mkdir(exist_ok=True)
    bait = tmp / "secret"
    bait.mkdir()
    (bait / "passwd.md").write_text(
        "# Secret\n\n## Fields\n\n| Field | Type | Required | Description |\n"
        "| --- | --- | --- | --- |\n| `leaked` | *string* | :heavy_check_mark: | no |\n"
    )
    for rel, target in expect.get("symlinks", {}).items():
        (spec / rel).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target, spec / rel)
    for rel in expect.get("odd_names", []):  # names git and some systems cannot hold
        name = rel.encode("utf-8").decode("unicode_escape").encode("latin-1")
        (spec / "models").mkdir(parents=True, exist_ok=True)
        with open(os.path.join(os.fsencode(spec / "models"), name), "wb") as fh:
            fh.write(b"# Odd\n")
    for rel in expect.get("fifos", []):
        os.mkfifo(spec / rel)
    for rel, size in expect.get("generate", {}).items():
        (spec / rel).parent.mkdir(parents=True, exist_ok=True)
        cell = ("lorem ipsum " * (size // 12 + 1))[:size].strip()
        (spec / rel).write_text(
            "# Big\n\n## Fields\n\n| Field | Type | Required | Description |\n"
            f"| --- | --- | --- | --- |\n| `big` | *string* | :heavy_check_mark: | {cell} |\n"
        )
    return spec, expect


@pytest.mark.parametrize("case", CASES)
def test_hostile_case(case: str, tmp_path: Path) -> None:
    spec, expect = _setup(case, tmp_path)
    out = tmp_path / "out"
    hits_file = tmp_path / "hits.json"
    watch = os.pathsep.join([str(tmp_path / "secret"), "/etc"])
    before = _snapshot(tmp_path, out)
    args = ["build", "--spec", str(spec), "--out", str(out), "--package", PACKAGE]
    args += ["--targets", ",".join(usable_targets())]
    env = dict(os.environ, PYTHONPATH=str(REPO))
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, watch, str(hits_file), *args],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=300,
    )
    assert_cli_contract(proc, out, spec)
    assert proc.returncode == expect["exit"], proc.stderr
    for fragment in expect.get("stderr", []):
        assert fragment in proc.stderr, f"{fragment!r} not in:\n{proc.stderr}"
    for rel in expect.get("files", []):
        assert (out / rel).is_file(), rel
    hits = json.loads(hits_file.read_text())
    assert hits == [], f"read outside the spec root: {hits}"
    after = _snapshot(tmp_path, out)
    after.pop(str(hits_file), None)
    assert after == before, "something outside the output folder changed"
    if out.exists():
        real_out = out.resolve()
        for p in out.rglob("*"):
            assert not p.is_symlink() and real_out in p.resolve().parents, p


def test_every_case_says_what_it_tries() -> None:
    assert len(CASES) >= 15
    for case in CASES:
        expect = json.loads((HOSTILE / case / "expect.json").read_text("utf-8"))
        assert expect["what"] and expect["exit"] in (0, 2), case
        assert expect["exit"] == 0 or expect.get("stderr"), f"{case}: say which diagnostic"
