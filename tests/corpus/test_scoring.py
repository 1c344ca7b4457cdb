"""The scorer itself: a doc edited to disagree with the OpenAPI must score as a
mismatch, with the aspect that differs; the lossy rule must stay dialect-bound."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from .scoring import TREES, Rule, lossy_rule, norm, score_tree

TS = TREES["honeyhive-ts"]
PAGE = "models/components/sessionstartrequest.md"


def _edited(tmp_path: Path, edits: list[tuple[str, str]]) -> Path:
    if not TS.docs.is_dir():
        pytest.skip("corpus not available")
    docs = tmp_path / "docs"
    shutil.copytree(TS.docs, docs)
    page = docs / PAGE
    text = page.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    page.write_text(text, encoding="utf-8")
    return docs


def _row(score, model: str, field: str):  # type: ignore[no-untyped-def]
    rows = [r for r in score.rows if r.model == model and r.field == field]
    assert len(rows) == 1, rows
    return rows[0]


def test_edited_docs_score_as_mismatches(tmp_path: Path) -> None:
    line_project = "| `project`"
    docs = _edited(
        tmp_path,
        [
            ("*string*[]", "*number*[]"),  # children_ids: array<string> -> array<number>
            ("`sessionName`", "`sessionTitle`"),  # wire name session_title: not in the OpenAPI
        ],
    )
    text = (docs / PAGE).read_text(encoding="utf-8")
    i = text.index(line_project)
    j = text.index("\n", i)
    (docs / PAGE).write_text(
        text[:i] + text[i:j].replace(":heavy_check_mark:", ":heavy_minus_sign:") + text[j:],
        encoding="utf-8",
    )
    s = score_tree(replace(TS, root=docs), tmp_path / "build")
    assert _row(s, "SessionStartRequest", "children_ids").verdict == "mismatch"
    assert "string" in _row(s, "SessionStartRequest", "children_ids").why
    assert _row(s, "SessionStartRequest", "project").verdict == "mismatch"
    assert "required" in _row(s, "SessionStartRequest", "project").why
    assert _row(s, "SessionStartRequest", "session_title").verdict == "mismatch"
    assert _row(s, "SessionStartRequest", "session_name").why == "missing from the docs"
    # untouched rows of the same model stay exact
    assert _row(s, "SessionStartRequest", "source").verdict == "exact"
    # a TypeScript `number` for an OpenAPI integer is lossy, not exact
    assert _row(s, "SessionStartRequest", "end_time").verdict == "lossy"


def test_an_enum_edit_is_a_value_mismatch(tmp_path: Path) -> None:
    if not TS.docs.is_dir():
        pytest.skip("corpus not available")
    docs = tmp_path / "docs"
    shutil.copytree(TS.docs, docs)
    page = docs / "models/components/calltype.md"
    text = page.read_text(encoding="utf-8")
    assert "completion" in text
    page.write_text(text.replace("completion", "complete"), encoding="utf-8")
    s = score_tree(replace(TS, root=docs), tmp_path / "build")
    row = _row(s, "CallType", "(values)")
    assert row.verdict == "mismatch" and "complete" in row.why


def test_lossy_rules_are_dialect_bound() -> None:
    widen = ("type", ("number", ""), ("integer", "int64"))
    rule = lossy_rule("typescript", *widen)
    assert isinstance(rule, Rule) and rule.name == "number-for-integer"
    assert lossy_rule("python", *widen) is None
    # A date-time the dialect could have written is not excused.
    assert lossy_rule("typescript", "format", ("string", ""), ("string", "date-time")) is None
    assert lossy_rule("typescript", "format", ("string", ""), ("string", "email")) is not None


def test_norm_ignores_case_and_punctuation() -> None:
    assert norm("Session-Start_Request") == norm("sessionstartrequest")
