"""Dataclasses target: features on a hand-built IR that covers every IR type,
name hygiene and hostile doc text; ruff, mypy and `pip install` on real output.

`feature_spec()` and `build_package()` are shared with the round-trip tests.
"""

from __future__ import annotations

import ast
import importlib
import json
import shutil
import subprocess
import sys
from collections import OrderedDict
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from conftest import ROOT, run_cli

from generator import emit as emit_mod
from generator.config import Config
from generator.ir import (
    AliasModel,
    AnyType,
    Array,
    EnumMember,
    EnumModel,
    Field,
    Literal,
    Map,
    ObjectModel,
    Primitive,
    Ref,
    Source,
    Spec,
    Union,
    UnionModel,
)
from generator.targets import dataclasses as dc_target

S = Primitive("string")
I = Primitive("integer")  # noqa: E741
N = Primitive("number")
B = Primitive("boolean")
DT = Primitive("string", "date-time")
D = Primitive("string", "date")
NULL = Primitive("null")
SRC = Source("models/x.md", 1)
HOSTILE = 'He said """hi""" \\ {{ x }} {% y %}\n\nnew para\x07 \u2028 end\\'


def fld(
    wire: str,
    t: Any,
    required: bool = False,
    nullable: bool = False,
    py: str | None = None,
    desc: str = "",
) -> Field:
    from generator.naming import py_identifier

    return Field(
        doc_name=wire,
        wire_name=wire,
        py_name=py or py_identifier(wire),
        type=t,
        required=required,
        nullable=nullable,
        description=desc,
        source=SRC,
    )


def feature_spec() -> Spec:
    """Every IR type, nullability combination and a few naming traps."""
    models = [
        EnumModel(
            "Color",
            "A str enum.",
            (
                EnumMember("Red", "red", "RED", "The red one."),
                EnumMember("", "light-blue", "LIGHT_BLUE"),
            ),
            SRC,
        ),
        EnumModel(
            "Level",
            "An int enum.",
            (EnumMember("", 1, "V_1"), EnumMember("", 2, "V_2")),
            SRC,
        ),
        ObjectModel(
            "Leaf",
            "A small open object.",
            (fld("name", S, required=True), fld("when", DT)),
            True,
            SRC,
        ),
        ObjectModel(
            "Closed",
            "A closed object: unknown keys are errors.",
            (fld("code", I, required=True), fld("day", D)),
            False,
            SRC,
        ),
        ObjectModel(
            "Node",
            "A recursive model.",
            (fld("value", N), fld("children", Array(Ref("Node")))),
            True,
            SRC,
        ),
        ObjectModel(
            "Kitchen",
            HOSTILE,
            (
                fld("req_str", S, required=True, desc=HOSTILE),
                fld("req_null_int", I, required=True, nullable=True),
                fld("opt_null_dt", DT, nullable=True),
                fld("opt_num", N),
                fld("opt_bool", B),
                fld("opt_any", AnyType()),
                fld("req_any", AnyType(), required=True),
                fld("lit", Literal("fixed\x00'\"")),
                fld("lit_int", Literal(3)),
                fld("color", Ref("Color")),
                fld("level", Ref("Level"), nullable=True),
                fld("leaf", Ref("Leaf")),
                fld("leaves", Array(Ref("Leaf"))),
                fld("grid", Array(Array(Ref("Leaf")))),
                fld("by_name", Map(Ref("Leaf"))),
                fld("by_name_lists", Map(Array(Ref("Leaf")))),
                fld("tags", Array(S)),
                fld("scores", Map(N)),
                fld("null_items", Array(Union((S, NULL)))),
                fld("dates", Array(DT)),
                fld("mixed", Union((S, I, Ref("Leaf"), Ref("Closed")))),
                fld("pet", Ref("Pet")),
                fld("alias", Ref("Names")),
                fld("closed", Ref("Closed"), nullable=True),
                fld("tree", Ref("Node")),
                # naming traps: wire names kept, attributes valid and unique
                fld("class", S, py="class_"),
                fld("type", S, py="type_"),
                fld("from_dict", S, py="from_dict_"),
                fld("1st", S, py="field_1st"),
                fld("Name", S, py="name"),
                fld("name", S, py="name_2"),
                fld("functionCallParams", S, py="function_call_params"),
                fld("weird \"key\" \\ '$v'\x00", S, py="weird_key"),
                fld("datetime", DT, py="datetime_"),
                fld("mode", Union((Literal("auto"), Literal(0), Ref("Color"), NULL))),
                fld("tree_alias", Ref("Tree")),
                # types whose readable helper names would collide
                fld("lit_a", Union((Literal("a-b"), NULL))),
                fld("lit_b", Union((Literal("a_b"), NULL))),
            ),
            True,
            SRC,
        ),
        UnionModel("Pet", "A union model.", (Ref("Leaf"), S, Array(I)), SRC),
        AliasModel("Names", "An alias.", Array(S), SRC),
        AliasModel("Tree", "A recursive alias.", Array(Ref("Tree")), SRC),
    ]
    return Spec(tuple(sorted(models, key=lambda m: m.name)), (), ())


