"""netevia-csharp (C#): operation descriptions with `---` rules (setext headings
read as text), `*object*` request and response bodies (the OpenAPI's are
`allOf` + `anyOf` compositions Speakeasy types as `object`), no UsageSnippet
(operations found as `<name><group>`: `Rest` of `APISale` is `restAPISale`).
Only the three enums are models: every row is theirs."""

from __future__ import annotations

from .acceptance import check_tree

DOCS_DIFFER = frozenset()
MAX_STRAY = 0


def test_netevia_csharp_matches_openapi(scored) -> None:  # type: ignore[no-untyped-def]
    s = scored("netevia-csharp")
    check_tree(s, minimum=100.0, known=DOCS_DIFFER, max_stray=MAX_STRAY, routed=False)
