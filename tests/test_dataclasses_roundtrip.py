"""Property tests: `Model.from_dict(p).to_dict() == p` for every model, and the
models accept exactly what the emitted JSON Schema accepts.

Payloads come from two generators: a strategy written from the IR (absent vs
null, extra keys in open objects, nested arrays and maps of models, recursive
models, RFC 3339 date-times in every spelling) and hypothesis-jsonschema run
on the emitted schemas.  Equality is checked on canonical JSON text, so
`1`/`1.0`/`true` or a lost `-0.0` would fail where `==` on dicts would not.

The cross-check validator is jsonschema's Draft 2020-12 with format checking.
Two documented differences are applied to it, nothing else: in an open
(default) build enums are open, so their `enum` lists are dropped; and the
models' `integer` is a JSON integer literal (`1.0` is a number, not an int).
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import ROOT, run_cli, unknown_nulls
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from test_dataclasses import feature_spec, load_package, render, write

from generator import config as config_mod
from generator import pipeline
from generator.ir import (
    AnyType,
    Array,
    EnumModel,
    Field,
    Literal,
    Map,
    ObjectModel,
    Primitive,
    Ref,
    Spec,
    Type,
    Union,
    UnionModel,
    free_form,
)

SETTINGS = settings(
    max_examples=30,
    deadline=None,
    database=None,
    # no shrinking: a failure is reported as drawn (shrinking big nested
    # payloads can take minutes, which CI cannot afford)
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def canon(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=True)


# ------------------------------------------------------------ strategies

LEAF = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=6),
)
JSON = st.recursive(
    LEAF,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)


@st.composite
def rfc3339(draw: st.DrawFn) -> str:
    """Date-times in every RFC 3339 spelling: t/T, z/Z, offsets, 0-9 fraction digits."""
    d = draw(st.datetimes())
    text = f"{d.year:04d}-{d.month:02d}-{d.day:02d}{draw(st.sampled_from('Tt'))}"
    text += f"{d.hour:02d}:{d.minute:02d}:{d.second:02d}"
    digits = draw(st.integers(0, 9))
    if digits:
        text += "." + draw(st.text("0123456789", min_size=digits, max_size=digits))
    sign, hours, minutes = draw(
        st.tuples(st.sampled_from("+-"), st.integers(0, 23), st.integers(0, 59))
    )
    offset = f"{sign}{hours:02d}:{minutes:02d}"
    return text + draw(st.sampled_from(["Z", "z", "+00:00", "-00:00", offset]))


DATES = st.dates().map(lambda d: d.isoformat())


class Payloads:
    """A strategy per IR type; `unknown_enums` adds values the docs do not list."""

    def __init__(self, spec: Spec, unknown_enums: bool = False) -> None:
        self.models = spec.model_map()
        self.unknown_enums = unknown_enums
        self.memo: dict[str, st.SearchStrategy[Any]] = {}

    def of(self, t: Type) -> st.SearchStrategy[Any]:
        match t:
            case Primitive("string", "date-time"):
                return rfc3339()
            case Primitive("string", "date"):
                return DATES
            case Primitive(kind):
                return {
                    "string": st.text(max_size=8),
                    "integer": st.integers(),
                    "number": st.integers() | st.floats(allow_nan=False, allow_infinity=False),
                    "boolean": st.booleans(),
                    "null": st.none(),
                }[kind]
            case Array(item):
                return st.lists(self.of(item), max_size=3)
            case Map(value):
                return st.dictionaries(st.text(max_size=5), self.of(value), max_size=3)
            case Union(variants):
                return st.one_of([self.of(v) for v in variants])
            case Literal(value):
                return st.just(value)
            case AnyType():
                return JSON
            case Ref(name):
                if name not in self.memo:
                    self.memo[name] = st.deferred(lambda: self.model(name))
                return self.memo[name]
        raise AssertionError(t)

    def field(self, f: Field) -> st.SearchStrategy[Any]:
        s = self.of(f.type)
        return st.none() | s if f.nullable else s

    def model(self, name: str) -> st.SearchStrategy[Any]:
        m = self.models[name]
        if isinstance(m, EnumModel):
            values = [mem.value for mem in m.members]
            known = st.sampled_from(values)
            ints = all(isinstance(v, int) for v in values)
            unknown = st.integers() if ints else st.text(max_size=6)
            return known | unknown if self.unknown_enums else known
        if isinstance(m, UnionModel):
            return st.one_of([self.of(v) for v in m.variants])
        if not isinstance(m, ObjectModel):
            return self.of(m.type)
        keys = {f.wire_name for f in m.fields}
        base = st.fixed_dictionaries(
            {f.wire_name: self.field(f) for f in m.fields if f.required},
            optional={f.wire_name: self.field(f) for f in m.fields if not f.required},
        )
        if not m.open:
            return base
        extra = st.dictionaries(
            st.text(max_size=6).filter(lambda k: k not in keys), JSON, max_size=2
        )
        return st.tuples(extra, base).map(lambda pair: {**pair[0], **pair[1]})


@st.composite
def mutated(draw: st.DrawFn, valid: st.SearchStrategy[Any]) -> Any:
    """A valid payload with one thing changed: a value, a key removed or added."""
    payload = copy.deepcopy(draw(valid))
    slots: list[tuple[Any, Any]] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                slots.append((node, k))
                walk(v)
        elif isinstance(node, list):
            for i, v in enumerate(node):
                slots.append((node, i))
                walk(v)

    walk(payload)
    op = draw(st.sampled_from(["replace", "delete", "add", "whole"]))
    if op == "whole" or not slots:
        return draw(JSON)
    parent, key = draw(st.sampled_from(slots))
    if op == "replace":
        parent[key] = draw(JSON)
    elif op == "delete" and isinstance(parent, dict):
        del parent[key]
    elif isinstance(parent, dict):
        parent[draw(st.text(max_size=4))] = draw(JSON)
    return payload


# --------------------------------------------------------------- oracle


def _open_enums(schema: Any) -> Any:
    if isinstance(schema, dict):
        return {k: _open_enums(v) for k, v in schema.items() if k != "enum"}
    if isinstance(schema, list):
        return [_open_enums(v) for v in schema]
    return schema


def _strict_integer(checker: Any, instance: Any) -> bool:
    return isinstance(instance, int) and not isinstance(instance, bool)


ModelsValidator = jsonschema.validators.extend(
    jsonschema.Draft202012Validator,
    type_checker=jsonschema.Draft202012Validator.TYPE_CHECKER.redefine("integer", _strict_integer),
)


def validator(
    bundle: dict[str, Any], name: str, open_enums: bool, spec: Spec | None = None
) -> Any:
    defs = _open_enums(bundle["$defs"]) if open_enums else bundle["$defs"]
    defs = unknown_nulls(defs, spec) if spec is not None else defs
    schema = {"$defs": defs, "$ref": f"#/$defs/{name}"}
    return ModelsValidator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


# ------------------------------------------------------------- packages


class Built:
    def __init__(self, spec: Spec, out: Path, package: str, strict: bool) -> None:
        self.spec = spec
        self.pkg = load_package(out, package)
        self.bundle = json.loads((out / package / "schemas" / "_bundle.schema.json").read_text())
        self.strict = strict
        self._validators: dict[str, Any] = {}

    def model(self, name: str) -> Any:
        return getattr(self.pkg.models, name)

    def load(self, name: str, payload: Any) -> Any:
        """A model's `from_dict`; a free-form object (a dict alias) has no
        class, so its module-level loader, the one its users' fields call."""
        if free_form(self.spec.model(name)):
            return getattr(self.pkg.models, f"_load_{name}")(payload)
        return self.model(name).from_dict(payload)

    def dump(self, name: str, obj: Any) -> Any:
        if free_form(self.spec.model(name)):
            assert type(obj) is dict, type(obj)
            return dict(obj)
        return obj.to_dict()

    def objects(self) -> list[str]:
        return [m.name for m in self.spec.models if isinstance(m, ObjectModel)]

    def valid(self, name: str, payload: Any) -> bool:
        if name not in self._validators:
            self._validators[name] = validator(
                self.bundle, name, open_enums=not self.strict, spec=self.spec
            )
        return bool(self._validators[name].is_valid(payload))

    def accepts(self, name: str, payload: Any) -> bool:
        try:
            self.load(name, payload)
        except self.pkg.ModelError:
            return False
        return True


