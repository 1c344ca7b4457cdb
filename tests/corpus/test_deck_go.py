"""deck-go (Go): pointers, slices, `map[string]T`, `[*time.Time]`, `io.ReadCloser`,
HTTPMeta response wrappers, apierrors/, operations from UsageSnippet comments.

No required field is a pointer (`AccountNumber *string*` is nullable in the
OpenAPI): the tree never says null, so required fields leave it unknown."""

from __future__ import annotations

from .acceptance import check_tree


def test_deck_go_matches_openapi(scored) -> None:  # type: ignore[no-untyped-def]
    s = scored("deck-go")
    check_tree(s, minimum=95.0)
    assert s.operations >= 20 and s.overrides == 0
