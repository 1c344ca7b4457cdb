"""The on-disk bytecode cache of compiled templates and the memoised sandbox.

Each build runs in a real subprocess that counts how many templates Jinja
compiles (a cache hit compiles none), with `SPECGEN_CACHE_DIR` in a temp dir.
"""

from __future__ import annotations

import inspect
import os
import re
import stat
import subprocess
import sys
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jinja2
import pytest
from conftest import ROOT
from jinja2.sandbox import SandboxedEnvironment

from generator import emit
from generator.emit import Sandbox
from generator.ir import Field, Primitive, Source

OWNER = """# Owner

## Fields

| Field | Type | Required | Description |
| ----- | ---- | -------- | ----------- |
| `fullName` | *string* | :heavy_check_mark: | Name |
| `tags` | *string*[] | :heavy_minus_sign: | Tags |
"""

# `python -m generator` with Environment.compile counted; the count goes to stderr.
DRIVER = """
import sys, jinja2
count = 0
compile_ = jinja2.Environment.compile
def counting(self, *args, **kwargs):
    global count
    count += 1
    return compile_(self, *args, **kwargs)
jinja2.Environment.compile = counting
from generator.cli import main
rc = main(sys.argv[1:])
print(f"compiled={count}", file=sys.stderr)
raise SystemExit(rc)
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    comp = tmp_path / "spec" / "models" / "components"
    comp.mkdir(parents=True)
    (comp / "owner.md").write_text(OWNER, encoding="utf-8")
    return tmp_path


def build(project: Path, cache: str | Path, out: str, *extra: str) -> tuple[int, str]:
    """(templates compiled, stderr) of one `specgen build` process."""
    env = {**os.environ, "SPECGEN_CACHE_DIR": str(cache), "PYTHONPATH": str(ROOT)}
    r = subprocess.run(
        [sys.executable, "-c", DRIVER, "build", "--spec", "spec", "--out", out]
        + ["--targets", "jsonschema,dataclasses", *extra],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 0, r.stderr
    last = r.stderr.strip().splitlines()[-1]
    assert last.startswith("compiled="), r.stderr
    return int(last.removeprefix("compiled=")), r.stderr


def entries(cache: Path) -> list[Path]:
    return sorted(cache.glob("templates-*/*.cache"))


def outputs(out: Path) -> dict[str, bytes]:
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and p.name != ".specgen-manifest.json"
    }


def test_a_second_process_reuses_the_cache(project: Path) -> None:
    cache = project / "cache"
    first, _ = build(project, cache, "out1")
    assert first > 0
    saved = entries(cache)
    assert len(saved) == first  # one entry per compiled template
    (leaf,) = {p.parent for p in saved}
    assert stat.S_IMODE(leaf.stat().st_mode) == 0o700
    assert all(stat.S_IMODE(p.stat().st_mode) & 0o077 == 0 for p in saved)
    second, _ = build(project, cache, "out2")
    assert second == 0
    assert outputs(project / "out2") == outputs(project / "out1")


def test_an_edited_overlay_template_is_recompiled(project: Path) -> None:
    cache = project / "cache"
    packaged = (ROOT / "templates/jsonschema/bundle.json.j2").read_text(encoding="utf-8")
    tpl = project / "tpl/jsonschema/bundle.json.j2"
    tpl.parent.mkdir(parents=True)

    def with_description(text: str) -> str:
        marked = packaged.replace('"$defs": {}', f'"description": "{text}",\n  "$defs": {{}}')
        assert marked != packaged
        return marked

    tpl.write_text(with_description("first"), encoding="utf-8")
    assert build(project, cache, "out1", "--templates", "tpl")[0] > 0
    assert build(project, cache, "out2", "--templates", "tpl")[0] == 0
    tpl.write_text(with_description("second"), encoding="utf-8")
    compiled, _ = build(project, cache, "out3", "--templates", "tpl")
    assert compiled == 1  # only the edited file; the rest still come from the cache
    bundle = "api/schemas/_bundle.schema.json"
    assert '"description": "first"' in (project / "out2" / bundle).read_text()
    assert '"description": "second"' in (project / "out3" / bundle).read_text()


def test_an_unusable_cache_folder_does_not_fail_the_build(project: Path) -> None:
    blocker = project / "a-file"
    blocker.write_text("not a folder")
    compiled, _ = build(project, blocker / "cache", "out1")  # cannot be created
    assert compiled > 0
    compiled, _ = build(project, blocker, "out2")  # a file, not a folder
    assert compiled > 0
    assert blocker.read_text() == "not a folder"
    compiled, _ = build(project, "off", "out3")  # switched off
    assert compiled > 0
    assert not (project / "off").exists()
    assert outputs(project / "out1") == outputs(project / "out2") == outputs(project / "out3")


@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
def test_a_cache_others_can_write_to_is_never_loaded(project: Path) -> None:
    cache = project / "cache"
    assert build(project, cache, "out1")[0] > 0
    (leaf,) = {p.parent for p in entries(cache)}
    leaf.chmod(0o777)  # anyone could have planted code here
    assert build(project, cache, "out2")[0] > 0
    leaf.chmod(0o700)
    assert build(project, cache, "out3")[0] == 0
    cache.chmod(0o777)  # the root too: others could swap our folder
    assert build(project, cache, "out4")[0] > 0
    cache.chmod(0o700)
    if hasattr(os, "getuid") and os.getuid() == 0:  # root can hand the folder to someone else
        os.chown(leaf, 65534, -1)
        assert build(project, cache, "out5")[0] > 0
        os.chown(leaf, 0, -1)
    assert build(project, cache, "out6")[0] == 0


def test_a_damaged_cache_entry_is_recompiled(project: Path) -> None:
    cache = project / "cache"
    first, _ = build(project, cache, "out1")
    magic = jinja2.bccache.bc_magic
    for entry in entries(cache):  # Jinja's header intact, the rest garbage
        entry.write_bytes(magic + b"\x80\x04garbage" * 3)
    assert build(project, cache, "out2")[0] == first
    assert outputs(project / "out2") == outputs(project / "out1")
    assert build(project, cache, "out3")[0] == 0  # rewritten by the second build


def test_a_symlinked_cache_folder_is_never_loaded(project: Path) -> None:
    cache = project / "cache"
    assert build(project, cache, "out1")[0] > 0
    (leaf,) = {p.parent for p in entries(cache)}
    real = project / "elsewhere"
    leaf.rename(real)
    leaf.symlink_to(real, target_is_directory=True)
    assert build(project, cache, "out2")[0] > 0


def test_watch_rebuild_in_one_process_follows_an_overlay_edit(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # watch keeps one process: the in-memory cache and auto_reload=False must
    # still pick up an edit, even one that keeps the file's size and mtime second
    from generator.config import Config
    from generator.watch import DocCache, build_once

    packaged = (ROOT / "templates/jsonschema/bundle.json.j2").read_text(encoding="utf-8")
    tpl = project / "tpl/jsonschema/bundle.json.j2"
    tpl.parent.mkdir(parents=True)
    cfg = Config(spec=project / "spec", out=project / "out", templates=project / "tpl")
    cache = DocCache()
    bundle = project / "out/api/schemas/_bundle.schema.json"
    for mark in ("first", "secnd"):  # same length: only the content tells them apart
        tpl.write_text(packaged.replace('"$defs": {}', f'"x": "{mark}", "$defs": {{}}'))
        assert build_once(cfg, cache, "edit", False), capsys.readouterr()
        assert f'"x": "{mark}"' in bundle.read_text(encoding="utf-8")


# ------------------------------------------------------------ the sandbox


class _Liar:
    """Claims to be a generator: isinstance() believes it, so the stock sandbox
    refuses `gi_frame`; the memoised check must not be fooled into allowing it."""

    gi_frame = "frame"
    name = "liar"

    @property  # type: ignore[misc]
    def __class__(self) -> type:  # noqa: PLW3201
        return types.GeneratorType


def _gen() -> Iterator[int]:
    yield 1


def _func() -> int:
    return 1


class _Holder:
    def __init__(self) -> None:
        self.method = self.go
        self.text = "a {0} b"
        self.fmt = "{0.__class__}".format

    def go(self) -> int:
        return 2


FIELD = Field("a", "a", "a", Primitive("string"), True, False, "doc", Source("a.md", 1))
CASES: list[tuple[Any, str]] = [
    (FIELD, "wire_name"),
    (FIELD, "type"),
    (FIELD, "missing"),
    (FIELD, "__class__"),
    ({"prefix": "#/$defs/", "_hidden": 1}, "prefix"),
    ({"prefix": "#/$defs/", "_hidden": 1}, "_hidden"),
    ({"prefix": "#/$defs/"}, "absent"),
    ({"prefix": "#/$defs/"}, "items"),
    ("text", "upper"),
    ("text {0}", "format"),
    ("text {k}", "format_map"),
    ("text", "__class__"),
    (_func, "__globals__"),
    (_func, "__name__"),
    (_Holder().go, "__func__"),
    (_Holder(), "method"),
    (_Holder(), "text"),
    (_Holder(), "fmt"),
    (str, "mro"),
    (str, "upper"),
    (_gen(), "gi_frame"),
    (_gen(), "gi_code"),
    (_gen(), "gi_running"),
    (_Liar(), "gi_frame"),
    (_Liar(), "name"),
    ((1, 2), "count"),
    (3, "real"),
]


def _outcome(env: SandboxedEnvironment, obj: Any, attr: str) -> tuple[str, Any]:
    value = env.getattr(obj, attr)
    if isinstance(value, jinja2.Undefined):
        return "undefined", (type(value).__name__, value._undefined_hint)
    if attr in ("format", "format_map", "fmt"):  # wrapped by the sandbox: compare what it does
        arg: Any = {"k": "x"} if attr == "format_map" else "x"
        try:
            return "format", value(arg)
        except jinja2.exceptions.SecurityError as e:
            return "refused", str(e)
    return "value", value


@pytest.mark.parametrize(("obj", "attr"), CASES, ids=[f"{type(o).__name__}.{a}" for o, a in CASES])
def test_memoised_sandbox_allows_and_refuses_what_jinja_does(obj: Any, attr: str) -> None:
    stock = SandboxedEnvironment(undefined=jinja2.StrictUndefined)
    ours = Sandbox(undefined=jinja2.StrictUndefined)
    for _ in range(2):  # the second lookup is served from the per-type memo
        assert _outcome(ours, obj, attr) == _outcome(stock, obj, attr)


def test_memoised_sandbox_still_refuses_format_escapes() -> None:
    env = Sandbox(undefined=jinja2.StrictUndefined)
    tpl = env.from_string("{{ text.format(obj) }}")
    with pytest.raises(jinja2.exceptions.SecurityError):
        tpl.render(text="{0.__class__.__mro__}", obj=1)
    with pytest.raises(jinja2.exceptions.SecurityError):
        env.from_string("{{ h.fmt(1) }}").render(h=_Holder())


def test_memoised_sandbox_knows_every_type_jinja_treats_as_internal() -> None:
    # Sandbox copies is_internal_attribute's isinstance list into _INTERNAL_TYPES;
    # a Jinja release that adds a type must fail here, not be skipped by the memo
    src = inspect.getsource(jinja2.sandbox.is_internal_attribute)
    named = {getattr(types, n) for n in re.findall(r"\btypes\.(\w+)", src)}
    if re.search(r"isinstance\(obj, type\)", src):
        named.add(type)
    assert named == set(emit._INTERNAL_TYPES)
    src = inspect.getsource(SandboxedEnvironment.wrap_str_format)
    assert {getattr(types, n) for n in re.findall(r"\btypes\.(\w+)", src)} == set(
        emit._METHOD_TYPES
    )
