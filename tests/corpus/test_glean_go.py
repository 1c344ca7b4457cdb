"""glean-go (Go, newer generator): union headings that are bare model names
(`### DocumentSpec1`) or empty, read from their code samples; `{FileName,
Content *any*}` upload parts; a field named after its type's
`x-speakeasy-name-override` (`GleanDataError` is the wire's `errorInfo`).

The sdks pages carry neither UsageSnippet comments nor an endpoints table:
no operation has a method and path (each a warning), and operations pair
with the OpenAPI's by name only."""

from __future__ import annotations

from .acceptance import check_tree


def test_glean_go_matches_openapi(scored) -> None:  # type: ignore[no-untyped-def]
    s = scored("glean-go")
    check_tree(s, minimum=99.9, routed=False)
    assert s.operations == 95 and s.ops_routed == 0
