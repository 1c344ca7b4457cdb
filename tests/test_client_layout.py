"""The client target's layout helpers keep lines within 100 characters, and
annotations in a group class say `builtins.list` where a method hides `list`."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from generator.targets.client import LINE, item, pair, param_line, qualify, returns

LONG = "include_missing_member_with_elevated_permissions"
MODEL = "_m.ListOrganizationInvitationsWithAVeryLongResponseBodyName"


def _fits(text: str) -> None:
    assert all(len(line) <= LINE for line in text.splitlines()), text


def test_qualify_only_names_a_member_shadows() -> None:
    ann = "list[_m.list_] | dict[str, int] | Sequence[_m.str]"
    assert qualify(ann, {"list"}) == "builtins.list[_m.list_] | dict[str, int] | Sequence[_m.str]"
    assert qualify(ann, {"str", "dict"}) == (
        "list[_m.list_] | builtins.dict[builtins.str, int] | Sequence[_m.str]"
    )
    assert qualify(ann, {"get", "list_raw"}) == ann


SIG = "def f(\n{}\n): pass\n"  # a parameter
CALL = "f(\n{}\n)\n"  # an argument
LISTED = "x = [\n{}\n]\n"  # a list item
DICT = "x = {{\n{}\n}}\n"  # a dict entry


@pytest.mark.parametrize(
    ("text", "around"),
    [
        (param_line(LONG, f"{MODEL} | Mapping[str, Any]", " = None"), SIG),
        (param_line(LONG, f"list[{MODEL}] | dict[str, {MODEL}]", ""), SIG),
        (returns(f"ApiResponse[builtins.list[dict[str, {MODEL}]]]"), "def f(\n{}\n    pass\n"),
        (item(12, f"{LONG}=", LONG), CALL),
        (item(16, repr(LONG) + ": ", LONG), DICT),
        (pair(16, repr(LONG), LONG), LISTED),
    ],
)
def test_long_statements_wrap_and_stay_valid(text: str, around: str) -> None:
    _fits(text)
    assert "\n" in text  # every case above is too long for one line
    ast.parse(around.format(text))


def test_short_statements_stay_on_one_line() -> None:
    assert param_line("name", "str", " = None") == "        name: str = None,"
    assert returns("None") == "    ) -> None:"
    assert item(12, "a=", "a") == "            a=a,"
    assert pair(16, "'a'", "a") == "                ('a', a),"


@pytest.mark.timeout(120)
def test_a_method_named_list_does_not_hide_list_annotations(tmp_path: Path) -> None:
    # The shape the generated group classes take, checked by mypy --strict.
    src = f"""
from __future__ import annotations

import builtins


class PeopleApi:
    def list(self) -> {qualify("list[int]", {"list"})}:
        return [1]

    def list_raw(
        self,
{param_line("size", qualify("list[int] | None", {"list"}), " = None")}
{returns(qualify("dict[str, list[int]]", {"list"}))}
        return {{"a": list(size or [])}}
"""
    (tmp_path / "people.py").write_text(src, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "people.py"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout
    # without the prefix mypy rejects it: the test can fail
    (tmp_path / "people.py").write_text(src.replace("builtins.", ""), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "people.py"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 1 and "valid-type" in done.stdout, done.stdout
