"""The intermediate schema: plain, frozen data every target renders from.

Nothing here knows about markdown or about any output format.  Every node is a
frozen dataclass so stages cannot mutate what an earlier stage decided, and
`to_json` turns a whole `Spec` into JSON-ready data for `specgen ir`.
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from typing import Literal as _Lit

JsonScalar = str | int | float | bool | None


@dataclass(frozen=True, slots=True)
class Source:
    """Where a node was documented: file and line."""

    file: str  # path relative to the spec root, with forward slashes
    line: int  # 1-based

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


# ----------------------------------------------------------------- types

PrimitiveKind = _Lit["string", "integer", "number", "boolean", "null"]


@dataclass(frozen=True, slots=True)
class Primitive:
    """A JSON scalar type, with an optional JSON Schema format."""

    kind: PrimitiveKind
    format: str | None = None  # date-time, date, int64, binary, ...


@dataclass(frozen=True, slots=True)
class Array:
    """A list of `item`."""

    item: Type


@dataclass(frozen=True, slots=True)
class Map:
    """An object with string keys and `value` values."""

    value: Type


@dataclass(frozen=True, slots=True)
class Ref:
    """A reference to a model by name."""

    model: str  # a model name once resolved; a link key before that


@dataclass(frozen=True, slots=True)
class Union:
    """Any one of `variants`."""

    variants: tuple[Type, ...]


@dataclass(frozen=True, slots=True)
class Literal:
    """Exactly one JSON value."""

    value: JsonScalar


@dataclass(frozen=True, slots=True)
class AnyType:
    """Any JSON value: what the docs say, or (`unread` set) what specgen made
    of a Type cell it could not read or a model that does not exist, under
    `unreadable-types = "any"`; targets read the reason here, not from warnings."""

    unread: str = ""  # the cell's text, for a degraded type


Type = Primitive | Array | Map | Ref | Union | Literal | AnyType

NULL = Primitive("null")


# ---------------------------------------------------------------- models


@dataclass(frozen=True, slots=True)
class Field:
    """A property of an object model."""

    doc_name: str  # as the docs write it
    wire_name: str  # the JSON key
    py_name: str  # a valid, non-keyword, unique Python identifier
    type: Type
    required: bool
    nullable: bool
    description: str
    source: Source
    deprecated: bool = False
    default: JsonScalar = None
    example: str | None = None
    extra: tuple[tuple[str, str], ...] = ()  # extra table columns, kept verbatim
    # JSON Schema keywords from a Constraints column: (("minimum", 0), ("pattern", "^a"))
    constraints: tuple[tuple[str, JsonScalar], ...] = ()
    # Whether the docs settle `nullable`: False where the dialect has no way to say
    # null for this field (TypeScript, C#; optional `*T`/`?T`/`Nilable` fields, whose
    # wrapper only says "may be absent"), so `nullable=False` there is not a promise.
    nullable_known: bool = True
    # An event stream of `type` (`EventStream<T>`): only a response wrapper's body
    # says so; it makes its operation's answer a stream (`Response.stream`).
    stream: bool = False


@dataclass(frozen=True, slots=True)
class EnumMember:
    """One allowed value of an enum model."""

    name: str  # the SDK constant as documented (may be empty)
    value: str | int
    py_name: str
    description: str = ""


@dataclass(frozen=True, slots=True)
class ObjectModel:
    """A model with named fields."""

    name: str
    description: str
    fields: tuple[Field, ...]
    open: bool  # additionalProperties: true
    source: Source
    kind: _Lit["object"] = "object"


@dataclass(frozen=True, slots=True)
class EnumModel:
    """A model whose values are a fixed set."""

    name: str
    description: str
    members: tuple[EnumMember, ...]
    source: Source
    kind: _Lit["enum"] = "enum"


@dataclass(frozen=True, slots=True)
class UnionModel:
    """A model that is any one of several types."""

    name: str
    description: str
    variants: tuple[Type, ...]
    source: Source
    kind: _Lit["union"] = "union"


@dataclass(frozen=True, slots=True)
class AliasModel:
    """A model that names another type."""

    name: str
    description: str
    type: Type
    source: Source
    kind: _Lit["alias"] = "alias"


Model = ObjectModel | EnumModel | UnionModel | AliasModel


# ------------------------------------------------------------ operations

ParamLocation = _Lit["path", "query", "header"]
# A request body's media type: JSON unless the docs show file parts or name another.
JSON_MEDIA = "application/json"
MULTIPART = "multipart/form-data"
FORM = "application/x-www-form-urlencoded"
BODY_MEDIA = (JSON_MEDIA, MULTIPART, FORM)  # the bodies the client can send


@dataclass(frozen=True, slots=True)
class Param:
    """A path, query or header parameter of an operation."""

    doc_name: str
    wire_name: str
    py_name: str
    location: ParamLocation
    type: Type
    required: bool
    description: str
    source: Source
    # How a query parameter is written (OpenAPI's `style` and `explode`), where the
    # wire-name table's In column says (`query deepObject`): the docs never do.
    style: str = "form"
    explode: bool = True


SchemeKind = _Lit["bearer", "basic", "api-key"]
CredentialLocation = _Lit["header", "query", "cookie"]


@dataclass(frozen=True, slots=True)
class SecurityArg:
    """One value a user supplies for a security scheme: a `Client(...)` argument."""

    doc_name: str  # as the docs' Security model writes it (`ClientID`, `username`)
    py_name: str
    env: str = ""  # the environment variable the docs' snippets or the security table name
    description: str = ""


@dataclass(frozen=True, slots=True)
class SecurityScheme:
    """How the API takes one credential (an OpenAPI security scheme), from the
    docs' `Security` models and the security table (`security` setting)."""

    name: str  # the docs' field name; `basic` for a Security of username + password
    kind: SchemeKind
    args: tuple[SecurityArg, ...]  # one; basic: user name and password
    source: Source
    location: CredentialLocation = "header"
    wire_name: str = "Authorization"  # the header, query parameter or cookie name
    default: bool = True  # in the docs' global `Security` model: sent unless an operation says
    # False where neither the docs nor the security table say how it is sent (sent as
    # a bearer token then): targets can say so.
    settled: bool = True


