"""The markdown target: md -> IR -> md -> IR is a fixed point, for spec/ and
every corpus tree, in the plain dialect and in the tree's own dialect."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from conftest import CORPUS, ROOT, SPEC, run_cli
from markdown_fixpoint import lenient_ir, normal, rendered, round_trip

from generator.config import Config
from generator.ir import EnumModel, ObjectModel, Spec
from generator.resolve import Options, load
from generator.targets.markdown import STYLES

FIXTURE = ROOT / "tests" / "fixtures" / "plain"


def _trees() -> list[tuple[str, Path, Options]]:
    spec_opts = Options(
        wire_names="snake_case", overrides_file="wire-names.md", endpoints_file="endpoints.md"
    )
    trees = [("spec", SPEC, spec_opts), ("plain-fixture", FIXTURE, Options())]
    for d in sorted(CORPUS.iterdir()) if CORPUS.is_dir() else []:
        docs = next((p for p in d.iterdir() if p.name.lower() == "docs"), None)
        if docs is not None:
            trees.append((d.name, docs, Options()))
    return trees


TREES = _trees()


def _native(spec: Spec) -> str:
    counts = Counter(d for _, d in spec.dialects)
    return counts.most_common(1)[0][0] if counts else "plain"


def _cases() -> list[Any]:
    cases = []
    for name, root, opts in TREES:
        cases.append(pytest.param(name, root, opts, "plain", id=f"{name}-plain"))
        cases.append(pytest.param(name, root, opts, "native", id=f"{name}-native"))
    return cases


def _cfg(opts: Options, dialect: str) -> Config:
    return Config(package="docs_pkg", docs_dialect=dialect, wire_names=opts.wire_names)


@pytest.mark.slow
@pytest.mark.parametrize(("name", "root", "opts", "dialect"), _cases())
def test_fixed_point(name: str, root: Path, opts: Options, dialect: str, tmp_path: Path) -> None:
    spec, errors = lenient_ir(root, opts)
    assert spec.models, f"{name}: nothing parsed"
    if dialect == "native":
        dialect = _native(spec)
        if dialect not in STYLES:
            pytest.skip(f"{name}: the markdown target does not write {dialect} docs")
    spec2, md1, md2 = round_trip(spec, _cfg(opts, dialect), opts, tmp_path)
    print(
        f"\n{name} [{dialect}]: {len(spec.models)} models, {len(spec.operations)} operations "
        f"round-trip ({errors} parse errors left out of the tree's IR), {len(md1)} files"
    )
    assert normal(spec2) == normal(spec)
    assert md2 == md1


@pytest.mark.slow
@pytest.mark.parametrize("dialect", ["typescript", "python"])
@pytest.mark.parametrize("tree", ["spec", "honeyhive-python", "honeyhive-ts"])
def test_moving_docs_between_dialects_is_stable(tree: str, dialect: str, tmp_path: Path) -> None:
    """Another dialect may say less (TypeScript has no integer); what it does say
    is stable from the first conversion on."""
    _, root, opts = next(t for t in TREES if t[0] == tree)
    spec, _ = lenient_ir(root, opts)
    cfg = _cfg(opts, dialect)
    spec2, md1, _ = round_trip(spec, cfg, opts, tmp_path / "a")
    spec3, md2, md3 = round_trip(spec2, cfg, opts, tmp_path / "b")
    assert normal(spec3) == normal(spec2)
    assert md1 == md2 == md3
    assert {m.name for m in spec2.models} == {m.name for m in spec.models}


def test_cli_build_then_ir_gives_the_same_ir(tmp_path: Path) -> None:
    out = tmp_path / "out"
    r = run_cli("build", "--out", str(out), "--targets", "markdown", "--docs-dialect", "plain")
    assert r.returncode == 0, r.stderr
    docs = out / "honeyhive" / "docs"
    assert (docs / "models" / "components" / "sessionstartrequest.md").is_file()
    original = run_cli("ir")
    assert original.returncode == 0, original.stderr
    assert not (docs / "endpoints.md").exists()  # every status is 200: pages say it all
    again = run_cli("ir", "--spec", str(docs), "--wire-name-overrides", str(docs / "wire-names.md"))
    assert again.returncode == 0, again.stderr

    def strip(data: Any) -> Any:
        if isinstance(data, dict):
            # nullable_known belongs to the docs' dialect (TypeScript here, plain there)
            drop = ("source", "dialects", "nullable_known")
            return {k: strip(v) for k, v in data.items() if k not in drop}
        if isinstance(data, list):
            return [strip(v) for v in data]
        return data

    a, b = json.loads(original.stdout), json.loads(again.stdout)
    assert strip(a["models"]) == strip(b["models"])
    assert strip(a["operations"]) == strip(b["operations"])
    assert {d for _, d in b["dialects"]} == {"plain"}


def test_same_layout_as_the_source(tmp_path: Path) -> None:
    opts = TREES[0][2]
    spec, _ = load(SPEC, opts)
    files = rendered(spec, _cfg(opts, "plain"))
    docs = {p.split("/", 2)[2] for p in files}
    models = {m.source.file for m in spec.models}
    pages = {op.source.file for op in spec.operations}
    assert docs == models | pages | {"wire-names.md"}
    assert all((SPEC / p).is_file() for p in models | pages)


# Texts a parse can produce (cells and paragraphs come stripped; N/A means empty).
HOSTILE = [
    "pipes | and \\| escaped, back\\slash",
    "*stars* and _under_ and snake_case and __dunder__",
    "# not a heading",
    "1. not a list",
    "- not a bullet",
    "> not a quote",
    "`code` and ``double``",
    "[not a link](http://example.invalid) and <b>html</b> and <br> break",
    "entities &amp; &#65; R&D",
    "line one\nline two\n\nsecond paragraph",
    "two breaks<br><br> then a line break:\n\n\nheld in one paragraph",
    "trailing space \nnext\n indented",
    ":heavy_check_mark: \\* already escaped \\_",
    "{{ jinja }} {% raw %} \u2028 ünïcödé ~~struck~~",
]


@pytest.mark.parametrize("dialect", sorted(STYLES))
def test_any_text_survives(write_spec: Any, tmp_path: Path, dialect: str) -> None:
    """Doc text in the IR holds markdown's special characters; written out
    escaped, it reads back character for character."""
    rows = "".join(f"| `f{i}` | *string* | :heavy_minus_sign: | x |\n" for i in range(len(HOSTILE)))
    root = write_spec(
        {
            "models/thing.md": "# Thing\n\n## Fields\n\n"
            f"| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n{rows}",
            "models/other.md": "# Other\n\n## Values\n\n| Name | Value | Description |\n"
            "| --- | --- | --- |\n| `A` | `a` | x |\n",
            "sdks/things/README.md": "# Things\n\n## getThing\n\nx\n\n### Response\n\n"
            "[Thing](../../models/thing.md)\n",
        }
    )
    opts = Options()
    spec, _ = load(root, opts)
    thing, other = spec.model("Thing"), spec.model("Other")
    assert isinstance(thing, ObjectModel) and isinstance(other, EnumModel)
    hostile_text = "\n\n".join(HOSTILE)
    thing = replace(
        thing,
        description=hostile_text,
        fields=tuple(replace(f, description=h) for f, h in zip(thing.fields, HOSTILE, strict=True)),
    )
    other = replace(
        other, members=tuple(replace(m, description=hostile_text) for m in other.members)
    )
    ops = tuple(replace(op, summary=hostile_text) for op in spec.operations)
    spec = replace(spec, models=(other, thing), operations=ops)
    spec2, md1, md2 = round_trip(spec, _cfg(opts, dialect), opts, tmp_path)
    assert normal(spec2) == normal(spec)
    assert md1 == md2


def test_long_names_and_path_parameters_survive(write_spec: Any, tmp_path: Path) -> None:
    """A title cut to a hashed name reads back as that name; a path parameter
    whose template spells its wire name writes no wire-name row that would
    rename another group's operation of the same name (pipeshub, wingspan)."""
    long_title = "Three Billion " * 12
    root = write_spec(
        {
            "models/long.md": f"# {long_title}\n\n## Fields\n\n"
            "| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n"
            "| `a` | *string* | :heavy_check_mark: | x |\n",
            "sdks/a/README.md": "# A\n\n## create\n\nx\n\n"
            '<!-- UsageSnippet operationID="a" method="post" path="/a/{connectorType}" -->\n\n'
            "### Parameters\n\n| Parameter | Type | Required | Description |\n"
            "| --- | --- | --- | --- |\n| `connector_type` | *str* | :heavy_check_mark: | x |\n\n"
            "### Response\n\n[Long](../../models/long.md)\n",
            "sdks/b/README.md": "# B\n\n## create\n\nx\n\n"
            '<!-- UsageSnippet operationID="b" method="post" path="/b" -->\n\n'
            "### Parameters\n\n| Parameter | Type | Required | Description |\n"
            "| --- | --- | --- | --- |\n| `connector_type` | *str* | :heavy_check_mark: | x |\n",
        }
    )
    opts = Options()
    spec, _ = load(root, opts)
    (long,) = spec.models
    assert len(long.name) == 100 and "_" in long.name
    wires = {op.group: [p.wire_name for p in op.params] for op in spec.operations}
    assert wires == {"a": ["connectorType"], "b": ["connector_type"]}
    spec2, md1, md2 = round_trip(spec, _cfg(opts, "plain"), opts, tmp_path)
    assert normal(spec2) == normal(spec)
    assert md1 == md2
