"""stirlingpdf-java (Java): `Optional<T>`, boxed scalars, `byte[]` file parts,
CamelCase file names, sdks links into `models/shared/` repaired by file name."""

from __future__ import annotations

from .acceptance import check_tree

# `type: number` with `enum: [0, 1]`: Speakeasy Java writes it as `*double*`.
DOCS_DIFFER = {("OverlayPdfsRequest", "overlayPosition")}


def test_stirlingpdf_java_matches_openapi(scored) -> None:  # type: ignore[no-untyped-def]
    s = scored("stirlingpdf-java")
    check_tree(s, minimum=95.0, known=DOCS_DIFFER)
    # sdks pages link ../../models/shared/X.md; the files are in components/
    assert s.repaired_links >= 50
    # `{fileName, content: byte[]}` upload wrappers are binary file parts
    assert not any("shape" in r.why for r in s.rows)
