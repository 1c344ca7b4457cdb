"""OpenAPI 3.1: `<package>/openapi.json` (and `.yaml`) rebuilt from the IR.

`components/schemas` is the JSON Schema target's own model output
(`jsonschema.model_schemas`), so the two can never disagree; operation objects
are rendered from `templates/openapi/operation.json.j2`, whose types reuse the
JSON Schema type macros.  Operations the docs give no method and path for
cannot be placed under `paths` and are left out (resolve already warned).
"""

from __future__ import annotations

from collections import Counter
from http import HTTPStatus
from typing import Any

import yaml

from ..emit import EmitContext
from ..ir import Operation, Response, Spec
from . import jsonschema

OPENAPI_VERSION = "3.1.0"
METHOD_ORDER = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
REF_PREFIX = "#/components/schemas/"


def document_path(package: str, ext: str = "json") -> str:
    return f"{package}/openapi.{ext}"


def _status_description(status: str) -> str:
    """A response needs a description; use the HTTP reason phrase when docs give none."""
    if status.isdigit():
        try:
            return HTTPStatus(int(status)).phrase
        except ValueError:
            pass
    if len(status) == 3 and status[0].isdigit() and status[1:].upper() == "XX":
        return {"1": "Informational", "2": "Success", "3": "Redirection"}.get(
            status[0], "Client error" if status[0] == "4" else "Server error"
        )
    return "Response"


def _responses(op: Operation) -> list[dict[str, Any]]:
    """Success responses first, then documented errors; one entry per status."""
    out: dict[str, dict[str, Any]] = {}
    for r in (*op.responses, *op.errors):
        if r.status in out:
            continue
        out[r.status] = _response(r)
    if not out:
        out["default"] = _response(Response("default", None, "Response not documented"))
    return list(out.values())


def _response(r: Response) -> dict[str, Any]:
    return {
        "status": r.status,
        "description": r.description or _status_description(r.status),
        "type": r.type,
        # an event stream's schema is its events' (Speakeasy reads it back so)
        "media": "text/event-stream" if r.stream else "application/json",
    }


def operation_ids(ops: list[Operation]) -> dict[int, str]:
    """operationId per operation (by position): its documented name, qualified by
    its group where several groups use the same name (`list` in many SDKs)."""
    counts = Counter(op.name.lower() for op in ops)
    ids: dict[int, str] = {}
    taken: set[str] = set()
    for i, op in enumerate(ops):
        base = op.name if counts[op.name.lower()] == 1 else f"{op.group}_{op.name}"
        cand, k = base, 2
        while cand.lower() in taken:
            cand, k = f"{base}_{k}", k + 1
        taken.add(cand.lower())
        ids[i] = cand
    return ids


def _operation(op: Operation, op_id: str, ctx: EmitContext) -> Any:
    text = ctx.render(
        "openapi/operation.json.j2", op=op, operation_id=op_id, responses=_responses(op)
    )
    return jsonschema._load(text, "openapi/operation.json.j2")


def document(spec: Spec, ctx: EmitContext) -> dict[str, Any]:
    """The whole OpenAPI document as data (also used by tests and `specgen diff`)."""
    cfg = ctx.config
    placed = [op for op in spec.operations if op.method and op.path]
    tags = sorted({op.group for op in placed})
    text = ctx.render(
        "openapi/document.json.j2",
        title=cfg.title or f"{ctx.package} API",
        version=cfg.version,
        base_url=cfg.base_url,
        tags=tags,
    )
    doc: dict[str, Any] = jsonschema._load(text, "openapi/document.json.j2")
    paths: dict[str, dict[str, Any]] = {}
    ids = operation_ids(placed)
    for i, op in enumerate(placed):
        assert op.method is not None and op.path is not None
        # the first of two operations documented for one method and path wins
        paths.setdefault(op.path, {}).setdefault(op.method.lower(), _operation(op, ids[i], ctx))
    doc["paths"] = {
        p: {m: paths[p][m] for m in METHOD_ORDER if m in paths[p]} for p in sorted(paths)
    }
    doc.setdefault("components", {})["schemas"] = jsonschema.model_schemas(
        spec, ctx, REF_PREFIX, ""
    )
    return doc


class _Dumper(yaml.SafeDumper):
    """yaml.SafeDumper, ~25% faster, same bytes (tests/test_fast_writers.py fuzzes it).

    A scalar's analysis depends only on its text (and `allow_unicode`, fixed
    per dumper), so it is computed once per distinct text ("type", "string",
    ... recur thousands of times); a plain scalar with no space or line break
    is written in one piece, which is what the stock character loop ends up
    doing for it.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._analyses: dict[str, Any] = {}

    def analyze_scalar(self, scalar: str) -> Any:
        found = self._analyses.get(scalar)
        if found is None:
            found = self._analyses[scalar] = super().analyze_scalar(scalar)
        return found

    def write_plain(self, text: str, split: bool = True) -> None:
        # isprintable() rules out the breaks the stock loop splits at (\n, \x85, \u2028, \u2029).
        if not text or self.encoding or " " in text or not text.isprintable():
            super().write_plain(text, split)
            return
        if self.root_context:
            self.open_ended = True
        if not self.whitespace:
            self.column += 1
            self.stream.write(" ")
        self.whitespace = False
        self.indention = False
        self.column += len(text)
        self.stream.write(text)


def to_yaml(doc: Any) -> str:
    """`yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=100)`."""
    text: str = yaml.dump(doc, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    return text


def emit(spec: Spec, ctx: EmitContext) -> dict[str, str]:
    doc = document(spec, ctx)
    return {
        document_path(ctx.package, "json"): jsonschema.dump(doc),
        document_path(ctx.package, "yaml"): to_yaml(doc),
    }
