"""Speakeasy PHP docs (gando, paddle, exactpayments, taamai, bridge).

Scalars are PHP's: `*string*`, `*int*`, `*float*`, `*bool*`, `*mixed*` (any),
`[\\DateTime](php.net/...)`, `\\Brick\\DateTime\\LocalDate` (date).  `?T` and
PHP 8's `T|null` both mean "may be absent, or null when required"
(`[?Components\\X](x.md)`, `*?string*`).  `array<T>` is a list and
`array<string, T>` a map.  Models are namespaced (`Components\\X`,
`Operations\\X`, `\\paddle\\Paddle\\Models\\Shared\\X`: the last segment names
the model); a union is one link naming its members with escaped pipes,
`[Components\\A\\|Components\\B\\|null](ab.md)`.  Operation pages list one
`$request` parameter when the operation has a `<OperationId>Request` holder."""

from __future__ import annotations

from ..ir import NULL
from . import ANY, BINARY, BOOLEAN, DATE, DATE_TIME, INTEGER, NUMBER, STRING, Dialect

DIALECT = Dialect(
    name="php",
    scalars={
        "string": STRING,
        "int": INTEGER,
        "float": NUMBER,
        "bool": BOOLEAN,
        "mixed": ANY,
        "null": NULL,  # `A|B|null`
        "\\DateTime": DATE_TIME,
        "\\Brick\\DateTime\\LocalDate": DATE,
        "GuzzleHttp\\Psr7\\Stream": BINARY,
    },
    generics={"array": "list_or_map"},
    externals={
        "\\DateTime": DATE_TIME,
        "\\Brick\\DateTime\\LocalDate": DATE,
        "\\Psr\\Http\\Message\\ResponseInterface": None,
        "\\Psr\\Http\\Message\\StreamInterface": BINARY,
    },
    namespaces=("Components\\", "Operations\\", "Errors\\", "Shared\\"),
    question_nullable=True,
)
