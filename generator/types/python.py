"""Speakeasy Python docs: `*str*`, `*Optional[int]*`, `List[*str*]`,
`Dict[str, *Any*]`, `[Optional[components.X]](x.md)`, `*Literal["TEXT"]*`."""

from __future__ import annotations

from ..ir import Literal
from . import ANY, BINARY, BOOLEAN, DATE, DATE_TIME, INTEGER, NUMBER, STRING, Dialect

DIALECT = Dialect(
    name="python",
    scalars={
        "str": STRING,
        "int": INTEGER,
        "float": NUMBER,
        "bool": BOOLEAN,
        "Any": ANY,
        "True": Literal(True),
        "False": Literal(False),
        "datetime": DATE_TIME,
        "date": DATE,
        "bytes": BINARY,
    },
    generics={
        "Optional": "optional",
        "Nullable": "nullable",
        "OptionalNullable": "optional_nullable",
        "List": "array",
        "Dict": "map",
        "Union": "union",
        "Literal": "literal",
    },
    externals={
        # Speakeasy's Python docs link every `datetime` attribute as
        # `[date](https://docs.python.org/...#date-objects)` (all four in
        # honeyhive-python are `format: date-time` in its OpenAPI).
        "date": DATE_TIME,
        "datetime": DATE_TIME,
        "requests.Response": None,
        "httpx.Response": None,
        "utils.RetryConfig": None,
    },
    namespaces=("components.", "operations.", "errors.", "models.", "shared."),
    plumbing_names=frozenset({"retries", "server_url", "timeout_ms", "http_headers"}),
)
