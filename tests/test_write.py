"""The write stage and incremental builds, on real files in temp dirs.

Builds run as real `python -m generator build` subprocesses; the kill tests
SIGKILL a child in the middle of writing and look at what is left on disk.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import run_cli

from generator import __version__
from generator.write import MANIFEST, atomic_write, read_manifest, up_to_date, write

PET = """# Pet

A pet.

## Fields

| Field | Type | Required | Description |
| ----- | ---- | -------- | ----------- |
| `name` | *string* | :heavy_check_mark: | The pet's name |
| `owner` | [components.Owner](../../models/components/owner.md) | :heavy_minus_sign: | Owner |
"""
OWNER = """# Owner

## Fields

| Field | Type | Required | Description |
| ----- | ---- | -------- | ----------- |
| `fullName` | *string* | :heavy_check_mark: | Name |
"""
TOY = """# Toy

## Fields

| Field | Type | Required | Description |
| ----- | ---- | -------- | ----------- |
| `label` | *string* | :heavy_check_mark: | Label |
"""


def snapshot(out: Path) -> dict[str, tuple[int, bytes]]:
    """{relpath: (mtime_ns, bytes)} of every file under out."""
    return {
        p.relative_to(out).as_posix(): (p.stat().st_mtime_ns, p.read_bytes())
        for p in sorted(out.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def project(tmp_path: Path) -> Path:
    comp = tmp_path / "spec" / "models" / "components"
    comp.mkdir(parents=True)
    (comp / "pet.md").write_text(PET, encoding="utf-8")
    (comp / "owner.md").write_text(OWNER, encoding="utf-8")
    (comp / "toy.md").write_text(TOY, encoding="utf-8")
    return tmp_path


def build(project: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    r = run_cli("build", "--spec", "spec", "--out", "out", *extra, cwd=project)
    assert r.returncode == 0, r.stderr
    return r


SCHEMAS = "api/schemas"


def test_second_build_writes_nothing(project: Path) -> None:
    first = build(project)
    out = project / "out"
    before = snapshot(out)
    schemas = {f"{SCHEMAS}/{n}.schema.json" for n in ("Pet", "Owner", "Toy", "_bundle")}
    assert schemas <= set(before) and MANIFEST in before
    assert f"{len(before) - 1} written" in first.stdout
    time.sleep(0.02)  # mtimes would differ if anything were rewritten
    second = build(project)
    assert "0 written, 0 removed" in second.stdout
    assert "(inputs unchanged)" in second.stdout
    assert snapshot(out) == before
    # `check` renders in full and agrees
    assert run_cli("check", "--spec", "spec", "--out", "out", cwd=project).returncode == 0


def test_manifest_records_version_inputs_and_files(project: Path) -> None:
    build(project)
    out = project / "out"
    m = read_manifest(out)
    assert m["generator"] == f"specgen {__version__}"
    assert isinstance(m["inputs"], str) and len(m["inputs"]) == 64
    files = m["files"]
    assert isinstance(files, dict)
    import hashlib

    for rel, digest in files.items():
        assert hashlib.sha256((out / rel).read_bytes()).hexdigest() == digest
    assert up_to_date(out, str(m["inputs"])) == sorted(files)
    assert up_to_date(out, "0" * 64) is None


def test_editing_one_doc_rewrites_only_its_dependents(project: Path) -> None:
    build(project)
    out = project / "out"
    before = snapshot(out)
    time.sleep(0.02)
    owner = project / "spec/models/components/owner.md"
    owner.write_text(OWNER.replace("| Name |", "| The owner's full name |"), encoding="utf-8")
    r = build(project)
    after = snapshot(out)
    changed = {rel for rel in after if after[rel] != before.get(rel)}
    # Owner's own schema, the bundle holding it, and the manifest; Pet only links to it
    assert {f"{SCHEMAS}/Owner.schema.json", f"{SCHEMAS}/_bundle.schema.json", MANIFEST} <= changed
    assert not changed & {f"{SCHEMAS}/Pet.schema.json", f"{SCHEMAS}/Toy.schema.json"}
    assert f"{len(changed) - 1} written" in r.stdout
    assert "The owner's full name" in (out / SCHEMAS / "Owner.schema.json").read_text()


def test_deleting_a_doc_removes_its_outputs_and_keeps_user_files(project: Path) -> None:
    build(project)
    out = project / "out"
    (out / "README.md").write_text("mine\n", encoding="utf-8")
    (out / SCHEMAS / "Custom.schema.json").write_text("{}\n", encoding="utf-8")
    (out / "api" / "notes").mkdir()
    (out / "api" / "notes" / "n.txt").write_text("keep\n", encoding="utf-8")
    (project / "spec/models/components/toy.md").unlink()
    r = build(project)
    assert "1 removed" in r.stdout
    assert not (out / SCHEMAS / "Toy.schema.json").exists()
    assert (out / "README.md").read_text() == "mine\n"
    assert (out / SCHEMAS / "Custom.schema.json").read_text() == "{}\n"
    assert (out / "api/notes/n.txt").read_text() == "keep\n"
    assert "Toy.schema.json" not in json.dumps(read_manifest(out))


def test_removed_target_prunes_its_empty_folders(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write(out, {"a/b/c.txt": "1\n", "keep.txt": "2\n"}, "h1")
    p = write(out, {"keep.txt": "2\n"}, "h2")
    assert p.removed == ["a/b/c.txt"] and p.unchanged == ["keep.txt"]
    assert not (out / "a").exists()


def test_tampered_manifest_never_deletes_outside_out(tmp_path: Path) -> None:
    out = tmp_path / "out"
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    write(out, {"x.txt": "1\n"}, "h")
    m = read_manifest(out)
    m["files"] = {"../victim.txt": "0", "/etc/hostname": "0", "x.txt": "0"}
    (out / MANIFEST).write_text(json.dumps(m), encoding="utf-8")
    write(out, {}, "h2")
    assert victim.read_text() == "precious\n"
    assert not (out / "x.txt").exists()


def test_written_files_get_the_usual_mode(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write(out, {"a.json": "{}\n"}, "h")
    umask = os.umask(0)
    os.umask(umask)
    assert (out / "a.json").stat().st_mode & 0o777 == 0o666 & ~umask


def test_interrupted_build_is_not_taken_for_up_to_date(tmp_path: Path) -> None:
    """The provisional manifest (empty inputs hash) forces the next build to render."""
    out = tmp_path / "out"
    write(out, {"a.txt": "old\n"}, "h1")
    m = read_manifest(out)
    m["inputs"] = ""  # what a build killed after its provisional manifest leaves
    (out / MANIFEST).write_text(json.dumps(m), encoding="utf-8")
    (out / ".a.txt.abcd1234.tmp").write_text("half", encoding="utf-8")  # its leftover
    (out / ".mine.tmp").write_text("user's", encoding="utf-8")
    assert up_to_date(out, "") is None
    write(out, {"a.txt": "old\n"}, "h1")
    assert read_manifest(out)["inputs"] == "h1"
    assert not (out / ".a.txt.abcd1234.tmp").exists()
    assert (out / ".mine.tmp").exists()


def test_edited_generated_file_defeats_the_fast_path(project: Path) -> None:
    build(project)
    out = project / "out"
    target = out / SCHEMAS / "Pet.schema.json"
    good = target.read_bytes()
    target.write_text("{}\n", encoding="utf-8")
    r = build(project)
    assert "1 written" in r.stdout
    assert target.read_bytes() == good


def test_template_change_invalidates_the_inputs_hash(project: Path, tmp_path: Path) -> None:
    build(project)
    tpl = project / "tpl" / "jsonschema"
    tpl.mkdir(parents=True)
    root = Path(__file__).resolve().parents[1]
    bundle = (root / "templates/jsonschema/bundle.json.j2").read_text(encoding="utf-8")
    (tpl / "bundle.json.j2").write_text(bundle, encoding="utf-8")
    r = build(project, "--templates", "tpl")
    assert "(inputs unchanged)" not in r.stdout  # a new template folder is a new input
    assert "0 written" in r.stdout  # same template text, same bytes


CHILD = r"""
import sys
from pathlib import Path
from generator.write import atomic_write
path = Path(sys.argv[1])
blobs = [b"a" * (8 << 20), b"b" * (8 << 20)]
print("ready", flush=True)
i = 0
while True:
    atomic_write(path, blobs[i % 2])
    i += 1
