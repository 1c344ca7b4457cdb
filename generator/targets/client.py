"""Thin HTTP client: `<package>/client.py`, `errors.py` and `_http.py` on httpx.

This module turns each IR operation into a small, template-ready view: Python
annotations, decoder expressions and literals are computed here from IR
identifiers only (model names and `py_name`s are already safe identifiers);
doc text (summaries, descriptions, paths, names in messages) reaches the
output only through the templates' escaping filters.  The client validates
request bodies against the JSON Schemas, so the schema files are emitted too.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from ..diagnostics import Diagnostic, SpecError
from ..emit import EmitContext
from ..ir import (
    AnyType,
    Array,
    EnumModel,
    Literal,
    Map,
    Model,
    ObjectModel,
    Operation,
    Param,
    Primitive,
    Ref,
    Response,
    Spec,
    Type,
    Union,
    UnionModel,
    free_form,
    path_names,
)
from ..naming import model_identifier, pascal_case, uniquify
from .dataclasses import fmt_type

# The dataclasses target's module the client imports models from (as `_m`).
MODELS_MODULE = "models"

# Keyword-only options every operation method takes; API parameters yield.
CALL_OPTIONS = ("timeout", "retries", "validate", "extra_headers")
# Public attributes of Client/AsyncClient that a group must not shadow.
CLIENT_ATTRS = frozenset({"close", "aclose", "base_url", "http_client"})
# Client(...)'s own parameters: a credential argument must not take one's name.
CLIENT_PARAMS = frozenset(
    {"self", "token", "base_url", "timeout", "retries", "validate", "headers"}
    | {"http_client", "transport", "settings", "owned", "credentials"}
)
TOKEN = "token"  # the argument of the default bearer scheme (or of an implicit one)

JSON = "application/json"
# Answers that need not be JSON ask for what they can read.
EVENT_STREAM = "text/event-stream"
ACCEPT = {"_http.BYTES": "*/*", "_http.TEXT": "application/json, text/plain;q=0.9, */*;q=0.8"}

_PRIMITIVE = {"string": "str", "integer": "int", "number": "float", "boolean": "bool"}

# Annotations in a group class resolve in its scope, where a method named
# `list` (say) hides the builtin: there they say `builtins.list` instead.
_BUILTIN = re.compile(r"(?<![\w.])(str|int|float|bool|bytes|list|dict)\b")
# Module names the annotations use that no builtins. prefix can rescue:
# a method of that name gets a trailing underscore.
MODULE_NAMES = frozenset({"httpx"})
# The call options' annotations (see CALL_OPTIONS).
OPTION_ANNOTATIONS = (
    ("timeout", "float | httpx.Timeout | None"),
    ("retries", "RetryPolicy | int | None"),
    ("validate", "bool | None"),
    ("extra_headers", "Mapping[str, str] | None"),
)
LINE = 100  # the generated package's line length


# ------------------------------------------------------------------ views


@dataclass(frozen=True)
class ParamView:
    py_name: str
    wire_name: str
    location: str
    annotation: str  # as the method signature takes it
    required: bool
    description: str
    value: str = ""  # what the call passes: the argument, or it wrapped in `_http.Styled`


@dataclass(frozen=True)
class BodyView:
    annotation: str
    required: bool
    schema_lines: tuple[str, ...]  # a Python str literal split over lines


@dataclass(frozen=True)
class ResultView:
    annotation: str  # what the method returns (of each event, for a stream)
    decoder: str  # a runtime expression: Callable[[Any], annotation] or _http.Raw
    accept: str  # the Accept header it asks for
    # server-sent events: "event" (each is an `annotation`, its `data` text),
    # "event-json" (the same, `data` JSON), "data" (each event's data is one); or ""
    stream: str = ""


@dataclass(frozen=True)
class ErrorView:
    status: str
    classes: tuple[str, ...]  # class names in errors.py, in the docs' order


@dataclass(frozen=True)
class OpView:
    name: str  # documented name, for messages (doc text)
    py_name: str
    const: str  # module-level constant holding its _http.Operation
    method: str
    path: str  # doc text
    summary: str
    deprecated: bool
    positional: tuple[ParamView, ...]  # path parameters, in path order
    keyword: tuple[ParamView, ...]  # query and header parameters
    body: BodyView | None
    result: ResultView | None
    errors: tuple[ErrorView, ...]
    body_arg: str  # the body argument's name
    options: tuple[tuple[str, str], ...] = OPTION_ANNOTATIONS  # (name, annotation)
    content_type: str = JSON  # the body's media type
    security: tuple[str, ...] | None = None  # scheme names (doc text); None: the defaults
    accept: str = JSON  # the Accept header it sends


@dataclass(frozen=True)
class SchemeView:
    """One `_http.Scheme` of the generated client."""

    name: str  # doc text
    kind: str
    args: tuple[str, ...]  # Client(...) argument names (identifiers)
    location: str
    wire_name: str  # doc text (a header, query parameter or cookie name)
    default: bool


@dataclass(frozen=True)
class CredentialView:
    """A Client(...) argument holding (part of) a credential, besides `token`."""

    py_name: str
    env: str  # an environment variable name, or ""
    scheme: str  # doc text: the scheme's name, for the docstring
    kind: str
    part: str  # "", or "user name" / "password" of a basic scheme


@dataclass(frozen=True)
class SecurityView:
    schemes: tuple[SchemeView, ...]
    credentials: tuple[CredentialView, ...]  # the arguments besides `token`
    token_env: str  # for `token`, or ""
    token_scheme: str  # doc text: the docs' name of the scheme `token` is, or ""


@dataclass(frozen=True)
class GroupView:
    attr: str  # client.<attr>
    cls: str  # SessionApi
    ops: tuple[OpView, ...]


@dataclass(frozen=True)
class ErrorModelView:
    cls: str
    model: str
    description: str
    parse: str  # a runtime expression: Callable[[dict], the model]


# ------------------------------------------------------------- type text


def input_annotation(t: Type, models: Mapping[str, Model]) -> str:
    """What a caller may pass: models or plain JSON-like data."""
    match t:
        case Primitive(kind):
            return _PRIMITIVE.get(kind, "None")
        case Array(item):
            return f"Sequence[{input_annotation(item, models)}]"
        case Map(value):
            return f"Mapping[str, {input_annotation(value, models)}]"
        case Ref(name):
            m = models.get(name)
            if isinstance(m, ObjectModel):
                return f"_m.{name} | Mapping[str, Any]"
            if isinstance(m, EnumModel):
                values = {type(v.value) for v in m.members}
                raw = "int" if values == {int} else "str" if values == {str} else "str | int"
                return f"_m.{name} | {raw}"
            return "Any"
        case Union(variants):
            parts = list(dict.fromkeys(input_annotation(v, models) for v in variants))
            return "Any" if "Any" in parts else " | ".join(parts)
        case Literal(value):
            return _literal_base(value)
    return "Any"


def output_annotation(t: Type, models: Mapping[str, Model]) -> str:
    """What a decoded response is."""
    match t:
        case Primitive("string", "binary"):
            return "bytes"
        case Primitive(kind):
            return _PRIMITIVE.get(kind, "None")
        case Array(item):
            return f"list[{output_annotation(item, models)}]"
        case Map(value):
            return f"dict[str, {output_annotation(value, models)}]"
        case Ref(name):
            m = models.get(name)
            if isinstance(m, ObjectModel | EnumModel):
                return f"_m.{name}"
            return "Any"
    return "Any"


def answer_type(t: Type, models: Mapping[str, Model]) -> Type:
    """A union page of one type (pipeshub-python's picture answer says
    `httpx.Response` for each of two image media types; resolve keeps it once)
    answers that type."""
    m = models.get(t.model) if isinstance(t, Ref) else None
    if isinstance(m, UnionModel) and len(m.variants) == 1:
        return m.variants[0]
    return t


def event_shape(t: Type, models: Mapping[str, Model]) -> str:
    """How one server-sent event reads as a `t`: Speakeasy documents the event
    itself (`SSEEvent {event, data}`), its `data` text or JSON by the field's
    type; any other type is what each event's data holds, as JSON."""
    m = models.get(t.model) if isinstance(t, Ref) else None
    data = [f for f in m.fields if f.wire_name == "data"] if isinstance(m, ObjectModel) else []
    if not data:
        return "data"
    return "event" if data[0].type == Primitive("string") else "event-json"