def project_spec() -> Spec:
    cfg = config_mod.load(ROOT)
    spec, _ = pipeline.load_spec(replace(cfg, package="hhrt"))
    return spec


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    """The project's spec built by the real CLI, imported under its own name."""
    out = tmp_path_factory.mktemp("rt") / "gen"
    r = run_cli(
        "build", "--out", str(out), "--package", "hhrt", "--targets", "jsonschema,dataclasses"
    )
    assert r.returncode == 0, r.stderr
    yield Built(project_spec(), out, "hhrt", strict=False)


@pytest.fixture(scope="module")
def feats(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Built, Built]]:
    tmp = tmp_path_factory.mktemp("rtfeat")
    spec = feature_spec()
    built = []
    for package, strict in [("rtopen", False), ("rtstrict", True)]:
        out = write(render(spec, package, strict), tmp / package)
        built.append(Built(spec, out, package, strict))
    yield built[0], built[1]


REAL_OBJECTS = [m.name for m in project_spec().models if isinstance(m, ObjectModel)]
# free-form objects (about half the spec) need few examples: any object is valid
FIELDLESS = {m.name for m in project_spec().models if free_form(m)}


def budget(name: str, n: int) -> int:
    return max(3, n // 5) if name in FIELDLESS else n


FEATURE_OBJECTS = [m.name for m in feature_spec().models if isinstance(m, ObjectModel)]


def round_trip(built: Built, name: str, payload: Any) -> None:
    obj = built.load(name, payload)
    assert canon(built.dump(name, obj)) == canon(payload)
    again = built.load(name, json.loads(json.dumps(built.dump(name, obj))))
    assert again == obj


# ----------------------------------------------------------------- tests


def test_every_model_of_the_spec_is_covered(real: Built) -> None:
    assert len(REAL_OBJECTS) > 60 and set(REAL_OBJECTS) == set(real.objects())


@pytest.mark.parametrize("name", REAL_OBJECTS)
def test_round_trip_every_spec_model(real: Built, name: str) -> None:
    payloads = Payloads(real.spec, unknown_enums=True)

    @settings(SETTINGS, max_examples=budget(name, 25))
    @given(payloads.of(Ref(name)))
    def check(payload: Any) -> None:
        round_trip(real, name, payload)

    check()


def test_free_form_objects_are_dict_aliases(real: Built) -> None:
    free = [m.name for m in real.spec.models if free_form(m)]
    assert len(free) > 20  # Inputs, Metadata, History...: half the spec's objects
    for name in free:
        assert real.model(name) == dict[str, Any], name
    for name in set(REAL_OBJECTS) - set(free):
        assert isinstance(real.model(name), type), name  # objects with fields: classes


def test_event_inputs_is_a_copy_of_the_payloads_dict(real: Built) -> None:
    p = {"event_id": "e1", "event_type": "model", "inputs": {"q": "hi", "deep": {"a": [1]}}}
    event = real.model("Event").from_dict(p)
    assert type(event.inputs) is dict and event.inputs == p["inputs"]
    assert event.inputs is not p["inputs"]  # a copy: editing it leaves the payload alone
    event.inputs["q"] = "changed"
    assert p["inputs"]["q"] == "hi"
    out = event.to_dict()
    assert out["inputs"] == event.inputs and out["inputs"] is not event.inputs
    assert real.model("Event")(inputs={"mine": 1}).to_dict() == {"inputs": {"mine": 1}}


@pytest.mark.parametrize("name", FEATURE_OBJECTS)
def test_round_trip_every_ir_feature(feats: tuple[Built, Built], name: str) -> None:
    open_, strict = feats

    @SETTINGS
    @given(st.data())
    def check(data: st.DataObject) -> None:
        payload = data.draw(Payloads(open_.spec, unknown_enums=True).of(Ref(name)))
        round_trip(open_, name, payload)
        known = data.draw(Payloads(strict.spec).of(Ref(name)))
        assert strict.valid(name, known), "the IR strategy must stay inside the schema"
        round_trip(strict, name, known)

    check()


@pytest.mark.parametrize("name", FEATURE_OBJECTS)
def test_cross_check_models_accept_exactly_what_the_schema_accepts(
    feats: tuple[Built, Built], name: str
) -> None:
    @SETTINGS
    @given(st.data())
    def check(data: st.DataObject) -> None:
        for built in feats:
            payload = data.draw(mutated(Payloads(built.spec).of(Ref(name))))
            assert built.accepts(name, payload) == built.valid(name, payload), payload

    check()


@pytest.mark.parametrize("name", REAL_OBJECTS)
def test_cross_check_on_the_spec(real: Built, name: str) -> None:
    @settings(SETTINGS, max_examples=budget(name, 15))
    @given(mutated(Payloads(real.spec).of(Ref(name))))
    def check(payload: Any) -> None:
        assert real.accepts(name, payload) == real.valid(name, payload), payload

    check()


@pytest.mark.slow
@pytest.mark.parametrize("name", REAL_OBJECTS)
def test_schema_generated_payloads_load_and_round_trip(real: Built, name: str) -> None:
    """hypothesis-jsonschema draws from the emitted schema itself."""
    from hypothesis_jsonschema import from_schema

    schema = {"$defs": real.bundle["$defs"], "$ref": f"#/$defs/{name}"}

    @settings(SETTINGS, max_examples=budget(name, 8))
    @given(from_schema(schema))
    def check(payload: Any) -> None:
        round_trip(real, name, payload)

    check()


# ------------------------------------------------------ docs' examples


def _balanced(text: str, start: int) -> str:
    """The `{...}` starting at `start` (strings in the examples hold no braces)."""
    depth = 0
    for i in range(start, len(text)):
        depth += {"{": 1, "}": -1}.get(text[i], 0)
        if depth == 0:
            return text[start : i + 1]
    raise ValueError("unbalanced braces")


def ts_literal(text: str, enums: dict[str, dict[str, Any]]) -> Any:
    """A TypeScript object literal from the docs -> JSON data (doc names kept)."""
    text = re.sub(
        r"\b([A-Z][A-Za-z0-9]*)\.([A-Za-z0-9_]+)\b", lambda m: json.dumps(enums[m[1]][m[2]]), text
    )
    text = re.sub(r"([{,]\s*)([A-Za-z_$][\w$]*)\s*:", r'\1"\2":', text)
    text = re.sub(r",(\s*[}\]])", r"\1", text)
    return json.loads(text)


def to_wire(spec: Spec, t: Type, value: Any) -> Any:
    """Doc names (childrenIds) -> wire names (children_ids), following the IR."""
    match t:
        case Ref(name) if isinstance(spec.model(name), ObjectModel) and isinstance(value, dict):
            m = spec.model(name)
            assert isinstance(m, ObjectModel)
            by_doc = {f.doc_name: f for f in m.fields}
            return {
                (by_doc[k].wire_name if k in by_doc else k): (
                    to_wire(spec, by_doc[k].type, v) if k in by_doc else v
                )
                for k, v in value.items()
            }
        case Array(item) if isinstance(value, list):
            return [to_wire(spec, item, v) for v in value]
    return value


def doc_examples(spec: Spec) -> list[tuple[str, str, Any]]:
    """(operation, body model, payload) for every Example Usage call we can read."""
    enums = {
        m.name: {mem.name: mem.value for mem in m.members}
        for m in spec.models
        if isinstance(m, EnumModel)
    }
    found = []
    for op in spec.operations:
        if not isinstance(op.body, Ref):
            continue
        code = (ROOT / "spec" / op.source.file).read_text(encoding="utf-8")
        call = re.search(rf"sdk\.\w+\.{re.escape(op.name)}\(([^)]*)", code)
        if call is None:
            continue
        literal = None
        for arg in call[1].split(","):
            arg = arg.strip()
            if arg.startswith("{"):
                literal = _balanced(code, call.start(1) + call[1].index("{"))
            elif arg and (decl := re.search(rf"const {re.escape(arg)}\b[^=]*=\s*{{", code)):
                literal = _balanced(code, decl.end() - 1)
            if literal is not None:
                break
        if literal is None:
            continue
        data = to_wire(spec, op.body, ts_literal(literal, enums))
        found.append((op.name, op.body.model, data))
    return found


def test_docs_example_requests_validate_and_round_trip(real: Built) -> None:
    examples = doc_examples(real.spec)
    bodies = [op for op in real.spec.operations if isinstance(op.body, Ref)]
    assert len(examples) == len(bodies), [e[0] for e in examples]  # every one is read
    for op, model, payload in examples:
        assert payload, op
        assert real.valid(model, payload), (op, payload)
        obj = real.load(model, payload)
        assert canon(real.dump(model, obj)) == canon(payload), op
        assert obj.additional_properties == {}, (op, obj.additional_properties)  # names mapped