"""


@pytest.mark.slow
def test_kill_mid_write_leaves_old_or_new_never_truncated(tmp_path: Path) -> None:
    target = tmp_path / "big.bin"
    a, b = b"a" * (8 << 20), b"b" * (8 << 20)
    atomic_write(target, a)
    for delay in (0.05, 0.11, 0.17, 0.23, 0.31, 0.43):
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(target)], stdout=subprocess.PIPE, text=True
        )
        assert child.stdout is not None and child.stdout.readline().strip() == "ready"
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        data = target.read_bytes()
        assert data in (a, b), f"truncated or mixed: {len(data)} bytes"
    # leftovers are hidden temp files next to the target, swept by the next build
    write(tmp_path, {"big.bin": "x\n"}, "")
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


@pytest.mark.slow
def test_kill_mid_build_keeps_every_file_whole(project: Path) -> None:
    comp = project / "spec/models/components"
    for i in range(300):  # enough files that the write phase takes a while
        (comp / f"toy{i}.md").write_text(TOY.replace("# Toy", f"# Toy{i}"), encoding="utf-8")
    build(project)
    out = project / "out"
    old = {rel: data for rel, (_, data) in snapshot(out).items()}
    for p in comp.glob("toy*.md"):
        p.write_text(p.read_text().replace("| Label |", "| A longer label |"), encoding="utf-8")
    new = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--spec", "spec", "--out", "new"],
        cwd=project,
        capture_output=True,
        text=True,
        check=True,
    )
    assert new.returncode == 0
    fresh = {rel: data for rel, (_, data) in snapshot(project / "new").items()}
    pristine = project / "pristine"
    shutil.copytree(out, pristine)
    mixed = 0
    for delay in (0.0, 0.01, 0.03):
        shutil.rmtree(out)
        shutil.copytree(pristine, out)
        child = subprocess.Popen(
            [sys.executable, "-m", "generator", "build", "--spec", "spec", "--out", "out"],
            cwd=project,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        # The provisional manifest (empty inputs hash) marks the start of the writes.
        deadline = time.monotonic() + 60
        while read_manifest(out).get("inputs") != "" and time.monotonic() < deadline:
            assert child.poll() is None, "the build ended before writing"
            time.sleep(0.001)
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        now = {rel: data for rel, (_, data) in snapshot(out).items() if rel != MANIFEST}
        for rel, data in now.items():
            if not rel.endswith(".tmp"):
                assert data in (old.get(rel), fresh.get(rel)), rel
        changed = {rel for rel in now if not rel.endswith(".tmp") and now[rel] != old.get(rel)}
        done = read_manifest(out).get("inputs") != ""
        # unless it got to its final manifest, a killed build is never "up to date"
        assert not done or changed == {r for r in fresh if r != MANIFEST and fresh[r] != old.get(r)}
        mixed += not done and bool(changed)
    assert mixed, "no kill landed between the first and the last file written"
    r = build(project)
    assert "written" in r.stdout
    got = {rel: data for rel, (_, data) in snapshot(out).items() if rel != MANIFEST}
    assert got == {rel: data for rel, data in fresh.items() if rel != MANIFEST}
