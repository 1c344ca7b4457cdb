"""`specgen validate` as a real subprocess: files, stdin, JSONL, exit codes, formats."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import run_on_a_terminal

ROOT = Path(__file__).resolve().parents[1]
GOOD = {"project": "p", "session_name": "s", "source": "prod"}
MODEL = ["validate", "--model", "SessionStartRequest"]


def cli(
    *args: str, stdin: str | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


def lines(*payloads: Any) -> str:
    return "".join((p if isinstance(p, str) else json.dumps(p)) + "\n" for p in payloads)


def records(out: str) -> list[dict[str, Any]]:
    return [json.loads(x) for x in out.splitlines()]


def test_valid_document_exit_0(tmp_path: Path) -> None:
    f = tmp_path / "one.json"
    f.write_text(json.dumps(GOOD, indent=2))
    r = cli(*MODEL, str(f))
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.startswith("specgen: 1 payload checked, 0 invalid, 0 unreadable in ")
    assert "payloads/s" in r.stdout
    assert r.stderr == ""  # no progress bar when stderr is not a terminal


def test_invalid_document_exit_1_with_pointer_rule_expected_actual(tmp_path: Path) -> None:
    f = tmp_path / "bad.json"
    f.write_text(json.dumps({**GOOD, "session_name": 3, "inputs": []}, indent=2))
    r = cli(*MODEL, str(f))
    assert r.returncode == 1
    out = r.stdout.splitlines()
    assert out[0] == f"{f}: /inputs: type: expected object, got array (0 items)"
    assert out[1] == f"{f}: /session_name: type: expected string, got integer 3"
    assert out[2].startswith("specgen: 1 payload checked, 1 invalid, 0 unreadable")


def test_jsonl_bad_line_in_the_middle_goes_on(tmp_path: Path) -> None:
    f = tmp_path / "events.jsonl"
    body = lines(GOOD, GOOD, '{"project": "p", oops}', "", GOOD, {**GOOD, "source": None})
    f.write_text(body)
    r = cli(*MODEL, str(f))
    assert r.returncode == 2  # unreadable input wins over invalid
    out = r.stdout.splitlines()
    assert out[0] == f"{f}:3:18: invalid JSON: Expecting property name enclosed in double quotes"
    assert out[1] == f"{f}:6: /source: type: expected string, got null"
    assert out[2].startswith("specgen: 4 payloads checked, 1 invalid, 1 unreadable")


def test_jsonl_detected_without_suffix_and_truncated_last_line(tmp_path: Path) -> None:
    f = tmp_path / "export.txt"
    f.write_text(lines(GOOD, {"project": "p"}) + '{"project": "p", "sess')
    r = cli(*MODEL, "--format", "json", str(f))
    assert r.returncode == 2
    recs = records(r.stdout)
    assert recs[0]["line"] == 2 and {e["pointer"] for e in recs[0]["errors"]} == {
        "/session_name",
        "/source",
    }
    assert (recs[1]["kind"], recs[1]["line"], recs[1]["column"]) == ("unreadable", 3, 18)
    assert recs[-1]["kind"] == "summary" and recs[-1]["payloads"] == 2


def test_stdin_jsonl_and_stdin_document() -> None:
    r = cli(*MODEL, "-", stdin=lines(GOOD, {**GOOD, "metadata": "x"}))
    assert r.returncode == 1
    assert r.stdout.splitlines()[0] == '<stdin>:2: /metadata: type: expected object, got string "x"'
    r = cli(*MODEL, "-", stdin=json.dumps(GOOD, indent=4))
    assert r.returncode == 0
    assert "1 payload checked, 0 invalid" in r.stdout


def test_bad_document_reports_line_and_column(tmp_path: Path) -> None:
    f = tmp_path / "doc.json"
    f.write_text('\n{\n  "project": "p",\n  "source": tru\n}\n')
    r = cli(*MODEL, str(f))
    assert r.returncode == 2
    assert r.stdout.splitlines()[0] == f"{f}:4:13: invalid JSON: Expecting value"


def test_not_utf8_and_nan_are_unreadable(tmp_path: Path) -> None:
    f = tmp_path / "x.jsonl"
    f.write_bytes(b'{"project": "\xff"}\n{"project": NaN}\n' + json.dumps(GOOD).encode() + b"\n")
    r = cli(*MODEL, "--format", "json", str(f))
    assert r.returncode == 2
    recs = records(r.stdout)
    assert [(x["kind"], x.get("line")) for x in recs[:2]] == [("unreadable", 1), ("unreadable", 2)]
    assert recs[0]["column"] == 14 and "UTF-8" in recs[0]["message"]
    assert recs[-1]["payloads"] == 1 and recs[-1]["unreadable"] == 2


def test_json_format_records(tmp_path: Path) -> None:
    f = tmp_path / "e.jsonl"
    f.write_text(lines({"event_type": "robot", "children_ids": [1]}))
    r = cli("validate", "--model", "Event", "--format", "json", str(f))
    assert r.returncode == 1
    inv, summary = records(r.stdout)
    assert inv["kind"] == "invalid" and inv["file"] == str(f) and inv["line"] == 1
    got = [(e["pointer"], e["rule"], e["actual"]) for e in inv["errors"]]
    assert got == [
        ("/children_ids/0", "type", "integer 1"),
        ("/event_type", "enum", 'string "robot"'),
    ]
    assert inv["errors"][1]["expected"].startswith('one of "')
    assert summary == {**summary, "kind": "summary", "payloads": 1, "invalid": 1, "unreadable": 0}
    assert summary["payloads_per_second"] > 0


def test_max_errors_stops_early(tmp_path: Path) -> None:
    f = tmp_path / "many.jsonl"
    f.write_text(lines(*[{"project": i} for i in range(50)]))
    r = cli(*MODEL, "--max-errors", "3", "--format", "json", str(f))
    assert r.returncode == 1
    recs = records(r.stdout)
    assert [x["line"] for x in recs[:-1]] == [1, 2, 3]
    assert recs[-1]["stopped_early"] is True and recs[-1]["payloads"] == 3


def test_unknown_model_one_line_exit_2(tmp_path: Path) -> None:
    f = tmp_path / "a.json"
    f.write_text("{}")
    r = cli("validate", "--model", "SessionStartReqest", str(f))
    assert r.returncode == 2
    assert r.stderr == (
        "specgen: error: unknown model 'SessionStartReqest'; did you mean 'SessionStartRequest'?\n"
    )
    assert r.stdout == ""


def test_missing_file_exit_2_and_other_files_checked(tmp_path: Path) -> None:
    f = tmp_path / "a.json"
    f.write_text(json.dumps({"project": 1}))
    r = cli(*MODEL, str(tmp_path / "nope.json"), str(f))
    assert r.returncode == 2
    out = r.stdout.splitlines()
    assert out[0] == f"{tmp_path / 'nope.json'}: error: No such file or directory"
    # a one-line file reads as JSON Lines: the line is given
    assert out[1].startswith(f"{f}:1: /project: type: expected string, got integer 1")


def test_strict_closes_objects() -> None:
    payload = lines({**GOOD, "sesion_name": "typo"})
    assert cli(*MODEL, "-", stdin=payload).returncode == 0
    r = cli(*MODEL, "--strict", "-", stdin=payload)
    assert r.returncode == 1
    assert r.stdout.splitlines()[0] == (
        '<stdin>:1: /sesion_name: additionalProperties: property "sesion_name" '
        "is not allowed (closed object)"
    )


def test_schema_dir_bundle_and_per_model_files_agree(tmp_path: Path) -> None:
    out = tmp_path / "out"
    b = cli("build", "--out", str(out), "--targets", "jsonschema")
    assert b.returncode == 0, b.stderr
    schemas = out / "honeyhive" / "schemas"
    loose = tmp_path / "loose"
    shutil.copytree(schemas, loose)
    (loose / "_bundle.schema.json").unlink()
    payload = lines(GOOD, {"event_type": "robot"}, {"datapoints": [{"created_at": "noon"}]})
    results = []
    for model in ("SessionStartRequest", "Event", "GetDatapointsResponseBody"):
        for folder in (None, schemas, loose):
            extra = [] if folder is None else ["--schema-dir", str(folder)]
            r = cli("validate", "--model", model, *extra, "--format", "json", "-", stdin=payload)
            results.append((model, folder, r.returncode, records(r.stdout)[:-1]))
    by_model: dict[str, list[Any]] = {}
    for model, _, code, recs in results:
        by_model.setdefault(model, []).append((code, recs))
    for model, outs in by_model.items():
        assert outs[0] == outs[1] == outs[2], model
    dp = by_model["GetDatapointsResponseBody"][0][1]
    assert [(e["pointer"], e["rule"]) for e in dp[-1]["errors"]] == [
        ("/datapoints/0/created_at", "format")
    ]


def test_schema_dir_missing_is_one_line_exit_2(tmp_path: Path) -> None:
    r = cli(*MODEL, "--schema-dir", str(tmp_path / "none"), "-", stdin="{}")
    assert r.returncode == 2
    assert r.stderr.strip() == f"specgen: error: {tmp_path / 'none'}: schema folder not found"


@pytest.mark.parametrize("engine", ["jsonschema-rs", "jsonschema"])
def test_both_engines_same_report(tmp_path: Path, engine: str) -> None:
    f = tmp_path / "mix.jsonl"
    f.write_text(
        lines(
            GOOD,
            {"project": None, "session_name": "s", "source": "x", "start_time": "t"},
            {"project": "p", "config": {"a": 1}, "children_ids": "x"},
        )
    )
    r = cli(*MODEL, "--format", "json", str(f), env={"SPECGEN_VALIDATION_ENGINE": engine})
    recs = records(r.stdout)
    assert recs[-1]["engine"] == engine
    got = [[(e["pointer"], e["rule"]) for e in x["errors"]] for x in recs[:-1]]
    assert got == [
        [("/project", "type"), ("/start_time", "type")],
        [("/children_ids", "type"), ("/session_name", "required"), ("/source", "required")],
    ]


def test_progress_bar_on_a_terminal(tmp_path: Path) -> None:
    """Big file + stderr on a pty: a bar is drawn, then erased; stdout stays clean."""
    f = tmp_path / "big.jsonl"
    row = json.dumps({**GOOD, "metadata": {"pad": "x" * 200}}) + "\n"
    f.write_text(row * (5_000_000 // len(row) + 1))
    code, out, seen = run_on_a_terminal([sys.executable, "-m", "generator", *MODEL, str(f)])
    assert code == 0
    assert b"big.jsonl [" in seen and b"% " in seen and b" MB/s" in seen
    assert seen.endswith(b"\r\x1b[K")
    assert out.startswith("specgen: ") and "[" not in out


@pytest.mark.parametrize("engine", ["jsonschema-rs", "jsonschema"])
def test_schema_dir_refs_never_leave_the_folder(tmp_path: Path, engine: str) -> None:
    """A `$ref` to a file or URL is refused before any engine could follow it."""
    secret = tmp_path / "secret.json"
    secret.write_text('{"type": "string"}')
    (tmp_path / "A.schema.json").write_text(json.dumps({"title": "A", "$ref": secret.as_uri()}))
    r = cli(
        *["validate", "--model", "A", "--schema-dir", str(tmp_path), "-"],
        stdin="1",
        env={"SPECGEN_VALIDATION_ENGINE": engine},
    )
    assert r.returncode == 2
    assert r.stderr == (
        f"specgen: error: cannot compile the schema of A: #/$defs/A: $ref "
        f"'{secret.as_uri()}' is not local (#/$defs/...)\n"
    )


def test_schema_dir_invalid_schema_one_line(tmp_path: Path) -> None:
    (tmp_path / "A.schema.json").write_text(
        json.dumps({"type": "object", "properties": {"x": {"type": "wrong"}}})
    )
    r = cli("validate", "--model", "A", "--schema-dir", str(tmp_path), "-", stdin="{}")
    assert r.returncode == 2
    assert r.stderr.startswith(
        f"specgen: error: {tmp_path}: invalid schema at $defs/A/properties/x/type:"
    )
    assert len(r.stderr.splitlines()) == 1


def test_utf8_bom_is_skipped() -> None:
    r = cli(*MODEL, "-", stdin="\ufeff" + lines(GOOD, {**GOOD, "source": 1}))
    assert r.returncode == 1
    assert r.stdout.splitlines()[0] == "<stdin>:2: /source: type: expected string, got integer 1"


def test_reader_closing_the_pipe_is_quiet(tmp_path: Path) -> None:
    f = tmp_path / "many.jsonl"
    f.write_text(lines(*[{"project": i} for i in range(20_000)]))
    cmd = [sys.executable, "-m", "generator", *MODEL, str(f)]
    producer = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert producer.stdout is not None and producer.stderr is not None
    first_line = producer.stdout.readline()
    producer.stdout.close()  # what `| head -1` does
    err = producer.stderr.read()
    assert producer.wait(timeout=120) == 1
    assert first_line.startswith(f"{f}:1: /project: type:".encode())
    assert b"Traceback" not in err and b"BrokenPipe" not in err


def test_globs_expand_in_sorted_order_and_a_miss_is_reported(tmp_path: Path) -> None:
    for name in ("b.jsonl", "a.jsonl", "c.json"):
        (tmp_path / name).write_text(lines({"project": name}))
    r = cli(*MODEL, str(tmp_path / "*.jsonl"), str(tmp_path / "none-*.jsonl"))
    assert r.returncode == 2
    out = r.stdout.splitlines()
    assert list(dict.fromkeys(x.split(":")[0] for x in out[:-1])) == [
        str(tmp_path / "a.jsonl"),
        str(tmp_path / "b.jsonl"),
        str(tmp_path / "none-*.jsonl"),
    ]
    assert out[-2] == f"{tmp_path / 'none-*.jsonl'}: error: No such file or directory"


def test_url_without_its_driver_is_one_line_before_any_output() -> None:
    r = cli(*MODEL, "-", "nope://bucket/day.jsonl", stdin=lines({"project": 1}))
    assert (r.returncode, r.stdout) == (2, "")
    assert r.stderr == "specgen: error: nope://bucket/day.jsonl: Protocol not known: nope\n"
