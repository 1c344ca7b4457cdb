"""Stage 3: documents -> the IR.

Reads the spec tree (staying inside its root), classifies every document
(model, operations page, endpoints table, wire-name overrides), turns tables
into fields with parsed types, resolves links between files into model
references, decides wire and Python names, and assembles operations.  Every
problem becomes a diagnostic with `file:line`; the caller decides whether any
error stops the build.
"""

from __future__ import annotations

import os
import posixpath
import re
import stat
from collections import defaultdict
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import columns
from . import types as types_mod
from .diagnostics import Diagnostic, Diagnostics, SpecError
from .ir import (
    NULL,
    AliasModel,
    AnyType,
    Array,
    EnumMember,
    EnumModel,
    Field,
    Literal,
    Map,
    Model,
    ObjectModel,
    Operation,
    Param,
    ParamLocation,
    Ref,
    Response,
    Source,
    Spec,
    Type,
    Union,
    UnionModel,
    model_refs,
    path_names,
    type_refs,
)
from .naming import (
    WINDOWS_DEVICES,
    enum_member_identifier,
    model_identifier,
    pascal_case,
    py_identifier,
    uniquify,
    wire_name,
)
from .parse import Cell, Document, Html, Part, Row, Section, Table, parse_document
from .types import Dialect, Parsed, TypeSyntaxError, split_ref_key

MODEL_SECTIONS = ("fields", "values", "supported types")
REQUIRED_YES = {":heavy_check_mark:", "✔", "✔️", "yes", "true", "required", "y", "x"}
REQUIRED_NO = {":heavy_minus_sign:", "➖", "-", "no", "false", "optional", "n", ""}
# Marks a field whose type is SDK plumbing (a raw HTTP response object).
PLUMBING_MARK = "x-plumbing"
# Parameter rows that every dialect's SDK adds: per-operation security credentials.
PLUMBING_PARAMS = frozenset({"security"})
# Fields of Speakeasy response wrappers that describe the HTTP exchange, not the API.
WRAPPER_META = {"contenttype", "statuscode", "rawresponse", "headers"}
HTTP_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")
MAX_FILE_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class Options:
    """How to read a spec tree (the resolve stage's share of `Config`)."""

    dialect: str = "auto"
    wire_names: str = "as-documented"
    overrides_file: str | None = None  # spec-relative
    endpoints_file: str | None = None  # spec-relative
    strict: bool = False


# ------------------------------------------------------------- reading


def discover(root: Path, diags: Diagnostics) -> list[tuple[str, str]]:
    """(relative path, text) of every .md file under root, sorted; never leaves root."""
    if not root.is_dir():
        raise SpecError([Diagnostic(str(root), 0, "spec directory not found")])
    real_root = root.resolve()
    found: list[tuple[str, str]] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames.sort()
        for d in list(dirnames):
            p = Path(dirpath) / d
            if p.is_symlink():
                dirnames.remove(d)
                rel = p.relative_to(root).as_posix()
                if not _inside(p.resolve(), real_root):
                    diags.error(rel, 0, "symlinked folder points outside the spec root; skipped")
        for name in sorted(filenames):
            if not name.lower().endswith(".md"):
                continue
            p = Path(dirpath) / name
            rel = p.relative_to(root).as_posix()
            if p.is_symlink() and not _inside(p.resolve(), real_root):
                diags.error(rel, 0, "symlink points outside the spec root; not read")
                continue
            try:
                rel.encode("utf-8")
            except UnicodeEncodeError:
                diags.error(rel.encode("utf-8", "replace").decode(), 0, "file name is not UTF-8")
                continue
            if "\\" in rel or any(ord(c) < 32 or ord(c) == 127 for c in rel):
                # Targets mirror doc paths (markdown); such a name cannot be
                # written safely, nor printed on one line.
                shown = rel.encode("unicode_escape").decode("ascii").replace("\\\\", "\\")
                diags.error(shown, 0, "file name has a backslash or control character; rename it")
                continue
            # A FIFO named x.md would block read_bytes forever; a huge file is
            # refused before it is read, not after.
            try:
                st = p.stat()
            except OSError as e:
                diags.error(rel, 0, f"cannot read: {e.strerror or e}")
                continue
            if not stat.S_ISREG(st.st_mode):
                diags.error(rel, 0, "cannot read: not a regular file")
                continue
            if st.st_size > MAX_FILE_BYTES:
                diags.error(rel, 0, f"file is larger than {MAX_FILE_BYTES // 2**20} MiB")
                continue
            try:
                data = p.read_bytes()
            except OSError as e:
                diags.error(rel, 0, f"cannot read: {e.strerror or e}")
                continue
            if len(data) > MAX_FILE_BYTES:
                diags.error(rel, 0, f"file is larger than {MAX_FILE_BYTES // 2**20} MiB")
                continue
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError as e:
                line = data[: e.start].count(b"\n") + 1
                diags.error(rel, line, "file is not valid UTF-8")
                continue
            found.append((rel, text))
    return found


