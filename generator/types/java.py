"""Speakeasy Java docs (stirlingpdf, glean, novu, speakeasy, bolt, gr4vy).

Scalars are Java's own types, boxed or primitive: `*String*`, `*long*`/`Long`
(an `integer` with no format), `*int*`/`Integer` (int32), `*double*` (a plain
`number`), `Float`, `BigDecimal`, `BigInteger`, `*boolean*`, `*Object*` (any).
Generic wrappers: `Optional<T>` (may be absent), `JsonNullable<T>` (may be
absent or null), `List<T>`, `Map<String, T>`; a wildcard argument is its bound
(`Optional<? extends String>`, novu) and `?` alone is anything.  Model names may
be fully qualified (`[com.bolt.bolt_embed.models.shared.X](x.md)`,
`co.novu.co.novu.sdk.models.components.X`): the last segment names the model.
Dates and files: `[OffsetDateTime](docs.oracle.com/...)`, `LocalDate`,
`byte[]` and `InputStream` (binary).  `HttpResponse<...>` is SDK plumbing,
whatever its argument (`<?>`, `<InputStream>`, `<byte[]>`).  Speakeasy escapes
an inner `<` twice: `Map\\<String, List\\\\<X>>` reads `List\\<X>` in the cell."""

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
        "EventStream": "stream",  # server-sent events of T
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
