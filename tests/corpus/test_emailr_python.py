"""emailr-python (Python, current generator, flat `models/`): `Nullable[T]` on
scalars but bare `List[..]`, `Dict[..]` and `[date](..)` links for nullable
properties (nullability unknown there), a map component documented by its
value (`Dict[str, models.DNSVerificationStatus]`), an `Attachment` object with
`filename` and base64 `content` that is JSON, not an upload part."""

from __future__ import annotations

from .acceptance import check_tree


def test_emailr_python_matches_openapi(scored) -> None:  # type: ignore[no-untyped-def]
    s = scored("emailr-python")
    check_tree(s, minimum=99.9)
    assert s.operations == 43