def _inside(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
    except ValueError:
        return False
    return True


def load(root: Path, options: Options) -> tuple[Spec, list[Diagnostic]]:
    """Read and resolve a spec tree; raises SpecError if anything is an error."""
    diags = Diagnostics()
    files = discover(root, diags)
    docs = [parse_document(text, rel) for rel, text in files]
    spec = build(docs, options, diags)
    if diags.errors:
        raise SpecError(diags.sorted())
    return spec, diags.sorted()


# ---------------------------------------------------------- classifying


def _kind(doc: Document, options: Options) -> str:
    if doc.path == options.endpoints_file:
        return "endpoints"
    if doc.path == options.overrides_file:
        return "overrides"
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


# ---------------------------------------------------------- resolution


@dataclass
class _Ctx:
    """What one build has learnt so far: names, dialects, diagnostics."""

    options: Options
    diags: Diagnostics
    dialects: dict[str, Dialect]
    by_path: dict[str, str] = field(default_factory=dict)  # rel path -> model name
    by_base: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    by_name: dict[str, str] = field(default_factory=dict)  # lower name -> model name
    repaired: set[tuple[str, str]] = field(default_factory=set)
    overrides: dict[tuple[str, str], tuple[str, Source]] = field(default_factory=dict)
    used_overrides: set[tuple[str, str]] = field(default_factory=set)
    doc_dialect: dict[str, Dialect] = field(default_factory=dict)
    pending: list[tuple[str, Source, str]] = field(default_factory=list)  # name, src, owner
    holders_seen: set[str] = field(default_factory=set)  # `<Op>Request` parameter holders
    naming_variants: bool = False  # resolving a `### Variant` heading (Dialect.variant_names)
    holder_keys: set[str] = field(default_factory=set)  # op keys of `<OperationId>Request`
    # union pages named by multi-name links -> the union read from the first such cell
    page_variants: dict[str, tuple[Type, Source]] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)  # model name -> title identifier
    types: types_mod.Memo = field(default_factory=types_mod.Memo)  # read each Type cell once

    def dialect_for(self, doc: Document) -> Dialect:
        return self.doc_dialect.get(doc.path) or next(iter(self.dialects.values()))

    def resolve_key(self, key: str, src: Source) -> str | None:
        split = split_ref_key(key)
        if split is None:
            return key
        target, name = split
        if target:
            if target.startswith(("..", "/")) or target == ".":
                self.diags.error(src.file, src.line, f"link to {target!r} leaves the spec root")
                return None
            if target in self.by_path:
                return self.by_path[target]
            base = posixpath.basename(target).lower()
            cands = self.by_base.get(base, [])
            if len(cands) == 1:
                self._repaired(src, target, cands[0])
                return cands[0]
        # A heading naming a variant (C# `### Message`) may share its name with
        # an unrelated model: the discriminator value decides first.
        found = None if (self.naming_variants and not target) else self.by_name.get(name.lower())
        if found is None and not target:
            # C# union variants: `### AutoRouter` on ChatGenerationParamsPluginUnion
            # names ChatGenerationParamsPluginAutoRouter.
            owner = self.by_path.get(src.file, "")
            stem = owner[: -len("Union")] if owner.endswith("Union") else owner
            found = self.by_name.get((stem + name).lower()) if stem else None
            if found is None and owner:  # `### System` on Message: SystemMessage
                found = self.by_name.get((name + owner).lower())
        if found is not None:
            if target:
                self._repaired(src, target, found)
            return found
        if target:
            self.diags.error(src.file, src.line, f"broken link: no model doc at {target!r}")
            return None
        # Maybe a discriminator value (C# `### WebSearchPreview`): decided once
        # every model is read, see _settle_pending.
        owner = self.by_path.get(src.file, "")
        self.pending.append((name, src, owner))
        return f"{PENDING}{owner}\0{name}"  # one placeholder per union and name

    def _repaired(self, src: Source, target: str, found: str) -> None:
        if (src.file, target) not in self.repaired:
            self.repaired.add((src.file, target))
            self.diags.warning(
                src.file, src.line, f"link to missing {target!r} repaired by name: {found}"
            )

    def resolve_type(self, t: Type, src: Source) -> Type | None:
        match t:
            case Ref(model):
                name = self.resolve_key(model, src)
                return None if name is None else Ref(name)
            case Array(item):
                inner = self.resolve_type(item, src)
                return None if inner is None else Array(inner)
            case Map(value):
                inner = self.resolve_type(value, src)
                return None if inner is None else Map(inner)
            case Union(variants):
                vs = [self.resolve_type(v, src) for v in variants]
                return None if any(v is None for v in vs) else Union(tuple(v for v in vs if v))
        return t

    def parse(
        self, dialect: Dialect, cell: Cell, src: Source, variant: bool = False
    ) -> Parsed | None:
        try:
            read = types_mod.parse_variant if variant else self.types.parse_type
            p = read(dialect, cell, src.file)
        except TypeSyntaxError as e:
            shown = cell.text.replace("\n", " ")
            if len(shown) > 80:
                shown = shown[:77] + "..."
            self.diags.error(src.file, src.line, f"cannot read type {shown!r}: {e}")
            return None
        self.naming_variants = variant and bool(dialect.variant_names)
        try:
            t = self.resolve_type(p.type, src)
        finally:
            self.naming_variants = False
        if t is not None and p.page:
            page = self.page_model(p.page, src)
            if page is not None:  # `[A|B](ab.md)`: the union's own page
                self.page_variants.setdefault(page, (t, src))
                t = Ref(page)
        if t is None:
            return None
        return p if t is p.type else replace(p, type=t)  # unchanged unless it had a Ref

    def page_model(self, key: str, src: Source) -> str | None:
        """The model doc a multi-name link points at, found by path or file name."""
        split = split_ref_key(key)
        if split is None or not split[0] or split[0].startswith(("..", "/")):
            return None
        target = split[0]
        if target in self.by_path:
            return self.by_path[target]
        cands = self.by_base.get(posixpath.basename(target).lower(), [])
        if len(cands) != 1:
            return None
        self._repaired(src, target, cands[0])
        return cands[0]


