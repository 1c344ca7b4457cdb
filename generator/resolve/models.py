"""Model docs -> models: classifying docs, naming models uniquely, reading
Fields / Values / Supported Types, wire-name overrides."""

from __future__ import annotations

import posixpath
from collections import defaultdict
from dataclasses import dataclass, replace

from .. import columns
from .. import types as types_mod
from ..ir import (
    NULL,
    AliasModel,
    AnyType,
    EnumMember,
    EnumModel,
    Field,
    Map,
    Model,
    ObjectModel,
    Source,
    Type,
    Union,
    UnionModel,
)
from ..naming import (
    WINDOWS_DEVICES,
    enum_member_identifier,
    model_identifier,
    pascal_case,
    py_identifier,
    uniquify,
    wire_name,
)
from ..parse import Cell, Document, Part, Row, Section, Table
from ..types import Dialect, TypeSyntaxError
from .context import Options, _Ctx, _op_key
from .speakeasy import PLUMBING_MARK
from .tables import _cell_at, _deprecated, _description, _required, _table_of, _tables_anywhere

MODEL_SECTIONS = ("fields", "values", "supported types")
# Older Speakeasy Python docs list an enum's `null` as the value `<nil>`
# (`LESS_THAN_NIL_GREATER_THAN_`, wingspan-python): no value to send.
NIL_MEMBER = "<nil>"


def _kind(doc: Document, options: Options) -> str:
    if doc.path == options.endpoints_file:
        return "endpoints"
    if doc.path == options.overrides_file:
        return "overrides"
    if doc.path == options.security_file:
        return "security"
    if doc.path.lower().split("/")[:-1][-2:] == ["models", "utils"]:
        return "other"  # SDK settings (RetryConfig), not API models
    titles = {s.title.strip().lower() for s in doc.sections}
    if titles & set(MODEL_SECTIONS):
        return "model"
    if any(c.title.lower() in ("parameters", "response") for s in doc.sections for c in s.children):
        return "operations"
    parts = doc.path.lower().split("/")
    if "models" in parts[:-1] and doc.title and not doc.sections:
        return "bare"  # a page with only a title (Ruby union pages)
    return "other"


@dataclass
class _Draft:
    """A model doc before it is read: its kind and its unique name."""

    doc: Document
    kind: str
    name: str = ""


def _unsafe_title(title: str) -> bool:
    """A title that would be a path or a Windows device name if used as a file name."""
    stem = title.strip().split(".")[0].upper()
    return any(c in title for c in "/\\:") or ".." in title or stem in WINDOWS_DEVICES


# Where two docs share a title, a schema of the API's own (Speakeasy's
# `components` / `shared` folders) keeps it; operation-local types, error
# classes and request wrappers are qualified by their folder.
_API_FOLDERS = ("components", "shared")


def _name_priority(d: _Draft) -> tuple[bool, str]:
    folders = d.doc.path.lower().split("/")[:-1]
    return (not any(f in _API_FOLDERS for f in folders), d.doc.path)


def _name_models(drafts: list[_Draft], ctx: _Ctx) -> None:
    """Give every model doc a unique class name; qualify clashes by folder."""
    for d in drafts:
        title = d.doc.title or posixpath.splitext(posixpath.basename(d.doc.path))[0]
        if not d.doc.title:
            ctx.diags.warning(d.doc.path, 1, "model doc has no '# Title'; named after the file")
        d.name = model_identifier(title)
        if _unsafe_title(title):
            ctx.diags.warning(
                d.doc.path, d.doc.title_line or 1, f"model title {title!r} renamed {d.name!r}"
            )
    groups: dict[str, list[_Draft]] = defaultdict(list)
    for d in drafts:
        groups[d.name.lower()].append(d)
    taken = {k for k, v in groups.items() if len(v) == 1}
    for _, group in sorted(groups.items()):
        if len(group) == 1:
            continue
        group.sort(key=_name_priority)
        first = group[0]
        taken.add(first.name.lower())
        for d in group[1:]:
            folder = posixpath.basename(posixpath.dirname(d.doc.path))
            qualified = pascal_case(folder) + d.name
            if folder == posixpath.basename(posixpath.dirname(first.doc.path)) or (
                qualified.lower() in taken
            ):
                ctx.diags.error(
                    d.doc.path,
                    d.doc.title_line or 1,
                    f"duplicate model name {d.name!r} (also {first.doc.path}:"
                    f"{first.doc.title_line or 1})",
                )
                continue
            d.name = model_identifier(qualified)
            taken.add(d.name.lower())
    for d in drafts:
        ctx.by_path[d.doc.path] = d.name
        ctx.titles[d.name] = model_identifier(d.doc.title) if d.doc.title else d.name
        folder = posixpath.basename(posixpath.dirname(d.doc.path)).lower()
        ctx.by_folder.setdefault((folder, ctx.titles[d.name].lower()), d.name)
        # and by file name: a page retitled for a clash (the markdown target
        # writes `# ApierrorsCollectionError` into apierrors/collectionerror.md)
        stem = posixpath.splitext(posixpath.basename(d.doc.path))[0].lower()
        ctx.by_folder.setdefault((folder, stem), d.name)
        ctx.by_base[posixpath.basename(d.doc.path).lower()].append(d.name)
        for key in {d.name.lower(), model_identifier(d.doc.title).lower()}:
            ctx.by_name.setdefault(key, d.name)


