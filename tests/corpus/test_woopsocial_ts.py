"""woopsocial-ts (TypeScript, newer generator, kebab-case file names): literal
`platform` discriminators (`*"FACEBOOK"*`) that the OpenAPI spells as
`allOf: [SocialPlatform, {enum: [FACEBOOK]}]`, unions whose variants the docs
list in another order than the OpenAPI."""

from __future__ import annotations

from .acceptance import check_tree


def test_woopsocial_ts_matches_openapi(scored) -> None:  # type: ignore[no-untyped-def]
    s = scored("woopsocial-ts")
    check_tree(s, minimum=99.9)
    assert s.operations == 17
