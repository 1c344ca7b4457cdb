"""pipeshub-python (Python, current generator, flat `models/`): request bodies
flattened into the method's arguments next to header parameters (the body is
the `<OperationId>Request` page, or the component's page with those fields),
`Union[bytes, IO[bytes], io.BufferedReader]` uploads, `httpx.Response` raw
bodies (unlinked, or linked to `../../models/.md`), server-sent events
`eventstreaming.EventStream[X]`, a response that is JSON or an octet stream."""

from __future__ import annotations

from .acceptance import check_tree

# Upload parts (binary, inline in the OpenAPI), pages nothing links to
# (`Details`, `Error`), inputs and enums the OpenAPI declares inline.
MAX_STRAY = 9


def test_pipeshub_python_matches_openapi(scored) -> None:  # type: ignore[no-untyped-def]
    s = scored("pipeshub-python")
    check_tree(s, minimum=99.9, max_stray=MAX_STRAY)
    assert s.operations == 286
