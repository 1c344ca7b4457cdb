"""speakeasy-java (Java, an older generator): response wrappers hold one field per
response (`error` is the error response), `request` holders carry the body in a
field named for its component (`api: ApiInput`), no UsageSnippet (not routed).

Every mismatch is a read-only property the request-side `XInput` models omit."""

from __future__ import annotations

from .acceptance import check_tree

# readOnly in the OpenAPI: Speakeasy leaves them out of the request-side
# model the docs describe (`XInput`, `XCreate`, `<Op>RequestBody`).
READ_ONLY = {
    ("ApiEndpointInput", "api_id"),
    ("ApiEndpointInput", "created_at"),
    ("ApiEndpointInput", "matched"),
    ("ApiEndpointInput", "updated_at"),
    ("ApiEndpointInput", "workspace_id"),
    ("ApiInput", "created_at"),
    ("ApiInput", "matched"),
    ("ApiInput", "updated_at"),
    ("ApiInput", "workspace_id"),
    ("VersionMetadataInput", "api_id"),
    ("VersionMetadataInput", "created_at"),
    ("VersionMetadataInput", "version_id"),
    ("VersionMetadataInput", "workspace_id"),
}
DOCS_DIFFER = READ_ONLY
# Pages with no OpenAPI counterpart: ErrorsError, Op, QueryParamOp
MAX_STRAY = 3


def test_speakeasy_java_matches_openapi(scored) -> None:  # type: ignore[no-untyped-def]
    s = scored("speakeasy-java")
    check_tree(s, minimum=91.5, known=DOCS_DIFFER, max_stray=MAX_STRAY, routed=False)
