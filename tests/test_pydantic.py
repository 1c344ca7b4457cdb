"""The pydantic target: what datamodel-code-generator is asked for, why each
post-processing step exists, that the output is stable, lint-clean and typed,
and a golden hash that fails loudly when an upgrade changes the output."""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import json
import os
import subprocess
import sys
import tomllib
import warnings
from pathlib import Path
from types import ModuleType
from typing import Any

import pydantic
import pytest
from conftest import CORPUS, ROOT, SPEC, run_cli
from packaging.requirements import Requirement
from packaging.version import Version
from pydantic import ValidationError

from generator.config import Config
from generator.diagnostics import SpecError
from generator.emit import render
from generator.pipeline import load_spec
from generator.targets import pydantic as target

# A small spec in the Python docs dialect that reaches every IR shape the
# target maps: required/nullable/optional, int/float/bool/str/date-time, enum,
# list, map, any, literal, union alias, recursion, renamed and reserved names.
PETS: dict[str, str] = {
    "models/components/pet.md": (
        "# Pet\n\nA pet, described at a length that will not fit on one line of "
        'generated code once it is a docstring, with "quotes" and \\ backslashes.\n\n'
        "## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n"
        "| `name` | *str* | :heavy_check_mark: | The name |\n"
        "| `nickName` | *Nullable[str]* | :heavy_check_mark: | Nullable but required |\n"
        "| `age` | *Optional[int]* | :heavy_minus_sign: | Age in years |\n"
        "| `weight` | *Optional[float]* | :heavy_minus_sign: | Weight |\n"
        "| `born` | [date](https://docs.python.org/3/library/datetime.html#date-objects) "
        "| :heavy_minus_sign: | Birth time |\n"
        "| `kind` | [Optional[components.Kind]](../../models/components/kind.md) "
        "| :heavy_minus_sign: | Kind |\n"
        "| `tags` | List[*str*] | :heavy_minus_sign: | Tags |\n"
        "| `scores` | Dict[str, *int*] | :heavy_minus_sign: | Scores |\n"
        "| `meta` | Dict[str, *Any*] | :heavy_minus_sign: | Meta |\n"
        "| `owner` | [Optional[components.Owner]](../../models/components/owner.md) "
        "| :heavy_minus_sign: | Owner |\n"
        '| `tag` | *Literal["pet"]* | :heavy_minus_sign: | Discriminator |\n'
        "| `id` | [components.PetId](../../models/components/petid.md) "
        "| :heavy_minus_sign: | Id |\n"
        "| `type` | *Optional[str]* | :heavy_minus_sign: | A builtin's name |\n"
        "| `json` | *Optional[bool]* | :heavy_minus_sign: | A BaseModel method's name |\n"
        "| `friends` | List[[components.Pet](../../models/components/pet.md)] "
        "| :heavy_minus_sign: | Recursive |\n"
    ),
    "models/components/owner.md": (
        "# Owner\n\n## Fields\n\n| Field | Type | Required | Description |\n"
        "| --- | --- | --- | --- |\n"
        "| `email` | *str* | :heavy_check_mark: | Email |\n"
        "| `vip` | *OptionalNullable[bool]* | :heavy_minus_sign: | VIP |\n"
    ),
    "models/components/kind.md": (
        "# Kind\n\n## Values\n\n| Name | Value |\n| --- | --- |\n"
        "| `CAT` | cat |\n| `DOG` | dog |\n| `COUNT` | count |\n"
    ),
    "models/components/petid.md": (
        '# PetId\n\n## Supported Types\n\n### `str`\n\n```python\nvalue: str = ""\n```\n\n'
        "### `int`\n\n```python\nvalue: int = 1\n```\n"
    ),
}

