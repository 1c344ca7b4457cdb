"""Errors a user can cause: one clear line on stderr, exit 2, never a traceback.

`--debug` (before or after the command) shows the traceback instead.
Every case is a real `python -m generator` subprocess in a scratch folder.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from hostile.harness import HOSTILE, run_cli

VALID = HOSTILE / "link-cycle" / "spec"


@pytest.fixture
def work(tmp_path: Path) -> Path:
    shutil.copytree(VALID, tmp_path / "spec")
    (tmp_path / "payload.json").write_text('{"b": {}}\n')
    (tmp_path / "afile").write_text("not a folder\n")
    return tmp_path


def _problem_lines(proc: subprocess.CompletedProcess[str]) -> list[str]:
    """stderr lines other than the `N error(s); nothing written` summary."""
    return [
        ln for ln in proc.stderr.splitlines() if ln.strip() and not ln.endswith("nothing written")
    ]


def assert_one_line(proc: subprocess.CompletedProcess[str], *fragments: str) -> None:
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    assert "Traceback" not in proc.stderr + proc.stdout
    lines = _problem_lines(proc)
    assert len(lines) == 1, proc.stderr
    for f in fragments:
        assert f in lines[0], (f, lines[0])


CASES = {
    "bad flag": (["build", "--bogus"], ["unrecognized arguments: --bogus"]),
    "bad command": (["frobnicate"], ["invalid choice: 'frobnicate'"]),
    "bad choice": (["build", "--spec", "spec", "--dialect", "cobol"], ["invalid choice"]),
    "missing spec dir": (["build", "--spec", "nope"], ["nope", "spec directory not found"]),
    "spec is a file": (["ir", "--spec", "afile"], ["afile", "spec directory not found"]),
    "unknown target": (["build", "--spec", "spec", "--targets", "cobol"], ["unknown target"]),
    "bad package": (["build", "--spec", "spec", "--package", "a-b"], ["package must be"]),
    "out is a file": (["build", "--spec", "spec", "--out", "afile"], ["afile"]),
    "missing templates": (
        ["build", "--spec", "spec", "--templates", "nodir"],
        ["nodir", "templates folder not found"],
    ),
    "unknown model for validate": (
        ["validate", "--spec", "spec", "--model", "NoSuchModel", "payload.json"],
        ["NoSuchModel"],
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_user_error_is_one_line(name: str, work: Path) -> None:
    args, fragments = CASES[name]
    assert_one_line(run_cli(*args, cwd=work), *fragments)


CONFIGS = {
    "unknown key": ("[tool.specgen]\nbogus = 1\n", ["unknown setting 'bogus'"]),
    "bad value": ('[tool.specgen]\nwire-names = "kebab"\n', ["wire-names must be one of"]),
    "bad type": ("[tool.specgen]\nstrict = 3\n", ["strict must be true or false"]),
    "bad toml": ("[tool.specgen\n", ["pyproject.toml"]),
    "not a table": ('[tool]\nspecgen = "x"\n', ["must be a table"]),
}


@pytest.mark.parametrize("name", sorted(CONFIGS))
def test_invalid_config_is_one_line(name: str, work: Path) -> None:
    text, fragments = CONFIGS[name]
    (work / "pyproject.toml").write_text(text)
    assert_one_line(run_cli("build", "--spec", "spec", cwd=work), *fragments)


def test_unreadable_files_are_diagnostics(work: Path) -> None:
    """A dangling symlink, a folder named x.md, bytes that are not UTF-8: file[:line] each."""
    comps = work / "spec" / "models" / "components"
    os.symlink(comps / "gone.md", comps / "dangling.md")
    (comps / "folder.md").mkdir()
    (comps / "latin1.md").write_bytes(b"# Caf\xe9\n")
    proc = run_cli("build", "--spec", "spec", "--out", "out", cwd=work)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr, proc.stderr
    lines = _problem_lines(proc)
    assert len(lines) == 2, proc.stderr  # a folder named x.md is a folder, not a doc
    assert any(ln.startswith("models/components/dangling.md: cannot read") for ln in lines)
    assert any(
        ln.startswith("models/components/latin1.md:1: file is not valid UTF-8") for ln in lines
    )
    assert not (work / "out").exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_permission_denied_is_a_diagnostic(work: Path) -> None:
    doc = work / "spec" / "models" / "components" / "a.md"
    doc.chmod(0)
    try:
        proc = run_cli("build", "--spec", "spec", "--out", "out", cwd=work)
    finally:
        doc.chmod(0o644)
    assert_one_line(proc, "a.md", "ermission denied")


@pytest.mark.parametrize(
    "args",
    [
        ["--debug", "build", "--spec", "nope"],
        ["build", "--spec", "nope", "--debug"],
        ["--debug", "validate", "--spec", "spec", "--model", "NoSuchModel", "payload.json"],
    ],
)
def test_debug_shows_the_traceback(args: list[str], work: Path) -> None:
    proc = run_cli(*args, cwd=work)
    assert proc.returncode != 0
    assert "Traceback (most recent call last)" in proc.stderr, proc.stderr


def test_valid_spec_still_builds(work: Path) -> None:
    """The fixture is valid: the errors above come from the one thing each case breaks."""
    proc = run_cli("build", "--spec", "spec", "--out", "out", cwd=work)
    assert proc.returncode == 0, proc.stderr
    assert (work / "out" / ".specgen-manifest.json").is_file()
