"""Helpers for the client tests: a real HTTP server on 127.0.0.1, the generated
package built into a temporary folder, and payloads synthesised from the emitted
JSON Schemas.  (No tests here; the `test_` name keeps it among the client files.)
"""

from __future__ import annotations

import importlib
import json
import socket
import struct
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from conftest import ROOT, run_cli

MODELS_MODULE = "models"  # where the dataclasses target puts the models


# ------------------------------------------------------------------ server


@dataclass
class Seen:
    """One request as the server received it."""

    method: str
    raw_path: str  # path exactly as sent, percent-encoding kept
    query: list[tuple[str, str]]
    headers: dict[str, str]  # lower-cased names
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


Responder = Callable[["_Handler", Seen], None]


def reply(
    status: int = 200, body: Any = None, headers: dict[str, str] | None = None, raw: bytes = b""
) -> Responder:
    """Answer with `body` as JSON (or `raw` bytes as they are)."""

    def respond(h: _Handler, seen: Seen) -> None:
        data = raw if body is None else json.dumps(body).encode()
        h.send_response(status)
        h.send_header("Content-Type", "application/json")
        h.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            h.send_header(k, v)
        h.end_headers()
        h.wfile.write(data)

    return respond


def reset() -> Responder:
    """Drop the connection with a TCP RST, no answer at all."""

    def respond(h: _Handler, seen: Seen) -> None:
        h.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        h.connection.close()
        h.close_connection = True

    return respond


def stall(seconds: float, then: Responder) -> Responder:
    """Answer only after `seconds` (for timeouts)."""

    def respond(h: _Handler, seen: Seen) -> None:
        time.sleep(seconds)
        try:
            then(h, seen)
        except OSError:
            pass  # the client gave up and closed the socket

    return respond


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def setup(self) -> None:
        super().setup()
        # headers and body go out as two writes: without this, Nagle plus
        # delayed ACKs add ~40 ms to every answer
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    def _handle(self) -> None:
        parts = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        seen = Seen(
            self.command,
            parts.path,
            parse_qsl(parts.query, keep_blank_values=True),
            {k.lower(): v for k, v in self.headers.items()},
            body,
        )
        with self.server.lock:
            self.server.seen.append(seen)
            responder = self.server.script.popleft() if self.server.script else None
        (responder or self.server.default)(self, seen)

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = _handle


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    seen: list[Seen]
    script: deque[Responder]
    default: Responder
    lock: threading.Lock


class Server:
    """A threaded HTTP server on 127.0.0.1 answering from a script."""

    def __init__(self) -> None:
        self._srv = _Server(("127.0.0.1", 0), _Handler)
        self._srv.seen = []
        self._srv.script = deque()
        self._srv.default = reply(200, {})
        self._srv.lock = threading.Lock()
        self._thread = threading.Thread(target=self._srv.serve_forever, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        host, port = self._srv.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def seen(self) -> list[Seen]:
        return self._srv.seen

    def script(self, *responders: Responder) -> None:
        """The next requests get these answers in order, then the default."""
        with self._srv.lock:
            self._srv.seen.clear()
            self._srv.script.clear()
            self._srv.script.extend(responders)

    def stop(self) -> None:
        self._srv.shutdown()
        self._srv.server_close()


def serve() -> Iterator[Server]:
    server = Server()
    try:
        yield server
    finally:
        server.stop()


# ----------------------------------------------------------------- package


@dataclass
class Built:
    out: Path
    package: str
    client: ModuleType
    models: ModuleType
    ir: dict[str, Any]
    bundle: dict[str, Any] = field(default_factory=dict)


def build_package(
    out: Path, package: str, spec: Path | None = None, cwd: Path = ROOT, extra: tuple[str, ...] = ()
) -> Built:
    """Run `python -m generator build` into `out` and import the package."""
    args = ["build", "--out", str(out), "--package", package]
    args += ["--targets", "jsonschema,dataclasses,client", *extra]
    if spec is not None:
        args += ["--spec", str(spec)]
    done = run_cli(*args, cwd=cwd)
    assert done.returncode == 0, done.stderr
    ir_args = ["ir", *extra] + (["--spec", str(spec)] if spec is not None else [])
    ir = run_cli(*ir_args, cwd=cwd)
    assert ir.returncode == 0, ir.stderr
    sys.path.insert(0, str(out))
    importlib.invalidate_caches()
    client = importlib.import_module(f"{package}.client")
    models = importlib.import_module(f"{package}.{MODELS_MODULE}")
    bundle_path = out / package / "schemas" / "_bundle.schema.json"
    bundle = json.loads(bundle_path.read_text(encoding="utf-8"))
    return Built(out, package, client, models, json.loads(ir.stdout), bundle)


# ---------------------------------------------------------------- payloads


def ir_schema(t: dict[str, Any]) -> dict[str, Any]:
    """The JSON Schema of an IR type (from `specgen ir`), refs into the bundle."""
    kind = t["kind"]
    if kind == "ref":
        return {"$ref": f"#/$defs/{t['model']}"}
    if kind == "array":
        return {"type": "array", "items": ir_schema(t["item"])}
    if kind == "map":
        return {"type": "object", "additionalProperties": ir_schema(t["value"])}
    if kind == "union":
        return {"anyOf": [ir_schema(v) for v in t["variants"]]}
    if kind == "literal":
        return {"const": t["value"]}
    if kind == "any":
        return {}
    schema: dict[str, Any] = {"type": kind}
    if t.get("format"):
        schema["format"] = t["format"]
    return schema


def synth(schema: Any, defs: dict[str, Any], depth: int = 0) -> Any:
    """A valid instance: every property filled down to a depth, required ones always."""
    if not isinstance(schema, dict) or not schema:
        return {"any": ["value", 1]}
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return synth(defs[name], defs, depth + 1)
    if "const" in schema:
        return schema["const"]
    if "enum" in schema:
        return schema["enum"][0]
    for key in ("anyOf", "oneOf"):
        if key in schema:
            options = [s for s in schema[key] if s.get("type") != "null"] or schema[key]
            return synth(options[0], defs, depth)
    if "allOf" in schema:
        return synth(schema["allOf"][0], defs, depth)
    kind = schema.get("type", "object")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "null")
    if kind == "object":
        required = set(schema.get("required", ()))
        props = schema.get("properties", {})
        if not props and isinstance(schema.get("additionalProperties"), dict):
            return {"key": synth(schema["additionalProperties"], defs, depth + 1)}
        return {
            name: synth(sub, defs, depth + 1)
            for name, sub in props.items()
            if name in required or depth < 4
        }
    if kind == "array":
        return [synth(schema.get("items", {}), defs, depth + 1)] if depth < 4 else []
    fmt = schema.get("format")
    if kind == "string":
        return {"date-time": "2024-05-01T12:00:00Z", "date": "2024-05-01"}.get(fmt or "", "text")
    return {"integer": 7, "number": 2.5, "boolean": True, "null": None}[kind]
