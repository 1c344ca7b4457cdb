"""Interop: payloads generated from the JSON Schema are accepted by the pydantic
models and by the dataclasses, and all three agree on them byte for byte:

    Pyd.model_validate(p).model_dump(by_alias=True, exclude_unset=True, mode="json")
        == p == Data.from_dict(p).to_dict()

while payloads that break the schema are rejected by both.  Payloads come from
hypothesis-jsonschema reading the emitted bundle, so the test trusts neither
the IR nor either generator; jsonschema confirms every payload's verdict.
"""

from __future__ import annotations

import copy
import importlib
import json
import sys
import tempfile
import warnings
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from types import ModuleType
from typing import Any

import jsonschema
import pytest
from conftest import SPEC, unknown_nulls
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import HypothesisWarning
from hypothesis_jsonschema import from_schema
from pydantic import BaseModel, TypeAdapter, ValidationError
from test_pydantic import PETS, write_spec

from generator.config import Config
from generator.emit import render
from generator.ir import AliasModel, EnumModel, Spec, UnionModel, free_form
from generator.pipeline import load_spec
from generator.write import write

PKG = "hh_pyd_interop"
DC_PKG = "hh_dc_interop"
EXAMPLES = 10  # per model and test: ~200 tests stay ~20 s of CPU

# ------------------------------------------------------------------ build


class Built:
    def __init__(
        self, spec: Spec, out: Path, pkg: str, pyd: ModuleType, dc: ModuleType | None
    ) -> None:
        self.spec = spec
        self.pyd = pyd
        self.dc = dc
        bundle = json.loads((out / pkg / "schemas" / "_bundle.schema.json").read_text("utf-8"))
        self.defs: dict[str, Any] = bundle["$defs"]


# Two sources: the project's spec (objects and enums), and the pets fixture of
# test_pydantic.py (nullable, literal, union alias, maps, any, date-time) without
# its recursive field, which hypothesis-jsonschema cannot resolve.
PETS_FLAT = {
    k: "\n".join(ln for ln in v.split("\n") if "`friends`" not in ln) for k, v in PETS.items()
}


def _config(source: str, spec_root: Path, out: Path, targets: tuple[str, ...], pkg: str) -> Config:
    if source == "pets":
        return Config(spec=spec_root, out=out, package=pkg, targets=targets)
    overrides = SPEC / "wire-names.md"
    return Config(
        spec=SPEC,
        out=out,
        package=pkg,
        targets=targets,
        wire_names="snake_case",
        wire_name_overrides=overrides if overrides.is_file() else None,
    )


def _dataclasses(cfg: Config, spec: Spec, pkg: str) -> tuple[ModuleType | None, str | None]:
    """The dataclasses module (own package, so its state cannot break the pydantic
    side), or why there is none: that target is written concurrently."""
    try:
        write(cfg.out, render(spec, cfg), "test")
        sys.path.insert(0, str(cfg.out))
        importlib.invalidate_caches()
        return importlib.import_module(f"{pkg}.models"), None
    except Exception as e:  # noqa: BLE001 - any failure means: not there yet
        return None, f"the dataclasses target does not build yet: {type(e).__name__}: {e}"


DC_MISSING: list[str] = []  # filled by the fixture: why the dataclass side is skipped


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Built]]:
    out = tmp_path_factory.mktemp("interop")
    pets_root = write_spec(out / "pets_spec", PETS_FLAT)
    path_before = list(sys.path)
    result: dict[str, Built] = {}
    try:
        for source in SOURCES:
            pkg, dc_pkg = f"{PKG}_{source}", f"{DC_PKG}_{source}"
            cfg = _config(source, pets_root, out / f"pyd_{source}", ("jsonschema", "pydantic"), pkg)
            spec, _ = load_spec(cfg)
            write(cfg.out, render(spec, cfg), "test")
            sys.path.insert(0, str(cfg.out))
            importlib.invalidate_caches()
            pyd = importlib.import_module(f"{pkg}.pydantic_models")
            dc_cfg = _config(source, pets_root, out / f"dc_{source}", ("dataclasses",), dc_pkg)
            dc, why = _dataclasses(dc_cfg, spec, dc_pkg)
            if why:
                DC_MISSING.append(why)
            result[source] = Built(spec, cfg.out, pkg, pyd, dc)
        yield result
    finally:
        sys.path[:] = path_before
        for name in [m for m in sys.modules if m.startswith((PKG, DC_PKG))]:
            del sys.modules[name]


# ------------------------------------------------------------------ payloads


# Date-times in the one spelling every side writes back unchanged: pydantic
# writes UTC as `Z` and fractions as 6 digits (test_pydantic.py pins that), so
# the generator avoids `+00:00` and short fractions; all else is RFC 3339.
def _rfc3339(d: datetime, frac: str, offset: str) -> str:
    # A named function, not a lambda: hypothesis reads a lambda's source to
    # label the strategy, which cost seconds across the parametrized tests.
    return d.isoformat(timespec="seconds") + frac + offset


