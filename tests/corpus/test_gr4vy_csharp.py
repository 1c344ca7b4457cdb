"""gr4vy-csharp (C#, parse-only: the repository keeps no OpenAPI): the newest
C# generator's docs read completely.  `Models/Components` + `Models/Requests`,
open enums written as `*string*`, union pages whose `### Heading`s name variants
(`### Str`, `### Boolean`, `### MapOfAny`, models), UsageSnippet routes."""

from __future__ import annotations

from pathlib import Path

from generator.ir import UnionModel

from .acceptance import check_parse_only


def test_gr4vy_csharp_reads_every_cell(tmp_path: Path) -> None:
    spec = check_parse_only("gr4vy-csharp", "csharp", tmp_path).spec
    assert len(spec.operations) == 117
    assert all(op.method and op.path for op in spec.operations)
    unions = [m for m in spec.models if isinstance(m, UnionModel)]
    assert len(unions) == 15 and all(len(u.variants) >= 2 for u in unions)
