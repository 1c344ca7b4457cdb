"""The client target on other SDKs' docs (../shared/corpus): Go and PHP dialects,
documented error models, binary answers.  Their docs name operations but not
methods and paths, so the endpoints table is derived from each OpenAPI document
(operationId -> method, path), as a project would write `endpoints.md`.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import CORPUS, run_cli

METHODS = ("get", "post", "put", "delete", "patch", "head", "options")


def endpoints_table(openapi: Path) -> str:
    doc = yaml.safe_load(openapi.read_text(encoding="utf-8"))
    rows = [
        f"| `{op['operationId']}` | {method.upper()} | `{path}` |"
        for path, item in doc.get("paths", {}).items()
        for method, op in item.items()
        if method in METHODS and isinstance(op, dict) and op.get("operationId")
    ]
    return "# Endpoints\n\n| Operation | Method | Path |\n| --- | --- | --- |\n" + "\n".join(rows)


@pytest.mark.slow
@pytest.mark.timeout(300)
@pytest.mark.parametrize("name", ["deck-go", "gando-php"])
def test_corpus_client_builds_and_type_checks(name: str, tmp_path: Path) -> None:
    corpus = CORPUS / name
    if not corpus.is_dir():
        pytest.skip(f"{corpus} is not available")
    endpoints = tmp_path / "endpoints.md"
    endpoints.write_text(endpoints_table(corpus / "openapi.yaml"), encoding="utf-8")
    out, pkg = tmp_path / "out", name.replace("-", "_")
    done = run_cli(
        "build",
        *("--spec", str(corpus / "docs"), "--endpoints", str(endpoints)),
        *("--out", str(out), "--package", pkg, "--targets", "jsonschema,dataclasses,client"),
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    files = [f"{pkg}/client.py", f"{pkg}/_http.py", f"{pkg}/errors.py"]
    for cmd in (
        [sys.executable, "-m", "ruff", "check", "--no-cache", *files],
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", *files],
    ):
        r = subprocess.run(cmd, cwd=out, capture_output=True, text=True, timeout=280)
        assert r.returncode == 0, r.stdout + r.stderr
    # every operation of the IR is a method of its group on both clients
    ir = run_cli("ir", "--spec", str(corpus / "docs"), "--endpoints", str(endpoints), cwd=tmp_path)
    check = (
        "import json, sys\n"
        f"from {pkg}.client import AsyncClient, Client\n"
        "ops = json.loads(sys.stdin.read())['operations']\n"
        "assert ops\n"
        "for cls in (Client, AsyncClient):\n"
        "    c = cls(base_url='http://127.0.0.1:9')\n"
        "    for op in ops:\n"
        "        assert callable(getattr(getattr(c, op['group']), op['py_name']))\n"
        "print(len(ops))\n"
    )
    r = subprocess.run(
        [sys.executable, "-c", check], cwd=out, input=ir.stdout, capture_output=True, text=True
    )
    assert r.returncode == 0, r.stderr
    assert int(r.stdout) > 0