def long_names_spec() -> Spec:
    """Long model, field and enum names and long unions: lines must still wrap."""
    a, b, c = ("A" * 45 + "Model", "B" * 45 + "Model", "C" * 45 + "Enum")
    long_field = "f" * 60
    models = [
        ObjectModel(a, "x " * 80, (fld("name", S, required=True),), True, SRC),
        ObjectModel(b, "", (fld("n", I, required=True),), False, SRC),
        EnumModel(c, "", (EnumMember("", "v" * 70, "V"), EnumMember("", "w", "W")), SRC),
        ObjectModel(
            "Holder",
            "",
            (
                fld(long_field, Union((Ref(a), Ref(b), Ref(c), Array(Ref(a)), NULL))),
                fld(long_field + "_2", Map(Array(Union((Ref(a), Ref(b))))), required=True),
                fld(long_field + "_3", Ref(c), required=True, nullable=True),
            ),
            True,
            SRC,
        ),
        # corpus-sized names (bridge-php, stackone-csharp, openrouter-csharp): a
        # 94-character model in its error label, a 75-character enum's helper
        # signature, a long member with a long value, and long field names in
        # the number check and the date-time dump
        ObjectModel("D" * 90 + "Body", "", (fld("n", I, required=True),), True, SRC),
        EnumModel(
            "E" * 75,
            "",
            (EnumMember("", "operate_" * 7, "OPERATE_" * 7), EnumMember("", "w", "W")),
            SRC,
        ),
        ObjectModel(
            "Measures",
            "",
            (fld("num_input_audio_prompt" * 2, N), fld("pay_period_starts_at" * 2, DT)),
            True,
            SRC,
        ),
        # kombo-ruby: an 84-character enum (its class line, value table and
        # lookups), lists and maps of a 68-character model (the `locate`
        # lambda, the dict comprehension), its `... object or null` label;
        # schwab-go: quotes in a description are escaped in the docstring, so
        # the text wraps by its escaped width
        EnumModel(
            "F" * 84,
            'FundStrategy "A" - Active "L" - Leveraged "P" - Passive "Q" - Quantitative '
            '"S" - Short "X" - Other "Y" - Yet another',
            (EnumMember("", "a", "A"), EnumMember("", "b", "B")),
            SRC,
        ),
        ObjectModel("G" * 68, "", (fld("n", I, required=True),), True, SRC),
        ObjectModel(
            "Lists",
            "",
            (
                fld("items", Array(Ref("G" * 68)), required=True),
                fld("by_key", Map(Ref("G" * 68))),
                fld("one", Ref("G" * 68), required=True, nullable=True),
                fld("kind", Ref("F" * 84), desc='"A" ' * 30),
            ),
            True,
            SRC,
        ),
    ]
    return Spec(tuple(sorted(models, key=lambda m: m.name)), (), ())


def render(spec: Spec, package: str, strict: bool = False) -> dict[str, str]:
    cfg = Config(package=package, targets=("jsonschema", "dataclasses"), strict=strict)
    ctx = emit_mod.EmitContext(cfg, emit_mod.environment(None), package)
    files = dict(dc_target.emit(spec, ctx))
    from generator.targets import jsonschema

    files.update(jsonschema.emit(spec, ctx))
    return files


