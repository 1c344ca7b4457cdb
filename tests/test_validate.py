"""The validator (templates/validation -> <package>/validation.py), on both engines.

Payloads are generated from the schemas themselves: one valid payload per model
(every property filled, nested models included), then one mutation per
reachable property (wrong type, removed required key, enum non-member, bad
date-time, undeclared key under --strict), each with the pointer and rule the
mutation must produce.  Hand-picked edge cases follow.
"""

from __future__ import annotations

import copy
import importlib.util
import json
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from types import ModuleType
from typing import Any

import jsonschema
import pytest

from generator.config import load
from generator.validate import defs_from_dir, defs_from_spec, engine_module

ROOT = Path(__file__).resolve().parents[1]
ENGINES = ["jsonschema-rs", "jsonschema"]
CFG = load(ROOT)


@pytest.fixture(scope="module")
def defs() -> dict[str, Any]:
    return defs_from_spec(CFG)


@pytest.fixture(scope="module")
def strict_defs() -> dict[str, Any]:
    return defs_from_spec(replace(CFG, strict=True))


@pytest.fixture(scope="module")
def mod(defs: dict[str, Any]) -> ModuleType:
    return engine_module(CFG, list(defs))


# ------------------------------------------------------------ payload generation


def resolve(schema: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = {
            **defs[schema["$ref"].rsplit("/", 1)[-1]],
            **{k: v for k, v in schema.items() if k != "$ref"},
        }
    return schema


def non_null(schema: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    schema = resolve(schema, defs)
    for v in schema.get("anyOf", ()):
        if resolve(v, defs).get("type") != "null":
            return resolve(v, defs)
    return schema


def sample(schema: dict[str, Any], defs: dict[str, Any], depth: int = 0) -> Any:
    """A valid value for `schema` with every property present (to a depth)."""
    s = non_null(schema, defs)
    if "const" in s:
        return s["const"]
    if "enum" in s:
        return s["enum"][0]
    t = s.get("type")
    if isinstance(t, list):
        t = next(x for x in t if x != "null")
    if t == "object":
        props = s.get("properties", {})
        keep = set(s.get("required", ())) | (set(props) if depth < 4 else set())
        out = {k: sample(v, defs, depth + 1) for k, v in props.items() if k in keep}
        extra = s.get("additionalProperties")
        if isinstance(extra, dict) and extra and not props:
            out["key"] = sample(extra, defs, depth + 1)
        return out
    if t == "array":
        return [sample(s.get("items", {}), defs, depth + 1)]
    if t == "string":
        return {"date-time": "2024-05-01T12:30:00Z", "date": "2024-05-01"}.get(
            s.get("format", ""), "text"
        )
    return {"integer": 7, "number": 1.5, "boolean": True, "null": None}.get(t or "", "any")


WRONG = [True, 12345, "wrong", [1], {"k": 1}, None]


def allowed_types(s: dict[str, Any], defs: dict[str, Any]) -> set[str] | None:
    """JSON types the schema accepts, or None when it accepts every type."""
    s = resolve(s, defs)
    if "anyOf" in s:
        sets = [allowed_types(v, defs) for v in s["anyOf"]]
        if any(x is None for x in sets):
            return None
        return set().union(*[x for x in sets if x is not None])
    t = s.get("type")
    if t is None:
        return None
    types = {t} if isinstance(t, str) else set(t)
    return types | ({"integer"} if "number" in types else set())


def jtype(v: Any) -> str:
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "boolean"
    return {int: "integer", str: "string", list: "array", dict: "object"}[type(v)]


def set_at(doc: Any, path: tuple[Any, ...], value: Any) -> Any:
    doc = copy.deepcopy(doc)
    node = doc
    for p in path[:-1]:
        node = node[p]
    node[path[-1]] = value
    return doc


def ptr(path: tuple[Any, ...]) -> str:
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in path)


Case = tuple[str, Any, str, str]  # (label, payload, pointer, rule)


def walk(
    value: Any, schema: dict[str, Any], defs: dict[str, Any], path: tuple[Any, ...] = ()
) -> Iterator[tuple[tuple[Any, ...], dict[str, Any], Any]]:
    """(path, schema, value) for every value of a sample payload."""
    yield path, schema, value
    s = non_null(schema, defs)
    if isinstance(value, dict):
        props = s.get("properties", {})
        for k, v in value.items():
            sub = props.get(k, s.get("additionalProperties"))
            if isinstance(sub, dict):
                yield from walk(v, sub, defs, (*path, k))
    elif isinstance(value, list) and isinstance(s.get("items"), dict):
        for i, v in enumerate(value):
            yield from walk(v, s["items"], defs, (*path, i))


def mutations(name: str, defs: dict[str, Any]) -> Iterator[Case]:
    root = {"$ref": f"#/$defs/{name}"}
    good = sample(root, defs)
    for path, schema, value in walk(good, root, defs):
        s = non_null(schema, defs)
        kinds = allowed_types(schema, defs)
        if kinds is not None:
            wrong = next(w for w in WRONG if jtype(w) not in kinds)
            rule = "anyOf" if "anyOf" in resolve(schema, defs) else "type"
            doc = wrong if not path else set_at(good, path, wrong)
            yield f"{name}{ptr(path)} type", doc, ptr(path), rule
        if "enum" in s and path:
            yield f"{name}{ptr(path)} enum", set_at(good, path, "no-such-member"), ptr(path), "enum"
        if s.get("format") == "date-time" and path:
            doc = set_at(good, path, "2024-13-45T25:61:00Z")
            yield f"{name}{ptr(path)} format", doc, ptr(path), "format"
        if isinstance(value, dict):
            for req in s.get("required", ()):
                doc = copy.deepcopy(value)
                del doc[req]
                doc = doc if not path else set_at(good, path, doc)
                yield f"{name}{ptr(path)} required {req}", doc, ptr((*path, req)), "required"
            if s.get("additionalProperties") is False:
                doc = {**value, "zz_undeclared": 1}
                doc = doc if not path else set_at(good, path, doc)
                where = ptr((*path, "zz_undeclared"))
                yield f"{name}{ptr(path)} closed", doc, where, "additionalProperties"


def reference_valid(name: str, defs: dict[str, Any], payload: Any) -> bool:
    """The plain jsonschema library (rfc3339-validator format checks) as an oracle."""
    root = {"$defs": defs, "$ref": f"#/$defs/{name}"}
    v = jsonschema.Draft202012Validator(root, format_checker=jsonschema.FormatChecker())
    return bool(v.is_valid(payload))


# ------------------------------------------------------------ generated cases


@pytest.mark.parametrize("engine", ENGINES)
def test_every_model_valid_and_invalid(
    engine: str, mod: ModuleType, defs: dict[str, Any], strict_defs: dict[str, Any]
) -> None:
    checked = failures = 0
    for which in (defs, strict_defs):
        v = mod.Validator(which, engine=engine)
        assert v.engine == engine
        for name in sorted(which):
            good = sample({"$ref": f"#/$defs/{name}"}, which)
            assert reference_valid(name, which, good), name
            assert v.validate(name, good) == [], (name, good)
            assert v.is_valid(name, good)
            for label, doc, where, rule in mutations(name, which):
                checked += 1
                assert not reference_valid(name, which, doc), label
                errs = v.validate(name, doc)
                got = {(e.pointer, e.rule) for e in errs}
                assert (where, rule) in got, (label, got)
                assert all(e.pointer == where for e in errs), (label, got)
                assert not v.is_valid(name, doc)
                failures += 1
    # every model has a case, and the strict pass adds closed-object cases
    assert checked == failures and checked > 2 * len(defs)


def test_mutations_cover_each_rule(defs: dict[str, Any], strict_defs: dict[str, Any]) -> None:
    rules = {c[3] for n in defs for c in mutations(n, defs)}
    rules |= {c[3] for n in strict_defs for c in mutations(n, strict_defs)}
    assert {"type", "required", "enum", "format", "additionalProperties"} <= rules
    depth = max(c[2].count("/") for n in defs for c in mutations(n, defs))
    assert depth >= 3  # nested models are reached, not only top-level fields


# ------------------------------------------------------------ hand-picked edge cases


def first(errs: list[Any]) -> tuple[str, str, str, str]:
    assert len(errs) == 1, errs
    e = errs[0]
    return e.pointer, e.rule, e.expected, e.actual


SESSION = {"project": "p", "session_name": "s", "source": "prod"}


@pytest.mark.parametrize("engine", ENGINES)
class TestEdgeCases:
    def test_null_where_not_nullable(self, engine: str, mod: ModuleType, defs: Any) -> None:
        v = mod.Validator(defs, engine=engine)
        got = first(v.validate("SessionStartRequest", {**SESSION, "project": None}))
        assert got == ("/project", "type", "string", "null")

    def test_missing_required(self, engine: str, mod: ModuleType, defs: Any) -> None:
        v = mod.Validator(defs, engine=engine)
        payload = {k: x for k, x in SESSION.items() if k != "source"}
        errs = v.validate("SessionStartRequest", payload)
        assert first(errs) == ("/source", "required", "present", "missing")
        assert errs[0].message == 'required property "source" is missing'

    def test_open_object_accepts_extra_key(self, engine: str, mod: ModuleType, defs: Any) -> None:
        v = mod.Validator(defs, engine=engine)
        assert v.validate("SessionStartRequest", {**SESSION, "zz": 1}) == []

    def test_extra_key_in_closed_object(
        self, engine: str, mod: ModuleType, strict_defs: Any
    ) -> None:
        v = mod.Validator(strict_defs, engine=engine)
        got = first(v.validate("SessionStartRequest", {**SESSION, "a/b~c": 1}))
        assert got[:2] == ("/a~1b~0c", "additionalProperties")

    def test_wrong_enum_member(self, engine: str, mod: ModuleType, defs: Any) -> None:
        v = mod.Validator(defs, engine=engine)
        members = defs["EventEventType"]["enum"]
        got = first(v.validate("Event", {"event_type": "robot"}))
        assert got[:2] == ("/event_type", "enum")
        assert got[2] == "one of " + ", ".join(json.dumps(m) for m in members)
        assert got[3] == 'string "robot"'
        assert v.validate("Event", {"event_type": members[-1]}) == []

    @pytest.mark.parametrize(
        "stamp",
        ["2024-13-01T00:00:00Z", "yesterday", "2024-02-30T10:00:00Z", "2024-01-01T10:00:00"],
    )
    def test_bad_date_time(self, engine: str, mod: ModuleType, defs: Any, stamp: str) -> None:
        v = mod.Validator(defs, engine=engine)
        payload = {"datapoints": [{}, {"created_at": stamp}]}
        got = first(v.validate("GetDatapointsResponseBody", payload))
        assert got[:2] == ("/datapoints/1/created_at", "format")

    @pytest.mark.parametrize(
        "stamp", ["2024-02-29T23:59:59Z", "2024-05-01T12:30:00.123+05:30", "2024-05-01t12:30:00z"]
    )
    def test_good_date_time(self, engine: str, mod: ModuleType, defs: Any, stamp: str) -> None:
        v = mod.Validator(defs, engine=engine)
        assert v.validate("Datapoint", {"created_at": stamp}) == []

    def test_deep_nesting_through_nullable_refs(
        self, engine: str, mod: ModuleType, tmp_path: Path
    ) -> None:
        """Nullable refs are anyOf[ref, null]: the error is reported inside the ref."""
        write_deep_schemas(tmp_path)
        v = mod.Validator(defs_from_dir(tmp_path), engine=engine)
        leaf = {"leaf": 1}
        doc = {"outer": {"items": [None, {"inner": {"a/b": {"m~n": leaf}}}]}}
        assert v.validate("Root", doc) == []
        bad = {"outer": {"items": [None, {"inner": {"a/b": {"m~n": {"leaf": "x"}}}}]}}
        got = first(v.validate("Root", bad))
        assert got == ("/outer/items/1/inner/a~1b/m~0n/leaf", "type", "integer", 'string "x"')
        got = first(v.validate("Root", {"outer": 5}))
        assert got == ("/outer", "anyOf", "object or null", "integer 5")
        got = first(v.validate("Root", {"outer": {"items": [None, {"inner": {"a/b": {}}}]}}))
        assert got[:2] == ("/outer/items/1/inner/a~1b/m~0n", "required")

    def test_root_not_an_object(self, engine: str, mod: ModuleType, defs: Any) -> None:
        v = mod.Validator(defs, engine=engine)
        assert first(v.validate("SessionStartRequest", [1])) == (
            "",
            "type",
            "object",
            "array (1 items)",
        )

    def test_unknown_model(self, engine: str, mod: ModuleType, defs: Any) -> None:
        v = mod.Validator(defs, engine=engine)
        with pytest.raises(LookupError, match="did you mean 'SessionStartRequest'"):
            v.validate("SessionStartReqest", {})


def write_deep_schemas(folder: Path) -> None:
    """Per-model files, as the jsonschema target writes them (relative $refs)."""
    base = "https://t.specgen.invalid/schemas/"
    schemas = {
        "Root": {
            "type": "object",
            "properties": {"outer": {"anyOf": [{"$ref": "Outer.schema.json"}, {"type": "null"}]}},
        },
        "Outer": {
            "type": "object",
            "properties": {
                "items": {
                    "type": "array",
                    "items": {"anyOf": [{"$ref": "Mid.schema.json"}, {"type": "null"}]},
                }
            },
        },
        "Mid": {
            "type": "object",
            "properties": {
                "inner": {
                    "type": "object",
                    "properties": {
                        "a/b": {
                            "type": "object",
                            "properties": {"m~n": {"$ref": "Leaf.schema.json"}},
                            "required": ["m~n"],
                        }
                    },
                }
            },
        },
        "Leaf": {
            "type": "object",
            "properties": {"leaf": {"type": "integer"}},
            "required": ["leaf"],
        },
    }
    for name, s in schemas.items():
        doc = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"{base}{name}.schema.json",
            "title": name,
            **s,
        }
        (folder / f"{name}.schema.json").write_text(json.dumps(doc), encoding="utf-8")


