"""fastpix-ruby (Ruby, Sorbet style): `T.nilable(::String)`, `T::Array<...>`,
`T::Boolean`, `[T.any(A, B)](union.md)`, `[Date](ruby-doc.org/...)` for date-times,
links into `models/shared/` repaired by file name, no UsageSnippet (not routed);
a `<Op>Request` whose fields are all body properties is the body itself."""

from __future__ import annotations

from .acceptance import check_tree

DOCS_DIFFER = frozenset()
# Pages with no OpenAPI counterpart: Input, OperationsInput, SegmentUnion
MAX_STRAY = 3


def test_fastpix_ruby_matches_openapi(scored) -> None:  # type: ignore[no-untyped-def]
    s = scored("fastpix-ruby")
    check_tree(s, minimum=100.0, known=DOCS_DIFFER, max_stray=MAX_STRAY, routed=False)
