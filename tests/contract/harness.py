"""The contract suite's machinery: a corpus tree's docs built into a client, its own
OpenAPI served by Prism on 127.0.0.1, every operation called with requests drawn
from that OpenAPI, each answer classified.

    python -m tests.contract.harness [tree ...]        # print the table
    python -m tests.contract.harness -v [tree ...]     # and every failure
    python -m tests.contract.harness --docs            # rewrite docs/contract.md's table
    python -m tests.contract.harness --pin [tree ...]  # rewrite pinned.json for those trees

A call is `ok` when Prism accepted the request (no violation of the OpenAPI) and
the client decoded the answer into the documented type, and that value, written
back with `to_dict`, is the JSON Prism sent.  Everything else is a failure of one
kind (see `KINDS`).  Prism answers with data drawn from the documented response
schemas (`--dynamic`, a fixed `--seed`), so every run makes the same calls and gets
the same answers.
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from generator.config import Config
from generator.diagnostics import Diagnostics
from generator.emit import render
from generator.ir import Operation, Spec
from generator.parse import parse_document
from generator.pipeline import options as pipeline_options
from generator.resolve import build as resolve_build
from generator.resolve import discover
from generator.targets import client as client_target
from generator.write import write

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
if str(REPO) not in sys.path:  # pytest imports this as `contract.harness`
    sys.path.insert(0, str(REPO))

from tests.corpus.scoring import TREES, Tree, load_openapi  # noqa: E402

from .served import served  # noqa: E402
from .values import MODES, Unsupported, Values  # noqa: E402

PRISM = HERE / "node_modules" / ".bin" / "prism"
SECURITY = HERE / "security"  # <tree>.md: a tree's security table (tests.contract.security)
PARAMS = HERE / "params"  # <tree>.md: a tree's parameter rows (tests.contract.params)
ENDPOINTS = HERE / "endpoints"  # <tree>.md: endpoints rows (request content types) for a tree
DOC = REPO / "docs" / "contract.md"
SEED = 20  # Prism's --seed and the request values' base seed
CALLS_PER_OPERATION = len(MODES)  # required-only, everything, a mix
METHODS = ("get", "put", "post", "delete", "patch", "head", "options")

# Failure kinds, in the order the table shows them.
KINDS = (
    "request refused",  # Prism: the request violates the OpenAPI (422 / 415)
    "auth refused",  # Prism: no credentials the operation's security accepts (401)
    "no such operation",  # Prism: method + path are not in the OpenAPI
    "response refused",  # the client could not decode a valid answer (ResponseDecodeError)
    "round trip",  # decoded, but written back differently
    "parameter mismatch",  # a docs parameter the OpenAPI has elsewhere or not at all
    "contract violation",  # a 2xx answer Prism flagged (sl-violations)
    "not in OpenAPI",  # the docs' operation has no counterpart in the OpenAPI
    "cannot draw",  # the OpenAPI asks for a value the generator cannot make
    "client error",
    "client crash",
    "http",
    "prism error",
    "not acceptable",
)


@dataclass
class Result:
    op: str
    kind: str
    detail: str
    status: int | None = None


@dataclass
class TreeRun:
    tree: str
    operations: int
    results: list[Result] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def calls(self) -> int:
        return len(self.results)

    def count(self, *kinds: str) -> int:
        return sum(1 for r in self.results if r.kind in kinds)

    @property
    def accepted(self) -> int:
        """Calls Prism answered without refusing the request."""
        refused = ("request refused", "auth refused", "no such operation", "not in OpenAPI")
        return self.calls - self.count(*refused, "cannot draw", "client crash", "client error")

    @property
    def failures(self) -> Counter[str]:
        return Counter(r.kind for r in self.results if r.kind != "ok")


# ------------------------------------------------------------------ build


def build(
    tree: Tree, tmp: Path, params: bool = True, routes: bool = True
) -> tuple[Spec, Path]:
    """The tree's docs (+ wire-name and endpoints tables) built with the
    dataclasses and client targets into tmp/out; without its parameter rows or
    its endpoints rows when `params` or `routes` is false (params.py and
    routes.py propose them from what the docs say)."""
    spec_dir = tmp / "spec"
    shutil.copytree(tree.docs, spec_dir)
    overrides = endpoints = None
    # The tree's wire-name table, and the parameter rows the docs cannot give (a
    # wire-name file may hold several tables).
    rows = PARAMS / f"{tree.name}.md" if params else None
    tables = [p for p in (tree.overrides, rows) if p and p.is_file()]
    if tables:
        overrides = spec_dir / "wire-names.md"
        text = "\n\n".join(p.read_text(encoding="utf-8") for p in tables)
        overrides.write_text(text, encoding="utf-8")
    # The tree's endpoints table, and the rows saying what its pages cannot (a
    # form body's content type); an endpoints file may hold several tables.
    extra = ENDPOINTS / f"{tree.name}.md" if routes else None
    tables = [p for p in (tree.endpoints, extra) if p and p.is_file()]
    if tables:
        endpoints = spec_dir / "endpoints.md"
        text = "\n\n".join(p.read_text(encoding="utf-8") for p in tables)
        endpoints.write_text(text, encoding="utf-8")
    security = SECURITY / f"{tree.name}.md"  # what the docs cannot say: how credentials go
    if security.is_file():
        shutil.copyfile(security, spec_dir / "security.md")
    cfg = Config(
        spec=spec_dir,
        out=tmp / "out",
        package=tree.package,
        targets=("dataclasses", "client"),
        dialect="auto",
        wire_names=tree.wire_names,
        wire_name_overrides=overrides,
        endpoints=endpoints,
        base_url="http://127.0.0.1:9",
    )
    diags = Diagnostics()
    docs = [parse_document(text, rel) for rel, text in discover(spec_dir, diags)]
    spec = resolve_build(docs, pipeline_options(cfg), diags)
    # Operations the docs give no method and path for cannot be called (wingspan-python
    # has none): the client is built from the routed ones, as a user's endpoints table
    # would have to route them all first; docs without any build no client (skipped).
    full, spec = spec, replace(spec, operations=tuple(routed(spec)))
    if not spec.operations:
        cfg = replace(cfg, targets=("dataclasses",))
    write(cfg.out, render(spec, cfg))
    return (spec if routes else full), cfg.out


def routed(spec: Spec) -> list[Operation]:
    return [op for op in spec.operations if op.method and op.path]


# ------------------------------------------------------------------- plan


def _path_key(path: str) -> str:
    return re.sub(r"\{[^}]*\}", "{}", path).rstrip("/") or "/"


def _server_prefix(api: dict[str, Any]) -> str:
    """The path part of the first server URL (`https://x/api/v1` -> `/api/v1`)."""
    servers = api.get("servers") or [{}]
    url = str(servers[0].get("url", ""))
    path = re.sub(r"^[a-z]+://[^/]*", "", url)
    return path.rstrip("/")


def openapi_operations(api: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    """(METHOD, path key) -> the operation, with the path item's parameters merged in."""
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for path, item in (api.get("paths") or {}).items():
        if not isinstance(item, dict):
            continue
        for method, op in item.items():
            if method in METHODS and isinstance(op, dict):
                merged = dict(op)
                own = {(p.get("in"), p.get("name")) for p in op.get("parameters", []) if "in" in p}
                shared = [
                    p for p in item.get("parameters", []) if (p.get("in"), p.get("name")) not in own
                ]
                merged["parameters"] = [*shared, *op.get("parameters", [])]
                merged["x-path"] = path
                out[(method.upper(), _path_key(path))] = merged
    return out