CANONICAL_DATETIME = st.builds(
    _rfc3339,
    st.datetimes(),
    st.sampled_from(["", ".123456"]),
    st.sampled_from(["Z", "+01:00", "-05:30", "+14:00"]),
)


def _renamed_fields(cls: Any) -> list[str]:
    """Attribute names that are not wire names: with populate_by_name they are
    read as the field, so an extra key spelled like one is not an extra key."""
    return sorted(n for n, f in cls.model_fields.items() if f.alias and f.alias != n)


def _pyd_class(mod: ModuleType, name: str) -> Any:
    # datamodel-code-generator suffixes a name that collides with an import.
    return getattr(mod, name, None) or getattr(mod, name + "Model")


_SCALARS = {"type": ["string", "integer", "number", "boolean", "null"]}
# A bounded stand-in for `{}` (any JSON): one level of nesting, few entries.
_SMALL_ANY = {
    "anyOf": [
        _SCALARS,
        {"type": "array", "items": _SCALARS, "maxItems": 2},
        {"type": "object", "additionalProperties": _SCALARS, "maxProperties": 2},
    ]
}


def _bounded(node: Any) -> Any:
    """Size bounds for generation only (arrays <= 2 items, <= 2 unknown keys,
    small `any` values): hypothesis-jsonschema otherwise spends seconds per
    payload on nested arbitrary JSON.  `not` is left alone (a bound there would
    widen what it allows); every payload is checked against the real schema."""
    if isinstance(node, list):
        return [_bounded(v) for v in node]
    if not isinstance(node, dict):
        return node
    if node == {}:
        return _SMALL_ANY
    out: dict[str, Any] = {}
    for k, v in node.items():
        if k in ("properties", "$defs"):
            out[k] = {n: _bounded(s) for n, s in v.items()}
        elif k in ("items", "additionalProperties", "anyOf", "allOf", "oneOf"):
            out[k] = _bounded(v)
        else:
            out[k] = v
    kinds = out.get("type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    if "array" in kinds:
        out.setdefault("maxItems", 2)
    if "object" in kinds and out.get("additionalProperties", True) is not False:
        out.setdefault("maxProperties", len(out.get("properties", {})) + 2)
    if out.get("additionalProperties") == {}:
        out["additionalProperties"] = _SMALL_ANY
    return out


def _reachable(defs: dict[str, Any], name: str) -> dict[str, Any]:
    """The $defs a model refers to, transitively (less for hypothesis to resolve)."""
    seen: set[str] = set()
    todo = [name]
    while todo:
        n = todo.pop()
        if n in seen:
            continue
        seen.add(n)
        text = json.dumps(defs[n])
        todo += [d for d in defs if f'"#/$defs/{d}"' in text]
    return {n: defs[n] for n in sorted(seen)}


def generation_schema(b: Built, name: str) -> dict[str, Any]:
    """The model's schema with the $defs it needs, for hypothesis-jsonschema."""
    defs = copy.deepcopy(_reachable(b.defs, name))
    for n, d in defs.items():
        cls = _pyd_class(b.pyd, n)
        if d.get("additionalProperties") is True and isinstance(cls, type):
            if issubclass(cls, BaseModel) and _renamed_fields(cls):
                d["propertyNames"] = {"not": {"enum": _renamed_fields(cls)}}
    return _bounded({**defs[name], "$defs": defs})


def payloads(schema: dict[str, Any]) -> st.SearchStrategy[Any]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", HypothesisWarning)  # we override date-time on purpose
        return from_schema(schema, custom_formats={"date-time": CANONICAL_DATETIME})


def validator(b: Built, name: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator({**b.defs[name], "$defs": b.defs})


# ------------------------------------------------------------------ the three sides


def pyd_roundtrip(b: Built, name: str, p: Any) -> Any:
    cls = _pyd_class(b.pyd, name)
    if isinstance(cls, type) and issubclass(cls, BaseModel):
        return cls.model_validate(p).model_dump(by_alias=True, exclude_unset=True, mode="json")
    ta: TypeAdapter[Any] = TypeAdapter(cls)  # an Enum
    return ta.dump_python(ta.validate_python(p), mode="json")


def dc_roundtrip(b: Built, name: str, p: Any) -> Any:
    assert b.dc is not None
    cls = getattr(b.dc, name)
    model = b.spec.model(name)
    if isinstance(model, EnumModel):
        return cls(p).value
    if isinstance(model, UnionModel | AliasModel) or free_form(model):
        # A type alias there (free-form objects are dict aliases): the module's
        # own (private) codec functions read it.
        load, dump_ = getattr(b.dc, f"_load_{name}", None), getattr(b.dc, f"_dump_{name}", None)
        if load is None:
            pytest.skip(f"the dataclasses module has no codec for alias {name}")
        return dump_(load(p)) if dump_ is not None else load(p)
    return cls.from_dict(p).to_dict()


def same_json(a: Any, b: Any) -> bool:
    """Equal as JSON text: 3 and 3.0 differ, key order does not."""
    return json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


SOURCES = ("spec", "pets")


def model_names() -> list[tuple[str, str]]:
    """(source, model) pairs, read at collection time."""
    with tempfile.TemporaryDirectory() as tmp:
        pets_root = write_spec(Path(tmp) / "spec", PETS_FLAT)
        out: list[tuple[str, str]] = []
        for source in SOURCES:
            spec, _ = load_spec(_config(source, pets_root, Path(tmp), ("pydantic",), PKG))
            out += [(source, m.name) for m in spec.models]
    return out


NAMES = model_names()
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,  # CI sees the same payloads every run
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.mark.parametrize(("source", "name"), NAMES)
def test_valid_payloads_roundtrip_on_both_sides(
    builds: dict[str, Built], source: str, name: str
) -> None:
    built = builds[source]
    check = validator(built, name)

    @SETTINGS
    @given(payloads(generation_schema(built, name)))
    def run(p: Any) -> None:
        assert check.is_valid(p), "hypothesis-jsonschema produced an invalid payload"
        dumped = pyd_roundtrip(built, name, p)
        assert same_json(dumped, p), f"pydantic {name}: {p!r} came back as {dumped!r}"
        if built.dc is not None:
            back = dc_roundtrip(built, name, p)
            assert same_json(back, p), f"dataclass {name}: {p!r} came back as {back!r}"

    run()


def _open_enums(node: Any) -> Any:
    """The schema with every `enum` reduced to the type of its values."""
    if isinstance(node, list):
        return [_open_enums(v) for v in node]
    if not isinstance(node, dict):
        return node
    out = {k: _open_enums(v) for k, v in node.items() if k != "enum"}
    if isinstance(node.get("enum"), list):
        out.setdefault("type", "integer" if all(type(v) is int for v in node["enum"]) else "string")
    return out


def _wrong_value_schema(prop: dict[str, Any]) -> dict[str, Any] | None:
    """A schema for values the property rejects, or None if it accepts anything."""
    core = {k: v for k, v in prop.items() if k not in ("description", "deprecated", "examples")}
    if not core:
        return None
    bad: dict[str, Any] = {"not": core}
    if prop.get("format") == "date-time":
        # pydantic's lax datetime reads a number as a Unix time (pinned in
        # test_pydantic.py): numbers are left out of the invalid set here.
        bad = {"allOf": [bad, {"not": {"type": ["integer", "number"]}}]}
    return bad


@pytest.mark.parametrize(("source", "name"), NAMES)
def test_invalid_payloads_are_rejected_by_both(
    builds: dict[str, Built], source: str, name: str
) -> None:
    built = builds[source]
    schema = built.defs[name]
    check = validator(built, name)
    # The dataclasses also accept null where the docs cannot say nullability.
    as_read = unknown_nulls(built.defs, built.spec)
    open_enums = jsonschema.Draft202012Validator(_open_enums({**as_read[name], "$defs": as_read}))
    gen_schema = generation_schema(built, name)
    props: dict[str, Any] = schema.get("properties", {})
    targets = [(k, s) for k, v in props.items() if (s := _wrong_value_schema(v)) is not None]
    required = list(schema.get("required", []))
    if schema.get("type") != "object":
        # Bounds inside `not` (or in the $defs it reaches) would widen it: none here.
        strategy: st.SearchStrategy[Any] = payloads(
            {"not": schema, "$defs": _reachable(built.defs, name)}
        )
    else:
        valid = payloads(gen_schema)
        wrong = {k: payloads({**bad, "$defs": _reachable(built.defs, name)}) for k, bad in targets}
        not_object = payloads({"not": {"type": "object"}})

        @st.composite
        def broken(draw: st.DrawFn) -> Any:
            moves = ["not an object", *(["drop"] * bool(required)), *(["wrong"] * bool(wrong))]
            move = draw(st.sampled_from(moves))
            if move == "not an object":
                return draw(not_object)
            p = dict(draw(valid))
            if move == "drop":
                del p[draw(st.sampled_from(required))]
            else:
                key = draw(st.sampled_from(sorted(wrong)))
                p[key] = draw(wrong[key])
            return p

        strategy = broken()

    @SETTINGS
    @given(strategy)
    def run(p: Any) -> None:
        assert not check.is_valid(p), f"mutation left {p!r} valid"
        with pytest.raises(ValidationError):
            pyd_roundtrip(built, name, p)
        if built.dc is not None:
            try:
                back = dc_roundtrip(built, name, p)
            except ValueError:  # ModelError (or an Enum's ValueError); never Key/TypeError
                return
            # The dataclasses read enums as open (an unlisted value is kept raw) and
            # null where the docs cannot settle nullability, while the JSON Schema
            # and pydantic refuse both: accepted only if that is all that is wrong,
            # and then kept unchanged.
            assert open_enums.is_valid(p), f"dataclass {name} accepted invalid {p!r}"
            assert same_json(back, p), f"dataclass {name}: {p!r} came back as {back!r}"

    run()


def test_dataclass_side_is_checked(builds: dict[str, Built]) -> None:
    """The tests above check the dataclass side only when it builds, so a broken
    dataclasses target fails here instead of quietly halving the interop test."""
    assert not DC_MISSING, DC_MISSING[0]
    assert all(b.dc is not None for b in builds.values())