@dataclass(frozen=True, slots=True)
class Response:
    """A documented answer (or error) of an operation, by status."""

    status: str  # "200", "4XX", "default"
    type: Type | None  # None: no body
    description: str = ""
    # Server-sent events (`text/event-stream`), each event a `type`, not one body
    stream: bool = False


@dataclass(frozen=True, slots=True)
class Operation:
    """One API call: method, path, parameters, body, responses."""

    name: str  # as documented (startSession)
    py_name: str  # start_session
    group: str  # sdks folder / docs group (session)
    summary: str
    method: str | None  # None when the docs and endpoints table do not say
    path: str | None
    params: tuple[Param, ...]
    body: Type | None
    body_required: bool
    responses: tuple[Response, ...]
    errors: tuple[Response, ...]
    source: Source
    deprecated: bool = False
    # The body's media type: JSON unless the docs show file parts or form fields
    # (see `resolve.operations.body_content_type`).
    content_type: str = JSON_MEDIA
    # The security schemes it takes (`SecurityScheme.name`) where its docs show a
    # `security` parameter (an `<Op>Security` model); None: the default ones.
    security: tuple[str, ...] | None = None
    # The JSON media type the API answers in when its docs name one other than
    # application/json (every row of its Errors table's Content Type column names
    # the same `+json` vendor type: dwolla-ts `application/vnd.dwolla.v1.hal+json`);
    # "": application/json.
    accept: str = ""


@dataclass(frozen=True, slots=True)
class Spec:
    """Everything the docs define: models, operations, files read."""

    models: tuple[Model, ...]  # sorted by name
    operations: tuple[Operation, ...]  # sorted by (group, name)
    sources: tuple[str, ...]  # every file read, relative, sorted
    dialects: tuple[tuple[str, str], ...] = ()  # (file, dialect chosen)
    security: tuple[SecurityScheme, ...] = ()  # every scheme the docs show, defaults first

    def model(self, name: str) -> Model:
        for m in self.models:
            if m.name == name:
                return m
        raise KeyError(name)

    def model_map(self) -> dict[str, Model]:
        return {m.name: m for m in self.models}


# -------------------------------------------------------------- helpers


def type_refs(t: Type) -> list[str]:
    """Every model name a type refers to, in order of appearance."""
    match t:
        case Ref(model):
            return [model]
        case Array(item):
            return type_refs(item)
        case Map(value):
            return type_refs(value)
        case Union(variants):
            return [r for v in variants for r in type_refs(v)]
    return []


def model_refs(m: Model) -> list[str]:
    match m:
        case ObjectModel():
            return [r for f in m.fields for r in type_refs(f.type)]
        case UnionModel():
            return [r for v in m.variants for r in type_refs(v)]
        case AliasModel():
            return type_refs(m.type)
    return []


def free_form(m: Model | None) -> bool:
    """An open object that declares no fields (`Inputs`, `Metadata`): any JSON
    object.  The dataclasses and client targets make it a `dict[str, Any]`;
    the schema targets keep it an object model."""
    return isinstance(m, ObjectModel) and m.open and not m.fields


def has_file_part(body: Type, models: Mapping[str, Model]) -> bool:
    """Is body an object with a file field (binary: Speakeasy's `{fileName, content}`
    part), a list of files or a union with one?  Such a body is sent as multipart."""
    m = models.get(body.model) if isinstance(body, Ref) else None
    return isinstance(m, ObjectModel) and any(_is_file(f.type, models, set()) for f in m.fields)


def _is_file(t: Type, models: Mapping[str, Model], seen: set[str]) -> bool:
    match t:
        case Primitive("string", "binary"):
            return True
        case Array(item):
            return _is_file(item, models, seen)
        case Union(variants):
            return any(_is_file(v, models, seen) for v in variants)
        case Ref(name) if name not in seen:
            seen.add(name)
            m = models.get(name)
            if isinstance(m, AliasModel):
                return _is_file(m.type, models, seen)
            if isinstance(m, UnionModel):
                return any(_is_file(v, models, seen) for v in m.variants)
    return False


def path_names(path: str) -> list[str]:
    """The `{name}` placeholders of a path template, in order."""
    names: list[str] = []
    rest = path
    while "{" in rest:
        _, _, rest = rest.partition("{")
        name, _, rest = rest.partition("}")
        names.append(name)
    return names


def type_tag(t: Type) -> str:
    return {
        Primitive: "primitive",
        Array: "array",
        Map: "map",
        Ref: "ref",
        Union: "union",
        Literal: "literal",
        AnyType: "any",
    }[type(t)]


def to_json(value: Any) -> Any:
    """JSON-ready form of any IR node; types carry a `kind` tag."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out: dict[str, Any] = {}
        if isinstance(value, Primitive | Array | Map | Ref | Union | Literal | AnyType):
            out["kind"] = type_tag(value)
        for f in dataclasses.fields(value):
            out[f.name] = to_json(getattr(value, f.name))
        return out
    if isinstance(value, tuple | list):
        return [to_json(v) for v in value]
    if isinstance(value, enum.Enum):
        return value.value
    return value