def _jsonable(value: Any) -> Any:
    if isinstance(value, bytes):
        return {"__bytes__": base64.b64encode(value).decode("ascii")}
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value


def _body_schema(op: dict[str, Any], values: Values) -> tuple[str, Any] | None:
    body = values.deref(op.get("requestBody"))
    if not isinstance(body, dict):
        return None
    content = body.get("content") or {}
    for ctype in (
        "application/json",
        "multipart/form-data",
        "application/x-www-form-urlencoded",
    ):
        if ctype in content:
            return ctype, (content[ctype] or {}).get("schema", {})
    for ctype, media in content.items():
        if "json" in ctype:
            return ctype, (media or {}).get("schema", {})
    if content:
        ctype, media = next(iter(content.items()))
        return ctype, (media or {}).get("schema", {"type": "string", "format": "binary"})
    return None


def plan_calls(
    spec: Spec, api: dict[str, Any], calls_per_op: int = CALLS_PER_OPERATION
) -> tuple[list[dict[str, Any]], list[Result]]:
    """The driver's calls, and the results decided without a call (drift, no values)."""
    views, _ = client_target.groups(spec)
    ops = openapi_operations(api)
    prefix = _server_prefix(api)
    by_group: dict[str, list[Operation]] = {}  # as client.groups() orders them
    for op in routed(spec):
        by_group.setdefault(op.group, []).append(op)
    calls: list[dict[str, Any]] = []
    settled: list[Result] = []
    for g, group_ops in zip(views, by_group.values(), strict=True):
        for v, ir_op in zip(g.ops, group_ops, strict=True):
            label = f"{g.attr}.{v.py_name}"
            assert ir_op.path is not None
            key = _path_key(ir_op.path)
            theirs = ops.get((v.method, key))
            if theirs is None and prefix and key.startswith(prefix):
                theirs = ops.get((v.method, _path_key(key[len(prefix) :])))
            for i in range(calls_per_op):
                mode = MODES[i % len(MODES)]
                if theirs is None:
                    settled.append(
                        Result(label, "not in OpenAPI", f"{v.method} {ir_op.path}: no such path")
                    )
                    continue
                values = Values(api, SEED * 1000 + i, mode)
                try:
                    call = _call(g.attr, v, theirs, values)
                except Unsupported as e:
                    settled.append(Result(label, "cannot draw", str(e)))
                    continue
                calls.append(call)
    return calls, settled


