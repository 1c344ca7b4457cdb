"""Stage 1: markdown -> Document, on real docs and on the awkward cases."""

from __future__ import annotations

from typing import Any

from conftest import CORPUS, SPEC
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from generator.parse import Cell, _cell, _inline, parse_document

SEED = SPEC / "models" / "components" / "sessionstartrequest.md"


def test_seed_outline_and_row_lines() -> None:
    text = SEED.read_text(encoding="utf-8")
    doc = parse_document(text, "models/components/sessionstartrequest.md")
    assert doc.title == "SessionStartRequest"
    assert doc.title_line == 1
    fields = doc.section("Fields")
    assert fields is not None
    (table,) = fields.tables()
    assert table.header == ("Field", "Type", "Required", "Description")
    assert len(table.rows) == 16
    lines = text.splitlines()
    for row in table.rows:
        name = row.cells[0].code
        assert name is not None
        # the recorded line really holds this row
        assert f"`{name}`" in lines[row.line - 1]
    config = table.rows[1].cells[1]
    (link,) = config.links
    assert link.text == "components.SessionStartRequestConfig"
    assert link.href == "../../models/components/sessionstartrequestconfig.md"


def test_escaped_pipe_br_html_and_strike() -> None:
    md = (
        "# T\n\nSome *description*.\n\n## Fields\n\n"
        "| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n"
        "| ~~`old`~~ | *string* | :heavy_minus_sign: | a<br/>b \\| c   |\n"
        "| `u` | [A\\|B](u.md) | :heavy_check_mark: | <b>x</b> |\n"
    )
    doc = parse_document(md, "t.md")
    assert doc.description == "Some description."
    table = doc.sections[0].tables()[0]
    old, u = table.rows
    assert old.cells[0].struck and old.cells[0].code == "old"
    assert old.cells[3].text == "a\nb | c"
    assert old.line == 9 and u.line == 10
    assert u.cells[1].links[0].text == "A|B"
    assert u.cells[3].text == "<b>x</b>"


def test_heading_lines_inside_code_blocks_are_not_headings() -> None:
    md = "# Real\n\n## Example Usage\n\n```ruby\n# Open enum: not a title\n```\n\n## Values\n"
    doc = parse_document(md, "x.md")
    assert doc.title == "Real"
    assert [s.title for s in doc.sections] == ["Example Usage", "Values"]
    assert doc.sections[0].codes()[0].content.startswith("# Open enum")


def test_nested_sections_and_bom_crlf() -> None:
    md = "\ufeff# Group\r\n\r\n## op\r\n\r\nSummary.\r\n\r\n"
    md += "### Parameters\r\n\r\n| a |\r\n| - |\r\n| 1 |\r\n"
    doc = parse_document(md, "sdks/g/README.md")
    assert doc.title == "Group"
    (op,) = doc.sections
    assert op.paragraphs()[0].text == "Summary."
    params = op.child("parameters")
    assert params is not None and params.tables()[0].rows[0].cells[0].text == "1"


def test_empty_and_junk_input_never_raise() -> None:
    for junk in ["", "\x00\x01\x02", "| | |\n|", "#", "```\nunclosed", "<div>" * 50]:
        doc = parse_document(junk, "j.md")
        assert isinstance(doc.sections, list)


# --- the fast path: block rules only, inline content parsed (memoised) by parse.py

STOCK = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])

INLINE_CASES = [
    "plain words only",
    "",
    "`code` and *em* and **strong** and ~~gone~~ and ~one~",
    "a \\| b \\* c \\` d &amp; &#124; &nope; \\\\",
    "[text `c`](u.md) [no link] ![img](i.png) <https://x.io> <b>x</b><br/>y",
    "[a [nested](n.md)](o.md) [unclosed](",
    "line one\nline two  \nthree\\\nfour",
    "*unbalanced **emphasis* here** and _under_score_ ~~a~~~",
    "[ref] and [ref][] and [Other][ref] and ![ref]",
    "`unclosed code and [link](x.md)",
]


def _stock_cells(text: str) -> tuple[list[tuple[str, Cell]], dict[str, Any]]:
    """Each inline token's content and the Cell the stock core chain's children give."""
    env: dict[str, Any] = {}
    tokens = STOCK.parse(text, env)
    return [(t.content, _cell(t.children)) for t in tokens if t.type == "inline"], env


def _assert_inline_matches_stock(text: str) -> int:
    cells, env = _stock_cells(text)
    for content, expected in cells:
        assert _inline(content, env) == expected, repr(content)
    return len(cells)


def test_inline_cells_match_the_stock_core_chain() -> None:
    doc = "# T\n\n" + "\n\n".join(INLINE_CASES) + "\n\n| a | b |\n|---|---|\n"
    doc += "".join(f"| {c.replace(chr(10), ' ')} | x |\n" for c in INLINE_CASES)
    assert _assert_inline_matches_stock(doc) > 2 * len(INLINE_CASES)
    # the same again with a reference definition in play
    assert _assert_inline_matches_stock(doc + "\n[ref]: https://r.example/ 'T'\n") > 0


def test_real_docs_inline_cells_match_the_stock_core_chain() -> None:
    files = sorted(SPEC.rglob("*.md")) + sorted(CORPUS.glob("*/docs/**/*.md"))[::10]
    assert sum(_assert_inline_matches_stock(p.read_text(errors="replace")) for p in files) > 5000


def test_reference_definitions_do_not_leak_between_documents() -> None:
    with_def = parse_document("# A\n\n[ref] here\n\n[ref]: https://r.example/\n", "a.md")
    without = parse_document("# B\n\n[ref] here\n", "b.md")
    again = parse_document("# A\n\n[ref] here\n\n[ref]: https://r.example/\n", "a.md")
    assert with_def.preamble[0].cell.links[0].href == "https://r.example/"  # type: ignore[union-attr]
    assert without.preamble[0].cell.links == []  # type: ignore[union-attr]
    assert without.description == "[ref] here"
    assert again == with_def


@settings(max_examples=500, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(st.text(alphabet=list("ab \n*_~`[]()<>!&#;\\|:/.x"), max_size=40))
def test_generated_inline_matches_the_stock_core_chain(text: str) -> None:
    _assert_inline_matches_stock(
        "# h\n\n" + text + "\n\n| c |\n|---|\n| " + text.replace("\n", " ")
    )


def test_setext_headings_are_description_text() -> None:
    # netevia-csharp: a `---` rule under a line of an operation's description
    md = (
        "# G\n\n## Control\n\nPayment Device Controller API, dedicated\n"
        "*Valid actions:*\n---\n\n### Parameters\n\nx\n"
    )
    doc = parse_document(md, "sdks/g/README.md")
    (op,) = doc.sections
    assert op.title == "Control"
    assert op.paragraphs()[0].text == "Payment Device Controller API, dedicated\nValid actions:"
    assert op.child("parameters") is not None


def test_list_items_are_marked_listed() -> None:
    # gr4vy-python: an open enum's `## Values` is a list of code spans
    md = (
        "# AccountType\n\n## Values\n\nThis is an open enum.\n\n"
        '- `"checking"`\n- `"savings"`\n\n> quoted\n\n1. `"one"`\n'
    )
    (values,) = parse_document(md, "models/accounttype.md").sections
    assert [(p.text, p.listed) for p in values.paragraphs()] == [
        ("This is an open enum.", False),
        ('"checking"', True),
        ('"savings"', True),
        ("quoted", False),
        ('"one"', True),
    ]
