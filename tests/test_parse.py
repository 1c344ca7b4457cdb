"""Stage 1: markdown -> Document, on real docs and on the awkward cases."""

from __future__ import annotations

from conftest import SPEC

from generator.parse import parse_document

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
