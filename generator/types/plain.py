"""Plain, hand-written docs: `string`, `integer`, `array of X`, `map of X`,
`stream of X` (an answer of server-sent events, each an X), `X | null`,
`[Model](model.md)`, literals `"lead"`, `true`, `42`.

Written for people, not SDK generators: no italics or namespaces needed (both
are accepted), no language types.  Extra columns (Format, Default, Example,
Constraints) are read by `generator.columns`, for every dialect.
"""

from __future__ import annotations

from ..ir import NULL, Literal, Primitive, Type
from . import (
    ANY,
    ANY_MAP,
    BINARY,
    BOOLEAN,
    DATE,
    DATE_TIME,
    INT32,
    INT64,
    INTEGER,
    NUMBER,
    STRING,
    Dialect,
)

# The first name for each type is the one the markdown target writes.
SCALARS: dict[str, Type] = {
    "string": STRING,
    "integer": INTEGER,
    "number": NUMBER,
    "boolean": BOOLEAN,
    "date-time": DATE_TIME,
    "date": DATE,
    "int32": INT32,
    "int64": INT64,
    "float": Primitive("number", "float"),
    "double": Primitive("number", "double"),
    "binary": BINARY,
    "any": ANY,
    "object": ANY_MAP,
    "null": NULL,
    "true": Literal(True),
    "false": Literal(False),
}

DIALECT = Dialect(
    name="plain",
    scalars=SCALARS,
    prefix_words={"array": "array", "map": "map", "stream": "stream"},
)
