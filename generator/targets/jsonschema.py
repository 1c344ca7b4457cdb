"""JSON Schema (draft 2020-12): one file per model plus a bundle under `$defs`.

The templates write the JSON; this module only checks it loads and re-dumps it
with a fixed layout, so whitespace in templates never reaches the output.
"""

from __future__ import annotations

import json
from typing import Any

from ..diagnostics import Diagnostic, SpecError
from ..emit import EmitContext
from ..ir import Model, Spec

DIALECT_URI = "https://json-schema.org/draft/2020-12/schema"


def schema_base(package: str) -> str:
    # `.invalid` is reserved (RFC 2606): the $id never resolves to a real host.
    return f"https://{package.lower()}.specgen.invalid/schemas/"


def schema_path(package: str, model: str) -> str:
    return f"{package}/schemas/{model}.schema.json"


BUNDLE = "_bundle.schema.json"


def dump(data: Any) -> str:
    """`json.dumps(data, indent=2, ensure_ascii=False)` plus a newline, byte for byte.

    With `indent`, json.dumps runs its pure-Python encoder (generators all the
    way down); this writer does the same layout in one recursive pass, ~2x
    faster.  Data it does not expect (tuples, non-str keys, subclasses) goes
    to json.dumps itself.
    """
    out: list[str] = []
    try:
        _write(data, "\n", out)
    except _Unusual:
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    out.append("\n")
    return "".join(out)


class _Unusual(Exception):
    """A value `_write` leaves to json.dumps."""


_STR = json.encoder.encode_basestring  # the C version when available
_INF = float("inf")


def _write(o: Any, newline: str, out: list[str]) -> None:
    """Append `o` as indented JSON; `newline` is the line break plus this level's indent."""
    t = type(o)
    if t is str:
        out.append(_STR(o))
    elif t is dict:
        if not o:
            out.append("{}")
            return
        inner = newline + "  "
        sep = "{" + inner
        for k, v in o.items():
            if type(k) is not str:
                raise _Unusual
            out.append(sep + _STR(k) + ": ")
            _write(v, inner, out)
            sep = "," + inner
        out.append(newline + "}")
    elif t is list:
        if not o:
            out.append("[]")
            return
        inner = newline + "  "
        sep = "[" + inner
        for v in o:
            out.append(sep)
            _write(v, inner, out)
            sep = "," + inner
        out.append(newline + "]")
    elif o is None:
        out.append("null")
    elif o is True:
        out.append("true")
    elif o is False:
        out.append("false")
    elif t is int:
        out.append(int.__repr__(o))
    elif t is float:
        if o != o:
            out.append("NaN")
        elif o == _INF:
            out.append("Infinity")
        elif o == -_INF:
            out.append("-Infinity")
        else:
            out.append(float.__repr__(o))
    else:
        raise _Unusual


def fold_allof(node: Any) -> Any:
    """`{"allOf": [X], k: v}` -> `{**X, k: v}` when no keyword collides."""
    if isinstance(node, list):
        return [fold_allof(v) if isinstance(v, dict | list) else v for v in node]
    if not isinstance(node, dict):
        return node
    node = {k: fold_allof(v) if isinstance(v, dict | list) else v for k, v in node.items()}
    inner = node.get("allOf")
    if isinstance(inner, list) and len(inner) == 1 and isinstance(inner[0], dict):
        first = inner[0]
        if not any(k in first for k in node if k != "allOf"):
            folded: dict[str, Any] = {}
            for k, v in node.items():
                if k == "allOf":
                    folded.update(first)
                else:
                    folded[k] = v
            return folded
    return node


def _load(text: str, template: str) -> Any:
    try:
        return fold_allof(json.loads(text))
    except json.JSONDecodeError as e:
        raise SpecError(
            [Diagnostic(template, 0, f"template produced invalid JSON at line {e.lineno}: {e.msg}")]
        ) from None


MODEL_TEMPLATE = "jsonschema/model.json.j2"


def _model_schema(
    ctx: EmitContext, m: Model, ref_prefix: str, ref_suffix: str, schema_id: str
) -> Any:
    """One model's schema as data; a `schema_id` makes it a standalone document."""
    text = ctx.render(
        MODEL_TEMPLATE,
        model=m,
        ref_prefix=ref_prefix,
        ref_suffix=ref_suffix,
        standalone=bool(schema_id),
        schema_id=schema_id,
    )
    return _load(text, MODEL_TEMPLATE)


def model_schemas(spec: Spec, ctx: EmitContext, ref_prefix: str, ref_suffix: str) -> dict[str, Any]:
    """Each model's schema as data (used by the bundle and the openapi target)."""
    return {m.name: _model_schema(ctx, m, ref_prefix, ref_suffix, "") for m in spec.models}


def emit(spec: Spec, ctx: EmitContext) -> dict[str, str]:
    base = schema_base(ctx.package)
    files: dict[str, str] = {}
    for m in spec.models:
        schema = _model_schema(ctx, m, "", ".schema.json", f"{base}{m.name}.schema.json")
        files[schema_path(ctx.package, m.name)] = dump(schema)
    defs = model_schemas(spec, ctx, "#/$defs/", "")
    bundle_text = ctx.render(
        "jsonschema/bundle.json.j2", schema_id=f"{base}{BUNDLE}", names=sorted(defs)
    )
    bundle = _load(bundle_text, "jsonschema/bundle.json.j2")
    bundle["$defs"] = defs
    files[f"{ctx.package}/schemas/{BUNDLE}"] = dump(bundle)
    # The in-package validator over these schemas (templates/validation/).
    files[f"{ctx.package}/validation.py"] = ctx.render(
        "validation/validation.py.j2", models=sorted(defs)
    )
    return files
