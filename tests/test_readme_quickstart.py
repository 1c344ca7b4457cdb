"""The README's quick start runs as printed: its Python blocks against the committed
generated/ package (kept in sync by `specgen check`), its `specgen validate` example
against a file holding the payloads it describes.  The client block has its own test
against a loopback server (tests/test_client_e2e.py)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def blocks(lang: str) -> list[str]:
    return re.findall(rf"^```{lang}\n(.*?)^```$", README, flags=re.M | re.S)


def run_python(code: str) -> str:
    """Run a block in a fresh interpreter that imports the committed package."""
    prog = f"import sys; sys.path.insert(0, {str(ROOT / 'generated')!r})\n" + code
    done = subprocess.run(
        [sys.executable, "-c", prog], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_model_block_loads_and_dumps() -> None:
    (code,) = [b for b in blocks("python") if "from_dict" in b]
    out = run_python(code)
    assert out.startswith("run 1 ")
    assert "'project': 'demo'" in out and "UNSET" not in out


def test_validate_block_names_the_bad_field() -> None:
    (code,) = [b for b in blocks("python") if "honeyhive.validate(" in b]
    out = run_python(code).splitlines()
    assert out == [
        "/session_name expected string, got integer 3",
        '/source required property "source" is missing',
    ]


def test_cli_validate_example_is_what_the_command_prints(tmp_path: Path) -> None:
    (shell,) = [b for b in blocks("") if b.startswith("$ specgen validate")]
    command, *printed = shell.splitlines()
    # the payloads the example reports on: lines 2 and 4 bad, the others good
    good = {"project": "demo", "session_name": "a", "source": "dev"}
    lines = [good, {**good, "session_name": 3}, good, {"session_name": "c", "source": "dev"}]
    (tmp_path / "events.jsonl").write_text("".join(json.dumps(p) + "\n" for p in lines))
    # the repository's settings (wire names, overrides) and spec, as at its root
    (tmp_path / "pyproject.toml").write_bytes((ROOT / "pyproject.toml").read_bytes())
    (tmp_path / "spec").symlink_to(ROOT / "spec")
    argv = command.removeprefix("$ specgen ").split()
    done = subprocess.run(
        [sys.executable, "-m", "generator", *argv],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    got = done.stdout.splitlines() + done.stderr.splitlines()
    summary = [ln for ln in got if ln.startswith("specgen:")]
    assert [ln for ln in got if not ln.startswith("specgen:")] == printed[:-1]
    # the summary's timing differs run to run; its counts must not
    assert summary and summary[0].split(" in ")[0] == printed[-1].split(" in ")[0]