# The golden input: a JSON Schema written here, not produced by the parser, so
# only datamodel-code-generator and generator/targets/pydantic.py decide the
# output.  It has every shape the jsonschema templates emit.
GOLDEN_INPUT: dict[str, Any] = {
    "$defs": {
        "Kind": {
            "title": "Kind",
            "type": "string",
            "enum": ["cat", "dog", "count"],
            "x-enum-varnames": ["CAT", "DOG", "COUNT"],
        },
        "PetId": {"title": "PetId", "anyOf": [{"type": "string"}, {"type": "integer"}]},
        "Tags": {"title": "Tags", "type": "array", "items": {"type": "string"}},
        "Owner": {
            "title": "Owner",
            "type": "object",
            "properties": {
                "email": {"type": "string"},
                "vip": {"type": ["boolean", "null"], "description": "VIP"},
            },
            "required": ["email"],
            "additionalProperties": False,
        },
        "Pet": {
            "title": "Pet",
            "description": "A pet, described at a length that does not fit on one line of "
            'generated code once it is a docstring, with "quotes" and \\ backslashes.',
            "type": "object",
            "properties": {
                "name": {"type": "string", "description": "The name", "examples": ["Rex"]},
                "nickName": {"type": ["string", "null"]},
                "age": {"type": "integer"},
                "weight": {"type": "number", "deprecated": True},
                "born": {"type": "string", "format": "date-time"},
                "kind": {"$ref": "#/$defs/Kind"},
                "tags": {"$ref": "#/$defs/Tags"},
                "scores": {"type": "object", "additionalProperties": {"type": "integer"}},
                "meta": {"type": "object", "additionalProperties": {}},
                "any": {},
                "owner": {"anyOf": [{"$ref": "#/$defs/Owner"}, {"type": "null"}]},
                "tag": {"const": "pet"},
                "id": {"$ref": "#/$defs/PetId"},
                "type": {"type": "string"},
                "json": {"type": "boolean"},
                "friends": {"type": "array", "items": {"$ref": "#/$defs/Pet"}},
            },
            "required": ["name", "nickName"],
            "additionalProperties": True,
        },
    }
}
GOLDEN_ALIASES = {"Pet.nickName": "nick_name", "Pet.id": "id_", "Pet.type": "type_"}

# sha256 of the module for GOLDEN_INPUT, recorded with TESTED_VERSION after
# reviewing it (SPECGEN_SHOW_GOLDEN=1 pytest tests/test_pydantic.py -k golden -s).
GOLDEN = "bdf03edbc75f0d67bca5ccd8ffcfeb1b15f5c7b9c97ec608a8adf721d0ce6568"


