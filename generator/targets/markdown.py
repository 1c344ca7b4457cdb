"""Markdown docs re-rendered from the IR, in a chosen dialect (`docs_dialect`).

One file per model at the path it was read from, operations on their sdks
pages, plus `endpoints.md` (method, path, status) and `wire-names.md` (the
wire names the configured policy would not derive), all under
`<package>/docs/`.  Reading that tree back with the same settings gives the
same IR: md -> IR -> md -> IR is a fixed point.  Doc text is escaped so it
stays text; this module only decides what to write, the templates lay it out.
"""

from __future__ import annotations

import posixpath
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..diagnostics import Diagnostic, SpecError
from ..emit import EmitContext
from ..ir import (
    JSON_MEDIA,
    MULTIPART,
    NULL,
    AliasModel,
    AnyType,
    Array,
    EnumModel,
    Field,
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
    has_file_part,
)
from ..naming import path_wire_name, wire_name
from ..resolve.security import scheme_names, security_fields
from ..types import BINARY, Dialect, dialects

DOCS = "docs"
ENDPOINTS = "endpoints.md"
WIRE_NAMES = "wire-names.md"
PLUMBING = "x-plumbing"  # resolve's marker for SDK-only wrapper fields


@dataclass(frozen=True)
class Style:
    """How one dialect writes what its grammar (a `Dialect`) reads.

    Formats take the inner type text for `{}`; `None` means the dialect has no
    way to say it (the writer then says less: TypeScript has no null)."""

    array: str  # "List\\[{}\\]"
    map: str
    nullable: str | None
    italic: bool = True  # *string*, as Speakeasy writes scalars
    suffix_array: str | None = None  # "{}[]" for simple items (TypeScript)
    union: str | None = None  # "Crystalline::Union.new({})"; default: A | B
    nullable_in_union: bool = False  # the nullable form is `{} | null`
    yes: str = ":heavy_check_mark:"
    no: str = ":heavy_minus_sign:"
    stream: str | None = None  # an answer of server-sent events (`EventStream<{}>`)


STYLES: dict[str, Style] = {
    "plain": Style(
        "array of {}",
        "map of {}",
        "{} \\| null",
        False,
        yes="yes",
        no="no",
        nullable_in_union=True,
        stream="stream of {}",
    ),
    "typescript": Style(
        "Array\\<{}>",
        "Record\\<string, {}>",
        None,
        suffix_array="{}[]",
        stream="EventStream\\<{}>",
    ),
    "python": Style(
        "List\\[{}\\]",
        "Dict\\[str, {}\\]",
        "Nullable\\[{}\\]",
        stream="eventstreaming.EventStream\\[{}\\]",
    ),
    "go": Style(
        "[]{}",
        "map\\[string\\]{}",
        "\\*{}",
        italic=False,
        stream="\\*stream.EventStream\\[{}\\]",
    ),
    "java": Style(
        "List\\<{}>", "Map\\<String, {}>", "JsonNullable\\<{}>", stream="EventStream\\<{}>"
    ),
    "csharp": Style("List\\<{}>", "Dictionary\\<string, {}>", None, stream="EventStream\\<{}>"),
    "php": Style("array\\<{}>", "array\\<string, {}>", "?{}"),
    "ruby": Style(
        "Crystalline::Array\\<{}>",
        "Crystalline::Hash\\[Symbol, {}\\]",
        "Crystalline::Nilable.new({})",
        union="Crystalline::Union.new({})",
    ),
}


class RenderError(Exception):
    pass


# ------------------------------------------------------------- escaping

_ALWAYS = set("\\`*[]<>|~")


def escape_inline(text: str) -> str:
    """Text that markdown reads back as exactly this text (one line)."""
    out: list[str] = []
    for i, c in enumerate(text):
        prev = text[i - 1] if i else ""
        nxt = text[i + 1] if i + 1 < len(text) else ""
        if c in _ALWAYS:
            out.append("\\" + c)
        elif c == "_" and not (prev.isalnum() and nxt.isalnum()):
            out.append("\\_")  # only a word-boundary underscore can start emphasis
        elif c == "&" and (nxt.isalnum() or nxt == "#"):
            out.append("\\&")  # not an entity reference
        else:
            out.append(c)
    return "".join(out)


