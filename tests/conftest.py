"""Shared fixtures: where the repository, the spec and ../shared live."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from generator.ir import ObjectModel, Spec

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "spec"
SHARED = (ROOT / ".." / "shared").resolve()
CORPUS = SHARED / "corpus"


def run_cli(
    *args: str, cwd: Path = ROOT, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `python -m generator ...` as a real subprocess."""
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def run_on_a_terminal(
    args: list[str], cwd: Path = ROOT, timeout: float = 120
) -> tuple[int, str, bytes]:
    """Run a command with stderr on a pty (stdout a pipe): (exit code, stdout, what
    was drawn on the terminal)."""
    import pty
    import select

    master, slave = pty.openpty()
    proc = subprocess.Popen(args, cwd=cwd, stdout=subprocess.PIPE, stderr=slave, text=True)
    os.close(slave)
    seen = b""
    while select.select([master], [], [], timeout)[0]:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the other side closed
            break
        if not chunk:
            break
        seen += chunk
    out, _ = proc.communicate(timeout=timeout)
    os.close(master)
    return proc.returncode, out, seen


@pytest.fixture
def write_spec(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Write {relative path: markdown} into tmp_path/spec and return that folder."""

    def make(files: dict[str, str]) -> Path:
        root = tmp_path / "spec"
        for rel, text in files.items():
            p = root / rel
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_text(text, encoding="utf-8")
        return root

    return make


def pytest_sessionstart(session: pytest.Session) -> None:
    """In CI the corpus acceptance tests must run, not skip: ../shared sits beside
    the checkout there, so its absence is a broken setup, reported as a failure."""
    if os.environ.get("CI") and not CORPUS.is_dir():
        pytest.exit(f"CI run without the corpus at {CORPUS}: acceptance tests would skip", 1)


@pytest.fixture(scope="session", autouse=True)
def _template_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Builds (in-process and in subprocesses, which inherit the environment)
    cache compiled templates in this run's temp folder, not ~/.cache/specgen:
    tests leave nothing in the home folder (overlay templates in tmp dirs would
    each add an entry there that is never read again) and never read it."""
    os.environ["SPECGEN_CACHE_DIR"] = str(tmp_path_factory.mktemp("template-cache"))


_SEED_ENV = "SPECGEN_HYPOTHESIS_SEED"


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    """One Hypothesis seed for the whole run, chosen here unless `--hypothesis-seed`
    names one, and shown in the header and after a failure: a red run replays with
    `pytest --hypothesis-seed=N`.  Runs before Hypothesis' own plugin reads the option;
    xdist workers, started later, inherit it through the environment."""
    seed = config.getoption("hypothesis_seed", None) or os.environ.get(_SEED_ENV)
    if not seed:
        seed = str(random.SystemRandom().randrange(2**32))
    os.environ[_SEED_ENV] = str(seed)
    config.option.hypothesis_seed = str(seed)


def _replay_line() -> str:
    seed = os.environ[_SEED_ENV]
    return f"hypothesis seed {seed}: replay this run with `pytest --hypothesis-seed={seed}`"


def pytest_report_header(config: pytest.Config) -> str:
    return _replay_line()


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int) -> None:
    if exitstatus not in (0, 5):
        terminalreporter.write_line(_replay_line())


def unknown_nulls(defs: dict[str, Any], spec: Spec) -> dict[str, Any]:
    """The schemas as the dataclasses read them: null also accepted for every field
    whose nullability the docs do not settle (`Field.nullable_known` false; the
    JSON Schema target writes what the docs say)."""
    out = dict(defs)
    for m in spec.models:
        if not isinstance(m, ObjectModel) or m.name not in out:
            continue
        loose = [f.wire_name for f in m.fields if not f.nullable_known and not f.nullable]
        if not loose:
            continue
        schema = json.loads(json.dumps(out[m.name]))
        props = schema.get("properties", {})
        for wire in loose:
            if wire in props:
                props[wire] = {"anyOf": [props[wire], {"type": "null"}]}
        out[m.name] = schema
    return out
