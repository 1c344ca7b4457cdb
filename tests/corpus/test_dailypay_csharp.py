"""dailypay-csharp (C#): `Models/Components` + `Models/Requests`, `request` holders
whose body field is named for its component (`AccountCreateData`), UsageSnippet
routes, properties renamed by `x-speakeasy-name-override` (the Field column is
the C# name: `AccountBalances` is `balances` on the wire, rows in
wirenames/dailypay-csharp.md)."""

from __future__ import annotations

from .acceptance import check_tree

DOCS_DIFFER = frozenset()
# Pages with no OpenAPI counterpart: FilterAccountType, FilterPaycheckStatus,
# SchemeOauthClientCredentialsToken
MAX_STRAY = 3


def test_dailypay_csharp_matches_openapi(scored) -> None:  # type: ignore[no-untyped-def]
    s = scored("dailypay-csharp")
    check_tree(s, minimum=100.0, known=DOCS_DIFFER, max_stray=MAX_STRAY)
