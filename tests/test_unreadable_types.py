"""`unreadable-types`: a Type cell no grammar reads, or a reference to a model
that does not exist, is typed as any with one warning (the default), or is an
error with nothing written (`"error"`, as this repository's own pyproject sets).

One tree per dialect, built by real `python -m generator` runs in a scratch
folder (no pyproject: the defaults): the tree with the two bad rows must give
the same schemas as the tree without them, plus the two fields typed `{}`.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from hostile.harness import run_cli

HEAD = "| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n"

# Per dialect: (a string, an integer, a list of Other, a link to a missing doc),
# each as Speakeasy (or a person, for plain) writes it.
CELLS: dict[str, tuple[str, str, str, str]] = {
    "typescript": (
        "*string*",
        "*number*",
        "[components.Other](../../models/components/other.md)[]",
        "[components.Gone](../../models/components/gone.md)",
    ),
    "python": (
        "*str*",
        "*Optional[int]*",
        "List[[components.Other](../../models/components/other.md)]",
        "[Optional[components.Gone]](../../models/components/gone.md)",
    ),
    "go": (
        "*string*",
        "**int64*",
        "[][components.Other](../../models/components/other.md)",
        "[*components.Gone](../../models/components/gone.md)",
    ),
    "java": (
        "*String*",
        "*Optional\\<Long>*",
        "List\\<[Other](../../models/components/other.md)>",
        "[Optional\\<Gone>](../../models/components/gone.md)",
    ),
    "csharp": (
        "*string*",
        "*long*",
        "List<[Other](../../models/components/other.md)>",
        "[Models.Components.Gone](../../models/components/gone.md)",
    ),
    "php": (
        "*string*",
        "*?int*",
        "array<[Components\\Other](../../models/components/other.md)>",
        "[?Components\\Gone](../../models/components/gone.md)",
    ),
    "ruby": (
        "*::String*",
        "*Crystalline::Nilable.new(::Integer)*",
        "Crystalline::Array<[Models::Components::Other](../../models/components/other.md)>",
        "[Crystalline::Nilable.new(Models::Components::Gone)](../../models/components/gone.md)",
    ),
    "plain": (
        "string",
        "integer",
        "array of [Other](../../models/components/other.md)",
        "[Gone](../../models/components/gone.md)",
    ),
}
UNREADABLE = "*Frob%nicate*"  # `%` is no type syntax in any dialect
# thing.md: the good rows are lines 9-11, the bad ones 12 and 13


def _tree(root: Path, dialect: str, bad: bool) -> Path:
    string, integer, others, gone = CELLS[dialect]
    rows = (
        f"| `name` | {string} | :heavy_check_mark: | The name |\n"
        f"| `count` | {integer} | :heavy_minus_sign: | How many |\n"
        f"| `others` | {others} | :heavy_minus_sign: | The others |\n"
    )
    if bad:
        rows += (
            f"| `weird` | {UNREADABLE} | :heavy_check_mark: | Unreadable |\n"
            f"| `gone` | {gone} | :heavy_minus_sign: | A model nobody wrote |\n"
        )
    files = {
        "models/components/thing.md": f"# Thing\n\nA thing.\n\n## Fields\n\n{HEAD}{rows}",
        "models/components/other.md": f"# Other\n\n## Fields\n\n{HEAD}"
        f"| `label` | {string} | :heavy_check_mark: | A label |\n",
    }
    for rel, text in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    return root


def _build(tmp: Path, spec: Path, *flags: str) -> subprocess.CompletedProcess[str]:
    tmp.mkdir(parents=True, exist_ok=True)
    args = ["build", "--spec", str(spec), "--out", str(tmp / "out"), "--package", "p", *flags]
    return run_cli(*args, "--targets", "jsonschema,dataclasses", cwd=tmp)


def _schemas(out: Path) -> dict[str, object]:
    return {
        p.name: json.loads(p.read_text(encoding="utf-8"))
        for p in sorted((out / "p" / "schemas").glob("*.schema.json"))
        if not p.name.startswith("_")  # the bundle repeats every model
    }


def _typed_as_any(stderr: str) -> list[str]:
    return [ln for ln in stderr.splitlines() if "typed as any" in ln]


@pytest.mark.parametrize("dialect", sorted(CELLS))
def test_unreadable_cell_and_unknown_model_are_typed_as_any(dialect: str, tmp_path: Path) -> None:
    clean = _build(tmp_path / "clean", _tree(tmp_path / "clean" / "spec", dialect, bad=False))
    assert clean.returncode == 0, clean.stderr
    assert not _typed_as_any(clean.stderr) and "typed as any" not in clean.stdout
    ir = run_cli("ir", "--spec", str(tmp_path / "clean" / "spec"), cwd=tmp_path)
    assert {d for _, d in json.loads(ir.stdout)["dialects"]} == {dialect}

    spec = _tree(tmp_path / "bad" / "spec", dialect, bad=True)
    built = _build(tmp_path / "bad", spec)
    assert built.returncode == 0, built.stderr
    warned = _typed_as_any(built.stderr)
    assert len(warned) == 2, built.stderr
    assert warned[0].startswith(
        "models/components/thing.md:12: warning: cannot read type 'Frob%nicate': "
    ), warned
    assert warned[1].startswith("models/components/thing.md:13: warning: cannot read type "), warned
    assert "no model doc at 'models/components/gone.md'" in warned[1]
    assert "2 fields typed as any" in built.stdout, built.stdout

    # the rest of the tree is what it was; the two fields accept any value
    before, after = _schemas(tmp_path / "clean" / "out"), _schemas(tmp_path / "bad" / "out")
    thing = after["Thing.schema.json"]
    assert isinstance(thing, dict)
    assert thing["properties"].pop("weird") == {"description": "Unreadable"}
    assert thing["properties"].pop("gone") == {"description": "A model nobody wrote"}
    assert thing["required"].pop() == "weird"
    assert after == before
    models = (tmp_path / "bad" / "out" / "p" / "models.py").read_text(encoding="utf-8")
    assert re.search(r"\bweird: Any\b", models) and re.search(r"\bgone: Any\b", models)

    strict = _build(tmp_path / "strict", spec, "--unreadable-types", "error")
    assert strict.returncode == 2, strict.stderr
    errors = [ln for ln in strict.stderr.splitlines() if ln.startswith("models/")]
    assert errors == [
        "models/components/thing.md:12: cannot read type 'Frob%nicate': unexpected '%' in "
        "'Frob%nicate'",
        "models/components/thing.md:13: broken link: no model doc at 'models/components/gone.md'",
    ], strict.stderr
    assert "2 error(s); nothing written" in strict.stderr
    assert not (tmp_path / "strict" / "out").exists()


def test_pyproject_setting_and_flag(tmp_path: Path) -> None:
    """`unreadable-types = "error"` in [tool.specgen]; the flag overrides it."""
    spec = _tree(tmp_path / "spec", "typescript", bad=True)
    (tmp_path / "pyproject.toml").write_text(
        '[tool.specgen]\nunreadable-types = "error"\n', encoding="utf-8"
    )
    strict = _build(tmp_path, spec)
    assert strict.returncode == 2 and "2 error(s); nothing written" in strict.stderr
    loose = _build(tmp_path, spec, "--unreadable-types", "any")
    assert loose.returncode == 0 and "2 fields typed as any" in loose.stdout
    (tmp_path / "pyproject.toml").write_text(
        '[tool.specgen]\nunreadable-types = "maybe"\n', encoding="utf-8"
    )
    bad = _build(tmp_path, spec)
    assert bad.returncode == 2
    assert "unreadable-types must be one of any, error, not 'maybe'" in bad.stderr


def test_this_repository_builds_strictly() -> None:
    """spec/ (HoneyHive) is our own: pyproject.toml keeps unreadable cells errors."""
    import tomllib

    root = Path(__file__).resolve().parents[1]
    data = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    assert data["tool"]["specgen"]["unreadable-types"] == "error"


def test_unknown_names_in_models_and_operations(tmp_path: Path) -> None:
    """Unlinked names no model has (settled after every model is read), in a
    model and in an operation: one warning each; the IR records the cell."""
    spec = tmp_path / "spec"
    files = {
        "models/components/thing.md": f"# Thing\n\n## Fields\n\n{HEAD}"
        "| `a` | *components.Nowhere* | :heavy_check_mark: | a |\n"
        "| `b` | *string* | :heavy_check_mark: | b |\n",
        "sdks/things/README.md": "# Things\n\n## getThing\n\nGet.\n\n"
        '<!-- UsageSnippet operationID="getThing" method="get" path="/things" -->\n\n'
        "### Parameters\n\n| Parameter | Type | Required | Description |\n"
        "| --- | --- | --- | --- |\n| `q` | *components.Missing* | :heavy_minus_sign: | q |\n\n"
        "### Response\n\n**Promise\\<[components.Thing](../../models/components/thing.md)\\>**\n",
    }
    for rel, text in files.items():
        (spec / rel).parent.mkdir(parents=True, exist_ok=True)
        (spec / rel).write_text(text, encoding="utf-8")
    ir = run_cli("ir", "--spec", str(spec), cwd=tmp_path)
    assert ir.returncode == 0, ir.stderr
    warned = _typed_as_any(ir.stderr)
    assert len(warned) == 2, ir.stderr
    assert warned[0].startswith("models/components/thing.md:7: warning: cannot read type")
    assert "no model 'Nowhere'" in warned[0]
    assert warned[1].startswith("sdks/things/README.md:13: warning: cannot read type")
    data = json.loads(ir.stdout)
    (thing,) = data["models"]
    assert thing["fields"][0]["type"] == {"kind": "any", "unread": "components.Nowhere"}
    (op,) = data["operations"]
    assert op["params"][0]["type"] == {"kind": "any", "unread": "components.Missing"}
    strict = run_cli("ir", "--spec", str(spec), "--unreadable-types", "error", cwd=tmp_path)
    assert strict.returncode == 2
    assert "models/components/thing.md:7: unknown model 'Nowhere'" in strict.stderr
    assert "sdks/things/README.md:13: unknown model 'Missing'" in strict.stderr


def test_structural_errors_stay_errors(tmp_path: Path) -> None:
    """Links out of the tree and hostile nesting are never typed as any."""
    for name, cell, fragment in (
        ("root", "[components.B](../../../b.md)", "leaves the spec root"),
        ("file", "[components.B](file:///etc/passwd)", "file:///etc/passwd"),
        ("web", "[components.B](http://example.invalid/b.md)", "http://example.invalid/b.md"),
        ("deep", "Array<" * 100 + "string" + ">" * 100, "nests deeper than 64 levels"),
    ):
        spec = tmp_path / name / "spec"
        (spec / "models").mkdir(parents=True)
        (spec / "models" / "a.md").write_text(
            f"# A\n\n## Fields\n\n{HEAD}| `b` | {cell} | :heavy_check_mark: | b |\n",
            encoding="utf-8",
        )
        r = _build(tmp_path / name, spec)
        assert r.returncode == 2, (name, r.stderr)
        assert "models/a.md:7: " in r.stderr and fragment in r.stderr, (name, r.stderr)
        assert "typed as any" not in r.stderr
        assert not (tmp_path / name / "out").exists()
