"""Shared checks for the hostile-input tests (fuzzing, injection, paths, CLI errors).

The contract every hostile input is held to: specgen either renders output
(every file at a safe relative path, every .py parses, every .json loads), or
it raises `SpecError` whose errors all point at `file:line` of a spec file.
Anything else (a traceback, a hang, a diagnostic blaming a template) is a bug.
"""

from __future__ import annotations

import ast
import contextlib
import functools
import importlib
import json
import os
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

from generator.config import ALL_TARGETS, Config
from generator.diagnostics import Diagnostic, SpecError
from generator.pipeline import render_all
from generator.write import safe_relpath

REPO = Path(__file__).resolve().parents[2]
HOSTILE = Path(__file__).resolve().parent
PACKAGE = "fuzzpkg"
CASE_SECONDS = 20.0  # hard bound per case: a hang fails the test instead of stalling CI

# A small valid spec (object, enum, union, a link cycle, one operation) that a
# target must render before the fuzzers hold it to the contract; a target that
# fails even this is still being written by someone and is reported, not fuzzed.
BASELINE: dict[str, str] = {
    "models/components/pet.md": (
        "# Pet\n\nA pet.\n\n## Fields\n\n"
        "| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n"
        "| `name` | *string* | :heavy_check_mark: | The name |\n"
        "| `kind` | [components.Kind](../../models/components/kind.md) | :heavy_minus_sign: | k |\n"
        "| `owner` | [components.Owner](../../models/components/owner.md) "
        "| :heavy_minus_sign: | o |\n"
        "| `tags` | *string*[] | :heavy_minus_sign: | Tags |\n"
        "| `meta` | Record<string, *any*> | :heavy_minus_sign: | Meta |\n"
    ),
    "models/components/owner.md": (
        "# Owner\n\n## Fields\n\n"
        "| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n"
        "| `pets` | [components.Pet](../../models/components/pet.md)[] "
        "| :heavy_minus_sign: | back |\n"
        "| `id` | [components.Id](../../models/components/id.md) | :heavy_check_mark: | id |\n"
    ),
    "models/components/kind.md": (
        "# Kind\n\n## Values\n\n| Name | Value |\n| --- | --- |\n| `Cat` | cat |\n| `Dog` | dog |\n"
    ),
    "models/components/id.md": (
        '# Id\n\n## Supported Types\n\n### `string`\n\n```typescript\nconst v = "";\n```\n\n'
        "### `number`\n\n```typescript\nconst v = 1;\n```\n"
    ),
    "models/operations/getpetrequest.md": (
        "# GetPetRequest\n\n## Fields\n\n"
        "| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n"
        "| `petId` | *string* | :heavy_check_mark: | Which pet |\n"
    ),
    "sdks/pets/README.md": (
        "# Pets\n\n## getPet\n\nFetch a pet.\n\n### Parameters\n\n"
        "| Parameter | Type | Required | Description |\n| --- | --- | --- | --- |\n"
        "| `request` | [operations.GetPetRequest](../../models/operations/getpetrequest.md) "
        "| :heavy_check_mark: | The request |\n\n"
        "### Response\n\n**Promise\\<[components.Pet](../../models/components/pet.md)\\>**\n"
    ),
    "endpoints.md": (
        "# Endpoints\n\n| Operation | Method | Path |\n| --- | --- | --- |\n"
        "| `getPet` | GET | `/pets/{petId}` |\n"
    ),
}


def write_tree(root: Path, files: Mapping[str, str | bytes]) -> None:
    for rel, data in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            p.write_bytes(data)
        else:
            p.write_bytes(data.encode("utf-8"))


@functools.cache
def target_status() -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    """(usable targets, (skipped target, why)): targets are written concurrently."""
    usable: list[str] = []
    skipped: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "spec"
        write_tree(root, BASELINE)
        for name in ALL_TARGETS:
            try:
                mod = importlib.import_module(f"generator.targets.{name}")
            except Exception as e:  # noqa: BLE001 - a target still being written
                skipped.append((name, f"does not import: {type(e).__name__}: {e}"))
                continue
            if not callable(getattr(mod, "emit", None)):
                skipped.append((name, "module has no emit()"))
                continue
            try:
                files, _ = render_all(config(root, (name,)))
                check_output(files)
            except Exception as e:  # noqa: BLE001
                skipped.append((name, f"fails the valid baseline: {type(e).__name__}: {e}"))
                continue
            usable.append(name)
    return tuple(usable), tuple(skipped)


