"""gando-php (PHP): `?T`, `array<T>` / `array<string, T>`, `Components\\X` namespaces,
unions inside one link with an escaped pipe, `Models/Components` layout.

Its docs are older than its OpenAPI (the same commit, but the docs were not
regenerated): webhook events were renamed `deposit.*` -> `caution.*`, fields were
added (`stripePaymentIntentId`, `inline_redirect`, `link`) and removed (`locale`,
`numPages`, `depositUrlGeneration`), and every operation is
`/api/partner/v1/...` in the docs and `/api/partner/...` in the OpenAPI.  Those
rows are pinned here; the tree therefore scores below the 95% the other trees
reach.

No required field is marked `?` although the OpenAPI made 15 of them
nullable: the tree never says null on a required field, so none settles it
(resolve._null_unsaid) and those rows are lossy."""

from __future__ import annotations

from .acceptance import check_tree

_RENAMED_EVENTS = {
    (m, "(values)")
    for m in (
        "EventType",
        "WebhooksCreateEventRequest",
        "WebhooksCreateEventResponse",
        "WebhooksUpdateEventRequest",
        "WebhooksUpdateEventResponse",
    )
}
_ADDED_OR_REMOVED = {
    ("Data", "link"),
    ("DepositsListDepositItem", "locale"),
    ("DepositsListDepositItem", "return_url"),
    ("DepositsListDepositItem", "stripePaymentIntentId"),
    ("DepositsListDepositItem", "stripePaymentMethodId"),
    ("DepositsRetrieveDepositItem", "locale"),
    ("DepositsRetrieveDepositItem", "return_url"),
    ("DepositsRetrieveDepositItem", "stripePaymentIntentId"),
    ("DepositsRetrieveDepositItem", "stripePaymentMethodId"),
    ("PartnerCreateDepositBody", "depositUrlGeneration"),
    ("PartnerCreateDepositBody", "inline_redirect"),
    ("Result", "error"),
    ("V1DepositListResponse", "numPages"),
    ("V1WebhookListResponse", "(type)"),  # docs: object {items, total}; API: array
}
DOCS_OLDER = _RENAMED_EVENTS | _ADDED_OR_REMOVED
# Doc models the OpenAPI no longer has (or has only as a 201 variant / array item).
GONE = {
    "ClientsCreateResponseBody2",
    "DepositsGetScoringResponseBody",
    "IncludeCounts",
    "PartnerCreateClientResponse2",
    "PartnerDepositScoring",
    "WebhooksListEvent",
    "WebhooksListV1WebhookSubscriptionItem",
}


def test_gando_php_matches_openapi(scored) -> None:  # type: ignore[no-untyped-def]
    s = scored("gando-php")
    check_tree(s, minimum=93.0, known=DOCS_OLDER, known_unmatched=GONE, routed=False)
    assert s.operations == 27 and s.ops_routed == 0  # the docs' paths carry a `/v1`
    agree = [r for r in s.rows if (r.model, r.field) not in DOCS_OLDER]
    assert all(r.verdict != "mismatch" for r in agree)
    # the escaped-pipe unions point at their union pages
    assert s.overrides == 15