def _fields(draft: _Draft, table: Table | None, ctx: _Ctx) -> list[Field] | None:
    doc, diags = draft.doc, ctx.diags
    if table is None:
        return []  # a Fields heading with no table: any object
    cols = {
        "field": table.column("field", "name", "property"),
        "type": table.column("type"),
        "required": table.column("required"),
        "description": table.column("description"),
    }
    for key in ("field", "type", "required"):
        if cols[key] is None:
            diags.error(doc.path, table.line, f"Fields table has no {key.capitalize()} column")
    if None in (cols["field"], cols["type"], cols["required"]):
        return None
    known = {c for c in cols.values() if c is not None}
    dialect = ctx.dialect_for(doc)
    fields_: list[Field] = []
    for row in table.rows:
        f = _field(draft, table, row, cols, known, dialect, ctx)
        if f is not None:
            fields_.append(f)
    py_names = uniquify(f.py_name for f in fields_)
    fields_ = [
        f if f.py_name == p else replace(f, py_name=p)
        for f, p in zip(fields_, py_names, strict=True)
    ]
    seen: dict[str, Field] = {}
    for f in fields_:
        if f.wire_name in seen:
            diags.error(
                f.source.file,
                f.source.line,
                f"duplicate field {f.wire_name!r} (also line {seen[f.wire_name].source.line})",
            )
        seen[f.wire_name] = f
    return fields_


def _field(
    draft: _Draft,
    table: Table,
    row: Row,
    cols: dict[str, int | None],
    known: set[int],
    dialect: Dialect,
    ctx: _Ctx,
) -> Field | None:
    src = Source(draft.doc.path, row.line)
    name_cell = _cell_at(row, cols["field"])
    type_cell = _cell_at(row, cols["type"])
    req_cell = _cell_at(row, cols["required"])
    if name_cell is None or type_cell is None or req_cell is None:
        ctx.diags.error(src.file, src.line, "malformed table row: missing cells")
        return None
    doc_name = (name_cell.code or name_cell.text).strip()
    if not doc_name:
        ctx.diags.error(src.file, src.line, "malformed table row: empty field name")
        return None
    if not type_cell.text and not req_cell.text and name_cell.code is None and row.line > 1:
        # A raw newline inside the previous row's description splits the row.
        ctx.diags.warning(src.file, src.line, "text-only row: read as a broken description line")
        return None
    if not type_cell.text:
        ctx.diags.error(src.file, src.line, f"field {doc_name!r} has no type")
        return None
    parsed = ctx.parse(dialect, type_cell, src)
    required = _required(req_cell, src, ctx.diags)
    if parsed is None:
        return None
    description = _description(_cell_at(row, cols["description"]))
    extra = tuple(
        (table.header[i], row.cells[i].text)
        for i in range(min(len(table.header), len(row.cells)))
        if i not in known
    )
    example = next((v for k, v in extra if k.lower() == "example"), None)
    wire = _wire(draft.name, doc_name, ctx)
    notes = columns.read(extra, parsed.type, src, ctx.diags)  # Format, Default, ...
    if parsed.plumbing:  # e.g. rawResponse: marks a wrapper, never emitted
        extra += ((PLUMBING_MARK, "true"),)
    elif parsed.maybe_null and required:
        ctx.said_null.add(dialect.name)  # `*T` on a required field: null (Go)
    return Field(
        doc_name=doc_name,
        wire_name=wire,
        py_name=py_identifier(doc_name),
        type=AnyType() if parsed.plumbing else notes.type,
        required=required,
        nullable=(parsed.nullable or (parsed.maybe_null and required)) and not parsed.plumbing,
        nullable_known=types_mod.nullable_known(dialect, required, parsed.nullable, parsed.outer)
        or parsed.plumbing,
        description=description,
        source=src,
        deprecated=_deprecated(name_cell, description) or notes.deprecated,
        example=example or None,  # an empty Example cell is no example
        extra=extra,
        default=notes.default,
        constraints=notes.constraints,
        stream=parsed.stream,
    )


