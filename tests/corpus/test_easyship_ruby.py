"""easyship-ruby (Ruby, the oldest Sorbet style): core classes without the root
`::` (`T.nilable(String)`, `T::Array<String>`), `Shared::X` / `Operations::X`
model names, response wrappers whose `error` field is the error response, no
UsageSnippet (not routed); its OpenAPI refers to properties of other schemas
(`#/components/schemas/Company/properties/name`)."""

from __future__ import annotations

from .acceptance import check_tree

DOCS_DIFFER = frozenset()
MAX_STRAY = 0


def test_easyship_ruby_matches_openapi(scored) -> None:  # type: ignore[no-untyped-def]
    s = scored("easyship-ruby")
    check_tree(s, minimum=100.0, known=DOCS_DIFFER, max_stray=MAX_STRAY, routed=False)