def escape_cell(text: str) -> str:
    """A table cell: line breaks become <br/>, the text is escaped."""
    return "<br/>".join(escape_inline(line) for line in text.split("\n"))


def _line_start(line: str) -> str:
    """Escape what would make a line a heading, list, quote or rule."""
    stripped = line.lstrip(" ")
    if line != stripped:
        return _line_start(stripped)
    if stripped[:1] in ("#", "-", "+", "=", ">"):
        return "\\" + stripped
    digits = len(stripped) - len(stripped.lstrip("0123456789"))
    if digits and stripped[digits : digits + 1] in (".", ")"):
        return stripped[:digits] + "\\" + stripped[digits:]
    return stripped


def escape_paragraphs(text: str) -> list[str]:
    """Paragraphs (blank-line separated) that parse back to `text`."""
    paras: list[str] = []
    # Exactly one blank line parts paragraphs; more newlines (`<br><br>` then a
    # line break) stay inside one paragraph as <br/>s, or the reread loses them.
    for para in re.split(r"(?<!\n)\n\n(?!\n)", text):
        if not para.strip():
            continue
        lines = para.split("\n")
        out = ""
        for k, line in enumerate(lines):
            piece = escape_inline(line)
            if k == 0:
                out = _line_start(piece)
                continue
            # a plain newline is a soft break; around spaces, or an empty line,
            # only <br/> keeps the text exactly
            if line and line == line.strip() and lines[k - 1] == lines[k - 1].rstrip():
                out += "\n" + _line_start(piece)
            else:
                out += "<br/>" + piece
        paras.append(out)
    return paras


def escape_paragraph(text: str) -> str:
    """One paragraph, whatever line breaks the text holds."""
    if not text.strip():
        return ""
    return _line_start("<br/>".join(escape_inline(line) for line in text.split("\n")))


def code_span(text: str) -> str:
    fence = "``" if "`" in text else "`"
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


# ---------------------------------------------------------------- types


@dataclass
class TypeWriter:
    dialect: Dialect
    style: Style
    here: str  # the file being written, spec-relative
    files: dict[str, str]  # model name -> spec-relative file
    lost_formats: list[str] = field(default_factory=list)

    def scalar(self, t: Type) -> str | None:
        names = [*self.dialect.scalars.items()]
        names += [(f"{n}[]", v) for n, v in self.dialect.array_of.items()]
        for name, value in names:
            if value == t:
                shown = escape_inline(name)
                return f"*{shown}*" if self.style.italic else shown
        return None

    def link(self, model: str) -> str:
        target = self.files.get(model)
        if target is None:
            raise RenderError(f"no file for model {model!r}")
        href = posixpath.relpath(target, posixpath.dirname(self.here) or ".")
        return f"[{escape_inline(model)}]({href})"

    def nullable(self, t: Type) -> str:
        """`t | null` in whatever way the dialect can say it."""
        form = self.style.nullable
        if form is None:
            return self.write(t)  # the dialect cannot say null: lossy
        return form.format(self.write(t, in_union=self.style.nullable_in_union))

    def write(self, t: Type, in_union: bool = False, nested: bool = False) -> str:
        match t:
            case Primitive(kind, fmt):
                found = self.scalar(t)
                if found is None and fmt is not None:
                    self.lost_formats.append(fmt)
                    found = self.scalar(Primitive(kind))
                if found is None and kind == "integer":
                    found = self.scalar(Primitive("number"))
                if found is None:
                    raise RenderError(f"no way to write {kind} here")
                return found
            case AnyType():
                found = self.scalar(AnyType())  # a degraded cell (`unread`) writes as any
                if found is None:
                    raise RenderError("no way to write any here")
                return found
            case Literal(value):
                found = self.scalar(t)
                if found is not None:
                    return found
                if isinstance(value, bool):
                    return self.write(Primitive("boolean"))
                if isinstance(value, str):
                    quote = '"' if '"' not in value else "'"
                    if quote in value:
                        raise RenderError(f"literal {value!r} holds both quotes")
                    return escape_inline(quote + value + quote)
                if value is None:
                    return self.write(NULL)
                return repr(value)
            case Ref(model):
                return self.link(model)
            case Array(item):
                return self.array(item)
            case Map(value):
                return self.map(value)
            case Union(variants):
                rest = [v for v in variants if v != NULL]
                if len(rest) < len(variants):
                    inner: Type = rest[0] if len(rest) == 1 else Union(tuple(rest))
                    text = self.nullable(inner)
                elif self.style.union is not None:
                    return self.style.union.format(", ".join(self.write(v) for v in variants))
                else:
                    text = " \\| ".join(self.write(v, in_union=True) for v in variants)
                # only the word forms (`array of X`) need parentheses around a union
                needs_parens = nested and self.style.array.endswith(" {}") and " \\| " in text
                return f"({text})" if needs_parens else text
        raise RenderError(f"unknown type {t!r}")

    def array(self, item: Type) -> str:
        if self.style.suffix_array and isinstance(item, Primitive | Ref | AnyType | Literal):
            return self.style.suffix_array.format(self.write(item))
        return self.style.array.format(self.write(item, nested=True))

    def map(self, value: Type) -> str:
        return self.style.map.format(self.write(value, nested=True))

    def field_type(self, t: Type, nullable: bool) -> str:
        return self.nullable(t) if nullable else self.write(t)


