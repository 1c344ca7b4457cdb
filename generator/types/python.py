"""Speakeasy Python docs: `*str*`, `*Optional[int]*`, `List[*str*]`,
`Dict[str, *Any*]`, `[Optional[components.X]](x.md)`, `*Literal["TEXT"]*`.

Newer generators (pipeshub-python, emailr-python, gr4vy-python):

- file content `Union[bytes, IO[bytes], io.BufferedReader]` (binary);
- `httpx.Response` as a response or union variant (unlinked, or linked to
  `../../models/.md`) is a raw body: binary; linked to the httpx docs it is
  a wrapper's raw response (SDK plumbing);
- server-sent events `eventstreaming.EventStream[X]` /
  `EventStreamAsync[X]`: a stream of X.
"""

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
        "io.BufferedReader": BINARY,
        "httpx.Response": BINARY,  # as a response: the raw body; linked, see externals
    },
    generics={
        "Optional": "optional",
        "Nullable": "nullable",
        "OptionalNullable": "optional_nullable",
        "List": "array",
        "Dict": "map",
        "Union": "union",
        "Literal": "literal",
        "IO": "same",
        "eventstreaming.EventStream": "same",
        "eventstreaming.EventStreamAsync": "same",
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
    void_names=frozenset({"None"}),
    unwrapped=frozenset({"array", "map", "external"}),
    namespaces=("components.", "operations.", "errors.", "models.", "shared."),
    plumbing_names=frozenset({"retries", "server_url", "timeout_ms", "http_headers"}),
)
