"""Speakeasy Go docs: `*string*`, pointers `**string*` / `[*components.X](x.md)`
(may be absent, or null when required), slices `[]*string*`, `[][components.X](x.md)`,
maps `map[string]*string*`, `[*time.Time](https://pkg.go.dev/time#Time)`,
streams `*io.ReadCloser*`.  Integers: `int` is int32, `int64` the default width.

Newer generators (glean-go, gr4vy-go, pipeshub-go, schwab-go, squadcast-go):

- a union's `### Variant` heading is the bare model name, or empty for a
  scalar; the code sample under it always spells the type
  (`components.CreateLocStr(string{/* values here */})`), so it is read
  instead (`variant_sample`), with the `components.` / `apierrors.` namespace;
- `[]byte` is a file's content (binary), not a list of numbers; `byte` alone is
  no scalar Speakeasy writes (a `format: uint8` integer is `*int64*`,
  squadcast-go `MaxRetry`), so it stays out of the table: the format is not
  shown, and the scorer's format-not-written rule knows it;
- an operation with no body answers `**error**` only (Go's `error` alone);
- server-sent events: `*stream.EventStream[components.X]`, a stream of X;
- a required nullable field is written bare, without its pointer
  (squadcast-go `StartTime [time.Time]` for `anyOf [date-time, null]`; no
  corpus Go tree has a required pointer): a tree where no required field is a
  pointer leaves required fields' nullability unknown (resolve._null_unsaid),
  and a slice or map never says null (`unwrapped`).
"""

from __future__ import annotations

import re

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
    void_names=frozenset({"error"}),  # `**error**`: the response has no body
    generics={"stream.EventStream": "stream"},
    cells={"[]byte": BINARY},
    variant_sample=re.compile(r"\.Create\w*\((?P<type>[^(){}]+?)\{/\* values here \*/\}\)"),
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
    # a nil slice or map is JSON null, and Speakeasy never writes `*[]T`:
    # a slice or map field leaves its nullability unknown
    unwrapped=frozenset({"array", "map"}),
    plumbing_names=frozenset({"ctx", "opts"}),
    trailing=(", error",),
)
