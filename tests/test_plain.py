"""The plain dialect: its type grammar, the extra columns (Format, Default,
Example, Constraints) and docs/plain.md's example, built exactly as printed."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import ROOT, run_cli
from openapi_spec_validator import validate

from generator.ir import NULL, Array, Literal, Map, Primitive, Ref, Union
from generator.parse import Cell, Part
from generator.types import TypeSyntaxError, dialects, parse_type

FIXTURE = ROOT / "tests" / "fixtures" / "plain"
PLAIN = dialects()["plain"]


def _parse(*parts: tuple[str, str] | tuple[str, str, str]) -> Any:
    return parse_type(PLAIN, Cell(tuple(Part(*p) for p in parts)), "models/a.md")


@pytest.mark.parametrize(
    ("text", "expected", "nullable"),
    [
        ("string", Primitive("string"), False),
        ("integer", Primitive("integer"), False),
        ("number", Primitive("number"), False),
        ("boolean", Primitive("boolean"), False),
        ("date-time", Primitive("string", "date-time"), False),
        ("int64", Primitive("integer", "int64"), False),
        ("array of string", Array(Primitive("string")), False),
        ("map of integer", Map(Primitive("integer")), False),
        ("array of array of number", Array(Array(Primitive("number"))), False),
        ("string | null", Primitive("string"), True),
        ("array of integer | null", Array(Primitive("integer")), True),
        ("array of (integer | null)", Array(Union((Primitive("integer"), NULL))), False),
        (
            "map of (string | integer)",
            Map(Union((Primitive("string"), Primitive("integer")))),
            False,
        ),
        ('"a" | "b"', Union((Literal("a"), Literal("b"))), False),
        ("true", Literal(True), False),
        ("42", Literal(42), False),
    ],
)
def test_type_words(text: str, expected: Any, nullable: bool) -> None:
    got = _parse(("text", text))
    assert (got.type, got.nullable) == (expected, nullable)


def test_links_to_models() -> None:
    got = _parse(("text", "array of "), ("link", "Pet", "pet.md"))
    assert got.type == Array(Ref("models/pet.md#Pet"))
    got = _parse(("link", "Owner", "../people/owner.md"), ("text", " | null"))
    assert (got.type, got.nullable) == (Ref("people/owner.md#Owner"), True)


@pytest.mark.parametrize(
    "text", ["array of", "array string", "list of string", "map of (string", "str"]
)
def test_bad_types_are_errors(text: str) -> None:
    with pytest.raises(TypeSyntaxError):
        _parse(("text", text))


def _readme_files() -> dict[str, str]:
    """The `markdown file=PATH` fences of docs/plain.md."""
    lines = (ROOT / "docs" / "plain.md").read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, ln in enumerate(lines) if ln.startswith("# Writing docs by hand"))
    files: dict[str, str] = {}
    current: str | None = None
    for ln in lines[start + 1 :]:
        if current is not None:
            if ln.rstrip("\n") == "```":
                current = None
            else:
                files[current] += ln
            continue
        if ln.startswith("## "):
            break  # the next section
        m = re.match(r"```markdown file=(\S+)$", ln.rstrip("\n"))
        if m:
            current = m.group(1)
            files[current] = ""
    return files


def test_readme_example_is_the_fixture() -> None:
    files = _readme_files()
    assert files, "docs/plain.md shows no files"
    on_disk = {
        p.relative_to(FIXTURE).as_posix(): p.read_text(encoding="utf-8")
        for p in FIXTURE.rglob("*.md")
    }
    assert files == on_disk


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build docs/plain.md's files, as printed, from a folder with no settings."""
    work = tmp_path_factory.mktemp("plain")
    for rel, text in _readme_files().items():
        p = work / "petdocs" / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    r = run_cli(
        "build",
        "--spec",
        "petdocs",
        "--package",
        "petstore",
        "--targets",
        "jsonschema,openapi",
        cwd=work,
    )
    assert r.returncode == 0, r.stderr
    return work / "generated" / "petstore"


