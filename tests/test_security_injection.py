"""Injection: hostile names, enum values, descriptions and titles stay data in every output.

One spec carries every payload (`\"\"\"`, `'''`, backslashes, `{{ }}`, `{% %}`,
`</script>`, `#`, newlines, `__import__('os')`, keywords, names of generated
helpers).  Every emitted .py must parse, pass ruff and import without side
effects; every payload must come back character for character as a string
constant (Python) or string (JSON / YAML).  A static pass over the packaged
templates checks doc text is never output without an escaping filter.
"""

from __future__ import annotations

import ast
import inspect
import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import jinja2
import pytest
import yaml
from hostile.harness import PACKAGE, REPO, run_cli, usable_targets, write_tree
from jinja2 import nodes

from generator.config import Config
from generator.emit import environment
from generator.ir import EnumModel, ObjectModel
from generator.pipeline import load_spec

NAMES = [
    '"""',
    "'''",
    "a\\b",
    "\\",
    "{{ 7*7 }}",
    "{% if x %}",
    "</script>",
    "#",
    "# not a comment",
    "__import__('os').system('touch PWNED')",
    "class",
    "def",
    "None",
    "self",
    "cls",
    "to_dict",
    "from_dict",
    "additional_properties",
    "UNSET",
    "__class__",
    "名前",
    "a\u202eb",
    "x\u200by",
    "type",
    "a\"b'c",
    "x}}",
    "{%",
    "${x}",
]
DESCRIPTIONS = [
    '"""',
    "'''",
    "ends with a backslash \\",
    "\\\\server\\share",
    "{{ 7*7 }}",
    "{% for x in y %}{% endfor %}",
    "</script><script>alert(1)</script>",
    "# heading?",
    "line1\nline2\n\nline4",
    "__import__('os').system('touch PWNED')",
    '"; import os; "',
    '"""; import os; x = """',
    "tab\there",
    "\u202eright-to-left",
]
VALUES = [
    '"""',
    "'''",
    "\\",
    "a\\nb",
    "{{ x }}",
    "{% x %}",
    "</script>",
    "#",
    "__import__('os')",
    "class",
    "None",
    "to_dict",
    "self",
    "",
    "名前",
]
STATUS = ["4xx-5xx", '"""', "4XX'; import os"]
TITLES = ["../../etc/passwd", "CON", "class", "to_dict"]


def md(text: str) -> str:
    """Markdown that parses back to exactly `text` inside a table cell."""
    out = []
    for ch in text:
        if ch == "\n":
            out.append("<br>")
        elif ch.isascii() and not ch.isalnum() and ch not in " \t":
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


def code(text: str) -> str:
    assert "`" not in text and "\n" not in text
    return "`" + text.replace("|", "\\|") + "`"


def _row(*cells: str) -> str:
    return "| " + " | ".join(cells) + " |"


