"""Speakeasy PHP docs: `*string*`, `*?string*` (may be absent, or null when
required), `[Components\\X](x.md)`, `[?Components\\X](x.md)`, `array<*string*>`,
`array<string, *mixed*>`, `[\\DateTime](https://www.php.net/...)` and unions inside
one link, `[Components\\A\\|Components\\B](ab.md)`."""

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
