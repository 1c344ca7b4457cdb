"""Operations pages and the endpoints table -> operations: parameters, bodies,
responses, errors, `<Op>Request` parameter holders."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace

from .. import types as types_mod
from ..diagnostics import LEFT_OUT, Diagnostics
from ..ir import (
    BODY_MEDIA,
    FORM,
    JSON_MEDIA,
    MULTIPART,
    NULL,
    AliasModel,
    Array,
    EnumModel,
    Field,
    Map,
    Model,
    ObjectModel,
    Operation,
    Param,
    ParamLocation,
    Ref,
    Response,
    Source,
    Type,
    UnionModel,
    has_file_part,
    path_names,
)
from ..naming import path_wire_name, py_identifier, uniquify
from ..parse import Cell, Document, Html, Part, Section
from ..types import Dialect, Parsed
from .context import _Ctx, _op_key
from .models import _location, _wire, parse_where
from .security import security_fields
from .tables import _cell_at, _description, _required, _table_of, _tables_anywhere

# Parameter rows that every dialect's SDK adds: per-operation security credentials.
PLUMBING_PARAMS = frozenset({"security"})
HTTP_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")
# Methods whose requests carry no body unless the docs name one (`requestBody`).
NO_BODY_METHODS = frozenset({"GET", "HEAD", "DELETE", "OPTIONS"})


@dataclass(frozen=True)
class _Endpoint:
    """Method and path of an operation, from endpoints.md or a UsageSnippet."""

    method: str
    path: str
    status: str
    source: Source
    operation_id: str = ""  # from a UsageSnippet comment
    content_type: str = ""  # the body's media type, from the table's Content type column


def _endpoints(doc: Document, diags: Diagnostics) -> dict[str, _Endpoint]:
    out: dict[str, _Endpoint] = {}
    tables = [t for s in [*doc.sections, None] for t in _tables_anywhere(doc, s)]
    for table in tables:
        ocol, mcol, pcol = table.column("operation"), table.column("method"), table.column("path")
        scol = table.column("status")
        ccol = table.column("content type", "request content type")
        if ocol is None or mcol is None or pcol is None:
            diags.error(
                doc.path, table.line, "endpoints table needs Operation, Method, Path columns"
            )
            continue
        for row in table.rows:
            op_c, m_c, p_c = _cell_at(row, ocol), _cell_at(row, mcol), _cell_at(row, pcol)
            s_c = _cell_at(row, scol)
            op = (op_c.code or op_c.text) if op_c else ""
            method = (m_c.text if m_c else "").upper()
            path = (p_c.code or p_c.text) if p_c else ""
            status = (s_c.text if s_c else "") or "200"
            c_c = _cell_at(row, ccol)
            ctype = ((c_c.code or c_c.text) if c_c else "").strip().lower()
            if ctype and ctype not in BODY_MEDIA:
                diags.error(
                    doc.path,
                    row.line,
                    f"content type {ctype!r} of {op!r}: the client sends " + ", ".join(BODY_MEDIA),
                )
                continue
            if method not in HTTP_METHODS:
                diags.error(doc.path, row.line, f"unknown HTTP method {method!r} for {op!r}")
                continue
            if not path.startswith("/"):
                diags.error(doc.path, row.line, f"path of {op!r} must start with '/'")
                continue
            src = Source(doc.path, row.line)
            out[_op_key(op)] = _Endpoint(method, path, status, src, content_type=ctype)
    return out


def _status_codes(text: str) -> list[str]:
    """'4xx-5xx' / '4x-5xx' -> ['4XX', '5XX']; '400, 404' -> ['400', '404'];
    'default' stays 'default'."""
    out: list[str] = []
    for part in text.replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        if "-" in part and "x" in part.lower():
            lo, _, hi = part.partition("-")
            a, b = lo.strip()[:1], hi.strip()[:1]
            if a.isdigit() and b.isdigit():
                out.extend(f"{d}XX" for d in range(int(a), int(b) + 1))
                continue
        out.append("default" if part.lower() == "default" else part.upper())  # OpenAPI's key
    return out


def _operations(
    doc: Document,
    models: dict[str, Model],
    wrappers: dict[str, Field | None],
    endpoints: dict[str, _Endpoint],
    used_endpoints: set[str],
    ctx: _Ctx,
) -> list[Operation]:
    dialect = ctx.dialect_for(doc)
    parent = posixpath.basename(posixpath.dirname(doc.path))
    group = py_identifier(parent or doc.title or "default", ())
    ops: list[Operation] = []
    for sec in doc.sections:
        if not (sec.child("parameters") or sec.child("response")):
            continue
        op = _operation(doc, sec, group, dialect, models, wrappers, endpoints, ctx)
        if op is not None:
            used_endpoints.add(_op_key(op.name))
            ops.append(op)
    return ops


# What the targets that place operations by method and path are called in messages.
_ROUTED_OUTPUT = {"client": "client", "openapi": "OpenAPI document"}


def _unrouted(name: str, src: Source, ctx: _Ctx) -> None:
    """One diagnostic for an operation without method and path: an error under
    `unrouted-operations = "error"` when a target needs them, else a warning
    naming the outputs it is left out of."""
    opts = ctx.options
    where = opts.endpoints_file or "endpoints.md"
    outputs = " and the ".join(_ROUTED_OUTPUT[t] for t in opts.routed_targets)
    if not outputs:
        message = f"operation {name!r} has no method and path: add it to {where}"
        ctx.diags.warning(src.file, src.line, message)
    elif opts.unrouted_operations == "error":
        need = "needs" if len(opts.routed_targets) == 1 else "need"
        message = f"operation {name!r} has no HTTP method and path, which the {outputs} {need}"
        ctx.diags.error(src.file, src.line, f"{message}; add it to {where}")
    else:
        message = f"operation {name!r} has no method and path; {LEFT_OUT} {outputs}"
        ctx.diags.warning(src.file, src.line, f"{message}; add it to {where}")


def _unwrap(p: Parsed, wrappers: dict[str, Field | None]) -> tuple[Type | None, bool]:
    """A Response cell's body type, and whether it is an event stream: through a
    Speakeasy response wrapper to its body field (Go's `*stream.EventStream[T]`)."""
    if isinstance(p.type, Ref) and p.type.model in wrappers:
        f = wrappers[p.type.model]
        return (f.type, f.stream) if f is not None else (None, False)
    return p.type, p.stream


def _operation(
    doc: Document,
    sec: Section,
    group: str,
    dialect: Dialect,
    models: dict[str, Model],
    wrappers: dict[str, Field | None],
    endpoints: dict[str, _Endpoint],
    ctx: _Ctx,
) -> Operation | None:
    name = sec.title.strip()
    src = Source(doc.path, sec.line)
    paragraphs = sec.paragraphs()
    summary = paragraphs[0].text if paragraphs else ""
    # an endpoints row names the operation, or `group.operation` where names repeat
    # across groups (glean-go has a `List` in many)
    ep = (
        endpoints.get(_op_key(f"{group}.{name}"))
        or endpoints.get(_op_key(name))
        or _usage_snippet(doc, sec)
    )
    if ep is not None and ep.operation_id:  # its `<OperationId>Request` holder page
        ctx.holder_keys.add(_op_key(ep.operation_id) + "request")
    if ep is None:
        _unrouted(name, src, ctx)
    path_template = ep.path if ep else ""
    params: list[Param] = []
    op_security: tuple[str, ...] | None = None
    body: Type | None = None
    body_rows: dict[str, Source] = {}  # the Parameters rows read as the body
    body_required = False
    ptable = _table_of(sec.child("parameters"))
    rows = list(ptable.rows) if ptable is not None else []
    cols = {
        "name": ptable.column("parameter", "name", "field") if ptable else None,
        "type": ptable.column("type") if ptable else None,
        "required": ptable.column("required") if ptable else None,
        "description": ptable.column("description") if ptable else None,
    }
    if ptable is not None and (cols["name"] is None or cols["type"] is None):
        ctx.diags.error(doc.path, ptable.line, "Parameters table needs Parameter and Type columns")
        rows = []
    # A GET or DELETE sends no JSON body unless the docs name one: a structured
    # parameter there is a query parameter (a holder's too).
    no_body = ep is not None and ep.method in NO_BODY_METHODS

    def is_body(t: Type, pname: str) -> bool:
        if no_body:
            return _body_named(pname)
        # Speakeasy names the whole request `request`: on a POST it is the body
        # whatever its type (netevia-csharp's free-form `object` bodies)
        return pname.lstrip("$") == "request" or _is_body(t, pname, models)

    for row in rows:
        rsrc = Source(doc.path, row.line)
        name_c, type_c = _cell_at(row, cols["name"]), _cell_at(row, cols["type"])
        if name_c is None or type_c is None:
            continue
        pname = (name_c.code or name_c.text).strip()
        if pname.lstrip("$") in PLUMBING_PARAMS:  # `security`: the operation's own schemes
            sparsed = ctx.parse(dialect, type_c, rsrc)
            if sparsed is not None and isinstance(sparsed.type, Ref):
                ctx.security_models.add(sparsed.type.model)
                op_security = security_fields(sparsed.type, models)
            continue
        req_c = _cell_at(row, cols["required"])
        required = _required(req_c, rsrc, ctx.diags) if req_c is not None else True
        # the SDK's per-call options (`retries`, `server_url`) are optional; a required
        # row of that name is the API's own (pipeshub-python `set_server_url(server_url)`)
        plumbing = pname in dialect.plumbing_names and not (req_c is not None and required)
        if not pname or plumbing or "." in pname:
            continue
        parsed = ctx.parse(dialect, type_c, rsrc)
        if parsed is None or parsed.plumbing:
            continue
        desc = _description(_cell_at(row, cols["description"]))
        holder = _holder(parsed.type, name, models, ctx, group)
        if holder is None and pname.lstrip("$") == "request":  # Ruby, PHP: `<OperationId>Request`
            holder = _request_holder(parsed.type, models, ep)
        if holder is not None and ep is None and not _body_held_apart(holder, models):
            holder = None  # no path to tell params from body fields: the body (fastpix)
        if holder is not None:
            ctx.holders_seen.add(holder.name)
        if (
            holder is not None
            and not no_body
            and (
                _is_whole_body(holder, path_template, models)
                or (ep is not None and not _holds_parameters(holder, ep, models))
            )
        ):
            holder = None  # a form, or a body only, named `<Op>Request`: the body itself
        if holder is None and pname.lstrip("$") == "request":
            holder = _flat_holder(parsed.type, models, no_body)
        if holder is not None:
            for f in holder.fields:
                if is_body(f.type, f.doc_name):
                    body, body_required = f.type, f.required
                else:
                    params.append(
                        _param(
                            f.doc_name,
                            f.wire_name,
                            f.type,
                            f.required,
                            f.description,
                            f.source,
                            path_template,
                            _location(holder.name, f.doc_name, ctx)
                            or _location(name, f.doc_name, ctx),
                        )
                    )
            continue
        if is_body(parsed.type, pname):
            body, body_required = parsed.type, required
            body_rows[pname] = rsrc
            continue
        wire = _wire(name, pname, ctx)
        where = _location(name, pname, ctx)
        params.append(_param(pname, wire, parsed.type, required, desc, rsrc, path_template, where))
    flat = None
    if (body is None or body_rows) and ep is not None and dialect.flattened_bodies:
        flat = _flattened_body(params, set(body_rows), ep, models, ctx)
        if flat is not None:
            body, body_required = Ref(flat.name), any(f.required for f in flat.fields)
            fields_ = {f.doc_name for f in flat.fields}
            params = [p for p in params if p.location == "path" or p.doc_name not in fields_]
    if flat is None and len(body_rows) > 1:  # one body: the last row, the others say so
        last = list(body_rows)[-1]
        for other, at in list(body_rows.items())[:-1]:
            ctx.diags.warning(
                at.file,
                at.line,
                f"{name!r}: rows {other!r} and {last!r} both read as the request body; "
                f"{last!r} is sent (name the body's page to send them together)",
            )
    py = uniquify(py_identifier(p.doc_name) for p in params)
    params = [replace(p, py_name=n) for p, n in zip(params, py, strict=True)]
    responses: list[Response] = []
    resp_sec = sec.child("response")
    if resp_sec is not None and resp_sec.paragraphs():
        para = resp_sec.paragraphs()[0]
        parsed = ctx.parse(dialect, _before_dash(para.cell), Source(doc.path, para.line))
        if parsed is not None:
            rtype, stream = _unwrap(parsed, wrappers)
            if rtype == NULL:  # `Promise<void>`, Go's bare `error`: no body
                rtype = None
            responses.append(Response(ep.status if ep else "200", rtype, stream=stream))
    elif resp_sec is not None:  # a Response heading with nothing under it: no body
        responses.append(Response(ep.status if ep else "200", None))
    errors: list[Response] = []
    media: set[str] = set()  # the Errors table's Content Type cells
    etable = _table_of(sec.child("errors"))
    if etable is not None:
        ecol = etable.column("error type", "error object", "error")
        scol = etable.column("status code", "status")
        mcol = etable.column("content type")
        for row in etable.rows:
            m_c = _cell_at(row, mcol)
            media.add(((m_c.code or m_c.text) if m_c else "").strip().lower())
            e_c, s_c = _cell_at(row, ecol), _cell_at(row, scol)
            ename = e_c.text if e_c else ""
            model = _error_model(ename, ctx)
            etype: Type | None = Ref(model) if model and model in models else None
            for code in _status_codes(s_c.text if s_c else ""):
                r = Response(code, etype, ename)
                if r not in errors:
                    errors.append(r)
    if ep is not None and path_template:
        for pname in path_names(path_template):
            known = any(p.location == "path" and p.wire_name == pname for p in params)
            glob = None if known else _global_param(pname, ep, models, ctx)
            if glob is not None:  # set once on the SDK client (`<OperationId>Globals`)
                g = glob
                params.append(
                    _param(g.doc_name, pname, g.type, True, g.description, g.source, path_template)
                )
                continue
            if not known:
                ctx.diags.error(
                    ep.source.file,
                    ep.source.line,
                    f"path parameter {{{pname}}} of {name!r} is not among its parameters",
                )
    return Operation(
        name=name,
        py_name=py_identifier(name, ()),
        group=group,
        summary=summary,
        method=ep.method if ep else None,
        path=ep.path if ep else None,
        params=tuple(params),
        body=body,
        body_required=body_required,
        responses=tuple(responses),
        errors=tuple(errors),
        source=src,
        deprecated=sec.struck,
        content_type=body_content_type(body, sec, ep, models),
        security=op_security,
        accept=answer_media(media),
    )


# A vendor's JSON media type (RFC 6838 restricted names, the `+json` suffix).
_VENDOR_JSON = re.compile(r"application/[a-z0-9][a-z0-9!#$&^_.-]*\+json")


def answer_media(media: set[str]) -> str:
    """The media type an operation's answers come in, when every row of its Errors
    table names the same vendor `+json` type (dwolla-ts: the API serves only
    `application/vnd.dwolla.v1.hal+json`; an `Accept: application/json` is refused).
    Problem details (`application/problem+json`) say how errors come, not answers;
    the catch-all row's `*/*` says nothing."""
    media = media - {"", "*/*"}
    if len(media) != 1:
        return ""
    (m,) = media
    ok = _VENDOR_JSON.fullmatch(m) is not None and m != "application/problem+json"
    return m if ok else ""


def body_content_type(
    body: Type | None, sec: Section, ep: _Endpoint | None, models: dict[str, Model]
) -> str:
    """How the body is sent: the endpoints table's Content type column; else the
    media type the operation's text names (bolt `OAuthToken`: "the Content-Type
    of this request must be application/x-www-form-urlencoded"); else multipart
    when the body has a file part (Speakeasy's `{fileName, content}`, read as
    binary); else JSON."""
    if body is None:
        return JSON_MEDIA
    if ep is not None and ep.content_type:
        return ep.content_type
    text = " ".join(p.text for p in sec.paragraphs())
    named = [m for m in (MULTIPART, FORM) if m in text]
    if len(named) == 1:
        return named[0]
    return MULTIPART if has_file_part(body, models) else JSON_MEDIA


def _flattened_body(
    params: list[Param],
    body_rows: set[str],
    ep: _Endpoint,
    models: dict[str, Model],
    ctx: _Ctx,
) -> ObjectModel | None:
    """Speakeasy Python lists an inline request body's properties as the
    method's arguments, beside its header and query parameters (pipeshub-python
    `authenticate(x_session_token=..., method=..., credentials=...)`); the docs
    keep the body's page, `<OperationId>Request`, or the component's.  That page
    is the body when it holds the row read as the body (or every row) and is no
    parameter holder (whose body is a field named for its model: bolt-python
    `AddAddressRequest {x_publishable_key, address_account}`)."""
    # headers are never body fields (the wire-name table's In column says which)
    rows = {p.doc_name for p in params if p.location not in ("path", "header")}
    rows |= body_rows
    if not rows or not ep.operation_id:
        return None
    if ep.method not in ("POST", "PUT", "PATCH"):
        # a DELETE's body only where its page says so (pipeshub-python
        # `remove_users(team_id, user_ids)`: `RemoveUsersFromTeamRequestBody`)
        named = models.get(ctx.by_name.get(_op_key(ep.operation_id) + "requestbody", ""))
        if ep.method != "DELETE" or not isinstance(named, ObjectModel):
            return None
        return named if rows <= {f.doc_name for f in named.fields} else None

    def body_page(m: Model | None) -> ObjectModel | None:
        if not isinstance(m, ObjectModel) or any(_carries_body(f, models) for f in m.fields):
            return None
        return m

    def fields_of(m: Model | None) -> set[str]:
        return {f.doc_name for f in m.fields} if isinstance(m, ObjectModel) else set()

    holder_name = ctx.by_name.get(_op_key(ep.operation_id) + "request", "")
    # `<OperationId>RequestBody` names the body outright, whatever its fields hold
    # (pipeshub-python `update(id, ..., address)`: `address: Address` is its own
    # field): one shared row is enough (`create_root(kb_id, folder_name)`); so is an
    # `<OperationId>Request` page holding exactly the rows (`set_push_interval(
    # push_interval_ms)`: a parameter holder would hold the path's too).
    named = models.get(ctx.by_name.get(_op_key(ep.operation_id) + "requestbody", ""))
    for m, enough in ((body_page(models.get(holder_name)), 2), (named, 1)):
        names = fields_of(m)
        shared = len(rows & names) >= enough or names == rows
        if isinstance(m, ObjectModel) and shared and body_rows <= names:
            return m
    # the `<OperationId>Request` holder's body field names the body's page:
    # `body: ConnectorToggleRequest` (pipeshub-python `toggle(connector_id, type)`),
    # or a field named for its model (bolt-python `edit_address(id, ..., country_code,
    # ...)`: `EditAddressRequest {id, x_publishable_key, address_account}`)
    holder = models.get(holder_name)
    for f in holder.fields if isinstance(holder, ObjectModel) else ():
        target = models.get(f.type.model) if isinstance(f.type, Ref) else None
        m = body_page(target) if _carries_body(f, models) and f.doc_name not in rows else None
        if m is not None and rows & fields_of(m):
            return m
    # a component body (`$ref CreateConnectorRequest`): the one model with exactly
    # these fields (one pass over the models serves this and the last resort below)
    exact = [m for m in models.values() if isinstance(m, ObjectModel) and fields_of(m) == rows]
    same = [m for m in exact if body_page(m) is not None]
    if (len(same) > 1 or len(rows) == 1) and not body_rows:
        # the rows' required flags and types must agree too: pipeshub-python's
        # AzureAd and AzureAdAuthConfig share names; a lone row needs the proof
        shape = {(p.doc_name, p.required, p.type) for p in params if p.location != "path"}
        same = [m for m in same if {(f.doc_name, f.required, f.type) for f in m.fields} == shape]
        # pages of one shape send the same body: the one named most like the operation
        # (`generateLoginOtp`: OtpGenerateRequest, not ForgotPasswordRequest)
        same = sorted(same, key=lambda m: (-_words_shared(m.name, ep.operation_id), m.name))[:1]
        if len(rows) == 1:  # a lone row: the page must be named like the operation too
            same = [m for m in same if _words_shared(m.name, ep.operation_id)]
    if len(same) == 1:
        return same[0]
    if not body_rows or any(map(_body_named, body_rows)):
        return None
    # a component whose own fields include one named for its model (pipeshub-python
    # `add_message(conversation_id, query, ..., filters)`: AddMessageRequest, with
    # `filters: Filters`): the one page of exactly the rows, when it cannot be the
    # operation's parameter holder (that is named for the operation and holds
    # its path parameters too)
    path = {p.doc_name for p in params if p.location == "path"}
    exact = [
        m
        for m in exact
        if not any(_body_named(f.doc_name) for f in m.fields)  # another's holder
        and (m.name != holder_name or (path and not path & rows))
    ]
    return exact[0] if len(exact) == 1 else None


def _words_shared(a: str, b: str) -> int:
    def words(s: str) -> set[str]:
        return {w.lower() for w in re.findall(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+", s)}

    return len(words(a) & words(b))


def _carries_body(f: Field, models: dict[str, Model]) -> bool:
    """A holder's body field: `requestBody`, or named for the object it holds
    (`address_account: AddressAccount`; a flattened body's own `credentials:
    Credentials` union or `model_type: ModelType` enum is no such field)."""
    if _op_key(f.doc_name) in ("body", "requestbody"):
        return True
    target = models.get(f.type.model) if isinstance(f.type, Ref) else None
    return isinstance(target, ObjectModel) and _names_its_model(f, models)


def _before_dash(cell: Cell) -> Cell:
    """`**`string`** — Full signup URL ...`: the type ends at the dash."""
    parts: list[Part] = []
    for p in cell.parts:
        if p.kind == "text" and " — " in f" {p.text} ":
            head = f" {p.text} ".split(" — ", 1)[0].strip()
            if head:
                parts.append(Part("text", head))
            return Cell(tuple(parts), cell.struck)
        parts.append(p)
    return cell


def _global_param(pname: str, ep: _Endpoint, models: dict[str, Model], ctx: _Ctx) -> Field | None:
    """A path parameter the docs list among the SDK's global parameters."""
    for title in (ep.operation_id + "Globals", "Globals"):
        m = models.get(ctx.by_name.get(_op_key(title), ""))
        if isinstance(m, ObjectModel):
            for f in m.fields:
                if _op_key(f.doc_name) == _op_key(pname):
                    return f
    return None


def _usage_snippet(doc: Document, sec: Section) -> _Endpoint | None:
    """Method and path from `<!-- UsageSnippet ... method="post" path="/x" -->`,
    which current Speakeasy docs put above each operation's example."""
    for s in (sec, *sec.children):
        for b in s.blocks:
            if not isinstance(b, Html) or "UsageSnippet" not in b.content:
                continue
            attrs = dict(re.findall(r'([A-Za-z]+)="([^"]*)"', b.content))
            method = attrs.get("method", "").upper()
            path = attrs.get("path", "")
            if method in HTTP_METHODS and path.startswith("/"):
                opid = attrs.get("operationID", "")
                return _Endpoint(method, path, "200", Source(doc.path, b.line), opid)
    return None


def _is_holder(m: Model, op_name: str, ctx: _Ctx, group: str = "") -> bool:
    """Is m the `<Op>Request` model that only groups an operation's parameters?"""
    return _is_holder_of(m, _holder_keys(op_name, group), ctx)


def _holder_keys(op_name: str, group: str = "") -> set[str]:
    """Op keys of the titles an operation's holder may have
    (current Speakeasy: `<Group><Op>Request`, operationId `group.op`)."""
    return {_op_key(op_name) + "request", _op_key(group + op_name) + "request"}


def _is_holder_of(m: Model, keys: AbstractSet[str], ctx: _Ctx) -> bool:
    """Is m a parameter holder whose title's op key is among `keys`?"""
    title = ctx.titles.get(m.name, m.name)
    return (
        isinstance(m, ObjectModel)
        and _op_key(title) in keys
        # Speakeasy keeps holders with the operations; components named
        # `CreateXRequest` are real request bodies.
        and bool({"operations", "requests"} & set(m.source.file.lower().split("/")[:-1]))
    )


def _holder(
    t: Type, op_name: str, models: dict[str, Model], ctx: _Ctx, group: str = ""
) -> ObjectModel | None:
    if isinstance(t, Ref):
        m = models.get(t.model)
        if isinstance(m, ObjectModel) and _is_holder(m, op_name, ctx, group):
            return m
    return None


def _request_holder(t: Type, models: dict[str, Model], ep: _Endpoint | None) -> ObjectModel | None:
    """The model a `request` parameter row links to is a parameter holder when
    it carries a path parameter or a `body` field, or the method has no body;
    otherwise it is the request body itself (Ruby `CreateActorTokenRequest`).
    A field named for its model carries the body (`AccountCreateData`,
    `addressListing`): a holder too, with or without a method and path."""
    m = models.get(t.model) if isinstance(t, Ref) else None
    if not isinstance(m, ObjectModel):
        return None
    if not {"operations", "requests"} & set(m.source.file.lower().split("/")[:-1]):
        return None
    return m if _holds_parameters(m, ep, models) else None


def _body_held_apart(m: ObjectModel, models: dict[str, Model]) -> bool:
    """A holder's body is a field named for it (`requestBody`, a component), or
    it has none; an object field of an operation's own (`push_media_settings:
    Operations::PushMediaSettings`) makes the model a body."""
    return any(_names_its_model(f, models) for f in m.fields) or not any(
        _is_body(f.type, f.doc_name, models) for f in m.fields
    )


def _names_its_model(f: Field, models: dict[str, Model]) -> bool:
    """`requestBody`, or a field named for the component it holds (C#
    `AccountCreateData`, Java `addressListing`): how a holder carries its body.
    An operation's own inline object (clerk's `actor: Operations::Actor`) is
    part of a body instead."""
    key = _op_key(f.doc_name)
    if key in ("body", "requestbody"):
        return True
    m = models.get(f.type.model) if isinstance(f.type, Ref) else None
    return (
        m is not None
        and _op_key(m.name) in (key, key + "input")  # `api: ApiInput` (read-only split)
        and not {"operations", "requests"} & set(m.source.file.lower().split("/")[:-1])
    )


def _error_model(name: str, ctx: _Ctx) -> str | None:
    """An Errors row's model: `apierrors.CollectionError` is the page of that
    title in the `apierrors` folder when there is one (glean-go also has a
    `components` CollectionError), else the model of that name."""
    last = types_mod.last_segment(name)
    folder = types_mod.last_segment(name[: -len(last)].rstrip(".:\\")) if last else ""
    found = ctx._in_folder(folder, last) if folder else None
    return found or ctx.by_name.get(last.lower())


def _holds_parameters(m: ObjectModel, ep: _Endpoint | None, models: dict[str, Model]) -> bool:
    """Whether an `<Op>Request` model holds parameters: a path parameter, a field
    carrying the body, or a method that sends none.  Else it is the body: newer
    generators name an operation's only (inline) body `<OperationId>Request`
    (youdotcom-ts `ContentsRequest {urls, formats}` for POST /v1/contents)."""
    names = {_op_key(n) for n in path_names(ep.path)} if ep is not None else set()
    return (
        (ep is not None and ep.method in ("GET", "HEAD", "DELETE", "OPTIONS"))
        or any(_op_key(f.doc_name) in names for f in m.fields)
        or any(_names_its_model(f, models) for f in m.fields)
    )


def _is_whole_body(m: ObjectModel, path: str, models: dict[str, Model]) -> bool:
    """Every field is structured and none is a path parameter or `requestBody`."""
    return all(
        _is_body(f.type, "", models)
        and f.doc_name.replace("_", "").lower() not in ("requestbody", "body")
        and "{" + f.wire_name + "}" not in path
        for f in m.fields
    )


def _body_named(name: str) -> bool:
    return name.replace("_", "").lower() in ("requestbody", "body")


def _flat_holder(t: Type, models: dict[str, Model], no_body: bool) -> ObjectModel | None:
    """The `request` row of a GET or DELETE in a flat docs layout (agentset-python
    `models/gethostingrequest.md`, no operations folder) links to its parameters;
    so does an `<Op>Request` page without fields (`EnableHostingRequest` of a
    POST whose API takes no body): no parameter and no body."""
    m = models.get(t.model) if isinstance(t, Ref) else None
    if not isinstance(m, ObjectModel):
        return None
    return m if no_body or (not m.fields and m.name.lower().endswith("request")) else None


def _is_body(t: Type, name: str, models: dict[str, Model]) -> bool:
    """A parameter row carries the request body when it is a structured value."""
    if _body_named(name):
        return True
    if isinstance(t, Array | Map):
        inner = t.item if isinstance(t, Array) else t.value
        return _is_body(inner, "", models)
    if isinstance(t, Ref):  # a name no model has (typed as any later) is no body
        m = models.get(t.model)
        if isinstance(m, UnionModel):  # `Country | string`: a parameter
            return any(_is_body(v, "", models) for v in m.variants)
        if isinstance(m, AliasModel):
            return _is_body(m.type, "", models)
        return m is not None and not isinstance(m, EnumModel)
    return False


def _param(
    doc_name: str,
    wire: str,
    t: Type,
    required: bool,
    desc: str,
    src: Source,
    path: str,
    where: str = "",
) -> Param:
    """A parameter: in the path when the template names it, else where the
    wire-name table's In column says (a header: agentset's `x_tenant_id`; a query
    style: stackone's `filter` is `query deepObject`), else in the query."""
    wire = path_wire_name(wire, doc_name, path)  # the path template spells the wire name
    parsed = parse_where(where) if where else None
    said, style, explode = parsed if isinstance(parsed, tuple) else ("", "form", True)
    location: ParamLocation = "query"
    if "{" + wire + "}" in path:
        location = "path"
    elif said == "header":
        location = "header"
    return Param(
        doc_name,
        wire,
        py_identifier(doc_name),
        location,
        t,
        required or location == "path",
        desc,
        src,
        *((style, explode) if location == "query" else ("form", True)),
    )
