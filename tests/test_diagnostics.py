"""Every spec error is a diagnostic with file:line; a spec with errors writes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_cli

from generator.diagnostics import SpecError
from generator.resolve import Options, load

HEAD = "| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n"


def model(title: str, rows: str, head: str = HEAD) -> str:
    return f"# {title}\n\n## Fields\n\n{head}{rows}"


def errors_of(root: Path) -> list[str]:
    with pytest.raises(SpecError) as info:
        load(root, Options())
    return [str(d) for d in info.value.diagnostics if d.severity == "error"]


CASES = {
    "unknown type": (
        {"models/a.md": model("A", "| `x` | *strnig* | :heavy_check_mark: | N/A |\n")},
        "models/a.md:7: cannot read type 'strnig': unknown type 'strnig'",
    ),
    "broken link": (
        {
            "models/a.md": model(
                "A", "| `b` | [components.B](./b.md) | :heavy_minus_sign: | N/A |\n"
            )
        },
        "models/a.md:7: broken link: no model doc at 'models/b.md'",
    ),
    "link outside the spec root": (
        {
            "models/a.md": model(
                "A", "| `b` | [components.B](../../b.md) | :heavy_minus_sign: | x |\n"
            )
        },
        "models/a.md:7: link to '../b.md' leaves the spec root",
    ),
    "duplicate model name": (
        {
            "models/a.md": model("Same", "| `x` | *string* | :heavy_minus_sign: | N/A |\n"),
            "models/b.md": model("Same", "| `y` | *string* | :heavy_minus_sign: | N/A |\n"),
        },
        "models/b.md:1: duplicate model name 'Same' (also models/a.md:1)",
    ),
    "malformed table": (
        {"models/a.md": model("A", "| | *string* | :heavy_minus_sign: | N/A |\n")},
        "models/a.md:7: malformed table row: empty field name",
    ),
    "missing Required column": (
        {
            "models/a.md": model(
                "A", "| `x` | *string* | N/A |\n", "| Field | Type | Description |\n| - | - | - |\n"
            )
        },
        "models/a.md:5: Fields table has no Required column",
    ),
    "bad Required value": (
        {"models/a.md": model("A", "| `x` | *string* | maybe | N/A |\n")},
        "models/a.md:7: Required must be yes or no, not 'maybe'",
    ),
    "duplicate field": (
        {"models/a.md": model("A", "| `x` | *string* | ✔ | a |\n| `x` | *number* | ✔ | b |\n")},
        "models/a.md:8: duplicate field 'x' (also line 7)",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_diagnostic(case: str, write_spec) -> None:  # type: ignore[no-untyped-def]
    files, expected = CASES[case]
    root = write_spec(files)
    assert expected in errors_of(root)


def test_errors_are_collected_together_and_nothing_is_written(write_spec, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = write_spec(
        {
            "models/a.md": model("A", "| `x` | *strnig* | :heavy_check_mark: | N/A |\n"),
            "models/b.md": model("B", "| `y` | [X](./nope.md) | :heavy_check_mark: | N/A |\n"),
            "models/c.md": model("C", "| `z` | *string* | :heavy_check_mark: | fine |\n"),
        }
    )
    out = tmp_path / "out"
    r = run_cli("build", "--spec", str(root), "--out", str(out), "--package", "p")
    assert r.returncode == 2
    assert "models/a.md:7: cannot read type" in r.stderr
    assert "models/b.md:7: broken link" in r.stderr
    assert "2 error(s); nothing written" in r.stderr
    assert "Traceback" not in r.stderr
    assert not out.exists()


def test_wrong_folder_link_is_repaired_by_file_name_with_a_warning(write_spec) -> None:  # type: ignore[no-untyped-def]
    root = write_spec(
        {
            "models/components/a.md": model(
                "A", "| `b` | [B](../../models/shared/b.md) | :heavy_check_mark: | N/A |\n"
            ),
            "models/components/b.md": model("B", "| `x` | *string* | :heavy_check_mark: | N/A |\n"),
        }
    )
    spec, warnings = load(root, Options())
    a = spec.model("A")
    assert a.fields[0].type.model == "B"  # type: ignore[union-attr]
    assert any("repaired by name: B" in str(w) and w.line == 7 for w in warnings)


def test_dialect_settings_are_checked_against_the_registry(tmp_path: Path) -> None:
    from generator.config import DIALECT_NAMES, ConfigError, from_mapping
    from generator.types import dialects

    assert tuple(dialects()) == DIALECT_NAMES  # one list: cli choices and settings use it
    with pytest.raises(ConfigError, match="dialect must be one of auto, typescript"):
        from_mapping({"dialect": "cobol"}, tmp_path)
    with pytest.raises(ConfigError, match="docs-dialect must be one of typescript"):
        from_mapping({"docs-dialect": "auto"}, tmp_path)
    assert from_mapping({"dialect": "ruby"}, tmp_path).dialect == "ruby"


@pytest.mark.parametrize(
    ("title", "name"), [("../../etc/passwd", "EtcPasswd"), ("CON", "CONModel"), ("nul", "NulModel")]
)
def test_unsafe_model_titles_are_renamed_with_a_warning(write_spec, title: str, name: str) -> None:  # type: ignore[no-untyped-def]
    root = write_spec({"models/a.md": model(title, "| `x` | *string* | ✔ | N/A |\n")})
    spec, warnings = load(root, Options())
    assert [m.name for m in spec.models] == [name]
    assert f"models/a.md:1: warning: model title {title!r} renamed {name!r}" in map(str, warnings)


def test_ordinary_titles_give_no_rename_warning(write_spec) -> None:  # type: ignore[no-untyped-def]
    root = write_spec({"models/a.md": model("Session Start", "| `x` | *string* | ✔ | N/A |\n")})
    _, warnings = load(root, Options())
    assert not [w for w in warnings if "renamed" in w.message]