# Where a parameter may go (the wire-name table's In column) and, for the
# query, how it is written: OpenAPI's styles, `explode=false` where it is not.
PARAM_LOCATIONS = ("path", "query", "header")
QUERY_STYLES = ("form", "deepObject", "spaceDelimited", "pipeDelimited")


def parse_where(cell: str) -> tuple[str, str, bool] | str:
    """An In cell (`header`, `query`, `query deepObject`, `query form explode=false`)
    as (location, style, explode), or what is wrong with it."""
    words = cell.split()
    loc = words[0].lower() if words else ""
    if loc not in PARAM_LOCATIONS:
        return f"In must be {', '.join(PARAM_LOCATIONS)}, not {cell!r}"
    style = words[1] if len(words) > 1 else "form"
    explode = style in ("form", "deepObject")  # OpenAPI's default for the style
    rest = words[2:]
    if len(words) > 1 and (loc != "query" or style not in QUERY_STYLES):
        return f"a style is for the query: query {' | '.join(QUERY_STYLES)}, not {cell!r}"
    if rest and rest[0].lower() in ("explode=true", "explode=false") and len(rest) == 1:
        explode = rest[0].lower() == "explode=true"
    elif rest:
        return f"after the style only explode=true or explode=false, not {cell!r}"
    return loc, style, explode


def _location(model: str, doc_name: str, ctx: _Ctx) -> str:
    """A parameter's location from the wire-name table's In column, or ""."""
    for key in ((model.lower(), doc_name), ("*", doc_name)):
        if key in ctx.locations:
            return ctx.locations[key]
    return ""


def _wire(model: str, doc_name: str, ctx: _Ctx) -> str:
    for key in ((model.lower(), doc_name), ("*", doc_name)):
        if key in ctx.overrides:
            ctx.used_overrides.add(key)
            return ctx.overrides[key][0]
    return wire_name(doc_name, ctx.options.wire_names)


_Value = tuple[str, str, str, int]  # name, value, description, line


def _values_in(text: str, line: int, path: str, ctx: _Ctx) -> list[_Value] | None:
    """The string and number literals of a values code text (`"a" | "b"`)."""
    try:
        toks = types_mod.tokenize_text(text)
    except TypeSyntaxError as e:
        ctx.diags.error(path, line, f"cannot read enum values: {e}")
        return None
    return [("", t.text, "", line) for t in toks if t.kind in ("string", "number")]


def _enum(draft: _Draft, section: Section, ctx: _Ctx) -> EnumModel | None:
    doc = draft.doc
    values: list[_Value] = []
    table = _table_of(section)
    if table is not None:
        vcol = table.column("value", "values")
        ncol = table.column("name")
        dcol = table.column("description")
        if vcol is None and ncol is None and len(table.header) == 1:
            vcol = 0
        if vcol is None:
            vcol = ncol
        if vcol is None:
            ctx.diags.error(doc.path, table.line, "Values table has no Value column")
            return None
        for row in table.rows:
            vc, nc = _cell_at(row, vcol), _cell_at(row, ncol)
            value = (vc.code or vc.text) if vc else ""
            name = (nc.code or nc.text) if nc else ""
            if value == NIL_MEMBER and vc is not None and vc.code is None:
                continue  # the enum's null: nullability is the referring field's
            values.append((name, value, _description(_cell_at(row, dcol)), row.line))
    else:
        # dub-ts: `"write" | "read"` in a fence; the newest Python generator
        # (gr4vy-python): a list, one `- "checking"` item per value
        texts = [(c.content, c.line) for c in section.codes()] + [
            (p.cell.code, p.line)
            for p in section.paragraphs()
            if p.listed and p.cell.code is not None
        ]
        for text, line in texts:
            got = _values_in(text, line, doc.path, ctx)
            if got is None:
                return None
            values.extend(got)
    if not values:
        ctx.diags.warning(doc.path, section.line, "enum has no values")
    as_int = bool(values) and all(_is_int(v) for _, v, _, _ in values)
    members: list[EnumMember] = []
    seen: set[str | int] = set()
    for name, value, desc, line in values:
        v: str | int = int(value) if as_int else value
        if v in seen:
            ctx.diags.error(doc.path, line, f"duplicate enum value {value!r}")
            continue
        seen.add(v)
        members.append(EnumMember(name, v, enum_member_identifier(name, value), desc))
    py = uniquify(m.py_name for m in members)
    members = [
        m if m.py_name == p else replace(m, py_name=p) for m, p in zip(members, py, strict=True)
    ]
    return EnumModel(draft.name, doc.description, tuple(members), Source(doc.path, doc.title_line))


