"""gr4vy-go (Go, newest generator, parse-only: the repository keeps no
OpenAPI): scalars in code spans (`` `*string` ``) besides `*string*`, union
headings read from their code samples, `[time.Time](...)`.

Unlike the older Go trees, some required fields are pointers
(`[*components.CardScheme](...)`): the tree says null, so required fields
settle nullability."""

from __future__ import annotations

from pathlib import Path

from generator.ir import ObjectModel, Primitive

from .acceptance import check_parse_only


def test_gr4vy_go_reads_every_cell(tmp_path: Path) -> None:
    spec = check_parse_only("gr4vy-go", "go", tmp_path).spec
    assert len(spec.operations) == 116
    assert all(op.method and op.path for op in spec.operations)
    capture = spec.model("Capture")
    assert isinstance(capture, ObjectModel)
    by = {f.doc_name: f for f in capture.fields}
    assert by["Xid"].type == Primitive("string") and not by["Xid"].required  # `*string`
    assert by["CreatedAt"].type == Primitive("string", "date-time")
    assert by["CreatedAt"].nullable_known and not by["CreatedAt"].nullable
    fields = [f for m in spec.models if isinstance(m, ObjectModel) for f in m.fields]
    nullable = [f for f in fields if f.nullable]
    assert nullable and all(f.required for f in nullable)  # `*T` where required
