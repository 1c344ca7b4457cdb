"""agentset-python (Python, current generator): flat `docs/models`, `Optional[...]`,
`Nullable[...]`, `OptionalNullable[...]`, `Literal[...]`, struck-through deprecated
fields, `<Op>Globals` path parameters, errors whose page is the inner `error` object."""

from __future__ import annotations

from .acceptance import check_tree

# `LlmModel`, `UpdateHostingRerankModel`: pages nothing pairs with an OpenAPI schema.
MAX_STRAY = 2


def test_agentset_python_matches_openapi(scored) -> None:  # type: ignore[no-untyped-def]
    s = scored("agentset-python")
    check_tree(s, minimum=99.0, max_stray=MAX_STRAY)
    assert s.deprecated >= 1  # ~~`chunk_overlap`~~ and friends
    assert s.nullable >= 30  # `Nullable[...]` + :heavy_check_mark: rows (37 in the tree)
    assert s.overrides == 1
