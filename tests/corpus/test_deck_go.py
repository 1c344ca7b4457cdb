"""deck-go (Go): pointers, slices, `map[string]T`, `[*time.Time]`, `io.ReadCloser`,
HTTPMeta response wrappers, apierrors/, operations from UsageSnippet comments."""

from __future__ import annotations

from .acceptance import check_tree

# The docs write `*string*` (no pointer) for this required property that the
# OpenAPI marks nullable: the docs cannot be read as nullable.
DOCS_DIFFER = {("GetConnectionAccountsRequestAccount", "account_number")}


def test_deck_go_matches_openapi(scored) -> None:  # type: ignore[no-untyped-def]
    s = scored("deck-go")
    check_tree(s, minimum=95.0, known=DOCS_DIFFER)
    assert s.operations >= 20 and s.overrides == 0
