"""Speakeasy SDK plumbing: response wrappers, HTTP metadata, upload parts and
pagination holders that describe the SDK, not the API."""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from dataclasses import replace
from http import HTTPStatus

from .. import types as types_mod
from ..ir import (
    AliasModel,
    AnyType,
    Field,
    Map,
    Model,
    ObjectModel,
    Operation,
    Ref,
    Type,
    Union,
    UnionModel,
    model_refs,
    type_refs,
)
from .context import _Ctx

# Marks a field whose type is SDK plumbing (a raw HTTP response object).
PLUMBING_MARK = "x-plumbing"

# Fields of Speakeasy response wrappers that describe the HTTP exchange, not the API.
WRAPPER_META = {"contenttype", "statuscode", "rawresponse", "headers"}
# Older Speakeasy wrappers hold every response, one field each: the error
# response's is `error` (speakeasy-java, bolt-java, paddle-php, easyship-ruby).
WRAPPER_ERROR = "error"
# ... or is named for its status (`notFound`, `internalServerError`: exactpayments-php
# lists them before the success body `classes`).
ERROR_STATUS_NAMES = frozenset(s.name.replace("_", "").lower() for s in HTTPStatus if s >= 400)
# ... with its model's name after it (`badRequestMinifiedZodError`), for names of
# several words: `notFound...` is an error, `lockedAccounts` may be a body
_ERROR_PREFIXES = tuple(
    s.name.replace("_", "").lower() for s in HTTPStatus if s >= 400 and "_" in s.name
)
# ... or spells its status out (`fourHundredAndFourApplicationJsonObject`: paddle-php,
# whose DELETEs answer 200 with no body and document only their errors)
ERROR_STATUS_WORDS = ("fourhundred", "fivehundred")
_ERROR_STARTS = ERROR_STATUS_WORDS + _ERROR_PREFIXES


def _error_named(f: Field) -> bool:
    name = f.doc_name.replace("_", "").lower()
    return name in ERROR_STATUS_NAMES or name.startswith(_ERROR_STARTS)


def _is_file_part(m: Model) -> bool:
    """Speakeasy's upload wrapper `{fileName, content[, contentType]}` stands for one
    binary file part (`format: binary` in the API), in every dialect."""
    if not isinstance(m, ObjectModel):
        return False
    names = {f.doc_name.replace("_", "").lower(): f for f in m.fields}
    content, file_name = names.get("content"), names.get("filename")
    return (
        set(names) in ({"filename", "content"}, {"filename", "content", "contenttype"})
        and content is not None
        # Speakeasy's two words; an API's own `filename` + base64 `content`
        # object (emailr-python Attachment) is JSON
        and file_name is not None
        and file_name.doc_name in ("fileName", "file_name", "FileName")
        # Ruby has no byte type: `*::String*`; newer Go docs write `*any*`
        and (content.type in (types_mod.BINARY, types_mod.STRING) or content.type == AnyType())
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
    """Speakeasy's pagination wrapper `<Op>Response { result: <Op>ResponseBody[] }`,
    and the wrapper of an answer's headers, `{ headers: Record<string, string[]>,
    result? }` (dwolla-ts `CreateCustomerFundingSourceResponse`)."""
    names = sorted(f.doc_name for f in m.fields)
    return (
        m.name.endswith("Response")
        and names in (["result"], ["headers", "result"], ["headers"])
        and all(f.doc_name != "headers" or isinstance(f.type, Map) for f in m.fields)
        and "components" not in m.source.file.lower().split("/")[:-1]
    )


def _wrapper_field(m: Model, meta: AbstractSet[str] = frozenset()) -> Field | None:
    assert isinstance(m, ObjectModel)
    body = [
        f
        for f in m.fields
        if f.doc_name.replace("_", "").lower() not in WRAPPER_META
        and f.doc_name.lower() != WRAPPER_ERROR
        and not _is_plumbing(f, meta)
    ]
    ok = [f for f in body if not _error_named(f)]
    return ok[0] if ok else None  # only errors documented: the success has no body


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