def result_decoder(t: Type, models: Mapping[str, Model]) -> str:
    """The decoder of a whole answer: strings and binary bodies need not be JSON."""
    match t:
        case Primitive("string", "binary"):
            return "_http.BYTES"
        case Primitive("string"):
            return "_http.TEXT"
    return decoder(t, models)


def decoder(t: Type, models: Mapping[str, Model]) -> str:
    """A runtime expression turning JSON data into `output_annotation(t)`."""
    match t:
        case Primitive(kind):
            py = _PRIMITIVE.get(kind)
            return f"_http.scalar({py})" if py else "_http.null"
        case Array(item):
            return f"_http.list_of({decoder(item, models)})"
        case Map(value):
            return f"_http.dict_of({decoder(value, models)})"
        case Ref(name):
            m = models.get(name)
            if free_form(m):  # a dict alias in the models
                return decoder(Map(AnyType()), models)
            if isinstance(m, ObjectModel):
                return f"_http.obj(_m.{name}.from_dict)"
            if isinstance(m, EnumModel):
                return f"_http.enum_of(_m.{name})"
    return "_http.anything"


def _literal_base(value: object) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    return "str" if isinstance(value, str) else "None"


def qualify(annotation: str, shadowed: Iterable[str]) -> str:
    """`annotation` with the builtins a class member shadows as `builtins.<name>`."""
    hidden = set(shadowed)
    return _BUILTIN.sub(lambda m: f"builtins.{m[1]}" if m[1] in hidden else m[1], annotation)


