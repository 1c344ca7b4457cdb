"""Optional extra columns of a Fields table: Format, Default, Constraints.

Any dialect may carry them (the `plain` dialect documents them).  The columns
stay verbatim in `Field.extra`; this module reads what they mean:

| column      | example                                  | IR / JSON Schema                  |
| ----------- | ---------------------------------------- | --------------------------------- |
| Format      | `uuid`, `email`, `int64`                 | the field type's `format`         |
| Default     | `10`, `true`, `"chat"`                   | `Field.default` -> `default`      |
| Constraints | `min 0, max 100`, `pattern ^[a-z]+$`     | `Field.constraints` -> keywords   |

Constraint items are separated by `,` or `;`; `pattern` takes the rest of
the cell, so write it last.  `min`/`max` mean minimum/maximum for numbers,
minLength/maxLength for strings and minItems/maxItems for arrays.  The item
`deprecated` marks the field deprecated.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from .diagnostics import Diagnostics
from .ir import NULL, Array, JsonScalar, Map, Primitive, Source, Type, Union


@dataclass(frozen=True, slots=True)
class Annotations:
    """What a row's extra columns add to its field."""

    type: Type
    default: JsonScalar = None
    constraints: tuple[tuple[str, JsonScalar], ...] = ()
    deprecated: bool = False


# `min`/`max` -> keyword by the field's base type: number, string, array, map
_BOUNDS: dict[str, tuple[str, str, str, str]] = {
    "min": ("minimum", "minLength", "minItems", "minProperties"),
    "max": ("maximum", "maxLength", "maxItems", "maxProperties"),
}
_FIXED: dict[str, str] = {
    "exclusive min": "exclusiveMinimum",
    "exclusive max": "exclusiveMaximum",
    "min length": "minLength",
    "max length": "maxLength",
    "min items": "minItems",
    "max items": "maxItems",
    "min properties": "minProperties",
    "max properties": "maxProperties",
    "multiple of": "multipleOf",
}
_COUNTS = {"minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties"}


def _column(extra: tuple[tuple[str, str], ...], name: str) -> str:
    return next((v.strip() for k, v in extra if k.strip().lower() == name), "")


def _base(t: Type) -> Type:
    """The type with a `| null` variant removed."""
    if isinstance(t, Union):
        rest = [v for v in t.variants if v != NULL]
        if len(rest) == 1:
            return rest[0]
    return t


def with_format(t: Type, fmt: str) -> Type | None:
    """Set the format of the one primitive a type holds (through arrays, maps
    and `| null`); None when there is no single primitive to carry it."""
    match t:
        case Primitive(kind) if kind != "null":
            return Primitive(kind, fmt)
        case Array(item):
            inner = with_format(item, fmt)
            return None if inner is None else Array(inner)
        case Map(value):
            inner = with_format(value, fmt)
            return None if inner is None else Map(inner)
        case Union(variants) if _base(t) != t:
            inner = with_format(_base(t), fmt)
            if inner is None:
                return None
            return Union(tuple(v if v == NULL else inner for v in variants))
    return None


def parse_value(text: str) -> JsonScalar:
    """A Default cell: JSON when it parses as a JSON scalar, else the text."""
    try:
        value = json.loads(text)
    except ValueError:
        return text
    return value if isinstance(value, str | int | float | bool) or value is None else text


def _number(text: str) -> int | float | None:
    try:
        return int(text)
    except ValueError:
        pass
    try:
        value = float(text)
    except ValueError:
        return None
    return value if value == value and value not in (float("inf"), float("-inf")) else None


def _constraints(
    text: str, t: Type, src: Source, diags: Diagnostics
) -> tuple[tuple[tuple[str, JsonScalar], ...], bool]:
    out: list[tuple[str, JsonScalar]] = []
    deprecated = False
    rest = text.replace("\n", ";")
    base = _base(t)
    kind = 0  # number
    if isinstance(base, Primitive) and base.kind == "string":
        kind = 1
    elif isinstance(base, Array):
        kind = 2
    elif isinstance(base, Map):
        kind = 3
    while rest.strip():
        head = rest.lstrip()
        if head.lower().startswith("pattern "):
            out.append(("pattern", head[len("pattern ") :].strip()))
            break
        item, _, rest = _split_item(head)
        words = item.split()
        if not words:
            continue
        if [w.lower() for w in words] == ["deprecated"]:
            deprecated = True
            continue
        if [w.lower() for w in words] == ["unique", "items"]:
            out.append(("uniqueItems", True))
            continue
        name = " ".join(w.lower() for w in words[:-1])
        value = _number(words[-1])
        keyword = _FIXED.get(name) or (_BOUNDS[name][kind] if name in _BOUNDS else None)
        if keyword is None:
            diags.error(src.file, src.line, f"unknown constraint {item.strip()!r}")
            continue
        if value is None or (keyword in _COUNTS and (not isinstance(value, int) or value < 0)):
            diags.error(src.file, src.line, f"constraint {item.strip()!r} needs a number")
            continue
        out.append((keyword, value))
    return tuple(out), deprecated


def _split_item(text: str) -> tuple[str, str, str]:
    for i, c in enumerate(text):
        if c in ",;":
            return text[:i], c, text[i + 1 :]
    return text, "", ""


def read(
    extra: tuple[tuple[str, str], ...], t: Type, src: Source, diags: Diagnostics
) -> Annotations:
    """What a row's extra columns say about its field."""
    fmt = _column(extra, "format")
    if fmt:
        formatted = with_format(t, fmt)
        if formatted is None:
            diags.error(src.file, src.line, f"Format {fmt!r} needs a string or number type")
        else:
            t = formatted
    default_text = _column(extra, "default")
    default = parse_value(default_text) if default_text else None
    constraints, deprecated = _constraints(_column(extra, "constraints"), t, src, diags)
    return Annotations(t, default=default, constraints=constraints, deprecated=deprecated)
