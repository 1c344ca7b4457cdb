"""Speakeasy C# docs (openrouter, dailypay, stackone, netevia, gr4vy).

Scalars are C# keywords: `*string*`, `*long*` (an `integer` with no format),
`*int*` (int32), `*double*` / `*decimal*` (`number`), `*float*`, `*bool*`,
`*object*` (any JSON value), `*byte[]*` (binary); `[DateTime](learn.microsoft.com/...)`
and `LocalDate` for dates.  Containers: `List<T>`, `Dictionary<String, T>`;
`EventStream<T>` for server-sent events.  Models may be namespaced
(`[Models.Components.X](x.md)`).  No optional or nullable marker: the Required
column says presence, and nullability is never written.  `## Supported Types`
headings name variants, not types: `### Str`, `### Number`, `### ArrayOfX`,
`### MapOfAny`, C#'s System names (`### ArrayOfInt32`), or a model.  The Field
column is the C# property name, which is the wire name only up to case (and
not at all where the OpenAPI renames the property, `x-speakeasy-name-override`:
dailypay's `AccountBalances` is `balances`)."""

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
        return Parsed(Ref(ref_key("", inner)), stream=True) if inner.isidentifier() else None
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
