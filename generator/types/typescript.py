"""Speakeasy TypeScript docs: `*string*`, `*number*[]`, `Record<string, *any*>`,
`[components.X](x.md)[]`, `[Date](mdn)`, literals `*"lead"*`.

Newer generators (dwolla-ts, gbg-ts, youdotcom-ts, woopsocial-ts, gr4vy-ts):

- a flat `models.` namespace (`models.Customer[]`, union headings
  `### models.ControllerWithSsn`);
- `[RFCDate](../types/rfcdate.md)`: Speakeasy's date class, linked to a page
  the docs do not ship; a date;
- literal types `true` / `false`, index signatures `{ [k: string]: T }`
  (a map), `Promise<void>` (no body);
- files: `File | Blob | X` with MDN links, `ReadableStream<Uint8Array>`;
  server-sent events `EventStream<X>` (a stream of X);
- open enums `"a" | "b" | Unrecognized<string>`: the literals are the values
  (gbg-ts, gr4vy-ts);
- response wrappers of an answer's headers (`{headers, result}`) and error
  classes that are the variants of one status's `oneOf` (dwolla-ts).

No TypeScript cell says null (`T | null` is never written): nullability is
always unknown, and the scorer counts a nullable OpenAPI property as lossy.
"""

from __future__ import annotations

from ..ir import Literal
from . import ANY, ANY_MAP, BINARY, BOOLEAN, DATE, DATE_TIME, NUMBER, STRING, Dialect

DIALECT = Dialect(
    name="typescript",
    scalars={
        "string": STRING,
        "number": NUMBER,
        "boolean": BOOLEAN,
        "any": ANY,
        "Date": DATE_TIME,
        "object": ANY_MAP,
        "true": Literal(True),
        "false": Literal(False),
        "RFCDate": DATE,
        "Uint8Array": BINARY,
    },
    generics={
        "Record": "map",
        "Array": "array",
        "Promise": "same",
        "ReadableStream": "same",
        "EventStream": "stream",
    },
    index_maps=True,
    void_names=frozenset({"void"}),  # `Promise<void>`: the response has no body
    externals={
        "Date": DATE_TIME,
        "File": BINARY,
        "Blob": BINARY,
        "Uint8Array": BINARY,
        "AxiosResponse": None,
        "AxiosRequestConfig": None,
        "Response": None,
        "RequestOptions": None,
        "ReadableStream": None,
    },
    namespaces=("components.", "operations.", "errors.", "shared.", "models."),
    array_suffix=True,
    plumbing_names=frozenset({"config", "options", "retries", "serverURL"}),
)
