"""honeyhive-python (Python, old generator), scored against its OpenAPI; here
`int` vs `float` is written, so no lossy rows are allowed at all."""

from __future__ import annotations

from .acceptance import check_tree
from .test_honeyhive_ts import DOCS_OLDER


def test_honeyhive_python_matches_openapi(scored) -> None:  # type: ignore[no-untyped-def]
    s = scored("honeyhive-python")
    check_tree(s, minimum=99.0, known=DOCS_OLDER)
    assert s.count("lossy") == 0, [r for r in s.rows if r.verdict == "lossy"]
    assert s.overrides == 7
