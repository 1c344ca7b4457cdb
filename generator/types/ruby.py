"""Speakeasy Ruby docs: `*::String*`, `*::Integer*`, `*Crystalline::Boolean.new*`,
`*Crystalline::Nilable.new(::String)*` (may be absent, or null when required),
`Crystalline::Array<[Models::Components::X](x.md)>`, `Crystalline::Hash[Symbol, *::Object*]`,
`[Crystalline::Nilable.new(Crystalline::Union.new(A, B))](xunion.md)` (the union
page itself is bare: its variants are only in this cell)."""

from __future__ import annotations

from . import ANY, BINARY, BOOLEAN, DATE, DATE_TIME, INTEGER, NUMBER, STRING, Dialect

DIALECT = Dialect(
    name="ruby",
    scalars={
        "::String": STRING,
        "::Integer": INTEGER,
        "::Float": NUMBER,
        "::Object": ANY,
        "::Symbol": STRING,
        "Symbol": STRING,
        "Crystalline::Boolean.new": BOOLEAN,
        "::DateTime": DATE_TIME,
        "::Date": DATE,
        "::StringIO": BINARY,
    },
    generics={
        "Crystalline::Nilable.new": "maybe",
        "Crystalline::Array": "array",
        "Crystalline::Array.new": "array",
        "Crystalline::Hash": "map",
        "Crystalline::Hash.new": "map",
        "Crystalline::Union.new": "union",
    },
    externals={
        "Date": DATE,
        "DateTime": DATE_TIME,
        "Faraday::Response": None,
    },
    namespaces=(
        "Models::Components::",
        "Models::Operations::",
        "Models::Errors::",
        "Models::Shared::",
    ),
)
