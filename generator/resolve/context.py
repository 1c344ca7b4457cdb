"""What one build knows while it resolves: options, names of models by path and
by name, links resolved (or repaired by file name), names left pending until
every model is read."""

from __future__ import annotations

import posixpath
import re
from collections import defaultdict
from dataclasses import dataclass, field, replace

from .. import types as types_mod
from ..diagnostics import TYPED_AS_ANY, Diagnostics
from ..ir import (
    AliasModel,
    AnyType,
    Array,
    EnumModel,
    Literal,
    Map,
    Model,
    ObjectModel,
    Operation,
    Ref,
    Source,
    Type,
    Union,
    UnionModel,
)
from ..parse import Cell, Document
from ..types import Dialect, Parsed, TypeStructureError, TypeSyntaxError, split_ref_key

# How to fix a cell typed as any, told with its warning.
UNREAD_HINT = "fix the docs, or map the type in type-map.md"


@dataclass(frozen=True)
class Options:
    """How to read a spec tree (the resolve stage's share of `Config`)."""

    dialect: str = "auto"
    wire_names: str = "as-documented"
    overrides_file: str | None = None  # spec-relative
    endpoints_file: str | None = None  # spec-relative
    strict: bool = False
    # "any": an unreadable Type cell or unknown model is typed as any, with a
    # warning; "error" stops the build.  The library API stays strict by
    # default; the CLI's default ("any") comes from `Config`.
    unreadable_types: str = "error"
    type_map_file: str | None = None  # spec-relative, or absolute outside the spec
    security_file: str | None = None  # spec-relative: the security table
    # The targets being built that place operations by method and path (client,
    # openapi): an operation without them is left out of those with a warning
    # ("skip") or stops the build ("error").  With none, a warning (-v) only.
    unrouted_operations: str = "skip"
    routed_targets: tuple[str, ...] = ()


