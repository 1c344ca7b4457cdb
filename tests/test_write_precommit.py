""".pre-commit-hooks.yaml: valid for pre-commit, and its hooks do what they say.

The slow test runs the hooks through pre-commit itself, configured as the
README shows; pre-commit installs this repository, at its last commit, into a
fresh environment (from PyPI: about a minute).
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

OWNER = """# Owner

## Fields

| Field | Type | Required | Description |
| ----- | ---- | -------- | ----------- |
| `fullName` | *string* | :heavy_check_mark: | Name |
"""


def hooks() -> dict[str, dict[str, object]]:
    data = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, list)
    return {h["id"]: h for h in data}


def git(cwd: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    comp = tmp_path / "spec/models/components"
    comp.mkdir(parents=True)
    (comp / "owner.md").write_text(OWNER, encoding="utf-8")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "spec")
    return tmp_path


def test_manifest_is_valid_for_pre_commit() -> None:
    # pre-commit is in the dev extra: its absence is a broken install, not a skip
    import pre_commit.clientlib as clientlib
    loaded = clientlib.load_manifest(str(ROOT / ".pre-commit-hooks.yaml"))
    assert {h["id"] for h in loaded} == {"specgen-check", "specgen-build"}


def run_entry(hook: dict[str, object], cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run a hook's entry as pre-commit would (no file names), via this interpreter."""
    argv = shlex.split(str(hook["entry"]))
    assert argv[0] == "specgen"
    assert hook["pass_filenames"] is False
    return subprocess.run(
        [sys.executable, "-m", "generator", *argv[1:]], cwd=cwd, capture_output=True, text=True
    )


def test_hook_entries_fail_when_stale_and_pass_after_build(repo: Path) -> None:
    h = hooks()
    stale = run_entry(h["specgen-check"], repo)
    assert stale.returncode == 1
    assert "generated/api/schemas/Owner.schema.json" in stale.stderr
    assert run_entry(h["specgen-build"], repo).returncode == 0
    assert run_entry(h["specgen-check"], repo).returncode == 0
    (repo / "spec/models/components/owner.md").write_text(
        OWNER.replace("| Name |", "| Full name |"), encoding="utf-8"
    )
    assert run_entry(h["specgen-check"], repo).returncode == 1


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_pre_commit_runs_the_hooks(repo: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    """The README's config, with this repository at its last commit."""
    exe = shutil.which("pre-commit")
    assert exe is not None, "pre-commit is not installed (it is in the dev extra)"
    head = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    hooks_ = "[{id: specgen-check}, {id: specgen-build}]"
    # the README's two-line config, pointing at this checkout
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n- {{repo: {ROOT}, rev: {head}, hooks: {hooks_}}}\n", encoding="utf-8"
    )
    git(repo, "add", ".pre-commit-config.yaml")
    home = tmp_path_factory.mktemp("pre-commit-home")
    env = {**os.environ, "PRE_COMMIT_HOME": str(home)}

    def run(hook: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [exe, "run", hook, "--all-files"],
            cwd=repo,
            env=env,
            capture_output=True,
            text=True,
            timeout=540,
        )

    stale = run("specgen-check")
    assert stale.returncode == 1, stale.stdout + stale.stderr
    assert "Owner.schema.json" in stale.stdout
    built = run("specgen-build")
    # new, untracked files are not "modified" for pre-commit: the run passes
    assert built.returncode == 0, built.stdout + built.stderr
    assert (repo / "generated/api/schemas/Owner.schema.json").is_file()
    assert run("specgen-check").returncode == 0
    git(repo, "add", "generated")
    git(repo, "commit", "-q", "-m", "generated")
    (repo / "spec/models/components/owner.md").write_text(
        OWNER.replace("| Name |", "| Full name |"), encoding="utf-8"
    )
    rebuilt = run("specgen-build")
    # tracked output changed: pre-commit fails the run so the user reviews and stages it
    assert rebuilt.returncode == 1 and "files were modified by this hook" in rebuilt.stdout
    assert "Full name" in (repo / "generated/api/schemas/Owner.schema.json").read_text()
