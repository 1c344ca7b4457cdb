"""gr4vy-java (Java, parse-only: the repository keeps no OpenAPI): the newest
Java generator's docs read completely.  Twice-escaped inner generics
(`List\\<Map\\\\<String, *Object*>>` reads `List<Map\\<String, Object>>`),
`JsonNullable<T>`, `Optional<T>`, `[OffsetDateTime](...)`, UsageSnippet routes."""

from __future__ import annotations

from pathlib import Path

from generator.ir import AnyType, Array, Map, ObjectModel

from .acceptance import check_parse_only


def test_gr4vy_java_reads_every_cell(tmp_path: Path) -> None:
    spec = check_parse_only("gr4vy-java", "java", tmp_path).spec
    assert len(spec.operations) == 120
    assert all(op.method and op.path for op in spec.operations)
    split = spec.model("AdyenSplitsOptions")
    assert isinstance(split, ObjectModel)
    auth = next(f for f in split.fields if f.doc_name == "authorization")
    assert auth.type == Array(Map(AnyType()))
    capture = spec.model("Capture")
    assert isinstance(capture, ObjectModel)
    xid = next(f for f in capture.fields if f.doc_name == "xid")
    assert xid.nullable and not xid.required  # `JsonNullable<String>`
