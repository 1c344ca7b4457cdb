"""Speakeasy TypeScript docs: `*string*`, `*number*[]`, `Record<string, *any*>`,
`[components.X](x.md)[]`, `[Date](mdn)`, literals `*"lead"*`."""

from __future__ import annotations

from . import ANY, ANY_MAP, BOOLEAN, DATE_TIME, NUMBER, STRING, Dialect

DIALECT = Dialect(
    name="typescript",
    scalars={
        "string": STRING,
        "number": NUMBER,
        "boolean": BOOLEAN,
        "any": ANY,
        "Date": DATE_TIME,
        "object": ANY_MAP,
    },
    generics={"Record": "map", "Array": "array", "Promise": "same"},
    externals={
        "Date": DATE_TIME,
        "AxiosResponse": None,
        "AxiosRequestConfig": None,
        "Response": None,
        "RequestOptions": None,
        "ReadableStream": None,
    },
    namespaces=("components.", "operations.", "errors.", "shared."),
    array_suffix=True,
    plumbing_names=frozenset({"config", "options", "retries", "serverURL"}),
)