# ---------------------------------------------------------------- pages


def _writers(ctx: EmitContext, spec: Spec) -> Callable[[str], TypeWriter]:
    """A TypeWriter per page; the dialect check and model -> file map are made once
    (per page they cost time quadratic in the number of models)."""
    name = ctx.config.docs_dialect
    all_ = dialects()
    if name not in STYLES or name not in all_:
        raise SpecError(
            [
                Diagnostic(
                    "",
                    0,
                    f"the markdown target cannot write {name!r} docs; "
                    f"choose from {', '.join(sorted(STYLES))}",
                )
            ]
        )
    files = {m.name: m.source.file for m in spec.models}
    dialect, style = all_[name], STYLES[name]
    return lambda here: TypeWriter(dialect, style, here, files)


def _fail(where: str, line: int, e: RenderError) -> SpecError:
    return SpecError([Diagnostic(where, line, f"cannot write as markdown: {e}")])


def _field_row(f: Field, w: TypeWriter, headers: list[str]) -> dict[str, Any]:
    w.lost_formats = []
    type_text = w.field_type(f.type, f.nullable)
    extra = dict(f.extra)
    if len(w.lost_formats) == 1 and not extra.get("Format"):
        extra["Format"] = w.lost_formats[0]  # the Format column carries it back
    name = code_span(f.doc_name)
    return {
        "name": f"~~{name}~~" if f.deprecated else name,
        "type": type_text,
        "required": w.style.yes if f.required else w.style.no,
        "description": escape_cell(f.description) if f.description else "N/A",
        "extra": [escape_cell(extra.get(h, "")) for h in headers],
        "format": extra.get("Format", ""),
    }


def _object_page(m: ObjectModel, w: TypeWriter) -> dict[str, Any]:
    headers: list[str] = []
    for f in m.fields:
        for k, _ in f.extra:
            if k not in headers:
                headers.append(k)
    # resolve appends the SDK-plumbing mark after the table's own columns
    headers.sort(key=lambda h: h == PLUMBING)
    rows = [_field_row(f, w, headers) for f in m.fields]
    if any(r["format"] for r in rows) and "Format" not in headers:
        headers.append("Format")
        for r in rows:
            r["extra"].append(escape_cell(r["format"]))
    return {"headers": [escape_cell(h) for h in headers], "rows": rows}


def _model_page(m: Model, w: TypeWriter) -> dict[str, Any]:
    page: dict[str, Any] = {
        "name": escape_inline(m.name),
        "description": escape_paragraphs(m.description),
        "kind": m.kind,
    }
    match m:
        case ObjectModel():
            page.update(_object_page(m, w))
        case EnumModel():
            page["members"] = [
                {
                    "name": code_span(x.name) if x.name else "",
                    "value": code_span(str(x.value)) if str(x.value) else "",
                    "description": escape_cell(x.description),
                }
                for x in m.members
            ]
            page["member_descriptions"] = any(x.description for x in m.members)
        case UnionModel():
            page["variants"] = [w.write(v) for v in m.variants]
        case AliasModel(type=t) if t == BINARY:
            # Speakeasy's upload wrapper, which resolve reads as one binary file part
            src = m.source
            string = Primitive("string")
            parts = (
                Field("fileName", "fileName", "file_name", string, True, False, "", src),
                Field("content", "content", "content", BINARY, True, False, "", src),
            )
            page["kind"] = "object"
            page.update(_object_page(ObjectModel(m.name, m.description, parts, True, src), w))
        case AliasModel(type=AnyType()):
            pass  # a title-only page
        case AliasModel():
            raise RenderError(f"no page shape says {m.name} is an alias of {m.type!r}")
    return page


