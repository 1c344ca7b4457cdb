"""The generated package's `__init__` loads the client on first use: services
that only load and dump models import the package without httpx installed
(and without paying for importing it), while `from <pkg> import Client` and
`<pkg>.Client` work as before."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import run_cli

# a payload of the spec's own SessionStartRequest (project, session_name, source required)
ROUND_TRIP = """
p = {"project": "p", "session_name": "s", "source": "x", "extra": 1}
assert pkg.SessionStartRequest.from_dict(p).to_dict() == p
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pkg") / "out"
    r = run_cli("build", "--out", str(out), "--targets", "jsonschema,dataclasses,client")
    assert r.returncode == 0, r.stderr
    assert (out / "honeyhive" / "client.py").is_file()
    return out


def _python(out: Path, code: str) -> subprocess.CompletedProcess[str]:
    prelude = f"import sys\nsys.path.insert(0, {str(out)!r})\n"
    return subprocess.run(
        [sys.executable, "-c", prelude + code],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def test_models_import_and_round_trip_without_httpx(built: Path) -> None:
    code = f"""
for name in ("httpx", "anyio", "jsonschema", "jsonschema_rs"):
    sys.modules[name] = None  # as if not installed: importing it raises
import honeyhive as pkg
{ROUND_TRIP}
assert "honeyhive.client" not in sys.modules
try:
    pkg.Client
except ImportError as err:
    print("client needs", err.name)
"""
    r = _python(built, code)
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == ["client", "needs", "httpx"]


def test_client_names_still_import_from_the_package(built: Path) -> None:
    code = f"""
import honeyhive as pkg
from honeyhive import AsyncClient, Client
import honeyhive.client as c
assert Client is c.Client and AsyncClient is c.AsyncClient
assert pkg.Client is c.Client
assert {{"Client", "AsyncClient", "SessionStartRequest"}} <= set(dir(pkg))
assert {{"Client", "AsyncClient"}} <= set(pkg.__all__)
{ROUND_TRIP}
try:
    pkg.NoSuchName
except AttributeError as err:
    print(err)
"""
    r = _python(built, code)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "module 'honeyhive' has no attribute 'NoSuchName'"


def test_without_the_client_target_no_lazy_names(tmp_path: Path) -> None:
    out = tmp_path / "out"
    r = run_cli("build", "--out", str(out), "--targets", "dataclasses")
    assert r.returncode == 0, r.stderr
    init = (out / "honeyhive" / "__init__.py").read_text(encoding="utf-8")
    assert "Client" not in init and "__getattr__" not in init
    r = _python(out, f"import honeyhive as pkg\n{ROUND_TRIP}\nprint(hasattr(pkg, 'Client'))\n")
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "False"
