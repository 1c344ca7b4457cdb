"""types.Memo and detect_all's early exit must not change what any cell reads as.

Every Type cell of spec/ and of each corpus tree is read in every dialect three
ways: plain `parse_type`, a `Memo` (first read and repeat read), and a Memo
shared with another file of the same folder and of another folder.  Results (or
error messages) must match exactly.  `detect_all`, which skips a dialect once it
cannot tie the best, must choose what a full count of every dialect chooses.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

import pytest
from corpus.scoring import TREES

from generator.diagnostics import Diagnostics
from generator.ir import Ref
from generator.parse import Cell, parse_document
from generator.resolve import discover
from generator.resolve.tables import _doc_cells
from generator.types import (
    Dialect,
    Memo,
    Parsed,
    TypeSyntaxError,
    detect_all,
    dialects,
    parse_type,
)

ROOT = Path(__file__).resolve().parents[1]
SPECS = {"spec": ROOT / "spec", **{name: t.docs for name, t in TREES.items()}}


def _read(parse: object, d: Dialect, cell: Cell, path: str) -> Parsed | str:
    try:
        return parse(d, cell, path)  # type: ignore[operator,no-any-return]
    except TypeSyntaxError as e:
        return f"error: {e}"


def _docs(root: Path) -> list[tuple[str, list[Cell]]]:
    if not root.is_dir():
        pytest.fail(f"missing spec tree {root}")
    files = discover(root, Diagnostics())
    return [(rel, _doc_cells(parse_document(text, rel))) for rel, text in files]


def _full_count(cells: list[Cell], path: str, cands: list[Dialect]) -> list[Dialect]:
    """detect_all's rule without the early exit: every dialect reads every cell."""
    best, chosen = (-1, 0), []
    for d in cands:
        ok = recognised = 0
        for c in cells:
            try:
                p = parse_type(d, c, path)
            except TypeSyntaxError:
                continue
            ok += 1
            recognised += 0 if isinstance(p.type, Ref) else 1
        if (ok, recognised) > best:
            best, chosen = (ok, recognised), [d]
        elif (ok, recognised) == best:
            chosen.append(d)
    return chosen if cells else []


@pytest.mark.parametrize("name", sorted(SPECS))
def test_memo_reads_every_cell_as_parse_type_does(name: str) -> None:
    docs = _docs(SPECS[name])
    all_dialects = list(dialects().values())
    memo = Memo()
    checked = 0
    for path, cells in docs:
        # the same cell in a sibling file and in files of other folders and depths
        # (Speakeasy's `../../models/x.md` reads the same from any folder two deep)
        base = posixpath.basename(path)
        others = [posixpath.join(posixpath.dirname(path), "zz_sibling.md")]
        others += [base, posixpath.join("up", base), posixpath.join("a", "b", "c", base)]
        for cell in cells:
            for d in all_dialects:
                want = _read(parse_type, d, cell, path)
                assert _read(memo.parse_type, d, cell, path) == want, (path, d.name, cell)
                assert _read(memo.parse_type, d, cell, path) == want, (path, d.name, cell)
                for other in others:
                    assert _read(memo.parse_type, d, cell, other) == _read(
                        parse_type, d, cell, other
                    ), (other, d.name, cell)
                checked += 1
    assert checked > 0


@pytest.mark.parametrize("name", sorted(SPECS))
def test_detect_all_early_exit_chooses_as_a_full_count(name: str) -> None:
    cands = list(dialects().values())
    memo = Memo()
    for path, cells in _docs(SPECS[name]):
        want = [d.name for d in _full_count(cells, path, cands)]
        assert [d.name for d in detect_all(cells, path, cands)] == want, path
        assert [d.name for d in detect_all(cells, path, cands, memo.parse_type)] == want, path
