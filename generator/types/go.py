"""Speakeasy Go docs: `*string*`, pointers `**string*` / `[*components.X](x.md)`
(may be absent, or null when required), slices `[]*string*`, `[][components.X](x.md)`,
maps `map[string]*string*`, `[*time.Time](https://pkg.go.dev/time#Time)`,
streams `*io.ReadCloser*`.  Integers: `int` is int32, `int64` the default width."""

from __future__ import annotations

from ..ir import Primitive
from . import ANY, BINARY, BOOLEAN, DATE, DATE_TIME, INT32, INTEGER, NUMBER, STRING, Dialect

DIALECT = Dialect(
    name="go",
    scalars={
        "string": STRING,
        "bool": BOOLEAN,
        "int": INT32,
        "int32": INT32,
        "int64": INTEGER,  # Speakeasy's type for an `integer` with no format
        "float64": NUMBER,  # ... and for a `number` with no format
        "float32": Primitive("number", "float"),
        "any": ANY,
        "io.ReadCloser": BINARY,
        "io.Reader": BINARY,
        "time.Time": DATE_TIME,
        "types.Date": DATE,
    },
    externals={
        "time.Time": DATE_TIME,
        "types.Date": DATE,
        "http.Response": None,
        "http.Request": None,
        "context.Context": None,
    },
    namespaces=("components.", "operations.", "apierrors.", "sdkerrors.", "shared."),
    slice_prefix=True,
    pointer_optional=True,
    bracket_maps=frozenset({"map"}),
    plumbing_names=frozenset({"ctx", "opts"}),
    trailing=(", error",),
)
