"""Speakeasy Java docs: `*String*`, `*Optional\\<Long>*`, `[Optional\\<SortType>](x.md)`,
`List\\<[X](x.md)>`, `Map\\<String, *String*>`, `byte[]` / `InputStream` (files),
`[OffsetDateTime](https://docs.oracle.com/...)`, `JsonNullable\\<T>` (nullable).
`long`/`Long` is the SDK's type for an `integer` with no format, `int`/`Integer`
for int32; `double` for a plain `number`."""

from __future__ import annotations

from ..ir import Primitive
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
)

FLOAT = Primitive("number", "float")


DIALECT = Dialect(
    name="java",
    scalars={
        "String": STRING,
        "int": INT32,
        "Integer": INT32,
        "long": INTEGER,
        "Long": INTEGER,
        "short": INT32,
        "Short": INT32,
        "double": NUMBER,
        "Double": NUMBER,
        "float": FLOAT,
        "Float": FLOAT,
        "BigDecimal": NUMBER,
        "BigInteger": INTEGER,
        "boolean": BOOLEAN,
        "Boolean": BOOLEAN,
        "Object": ANY,
        "InputStream": BINARY,
        "OffsetDateTime": DATE_TIME,
        "LocalDate": DATE,
    },
    generics={
        "Optional": "optional",
        "JsonNullable": "optional_nullable",
        "List": "array",
        "Map": "map",
        "HttpResponse": "plumbing",
    },
    externals={
        "OffsetDateTime": DATE_TIME,
        "LocalDate": DATE,
        "HttpResponse": None,
    },
    array_of={"byte": BINARY},  # file content
    wildcards=True,
    plumbing_names=frozenset({"options", "retryConfig"}),
)
