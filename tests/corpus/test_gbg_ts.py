"""gbg-ts (TypeScript, kebab-case file names): operations with a 200 and a 201
body, documented as a union of the two (`AddDeviceResponseBody1 | ...Body2`:
the scorer pairs each variant with its status), `$schema` / `$ref` properties
that Speakeasy names `dollarSchema` / `dollarRef` (wire-name table)."""

from __future__ import annotations

from .acceptance import check_tree

# Enum pages nothing links to (the response bodies use `...TokenType1/2`).
ORPHANS = {"AddDeviceTokenType", "DeviceConnectTokenType"}


def test_gbg_ts_matches_openapi(scored) -> None:  # type: ignore[no-untyped-def]
    s = scored("gbg-ts")
    check_tree(s, minimum=99.9, known_unmatched=ORPHANS)
    assert s.operations == 13 and s.overrides == 8
