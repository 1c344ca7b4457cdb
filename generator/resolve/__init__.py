"""Stage 3: documents -> the IR.

Reads the spec tree (staying inside its root), classifies every document
(model, operations page, endpoints table, wire-name overrides), turns tables
into fields with parsed types, resolves links between files into model
references, decides wire and Python names, and assembles operations.  Every
problem becomes a diagnostic with `file:line`; the caller decides whether any
error stops the build.

`build` here wires the steps; the modules hold them: `read` (the tree),
`context` (options, names, links), `tables` (cells), `models` (model docs),
`operations` (operation pages, endpoints) and `speakeasy` (SDK plumbing).
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from .. import types as types_mod
from ..diagnostics import Diagnostic, Diagnostics, SpecError
from ..ir import AliasModel, Literal, Model, ObjectModel, Operation, Ref, Spec
from ..parse import Document, parse_document
from ..types import Dialect
from .context import Options, _Ctx, _op_key, _settle_pending, settle_unknown
from .models import _Draft, _kind, _model, _name_models, _overrides
from .operations import _Endpoint, _endpoints, _holder_keys, _is_holder_of, _operations
from .read import discover
from .security import settle as settle_security
from .speakeasy import (
    _all_plumbing,
    _drop_unreferenced,
    _fill_bare_pages,
    _is_file_part,
    _is_wrapper,
    _strip_plumbing,
    _wrapper_field,
)
from .tables import _doc_cells
from .typemap import read_type_map


def load(root: Path, options: Options) -> tuple[Spec, list[Diagnostic]]:
    """Read and resolve a spec tree; raises SpecError if anything is an error."""
    diags = Diagnostics()
    files = discover(root, diags)
    docs = [parse_document(text, rel) for rel, text in files]
    if options.type_map_file and os.path.isabs(options.type_map_file):
        docs.append(_outside_type_map(Path(options.type_map_file), diags))
    spec = build(docs, options, diags)
    if diags.errors:
        raise SpecError(diags.sorted())
    return spec, diags.sorted()


def _outside_type_map(path: Path, diags: Diagnostics) -> Document:
    """A type map named in settings outside the spec folder (the user's own file)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        diags.error(str(path), 0, f"cannot read the type map: {getattr(e, 'strerror', None) or e}")
        text = ""
    return parse_document(text, str(path))


def _with_type_map(
    docs: list[Document], options: Options, diags: Diagnostics, dialects: dict[str, Dialect]
) -> tuple[list[Document], dict[str, Dialect]]:
    """The docs without the type map, and every dialect reading its types first."""
    if options.type_map_file is None:
        return docs, dialects
    found = [d for d in docs if d.path == options.type_map_file]
    if not found:
        diags.error(options.type_map_file, 0, "type map not found")
        return docs, dialects
    user = read_type_map(found[0], diags)
    rest = [d for d in docs if d.path != options.type_map_file]
    return rest, {n: replace(d, user_types=user) for n, d in dialects.items()}


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


def _null_unsaid(models: dict[str, Model], ctx: _Ctx) -> None:
    """Docs from before their dialect could say null (Speakeasy Python before
    `Nullable[T]`: wingspan-python, 865 nullable properties, all `Optional[T]`)
    never say it: where no cell of the tree does, a field that does not say
    null leaves its nullability unknown, as in a dialect with no null marker.
    The same for a dialect whose one wrapper means absent-or-null (Go `*T`):
    newer Speakeasy Go writes a required nullable field bare (squadcast-go
    `StartTime [time.Time]` for `anyOf [date-time, null]`), so a tree where no
    required field is a pointer says nothing about null."""
    for name, m in models.items():
        d = ctx.doc_dialect.get(m.source.file)
        if (
            isinstance(m, ObjectModel)
            and d is not None
            and d.name not in ctx.said_null
            and types_mod.null_marker(d) != "none"
        ):
            fields_ = tuple(f if f.nullable else replace(f, nullable_known=False) for f in m.fields)
            models[name] = replace(m, fields=fields_)


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
    docs, all_dialects = _with_type_map(docs, options, diags, all_dialects)
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
    _null_unsaid(models, ctx)
    for n, m in list(models.items()):
        if _is_file_part(m):
            models[n] = AliasModel(m.name, m.description, types_mod.BINARY, m.source)
    # Speakeasy response wrappers (statusCode, contentType, rawResponse + body)
    # Go wraps the exchange in `HTTPMeta` -> HTTPMetadata (only plumbing fields).
    meta = {n for n, m in models.items() if _all_plumbing(m)}
    wrappers = {m.name: _wrapper_field(m, meta) for m in models.values() if _is_wrapper(m, meta)}
    ops: list[Operation] = []
    used_endpoints: set[str] = set()
    for d in docs:
        if kinds[d.path] == "operations":
            ops.extend(_operations(d, models, wrappers, endpoints, used_endpoints, ctx))
    ops = settle_unknown(ops, ctx)  # names left by operations, after models settled
    table = next((d for d in docs if kinds[d.path] == "security"), None)
    op_docs = [d for d in docs if kinds[d.path] == "operations"]
    schemes, ops = settle_security(models, ops, op_docs, table, ctx)
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
        security=schemes,
    )


__all__ = ["Options", "build", "discover", "load", "Literal"]
