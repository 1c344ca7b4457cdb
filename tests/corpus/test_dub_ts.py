"""dub-ts (TypeScript, current generator): enums as `"write" | "read"` code blocks,
unlinked union references (`*operations.TagIds*`), literals, `errors/`, pagination
wrappers (`{ result: XResponseBody[] }`), operations from UsageSnippet comments."""

from __future__ import annotations

from .acceptance import check_tree

# `fields` is an array of an 8-way union whose inline OpenAPI variants we pair
# with a different use of the same union first: its variants stay unpaired.
UNION_PAIRING = {("ReferralFormData", "fields")}
# Unpaired union members (`Fields4`, `OperationsOne` ... `OperationsEight`, ...)
# and query-parameter unions nothing pairs.
MAX_STRAY = 24


def test_dub_ts_matches_openapi(scored) -> None:  # type: ignore[no-untyped-def]
    s = scored("dub-ts")
    check_tree(s, minimum=99.0, known=UNION_PAIRING, max_stray=MAX_STRAY)
    # all 118 enums are `## Values` code blocks; every one scored reads its values
    enums = [r for r in s.rows if r.field == "(values)"]
    assert len(enums) >= 80
    assert all("enum" not in r.why for r in enums)
    assert s.operations >= 50
