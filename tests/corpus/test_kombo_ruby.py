"""kombo-ruby (Ruby, Sorbet style, parse-only: the repository keeps no OpenAPI):
`T.any(::String, ::Float)` unions inside one link to a title-only union page
(filled from the cell), `T::Hash[Symbol, T.any(..., T::Array[T::Hash[Symbol,
Object]])]`, `models/shared/` folders, `default` error statuses."""

from __future__ import annotations

from pathlib import Path

from generator.ir import UnionModel

from .acceptance import check_parse_only


def test_kombo_ruby_reads_every_cell(tmp_path: Path) -> None:
    built = check_parse_only("kombo-ruby", "ruby", tmp_path)
    spec = built.spec
    assert len(spec.operations) == 37
    assert all(op.method and op.path for op in spec.operations)
    bare = [d for d in built.diagnostics.items if "union page without variants" in d.message]
    assert len(bare) == 16
    by_file = {m.source.file: m for m in spec.models}
    assert all(isinstance(by_file[d.file], UnionModel) for d in bare)
    assert all(any(e.status == "default" for e in op.errors) for op in spec.operations)