def _call(group: str, v: Any, op: dict[str, Any], values: Values) -> dict[str, Any]:
    params = {
        (p.get("in"), p.get("name")): p
        for p in (values.deref(x) for x in op.get("parameters", []))
        if isinstance(p, dict)
    }
    args: list[Any] = []
    kwargs: dict[str, Any] = {}
    mismatched: list[str] = []
    for pv in (*v.positional, *v.keyword):
        theirs = params.get((pv.location, pv.wire_name))
        if theirs is None and pv.location == "header":  # header names ignore case
            theirs = next(
                (
                    p
                    for (w, n), p in params.items()
                    if w == "header" and n.lower() == pv.wire_name.lower()
                ),
                None,
            )
        if theirs is None:  # the docs' parameter is elsewhere in the OpenAPI, or not in it
            theirs = next(
                (p for (_, n), p in params.items() if _norm(n) == _norm(pv.wire_name)), None
            )
            where = f"{theirs.get('in')} `{theirs.get('name')}`" if theirs else "nothing"
            mismatched.append(f"{pv.location} `{pv.wire_name}` is {where} in the OpenAPI")
        wanted = pv.required or values._wants(bool(theirs and theirs.get("required")), 0)
        if theirs is None:
            if pv.required:
                value: Any = "value"
            else:
                continue
        else:
            if not wanted:
                continue
            schema = values.deref(theirs.get("schema", {}))
            if theirs.get("in") == "query" and isinstance(schema, dict) and "items" in schema:
                # an empty list is no value in the query (exploded, it is not sent)
                schema = {**schema, "minItems": max(1, int(schema.get("minItems", 0)))}
            value = values.value(schema, binary="text")
        if pv in v.positional:
            args.append(value)
        else:
            kwargs[pv.py_name] = value
    if v.body is not None:
        drawn = _body_schema(op, values)
        if drawn is not None:
            ctype, schema = drawn
            body = values.value(schema, binary="bytes")
            if ctype == "multipart/form-data" and isinstance(body, dict):
                body = _no_empty_lists(body, schema, values)
            if v.body.required:
                args.append(body)
            else:
                kwargs[v.body_arg] = body
        elif v.body.required:
            args.append({})
    return {
        "op": v.name,
        "group": group,
        "method": v.py_name,
        "args": _jsonable(args),
        "kwargs": _jsonable(kwargs),
        "mismatched": mismatched,
    }


def _no_empty_lists(body: dict[str, Any], schema: Any, values: Values) -> dict[str, Any]:
    """A multipart body sends a list as one part per item, so an empty list is no
    part at all: draw one item for each (a required one would read as missing)."""
    props = values.merged(schema).get("properties") or {}
    for name, value in body.items():
        if value == [] and name in props:
            item = values.merged(props[name]).get("items", {})
            body[name] = [values.value(item, binary="bytes")]
    return body