@dataclass
class _Ctx:
    """What one build has learnt so far: names, dialects, diagnostics."""

    options: Options
    diags: Diagnostics
    dialects: dict[str, Dialect]
    by_path: dict[str, str] = field(default_factory=dict)  # rel path -> model name
    # (folder, lower title) -> model name, for namespaced names (`operations.Input`)
    by_folder: dict[tuple[str, str], str] = field(default_factory=dict)
    by_base: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    by_name: dict[str, str] = field(default_factory=dict)  # lower name -> model name
    repaired: set[tuple[str, str]] = field(default_factory=set)
    overrides: dict[tuple[str, str], tuple[str, Source]] = field(default_factory=dict)
    used_overrides: set[tuple[str, str]] = field(default_factory=set)
    # (model or operation, field) -> a parameter's location, from the table's In column
    locations: dict[tuple[str, str], str] = field(default_factory=dict)
    doc_dialect: dict[str, Dialect] = field(default_factory=dict)
    # name, src, owner, the cell's text
    pending: list[tuple[str, Source, str, str]] = field(default_factory=list)
    holders_seen: set[str] = field(default_factory=set)  # `<Op>Request` parameter holders
    naming_variants: bool = False  # resolving a `### Variant` heading (Dialect.variant_names)
    holder_keys: set[str] = field(default_factory=set)  # op keys of `<OperationId>Request`
    security_models: set[str] = field(default_factory=set)  # `<Op>Security` models seen
    # union pages named by multi-name links -> the union read from the first such cell
    page_variants: dict[str, tuple[Type, Source]] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)  # model name -> title identifier
    types: types_mod.Memo = field(default_factory=types_mod.Memo)  # read each Type cell once
    cell_text: str = ""  # the Type cell being resolved, shown by warnings
    said_null: set[str] = field(default_factory=set)  # dialects some cell of the tree said null in
    degraded: set[Source] = field(default_factory=set)  # cells typed as any (one warning each)

    def dialect_for(self, doc: Document) -> Dialect:
        return self.doc_dialect.get(doc.path) or next(iter(self.dialects.values()))

    def unreadable(self, src: Source, shown: str, reason: str, error: str) -> AnyType | None:
        """A cell no grammar reads or a model that does not exist: under
        `unreadable-types = "any"` a type of any value and one warning per
        cell; else the error `error`, and None."""
        if self.options.unreadable_types == "error":
            self.diags.error(src.file, src.line, error)
            return None
        if src not in self.degraded:
            self.degraded.add(src)
            self.diags.warning(
                src.file,
                src.line,
                f"cannot read type {shown!r}: {reason}; {TYPED_AS_ANY} ({UNREAD_HINT})",
            )
        return AnyType(shown)

    def resolve_key(self, key: str, src: Source) -> str | AnyType | None:
        split = split_ref_key(key)
        if split is None:
            return key
        target, name = split
        if target.startswith(types_mod.NAMESPACE_HINT):  # `operations.Input`
            in_folder = self._in_folder(target[len(types_mod.NAMESPACE_HINT) :], name)
            if in_folder is not None:
                return in_folder
            target = ""
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
            missing = f"no model doc at {target!r}"
            return self.unreadable(src, self.cell_text, missing, f"broken link: {missing}")
        # Maybe a discriminator value (C# `### WebSearchPreview`): decided once
        # every model is read, see _settle_pending.
        owner = self.by_path.get(src.file, "")
        self.pending.append((name, src, owner, self.cell_text))
        return f"{PENDING}{owner}\0{name}"  # one placeholder per union and name

    def _in_folder(self, folder: str, name: str) -> str | None:
        """The model titled `name` whose doc is in `folder` (another folder may
        have one of that title: one of them is `<Folder><Name>`, _name_models)."""
        return self.by_folder.get((folder.lower(), name.lower()))

    def unknown_model(self, name: str, src: Source, shown: str) -> AnyType | None:
        return self.unreadable(src, shown or name, f"no model {name!r}", f"unknown model {name!r}")

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
                return name if not isinstance(name, str) else Ref(name)
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
        shown = cell.text.replace("\n", " ")
        if len(shown) > 80:
            shown = shown[:77] + "..."
        try:
            read = types_mod.parse_variant if variant else self.types.parse_type
            p = read(dialect, cell, src.file)
        except TypeStructureError as e:  # hostile or out of the tree: never degraded
            self.diags.error(src.file, src.line, f"cannot read type {shown!r}: {e}")
            return None
        except TypeSyntaxError as e:
            any_ = self.unreadable(src, shown, str(e), f"cannot read type {shown!r}: {e}")
            return None if any_ is None else Parsed(any_)
        if p.nullable:
            self.said_null.add(dialect.name)
        self.naming_variants = variant and bool(dialect.variant_names)
        self.cell_text = shown
        try:
            t = self.resolve_type(p.type, src)
        finally:
            self.naming_variants = False
            self.cell_text = ""
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
    settled: dict[str, Type] = {}
    for name, src, owner, shown in ctx.pending:
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
        placeholder = f"{PENDING}{owner}\0{name}"
        if found is not None:
            settled[placeholder] = Ref(found)
        elif (any_ := ctx.unknown_model(name, src, shown)) is not None:
            settled[placeholder] = any_
    for n, m in list(models.items()):
        models[n] = _subst_model(m, settled)
    ctx.pending.clear()


def settle_unknown(ops: list[Operation], ctx: _Ctx) -> list[Operation]:
    """Names operation cells left pending once every model was read: no model
    has them (typed as any, or an error)."""
    settled: dict[str, Type] = {}
    for name, src, owner, shown in ctx.pending:
        if (any_ := ctx.unknown_model(name, src, shown)) is not None:
            settled[f"{PENDING}{owner}\0{name}"] = any_
    ctx.pending.clear()
    return [_subst_op(op, settled) for op in ops] if settled else ops


def _subst_op(op: Operation, names: dict[str, Type]) -> Operation:
    def sub(t: Type | None) -> Type | None:
        return None if t is None else _subst(t, names)

    return replace(
        op,
        params=tuple(replace(p, type=_subst(p.type, names)) for p in op.params),
        body=sub(op.body),
        responses=tuple(replace(r, type=sub(r.type)) for r in op.responses),
        errors=tuple(replace(r, type=sub(r.type)) for r in op.errors),
    )


def _subst(t: Type, names: dict[str, Type]) -> Type:
    match t:
        case Ref(model) if model.startswith(PENDING):
            return names.get(model, t)
        case Array(item):
            return Array(_subst(item, names))
        case Map(value):
            return Map(_subst(value, names))
        case Union(variants):
            return Union(tuple(_subst(v, names) for v in variants))
    return t


def _subst_model(m: Model, names: dict[str, Type]) -> Model:
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


def _op_key(name: str) -> str:
    return name.replace("_", "").replace("-", "").lower()