def hostile_spec() -> dict[str, str]:
    head = "| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n"
    rows = [
        _row(code(n), "*string*", ":heavy_minus_sign:", md(DESCRIPTIONS[i % len(DESCRIPTIONS)]))
        for i, n in enumerate(NAMES)
    ]
    rows.append(_row(code("values"), "[components.Values](values.md)", ":heavy_minus_sign:", "v"))
    files = {
        "models/components/inject.md": (
            f"# Inject\n\n{md(DESCRIPTIONS[8])}\n\n## Fields\n\n" + head + "\n".join(rows) + "\n"
        ),
        "models/components/values.md": (
            f"# Values\n\n{md(DESCRIPTIONS[0])}\n\n## Values\n\n| Name | Value | Description |\n"
            "| --- | --- | --- |\n"
            + "\n".join(
                _row(
                    code(v) if v else "",
                    code(v) if v else "",
                    md(DESCRIPTIONS[i % len(DESCRIPTIONS)]),
                )
                for i, v in enumerate(VALUES)
            )
            + "\n"
        ),
        "sdks/inject/README.md": (
            f"# Inject\n\n## getInject\n\n{md(DESCRIPTIONS[6])}\n\n### Parameters\n\n"
            "| Parameter | Type | Required | Description |\n| --- | --- | --- | --- |\n"
            + _row(code("id"), "*string*", ":heavy_check_mark:", md(DESCRIPTIONS[1]))
            + "\n"
            + "\n".join(
                _row(code(n), "*string*", ":heavy_minus_sign:", md(DESCRIPTIONS[i]))
                for i, n in enumerate(NAMES[:6])
            )
            + "\n\n### Response\n\n"
            "**Promise\\<[components.Inject](../../models/components/inject.md)\\>**\n\n"
            "### Errors\n\n| Error Object | Status Code | Content Type |\n| --- | --- | --- |\n"
            + "\n".join(_row("errors.SDKError", md(s), "*/*") for s in STATUS)
            + "\n"
        ),
        "endpoints.md": (
            "# Endpoints\n\n| Operation | Method | Path |\n| --- | --- | --- |\n"
            "| `getInject` | GET | `/inject/{id}` |\n"
        ),
    }
    for i, title in enumerate(TITLES):
        files[f"models/components/t{i}.md"] = (
            f"# {md(title)}\n\n## Fields\n\n"
            + head
            + _row(code("x"), "*string*", ":heavy_check_mark:", "x")
            + "\n"
        )
    return files


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    tmp = tmp_path_factory.mktemp("inject")
    root, out = tmp / "spec", tmp / "out"
    write_tree(root, hostile_spec())
    proc = run_cli(
        "build",
        "--spec",
        str(root),
        "--out",
        str(out),
        "--package",
        PACKAGE,
        "--targets",
        ",".join(usable_targets()),
        cwd=tmp,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    return root, out


def test_ir_holds_the_payloads_exactly(built: tuple[Path, Path]) -> None:
    """The markdown above really says what the payload lists say (else the test is moot)."""
    root, _ = built
    spec, _ = load_spec(Config(spec=root))
    models = {m.name: m for m in spec.models}
    inject = models["Inject"]
    assert isinstance(inject, ObjectModel)
    got = [(f.doc_name, f.wire_name, f.description) for f in inject.fields][: len(NAMES)]
    want = [(n, n, DESCRIPTIONS[i % len(DESCRIPTIONS)]) for i, n in enumerate(NAMES)]
    assert got == want
    assert inject.description == DESCRIPTIONS[8]
    values = models["Values"]
    assert isinstance(values, EnumModel)
    assert [m.value for m in values.members] == VALUES
    for f in inject.fields:
        assert f.py_name.isidentifier(), f.py_name
    titled = {m.name for m in spec.models} - {"Inject", "Values"}
    assert len(titled) == len(TITLES)
    assert all(n.isidentifier() and n.upper() != "CON" for n in titled), titled


def _files(out: Path, suffix: str) -> list[Path]:
    return sorted(p for p in out.rglob(f"*{suffix}") if p.is_file())


def _py_strings(out: Path) -> set[str]:
    found: set[str] = set()
    for p in _files(out, ".py"):
        tree = ast.parse(p.read_text(encoding="utf-8"), filename=str(p))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.add(node.value)
                found.add(inspect.cleandoc(node.value))
    return found


def _data_strings(value: Any, into: set[str]) -> set[str]:
    if isinstance(value, str):
        into.add(value)
    elif isinstance(value, dict):
        for k, v in value.items():
            _data_strings(k, into)
            _data_strings(v, into)
    elif isinstance(value, list):
        for v in value:
            _data_strings(v, into)
    return into


def test_every_python_file_parses_and_passes_ruff(built: tuple[Path, Path]) -> None:
    _, out = built
    py = _files(out, ".py")
    assert py, "no Python output: the injection checks below would check nothing"
    for p in py:
        ast.parse(p.read_text(encoding="utf-8"), filename=str(p))
    proc = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", str(out)],
        capture_output=True,
        text=True,
        cwd=out,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_python_keeps_every_payload_as_data(built: tuple[Path, Path]) -> None:
    _, out = built
    assert _files(out, ".py"), "no Python output to check"
    strings = _py_strings(out)
    blob = "\n".join(strings)
    for n in NAMES:
        assert n in strings, f"wire name {n!r} is not a string constant"
    for v in VALUES:
        assert v in strings, f"enum value {v!r} is not a string constant"
    for d in DESCRIPTIONS:
        assert d in blob, f"description {d!r} lost or altered in Python output"


def test_json_and_yaml_keep_every_payload(built: tuple[Path, Path]) -> None:
    _, out = built
    strings: set[str] = set()
    for p in _files(out, ".json"):
        _data_strings(json.loads(p.read_text(encoding="utf-8")), strings)
    for suffix in (".yaml", ".yml"):
        for p in _files(out, suffix):
            _data_strings(yaml.safe_load(p.read_text(encoding="utf-8")), strings)
    for p in _files(out, ".toml"):
        tomllib.loads(p.read_text(encoding="utf-8"))
    for payload in [*NAMES, *VALUES, *DESCRIPTIONS]:
        assert payload in strings, f"{payload!r} lost or altered in JSON output"


IMPORT_PROBE = """
import importlib, json, pkgutil, sys
seen = []
WATCH = ("os.system", "subprocess.Popen", "os.exec", "os.posix_spawn", "os.spawn",
         "socket.connect", "os.remove", "os.rename", "shutil.rmtree", "os.mkdir", "ctypes.dlopen")
def hook(event, args):
    if event in WATCH:
        seen.append([event, repr(args)[:200]])
    elif event == "open" and isinstance(args[1], str) and set(args[1]) & set("wax+"):
        seen.append([event, repr(args)[:200]])
sys.addaudithook(hook)
pkg = importlib.import_module(sys.argv[1])
names = [m.name for m in pkgutil.walk_packages(pkg.__path__, sys.argv[1] + ".")]
for name in names:
    importlib.import_module(name)
print(json.dumps({"modules": [sys.argv[1], *names], "events": seen}))
"""


def test_generated_package_imports_without_side_effects(
    built: tuple[Path, Path], tmp_path: Path
) -> None:
    _, out = built
    assert (out / PACKAGE / "__init__.py").is_file(), "no Python package was written"
    env = dict(os.environ, PYTHONPATH=str(out), PYTHONDONTWRITEBYTECODE="1")
    proc = subprocess.run(
        [sys.executable, "-c", IMPORT_PROBE, PACKAGE],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    assert report["events"] == [], report["events"]
    assert len(report["modules"]) >= 2
    assert list(tmp_path.iterdir()) == [], "importing created files"
    assert not (out / "PWNED").exists() and not (REPO / "PWNED").exists()


# ------------------------------------------------ templates, statically

# IR attributes that carry doc text verbatim.  (Names are made safe identifiers
# by naming.py; targets also pass precomputed, already-escaped code pieces in
# view objects - `value`, `default`, `load` - which this check cannot tell from
# IR, so those are left to the dynamic tests above.)
RAW_ATTRS = {
    "description",
    "doc_name",
    "wire_name",
    "summary",
    "example",
    "path",
    "status",
    "href",
    "title",
    "text",
}
ESCAPING_FILTERS = {"json", "pystr", "docstring", "comment", "snake", "pascal", "kind", "length"}


def _raw_reads(node: nodes.Node) -> list[str]:
    """Reads of raw doc text inside an output expression, not under an escaping filter."""
    if isinstance(node, nodes.Filter) and node.name in ESCAPING_FILTERS:
        return []
    if isinstance(node, nodes.Test | nodes.Compare):
        return []  # a boolean, not text
    if isinstance(node, nodes.Call):
        return _raw_reads(node.node)  # a macro's own output is checked where it is defined
    found = []
    if isinstance(node, nodes.Getattr) and node.attr in RAW_ATTRS:
        found.append(f"{node.attr} (line {node.lineno})")
    for child in node.iter_child_nodes():
        found.extend(_raw_reads(child))
    return found


def _outputs(node: nodes.Node) -> list[nodes.Output]:
    """Output nodes that reach the rendered text (captured `{% set %}` blocks excluded)."""
    if isinstance(node, nodes.AssignBlock):
        return []
    found = [node] if isinstance(node, nodes.Output) else []
    for child in node.iter_child_nodes():
        found.extend(_outputs(child))
    return found


def test_templates_never_output_raw_doc_text() -> None:
    env = environment(None)
    assert isinstance(env, jinja2.sandbox.SandboxedEnvironment)
    assert env.autoescape is False  # output is code/JSON escaped by our filters
    assert env.loader is not None
    problems = []
    # Markdown output is documentation, not code or data: it is not checked here.
    names = [n for n in env.list_templates() if not n.startswith("markdown/")]
    assert any(n.startswith("jsonschema/") for n in names)
    for name in names:
        source, _, _ = env.loader.get_source(env, name)
        for out in _outputs(env.parse(source)):
            for expr in out.nodes:
                if not isinstance(expr, nodes.TemplateData):
                    problems.extend(f"{name}: {p}" for p in _raw_reads(expr))
    assert problems == [], "\n".join(problems)


def test_sandbox_blocks_template_escapes(tmp_path: Path) -> None:
    """A user template reaching for Python internals is a diagnostic, not code execution."""
    from generator.diagnostics import SpecError
    from generator.emit import EmitContext

    (tmp_path / "evil.j2").write_text("{{ ''.__class__.__mro__[1].__subclasses__() }}")
    env = environment(tmp_path)
    ctx = EmitContext(Config(), env, "pkg")
    with pytest.raises(SpecError) as err:
        ctx.render("evil.j2")
    assert "template error" in str(err.value)