def _norm(name: str) -> str:
    """A name with case and punctuation aside; `$` as Speakeasy spells it in an
    identifier (exactpayments-php's `dollarSkip` is the query's `$skip`)."""
    return re.sub(r"[^a-z0-9]", "", name.lower().replace("$", "dollar"))


# ------------------------------------------------------------------ prism


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


class Prism:
    """`prism mock` on 127.0.0.1 serving one OpenAPI document; a context manager."""

    def __init__(self, openapi: Path, log: Path) -> None:
        self.openapi = openapi
        self.log = log
        self.port = 0
        self.proc: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Prism:
        if not PRISM.exists():
            raise RuntimeError(f"{PRISM} is missing: run `npm ci --prefix tests/contract`")
        for _ in range(3):  # a port taken between bind and listen: try another
            self.port = free_port()
            out = self.log.open("wb")
            self.proc = subprocess.Popen(
                [
                    str(PRISM),
                    "mock",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(self.port),
                    "--dynamic",
                    "--seed",
                    str(SEED),
                    "--errors",
                    str(self.openapi),
                ],
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                env={**os.environ, "SCARF_ANALYTICS": "false", "DO_NOT_TRACK": "1"},
            )
            out.close()
            if self._ready():
                return self
            self._stop()
        raise RuntimeError(f"Prism did not start: {self.log.read_text(errors='replace')[-2000:]}")

    def _ready(self, timeout: float = 90.0) -> bool:
        deadline = time.monotonic() + timeout
        assert self.proc is not None
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                return False
            if "Prism is listening" in self.log.read_text(errors="replace"):
                return True
            time.sleep(0.2)
        return False

    def _stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(10)
        self.proc = None

    def __exit__(self, *exc: object) -> None:
        self._stop()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


# -------------------------------------------------------------------- run


def client_settings(api: dict[str, Any], url: str) -> dict[str, Any]:
    """Client(...) arguments: Prism's URL (it serves the paths without the servers'
    own path prefix); the driver adds a credential for each of the client's schemes."""
    return {"base_url": url}


def run_tree(tree: Tree, calls_per_op: int = CALLS_PER_OPERATION) -> TreeRun:
    started = time.monotonic()
    api = served(load_openapi(tree.spec))  # as Prism can serve it (served.py)
    with tempfile.TemporaryDirectory(prefix=f"contract-{tree.name}-") as tmp_:
        tmp = Path(tmp_)
        spec, out = build(tree, tmp)
        ops = routed(spec)
        run = TreeRun(tree.name, len(ops))
        if not ops:
            return run
        calls, settled = plan_calls(spec, api, calls_per_op)
        run.results += settled
        if calls:
            # Prism reads the document once; a JSON copy spares it dub-ts' one-line YAML.
            doc = tmp / "openapi.json"
            doc.write_text(json.dumps(api, default=str), encoding="utf-8")  # YAML dates
            logs = Path(os.environ.get("CONTRACT_LOGS", tmp))  # keep Prism's log there
            logs.mkdir(parents=True, exist_ok=True)
            with Prism(doc, logs / f"prism-{tree.name}.log") as prism:
                plan = {
                    "package": tree.package,
                    "client": client_settings(api, prism.url),
                    "calls": calls,
                }
                done = subprocess.run(
                    [sys.executable, str(HERE / "driver.py")],
                    input=json.dumps(plan),
                    capture_output=True,
                    text=True,
                    cwd=out,
                    env={**os.environ, "PYTHONPATH": str(out)},
                    timeout=1800,
                )
            if done.returncode != 0:
                raise RuntimeError(f"driver failed for {tree.name}: {done.stderr[-3000:]}")
            for call, r in zip(calls, json.loads(done.stdout), strict=True):
                label = f"{call['group']}.{call['method']}"
                kind, detail = r["kind"], r["detail"]
                if kind == "ok" and call["mismatched"]:  # accepted, but not as the docs mean
                    kind, detail = "parameter mismatch", "; ".join(call["mismatched"])
                run.results.append(Result(label, kind, detail, r["status"]))
    run.seconds = time.monotonic() - started
    return run


def contract_trees() -> list[Tree]:
    """Every corpus tree with an OpenAPI (routed operations are checked when run)."""
    return [t for t in TREES.values() if t.spec.is_file() and t.docs.is_dir()]


