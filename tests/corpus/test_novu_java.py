"""novu-java (Java): `Optional<? extends T>` wildcards, fully qualified model names
(`co.novu.co.novu.sdk.models.components.X`), no UsageSnippet (operations found by
name, not routed); its OpenAPI is the generator's input before an overlay.

Union pages are title-only (`# To`, `# Tenant`, ...): the docs do not say
their variants, so those fields read as any."""

from __future__ import annotations

from .acceptance import check_tree

# the docs do not say the type: `object` / `*Object*` cells, or title-only
# union pages (no `## Supported Types`), for an OpenAPI union or object.
DOCS_SAY_ANY = {
    ("Actor", "(type)"),  # shape: ours any vs object
    ("Content", "(type)"),  # shape: ours any vs $ref EmailBlock|string
    ("FeedIdentifier", "(type)"),  # shape: ours any vs string|array<string>
    ("MessageId", "(type)"),  # shape: ours any vs string|array<string>
    ("Metadata", "(type)"),  # shape: ours any vs $ref DigestRegularMetadata|$ref DigestTimedMetada
    ("NotificationStepVariantMetadata", "(type)"),  # shape: ours any vs $ref DigestRegularMetadata
    ("Tenant", "(type)"),  # shape: ours any vs string|$ref TenantPayloadDto
    ("To", "(type)"),  # shape: ours any vs $ref SubscriberPayloadDto|string|$ref TopicPayloadDto
    ("TriggerEventRequestDto", "actor"),  # shape: ours any vs string|$ref SubscriberPayloadDto
    ("TriggerEventToAllRequestDtoActor", "(type)"),  # shape: ours any vs string|$ref SubscriberPay
    ("TriggerEventToAllRequestDtoTenant", "(type)"),  # shape: ours any vs string|$ref TenantPayloa
}
DOCS_DIFFER = DOCS_SAY_ANY
# Pages with no OpenAPI counterpart: OperationsChannels, OrderBy, QueryParamChannel
MAX_STRAY = 3


def test_novu_java_matches_openapi(scored) -> None:  # type: ignore[no-untyped-def]
    s = scored("novu-java")
    check_tree(s, minimum=98.3, known=DOCS_DIFFER, max_stray=MAX_STRAY, routed=False)