def _schema(built: Path, name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        (built / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8")
    )
    return data


def test_extra_columns_reach_the_json_schema(built: Path) -> None:
    props = _schema(built, "Pet")["properties"]
    assert props["id"]["format"] == "uuid"
    assert props["id"]["examples"] == ["6f1c0e2a-3b7d-4d2e-9a51-0c1f2e3d4b5a"]
    assert (props["name"]["minLength"], props["name"]["maxLength"]) == (1, 64)
    assert props["age"] == {
        "type": "integer",
        "description": "Age in years",
        "default": 0,
        "minimum": 0,
        "maximum": 100,
    }
    assert props["weight"]["type"] == ["number", "null"]
    assert props["status"]["default"] == "available"
    assert (props["tags"]["maxItems"], props["tags"]["uniqueItems"]) == (10, True)
    assert props["code"]["deprecated"] is True
    assert props["code"]["pattern"] == "^[A-Z]{3}-[0-9]+$"
    assert props["notes"]["additionalProperties"] == {"type": "string"}
    assert props["born"]["format"] == "date-time"


def test_constraints_validate_payloads(built: Path) -> None:
    bundle = json.loads((built / "schemas" / "_bundle.schema.json").read_text(encoding="utf-8"))
    pet = {"$ref": "#/$defs/Pet", "$defs": bundle["$defs"]}
    ok = {"id": "x", "name": "Rex", "status": "sold", "age": 3, "code": "ABC-12"}
    jsonschema.Draft202012Validator(pet).validate(ok)
    for bad in (
        {"age": -1},
        {"age": 101},
        {"name": ""},
        {"code": "abc"},
        {"tags": ["a", "a"]},
        {"status": "lost"},
        {"weight": "heavy"},
    ):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.Draft202012Validator(pet).validate({**ok, **bad})
    jsonschema.Draft202012Validator(pet).validate({**ok, "weight": None})


def test_openapi_of_the_example(built: Path) -> None:
    doc = json.loads((built / "openapi.json").read_text(encoding="utf-8"))
    validate(doc)
    assert sorted((m, p) for p, item in doc["paths"].items() for m in item) == [
        ("get", "/pets"),
        ("get", "/pets/{petId}"),
        ("post", "/pets"),
    ]
    create = doc["paths"]["/pets"]["post"]
    assert create["responses"]["201"]["description"] == "Created"
    errors = doc["paths"]["/pets"]["get"]["responses"]
    assert errors["400"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Error"
    }
    assert "5XX" in errors


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("min zero", "needs a number"),
        ("bigger than 3", "unknown constraint"),
        ("min length -1", "needs a number"),
    ],
)
def test_bad_constraints_are_errors_with_line(
    write_spec: Any, tmp_path: Path, cell: str, message: str
) -> None:
    spec = write_spec(
        {
            "models/a.md": "# A\n\n## Fields\n\n"
            "| Field | Type | Required | Description | Constraints |\n"
            "| --- | --- | --- | --- | --- |\n"
            f"| `x` | string | yes | an x | {cell} |\n"
        }
    )
    r = run_cli("build", "--spec", str(spec), "--out", str(tmp_path / "o"), cwd=tmp_path)
    assert r.returncode == 2
    line = next(ln for ln in r.stderr.splitlines() if "models/a.md:7:" in ln)
    assert message in line and repr(cell) in line
    assert not (tmp_path / "o").exists()


def test_format_needs_a_primitive(write_spec: Any, tmp_path: Path) -> None:
    spec = write_spec(
        {
            "models/a.md": "# A\n\n## Fields\n\n"
            "| Field | Type | Required | Description | Format |\n"
            "| --- | --- | --- | --- | --- |\n"
            "| `x` | [A](a.md) | yes | self | uuid |\n"
            "| `y` | array of string \\| null | no | tags | email |\n"
        }
    )
    r = run_cli("ir", "--spec", str(spec), cwd=tmp_path)
    assert r.returncode == 2
    assert "models/a.md:7:" in r.stderr and "Format 'uuid'" in r.stderr
    spec.joinpath("models/a.md").write_text(
        spec.joinpath("models/a.md")
        .read_text()
        .replace("| `x` | [A](a.md) | yes | self | uuid |\n", "")
    )
    r = run_cli("ir", "--spec", str(spec), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    field = json.loads(r.stdout)["models"][0]["fields"][0]
    assert field["type"] == {"kind": "array", "item": {"kind": "string", "format": "email"}}
    assert (field["nullable"], field["extra"]) == (True, [["Format", "email"]])