PENDING = "\0?"  # prefix of a model name resolve_key could not settle yet


def _tags(m: Model, models: dict[str, Model]) -> set[str]:
    """Discriminator values of an object: its fields' literal / one-value enum types."""
    out: set[str] = set()
    if not isinstance(m, ObjectModel):
        return out
    for f in m.fields:
        t = f.type
        if isinstance(t, Ref) and isinstance(models.get(t.model), EnumModel):
            em = models[t.model]
            assert isinstance(em, EnumModel)
            if len(em.members) == 1:
                out.add(str(em.members[0].value))
        elif isinstance(t, Literal) and isinstance(t.value, str):
            out.add(t.value)
    return out


def _settle_pending(models: dict[str, Model], ctx: _Ctx) -> None:
    """Unlinked names that name no model: the object whose discriminator value
    spells the name (`WebSearchPreview` -> `type: web_search_preview`)."""
    if not ctx.pending:
        return

    def key(v: str) -> str:
        return re.sub(r"[^a-z0-9]", "", v.lower())

    by_tag: dict[str, set[str]] = defaultdict(set)
    for n, m in models.items():
        for v in _tags(m, models):
            by_tag[key(v)].add(n)
    settled: dict[str, str] = {}
    for name, src, owner in ctx.pending:
        snake = "_".join(w.lower() for w in _words(name))
        cands = by_tag.get(key(name), set())
        # most words shared with the union's name, then `reasoning_text` over
        # `reasoning.text` for `ReasoningText`, then the shortest name
        found = (
            max(
                sorted(cands),
                key=lambda n: (
                    _shared(owner, n),
                    snake in _tags(models[n], models),
                    -len(n),
                ),
            )
            if cands
            else None
        )
        if found is None:  # a model of that very name
            found = ctx.by_name.get(name.lower())
        if found is None:  # `### InputText`: a model named `...InputText`
            found = _closest(owner, name, set(models))
        if found is None:
            ctx.diags.error(src.file, src.line, f"unknown model {name!r}")
        else:
            settled[f"{PENDING}{owner}\0{name}"] = found
    for n, m in list(models.items()):
        models[n] = _subst_model(m, settled)
    ctx.pending.clear()


