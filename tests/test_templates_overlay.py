"""`--templates DIR` (and the `templates` setting) overlay the packaged templates
file by file; a broken template is a diagnostic at the template's file:line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ROOT, run_cli

PACKAGED = ROOT / "templates"
OWNER = """# Owner

## Fields

| Field | Type | Required | Description |
| ----- | ---- | -------- | ----------- |
| `fullName` | *string* | :heavy_check_mark: | Name |
| `tags` | *string*[] | :heavy_minus_sign: | Tags |
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    comp = tmp_path / "spec" / "models" / "components"
    comp.mkdir(parents=True)
    (comp / "owner.md").write_text(OWNER, encoding="utf-8")
    return tmp_path


def overlay(project: Path, rel: str, text: str) -> Path:
    p = project / "tpl" / rel
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(text, encoding="utf-8")
    return p


def build(project: Path, *extra: str) -> tuple[int, str, str]:
    r = run_cli(
        "build", "--spec", "spec", "--out", "out", "--targets", "jsonschema", *extra, cwd=project
    )
    return r.returncode, r.stdout, r.stderr


def packaged(rel: str) -> str:
    return (PACKAGED / rel).read_text(encoding="utf-8")


def test_overlay_replaces_one_file_and_keeps_the_rest(project: Path) -> None:
    rc, _, err = build(project)
    assert rc == 0, err
    model_before = (project / "out/api/schemas/Owner.schema.json").read_text()
    text = packaged("jsonschema/bundle.json.j2").replace(
        '"$defs": {}', '"description": {{ "Custom bundle" | json }},\n  "$defs": {}'
    )
    assert text != packaged("jsonschema/bundle.json.j2")
    overlay(project, "jsonschema/bundle.json.j2", text)
    rc, _, err = build(project, "--templates", "tpl")
    assert rc == 0, err
    bundle = json.loads((project / "out/api/schemas/_bundle.schema.json").read_text())
    assert bundle["description"] == "Custom bundle"
    assert "Owner" in bundle["$defs"]  # the packaged model templates still render
    assert (project / "out/api/schemas/Owner.schema.json").read_text() == model_before


def test_templates_setting_in_pyproject(project: Path) -> None:
    (project / "pyproject.toml").write_text('[tool.specgen]\ntemplates = "tpl"\n', "utf-8")
    text = packaged("jsonschema/bundle.json.j2").replace('" schemas"', '" from pyproject"')
    overlay(project, "jsonschema/bundle.json.j2", text)
    rc, _, err = build(project)
    assert rc == 0, err
    bundle = json.loads((project / "out/api/schemas/_bundle.schema.json").read_text())
    assert bundle["title"] == "api from pyproject"


def test_syntax_error_names_the_template_file_and_line(project: Path) -> None:
    rc, _, _ = build(project)
    before = (project / "out/api/schemas/_bundle.schema.json").read_bytes()
    lines = packaged("jsonschema/bundle.json.j2").splitlines()
    lines[3] = '  "$id": {{ schema_id | json }'  # line 4: unclosed expression
    overlay(project, "jsonschema/bundle.json.j2", "\n".join(lines) + "\n")
    rc, out, err = build(project, "--templates", "tpl")
    assert rc == 2
    first = err.splitlines()[0]
    assert first.startswith("tpl/jsonschema/bundle.json.j2:4: template error:"), err
    assert "Traceback" not in err
    assert (project / "out/api/schemas/_bundle.schema.json").read_bytes() == before


def test_error_in_an_imported_macro_file_names_that_file(project: Path) -> None:
    lines = packaged("jsonschema/types.j2").splitlines()
    n = next(i for i, ln in enumerate(lines) if 'k == "array"' in ln)
    lines.insert(n + 1, "{{ no_such_name.attr }}")
    overlay(project, "jsonschema/types.j2", "\n".join(lines) + "\n")
    rc, _, err = build(project, "--templates", "tpl")
    assert rc == 2
    assert err.startswith(f"tpl/jsonschema/types.j2:{n + 2}: template error:"), err
    assert "no_such_name" in err


@pytest.mark.parametrize(
    ("expr", "message"),
    [
        ("{{ model.name.__class__.__mro__ }}", "unsafe"),  # the sandbox refuses
        ("{{ 1 // 0 }}", "division"),
        ("{{ model.name | no_such_filter }}", "no_such_filter"),
        ('{% include "jsonschema/missing.j2" %}', "missing.j2"),
    ],
)
def test_runtime_errors_point_at_the_line(project: Path, expr: str, message: str) -> None:
    lines = packaged("jsonschema/model.json.j2").splitlines()
    n = next(i for i, ln in enumerate(lines) if '"title"' in ln)
    lines.insert(n, expr)
    overlay(project, "jsonschema/model.json.j2", "\n".join(lines) + "\n")
    rc, _, err = build(project, "--templates", "tpl")
    assert rc == 2
    assert err.startswith(f"tpl/jsonschema/model.json.j2:{n + 1}: template error:"), err
    assert message in err and "Traceback" not in err


def test_missing_templates_folder_is_exit_2(project: Path) -> None:
    rc, _, err = build(project, "--templates", "nowhere")
    assert rc == 2
    assert "nowhere" in err and "Traceback" not in err
