"""Speakeasy C# docs: `*string*`, `*double*`, `*long*`, `*bool*`, `*object*`,
`List<[X](x.md)>`, `Dictionary<String, *object*>`, `[Models.Components.X](x.md)`,
`[DateTime](https://learn.microsoft.com/...)`; no optional or nullable marker.
`long` is the SDK's type for an `integer` with no format, `double` for a `number`."""

from __future__ import annotations

from ..ir import Primitive
from . import ANY, BOOLEAN, DATE, DATE_TIME, INT32, INTEGER, NUMBER, STRING, Dialect

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
    namespaces=("Models.Components.", "Models.Requests.", "Models.Errors.", "Models."),
    plumbing_names=frozenset({"retryConfig"}),
)
