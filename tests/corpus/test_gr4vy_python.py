"""gr4vy-python (Python, newest generator, parse-only: the repository keeps no
OpenAPI): `OptionalNullable[str]`, `[date](https://docs.python.org/...)`
date-times, open enums whose `## Values` is a list (`- "checking"`), one item
per value, under "This is an open enum" text."""

from __future__ import annotations

from pathlib import Path

from generator.ir import EnumModel, ObjectModel, Primitive

from .acceptance import check_parse_only


def test_gr4vy_python_reads_every_cell(tmp_path: Path) -> None:
    built = check_parse_only("gr4vy-python", "python", tmp_path)
    spec = built.spec
    assert len(spec.operations) == 120
    assert all(op.method and op.path for op in spec.operations)
    # every `## Values` list read: no enum without values
    assert not [d for d in built.diagnostics.items if "enum has no values" in d.message]
    account = spec.model("AccountType")
    assert isinstance(account, EnumModel)
    assert [m.value for m in account.members] == ["checking", "savings"]
    capture = spec.model("Capture")
    assert isinstance(capture, ObjectModel)
    xid = next(f for f in capture.fields if f.doc_name == "xid")
    assert xid.nullable and not xid.required  # `OptionalNullable[str]`
    created = next(f for f in capture.fields if f.doc_name == "created_at")
    assert created.type == Primitive("string", "date-time")
