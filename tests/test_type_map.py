"""The type map: a markdown table `Type | JSON Schema` (in the spec folder as
`type-map.md`, or named by `type-map` / `--type-map`) read before the dialect
grammar; every bad row is an error at its file:line.  Real CLI runs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hostile.harness import run_cli

HEAD = "| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n"
MAP_HEAD = "# Types\n\n| Type | JSON Schema |\n| --- | --- |\n"
THING = (
    f"# Thing\n\n## Fields\n\n{HEAD}"
    "| `id` | *UUID* | :heavy_check_mark: | An id |\n"
    "| `ids` | List[*UUID*] | :heavy_minus_sign: | Ids |\n"
    "| `amount` | [Optional[components.Decimal]](../../models/components/decimal.md) "
    "| :heavy_minus_sign: | Money |\n"
    "| `blob` | *bytes\\[\\]* | :heavy_minus_sign: | A blob |\n"
    "| `name` | *str* | :heavy_check_mark: | A name |\n"
)
GOOD_MAP = (
    MAP_HEAD + '| `UUID` | `{"type": "string", "format": "uuid"}` |\n'
    '| `Decimal` | `{"type": ["string", "null"], "format": "decimal"}` |\n'
    '| `bytes[]` | `{"type": "array", "items": {"type": "integer"}}` |\n'
)


def _spec(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    return root


def _build(tmp: Path, spec: Path, *flags: str) -> tuple[int, str, dict[str, object]]:
    out = tmp / "out"
    tmp.mkdir(parents=True, exist_ok=True)
    r = run_cli(
        "build", "--spec", str(spec), "--out", str(out), "--package", "p", *flags, cwd=tmp
    )
    path = out / "p" / "schemas" / "Thing.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    return r.returncode, r.stderr + r.stdout, schema


def _props(schema: dict[str, object]) -> dict[str, object]:
    props = schema["properties"]
    assert isinstance(props, dict)
    return {k: {kk: vv for kk, vv in v.items() if kk != "description"} for k, v in props.items()}


def test_type_map_in_the_spec_folder(tmp_path: Path) -> None:
    spec = _spec(
        tmp_path / "spec",
        {"models/components/thing.md": THING, "type-map.md": GOOD_MAP},
    )
    code, said, schema = _build(tmp_path, spec, "--unreadable-types", "error")
    assert code == 0, said
    assert _props(schema) == {
        "id": {"type": "string", "format": "uuid"},
        "ids": {"type": "array", "items": {"type": "string", "format": "uuid"}},
        "amount": {"anyOf": [{"type": "string", "format": "decimal"}, {"type": "null"}]},
        "blob": {"type": "array", "items": {"type": "integer"}},
        "name": {"type": "string"},
    }
    # the map is no model doc
    assert not (tmp_path / "out" / "p" / "schemas" / "Types.schema.json").exists()
    # without it, the same tree has four cells no grammar reads
    (spec / "type-map.md").unlink()
    code, said, _ = _build(tmp_path / "without", spec)
    assert code == 0 and "4 fields typed as any" in said, said


def test_type_map_comes_before_the_dialect(tmp_path: Path) -> None:
    spec = _spec(
        tmp_path / "spec",
        {
            "models/components/thing.md": THING,
            "type-map.md": GOOD_MAP + '| `str` | `{"type": "string", "format": "email"}` |\n',
        },
    )
    code, said, schema = _build(tmp_path, spec)
    assert code == 0, said
    assert _props(schema)["name"] == {"type": "string", "format": "email"}


def test_type_map_named_in_settings_outside_the_spec(tmp_path: Path) -> None:
    spec = _spec(tmp_path / "spec", {"models/components/thing.md": THING})
    (tmp_path / "types.md").write_text(GOOD_MAP, encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.specgen]\ntype-map = "types.md"\nunreadable-types = "error"\n', encoding="utf-8"
    )
    code, said, schema = _build(tmp_path, spec)
    assert code == 0, said
    assert _props(schema)["id"] == {"type": "string", "format": "uuid"}
    # a flag names another file; a missing one is an error
    code, said, _ = _build(tmp_path / "gone", spec, "--type-map", str(tmp_path / "nope.md"))
    assert code == 2 and "nope.md: cannot read the type map" in said, said


BAD_ROWS = {
    '| `A` | `{"type": "strin"}` |': "cannot map type 'A': unknown type 'strin'",
    '| `B` | `{"type": "string"` |': "cannot map type 'B': not JSON",
    '| `C` | `{"type": "string", "pattern": "x"}` |': "keyword 'pattern' is not supported",
    "| `D` | `[1, 2]` |": "cannot map type 'D': a JSON Schema must be an object",
    '| `UUID` | `{"type": "integer"}` |': "type 'UUID' is mapped twice (also line 5)",
    "| `E` | |": "type map row needs a type name and a JSON Schema",
    '| `F` | `{"const": [1]}` |': "const and enum values must be scalars",
    '| `G` | `' + '{"items": ' * 70 + "{}" + "}" * 70 + "` |": "a JSON Schema with keywords needs",
    "| `H` | `"
    + '{"type": "array", "items": ' * 70
    + "{}"
    + "}" * 70
    + "` |": "nests deeper than 64 levels",
}


def test_bad_rows_are_errors_at_their_line(tmp_path: Path) -> None:
    rows = "".join(f"{r}\n" for r in BAD_ROWS)
    spec = _spec(
        tmp_path / "spec",
        {"models/components/thing.md": THING, "type-map.md": GOOD_MAP + rows},
    )
    code, said, _ = _build(tmp_path, spec)
    assert code == 2, said
    errors = [ln for ln in said.splitlines() if ln.startswith("type-map.md:")]
    assert len(errors) == len(BAD_ROWS), said
    for line, (expected, err) in enumerate(zip(BAD_ROWS.values(), errors, strict=True), 8):
        assert err.startswith(f"type-map.md:{line}: "), err
        assert expected in err, err
    assert "nothing written" in said and not (tmp_path / "out").exists()
    assert "Traceback" not in said


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# Types\n\nno table here\n", "type-map.md:1: type map has no"),
        ("| Name | Schema |\n| --- | --- |\n| `A` | `{}` |\n", "needs Type and JSON Schema"),
    ],
)
def test_bad_tables(tmp_path: Path, text: str, expected: str) -> None:
    spec = _spec(tmp_path / "spec", {"models/components/thing.md": THING, "type-map.md": text})
    code, said, _ = _build(tmp_path, spec)
    assert code == 2 and expected in said, said
