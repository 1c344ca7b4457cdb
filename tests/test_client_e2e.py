"""The generated client against a real HTTP server on 127.0.0.1: every operation
in spec/, once with `Client` and once with `AsyncClient`.

The server records each request; the test checks method, path, query, the
bearer token and that the body validates against the emitted JSON Schema (and
is the payload sent).  Responses are synthesised from the schemas and must come
back as the documented model types, equal to what the server sent.
"""

from __future__ import annotations

import asyncio
import enum
import inspect
import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest
from conftest import ROOT, run_cli
from jsonschema import Draft202012Validator
from test_client_support import Built, Server, build_package, ir_schema, reply, serve, synth

TOKEN = "tok-e2e-123"
PACKAGE = "hh_client_e2e"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build_package(tmp_path_factory.mktemp("client_e2e"), PACKAGE)


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    yield from serve()


def operations(built: Built) -> list[dict[str, Any]]:
    ops: list[dict[str, Any]] = built.ir["operations"]
    return ops


def _ops_ids() -> list[str]:
    """Collected before any fixture runs: `group.py_name` of every operation in spec/."""
    ir = run_cli("ir")
    assert ir.returncode == 0, ir.stderr
    return [f"{o['group']}.{o['py_name']}" for o in json.loads(ir.stdout)["operations"]]


OP_IDS = _ops_ids()


# ----------------------------------------------------------- arguments


def _value(t: dict[str, Any], built: Built, as_model: bool, name: str) -> tuple[Any, list[str]]:
    """An argument for a parameter of IR type `t`, and how it must appear on the wire."""
    kind = t["kind"]
    if kind == "ref":
        schema = built.bundle["$defs"][t["model"]]
        if "enum" in schema:
            raw = schema["enum"][-1]
            cls = getattr(built.models, t["model"])
            return (cls(raw) if as_model else raw), [str(raw)]
    if kind == "array":
        return ["a b", "c/d"], ["a b", "c/d"]
    if kind == "boolean":
        return True, ["true"]
    if kind == "integer":
        return 42, ["42"]
    if kind == "number":
        return 2.5, ["2.5"]
    text = f"{name} v/1 ä&="  # needs percent-encoding in paths and queries
    return text, [text]


def _arguments(
    op: dict[str, Any], method: Any, built: Built, as_model: bool
) -> tuple[list[Any], dict[str, Any], dict[str, Any]]:
    """Positional args, keyword args and what the server must see."""
    sig = inspect.signature(method)
    args: list[Any] = []
    kwargs: dict[str, Any] = {}
    path = op["path"]
    query: list[tuple[str, str]] = []
    for p in op["params"]:
        name = p["py_name"] if p["py_name"] in sig.parameters else p["py_name"] + "_"
        assert name in sig.parameters, f"{op['name']}: no argument for {p['py_name']}"
        value, wire = _value(p["type"], built, as_model, p["wire_name"])
        if p["location"] == "path":
            kwargs[name] = value
            path = path.replace("{" + p["wire_name"] + "}", quote(wire[0], safe=""))
        else:
            kwargs[name] = value
            query += [(p["wire_name"], w) for w in wire]
    body = None
    if op["body"] is not None:
        schema = ir_schema(op["body"])
        body = synth(schema, built.bundle["$defs"])
        arg: Any = body
        if as_model and op["body"]["kind"] == "ref":
            arg = getattr(built.models, op["body"]["model"]).from_dict(body)
        body_name = "body" if "body" in sig.parameters else "body_"
        kwargs[body_name] = arg
    # path parameters and a required body are positional in the signature
    for pname, prm in sig.parameters.items():
        if prm.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD and pname in kwargs:
            args.append(kwargs.pop(pname))
    expect = {"path": path, "query": sorted(query), "body": body}
    return args, kwargs, expect


def _response(op: dict[str, Any], built: Built) -> tuple[Any, dict[str, Any] | None]:
    ok = [r for r in op["responses"] if r["status"].startswith("2") and r["type"]]
    if not ok:
        return None, None
    t = ok[0]["type"]
    return synth(ir_schema(t), built.bundle["$defs"]), t


def _check_result(result: Any, sent: Any, t: dict[str, Any] | None, built: Built) -> None:
    if t is None:
        assert result is None
        return
    if t["kind"] == "ref":
        cls = getattr(built.models, t["model"])
        assert isinstance(result, cls), type(result)
        if isinstance(result, enum.Enum):
            assert result.value == sent
        else:
            assert result.to_dict() == sent
    elif t["kind"] == "array" and t["item"]["kind"] == "ref":
        cls = getattr(built.models, t["item"]["model"])
        assert isinstance(result, list) and len(result) == len(sent)
        assert all(isinstance(r, cls) for r in result)
        assert [r.to_dict() for r in result] == sent
    else:
        assert result == sent