def write_spec(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    return root


def render_pydantic(spec_dir: Path, package: str = "pets", **cfg: Any) -> str:
    config = Config(spec=spec_dir, package=package, targets=("pydantic",), **cfg)
    spec, _ = load_spec(config)
    return render(spec, config)[f"{package}/pydantic_models.py"]


def load(text: str, folder: Path, name: str) -> ModuleType:
    """Import generated text as a real module (pydantic resolves names through it)."""
    path = folder / f"{name}.py"
    path.write_text(text, encoding="utf-8")
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def pets_text(tmp_path_factory: pytest.TempPathFactory) -> str:
    return render_pydantic(write_spec(tmp_path_factory.mktemp("pets") / "spec", PETS))


@pytest.fixture(scope="module")
def pets(pets_text: str, tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    return load(pets_text, tmp_path_factory.mktemp("pets_mod"), "pets_pydantic_models")


def dump(obj: Any) -> Any:
    return obj.model_dump(by_alias=True, exclude_unset=True, mode="json")


# ------------------------------------------------------------ version pin / golden


def installed() -> str:
    return importlib.metadata.version("datamodel-code-generator")


def test_pinned_range_holds_the_tested_and_installed_versions() -> None:
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    req = next(Requirement(d) for d in deps if d.startswith("datamodel-code-generator"))
    assert Version(target.TESTED_VERSION) in req.specifier, (req, target.TESTED_VERSION)
    assert Version(installed()) in req.specifier, (req, installed())


def test_golden_output_of_the_pinned_datamodel_code_generator(tmp_path: Path) -> None:
    text = target.module_text(GOLDEN_INPUT, GOLDEN_ALIASES, "golden")
    digest = hashlib.sha256(text.encode()).hexdigest()
    if os.environ.get("SPECGEN_SHOW_GOLDEN"):
        print(text)
    assert digest == GOLDEN, (
        f"the pydantic target's output changed (sha256 {digest}). "
        f"datamodel-code-generator {installed()} is installed; GOLDEN was recorded with "
        f"{target.TESTED_VERSION}. Review the new output "
        "(SPECGEN_SHOW_GOLDEN=1 pytest tests/test_pydantic.py -k golden -s) and the diff of "
        "generated/*/pydantic_models.py, run tests/test_pydantic_interop.py, then update "
        "GOLDEN, TESTED_VERSION and the pin in pyproject.toml together."
    )
    mod = load(text, tmp_path, "golden_models")  # and what it describes still holds
    pet = {"name": "Rex", "nickName": None, "weight": 3, "id": 1, "type": "t", "x": [1]}
    assert json.dumps(dump(mod.Pet.model_validate(pet)), sort_keys=True) == json.dumps(
        pet, sort_keys=True
    )
    with pytest.raises(ValidationError):
        mod.Owner.model_validate({"email": "e", "typo": 1})


def test_output_is_byte_identical_across_hash_seeds(tmp_path: Path) -> None:
    """Set iteration order inside the generator must not reach the file."""
    spec_dir = write_spec(tmp_path / "spec", PETS)
    code = (
        "import sys, hashlib; sys.path.insert(0, sys.argv[1]); "
        "from pathlib import Path; from test_pydantic import render_pydantic; "
        "print(hashlib.sha256(render_pydantic(Path(sys.argv[2])).encode()).hexdigest())"
    )
    digests = set()
    for seed in ("1", "2", "3"):
        r = subprocess.run(
            [sys.executable, "-c", code, str(Path(__file__).parent), str(spec_dir)],
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert r.returncode == 0, r.stderr
        digests.add(r.stdout.strip())
    assert len(digests) == 1
    assert digests == {hashlib.sha256(render_pydantic(spec_dir).encode()).hexdigest()}


def test_header_has_no_timestamp_or_version(pets_text: str) -> None:
    head = pets_text.split('"""')[1]
    assert installed() not in pets_text
    assert "timestamp" not in head and "datamodel-codegen:" not in pets_text
    assert pets_text.endswith("\n") and not pets_text.endswith("\n\n")


# ------------------------------------------------------------ behaviour


def test_required_nullable_and_optional_fields_follow_the_schema(pets: ModuleType) -> None:
    ok = {"name": "Rex", "nickName": None}
    assert dump(pets.Pet.model_validate(ok)) == ok
    with pytest.raises(ValidationError):  # required, even though nullable
        pets.Pet.model_validate({"name": "Rex"})
    with pytest.raises(ValidationError):  # optional but not nullable: null is wrong
        pets.Pet.model_validate({**ok, "age": None})
    owner = {"email": "a@b.c", "vip": None}  # OptionalNullable: null is fine
    assert dump(pets.Owner.model_validate(owner)) == owner


def test_strict_scalars_reject_what_the_schema_rejects(pets: ModuleType) -> None:
    base = {"name": "Rex", "nickName": None}
    for key, bad in [("age", "3"), ("age", 2.5), ("json", 1), ("name", 5), ("weight", "1.5")]:
        with pytest.raises(ValidationError):
            pets.Pet.model_validate({**base, key: bad})


def test_number_fields_keep_ints_as_ints(pets: ModuleType) -> None:
    p = {"name": "Rex", "nickName": None, "weight": 3, "age": 4}
    assert json.dumps(dump(pets.Pet.model_validate(p)), sort_keys=True) == json.dumps(
        p, sort_keys=True
    )
    q = {**p, "weight": 3.5}
    assert dump(pets.Pet.model_validate(q)) == q


def test_aliases_are_wire_names_and_attributes_are_ir_py_names(pets: ModuleType) -> None:
    fields = pets.Pet.model_fields
    assert fields["nick_name"].alias == "nickName"
    assert fields["id_"].alias == "id" and fields["type_"].alias == "type"
    # `json` is BaseModel API: datamodel-code-generator renames it, the alias stays.
    assert "json" not in fields and any(f.alias == "json" for f in fields.values())
    pet = pets.Pet(name="Rex", nick_name=None, id_=7, type_="dog")  # populate by name
    assert dump(pet) == {"name": "Rex", "nickName": None, "id": 7, "type": "dog"}


def test_open_objects_keep_unknown_keys(pets: ModuleType) -> None:
    p = {"name": "Rex", "nickName": None, "x-extra": {"deep": [1, None]}, "n": 1.5}
    assert dump(pets.Pet.model_validate(p)) == p


def test_populate_by_name_reads_an_extra_key_spelled_like_an_attribute(
    pets: ModuleType,
) -> None:
    """The cost of populate_by_name on an open model: a key equal to a renamed
    attribute (`type_`) is not kept as an unknown key but read as the field."""
    p = {"name": "Rex", "nickName": None, "type_": "x"}
    assert dump(pets.Pet.model_validate(p)) == {"name": "Rex", "nickName": None, "type": "x"}


def test_enums_unions_literals_and_recursion(pets: ModuleType) -> None:
    assert [m.name for m in pets.Kind] == ["CAT", "DOG", "COUNT"]  # IR py_names
    p = {
        "name": "Rex",
        "nickName": "R",
        "kind": "count",
        "tag": "pet",
        "id": "a",
        "friends": [{"name": "Tom", "nickName": None, "id": 3, "tags": ["x"]}],
        "scores": {"a": 1},
        "meta": {"k": [None, {"z": True}]},
    }
    assert dump(pets.Pet.model_validate(p)) == p
    for key, bad in [("kind", "cow"), ("tag", "dog"), ("id", 1.5), ("scores", {"a": "1"})]:
        with pytest.raises(ValidationError):
            pets.Pet.model_validate({**p, key: bad})


def test_datetimes_are_datetime_and_their_spelling_is_normalised(pets: ModuleType) -> None:
    """Pinned pydantic behaviour the interop tests steer around: UTC is written
    back as Z and fractions as 6 digits; a number is read as a Unix time unless
    validated strictly from JSON."""
    base = {"name": "Rex", "nickName": None}
    same = "2024-02-29T23:59:59.123456-05:30"
    pet = pets.Pet.model_validate({**base, "born": same})
    assert type(pet.born).__name__ == "datetime" and dump(pet)["born"] == same
    assert (
        dump(pets.Pet.model_validate({**base, "born": "2024-01-01T00:00:00+00:00"}))["born"]
        == "2024-01-01T00:00:00Z"
    )
    assert (
        dump(pets.Pet.model_validate({**base, "born": "2024-01-01T00:00:00.5Z"}))["born"]
        == "2024-01-01T00:00:00.500000Z"
    )
    assert pets.Pet.model_validate({**base, "born": 0}).born.year == 1970
    with pytest.raises(ValidationError):
        pets.Pet.model_validate_json(json.dumps({**base, "born": 0}), strict=True)


def test_closed_models_under_strict_forbid_unknown_keys(tmp_path: Path) -> None:
    text = render_pydantic(write_spec(tmp_path / "spec", PETS), strict=True)
    mod = load(text, tmp_path, "pets_strict_models")
    with pytest.raises(ValidationError):
        mod.Owner.model_validate({"email": "a", "typo": 1})
    assert dump(mod.Owner.model_validate({"email": "a"})) == {"email": "a"}


def test_hostile_doc_text_stays_text(tmp_path: Path) -> None:
    nasty = 'He said """hi""" \\ {{ x }} \x07 end\\'
    spec = {
        "models/components/evil.md": (
            f"# Evil\n\n{nasty}\n\n## Fields\n\n| Field | Type | Required | Description |\n"
            "| --- | --- | --- | --- |\n"
            f'| `a"b` | *str* | :heavy_minus_sign: | {nasty} |\n'
        ),
        "models/components/mood.md": (
            "# Mood\n\n## Values\n\n| Name | Value |\n| --- | --- |\n"
            '| `Q` | a"b\\\\c |\n| `NONE` | None |\n'
        ),
    }
    text = render_pydantic(write_spec(tmp_path / "spec", spec), package="evil")
    mod = load(text, tmp_path, "evil_models")
    # kept character for character (split() let reflowed or collapsed whitespace pass)
    assert (mod.Evil.__doc__ or "").strip() == nasty
    (field,) = mod.Evil.model_fields.values()
    assert field.alias == 'a"b' and field.description is None
    assert dump(mod.Evil.model_validate({'a"b': "x"})) == {'a"b': "x"}
    assert [m.value for m in mod.Mood] == ['a"b\\c', "None"]


# ------------------------------------------------------------ why each post-process step


def _codegen(schema: dict[str, Any], **kw: Any) -> str:
    return target.generate_source(schema, kw.pop("aliases", {}), "t")


def test_widen_number_is_why_ints_survive(tmp_path: Path) -> None:
    schema = {"$defs": {"N": {"type": "object", "properties": {"v": {"type": "number"}}}}}
    raw = load(_codegen(schema), tmp_path, "num_raw")
    assert json.dumps(dump(raw.N.model_validate({"v": 3}))) == '{"v": 3.0}'  # the problem
    fixed = load(_codegen(target._each_schema(schema, target.widen_number)), tmp_path, "num_ok")
    assert json.dumps(dump(fixed.N.model_validate({"v": 3}))) == '{"v": 3}'
    assert target.widen_number({"type": ["number", "null"]})["type"] == [
        "integer",
        "number",
        "null",
    ]


def test_drop_examples_is_why_no_line_is_too_long() -> None:
    long_example = "x " * 80
    prop = {"type": "string", "examples": [long_example]}
    schema = {"$defs": {"E": {"type": "object", "properties": {"examples": prop}}}}
    raw = target.postprocess(_codegen(schema))
    assert max(len(ln) for ln in raw.splitlines()) > target.LINE_LENGTH  # the problem
    cleaned = target._each_schema(schema, target.drop_examples)
    # keyword dropped, the property *named* examples kept
    assert cleaned["$defs"]["E"]["properties"] == {"examples": {"type": "string"}}
    fixed = target.postprocess(_codegen(cleaned))
    assert max(len(ln) for ln in fixed.splitlines()) <= target.LINE_LENGTH


def test_enum_varnames_are_why_members_cannot_shadow_str_methods(tmp_path: Path) -> None:
    schema = {"$defs": {"G": {"type": "string", "enum": ["count", "index"]}}}
    raw = _codegen(schema)
    assert "    count = " in raw  # the problem: StrEnum.count is str.count (mypy error)
    named = {"$defs": {"G": {**schema["$defs"]["G"], "x-enum-varnames": ["COUNT", "INDEX"]}}}
    mod = load(target.postprocess(_codegen(named)), tmp_path, "enum_ok")
    assert [m.name for m in mod.G] == ["COUNT", "INDEX"]


def test_fit_docstrings_is_why_docstrings_pass_ruff(tmp_path: Path) -> None:
    words = " ".join(f"w{i}" for i in range(60)) + ' a "quote" and a \\ backslash'
    schema = {"$defs": {"D": {"type": "object", "description": words + "\nshort line"}}}
    raw = _codegen(schema)
    assert max(len(ln) for ln in raw.splitlines()) > target.LINE_LENGTH  # the problem
    fixed = target.postprocess(raw)
    assert max(len(ln) for ln in fixed.splitlines()) <= target.LINE_LENGTH
    before = load(raw, tmp_path, "doc_raw").D.__doc__ or ""
    after = load(fixed, tmp_path, "doc_ok").D.__doc__ or ""
    assert before.split() == after.split()  # only whitespace changed
    assert "short line" in after.splitlines()[-2]  # short lines untouched
    assert fixed == target.postprocess(fixed)  # idempotent


def test_field_names_leave_reserved_names_to_the_generator(tmp_path: Path) -> None:
    spec_dir = write_spec(tmp_path / "spec", PETS)
    spec, _ = load_spec(Config(spec=spec_dir, package="pets"))
    names = target.field_names(spec)
    assert names["Pet.id"] == "id_" and names["Pet.type"] == "type_"
    assert "Pet.json" not in names and "Pet.name" not in names


def test_codegen_errors_become_one_line_diagnostics(monkeypatch: pytest.MonkeyPatch) -> None:
    from datamodel_code_generator import Error

    def boom(*a: Any, **k: Any) -> str:
        raise Error("bad\nthing")

    monkeypatch.setattr(target, "generate_source", boom)
    with pytest.raises(SpecError) as e:
        render_pydantic(SPEC, package="honeyhive")
    (d,) = e.value.diagnostics
    assert "\n" not in d.message and d.line >= 1 and d.file.endswith(".md")


# ------------------------------------------------------------ lint and types


MYPY_CACHE: list[Path] = []  # one cache for the session: pydantic is analysed once


def _lint(path: Path) -> None:
    r = subprocess.run(
        ["ruff", "check", "--no-cache", "--config", str(ROOT / "pyproject.toml"), str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 0, r.stdout + r.stderr
    if not MYPY_CACHE:
        MYPY_CACHE.append(path.parent / ".mypy_cache")
    r = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(MYPY_CACHE[0]), str(path)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=path.parent,
    )
    assert r.returncode == 0, r.stdout + r.stderr


@pytest.mark.slow
def test_output_for_the_project_spec_passes_ruff_and_mypy_strict(tmp_path: Path) -> None:
    cfg = Config(
        spec=SPEC,
        package="honeyhive",
        targets=("pydantic",),
        wire_names="snake_case",
        wire_name_overrides=SPEC / "wire-names.md",
    )
    spec, _ = load_spec(cfg)
    path = tmp_path / "honeyhive_pydantic_models.py"
    path.write_text(render(spec, cfg)["honeyhive/pydantic_models.py"], encoding="utf-8")
    _lint(path)


@pytest.mark.slow
def test_output_for_the_fixture_passes_ruff_and_mypy_strict(pets_text: str, tmp_path: Path) -> None:
    path = tmp_path / "pets_models.py"
    path.write_text(pets_text, encoding="utf-8")
    _lint(path)


@pytest.mark.slow
@pytest.mark.parametrize("corpus", ["dub-ts", "honeyhive-python"])  # TS, Python dialects
def test_corpus_output_imports_and_passes_ruff_and_mypy(corpus: str, tmp_path: Path) -> None:
    docs = CORPUS / corpus / "docs"
    if not docs.is_dir():
        pytest.skip(f"{docs} is not there")
    out = tmp_path / "out"
    r = run_cli(
        "build", "--spec", str(docs), "--out", str(out), "--package", "corpus",
        "--targets", "jsonschema,pydantic", cwd=tmp_path,
    )  # fmt: skip
    assert r.returncode == 0, r.stderr[-2000:]
    name = f"corpus_{corpus.replace('-', '_')}"
    mod = load((out / "corpus" / "pydantic_models.py").read_text("utf-8"), tmp_path, name)
    bundle = json.loads((out / "corpus" / "schemas" / "_bundle.schema.json").read_text())
    missing = [n for n in bundle["$defs"] if not hasattr(mod, n) and not hasattr(mod, n + "Model")]
    assert not missing, f"models without a pydantic class: {missing[:10]}"
    _lint(tmp_path / f"{name}.py")


def test_build_writes_the_module_and_check_names_it_when_stale(tmp_path: Path) -> None:
    spec_dir = write_spec(tmp_path / "spec", PETS)
    out = tmp_path / "out"
    args = ["--spec", str(spec_dir), "--out", str(out), "--package", "pets"]
    args += ["--targets", "jsonschema,pydantic"]
    r = run_cli("build", *args, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    module = out / "pets" / "pydantic_models.py"
    assert module.read_text("utf-8") == render_pydantic(spec_dir)
    assert run_cli("check", *args, cwd=tmp_path).returncode == 0
    module.write_text(module.read_text("utf-8") + "# edited\n", encoding="utf-8")
    r = run_cli("check", *args, cwd=tmp_path)
    assert r.returncode == 1 and "pydantic_models.py" in r.stderr


def test_missing_comes_from_public_pydantic(pets_text: str, tmp_path: Path) -> None:
    """pydantic 2.14 warns on every import of `pydantic.experimental.missing_sentinel`,
    which datamodel-code-generator still writes; the target imports MISSING publicly."""
    assert "pydantic.experimental" not in pets_text
    assert "MISSING" in pets_text
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        mod = load(pets_text, tmp_path, "public_missing_models")
    assert mod.MISSING is pydantic.MISSING


def test_public_missing_merges_into_the_pydantic_import() -> None:
    raw = (
        "from pydantic import BaseModel\n"
        "from pydantic.experimental.missing_sentinel import MISSING\n\nx = MISSING\n"
    )
    assert target.public_missing(raw) == "from pydantic import MISSING, BaseModel\n\nx = MISSING\n"
    names = ", ".join(f"Name{i:02}" for i in range(12))
    long = f"from pydantic import {names}\n{target._EXPERIMENTAL_MISSING}"
    wrapped = target.public_missing(long).splitlines()
    assert wrapped[:3] == ["from pydantic import (", "    MISSING,", "    Name00,"]
    assert wrapped[-1] == ")" and all(len(ln) <= target.LINE_LENGTH for ln in wrapped)