def _security_models(spec: Spec) -> Callable[[Operation], str | None]:
    """The model an operation's `security` row names, its schemes read back from it:
    its own `<Op>Security` by name, else one whose credentials are its schemes (gbg-ts
    `devices.add` takes `DeviceConnectSecurity`, named for the operation id)."""
    models = spec.model_map()
    schemes = list(spec.security)
    names = sorted(n for n, m in models.items() if isinstance(m, ObjectModel))
    by_schemes: dict[tuple[str, ...] | None, str] = {}
    for name in names:
        if _op_key(name).endswith("security"):
            by_schemes.setdefault(scheme_names(security_fields(Ref(name), models), schemes), name)

    def pick(op: Operation) -> str | None:
        if op.security is None:
            return None
        own = next((n for n in names if _op_key(n) == _op_key(op.name + "Security")), None)
        return own if own is not None else by_schemes.get(op.security)

    return pick


def _operation(op: Operation, w: TypeWriter, security: str | None) -> dict[str, Any]:
    """One operation's section; `security` names the model its `security` row shows."""
    params = [
        {
            "name": code_span(p.doc_name),
            "type": w.write(p.type),
            "required": w.style.yes if p.required else w.style.no,
            "description": escape_cell(p.description) if p.description else "N/A",
        }
        for p in op.params
    ]
    if security is not None:
        params.insert(
            0,
            {
                "name": code_span("security"),
                "type": w.write(Ref(security)),
                "required": w.style.yes,
                "description": "N/A",
            },
        )
    if op.body is not None:
        params.append(
            {
                "name": code_span("requestBody"),
                "type": w.write(op.body),
                "required": w.style.yes if op.body_required else w.style.no,
                "description": "N/A",
            }
        )
    response = op.responses[0] if op.responses else None
    return {
        "name": escape_inline(op.name),
        "snippet": _snippet(op),
        "deprecated": op.deprecated,
        "summary": escape_paragraph(op.summary),
        "params": params,
        "has_response": response is not None,
        "response": _answer(w, response),
        "errors": [
            {"name": escape_cell(e.description), "status": escape_cell(e.status)} for e in op.errors
        ],
        "error_media": escape_cell(op.accept),  # the Content Type column, when it says more
    }


def _answer(w: TypeWriter, r: Response | None) -> str:
    """The Response paragraph's type; an event stream in the dialect's wrapper
    (php and ruby docs have none: the events' type alone, a lossy write)."""
    if r is None or r.type is None:
        return ""
    text = w.write(r.type)
    return w.style.stream.format(text) if r.stream and w.style.stream else text


def _snippet(op: Operation) -> str:
    """Method and path as current Speakeasy docs give them, above the example."""
    if not (op.method and op.path):
        return ""
    if '"' in op.path or "--" in op.path or ">" in op.path:
        raise RenderError(f"path {op.path!r} of {op.name} cannot go in a comment")
    return f'<!-- UsageSnippet method="{op.method.lower()}" path="{op.path}" -->'


_GROUP = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")  # a group as resolve names it


def _op_key(name: str) -> str:
    return name.replace("_", "").replace("-", "").lower()  # as resolve matches names


