"""`specgen diff`: each breaking class on pairs of small specs, and git revisions.

The small spec has one response model tree (`Pet` -> `Owner`, `Kind`, via
`getPet`) and one request model (`NewPet`, the body of `createPet`), so each
change can be checked for whom it breaks: clients write requests and read
responses, servers the other way round.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import run_cli

from generator.diff import relate
from generator.ir import AnyType, Array, Primitive, Ref, Union

ROW = "| `{name}` | {type} | {req} | {desc} |"
HEAD = "| Field | Type | Required | Description |\n| ----- | ---- | -------- | ----------- |"
YES, NO = ":heavy_check_mark:", ":heavy_minus_sign:"


def model(title: str, rows: list[tuple[str, str, bool]]) -> str:
    lines = [f"# {title}", "", "## Fields", "", HEAD]
    for name, type_, req in rows:
        lines.append(ROW.format(name=name, type=type_, req=YES if req else NO, desc=name))
    return "\n".join(lines) + "\n"


def link(name: str, group: str = "components") -> str:
    return f"[{group}.{name}](../../models/{group}/{name.lower()}.md)"


def base_files() -> dict[str, str]:
    return {
        "models/components/pet.md": model(
            "Pet",
            [
                ("name", "*string*", True),
                ("owner", link("Owner"), False),
                ("kind", link("Kind"), False),
            ],
        ),
        "models/components/owner.md": model(
            "Owner", [("fullName", "*string*", True), ("age", "*any*", False)]
        ),
        "models/components/kind.md": (
            "# Kind\n\n## Values\n\n| Name | Value |\n| ---- | ----- |\n"
            "| `Cat` | cat |\n| `Dog` | dog |\n"
        ),
        "models/components/newpet.md": model(
            "NewPet",
            [("name", "*string*", True), ("size", "*any*", False), ("color", "*string*", False)],
        ),
        "models/operations/getpetrequest.md": model("GetPetRequest", [("petId", "*string*", True)]),
        "sdks/pets/README.md": "\n".join(
            [
                "# Pets",
                "(*pets*)",
                "",
                "## getPet",
                "",
                "Fetch one pet",
                "",
                "### Parameters",
                "",
                HEAD.replace("Field", "Parameter"),
                f"| `request` | {link('GetPetRequest', 'operations')} | {YES} | The request. |",
                "",
                "### Response",
                "",
                f"**Promise<{link('Pet')}>**",
                "",
                "## createPet",
                "",
                "Add a pet",
                "",
                "### Parameters",
                "",
                HEAD.replace("Field", "Parameter"),
                f"| `request` | {link('NewPet')} | {YES} | The request. |",
                "",
                "### Response",
                "",
                f"**Promise<{link('Pet')}>**",
                "",
            ]
        ),
        "endpoints.md": (
            "# Endpoints\n\n| Operation | Method | Path |\n| --------- | ------ | ---- |\n"
            "| `getPet` | GET | `/pets/{pet_id}` |\n| `createPet` | POST | `/pets` |\n"
        ),
        "wire-names.md": (
            "# Wire names\n\n| Model | Field | Wire name |\n| ----- | ----- | --------- |\n"
            "| `Owner` | `fullName` | `fullName` |\n"
        ),
    }


def put(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.specgen]\nspec = "spec"\nwire-names = "snake_case"\n'
        'wire-name-overrides = "spec/wire-names.md"\ndialect = "typescript"\n',
        encoding="utf-8",
    )
    put(tmp_path / "spec", base_files())
    return tmp_path


def edit(root: Path, rel: str, old: str, new: str) -> None:
    p = root / rel
    text = p.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    p.write_text(text.replace(old, new, 1), encoding="utf-8")


def diff_json(project: Path, *extra: str) -> tuple[int, dict[str, object]]:
    r = run_cli("diff", "old", "new", "--format", "json", *extra, cwd=project)
    assert r.returncode in (0, 1), r.stderr
    return r.returncode, json.loads(r.stdout)


def sides(project: Path) -> tuple[Path, Path]:
    old, new = project / "old", project / "new"
    shutil.copytree(project / "spec", old)
    shutil.copytree(project / "spec", new)
    return old, new


def only_change(data: dict[str, object]) -> dict[str, object]:
    changes = data["changes"]
    assert isinstance(changes, list)
    assert len(changes) == 1, changes
    change = changes[0]
    assert isinstance(change, dict)
    return change


# Each breaking class from the issue: (file, old text, new text, kind, subject, client, server)
CASES = {
    "removed field (response)": (
        "models/components/owner.md",
        "| `age` | *any* | :heavy_minus_sign: | age |\n",
        "",
        "field",
        "Owner.age",
        True,
        False,
    ),
    "removed required field (request)": (
        "models/components/newpet.md",
        "| `name` | *string* | :heavy_check_mark: | name |\n",
        "",
        "field",
        "NewPet.name",
        True,
        True,
    ),
    "optional to required (request)": (
        "models/components/newpet.md",
        "| `size` | *any* | :heavy_minus_sign:",
        "| `size` | *any* | :heavy_check_mark:",
        "field",
        "NewPet.size",
        True,
        False,
    ),
    "optional to required (response)": (
        "models/components/owner.md",
        "| `age` | *any* | :heavy_minus_sign:",
        "| `age` | *any* | :heavy_check_mark:",
        "field",
        "Owner.age",
        False,
        True,
    ),
    "type narrowed (request)": (
        "models/components/newpet.md",
        "| `size` | *any*",
        "| `size` | *number*",
        "field",
        "NewPet.size",
        True,
        False,
    ),
    "type narrowed (response)": (
        "models/components/owner.md",
        "| `age` | *any*",
        "| `age` | *number*",
        "field",
        "Owner.age",
        False,
        True,
    ),
    "enum member removed (response)": (
        "models/components/kind.md",
        "| `Dog` | dog |\n",
        "",
        "member",
        "Kind.DOG",
        False,
        True,
    ),
    "wire name changed": (
        "wire-names.md",
        "| `fullName` |\n",
        "| `FullName` |\n",
        "field",
        "Owner.fullName",
        True,
        True,
    ),
    "operation removed": (
        "endpoints.md",
        "| `getPet` | GET | `/pets/{pet_id}` |\n",
        "",
        "operation",
        "getPet",
        True,
        True,
    ),
    "path changed": (
        "endpoints.md",
        "`/pets/{pet_id}`",
        "`/pet/{pet_id}`",
        "operation",
        "getPet",
        True,
        True,
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_breaking_class(project: Path, case: str) -> None:
    rel, old_text, new_text, kind, subject, client, server = CASES[case]
    _, new = sides(project)
    edit(new, rel, old_text, new_text)
    rc, data = diff_json(project)
    assert rc == 0  # without --fail-on-breaking a breaking diff still exits 0
    changes = [c for c in data["changes"] if isinstance(c, dict) and c["subject"] == subject]  # type: ignore[union-attr]
    assert changes, data
    assert any(c["kind"] == kind for c in changes)
    flags = {(c["breaking"]["client"], c["breaking"]["server"]) for c in changes}
    assert (client, server) in flags, changes
    rc, _ = diff_json(project, "--fail-on-breaking")
    assert rc == 1


def test_operation_removed_from_docs(project: Path) -> None:
    _, new = sides(project)
    readme = (new / "sdks/pets/README.md").read_text(encoding="utf-8")
    start, end = readme.index("## getPet"), readme.index("## createPet")
    (new / "sdks/pets/README.md").write_text(readme[:start] + readme[end:], encoding="utf-8")
    rc, data = diff_json(project, "--fail-on-breaking")
    ops = [c for c in data["changes"] if c["kind"] == "operation"]  # type: ignore[index,union-attr]
    assert ops == [
        {
            "kind": "operation",
            "change": "removed",
            "subject": "getPet",
            "detail": "GET /pets/{pet_id}",
            "breaking": {"client": True, "server": False},
            "source": "sdks/pets/README.md:4",
        }
    ]
    assert rc == 1


def test_non_breaking_changes_pass_fail_on_breaking(project: Path) -> None:
    _, new = sides(project)
    edit(
        new,
        "models/components/newpet.md",
        "| `size` |",
        "| `weight` | *number* | :heavy_minus_sign: | w |\n| `size` |",
    )
    put(new, {"models/components/toy.md": model("Toy", [("label", "*string*", True)])})
    rc, data = diff_json(project, "--fail-on-breaking")
    assert rc == 0
    got = {(c["kind"], c["change"], c["subject"]) for c in data["changes"]}  # type: ignore[index,union-attr]
    assert got == {("field", "added", "NewPet.weight"), ("model", "added", "Toy")}
    assert data["summary"] == {"changes": 2, "breaking_client": 0, "breaking_server": 0}


def test_identical_specs_have_no_changes(project: Path) -> None:
    sides(project)
    rc, data = diff_json(project, "--fail-on-breaking")
    assert rc == 0 and data["changes"] == []


def test_breaking_for_selects_the_side(project: Path) -> None:
    _, new = sides(project)
    edit(new, "models/components/owner.md", "| `age` | *any*", "| `age` | *number*")
    # narrowed response type: breaks servers only
    assert (
        run_cli(
            "diff", "old", "new", "--fail-on-breaking", "--breaking-for", "client", cwd=project
        ).returncode
        == 0
    )
    assert (
        run_cli(
            "diff", "old", "new", "--fail-on-breaking", "--breaking-for", "server", cwd=project
        ).returncode
        == 1
    )


def test_text_output_names_each_change(project: Path) -> None:
    _, new = sides(project)
    edit(new, "models/components/kind.md", "| `Dog` | dog |\n", "")
    edit(new, "endpoints.md", "`/pets`", "`/animals`")
    r = run_cli("diff", "old", "new", cwd=project)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0] == "specgen diff old -> new: 2 change(s); 1 breaking for clients, 2 for servers"
    assert any(
        "BREAKING server" in ln and "member Kind.DOG: value 'dog' removed" in ln for ln in lines
    )
    assert any(
        "BREAKING client+server" in ln and "operation createPet: POST /pets -> POST /animals" in ln
        for ln in lines
    )


def test_bad_side_is_one_line_exit_2(project: Path) -> None:
    r = run_cli("diff", "nosuchdir", "spec", cwd=project)
    assert r.returncode == 2
    assert "Traceback" not in r.stderr
    assert "nosuchdir" in r.stderr and len(r.stderr.strip().splitlines()) == 1


def git(cwd: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
    )


def test_git_revisions(project: Path) -> None:
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "spec", "pyproject.toml")
    git(project, "commit", "-q", "-m", "v1")
    git(project, "tag", "v1")
    edit(
        project / "spec", "models/components/owner.md", "| `age` | *any*", "| `age` | *number*"
    )
    git(project, "commit", "-q", "-am", "v2")
    # an uncommitted edit must not leak into either revision
    edit(project / "spec", "models/components/kind.md", "| `Dog` | dog |\n", "")
    r = run_cli("diff", "HEAD~1", "HEAD", "--format", "json", "--fail-on-breaking", cwd=project)
    assert r.returncode == 1, r.stderr
    data = json.loads(r.stdout)
    assert [(c["subject"], c["detail"]) for c in data["changes"]] == [
        ("Owner.age", "type narrowed: any -> number")
    ]
    # a tag against the working folder sees both the commit and the uncommitted edit
    r = run_cli("diff", "v1", "spec", "--format", "json", cwd=project)
    assert r.returncode == 0, r.stderr
    subjects = sorted(c["subject"] for c in json.loads(r.stdout)["changes"])
    assert subjects == ["Kind.DOG", "Owner.age"]
    r = run_cli("diff", "HEAD~5", "HEAD", cwd=project)
    assert r.returncode == 2 and "HEAD~5" in r.stderr


def test_relate_orders_types() -> None:
    s, i, n = Primitive("string"), Primitive("integer"), Primitive("number")
    assert relate(n, i) == "narrowed" and relate(i, n) == "widened"
    assert relate(Union((s, i)), s) == "narrowed"
    assert relate(s, Union((s, i))) == "widened"
    assert relate(Array(s), Array(i)) == "changed"
    assert relate(AnyType(), Ref("X")) == "narrowed"
    assert relate(Primitive("string", "date-time"), s) == "widened"
    assert relate(Ref("A"), Ref("A")) == "same"