# ------------------------------------------------------------------ report


def table(runs: list[TreeRun]) -> str:
    head = (
        "| tree | operations | calls | accepted requests | decoded responses | ok % | "
        "failures by kind |\n| --- | ---: | ---: | ---: | ---: | ---: | --- |"
    )
    rows = [head]
    for r in runs:
        fails = ", ".join(f"{k} {n}" for k, n in sorted(r.failures.items(), key=_kind_order))
        ok = r.count("ok")
        pct = f"{100 * ok / r.calls:.1f}" if r.calls else "-"
        decoded = ok + r.count("round trip")
        rows.append(
            f"| {r.tree} | {r.operations} | {r.calls} | {r.accepted} | {decoded} | {pct} | "
            f"{fails or '-'} |"
        )
    return "\n".join(rows)


def _kind_order(item: tuple[str, int]) -> int:
    return KINDS.index(item[0]) if item[0] in KINDS else len(KINDS)


def failures(run: TreeRun) -> str:
    lines = [f"{run.tree}:"]
    for r in run.results:
        if r.kind != "ok":
            lines.append(f"  {r.op}: {r.kind}: {r.detail}")
    return "\n".join(lines)


# Why a failure is pinned: the first rule whose kind and detail text match it.
# Each names a difference between the docs and the OpenAPI, a gap of the client
# that is still open, or Prism itself.
REASONS: tuple[tuple[str, str, str], ...] = (
    (
        "prism error",
        "",
        "Prism's own answer breaks the OpenAPI (json-schema-faker), so it "
        "answers 500 before the client sees data",
    ),
    (
        "not in OpenAPI",
        "",
        "drift: the docs route the operation to a path the OpenAPI "
        "does not have (gando-php: `/api/partner/v1/...` against `/api/partner/...`)",
    ),
    (
        "",
        "multipart/form-data",
        "docs gap: the OpenAPI takes a multipart/form-data body without a file part "
        "and the docs show no sign of it (no file part, no content type), so it is "
        "sent as JSON",
    ),
    (
        "not acceptable",
        "Unable to find content for application/vnd.",
        "docs gap: the Errors tables name a vendor media type the API answers in "
        "(JSON:API), but this operation answers only `application/json`",
    ),
    (
        "",
        "bytes is not JSON serializable",
        "client gap: multipart/form-data bodies (file parts) are sent as JSON",
    ),
    (
        "auth refused",
        "",
        "client gap and docs gap: the API wants API-key headers or HTTP basic "
        "credentials (deck-go `x-deck-client-id`, bridge-php `Api-Key`, stackone-csharp "
        "basic) the docs' Security model names but never places; the client sends only "
        "a bearer token",
    ),
    (
        "request refused",
        "must NOT have additional properties",
        "OpenAPI: an `allOf` member says `additionalProperties: false`, which refuses "
        "the properties the other members add (paddle-php's transaction item `price`: "
        "`product_id`), so no request carrying them is valid",
    ),
    (
        "prism error",
        "Cannot serialise complex objects as text",
        "Prism cannot write an event stream (`text/event-stream`) of object events, so "
        "it answers 500; the client reads event streams (tests/test_client_contract.py "
        "`test_events_arrive_one_at_a_time` and beside it, against a loopback server)",
    ),
    (
        "http",
        "HTTP 302",
        "OpenAPI: the operation answers only a 302 redirect (a browser step of an "
        "OAuth or SAML flow), which Prism sends as is",
    ),
    (
        "no such operation",
        "does not have",
        "drift: the docs route the operation to a method the OpenAPI's path does not "
        "have (an operation of another API version)",
    ),
    (
        "request refused",
        "Supported content types: application/x-www-form-urlencoded",
        "docs gap: the OpenAPI takes a form body the docs show no sign of (no form "
        "fields, no content type), so it is sent as JSON",
    ),
    (
        "parameter mismatch",
        "is header",
        "docs gap: the docs list a header parameter (`Idempotency-Key`) as a plain "
        "request field, which does not say where it goes: sent in the query",
    ),
    (
        "request refused",
        "must be array,null",
        "Prism: a one-element array query parameter whose schema also allows null "
        "(`include=action_details`) is read as a string (stoplightio/prism#2675)",
    ),
    (
        "request refused",
        "must be string,null",
        "docs gap: the OpenAPI sends an object query parameter as `deepObject` "
        "(`filter[updated_after]=...`), which the docs do not say; in OpenAPI's default "
        "form style its keys collide with a parameter of the same name (stackone-csharp "
        "`filter.updated_after` and `updated_after`)",
    ),
    (
        "request refused",
        "Request header must have required property",
        "docs gap: the docs list a header parameter as a plain request field (C# "
        "`IdempotencyKey`), which does not say where it goes: sent in the query",
    ),
    (
        "request refused",
        "must match exactly one schema in oneOf",
        "OpenAPI: its oneOf branches overlap (youdotcom-ts `oneOf: [Freshness, string]`, "
        "an express agent request is also a custom one), so a value of one branch "
        "matches two and Prism refuses every such request",
    ),
    (
        "request refused",
        "non-empty body",
        "client gap: a request holder read as a body "
        "on an operation the OpenAPI gives none (flat docs layout, `x_tenant_id` header)",
    ),
    (
        "request refused",
        "Body parameter is required",
        "client gap: the docs' `<Op>Request` "
        "holder is the JSON body itself, read as query parameters",
    ),
    (
        "request refused",
        "Request query",
        "drift: the OpenAPI requires a query parameter the docs do not list",
    ),
    (
        "request refused",
        "must have required property",
        "drift: the OpenAPI body requires "
        "properties the docs' request model or parameters do not carry",
    ),
    (
        "response refused",
        "expected date",
        "drift: the docs type a field as a date or date-time the OpenAPI formats otherwise",
    ),
    ("response refused", "", "drift: the OpenAPI allows a value the docs rule out"),
    (
        "parameter mismatch",
        "is nothing in the OpenAPI",
        "drift: the docs list a parameter the OpenAPI does not have (an SDK-side "
        "setting such as `server_url`, or a parameter of another API version)",
    ),
    (
        "request refused",
        "must be array",
        "Prism: a multipart/form-data array (one part per item) is read as one "
        "value, never an array, with one part or several",
    ),
    (
        "request refused",
        "must be object",
        "Prism: a multipart/form-data object field arrives as text",
    ),
    (
        "request refused",
        "fewer than 1 characters",
        "not investigated: Prism refuses the drawn body of a `oneOf` without "
        "discriminator, listing errors of every branch",
    ),
    (
        "request refused",
        "oneOf",
        "not investigated: Prism refuses the drawn body of a `oneOf` without "
        "discriminator, listing errors of every branch",
    ),
    (
        "request refused",
        "allowed values: us",
        "not investigated: Prism refuses the drawn body of a `oneOf` without "
        "discriminator, listing errors of every branch",
    ),
)