def _qualify_op(v: OpView, shadowed: set[str]) -> OpView:
    def params(ps: tuple[ParamView, ...]) -> tuple[ParamView, ...]:
        return tuple(replace(p, annotation=qualify(p.annotation, shadowed)) for p in ps)

    body = v.body and replace(v.body, annotation=qualify(v.body.annotation, shadowed))
    result = v.result and replace(v.result, annotation=qualify(v.result.annotation, shadowed))
    return replace(
        v,
        positional=params(v.positional),
        keyword=params(v.keyword),
        body=body,
        result=result,
        options=tuple((n, qualify(a, shadowed)) for n, a in v.options),
    )


def py_str_lines(text: str, width: int = 72) -> tuple[str, ...]:
    """`text` as Python string literals to concatenate, each at most ~width long."""
    chunks = [text[i : i + width] for i in range(0, len(text), width)] or [""]
    return tuple(repr(c) for c in chunks)


# ------------------------------------------------------------- operations


def routed_operations(spec: Spec) -> list[Operation]:
    """The operations the client has a method for: those with method and path.
    The resolve stage reported the others (a warning each, or an error under
    `unrouted-operations = "error"`)."""
    return [op for op in spec.operations if op.method and op.path]


def check_operations(spec: Spec, ctx: EmitContext) -> None:
    """Under `unrouted-operations = "error"`, every operation needs a method and
    a path (the client cannot guess them); a spec that did not come through the
    resolve stage's check (a hand-built IR) is stopped here."""
    if ctx.config.unrouted_operations != "error":
        return
    where = _endpoints_name(ctx)
    diags = [
        Diagnostic(
            op.source.file,
            op.source.line,
            f"client: operation {op.name!r} has no HTTP method and path; add it to {where}",
        )
        for op in spec.operations
        if not op.method or not op.path
    ]
    if diags:
        raise SpecError(diags)


def _endpoints_name(ctx: EmitContext) -> str:
    path = ctx.config.endpoints_path() or ctx.config.spec / "endpoints.md"
    try:
        return Path(path).resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return Path(path).as_posix()


