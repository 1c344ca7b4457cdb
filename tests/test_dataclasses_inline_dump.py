"""`to_dict` inlines two dumps: open models that declare no fields (their
`additional_properties` copied, unless the value's type is a subclass, whose
own `to_dict` is called) and date-times (the loaded wire text, else
`dump_datetime`).  Both must behave exactly as the calls they replace.
Lists and maps of strings are checked with one `str.join`; a failure falls
back to the item-by-item check, so errors name the same item."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from test_dataclasses import SRC, fld, load_package, render, write

from generator.ir import Array, Map, ObjectModel, Primitive, Ref, Spec

DT = Primitive("string", "date-time")
S = Primitive("string")


def inline_spec() -> Spec:
    models = [
        ObjectModel("Bag", "Free-form data.", (), True, SRC),
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
    "when": "2024-05-01t12:34:56.5z",
    "null_when": "2024-05-01T12:34:56+02:00",
    "whens": ["2024-05-01T12:34:56.000Z", "2024-05-01T12:34:56-00:00"],
    "when_map": {"w": "2024-05-01T12:34:56.123456789Z"},
    "extra": 1,
}


def test_round_trip_and_copies(pkg: tuple[Path, ModuleType]) -> None:
    m = pkg[1].models
    h = m.Holder.from_dict(PAYLOAD)
    out = h.to_dict()
    assert out == PAYLOAD
    # the dumps are copies: editing the output leaves the model alone
    out["bag"]["new"] = 2
    out["bags"][0]["new"] = 2
    out["bag_map"]["k"]["new"] = 2
    assert "new" not in h.bag.additional_properties
    assert "new" not in h.bags[0].additional_properties
    assert "new" not in h.bag_map["k"].additional_properties
    assert m.Holder.from_dict({**PAYLOAD, "null_bag": {"z": 0}}).to_dict()["null_bag"] == {"z": 0}


def test_subclass_to_dict_is_still_called(pkg: tuple[Path, ModuleType]) -> None:
    m = pkg[1].models

    class Sub(m.Bag):  # type: ignore[misc,name-defined]
        __slots__ = ()

        def to_dict(self) -> dict[str, Any]:
            return {"sub": sorted(self.additional_properties)}

    sub = Sub(additional_properties={"q": 1})
    plain = m.Bag(additional_properties={"p": 1})
    h = m.Holder(
        bag=sub,
        req_bag=plain,
        null_bag=sub,
        bags=[sub, plain],
        bag_map={"s": sub, "p": plain},
        grid=[[plain, sub]],
    )
    assert h.to_dict() == {
        "bag": {"sub": ["q"]},
        "req_bag": {"p": 1},
        "null_bag": {"sub": ["q"]},
        "bags": [{"sub": ["q"]}, {"p": 1}],
        "bag_map": {"s": {"sub": ["q"]}, "p": {"p": 1}},
        "grid": [[{"p": 1}, {"sub": ["q"]}]],
    }


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
        req_bag=m.Bag(),
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
        assert m.Holder(req_bag=m.Bag(), when=v).to_dict()["when"] == codec.dump_datetime(v)
    assert m.Holder(req_bag=m.Bag(), null_when=None).to_dict()["null_when"] is None


@pytest.mark.slow
def test_generated_code_passes_ruff_and_mypy(pkg: tuple[Path, ModuleType]) -> None:
    out = pkg[0]
    src = (out / "inlinepkg" / "models.py").read_text()
    assert "if type(f_bag) is Bag" in src and 'getattr(f_when, "wire", None)' in src
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
