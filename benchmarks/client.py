"""Per-call cost of the generated client, side by side with peers, on loopback.

    python benchmarks/client.py [--calls 300] [--repeat 5]

One threaded HTTP server on 127.0.0.1 answers fixed JSON; three clients call
the same operations on it with keep-alive connections:

- `httpx` by hand: `client.get(...).json()`, untyped (the floor: the
  generated client is a layer over it);
- `specgen`: `generated/honeyhive/client.py`, decoding into the dataclasses;
- `openapi-python-client` generated from the HoneyHive OpenAPI document the
  docs describe (`../shared/corpus/honeyhive-python/openapi.yaml`), attrs models.

Rows: `GET /projects` answering 1 and 1000 projects, `POST /session/start`
with a body.  Each cell is microseconds per call: the minimum over --repeat
runs of --calls calls, the peers' runs interleaved.  Ratios: specgen / httpx
(the layer's overhead, >= 1) and openapi-python-client / specgen (> 1:
specgen is faster).
"""

from __future__ import annotations

import argparse
import importlib
import json
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
OPENAPI = (ROOT / ".." / "shared" / "corpus" / "honeyhive-python" / "openapi.yaml").resolve()
PROJECT = {"description": "d", "id": "p-1", "name": "demo", "type": "chat"}
BODIES: dict[str, bytes] = {}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def setup(self) -> None:
        super().setup()
        # headers and body go out as two writes: without this, Nagle plus
        # delayed ACKs add ~40 ms to every answer
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        path = self.path.split("?", 1)[0]
        key = path + ("?big" if "big" in self.path else "")
        data = BODIES.get(key, b"{}")
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = _answer


def serve() -> tuple[ThreadingHTTPServer, str]:
    BODIES["/projects"] = json.dumps([PROJECT]).encode()
    many = [{**PROJECT, "id": f"p-{i}"} for i in range(1000)]
    BODIES["/projects?big"] = json.dumps(many).encode()
    BODIES["/session/start"] = json.dumps({"session_id": "s-1"}).encode()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}"


def openapi_python_client(tmp: Path) -> Any:
    """Generate the peer client from the reference OpenAPI document and import it."""
    pkg = "oapc_honeyhive"
    cmd = [sys.executable, "-c", "from openapi_python_client.cli import app; app()"]
    cmd += ["generate", "--path", str(OPENAPI), "--meta", "none"]
    cmd += ["--output-path", str(tmp / pkg)]
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=tmp, timeout=300)
    if done.returncode != 0:
        raise SystemExit(f"openapi-python-client failed:\n{done.stdout}{done.stderr}")
    sys.path.insert(0, str(tmp))
    return importlib.import_module(pkg)


def best(fns: dict[str, Callable[[], Any]], calls: int, repeat: int) -> dict[str, float]:
    """Microseconds per call for each peer: the best of `repeat` runs of `calls` calls.

    Runs are interleaved (peer A, B, C, A, B, C, ...) so a slow spell of the
    machine hits every peer alike instead of whichever ran then."""
    for fn in fns.values():
        fn()  # warm: connection, imports, caches
    times: dict[str, list[float]] = {k: [] for k in fns}
    for _ in range(repeat):
        for name, fn in fns.items():
            start = time.perf_counter()
            for _ in range(calls):
                fn()
            times[name].append((time.perf_counter() - start) / calls)
    return {k: min(v) * 1e6 for k, v in times.items()}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--calls", type=int, default=300)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args(argv)

    httpd, url = serve()
    sys.path.insert(0, str(ROOT / "generated"))
    from honeyhive.client import Client

    with tempfile.TemporaryDirectory() as tmp:
        peer = openapi_python_client(Path(tmp))
        get_projects = importlib.import_module(f"{peer.__name__}.api.projects.get_projects")
        start_session = importlib.import_module(f"{peer.__name__}.api.session.start_session")
        peer_models = importlib.import_module(f"{peer.__name__}.models")

        body = {"session": {"project": "demo", "session_name": "run", "source": "bench"}}
        auth = {"Authorization": "Bearer t"}
        raw = httpx.Client(base_url=url, headers=auth)
        ours = Client(token="t", base_url=url)
        theirs = peer.AuthenticatedClient(base_url=url, token="t")
        peer_body = peer_models.StartSessionBody.from_dict(body)

        rows: list[tuple[str, dict[str, Callable[[], Any]]]] = [
            (
                "GET /projects (1 project)",
                {
                    "httpx": lambda: raw.get("/projects", params={"name": "demo"}).json(),
                    "specgen": lambda: ours.projects.get_projects(name="demo"),
                    "oapc": lambda: get_projects.sync(client=theirs, name="demo"),
                },
            ),
            (
                "GET /projects (1000 projects)",
                {
                    "httpx": lambda: raw.get("/projects", params={"name": "big"}).json(),
                    "specgen": lambda: ours.projects.get_projects(name="big"),
                    "oapc": lambda: get_projects.sync(client=theirs, name="big"),
                },
            ),
            (
                "POST /session/start",
                {
                    "httpx": lambda: raw.post("/session/start", json=body).json(),
                    "specgen": lambda: ours.session.start_session(body),
                    "oapc": lambda: start_session.sync(client=theirs, body=peer_body),
                },
            ),
        ]
        # every client must really decode what the server sent
        assert len(ours.projects.get_projects(name="big")) == 1000
        assert len(get_projects.sync(client=theirs, name="big")) == 1000
        assert ours.session.start_session(body).session_id == "s-1"

        header = f"{'operation':<30} {'httpx':>10} {'specgen':>10} {'oapc':>10}"
        header += f" {'specgen/httpx':>14} {'oapc/specgen':>13}"
        print(f"us per call, best of {args.repeat} x {args.calls} calls, loopback, keep-alive")
        print(header)
        print("-" * len(header))
        for name, fns in rows:
            calls = args.calls if "1000" not in name else max(10, args.calls // 10)
            t = best(fns, calls, args.repeat)
            print(
                f"{name:<30} {t['httpx']:>10.0f} {t['specgen']:>10.0f} {t['oapc']:>10.0f}"
                f" {t['specgen'] / t['httpx']:>13.2f}x {t['oapc'] / t['specgen']:>12.2f}x"
            )
        raw.close()
        ours.close()
    httpd.shutdown()


if __name__ == "__main__":
    main()