def _endpoint_rows(spec: Spec) -> list[dict[str, str]]:
    """Operations whose success status is not 200 or whose body is not JSON: only
    the endpoints table says so (the Content type column, written when needed)."""
    keys = Counter(_op_key(op.name) for op in spec.operations)
    models = spec.model_map()
    rows = []
    for op in sorted(spec.operations, key=lambda o: o.name):
        status = op.responses[0].status if op.responses else "200"
        media = op.content_type
        if media == JSON_MEDIA or (
            media == MULTIPART and op.body and has_file_part(op.body, models)
        ):
            media = ""  # what a reader of the pages concludes anyway
        if not (op.method and op.path) or (status == "200" and not media):
            continue
        # a name several groups use is qualified by the group (its pages' folder)
        name = op.name if keys[_op_key(op.name)] == 1 else f"{op.group}.{op.name}"
        if keys[_op_key(name)] > 1 or (name != op.name and not _GROUP.fullmatch(op.group)):
            raise RenderError(f"endpoints row of {op.name}: the name is not unique")
        keys[_op_key(name)] += 1
        rows.append(
            {
                "name": code_span(name),
                "method": op.method,
                "path": code_span(op.path),
                "status": escape_cell(status),
                "content_type": code_span(media) if media else "",
            }
        )
    return rows


def _wire_rows(spec: Spec, policy: str) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for m in spec.models:
        if isinstance(m, ObjectModel):
            for f in m.fields:
                if f.wire_name != wire_name(f.doc_name, policy):
                    rows.append(
                        {
                            "model": code_span(m.name),
                            "field": code_span(f.doc_name),
                            "wire": code_span(f.wire_name),
                            "where": "",
                        }
                    )
    for op in spec.operations:
        for p in op.params:
            # Rows are keyed by operation name, which several groups may share
            # (`create`): a path parameter whose template spells its wire name
            # needs no row, and must not rename another `create`'s parameter.
            derived = path_wire_name(wire_name(p.doc_name, policy), p.doc_name, op.path or "")
            where = _where(p)
            if p.wire_name != derived or where:  # pages cannot say header, nor a style
                rows.append(
                    {
                        "model": code_span(op.name),
                        "field": code_span(p.doc_name),
                        "wire": code_span(p.wire_name),
                        "where": where,
                    }
                )
    return rows


def _where(p: Param) -> str:
    """The In cell a page cannot say: a header, or a query parameter's style."""
    if p.location == "header":
        return "header"
    if p.location != "query" or (p.style, p.explode) == ("form", True):
        return ""
    default = p.style in ("form", "deepObject")
    return f"query {p.style}" + ("" if p.explode == default else f" explode={p.explode}".lower())


def emit(spec: Spec, ctx: EmitContext) -> dict[str, str]:
    root = f"{ctx.package}/{DOCS}"
    files: dict[str, str] = {}
    writer = _writers(ctx, spec)
    for m in spec.models:
        w = writer(m.source.file)
        try:
            page = _model_page(m, w)
        except RenderError as e:
            raise _fail(m.source.file, m.source.line, e) from None
        files[f"{root}/{m.source.file}"] = ctx.render("markdown/model.md.j2", page=page)
    by_page: dict[str, list[Operation]] = defaultdict(list)
    security = _security_models(spec)
    for op in spec.operations:
        by_page[op.source.file].append(op)
    for path, ops in sorted(by_page.items()):
        w = writer(path)
        try:
            ordered = sorted(ops, key=lambda o: o.source.line)
            rendered = [_operation(op, w, security(op)) for op in ordered]
        except RenderError as e:
            raise _fail(path, 0, e) from None
        title = posixpath.basename(posixpath.dirname(path)) or ops[0].group
        files[f"{root}/{path}"] = ctx.render(
            "markdown/operations.md.j2", title=escape_inline(title), operations=rendered
        )
    taken = {m.source.file for m in spec.models} | set(by_page)
    try:
        rows = _endpoint_rows(spec)
    except RenderError as e:
        raise _fail(ENDPOINTS, 0, e) from None
    if rows:
        if ENDPOINTS in taken:
            raise SpecError([Diagnostic(ENDPOINTS, 0, "a model doc has the endpoints file name")])
        media = any(r["content_type"] for r in rows)
        files[f"{root}/{ENDPOINTS}"] = ctx.render(
            "markdown/endpoints.md.j2", rows=rows, media=media
        )
    wire_rows = _wire_rows(spec, ctx.config.wire_names)
    if wire_rows:
        if WIRE_NAMES in taken:
            raise SpecError([Diagnostic(WIRE_NAMES, 0, "a model doc has the wire-names file name")])
        files[f"{root}/{WIRE_NAMES}"] = ctx.render(
            "markdown/wire-names.md.j2",
            rows=wire_rows,
            policy=ctx.config.wire_names,
            where=any(r["where"] for r in wire_rows),
        )
    return files