def usable_targets() -> tuple[str, ...]:
    return target_status()[0]


# pydantic runs datamodel-code-generator (~100 ms a case): it sees every
# SAMPLE_EVERY-th fuzz case so 2,000 cases fit the CI budget; every other
# target sees every case.
SLOW_TARGETS = frozenset({"pydantic"})
SAMPLE_EVERY = 8


def targets_for_case(index: int) -> tuple[str, ...]:
    if index % SAMPLE_EVERY == 0:
        return usable_targets()
    return tuple(t for t in usable_targets() if t not in SLOW_TARGETS)


def config(root: Path, targets: tuple[str, ...], out: Path | None = None) -> Config:
    return Config(
        spec=root,
        out=out or root.parent / "out",
        package=PACKAGE,
        targets=targets,
        base_url="https://api.example.invalid",
        token_env="FUZZ_TOKEN",
    )


class CaseTimeout(Exception):
    """A case ran past CASE_SECONDS: a hang or a blow-up."""


@contextlib.contextmanager
def time_limit(seconds: float = CASE_SECONDS) -> Iterator[None]:
    """Interrupt the block after `seconds` (SIGALRM; main thread only)."""

    def fire(signum: int, frame: FrameType | None) -> None:
        raise CaseTimeout(f"case did not finish within {seconds} s")

    old = signal.signal(signal.SIGALRM, fire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def check_output(files: Mapping[str, str]) -> None:
    """Every rendered file: a safe relative path; .py parses; .json loads."""
    assert files, "a successful build rendered no files"
    for rel, text in files.items():
        assert safe_relpath(rel) == rel, rel
        assert isinstance(text, str), rel
        text.encode("utf-8")  # no lone surrogates
        if rel.endswith(".py"):
            ast.parse(text, filename=rel)
        elif rel.endswith(".json"):
            json.loads(text)


def check_diagnostics(diags: list[Diagnostic], spec_files: set[str]) -> None:
    """Errors name a spec file and a line in it; nothing blames a template."""
    errors = [d for d in diags if d.severity == "error"]
    assert errors, f"SpecError without an error diagnostic: {diags}"
    for d in errors:
        assert d.file in spec_files, f"diagnostic names no spec file: {d}"
        assert d.line >= 1, f"diagnostic has no line: {d}"
    for d in diags:
        assert d.message and "\n" not in d.message, f"not one line: {d!r}"


@dataclass(frozen=True)
class Outcome:
    kind: str  # "output" | "diagnostics"
    files: Mapping[str, str]
    diagnostics: tuple[Diagnostic, ...]


def run_case(root: Path, targets: tuple[str, ...]) -> Outcome:
    """Parse -> IR -> targets in process, bounded in time, held to the contract."""
    spec_files = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}
    try:
        with time_limit():
            files, warnings = render_all(config(root, targets))
    except SpecError as e:
        check_diagnostics(e.diagnostics, spec_files)
        return Outcome("diagnostics", {}, tuple(e.diagnostics))
    check_output(files)
    for w in warnings:  # `-v` prints each on one line too
        assert "\n" not in w.message and "\n" not in w.file, f"not one line: {w!r}"
    return Outcome("output", files, ())


def run_cli(
    *args: str, cwd: Path | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """`python -m generator ...` as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd or REPO,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=_env(),
    )


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    env.pop("SPECGEN_DEBUG", None)
    return env


def assert_cli_contract(
    proc: subprocess.CompletedProcess[str], out: Path, spec: Path | None = None
) -> None:
    """Exit 0 with output, or exit 2 with `file:line: message` lines and nothing written.

    With `spec`, a whole-file problem may say `file: message` (no line) when
    that file exists in the spec tree (a symlink, a FIFO, an unreadable name).
    """
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode in (0, 2), (proc.returncode, proc.stderr)
    if proc.returncode == 0:
        assert (out / ".specgen-manifest.json").is_file()
        return
    assert not out.exists() or not any(out.iterdir()), "partial output after exit 2"
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert lines, "exit 2 without saying why"
    for ln in lines:
        if ln.startswith("specgen:"):
            continue  # the summary line
        where = ln.split(": ", 1)[0]
        file, _, line = where.rpartition(":")
        if file and line.isdigit() and int(line) >= 1:
            continue
        whole_file = spec is not None and (
            # "?" stands for non-UTF-8 bytes, "\\" starts an escaped control character
            os.path.lexists(spec / where) or "?" in where or "\\" in where
        )
        assert whole_file, f"not file:line: {ln!r}"
