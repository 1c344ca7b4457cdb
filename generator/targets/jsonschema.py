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
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def fold_allof(node: Any) -> Any:
    """`{"allOf": [X], k: v}` -> `{**X, k: v}` when no keyword collides."""
    if isinstance(node, list):
        return [fold_allof(v) for v in node]
    if not isinstance(node, dict):
        return node
    node = {k: fold_allof(v) for k, v in node.items()}
    inner = node.get("allOf")
    if isinstance(inner, list) and len(inner) == 1 and isinstance(inner[0], dict):
        if not (set(node) - {"allOf"}) & set(inner[0]):
            folded: dict[str, Any] = {}
            for k, v in node.items():
                folded.update(inner[0] if k == "allOf" else {k: v})
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
