"""build / check / ir on the project's own spec, as real subprocesses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ROOT, SPEC, run_cli
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

JS = ["--targets", "jsonschema"]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out")
    r = run_cli("build", "--out", str(out), *JS)
    assert r.returncode == 0, r.stderr
    return out


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_second_build_is_byte_identical_and_writes_nothing(built: Path) -> None:
    before = snapshot(built)
    mtimes = {p: p.stat().st_mtime_ns for p in built.rglob("*") if p.is_file()}
    r = run_cli("build", "--out", str(built), *JS)
    assert r.returncode == 0
    assert " 0 written, 0 removed" in r.stdout
    assert snapshot(built) == before
    assert {p: p.stat().st_mtime_ns for p in built.rglob("*") if p.is_file()} == mtimes


def test_check_passes_then_names_stale_files(built: Path, tmp_path: Path) -> None:
    assert run_cli("check", "--out", str(built), *JS).returncode == 0
    victim = built / "honeyhive" / "schemas" / "Tool.schema.json"
    original = victim.read_bytes()
    try:
        victim.write_text("{}\n")
        r = run_cli("check", "--out", str(built), *JS)
        assert r.returncode == 1
        assert "update" in r.stderr and "Tool.schema.json" in r.stderr
    finally:
        victim.write_bytes(original)


def test_every_schema_is_valid_and_every_ref_resolves(built: Path) -> None:
    schemas = sorted((built / "honeyhive" / "schemas").glob("*.schema.json"))
    assert len(schemas) > 60
    loaded = {p.name: json.loads(p.read_text()) for p in schemas}
    registry: Registry = Registry().with_resources(
        (s["$id"], Resource.from_contents(s)) for s in loaded.values()
    )
    for schema in loaded.values():
        Draft202012Validator.check_schema(schema)
        resolver = registry.resolver(base_uri=schema["$id"])
        for ref in _refs(schema):
            resolver.lookup(ref)  # raises if unresolvable
    bundle = loaded["_bundle.schema.json"]
    assert set(bundle["$defs"]) == {n.removesuffix(".schema.json") for n in loaded} - {"_bundle"}


def _refs(node: object) -> list[str]:
    if isinstance(node, dict):
        own = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return own + [r for v in node.values() for r in _refs(v)]
    if isinstance(node, list):
        return [r for v in node for r in _refs(v)]
    return []


def test_seed_schema_matches_the_seed_doc(built: Path) -> None:
    s = json.loads(
        (built / "honeyhive" / "schemas" / "SessionStartRequest.schema.json").read_text()
    )
    assert s["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert s["required"] == ["project", "session_name", "source"]
    assert s["properties"]["children_ids"] == {
        "type": "array",
        "items": {"type": "string"},
        "description": "Id of events that are nested within the session",
    }
    assert s["properties"]["config"]["$ref"] == "SessionStartRequestConfig.schema.json"
    config = json.loads(
        (built / "honeyhive" / "schemas" / "SessionStartRequestConfig.schema.json").read_text()
    )
    assert config["type"] == "object" and config["additionalProperties"] is True


def test_wire_name_overrides_apply(built: Path) -> None:
    p = json.loads((built / "honeyhive" / "schemas" / "ParametersT.schema.json").read_text())
    assert {"functionCallParams", "forceFunction", "selectedFunctions"} <= set(p["properties"])
    tool = json.loads((built / "honeyhive" / "schemas" / "Tool.schema.json").read_text())
    assert "_id" in tool["properties"] and "id" not in tool["properties"]
    assert (
        "insertedId"
        in json.loads((built / "honeyhive" / "schemas" / "Result.schema.json").read_text())[
            "properties"
        ]
    )


def test_ir_command_prints_the_ir_as_json() -> None:
    r = run_cli("ir")
    assert r.returncode == 0, r.stderr
    ir = json.loads(r.stdout)
    names = {m["name"] for m in ir["models"]}
    assert "SessionStartRequest" in names
    assert not any(n.endswith("Response") and n != "Response" for n in names), "wrappers unwrapped"
    ops = {o["name"]: o for o in ir["operations"]}
    start = ops["startSession"]
    assert (start["method"], start["path"], start["group"]) == ("POST", "/session/start", "session")
    assert start["body"] == {"kind": "ref", "model": "StartSessionRequestBody"}
    get = ops["getSession"]
    assert [(p["wire_name"], p["location"]) for p in get["params"]] == [("session_id", "path")]
    assert get["responses"][0]["type"] == {"kind": "ref", "model": "Event"}
    docs = sum(1 for _ in SPEC.rglob("*.md"))
    assert len(ir["sources"]) == docs


def test_spec_holds_the_seed_byte_for_byte() -> None:
    seed = ROOT / ".." / "shared" / "seed" / "sessionstartrequest.md"
    assert (
        SPEC / "models" / "components" / "sessionstartrequest.md"
    ).read_bytes() == seed.read_bytes()


def test_help_explains_commands_and_exit_codes() -> None:
    r = run_cli("--help")
    assert r.returncode == 0
    for word in ("build", "check", "watch", "ir", "validate", "diff", "exit codes"):
        assert word in r.stdout
    bad = run_cli("build", "--wire-names", "kebab")
    assert bad.returncode == 2 and "invalid choice" in bad.stderr
