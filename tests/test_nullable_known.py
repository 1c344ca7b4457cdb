"""Which fields' docs settle nullability (`Field.nullable_known`), per dialect.

A field settles it when its cell could have said null and did or did not: a
dialect's null marker on a form that dialect wraps at all, in a tree that says
null somewhere.  Older and newer Speakeasy generators differ: Python before
`Nullable[T]` never says null (wingspan-python), Python writes `List[..]` bare
even when nullable, newer Go writes a required nullable field without its
pointer (squadcast-go) and never writes `*[]T`."""

from __future__ import annotations

from pathlib import Path

from generator.ir import ObjectModel
from generator.resolve import Options, load

HEAD = "| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n"
REQ, OPT = ":heavy_check_mark:", ":heavy_minus_sign:"


def _known(tmp: Path, dialect: str, rows: list[tuple[str, str, str]]) -> dict[str, bool]:
    body = "".join(f"| `{n}` | {cell} | {req} | N/A |\n" for n, cell, req in rows)
    root = tmp / "spec"
    (root / "models" / "components").mkdir(parents=True)
    (root / "models" / "components" / "item.md").write_text(
        f"# Item\n\n## Fields\n\n{HEAD}{body}", encoding="utf-8"
    )
    spec, _ = load(root, Options(dialect=dialect))
    [m] = [m for m in spec.models if m.name == "Item"]
    assert isinstance(m, ObjectModel)
    return {f.doc_name: f.nullable_known for f in m.fields}


def test_go_pointer_settles_required_fields_only_where_the_tree_uses_it(tmp_path: Path) -> None:
    rows = [
        ("name", "*string*", REQ),
        ("note", "**string*", OPT),
        ("tags", "[]*string*", REQ),
        ("meta", "map[string]*string*", REQ),
    ]
    # no required field is a pointer: the tree never says null
    assert _known(tmp_path / "a", "go", rows) == dict.fromkeys(
        ("name", "note", "tags", "meta"), False
    )
    # one required pointer: the tree says null where it means it ...
    said = _known(tmp_path / "b", "go", [*rows, ("gone", "**string*", REQ)])
    # ... except on an optional field (`*T` is needed anyway) and on a slice
    # or map (a nil slice is null, and `*[]T` is never written)
    assert said == {"name": True, "note": False, "tags": False, "meta": False, "gone": True}


def test_python_nullable_settles_all_but_bare_containers(tmp_path: Path) -> None:
    rows = [
        ("name", "*str*", REQ),
        ("note", "*Optional[str]*", OPT),
        ("tags", "List[*str*]", REQ),
        ("meta", "Dict[str, *str*]", REQ),
    ]
    # a tree with no `Nullable[..]` (older generator) settles nothing
    assert _known(tmp_path / "a", "python", rows) == dict.fromkeys(
        ("name", "note", "tags", "meta"), False
    )
    said = _known(tmp_path / "b", "python", [*rows, ("gone", "*Nullable[str]*", REQ)])
    assert said == {"name": True, "note": True, "tags": False, "meta": False, "gone": True}
