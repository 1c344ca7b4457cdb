"""Speakeasy C# docs: `*string*`, `*double*`, `*long*`, `*bool*`, `*object*`,
`List<[X](x.md)>`, `Dictionary<String, *object*>`, `[Models.Components.X](x.md)`,
`[DateTime](https://learn.microsoft.com/...)`; no optional or nullable marker.
`long` is the SDK's type for an `integer` with no format, `double` for a `number`."""

from __future__ import annotations

from ..ir import Primitive, Ref, Type
from ..parse import Cell
from . import (
    ANY,
    BINARY,
    BOOLEAN,
    DATE,
    DATE_TIME,
    INT32,
    INTEGER,
    NUMBER,
    STRING,
    Dialect,
    Parsed,
    ref_key,
)

# `## Supported Types` headings name variants, not types: `### Str`,
# `### ArrayOfChatMessageContentItem`, `### ProviderName` (a model).
_VARIANTS: dict[str, Type] = {
    "Str": STRING,
    "Number": NUMBER,
    "Integer": INTEGER,
    "Long": INTEGER,
    "Int64": INTEGER,
    "Int32": INT32,  # `### ArrayOfInt32`: C#'s System names
    "Double": NUMBER,
    "Decimal": NUMBER,
    "Float": Primitive("number", "float"),
    "Boolean": BOOLEAN,
    "Bool": BOOLEAN,
    "Any": ANY,
    "DateTime": DATE_TIME,
}


def _special(cell: Cell) -> Parsed | None:
    text = cell.text.strip()
    if text.startswith("EventStream<") and text.endswith(">"):  # server-sent events of X
        inner = text[len("EventStream<") : -1]
        return Parsed(Ref(ref_key("", inner))) if inner.isidentifier() else None
    if text in _PLUMBING:
        return Parsed(ANY, plumbing=True)
    return None


_PLUMBING = {"HttpRequestMessage", "HttpResponseMessage"}

DIALECT = Dialect(
    name="csharp",
    scalars={
        "string": STRING,
        "String": STRING,
        "double": NUMBER,
        "decimal": NUMBER,
        "float": Primitive("number", "float"),
        "long": INTEGER,
        "int": INT32,
        "bool": BOOLEAN,
        "object": ANY,
        "DateTime": DATE_TIME,
        "LocalDate": DATE,
    },
    generics={
        "List": "array",
        "Dictionary": "map",
    },
    externals={
        "DateTime": DATE_TIME,
        "LocalDate": DATE,
        "HttpResponseMessage": None,
        "HttpRequestMessage": None,
    },
    array_of={"byte": BINARY},  # file content
    namespaces=("Models.Components.", "Models.Requests.", "Models.Errors.", "Models."),
    plumbing_names=frozenset({"retryConfig"}),
    special=_special,
    variant_names=_VARIANTS,
)