def error_models(spec: Spec) -> dict[str, ErrorModelView]:
    """One exception class per documented error model, keyed by model name."""
    models = spec.model_map()
    names = sorted(
        {
            e.type.model
            for op in routed_operations(spec)
            for e in op.errors
            if isinstance(e.type, Ref) and isinstance(models.get(e.type.model), ObjectModel)
        }
    )
    # errors.py's own names (models are reached as `_m.<Name>`, so they cannot clash)
    taken = {"ApiError", "ClientError", "TransportError", "ApiTimeoutError"}
    taken |= {"ResponseDecodeError", "RequestValidationError", "ValidationError"}
    out: dict[str, ErrorModelView] = {}
    for name in names:
        cls = name if name.endswith("Error") else f"{name}Error"
        while cls in taken:
            cls += "_"
        taken.add(cls)
        # a free-form model is a dict alias: a copy of the body is its value
        parse = "dict" if free_form(models[name]) else f"_m.{name}.from_dict"
        out[name] = ErrorModelView(cls, name, models[name].description, parse)
    return out


def _error_views(
    errs: tuple[Response, ...], classes: Mapping[str, ErrorModelView]
) -> tuple[ErrorView, ...]:
    # A status may have several error classes (dwolla-ts: the variants of one
    # status's oneOf); the client raises the first whose model reads the body.
    by_status: dict[str, list[str]] = {}
    for e in errs:
        if isinstance(e.type, Ref) and e.type.model in classes:
            found = by_status.setdefault(e.status.upper(), [])
            if classes[e.type.model].cls not in found:
                found.append(classes[e.type.model].cls)
    return tuple(ErrorView(status, tuple(cls)) for status, cls in by_status.items())


def _param_view(p: Param, name: str, models: Mapping[str, Model]) -> ParamView:
    ann = input_annotation(p.type, models)
    value = name
    if p.style != "form" or not p.explode:  # a style from the wire-name table, not doc text
        value = f"_http.Styled({name}, {p.style!r}, {p.explode})"
    return ParamView(name, p.wire_name, p.location, ann, p.required, p.description, value)


def op_view(
    op: Operation, models: Mapping[str, Model], classes: Mapping[str, ErrorModelView]
) -> OpView:
    assert op.method and op.path  # groups() takes routed operations only
    # API parameter names must not shadow the call options or each other.
    reserved = set(CALL_OPTIONS) | {"self"}
    names = uniquify(p.py_name + "_" if p.py_name in reserved else p.py_name for p in op.params)
    body_arg = "body"
    while body_arg in names:
        body_arg += "_"
    by_name = dict(zip(names, op.params, strict=True))
    path_order = path_names(op.path)
    positional = sorted(
        (n for n, p in by_name.items() if p.location == "path"),
        key=lambda n: (
            path_order.index(by_name[n].wire_name)
            if by_name[n].wire_name in path_order
            else len(path_order)
        ),
    )
    keyword = [n for n, p in by_name.items() if p.location != "path"]
    keyword.sort(key=lambda n: not by_name[n].required)  # stable: required ones first
    body = None
    if op.body is not None:
        schema = _body_schema(op.body)
        body = BodyView(input_annotation(op.body, models), op.body_required, py_str_lines(schema))
    result = None
    ok = [r for r in op.responses if r.status.startswith("2") and r.type is not None]
    if ok and ok[0].type is not None:
        rtype = answer_type(ok[0].type, models)
        ann = output_annotation(rtype, models)
        if ok[0].stream:
            shape = event_shape(rtype, models)
            dec = decoder(rtype, models)
            result = ResultView(ann, f"_http.Events({dec}, {shape!r})", EVENT_STREAM, shape)
        else:
            dec = result_decoder(rtype, models)
            result = ResultView(ann, dec, ACCEPT.get(dec, op.accept or JSON))
    return OpView(
        name=op.name,
        py_name=op.py_name,
        const=f"_OP_{op.group.upper()}_{op.py_name.upper()}",
        method=op.method.upper(),
        path=op.path,
        summary=op.summary,
        deprecated=op.deprecated,
        positional=tuple(_param_view(by_name[n], n, models) for n in positional),
        keyword=tuple(_param_view(by_name[n], n, models) for n in keyword),
        body=body,
        result=result,
        errors=_error_views(op.errors, classes),
        body_arg=body_arg,
        content_type=op.content_type if op.body is not None else JSON,
        accept=result.accept if result is not None else op.accept or JSON,
    )


