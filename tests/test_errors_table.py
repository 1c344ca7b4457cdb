"""An operation's Errors table names its error model with the SDK's namespace
(`apierrors.CollectionError`): where another folder has a model of that name
too (glean-go: components/ and apierrors/ both have `CollectionError`), the
namespace's folder decides, whether the page kept its title or was retitled
for the clash (the markdown target writes `# ApierrorsCollectionError`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.resolve import Options, load

HEAD = "| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n"
SDK = """# Collections

## Create

<!-- UsageSnippet method="post" path="/collections" -->

### Response

**[*components.Collection](../../models/components/collection.md), error**

### Errors

| Error Type | Status Code | Content Type |
| --- | --- | --- |
| apierrors.CollectionError | 422 | application/json |
| apierrors.APIError | 4XX, 5XX | \\*/\\* |
"""


def _page(title: str, field: str) -> str:
    return f"# {title}\n\n## Fields\n\n{HEAD}| `{field}` | *string* | :heavy_check_mark: | N/A |\n"


@pytest.mark.parametrize("title", ["CollectionError", "ApierrorsCollectionError"])
def test_namespace_picks_the_folder(tmp_path: Path, title: str) -> None:
    root = tmp_path / "spec"
    pages = {
        "apierrors/collectionerror.md": _page(title, "ErrorCode"),
        "components/collectionerror.md": _page("CollectionError", "Name"),
        "components/collection.md": _page("Collection", "ID"),
    }
    for rel in pages:
        p = root / "models" / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(pages[rel], encoding="utf-8")
    (root / "sdks" / "collections").mkdir(parents=True)
    (root / "sdks" / "collections" / "README.md").write_text(SDK, encoding="utf-8")
    spec, _ = load(root, Options(dialect="go"))
    [op] = spec.operations
    error = op.errors[0]
    assert error.status == "422" and error.type is not None
    model = spec.model(getattr(error.type, "model", ""))
    assert model is not None and model.source.file == "models/apierrors/collectionerror.md"