def _check_request(
    op: dict[str, Any], server: Server, expect: dict[str, Any], built: Built
) -> None:
    assert len(server.seen) == 1, [s.raw_path for s in server.seen]
    seen = server.seen[0]
    assert seen.method == op["method"]
    assert seen.raw_path == expect["path"]
    assert sorted(seen.query) == expect["query"]
    assert seen.headers["authorization"] == f"Bearer {TOKEN}"
    assert seen.headers["accept"] == "application/json"
    if expect["body"] is None:
        assert seen.body == b""
        return
    assert seen.headers["content-type"] == "application/json"
    payload = seen.json()
    schema = {**ir_schema(op["body"]), "$defs": built.bundle["$defs"]}
    errors = [e.message for e in Draft202012Validator(schema).iter_errors(payload)]
    assert errors == []
    assert payload == expect["body"]


def _find(built: Built, op_id: str) -> dict[str, Any]:
    group, name = op_id.split(".")
    return next(o for o in operations(built) if o["group"] == group and o["py_name"] == name)


# ---------------------------------------------------------------- tests


def test_every_operation_has_a_method_in_its_group(built: Built) -> None:
    client = built.client.Client(token=TOKEN, base_url="http://127.0.0.1:9")
    for op in operations(built):
        group = getattr(client, op["group"])
        assert callable(getattr(group, op["py_name"]))
        assert callable(getattr(group, op["py_name"] + "_raw"))
    client.close()
    # Ground truth read without the parser: each `## op` heading of spec/sdks/*/README.md
    # (OP_IDS comes from the same IR, so comparing with it could not catch a dropped one).
    documented = {
        line[3:].strip()
        for readme in (ROOT / "spec" / "sdks").glob("*/README.md")
        for line in readme.read_text(encoding="utf-8").splitlines()
        if line.startswith("## ") and line[3:4].islower()
    }
    assert documented
    assert {o["name"] for o in operations(built)} == documented
    assert len(operations(built)) == len(OP_IDS)


@pytest.mark.timeout(10)
@pytest.mark.parametrize("op_id", OP_IDS)
def test_sync_call(op_id: str, built: Built, server: Server) -> None:
    op = _find(built, op_id)
    sent, rtype = _response(op, built)
    server.script(reply(200, sent if rtype else {}))
    with built.client.Client(token=TOKEN, base_url=server.url) as client:
        method = getattr(getattr(client, op["group"]), op["py_name"])
        args, kwargs, expect = _arguments(op, method, built, as_model=True)
        result = method(*args, **kwargs)
    _check_request(op, server, expect, built)
    _check_result(result, sent, rtype, built)


@pytest.mark.timeout(10)
@pytest.mark.parametrize("op_id", OP_IDS)
def test_async_call(op_id: str, built: Built, server: Server) -> None:
    op = _find(built, op_id)
    sent, rtype = _response(op, built)
    server.script(reply(200, sent if rtype else {}, headers={"X-Request-Id": "r-1"}))

    async def go() -> Any:
        async with built.client.AsyncClient(token=TOKEN, base_url=server.url) as client:
            method = getattr(getattr(client, op["group"]), op["py_name"] + "_raw")
            args, kwargs, expect = _arguments(op, method, built, as_model=False)
            return await method(*args, **kwargs), expect

    raw, expect = asyncio.run(go())
    _check_request(op, server, expect, built)
    _check_result(raw.data, sent, rtype, built)
    assert raw.status_code == 200 and raw.headers["x-request-id"] == "r-1"
    assert raw.attempts == 1


def test_token_from_environment(built: Built, server: Server, monkeypatch: Any) -> None:
    env = built.client.TOKEN_ENV
    assert env == "HONEYHIVE_API_KEY"
    monkeypatch.setenv(env, "from-env")
    server.script(reply(200, []))
    with built.client.Client(base_url=server.url) as client:
        assert client.projects.get_projects() == []
    assert server.seen[0].headers["authorization"] == "Bearer from-env"
    monkeypatch.delenv(env)
    server.script(reply(200, []))
    with built.client.Client(base_url=server.url) as client:
        client.projects.get_projects()
    assert "authorization" not in server.seen[0].headers


def test_default_base_url_comes_from_config(built: Built) -> None:
    client = built.client.Client(token="t")
    assert client.base_url == "https://api.honeyhive.ai"
    client.close()


def test_readme_example_runs(built: Built, server: Server, monkeypatch: Any) -> None:
    """The README's usage example, pointed at the local server."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = [b.split("```", 1)[0] for b in readme.split("```python\n")[1:]]
    (code,) = [b for b in blocks if "honeyhive.client" in b]
    assert len(code.strip().splitlines()) == 5
    code = code.replace("honeyhive.client", f"{PACKAGE}.client")
    code = code.replace("Client(", f"Client(base_url={server.url!r}, ")
    monkeypatch.setenv("HONEYHIVE_API_KEY", "readme-token")
    server.script(reply(200, {"session_id": "sess-1"}))
    printed: list[Any] = []
    exec(compile(code, "README.md", "exec"), {"print": printed.append})
    assert printed == ["sess-1"]
    seen = server.seen[0]
    assert (seen.method, seen.raw_path) == ("POST", "/session/start")
    assert seen.headers["authorization"] == "Bearer readme-token"
    assert seen.json()["session"]["project"] == "demo"
