"""The user's type map: a markdown table `Type | JSON Schema` naming types the
dialect grammars do not know (a vendor's own `Decimal`, `UUID`, `Instant`).

    | Type      | JSON Schema                              |
    | --------- | ---------------------------------------- |
    | `UUID`    | `{"type": "string", "format": "uuid"}`   |
    | `Decimal` | `{"type": "string", "format": "decimal"}` |

A name matches an identifier anywhere in a Type cell (`List[UUID]`,
`components.UUID` by its last segment), or a whole cell (`byte[]`); the map is
read before the dialect grammar, so it also overrides a dialect's own names.
The JSON Schema is a small subset, the one the IR can hold: `{}` (any),
`type` (one or a list), `format`, `items`, `additionalProperties`, `anyOf` /
`oneOf`, `const`, `enum`.  Every bad row is an error at its file:line.
"""

from __future__ import annotations

import json
from typing import Any

from ..diagnostics import Diagnostics
from ..ir import AnyType, Array, Literal, Map, Primitive, Type, Union
from ..parse import Document
from ..types import MAX_TYPE_DEPTH
from .tables import _cell_at, _tables_anywhere

_KINDS = ("string", "integer", "number", "boolean", "null")
KEYWORDS = ("type", "format", "items", "additionalProperties", "anyOf", "oneOf", "const", "enum")
MAX_SCHEMA_CHARS = 10_000


class _Bad(Exception):
    pass


def read_type_map(doc: Document, diags: Diagnostics) -> dict[str, Type]:
    """Type name -> IR type, from every `Type | JSON Schema` table of the doc."""
    found: dict[str, Type] = {}
    lines: dict[str, int] = {}
    tables = [t for s in [*doc.sections, None] for t in _tables_anywhere(doc, s)]
    if not tables:
        diags.error(doc.path, 1, "type map has no `Type | JSON Schema` table")
    for table in tables:
        tcol, scol = table.column("type"), table.column("json schema", "schema")
        if tcol is None or scol is None:
            diags.error(doc.path, table.line, "type map table needs Type and JSON Schema columns")
            continue
        for row in table.rows:
            t_c, s_c = _cell_at(row, tcol), _cell_at(row, scol)
            name = ((t_c.code or t_c.text) if t_c else "").strip()
            text = ((s_c.code or s_c.text) if s_c else "").strip()
            if not name or not text:
                diags.error(doc.path, row.line, "type map row needs a type name and a JSON Schema")
                continue
            if name in lines:
                diags.error(
                    doc.path, row.line, f"type {name!r} is mapped twice (also line {lines[name]})"
                )
                continue
            try:
                found[name] = to_type(_load(text))
            except _Bad as e:
                diags.error(doc.path, row.line, f"cannot map type {name!r}: {e}")
                continue
            lines[name] = row.line
    return found


def _load(text: str) -> Any:
    if len(text) > MAX_SCHEMA_CHARS:
        raise _Bad(f"JSON Schema longer than {MAX_SCHEMA_CHARS} characters")
    try:
        return json.loads(text)
    except (ValueError, RecursionError) as e:
        raise _Bad(f"not JSON: {str(e)[:80]}") from None


def to_type(schema: Any, depth: int = 0) -> Type:
    """The IR type of a JSON Schema in the supported subset; `_Bad` otherwise."""
    if depth > MAX_TYPE_DEPTH:
        raise _Bad(f"JSON Schema nests deeper than {MAX_TYPE_DEPTH} levels")
    if schema is True:
        return AnyType()
    if not isinstance(schema, dict):
        raise _Bad("a JSON Schema must be an object")
    unknown = sorted(k for k in schema if k not in KEYWORDS)
    if unknown:
        raise _Bad(f"keyword {unknown[0]!r} is not supported (only {', '.join(KEYWORDS)})")
    if "const" in schema:
        return Literal(_scalar(schema["const"]))
    if "enum" in schema:
        values = schema["enum"]
        if not isinstance(values, list) or not values:
            raise _Bad("enum must be a non-empty list")
        return _union([Literal(_scalar(v)) for v in values])
    for key in ("anyOf", "oneOf"):
        if key in schema:
            if not isinstance(schema[key], list) or not schema[key]:
                raise _Bad(f"{key} must be a non-empty list")
            return _union([to_type(s, depth + 1) for s in schema[key]])
    kinds = schema.get("type")
    if kinds is None:
        if len(schema) > 0:
            raise _Bad("a JSON Schema with keywords needs a type")
        return AnyType()
    names = kinds if isinstance(kinds, list) else [kinds]
    if not names or not all(isinstance(k, str) for k in names):
        raise _Bad("type must be a name or a list of names")
    return _union([_one(k, schema, depth) for k in names])


def _one(kind: str, schema: dict[str, Any], depth: int) -> Type:
    fmt = schema.get("format")
    if fmt is not None and (not isinstance(fmt, str) or not fmt.isprintable()):
        raise _Bad("format must be a string")
    if kind in _KINDS:
        return Primitive(kind, fmt if kind != "null" else None)  # type: ignore[arg-type]
    if kind == "array":
        return Array(to_type(schema.get("items", True), depth + 1))
    if kind == "object":
        return Map(to_type(schema.get("additionalProperties", True), depth + 1))
    raise _Bad(f"unknown type {kind!r}")


def _scalar(v: Any) -> str | int | float | bool | None:
    if v is None or isinstance(v, str | int | float | bool):
        return v
    raise _Bad("const and enum values must be scalars")


def _union(types: list[Type]) -> Type:
    out: list[Type] = []
    for t in types:
        for v in t.variants if isinstance(t, Union) else (t,):
            if v not in out:
                out.append(v)
    return out[0] if len(out) == 1 else Union(tuple(out))

