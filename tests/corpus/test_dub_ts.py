"""dub-ts (TypeScript, current generator): enums as `"write" | "read"` code blocks,
unlinked union references (`*operations.TagIds*`), literals, `errors/`, pagination
wrappers (`{ result: XResponseBody[] }`), operations from UsageSnippet comments."""

from __future__ import annotations

from .acceptance import check_tree

# Every model pairs and every row agrees: union variants score in any order,
# and unlinked `*operations.X*` names resolve to the operations/ folder's
# model (24 pages were unpaired and `ReferralFormData.fields` pinned before).


def test_dub_ts_matches_openapi(scored) -> None:  # type: ignore[no-untyped-def]
    s = scored("dub-ts")
    check_tree(s, minimum=99.9)
    # all 118 enums are `## Values` code blocks; every one scored reads its values
    enums = [r for r in s.rows if r.field == "(values)"]
    assert len(enums) >= 80
    assert all("enum" not in r.why for r in enums)
    assert s.operations >= 50
