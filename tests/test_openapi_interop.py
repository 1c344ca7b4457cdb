"""Interop: a third-party generator (openapi-python-client) reads the emitted
OpenAPI, and the client it writes talks to a real server on 127.0.0.1."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import run_cli

pytestmark = pytest.mark.slow

PKG = "hh_interop_client"
PROJECTS = [{"name": "p1", "description": "first", "type": "chat", "id": "a1"}]


class _Handler(BaseHTTPRequestHandler):
    seen: list[dict[str, Any]] = []

    def _reply(self, status: int, body: Any) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _record(self) -> dict[str, Any]:
        length = int(self.headers.get("Content-Length") or 0)
        url = urlsplit(self.path)
        req = {
            "method": self.command,
            "path": url.path,
            "query": parse_qs(url.query),
            "auth": self.headers.get("Authorization"),
            "body": json.loads(self.rfile.read(length)) if length else None,
        }
        self.seen.append(req)
        return req

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        req = self._record()
        if req["path"] == "/projects":
            self._reply(200, PROJECTS)
        else:
            self._reply(404, {"error": "not found"})

    def do_POST(self) -> None:  # noqa: N802
        req = self._record()
        if req["path"] == "/session/start":
            self._reply(200, {"session_id": "s-123"})
        else:
            self._reply(404, {"error": "not found"})

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass


@pytest.fixture
def server() -> Iterator[str]:
    _Handler.seen = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    t = threading.Thread(target=httpd.serve_forever, daemon=True)
    t.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="module")
def client_pkg(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    root = tmp_path_factory.mktemp("interop")
    r = run_cli("build", "--out", str(root / "out"), "--targets", "openapi")
    assert r.returncode == 0, r.stderr
    doc = root / "out" / "honeyhive" / "openapi.json"
    gen = subprocess.run(
        [
            sys.executable,
            "-c",
            "from openapi_python_client.cli import app; app()",
            "generate",
            "--path",
            str(doc),
            "--meta",
            "none",
            "--output-path",
            str(root / PKG),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=root,
    )
    assert gen.returncode == 0, gen.stdout + gen.stderr
    # the generator reports schemas it could not read as warnings: there must be none
    assert "Warning" not in gen.stdout and "Unable" not in gen.stdout, gen.stdout
    sys.path.insert(0, str(root))
    try:
        yield importlib.import_module(PKG)
    finally:
        sys.path.remove(str(root))
        for name in [m for m in sys.modules if m == PKG or m.startswith(PKG + ".")]:
            del sys.modules[name]


def test_generated_client_lists_projects(client_pkg: Any, server: str) -> None:
    get_projects = importlib.import_module(f"{PKG}.api.projects.get_projects")
    client = client_pkg.AuthenticatedClient(base_url=server, token="tok-1")
    resp = get_projects.sync_detailed(client=client, name="p1")
    assert resp.status_code == 200
    assert [p.to_dict() for p in resp.parsed] == PROJECTS
    assert _Handler.seen == [
        {
            "method": "GET",
            "path": "/projects",
            "query": {"name": ["p1"]},
            "auth": "Bearer tok-1",
            "body": None,
        }
    ]


def test_generated_client_posts_a_body(client_pkg: Any, server: str) -> None:
    start = importlib.import_module(f"{PKG}.api.session.start_session")
    models = importlib.import_module(f"{PKG}.models")
    body = models.StartSessionRequestBody.from_dict(
        {"session": {"project": "p1", "session_name": "s", "source": "test"}}
    )
    client = client_pkg.AuthenticatedClient(base_url=server, token="tok-2")
    resp = start.sync_detailed(client=client, body=body)
    assert resp.status_code == 200
    assert resp.parsed.session_id == "s-123"
    (req,) = _Handler.seen
    assert (req["method"], req["path"], req["auth"]) == ("POST", "/session/start", "Bearer tok-2")
    assert req["body"] == {"session": {"project": "p1", "session_name": "s", "source": "test"}}