# ------------------------------------------------------------ formats (pure engine checks)


def test_date_time_checker_agrees_with_rfc3339_validator(mod: ModuleType) -> None:
    from rfc3339_validator import validate_rfc3339  # type: ignore[import-untyped]

    stamps = [
        "2024-05-01T12:30:00Z",
        "2024-05-01T12:30:00.5-07:00",
        "2024-02-29T00:00:00Z",
        "2023-02-29T00:00:00Z",
        "2024-04-31T00:00:00Z",
        "2024-05-01T24:00:00Z",
        "2024-05-01T12:60:00Z",
        "2024-05-01T12:30:00+24:00",
        "2024-05-01",
        "12:30:00Z",
        "2024-05-01T12:30Z",
        "2024-5-01T12:30:00Z",
        "2024-05-01T12:30:00.Z",
        "",
        "2024-05-01T12:30:00\n",
    ]
    # (rfc3339-validator rejects lowercase t/z, which RFC 3339 section 5.6 allows and
    # jsonschema-rs accepts: test_good_date_time covers that on both engines.)
    for s in stamps:
        assert mod.is_date_time(s) == bool(validate_rfc3339(s)), s


# ------------------------------------------------------------ the generated package module


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out")
    r = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--out", str(out), "--targets", "jsonschema"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 0, r.stderr
    return out / "honeyhive"


