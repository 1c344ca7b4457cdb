"""moov-ruby (Ruby, Sorbet style, parse-only: the repository keeps no OpenAPI):
`T.nilable(...)`, `T::Array<...>`, `T::Hash[Symbol, ...]`, `T::Boolean`,
`[T.any(A, B, ...)](union.md)` (38 members for `WebhookEvent.data`), links into
`models/shared/` repaired by file name, `[Date](ruby-doc.org/...)` date-times
(the examples are date-times: `2024-05-06T12:20:38.184Z`)."""

from __future__ import annotations

from pathlib import Path

from generator.ir import ObjectModel, Primitive

from .acceptance import check_parse_only


def test_moov_ruby_reads_every_cell(tmp_path: Path) -> None:
    built = check_parse_only("moov-ruby", "ruby", tmp_path)
    spec = built.spec
    assert len(spec.operations) == 191
    assert all(op.method and op.path for op in spec.operations)
    account = spec.model("Account")
    assert isinstance(account, ObjectModel)
    created = next(f for f in account.fields if f.doc_name == "created_on")
    assert created.type == Primitive("string", "date-time")
    repaired = [d for d in built.diagnostics.items if "repaired by name" in d.message]
    assert len(repaired) >= 100  # `../../models/shared/x.md`; the files are in components/
