"""taamai-php (PHP): inline objects named by their path (`Data12`, `Datum`,
`LoginLogin`), `?T`, no UsageSnippet (operations found by name, not routed).

Required properties the OpenAPI makes nullable carry no `?` in the docs (as in
gando-php): no required field of the tree says null, so none settles it
(lossy).  Objects the OpenAPI keeps inline are named models in the docs whose
pairing differs (pinned)."""

from __future__ import annotations

from .acceptance import check_tree

# A docs model used in several places where the OpenAPI has a distinct inline
# object in each (`User` for the login and the register response): paired once.
OTHER = {
    ("CreateCustomTemplateCreateCustomTemplate", "data"),  # ref: ours Data12 vs object
    ("GenerateimagefromAIGenerateimagefromAI", "data"),  # ref: ours Data17 vs object
    ("LoginLogin", "user"),  # ref: ours User vs object
    ("RegisterExamplewithdefaultplansubdomainandsubsctpion", "user"),  # ref: ours User2 vs object
    ("Role", "pivot"),  # ref: ours Pivot vs object
}
DOCS_DIFFER = OTHER
MAX_STRAY = 0


def test_taamai_php_matches_openapi(scored) -> None:  # type: ignore[no-untyped-def]
    s = scored("taamai-php")
    check_tree(s, minimum=98.0, known=DOCS_DIFFER, max_stray=MAX_STRAY, routed=False)
