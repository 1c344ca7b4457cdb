"""Free-form objects (open, no declared fields) are plain dicts, loaded and
dumped as copies in every position a type can take; `to_dict` inlines the
date-time dump (the loaded wire text, else `dump_datetime`), which must
behave exactly as the call it replaces.  Lists and maps of strings are
checked with one `str.join`; a failure falls back to the item-by-item check,
so errors name the same item."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from types import MappingProxyType, ModuleType
from typing import Any

import pytest
from test_dataclasses import SRC, fld, load_package, render, write

from generator.ir import AliasModel, Array, Map, ObjectModel, Primitive, Ref, Spec, Union

DT = Primitive("string", "date-time")
S = Primitive("string")


def inline_spec() -> Spec:
    models = [
        ObjectModel("Bag", "Free-form data.", (), True, SRC),
        AliasModel("Bags", "An alias of a list of bags.", Array(Ref("Bag")), SRC),
        ObjectModel(
            "Holder",
            "Holds bags and date-times in every position a dump is inlined.",
            (
                fld("bag", Ref("Bag")),
                fld("req_bag", Ref("Bag"), required=True),
                fld("null_bag", Ref("Bag"), nullable=True),
                fld("bags", Array(Ref("Bag"))),
                fld("bag_map", Map(Ref("Bag"))),
                fld("grid", Array(Array(Ref("Bag")))),
                fld("bag_or_text", Union((S, Ref("Bag")))),
                fld("alias", Ref("Bags")),
                fld("when", DT),
                fld("null_when", DT, nullable=True),
                fld("whens", Array(DT)),
                fld("when_map", Map(DT)),
                fld("tags", Array(S)),
                fld("labels", Map(S)),
            ),
            True,
            SRC,
        ),
    ]
    return Spec(tuple(models), (), ())


@pytest.fixture(scope="module")
def pkg(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, ModuleType]]:
    out = write(render(inline_spec(), "inlinepkg"), tmp_path_factory.mktemp("inline"))
    yield out, load_package(out, "inlinepkg")


PAYLOAD: dict[str, Any] = {
    "bag": {"a": 1},
    "req_bag": {},
    "null_bag": None,
    "bags": [{"b": [1]}, {}],
    "bag_map": {"k": {"c": None}},
    "grid": [[{"d": "x"}], []],
    "bag_or_text": {"e": {"f": 1}},
    "alias": [{"g": True}],
    "when": "2024-05-01t12:34:56.5z",
    "null_when": "2024-05-01T12:34:56+02:00",
    "whens": ["2024-05-01T12:34:56.000Z", "2024-05-01T12:34:56-00:00"],
    "when_map": {"w": "2024-05-01T12:34:56.123456789Z"},
    "extra": 1,
}
# where each position's bag sits: in the payload, and in the model
BAGS = {
    "bag": (lambda p: p["bag"]),
    "req_bag": (lambda p: p["req_bag"]),
    "bags": (lambda p: p["bags"][0]),
    "bag_map": (lambda p: p["bag_map"]["k"]),
    "grid": (lambda p: p["grid"][0][0]),
    "bag_or_text": (lambda p: p["bag_or_text"]),
    "alias": (lambda p: p["alias"][0]),
}


def test_free_form_objects_are_dict_copies_both_ways(pkg: tuple[Path, ModuleType]) -> None:
    m = pkg[1].models
    h = m.Holder.from_dict(PAYLOAD)
    out = h.to_dict()
    assert out == PAYLOAD
    for name, at in BAGS.items():
        loaded = at(vars_of(h))
        assert type(loaded) is dict and loaded == at(PAYLOAD), name
        assert loaded is not at(PAYLOAD), name  # a copy of the payload's dict
        assert at(out) is not loaded, name  # and a copy again on the way out
    assert m.Holder.from_dict({**PAYLOAD, "null_bag": {"z": 0}}).to_dict()["null_bag"] == {"z": 0}
    assert m.Bag == dict[str, Any]  # the alias, no class


def vars_of(h: Any) -> dict[str, Any]:
    return {name: getattr(h, name) for name in BAGS}


@pytest.mark.parametrize(
    ("field", "bad", "path"),
    [
        ("bag", [], "$.bag"),
        ("req_bag", "x", "$.req_bag"),
        ("null_bag", 1, "$.null_bag"),
        ("bags", [{}, 1], "$.bags[1]"),
        ("bag_map", {"k": {}, "j": None}, "$.bag_map.j"),
        ("grid", [[], [{}, []]], "$.grid[1][1]"),
        ("alias", [[]], "$.alias[0]"),
    ],
)
def test_free_form_errors_name_the_model_and_path(
    pkg: tuple[Path, ModuleType], field: str, bad: Any, path: str
) -> None:
    m = pkg[1].models
    with pytest.raises(pkg[1]._codec.ModelError) as info:
        m.Holder.from_dict({"req_bag": {}, field: bad})
    assert info.value.json_path == path
    assert info.value.expected.startswith("Bag object"), info.value.expected


def test_free_form_values_built_in_code_are_copied_out(pkg: tuple[Path, ModuleType]) -> None:
    m = pkg[1].models
    mine: dict[str, Any] = {"p": [1]}
    proxy = MappingProxyType({"q": 2})  # any mapping a caller hands in dumps as a dict
    h = m.Holder(req_bag=mine, bags=[mine], bag_map={"k": mine}, null_bag=None)
    out = h.to_dict()
    assert out == {"req_bag": mine, "bags": [mine], "bag_map": {"k": mine}, "null_bag": None}
    assert out["req_bag"] is not mine and out["bags"][0] is not mine
    assert out["bag_map"]["k"] is not mine
    assert m.Holder(req_bag=proxy).to_dict() == {"req_bag": {"q": 2}}  # type: ignore[arg-type]


def test_datetimes_not_loaded_use_dump_datetime(pkg: tuple[Path, ModuleType]) -> None:
    m = pkg[1].models
    codec = pkg[1]._codec
    loaded = codec.load_datetime("2024-05-01T12:34:56.5+02:00")
    shifted = loaded + timedelta(hours=1)  # arithmetic keeps the subclass, not the text
    assert type(shifted) is codec.WireDateTime and getattr(shifted, "wire", None) is None
    naive = datetime(2024, 5, 1, 12, 0)
    utc = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
    plus = datetime(2024, 5, 1, 12, 0, tzinfo=timezone(timedelta(hours=-3)))
    h = m.Holder(
        req_bag={},
        when=shifted,
        null_when=naive,
        whens=[loaded, utc, plus],
        when_map={"x": shifted},
    )
    out = h.to_dict()
    assert out == {
        "req_bag": {},
        "when": "2024-05-01T13:34:56.500000+02:00",
        "null_when": "2024-05-01T12:00:00Z",
        "whens": [
            "2024-05-01T12:34:56.5+02:00",
            "2024-05-01T12:00:00Z",
            "2024-05-01T12:00:00-03:00",
        ],
        "when_map": {"x": "2024-05-01T13:34:56.500000+02:00"},
    }
    # the same text as the codec's own dump for every value
    for v in (loaded, shifted, naive, utc, plus):
        assert m.Holder(req_bag={}, when=v).to_dict()["when"] == codec.dump_datetime(v)
    assert m.Holder(req_bag={}, null_when=None).to_dict()["null_when"] is None


@pytest.mark.slow
def test_generated_code_passes_ruff_and_mypy(pkg: tuple[Path, ModuleType]) -> None:
    out = pkg[0]
    src = (out / "inlinepkg" / "models.py").read_text()
    assert "Bag: TypeAlias = dict[str, Any]" in src and 'getattr(f_when, "wire", None)' in src
    assert "class Bag" not in src
    for cmd in (
        ["ruff", "check", "--no-cache", "."],
        ["mypy", "--strict", "--no-incremental", "inlinepkg"],
    ):
        run = subprocess.run(
            [sys.executable, "-m", *cmd], cwd=out, capture_output=True, text=True, timeout=300
        )
        assert run.returncode == 0, run.stdout + run.stderr


class Text(str):
    pass


@pytest.mark.parametrize(
    ("field", "bad", "path"),
    [
        ("tags", ["a", 1, None], "$.tags[1]"),
        ("tags", [None], "$.tags[0]"),
        ("tags", ["a", "b", b"c"], "$.tags[2]"),
        ("labels", {"a": "x", "b c": 2.5}, "$.labels['b c']"),
        ("labels", {"k": ["x"]}, "$.labels.k"),
    ],
)
def test_string_items_checked(
    pkg: tuple[Path, ModuleType], field: str, bad: Any, path: str
) -> None:
    m = pkg[1].models
    with pytest.raises(pkg[1]._codec.ModelError) as info:
        m.Holder.from_dict({"req_bag": {}, field: bad})
    err = info.value
    assert err.json_path == path and err.expected == "string"
    assert err.__context__ is None  # not raised inside the quick check's handler


def test_string_items_keep_subclasses_and_copy(pkg: tuple[Path, ModuleType]) -> None:
    m = pkg[1].models
    tags, labels = ["a", Text("b"), ""], {"k": Text("v"), "e": ""}
    h = m.Holder.from_dict({"req_bag": {}, "tags": tags, "labels": labels, "extra": 1})
    assert h.tags == tags and h.tags is not tags and type(h.tags[1]) is Text
    assert h.labels == labels and h.labels is not labels and type(h.labels["k"]) is Text
    assert m.Holder.from_dict({"req_bag": {}, "tags": [], "labels": {}}).tags == []