def _body_schema(t: Type) -> str:
    """The body's JSON Schema against the bundle's `$defs`, as compact JSON text."""
    return json.dumps(_schema_of(t), sort_keys=True, separators=(",", ":"))


def _schema_of(t: Type) -> object:
    match t:
        case Primitive(kind, fmt):
            return {"type": kind, **({"format": fmt} if fmt else {})}
        case Array(item):
            return {"type": "array", "items": _schema_of(item)}
        case Map(value):
            return {"type": "object", "additionalProperties": _schema_of(value)}
        case Ref(name):
            return {"$ref": f"#/$defs/{name}"}
        case Union(variants):
            return {"anyOf": [_schema_of(v) for v in variants]}
        case Literal(value):
            return {"const": value}
        case AnyType():
            return {}
    return {}


def _group_classes(names: Iterable[str]) -> list[str]:
    """Unique class names, also against each other's `Async` twin."""
    taken: set[str] = set()
    out: list[str] = []
    for name in names:
        while name in taken or f"Async{name}" in taken:
            name += "_"
        taken |= {name, f"Async{name}"}
        out.append(name)
    return out


def security(spec: Spec, token_env: str) -> SecurityView:
    """The client's schemes: the docs' (and the security table's), the first default
    bearer one taking `token`; without one, `token` is a bearer token of its own, so
    every client keeps `Client(token=...)`, last: where a documented scheme's
    credentials are set too, they win the Authorization header (stackone-csharp
    takes HTTP basic only; a token given as well must not replace it)."""
    schemes = list(spec.security)
    token_at = next(
        (i for i, s in enumerate(schemes) if s.default and s.kind == "bearer" and s.args), None
    )
    taken = set(CLIENT_PARAMS)
    views: list[SchemeView] = []
    creds: list[CredentialView] = []
    token_scheme = ""
    env = token_env
    for i, s in enumerate(schemes):
        if i == token_at:
            token_scheme, env = s.name, token_env or s.args[0].env
            args: tuple[str, ...] = (TOKEN,)
        else:
            names = []
            for j, a in enumerate(s.args):
                name = a.py_name
                while name in taken:
                    name += "_"
                taken.add(name)
                names.append(name)
                part = ("user name", "password")[j] if s.kind == "basic" and j < 2 else ""
                creds.append(CredentialView(name, a.env, s.name, s.kind, part))
            args = tuple(names)
        views.append(SchemeView(s.name, s.kind, args, s.location, s.wire_name, s.default))
    if token_at is None:
        views.append(SchemeView("token", "bearer", (TOKEN,), "header", "Authorization", True))
    return SecurityView(tuple(views), tuple(creds), env, token_scheme)


def _op_security(op: Operation, spec: Spec) -> tuple[str, ...] | None:
    """An operation's own schemes, or None where they are the default ones."""
    if op.security is None:
        return None
    defaults = tuple(s.name for s in spec.security if s.default)
    return None if op.security == defaults else op.security


def groups(spec: Spec) -> tuple[tuple[GroupView, ...], dict[str, ErrorModelView]]:
    models = spec.model_map()
    classes = error_models(spec)
    by_group: dict[str, list[Operation]] = {}
    for op in routed_operations(spec):
        by_group.setdefault(op.group, []).append(op)
    attrs = uniquify(g + "_" if g in CLIENT_ATTRS or g.startswith("_") else g for g in by_group)
    cls_names = _group_classes(model_identifier(pascal_case(g) + "Api") for g in by_group)
    out: list[GroupView] = []
    consts: set[str] = set()
    for attr, cls, (_, ops) in zip(attrs, cls_names, by_group.items(), strict=True):
        views: list[OpView] = []
        method_names = uniquify(
            op.py_name + "_" if op.py_name in MODULE_NAMES else op.py_name for op in ops
        )
        raw_names = {n + "_raw" for n in method_names}
        clash = [n for n in method_names if n in raw_names]
        if clash:
            op = ops[method_names.index(clash[0])]
            raise SpecError(
                [
                    Diagnostic(
                        op.source.file,
                        op.source.line,
                        f"client: operation {op.name!r} clashes with the raw-response "
                        f"method of another operation in group {attr!r}",
                    )
                ]
            )
        shadowed = set(method_names) | raw_names
        for op, name in zip(ops, method_names, strict=True):
            v = _qualify_op(op_view(op, models, classes), shadowed)
            const = v.const
            while const in consts:
                const += "_"
            consts.add(const)
            views.append(replace(v, py_name=name, const=const, security=_op_security(op, spec)))
        out.append(GroupView(attr, cls, tuple(views)))
    return tuple(out), classes