def _is_int(v: str) -> bool:
    s = v[1:] if v.startswith("-") else v
    return s.isdigit() and s.isascii() and (s == "0" or not s.startswith("0"))


def _union(draft: _Draft, section: Section, ctx: _Ctx) -> UnionModel | None:
    dialect = ctx.dialect_for(draft.doc)
    variants: list[Type] = []
    for child in section.children:
        cell = _variant_cell(child, dialect)
        if cell is None:
            continue
        src = Source(draft.doc.path, child.line)
        parsed = ctx.parse(dialect, cell, src, variant=True)
        if parsed is None:
            continue
        t = parsed.type
        if parsed.nullable:
            t = Union((t, NULL))
        if t not in variants:
            variants.append(t)
    if not variants:
        ctx.diags.error(draft.doc.path, section.line, "Supported Types lists no types")
        return None
    return UnionModel(
        draft.name,
        draft.doc.description,
        tuple(variants),
        Source(draft.doc.path, draft.doc.title_line),
    )


def _variant_cell(child: Section, dialect: Dialect) -> Cell | None:
    """A `### Variant` heading, or the type its code sample spells where the
    dialect says so (`Dialect.variant_sample`: Go headings may be empty)."""
    if dialect.variant_sample is not None:
        for code in child.codes():
            m = dialect.variant_sample.search(code.content)
            if m is not None:
                return Cell((Part("text", m["type"]),))
    return child.cell


def _model(draft: _Draft, ctx: _Ctx) -> Model | None:
    doc = draft.doc
    src = Source(doc.path, doc.title_line or 1)
    if draft.kind == "bare":
        return AliasModel(draft.name, doc.description, AnyType(), src)
    fields_sec = doc.section("fields")
    if fields_sec is not None:
        fields_ = _fields(draft, _table_of(fields_sec), ctx)
        if fields_ is None:
            return None
        # Speakeasy's `additional_properties` / `additionalProperties` map field is
        # the object's openness, not a property on the wire.
        open_map = [
            f
            for f in fields_
            if _op_key(f.doc_name) == "additionalproperties" and isinstance(f.type, Map)
        ]
        fields_ = [f for f in fields_ if f not in open_map]
        is_open = not ctx.options.strict or not fields_ or bool(open_map)
        return ObjectModel(draft.name, doc.description, tuple(fields_), is_open, src)
    values = doc.section("values")
    if values is not None:
        return _enum(draft, values, ctx)
    union = doc.section("supported types")
    if union is not None:
        return _union(draft, union, ctx)
    return None


def _overrides(doc: Document, ctx: _Ctx) -> None:
    for table in (t for s in [*doc.sections, None] for t in _tables_anywhere(doc, s)):
        mcol, fcol = table.column("model"), table.column("field")
        wcol = table.column("wire name", "wire", "json name")
        lcol = table.column("in", "location")
        if fcol is None or wcol is None:
            ctx.diags.error(
                doc.path, table.line, "wire-name table needs Field and Wire name columns"
            )
            continue
        for row in table.rows:
            model_c, field_c, wire_c = _cell_at(row, mcol), _cell_at(row, fcol), _cell_at(row, wcol)
            model = (model_c.code or model_c.text) if model_c else "*"
            fname = (field_c.code or field_c.text) if field_c else ""
            wire = (wire_c.code or wire_c.text) if wire_c else ""
            if not fname or not wire:
                ctx.diags.error(doc.path, row.line, "wire-name row needs a field and a wire name")
                continue
            key = ("*" if model in ("*", "") else model.lower(), fname)
            ctx.overrides[key] = (wire, Source(doc.path, row.line))
            loc_c = _cell_at(row, lcol)
            loc = " ".join(((loc_c.code or loc_c.text) if loc_c else "").split())
            where = parse_where(loc) if loc else None
            if isinstance(where, str):
                ctx.diags.error(doc.path, row.line, where)
            elif where is not None:
                ctx.locations[key] = loc
