"""youdotcom-ts (TypeScript, newer generator): the flat `models.` namespace,
`EventStream<models.X>` streams (JSON or server-sent events: the response union
pairs with both content types), operation parameters typed
`components.X | string` next to same-named component enums, an `off` enum
value (YAML 1.2: a string), `*operations.Country*` when models/ has a
`Country` too (the name resolves in its namespace's folder), a POST whose
`ContentsRequest` is its only body (not a parameter holder)."""

from __future__ import annotations

from .acceptance import check_tree


def test_youdotcom_ts_matches_openapi(scored) -> None:  # type: ignore[no-untyped-def]
    s = scored("youdotcom-ts")
    check_tree(s, minimum=99.9)
    assert s.operations == 4
