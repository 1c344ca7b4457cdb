"""Reading table cells: required marks, descriptions, deprecation, Type columns."""

from __future__ import annotations

from collections.abc import Iterable

from ..diagnostics import Diagnostics
from ..ir import Source
from ..parse import Cell, Document, Row, Section, Table

REQUIRED_YES = {":heavy_check_mark:", "✔", "✔️", "yes", "true", "required", "y", "x"}
REQUIRED_NO = {":heavy_minus_sign:", "➖", "-", "no", "false", "optional", "n", ""}


def _required(cell: Cell, src: Source, diags: Diagnostics) -> bool:
    text = cell.text.strip().lower()
    if text in REQUIRED_YES:
        return True
    if text not in REQUIRED_NO:
        diags.error(src.file, src.line, f"Required must be yes or no, not {cell.text!r}")
    return False


def _description(cell: Cell | None) -> str:
    if cell is None:
        return ""
    text = cell.text
    return "" if text == "N/A" else text


def _deprecated(name_cell: Cell, description: str) -> bool:
    head = description[:40].replace(" ", "").upper()
    return name_cell.struck or "DEPRECATED" in head


def _table_of(section: Section | None) -> Table | None:
    if section is None:
        return None
    tables = section.tables()
    return tables[0] if tables else None


def _doc_cells(doc: Document) -> list[Cell]:
    """Every Type cell of a document, for dialect detection."""
    cells: list[Cell] = []

    def walk(secs: Iterable[Section]) -> None:
        for s in secs:
            for t in s.tables():
                col = t.column("type")
                if col is not None:
                    cells.extend(r.cells[col] for r in t.rows if col < len(r.cells))
            walk(s.children)

    walk(doc.sections)
    return cells


def _cell_at(row: Row, i: int | None) -> Cell | None:
    return row.cells[i] if i is not None and i < len(row.cells) else None


def _tables_anywhere(doc: Document, sec: Section | None) -> list[Table]:
    if sec is None:
        return [b for b in doc.preamble if isinstance(b, Table)]
    out = sec.tables()
    for c in sec.children:
        out.extend(_tables_anywhere(doc, c))
    return out