# ------------------------------------------------------------------- emit


def _tidy(text: str) -> str:
    """No leading blank lines and at most two in a row (macros and loops leave more)."""
    return re.sub(r"\n{4,}", "\n\n\n", text).lstrip("\n")


# ------------------------------------------------------------------ layout
# Helpers the template calls so every line stays within LINE characters.


def param_line(name: str, annotation: str, default: str) -> str:
    """A signature parameter, eight spaces in; a long annotation goes in brackets."""
    one = f"        {name}: {annotation}{default},"
    if len(one) <= LINE:
        return one
    return f"        {name}: (\n            {fmt_type(annotation, 12)}\n        ){default},"


def returns(annotation: str) -> str:
    """The signature's closing line."""
    one = f"    ) -> {annotation}:"
    if len(one) <= LINE:
        return one
    return f"    ) -> (\n        {fmt_type(annotation, 8)}\n    ):"


def item(indent: int, head: str, value: str, tail: str = ",") -> str:
    """`head` + `value` + `tail` on one line, or `value` alone in brackets."""
    pad = " " * indent
    one = f"{pad}{head}{value}{tail}"
    if len(one) <= LINE:
        return one
    return f"{pad}{head}(\n{pad}    {value}\n{pad}){tail}"


def pair(indent: int, first: str, second: str) -> str:
    """A `(first, second),` tuple item, or one element per line."""
    pad = " " * indent
    one = f"{pad}({first}, {second}),"
    if len(one) <= LINE:
        return one
    return f"{pad}(\n{pad}    {first},\n{pad}    {second},\n{pad}),"


def _uses(group_views: Iterable[GroupView]) -> set[str]:
    """Names client.py must import: only those its annotations and code mention."""
    text: list[str] = []
    errors = False
    for g in group_views:
        for op in g.ops:
            text += [p.annotation for p in (*op.positional, *op.keyword)]
            text += [op.body.annotation] if op.body else []
            text += [op.result.annotation, op.result.decoder] if op.result else []
            text += [a for _, a in op.options]
            errors = errors or bool(op.errors)
    joined = " ".join(text)
    names = {n for n in ("Sequence", "_m.", "builtins.", "_http.Events") if n in joined}
    return {n.rstrip(".") for n in names} | ({"_errors"} if errors else set())


def emit(spec: Spec, ctx: EmitContext) -> dict[str, str]:
    check_operations(spec, ctx)
    group_views, classes = groups(spec)
    cfg = ctx.config
    values = {
        "uses": sorted(_uses(group_views)),
        "groups": group_views,
        "error_models": sorted(classes.values(), key=lambda c: c.cls),
        "models_module": MODELS_MODULE,
        "base_url": cfg.base_url,
        "security": security(spec, cfg.token_env),
        "title": cfg.title or ctx.package,
        "param_line": param_line,
        "returns": returns,
        "item": item,
        "pair": pair,
    }
    pkg = ctx.package
    files = {
        f"{pkg}/{name}.py": _tidy(ctx.render(f"client/{name}.py.j2", **values))
        for name in ("client", "errors", "_http")
    }
    # The client returns the dataclasses' models and validates against the
    # schemas: both come along, identical to what those targets write.  The
    # dataclasses target writes the schemas unless the jsonschema target does,
    # so calling jsonschema.emit here too rendered every schema twice.
    if "dataclasses" not in ctx.config.targets:
        from . import dataclasses as dataclasses_target

        files.update(dataclasses_target.emit(spec, ctx))
    return files