def load_module(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def test_shipped_module_validates_with_shipped_schemas(built: Path, defs: Any) -> None:
    m = load_module(built / "validation.py", "hh_validation_shipped")
    assert set(m.MODELS) == set(defs)
    assert m.validate("SessionStartRequest", SESSION) == []
    assert m.is_valid("SessionStartRequest", SESSION)
    errs = m.validate("SessionStartRequest", {**SESSION, "project": 3})
    assert [(e.pointer, e.rule) for e in errs] == [("/project", "type")]
    assert str(errs[0]) == "/project: type: expected string, got integer 3"
    # compiled once: the same object comes back
    val = m.default_validator()
    assert val.model("Event") is val.model("Event")
    assert m.default_validator() is val

    class SessionStartRequest:  # a model class: its name picks the schema
        def to_dict(self) -> dict[str, Any]:
            return {"project": "p"}

    errs = m.validate(SessionStartRequest, SessionStartRequest())
    assert sorted(e.pointer for e in errs) == ["/session_name", "/source"]


def test_shipped_check_lines_numbers_every_item(built: Path) -> None:
    """check_lines: bytes or str items, blanks counted but skipped, unreadable ones kept."""
    m = load_module(built / "validation.py", "hh_validation_lines")
    good = json.dumps(SESSION)
    items = [
        good.encode() + b"\n",
        "",
        "  ",
        json.dumps({**SESSION, "project": 3}),
        b'{"x": \xff}',
        None,  # a missing value in a pandas Series
        '{"a": NaN}',
        good,
    ]
    found = m.check_lines("SessionStartRequest", items, first_line=10)
    assert [(e.line, e.unreadable) for e in found] == [
        (13, False),
        (14, True),
        (15, True),
        (16, True),
    ]
    assert str(found[0]) == "13: /project: type: expected string, got integer 3"
    assert (found[1].column, found[1].message) == (7, "not UTF-8")
    assert found[2].message == "not a JSON text but NoneType"
    assert str(found[3]) == "16:1: invalid JSON: NaN is not valid JSON"
    check = m.LineCheck(m.default_validator().model("SessionStartRequest"))
    bad = json.dumps({**SESSION, "project": 1})
    assert [e.line for e in check.errors([bad, good, bad, bad], max_invalid=2)] == [1, 3]
    assert (check.payloads, check.invalid, check.stopped) == (3, 2, True)


def test_shipped_module_imports_without_any_engine(built: Path) -> None:
    """The module is stdlib-only at import; the engine is needed only to validate."""
    code = (
        "import sys; sys.modules['jsonschema'] = None; sys.modules['jsonschema_rs'] = None\n"
        "import importlib.util as u\n"
        f"s = u.spec_from_file_location('v', {str(built / 'validation.py')!r})\n"
        "m = u.module_from_spec(s); sys.modules['v'] = m; s.loader.exec_module(m)\n"
        "try:\n    m.validate('Event', {})\nexcept ImportError as e:\n    print('ImportError', e)\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("ImportError payload validation needs jsonschema")


def test_engine_pinned_by_environment(built: Path) -> None:
    code = (
        "import importlib.util as u, sys\n"
        f"s = u.spec_from_file_location('v', {str(built / 'validation.py')!r})\n"
        "m = u.module_from_spec(s); sys.modules['v'] = m; s.loader.exec_module(m)\n"
        "print(m.default_validator().model('Event').engine)\n"
    )
    for engine in ENGINES:
        r = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            timeout=60,
            env={**__import__("os").environ, "HONEYHIVE_VALIDATION_ENGINE": engine},
        )
        assert r.stdout.strip() == engine, r.stderr


def test_shipped_module_passes_ruff_and_mypy(built: Path) -> None:
    path = built / "validation.py"
    r = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--isolated", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 0, r.stdout
    r = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", str(path)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert r.returncode == 0, r.stdout


def test_package_reexports_and_imports_without_the_engine(tmp_path: Path) -> None:
    """`import honeyhive` stays stdlib-only; validate() takes model classes and instances."""
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "generator",
            "build",
            "--out",
            str(tmp_path),
            "--targets",
            "jsonschema,dataclasses",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 0, r.stderr
    code = (
        "import sys\n"
        "import honeyhive as hh\n"
        "heavy = sorted(m for m in ('jsonschema', 'jsonschema_rs', 'jinja2') if m in sys.modules)\n"
        "print(heavy)\n"
        "ok = hh.SessionStartRequest.from_dict("
        "{'project': 'p', 'session_name': 's', 'source': 'x'})\n"
        "print(hh.validate(hh.SessionStartRequest, ok), hh.is_valid('SessionStartRequest', ok))\n"
        "errs = hh.validate('SessionStartRequest', {'project': 1, 'session_name': 's'})\n"
        "print([(e.pointer, e.rule) for e in errs], isinstance(errs[0], hh.ValidationError))\n"
    )
    r = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == [
        "[]",
        "[] True",
        "[('/project', 'type'), ('/source', 'required')] True",
    ]


# ------------------------------------------------------------ property tests: engines agree

PROPERTY_MODELS = ["SessionStartRequest", "Event", "Datapoint", "GetDatapointsResponseBody"]


@pytest.fixture(scope="module")
def engines(mod: ModuleType, strict_defs: dict[str, Any]) -> dict[str, Any]:
    return {e: mod.Validator(strict_defs, engine=e) for e in ENGINES}


def json_values() -> Any:
    from hypothesis import strategies as st

    scalars = (
        st.none()
        | st.booleans()
        | st.integers(-(2**53), 2**53)
        | st.floats(allow_nan=False, allow_infinity=False)
        | st.text(max_size=8)
        | st.sampled_from(["2024-05-01T12:30:00Z", "model", "chat", "2024-13-01T00:00:00Z"])
    )
    return st.recursive(
        scalars,
        lambda inner: (
            st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
        ),
        max_leaves=8,
    )


@pytest.mark.slow
@pytest.mark.parametrize("name", PROPERTY_MODELS[:3])  # from_schema is slow on deep models
def test_schema_generated_payloads_are_valid_on_both_engines(
    name: str, engines: dict[str, Any], strict_defs: dict[str, Any]
) -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis_jsonschema import from_schema

    @settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
    @given(from_schema({"$defs": strict_defs, "$ref": f"#/$defs/{name}"}))
    def check(payload: Any) -> None:
        for v in engines.values():
            assert v.validate(name, payload) == [], payload

    check()


@pytest.mark.slow
@pytest.mark.parametrize("name", PROPERTY_MODELS)
def test_engines_report_the_same_pointers_and_rules(
    name: str, engines: dict[str, Any], strict_defs: dict[str, Any]
) -> None:
    """Arbitrary values under declared (and undeclared) keys: same verdict everywhere."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    keys = sorted(strict_defs[name].get("properties", {})) + ["zz_undeclared"]

    @settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.dictionaries(st.sampled_from(keys), json_values(), max_size=6))
    def check(payload: dict[str, Any]) -> None:
        got = {
            e: sorted((x.pointer, x.rule) for x in v.validate(name, payload))
            for e, v in engines.items()
        }
        assert got["jsonschema-rs"] == got["jsonschema"], payload
        assert (got["jsonschema"] == []) == reference_valid(name, strict_defs, payload), payload

    check()
