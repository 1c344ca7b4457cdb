"""Speakeasy Python docs: `*str*`, `*Optional[int]*`, `List[*str*]`,
`Dict[str, *Any*]`, `[Optional[components.X]](x.md)`, `*Literal["TEXT"]*`.

Newer generators (pipeshub-python, emailr-python, gr4vy-python):

- file content `Union[bytes, IO[bytes], io.BufferedReader]` (binary);
- `httpx.Response` as a response or union variant (unlinked, or linked to
  `../../models/.md`) is a raw body: binary; linked to the httpx docs it is
  a wrapper's raw response (SDK plumbing);
- server-sent events `eventstreaming.EventStream[X]` /
  `EventStreamAsync[X]`: a stream of X;
- the newest (gr4vy-python) writes an open enum's `## Values` as a list of
  code spans (`- "checking"`) under "This is an open enum" text;
- a flattened request body: the `<OperationId>Request` page holding the
  body's rows is the body, its header rows stay parameters (pipeshub-python).

`List[..]`, `Dict[..]` and `[date](..)` are written bare even when nullable
(`unwrapped`: nullability unknown).  Older generators (wingspan-python) have no
`Nullable[T]` at all: `Optional[T]` means absent-or-null, a tree with no
`Nullable` settles no field's nullability (resolve._null_unsaid), and an
enum's null is a `<nil>` row (skipped: the referring field carries it).
"""

from __future__ import annotations

from ..ir import Literal
from . import ANY, BINARY, BOOLEAN, DATE, DATE_TIME, INTEGER, NUMBER, STRING, Dialect

DIALECT = Dialect(
    name="python",
    flattened_bodies=True,
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
        "eventstreaming.EventStream": "stream",
        "eventstreaming.EventStreamAsync": "stream",
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