def _subst(t: Type, names: dict[str, str]) -> Type:
    match t:
        case Ref(model) if model.startswith(PENDING):
            return Ref(names.get(model, model))
        case Array(item):
            return Array(_subst(item, names))
        case Map(value):
            return Map(_subst(value, names))
        case Union(variants):
            return Union(tuple(_subst(v, names) for v in variants))
    return t


def _subst_model(m: Model, names: dict[str, str]) -> Model:
    if isinstance(m, ObjectModel):
        return replace(m, fields=tuple(replace(f, type=_subst(f.type, names)) for f in m.fields))
    if isinstance(m, UnionModel):
        return replace(m, variants=tuple(_subst(v, names) for v in m.variants))
    if isinstance(m, AliasModel):
        return replace(m, type=_subst(m.type, names))
    return m


def _words(name: str) -> list[str]:
    return re.findall(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+", name)


def _closest(owner: str, suffix: str, names: set[str]) -> str | None:
    """The model ending in `suffix` that shares the most leading words with
    `owner`; on a tie, the shortest name (the shared base component)."""
    cands = sorted(n for n in names if n.lower().endswith(suffix.lower()))
    if not cands:
        return None
    return max(cands, key=lambda n: (_shared(owner, n), -len(n)))


def _shared(a: str, b: str) -> int:
    """How many leading PascalCase words two names share."""
    k = 0
    for x, y in zip(_words(a), _words(b), strict=False):
        if x != y:
            break
        k += 1
    return k


def _required(cell: Cell, src: Source, diags: Diagnostics) -> bool:
    text = cell.text.strip().lower()
    if text in REQUIRED_YES:
        return True
    if text not in REQUIRED_NO:
        diags.error(src.file, src.line, f"Required must be yes or no, not {cell.text!r}")
    return False


def _description(cell: Cell | None) -> str:
    if cell is None:
        return ""
    text = cell.text
    return "" if text == "N/A" else text


def _deprecated(name_cell: Cell, description: str) -> bool:
    head = description[:40].replace(" ", "").upper()
    return name_cell.struck or "DEPRECATED" in head


def _table_of(section: Section | None) -> Table | None:
    if section is None:
        return None
    tables = section.tables()
    return tables[0] if tables else None


def _doc_cells(doc: Document) -> list[Cell]:
    """Every Type cell of a document, for dialect detection."""
    cells: list[Cell] = []

    def walk(secs: Iterable[Section]) -> None:
        for s in secs:
            for t in s.tables():
                col = t.column("type")
                if col is not None:
                    cells.extend(r.cells[col] for r in t.rows if col < len(r.cells))
            walk(s.children)

    walk(doc.sections)
    return cells


# ------------------------------------------------------------- models


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
        group.sort(key=lambda d: d.doc.path)
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


def _cell_at(row: Row, i: int | None) -> Cell | None:
    return row.cells[i] if i is not None and i < len(row.cells) else None


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
    return Field(
        doc_name=doc_name,
        wire_name=wire,
        py_name=py_identifier(doc_name),
        type=AnyType() if parsed.plumbing else notes.type,
        required=required,
        nullable=(parsed.nullable or (parsed.maybe_null and required)) and not parsed.plumbing,
        description=description,
        source=src,
        deprecated=_deprecated(name_cell, description) or notes.deprecated,
        example=example or None,  # an empty Example cell is no example
        extra=extra,
        default=notes.default,
        constraints=notes.constraints,
    )


def _wire(model: str, doc_name: str, ctx: _Ctx) -> str:
    for key in ((model.lower(), doc_name), ("*", doc_name)):
        if key in ctx.overrides:
            ctx.used_overrides.add(key)
            return ctx.overrides[key][0]
    return wire_name(doc_name, ctx.options.wire_names)


def _enum(draft: _Draft, section: Section, ctx: _Ctx) -> EnumModel | None:
    doc = draft.doc
    values: list[tuple[str, str, str, int]] = []  # name, value, description, line
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
            values.append((name, value, _description(_cell_at(row, dcol)), row.line))
    else:
        for code in section.codes():  # dub-ts: `"write" | "read"` in a fence
            try:
                toks = types_mod.tokenize_text(code.content)
            except TypeSyntaxError as e:
                ctx.diags.error(doc.path, code.line, f"cannot read enum values: {e}")
                return None
            for t in toks:
                if t.kind in ("string", "number"):
                    values.append(("", t.text, "", code.line))
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
        if child.cell is None:
            continue
        src = Source(draft.doc.path, child.line)
        parsed = ctx.parse(dialect, child.cell, src, variant=True)
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


# --------------------------------------------------------- side tables


def _overrides(doc: Document, ctx: _Ctx) -> None:
    for table in (t for s in [*doc.sections, None] for t in _tables_anywhere(doc, s)):
        mcol, fcol = table.column("model"), table.column("field")
        wcol = table.column("wire name", "wire", "json name")
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


def _tables_anywhere(doc: Document, sec: Section | None) -> list[Table]:
    if sec is None:
        return [b for b in doc.preamble if isinstance(b, Table)]
    out = sec.tables()
    for c in sec.children:
        out.extend(_tables_anywhere(doc, c))
    return out


@dataclass(frozen=True)
class _Endpoint:
    """Method and path of an operation, from endpoints.md or a UsageSnippet."""

    method: str
    path: str
    status: str
    source: Source
    operation_id: str = ""  # from a UsageSnippet comment


def _endpoints(doc: Document, diags: Diagnostics) -> dict[str, _Endpoint]:
    out: dict[str, _Endpoint] = {}
    tables = [t for s in [*doc.sections, None] for t in _tables_anywhere(doc, s)]
    for table in tables:
        ocol, mcol, pcol = table.column("operation"), table.column("method"), table.column("path")
        scol = table.column("status")
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
            if method not in HTTP_METHODS:
                diags.error(doc.path, row.line, f"unknown HTTP method {method!r} for {op!r}")
                continue
            if not path.startswith("/"):
                diags.error(doc.path, row.line, f"path of {op!r} must start with '/'")
                continue
            out[_op_key(op)] = _Endpoint(method, path, status, Source(doc.path, row.line))
    return out


def _op_key(name: str) -> str:
    return name.replace("_", "").replace("-", "").lower()


# ---------------------------------------------------------- operations


def _status_codes(text: str) -> list[str]:
    """'4xx-5xx' / '4x-5xx' -> ['4XX', '5XX']; '400, 404' -> ['400', '404']."""
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
        out.append(part.upper())
    return out


def _operations(
    doc: Document,
    models: dict[str, Model],
    wrappers: dict[str, Type | None],
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


def _unwrap(t: Type | None, wrappers: dict[str, Type | None]) -> Type | None:
    if isinstance(t, Ref) and t.model in wrappers:
        return wrappers[t.model]
    return t


def _operation(
    doc: Document,
    sec: Section,
    group: str,
    dialect: Dialect,
    models: dict[str, Model],
    wrappers: dict[str, Type | None],
    endpoints: dict[str, _Endpoint],
    ctx: _Ctx,
) -> Operation | None:
    name = sec.title.strip()
    src = Source(doc.path, sec.line)
    paragraphs = sec.paragraphs()
    summary = paragraphs[0].text if paragraphs else ""
    ep = endpoints.get(_op_key(name)) or _usage_snippet(doc, sec)
    if ep is not None and ep.operation_id:  # its `<OperationId>Request` holder page
        ctx.holder_keys.add(_op_key(ep.operation_id) + "request")
    if ep is None:
        where = ctx.options.endpoints_file or "endpoints.md"
        ctx.diags.warning(
            src.file, src.line, f"operation {name!r} has no method and path: add it to {where}"
        )
    path_template = ep.path if ep else ""
    params: list[Param] = []
    body: Type | None = None
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
    for row in rows:
        rsrc = Source(doc.path, row.line)
        name_c, type_c = _cell_at(row, cols["name"]), _cell_at(row, cols["type"])
        if name_c is None or type_c is None:
            continue
        pname = (name_c.code or name_c.text).strip()
        if not pname or pname in dialect.plumbing_names | PLUMBING_PARAMS or "." in pname:
            continue
        parsed = ctx.parse(dialect, type_c, rsrc)
        if parsed is None or parsed.plumbing:
            continue
        req_c = _cell_at(row, cols["required"])
        required = _required(req_c, rsrc, ctx.diags) if req_c is not None else True
        desc = _description(_cell_at(row, cols["description"]))
        holder = _holder(parsed.type, name, models, ctx, group)
        if holder is None and pname == "request":  # Ruby: `<OperationId>Request`
            holder = _request_holder(parsed.type, models, ep)
        if holder is not None:
            ctx.holders_seen.add(holder.name)
        if holder is not None and _is_whole_body(holder, path_template, models):
            holder = None  # a multipart form named `<Op>Request`: the body itself
        if holder is not None:
            for f in holder.fields:
                if _is_body(f.type, f.doc_name, models):
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
                        )
                    )
            continue
        if _is_body(parsed.type, pname, models):
            body, body_required = parsed.type, required
            continue
        wire = _wire(name, pname, ctx)
        params.append(_param(pname, wire, parsed.type, required, desc, rsrc, path_template))
    py = uniquify(py_identifier(p.doc_name) for p in params)
    params = [replace(p, py_name=n) for p, n in zip(params, py, strict=True)]
    responses: list[Response] = []
    resp_sec = sec.child("response")
    if resp_sec is not None and resp_sec.paragraphs():
        para = resp_sec.paragraphs()[0]
        parsed = ctx.parse(dialect, _before_dash(para.cell), Source(doc.path, para.line))
        if parsed is not None:
            rtype = _unwrap(parsed.type, wrappers)
            responses.append(Response(ep.status if ep else "200", rtype))
    elif resp_sec is not None:  # a Response heading with nothing under it: no body
        responses.append(Response(ep.status if ep else "200", None))
    errors: list[Response] = []
    etable = _table_of(sec.child("errors"))
    if etable is not None:
        ecol = etable.column("error type", "error object", "error")
        scol = etable.column("status code", "status")
        for row in etable.rows:
            e_c, s_c = _cell_at(row, ecol), _cell_at(row, scol)
            ename = e_c.text if e_c else ""
            model = ctx.by_name.get(types_mod.last_segment(ename).lower())
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
    )


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
    otherwise it is the request body itself (Ruby `CreateActorTokenRequest`)."""
    m = models.get(t.model) if isinstance(t, Ref) else None
    if not isinstance(m, ObjectModel) or ep is None:
        return None
    if not {"operations", "requests"} & set(m.source.file.lower().split("/")[:-1]):
        return None
    names = {_op_key(n) for n in path_names(ep.path)}
    if (
        ep.method in ("GET", "HEAD", "DELETE")
        or any(_op_key(f.doc_name) in names for f in m.fields)
        or any(_op_key(f.doc_name) in ("body", "requestbody") for f in m.fields)
    ):
        return m
    return None


def _is_whole_body(m: ObjectModel, path: str, models: dict[str, Model]) -> bool:
    """Every field is structured and none is a path parameter or `requestBody`."""
    return all(
        _is_body(f.type, "", models)
        and f.doc_name.replace("_", "").lower() not in ("requestbody", "body")
        and "{" + f.wire_name + "}" not in path
        for f in m.fields
    )


def _is_body(t: Type, name: str, models: dict[str, Model]) -> bool:
    """A parameter row carries the request body when it is a structured value."""
    if name.replace("_", "").lower() in ("requestbody", "body"):
        return True
    if isinstance(t, Array | Map):
        inner = t.item if isinstance(t, Array) else t.value
        return _is_body(inner, "", models)
    if isinstance(t, Ref):
        return not isinstance(models.get(t.model), EnumModel)
    return False


def _param(
    doc_name: str, wire: str, t: Type, required: bool, desc: str, src: Source, path: str
) -> Param:
    if "{" + wire + "}" not in path:  # the path template spells the wire name
        wire = next(
            (n for n in path_names(path) if _op_key(n) in (_op_key(wire), _op_key(doc_name))),
            wire,
        )
    location: ParamLocation = "path" if "{" + wire + "}" in path else "query"
    return Param(
        doc_name,
        wire,
        py_identifier(doc_name),
        location,
        t,
        required or location == "path",
        desc,
        src,
    )


# ---------------------------------------------------------------- build


def _choose_dialects(docs: list[Document], ctx: _Ctx) -> None:
    """Per file, the dialect that reads its Type cells best; files that several
    dialects read equally well (`*string*`) follow the tree's clear files.  A
    tree whose clear files disagree is an error: pass --dialect to force one."""
    cands = list(ctx.dialects.values())
    tied: dict[str, list[Dialect]] = {}
    for doc in docs:
        if ctx.options.dialect != "auto":
            ctx.doc_dialect[doc.path] = ctx.dialects[ctx.options.dialect]
            continue
        best = types_mod.detect_all(_doc_cells(doc), doc.path, cands, ctx.types.parse_type)
        if len(best) == 1:
            ctx.doc_dialect[doc.path] = best[0]
        elif best:
            tied[doc.path] = best
    clear: dict[str, list[str]] = defaultdict(list)
    for path, d in sorted(ctx.doc_dialect.items()):
        clear[d.name].append(path)
    if len(clear) > 1:
        counts = sorted(clear.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        main = counts[0][0]
        others = ", ".join(f"{len(ps)} {n} (e.g. {ps[0]})" for n, ps in counts[1:])
        first = counts[1][1][0]
        ctx.diags.error(
            first,
            1,
            f"the tree mixes documentation dialects: {len(counts[0][1])} files read as "
            f"{main}, but {others}; pass --dialect to choose one",
        )
    order = sorted(clear, key=lambda n: -len(clear[n]))
    for path, best in tied.items():
        names = [d.name for d in best]
        pick = next((n for n in order if n in names), names[0])
        ctx.doc_dialect[path] = ctx.dialects[pick]


def _majority_dialect(ctx: _Ctx, paths: Iterable[str]) -> Dialect | None:
    counts: dict[str, int] = defaultdict(int)
    for p in paths:
        if p in ctx.doc_dialect:
            counts[ctx.doc_dialect[p].name] += 1
    if not counts:
        return None
    best = max(sorted(counts), key=lambda n: counts[n])
    return ctx.dialects[best]


def build(docs: list[Document], options: Options, diags: Diagnostics) -> Spec:
    all_dialects = types_mod.dialects()
    if options.dialect != "auto" and options.dialect not in all_dialects:
        diags.error("", 0, f"unknown dialect {options.dialect!r}")
        return Spec((), (), ())
    ctx = _Ctx(options, diags, all_dialects)
    kinds = {d.path: _kind(d, options) for d in docs}
    _choose_dialects(docs, ctx)
    # Files with no Type cells (enums) take the tree's majority dialect.
    majority = _majority_dialect(ctx, (d.path for d in docs))
    if majority is not None:
        for d in docs:
            ctx.doc_dialect.setdefault(d.path, majority)
        ctx.dialects = {majority.name: majority, **ctx.dialects}
    for d in docs:
        if kinds[d.path] == "overrides":
            _overrides(d, ctx)
    endpoints: dict[str, _Endpoint] = {}
    for d in docs:
        if kinds[d.path] == "endpoints":
            endpoints.update(_endpoints(d, diags))
    drafts = [_Draft(d, kinds[d.path]) for d in docs if kinds[d.path] in ("model", "bare")]
    _name_models(drafts, ctx)
    models: dict[str, Model] = {}
    for draft in drafts:
        m = _model(draft, ctx)
        if m is not None and m.name not in models:
            models[m.name] = m
    _fill_bare_pages(models, ctx)
    _settle_pending(models, ctx)
    for n, m in list(models.items()):
        if _is_file_part(m):
            models[n] = AliasModel(m.name, m.description, types_mod.BINARY, m.source)
    # Speakeasy response wrappers (statusCode, contentType, rawResponse + body)
    # Go wraps the exchange in `HTTPMeta` -> HTTPMetadata (only plumbing fields).
    meta = {n for n, m in models.items() if _all_plumbing(m)}
    wrappers = {m.name: _wrapper_body(m, meta) for m in models.values() if _is_wrapper(m, meta)}
    ops: list[Operation] = []
    used_endpoints: set[str] = set()
    for d in docs:
        if kinds[d.path] == "operations":
            ops.extend(_operations(d, models, wrappers, endpoints, used_endpoints, ctx))
    for name, src, _ in ctx.pending:  # left by operations, after models settled
        diags.error(src.file, src.line, f"unknown model {name!r}")
    for key, ep in sorted(endpoints.items()):
        if key not in used_endpoints:
            diags.warning(ep.source.file, ep.source.line, "endpoint names no documented operation")
    for okey, (_, osrc) in sorted(ctx.overrides.items()):
        if okey not in ctx.used_overrides:
            diags.warning(
                osrc.file, osrc.line, f"wire-name override for {okey[1]!r} matches no field"
            )
    op_keys = {k for op in ops for k in _holder_keys(op.name, op.group)}
    holders = {m.name for m in models.values() if _is_holder_of(m, op_keys, ctx)}
    holders |= ctx.holders_seen
    holders |= {
        m.name
        for m in models.values()
        if isinstance(m, ObjectModel)
        and _op_key(ctx.titles.get(m.name, m.name)) in ctx.holder_keys
        and {"operations", "requests"} & set(m.source.file.lower().split("/")[:-1])
        and not any(isinstance(o.body, Ref) and o.body.model == m.name for o in ops)
    }
    dropped = set(wrappers) | holders | meta
    # Error classes keep their API fields; their SDK-only ones (rawResponse,
    # HTTPMeta) never reach a schema.
    stripped = {n: _strip_plumbing(m, meta) for n, m in models.items()}
    kept = _drop_unreferenced(stripped, dropped, ops)
    sources = tuple(sorted(d.path for d in docs))
    dialects = tuple(
        sorted((p, dl.name) for p, dl in ctx.doc_dialect.items() if kinds[p] != "other")
    )
    return Spec(
        models=tuple(sorted(kept.values(), key=lambda m: m.name)),
        operations=tuple(sorted(ops, key=lambda o: (o.group, o.name))),
        sources=sources,
        dialects=dialects,
    )


def _is_file_part(m: Model) -> bool:
    """Speakeasy's upload wrapper `{fileName, content[, contentType]}` stands for one
    binary file part (`format: binary` in the API), in every dialect."""
    if not isinstance(m, ObjectModel):
        return False
    names = {f.doc_name.replace("_", "").lower(): f for f in m.fields}
    content = names.get("content")
    return (
        set(names) in ({"filename", "content"}, {"filename", "content", "contenttype"})
        and content is not None
        # Ruby has no byte type: `*::String*`
        and content.type in (types_mod.BINARY, types_mod.STRING)
    )


def _fill_bare_pages(models: dict[str, Model], ctx: _Ctx) -> None:
    """A title-only page (Ruby unions) takes the union its referring cell spells out."""
    for name, (t, src) in sorted(ctx.page_variants.items()):
        m = models.get(name)
        if not isinstance(m, AliasModel) or not isinstance(m.type, AnyType):
            continue
        variants = t.variants if isinstance(t, Union) else (t,)
        models[name] = UnionModel(m.name, m.description, variants, m.source)
        ctx.diags.warning(
            m.source.file, m.source.line, f"union page without variants: read them from {src}"
        )


def _strip_plumbing(m: Model, meta: AbstractSet[str]) -> Model:
    if not isinstance(m, ObjectModel) or _all_plumbing(m):
        return m
    fields_ = tuple(f for f in m.fields if not _is_plumbing(f, meta))
    return m if len(fields_) == len(m.fields) else replace(m, fields=fields_)


def _is_plumbing(f: Field, meta: AbstractSet[str]) -> bool:
    return dict(f.extra).get(PLUMBING_MARK) == "true" or (
        isinstance(f.type, Ref) and f.type.model in meta
    )


def _all_plumbing(m: Model) -> bool:
    return (
        isinstance(m, ObjectModel)
        and bool(m.fields)
        and all(dict(f.extra).get(PLUMBING_MARK) == "true" for f in m.fields)
    )


def _is_wrapper(m: Model, meta: AbstractSet[str] = frozenset()) -> bool:
    return isinstance(m, ObjectModel) and (
        any(_is_plumbing(f, meta) for f in m.fields) or _is_pager(m)
    )


def _is_pager(m: ObjectModel) -> bool:
    """Speakeasy's pagination wrapper `<Op>Response { result: <Op>ResponseBody[] }`."""
    return (
        m.name.endswith("Response")
        and [f.doc_name for f in m.fields] == ["result"]
        and "components" not in m.source.file.lower().split("/")[:-1]
    )


def _wrapper_body(m: Model, meta: AbstractSet[str] = frozenset()) -> Type | None:
    assert isinstance(m, ObjectModel)
    body = [
        f
        for f in m.fields
        if f.doc_name.replace("_", "").lower() not in WRAPPER_META and not _is_plumbing(f, meta)
    ]
    return body[0].type if body else None


def _drop_unreferenced(
    models: dict[str, Model], dropped: set[str], ops: list[Operation]
) -> dict[str, Model]:
    """Drop operation wrappers unless a kept model or an operation still refers to them."""
    kept = {n: m for n, m in models.items() if n not in dropped}
    needed = {r for m in kept.values() for r in model_refs(m)}
    for op in ops:
        types_: list[Type | None] = [op.body, *(p.type for p in op.params)]
        types_ += [r.type for r in (*op.responses, *op.errors)]
        needed.update(r for t in types_ if t is not None for r in type_refs(t))
    for n in sorted(dropped & needed):
        kept[n] = models[n]
    return kept


__all__ = ["Options", "build", "discover", "load", "Literal"]
