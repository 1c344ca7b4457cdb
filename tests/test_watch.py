"""`specgen watch` as a real subprocess: edit, break, fix, Ctrl-C.

Output lines are read on a thread so every wait has a deadline; nothing is
timed beyond "it happened before the deadline".
"""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import run_cli

from generator.config import Config
from generator.pipeline import load_spec
from generator.watch import DocCache, relevant

OWNER = """# Owner

## Fields

| Field | Type | Required | Description |
| ----- | ---- | -------- | ----------- |
| `fullName` | *string* | :heavy_check_mark: | Name |
| `age` | *number* | :heavy_minus_sign: | Age |
"""
PET = """# Pet

## Fields

| Field | Type | Required | Description |
| ----- | ---- | -------- | ----------- |
| `name` | *string* | :heavy_check_mark: | The pet's name |
| `owner` | [components.Owner](../../models/components/owner.md) | :heavy_minus_sign: | Owner |
"""


class Lines:
    """stdout+stderr of a child, line by line, with deadlines."""

    def __init__(self, proc: subprocess.Popen[str]) -> None:
        self.q: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        assert proc.stdout is not None
        stream = proc.stdout

        def pump() -> None:
            for line in stream:
                self.q.put(line.rstrip("\n"))

        threading.Thread(target=pump, daemon=True).start()

    def wait_for(self, *needles: str, timeout: float = 60) -> list[str]:
        """Lines up to and including the first holding every needle."""
        got: list[str] = []
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.q.get(timeout=0.2)
            except queue.Empty:
                continue
            got.append(line)
            self.seen.append(line)
            if all(n in line for n in needles):
                return got
        raise AssertionError(f"no line with {needles} in time; output so far: {self.seen}")

    def until(self, done: Callable[[], bool], timeout: float = 60) -> list[str]:
        """Lines printed until `done()` holds (other edits may share a rebuild)."""
        got: list[str] = []
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.q.get(timeout=0.1)
                got.append(line)
                self.seen.append(line)
            except queue.Empty:
                pass
            if done():
                return got
        raise AssertionError(f"condition not met in time; output so far: {self.seen}")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    comp = tmp_path / "spec" / "models" / "components"
    comp.mkdir(parents=True)
    (comp / "owner.md").write_text(OWNER, encoding="utf-8")
    (comp / "pet.md").write_text(PET, encoding="utf-8")
    return tmp_path


@pytest.mark.slow
def test_watch_edit_break_fix_and_ctrl_c(project: Path) -> None:
    owner_doc = project / "spec/models/components/owner.md"
    schema = project / "out/api/schemas/Owner.schema.json"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "generator",
            "watch",
            "--spec",
            "spec",
            "--out",
            "out",
            "--debounce",
            "100",
            # a team that owns its docs: a misspelt type is an error, so the
            # broken edit below keeps the last good output
            "--unreadable-types",
            "error",
        ],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    try:
        lines = Lines(proc)
        lines.wait_for("build:", "written")
        lines.wait_for("watching")
        assert "Age" in schema.read_text()

        # an edit: the output follows, with a one-line summary
        owner_doc.write_text(OWNER.replace("| Age |", "| Age in years |"), encoding="utf-8")
        got = lines.until(lambda: "Age in years" in schema.read_text())
        assert any("file(s) written" in ln and " ms -> out" in ln for ln in got), got
        good = schema.read_text()

        # a broken edit: diagnostics with file:line, the last good output kept
        owner_doc.write_text(OWNER.replace("*number*", "*nmber*"), encoding="utf-8")
        got = lines.wait_for("kept the last good output")
        assert any(ln.startswith("models/components/owner.md:8:") for ln in got), got
        assert schema.read_text() == good

        # fixed: recovery
        owner_doc.write_text(OWNER.replace("| Age |", "| Age, fixed |"), encoding="utf-8")
        lines.until(lambda: "Age, fixed" in schema.read_text())

        # a new doc and a deleted one
        toy_doc = project / "spec/models/components/toy.md"
        toy = project / "out/api/schemas/Toy.schema.json"
        toy_doc.write_text(OWNER.replace("# Owner", "# Toy"), encoding="utf-8")
        lines.until(toy.is_file)
        toy_doc.unlink()
        lines.until(lambda: not toy.exists())

        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=30) == 0
        lines.wait_for("stopped")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    # what watch left equals a fresh build
    r = run_cli("check", "--spec", "spec", "--out", "out", cwd=project)
    assert r.returncode == 0, r.stderr


def test_watch_sigterm_exits_0(project: Path) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "generator", "watch", "--spec", "spec", "--out", "out"],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        Lines(proc).wait_for("watching")
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_watch_missing_spec_is_exit_2(tmp_path: Path) -> None:
    r = run_cli("watch", "--spec", "nope", "--out", "out", cwd=tmp_path)
    assert r.returncode == 2
    assert "nope" in r.stderr and "Traceback" not in r.stderr


def test_doc_cache_reparses_only_changed_docs_and_matches_a_fresh_load(project: Path) -> None:
    cfg = Config(spec=project / "spec", out=project / "out")
    cache = DocCache()
    first, _ = cache.load(cfg)
    assert cache.parsed == 2
    again, _ = cache.load(cfg)
    assert cache.parsed == 0 and again == first
    (project / "spec/models/components/owner.md").write_text(
        OWNER.replace("| Age |", "| Years |"), encoding="utf-8"
    )
    edited, _ = cache.load(cfg)
    assert cache.parsed == 1
    fresh, _ = load_spec(cfg)
    assert edited == fresh and edited != first


def test_relevant_ignores_output_and_foreign_files(project: Path) -> None:
    cfg = Config(spec=project / "spec", out=project / "out")
    names = [
        str(project / "spec/models/components/owner.md"),
        str(project / "spec/models/components/.owner.md.swp.txt"),
        str(project / "out/api/schemas/Owner.schema.json"),
        str(project / "tpl/jsonschema/model.json.j2"),
    ]
    assert relevant(cfg, names) == ["model.json.j2", "models/components/owner.md"]