# Reasons that hold for one tree only, looked up before REASONS.
TREE_REASONS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "speakeasy-java": (
        (
            "request refused",
            "Request query parameter op must have required property",
            "Prism: an optional deepObject query parameter that is absent is read as "
            "`{}` and checked against its required properties (`op` requires `and`: "
            "`GET /v1/apis` without `op` is refused, `?op[and]=true` accepted)",
        ),
    ),
    "dwolla-ts": (
        (
            "auth refused",
            "",
            "OpenAPI gap: `POST /token` requires a security scheme (`basicAuth`) its "
            "`securitySchemes` do not define, so Prism refuses every request; and docs "
            "gap: the docs do not say its body is a form (OAuth's client-credentials "
            "request), only that `grant_type` goes in the body",
        ),
    ),
    "pipeshub-python": (
        (
            "parameter mismatch",
            "is nothing in the OpenAPI",
            "docs gap: the docs cannot say: `create(query, ..., filters)` spells "
            "`CreateConversationRequest`, the name Speakeasy gives the operation's "
            "parameter holder, and there is no path parameter a holder would hold, so "
            "its `filters: Filters` field reads as the holder's body and the rest as "
            "query parameters",
        ),
        (
            "request refused",
            "Request header must have required property",
            "docs gap: the OpenAPI requires a header (`x-session-token`) the docs do "
            "not list for the operation",
        ),
    ),
    "pipeshub-go": (
        (
            "not in OpenAPI",
            "",
            "drift: the docs come from a later API version than the tree's OpenAPI "
            "(tests/corpus/test_pipeshub_go.py); the operation is newer than it",
        ),
        (
            "no such operation",
            "",
            "drift: the docs route `POST /orgAuthConfig`, the OpenAPI "
            "`POST /orgAuthConfig/` (Prism matches a path's trailing slash)",
        ),
        (
            "not acceptable",
            "Unable to find content for text/event-stream",
            "drift: the docs (a later API version) answer with server-sent events "
            "(`*stream.EventStream[...]`) where the OpenAPI answers JSON",
        ),
        (
            "parameter mismatch",
            "is nothing in the OpenAPI",
            "drift: the docs (a later API version) have query parameters the OpenAPI lacks",
        ),
        (
            "request refused",
            "must be array",
            "Prism: a multipart/form-data array of file parts (`files`, one part per "
            "file) is read as one value, never an array, with one part or several",
        ),
        (
            "response refused",
            "body is not JSON",
            "drift: the docs (a later API version) document an answer body the "
            "OpenAPI's answer does not have",
        ),
        (
            "response refused",
            "",
            "drift: the docs come from a later API version than the tree's OpenAPI "
            "(tests/corpus/test_pipeshub_go.py): fields became required, answers "
            "changed shape",
        ),
    ),
    "schwab-go": (
        (
            "not in OpenAPI",
            "",
            "drift: a market-data operation; the tree documents the trader and "
            "market-data APIs but carries only the trader API's OpenAPI "
            "(tests/corpus/test_schwab_go.py)",
        ),
        (
            "response refused",
            "securitiesAccount",
            "drift: the balances' `isInCall` is `*bool` in the docs, number (double) in "
            "the OpenAPI (tests/corpus/test_schwab_go.py DOCS_DIFFER), so neither "
            "`SecuritiesAccount` branch decodes",
        ),
    ),
    "squadcast-go": (
        (
            "request refused",
            "Body parameter is required",
            "docs gap: the OpenAPI's body is `text/plain` (the Go SDK takes an "
            "`io.Reader`); the docs give it as a Parameters row typed `any` "
            "(`v3EscalationPoliciesUpdateEscalationPolicyRequest`) with no media type, so "
            "nothing says it is the body or how to send it (the client sends a query parameter)",
        ),
        (
            "http",
            "HTTP 400",
            "OpenAPI gap: `GET /v3/incidents/export` documents no 2xx answer (only "
            "4xx and 5xx), so Prism can answer it only with an error",
        ),
    ),
}