def write(files: dict[str, str], out: Path) -> Path:
    for rel, text in files.items():
        p = out / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    return out


def load_package(out: Path, package: str) -> ModuleType:
    """Import a freshly generated package from `out` (unique names per build)."""
    sys.path.insert(0, str(out))
    try:
        for name in [m for m in sys.modules if m == package or m.startswith(package + ".")]:
            del sys.modules[name]
        return importlib.import_module(package)
    finally:
        sys.path.remove(str(out))


def build_package(tmp: Path, package: str, strict: bool = False) -> tuple[Path, ModuleType]:
    out = write(render(feature_spec(), package, strict), tmp / package)
    return out, load_package(out, package)


@pytest.fixture(scope="module")
def feat(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    _, mod = build_package(tmp_path_factory.mktemp("feat"), "featpkg")
    yield mod


@pytest.fixture(scope="module")
def strict_feat(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    _, mod = build_package(tmp_path_factory.mktemp("strict"), "strictpkg", strict=True)
    yield mod


KITCHEN_MIN = {"req_str": "s", "req_null_int": None, "req_any": {"k": [1]}}


# ----------------------------------------------------------- generation


def test_output_is_deterministic_and_parses() -> None:
    a, b = render(feature_spec(), "detpkg"), render(feature_spec(), "detpkg")
    assert a == b
    for rel, text in a.items():
        if rel.endswith(".py"):
            ast.parse(text, rel)  # hostile doc text never breaks the module


def test_hostile_text_is_kept_as_docstrings_not_code(feat: ModuleType) -> None:
    k = feat.models.Kitchen
    # the docstring holds the text (wrapped): every word survives verbatim
    for word in ['"""hi"""', "\\", "{{", "{%", "new", "para\x07", "end\\"]:
        assert word in k.__doc__
    assert "req_str" in k.__dataclass_fields__  # the field survived its hostile description


def test_enum_members_never_shadow_enum_names_or_read_as_digits() -> None:
    from generator.naming import enum_member_identifier

    # `I` / `O` read as 1 / 0 (ruff E741: exactpayments-php's card-type codes)
    cases = {("", "I"): "I_", ("", "O"): "O_", ("", "i"): "I_", ("name", "x"): "NAME_"}
    cases |= {("", "L"): "L", ("", "IO"): "IO", ("", "V"): "V", ("", "1"): "V_1"}
    assert {k: enum_member_identifier(*k) for k in cases} == cases


def test_field_names_are_valid_unique_and_keep_wire_names(feat: ModuleType) -> None:
    k = feat.Kitchen
    names = [f for f in k.__dataclass_fields__]
    assert len(names) == len(set(names))
    for n in ["class_", "type_", "from_dict_", "field_1st", "name", "name_2", "datetime_"]:
        assert n in names
    obj = k.from_dict(
        {
            **KITCHEN_MIN,
            "class": "c",
            "type": "t",
            "1st": "f",
            "Name": "N",
            "name": "n",
            "from_dict": "x",
            "functionCallParams": "camel",
            "weird \"key\" \\ '$v'\x00": "w",
        }
    )
    assert (obj.class_, obj.type_, obj.field_1st, obj.name, obj.name_2) == ("c", "t", "f", "N", "n")
    assert obj.function_call_params == "camel" and obj.weird_key == "w"
    out = obj.to_dict()
    assert out["functionCallParams"] == "camel" and out["Name"] == "N" and out["name"] == "n"
    assert obj.additional_properties == {}


def test_absent_null_and_value_are_three_things(feat: ModuleType) -> None:
    k = feat.Kitchen
    absent = k.from_dict(dict(KITCHEN_MIN))
    null = k.from_dict({**KITCHEN_MIN, "opt_null_dt": None})
    value = k.from_dict({**KITCHEN_MIN, "opt_null_dt": "2024-02-29T23:59:59.123+05:30"})
    assert absent.opt_null_dt is feat.UNSET and not absent.opt_null_dt
    assert null.opt_null_dt is None
    assert value.opt_null_dt == datetime(
        2024, 2, 29, 23, 59, 59, 123000, tzinfo=timezone(timedelta(hours=5, minutes=30))
    )
    assert "opt_null_dt" not in absent.to_dict()
    assert null.to_dict()["opt_null_dt"] is None
    assert value.to_dict()["opt_null_dt"] == "2024-02-29T23:59:59.123+05:30"
    assert k.from_dict(KITCHEN_MIN).req_null_int is None  # required, nullable


@pytest.mark.parametrize(
    "text",
    [
        "2024-01-01T00:00:00Z",
        "2024-01-01t00:00:00z",
        "2024-01-01T00:00:00.000Z",
        "2024-01-01T00:00:00.123456789+00:00",
        "1999-12-31T23:59:59-00:00",
        "2024-06-01T12:00:00.5-07:30",
    ],
)
def test_date_times_round_trip_their_exact_text(feat: ModuleType, text: str) -> None:
    leaf = feat.Leaf.from_dict({"name": "n", "when": text})
    assert isinstance(leaf.when, datetime) and leaf.when.tzinfo is not None
    assert leaf.to_dict() == {"name": "n", "when": text}
    # a datetime built in code is written as RFC 3339, Z for UTC
    built = feat.Leaf(name="n", when=leaf.when + timedelta(0))
    assert built.to_dict()["when"].endswith(("Z", ":00", ":30"))
    assert datetime.fromisoformat(built.to_dict()["when"].upper()) == leaf.when


def test_datetimes_built_in_code(feat: ModuleType) -> None:
    utc = datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert feat.Leaf(name="n", when=utc).to_dict()["when"] == "2024-01-02T03:04:05Z"
    naive = datetime(2024, 1, 2, 3, 4, 5, 600000)
    assert feat.Leaf(name="n", when=naive).to_dict()["when"] == "2024-01-02T03:04:05.600000Z"
    plus2 = datetime(2024, 1, 2, 3, 4, 5, tzinfo=timezone(timedelta(hours=2)))
    assert feat.Leaf(name="n", when=plus2).to_dict()["when"] == "2024-01-02T03:04:05+02:00"


@pytest.mark.parametrize(
    "text",
    ["2024-01-01", "2024-01-01T00:00:00", "2024-02-30T00:00:00Z", "2024-01-01T23:59:60Z",
     "2024-01-01 00:00:00Z", "x", "2024-1-01T00:00:00Z"],
)  # fmt: skip
def test_bad_date_times_name_path_and_expectation(feat: ModuleType, text: str) -> None:
    with pytest.raises(feat.ModelError) as ei:
        feat.Kitchen.from_dict(
            {**KITCHEN_MIN, "leaves": [{"name": "a"}, {"name": "b", "when": text}]}
        )
    e = ei.value
    assert isinstance(e, ValueError)
    assert e.json_path == "$.leaves[1].when" and e.pointer == "/leaves/1/when"
    assert e.root == "Kitchen" and e.model == "Leaf"
    assert "date-time" in str(e) and "Kitchen" in str(e)


def test_enums_open_by_default_and_closed_when_strict(
    feat: ModuleType, strict_feat: ModuleType
) -> None:
    k = feat.Kitchen.from_dict({**KITCHEN_MIN, "color": "light-blue", "level": 2})
    assert k.color is feat.Color.LIGHT_BLUE and k.level is feat.Level.V_2
    assert isinstance(k.to_dict()["color"], str) and type(k.to_dict()["level"]) is int
    unknown = feat.Kitchen.from_dict({**KITCHEN_MIN, "color": "mauve", "level": 7})
    assert unknown.color == "mauve" and type(unknown.color) is str and unknown.level == 7
    assert unknown.to_dict()["color"] == "mauve"
    with pytest.raises(feat.ModelError, match=r"\$\.level"):
        feat.Kitchen.from_dict({**KITCHEN_MIN, "level": True})  # a bool is not an int enum value
    with pytest.raises(strict_feat.ModelError) as ei:
        strict_feat.Kitchen.from_dict({**KITCHEN_MIN, "color": "mauve"})
    assert ei.value.json_path == "$.color" and "one of" in str(ei.value)


def test_open_objects_keep_unknown_keys_closed_ones_reject_them(feat: ModuleType) -> None:
    payload = {"name": "n", "extra": {"deep": [1, None]}, "x-y": 1}
    leaf = feat.Leaf.from_dict(payload)
    assert leaf.additional_properties == {"extra": {"deep": [1, None]}, "x-y": 1}
    assert leaf.to_dict() == payload
    assert feat.Closed.from_dict({"code": 1}).to_dict() == {"code": 1}
    with pytest.raises(feat.ModelError) as ei:
        feat.Kitchen.from_dict({**KITCHEN_MIN, "closed": {"code": 1, "typo": 2}})
    assert ei.value.json_path == "$.closed.typo" and "unknown key" in str(ei.value)
    assert not hasattr(feat.Closed(code=1), "additional_properties")


def test_every_key_fetched_at_once_or_key_by_key_gives_the_same_result(feat: ModuleType) -> None:
    # from_dict fetches all declared keys in one call when a plain dict holds
    # at least that many keys; otherwise (a key absent, a dict subclass) it
    # goes key by key.  Both paths: same values, extras and errors.
    when = "2024-01-02T03:04:05.678Z"
    full = {"name": "n", "when": when}
    for payload in (full, OrderedDict(full)):
        leaf = feat.Leaf.from_dict(payload)
        assert leaf == feat.Leaf(name="n", when=leaf.when) and leaf.to_dict() == full
    # as many keys as fields, but an undeclared one stands in for `when`
    stand_in = feat.Leaf.from_dict({"name": "n", "zz": 1})
    assert stand_in.when is feat.UNSET and stand_in.additional_properties == {"zz": 1}
    extra = feat.Leaf.from_dict({**full, "zz": 1})
    assert extra.additional_properties == {"zz": 1} and extra.to_dict() == {**full, "zz": 1}
    errors = []
    for bad in ({"name": 5, "when": when}, {"name": 5}, OrderedDict(name=5, when=when)):
        with pytest.raises(feat.ModelError) as ei:
            feat.Leaf.from_dict(bad)
        errors.append((ei.value.json_path, str(ei.value)))
    assert len(set(errors)) == 1 and errors[0][0] == "$.name", errors
    unknown = []
    for bad in ({"code": 1, "typo": 2}, {"code": 1, "day": "2024-02-29", "typo": 2}):
        with pytest.raises(feat.ModelError) as ei:
            feat.Closed.from_dict(bad)
        unknown.append(ei.value.json_path)
    assert unknown == ["$.typo", "$.typo"]
    with pytest.raises(feat.ModelError, match="Leaf object"):
        feat.Leaf.from_dict(["name", "when"])


def test_unions_try_in_documented_order(feat: ModuleType) -> None:
    k = feat.Kitchen
    # Closed has a required field, Leaf too; Closed is closed so it ranks first among equals
    assert isinstance(k.from_dict({**KITCHEN_MIN, "mixed": {"code": 5}}).mixed, feat.Closed)
    assert isinstance(k.from_dict({**KITCHEN_MIN, "mixed": {"name": "x"}}).mixed, feat.Leaf)
    assert k.from_dict({**KITCHEN_MIN, "mixed": 5}).mixed == 5
    assert k.from_dict({**KITCHEN_MIN, "mixed": "s"}).mixed == "s"
    for pet in [{"name": "x", "k": 1}, "s", [1, 2]]:
        p = {**KITCHEN_MIN, "pet": pet}
        assert k.from_dict(p).to_dict() == p
    for mixed in [{"name": "x", "k": 1}, "s", 3, {"code": 5}]:
        p = {**KITCHEN_MIN, "mixed": mixed}
        assert k.from_dict(p).to_dict() == p
    with pytest.raises(feat.ModelError) as ei:
        k.from_dict({**KITCHEN_MIN, "mixed": 1.5})
    assert ei.value.json_path == "$.mixed" and "one of" in str(ei.value)
    with pytest.raises(feat.ModelError):
        k.from_dict({**KITCHEN_MIN, "pet": [1, "x"]})


def test_wrong_types_raise_model_error_never_key_or_type_error(feat: ModuleType) -> None:
    cases: list[tuple[Any, str, str]] = [
        ({}, "$.req_str", "required field missing"),
        ({"req_str": 1, "req_null_int": None, "req_any": 1}, "$.req_str", "expected string"),
        ({**KITCHEN_MIN, "req_null_int": True}, "$.req_null_int", "integer or null"),
        ({**KITCHEN_MIN, "opt_num": "1"}, "$.opt_num", "number"),
        ({**KITCHEN_MIN, "opt_bool": 0}, "$.opt_bool", "boolean"),
        ({**KITCHEN_MIN, "lit": "other"}, "$.lit", "fixed"),
        ({**KITCHEN_MIN, "lit_int": True}, "$.lit_int", "3"),
        ({**KITCHEN_MIN, "tags": ["a", None]}, "$.tags[1]", "string"),
        ({**KITCHEN_MIN, "tags": "a"}, "$.tags", "array"),
        ({**KITCHEN_MIN, "scores": {"a": 1, "b c": "x"}}, "$.scores['b c']", "number"),
        ({**KITCHEN_MIN, "grid": [[{"name": "a"}], [{}]]}, "$.grid[1][0].name", "missing"),
        ({**KITCHEN_MIN, "by_name_lists": {"k": [{"name": 1}]}}, "$.by_name_lists.k[0].name", ""),
        ({**KITCHEN_MIN, "tree": {"children": [{"children": [{"value": "x"}]}]}},
         "$.tree.children[0].children[0].value", "number"),
        ({**KITCHEN_MIN, "alias": [1]}, "$.alias[0]", "string"),
        ({**KITCHEN_MIN, "closed": {"code": 1, "day": "2024-13-01"}}, "$.closed.day", "date"),
        ({**KITCHEN_MIN, "null_items": [None, 1]}, "$.null_items[1]", "one of"),
        ([1], "$", "Kitchen object"),
    ]  # fmt: skip
    for payload, path, text in cases:
        with pytest.raises(feat.ModelError) as ei:
            feat.Kitchen.from_dict(payload)
        assert ei.value.json_path == path, (payload, str(ei.value))
        assert text in str(ei.value), str(ei.value)


def test_nested_models_lists_and_maps_round_trip(feat: ModuleType) -> None:
    p = {
        **KITCHEN_MIN,
        "leaves": [{"name": "a", "when": "2024-01-01T00:00:00Z"}, {"name": "b", "z": 1}],
        "grid": [[], [{"name": "c"}]],
        "by_name": {"x": {"name": "x"}},
        "by_name_lists": {"y": [{"name": "y"}]},
        "tags": ["t"],
        "scores": {"a": 1, "b": 2.5},
        "null_items": [None, "s"],
        "dates": ["2024-01-01T00:00:00Z"],
        "tree": {"value": 1, "children": [{"children": []}]},
        "alias": ["n"],
        "closed": None,
        "opt_any": None,
        "lit": "fixed\x00'\"",
        "lit_int": 3,
    }
    k = feat.Kitchen.from_dict(p)
    assert isinstance(k.grid[1][0], feat.Leaf) and isinstance(k.by_name_lists["y"][0], feat.Leaf)
    assert isinstance(k.tree.children[0], feat.Node)
    assert k.to_dict() == p
    assert json.loads(json.dumps(k.to_dict())) == p
    # to_dict copies containers: mutating the output leaves the model alone
    out = k.to_dict()
    out["tags"].append("zzz")
    assert k.tags == ["t"]


def test_distinct_types_never_share_a_helper(feat: ModuleType) -> None:
    k = feat.Kitchen
    assert k.from_dict({**KITCHEN_MIN, "lit_a": "a-b", "lit_b": "a_b"}).lit_b == "a_b"
    with pytest.raises(feat.ModelError, match=r"\$\.lit_b"):
        k.from_dict({**KITCHEN_MIN, "lit_b": "a-b"})


def test_copies_and_pickles_keep_the_wire_text(feat: ModuleType) -> None:
    import copy
    import pickle

    p = {**KITCHEN_MIN, "dates": ["2024-01-01T00:00:00.000Z"], "leaf": {"name": "a", "x": 1}}
    k = feat.Kitchen.from_dict(p)
    for clone in (copy.deepcopy(k), pickle.loads(pickle.dumps(k))):
        assert clone == k and clone is not k
        assert canon_json(clone.to_dict()) == canon_json(p)


def canon_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True)


# repr: the fields that are set, in field order, then additional_properties
# when not empty.  Kitchen's field order: req_str, req_null_int, opt_null_dt,
# opt_num, opt_bool, opt_any, req_any, lit, lit_int, color, level, leaf,
# leaves, ... (feature_spec); the required three always show.
REPR_HEAD = "Kitchen(req_str='s', req_null_int=None"
REPR_REQ_ANY = "req_any={'k': [1]}"


@pytest.mark.parametrize(
    ("kind", "extra", "expected"),
    [
        ("unset", {}, f"{REPR_HEAD}, {REPR_REQ_ANY})"),
        ("none", {"opt_null_dt": None}, f"{REPR_HEAD}, opt_null_dt=None, {REPR_REQ_ANY})"),
        ("falsy", {"opt_num": 0, "opt_bool": False},
         f"{REPR_HEAD}, opt_num=0, opt_bool=False, {REPR_REQ_ANY})"),
        ("nested", {"leaf": {"name": "a"}}, f"{REPR_HEAD}, {REPR_REQ_ANY}, leaf=Leaf(name='a'))"),
        ("list", {"tags": ["x", "y"], "leaves": []},
         f"{REPR_HEAD}, {REPR_REQ_ANY}, leaves=[], tags=['x', 'y'])"),
        ("enum", {"color": "red", "level": None},
         f"{REPR_HEAD}, {REPR_REQ_ANY}, color=<Color.RED: 'red'>, level=None)"),
        ("open enum", {"color": "mauve"}, f"{REPR_HEAD}, {REPR_REQ_ANY}, color='mauve')"),
        ("extra keys", {"zz": 1, "leaves": [{"name": "b", "x": [2]}]},
         f"{REPR_HEAD}, {REPR_REQ_ANY}, leaves=[Leaf(name='b', additional_properties={{'x': [2]}})]"
         ", additional_properties={'zz': 1})"),
    ],
)  # fmt: skip
def test_repr_shows_the_fields_that_are_set(
    feat: ModuleType, kind: str, extra: dict[str, Any], expected: str
) -> None:
    assert repr(feat.Kitchen.from_dict({**KITCHEN_MIN, **extra})) == expected, kind


def test_repr_of_models_built_in_code(feat: ModuleType) -> None:
    assert repr(feat.Leaf(name="n")) == "Leaf(name='n')" == str(feat.Leaf(name="n"))
    when = datetime(2024, 1, 2, tzinfo=UTC)
    assert repr(feat.Leaf(name="n", when=when)) == f"Leaf(name='n', when={when!r})"
    assert repr(feat.Closed(code=1)) == "Closed(code=1)"  # closed: no additional_properties
    assert repr(feat.Node()) == "Node()"
    loop = feat.Node(children=[])
    loop.children.append(loop)  # a cycle built by hand: no RecursionError
    assert repr(loop) == "Node(children=[...])"


def test_equality_is_field_by_field(feat: ModuleType) -> None:
    assert feat.Leaf.from_dict({"name": "a"}) == feat.Leaf(name="a")
    assert feat.Leaf(name="a") != feat.Leaf(name="a", additional_properties={"x": 1})
    assert feat.Leaf(name="a") != feat.Leaf(name="a", when=datetime(2024, 1, 1, tzinfo=UTC))
    assert feat.Node(value=None) != feat.Node()  # null is not absent


def test_dates(feat: ModuleType) -> None:
    c = feat.Closed.from_dict({"code": 1, "day": "2024-02-29"})
    assert c.day == date(2024, 2, 29) and c.to_dict() == {"code": 1, "day": "2024-02-29"}


def test_generated_names_reexported_and_runtime_is_stdlib_only(feat: ModuleType) -> None:
    for name in ["Kitchen", "Color", "Pet", "Names", "UNSET", "ModelError", "Unset"]:
        assert hasattr(feat, name) and name in feat.__all__
    src = Path(feat.models.__file__).read_text() + Path(feat._codec.__file__).read_text()
    imported = {
        (n.module or "").split(".")[0] if isinstance(n, ast.ImportFrom) else a.name
        for n in ast.walk(ast.parse(src))
        if isinstance(n, ast.Import | ast.ImportFrom) and not getattr(n, "level", 0)
        for a in n.names
    }
    assert imported <= set(sys.stdlib_module_names) | {"", "__future__"}, imported


# ------------------------------------------------------- tools on output


def run(cmd: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def built_spec(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's own spec, built by the real CLI into a temp folder."""
    out = tmp_path_factory.mktemp("gen") / "generated"
    r = run_cli("build", "--out", str(out), "--targets", "jsonschema,dataclasses")
    assert r.returncode == 0, r.stderr
    return out


@pytest.mark.slow
def test_generated_code_passes_ruff_and_mypy_strict(built_spec: Path, tmp_path: Path) -> None:
    feat_out = write(render(feature_spec(), "featlint"), tmp_path / "feat")
    strict_out = write(render(feature_spec(), "strictlint", strict=True), tmp_path / "strict")
    long_out = write(render(long_names_spec(), "longlint", strict=True), tmp_path / "long")
    long_open = write(render(long_names_spec(), "longopen"), tmp_path / "longopen")
    cases = [
        (built_spec, "honeyhive"),
        (feat_out, "featlint"),
        (strict_out, "strictlint"),
        (long_out, "longlint"),
        (long_open, "longopen"),
    ]
    for out, pkg in cases:
        r = run([sys.executable, "-m", "ruff", "check", "--no-cache", "."], out)
        assert r.returncode == 0, r.stdout + r.stderr
        r = run([sys.executable, "-m", "mypy", "--strict", "--no-incremental", pkg], out)
        assert r.returncode == 0, r.stdout + r.stderr


def test_committed_generated_package_matches_a_fresh_build(built_spec: Path) -> None:
    for rel in ["honeyhive/models.py", "honeyhive/_codec.py"]:  # __init__ varies by targets
        committed = ROOT / "generated" / rel
        if committed.exists():  # the lead's `specgen check` covers the rest
            assert (built_spec / rel).read_text() == committed.read_text(), rel
    assert (built_spec / "pyproject.toml").is_file()
    assert (built_spec / "honeyhive" / "py.typed").is_file()


@pytest.mark.slow
def test_pip_install_then_import_in_a_fresh_interpreter(built_spec: Path, tmp_path: Path) -> None:
    src = shutil.copytree(built_spec, tmp_path / "src")  # the build writes build/ dirs
    target = tmp_path / "site"
    r = run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--no-build-isolation",
         "--no-cache-dir", "--disable-pip-version-check", "--target", str(target), str(src)],
        tmp_path,
    )  # fmt: skip
    assert r.returncode == 0, r.stdout + r.stderr
    pkg = target / "honeyhive"
    assert (pkg / "py.typed").is_file()
    assert (pkg / "schemas" / "SessionStartRequest.schema.json").is_file()
    assert (pkg / "schemas" / "_bundle.schema.json").is_file()
    code = (
        "import json, sys, honeyhive\n"
        "from importlib.resources import files\n"
        "assert honeyhive.__file__.startswith(sys.argv[1]), honeyhive.__file__\n"
        "p = {'project': 'p', 'session_name': 's', 'source': 'x', 'extra': 1}\n"
        "m = honeyhive.SessionStartRequest.from_dict(p)\n"
        "assert m.to_dict() == p and m.additional_properties == {'extra': 1}\n"
        "schema = json.loads(files('honeyhive').joinpath('schemas/Tool.schema.json').read_text())\n"
        "print(schema['title'], type(m).__name__)\n"
    )
    env = {"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin", "PYTHONNOUSERSITE": "1"}
    r = subprocess.run(
        [sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(target)!r})\n" + code,
         str(target)],
        cwd=tmp_path, capture_output=True, text=True, timeout=60, env=env,
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == ["Tool", "SessionStartRequest"]
