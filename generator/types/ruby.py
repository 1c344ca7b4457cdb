"""Speakeasy Ruby docs, in two styles that Speakeasy's Ruby generator has used.

Crystalline (older): `*::String*`, `*::Integer*`, `*Crystalline::Boolean.new*`,
`*Crystalline::Nilable.new(::String)*` (may be absent, or null when required),
`Crystalline::Array<[Models::Components::X](x.md)>`, `Crystalline::Hash[Symbol, *::Object*]`,
`[Crystalline::Nilable.new(Crystalline::Union.new(A, B))](xunion.md)` (the union
page itself is bare: its variants are only in this cell).

Sorbet (newer, and the oldest Speakeasy Ruby SDKs too): `T.nilable(::String)`
(may be absent or null, as Nilable), `T::Array<[X](x.md)>` or `T::Array[X]`,
`T::Hash[Symbol, T::Array<::String>]`, `T::Boolean`, `T.any(A, B)` (a union, often
inside one link to the union's page), `T.untyped`.  Older Sorbet trees write core
classes without the root `::` (`String`, `Integer`, `Object`) and models as
`Shared::X` / `Operations::X`; date-times are `[Date](ruby-doc.org/...)` links and
the raw response `[Faraday::Response](rubydoc.info/...)`."""

from __future__ import annotations

from ..ir import Type
from . import ANY, BINARY, BOOLEAN, DATE, DATE_TIME, INTEGER, NUMBER, STRING, Dialect

# Ruby's core classes, as `::String` (root namespace) and `String`; the first
# spelling is the one the markdown target writes.
_CORE: dict[str, Type] = {
    "String": STRING,
    "Integer": INTEGER,
    "Float": NUMBER,
    "BigDecimal": NUMBER,
    "Object": ANY,
    "Symbol": STRING,
    "DateTime": DATE_TIME,
    "Date": DATE,
    "StringIO": BINARY,
}

DIALECT = Dialect(
    name="ruby",
    scalars={
        **{f"::{k}": v for k, v in _CORE.items()},
        **_CORE,
        "Crystalline::Boolean.new": BOOLEAN,
        "T::Boolean": BOOLEAN,
        "T.untyped": ANY,
    },
    generics={
        "Crystalline::Nilable.new": "maybe",
        "Crystalline::Array": "array",
        "Crystalline::Array.new": "array",
        "Crystalline::Hash": "map",
        "Crystalline::Hash.new": "map",
        "Crystalline::Union.new": "union",
        "T.nilable": "maybe",
        "T::Array": "array",
        "T::Set": "array",
        "T::Hash": "map",
        "T.any": "union",
    },
    # Linked, the names swap: every `[Date](.../Date.html)` of the corpus with an
    # OpenAPI is a date-time (clerk 2, fastpix 6, easyship 2), and its one
    # `[DateTime](.../DateTime.html)` is a date (clerk `proration_date`).
    externals={
        "Date": DATE_TIME,
        "DateTime": DATE,
        "Faraday::Response": None,
    },
    namespaces=(
        "Models::Components::",
        "Models::Operations::",
        "Models::Errors::",
        "Models::Shared::",
        "Shared::",
        "Operations::",
    ),
)