def reason(result: Result, tree: str = "") -> str:
    for kind, text, why in (*TREE_REASONS.get(tree, ()), *REASONS):
        if (not kind or result.kind == kind) and text in result.detail:
            return why
    return f"unexplained {result.kind}"


PINS = HERE / "pinned.json"


def write_pins(runs: list[TreeRun], path: Path = PINS) -> None:
    """Every failing (operation, kind) with its reason, as the test reads them."""
    data: dict[str, dict[str, str]] = {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        pass
    for run in runs:
        pins = {f"{r.op} | {r.kind}": reason(r, run.tree) for r in run.results if r.kind != "ok"}
        data[run.tree] = dict(sorted(pins.items()))
    path.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def pinned(tree: str, path: Path = PINS) -> dict[tuple[str, str], str]:
    data = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    return {tuple(k.split(" | ", 1)): v for k, v in data.get(tree, {}).items()}  # type: ignore[misc]


BEGIN, END = "<!-- contract-table:begin -->", "<!-- contract-table:end -->"


def update_doc(runs: list[TreeRun], doc: Path = DOC) -> None:
    text = doc.read_text(encoding="utf-8")
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    doc.write_text(f"{head}{BEGIN}\n{table(runs)}\n{END}{tail}", encoding="utf-8")


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    docs = "--docs" in argv
    names = [a for a in argv if not a.startswith("-")]
    trees = [TREES[n] for n in names] if names else contract_trees()
    runs = []
    for t in trees:
        run = run_tree(t)
        runs.append(run)
        print(f"{t.name}: {run.count('ok')}/{run.calls} ok in {run.seconds:.1f} s", file=sys.stderr)
        if verbose:
            print(failures(run), file=sys.stderr)
    print(table(runs))
    if docs:
        update_doc(runs)
    if "--pin" in argv:
        write_pins(runs)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
