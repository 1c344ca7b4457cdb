"""wingspan-python (Python, an older generator): `models/shared/` + flat
`models/operations/`, no `Nullable[T]` anywhere (the generator could not say
null: 865 properties the OpenAPI makes nullable are `Optional[T]`, so the tree
leaves nullability unknown, `Field.nullable_known`), enums whose null member is
the value `<nil>`, 100-character hashed model names, numeric keys spelt as
words (`2021` -> `twoThousandAndTwentyOne`, in the wire-name table).

The sdks pages carry neither UsageSnippet comments nor an endpoints table:
operations pair with the OpenAPI's by name only."""

from __future__ import annotations

from .acceptance import check_tree


def test_wingspan_python_matches_openapi(scored) -> None:  # type: ignore[no-untyped-def]
    s = scored("wingspan-python")
    check_tree(s, minimum=99.9, routed=False)
    assert s.operations == 155 and s.ops_routed == 0
    assert s.nullable == 0  # the docs never say null
    lossy = [r for r in s.rows if r.verdict == "lossy"]
    assert len(lossy) > 800 and all("nullable-not-written" in r.why for r in lossy)
