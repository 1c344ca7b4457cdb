"""gr4vy-ts (TypeScript, newest generator, parse-only: the repository keeps no
OpenAPI): `models/components` with the `components.` namespace, `[Date](...)`
date-times, open enums as `"a" | "b" | Unrecognized<string>` fences.

TypeScript docs write no null: no field is nullable and none settles it."""

from __future__ import annotations

from pathlib import Path

from generator.ir import EnumModel, ObjectModel, Primitive

from .acceptance import check_parse_only


def test_gr4vy_ts_reads_every_cell(tmp_path: Path) -> None:
    spec = check_parse_only("gr4vy-ts", "typescript", tmp_path).spec
    assert len(spec.operations) == 120
    assert all(op.method and op.path for op in spec.operations)
    account = spec.model("AccountType")
    assert isinstance(account, EnumModel)
    assert [m.value for m in account.members] == ["checking", "savings"]  # not Unrecognized
    fields = [f for m in spec.models if isinstance(m, ObjectModel) for f in m.fields]
    assert fields and not any(f.nullable or f.nullable_known for f in fields)
    capture = spec.model("Capture")
    assert isinstance(capture, ObjectModel)
    created = next(f for f in capture.fields if f.doc_name == "createdAt")
    assert created.type == Primitive("string", "date-time")
